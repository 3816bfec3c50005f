"""The candidate's profile: the schema of `profile.toml` and its loading with every problem named.

The field names are a contract with files users write by hand; add optional fields freely,
never rename one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from oinp_assistant import reading
from oinp_assistant.clock import add_months, in_range, ontario_today, range_text
from oinp_assistant.problems import (
    Problem,
    ProblemsError,
    date_mistake,
    did_you_mean,
    dotted,
    find_line,
    from_validation_error,
    shown,
    toml_syntax,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from oinp_assistant.catalog import Catalog
    from oinp_assistant.occupations import Occupation
    from oinp_assistant.streams import Stream

    Noc2016 = Callable[[str], Sequence[Occupation]]
    """NOC 2016 code -> the NOC 2021 groups it became (none: not a NOC 2016 code)."""

Region = Literal[
    "northern_ontario",
    "eastern_ontario",
    "central_ontario",
    "southwestern_ontario",
    "gta",
    "toronto",
]
REGIONS: tuple[str, ...] = Region.__args__  # type: ignore[attr-defined]
REGION_NAMES = {
    "northern_ontario": "Northern Ontario",
    "eastern_ontario": "Eastern Ontario",
    "central_ontario": "Central Ontario (outside the GTA)",
    "southwestern_ontario": "Southwestern Ontario",
    "gta": "Greater Toronto Area outside Toronto",
    "toronto": "City of Toronto",
    "greater_sudbury": "Greater Sudbury",
}
EOI_LIFETIME_MONTHS = 12
MAX_SCORE = 130  # the largest known grid (Ontario Workforce Priority)
CALENDAR_KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
APP_WRITTEN_FIELDS = ("calendar_key",)
"""Profile fields the app writes itself; the form and the template do not offer them."""


class _Table(BaseModel):
    # Deferred: the nested tables' schemas are built once, inside Profile's, on first use.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Permit(_Table):
    type: Literal["work", "study", "none"] = Field(
        description='Your permit in Canada: "work", "study" or "none".'
    )
    expires: dt.date | None = Field(
        None, description='Expiry date on the permit (required unless type is "none").'
    )
    in_canada: bool | None = Field(
        None, description="true if you live in Canada now; some rounds invite only people here."
    )

    @model_validator(mode="after")
    def _expiry_matches_type(self) -> Permit:
        if self.type == "none" and self.expires is not None:
            raise ValueError(
                'type is "none" but an expiry date is set: remove expires, '
                'or set type to "work" or "study"'
            )
        if self.type != "none" and self.expires is None:
            raise ValueError(f'type is "{self.type}": add expires = YYYY-MM-DD from your permit')
        return self


class Invitation(_Table):
    date: dt.date = Field(description="Date on your invitation to apply (ITA).")
    stream: str | None = Field(
        None, description="Stream of the invitation, if not the profile's stream."
    )
    employer_deadline: dt.date | None = Field(
        None, description="Employer deadline as printed in the invitation or portal (wins)."
    )
    candidate_deadline: dt.date | None = Field(
        None, description="Your deadline as printed in the invitation or portal (wins)."
    )

    @model_validator(mode="after")
    def _deadlines_after_invitation(self) -> Invitation:
        for name in ("employer_deadline", "candidate_deadline"):
            deadline = getattr(self, name)
            if deadline is not None and deadline <= self.date:
                raise ValueError(
                    f"{name} {deadline} is not after the invitation date {self.date}: copy "
                    "both dates from the invitation again"
                )
        return self


EducationLevel = Literal[
    "doctorate_or_professional",
    "masters",
    "above_bachelor_certificate",
    "bachelors",
    "below_bachelor_certificate",
    "ontario_college_graduate_certificate",
    "college_diploma",
    "trades_certificate",
    "high_school",
    "less_than_high_school",
]
EDUCATION_LEVELS: tuple[str, ...] = EducationLevel.__args__  # type: ignore[attr-defined]
EDUCATION_NAMES = {
    "doctorate_or_professional": "a doctorate, or a degree in medicine, dentistry, veterinary "
    "medicine or optometry",
    "masters": "a master's degree",
    "above_bachelor_certificate": "a university certificate above bachelor level",
    "bachelors": "a bachelor's degree",
    "below_bachelor_certificate": "a university certificate below bachelor level",
    "ontario_college_graduate_certificate": "an Ontario College Graduate Certificate",
    "college_diploma": "a college or CEGEP diploma",
    "trades_certificate": "an apprenticeship or trades certificate",
    "high_school": "a secondary school diploma",
    "less_than_high_school": "less than a secondary school diploma",
}
Months = Annotated[int, Field(ge=0, le=1200)]


class JobOffer(_Table):
    hourly_wage: float | None = Field(
        None,
        ge=0,
        le=10_000,
        description="CAD per hour before tax (an annual salary divided by its yearly hours).",
    )
    full_time: bool | None = Field(None, description="true if the offer is full-time.")
    permanent: bool | None = Field(
        None, description="true if the offer is permanent, with no end date."
    )
    submitted: dt.date | None = Field(
        None, description="Day the employer submitted the job offer in the Employer Portal."
    )
    at_or_above_median_wage: bool | None = Field(
        None,
        description="true if you compared the wage with the median for your NOC and region "
        "(Job Bank) and it is at or above it.",
    )
    position_start: dt.date | None = Field(
        None,
        description="Since when you work full-time in the job-offer position; omit if you "
        "don't work in it.",
    )


class Experience(_Table):
    ontario_months: Months | None = Field(
        None, description="Months of full-time work in Ontario, any job."
    )
    noc_months_last_5_years: Months | None = Field(
        None, description="Months in the job offer's NOC occupation within the last 5 years."
    )
    licensed: bool | None = Field(
        None, description="true if you hold the Ontario licence your occupation requires."
    )


class Education(_Table):
    highest: EducationLevel | None = Field(
        None,
        description="Your highest level (Canadian credential or ECA): "
        + ", ".join(EDUCATION_LEVELS)
        + ".",
    )
    canadian_credentials: int | None = Field(
        None,
        ge=0,
        le=50,
        description="Post-secondary credentials of at least one full-time year from Canadian "
        "institutions.",
    )
    ontario_graduation: dt.date | None = Field(
        None, description="Graduation from an eligible Ontario institution, if any."
    )


Clb = Annotated[int, Field(ge=0, le=12)]


class LanguageTest(_Table):
    speaking: Clb | None = Field(None, description="Speaking level (CLB or NCLC).")
    listening: Clb | None = Field(None, description="Listening level (CLB or NCLC).")
    reading: Clb | None = Field(None, description="Reading level (CLB or NCLC).")
    writing: Clb | None = Field(None, description="Writing level (CLB or NCLC).")

    @property
    def levels(self) -> dict[str, int] | None:
        """The four abilities, or None while any of them is missing."""
        values = {
            "speaking": self.speaking,
            "listening": self.listening,
            "reading": self.reading,
            "writing": self.writing,
        }
        if any(v is None for v in values.values()):
            return None
        return {k: v for k, v in values.items() if v is not None}

    @property
    def lowest(self) -> int | None:
        levels = self.levels
        return min(levels.values()) if levels else None


class Language(_Table):
    english: LanguageTest | None = Field(
        None, description="CLB of each ability from an accepted English test."
    )
    french: LanguageTest | None = Field(
        None, description="NCLC of each ability from an accepted French test."
    )


class Physician(_Table):
    ontario_practice_months: Months | None = Field(
        None, description="Months of medical practice in Ontario (self-employed physicians)."
    )


class Nomination(_Table):
    date: dt.date = Field(description="Date on your nomination certificate.")
    expires: dt.date | None = Field(
        None,
        description="Expiry as printed on the certificate: wins over the computed date.",
    )

    @model_validator(mode="after")
    def _expires_after_date(self) -> Nomination:
        if self.expires is not None and self.expires <= self.date:
            raise ValueError(
                f"expires {self.expires} is not after the nomination date {self.date}: copy "
                "both dates from the certificate again"
            )
        return self


class Profile(_Table):
    stream: str = Field(
        description="OINP stream id, e.g. ontario_workforce_priority or foreign_worker "
        "(`oinp streams` lists them)."
    )
    noc: str | None = Field(
        None,
        pattern=r"^[0-9]{5}$",
        description='NOC 2021 code of the job offer, five digits in quotes, e.g. "21231" '
        "(`oinp noc search TITLE` finds it). Optional for Masters and PhD.",
    )
    eoi_score: int | None = Field(
        None, ge=0, le=MAX_SCORE, description="Your EOI score as shown in the e-Filing Portal."
    )
    eoi_registered: dt.date | None = Field(
        None, description="Date your expression of interest was created (and attested to)."
    )
    job_region: Region | None = Field(
        None,
        description="Where the job is: northern_ontario, eastern_ontario, central_ontario "
        "(outside the GTA), southwestern_ontario, gta (outside Toronto) or toronto.",
    )
    job_community: str | None = Field(
        None,
        description='Census division or city of the job, e.g. "Lanark" or "Greater Sudbury"; '
        "needed only for rounds limited to named communities.",
    )
    permit: Permit | None = Field(None, description="Your status in Canada.")
    invitation: Invitation | None = Field(None, description="Fill in once you are invited.")
    best_annual_earnings: int | float | None = Field(
        None,
        ge=0,
        le=100_000_000,
        description="Highest year on a CRA Notice of Assessment in the last 5 years (CAD).",
    )
    job_offer: JobOffer | None = Field(None, description="Your Ontario job offer.")
    experience: Experience | None = Field(None, description="Your work experience.")
    education: Education | None = Field(None, description="Your education.")
    language: Language | None = Field(
        None,
        description="Results of accepted language tests, one table per test you hold; a "
        "language with no table counts as no test.",
    )
    physician: Physician | None = Field(
        None, description="Only for self-employed physicians (no job offer)."
    )
    nomination: Nomination | None = Field(None, description="Fill in once you are nominated.")
    # Last field: written by the app, not the person, so it goes after everything they fill in.
    calendar_key: str | None = Field(
        None,
        pattern=CALENDAR_KEY_PATTERN,
        description="Written by the app at your first calendar export: it names your events in "
        "calendar apps, so that a corrected date replaces its event. Keep it when you move the "
        "profile to another computer; delete it from a copy you make for another person.",
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Profile:
        if (
            self.invitation is not None
            and self.eoi_registered is not None
            and self.invitation.date < self.eoi_registered
        ):
            raise ValueError(
                f"invitation.date {self.invitation.date} is before eoi_registered "
                f"{self.eoi_registered}: an invitation comes after the EOI; fix either date"
            )
        return self

    @property
    def eoi_expires(self) -> dt.date | None:
        """Last day the EOI is in the pool: 12 months after registration (sources agree on 12).

        The day itself is included: official rounds took profiles created exactly 12 months
        before the draw date.
        """
        if self.eoi_registered is None:
            return None
        return add_months(self.eoi_registered, EOI_LIFETIME_MONTHS)

    @property
    def invitation_stream(self) -> str | None:
        if self.invitation is None:
            return None
        return self.invitation.stream or self.stream


ALLOWED_KEYS: dict[str, list[str]] = {
    # The keys a person may type: the app's own are accepted but not suggested.
    "": [k for k in Profile.model_fields if k not in APP_WRITTEN_FIELDS],
    "permit": list(Permit.model_fields),
    "invitation": list(Invitation.model_fields),
    "job_offer": list(JobOffer.model_fields),
    "experience": list(Experience.model_fields),
    "education": list(Education.model_fields),
    "language": list(Language.model_fields),
    "language.english": list(LanguageTest.model_fields),
    "language.french": list(LanguageTest.model_fields),
    "physician": list(Physician.model_fields),
    "nomination": list(Nomination.model_fields),
}

_DATE_KEYS = (
    "eoi_registered",
    "permit.expires",
    "invitation.date",
    "invitation.employer_deadline",
    "invitation.candidate_deadline",
    "job_offer.submitted",
    "job_offer.position_start",
    "education.ontario_graduation",
    "nomination.date",
    "nomination.expires",
)


def parse_profile_text(
    text: str,
    path: Path,
    *,
    known_streams: set[str] | None = None,
    known_nocs: set[str] | None = None,
    noc2016: Noc2016 | None = None,
    streams: Mapping[str, Stream] | None = None,
    today: dt.date | None = None,
) -> Profile:
    """Validate profile TOML `text`; raise ProblemsError listing every problem found.

    With `streams` and `today`, also what cannot be true on that day (`profile_checks`).
    """
    text = text.removeprefix("\ufeff")  # a byte-order mark, as Windows editors write it
    raw, syntax = _parse_toml(text, path)
    if raw is None:
        raise ProblemsError(syntax)
    problems = _data_problems(raw, text, path, known_streams, known_nocs, noc2016)
    problems += _date_range_problems(raw, text, path)
    quoted = {p.key for p in problems if p.key in (*_DATE_KEYS, "noc")}
    try:
        # strict: a TOML file has real types; "57" or "yes" is a mistake to report, not coerce
        profile = Profile.model_validate(raw, strict=True)
    except ValidationError as exc:
        schema = from_validation_error(exc, path, text, allowed_keys=ALLOWED_KEYS)
        # a quoted date is already reported with its fix; pydantic's words would only repeat it
        schema = [p for p in schema if p.key not in quoted]
        if syntax:  # a key on a blanked line is not missing: it is the syntax error
            schema = [p for p in schema if p.code != "missing"]
        raise ProblemsError(_by_line(syntax + _explain_types(schema, text) + problems)) from exc
    if syntax:
        raise ProblemsError(_by_line(syntax + problems))
    if streams is not None and today is not None:
        from oinp_assistant.profile_checks import implausible

        problems += implausible(profile, text, path, streams, today)
    if problems:
        raise ProblemsError(_by_line(problems))
    return profile


def _by_line(problems: list[Problem]) -> list[Problem]:
    """In the order a reader fixes them: top of the file first; the file as a whole first."""
    return sorted(problems, key=lambda p: p.line or 0)


_MAX_SYNTAX_ERRORS = 20


def _parse_toml(text: str, path: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The TOML data and every syntax error, found by blanking each broken line and reading on.

    A file with syntax errors still gets the rest of it checked, so one run lists every
    problem. The data is None when the file cannot be read at all (no line to blank, a broken
    table header: the keys below it would be checked in the wrong table).
    """
    import tomllib  # only when a profile is checked afresh: a cached run reads no TOML

    syntax: list[Problem] = []
    lines = text.split("\n")
    while True:
        try:
            raw = tomllib.loads("\n".join(lines))
        except RecursionError:
            message = (
                "this file nests arrays or tables hundreds of levels deep; a profile never "
                "does. Is it the right file?"
            )
            return None, [*syntax, Problem(path, message)]
        except tomllib.TOMLDecodeError as exc:
            found = toml_syntax(exc, "\n".join(lines))
            syntax.append(Problem(path, found.message, line=found.line, code="toml_syntax"))
            span = range(found.line, found.last + 1)
            if (
                found.last > len(lines)
                or not any(lines[n - 1].strip() for n in span)  # blanked already: no progress
                or len(syntax) >= _MAX_SYNTAX_ERRORS
                or lines[found.line - 1].lstrip().startswith("[")
            ):
                return None, syntax
            for number in span:  # the whole statement: a list's other lines are not keys
                lines[number - 1] = ""
            continue
        return raw, syntax


def read_profile_text(path: Path) -> str:
    """The profile file's text, or a ProblemsError saying why it cannot be read."""
    try:
        # Only a regular file of sane size (a FIFO would hang, /dev/zero never ends); utf-8-sig:
        # Windows Notepad may start the file with a byte-order mark TOML rejects.
        return reading.read_text(path, reading.PROFILE_LIMIT)
    except FileNotFoundError as exc:
        raise ProblemsError(
            [
                Problem(
                    path,
                    "no profile here. Create one with `oinp profile init`, or point to yours with "
                    "--profile PATH or $OINP_PROFILE.",
                )
            ]
        ) from exc
    except OSError as exc:
        raise ProblemsError(
            [Problem(path, f"cannot read the profile: {reading.describe(exc)}.")]
        ) from exc


def load_profile(path: Path) -> Profile:
    """The profile's own checks only, without the data's (`load_checked_profile` has both)."""
    return parse_profile_text(read_profile_text(path), path)


def check_profile_text(text: str, path: Path, catalog: Catalog, today: dt.date) -> Profile:
    """`text` (the profile file at `path`, or what the form would write there) checked as
    `oinp profile validate` checks a file: against the loaded data, and what cannot be true
    `today`. Raises ProblemsError."""
    return parse_profile_text(
        text,
        path,
        known_streams=set(catalog.streams),
        known_nocs=set(catalog.occupations),
        noc2016=catalog.noc2016_successors,
        streams=catalog.streams,
        today=today,
    )


def load_checked_profile(path: Path, catalog: Catalog, today: dt.date | None = None) -> Profile:
    """Load a profile and check it against the loaded data, and what cannot be true `today`.

    A profile that passed these checks before, unchanged, for the same day, data and program,
    is read back from the cache (`cache.py`) instead of being checked again.
    """
    from oinp_assistant import cache

    today = today or ontario_today()
    text = read_profile_text(path)

    def check() -> Profile:
        return check_profile_text(text, path, catalog, today)

    # What the checks depend on besides the text: the day, the data, the program.
    files, held = catalog.profile_check_inputs()
    extra = f"{today.isoformat()}\0{held}\0{text}".encode()
    # One entry per profile file: the example and your own do not push each other out.
    kind = f"profile-{cache.tag(str(path.absolute()))}"
    return cache.cached(kind, files, check, Profile, extra=extra, code=cache.program_modules())


def _data_problems(
    raw: dict[str, Any],
    text: str,
    path: Path,
    known_streams: set[str] | None,
    known_nocs: set[str] | None,
    noc2016: Noc2016 | None = None,
) -> list[Problem]:
    """Checks against the bundled data, run even when the schema fails so all show at once."""
    problems: list[Problem] = []
    checks: list[tuple[tuple[str, ...], object]] = [(("stream",), raw.get("stream"))]
    invitation = raw.get("invitation")
    if isinstance(invitation, dict):
        checks.append((("invitation", "stream"), invitation.get("stream")))
    if known_streams is not None:
        for loc, value in checks:
            if isinstance(value, str) and value not in known_streams:
                problems.append(
                    Problem(
                        path,
                        f'unknown stream "{value}".{did_you_mean(value, known_streams)} '
                        f"Known streams: {', '.join(sorted(known_streams))}.",
                        key=".".join(loc),
                        line=find_line(text, loc),
                    )
                )
    for key in _DATE_KEYS:
        table, _, name = key.rpartition(".")
        holder = raw.get(table) if table else raw
        value = holder.get(name) if isinstance(holder, dict) else None
        if isinstance(value, str):
            # pydantic would accept "2026-01-05"; the file format says dates are TOML dates.
            wrote = shown(value) or "a quoted text"
            mistake = date_mistake(value)
            try:
                example = dt.date.fromisoformat(value).isoformat()
                also = ""
            except ValueError:
                example = "2026-01-05"
                # why it is not a date: the words a date without quotes would get
                also = f"; {mistake}" if mistake else "; that is not a date"
            problems.append(
                Problem(
                    path,
                    f"write the date without quotes, as YYYY-MM-DD, e.g. {name} = {example} "
                    f"(you wrote {wrote}, in quotes{also}).",
                    key=key,
                    line=find_line(text, tuple(key.split("."))),
                )
            )
    noc = raw.get("noc")
    if (
        known_nocs is not None
        and isinstance(noc, str)
        and re.fullmatch(r"[0-9]{5}", noc)
        and noc not in known_nocs
    ):
        problems.append(
            Problem(
                path,
                f'"{noc}" is not a NOC 2021 unit group. Find yours with `oinp noc search TITLE`.',
                key="noc",
                line=find_line(text, ("noc",)),
            )
        )
    # Only a four-digit code is looked up: the table is read from disk the first time.
    old = noc if isinstance(noc, str) and re.fullmatch(r"[0-9]{4}", noc) else None
    became = noc2016(old) if noc2016 is not None and old is not None else ()
    if became:
        groups = "; ".join(f"{o.code} {o.title}" for o in became)
        problems.append(
            Problem(
                path,
                f'"{noc}" looks like a NOC 2016 code; the OINP uses NOC 2021 codes (five digits). '
                f"NOC 2016 {noc} became: {groups}. Write the one that fits your job, "
                f'e.g. noc = "{became[0].code}".',
                key="noc",
                line=find_line(text, ("noc",)),
            )
        )
    return problems


def _date_range_problems(raw: dict[str, Any], text: str, path: Path) -> list[Problem]:
    """Every TOML date anywhere in the file must be a plausible date.

    A generic walk over the raw TOML, so a date field added to the schema later is covered
    without a change here: a year like 9999 would otherwise pass the schema and then break the
    deadline arithmetic in every command.
    """
    problems: list[Problem] = []
    stack: list[tuple[tuple[str | int, ...], object]] = [((), raw)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*loc, k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend(((*loc, i), v) for i, v in enumerate(value))
        elif isinstance(value, dt.date):  # datetime too
            day = value.date() if isinstance(value, dt.datetime) else value
            if not in_range(day):
                problems.append(
                    Problem(
                        path,
                        f"the date is not plausible (you wrote {value.isoformat()}); write a "
                        f"date {range_text()}, as YYYY-MM-DD, and check the year.",
                        key=dotted(loc),
                        line=find_line(text, loc),
                    )
                )
    return sorted(problems, key=lambda p: (p.line or 0, p.key or ""))


ENUMERATED: dict[str, tuple[str, ...]] = {
    "job_region": REGIONS,
    "permit.type": ("work", "study", "none"),
    "education.highest": EDUCATION_LEVELS,
}
"""Keys whose value is one of a list: a wrong value is answered with the list and a guess."""
ENUMERATED_NAMES: dict[str, Mapping[str, str]] = {
    "job_region": REGION_NAMES,
    "education.highest": EDUCATION_NAMES,
}


def _explain_types(problems: list[Problem], text: str) -> list[Problem]:
    """The fix a hand-editor most often needs, keyed on the key and pydantic's error code."""
    out = []
    for p in problems:
        msg, key, line, code = p.message, p.key, p.line, p.code
        if not key and code == "value_error" and msg.startswith("invitation.date"):
            # the whole-profile date-order check: point at the invitation date to fix
            key, line = "invitation.date", find_line(text, ("invitation", "date"))
        if key == "noc" and code == "string_pattern_mismatch":
            msg = (
                'write the NOC 2021 code as five digits in quotes, e.g. noc = "21231"'
                + msg[msg.find(" (you wrote") : msg.find(")") + 1]
                + "."
                if "(you wrote" in msg
                else 'write the NOC 2021 code as five digits in quotes, e.g. noc = "21231".'
            )
        elif key == "noc" and code == "string_type":
            msg = (
                'write the NOC code in quotes, e.g. noc = "01234": without quotes a leading '
                "zero is lost."
            )
        elif key == "calendar_key":
            msg = (
                "calendar_key is written by the app: up to 64 letters, digits, - or _. Restore "
                "its value (the file's previous version is kept beside it, ending in .bak), "
                "or delete the line: the "
                "next export writes a new key, and calendar events exported before it are then "
                "no longer updated."
            )
        elif key in ENUMERATED and code == "literal_error":
            names = ENUMERATED_NAMES.get(key, {})
            allowed = ("; " if names else ", ").join(
                f'"{v}" ({names[v]})' if v in names else f'"{v}"' for v in ENUMERATED[key]
            )
            # "(you wrote "GTA"). Did you mean "gta"?" first: the fix, then the whole list
            said = msg[msg.find("(you wrote") + 1 :] if "(you wrote" in msg else ""
            said = said.replace(").", ".", 1) if said else ""
            msg = (f"{said} " if said else "") + f"Allowed values: {allowed}."
        out.append(Problem(p.file, msg, key, line, code))
    return out
