"""Chances from the history: counts from the record and a chart that shows where a score stands."""

from __future__ import annotations

import json
from pathlib import Path

from oinp_assistant.cli.main import main
from oinp_assistant.insights import chances, score_chart
from oinp_assistant.profile import Profile, load_profile

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "example-profile.toml"


def test_counts_rounds_of_the_stream_and_those_open_to_the_occupation(catalog):
    result = chances(load_profile(EXAMPLE), catalog)
    stream_draws = catalog.draws_for("foreign_worker")
    assert result.rounds == len(stream_draws)
    open_draws = [d for d in stream_draws if d.is_general or "21231" in (d.noc_codes or ())]
    assert result.rounds_open_to_noc == len(open_draws)
    assert result.first == min(d.date for d in stream_draws)
    assert result.last == max(d.date for d in stream_draws)
    assert sum(n for _, n in result.rounds_by_year) == result.rounds


def test_reachable_rounds_are_open_to_the_noc_with_a_minimum_at_or_below_the_score(catalog):
    result = chances(load_profile(EXAMPLE), catalog)
    reachable = result.reachable()
    assert reachable and all(p.open_to_noc and p.min_score <= 57 for p in reachable)
    lower = chances(load_profile(EXAMPLE).model_copy(update={"eoi_score": 20}), catalog)
    assert len(lower.reachable()) < len(reachable)


def test_a_stream_without_rounds_says_so(catalog):
    result = chances(Profile(stream="ontario_workforce_priority", eoi_score=80), catalog)
    assert result.rounds == 0 and score_chart(result) == []
    assert "No round of this stream is in the data" in result.summary()[0]


def test_chart_draws_the_score_line_and_one_mark_per_round(catalog):
    result = chances(load_profile(EXAMPLE), catalog)
    lines = score_chart(result, width=30, height=8)
    plot = lines[:8]
    assert any(line.startswith("57 ┤") and "─" in line for line in plot)
    marks = sum(line.count("●") + line.count("○") + line.count("◌") for line in plot)
    # a round drawn on the score line replaces a dash; every one of the last 30 rounds shows
    assert marks == min(30, len(result.points))
    assert lines[-1].strip().startswith(result.points[-30].date.isoformat())


def test_spacing_spreads_the_rounds_and_keeps_the_score_line_unbroken(catalog):
    result = chances(load_profile(EXAMPLE), catalog)
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


def test_chances_command_prints_the_chart_and_json(capsys):
    assert main(["chances", "--example"]) == 0
    out = capsys.readouterr().out
    assert "your score" in out and "┤" in out
    assert main(["chances", "--example", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["rounds"] > 0 and data["min_scores"][0]["min_score"] >= 0
