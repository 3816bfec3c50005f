"""A modal for an error the user must read before going on."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Button, Static

from oinp_assistant.outputs import cannot_write
from oinp_assistant.tui.screens.base import Dialog


def not_saved(path: Path, exc: OSError) -> str:
    """What a failed save tells the user: why, and that nothing they wrote is lost (the write is
    atomic, and the editor keeps their text)."""
    reason = cannot_write(path, exc)
    kept = "The file on disk is as it was; your edits are still here."
    return f"{reason[:1].upper()}{reason[1:]} {kept}"


class ErrorScreen(Dialog[None]):
    BINDINGS = [Binding("escape", "cancel", "Close", id="close_error")]  # noqa: RUF012
    AUTO_FOCUS = "#error-ok"

    def __init__(self, title: str, message: str) -> None:
        super().__init__()
        self.error_title = title
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error-box", classes="dialog"):
            yield Static(self.error_title, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.message, id="error-message", markup=False)
            yield Button("OK", id="error-ok", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)
