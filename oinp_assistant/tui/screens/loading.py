"""The first screen: painted at once while the data and the profile load in a worker.

Keys pressed here would do nothing yet (there is no profile to show): they are kept, in
order, and the app replays them once the first real screen is up. ctrl+q still quits at once
(a priority binding never reaches this screen), and so does q.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from oinp_assistant.tui.widgets.title_bar import TitleBar

PASS_THROUGH = {"q", "ctrl+q", "ctrl+c"}


class LoadingScreen(Screen[None]):
    """The title and one line; no footer: it is on screen for a few hundredths of a second,
    and the footer's key widgets were a fiftieth of the time to this first paint."""

    # Here, not in app.tcss: the app reads that only once this screen is painted.
    DEFAULT_CSS = """
    #loading {
        padding: 1 2;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading the draw data and your profile…  (q quits)", id="loading")

    def on_key(self, event: events.Key) -> None:
        if event.key in PASS_THROUGH or self.app.screen is not self:
            return
        self._keys.append((event.key, event.character))
        event.stop()
        event.prevent_default()

    def take_keys(self) -> list[tuple[str, str | None]]:
        """The keys kept so far, oldest first; the list starts empty again."""
        keys, self._keys = self._keys, []
        return keys
