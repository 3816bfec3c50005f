"""Deadlines as an iCalendar file that calendar apps import and, on re-import, update.

All-day DATE events (DTEND = the next day) carry no time and so no time zone: every reader
shows the same Ontario date, across DST changes, with no VTIMEZONE to misread. UIDs come from
the content (stream, date the deadline is counted from, kind), never from chance, so exporting
again replaces the events instead of duplicating them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from oinp_assistant.atomic import write_atomic
from oinp_assistant.clock import add_days
from oinp_assistant.deadlines import Deadline, DeadlineReport
from oinp_assistant.profile import Profile

PRODID = "-//OINP Assistant//oinp-assistant//EN"
CALENDAR_NAME = "OINP deadlines"
UID_NAMESPACE = uuid.UUID("6f1d2c1e-8f7e-5c5b-9a51-0b4c4f494e50")
REMINDER_DAYS = (7, 3, 1)


def deadline_uid(profile: Profile, report: DeadlineReport, deadline: Deadline) -> str:
    """Same profile and deadline give the same UID; a renewed permit updates its one event."""
    if deadline.is_submission:
        assert report.basis is not None
        key = f"{report.basis.stream}|{report.basis.invitation_date}|{deadline.kind}"
    elif deadline.kind == "eoi_expiry":
        key = f"{profile.stream}|{profile.eoi_registered}|eoi_expiry"
    else:
        key = "permit_expiry"
    return f"{uuid.uuid5(UID_NAMESPACE, key)}@oinp-assistant"


def exportable(report: DeadlineReport) -> list[Deadline]:
    """Hypothetical submission deadlines stay out of calendars: they would look real there."""
    hypothetical = report.basis is not None and report.basis.hypothetical
    return [d for d in report.deadlines if not (hypothetical and d.is_submission)]


def build_calendar(profile: Profile, report: DeadlineReport, now: dt.datetime) -> Calendar:
    """`now` (aware) becomes every DTSTAMP, so the same inputs give the same bytes."""
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    # X- values: icalendar writes them raw, vobject (so Radicale, and what syncs from it)
    # rewrites them as escaped TEXT; without ; , or \ in them, every reader sees the same words.
    cal.add("x-wr-caldesc", "Deadlines from OINP Assistant. Dates are Ontario dates.")
    for deadline in exportable(report):
        cal.add_component(_event(profile, report, deadline, stamp))
    return cal


def _event(
    profile: Profile, report: DeadlineReport, deadline: Deadline, stamp: dt.datetime
) -> Event:
    event = Event()
    event.add("uid", deadline_uid(profile, report, deadline))
    event.add("dtstamp", stamp)
    event.add("summary", f"OINP: {deadline.title}")
    event.add("dtstart", deadline.date)
    event.add("dtend", add_days(deadline.date, 1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["OINP"])
    lines = [
        f"What to do: {deadline.action}.",
        f"Where: {deadline.where}.",
        f"Deadline: {deadline.date:%A %d %B %Y} (Ontario date).",
    ]
    if deadline.note:
        lines.append(deadline.note)
    lines.append("Exported by OINP Assistant; check the date against your invitation.")
    event.add("description", "\n".join(lines))
    for days in REMINDER_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{deadline.title}: {days} day{'s' if days > 1 else ''} left")
        alarm.add("trigger", dt.timedelta(days=-days))
        event.add_component(alarm)
    return event


def to_ics(profile: Profile, report: DeadlineReport, now: dt.datetime) -> bytes:
    data: bytes = build_calendar(profile, report, now).to_ical()
    return data


DEFAULT_FILE_NAME = "oinp-deadlines.ics"


class ExportError(Exception):
    """The calendar could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class Written:
    path: Path
    events: int
    hypothetical_left_out: int


def calendar_bytes(profile: Profile, report: DeadlineReport, now: dt.datetime) -> bytes:
    """The .ics for a file or standard output; refuses to produce a calendar with no event.

    An empty calendar is not valid iCalendar and would only puzzle a calendar app.
    """
    if not exportable(report):
        raise ExportError(
            "nothing to export: your profile has no invitation, eoi_registered or permit "
            "expiry to put in a calendar. Add them to your profile, then export again."
        )
    return to_ics(profile, report, now)


def write_calendar(
    profile: Profile, report: DeadlineReport, target: Path, now: dt.datetime
) -> Written:
    """Write the .ics atomically (previous file kept as .bak, owner-only) for both front ends.

    A folder as target gets the default file name; nothing is written when there is nothing
    to export.
    """
    data = calendar_bytes(profile, report, now)
    path = target
    try:
        # Inside the try: even looking at a name can fail (too long, a loop of symlinks).
        path = target / DEFAULT_FILE_NAME if target.is_dir() else target
        blocking = next((p for p in path.parents if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise ExportError(f"cannot write {path}: {blocking} is a file, not a folder.")
        if not path.parent.is_dir():
            # A typo in a folder name should not quietly create a tree of folders.
            raise ExportError(
                f"cannot write {path}: the folder {path.parent} does not exist. Create it "
                "first, or choose another folder."
            )
        write_atomic(path, data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}.") from exc
    events = len(exportable(report))
    return Written(path, events, len(report.deadlines) - events)
