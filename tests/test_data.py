"""The bundled record and the user's added draws: loaded, validated, and honest about its reach.

Rules: DESIGN.md sections 2-3 (draws are data with sources; user draws use the same format and
validation), reference/oinp-rules.md 5b (record checked through 2026-10-03).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog, load_catalog
from oinp_assistant.draws import (
    COLUMNS,
    Draw,
    RoundCondition,
    load_draw_file,
    load_round_conditions,
)
from oinp_assistant.grid import load_grid
from oinp_assistant.problems import ProblemsError
from oinp_assistant.streams import load_streams

# --- bundled catalog -----------------------------------------------------------------------


def test_bundled_catalog_loads(catalog: Catalog) -> None:
    assert catalog.streams and catalog.draws and catalog.occupations
    assert catalog.user_draw_files == []


def test_bundled_record_has_158_draws_newest_2026_04_30(catalog: Catalog) -> None:
    assert len(catalog.draws) == 158
    assert catalog.newest_draw == dt.date(2026, 4, 30)


def test_bundled_record_was_checked_through_2026_10_03(catalog: Catalog) -> None:
    assert catalog.meta.checked_through == dt.date(2026, 10, 3)
    freshness = catalog.freshness()
    assert "2026-04-30" in freshness and "2026-10-03" in freshness
    assert "Later rounds are not in it" in freshness


def test_every_bundled_draw_has_a_source_and_a_confidence(catalog: Catalog) -> None:
    for draw in catalog.draws:
        assert draw.sources, draw.id
        assert all(s.startswith("https://") for s in draw.sources), draw.id
        assert draw.confidence in ("2+", "1", "conflict"), draw.id


def test_every_bundled_draw_belongs_to_a_known_stream(catalog: Catalog) -> None:
    assert {d.stream for d in catalog.draws} <= set(catalog.streams)


def test_bundled_draw_ids_are_unique_and_name_date_and_stream(catalog: Catalog) -> None:
    ids = [d.id for d in catalog.draws]
    assert len(ids) == len(set(ids))
    for draw in catalog.draws:
        assert draw.id.startswith(f"{draw.date.isoformat()}-{draw.stream}-"), draw.id


def test_bundled_windows_are_ordered_and_end_by_the_draw_date(catalog: Catalog) -> None:
    for draw in catalog.draws:
        if draw.window_start and draw.window_end:
            assert draw.window_start <= draw.window_end <= draw.date, draw.id


def test_bundled_targeted_nocs_exist_in_noc_2021(catalog: Catalog) -> None:
    for draw in catalog.draws:
        for code in draw.noc_codes or ():
            assert code in catalog.occupations, (draw.id, code)


def test_no_bundled_draw_after_the_streams_closed(catalog: Catalog) -> None:
    for draw in catalog.draws:
        assert not catalog.streams[draw.stream].is_closed_on(draw.date), draw.id


def test_no_round_of_workforce_priority_in_the_bundled_record(catalog: Catalog) -> None:
    assert catalog.draws_for("ontario_workforce_priority") == []


def test_draws_for_sorts_newest_first_then_stream_then_round(catalog: Catalog) -> None:
    draws = catalog.draws_for()
    keys = [(-d.date.toordinal(), d.stream, d.round) for d in draws]
    assert keys == sorted(keys)
    assert draws[0].date == dt.date(2026, 4, 30)


# --- streams -------------------------------------------------------------------------------


def test_all_old_streams_closed_on_2026_05_30_and_point_to_workforce_priority(
    catalog: Catalog,
) -> None:
    old = [s for s in catalog.streams.values() if s.id != "ontario_workforce_priority"]
    assert len(old) == 8
    for stream in old:
        assert stream.closed == dt.date(2026, 5, 30), stream.id
        assert stream.replaced_by == "ontario_workforce_priority", stream.id


def test_workforce_priority_dates_and_grid(catalog: Catalog) -> None:
    owp = catalog.streams["ontario_workforce_priority"]
    # In force on 2026-06-25 (O. Reg. 204/26); 06-26 is only the day it was announced.
    assert (owp.opened, owp.eoi_from, owp.closed) == (
        dt.date(2026, 6, 25),
        dt.date(2026, 8, 4),
        None,
    )
    assert owp.max_score == 130
    window = owp.window_for(dt.date(2026, 9, 1))
    assert window is not None
    assert (window.employer_days, window.candidate_days) == (14, 17)


def test_express_entry_streams_are_not_eoi_scored(catalog: Catalog) -> None:
    express = {s.id for s in catalog.streams.values() if s.category == "express_entry"}
    assert express == {
        "human_capital_priorities",
        "french_speaking_skilled_worker",
        "skilled_trades",
    }
    assert all(not catalog.streams[s].eoi_scored for s in express)


# --- NOC 2021 table and search -------------------------------------------------------------


def test_noc_table_has_516_unit_groups(catalog: Catalog) -> None:
    assert len(catalog.occupations) == 516


def test_noc_teer_is_the_second_digit(catalog: Catalog) -> None:
    welder = catalog.occupations["72106"]
    assert (welder.teer, welder.broad_category) == (2, 7)
    assert catalog.occupations["00012"].teer == 0


def test_search_welder_ranks_72106_first(catalog: Catalog) -> None:
    assert catalog.search_occupations("welder")[0].occupation.code == "72106"


def test_search_mine_electrician_finds_72201(catalog: Catalog) -> None:
    codes = [m.occupation.code for m in catalog.search_occupations("mine electrician")]
    assert "72201" in codes


def test_search_by_code_prefix(catalog: Catalog) -> None:
    matches = catalog.search_occupations("7210")
    assert matches and all(m.occupation.code.startswith("7210") for m in matches)
    assert catalog.search_occupations("72106")[0].occupation.code == "72106"


def test_search_ignores_case_and_extra_spaces(catalog: Catalog) -> None:
    assert catalog.search_occupations("  WELDER ")[0].occupation.code == "72106"


def test_search_for_nothing_finds_nothing(catalog: Catalog) -> None:
    assert catalog.search_occupations("") == []
    assert catalog.search_occupations("zzzqqqxxx") == []


# --- user-added draws ----------------------------------------------------------------------


def _row(**changes: str) -> dict[str, str]:
    row = {
        "id": "2026-09-15-ontario_workforce_priority-general",
        "date": "2026-09-15",
        "stream": "ontario_workforce_priority",
        "round": "general",
        "invitations": "500",
        "min_score": "70",
        "window_start": "2026-08-04",
        "window_end": "2026-09-13",
        "noc_codes": "",
        "region": "",
        "communities": "",
        "residence_required": "in_canada_with_permit",
        "confidence": "1",
        "notes": "added by hand",
        "sources": "https://www.ontario.ca/page/2026-ontario-immigrant-nominee-program-updates",
    }
    row.update(changes)
    return row


def _write_draws(
    folder: Path,
    rows: list[dict[str, str]],
    name: str = "mine.csv",
    columns: Sequence[str] = COLUMNS,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path = folder / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_user_draws_are_loaded_on_top_of_the_bundled_ones(tmp_path: Path) -> None:
    path = _write_draws(tmp_path / "draws", [_row()])
    loaded = load_catalog(user_draws_dir=tmp_path / "draws")
    assert len(loaded.draws) == 159
    assert loaded.newest_draw == dt.date(2026, 9, 15)
    assert loaded.user_draw_files == [path]
    added = loaded.draws_for("ontario_workforce_priority")
    assert [d.origin for d in added] == [str(path)]
    assert added[0].is_general and added[0].min_score == 70


def test_user_draw_with_a_bundled_id_replaces_it(tmp_path: Path, catalog: Catalog) -> None:
    bundled = next(d for d in catalog.draws if d.id == "2026-04-30-foreign_worker-gta")
    row = _row(
        id=bundled.id,
        date="2026-04-30",
        stream="foreign_worker",
        round="gta",
        min_score="58",
        window_start="2025-07-02",
        window_end="2026-04-28",
        region="gta",
    )
    _write_draws(tmp_path / "draws", [row])
    loaded = load_catalog(user_draws_dir=tmp_path / "draws")
    assert len(loaded.draws) == 158
    replaced = next(d for d in loaded.draws if d.id == bundled.id)
    assert replaced.min_score == 58 and replaced.origin != "bundled"


def test_user_draws_dir_defaults_to_the_isolated_data_folder(isolated_user_dirs: Path) -> None:
    _write_draws(isolated_user_dirs / "data" / "draws", [_row()])
    loaded = load_catalog()
    assert len(loaded.draws) == 159


def test_unknown_noc_list_and_unknown_communities_are_read_as_none(tmp_path: Path) -> None:
    path = _write_draws(tmp_path, [_row(noc_codes="unknown", communities="Unknown")])
    [draw] = load_draw_file(path, origin="test", known_streams={"ontario_workforce_priority"})
    assert draw.noc_codes is None and draw.communities is None
    assert not draw.is_general


def test_semicolon_lists_and_pipe_separated_sources_are_split(tmp_path: Path) -> None:
    row = _row(
        noc_codes="72106; 21231",
        communities="Lanark;Leeds and Grenville",
        sources="https://a.example | https://b.example",
    )
    path = _write_draws(tmp_path, [row])
    [draw] = load_draw_file(path, origin="test", known_streams={"ontario_workforce_priority"})
    assert draw.noc_codes == ("72106", "21231")
    assert draw.communities == ("Lanark", "Leeds and Grenville")
    assert draw.sources == ("https://a.example", "https://b.example")


def test_empty_residence_column_means_unknown(tmp_path: Path) -> None:
    path = _write_draws(tmp_path, [_row(residence_required="")])
    [draw] = load_draw_file(path, origin="test", known_streams={"ontario_workforce_priority"})
    assert draw.residence_required == "unknown"


# (id, row changes, column named, words the message must contain)
BROKEN_ROWS = [
    ("bad date", {"date": "2026-09-31"}, "date", ["date"]),
    (
        "unknown stream",
        {"stream": "ontario_workforce"},
        "stream",
        ['unknown stream "ontario_workforce"', 'Did you mean "ontario_workforce_priority"?'],
    ),
    (
        "NOC not five digits",
        {"noc_codes": "72106;2123"},
        "noc_codes",
        ['"2123" is not five digits'],
    ),
    (
        "negative invitations",
        {"invitations": "-5"},
        "invitations",
        ['"-5" is less than 0; write a number 0 or more'],
    ),
    (
        "score not a number",
        {"min_score": "high"},
        "min_score",
        ['"high" is not a whole number; write digits only'],
    ),
    ("no source", {"sources": ""}, "sources", ["this column must not be empty"]),
    ("empty id", {"id": ""}, "id", ["must not be empty"]),
    (
        "bad confidence",
        {"confidence": "sure"},
        "confidence",
        ['"sure" is not one of the values allowed here; write one of "2+", "1", "conflict"'],
    ),
    (
        "impossible date",
        {"date": "2026-02-30"},
        "date",
        ['"2026-02-30" is not a real date: February 2026 has 28 days; write YYYY-MM-DD'],
    ),
    (
        "day and month swapped",
        {"date": "2026-13-09"},
        "date",
        ["there is no month 13 (the order is year-month-day: 2026-09-13?)"],
    ),
    ("date not a date", {"date": "soon"}, "date", ['"soon" is not a date; write it as YYYY-MM-DD']),
    ("bad residence rule", {"residence_required": "yes"}, "residence_required", ["in_canada"]),
    (
        "window backwards",
        {"window_start": "2026-09-14"},
        "window_start",
        ["window_start is after window_end"],
    ),
]


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [case[1:] for case in BROKEN_ROWS],
    ids=[case[0] for case in BROKEN_ROWS],
)
def test_broken_user_draw_names_file_line_and_column(
    tmp_path: Path, changes: dict[str, str], column: str, words: list[str]
) -> None:
    good = _row(id="2026-09-01-ontario_workforce_priority-general", date="2026-09-01")
    path = _write_draws(tmp_path / "draws", [good, _row(**changes)])
    with pytest.raises(ProblemsError) as info:
        load_catalog(user_draws_dir=tmp_path / "draws")
    [problem] = info.value.problems
    assert problem.file == path
    assert problem.line == 3  # header is line 1, the good row line 2
    assert problem.key == column
    for word in words:
        assert word in problem.message


def test_user_draws_file_missing_a_column_names_the_column(tmp_path: Path) -> None:
    columns = [c for c in COLUMNS if c != "residence_required"]
    path = _write_draws(tmp_path / "draws", [_row()], columns=columns)
    with pytest.raises(ProblemsError) as info:
        load_catalog(user_draws_dir=tmp_path / "draws")
    [problem] = info.value.problems
    assert problem.file == path and problem.line == 1
    assert 'missing column "residence_required"' in problem.message
    assert ",".join(COLUMNS) in problem.message


def test_user_draws_file_with_a_misspelt_column_suggests_the_right_one(tmp_path: Path) -> None:
    columns = [("min_scor" if c == "min_score" else c) for c in COLUMNS]
    row = {("min_scor" if k == "min_score" else k): v for k, v in _row().items()}
    _write_draws(tmp_path / "draws", [row], columns=columns)
    with pytest.raises(ProblemsError) as info:
        load_catalog(user_draws_dir=tmp_path / "draws")
    messages = [p.message for p in info.value.problems]
    assert any(
        'unknown column "min_scor"' in m and 'Did you mean "min_score"' in m for m in messages
    )
    assert any('missing column "min_score"' in m for m in messages)


def test_every_broken_row_in_every_user_file_is_reported_at_once(tmp_path: Path) -> None:
    _write_draws(tmp_path / "draws", [_row(date="someday")], name="a.csv")
    _write_draws(
        tmp_path / "draws",
        [_row(stream="nope"), _row(id="x2", noc_codes="1")],
        name="b.csv",
    )
    with pytest.raises(ProblemsError) as info:
        load_catalog(user_draws_dir=tmp_path / "draws")
    where = sorted((p.file.name, p.line, p.key) for p in info.value.problems)
    assert where == [("a.csv", 2, "date"), ("b.csv", 2, "stream"), ("b.csv", 3, "noc_codes")]


def test_repeated_id_within_one_file_is_reported(tmp_path: Path) -> None:
    path = _write_draws(tmp_path, [_row(), _row()])
    with pytest.raises(ProblemsError) as info:
        load_draw_file(path, origin="t", known_streams={"ontario_workforce_priority"})
    [problem] = info.value.problems
    assert problem.line == 3 and problem.key == "id" and "repeats line 2" in problem.message


def test_files_other_than_csv_in_the_user_draws_dir_are_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "draws"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a draws file")
    assert len(load_catalog(user_draws_dir=folder).draws) == 158


def test_row_with_an_unquoted_comma_is_reported_not_shifted(tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    good = io.StringIO()
    writer = csv.DictWriter(good, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerow(_row())
    # the same row with its notes written without quotes around a comma
    shifted = good.getvalue().splitlines()[1].replace("added by hand", "added, by hand")
    path.write_text(good.getvalue() + shifted.replace("2026-09-15-", "2026-09-16-") + "\n")
    with pytest.raises(ProblemsError) as info:
        load_draw_file(path, origin="t", known_streams={"ontario_workforce_priority"})
    [problem] = info.value.problems
    assert problem.line == 3
    assert "more cells than the 15 columns" in problem.message
    assert "double quotes" in problem.message


def test_search_for_punctuation_only_finds_nothing(catalog: Catalog) -> None:
    assert catalog.search_occupations("-") == []
    assert catalog.search_occupations("welder!")[0].occupation.code == "72106"


# --- round conditions and readable round labels --------------------------------------------


def test_round_conditions_file_loads_with_a_text_and_a_source_each(catalog: Catalog) -> None:
    assert {c.round for c in catalog.round_conditions} == {
        "french_speaking",
        "empp",
        "greater_sudbury",
    }
    for condition in catalog.round_conditions:
        assert condition.text and condition.source, condition
        assert condition.streams is None or set(condition.streams) <= set(catalog.streams)


def test_every_round_condition_names_a_round_label_of_the_bundled_draws(catalog: Catalog) -> None:
    labels = {d.round for d in catalog.draws}
    for condition in catalog.round_conditions:
        assert condition.round in labels, condition.round
        assert any(condition.applies_to(d) for d in catalog.draws), condition.round


def test_round_condition_texts_are_the_ones_the_draw_notes_give(catalog: Catalog) -> None:
    # The CLB 5 level is sourced for the Foreign Worker round only; the other French rounds'
    # notes say "Francophones candidates" and no level, and the condition says just that.
    texts = {(c.round, c.streams): c.text for c in catalog.round_conditions}
    assert texts == {
        ("french_speaking", ("foreign_worker",)): "French at least at CLB 5",
        ("french_speaking", ("international_student", "in_demand_skills")): (
            "francophone candidates (the French level was not found in the sources)"
        ),
        ("empp", None): "only candidates of the Economic Mobility Pathways Pilot (EMPP)",
        ("greater_sudbury", None): "a bachelor's degree or higher",
    }


@pytest.mark.parametrize(
    "pattern",
    [r"CLB|Francophone|French-speaking", r"Economic Mobility", r"bachelor"],
    ids=["french", "empp", "degree"],
)
def test_every_draw_whose_notes_set_such_a_condition_has_one_recorded(
    catalog: Catalog, pattern: str
) -> None:
    noted = [d for d in catalog.draws if re.search(pattern, d.notes)]
    assert noted
    for draw in noted:
        assert catalog.conditions_for(draw), draw.id


def test_broken_round_conditions_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "round_conditions.toml"
    path.write_text('[[condition]]\nround = "empp"\ntext = "x"\n', encoding="utf-8")  # no source
    with pytest.raises(ProblemsError) as info:
        load_round_conditions(path)
    (problem,) = info.value.problems
    assert problem.file == path and problem.key == "condition[0].source"
    assert problem.message == "this key is required; add it."


def test_round_condition_with_streams_applies_only_to_those_streams(catalog: Catalog) -> None:
    french = [d for d in catalog.draws if d.round == "french_speaking"]
    condition = RoundCondition(
        round="french_speaking", text="x", source="y", streams=("in_demand_skills",)
    )
    assert {d.stream for d in french if condition.applies_to(d)} == {"in_demand_skills"}


@pytest.mark.parametrize(
    ("draw_id", "label"),
    [
        ("2026-04-30-foreign_worker-gta", "GTA"),
        ("2026-04-08-foreign_worker-redi", "REDI"),
        ("2024-01-24-foreign_worker-empp", "EMPP"),
        ("2026-04-23-foreign_worker-northern_ontario", "Northern Ontario"),
        ("2026-04-08-foreign_worker-french_speaking", "French-speaking"),
        ("2025-09-03-foreign_worker-targeted_77_nocs", "targeted 77 NOCs"),
        ("2025-06-06-foreign_worker-greater_sudbury", "Greater Sudbury"),
        ("2026-04-22-masters_graduate-general", "general"),
        ("2026-04-01-foreign_worker-mining", "mining"),
    ],
)
def test_draw_label_is_written_as_a_person_writes_it(
    catalog: Catalog, draw_id: str, label: str
) -> None:
    assert next(d for d in catalog.draws if d.id == draw_id).label == label


def test_unknown_round_label_words_are_kept_with_spaces() -> None:
    draw = Draw(
        id="2026-01-01-foreign_worker-x",
        date=dt.date(2026, 1, 1),
        stream="foreign_worker",
        round="gta_healthcare_workers",
        noc_codes=(),
        residence_required="unknown",
        confidence="1",
        sources=("https://example.org",),
    )
    assert draw.label == "GTA healthcare workers"


def test_employer_job_offer_pools_were_withdrawn_on_2025_06_21(catalog: Catalog) -> None:
    withdrawn = {s.id: s.pool_withdrawn for s in catalog.streams.values() if s.pool_withdrawn}
    assert withdrawn == {
        "foreign_worker": dt.date(2025, 6, 21),
        "international_student": dt.date(2025, 6, 21),
        "in_demand_skills": dt.date(2025, 6, 21),
    }


@pytest.mark.parametrize(
    ("name", "load"),
    [
        ("round_conditions.toml", load_round_conditions),
        ("streams.toml", load_streams),
        ("owp_grid.toml", load_grid),
    ],
)
def test_every_bundled_toml_file_that_is_not_utf8_is_named_not_a_traceback(
    tmp_path: Path, name: str, load: Callable[[Path], object]
) -> None:
    """One reader for every bundled TOML file (data_files.read_toml): the same message each."""
    broken = tmp_path / name
    broken.write_bytes(b"# caf\xe9\n")
    with pytest.raises(ProblemsError, match="it is not UTF-8 text; save it as UTF-8"):
        load(broken)
