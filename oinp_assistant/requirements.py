"""Does the candidate meet their Ontario Workforce Priority pathway? Requirement by requirement.

Each requirement is `pass`, `fail` or `unknown` with one sentence a person can act on and its
sources. The numbers (CLB levels, months, the skilled trades) are data in
`data/owp_pathways.toml`; this module only says which facts each requirement reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from oinp_assistant.clock import add_months
from oinp_assistant.data_files import load_toml_model
from oinp_assistant.points import is_physician, position_months
from oinp_assistant.profile import Profile
from oinp_assistant.streams import Confidence

Pathway = Literal["teer_0_3", "teer_4_5", "physician"]
Status = Literal["pass", "fail", "unknown"]
Verdict = Literal["meets", "does_not_meet", "unknown"]
POST_SECONDARY = {
    "doctorate_or_professional",
    "masters",
    "above_bachelor_certificate",
    "bachelors",
    "below_bachelor_certificate",
    "ontario_college_graduate_certificate",
    "college_diploma",
}
JOB_BANK_WAGES = "https://www.jobbank.gc.ca/trend-analysis/search-wages"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class PathwaysMeta(_Strict):
    stream: str
    in_force: dt.date
    checked_through: dt.date
    note: str
    sources: tuple[str, ...]


class Teer03(_Strict):
    name: str
    confidence: Confidence
    language_clb: int
    language_clb_skilled_trades: int
    skilled_trades_prefixes: tuple[str, ...]
    skilled_trades_excluded_prefixes: tuple[str, ...]
    skilled_trades_confidence: Confidence
    ontario_graduate_years: int
    ontario_graduate_confidence: Confidence
    position_months: int
    position_months_window: int
    position_months_recent_graduate: int
    noc_months: int
    noc_months_window_years: int
    sources: tuple[str, ...]

    def is_skilled_trade(self, noc: str) -> bool:
        if any(noc.startswith(p) for p in self.skilled_trades_excluded_prefixes):
            return False
        return any(noc.startswith(p) for p in self.skilled_trades_prefixes)


class Teer45(_Strict):
    name: str
    confidence: Confidence
    language_clb: int
    position_months: int
    position_months_window: int
    sources: tuple[str, ...]


class PhysicianRules(_Strict):
    name: str
    confidence: Confidence
    language_clb: int
    language_confidence: Confidence
    language_note: str
    sources: tuple[str, ...]


class Pathways(_Strict):
    meta: PathwaysMeta
    teer_0_3: Teer03
    teer_4_5: Teer45
    physician: PhysicianRules


def load_pathways(path: Path) -> Pathways:
    return load_toml_model(path, Pathways, "the pathways file")


@dataclass(frozen=True)
class Requirement:
    name: str
    status: Status
    detail: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class RequirementsReport:
    stream: str
    pathway: Pathway | None
    pathway_name: str | None
    as_of: dt.date
    requirements: tuple[Requirement, ...]
    notes: tuple[str, ...] = ()

    @property
    def verdict(self) -> Verdict:
        statuses = {r.status for r in self.requirements}
        if "fail" in statuses:
            return "does_not_meet"
        if self.pathway is None or statuses != {"pass"}:
            return "unknown"
        return "meets"


def pathway_of(profile: Profile) -> Pathway | None:
    if is_physician(profile):
        return "physician"
    if profile.noc is None:
        return None
    return "teer_0_3" if profile.noc[1] in "0123" else "teer_4_5"


@dataclass(frozen=True)
class _Context:
    profile: Profile
    rules: Pathways
    as_of: dt.date

    @property
    def recent_ontario_graduate(self) -> bool | None:
        """Graduated from an eligible Ontario institution within the years the rule names."""
        education = self.profile.education
        if education is None:
            return None
        if education.ontario_graduation is None:
            return False
        years = self.rules.teer_0_3.ontario_graduate_years
        return add_months(education.ontario_graduation, 12 * years) >= self.as_of

    def lowest_clb(self) -> tuple[int | None, bool]:
        """The better complete test's lowest ability, and whether a test is still incomplete."""
        language = self.profile.language
        if language is None:
            return None, True
        lows = [t.lowest for t in (language.english, language.french) if t is not None]
        complete = [low for low in lows if low is not None]
        return (max(complete) if complete else None), len(complete) < len(lows)


def _job_offer(ctx: _Context, sources: tuple[str, ...]) -> Requirement:
    job = ctx.profile.job_offer
    if job is None or job.full_time is None or job.permanent is None:
        return Requirement(
            "job_offer",
            "unknown",
            "The offer must be full-time and permanent: set job_offer.full_time and "
            "job_offer.permanent.",
            sources,
        )
    if job.full_time and job.permanent:
        return Requirement(
            "job_offer", "pass", "Your job offer is full-time and permanent.", sources
        )
    missing = " and ".join(
        word for word, ok in (("full-time", job.full_time), ("permanent", job.permanent)) if not ok
    )
    return Requirement(
        "job_offer",
        "fail",
        f"The offer must be full-time and permanent; yours is not {missing}. Ask your employer "
        "whether the offer can be changed.",
        sources,
    )


def _experience_teer_0_3(ctx: _Context) -> Requirement:
    rules = ctx.rules.teer_0_3
    sources = rules.sources
    experience = ctx.profile.experience
    if experience is not None and experience.licensed:
        return Requirement(
            "experience",
            "pass",
            "You hold the Ontario licence your occupation requires, which exempts you from the "
            "experience requirement.",
            sources,
        )
    needed = rules.position_months
    graduate = ctx.recent_ontario_graduate
    if graduate:
        needed = rules.position_months_recent_graduate
    months = position_months(ctx.profile.job_offer, ctx.as_of)
    if months is not None and months >= needed:
        because = " (the recent Ontario graduate rule)" if graduate else ""
        return Requirement(
            "experience",
            "pass",
            f"{months} consecutive months in the job-offer position, at least the {needed} "
            f"needed{because}.",
            sources,
        )
    noc_months = experience.noc_months_last_5_years if experience else None
    if noc_months is not None and noc_months >= rules.noc_months:
        return Requirement(
            "experience",
            "pass",
            f"{noc_months} months in the occupation within the last "
            f"{rules.noc_months_window_years} years, at least the {rules.noc_months} needed.",
            sources,
        )
    alternatives = (
        f"{needed} consecutive months of full-time work in the job-offer position within the "
        f"last {rules.position_months_window} months, {rules.noc_months} months in the "
        f"occupation within {rules.noc_months_window_years} years, or an Ontario licence"
    )
    unknowns = [
        name
        for name, value in (
            ("[job_offer]", months),
            ("experience.noc_months_last_5_years", noc_months),
            ("experience.licensed", experience.licensed if experience else None),
        )
        if value is None
    ]
    if graduate is None and months is not None and months >= rules.position_months_recent_graduate:
        unknowns.append("education.ontario_graduation")
    if unknowns:
        return Requirement(
            "experience",
            "unknown",
            f"You need one of: {alternatives}. Add {', '.join(unknowns)} to check.",
            sources,
        )
    return Requirement(
        "experience",
        "fail",
        f"You need one of: {alternatives}; your profile shows {months} months in the position "
        f"and {noc_months} in the occupation, and no licence.",
        sources,
    )


def _experience_teer_4_5(ctx: _Context) -> Requirement:
    rules = ctx.rules.teer_4_5
    months = position_months(ctx.profile.job_offer, ctx.as_of)
    need = (
        f"{rules.position_months} months of full-time work in the job-offer position with the "
        f"job-offer employer within the last {rules.position_months_window} months"
    )
    if months is None:
        return Requirement(
            "experience", "unknown", f"You need {need}: add [job_offer].", rules.sources
        )
    counted = min(months, rules.position_months_window)
    if counted >= rules.position_months:
        return Requirement(
            "experience",
            "pass",
            f"{counted} months in the position: enough ({need}).",
            rules.sources,
        )
    when = ""
    job = ctx.profile.job_offer
    if job is not None and job.position_start is not None:
        when = f"; you reach it on {add_months(job.position_start, rules.position_months)}"
    return Requirement(
        "experience",
        "fail",
        f"You need {need}; you have {months}{when}.",
        rules.sources,
    )


def _experience_physician(ctx: _Context) -> Requirement:
    rules = ctx.rules.physician
    experience = ctx.profile.experience
    licensed = experience.licensed if experience else None
    text = (
        "a member in good standing of the College of Physicians and Surgeons of Ontario, with a "
        "valid certificate of registration and eligible to bill OHIP"
    )
    if licensed is None:
        return Requirement(
            "experience",
            "unknown",
            f"You must be {text}: set experience.licensed = true once you are.",
            rules.sources,
        )
    status: Status = "pass" if licensed else "fail"
    lead = "You are" if licensed else "You must be"
    return Requirement("experience", status, f"{lead} {text}.", rules.sources)


def _language(ctx: _Context, pathway: Pathway) -> Requirement:
    rules = ctx.rules
    noc = ctx.profile.noc or ""
    if pathway == "teer_0_3":
        trade = rules.teer_0_3.is_skilled_trade(noc)
        need = rules.teer_0_3.language_clb_skilled_trades if trade else rules.teer_0_3.language_clb
        why = f" (NOC {noc} is a listed skilled trade)" if trade else ""
        sources = rules.teer_0_3.sources
    elif pathway == "teer_4_5":
        need, why, sources = rules.teer_4_5.language_clb, "", rules.teer_4_5.sources
    else:
        need, why, sources = rules.physician.language_clb, "", rules.physician.sources
    lowest, incomplete = ctx.lowest_clb()
    if lowest is not None and lowest >= need:
        return Requirement(
            "language",
            "pass",
            f"Your lowest ability is CLB {lowest}; CLB {need} in all four abilities is "
            f"needed{why}.",
            sources,
        )
    graduate = ctx.recent_ontario_graduate if pathway == "teer_0_3" else False
    if graduate:
        years = rules.teer_0_3.ontario_graduate_years
        return Requirement(
            "language",
            "pass",
            f"You graduated from an Ontario institution within {years} years, the alternative "
            "to a language test (one source; check that your credential qualifies).",
            sources,
        )
    if pathway == "physician":
        return Requirement(
            "language",
            "unknown",
            f"{rules.physician.language_note} With a test at CLB {need} or higher in all four "
            "abilities you would meet it either way.",
            sources,
        )
    if lowest is None or incomplete:
        return Requirement(
            "language",
            "unknown",
            f"CLB {need} in all four abilities is needed{why}: add your test results under "
            "[language.english] or [language.french].",
            sources,
        )
    return Requirement(
        "language",
        "fail",
        f"CLB {need} in all four abilities is needed{why}; your lowest ability is CLB "
        f"{lowest}. Retake the test and raise the abilities below {need}.",
        sources,
    )


def _education(ctx: _Context, pathway: Pathway) -> Requirement | None:
    if pathway == "physician":
        return None
    level = ctx.profile.education.highest if ctx.profile.education else None
    sources = (ctx.rules.teer_0_3 if pathway == "teer_0_3" else ctx.rules.teer_4_5).sources
    if pathway == "teer_0_3":
        need = "a post-secondary degree or diploma"
        if level is None:
            status: Status = "unknown"
        elif level == "trades_certificate":
            return Requirement(
                "education",
                "unknown",
                f"You need {need}; whether an apprenticeship or trades certificate counts is not "
                "stated in the sources. Ask the program or a licensed representative.",
                sources,
            )
        else:
            status = "pass" if level in POST_SECONDARY else "fail"
    else:
        need = "a Canadian secondary school diploma or its equivalent (ECA)"
        status = (
            "unknown" if level is None else ("fail" if level == "less_than_high_school" else "pass")
        )
    if status == "unknown":
        detail = f"You need {need}: add education.highest."
    elif status == "pass":
        detail = f"You need {need}; you have it."
    else:
        detail = f"You need {need}; your profile says your highest level is below it."
    return Requirement("education", status, detail, sources)


def _legal_status(ctx: _Context, sources: tuple[str, ...]) -> Requirement:
    permit = ctx.profile.permit
    if permit is None or permit.in_canada is None:
        return Requirement(
            "legal_status",
            "unknown",
            "A candidate living in Canada without valid status may not be nominated: add "
            "[permit] with type, expires and in_canada.",
            sources,
        )
    if not permit.in_canada:
        return Requirement(
            "legal_status",
            "pass",
            "You live outside Canada; being in Canada is not required.",
            sources,
        )
    if permit.type != "none" and permit.expires is not None and permit.expires >= ctx.as_of:
        return Requirement(
            "legal_status",
            "pass",
            f"You are in Canada on a {permit.type} permit valid through {permit.expires}; "
            "extend it before it expires.",
            sources,
        )
    return Requirement(
        "legal_status",
        "fail",
        "You live in Canada without a valid permit; a candidate without valid status may not "
        "be nominated. Restore your status first.",
        sources,
    )


def _wage(ctx: _Context, sources: tuple[str, ...]) -> Requirement:
    job = ctx.profile.job_offer
    verdict = job.at_or_above_median_wage if job else None
    where = (
        f"compare your wage with the median for your NOC and region on Job Bank ({JOB_BANK_WAGES})"
    )
    if verdict is None:
        return Requirement(
            "wage",
            "unknown",
            "The wage must be at or above the median for the occupation in the job's region; no "
            f"median wages are bundled, so {where} and set job_offer.at_or_above_median_wage.",
            sources,
        )
    if verdict:
        return Requirement(
            "wage",
            "pass",
            "You compared the wage with the median for your occupation and region: at or above.",
            sources,
        )
    return Requirement(
        "wage",
        "fail",
        "The wage must be at or above the median for the occupation in the job's region; yours "
        "is below (recent Ontario graduates in TEER 0–3 may qualify at the low wage level, per "
        "one source).",
        sources,
    )


_PATHWAY_NAME_OF_UNKNOWN = "unknown pathway"
Check = Callable[[_Context], Requirement | None]


def check_requirements(profile: Profile, rules: Pathways, as_of: dt.date) -> RequirementsReport:
    """Check `profile` against its OWP pathway as of `as_of`."""
    ctx = _Context(profile, rules, as_of)
    pathway = pathway_of(profile)
    if pathway is None:
        return RequirementsReport(
            rules.meta.stream,
            None,
            None,
            as_of,
            (),
            (
                "The pathway follows from your NOC (TEER 0–3 or 4–5) or a [physician] table: add "
                'noc = "12345" to your profile.',
            ),
        )
    if pathway == "physician":
        name, sources = rules.physician.name, rules.physician.sources
        checks: list[Check] = [_experience_physician, lambda c: _language(c, "physician")]
    elif pathway == "teer_0_3":
        name, sources = rules.teer_0_3.name, rules.teer_0_3.sources
        checks = [
            lambda c: _job_offer(c, sources),
            _experience_teer_0_3,
            lambda c: _language(c, "teer_0_3"),
            lambda c: _education(c, "teer_0_3"),
        ]
    else:
        name, sources = rules.teer_4_5.name, rules.teer_4_5.sources
        checks = [
            lambda c: _job_offer(c, sources),
            _experience_teer_4_5,
            lambda c: _language(c, "teer_4_5"),
            lambda c: _education(c, "teer_4_5"),
        ]
    checks.append(lambda c: _legal_status(c, sources))
    if pathway != "physician":
        checks.append(lambda c: _wage(c, sources))
    found = tuple(r for r in (check(ctx) for check in checks) if r is not None)
    return RequirementsReport(rules.meta.stream, pathway, name, as_of, found, (rules.meta.note,))
