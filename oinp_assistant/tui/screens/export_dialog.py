"""Asks where to write the deadlines calendar; the app writes it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.validation import Function
from textual.widgets import Button, Input, Label, Static

from oinp_assistant.calendar_export import REIMPORT_ADVICE
from oinp_assistant.tui.screens.base import Dialog
from oinp_assistant.wording import DEFAULT_ICS_NAME

DEFAULT_NAME = DEFAULT_ICS_NAME  # the app imports it from here


class ExportDialog(Dialog[str]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_export")]  # noqa: RUF012
    AUTO_FOCUS = "#export-path"

    def __init__(self, default_path: str) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="dialog"):
            yield Static("Export deadlines to a calendar file", classes="dialog-title")
            yield Label("Write the .ics file to (Enter to export, Escape to cancel):")
            yield Input(
                self.default_path,
                id="export-path",
                validators=[Function(lambda v: bool(v.strip()), "Give a file name.")],
            )
            yield Static(REIMPORT_ADVICE, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Export", id="export-ok", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def _submit(self) -> None:
        value = self.query_one("#export-path", Input).value.strip()
        if value:
            self.dismiss(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-ok":
            self._submit()
        else:
            self.dismiss(None)
