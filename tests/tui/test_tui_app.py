"""The app shell: title, first run, problems and reload, watching the file, keys, help, palette."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandPalette
from textual.widgets import TextArea

from oinp_assistant.catalog import Catalog
from oinp_assistant.problems import ProblemsError
from oinp_assistant.profile import load_checked_profile
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.dashboard import DashboardScreen
from oinp_assistant.tui.screens.deadlines import DeadlinesScreen
from oinp_assistant.tui.screens.draws import DrawsScreen
from oinp_assistant.tui.screens.help import HelpScreen
from oinp_assistant.tui.screens.loading import LoadingScreen
from oinp_assistant.tui.screens.problems import ProblemsScreen
from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen
from oinp_assistant.tui.screens.welcome import WelcomeScreen
from oinp_assistant.tui.widgets.title_bar import TitleBar

from .conftest import (
    in_pty,
    notifications,
    oinp_argv,
    pty_env,
    read_until,
    ready,
    running,
    wait_until,
    write_from_outside,
)

BROKEN = """\
stream = "foriegn_worker"
noc = "99999"
eoi_score = 200
permit = { type = "none", expires = 2027-01-01 }
job_regoin = "gta"
"""


async def test_header_reads_oinp_assistant(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, notifications=True):
        assert isinstance(app.screen, DashboardScreen)
        title = str(app.screen.query_one(TitleBar).render())
        assert title.startswith("OINP Assistant")


async def test_keys_switch_screens(build_app: Callable[..., OinpApp], profile_file: Path) -> None:
    app = build_app(profile_file)
    async with running(app, notifications=True) as pilot:
        for key, screen_type in [
            ("w", DrawsScreen),
            ("l", DeadlinesScreen),
            ("e", ProfileEditorScreen),
            # Escape leaves the editor for the screen it was opened from.
            ("escape", DeadlinesScreen),
            ("w", DrawsScreen),
            ("e", ProfileEditorScreen),
            ("escape", DrawsScreen),
            ("d", DashboardScreen),
        ]:
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen_type), key
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
    assert not app.is_running


async def test_first_run_shows_welcome(build_app: Callable[..., OinpApp], tmp_path: Path) -> None:
    app = build_app(tmp_path / "nothing-here.toml")
    async with running(app, notifications=True) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("o")  # the bundled example, read-only
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.session is not None and app.session.read_only
        assert "read-only" in str(app.screen.query_one(TitleBar).render())


async def test_area_keys_without_a_profile_say_why_they_do_nothing(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    """A new user presses s or w (the keys they will use later, or typed during start-up):
    nothing could open, and silence looked broken. One note says why, however many keys."""
    app = build_app(tmp_path / "nothing-here.toml")
    async with running(app, notifications=True) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press("s", "w", "j")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert notifications(app) == [
            "No profile yet: press c to create one, or o to open the example; "
            "then every area opens."
        ]
    broken = tmp_path / "broken.toml"
    broken.write_text('stream = "nope"\n', encoding="utf-8")
    app = build_app(broken)
    async with running(app, notifications=True) as pilot:
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("w")
        await pilot.pause()
        assert notifications(app) == [
            "The areas open once your files have no problems: fix the ones listed first."
        ]


async def test_broken_profile_lists_every_problem_then_r_reloads(
    build_app: Callable[..., OinpApp], tmp_path: Path, catalog: Catalog
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(BROKEN, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        load_checked_profile(path, catalog)
    expected = [str(p) for p in caught.value.problems]
    assert len(expected) >= 3
    app = build_app(path, poll_interval=60)
    async with running(app, notifications=True) as pilot:
        assert isinstance(app.screen, ProblemsScreen)
        shown = [str(s.render()) for s in app.screen.query(".problem")]
        assert len(shown) == len(expected)
        for number, (line, problem) in enumerate(zip(shown, expected, strict=True), start=1):
            assert line == f"{number}. {problem}"
        # The user fixes the file in an editor and presses r.
        path.write_text('stream = "foreign_worker"\n', encoding="utf-8")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_external_edit_reloads_and_says_so(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file, poll_interval=0.1)
    async with running(app, notifications=True) as pilot:
        assert app.session is not None and app.session.profile.eoi_score == 57
        text = profile_file.read_text().replace("eoi_score = 57", "eoi_score = 61")
        write_from_outside(profile_file, text)
        await wait_until(
            pilot, lambda: app.session is not None and app.session.profile.eoi_score == 61
        )
        assert app.session.profile.eoi_score == 61
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert any("changed on disk; reloaded" in n for n in notifications(app))
        # Breaking the file while the app runs shows the problems, not a crash.
        write_from_outside(profile_file, "stream = 3\n")
        await wait_until(pilot, lambda: isinstance(app.screen, ProblemsScreen))
        assert isinstance(app.screen, ProblemsScreen)


async def test_f1_help_lists_live_bindings(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, notifications=True) as pilot:
        await pilot.press("l")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        described = {(key, what) for _, key, what in app.screen.rows}
        assert ("x", "Calendar") in described  # a key of the Deadlines screen
        assert ("w", "Draws") in described
        assert ("^q, q", "Quit") in described  # keys that do the same share a row
        assert ("^p", "Command palette") in described
        rows = app.screen.rows
        # No noise: Textual's copy-selected-text and sideways scrolling, macOS super+ twins.
        whats = [what for _, _, what in rows]
        assert "Copy selected text" not in whats
        assert not {"Scroll Left", "Scroll Right", "Page Left", "Page Right"} & set(whats)
        assert not any("super+" in key for _, key, _ in rows)
        assert len(whats) == len({(where, what) for where, _, what in rows})
        assert all(what[0].isupper() for what in whats)
        await pilot.press("escape")
        assert isinstance(app.screen, DeadlinesScreen)


async def test_question_mark_opens_the_help_too(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    """'?' is the help key of many terminal programs: a new user tries it before F1."""
    app = build_app(profile_file)
    async with running(app, notifications=True) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert ("f1, ?", "Help") in {(key, what) for _, key, what in app.screen.rows}


async def test_palette_titles_actions_by_area(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, notifications=True) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for wanted in (
            "Deadlines: export calendar",
            "Draws: show",
            "Profile: edit",
            "Dashboard: show",
            "Help: show keys",
        ):
            assert wanted in titles
        await pilot.press("w")
        await pilot.pause()
        assert "Draws: filter" in [c.title for c in app.get_system_commands(app.screen)]
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"export calendar")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "ExportDialog"


def test_app_module_imports_no_domain_or_icalendar() -> None:
    """Start-up cost: the app module needs Textual only; icalendar waits for an export."""
    code = textwrap.dedent(
        """
        import sys
        import oinp_assistant.tui.app
        print("pydantic" in sys.modules, "icalendar" in sys.modules)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_icalendar_not_imported_until_export(tmp_path: Path) -> None:
    code = textwrap.dedent(
        f"""
        import asyncio, datetime as dt, sys
        from pathlib import Path
        from oinp_assistant.tui.app import OinpApp

        async def main():
            app = OinpApp(Path({str(tmp_path / "p.toml")!r}), dt.date(2026, 11, 26),
                           export_dir=Path({str(tmp_path)!r}))
            async with app.run_test(notifications=True) as pilot:
                await app.workers.wait_for_complete()
                for key in "wld":
                    await pilot.pause()
                    await pilot.press(key)
                await pilot.pause()
                before = "icalendar" in sys.modules
                await pilot.press("l", "x")
                await pilot.pause()
                await pilot.press("enter")
                await pilot.pause()
                print(type(app.screen).__name__, before, "icalendar" in sys.modules)

        asyncio.run(main())
        """
    )
    from .conftest import COMMENTED_PROFILE

    (tmp_path / "p.toml").write_text(COMMENTED_PROFILE)
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.split() == ["DeadlinesScreen", "False", "True"]
    assert (tmp_path / "oinp-deadlines.ics").exists()


async def test_an_unexpected_loading_error_is_shown_not_hung_on(
    build_app: Callable[..., OinpApp], profile_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oinp_assistant.tui import state

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom [red]")

    monkeypatch.setattr(state, "load_session", explode)
    app = build_app(profile_file)
    async with running(app):
        assert isinstance(app.screen, ProblemsScreen)
        shown = [str(s.render()) for s in app.screen.query(".problem")]
        assert shown == ["1. unexpected error while loading: RuntimeError('boom [red]')"]


def test_run_app_opens_the_example_read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's entry point: `oinp --example` opens the bundled profile read-only."""
    import datetime as dt

    from oinp_assistant import locations
    from oinp_assistant.tui import app as app_module

    seen: list[OinpApp] = []
    monkeypatch.setattr(app_module, "terminal_problem", lambda: None)  # pytest has no terminal
    monkeypatch.setattr(app_module.OinpApp, "run", lambda self, **kw: seen.append(self))
    example = locations.example_profile_path("foreign_worker")
    assert app_module.run_app(example, dt.date(2026, 11, 26), True) == 0
    assert seen[0].profile_path == example
    assert seen[0].read_only and seen[0].today == dt.date(2026, 11, 26)
    assert app_module.run_app(Path("mine.toml"), dt.date(2026, 11, 27), False) == 0
    assert seen[1].profile_path == Path("mine.toml") and not seen[1].read_only


def test_without_a_terminal_oinp_says_so_and_exits_2(tmp_path: Path) -> None:
    """`oinp --example </dev/null` used to wait forever for keys that could never come."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-m", "oinp_assistant", "--example-foreign-worker"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert out.returncode == 2
    assert "need a terminal" in out.stderr and "stdin, stdout and stderr are not" in out.stderr
    assert "oinp check" in out.stderr
    assert out.stdout == ""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal")
def test_with_stderr_redirected_oinp_says_so_on_the_terminal_and_exits_2(tmp_path: Path) -> None:
    """Textual draws on stderr: `oinp 2>log` showed a blank screen, the app's frames going to
    the log. The reason is shown where the user looks, on the terminal."""
    log = tmp_path / "log"

    def stderr_to_log() -> None:
        os.dup2(os.open(log, os.O_WRONLY | os.O_CREAT, 0o600), 2)

    with in_pty(oinp_argv("--example"), pty_env(tmp_path), stderr_to_log) as run:
        shown = read_until(run.fd, b"--help` lists them all", 30).decode("utf-8", "replace")
        assert run.exited(10) == 2, "oinp ran with its screen drawn into the log"
    flat = " ".join(shown.split())
    assert "stderr is not one" in flat and "without redirecting it (2>)" in flat
    assert log.read_bytes() == b""


async def test_keys_pressed_while_loading_are_played_once_the_data_is_there(
    build_app: Callable[..., OinpApp], profile_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oinp_assistant.tui import state

    load = state.load_session

    def slow_load(*args: Any, **kwargs: Any) -> state.Session:
        time.sleep(0.5)  # a slow disk: the user is faster
        return load(*args, **kwargs)

    monkeypatch.setattr(state, "load_session", slow_load)
    app = build_app(profile_file)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("l")
        assert isinstance(app.screen, LoadingScreen)  # pressed before anything was loaded
        await ready(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, DeadlinesScreen))
        assert isinstance(app.screen, DeadlinesScreen)
        assert "Load a profile first." not in notifications(app)


async def test_a_broken_profile_can_be_fixed_in_the_raw_editor(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(BROKEN, encoding="utf-8")
    app = build_app(path, poll_interval=60)
    async with running(app) as pilot:
        assert isinstance(app.screen, ProblemsScreen)
        raw = app.screen.query_one("#raw-editor", TextArea)
        assert raw.text == BROKEN
        # The list has the focus (r reloads); Tab goes to the file.
        assert app.focused is app.screen.query_one("#problems-scroll")
        await pilot.press("tab")
        assert app.focused is raw
        # Still broken: the list changes, the editor and what was typed stay.
        raw.text = 'stream = "foreign_worker"\neoi_score = 200\n'
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.query_one("#raw-editor", TextArea) is raw
        assert app.focused is raw
        problems = [str(s.render()) for s in app.screen.query(".problem")]
        assert len(problems) == 1 and "eoi_score" in problems[0]
        # Fixed: the dashboard, the file written owner-only with the old one kept.
        raw.text = 'stream = "foreign_worker"\neoi_score = 57\n'
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.session is not None and app.session.profile.eoi_score == 57
        assert path.read_text(encoding="utf-8") == 'stream = "foreign_worker"\neoi_score = 57\n'
        assert path.stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "profile.toml.bak").exists()
        assert any("problems are fixed" in n for n in notifications(app))
