"""The app's "Add a round" form: from the Draws screen, the fields of `oinp draws add`, checked
at the field, the same refusal of duplicates, and removal of an added round from its screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.style import Style
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, Static

from oinp_assistant.cli.main import main
from oinp_assistant.staleness import INVITATIONS_PAGE, updates_page
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.add_round import AddRoundScreen
from oinp_assistant.tui.screens.confirm import ConfirmScreen
from oinp_assistant.tui.screens.draw_detail import DrawDetailScreen
from oinp_assistant.tui.screens.draws import DrawsScreen, stale_line
from oinp_assistant.tui.screens.error import ErrorScreen
from oinp_assistant.tui.widgets.form_field import FormField

from .conftest import TODAY, notifications, running, settle

ROUND_ID = "2026-11-20-ontario_workforce_priority-health"
NURSE = (
    'stream = "ontario_workforce_priority"\nnoc = "31301"\neoi_score = 74\n'
    'eoi_registered = 2026-09-01\n\n[permit]\ntype = "work"\nexpires = 2027-06-30\n'
    "in_canada = true\n"
)


@pytest.fixture
def folder(isolated_user_dirs: Path) -> Path:
    return isolated_user_dirs / "data" / "draws"


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


async def type_into(pilot: Pilot[Any], field_id: str, text: str) -> None:
    field = pilot.app.screen.query_one(f"#in-{field_id}", Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


async def fill_health_round(pilot: Pilot[Any], *, min_score: str = "70") -> None:
    """The OWP health round of 2026-11-20, typed as a person would."""
    screen = pilot.app.screen
    assert isinstance(screen, AddRoundScreen)
    await type_into(pilot, "date", "2026-11-20")
    screen.query_one("#in-stream", Select).value = "ontario_workforce_priority"
    await type_into(pilot, "label", "health")
    await type_into(pilot, "invitations", "500")
    await type_into(pilot, "min_score", min_score)
    await type_into(pilot, "window", "2026-08-04:2026-11-15")
    # Two occupations: one by its code, one by a title and the list of matches.
    await type_into(pilot, "nocs", "31301")
    await pilot.press("enter")
    await type_into(pilot, "nocs", "general practitioners")
    await pilot.pause()
    await pilot.press("down", "enter")  # the first match fills the code
    await pilot.press("enter")  # and Enter adds it
    screen.query_one("#in-residence", Select).value = "in_canada_with_permit"
    await pilot.pause()


async def test_a_adds_a_round_that_is_checked_at_once_and_used_by_check(
    app_for: Callable[..., OinpApp],
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    app = app_for(NURSE)
    async with running(app, "w", "a") as pilot:
        assert isinstance(app.screen, AddRoundScreen)
        assert app.focused is app.screen.query_one("#in-date", Input)
        await fill_health_round(pilot)
        nocs = str(app.screen.query_one("#round-nocs", Static).render())
        assert "+ 31301 Registered nurses" in nocs and "+ 31102 General practitioners" in nocs
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Back on the draws, the cursor on the new round, marked as the user's, with its verdict.
        assert isinstance(app.screen, DrawsScreen)
        table = app.screen.query_one("#draws-table", DataTable)
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == ROUND_ID
        cells = [str(c) for c in table.get_row_at(table.cursor_row)]
        assert cells[3] == "+ health" and "in scope" in cells[1]
        assert "Added the health round of 2026-11-20" in notifications(app)[-1]
        assert "in scope for your profile" in notifications(app)[-1]
    stored = (folder / "added.csv").read_text(encoding="utf-8")
    assert ROUND_ID in stored and "31301;31102" in stored
    argv = ["check", "--profile", str(tmp_path / "profile.toml"), "--json"]
    assert main([*argv, "--today", TODAY.isoformat()]) == 0
    [result] = json.loads(capsys.readouterr().out)["results"]
    assert result["draw"]["id"] == ROUND_ID and result["verdict"] == "in_scope"


async def test_a_wrong_value_is_shown_at_its_field_and_nothing_is_written(
    app_for: Callable[..., OinpApp], folder: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "w", "a") as pilot:
        await fill_health_round(pilot, min_score="7o")
        field = app.screen.query_one("#field-min_score", FormField)
        assert field.error == "A whole number, 0 or more."  # as typed, before Save
        await type_into(pilot, "date", "2026-12-24")
        assert "after today" in app.screen.query_one("#field-date", FormField).error
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message", Static).render())
        assert "--min-score" in message and "--date" in message
        await pilot.press("escape")
        assert isinstance(app.screen, AddRoundScreen)  # what was typed is still there
        assert app.screen.query_one("#in-label", Input).value == "health"
    assert snapshot(folder) == {}


async def test_a_duplicate_is_refused_at_the_label_and_the_file_is_unchanged(
    app_for: Callable[..., OinpApp], folder: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "w", "a") as pilot:
        await fill_health_round(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        before = snapshot(folder)
        await pilot.press("a")
        await fill_health_round(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("escape")
        error = app.screen.query_one("#field-label", FormField).error
        assert f"already in the record: {ROUND_ID}" in error
    assert snapshot(folder) == before


async def test_an_added_round_is_removed_from_its_screen_after_a_yes(
    app_for: Callable[..., OinpApp], folder: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "w", "a") as pilot:
        await fill_health_round(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # the cursor is on the new round
        assert isinstance(app.screen, DrawDetailScreen)
        sources = str(app.screen.query_one("#draw-sources", Static).render())
        assert "+ added by you on 2026-11-26" in sources
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("enter")  # Remove
        await pilot.pause()
        assert isinstance(app.screen, DrawsScreen)
        keys = [str(r.key.value) for r in app.screen.query_one(DataTable).ordered_rows]
        assert ROUND_ID not in keys
        assert notifications(app)[-1] == f"Removed the round {ROUND_ID}."
    assert ROUND_ID not in (folder / "added.csv").read_text(encoding="utf-8")


async def test_a_bundled_round_offers_no_removal(
    app_for: Callable[..., OinpApp], folder: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "w", "enter") as pilot:
        assert isinstance(app.screen, DrawDetailScreen)
        await pilot.press("x")
        assert isinstance(app.screen, DrawDetailScreen)
        assert not app.screen.check_action("remove_round", ())
    assert snapshot(folder) == {}


async def test_escape_leaves_the_form_without_writing(
    app_for: Callable[..., OinpApp], folder: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "w", "a") as pilot:
        await type_into(pilot, "date", "2026-11-20")
        await pilot.press("escape")
        assert isinstance(app.screen, DrawsScreen)
    assert snapshot(folder) == {}


def test_the_form_at_80x24(
    snap_compare: Callable[..., bool],
    build_app: Callable[..., OinpApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("profile.toml").write_text(NURSE)
    app = build_app(Path("profile.toml"), export_dir=Path("."), poll_interval=3600)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("w", "a")
        await pilot.pause()
        await pilot.press(*"2026-11-2o")  # a wrong date: its message under the field
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_an_old_record_is_said_above_the_table_until_a_round_is_added(
    app_for: Callable[..., OinpApp], folder: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "w") as pilot:
        assert isinstance(app.screen, DrawsScreen)
        shown = str(app.screen.query_one("#draws-stale", Static).render())
        assert shown.startswith("⚠ The record is 54 days old")
        assert "press a to add one" in shown
        line = stale_line(app.screen.session)
        assert line is not None and str(line) == shown
        styles = [Style.parse(s.style) if isinstance(s.style, str) else s.style for s in line.spans]
        links = {style.link for style in styles if style.link}
        assert links == {INVITATIONS_PAGE, updates_page(2026)}
        await pilot.press("a")
        await fill_health_round(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Adding a round is a fresh look at the official pages: the warning goes.
        assert isinstance(app.screen, DrawsScreen)
        assert not app.screen.query("#draws-stale")
