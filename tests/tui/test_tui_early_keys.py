"""Keys typed while `oinp` starts, before Textual has taken the terminal over.

Until then the terminal is as the shell left it: it echoes what is typed (the letters would be
printed under the app and still be there, before the prompt, once it ends) and keeps ctrl+q
and ctrl+s for flow control (a ctrl+q would never reach the app). The app takes the keys over
as soon as it starts: they wait, unseen, for the loading screen, and the terminal is given
back as it was when the app ends.
"""

from __future__ import annotations

import os
import pty
import signal
import sys
import termios
import time
from pathlib import Path

import pytest

import oinp_assistant

from .conftest import read_until

ROOT = Path(oinp_assistant.__file__).resolve().parents[1]

# `oinp --example`, paused where the start-up starts its preload (before Textual is imported),
# until the test has typed its keys: the moment a quick user's keys arrive.
DRIVER = """
import sys, time
from oinp_assistant.tui import preload

real_start = preload.Preload.start

def start(*args, **kwargs):
    sys.stdout.write("TYPE-NOW\\n")
    sys.stdout.flush()
    time.sleep(0.5)
    return real_start(*args, **kwargs)

preload.Preload.start = start
from oinp_assistant.cli.launch import main
sys.argv = ["oinp", "--example", "--today", "2026-11-26"]
sys.exit(main())
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal")
def test_keys_typed_during_start_up_are_not_echoed_and_ctrl_q_still_quits(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OINP_PROFILE")}
    env.update(
        PYTHONPATH=str(ROOT),
        HOME=str(tmp_path),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        TERM="xterm-256color",
    )
    argv = [sys.executable, "-c", DRIVER]
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    done = 0
    try:
        shell_modes = termios.tcgetattr(fd)
        seen = read_until(fd, b"TYPE-NOW", 30)
        assert b"TYPE-NOW" in seen, seen[-2000:]
        os.write(fd, b"sj\x11")  # s, j, then ctrl+q
        start = time.monotonic()
        while time.monotonic() - start < 10:
            seen += read_until(fd, b"\x00", 0.05)  # keep the terminal drained
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        else:
            pytest.fail("ctrl+q typed during start-up did not quit the app")
        seen += read_until(fd, b"\x00", 0.2)
        assert os.waitstatus_to_exitcode(status) == 0
        # Nothing typed was echoed: not before the app's screen, not after it.
        before_app, _, rest = seen.partition(b"\x1b[?1049h")
        after_app = rest.rpartition(b"\x1b[?1049l")[2]
        assert b"sj" not in before_app.split(b"TYPE-NOW", 1)[1], before_app
        assert b"sj" not in after_app, after_app
        # The terminal is the shell's again: echo, line editing, flow control as they were.
        with_modes = termios.tcgetattr(fd)
        assert with_modes[0] & termios.IXON == shell_modes[0] & termios.IXON
        assert with_modes[3] & (termios.ECHO | termios.ICANON) == shell_modes[3] & (
            termios.ECHO | termios.ICANON
        )
    finally:
        if not done:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal")
def test_a_key_typed_during_start_up_opens_its_screen_once_the_app_is_up(tmp_path: Path) -> None:
    """`s` typed before Textual took the terminal (while the preload starts) is not lost:
    the app opens the score screen with it once its first real screen is up."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "OINP_PROFILE")}
    env.update(
        PYTHONPATH=str(ROOT),
        HOME=str(tmp_path),
        XDG_CACHE_HOME=str(tmp_path / "cache"),
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="30",
    )
    argv = [sys.executable, "-c", DRIVER]
    pid, fd = pty.fork()
    if pid == 0:
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    done = 0
    try:
        seen = read_until(fd, b"TYPE-NOW", 30)
        assert b"TYPE-NOW" in seen, seen[-2000:]
        os.write(fd, b"s")
        seen = read_until(fd, b"Estimated score", 30)
        assert b"Estimated score" in seen, seen[-2000:]
        os.write(fd, b"\x11")  # ctrl+q
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            read_until(fd, b"\x00", 0.05)  # keep the terminal drained
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
        assert done, "ctrl+q did not quit the app"
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        if not done:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
