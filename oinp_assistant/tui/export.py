"""Writing the deadlines calendar; icalendar is imported only here, when the user exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from oinp_assistant.atomic import write_atomic
from oinp_assistant.tui.state import Session


def export_calendar(session: Session, path: Path, now: dt.datetime) -> int:
    """Write the .ics atomically; returns how many events it holds. Raises OSError."""
    from oinp_assistant import calendar_export

    data = calendar_export.to_ics(session.profile, session.deadlines, now)
    write_atomic(path, data)
    return len(calendar_export.exportable(session.deadlines))
