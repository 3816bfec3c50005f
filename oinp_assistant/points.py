"""The EOI points estimate: each factor of a grid scored from the profile's facts, with its basis.

A fact the profile lacks leaves its factor `unknown` with the range it could still take; it is
never guessed. `upcoming` lists the days the score changes by itself (months in the position,
a permit running out); `moves` lists single changes that would add points.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from oinp_assistant.clock import add_months, completed_months
from oinp_assistant.grid import Band, Factor, Grid, GridInfo
from oinp_assistant.profile import (
    EDUCATION_NAMES,
    REGION_NAMES,
    JobOffer,
    Language,
    LanguageTest,
    Profile,
)

FactorStatus = Literal["known", "unknown"]
Ladder = Literal["job_offer_position", "ontario_work", "physician_practice"]
POSITION_MILESTONES = (6, 13, 25)
"""Completed months in the position at which its ladder moves up a band (see the grid file)."""


@dataclass(frozen=True)
class FactorScore:
    name: str
    title: str
    low: int
    high: int
    max: int
    basis: str
    band: str | None
    confidence: str
    ladder: Ladder | None = None

    @property
    def status(self) -> FactorStatus:
        return "known" if self.low == self.high else "unknown"

    @property
    def points(self) -> int | None:
        return self.low if self.status == "known" else None


@dataclass(frozen=True)
class Upcoming:
    date: dt.date
    factor: str
    change: int
    total: int
    why: str


@dataclass(frozen=True)
class Move:
    factor: str
    change: int
    actionable: bool
    what: str


@dataclass(frozen=True)
class Estimate:
    grid: GridInfo
    stream: str
    as_of: dt.date
    physician: bool
    factors: tuple[FactorScore, ...]
    portal_score: int | None
    sources: tuple[str, ...]
    notes: tuple[str, ...] = ()
    upcoming: tuple[Upcoming, ...] = ()
    moves: tuple[Move, ...] = ()
    comparison: tuple[str, ...] = field(default=())

    @property
    def total(self) -> int:
        """The points the known facts are sure to give."""
        return sum(f.low for f in self.factors)

    @property
    def total_max_possible(self) -> int:
        return sum(f.high for f in self.factors)

    @property
    def maximum(self) -> int:
        return self.grid.maximum_physician if self.physician else self.grid.maximum

    @property
    def unknown(self) -> list[FactorScore]:
        return [f for f in self.factors if f.status == "unknown"]

    def factor(self, name: str) -> FactorScore:
        return next(f for f in self.factors if f.name == name)

    def summary(self) -> str:
        """One line: the total, and the range while facts are missing."""
        if not self.unknown:
            return f"Estimated score: {self.total} of {self.maximum}."
        missing = ", ".join(_mid_sentence(_short(f)) for f in self.unknown)
        return (
            f"Estimated score: {self.total} known; {self.total} to {self.total_max_possible} "
            f"of {self.maximum} once these are known: {missing}."
        )


# Words that keep their capital inside a sentence.
_PROPER = frozenset({"Canadian", "Canada", "Ontario", "English", "French"})


def _short(factor: FactorScore) -> str:
    """A factor's title without its bracketed detail: the words every line names it by."""
    return factor.title.split(" (")[0]


def _mid_sentence(title: str) -> str:
    """A title inside a sentence: "Legal status in Canada" → "legal status in Canada"; an
    acronym ("NOC TEER ...") or a proper word ("Canadian ...") that opens it keeps its
    capital."""
    first = title.split(" ", 1)[0]
    return title if first.isupper() or first in _PROPER else title[:1].lower() + title[1:]


# --- one function per factor: which fact it reads, and the band that fact falls in -----------

Scorer = Callable[[Profile, Factor, dt.date, bool], FactorScore]


def _known(factor: Factor, band: Band, basis: str, ladder: Ladder | None = None) -> FactorScore:
    return FactorScore(
        factor.name,
        factor.title,
        band.points,
        band.points,
        factor.max,
        basis,
        band.label,
        factor.confidence,
        ladder,
    )


def _unknown(
    factor: Factor, basis: str, low: int = 0, high: int | None = None, band: str | None = None
) -> FactorScore:
    return FactorScore(
        factor.name,
        factor.title,
        low,
        factor.max if high is None else high,
        factor.max,
        basis,
        band,
        factor.confidence,
    )


def _categorical(factor: Factor, value: str, basis: str) -> FactorScore:
    band = factor.band_for_value(value)
    if band is None:  # the grid file and the profile's allowed values disagree: say so
        return _unknown(factor, f"{basis}; the grid has no band for it")
    return _known(factor, band, basis)


def _noc_teer(profile: Profile, factor: Factor, as_of: dt.date, physician: bool) -> FactorScore:
    if profile.noc is None:
        return _unknown(factor, 'no NOC in your profile: add noc = "12345"')
    return _categorical(factor, profile.noc[1], f"NOC {profile.noc} is TEER {profile.noc[1]}")


def _broad_category(
    profile: Profile, factor: Factor, as_of: dt.date, physician: bool
) -> FactorScore:
    if profile.noc is None:
        return _unknown(factor, 'no NOC in your profile: add noc = "12345"')
    return _categorical(
        factor, profile.noc[0], f"NOC {profile.noc} is in broad category {profile.noc[0]}"
    )


def _hourly_wage(profile: Profile, factor: Factor, as_of: dt.date, physician: bool) -> FactorScore:
    if physician:
        return FactorScore(
            factor.name,
            factor.title,
            0,
            0,
            0,
            "not scored for self-employed physicians",
            None,
            factor.confidence,
        )
    wage = profile.job_offer.hourly_wage if profile.job_offer else None
    if wage is None:
        return _unknown(factor, "no job_offer.hourly_wage in your profile")
    band = factor.band_at_least(wage)
    assert band is not None  # the grid's lowest band starts at 0
    return _known(factor, band, f"${wage:,.2f} an hour")


def position_months(job_offer: JobOffer | None, as_of: dt.date) -> int | None:
    """Completed months in the job-offer position; 0 when the profile says you don't work in it."""
    if job_offer is None:
        return None
    if job_offer.position_start is None or job_offer.position_start > as_of:
        return 0  # the profile's contract: position_start is omitted when you don't work in it
    return completed_months(job_offer.position_start, as_of)


def _work_experience(
    profile: Profile, factor: Factor, as_of: dt.date, physician: bool
) -> FactorScore:
    if physician:
        months = profile.physician.ontario_practice_months if profile.physician else None
        if months is None:
            return _unknown(factor, "no physician.ontario_practice_months in your profile")
        band = factor.band_at_least(months, factor.ladders["physician_practice"])
        assert band is not None
        return _known(factor, band, f"{months} months of practice in Ontario", "physician_practice")
    in_position = position_months(profile.job_offer, as_of)
    if in_position is None:
        return _unknown(factor, "no [job_offer] in your profile")
    position = factor.ladders["job_offer_position"]
    if in_position >= 6:
        band = factor.band_at_least(in_position, position)
        assert band is not None
        return _known(
            factor,
            band,
            f"{in_position} completed months in the job-offer position",
            "job_offer_position",
        )
    # Under 6 months in the position, the grid scores months of work in Ontario instead.
    ontario = profile.experience.ontario_months if profile.experience else None
    if ontario is None:
        return _unknown(
            factor,
            f"{in_position} months in the job-offer position (under 6), so months of work in "
            "Ontario count instead: add experience.ontario_months",
            high=max(b.points for b in factor.ladders["ontario_work"]),
        )
    band = factor.band_at_least(ontario, factor.ladders["ontario_work"])
    assert band is not None
    return _known(
        factor,
        band,
        f"{in_position} months in the job-offer position (under 6), so your {ontario} months "
        "of work in Ontario count instead",
        "ontario_work",
    )


def _earnings(profile: Profile, factor: Factor, as_of: dt.date, physician: bool) -> FactorScore:
    if profile.best_annual_earnings is None:
        return _unknown(factor, "no best_annual_earnings in your profile")
    band = factor.band_at_least(profile.best_annual_earnings)
    assert band is not None
    return _known(factor, band, f"${profile.best_annual_earnings:,.0f} in your best year")


def _legal_status(profile: Profile, factor: Factor, as_of: dt.date, physician: bool) -> FactorScore:
    permit = profile.permit
    if permit is None:
        return _unknown(factor, "no [permit] in your profile")
    if permit.type == "none":
        return _categorical(factor, "none", "your profile says you hold no permit")
    assert permit.expires is not None  # the model requires it for work and study permits
    if permit.expires < as_of:
        return _categorical(
            factor, "none", f"your {permit.type} permit expired on {permit.expires}"
        )
    return _categorical(factor, permit.type, f"{permit.type} permit valid through {permit.expires}")


def _education_level(
    profile: Profile, factor: Factor, as_of: dt.date, physician: bool
) -> FactorScore:
    level = profile.education.highest if profile.education else None
    if level is None:
        return _unknown(factor, "no education.highest in your profile")
    return _categorical(factor, level, EDUCATION_NAMES[level])


def _credentials(profile: Profile, factor: Factor, as_of: dt.date, physician: bool) -> FactorScore:
    count = profile.education.canadian_credentials if profile.education else None
    if count is None:
        return _unknown(factor, "no education.canadian_credentials in your profile")
    band = factor.band_at_least(count)
    assert band is not None
    plural = "" if count == 1 else "s"
    return _known(factor, band, f"{count} Canadian post-secondary credential{plural}")


def _tests(language: Language) -> dict[str, LanguageTest]:
    tests = {"English": language.english, "French": language.french}
    return {name: test for name, test in tests.items() if test is not None}


def _abilities(test: LanguageTest) -> tuple[int | None, ...]:
    return (test.speaking, test.listening, test.reading, test.writing)


def _language_ability(
    profile: Profile, factor: Factor, as_of: dt.date, physician: bool
) -> FactorScore:
    if profile.language is None:
        return _unknown(factor, "no [language.english] or [language.french] test in your profile")
    tests = _tests(profile.language)
    if not tests:
        zero = factor.band_at_least(0)
        assert zero is not None
        return _known(factor, zero, "no language test in your profile")
    incomplete = [name for name, t in tests.items() if t.lowest is None]
    complete = {name: t.lowest for name, t in tests.items() if t.lowest is not None}
    best_name, best = max(complete.items(), key=lambda kv: kv[1] or 0, default=(None, None))
    if incomplete:
        low_band = factor.band_at_least(best) if best is not None else None
        return _unknown(
            factor,
            f"the {' and '.join(incomplete)} test lacks an ability: give all four",
            low=low_band.points if low_band else 0,
        )
    assert best is not None and best_name is not None
    band = factor.band_at_least(best)
    assert band is not None
    scale = "CLB" if best_name == "English" else "NCLC"
    return _known(factor, band, f"{best_name}: lowest ability {scale} {best}")


def _official_languages(
    profile: Profile, factor: Factor, as_of: dt.date, physician: bool
) -> FactorScore:
    if profile.language is None:
        return _unknown(factor, "no [language.english] or [language.french] test in your profile")
    tests = _tests(profile.language)
    if not tests:
        return FactorScore(
            factor.name,
            factor.title,
            0,
            0,
            factor.max,
            "no language test in your profile",
            None,
            factor.confidence,
        )
    if len(tests) == 2:
        lows = [t.lowest for t in tests.values()]
        if all(low is not None and low >= 6 for low in lows):
            return _categorical(factor, "both", "English and French tests at 6 or higher")
        # Still open only while no known ability is below 6: one below 6 rules out "both".
        known = [v for t in tests.values() for v in _abilities(t) if v is not None]
        if any(low is None for low in lows) and all(v >= 6 for v in known):
            return _unknown(
                factor, "a test lacks an ability: give all four", low=5, high=factor.max
            )
    # the test with an ability below 6 (with one test, the only one)
    name = next(
        (n for n, t in tests.items() if any(v is not None and v < 6 for v in _abilities(t))), ""
    )
    return _categorical(
        factor,
        "one",
        f"{' and '.join(tests)} test only"
        if len(tests) == 1
        else f"both tests, but the {name} test is not at 6 or higher in all four",
    )


def _regional(profile: Profile, factor: Factor, as_of: dt.date, physician: bool) -> FactorScore:
    if profile.job_region is None:
        return _unknown(factor, "no job_region in your profile")
    return _categorical(factor, profile.job_region, REGION_NAMES[profile.job_region])


SCORERS: dict[str, Scorer] = {
    "noc_teer": _noc_teer,
    "broad_occupational_category": _broad_category,
    "hourly_wage": _hourly_wage,
    "work_experience": _work_experience,
    "earnings_history": _earnings,
    "legal_status": _legal_status,
    "education_level": _education_level,
    "canadian_credentials": _credentials,
    "language_ability": _language_ability,
    "official_languages_knowledge": _official_languages,
    "regional": _regional,
}
FACTOR_NAMES = tuple(SCORERS)


# --- the estimate -------------------------------------------------------------------------------


def is_physician(profile: Profile) -> bool:
    """The physician pathway: a [physician] table and no job offer."""
    return profile.physician is not None and profile.job_offer is None


def score_factors(profile: Profile, grid: Grid, as_of: dt.date) -> tuple[FactorScore, ...]:
    physician = is_physician(profile)
    return tuple(SCORERS[f.name](profile, f, as_of, physician) for f in grid.factor)


def estimate(
    profile: Profile, grid: Grid, as_of: dt.date, *, same_grid_as_portal: bool = True
) -> Estimate:
    """Score `profile` on `grid` as of `as_of`, with the days it changes and the moves that help.

    `same_grid_as_portal` is false when the profile's `eoi_score` was given on another grid
    (a closed stream's): it is then not compared.
    """
    factors = score_factors(profile, grid, as_of)
    portal = profile.eoi_score if same_grid_as_portal else None
    base = Estimate(
        grid=grid.grid,
        stream=grid.grid.stream,
        as_of=as_of,
        physician=is_physician(profile),
        factors=factors,
        portal_score=portal,
        sources=grid.grid.sources,
    )
    return Estimate(
        grid=base.grid,
        stream=base.stream,
        as_of=as_of,
        physician=base.physician,
        factors=factors,
        portal_score=portal,
        sources=base.sources,
        notes=grid.grid.unstated,
        upcoming=tuple(_upcoming(profile, grid, base)),
        moves=tuple(_moves(profile, grid, base)),
        comparison=tuple(_compare(base)),
    )


def _upcoming(profile: Profile, grid: Grid, now: Estimate) -> list[Upcoming]:
    """Days after `now.as_of` on which the estimate changes with no action by the candidate."""
    events: list[tuple[dt.date, str, str]] = []
    job = profile.job_offer
    if job is not None and job.position_start is not None and not now.physician:
        for months in POSITION_MILESTONES:
            day = add_months(job.position_start, months)
            if day > now.as_of:
                events.append(
                    (
                        day,
                        "work_experience",
                        f"{months} completed months in the job-offer position",
                    )
                )
    permit = profile.permit
    if permit is not None and permit.expires is not None and permit.expires >= now.as_of:
        events.append(
            (
                permit.expires + dt.timedelta(days=1),
                "legal_status",
                f"your {permit.type} permit expires on {permit.expires}: its status points "
                "are lost unless it is extended first",
            )
        )
    out: list[Upcoming] = []
    previous = now
    for day, name, why in sorted(events):
        then = score_factors(profile, grid, day)
        after = Estimate(
            now.grid, now.stream, day, now.physician, then, now.portal_score, now.sources
        )
        change = after.factor(name).low - previous.factor(name).low
        if change:
            out.append(Upcoming(day, name, change, after.total, why))
        previous = after
    return out


def _language_moves(profile: Profile) -> list[tuple[str, str, Profile, bool]]:
    language = profile.language
    if language is None:
        return []
    tests = _tests(language)
    out: list[tuple[str, str, Profile, bool]] = []
    for name, test in tests.items():
        levels = test.levels
        if levels is None:
            continue
        attr = name.lower()
        scale = "CLB" if name == "English" else "NCLC"
        for target in (6, 7, 8, 9):
            below = {ability: level for ability, level in levels.items() if level < target}
            if not below or min(levels.values()) >= target:
                continue
            raised = test.model_copy(update=dict.fromkeys(below, target))
            what = f"{name} " + " and ".join(
                f"{ability} {scale} {level} → {target}" for ability, level in below.items()
            )
            updated = language.model_copy(update={attr: raised})
            changed = profile.model_copy(update={"language": updated})
            out.append(("language_ability", what, changed, True))
    for name, attr in (("French", "french"), ("English", "english")):
        if name not in tests and tests:
            scale = "NCLC" if name == "French" else "CLB"
            # Constants known to be valid: built without running (and building) the validator.
            second = LanguageTest.model_construct(speaking=6, listening=6, reading=6, writing=6)
            updated = language.model_copy(update={attr: second})
            out.append(
                (
                    "official_languages_knowledge",
                    f"{'an' if name == 'English' else 'a'} {name} test at {scale} 6 or higher "
                    "in all four abilities",
                    profile.model_copy(update={"language": updated}),
                    True,
                )
            )
    return out


def _moves(profile: Profile, grid: Grid, now: Estimate) -> list[Move]:
    """Single changes that would add points, biggest first; actionable ones first on a tie."""
    candidates: list[tuple[str, str, Profile, bool]] = []
    known = {f.name for f in now.factors if f.status == "known"}
    if "language_ability" in known or "official_languages_knowledge" in known:
        candidates += _language_moves(profile)
    education = profile.education
    if education is not None and "education_level" in known and education.highest is not None:
        factor = grid.factors["education_level"]
        current = now.factor("education_level").low
        better = [b for b in factor.bands if b.points > current and b.values]
        for band in better:
            assert band.values is not None
            level = band.values[0]
            changed_education = education.model_copy(update={"highest": level})
            candidates.append(
                (
                    "education_level",
                    f"complete {EDUCATION_NAMES[level]} (or have one assessed by an ECA)",
                    profile.model_copy(update={"education": changed_education}),
                    True,
                )
            )
    if education is not None and "canadian_credentials" in known:
        count = education.canadian_credentials or 0
        more = education.model_copy(update={"canadian_credentials": count + 1})
        nth = "a second" if count == 1 else "another" if count else "a first"
        candidates.append(
            (
                "canadian_credentials",
                f"{nth} Canadian post-secondary credential (one full-time year or more)",
                profile.model_copy(update={"education": more}),
                True,
            )
        )
    job = profile.job_offer
    if job is not None and job.hourly_wage is not None and "hourly_wage" in known:
        factor = grid.factors["hourly_wage"]
        higher = sorted(
            (b for b in factor.bands if b.min is not None and b.min > job.hourly_wage),
            key=lambda b: b.min or 0.0,
        )
        if higher:
            wage = higher[0].min or 0.0
            candidates.append(
                (
                    "hourly_wage",
                    f"a job offer paying ${wage:,.2f} an hour or more (your employer's decision)",
                    profile.model_copy(
                        update={"job_offer": job.model_copy(update={"hourly_wage": wage})}
                    ),
                    False,
                )
            )
    if profile.job_region not in (None, "northern_ontario") and "regional" in known:
        candidates.append(
            (
                "regional",
                "a job in Northern Ontario (a different job offer)",
                profile.model_copy(update={"job_region": "northern_ontario"}),
                False,
            )
        )
    permit = profile.permit
    if permit is not None and "legal_status" in known and now.factor("legal_status").low < 10:
        candidates.append(
            (
                "legal_status",
                "hold a valid work permit",
                profile.model_copy(
                    update={
                        "permit": permit.model_copy(
                            update={"type": "work", "expires": now.as_of + dt.timedelta(days=365)}
                        )
                    }
                ),
                True,
            )
        )
    moves: list[Move] = []
    for factor_name, what, changed, actionable in candidates:
        after = score_factors(changed, grid, now.as_of)
        gain = sum(f.low for f in after) - now.total
        if gain > 0:
            # Named after the factor that gains most: a second test may add ability points
            # more than the knowledge points it was proposed for.
            gains = {f.name: f.low - now.factor(f.name).low for f in after}
            best = max(gains, key=lambda name: (gains[name], name == factor_name))
            moves.append(Move(best, gain, actionable, what))
    moves.sort(key=lambda m: (-m.change, not m.actionable, m.factor, m.what))
    return moves


def _compare(now: Estimate) -> list[str]:
    """The portal score beside the estimate, and where a difference may come from."""
    if now.portal_score is None:
        return []
    portal, low, high = now.portal_score, now.total, now.total_max_possible
    if low == high == portal:
        return [f"Your portal score {portal} matches the estimate."]
    if low <= portal <= high:
        gap = portal - low
        return [
            f"Your portal score {portal} is within the estimate's range ({low} to {high}): the "
            f"{gap} point{'s' if gap != 1 else ''} above the known total would come from: "
            + "; ".join(f"{_mid_sentence(_short(f))} (up to {f.high - f.low})" for f in now.unknown)
            + "."
        ]
    side = "above" if portal > high else "below"
    lines = [
        f"Your portal score {portal} is {side} the estimate ({low}"
        + (f" to {high}" if high != low else "")
        + "). Trust the portal; check the facts the estimate used:"
    ]
    suspects = [f for f in now.factors if f.name in _DATED_FACTORS or f.status == "unknown"]
    lines += [f"{_short(f)}: {f.basis}" for f in suspects]
    lines.append(
        "Months in the position are counted here to the day of the estimate; the portal may "
        "count them to the day you registered or updated your EOI (no source says which)."
    )
    return lines


_DATED_FACTORS = {"work_experience", "legal_status", "earnings_history", "language_ability"}
