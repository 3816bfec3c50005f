"""Asks where to write the employer's one-page sheet; the app writes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import Function
from textual.widgets import Button, Input, Label, Static

from oinp_assistant.tui.screens.base import Dialog
from oinp_assistant.wording import DEFAULT_HANDOFF_NAME

DEFAULT_NAME = DEFAULT_HANDOFF_NAME  # the app imports it from here
ADVICE = (
    "A name ending in .md gives Markdown, .html a web page. The file is readable by you only; "
    "send it to the person who files in the Employer Portal."
)


class HandoffDialog(Dialog[str]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_handoff")]  # noqa: RUF012
    AUTO_FOCUS = "#handoff-path"

    def __init__(self, default_path: str) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id="handoff-box", classes="dialog"):
            yield Static("Write the employer's sheet", classes="dialog-title")
            yield Label("Write the sheet to (Enter to write, Escape to cancel):")
            yield Input(
                self.default_path,
                id="handoff-path",
                validators=[Function(lambda v: bool(v.strip()), "Give a file name.")],
            )
            yield Static(ADVICE, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Write", id="handoff-ok", variant="primary")
                yield Button("Cancel", id="handoff-cancel")

    def _submit(self) -> None:
        value = self.query_one("#handoff-path", Input).value.strip()
        if value:
            self.dismiss(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "handoff-ok":
            self._submit()
        else:
            self.dismiss(None)
