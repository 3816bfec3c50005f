"""Keys typed while `oinp` starts, before Textual has taken the terminal over.

Until then the terminal is as the shell left it: it echoes what is typed (the letters would be
printed under the app and still be there, before the prompt, once it ends) and keeps ctrl+q
and ctrl+s for flow control (a ctrl+q would never reach the app). The app takes the keys over
as soon as it starts: they wait, unseen, for the loading screen, and the terminal is given
back as it was when the app ends.
"""

from __future__ import annotations

import os
import sys
import termios
import time
from pathlib import Path

import pytest

from .conftest import in_pty, pty_env, read_until

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
    with in_pty([sys.executable, "-c", DRIVER], pty_env(tmp_path)) as run:
        shell_modes = termios.tcgetattr(run.fd)
        seen = read_until(run.fd, b"TYPE-NOW", 30)
        assert b"TYPE-NOW" in seen, seen[-2000:]
        os.write(run.fd, b"sj\x11")  # s, j, then ctrl+q
        deadline = time.monotonic() + 10
        while run.exited(0) is None and time.monotonic() < deadline:
            seen += read_until(run.fd, b"\x00", 0.05)  # keep the terminal drained
        assert run.exited(0) == 0, "ctrl+q typed during start-up did not quit the app"
        seen += read_until(run.fd, b"\x00", 0.2)
        # Nothing typed was echoed: not before the app's screen, not after it.
        before_app, _, rest = seen.partition(b"\x1b[?1049h")
        after_app = rest.rpartition(b"\x1b[?1049l")[2]
        assert b"sj" not in before_app.split(b"TYPE-NOW", 1)[1], before_app
        assert b"sj" not in after_app, after_app
        # The terminal is the shell's again: echo, line editing, flow control as they were.
        with_modes = termios.tcgetattr(run.fd)
        assert with_modes[0] & termios.IXON == shell_modes[0] & termios.IXON
        assert with_modes[3] & (termios.ECHO | termios.ICANON) == shell_modes[3] & (
            termios.ECHO | termios.ICANON
        )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="a pseudo-terminal")
def test_a_key_typed_during_start_up_opens_its_screen_once_the_app_is_up(tmp_path: Path) -> None:
    """`s` typed before Textual took the terminal (while the preload starts) is not lost:
    the app opens the score screen with it once its first real screen is up."""
    with in_pty([sys.executable, "-c", DRIVER], pty_env(tmp_path)) as run:
        seen = read_until(run.fd, b"TYPE-NOW", 30)
        assert b"TYPE-NOW" in seen, seen[-2000:]
        os.write(run.fd, b"s")
        seen = read_until(run.fd, b"Estimated score", 30)
        assert b"Estimated score" in seen, seen[-2000:]
        os.write(run.fd, b"\x11")  # ctrl+q
        assert run.exited(10) == 0, "ctrl+q did not quit the app"
