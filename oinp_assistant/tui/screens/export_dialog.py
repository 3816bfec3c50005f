"""Asks where to write the deadlines calendar; the app writes it."""

from __future__ import annotations

from textual.binding import Binding

from oinp_assistant.calendar_export import REIMPORT_ADVICE
from oinp_assistant.tui.screens.file_dialog import FileDialog
from oinp_assistant.wording import DEFAULT_ICS_NAME

DEFAULT_NAME = DEFAULT_ICS_NAME  # the app imports it from here


class ExportDialog(FileDialog):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="cancel_export")]  # noqa: RUF012
    AUTO_FOCUS = "#export-path"
    PREFIX = "export"
    TITLE_TEXT = "Export deadlines to a calendar file"
    PROMPT = "Write the .ics file to (Enter to export, Escape to cancel):"
    ADVICE = REIMPORT_ADVICE
    OK_LABEL = "Export"
