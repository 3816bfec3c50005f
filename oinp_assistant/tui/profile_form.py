"""The profile form's fields and the translation between their text and a Profile (no Textual).

Every field of Profile, Permit and Invitation has one entry; the final word on validity is the
same parser `oinp profile validate` uses, so the form and the file can never disagree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import tomli_w
from pydantic import BaseModel

from oinp_assistant.catalog import Catalog
from oinp_assistant.clock import ontario_today
from oinp_assistant.problems import Problem, ProblemsError, date_mistake
from oinp_assistant.profile import (
    EDUCATION_LEVELS,
    EDUCATION_NAMES,
    MAX_SCORE,
    REGION_NAMES,
    REGIONS,
    Education,
    Experience,
    Invitation,
    JobOffer,
    LanguageTest,
    Nomination,
    Permit,
    Physician,
    Profile,
    check_profile_text,
    load_checked_profile,
)
from oinp_assistant.profile_store import profile_template, render_profile

Kind = Literal[
    "stream",
    "noc",
    "score",
    "date",
    "region",
    "text",
    "permit_type",
    "yes_no",
    "wage",
    "earnings",
    "months",
    "clb",
    "count",
    "education",
]
# The bounds of each number field, the model's own (profile.py): the field says so as you type.
NUMBER_BOUNDS: dict[str, tuple[float, float, str]] = {
    "wage": (0, 10_000, "The hourly wage is a number of dollars from 0 to 10000, e.g. 41.50."),
    "earnings": (0, 100_000_000, "Earnings are a number of dollars, e.g. 72000."),
    "months": (0, 1200, "A number of months: a whole number from 0 to 1200."),
    "clb": (0, 12, "A CLB or NCLC level: a whole number from 0 to 12."),
    "count": (0, 50, "A whole number from 0 to 50."),
}
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class FieldSpec:
    key: str
    """Dotted key as in profile.toml, e.g. permit.expires."""
    label: str
    kind: Kind
    description: str


# The model's descriptions explain the TOML file (quotes, true/false, `oinp` commands); the
# form says what to pick or type. A field not listed here shows the model's description.
FORM_HELP = {
    "stream": "The OINP stream of your expression of interest. Closed streams are marked.",
    "noc": (
        "The occupation of your job offer: type a title (e.g. welder) and pick a match, or "
        "type the five-digit code. Optional for Masters and PhD."
    ),
    "job_region": 'Where the job is. "Greater Toronto Area" means outside the City of Toronto.',
    "job_community": (
        "The census division or city of the job, e.g. Lanark or Greater Sudbury; needed only "
        "for rounds limited to named communities."
    ),
    "permit.type": "The permit you hold in Canada, if any.",
    "permit.expires": "The expiry date printed on your permit; needed unless you have no permit.",
    "permit.in_canada": "Do you live in Canada now? Some rounds invite only people here.",
    "invitation.stream": 'Leave it on "same as the profile" unless you were invited in another.',
    "job_offer.full_time": "Is the job offer full-time?",
    "job_offer.permanent": "Is the job offer permanent, with no end date?",
    "job_offer.at_or_above_median_wage": (
        "Did you compare the wage with the median for your occupation and region (Job Bank), "
        "and is it at or above it?"
    ),
    "experience.licensed": "Do you hold the Ontario licence your occupation requires?",
    "education.highest": (
        "Your highest level, from a Canadian credential or an educational credential "
        "assessment (ECA)."
    ),
    "invitation.employer_deadline": (
        "Only if the invitation or portal prints it; it then replaces the computed date."
    ),
    "invitation.candidate_deadline": (
        "Only if the invitation or portal prints it; it then replaces the computed date."
    ),
}


def _spec(model: type[BaseModel], prefix: str, name: str, label: str, kind: Kind) -> FieldSpec:
    key = f"{prefix}{name}"
    help_text = FORM_HELP.get(key) or model.model_fields[name].description or ""
    return FieldSpec(key, label, kind, help_text)


FIELDS: tuple[FieldSpec, ...] = (
    _spec(Profile, "", "stream", "Stream", "stream"),
    _spec(Profile, "", "noc", "NOC 2021 code (type a title to search)", "noc"),
    _spec(Profile, "", "eoi_score", "EOI score", "score"),
    _spec(Profile, "", "eoi_registered", "EOI registered on", "date"),
    _spec(Profile, "", "job_region", "Job region", "region"),
    _spec(Profile, "", "job_community", "Job community", "text"),
    _spec(Profile, "", "best_annual_earnings", "Best annual earnings (CAD)", "earnings"),
    _spec(Permit, "permit.", "type", "Permit type", "permit_type"),
    _spec(Permit, "permit.", "expires", "Permit expires on", "date"),
    _spec(Permit, "permit.", "in_canada", "Living in Canada now", "yes_no"),
    _spec(Invitation, "invitation.", "date", "Invitation date", "date"),
    _spec(
        Invitation, "invitation.", "stream", "Invitation stream (if not the profile's)", "stream"
    ),
    _spec(Invitation, "invitation.", "employer_deadline", "Employer deadline (as printed)", "date"),
    _spec(Invitation, "invitation.", "candidate_deadline", "Your deadline (as printed)", "date"),
    _spec(JobOffer, "job_offer.", "hourly_wage", "Hourly wage (CAD)", "wage"),
    _spec(JobOffer, "job_offer.", "full_time", "Full-time", "yes_no"),
    _spec(JobOffer, "job_offer.", "permanent", "Permanent (no end date)", "yes_no"),
    _spec(JobOffer, "job_offer.", "submitted", "Employer submitted the offer on", "date"),
    _spec(
        JobOffer, "job_offer.", "at_or_above_median_wage", "At or above the median wage", "yes_no"
    ),
    _spec(JobOffer, "job_offer.", "position_start", "Working in the position since", "date"),
    _spec(Experience, "experience.", "ontario_months", "Months of work in Ontario", "months"),
    _spec(
        Experience,
        "experience.",
        "noc_months_last_5_years",
        "Months in the occupation, last 5 years",
        "months",
    ),
    _spec(Experience, "experience.", "licensed", "Licensed in Ontario", "yes_no"),
    _spec(Education, "education.", "highest", "Highest level of education", "education"),
    _spec(
        Education,
        "education.",
        "canadian_credentials",
        "Canadian post-secondary credentials",
        "count",
    ),
    _spec(Education, "education.", "ontario_graduation", "Ontario graduation date", "date"),
    *(
        _spec(LanguageTest, f"language.{lang}.", ability, f"{name} {ability}", "clb")
        for lang, name in (("english", "English"), ("french", "French"))
        for ability in ("speaking", "listening", "reading", "writing")
    ),
    _spec(
        Physician,
        "physician.",
        "ontario_practice_months",
        "Months of practice in Ontario",
        "months",
    ),
    _spec(Nomination, "nomination.", "date", "Nomination date", "date"),
    _spec(Nomination, "nomination.", "expires", "Nomination expires on (as printed)", "date"),
)
SECTIONS = {
    "": "Profile",
    "permit.": "Permit",
    "invitation.": "Invitation",
    "job_offer.": "Job offer",
    "experience.": "Experience",
    "education.": "Education",
    "language.english.": "English test (CLB)",
    "language.french.": "French test (NCLC)",
    "physician.": "Self-employed physicians only",
    "nomination.": "Nomination",
}
EDUCATION_CHOICES = [(EDUCATION_NAMES[level], level) for level in EDUCATION_LEVELS]
REGION_CHOICES = [(REGION_NAMES[r], r) for r in REGIONS]
PERMIT_CHOICES = [("work permit", "work"), ("study permit", "study"), ("no permit", "none")]
YES_NO_CHOICES = [("yes", "yes"), ("no", "no")]


def section(spec: FieldSpec) -> str:
    return spec.key.rpartition(".")[0]


def date_problem(value: str) -> str | None:
    """Why `value` is not a date the profile accepts, or None (empty is fine: not set)."""
    value = value.strip()
    if not value:
        return None
    if not DATE_RE.match(value):
        return "Write the date as YYYY-MM-DD, e.g. 2026-03-30."
    # the words a file with this date gets (one fact, one place): which month has how many days
    mistake = date_mistake(value)
    return f"{mistake}." if mistake else None


def score_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d+", value) or not 0 <= int(value) <= MAX_SCORE:
        return f"The EOI score is a whole number from 0 to {MAX_SCORE}."
    return None


def number_problem(kind: str, value: str) -> str | None:
    """Why `value` is not a number the `kind` field accepts (NUMBER_BOUNDS), or None."""
    value = value.strip().replace(",", "")
    if not value:
        return None
    low, high, message = NUMBER_BOUNDS[kind]
    whole = kind in ("months", "clb", "count")
    pattern = r"\d+" if whole else r"\d+(\.\d+)?"
    if not re.fullmatch(pattern, value) or not low <= float(value) <= high:
        return message
    return None


def noc_problem(value: str, catalog: Catalog) -> str | None:
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{5}", value):
        return "A NOC code is five digits, e.g. 21231: type a title and pick a match below."
    if value not in catalog.occupations:
        return f"{value} is not a NOC 2021 unit group: search by title and pick a match."
    return None


def values_from_profile(profile: Profile | None) -> dict[str, str]:
    """The text each field shows; "" means not set."""
    values = {spec.key: "" for spec in FIELDS}
    if profile is None:
        values["stream"] = "ontario_workforce_priority"
        return values
    data = profile.model_dump(exclude_none=True)
    for spec in FIELDS:
        *tables, name = spec.key.split(".")
        holder = data
        for table in tables:
            holder = holder.get(table, {})
        value = holder.get(name)
        if isinstance(value, bool):
            values[spec.key] = "yes" if value else "no"
        elif value is not None:
            values[spec.key] = str(value)
    return values


def _typed(spec: FieldSpec, text: str) -> Any:
    if spec.kind in ("score", "months", "clb", "count"):
        return int(text)
    if spec.kind in ("wage", "earnings"):
        number = float(text.replace(",", ""))
        return int(number) if spec.kind == "earnings" and number.is_integer() else number
    if spec.kind == "date":
        return dt.date.fromisoformat(text)
    if spec.kind == "yes_no":
        return text == "yes"
    return text


def profile_data(values: dict[str, str]) -> dict[str, Any]:
    """The TOML data for the filled fields; a table appears only if one of its fields is set."""
    data: dict[str, Any] = {}
    for spec in FIELDS:
        text = values.get(spec.key, "").strip()
        if not text:
            continue
        *tables, name = spec.key.split(".")
        holder = data
        for table in tables:  # language.english is a table inside a table
            holder = holder.setdefault(table, {})
        holder[name] = _typed(spec, text)
    return data


def build_profile(
    values: dict[str, str], catalog: Catalog, path: Path, today: dt.date | None = None
) -> Profile:
    """Validate the form as `oinp profile validate` validates a file, what cannot be true on
    `today` (Ontario's, by default) included; raises ProblemsError."""
    try:
        text = tomli_w.dumps(profile_data(values))
    except ValueError as exc:  # a field validator should have caught it first
        raise ProblemsError([Problem(path, str(exc))]) from exc
    return check_profile_text(text, path, catalog, today or ontario_today())


def merge_changes(
    initial: dict[str, str], form: dict[str, str], current: dict[str, str] | None
) -> dict[str, str]:
    """The values to save: the file's `current` ones, with the fields the user changed on top.

    `initial` is what the form showed when it opened. A field the user never touched takes
    the file's value now, so an outside edit to it survives the save. `current` is None when
    the file can no longer be read as a profile: then the form is saved as it is (the save
    keeps the file's previous version as .bak).
    """
    if current is None:
        return dict(form)
    merged = dict(current)
    for key, value in form.items():
        if value != initial.get(key, ""):
            merged[key] = value
    return merged


def current_values(path: Path, catalog: Catalog) -> dict[str, str] | None:
    """The form values of the profile on disk now; None if it is gone or has problems."""
    try:
        return values_from_profile(load_checked_profile(path, catalog))
    except ProblemsError:
        return None


def new_profile_text(profile: Profile) -> str:
    """A new file in the commented template's shape, the form's values filled in place.

    The same placement `oinp profile init` plus an edit would give: every field keeps the
    comment that explains it; fields left empty stay commented out.
    """
    return render_profile(profile, profile_template(profile.stream))


def problem_lines(error: ProblemsError) -> str:
    """The problems without the line numbers of the form's own rendering of the file."""
    return "\n".join(
        f"• {problem.key}: {problem.message}" if problem.key else f"• {problem.message}"
        for problem in error.problems
    )
