"""The exported .ics reads the same in independent consumers.

Three readers that share no code with icalendar (the writer): vobject (a second iCalendar
library, also the parser inside Radicale), a real CalDAV server (Radicale, over HTTP) and plain
text checks on the content lines. The expected dates are written out by hand, not recomputed
with the code under test.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import socket
import subprocess
import sys
import time
import typing
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import oinp_assistant
from oinp_assistant import locations
from oinp_assistant.calendar_export import (
    CALENDAR_NAME,
    PRODID,
    REMINDER_DAYS,
    ExportError,
    deadline_uid,
    exportable,
    to_ics,
    write_calendar,
)
from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import DeadlineReport, Kind, compute_deadlines
from oinp_assistant.eligibility import check_profile
from oinp_assistant.outputs import OutputError
from oinp_assistant.profile import Invitation, Permit, Profile, load_checked_profile

NOW = dt.datetime(2026, 11, 26, 14, 30, 5, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 26)
DAY = dt.timedelta(days=1)


def deadlines_of(profile: Profile, catalog: Catalog, today: dt.date) -> DeadlineReport:
    """The deadlines as every front end computes them: from the check of the profile's draws."""
    return compute_deadlines(profile, catalog, today, check_profile(profile, catalog, today))


# NOW in Ontario is still TODAY: what has passed at export is what has passed on TODAY.
assert NOW.astimezone(dt.timezone(dt.timedelta(hours=-5))).date() == TODAY

# Invited 2026-03-01; Toronto moves to daylight time on 2026-03-08, between the invitation and
# both deadlines, and back to standard time on 2026-11-01, the day the permit expires.
DST_PROFILE = Profile(
    stream="foreign_worker",
    noc="21231",
    eoi_score=60,
    eoi_registered=dt.date(2026, 1, 15),
    job_region="gta",
    permit=Permit(type="work", expires=dt.date(2026, 11, 1), in_canada=True),
    invitation=Invitation(date=dt.date(2026, 3, 1)),
    calendar_key="dst-person",
)
# What a person counting on a paper calendar gets (day 0 = the invitation day). An invitation
# takes the EOI out of the pool, so an invited profile has no EOI-expiry event. All three dates
# have passed on TODAY: the events are there, without reminders.
DST_EXPECTED = {
    "employer_submission": dt.date(2026, 3, 15),
    "candidate_submission": dt.date(2026, 3, 18),
    "permit_expiry": dt.date(2026, 11, 1),
}
# The bundled example: invited 2026-04-30 (see data/example-profile.toml).
EXAMPLE_EXPECTED = {
    "employer_submission": dt.date(2026, 5, 14),
    "candidate_submission": dt.date(2026, 5, 17),
    "permit_expiry": dt.date(2027, 1, 31),
}
# Days before each deadline that still have a reminder on TODAY (2026-11-26): the permit's
# 120- and 90-day reminders (2026-10-03, 2026-11-02) have passed, 60 and 30 have not.
EXAMPLE_REMINDERS = {"permit_expiry": (60, 30)}
# Not invited, in the open successor stream: the EOI expiry is an event, next to the permit.
EOI_PROFILE = Profile(
    stream="ontario_workforce_priority",
    noc="21231",
    eoi_score=80,
    eoi_registered=dt.date(2026, 8, 10),
    permit=Permit(type="work", expires=dt.date(2027, 8, 31), in_canada=True),
    calendar_key="eoi-person",
)
EOI_EXPECTED = {
    "eoi_expiry": dt.date(2027, 8, 10),
    "permit_expiry": dt.date(2027, 8, 31),
}
# Far enough ahead that every reminder of both kinds is still to come.
EOI_REMINDERS = {"eoi_expiry": (30, 7), "permit_expiry": (120, 90, 60, 30)}
# Invited on TODAY: both submission deadlines and all their reminders are ahead.
INVITED_TODAY = DST_PROFILE.model_copy(
    update={
        "invitation": Invitation(date=TODAY),
        "permit": Permit(type="work", expires=dt.date(2027, 6, 30), in_canada=True),
    }
)
INVITED_TODAY_EXPECTED = {
    "employer_submission": dt.date(2026, 12, 10),
    "candidate_submission": dt.date(2026, 12, 13),
    "permit_expiry": dt.date(2027, 6, 30),
}
INVITED_TODAY_REMINDERS = {
    "employer_submission": (7, 3, 1, 0),
    "candidate_submission": (7, 3, 1, 0),
    "permit_expiry": (120, 90, 60, 30),
}
NINE_AM = dt.timedelta(hours=9)


@dataclass(frozen=True)
class Expected:
    """One event as the export should have written it."""

    kind: str
    uid: str
    summary: str
    date: dt.date
    reminders: tuple[int, ...]  # days before; each goes off at 09:00 of its day


@dataclass(frozen=True)
class Case:
    profile: Profile
    report: DeadlineReport
    ics: bytes
    events: dict[str, Expected]  # by UID


def _case(
    profile: Profile,
    catalog: Catalog,
    expected: dict[str, dt.date],
    reminders: Mapping[str, tuple[int, ...]] | None = None,
) -> Case:
    report = deadlines_of(profile, catalog, TODAY)
    events = {}
    assert profile.calendar_key is not None
    for deadline in exportable(report):
        uid = deadline_uid(profile.calendar_key, deadline.kind)
        events[uid] = Expected(
            deadline.kind,
            uid,
            f"OINP: {deadline.title}",
            expected[deadline.kind],
            (reminders or {}).get(deadline.kind, ()),
        )
    assert sorted(e.kind for e in events.values()) == sorted(expected), "events missing"
    return Case(profile, report, to_ics(profile, report, NOW), events)


@pytest.fixture(params=["example", "dst", "eoi", "invited-today"])
def case(request: pytest.FixtureRequest, catalog: Catalog) -> Case:
    if request.param == "example":
        profile = load_checked_profile(locations.example_profile_path("foreign_worker"), catalog)
        return _case(profile, catalog, EXAMPLE_EXPECTED, EXAMPLE_REMINDERS)
    if request.param == "eoi":
        return _case(EOI_PROFILE, catalog, EOI_EXPECTED, EOI_REMINDERS)
    if request.param == "invited-today":
        return _case(INVITED_TODAY, catalog, INVITED_TODAY_EXPECTED, INVITED_TODAY_REMINDERS)
    return _case(DST_PROFILE, catalog, DST_EXPECTED)


# --- reading helpers, independent of icalendar -----------------------------------------------


def content_lines(ics: bytes) -> list[str]:
    """RFC 5545 content lines: CRLF-separated, folded lines joined back."""
    text = ics.decode("utf-8")
    assert text.endswith("\r\n"), "an iCalendar stream ends with CRLF"
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def split_events(ics: bytes) -> dict[str, bytes]:
    """One VCALENDAR per event, as CalDAV stores them (one UID per resource).

    Cuts the exported text itself, so the server receives our bytes, not a re-serialisation;
    the calendar's own properties (VERSION, PRODID...) go with every event.
    """
    lines = ics.decode("utf-8").split("\r\n")
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2:] == ["END:VCALENDAR", ""]
    first = lines.index("BEGIN:VEVENT")
    head = lines[:first]
    out: dict[str, bytes] = {}
    block: list[str] | None = None
    for line in lines[first:-2]:
        if line == "BEGIN:VEVENT":
            block = [line]
        elif block is not None:
            block.append(line)
            if line == "END:VEVENT":
                uids = [ln[4:] for ln in content_lines(_crlf(block)) if ln.startswith("UID:")]
                assert len(uids) == 1, block
                out[uids[0]] = _crlf([*head, *block, "END:VCALENDAR"])
                block = None
        else:
            raise AssertionError(f"unexpected line between events: {line!r}")
    assert block is None, "unterminated VEVENT"
    return out


def _crlf(lines: list[str]) -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def vobject_calendar(ics: bytes) -> Any:
    calendars = list(vobject.readComponents(ics.decode("utf-8")))
    assert len(calendars) == 1
    return calendars[0]


def check_vevent(vevent: Any, expected: Expected) -> None:
    """The event as vobject reads it: an all-day event on the expected Ontario date."""
    assert vevent.uid.value == expected.uid
    assert vevent.summary.value == expected.summary
    start, end = vevent.dtstart.value, vevent.dtend.value
    assert type(start) is dt.date, f"{expected.kind}: DTSTART {start!r} is not a DATE"
    assert type(end) is dt.date, f"{expected.kind}: DTEND {end!r} is not a DATE"
    assert start == expected.date, f"{expected.kind}: {start} != {expected.date}"
    assert end == expected.date + DAY
    stamp = vevent.dtstamp.value
    assert stamp == NOW and stamp.utcoffset() == dt.timedelta(0)
    alarms = vevent.contents.get("valarm", [])
    triggers = sorted(a.trigger.value for a in alarms)
    assert triggers == [NINE_AM - d * DAY for d in expected.reminders], (
        f"{expected.kind}: reminders"
    )
    for alarm in alarms:
        assert alarm.action.value == "DISPLAY"
        assert alarm.description.value  # DISPLAY alarms need one (RFC 5545 3.6.6)


# --- vobject -----------------------------------------------------------------------------------


def test_vobject_reads_the_same_events(case: Case) -> None:
    cal = vobject_calendar(case.ics)
    assert cal.version.value == "2.0"
    assert cal.prodid.value == PRODID
    assert cal.contents["x-wr-calname"][0].value == CALENDAR_NAME
    vevents = cal.contents["vevent"]
    assert len(vevents) == len(case.events)
    assert {v.uid.value for v in vevents} == set(case.events)
    for vevent in vevents:
        check_vevent(vevent, case.events[vevent.uid.value])


def test_dst_profile_deadlines_are_the_counted_dates(catalog: Catalog) -> None:
    """Invited 03-01, clocks change 03-08: still 14 and 17 calendar days, no hour lost."""
    case = _case(DST_PROFILE, catalog, DST_EXPECTED)
    lines = content_lines(case.ics)
    assert "DTSTART;VALUE=DATE:20260315" in lines
    assert "DTEND;VALUE=DATE:20260316" in lines
    assert "DTSTART;VALUE=DATE:20260318" in lines
    assert "DTEND;VALUE=DATE:20260319" in lines


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    invited=st.dates(dt.date(2025, 7, 2), dt.date(2026, 5, 29)),
    now=st.datetimes(dt.datetime(2025, 1, 1), dt.datetime(2030, 1, 1), timezones=st.timezones()),
)
def test_vobject_agrees_for_any_invitation_date(
    catalog: Catalog, invited: dt.date, now: dt.datetime
) -> None:
    """Every Foreign Worker invitation date of the 14/17-day era, any export clock and zone:
    vobject reads the counted dates, across DST changes, month and year ends."""
    profile = DST_PROFILE.model_copy(
        update={"eoi_registered": None, "invitation": Invitation(date=invited)}
    )
    report = deadlines_of(profile, catalog, TODAY)
    cal = vobject_calendar(to_ics(profile, report, now))
    read = {v.summary.value: (v.dtstart.value, v.dtend.value) for v in cal.contents["vevent"]}
    employer = invited + 14 * DAY
    candidate = invited + 17 * DAY
    assert read["OINP: Employer submits the job offer application"] == (employer, employer + DAY)
    assert read["OINP: Submit your OINP application and pay"] == (candidate, candidate + DAY)
    for vevent in cal.contents["vevent"]:
        assert type(vevent.dtstart.value) is dt.date
        assert vevent.dtstamp.value == now.astimezone(dt.UTC).replace(microsecond=0)


# --- no floating times --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "now",
    [NOW, NOW.astimezone(dt.timezone(dt.timedelta(hours=-5), "EST"))],
    ids=["utc-now", "toronto-now"],
)
def test_dates_are_dates_and_stamps_are_utc(case: Case, now: dt.datetime) -> None:
    lines = content_lines(to_ics(case.profile, case.report, now))
    starts = [ln for ln in lines if ln.startswith(("DTSTART", "DTEND"))]
    assert len(starts) == 2 * len(case.events)
    for line in starts:
        assert re.fullmatch(r"DT(START|END);VALUE=DATE:\d{8}", line), line
    stamps = [ln for ln in lines if ln.startswith("DTSTAMP")]
    assert stamps == ["DTSTAMP:20261126T143005Z"] * len(case.events)
    # Nothing that a reader could place in a time zone of its own choosing.
    assert not [ln for ln in lines if "TZID" in ln or ln == "BEGIN:VTIMEZONE"]
    assert not [
        ln
        for ln in lines
        if re.match(r"(DTSTART|DTEND|DUE|RDATE|EXDATE)[:;]", ln) and "VALUE=DATE" not in ln
    ]


def test_x_properties_need_no_escaping(case: Case) -> None:
    """Readers disagree on whether X- values are TEXT (escaped) or raw: give them no reason to."""
    x_lines = [line for line in content_lines(case.ics) if line.startswith("X-")]
    assert {line.split(":", 1)[0] for line in x_lines} == {"X-WR-CALNAME", "X-WR-CALDESC"}
    for line in x_lines:
        value = line.split(":", 1)[1]
        assert not set(value) & set(";,\\"), line


# --- re-export ------------------------------------------------------------------------------------

STAMPED = ("DTSTAMP:", "LAST-MODIFIED:", "SEQUENCE:")


def test_reexport_is_identical(case: Case, catalog: Catalog) -> None:
    again = deadlines_of(case.profile, catalog, TODAY + 30 * DAY)
    assert to_ics(case.profile, again, NOW) == case.ics
    later = to_ics(case.profile, again, NOW + 3 * DAY)
    assert set(split_events(later)) == set(case.events)
    changed = [
        (a, b) for a, b in zip(content_lines(case.ics), content_lines(later), strict=True) if a != b
    ]
    assert changed and all(a.startswith(STAMPED) for a, _ in changed)
    assert {a.split(":")[0] for a, _ in changed} == {"DTSTAMP", "LAST-MODIFIED", "SEQUENCE"}


def test_sequence_and_last_modified_grow_with_each_export(case: Case) -> None:
    """A client that keeps the newer version of an event (higher SEQUENCE, later LAST-MODIFIED,
    RFC 5545 3.8.7.4 and 3.8.7.3) takes every re-export, even one a second later."""
    later = to_ics(case.profile, case.report, NOW + dt.timedelta(seconds=1))
    for ics, stamp in ((case.ics, NOW), (later, NOW + dt.timedelta(seconds=1))):
        for vevent in vobject_calendar(ics).contents["vevent"]:
            assert vevent.last_modified.value == stamp
    first = [int(v.sequence.value) for v in vobject_calendar(case.ics).contents["vevent"]]
    second = [int(v.sequence.value) for v in vobject_calendar(later).contents["vevent"]]
    assert len(set(first)) == 1 and second == [first[0] + 1] * len(first)
    assert 0 < first[0] < 2**31 - 1, "SEQUENCE is an INTEGER (RFC 5545 3.3.8)"


def test_uids_are_stable_across_versions(catalog: Catalog) -> None:
    """Pinned: a new release that changed them would duplicate every event on re-import.

    (They changed once, on purpose, when UIDs stopped depending on dates.)
    """
    case = _case(
        load_checked_profile(locations.example_profile_path("foreign_worker"), catalog),
        catalog,
        EXAMPLE_EXPECTED,
        EXAMPLE_REMINDERS,
    )
    assert {e.kind: uid for uid, e in case.events.items()} == {
        "employer_submission": "f3e68f39-31e4-5dd3-b581-b988dced04b5@oinp-assistant",
        "candidate_submission": "af3ede6c-77a2-5715-b912-3a0be7498d33@oinp-assistant",
        "permit_expiry": "9455d57f-d746-58c5-ab19-ce6e53768080@oinp-assistant",
    }
    assert set(split_events(case.ics)) == set(case.events)
    assert deadline_uid("bundled-example", "eoi_expiry") == (
        "84a8ae0c-1858-5a4c-ac82-6855159b11fb@oinp-assistant"
    )


def test_corrected_dates_keep_every_uid(catalog: Catalog) -> None:
    """The mistyped invitation, EOI date and permit expiry, corrected: same UIDs, new dates."""
    first = _case(INVITED_TODAY, catalog, INVITED_TODAY_EXPECTED, INVITED_TODAY_REMINDERS)
    corrected = INVITED_TODAY.model_copy(
        update={
            "invitation": Invitation(date=TODAY + DAY),
            "eoi_registered": dt.date(2026, 1, 16),
            "permit": Permit(type="work", expires=dt.date(2027, 7, 31), in_canada=True),
        }
    )
    second = _case(
        corrected,
        catalog,
        {
            "employer_submission": dt.date(2026, 12, 11),
            "candidate_submission": dt.date(2026, 12, 14),
            "permit_expiry": dt.date(2027, 7, 31),
        },
        INVITED_TODAY_REMINDERS,
    )
    by_kind = [{e.kind: uid for uid, e in c.events.items()} for c in (first, second)]
    assert by_kind[0] == by_kind[1]
    assert len(set(by_kind[0].values())) == 3


def test_uid_names_the_person_and_the_kind_only(catalog: Catalog) -> None:
    """Two people's calendars never collide; nothing but the key and the kind goes in."""
    kinds = list(REMINDER_DAYS)
    mine = {deadline_uid("person-a", k) for k in kinds}
    theirs = {deadline_uid("person-b", k) for k in kinds}
    assert len(mine) == len(theirs) == len(kinds)
    assert not mine & theirs
    same_person = _case(
        EOI_PROFILE.model_copy(update={"calendar_key": "dst-person"}),
        catalog,
        EOI_EXPECTED,
        EOI_REMINDERS,
    )
    dst = _case(DST_PROFILE, catalog, DST_EXPECTED)
    # One key, two quite different profiles: still one person's one permit event.
    assert {u for u, e in same_person.events.items() if e.kind == "permit_expiry"} == {
        u for u, e in dst.events.items() if e.kind == "permit_expiry"
    }


def test_example_profile_exports_employer_candidate_and_permit_but_no_eoi_expiry(
    catalog: Catalog,
) -> None:
    """Invited on 2026-04-30: the invitation took the EOI out of the pool."""
    profile = load_checked_profile(locations.example_profile_path("foreign_worker"), catalog)
    case = _case(profile, catalog, EXAMPLE_EXPECTED, EXAMPLE_REMINDERS)
    cal = vobject_calendar(case.ics)
    assert sorted(v.summary.value for v in cal.contents["vevent"]) == [
        "OINP: Employer submits the job offer application",
        "OINP: Submit your OINP application and pay",
        "OINP: Your work permit expires",
    ]
    assert "eoi_expiry" not in {d.kind for d in case.report.deadlines}


def test_permit_event_says_where_ircc(catalog: Catalog) -> None:
    case = _case(DST_PROFILE, catalog, DST_EXPECTED)
    cal = vobject_calendar(case.ics)
    permit = next(v for v in cal.contents["vevent"] if "permit" in v.summary.value)
    assert "Where: IRCC." in permit.description.value.splitlines()


# --- reminders ----------------------------------------------------------------------------------


def test_every_kind_of_deadline_has_its_reminders() -> None:
    """The one table, the future kinds included: submissions a week ahead and on the morning,
    the permit four months ahead, expiries a month and a week ahead."""
    assert set(REMINDER_DAYS) == set(typing.get_args(Kind))
    assert REMINDER_DAYS == {
        "employer_submission": (7, 3, 1, 0),
        "candidate_submission": (7, 3, 1, 0),
        "eoi_registration": (7, 3, 1, 0),
        "permit_expiry": (120, 90, 60, 30),
        "eoi_expiry": (30, 7),
        "nomination_expiry": (30, 7),
    }


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        (INVITED_TODAY, INVITED_TODAY_REMINDERS),
        (EOI_PROFILE, EOI_REMINDERS),
    ],
    ids=["submissions-and-permit", "eoi-expiry-and-permit"],
)
def test_alarm_offsets_per_kind_as_content_lines(
    catalog: Catalog, profile: Profile, expected: dict[str, tuple[int, ...]]
) -> None:
    """Read as text: 09:00 of each reminder's day, before the all-day event's midnight start."""
    ics = to_ics(profile, deadlines_of(profile, catalog, TODAY), NOW)
    triggers: dict[str, list[str]] = {}
    summary = ""
    for line in content_lines(ics):
        if line.startswith("SUMMARY:"):
            summary = line
        elif line.startswith("TRIGGER"):
            triggers.setdefault(summary, []).append(line)
    written = {
        "SUMMARY:OINP: Employer submits the job offer application": "employer_submission",
        "SUMMARY:OINP: Submit your OINP application and pay": "candidate_submission",
        "SUMMARY:OINP: Your work permit expires": "permit_expiry",
        "SUMMARY:OINP: Last day of your EOI in the pool": "eoi_expiry",
    }
    by_hand = {
        7: "TRIGGER:-P6DT15H",
        3: "TRIGGER:-P2DT15H",
        1: "TRIGGER:-PT15H",
        0: "TRIGGER:PT9H",
        30: "TRIGGER:-P29DT15H",
        60: "TRIGGER:-P59DT15H",
        90: "TRIGGER:-P89DT15H",
        120: "TRIGGER:-P119DT15H",
    }
    assert {written[s]: t for s, t in triggers.items()} == {
        kind: [by_hand[d] for d in days] for kind, days in expected.items()
    }


def test_passed_deadlines_keep_their_event_without_reminders(catalog: Catalog) -> None:
    """Kept, so that a date corrected into the past still replaces the wrong event; no alarm,
    since an app may set off an alarm from the past at import."""
    case = _case(DST_PROFILE, catalog, DST_EXPECTED)
    vevents = vobject_calendar(case.ics).contents["vevent"]
    assert len(vevents) == 3
    for vevent in vevents:
        assert "valarm" not in vevent.contents
        assert "This date has passed; the event has no reminders." in (
            vevent.description.value.splitlines()
        )
    assert "BEGIN:VALARM" not in content_lines(case.ics)


def test_reminders_whose_day_has_passed_are_left_out(catalog: Catalog) -> None:
    """Permit expiring in 50 days: the 120-, 90- and 60-day reminders are already behind."""
    soon = INVITED_TODAY.model_copy(
        update={"permit": Permit(type="work", expires=TODAY + 50 * DAY, in_canada=True)}
    )
    case = _case(
        soon,
        catalog,
        {**INVITED_TODAY_EXPECTED, "permit_expiry": dt.date(2027, 1, 15)},
        {**INVITED_TODAY_REMINDERS, "permit_expiry": (30,)},
    )
    for vevent in vobject_calendar(case.ics).contents["vevent"]:
        check_vevent(vevent, case.events[vevent.uid.value])
    # On the day itself the morning reminder is still given.
    on_the_day = to_ics(soon, case.report, NOW + 14 * DAY)
    employer = vobject_calendar(on_the_day).contents["vevent"]
    triggers = {
        v.summary.value: [a.trigger.value for a in v.contents.get("valarm", [])] for v in employer
    }
    assert triggers["OINP: Employer submits the job offer application"] == [NINE_AM]


def test_permit_event_says_why_its_reminders_start_early(catalog: Catalog) -> None:
    case = _case(EOI_PROFILE, catalog, EOI_EXPECTED, EOI_REMINDERS)
    permit = next(
        v for v in vobject_calendar(case.ics).contents["vevent"] if "permit" in v.summary.value
    )
    text = permit.description.value
    assert (
        "Reminders come 120, 90, 60 and 30 days ahead (those still to come): an extension "
        "must be applied for before the permit expires" in " ".join(text.split())
    )
    # A permit is not on the invitation: the event says to check it against its own document.
    assert "check the date against the document it comes from" in text
    assert "keeping your status matters" in text


# --- a real CalDAV server: Radicale --------------------------------------------------------------

HOST = "127.0.0.1"
STARTUP_TIMEOUT = 30.0
HTTP_TIMEOUT = 10.0
# Never a proxy, whatever the environment says: the server is on this machine.
_HTTP = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http(
    method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    assert urllib.parse.urlsplit(url).hostname == HOST
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with _HTTP.open(req, timeout=HTTP_TIMEOUT) as resp:
            return int(resp.status), resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def radicale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale process on 127.0.0.1, its own storage and config, no auth; always stopped."""
    root = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    config = root / "config"
    config.write_text(
        "[server]\n"
        f"hosts = {HOST}:{port}\n"
        "[auth]\n"
        "type = none\n"
        "[storage]\n"
        f"filesystem_folder = {root / 'collections'}\n"
        "[web]\n"
        "type = none\n"
        "[logging]\n"
        "level = warning\n",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "RADICALE_CONFIG"}
    env.update(HOME=str(root), XDG_CONFIG_HOME=str(root / "xdg"))
    log_path = root / "radicale.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            # -C replaces the default config paths (/etc/radicale, ~/.config/radicale).
            [sys.executable, "-m", "radicale", "-C", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=root,
        )
        try:
            url = f"http://{HOST}:{port}"
            _wait_until_serving(proc, url, log_path)
            # The parent of the calendars; with a login Radicale would create it itself.
            status, body = http("MKCOL", url + "/oinp/")
            assert status == 201, body
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def _wait_until_serving(proc: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"Radicale exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with socket.create_connection((HOST, int(url.rsplit(":", 1)[1])), timeout=1):
                pass
        except OSError:
            time.sleep(0.05)
            continue
        status, _ = http("OPTIONS", url + "/")
        if status < 500:
            return
        time.sleep(0.05)
    pytest.fail(f"Radicale did not answer within {STARTUP_TIMEOUT}s:\n{log.read_text()}")


MKCALENDAR = f"""<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop>
    <D:displayname>{CALENDAR_NAME}</D:displayname>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>
""".encode()
XML = {"Content-Type": "application/xml; charset=utf-8"}
NS = {"D": "DAV:", "C": "urn:ietf:params:xml:ns:caldav"}


@pytest.fixture
def collection(radicale: str) -> str:
    """A fresh calendar collection for one test."""
    url = f"{radicale}/oinp/{uuid.uuid4().hex}/"
    status, body = http("MKCALENDAR", url, MKCALENDAR, XML)
    assert status == 201, body
    return url


def resource_url(collection: str, uid: str) -> str:
    """The resource name a well-behaved importer derives from the UID."""
    return collection + urllib.parse.quote(uid, safe="") + ".ics"


def put_events(collection: str, ics: bytes) -> dict[str, str]:
    """PUT one VCALENDAR per event; returns resource URL by UID."""
    urls = {}
    for uid, body in split_events(ics).items():
        url = resource_url(collection, uid)
        status, reply = http("PUT", url, body, {"Content-Type": "text/calendar; charset=utf-8"})
        assert status in (201, 204), (status, reply)
        urls[uid] = url
    return urls


def calendar_query(
    collection: str, time_range: tuple[dt.datetime, dt.datetime] | None = None
) -> dict[str, bytes]:
    """REPORT calendar-query: the server's own selection; calendar-data by href."""
    rng = ""
    if time_range is not None:
        start, end = (t.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ") for t in time_range)
        rng = f'<C:time-range start="{start}" end="{end}"/>'
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:prop><D:getetag/><C:calendar-data/></D:prop>
  <C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT">{rng}</C:comp-filter>
  </C:comp-filter></C:filter>
</C:calendar-query>
""".encode()
    status, reply = http("REPORT", collection, body, {**XML, "Depth": "1"})
    assert status == 207, reply
    out = {}
    for response in ET.fromstring(reply).findall("D:response", NS):
        href = response.findtext("D:href", namespaces=NS)
        data = response.findtext(".//C:calendar-data", namespaces=NS)
        assert href and data, ET.tostring(response)
        out[urllib.parse.unquote(href)] = data.encode("utf-8")
    return out


def _path(url: str) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(url).path)


@pytest.mark.slow
def test_radicale_stores_and_serves_the_exported_dates(collection: str, case: Case) -> None:
    urls = put_events(collection, case.ics)
    assert set(urls) == set(case.events)
    for uid, url in urls.items():
        status, body = http("GET", url)
        assert status == 200, body
        cal = vobject_calendar(body)
        assert cal.prodid.value == PRODID and cal.version.value == "2.0"
        (vevent,) = cal.contents["vevent"]
        check_vevent(vevent, case.events[uid])
    everything = calendar_query(collection)
    assert set(everything) == {_path(u) for u in urls.values()}


TEXTS = ("x-wr-calname", "x-wr-caldesc", "prodid")
EVENT_TEXTS = ("summary", "description", "categories")


def texts_by_vobject(ics: bytes) -> dict[str, str]:
    cal = vobject_calendar(ics)
    out = {name: str(cal.contents[name][0].value) for name in TEXTS}
    for vevent in cal.contents["vevent"]:
        for name in EVENT_TEXTS:
            value = vevent.contents[name][0].value
            out[f"{vevent.uid.value} {name}"] = ",".join(value) if name == "categories" else value
    return out


def texts_by_icalendar(ics: bytes) -> dict[str, str]:
    import icalendar  # a consumer here, like khal: what it reads back is what users see

    cal = icalendar.Calendar.from_ical(ics)
    out = {name: str(cal[name]) for name in TEXTS}
    for vevent in cal.walk("VEVENT"):
        for name in EVENT_TEXTS:
            value = vevent[name]
            # CATEGORIES reads back as a vCategory; the stubs only know "some property value".
            categories = typing.cast(icalendar.vCategory, value)
            text = ",".join(str(c) for c in categories.cats) if name == "categories" else str(value)
            out[f"{vevent['uid']} {name}"] = text
    return out


@pytest.mark.slow
def test_texts_read_the_same_before_and_after_the_server(collection: str, case: Case) -> None:
    """Radicale stores what vobject re-serialises; icalendar-based clients (khal) read that.

    Calendar name, description and every event text must come out the same from our file
    and from the server's copy, whichever library reads them.
    """
    urls = put_events(collection, case.ics)
    expected = texts_by_vobject(case.ics)
    assert texts_by_icalendar(case.ics) == expected
    served: dict[str, dict[str, str]] = {"vobject": {}, "icalendar": {}}
    for url in urls.values():
        status, body = http("GET", url)
        assert status == 200
        served["vobject"].update(texts_by_vobject(body))
        served["icalendar"].update(texts_by_icalendar(body))
    assert served["vobject"] == expected
    assert served["icalendar"] == expected


@pytest.mark.slow
def test_radicale_puts_each_event_on_its_day(collection: str, case: Case) -> None:
    """The server's time-range filter, its own date arithmetic, finds each event on its day.

    For the DST profile this crosses 2026-03-08 (and 2026-11-01): a reader that turned the
    dates into Toronto times and back would shift one of them by an hour, and a range that ends
    at midnight would then catch or miss it.
    """
    urls = put_events(collection, case.ics)
    for uid, url in urls.items():
        day = dt.datetime.combine(case.events[uid].date, dt.time(), dt.UTC)
        on_day = calendar_query(
            collection, (day + dt.timedelta(hours=1), day + 23 * dt.timedelta(hours=1))
        )
        assert _path(url) in on_day, f"{case.events[uid].kind} not found on its day"
        before = calendar_query(collection, (day - DAY, day))
        after = calendar_query(collection, (day + DAY, day + 2 * DAY))
        assert _path(url) not in before and _path(url) not in after


def stored_dates(collection: str) -> dict[str, dt.date]:
    """DTSTART by UID of every event the server holds; fails on a UID held twice."""
    dates: dict[str, dt.date] = {}
    for data in calendar_query(collection).values():
        (vevent,) = vobject_calendar(data).contents["vevent"]
        assert vevent.uid.value not in dates, "one UID stored twice"
        dates[vevent.uid.value] = vevent.dtstart.value
    return dates


@pytest.mark.slow
def test_reimport_after_correcting_the_invitation_and_the_permit_replaces_them(
    collection: str, catalog: Catalog
) -> None:
    """The mistyped invitation and permit dates, exported and imported; then corrected,
    exported a week later and imported again: one event per kind, at the corrected date."""
    first = _case(INVITED_TODAY, catalog, INVITED_TODAY_EXPECTED, INVITED_TODAY_REMINDERS)
    urls = put_events(collection, first.ics)
    assert len(calendar_query(collection)) == 3

    corrected = INVITED_TODAY.model_copy(
        update={
            "invitation": Invitation(date=TODAY - 2 * DAY),
            "permit": Permit(type="work", expires=dt.date(2028, 6, 30), in_canada=True),
        }
    )
    report = deadlines_of(corrected, catalog, TODAY + 7 * DAY)
    second = to_ics(corrected, report, NOW + 7 * DAY)
    assert put_events(collection, second) == urls, "same UIDs, so the same resources"

    kinds = {e.kind: uid for uid, e in first.events.items()}
    assert stored_dates(collection) == {
        kinds["employer_submission"]: dt.date(2026, 12, 8),
        kinds["candidate_submission"]: dt.date(2026, 12, 11),
        kinds["permit_expiry"]: dt.date(2028, 6, 30),
    }
    for data in calendar_query(collection).values():
        (vevent,) = vobject_calendar(data).contents["vevent"]
        assert vevent.dtstamp.value == NOW + 7 * DAY

    # The server holds one resource per UID: the same event under another name is refused,
    # which is why the UIDs must not change between exports.
    body = next(iter(split_events(second).values()))
    status, _ = http(
        "PUT", collection + "copy.ics", body, {"Content-Type": "text/calendar; charset=utf-8"}
    )
    assert status == 409
    assert len(calendar_query(collection)) == 3


@pytest.mark.slow
def test_two_profiles_in_one_collection_keep_their_own_events(
    collection: str, catalog: Catalog
) -> None:
    """Two people with the same kinds of deadline share a calendar; re-exporting one of them
    after a correction touches only that person's events."""
    alice = _case(INVITED_TODAY, catalog, INVITED_TODAY_EXPECTED, INVITED_TODAY_REMINDERS)
    bob_profile = INVITED_TODAY.model_copy(
        update={
            "calendar_key": "bob",
            "permit": Permit(type="study", expires=dt.date(2027, 9, 30), in_canada=True),
        }
    )
    bob = _case(
        bob_profile,
        catalog,
        {**INVITED_TODAY_EXPECTED, "permit_expiry": dt.date(2027, 9, 30)},
        INVITED_TODAY_REMINDERS,
    )
    put_events(collection, alice.ics)
    put_events(collection, bob.ics)
    expected = {uid: e.date for c in (alice, bob) for uid, e in c.events.items()}
    assert len(expected) == 6
    assert stored_dates(collection) == expected

    moved = bob_profile.model_copy(update={"invitation": Invitation(date=TODAY + DAY)})
    put_events(collection, to_ics(moved, deadlines_of(moved, catalog, TODAY), NOW + DAY))
    bob_kinds = {e.kind: uid for uid, e in bob.events.items()}
    assert stored_dates(collection) == {
        **expected,
        bob_kinds["employer_submission"]: dt.date(2026, 12, 11),
        bob_kinds["candidate_submission"]: dt.date(2026, 12, 14),
    }


# --- the CLI writes the file safely ---------------------------------------------------------


def run_oinp(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in (locations.PROFILE_ENV, "PYTHONPATH")}
    env.update(
        # The code under test, not whatever copy of the package the interpreter has installed.
        PYTHONPATH=str(Path(oinp_assistant.__file__).resolve().parents[1]),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
    )
    return subprocess.run(
        [sys.executable, "-m", "oinp_assistant", *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )


EXPORT = ("export-ics", "--example-foreign-worker", "--today", "2026-11-26")


def test_export_writes_owner_only_file_and_keeps_previous(tmp_path: Path) -> None:
    out = tmp_path / "cal" / "oinp.ics"
    out.parent.mkdir()
    done = run_oinp(tmp_path, *EXPORT, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert str(out.resolve()) in done.stdout.decode()
    assert out.stat().st_mode & 0o777 == 0o600
    first = out.read_bytes()
    assert len(vobject_calendar(first).contents["vevent"]) == 3
    bak = out.with_name("oinp.ics.bak")
    assert not bak.exists(), "nothing to back up on the first export"

    done = run_oinp(tmp_path, *EXPORT, "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert bak.read_bytes() == first
    assert len(vobject_calendar(out.read_bytes()).contents["vevent"]) == 3
    assert bak.stat().st_mode & 0o777 == 0o600
    assert out.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["oinp.ics", "oinp.ics.bak"]


def test_export_to_stdout(tmp_path: Path) -> None:
    done = run_oinp(tmp_path, *EXPORT, "-o", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"BEGIN:VCALENDAR\r\n")
    assert done.stdout.endswith(b"END:VCALENDAR\r\n")
    cal = vobject_calendar(done.stdout)
    assert sorted(v.dtstart.value for v in cal.contents["vevent"]) == sorted(
        EXAMPLE_EXPECTED.values()
    )
    assert done.stderr == b""
    assert not list(tmp_path.rglob("*.ics")), "-o - wrote a file too"


def test_export_to_unwritable_path_fails_cleanly(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    target = blocker / "oinp.ics"
    done = run_oinp(tmp_path, *EXPORT, "-o", str(target))
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert err.startswith("oinp: ") and str(target) in err
    assert done.stdout == b""
    assert blocker.read_text() == "not a folder\n"


def test_export_into_a_missing_folder_is_refused_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "x" / "y.ics"
    done = run_oinp(tmp_path, *EXPORT, "-o", str(target))
    err = done.stderr.decode()
    assert done.returncode == 2, err
    assert "Traceback" not in err
    assert f"the folder {target.parent} does not exist" in err
    assert done.stdout == b""
    assert not (tmp_path / "nope").exists()


def test_write_calendar_refuses_a_missing_parent_folder(tmp_path: Path, catalog: Catalog) -> None:
    report = deadlines_of(DST_PROFILE, catalog, TODAY)
    target = tmp_path / "typo" / "oinp.ics"
    with pytest.raises(OutputError) as info:
        write_calendar(DST_PROFILE, report, target, NOW)
    assert str(info.value) == (
        f"cannot write {target}: the folder {target.parent} does not exist. Create it first, "
        "or choose another folder."
    )
    assert list(tmp_path.iterdir()) == []


def test_write_calendar_into_an_existing_folder_writes_every_event(
    tmp_path: Path, catalog: Catalog
) -> None:
    report = deadlines_of(DST_PROFILE, catalog, TODAY)
    written = write_calendar(DST_PROFILE, report, tmp_path, NOW)
    assert written.path == tmp_path / "oinp-deadlines.ics"
    assert written.events == 3 and written.hypothetical_left_out == 0
    assert written.path.read_bytes() == to_ics(DST_PROFILE, report, NOW)


# --- the calendar_key: written once into the profile ---------------------------------------------

MY_PROFILE = """\
# My profile. Keep this comment!
stream = "foreign_worker"
noc = "21231"
eoi_registered = 2026-01-15
job_region = "gta"

[permit]
type = "work"
expires = 2027-06-30
in_canada = true

[invitation]
date = 2026-11-26
"""


def uids_of(ics: bytes) -> dict[str, str]:
    return {v.summary.value: v.uid.value for v in vobject_calendar(ics).contents["vevent"]}


@pytest.mark.parametrize("to_stdout", [False, True], ids=["file", "stdout"])
def test_first_export_writes_the_calendar_key_into_the_profile_once(
    tmp_path: Path, to_stdout: bool
) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text(MY_PROFILE)
    out = tmp_path / "oinp.ics"
    target = "-" if to_stdout else str(out)
    args = ("export-ics", "--profile", str(profile), "--today", "2026-11-26", "-o", target)

    done = run_oinp(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    first = done.stdout if to_stdout else out.read_bytes()
    keyed = profile.read_text()
    (added,) = [ln for ln in keyed.splitlines() if ln not in MY_PROFILE.splitlines()]
    key = re.fullmatch(r'calendar_key = "([0-9a-f]{32})"', added)
    assert key, added
    assert keyed.startswith("# My profile. Keep this comment!\n")
    assert profile.stat().st_mode & 0o777 == 0o600
    if not to_stdout:
        said = done.stdout.decode()
        assert f"Added calendar_key to {profile}" in " ".join(said.split())
        assert "calcurse adds a second copy" in " ".join(said.split())

    # Corrected invitation: the key stays, every UID stays, the dates move.
    profile.write_text(keyed.replace("date = 2026-11-26", "date = 2026-11-27"))
    done = run_oinp(tmp_path, *args)
    assert done.returncode == 0, done.stderr
    second = done.stdout if to_stdout else out.read_bytes()
    assert "Added calendar_key" not in done.stdout.decode()
    assert profile.read_text().count("calendar_key") == 1
    assert uids_of(first) == uids_of(second)
    assert set(uids_of(first).values()) == {
        deadline_uid(key.group(1), k)
        for k in ("employer_submission", "candidate_submission", "permit_expiry")
    }
    assert first != second


def test_example_export_leaves_the_bundled_profile_as_it_is(tmp_path: Path) -> None:
    """Read-only: the example carries its own key, so exporting it writes nothing there."""
    example = locations.example_profile_path("foreign_worker")
    before = example.read_bytes()
    done = run_oinp(tmp_path, *EXPORT, "-o", str(tmp_path / "x.ics"))
    assert done.returncode == 0, done.stderr
    assert "Added calendar_key" not in done.stdout.decode()
    assert example.read_bytes() == before
    assert b'calendar_key = "bundled-example"' in before


def test_a_profile_without_key_that_must_not_be_written_is_not_exported(
    tmp_path: Path, catalog: Catalog
) -> None:
    keyless = INVITED_TODAY.model_copy(update={"calendar_key": None})
    report = deadlines_of(keyless, catalog, TODAY)
    with pytest.raises(ExportError, match="no calendar_key and is read-only"):
        write_calendar(keyless, report, tmp_path, NOW)
    assert list(tmp_path.iterdir()) == []


def test_a_key_that_cannot_be_saved_stops_the_export_with_the_line_to_add(
    tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Events named by a key the profile forgets could never be updated: export nothing."""
    from oinp_assistant import profile_store

    def read_only(path: Path) -> tuple[str, bool]:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(profile_store, "ensure_calendar_key", read_only)
    keyless = INVITED_TODAY.model_copy(update={"calendar_key": None})
    report = deadlines_of(keyless, catalog, TODAY)
    profile_path = tmp_path / "profile.toml"
    with pytest.raises(ExportError) as info:
        write_calendar(keyless, report, tmp_path, NOW, profile_path)
    message = str(info.value)
    assert message.startswith(f"cannot add a calendar_key to {profile_path}: Permission denied.")
    assert re.search(r'calendar_key = "[0-9a-f]{32}"$', message)
    assert list(tmp_path.iterdir()) == []


def test_a_broken_calendar_key_is_explained_in_the_apps_words(tmp_path: Path) -> None:
    profile = tmp_path / "profile.toml"
    profile.write_text('stream = "foreign_worker"\ncalendar_key = "my key!"\n')
    done = run_oinp(tmp_path, "profile", "validate", "--profile", str(profile))
    err = " ".join(done.stderr.decode().split())
    assert done.returncode != 0 and "Traceback" not in err
    assert "line 2, calendar_key: calendar_key is written by the app" in err
    assert "or delete the line: the next export writes a new key" in err
