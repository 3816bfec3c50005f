"""`oinp`'s first step (cli/launch.py): which runs open the app, and the preload it starts.

The app's dashboard is computed by a child program started before anything else is imported;
these tests pin what that child is given, what it answers, and that no run leaves one behind.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import pickle
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

import oinp_assistant
from oinp_assistant import locations
from oinp_assistant.catalog import Catalog
from oinp_assistant.cli import launch
from oinp_assistant.cli.main import app_inputs
from oinp_assistant.tui import preload as preload_module
from oinp_assistant.tui.dashboard_text import dashboard_view
from oinp_assistant.tui.state import load_session

ROOT = Path(oinp_assistant.__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 26)


@pytest.mark.parametrize(
    ("args", "app"),
    [
        ([], True),
        (["--example"], True),
        (["--example-foreign-worker", "--today", "2026-11-26"], True),
        (["--profile", "me.toml"], True),
        (["--profile=me.toml", "--today=2026-11-26"], True),
        (["check"], False),
        (["--profile", "me.toml", "score", "--json"], False),
        (["draws", "list"], False),
        (["-h"], False),
        (["--help"], False),
        (["--", "check"], False),
        # --example takes no value: the word after it is the command.
        (["--example", "streams"], False),
        (["--example-foreign-worker", "check", "--json"], False),
        (["--example", "--today", "2026-11-26", "score"], False),
        # Abbreviated, as argparse allows.
        (["--prof", "me.toml", "--tod", "2026-11-26"], True),
        (["--prof", "me.toml", "check"], False),
        (["--example", "--help"], False),
        (["--he"], False),
    ],
)
def test_a_run_opens_the_app_when_its_words_are_only_options(args: list[str], app: bool) -> None:
    assert launch.opens_app(args) is app


def test_the_options_taking_a_value_are_the_command_lines() -> None:
    """The start-up knows, without argparse, which options before a command take a value:
    the same as the parser's. A flag counted as taking one made `oinp --example streams`
    look like the app: a child started, asyncio imported, keys held, for a command."""
    from oinp_assistant.cli import main

    parser = main.build_parser()
    valued = {
        name
        for action in parser._actions
        if action.nargs is None and action.option_strings and action.const is None
        for name in action.option_strings
        if name.startswith("--") and not isinstance(action, argparse._HelpAction)
    }
    assert valued == set(launch.VALUED)


def test_a_usage_error_is_a_wrong_guess_the_child_itself_sees() -> None:
    """Only a mistake still looks like the app: `--today` with no value, or a bad one.
    The child reads the arguments with the real parser and computes nothing; the run then
    prints the usage error and stops it."""
    assert launch.opens_app(["--today", "someday"])
    with pytest.raises(SystemExit):
        app_inputs(["--today", "someday"])


def test_the_child_is_told_what_the_app_opens() -> None:
    assert app_inputs(["--example", "--today", "2026-11-26"]) == (
        locations.example_profile_path("owp"),
        TODAY,
        True,
    )
    assert app_inputs(["--profile", "me.toml", "--today", "2026-11-26"]) == (
        Path("me.toml"),
        TODAY,
        False,
    )


class FakePreload:
    def __init__(self) -> None:
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


STARTED: list[Any] = []


def run_launch(monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, list[Any]]:
    """Run `oinp ARGS` through its first step; the exit status and each child started (also
    in STARTED, for a run that ends with SystemExit)."""
    STARTED.clear()
    started = STARTED

    def start(argv: list[str]) -> FakePreload:
        child = FakePreload()
        started.append((argv, child))
        return child

    monkeypatch.setattr(preload_module.Preload, "start", staticmethod(start))
    monkeypatch.setattr(sys, "argv", ["oinp", *args])
    return launch.main(), started


def test_a_command_starts_no_child(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, started = run_launch(monkeypatch, "streams", "--today", "2026-11-26")
    assert status == 0
    assert started == []
    assert "ontario_workforce_priority" in capsys.readouterr().out


def test_a_wrong_guess_is_stopped_as_the_run_ends(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as ended:
        run_launch(monkeypatch, "--today", "someday")
    assert ended.value.code == 2
    assert "someday" in capsys.readouterr().err
    [(_, child)] = STARTED
    assert child.cancelled


def test_a_flag_before_a_command_starts_no_child(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, started = run_launch(monkeypatch, "--example", "streams", "--today", "2026-11-26")
    assert status == 0
    assert started == []
    assert "ontario_workforce_priority" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("ending", "status"),
    [
        pytest.param(KeyboardInterrupt, 130, id="ctrl+c before the app took the terminal"),
        pytest.param(RuntimeError("the app crashed"), RuntimeError, id="a crash"),
        pytest.param(SystemExit(3), SystemExit, id="an exit"),
        pytest.param(None, 0, id="the user quit"),
    ],
)
def test_the_app_receives_the_child_and_stops_it_however_it_ends(
    monkeypatch: pytest.MonkeyPatch, ending: BaseException | type[BaseException] | None, status: Any
) -> None:
    from oinp_assistant.tui import app as app_module

    given: list[Any] = []

    def run_app(*args: Any) -> int:
        given.append(args)
        if ending is not None:
            raise ending
        return 0

    monkeypatch.setattr(app_module, "run_app", run_app)
    if isinstance(status, int):
        assert run_launch(monkeypatch, "--example", "--today", "2026-11-26")[0] == status
    else:
        with pytest.raises(status):
            run_launch(monkeypatch, "--example", "--today", "2026-11-26")
    [(argv, child)] = STARTED
    assert given == [(locations.example_profile_path("owp"), TODAY, True, child)]
    assert argv[-3:] == ["--example", "--today", "2026-11-26"]  # its own words to read
    assert child.cancelled


def spawn_child(
    tmp_path: Path,
    *args: str,
    env: dict[str, str] | None = None,
    parent_path: list[str] | None = None,
    full_pipe: bool = False,
    pass_fds: tuple[int, ...] = (),
) -> tuple[int, int]:
    """Start the preload's program as `oinp ARGS` starts it, from `tmp_path` (with `env` added
    to the environment, and `parent_path` as this process's sys.path); its pid and the read
    end of its pipe. `full_pipe`: the pipe is full, so the child, once it has computed its
    view, waits in its write until the test reads. `pass_fds` are left open to it."""
    read_fd, write_fd = os.pipe()
    if full_pipe:
        os.set_blocking(write_fd, False)
        with contextlib.suppress(BlockingIOError):
            while True:
                os.write(write_fd, b"x" * 4096)
        os.set_blocking(write_fd, True)
    child_env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OINP_PROFILE")}
    child_env.update(HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"), **(env or {}))
    here = Path.cwd()
    saved_path = sys.path[:]
    os.chdir(tmp_path)
    try:
        if parent_path is not None:
            sys.path[:] = parent_path
        argv = launch._child_argv(list(args))
        sys.path[:] = saved_path
        for fd in pass_fds:
            os.set_inheritable(fd, True)
        pid = os.posix_spawn(
            argv[0],
            argv,
            child_env,
            file_actions=[
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_DUP2, write_fd, preload_module.VIEW_FD),
            ],
        )
    finally:
        sys.path[:] = saved_path
        os.chdir(here)
        os.close(write_fd)
        for fd in pass_fds:
            os.set_inheritable(fd, False)
    return pid, read_fd


def child_run(tmp_path: Path, *args: str, **how: Any) -> tuple[int, bytes]:
    """Run the preload's program (see spawn_child); its exit status and what it sent."""
    pid, read_fd = spawn_child(tmp_path, *args, **how)
    with os.fdopen(read_fd, "rb") as pipe:
        sent = pipe.read()
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), sent


def test_the_child_sends_the_dashboard_the_app_opens(tmp_path: Path, catalog: Catalog) -> None:
    status, sent = child_run(tmp_path, "--example", "--today", "2026-11-26")
    assert status == 0
    expected = dashboard_view(load_session(locations.example_profile_path(), catalog, TODAY, True))
    assert pickle.loads(sent) == expected


@pytest.mark.parametrize(
    "args", [("streams",), ("--today", "someday"), ("--profile", "missing.toml")]
)
def test_the_child_sends_nothing_for_a_command_a_mistake_or_no_profile(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    status, sent = child_run(tmp_path, *args)
    assert (status, sent) == (1, b"")


PLANTS = {
    # Imported by the child's own code, found first on a path that holds the current folder.
    "pydantic.py": "",
    "oinp_assistant.py": "",
    "textwrap.py": "",
    # Imported as Python starts, before the child's first line, from any folder on the path.
    "site.py": "",
    "sitecustomize.py": "",
    "usercustomize.py": "",
    "encodings/__init__.py": "",
}


@pytest.mark.parametrize(
    ("env", "parent_path"),
    [
        pytest.param({}, None, id="as started from a folder"),
        # `export PYTHONPATH=$PYTHONPATH:/opt/lib` with none set: the empty entry is the
        # current folder, for the app (its own affair) and, unless told, for the child.
        pytest.param({"PYTHONPATH": ":/nonexistent"}, None, id="PYTHONPATH names it"),
        pytest.param({"PYTHONPATH": "."}, None, id="PYTHONPATH names it relatively"),
        # `python -m oinp_assistant` from a downloads folder: the app's sys.path holds it.
        pytest.param({}, ["", ".", "HERE"], id="the app's path holds it"),
    ],
)
def test_the_child_runs_none_of_the_current_folders_files(
    tmp_path: Path, env: dict[str, str], parent_path: list[str] | None
) -> None:
    """The user may start `oinp` anywhere, e.g. in a downloads folder: no file there named
    like a module Python or the child imports may run in the child."""
    planted = tmp_path / "planted-ran"
    for name in PLANTS:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(
            f"open({str(planted)!r}, 'a').write({name!r} + '\\n')\n", encoding="utf-8"
        )
    if parent_path is not None:
        parent_path = [str(tmp_path) if p == "HERE" else p for p in parent_path] + sys.path
    status, sent = child_run(
        tmp_path, "--example", "--today", "2026-11-26", env=env, parent_path=parent_path
    )
    assert not planted.exists(), planted.read_text(encoding="utf-8")
    assert status == 0 and sent


def test_the_child_is_given_only_the_folders_of_the_apps_path(tmp_path: Path) -> None:
    """sys.path may hold what a program or a .pth file put there, not only strings: the child
    still starts (a Path's repr in its program was a NameError: no preview, silently)."""
    folder = str(tmp_path / "lib")
    path = ["", "relative", Path(folder), folder.encode(), *sys.path]
    status, sent = child_run(tmp_path, "--example", "--today", "2026-11-26", parent_path=path)
    assert status == 0 and sent


def test_the_child_closes_what_the_app_inherited_before_it_computes(tmp_path: Path) -> None:
    """A descriptor left open to `oinp` (here the write end of a pipe whose reader, say a
    wrapper script, waits for `oinp` to end) is not held by the child: it is closed as the
    child starts, not when the child ends."""
    waiting, left_open = os.pipe()
    try:
        pid, read_fd = spawn_child(
            tmp_path, "--example", "--today", "2026-11-26", full_pipe=True, pass_fds=(left_open,)
        )
    finally:
        os.close(left_open)
    try:
        ready, _, _ = select.select([waiting], [], [], 30)
        assert ready and os.read(waiting, 1) == b"", "the child still holds the descriptor"
        # Closed by the child itself: it is still there, waiting to send its view.
        assert os.waitpid(pid, os.WNOHANG) == (0, 0)
    finally:
        os.close(waiting)
        with os.fdopen(read_fd, "rb") as pipe:
            sent = pipe.read()
        _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert sent.lstrip(b"x")  # the view, after what filled the pipe


# The app, reduced to starting the preload's program on the pipe handed to it (fd argv[1]),
# printing the child's pid, and then being killed by the test.
APP = """
import os, sys, time
from oinp_assistant.cli import launch
argv = launch._child_argv(sys.argv[2:])
actions = [(os.POSIX_SPAWN_DUP2, int(sys.argv[1]), 3)]
pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=actions)
print(pid, flush=True)
time.sleep(60)
"""


def ended(pid: int) -> bool:
    """Whether process `pid` has ended (a zombie has: its reaper is init's affair)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in ("Z", "X")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl and /proc")
@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM", "SIGHUP"])
def test_the_child_ends_with_the_app_however_the_app_ends(tmp_path: Path, signal_name: str) -> None:
    """Killed, the app cannot stop its child; the kernel does. Before, the child went on
    computing for no one (at the lowest priority: on a busy machine for seconds), and one
    whose pipe was full waited for ever."""
    read_fd, write_fd = os.pipe()
    os.set_blocking(write_fd, False)
    with contextlib.suppress(BlockingIOError):
        while True:  # full: the child, done, waits in its write while this test holds the pipe
            os.write(write_fd, b"x" * 4096)
    os.set_blocking(write_fd, True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OINP_PROFILE")}
    env.update(PYTHONPATH=str(ROOT), HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"))
    app = subprocess.Popen(
        [sys.executable, "-c", APP, str(write_fd), "--example", "--today", "2026-11-26"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        env=env,
        pass_fds=(write_fd,),
    )
    os.close(write_fd)
    child = 0
    try:
        assert app.stdout is not None
        child = int(app.stdout.readline())
        time.sleep(0.5)  # the child is under way
        app.send_signal(getattr(signal, signal_name))
        app.wait(30)
        deadline = time.monotonic() + 10
        while not ended(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ended(child), f"the child {child} went on after the app was killed"
    finally:
        if child and not ended(child):
            os.kill(child, signal.SIGKILL)
        if app.poll() is None:
            app.kill()
            app.wait()
        os.close(read_fd)


def test_the_event_loop_is_imported_without_tls_and_ssl_still_imports(tmp_path: Path) -> None:
    """The app opens no connection: asyncio skips OpenSSL as on a Python built without it,
    and nothing else is told so."""
    code = (
        "import sys\n"
        "from oinp_assistant.cli import launch\n"
        "launch._asyncio_without_tls()\n"
        "import asyncio.base_events, asyncio.selector_events\n"
        "assert asyncio.base_events.ssl is None and asyncio.selector_events.ssl is None\n"
        "assert 'ssl' not in sys.modules\n"
        "import ssl\n"
        "assert ssl.SSLContext\n"
        "async def answer():\n"
        "    return 42\n"
        "assert asyncio.run(answer()) == 42\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(PYTHONPATH=str(ROOT), HOME=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
