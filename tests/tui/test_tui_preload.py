"""The start-up preload: a child process computes the dashboard while the app loads Textual.

Each check of the child runs in a fresh interpreter on a pseudo-terminal, as `oinp` runs (with
no terminal, no app will read a view, and `Preload.start` starts no child): whatever the child
does, nothing of it may reach that terminal, and it must be reaped every time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from oinp_assistant import locations
from oinp_assistant.catalog import Catalog
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.dashboard_text import dashboard_view
from oinp_assistant.tui.dashboard_view import DashboardView
from oinp_assistant.tui.preload import Preload
from oinp_assistant.tui.screens.dashboard import DashboardScreen
from oinp_assistant.tui.screens.draws import DrawsScreen
from oinp_assistant.tui.screens.problems import ProblemsScreen
from oinp_assistant.tui.state import load_session

from .conftest import (
    ROOT,
    TODAY,
    in_pty,
    notifications,
    oinp_argv,
    pty_env,
    read_until,
    ready,
    wait_until,
)

# Runs in the fresh interpreter: start a preload whose child runs COMPUTE, then report what
# came back, how long it took and whether the child is gone (waitpid: no zombie left).
PROBE = """
import json, os, sys, time
from oinp_assistant.tui.preload import Preload

CHILD = '''
import datetime as dt, os, sys, time
from pathlib import Path
from oinp_assistant.tui.preload import dashboard, serve

{compute}

serve(lambda: (Path(sys.argv[1]), dt.date(2026, 11, 26), True), compute)
'''

path, how, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
preload = Preload.start([sys.executable, "-c", CHILD, path])
assert preload is not None, "no child"
start = time.monotonic()
if how == "cancel":
    time.sleep(0.2)
    preload.cancel()
    view = preload.view(timeout)
else:
    view = preload.view(timeout)
took = time.monotonic() - start
try:
    os.waitpid(preload.pid, os.WNOHANG)
    reaped = False
except ChildProcessError:
    reaped = True
out = {{"took": took, "reaped": reaped, "view": None if view is None else view.profile.plain}}
print("RESULT " + json.dumps(out), flush=True)
"""

REAL = "compute = dashboard"


def run_probe(
    tmp_path: Path, compute: str, profile: Path, how: str = "view", timeout: float = 10.0
) -> tuple[dict[str, Any], str]:
    """Run PROBE on a pseudo-terminal; its result, and everything else the terminal showed."""
    code = PROBE.format(compute=compute)
    argv = [sys.executable, "-c", code, str(profile), how, str(timeout)]
    with in_pty(argv, pty_env(tmp_path)) as run:
        seen = read_until(run.fd, b"\0never shown", 60)  # all it shows, until it closes
        status = run.exited(10)
    text = seen.decode("utf-8", "replace").replace("\r\n", "\n")
    assert status == 0, text
    lines = text.splitlines()
    result = [line for line in lines if line.startswith("RESULT ")]
    assert len(result) == 1, text
    others = "\n".join(line for line in lines if not line.startswith("RESULT "))
    parsed: dict[str, Any] = json.loads(result[0].removeprefix("RESULT "))
    return parsed, others


def example() -> Path:
    return locations.example_profile_path()


def test_the_child_sends_the_dashboard_the_app_would_compute_itself(
    tmp_path: Path, catalog: Catalog
) -> None:
    result, terminal = run_probe(tmp_path, REAL, example())
    session = load_session(example(), catalog, TODAY, True)
    assert result["view"] == dashboard_view(session).profile.plain
    assert result["reaped"]
    assert terminal == ""


@pytest.mark.parametrize(
    "compute",
    [
        pytest.param("def compute(*args):\n    os._exit(3)", id="the child dies"),
        pytest.param("def compute(*args):\n    raise RuntimeError('bug')", id="a bug"),
        pytest.param("def compute(*args):\n    os.kill(os.getpid(), 9)", id="killed"),
        pytest.param("def compute(*args):\n    return 'not a view'", id="something else"),
    ],
)
def test_a_child_that_fails_sends_nothing_and_is_reaped(tmp_path: Path, compute: str) -> None:
    """The app then loads in-process: the user sees what they always saw, a little later."""
    result, terminal = run_probe(tmp_path, compute, example())
    assert result["view"] is None
    assert result["reaped"]
    assert terminal == ""  # no traceback of the child on the user's screen


def test_nothing_the_child_prints_reaches_the_terminal(tmp_path: Path) -> None:
    compute = (
        "def compute(*args):\n"
        "    print('stray stdout')\n"
        "    print('stray stderr', file=sys.stderr)\n"
        "    os.write(1, b'raw write')\n"
        "    return dashboard(*args)"
    )
    result, terminal = run_probe(tmp_path, compute, example())
    assert result["view"] is not None
    assert terminal == ""


def test_a_child_that_hangs_is_killed_at_the_timeout_and_reaped(tmp_path: Path) -> None:
    compute = "def compute(*args):\n    time.sleep(60)"
    result, terminal = run_probe(tmp_path, compute, example(), timeout=0.3)
    assert result["view"] is None
    # Far from the child's 60 s, and loose enough for a busy machine.
    assert result["took"] < 5
    assert result["reaped"]
    assert terminal == ""


def test_cancel_stops_a_busy_child_at_once(tmp_path: Path) -> None:
    """Quitting during start-up: the child is killed and reaped, and nothing waits for it."""
    compute = "def compute(*args):\n    time.sleep(60)"
    result, _ = run_probe(tmp_path, compute, example(), how="cancel")
    assert result["view"] is None
    assert result["took"] < 5  # the child sleeps 60 s: not waited for
    assert result["reaped"]


@pytest.mark.parametrize("name", ["broken", "missing"])
def test_a_profile_with_problems_or_no_profile_sends_nothing(tmp_path: Path, name: str) -> None:
    """The app lists the problems, or welcomes a new user, exactly as it does without a
    preload: those screens come from its own in-process load."""
    profile = tmp_path / "profile.toml"
    if name == "broken":
        profile.write_text('stream = "nope"\neoi_score = "high"\n', encoding="utf-8")
    result, terminal = run_probe(tmp_path, REAL, profile)
    assert result["view"] is None
    assert result["reaped"]
    assert terminal == ""


def test_without_a_terminal_no_child_is_started() -> None:
    """No app will run to read the view (run_app says why): nothing to compute it for."""
    assert not sys.stdin.isatty() or not sys.stdout.isatty()  # pytest captures them
    assert Preload.start([sys.executable, "-c", "raise SystemExit('never started')"]) is None


class Terminal:
    """A standard stream that is a terminal, as `oinp`'s are when the app runs."""

    def isatty(self) -> bool:
        return True


def stand_in_terminals(monkeypatch: pytest.MonkeyPatch) -> None:
    """pytest captures the standard streams: without terminals, start() stops before any of
    what these tests are about."""
    for name in ("stdin", "stdout", "stderr"):
        monkeypatch.setattr(sys, name, Terminal())


def open_fds() -> set[int]:
    return {int(name) for name in os.listdir("/proc/self/fd")}


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("stream", "argv0"),
    [
        pytest.param("stdin", sys.executable, id="stdin closed"),
        pytest.param("stdout", sys.executable, id="stdout closed"),
        pytest.param("stderr", sys.executable, id="stderr closed"),
        pytest.param(None, "", id="Python cannot tell its own path"),
        pytest.param(None, "/nonexistent/python3", id="no such program"),
        pytest.param(None, "/dev/null", id="not a program"),
    ],
)
def test_a_child_that_cannot_start_is_no_error_and_leaves_no_descriptor(
    monkeypatch: pytest.MonkeyPatch, stream: str | None, argv0: str
) -> None:
    """`oinp <&-` (Python then has no sys.stdin), or a sys.executable that is "" or not
    runnable: no child, and the app goes on to say what it always says (run_app: no
    terminal) or loads in-process. Not a traceback, and no pipe left open behind."""
    stand_in_terminals(monkeypatch)
    if stream is not None:
        monkeypatch.setattr(sys, stream, None)
    before = open_fds()
    assert Preload.start([argv0, "-c", "raise SystemExit('never started')"]) is None
    assert open_fds() == before


def no_pipe() -> tuple[int, int]:
    raise OSError(24, "Too many open files")


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc")
@pytest.mark.parametrize(
    ("name", "broken"),
    [
        pytest.param("devnull", "/nonexistent/null", id="no /dev/null"),
        pytest.param("pipe", no_pipe, id="no pipe (too many files open)"),
    ],
)
def test_a_system_that_refuses_what_the_child_needs_leaves_no_descriptor(
    monkeypatch: pytest.MonkeyPatch, name: str, broken: object
) -> None:
    stand_in_terminals(monkeypatch)
    monkeypatch.setattr(os, name, broken)
    before = open_fds()
    assert Preload.start([sys.executable, "-c", "raise SystemExit('never started')"]) is None
    assert open_fds() == before


# The child reports its descriptors: where each of the first ten leads.
REPORT_FDS = """
import json, os
where = {}
for fd in range(10):
    try:
        where[fd] = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        pass
os.write(3, json.dumps(where).encode())
"""

# A parent, its standard streams stood in for by terminals, starts the child given as
# sys.argv[2]; it writes what the child sent to the file sys.argv[1].
CHILD_REPORT = """
import json, os, sys
from oinp_assistant.tui.preload import Preload

class Terminal:
    def isatty(self):
        return True

sys.stdin = sys.stdout = sys.stderr = Terminal()
preload = Preload.start([sys.executable, "-c", sys.argv[2]])
sent = b""
while chunk := os.read(preload._fd, 1 << 16):
    sent += chunk
preload.cancel()
with open(sys.argv[1], "w") as out:
    out.write(sent.decode())
os._exit(0)  # the exit's flush of the stand-in streams would fail
"""


def child_report(tmp_path: Path, child: str) -> Any:
    """What the child program `child`, started by Preload.start, sent down its pipe."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", CHILD_REPORT, str(report), child],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text(encoding="utf-8"))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads /proc")
def test_the_child_has_dev_null_for_its_standard_streams_and_the_pipe_on_3(
    tmp_path: Path,
) -> None:
    child = child_report(tmp_path, REPORT_FDS)
    assert [child[str(fd)] for fd in (0, 1, 2)] == [os.devnull] * 3
    assert child["3"].startswith("pipe:")


REPORT_PRIORITY = """
import json, os
os.write(3, json.dumps(os.getpriority(os.PRIO_PROCESS, 0)).encode())
"""


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="Unix priorities")
def test_the_child_runs_at_the_lowest_priority_from_its_first_line(tmp_path: Path) -> None:
    """Its interpreter's start and imports too: set by the child itself, only later, they
    slowed the first paint by a fifth while another program kept one of two cores busy."""
    assert child_report(tmp_path, REPORT_PRIORITY) == 19


# ---- the app with a preload ----------------------------------------------------------------


class FakePreload(Preload):
    """A preload whose child has already answered `view` (None: it sent nothing)."""

    def __init__(self, view: DashboardView | None) -> None:
        self._view = view
        self.cancelled = False

    def view(
        self, timeout: float = 0, cancelled: Callable[[], bool] = lambda: False
    ) -> DashboardView | None:
        return self._view

    def cancel(self) -> None:
        self.cancelled = True


def hold_full_load(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The app's own load of the full session waits until the test sets the event returned:
    the user, pressing keys over the preview, is faster than it."""
    from oinp_assistant.tui import state

    release = threading.Event()
    load = state.load_session

    def slow_load(*args: Any, **kwargs: Any) -> state.Session:
        release.wait(10)
        return load(*args, **kwargs)

    monkeypatch.setattr(state, "load_session", slow_load)
    return release


async def test_the_preview_shows_and_area_keys_wait_for_the_full_session(
    build_app: Callable[..., OinpApp],
    profile_file: Path,
    catalog: Catalog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:

    view = dashboard_view(load_session(profile_file, catalog, TODAY, False))
    release = hold_full_load(monkeypatch)
    app = build_app(profile_file, preload=FakePreload(view))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        preview = app.screen
        assert isinstance(preview, DashboardScreen) and app.previewing
        assert app.session is None
        await pilot.press("w")
        await pilot.pause()
        assert app.screen is preview  # nothing to show the draws with yet...
        assert notifications(app) == [
            "Still loading: Draws opens as soon as your profile is loaded."
        ]  # ...and the user is told so
        release.set()
        await ready(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, DrawsScreen))
        assert isinstance(app.screen, DrawsScreen)  # the key asked for it: it opens
        assert not app.previewing
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.view == view


async def test_the_preview_stays_when_the_session_shows_the_same(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    view = dashboard_view(load_session(profile_file, catalog, TODAY, False))
    app = build_app(profile_file, preload=FakePreload(view))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        preview = app.screen
        await ready(pilot)
        assert app.session is not None and not app.previewing
        assert app.screen is preview  # not rebuilt: no flicker, the scroll and focus stay


async def test_without_a_view_the_app_loads_and_lists_the_problems_as_always(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('stream = "nope"\n', encoding="utf-8")
    app = build_app(path, preload=FakePreload(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        shown = [str(s.render()) for s in app.screen.query(".problem")]
        assert len(shown) == 1 and "stream" in shown[0]


def test_run_app_cancels_the_preload_however_the_app_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from oinp_assistant.tui import app as app_module

    def crash(self: OinpApp, **kwargs: object) -> None:
        raise RuntimeError("the app crashed")

    monkeypatch.setattr(app_module, "terminal_problem", lambda: None)
    monkeypatch.setattr(app_module.OinpApp, "run", crash)
    preload = FakePreload(None)
    with pytest.raises(RuntimeError):
        app_module.run_app(example(), TODAY, True, preload)
    assert preload.cancelled


# ---- oinp as the user starts it --------------------------------------------------------------


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            # Field 4 is the parent's pid; the name in field 2 may hold spaces: split after it.
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
@pytest.mark.parametrize("when", [b"Loading", b"Dashboard"])
def test_ctrl_q_quits_at_once_and_leaves_no_child(tmp_path: Path, when: bytes) -> None:
    """`oinp --example`, as the user starts it: ctrl+q while the preload still works, or
    once the dashboard is up, ends the app within a second, the child with it."""
    with in_pty(oinp_argv("--example", "--today", "2026-11-26"), pty_env(tmp_path)) as run:
        # The preload child, seen while it works (it is started first, and lives a few
        # tenths of a second): the app must have reaped it when it ends.
        kids: set[int] = set()
        seen = b""
        deadline = time.monotonic() + 30
        while when not in seen and time.monotonic() < deadline:
            kids.update(children_of(run.pid))
            seen += read_until(run.fd, when, 0.02)
        assert when in seen, seen[-2000:]
        assert len(kids) == 1, kids
        os.write(run.fd, b"\x11")  # ctrl+q
        start = time.monotonic()
        assert run.exited(5) == 0, "oinp did not quit within 5 s of ctrl+q"
        # Not held up by the preload (test_cancel_stops_a_busy_child_at_once pins that with
        # a child that never answers); loose enough for a busy machine.
        assert time.monotonic() - start < 3
        # The app reaped its child before it ended: no orphan goes on computing.
        assert [k for k in kids if Path(f"/proc/{k}").exists()] == []


def test_showing_the_preview_imports_neither_pydantic_nor_the_domain(tmp_path: Path) -> None:
    """What makes the preview quick: the app unpickles the view and lays it out with Textual
    and Rich alone; pydantic and the domain are imported afterwards, by the full load."""
    code = (
        "import json, sys\n"
        "import oinp_assistant.tui.preload, oinp_assistant.tui.dashboard_view\n"
        "import oinp_assistant.tui.screens.dashboard\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    heavy = [m for m in seen if m.split(".")[0] == "pydantic"] + [
        m
        for m in seen
        if m.startswith("oinp_assistant.") and not m.startswith("oinp_assistant.tui")
    ]
    assert heavy == []


async def test_the_collector_paused_for_start_up_runs_again_once_the_app_has_painted(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    """`oinp` pauses garbage collection while Textual is imported (cli/launch.py); a
    long session must not run without it."""
    import gc

    gc.disable()
    try:
        app = build_app(profile_file)
        async with app.run_test(size=(80, 24)) as pilot:
            await ready(pilot)
            assert gc.isenabled()
    finally:
        gc.unfreeze()  # the app froze what this test process had built: let it go again
        gc.enable()


def toasts_on_screen(app: OinpApp) -> list[str]:
    """The notifications the user sees now (not those already gone)."""
    return [n.message for n in app._notifications]


async def test_one_still_loading_note_at_a_time_and_none_once_the_area_has_opened(
    build_app: Callable[..., OinpApp],
    profile_file: Path,
    catalog: Catalog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Three area keys while the preview shows leave one note, for the area that will open
    (three stacked notes cover half of an 80x24 screen); once that area has opened, the note
    saying it is still loading is wrong, and goes."""
    from oinp_assistant.tui.screens.deadlines import DeadlinesScreen

    view = dashboard_view(load_session(profile_file, catalog, TODAY, False))
    release = hold_full_load(monkeypatch)
    app = build_app(profile_file, preload=FakePreload(view))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        await pilot.press("w", "h", "l")
        await pilot.pause()
        assert toasts_on_screen(app) == [
            "Still loading: Deadlines opens as soon as your profile is loaded."
        ]
        release.set()
        await ready(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, DeadlinesScreen))
        await pilot.pause()
        assert toasts_on_screen(app) == []


async def test_help_opened_over_the_preview_stays_open_when_the_profile_has_loaded(
    build_app: Callable[..., OinpApp],
    profile_file: Path,
    catalog: Catalog,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """F1 pressed as soon as the dashboard shows: the help must not vanish under the user a
    moment later, when the full session arrives and shows the same dashboard."""
    from oinp_assistant.tui.screens.help import HelpScreen

    view = dashboard_view(load_session(profile_file, catalog, TODAY, False))
    release = hold_full_load(monkeypatch)
    app = build_app(profile_file, preload=FakePreload(view))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        preview = app.screen
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        release.set()
        await ready(pilot)
        await wait_until(pilot, lambda: app.session is not None)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)  # still open
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is preview and not app.previewing
