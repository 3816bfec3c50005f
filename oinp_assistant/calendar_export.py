"""Deadlines as an iCalendar file that calendar apps import and, on re-import, update.

All-day DATE events (DTEND = the next day) carry no time and so no time zone: every reader
shows the same Ontario date, across DST changes, with no VTIMEZONE to misread.

A UID names the person's deadline, not its date: it is made from the profile's calendar_key (a
random key the app writes into the profile once) and the deadline's kind. Correcting any date
and exporting again therefore gives the same UIDs, and an app that matches UIDs replaces the
events; two profiles (two keys) never share a UID, so two people's deadlines can live in one
calendar. The key travels with the profile file, so a profile moved to another computer keeps
updating the same events. SEQUENCE and LAST-MODIFIED grow with the export time: an app that
keeps the newer of two versions of an event (RFC 5545 3.8.7.4 and 3.8.7.3) takes the re-export.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from oinp_assistant.clock import add_days, ontario_today
from oinp_assistant.deadlines import Deadline, DeadlineReport, Kind
from oinp_assistant.outputs import output_path, write_output
from oinp_assistant.problems import OinpError, ProblemsError
from oinp_assistant.profile import Profile
from oinp_assistant.wording import DEFAULT_ICS_NAME

if TYPE_CHECKING:
    from icalendar import Calendar, Event

PRODID = "-//OINP Assistant//oinp-assistant//EN"
CALENDAR_NAME = "OINP deadlines"
UID_NAMESPACE = uuid.UUID("6f1d2c1e-8f7e-5c5b-9a51-0b4c4f494e50")

REMINDER_DAYS: dict[Kind, tuple[int, ...]] = {
    # A missed submission closes the file: a week's warning, then closer, then the day itself.
    "employer_submission": (7, 3, 1, 0),
    "candidate_submission": (7, 3, 1, 0),
    "eoi_registration": (7, 3, 1, 0),
    # An extension must be applied for before the permit expires, and that takes preparation.
    "permit_expiry": (120, 90, 60, 30),
    # Expiries that end something unless acted on before them: a month's warning, then a week.
    "eoi_expiry": (30, 7),
    "nomination_expiry": (30, 7),
}
"""Days before the deadline that each kind of event reminds; 0 is the morning of the day."""
REMINDER_TIME = dt.timedelta(hours=9)
"""Reminders go off at 09:00 of their day: an all-day event starts at midnight, a bad hour."""
WHY_THESE_REMINDERS: dict[Kind, str] = {
    "permit_expiry": "Reminders come 120, 90, 60 and 30 days ahead (those still to come): an "
    "extension must be applied for before the permit expires, and keeping your status matters "
    "here (several OINP rounds required a valid permit on the draw date).",
}
SEQUENCE_EPOCH = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
"""SEQUENCE counts seconds from here: it grows with every export and fits a 32-bit integer
until 2088 (counted from 1970 it would overflow in 2038)."""

REIMPORT_ADVICE = (
    "Importing the file again updates the same events in khal and on a CalDAV server such as "
    "Radicale (both tested). calcurse adds a second copy of every event instead. Other apps "
    "(Thunderbird, Google Calendar, Apple Calendar) were not tested: import into a calendar "
    "used only for these deadlines, and empty it before importing again."
)
"""What the front ends say after an export; one place, so the CLI, the TUI and the README agree."""


def deadline_uid(calendar_key: str, kind: Kind) -> str:
    """The person's deadline of this kind, whatever its date: the same on every export."""
    return f"{uuid.uuid5(UID_NAMESPACE, f'{calendar_key}|{kind}')}@oinp-assistant"


def exportable(report: DeadlineReport) -> list[Deadline]:
    """Hypothetical submission deadlines stay out of calendars: they would look real there."""
    hypothetical = report.basis is not None and report.basis.hypothetical
    return [d for d in report.deadlines if not (hypothetical and d.is_submission)]


def reminder_days(deadline: Deadline, today: dt.date) -> list[int]:
    """The kind's reminders whose day has not passed.

    A passed deadline keeps its event (a corrected date must still replace the wrong one) but
    has no reminder left: an app given an alarm in the past may set it off at import.
    """
    return [d for d in REMINDER_DAYS[deadline.kind] if deadline.date - dt.timedelta(d) >= today]


def build_calendar(profile: Profile, report: DeadlineReport, now: dt.datetime) -> Calendar:
    """`now` (aware) becomes every DTSTAMP, so the same inputs give the same bytes.

    The profile needs its calendar_key (see `with_calendar_key`).
    """
    # Imported here, not above: the front ends read REIMPORT_ADVICE without loading icalendar.
    from icalendar import Calendar

    if profile.calendar_key is None:
        raise ExportError("the profile has no calendar_key to name its events")
    stamp = now.astimezone(dt.UTC).replace(microsecond=0)
    today = ontario_today(stamp)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", CALENDAR_NAME)
    # X- values: icalendar writes them raw, vobject (so Radicale, and what syncs from it)
    # rewrites them as escaped TEXT; without ; , or \ in them, every reader sees the same words.
    cal.add("x-wr-caldesc", "Deadlines from OINP Assistant. Dates are Ontario dates.")
    uids: set[str] = set()
    for deadline in exportable(report):
        uid = deadline_uid(profile.calendar_key, deadline.kind)
        # One event per kind: a kind that could occur twice would need more in its UID.
        if uid in uids:
            raise ValueError(f"two {deadline.kind} deadlines in one report")
        uids.add(uid)
        cal.add_component(_event(uid, deadline, stamp, today))
    return cal


def _event(uid: str, deadline: Deadline, stamp: dt.datetime, today: dt.date) -> Event:
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("last-modified", stamp)
    event.add("sequence", max(0, int((stamp - SEQUENCE_EPOCH).total_seconds())))
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
    if deadline.kind in WHY_THESE_REMINDERS:
        lines.append(WHY_THESE_REMINDERS[deadline.kind])
    if deadline.date < today:
        lines.append("This date has passed; the event has no reminders.")
    source = "your invitation" if deadline.is_submission else "the document it comes from"
    lines.append(f"Exported by OINP Assistant; check the date against {source}.")
    event.add("description", "\n".join(lines))
    for days in reminder_days(deadline, today):
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", _reminder_text(deadline.title, days))
        alarm.add("trigger", REMINDER_TIME - dt.timedelta(days=days))
        event.add_component(alarm)
    return event


def _reminder_text(title: str, days: int) -> str:
    if days == 0:
        return f"{title}: today"
    return f"{title}: {days} day{'s' if days > 1 else ''} left"


def to_ics(profile: Profile, report: DeadlineReport, now: dt.datetime) -> bytes:
    data: bytes = build_calendar(profile, report, now).to_ical()
    return data


def with_calendar_key(profile: Profile, profile_path: Path | None) -> tuple[Profile, bool]:
    """The profile with its calendar_key, and whether the key was just written into the file.

    `profile_path` is None for a profile the app must not change (the bundled example, which
    carries its own key). A key that cannot be saved stops the export: events named by a key
    the profile forgets could never be updated again.
    """
    if profile.calendar_key is not None:
        return profile, False
    if profile_path is None:
        raise ExportError(
            "this profile has no calendar_key and is read-only here, so its calendar events "
            "could not be updated later. Export from your own profile instead."
        )
    from oinp_assistant.profile_store import ensure_calendar_key

    try:
        key, created = ensure_calendar_key(profile_path)
    except ProblemsError as exc:
        raise ExportError(
            f"cannot add a calendar_key to {profile_path}: the file has problems now "
            f"({exc.problems[0].message}). Fix them (`oinp profile validate`), then export again."
        ) from exc
    except OSError as exc:
        raise ExportError(
            f"cannot add a calendar_key to {profile_path}: {exc.strerror or exc}. Add this line "
            f"near the top of the profile yourself, then export again: calendar_key = "
            f'"{uuid.uuid4().hex}"'
        ) from exc
    return profile.model_copy(update={"calendar_key": key}), created


DEFAULT_FILE_NAME = DEFAULT_ICS_NAME


class ExportError(OinpError):
    """The calendar could not be written; the message says why and what to do."""


@dataclass(frozen=True)
class Written:
    path: Path
    events: int
    hypothetical_left_out: int
    key_saved_to: Path | None = None
    """The profile file this export wrote a new calendar_key into, if it did."""


def _require_events(report: DeadlineReport) -> None:
    """An empty calendar is not valid iCalendar and would only puzzle a calendar app."""
    if not exportable(report):
        raise ExportError(
            "nothing to export: your profile has no invitation, eoi_registered or permit "
            "expiry to put in a calendar. Add them to your profile, then export again."
        )


def calendar_bytes(
    profile: Profile,
    report: DeadlineReport,
    now: dt.datetime,
    profile_path: Path | None = None,
) -> bytes:
    """The .ics for a file or standard output; refuses to produce a calendar with no event.

    A profile without a calendar_key gets one written into `profile_path` first.
    """
    _require_events(report)
    keyed, _ = with_calendar_key(profile, profile_path)
    return to_ics(keyed, report, now)


def write_calendar(
    profile: Profile,
    report: DeadlineReport,
    target: Path,
    now: dt.datetime,
    profile_path: Path | None = None,
) -> Written:
    """Write the .ics atomically (previous file kept as .bak, owner-only) for both front ends.

    A folder as target gets the default file name; nothing is written when there is nothing
    to export or the target cannot be written (not even a calendar_key into the profile).
    """
    _require_events(report)
    path = output_path(target, DEFAULT_FILE_NAME)
    keyed, created = with_calendar_key(profile, profile_path)
    write_output(path, to_ics(keyed, report, now))
    events = len(exportable(report))
    return Written(path, events, len(report.deadlines) - events, profile_path if created else None)
