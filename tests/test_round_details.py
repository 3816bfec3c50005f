"""Round details for candidates: what the round required in plain words, generated from the
record; research notes only on request; no raw ids; URLs whole, one per line."""

from __future__ import annotations

import json

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.cli.main import main
from oinp_assistant.draws import RESIDENCE_WORDS, round_note

GTA = "2026-04-30-foreign_worker-gta"
RAW_IDS = ("in_canada_with_permit", "in_canada", "northern_ontario", "southwestern_ontario")


def show(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["draws", "show", *argv]) == 0
    return capsys.readouterr().out


def test_every_round_has_a_note_without_raw_ids(catalog: Catalog) -> None:
    for draw in catalog.draws:
        conditions = [c.text for c in catalog.conditions_for(draw)]
        note = " ".join(round_note(draw, catalog.stream_name(draw.stream), conditions))
        assert RESIDENCE_WORDS[draw.residence_required] in note
        for raw in RAW_IDS:
            assert raw not in note, (draw.id, raw)
        assert len(draw.notes) < 20 or draw.notes not in note  # research notes stay out


def test_the_note_says_what_the_round_required(catalog: Catalog) -> None:
    draw = next(d for d in catalog.draws if d.id == GTA)
    note = round_note(draw, "Foreign Worker", [])
    assert note == [
        "Foreign Worker, GTA round on 2026-04-30: 786 invitations to apply.",
        f"Only for {len(draw.noc_codes or ())} occupations (listed below).",
        "Only for jobs in the Greater Toronto Area (City of Toronto included).",
        "Only EOIs created and attested to from 2025-07-02 to 2026-04-28, both included.",
        "Lowest EOI score invited: 57.",
        "Who could be invited: only people living in Canada with a valid work or study permit.",
    ]


def test_draws_show_keeps_research_notes_for_v(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    draw = next(d for d in catalog.draws if d.id == GTA)
    plain = show(capsys, GTA)
    assert "Only for jobs in the Greater Toronto Area" in plain
    assert "official table note" not in plain and "draws show -v" in plain
    assert "in_canada_with_permit" not in plain
    verbose = show(capsys, "-v", GTA)
    assert "research notes: official table note" in verbose
    assert len(draw.notes) > 0


def test_draws_show_prints_each_url_whole_on_its_own_line(
    capsys: pytest.CaptureFixture[str], catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    out = show(capsys, GTA)
    lines = [line.strip() for line in out.splitlines()]
    for source in next(d for d in catalog.draws if d.id == GTA).sources:
        assert source in lines


def test_draws_show_json_adds_the_note_and_keeps_the_record(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    data = json.loads(show(capsys, "--json", GTA))
    draw = next(d for d in catalog.draws if d.id == GTA)
    assert data["round_note"] == round_note(draw, "Foreign Worker", [])
    assert data["notes"] == draw.notes and data["residence_required"] == "in_canada_with_permit"
