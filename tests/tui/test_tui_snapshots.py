"""How every screen looks, at 80x24 and at 140x40, on a fixed day. Paths are relative so the
pictures do not depend on where the tests run.

Update after a deliberate change with `pytest tests/tui --snapshot-update`, then look at the
SVGs in __snapshots__ before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from oinp_assistant import locations
from oinp_assistant.tui.app import OinpApp

from .conftest import COMMENTED_PROFILE, NO_INVITATION_PROFILE, ready
from .test_tui_owp import NURSE

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((140, 40), id="140x40")]
Snap = Callable[..., bool]


@pytest.fixture(autouse=True)
def in_tmp_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    # Shown by the read-only editor; never written by these tests.
    monkeypatch.setattr(locations, "config_dir", lambda: Path("~/.config/oinp-assistant"))


@pytest.fixture
def app(build_app: Callable[..., OinpApp]) -> OinpApp:
    Path("profile.toml").write_text(COMMENTED_PROFILE)
    return build_app(Path("profile.toml"), export_dir=Path("."), poll_interval=3600)


def steps(*keys: str) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run(pilot: Pilot[Any]) -> None:
        await ready(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES)
def test_dashboard(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_draws(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("w"))


@pytest.mark.parametrize("size", SIZES)
def test_draws_filtered(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    keys = ("w", "slash", *"northern", "enter")
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_draw_detail(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("w", "enter"))


@pytest.mark.parametrize("size", SIZES)
def test_chances(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("h"))


@pytest.mark.parametrize("size", SIZES)
def test_deadlines(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("l"))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("l", "x"))


@pytest.mark.parametrize("size", SIZES)
def test_profile_editor(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("e"))


@pytest.mark.parametrize("size", SIZES)
def test_profile_editor_invalid_field(
    snap_compare: Snap, app: OinpApp, size: tuple[int, int]
) -> None:
    # The stream closed: the form starts at the stream; tab to the NOC, score, EOI date.
    keys = ("e", "tab", "tab", "tab", "ctrl+u", *"2026-02-30")
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_noc_search(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    keys = ("e", "tab", "ctrl+u", *"software")
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=steps("f1"))


@pytest.mark.parametrize("size", SIZES)
def test_read_only_save(
    snap_compare: Snap, build_app: Callable[..., OinpApp], size: tuple[int, int]
) -> None:
    # The bundled example, shown by a relative path so the picture is the same everywhere.
    Path("example.toml").write_text(locations.example_profile_path("foreign_worker").read_text())
    app = build_app(Path("example.toml"), read_only=True, poll_interval=3600)
    assert snap_compare(app, terminal_size=size, run_before=steps("e", "ctrl+s"))


@pytest.mark.parametrize("size", SIZES)
def test_welcome(
    snap_compare: Snap, build_app: Callable[..., OinpApp], size: tuple[int, int]
) -> None:
    app = build_app(Path("profile.toml"), poll_interval=3600)
    assert snap_compare(app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_problems(
    snap_compare: Snap, build_app: Callable[..., OinpApp], size: tuple[int, int]
) -> None:
    Path("profile.toml").write_text(
        'stream = "foriegn_worker"\nnoc = "99999"\neoi_score = 200\njob_regoin = "gta"\n'
    )
    app = build_app(Path("profile.toml"), poll_interval=3600)
    assert snap_compare(app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_deadlines_urgent(
    snap_compare: Snap, build_app: Callable[..., OinpApp], size: tuple[int, int]
) -> None:
    # Invited 2026-11-11: the employer's day passed 1 day ago, the candidate has 2 days left.
    Path("profile.toml").write_text(NO_INVITATION_PROFILE + "\n[invitation]\ndate = 2026-11-11\n")
    app = build_app(Path("profile.toml"), poll_interval=3600)
    assert snap_compare(app, terminal_size=size, run_before=steps("l"))


@pytest.mark.parametrize("size", SIZES)
def test_error_modal(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    keys = ("e", "tab", "tab", "ctrl+u", *"131", "ctrl+s")
    assert snap_compare(app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_help_in_a_text_field(snap_compare: Snap, app: OinpApp, size: tuple[int, int]) -> None:
    # Tab from the stream to the NOC field: the keys of a text field.
    assert snap_compare(app, terminal_size=size, run_before=steps("e", "tab", "f1"))


@pytest.fixture
def owp_app(build_app: Callable[..., OinpApp]) -> OinpApp:
    """A registered nurse in Ontario Workforce Priority, EOI registered, not invited yet."""
    Path("profile.toml").write_text(NURSE)
    return build_app(Path("profile.toml"), export_dir=Path("."), poll_interval=3600)


@pytest.mark.parametrize("size", SIZES)
def test_owp_dashboard(snap_compare: Snap, owp_app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(owp_app, terminal_size=size, run_before=steps())


@pytest.mark.parametrize("size", SIZES)
def test_score(snap_compare: Snap, owp_app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(owp_app, terminal_size=size, run_before=steps("s"))


@pytest.mark.parametrize("size", SIZES)
def test_score_try_a_change(snap_compare: Snap, owp_app: OinpApp, size: tuple[int, int]) -> None:
    keys = ("s", "t", *"language.english.writing=9", "enter")
    assert snap_compare(owp_app, terminal_size=size, run_before=steps(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_journey(snap_compare: Snap, owp_app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(owp_app, terminal_size=size, run_before=steps("j"))


@pytest.mark.parametrize("size", SIZES)
def test_handoff_dialog(snap_compare: Snap, owp_app: OinpApp, size: tuple[int, int]) -> None:
    assert snap_compare(owp_app, terminal_size=size, run_before=steps("j", "m"))
