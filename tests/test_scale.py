"""The shortcuts that keep 100,000 user-added rounds fast (benchmarks/scale.py) give exactly
the answers of the plain way: the same rows as csv.DictReader, the same criteria as checking
each round alone."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from oinp_assistant import draws
from oinp_assistant.catalog import Catalog
from oinp_assistant.eligibility import check_draw, check_profile
from oinp_assistant.profile import Profile

CELL = st.text(st.sampled_from('ab,"\n\r ;|x'), max_size=6)


@given(
    header=st.lists(st.sampled_from(["id", "date", "notes", "x", ""]), max_size=5),
    rows=st.lists(st.lists(CELL, max_size=7), max_size=6),
    blank_lines=st.lists(st.integers(0, 8), max_size=3),
)
def test_rows_are_read_as_dictreader_reads_them(
    header: list[str], rows: list[list[str]], blank_lines: list[int]
) -> None:
    # Short rows, long rows, blank lines, quoted line breaks and repeated column names.
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    lines = out.getvalue().splitlines(keepends=True)
    for at in blank_lines:
        lines.insert(min(at, len(lines)), "\r\n")
    text = "".join(lines)

    expected_reader = csv.DictReader(io.StringIO(text, newline=""))
    expected = [(expected_reader.line_num, row) for row in expected_reader]
    reader = csv.reader(draws._lines(text))
    first = next(reader, [])
    assert first == (expected_reader.fieldnames or [])
    assert list(draws._numbered(reader, first, Path("x.csv"))) == expected


def _same_day_catalog(catalog: Catalog) -> Catalog:
    """Six rounds on one day: three target the nurse's NOC, three do not."""
    base: dict[str, Any] = {
        "date": dt.date(2024, 6, 4),
        "window_start": dt.date(2024, 1, 1),
        "window_end": dt.date(2024, 6, 1),
        "min_score": 40,
        "residence_required": "no",
        "confidence": "1",
        "sources": ("https://example.org/n",),
    }
    rounds = [
        ("foreign_worker", "gta", ("31301",)),
        ("international_student", "redi", ("31301", "72106")),
        ("in_demand_skills", "northern_ontario", ("31301",)),
        ("foreign_worker", "health", ("72106",)),
        ("international_student", "general_x", ("21231",)),
        ("in_demand_skills", "trades", ("72106", "21231")),
    ]
    added = [
        draws.Draw(id=f"r-{stream}-{label}", stream=stream, round=label, noc_codes=nocs, **base)
        for stream, label, nocs in rounds
    ]
    return Catalog(
        streams=catalog.streams,
        draws=[*catalog.draws, *added],
        occupations=catalog.occupations,
        meta=catalog.meta,
        data_dir=catalog.data_dir,
        round_conditions=catalog.round_conditions,
    )


def test_a_check_of_every_round_gives_what_checking_each_round_alone_gives(
    catalog: Catalog,
) -> None:
    # check_profile builds the "targeted that day in ..." sentence once a day; alone, each
    # round builds it itself from the same day's rounds.
    many = _same_day_catalog(catalog)
    profile = Profile(
        stream="foreign_worker", noc="31301", eoi_score=50, eoi_registered=dt.date(2024, 2, 1)
    )
    report = check_profile(profile, many, dt.date(2026, 11, 26), all_streams=True)
    targeted = [d for d in many.draws if d.noc_codes and "31301" in d.noc_codes]
    sentences = set()
    for result in report.results:
        same_day = [d for d in targeted if d.date == result.draw.date]
        assert result == check_draw(profile, result.draw, many, same_day)
        sentences.add(next(c.detail for c in result.criteria if c.name == "occupation"))
    assert (
        "Your NOC 31301 (Registered nurses and registered psychiatric nurses) was not targeted "
        "in this round; that day it was targeted in the Foreign Worker GTA, In-Demand Skills "
        "Northern Ontario and International Student REDI rounds."
    ) in sentences
