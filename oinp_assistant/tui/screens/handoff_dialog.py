"""Asks where to write the employer's one-page sheet; the app writes it."""

from __future__ import annotations

from textual.binding import Binding

from oinp_assistant.tui.screens.file_dialog import FileDialog
from oinp_assistant.wording import DEFAULT_HANDOFF_NAME

DEFAULT_NAME = DEFAULT_HANDOFF_NAME  # the app imports it from here


class HandoffDialog(FileDialog):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_handoff")]  # noqa: RUF012
    AUTO_FOCUS = "#handoff-path"
    PREFIX = "handoff"
    TITLE_TEXT = "Write the employer's sheet"
    PROMPT = "Write the sheet to (Enter to write, Escape to cancel):"
    ADVICE = (
        "A name ending in .md gives Markdown, .html a web page. The file is readable by you "
        "only; send it to the person who files in the Employer Portal."
    )
    OK_LABEL = "Write"
