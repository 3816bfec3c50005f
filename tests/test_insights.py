"""Chances from the history: counts from the record and a chart that shows where a score stands."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oinp_assistant.catalog import Catalog
from oinp_assistant.cli.main import main
from oinp_assistant.insights import (
    CellKind,
    Chances,
    ChartCell,
    ScorePoint,
    chances,
    chart_grid,
    score_chart,
)
from oinp_assistant.profile import Profile, load_profile

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "example-foreign-worker.toml"
TODAY = dt.date(2026, 11, 26)


def test_counts_rounds_of_the_stream_and_those_open_to_the_occupation(catalog: Catalog) -> None:
    result = chances(load_profile(EXAMPLE), catalog, TODAY)
    stream_draws = catalog.draws_for("foreign_worker")
    assert result.rounds == len(stream_draws)
    open_draws = [d for d in stream_draws if d.is_general or "21231" in (d.noc_codes or ())]
    assert result.rounds_open_to_noc == len(open_draws)
    assert result.first == min(d.date for d in stream_draws)
    assert result.last == max(d.date for d in stream_draws)
    assert sum(n for _, n in result.rounds_by_year) == result.rounds


def test_reachable_rounds_are_open_to_the_noc_with_a_minimum_at_or_below_the_score(
    catalog: Catalog,
) -> None:
    result = chances(load_profile(EXAMPLE), catalog, TODAY)
    reachable = result.reachable()
    assert reachable and all(p.open_to_noc and p.min_score <= 57 for p in reachable)
    lower = chances(load_profile(EXAMPLE).model_copy(update={"eoi_score": 20}), catalog, TODAY)
    assert len(lower.reachable()) < len(reachable)


def test_rounds_after_today_are_not_history_yet(catalog: Catalog) -> None:
    # like `oinp check --today`: on 2026-04-20 the rounds of 04-22 to 04-30 had not happened
    before = chances(load_profile(EXAMPLE), catalog, dt.date(2026, 4, 20))
    assert before.last is not None and before.last <= dt.date(2026, 4, 20)
    later = [d for d in catalog.draws_for("foreign_worker") if d.date > dt.date(2026, 4, 20)]
    assert later and before.rounds == chances(load_profile(EXAMPLE), catalog, TODAY).rounds - len(
        later
    )


def test_a_stream_without_rounds_says_so(catalog: Catalog) -> None:
    result = chances(Profile(stream="ontario_workforce_priority", eoi_score=80), catalog, TODAY)
    assert result.rounds == 0 and score_chart(result) == []
    assert "No round of this stream is in the data" in result.summary()[0]


def test_chart_draws_the_score_line_and_one_mark_per_round(catalog: Catalog) -> None:
    result = chances(load_profile(EXAMPLE), catalog, TODAY)
    lines = score_chart(result, width=30, height=8)
    plot = lines[:8]
    assert any(line.startswith("57 ┤") and "─" in line for line in plot)
    marks = sum(line.count("●") + line.count("○") + line.count("◌") for line in plot)
    # a round drawn on the score line replaces a dash; every one of the last 30 rounds shows
    assert marks == min(30, len(result.points))
    assert lines[-1].strip().startswith(result.points[-30].date.isoformat())


def test_spacing_spreads_the_rounds_and_keeps_the_score_line_unbroken(catalog: Catalog) -> None:
    result = chances(load_profile(EXAMPLE), catalog, TODAY)
    narrow = score_chart(result, width=30, height=8)
    wide = score_chart(result, width=30, height=8, spacing=3)
    assert len(wide) == len(narrow)
    for tight, spread in zip(narrow[:8], wide[:8], strict=True):
        label, plot = spread.split("┤")
        assert label == tight.split("┤")[0]
        assert len(plot) == 30 + 29 * 2
        assert plot[::3] == tight.split("┤")[1]  # the same marks, two columns apart
        if label.strip() == "57":
            assert set(plot) <= {"─", "●", "○", "◌"}
    assert wide[-2].endswith("─" * (30 + 29 * 2))
    assert wide[-1].strip().startswith(result.points[-30].date.isoformat())
    assert wide[-1].endswith(result.points[-1].date.isoformat())
    assert len(wide[-1]) <= len(wide[-2]) + 1


def test_chances_command_prints_the_chart_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chances", "--example-foreign-worker"]) == 0
    out = capsys.readouterr().out
    assert "your score" in out and "┤" in out
    assert main(["chances", "--example-foreign-worker", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rounds"] > 0 and data["min_scores"][0]["min_score"] >= 0


# --- the score line: on it only a round whose minimum was exactly the score ----------------

MARKS = "●○◌"


def _chances(scores: list[int], score: int | None) -> Chances:
    points = tuple(
        ScorePoint(dt.date(2026, 1, 1) + dt.timedelta(days=i), s, f"d{i}", "general", True)
        for i, s in enumerate(scores)
    )
    return Chances(
        stream="foreign_worker",
        noc="21231",
        score=score,
        rounds=len(points),
        rounds_open_to_noc=len(points),
        rounds_noc_unknown=0,
        first=points[0].date if points else None,
        last=points[-1].date if points else None,
        points=points,
        rounds_by_year=((2026, len(points)),),
    )


def _rows(lines: list[str], height: int) -> tuple[int, list[int]]:
    """(score row, row of each round), rows counted from the bottom, read from spacing=2 text."""
    plot = [line.split("┤", 1)[1] for line in lines[:height]][::-1]
    score_rows = [r for r, cells in enumerate(plot) if cells[1::2] and set(cells[1::2]) == {"─"}]
    assert len(score_rows) == 1, lines
    columns = len(plot[0][::2])
    rows = []
    for x in range(columns):
        found = [r for r in range(height) if plot[r][2 * x] in MARKS]
        assert len(found) == 1, (x, lines)
        rows.append(found[0])
    return score_rows[0], rows


def test_a_round_one_point_above_the_score_is_drawn_above_the_line() -> None:
    # 60 and 61 fall on the same row of a 10-row chart from 50 to 100.
    c = _chances([50, 61, 60, 59, 100], score=60)
    score_row, rows = _rows(score_chart(c, height=10, spacing=2), 10)
    assert rows[1] > score_row  # 61: missed by the score
    assert rows[2] == score_row  # 60: exactly the score
    assert rows[3] < score_row  # 59: met by the score


def test_score_row_is_kept_below_the_top_when_a_round_was_higher() -> None:
    c = _chances([50, 101], score=100)
    lines = score_chart(c, height=8, spacing=2)
    score_row, rows = _rows(lines, 8)
    assert score_row == 6 and rows == [0, 7]
    assert lines[0].startswith("101 ┤") and lines[1].startswith("100 ┤")


def test_score_row_is_kept_above_the_bottom_when_a_round_was_lower() -> None:
    c = _chances([49, 100], score=50)
    lines = score_chart(c, height=8, spacing=2)
    score_row, rows = _rows(lines, 8)
    assert score_row == 1 and rows == [0, 7]
    assert lines[6].startswith(" 50 ┤")


def test_score_above_every_round_stays_on_the_top_row() -> None:
    score_row, rows = _rows(score_chart(_chances([40, 50], score=90), height=6, spacing=2), 6)
    assert score_row == 5 and all(r < score_row for r in rows)


@settings(max_examples=200, deadline=None)
@given(
    scores=st.lists(st.integers(0, 130), min_size=2, max_size=40),
    score=st.integers(0, 130),
    height=st.integers(3, 14),
)
def test_no_round_the_score_missed_or_beat_sits_on_the_score_line(
    scores: list[int], score: int, height: int
) -> None:
    c = _chances(scores, score)
    score_row, rows = _rows(score_chart(c, width=len(scores), height=height, spacing=2), height)
    for min_score, row in zip(scores, rows, strict=True):
        if min_score > score:
            assert row > score_row, (min_score, score)
        elif min_score < score:
            assert row < score_row, (min_score, score)
        else:
            assert row == score_row


def test_a_very_short_chart_still_keeps_rounds_off_the_score_line(catalog: Catalog) -> None:
    result = chances(load_profile(EXAMPLE), catalog, TODAY)
    points = result.points[-20:]
    plot = [
        line.split("┤", 1)[1] for line in score_chart(result, width=20, height=1) if "┤" in line
    ]
    assert len(plot) == 3  # above the score, the score line, below it
    marks = "●○◌"
    for row, wanted in zip(plot, (1, 0, -1), strict=True):
        count = sum(ch in marks for ch in row)
        assert count == sum((p.min_score > 57) - (p.min_score < 57) == wanted for p in points)


def test_summary_counts_read_in_the_singular_for_one_round() -> None:
    one = _chances([50], score=55).summary()
    assert one[0].startswith("1 round of this stream from 2026-01-01 to 2026-01-01.")
    assert one[1].startswith("1 of them was open to NOC 21231")
    assert "met the minimum in 1 of 1 round with a known minimum that was open" in one[-1]
    two = _chances([50, 60], score=55).summary()
    assert two[0].startswith("2 rounds of this stream")
    assert two[1].startswith("2 of them were open")
    assert "in 1 of 2 rounds with a known minimum that were open" in two[-1]


# --- the chart as data: what the TUI styles, and what score_chart writes out ---------------


def _mixed() -> Chances:
    """Three rounds, one of each kind, around a score of 60."""
    c = _chances([50, 60, 70], score=60)
    kinds = (True, False, None)
    points = tuple(
        ScorePoint(p.date, p.min_score, p.draw_id, p.round, k)
        for p, k in zip(c.points, kinds, strict=True)
    )
    return dataclasses.replace(c, points=points)


def test_chart_grid_holds_one_cell_per_round_with_its_kind_and_round() -> None:
    c = _mixed()
    chart = chart_grid(c, height=5)
    assert chart is not None
    assert chart.rounds == c.points
    assert all(len(row.cells) == 3 for row in chart.rows)
    # Each column holds its round once, on the row of its minimum, in the kind of its list.
    kinds: tuple[CellKind, ...] = ("open", "closed", "unknown_list")
    for x, (point, kind) in enumerate(zip(c.points, kinds, strict=True)):
        marks = [row.cells[x] for row in chart.rows if row.cells[x].point is not None]
        assert marks == [ChartCell(kind, point)]
    assert [row.cells[0].kind for row in chart.rows][-1] == "open"  # 50: the bottom row
    assert chart.rows[0].cells[2] == ChartCell("unknown_list", c.points[2])  # 70: the top


def test_chart_grid_score_line_row_and_labels() -> None:
    chart = chart_grid(_mixed(), height=5)
    assert chart is not None
    (line,) = [row for row in chart.rows if row.score_line]
    # The round whose minimum was the score sits on the line; the rest of the line is line.
    assert [cell.kind for cell in line.cells] == ["score_line", "closed", "score_line"]
    assert [row.label for row in chart.rows] == ["70", "", "60", "", "50"]
    assert chart.x_labels == ("2026-01-01", "2026-01-03")
    assert chart.label_width == 2
    # Everything but a round or the score line is empty.
    kinds = {cell.kind for row in chart.rows if not row.score_line for cell in row.cells}
    assert kinds == {"open", "unknown_list", "empty"}


def test_a_chart_of_one_round_names_its_date_once() -> None:
    lines = score_chart(_chances([55], 60), height=5)
    assert lines[-1].split() == ["2026-01-01"]
    two = score_chart(_chances([55, 58], 60), height=5)
    assert two[-1].split() == ["2026-01-01", "2026-01-02"]


def test_score_chart_is_the_grid_written_out() -> None:
    c = _mixed()
    chart = chart_grid(c, height=5, spacing=2)
    assert chart is not None
    assert (
        score_chart(c, height=5, spacing=2)
        == chart.lines()
        == [
            "70 ┤    ◌",
            "   ┤     ",
            "60 ┤──○──",
            "   ┤     ",
            "50 ┤●    ",
            "   └─────",
            "    2026-01-01 2026-01-03",
        ]
    )


def test_no_round_with_a_minimum_gives_no_chart() -> None:
    assert chart_grid(_chances([], score=60)) is None
