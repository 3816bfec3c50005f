"""A stream's state on a day is computed once (Stream.state_on) and every front end words it."""

from __future__ import annotations

import datetime as dt

import pytest

from oinp_assistant import wording
from oinp_assistant.catalog import Catalog
from oinp_assistant.eligibility import stream_status
from oinp_assistant.tui import display

D = dt.date


@pytest.mark.parametrize(
    ("stream", "day", "phase"),
    [
        ("foreign_worker", D(2026, 5, 29), "open"),
        ("foreign_worker", D(2026, 5, 30), "closed"),  # `closed` is the first day it is gone
        ("ontario_workforce_priority", D(2026, 6, 24), "not_yet_open"),
        ("ontario_workforce_priority", D(2026, 6, 25), "open"),
    ],
)
def test_state_on_a_day_follows_the_recorded_dates(
    catalog: Catalog, stream: str, day: dt.date, phase: str
) -> None:
    state = catalog.streams[stream].state_on(day)
    assert state.phase == phase
    assert state.is_open is (phase == "open")


def test_a_closed_stream_names_its_successor_only_once_closed(catalog: Catalog) -> None:
    fw = catalog.streams["foreign_worker"]
    assert fw.state_on(D(2026, 5, 29)).successor is None
    assert fw.state_on(D(2026, 5, 30)).successor == "ontario_workforce_priority"


@pytest.mark.parametrize(
    "day", [D(2026, 5, 29), D(2026, 5, 30), D(2026, 6, 25), D(2026, 6, 26), D(2026, 11, 26)]
)
@pytest.mark.parametrize("stream", ["foreign_worker", "ontario_workforce_priority"])
def test_cli_and_tui_say_the_same_state(catalog: Catalog, stream: str, day: dt.date) -> None:
    # The CLI's message, the TUI's badge, line and full text all word one StreamState.
    state = catalog.streams[stream].state_on(day)
    message = stream_status(catalog.streams[stream], catalog, day).message
    assert message.startswith(wording.state_sentence(state, catalog.streams))
    badge = display.stream_badge(catalog, stream, day).plain
    assert badge == f"{wording.state_badge(state).symbol} {wording.state_badge(state).words}"
    full = display.stream_status_full(catalog, stream, day)
    if state.is_open:
        assert badge == "● OPEN" and full == ""
    else:
        assert badge.startswith("✘")
        assert full.startswith(wording.state_sentence(state, catalog.streams))


def test_the_closed_stream_advice_differs_only_in_how_to_switch(catalog: Catalog) -> None:
    day = D(2026, 11, 26)
    cli = stream_status(catalog.streams["foreign_worker"], catalog, day).message
    tui = display.stream_status_full(catalog, "foreign_worker", day)
    assert cli.endswith("and, if you do, switch your profile's stream to it.")
    assert tui.endswith(
        "and, if you do, choose Ontario Workforce Priority as your stream and save."
    )
    assert cli.split(" if you do,")[0] == tui.split(" if you do,")[0]


def test_one_set_of_marks_for_verdicts_and_criteria() -> None:
    assert {m.symbol for m in wording.STATUSES.values()} == {"✔", "✘", "?"}
    assert {k: v[0] for k, v in display.STATUSES.items()} == {
        k: m.symbol for k, m in wording.STATUSES.items()
    }
    assert {k: v[:2] for k, v in display.VERDICTS.items()} == {
        k: (m.symbol, m.words) for k, m in wording.VERDICTS.items()
    }


def test_confidence_is_explained_and_an_unknown_grade_shown_as_is() -> None:
    assert wording.confidence_text("1") == "1 (a single source)"
    assert wording.confidence_text("??") == "??"
