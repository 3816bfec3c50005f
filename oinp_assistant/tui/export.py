"""Writing the deadlines calendar; icalendar is imported only here, when the user exports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from oinp_assistant.problems import OinpError
from oinp_assistant.tui.state import Session


@dataclass(frozen=True)
class ExportOutcome:
    """Either what was written (path, events, left-out hypothetical ones) or why not."""

    path: Path | None
    events: int = 0
    hypothetical_left_out: int = 0
    error: str | None = None
    key_saved_to: Path | None = None


def export_calendar(session: Session, target: Path, now: dt.datetime) -> ExportOutcome:
    """The same writer as `oinp export-ics`: atomic, owner-only, a folder gets the default name."""
    from oinp_assistant.calendar_export import write_calendar

    try:
        writable = None if session.read_only else session.profile_path
        written = write_calendar(session.profile, session.deadlines, target, now, writable)
    except OinpError as exc:  # the calendar's own refusals and the output rule's
        return ExportOutcome(None, error=str(exc))
    return ExportOutcome(
        written.path,
        written.events,
        written.hypothetical_left_out,
        key_saved_to=written.key_saved_to,
    )


def write_handoff(session: Session, target: Path) -> Path:
    """The employer's sheet, as `oinp handoff` writes it: Markdown or HTML by the extension,
    atomic and owner-only, a folder gets the default name. Raises OinpError (the app's words)."""
    from oinp_assistant.handoff import handoff_format, handoff_lines, render_handoff
    from oinp_assistant.outputs import output_path, write_output
    from oinp_assistant.wording import DEFAULT_HANDOFF_NAME

    path = output_path(target, DEFAULT_HANDOFF_NAME)
    fmt = handoff_format(path)
    lines = handoff_lines(session.profile, session.catalog, session.deadlines)
    write_output(path, render_handoff(lines, fmt))
    return path
