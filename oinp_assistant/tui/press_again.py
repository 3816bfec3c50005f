"""Warn first, act on a second press: how the app guards unsaved edits (ctrl+q, Escape).

The second press counts only within `SECONDS` of the warning, which is on screen that long: a
warning given once must not turn every later press into a silent "yes". (A flag that stayed
set did: warned, then saved, then edited again, ctrl+q threw the new edits away unasked.)
"""

from __future__ import annotations

import time
from collections.abc import Callable

SECONDS = 5.0


class PressAgain:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._until = 0.0

    def confirmed(self) -> bool:
        """True for a press within SECONDS of the last warning; otherwise this press is the
        warning (the caller says what it warns of, for SECONDS) and the answer is False."""
        now = self._clock()
        if now < self._until:
            self._until = 0.0
            return True
        self._until = now + SECONDS
        return False
