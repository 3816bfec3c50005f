"""The terminal between `oinp` starting and Textual taking it over.

Until Textual puts the terminal in raw mode (once it is imported, a tenth of a second or more
after the start) the terminal is as the shell left it: it echoes what is typed, and takes
ctrl+q and ctrl+s for flow control. Keys pressed then were printed under the app and left on
the screen once it ended (`sjbash$`), and a ctrl+q never reached the app, which went on.

`hold_keys`, the first thing the start-up does, turns the echo, line editing and flow control
off: typed keys wait, unseen, for the app (the loading screen replays them, ctrl+q quits).
Textual restores, at its end, the settings it found (these); the function `hold_keys` returns
gives back the shell's own, so it runs after the app. It imports neither Textual nor the
domain, and does nothing where there is no terminal or no termios (Windows).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from typing import TextIO


def _nothing() -> None:
    return None


def hold_keys(stream: TextIO | None = None) -> Callable[[], None]:
    """Stop the terminal echoing keys and taking ctrl+q; returns the function that restores it."""
    try:
        import termios
    except ImportError:  # pragma: no cover - Windows
        return _nothing
    stream = sys.stdin if stream is None else stream
    try:
        fd = stream.fileno()
        if not stream.isatty():
            return _nothing
        before = termios.tcgetattr(fd)
        held = termios.tcgetattr(fd)
        held[0] &= ~termios.IXON  # ctrl+q and ctrl+s are keys, not flow control
        held[3] &= ~(termios.ECHO | termios.ICANON)  # nothing printed, no waiting for Enter
        held[6][termios.VMIN] = 1
        held[6][termios.VTIME] = 0
        termios.tcsetattr(fd, termios.TCSANOW, held)
    except (OSError, ValueError, AttributeError, termios.error):
        return _nothing  # the app runs as before: Textual takes the terminal itself

    def release() -> None:
        with contextlib.suppress(OSError, termios.error):
            termios.tcsetattr(fd, termios.TCSANOW, before)

    return release
