"""Helpers for the app's Pilot and snapshot tests: profiles in tmp_path, a fixed today."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import html
import os
import pty
import re
import select
import signal
import sys
import time
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

import oinp_assistant
from oinp_assistant.catalog import Catalog
from oinp_assistant.tui.app import OinpApp

TODAY = dt.date(2026, 11, 26)

# A hand-commented profile (shared with test_atomic), invited on 2026-04-30.
COMMENTED_PROFILE = (Path(__file__).parents[1] / "fixtures" / "commented_profile.toml").read_text(
    encoding="utf-8"
) + "\n[invitation]\ndate = 2026-04-30\n"

NO_INVITATION_PROFILE = """\
stream = "foreign_worker"
noc = "21231"
eoi_score = 57
eoi_registered = 2026-03-12
job_region = "gta"
"""


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED_PROFILE, encoding="utf-8")
    return path


@pytest.fixture
def build_app(catalog: Catalog, tmp_path: Path) -> Callable[..., OinpApp]:
    def build(path: Path, **kwargs: Any) -> OinpApp:
        kwargs.setdefault("export_dir", tmp_path)
        kwargs.setdefault("today", TODAY)
        return record_notifications(OinpApp(path, catalog=catalog, **kwargs))

    return build


@pytest.fixture
def app_for(build_app: Callable[..., OinpApp], tmp_path: Path) -> Callable[..., OinpApp]:
    """The app on a profile.toml in tmp_path holding `text`."""

    def build(text: str, **kwargs: Any) -> OinpApp:
        path = tmp_path / "profile.toml"
        path.write_text(text, encoding="utf-8")
        return build_app(path, **kwargs)

    return build


async def ready(pilot: Pilot[Any]) -> None:
    """Wait until the worker has loaded the profile and the first real screen is up."""
    app = pilot.app
    # With a preload, the load's worker starts only after the preview's has ended and the
    # preview has painted: wait for workers again until the app says it has loaded (a fixed
    # number of pauses was too few on a busy machine).
    deadline = time.monotonic() + 20
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if getattr(app, "loaded", False) or time.monotonic() > deadline:
            break
    await pilot.pause()


@contextlib.asynccontextmanager
async def running(
    app: OinpApp, *keys: str, size: tuple[int, int] = (80, 24), **kwargs: Any
) -> AsyncIterator[Pilot[Any]]:
    """Run the app until its first screen is up, then press `keys` (e.g. "w" for Draws)."""
    async with app.run_test(size=size, **kwargs) as pilot:
        await ready(pilot)
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        yield pilot


def write_from_outside(path: Path, text: str) -> None:
    """Another editor saves the file: its mtime moves on by 2 s, so a poll must notice."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, max(stat.st_mtime_ns, before) + 2_000_000_000))


async def wait_until(pilot: Pilot[Any], done: Callable[[], bool], tries: int = 30) -> None:
    """Let the app poll the file until `done()` holds, or give up after `tries` short pauses."""
    for _ in range(tries):
        await pilot.pause(0.05)
        if done():
            return


_NOTES: weakref.WeakKeyDictionary[OinpApp, list[str]] = weakref.WeakKeyDictionary()


def record_notifications(app: OinpApp) -> OinpApp:
    """Keep every message `app` notifies (screens notify through the app too), in order."""
    notes = _NOTES.setdefault(app, [])
    notify = app.notify

    @functools.wraps(notify)
    def recording(message: str, *args: Any, **kwargs: Any) -> None:
        notes.append(message)
        notify(message, *args, **kwargs)

    app.notify = recording  # type: ignore[method-assign]
    return app


def notifications(app: OinpApp) -> list[str]:
    """What the app told the user so far, oldest first."""
    return list(_NOTES.get(app, []))


async def settle(pilot: Pilot[Any]) -> None:
    """For snapshots: no blinking cursor, nothing still moving."""
    await ready(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()


_SVG_TEXT = re.compile(r'<text class="terminal-[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>')
_CELL = 12.2  # the width of one cell in Textual's SVG screenshots


def painted_lines(app: OinpApp) -> list[str]:
    """The screen as the user sees it, one string a line: what was painted, not what a
    widget would render now (a stale paint is exactly what some bugs look like)."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for x, y, text in _SVG_TEXT.findall(app.export_screenshot()):
        rows.setdefault(float(y), []).append((float(x), html.unescape(text).replace("\xa0", " ")))
    lines = []
    for y in sorted(rows):
        line = ""
        for x, text in sorted(rows[y]):
            line = line.ljust(round(x / _CELL)) + text
        lines.append(line.rstrip())
    return lines


def read_until(fd: int, mark: bytes, seconds: float) -> bytes:
    """What a pseudo-terminal printed until `mark` showed, or `seconds` passed, or it closed."""
    seen = b""
    deadline = time.monotonic() + seconds
    while mark not in seen and time.monotonic() < deadline:
        ready_fds, _, _ = select.select([fd], [], [], 0.1)
        if ready_fds:
            try:
                seen += os.read(fd, 1 << 16)
            except OSError:
                break
    return seen


ROOT = Path(oinp_assistant.__file__).resolve().parents[1]
"""The checkout: programs started in a pseudo-terminal import this package from here."""


def pty_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of `oinp` as a user starts it, in a throwaway home."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OINP_PROFILE")}
    env.update(
        PYTHONPATH=str(ROOT),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="30",
    )
    env.update(extra)
    return env


class Pty:
    """A program running in a pseudo-terminal: its pid, the terminal's fd, and its status
    once it has ended (`exited`)."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.status: int | None = None

    def exited(self, seconds: float) -> int | None:
        """Its exit code once it ends within `seconds` (the terminal drained meanwhile, as a
        terminal window would), else None."""
        deadline = time.monotonic() + seconds
        while self.status is None:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.status = os.waitstatus_to_exitcode(status)
            elif time.monotonic() > deadline:
                break
            else:
                read_until(self.fd, b"\x00", 0.05)
        return self.status


@contextlib.contextmanager
def in_pty(
    argv: list[str], env: dict[str, str], before_exec: Callable[[], None] | None = None
) -> Iterator[Pty]:
    """Run `argv` in a pseudo-terminal (`before_exec` runs in the child first); however the
    test ends, the program is killed if still running, reaped, and the terminal closed."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            if before_exec is not None:
                before_exec()
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    run = Pty(pid, fd)
    try:
        yield run
    finally:
        if run.status is None:
            with contextlib.suppress(ChildProcessError, ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        os.close(fd)


def oinp_argv(*args: str) -> list[str]:
    """`oinp ARGS` as the console script runs it (through cli/launch.py)."""
    return [sys.executable, "-m", "oinp_assistant", *args]
