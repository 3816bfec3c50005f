"""What every screen of the app shares: the frame, the session, the help and palette hooks.

`AreaScreen` is a full screen: title bar on top, the screen's body (`compose_body`), the
compact footer at the bottom. `SessionScreen` is an area screen that shows a loaded Session.
`Dialog` is a modal box over the current screen; Escape cancels it.

Hooks a screen may override, all read by the app:
- `AUTO_FOCUS`: the selector of the main widget, focused when the screen first shows.
- `HELP_KEYS`: keys a widget handles whose own description says too little (Enter on the
  draws table opens a round); F1 lists them with the live bindings.
- `HELP_LEGEND`: what the symbols of the screen mean, shown under the keys by F1.
- `palette_commands()`: the screen's own entries in the command palette.
- `take_session(session)`: refresh in place after a reload instead of being rebuilt (the
  editor does, so a save keeps the focus where it was).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual.app import ComposeResult, SystemCommand
from textual.screen import ModalScreen, Screen

from oinp_assistant.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from oinp_assistant.tui.state import Session

HelpRow = tuple[str, str, str]
"""(where, keys, what it does), as F1 shows it."""

# Plain text, not display.VERDICTS: the loading screen (Textual only) shares this module.
VERDICT_LEGEND = "✔ in scope (you meet every criterion)   ✘ out of scope   ? unknown (data missing)"

ResultT = TypeVar("ResultT")


class AreaScreen(Screen[None]):
    """A full screen in the app's frame; subclasses write `compose_body`."""

    HELP_KEYS: ClassVar[tuple[HelpRow, ...]] = ()
    HELP_LEGEND: ClassVar[str] = ""

    def compose(self) -> ComposeResult:
        # Imported here: the loading screen, painted before any area screen, has no footer.
        from textual.widgets import Footer

        yield TitleBar()
        yield from self.compose_body()
        yield Footer(compact=True, show_command_palette=False)

    def compose_body(self) -> ComposeResult:
        return iter(())

    def palette_commands(self) -> Iterable[SystemCommand]:
        return ()

    def take_session(self, session: Session) -> bool:
        """Show `session` in place; False (the default) asks the app to build a new screen."""
        return False

    def unsaved(self) -> bool:
        """The screen holds edits not yet written to a file: quitting warns first."""
        return False


class SessionScreen(AreaScreen):
    """An area screen over a loaded profile and its reports."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session


class Dialog(ModalScreen[ResultT]):
    """A box over the current screen. Escape (bound by each dialog, with its own words) calls
    `action_cancel`, which closes the box with no result."""

    def action_cancel(self) -> None:
        self.dismiss(None)
