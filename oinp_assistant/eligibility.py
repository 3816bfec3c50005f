"""Would this profile have been invited in this round? Criterion by criterion, with reasons.

Each criterion is `pass`, `fail` or `unknown`. Unknown means the profile or the draw record
lacks what the criterion needs; it is never silently treated as a pass.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from oinp_assistant import wording
from oinp_assistant.catalog import Catalog
from oinp_assistant.draws import Draw
from oinp_assistant.profile import REGION_NAMES, REGIONS, Profile
from oinp_assistant.streams import Stream, StreamState

Status = Literal["pass", "fail", "unknown"]
Verdict = Literal["in_scope", "out_of_scope", "unknown"]
Outcome = tuple[Status, str]
"""What a criterion found and the sentence that says why."""


class Criterion(NamedTuple):
    """One criterion's finding. A named tuple, not a frozen dataclass: a check of every round
    builds eight per round (800,000 for 100,000 rounds the user added), and a tuple is built
    in half the time."""

    name: str
    status: Status
    detail: str


@dataclass(frozen=True)
class DrawResult:
    draw: Draw
    criteria: tuple[Criterion, ...]

    @property
    def verdict(self) -> Verdict:
        statuses = {c.status for c in self.criteria}
        if "fail" in statuses:
            return "out_of_scope"
        return "in_scope" if statuses == {"pass"} else "unknown"

    @property
    def failed(self) -> list[Criterion]:
        return [c for c in self.criteria if c.status == "fail"]


class DrawContext(NamedTuple):
    """Everything a criterion may look at, so every criterion has the same signature.

    A named tuple, built once per round checked, as fast as a tuple (see Criterion)."""

    profile: Profile
    draw: Draw
    catalog: Catalog
    same_day: Sequence[Draw]
    """Every round drawn the day of `draw` (itself included)."""
    stream: Stream | None
    """The stream of `draw` (None when the record names a stream the catalog lacks)."""
    shared: dict[object, str] | None = None
    """Sentences one check builds once for all its rounds (`check_profile`'s); None: no sharing."""


@dataclass(frozen=True)
class StreamStatus:
    stream_id: str
    is_open: bool
    message: str
    state: StreamState


@dataclass
class CheckReport:
    profile_stream: str
    stream_status: StreamStatus
    results: list[DrawResult]
    notes: list[str] = field(default_factory=list)


def stream_status(stream: Stream, catalog: Catalog, today: dt.date) -> StreamStatus:
    """Whether the stream takes candidates today, and what replaced it if it closed."""
    state = stream.state_on(today)
    message = wording.state_message(state, catalog.streams, "switch your profile's stream to it")
    return StreamStatus(stream.id, state.is_open, message, state)


def check_profile(
    profile: Profile,
    catalog: Catalog,
    today: dt.date,
    *,
    all_streams: bool = False,
    since: dt.date | None = None,
) -> CheckReport:
    """Check the profile against every draw (its stream only unless `all_streams`), newest first."""
    stream = catalog.streams[profile.stream]
    # A round's "you were targeted by another round that day" note only reads the rounds that
    # targeted the profile's NOC: grouping just those keeps the check linear however many
    # rounds share a day (a user may add thousands).
    by_day: dict[dt.date, list[Draw]] = defaultdict(list)
    if profile.noc is not None:
        for draw in catalog.draws:
            if draw.noc_codes and profile.noc in draw.noc_codes:
                by_day[draw.date].append(draw)
    chosen = [
        d
        for d in catalog.draws_for(None if all_streams else profile.stream, until=today)
        if since is None or d.date >= since
    ]
    shared: dict[object, str] = {}
    results = [check_draw(profile, d, catalog, by_day.get(d.date, ()), shared) for d in chosen]
    report = CheckReport(profile.stream, stream_status(stream, catalog, today), results)
    stream_draws = catalog.draws_for(profile.stream)
    if not stream_draws:
        report.notes.append(
            f"No round of {stream.name} is in the data. The record was checked against its "
            f"sources through {catalog.meta.checked_through} and none had been published by "
            "then; rounds after that day are not covered, so check the official OINP page."
        )
    elif all(d.date > today for d in stream_draws):
        report.notes.append(
            f"No round of {stream.name} up to {today} is in the data (its first one in the "
            f"record is on {stream_draws[-1].date})."
        )
    elif not results:
        report.notes.append(
            f"No round matches: none since {since}." if since else "No round matches."
        )
    if not stream.eoi_scored:
        report.notes.append(
            f"{stream.name} selects through Express Entry by CRS score: the OINP EOI score "
            "criterion does not apply to it."
        )
    return report


def check_draw(
    profile: Profile,
    draw: Draw,
    catalog: Catalog,
    same_day: Sequence[Draw] | None = None,
    shared: dict[object, str] | None = None,
) -> DrawResult:
    """The round's criteria. `shared` lets the rounds of one check share sentences that only
    depend on their day (see `_occupation`): give one dict only with the same `same_day`
    list for every round of a day, as `check_profile` does."""
    stream = catalog.streams.get(draw.stream)
    ctx = DrawContext(profile, draw, catalog, same_day or (), stream, shared)
    # A round held before the EOI existed: eoi_validity says so once; the window's cut-off
    # would only say the same thing a second time in other words.
    rules = _RULES_BEFORE_EOI if before_eoi(profile, draw) else RULES
    return DrawResult(draw, tuple([Criterion(name, *rule(ctx)) for name, rule in rules]))


def before_eoi(profile: Profile, draw: Draw) -> bool:
    """Whether the round was drawn before the profile's EOI existed (unknown date: no)."""
    return profile.eoi_registered is not None and draw.date < profile.eoi_registered


def could_include(profile: Profile, draw: Draw) -> bool:
    """Whether the round could have included this EOI: registered by the window's last day.

    Without a window end, the draw date is the cut-off; without a registration date, every
    round counts (nothing says otherwise).
    """
    if profile.eoi_registered is None:
        return True
    return profile.eoi_registered <= (draw.window_end or draw.date)


def occupation_open(draw: Draw, noc: str | None) -> bool | None:
    """Whether the round was open to this occupation: general rounds to all, targeted ones to
    their list. None when that cannot be told (list not in the sources, or no NOC given)."""
    if draw.is_general:
        return True
    if draw.noc_codes is None or noc is None:
        return None
    return noc in draw.noc_codes


def _stream(ctx: DrawContext) -> Outcome:
    profile, draw, catalog = ctx.profile, ctx.draw, ctx.catalog
    theirs = catalog.stream_name(draw.stream)
    if draw.stream == profile.stream:
        return ("pass", f"This round was for {theirs}, your stream.")
    return (
        "fail",
        f"This round was for {theirs}; your profile is in {catalog.stream_name(profile.stream)}.",
    )


def _noc_text(code: str, catalog: Catalog) -> str:
    title = catalog.occupation_title(code)
    return f"NOC {code} ({title})" if title else f"NOC {code}"


def _occupation(ctx: DrawContext) -> Outcome:
    profile, draw, catalog = ctx.profile, ctx.draw, ctx.catalog
    is_open = occupation_open(draw, profile.noc)
    if is_open and draw.is_general:
        return ("pass", "General round: every occupation of the stream could be invited.")
    if draw.noc_codes is None:
        return (
            "unknown",
            "This round targeted certain occupations, but their list was not found "
            "in the sources; check the official notice for your NOC.",
        )
    if profile.noc is None:
        return (
            "unknown",
            f"This round targeted {len(draw.noc_codes)} occupations; add noc = "
            '"12345" to your profile to check yours.',
        )
    mine = _noc_text(profile.noc, catalog)
    if is_open:
        return (
            "pass",
            f"Your {mine} was one of the {len(draw.noc_codes)} occupations targeted.",
        )
    count = len(draw.noc_codes)
    # The day's rounds that targeted the NOC (never this one, which did not): the same
    # sentence for every round of the day that did not, so one check builds it once a day.
    key = ("targeted that day", draw.date)
    if ctx.shared is not None and key in ctx.shared:
        said = ctx.shared[key]
    else:
        said = _targeted_elsewhere(ctx, profile.noc)
        if ctx.shared is not None:
            ctx.shared[key] = said
    if said:
        return (
            "fail",
            f"Your {mine} was not targeted in this round; that day it was targeted in the {said}.",
        )
    return (
        "fail",
        f"Your {mine} was not among the {count} occupation{'s' if count != 1 else ''} targeted.",
    )


def _targeted_elsewhere(ctx: DrawContext, noc: str) -> str:
    """The other rounds of the day that targeted `noc`, in words ("" when none)."""
    profile, draw, catalog = ctx.profile, ctx.draw, ctx.catalog
    elsewhere = [
        other
        for other in ctx.same_day
        if other.id != draw.id and other.noc_codes and noc in other.noc_codes
    ]
    if elsewhere:
        # Grouped by stream, the candidate's own first: those are rounds they could have been in.
        by_stream: dict[str, list[str]] = defaultdict(list)
        for other in sorted(elsewhere, key=lambda o: (o.stream != profile.stream, o.stream)):
            by_stream[other.stream].append(other.label)
        groups = [
            f"{catalog.stream_name(sid)} {labels[0]}"
            if len(labels) == 1
            else f"{catalog.stream_name(sid)} ({', '.join(labels)})"
            for sid, labels in by_stream.items()
        ]
        rounds = "round" if len(elsewhere) == 1 else "rounds"
        return f"{_join(groups)} {rounds}"
    return ""


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _score(ctx: DrawContext) -> Outcome:
    profile, draw, stream = ctx.profile, ctx.draw, ctx.stream
    if stream is not None and not stream.eoi_scored:
        return (
            "unknown",
            "Not scored: this Express Entry round ranked candidates by CRS, not an "
            "OINP EOI score (see the round's notes).",
        )
    if draw.min_score is None:
        return ("unknown", "The minimum score of this round was not found in the sources.")
    if profile.eoi_score is None:
        return (
            "unknown",
            f"The minimum was {draw.min_score}; add eoi_score to your profile to compare.",
        )
    gap = draw.min_score - profile.eoi_score
    if gap <= 0:
        return ("pass", f"Your score {profile.eoi_score} met the minimum of {draw.min_score}.")
    points = "point" if gap == 1 else "points"
    return (
        "fail",
        f"Your score {profile.eoi_score} was {gap} {points} below the minimum of {draw.min_score}.",
    )


def _window(ctx: DrawContext) -> Outcome:
    draw = ctx.draw
    start, end, registered = draw.window_start, draw.window_end, ctx.profile.eoi_registered
    if start is None and end is None:
        return (
            "unknown",
            "The profile window of this round was not found in the sources.",
        )
    if registered is None:
        return (
            "unknown",
            "Add eoi_registered (the day you created your EOI) to check the "
            "round's profile window.",
        )
    if start is not None and registered < start:
        return (
            "fail",
            f"Your EOI was registered {registered}, before this round's window opened on {start}.",
        )
    if end is not None and registered > end:
        return (
            "fail",
            f"Your EOI was registered {registered}, after the cut-off: only "
            f"profiles created and attested to by {end}, 11:59 p.m. were "
            "considered.",
        )
    if start is None or end is None:
        known = f"ended {end}" if end else f"started {start}"
        return (
            "unknown",
            f"The round's window {known}; its other end was not found, so your "
            f"registration on {registered} cannot be confirmed inside it.",
        )
    return (
        "pass",
        f"Your EOI (registered {registered}) was inside the window {start} to "
        f"{end}, both days included.",
    )


def _norm(name: str) -> set[str]:
    # Notices give bilingual names ("Greater Sudbury/Grand Sudbury"); either half matches.
    return {" ".join(part.lower().split()) for part in name.split("/") if part.strip()}


def _region(ctx: DrawContext) -> Outcome:
    profile, draw = ctx.profile, ctx.draw
    region, communities = draw.region, draw.communities
    if region is None and communities == ():
        return ("pass", "Not a regional round: a job anywhere in Ontario counted.")
    if communities is None:
        return (
            "unknown",
            "This round was limited to named communities, but no notice in the "
            "record names them; check the official notice.",
        )
    if communities:
        named = ", ".join(communities)
        if region == "greater_sudbury" and profile.job_region not in (None, "northern_ontario"):
            return (
                "fail",
                f"This round was for jobs in {named}, in Northern Ontario; your "
                f"job is in {REGION_NAMES[profile.job_region or '']}.",
            )
        if profile.job_community is None:
            return (
                "unknown",
                f"This round was limited to jobs in {named}; add job_community "
                "to your profile to check.",
            )
        wanted = set().union(*(_norm(c) for c in communities))
        if _norm(profile.job_community) & wanted:
            return (
                "pass",
                f"Your job community {profile.job_community} was one of those named: {named}.",
            )
        return (
            "fail",
            f"This round was limited to jobs in {named}; yours is in {profile.job_community}.",
        )
    assert region is not None
    if region not in REGIONS:
        return (
            "unknown",
            f'This round was limited to "{region}", a region the assistant does '
            "not know; check the official notice.",
        )
    # A GTA round took jobs in the whole GTA; the profile's "gta" means outside Toronto.
    where = REGION_NAMES[region]
    if region == "gta":
        where = "the Greater Toronto Area (City of Toronto included)"
    if profile.job_region is None:
        return (
            "unknown",
            f"This round was for jobs in {where}; add job_region to your profile to check.",
        )
    if profile.job_region == region or (region == "gta" and profile.job_region == "toronto"):
        return ("pass", f"This round was for jobs in {where}, where yours is.")
    return (
        "fail",
        f"This round was for jobs in {where}; yours is in {REGION_NAMES[profile.job_region]}.",
    )


def _permit(ctx: DrawContext) -> Outcome:
    profile, draw = ctx.profile, ctx.draw
    rule, permit = draw.residence_required, profile.permit
    if rule == "no":
        return ("pass", "The round's notice set no residence or permit condition.")
    if rule == "unknown":
        return (
            "unknown",
            "No notice text for this round was found, so whether it required you "
            "to live in Canada is not known.",
        )
    if rule == "in_canada_with_permit" and permit is not None:
        # A missing or expired permit fails this round whether or not in_canada is filled in.
        if permit.type == "none":
            return (
                "fail",
                "This round required a valid work or study permit; your profile has none.",
            )
        assert permit.expires is not None
        if permit.expires < draw.date:
            return (
                "fail",
                f"This round required a valid permit on {draw.date}; yours expired on "
                f"{permit.expires}.",
            )
    if permit is None or permit.in_canada is None:
        return (
            "unknown",
            "This round invited only people living in Canada; add [permit] with "
            "in_canada = true or false to check.",
        )
    if not permit.in_canada:
        return (
            "fail",
            "This round invited only people living in Canada; your profile says you are not.",
        )
    if rule == "in_canada":
        return ("pass", "This round invited people living in Canada, as you are.")
    return (
        "pass",
        f"This round required a valid work or study permit; your {permit.type} "
        f"permit was valid on {draw.date} (expires {permit.expires}).",
    )


def _eoi_validity(ctx: DrawContext) -> Outcome:
    profile, draw, stream = ctx.profile, ctx.draw, ctx.stream
    registered, expires = profile.eoi_registered, profile.eoi_expires
    if registered is None or expires is None:
        return (
            "unknown",
            "Add eoi_registered to check that your EOI was in the pool that day.",
        )
    if draw.date < registered:
        return (
            "fail",
            f"Your EOI did not exist yet on {draw.date} (registered {registered}): this round "
            "could not include it.",
        )
    withdrawn = stream.pool_withdrawn if stream is not None else None
    if withdrawn is not None and registered < withdrawn <= draw.date:
        return (
            "fail",
            f"Every {stream.name if stream else ''} EOI in the pool was withdrawn on "
            f"{withdrawn}, before the Employer Portal opened; yours (registered {registered}) "
            "was among them.",
        )
    invitation = profile.invitation
    if invitation is not None and invitation.date < draw.date:
        return (
            "fail",
            f"You were invited on {invitation.date}: an invitation takes the EOI out of the "
            "pool, so later rounds no longer concern it.",
        )
    # The 12 months include their last day: the official rounds took profiles created exactly
    # 12 months before the draw (e.g. window 2025-04-22 to 2026-04-20 for the 2026-04-22 round).
    if draw.date > expires:
        return (
            "fail",
            f"Your EOI had left the pool: its 12 months after registration ended on {expires}.",
        )
    return (
        "pass",
        f"Your EOI was in the pool (its 12 months after registration end on {expires}; "
        "whether an update resets that clock is not stated by any source).",
    )


def _other_conditions(ctx: DrawContext) -> Outcome:
    conditions = ctx.catalog.conditions_for(ctx.draw)
    if not conditions:
        return ("pass", "No other condition is recorded for this round.")
    texts = "; ".join(c.text for c in conditions)
    return (
        "unknown",
        f"This round also required {texts}. Your profile does not record this, so check it "
        "yourself against the round's notice (listed in its sources).",
    )


RULES: tuple[tuple[str, Callable[[DrawContext], Outcome]], ...] = (
    ("stream", _stream),
    ("occupation", _occupation),
    ("score", _score),
    ("profile_window", _window),
    ("region", _region),
    ("permit", _permit),
    ("eoi_validity", _eoi_validity),
    ("other_conditions", _other_conditions),
)
"""Every criterion in the order reports show them: its name (the JSON contract's) and its rule."""
CRITERIA = tuple(name for name, _ in RULES)
_RULES_BEFORE_EOI = tuple((name, rule) for name, rule in RULES if name != "profile_window")
