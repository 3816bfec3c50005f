"""A yes/no question the user must answer before anything is written."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from oinp_assistant.tui.screens.base import Dialog


class ConfirmScreen(Dialog[bool]):
    """Dismissed with True for yes; False or None (Escape) for no."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_confirm")]  # noqa: RUF012
    AUTO_FOCUS = "#confirm-yes"

    def __init__(self, title: str, question: str, *, yes: str = "Yes", no: str = "Cancel") -> None:
        super().__init__()
        self.question_title = title
        self.question = question
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(self.question_title, classes="dialog-title", markup=False)
            yield Static(self.question, id="confirm-question", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(self.yes, id="confirm-yes", variant="primary")
                yield Button(self.no, id="confirm-no")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")
