"""The dates that end a candidacy if missed, counted in Ontario calendar days.

The invitation day is day 0 (general rule of Ontario's Legislation Act s. 89; no OINP source
says otherwise). No source states the closing time of day, so a deadline is a date: the
assistant says "by end of day" and asks the user to confirm the time in the portal.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from oinp_assistant.catalog import Catalog
from oinp_assistant.clock import add_days, add_months
from oinp_assistant.eligibility import CheckReport
from oinp_assistant.profile import Profile
from oinp_assistant.streams import DEFAULT_CANDIDATE_ACTION

Kind = Literal[
    "eoi_registration",
    "employer_submission",
    "candidate_submission",
    "eoi_expiry",
    "permit_expiry",
    "nomination_expiry",
]
TIME_OF_DAY = "by end of day; confirm the exact time in the portal"
EMPLOYER_PORTAL = "OINP Employer Portal"
EFILING_PORTAL = "OINP e-Filing Portal"


@dataclass(frozen=True)
class Deadline:
    kind: Kind
    date: dt.date
    title: str
    where: str
    action: str
    note: str = ""
    hypothetical: bool = False
    """Counted from a round that would have invited the person, not from an invitation: shown
    only while ahead, never as urgent, and always worded with "if"."""

    @property
    def is_submission(self) -> bool:
        """Counted from an invitation (so hypothetical without one), unlike the expiries."""
        return self.kind in ("employer_submission", "candidate_submission")

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days


@dataclass(frozen=True)
class Basis:
    """What the submission deadlines are counted from."""

    invitation_date: dt.date
    stream: str
    hypothetical: bool
    draw_id: str | None = None


@dataclass
class DeadlineReport:
    basis: Basis | None
    deadlines: list[Deadline]
    notes: list[str] = field(default_factory=list)

    def upcoming(self, today: dt.date) -> list[Deadline]:
        return [d for d in self.deadlines if d.days_left(today) >= 0]

    def next(self, today: dt.date) -> Deadline | None:
        coming = self.upcoming(today)
        return coming[0] if coming else None


PoolKind = Literal["in_pool", "left", "invited", "closed", "withdrawn"]


@dataclass(frozen=True)
class PoolEnd:
    """Where the EOI stands in its stream's pool: the one answer every command and screen words.

    `date` is the last day in the pool when it is known (in_pool, left); `phrase` follows
    "EOI registered 2026-01-20" on one line; `sentence` says it in full.
    """

    kind: PoolKind
    date: dt.date | None
    phrase: str
    sentence: str


def eoi_pool(profile: Profile, catalog: Catalog, today: dt.date) -> PoolEnd | None:
    """The EOI's place in the pool on `today`; None without a registration date."""
    registered, expires = profile.eoi_registered, profile.eoi_expires
    if registered is None or expires is None:
        return None
    if profile.invitation is not None or profile.nomination is not None:
        # an invitation takes the EOI out of the pool: its expiry no longer matters
        day = profile.invitation.date if profile.invitation else None
        since = f" on {day}" if day else ""
        return PoolEnd(
            "invited",
            None,
            f"out of the pool since your invitation{since}",
            f"Your EOI left the pool when you were invited{since}; its expiry no longer matters.",
        )
    stream = catalog.streams[profile.stream]
    withdrawn = stream.pool_withdrawn
    if withdrawn is not None and registered < withdrawn <= today:
        return PoolEnd(
            "withdrawn",
            None,
            f"withdrawn from the pool on {withdrawn}",
            f"Every {stream.name} EOI in the pool was withdrawn on {withdrawn}; yours "
            f"(registered {registered}) was among them.",
        )
    if stream.state_on(today).phase == "closed":
        return PoolEnd(
            "closed",
            None,
            f"pool end unknown: {stream.name} closed on {stream.closed}",
            f"{stream.name} closed on {stream.closed}; what happened to EOIs still in its pool "
            "was never stated, so no EOI expiry is shown.",
        )
    if expires < today:
        return PoolEnd(
            "left",
            expires,
            f"left the pool on {expires} (12 months)",
            f"Your EOI left the pool after {expires}, 12 months after registration.",
        )
    return PoolEnd(
        "in_pool",
        expires,
        f"in the pool through {expires}",
        f"Your EOI is in the pool through {expires}, 12 months after registration (that day "
        "included).",
    )


def compute_deadlines(
    profile: Profile, catalog: Catalog, today: dt.date, checked: CheckReport
) -> DeadlineReport:
    """The deadlines of `profile` on `today`.

    `checked` is the eligibility check the caller already ran for this profile up to `today`
    (its own stream or every stream, without `since`): without an invitation, the newest round
    it found in scope gives the hypothetical deadlines. Deadlines never check draws themselves,
    so data flows one way, eligibility to deadlines, and each draw is checked once.
    """
    notes: list[str] = []
    basis = _basis(profile, catalog, checked, notes)
    deadlines: list[Deadline] = []
    if basis is not None:
        deadlines += _submission_deadlines(profile, catalog, basis, notes, today)
    pool = eoi_pool(profile, catalog, today)
    if pool is not None and pool.kind in ("closed", "withdrawn"):
        notes.append(pool.sentence)
    elif pool is not None and pool.kind in ("in_pool", "left") and pool.date is not None:
        deadlines.append(
            Deadline(
                "eoi_expiry",
                pool.date,
                "Last day of your EOI in the pool",
                EFILING_PORTAL,
                "register a new expression of interest if you still want to be invited",
                note="12 months after registration, that day included; whether an update "
                "resets this is not stated.",
            )
        )
    if profile.permit is not None and profile.permit.expires is not None:
        deadlines.append(
            Deadline(
                "permit_expiry",
                profile.permit.expires,
                f"Your {profile.permit.type} permit expires",
                "IRCC",
                "apply to extend your permit before it expires; several rounds required a valid "
                "permit on the draw date",
                note=_permit_cost(profile, catalog),
            )
        )
    deadlines += _journey_clocks(profile, catalog)
    deadlines.sort(key=lambda d: (d.date, d.kind))
    return DeadlineReport(basis, deadlines, notes)


def _basis(
    profile: Profile, catalog: Catalog, checked: CheckReport, notes: list[str]
) -> Basis | None:
    if profile.invitation is not None:
        stream = profile.invitation_stream or profile.stream
        date = profile.invitation.date
        drawn = [d for d in catalog.draws if d.date == date and d.stream == stream]
        if not drawn:
            notes.append(
                f"The data has no {catalog.stream_name(stream)} round on {date}; the deadlines "
                "are still counted from your invitation (the data may lag behind the program)."
            )
        return Basis(date, stream, hypothetical=False, draw_id=drawn[0].id if drawn else None)
    # Only the profile's own stream can be in scope (the stream criterion), newest first.
    invited = [r for r in checked.results if r.verdict == "in_scope"]
    if not invited:
        notes.append(
            "You have no invitation in your profile, and no round in the data would have "
            "invited you, so there are no submission deadlines to show. Once invited, add the "
            "invitation's date to your profile."
        )
        return None
    newest = invited[0].draw
    notes.append(
        f"Hypothetical: you have no invitation in your profile; these are the deadlines the "
        f"newest round that would have invited you ({newest.date}, {newest.label}) would have "
        "set."
    )
    return Basis(newest.date, newest.stream, hypothetical=True, draw_id=newest.id)


def _submission_deadlines(
    profile: Profile, catalog: Catalog, basis: Basis, notes: list[str], today: dt.date
) -> list[Deadline]:
    stream = catalog.streams[basis.stream]
    window = stream.window_for(basis.invitation_date)
    given = profile.invitation if not basis.hypothetical else None
    out: list[Deadline] = []
    if window is None:
        notes.append(
            f"The deadline windows of {stream.name} are not known to the assistant, so it "
            "invents no date: copy the deadlines from your invitation into [invitation] "
            "employer_deadline and candidate_deadline."
        )
    specs: list[tuple[Kind, int | None, dt.date | None, str, str, str]] = [
        (
            "employer_submission",
            window.employer_days if window else None,
            given.employer_deadline if given else None,
            "Employer submits the job offer application",
            EMPLOYER_PORTAL,
            "your employer must submit its Application for Approval of an Employment Position",
        ),
        (
            "candidate_submission",
            window.candidate_days if window else None,
            given.candidate_deadline if given else None,
            "Submit your OINP application and pay",
            EFILING_PORTAL,
            window.candidate_action if window else DEFAULT_CANDIDATE_ACTION,
        ),
    ]
    for kind, days, copied, title, where, action in specs:
        computed = add_days(basis.invitation_date, days) if days else None
        chosen = copied or computed
        if chosen is None:
            if kind == "employer_submission" and window is not None:
                notes.append(
                    f"{stream.name} had no employer step for invitations on "
                    f"{basis.invitation_date}."
                )
            continue
        note = (
            f"{days} calendar days after the invitation ({basis.invitation_date}); {TIME_OF_DAY}."
            if days
            else TIME_OF_DAY + "."
        )
        if copied is not None and computed is not None and copied != computed:
            note = (
                f"Using the date from your invitation ({copied}); the assistant counts "
                f"{computed} ({days} days after {basis.invitation_date}). Trust the portal."
            )
        elif copied is not None and computed is None:
            note = f"Date copied from your invitation; {TIME_OF_DAY}."
        if window is not None and window.note:
            note += f" Rule confidence {window.confidence}: {window.note}"
        if basis.hypothetical:
            if chosen < today:
                continue  # a date that passed for an invitation that never came tells nothing
            when = f"If you had been invited on {basis.invitation_date}"
            title = f"{when}: {title[:1].lower()}{title[1:]}"
        out.append(Deadline(kind, chosen, title, where, action, note, basis.hypothetical))
    if basis.hypothetical and not out and window is not None:
        notes.append(
            "The deadlines that round would have set have passed, so none is shown: they "
            "would only matter to someone invited then."
        )
    return out


def _permit_cost(profile: Profile, catalog: Catalog) -> str:
    """What losing the permit costs a candidate scored on a points grid (OWP)."""
    permit = profile.permit
    grid = catalog.grids.get(profile.stream)  # a closed stream's candidate is not scored now
    if permit is None or grid is None:
        return ""
    factor = grid.factors.get("legal_status")
    band = factor.band_for_value(permit.type) if factor else None
    cost = f"the {band.points} status points of your EOI score and " if band and band.points else ""
    return (
        f"Once it expires you lose {cost}your status; a candidate living in Canada without valid "
        f"status may not be nominated ({grid.grid.name})."
    )


def _journey_clocks(profile: Profile, catalog: Catalog) -> list[Deadline]:
    """The clocks before and after the invitation windows: EOI registration, nomination expiry."""
    stream = catalog.streams[profile.stream]
    clocks = stream.clocks
    out: list[Deadline] = []
    job = profile.job_offer
    beyond_eoi = profile.invitation is not None or profile.nomination is not None
    if job is not None and job.submitted is not None and profile.eoi_registered is None:
        days = None if beyond_eoi else (clocks.eoi_registration_days if clocks else None)
        if days is not None and clocks is not None:
            out.append(
                Deadline(
                    "eoi_registration",
                    add_days(job.submitted, days),
                    "Register your expression of interest",
                    EFILING_PORTAL,
                    "register your EOI with the Job Offer ID your employer received, or the "
                    "job offer lapses",
                    note=f"{days} calendar days after your employer submitted the job offer "
                    f"({job.submitted}); {TIME_OF_DAY}. Rule confidence {clocks.confidence}: "
                    f"{clocks.note}",
                )
            )
    nomination = profile.nomination
    if nomination is not None:
        months = clocks.nomination_valid_months if clocks else None
        computed = add_months(nomination.date, months) if months else None
        chosen = nomination.expires or computed  # no recorded validity: no date is invented
        if chosen is not None:
            if nomination.expires is not None and computed and nomination.expires != computed:
                note = (
                    f"Using the date on your certificate ({nomination.expires}); the assistant "
                    f"counts {computed} ({months} months after {nomination.date}). Trust the "
                    "certificate."
                )
            elif nomination.expires is not None:
                note = "Date copied from your nomination certificate."
            else:
                note = f"{months} months after your nomination ({nomination.date})."
                if clocks is not None:
                    note += f" Rule confidence {clocks.confidence}: {clocks.note}"
            out.append(
                Deadline(
                    "nomination_expiry",
                    chosen,
                    "Your nomination certificate expires",
                    "IRCC",
                    "apply to IRCC for permanent residence before your nomination expires",
                    note=note,
                )
            )
    return out
