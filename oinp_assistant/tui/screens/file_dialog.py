"""A dialog that asks where to write a file: the calendar, the employer's sheet. The app writes it.

A subclass names its words and its widget ids' prefix (the stylesheet and the tests use the
ids); the asking, the check for an empty name and the answer are here once.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.validation import Function
from textual.widgets import Button, Input, Label, Static

from oinp_assistant.tui.screens.base import Dialog


class FileDialog(Dialog[str]):
    PREFIX: ClassVar[str]
    TITLE_TEXT: ClassVar[str]
    PROMPT: ClassVar[str]
    ADVICE: ClassVar[str]
    OK_LABEL: ClassVar[str]

    def __init__(self, default_path: str) -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id=f"{self.PREFIX}-box", classes="dialog"):
            yield Static(self.TITLE_TEXT, classes="dialog-title")
            yield Label(self.PROMPT)
            yield Input(
                self.default_path,
                id=f"{self.PREFIX}-path",
                validators=[Function(lambda v: bool(v.strip()), "Give a file name.")],
            )
            yield Static(self.ADVICE, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(self.OK_LABEL, id=f"{self.PREFIX}-ok", variant="primary")
                yield Button("Cancel", id=f"{self.PREFIX}-cancel")

    def _submit(self) -> None:
        value = self.query_one(f"#{self.PREFIX}-path", Input).value.strip()
        if value:
            self.dismiss(value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == f"{self.PREFIX}-ok":
            self._submit()
        else:
            self.dismiss(None)
