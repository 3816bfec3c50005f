"""Profiles that cannot be true: dates before a stream existed or after today, impossible scores.

These checks need the streams' dates and today's date, so they run after the schema, on a
valid model; each problem says what cannot be and which line to fix.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from oinp_assistant.problems import Problem, find_line
from oinp_assistant.profile import Profile
from oinp_assistant.streams import Stream


def implausible(
    profile: Profile, text: str, path: Path, streams: Mapping[str, Stream], today: dt.date
) -> list[Problem]:
    problems: list[Problem] = []

    def add(key: str, message: str) -> None:
        problems.append(Problem(path, message, key=key, line=find_line(text, key.split("."))))

    stream = streams.get(profile.stream)
    future = (
        ("eoi_registered", profile.eoi_registered, "an EOI"),
        (
            "invitation.date",
            profile.invitation.date if profile.invitation else None,
            "an invitation",
        ),
        (
            "job_offer.submitted",
            profile.job_offer.submitted if profile.job_offer else None,
            "a job offer",
        ),
        (
            "nomination.date",
            profile.nomination.date if profile.nomination else None,
            "a nomination",
        ),
        (
            "job_offer.position_start",
            profile.job_offer.position_start if profile.job_offer else None,
            "work you already do in the position",
        ),
    )
    for key, day, what in future:
        if day is not None and day > today:
            add(
                key,
                f"{day} is after today ({today}): {what} cannot be dated in the future. Copy "
                "the date from the portal or the letter.",
            )
    eoi_from = stream.eoi_from if stream else None
    if eoi_from and profile.eoi_registered and profile.eoi_registered < eoi_from:
        assert stream is not None
        add(
            "eoi_registered",
            f"{profile.eoi_registered} is before {stream.eoi_from}, the first day "
            f"{stream.name} took expressions of interest: an EOI of this stream cannot be "
            "older. If you registered in a stream that has closed, its EOI does not carry "
            "over; register again and use the new date.",
        )
    submitted = profile.job_offer.submitted if profile.job_offer else None
    employer_first = stream is not None and stream.clocks is not None
    if (
        employer_first
        and submitted
        and profile.eoi_registered
        and profile.eoi_registered < submitted
    ):
        # In an employer-led stream the candidate can register only with the Job Offer ID.
        add(
            "eoi_registered",
            f"{profile.eoi_registered} is before job_offer.submitted {submitted}: in "
            f"{stream.name if stream else 'this stream'} you register the EOI with the Job Offer "
            "ID your employer receives, so it cannot come first. Check both dates.",
        )
    invited_in = streams.get(profile.invitation_stream or "") if profile.invitation else None
    if invited_in is not None and profile.invitation is not None:
        first = invited_in.eoi_from or invited_in.opened
        if first is not None and profile.invitation.date < first:
            add(
                "invitation.date",
                f"{profile.invitation.date} is before {first}, when {invited_in.name} "
                f"{'took its first EOIs' if invited_in.eoi_from else 'opened'}: no invitation "
                "of it can be older. Check the date, or the invitation's stream.",
            )
    opened = stream.opened if stream else None
    if opened and profile.nomination and profile.nomination.date < opened:
        assert stream is not None
        add(
            "nomination.date",
            f"{profile.nomination.date} is before {stream.opened}, when {stream.name} came "
            "into force: no nomination of it can be older. Check the date or the stream.",
        )
    most = stream.max_score if stream else None
    if most is not None and profile.eoi_score is not None and profile.eoi_score > most:
        assert stream is not None
        add(
            "eoi_score",
            f"{profile.eoi_score} is above {stream.max_score}, the most the {stream.name} "
            "grid gives: copy the score from the e-Filing Portal again.",
        )
    return problems


@dataclass(frozen=True)
class Gap:
    """A field left out that makes some answers "unknown": which commands, and why."""

    key: str
    commands: str
    why: str


def gaps(profile: Profile) -> list[Gap]:
    """What the profile lacks that the checks need: a valid file can still answer little.

    Not problems (a blank field is allowed and reported as unknown, never guessed), but a
    profile without them must not read as complete.
    """
    out: list[Gap] = []
    if profile.noc is None:
        out.append(
            Gap("noc", "check, chances", "whether a round that targeted occupations included yours")
        )
    if profile.eoi_score is None:
        out.append(Gap("eoi_score", "check, chances", "whether your score met a round's minimum"))
    if profile.eoi_registered is None:
        out.append(
            Gap(
                "eoi_registered",
                "check, deadlines",
                "whether your EOI was inside a round's profile window and in the pool, and "
                "when it leaves the pool",
            )
        )
    if profile.job_region is None:
        out.append(Gap("job_region", "check", "whether a regional round covered your job"))
    if profile.permit is None or profile.permit.in_canada is None:
        out.append(
            Gap(
                "permit.in_canada" if profile.permit else "permit",
                "check",
                "whether you met a round's condition to live in Canada with a valid permit",
            )
        )
    return out
