"""The candidate's profile: the schema of `profile.toml` and its loading with every problem named.

The field names are a contract with files users write by hand; add optional fields freely,
never rename one.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from oinp_assistant.clock import add_months
from oinp_assistant.problems import (
    Problem,
    ProblemsError,
    did_you_mean,
    find_line,
    from_validation_error,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from oinp_assistant.catalog import Catalog
    from oinp_assistant.occupations import Occupation

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


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class Profile(_Table):
    stream: str = Field(
        description="OINP stream id, e.g. ontario_workforce_priority or foreign_worker "
        "(`oinp draws list` shows them)."
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
    "": list(Profile.model_fields),
    "permit": list(Permit.model_fields),
    "invitation": list(Invitation.model_fields),
}

_TOML_LINE = re.compile(r"at line (\d+)")
_DATE_KEYS = (
    "eoi_registered",
    "permit.expires",
    "invitation.date",
    "invitation.employer_deadline",
    "invitation.candidate_deadline",
)


def parse_profile_text(
    text: str,
    path: Path,
    *,
    known_streams: set[str] | None = None,
    known_nocs: set[str] | None = None,
    noc2016: Noc2016 | None = None,
) -> Profile:
    """Validate profile TOML `text`; raise ProblemsError listing every problem found."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        raise ProblemsError(
            [
                Problem(
                    path,
                    f"this is not valid TOML ({exc}). Check quotes around text, and that dates are "
                    "written YYYY-MM-DD without quotes.",
                    line=int(found.group(1)) if found else None,
                )
            ]
        ) from exc
    problems = _data_problems(raw, text, path, known_streams, known_nocs, noc2016)
    quoted = {p.key for p in problems if p.key in (*_DATE_KEYS, "noc")}
    try:
        # strict: a TOML file has real types; "57" or "yes" is a mistake to report, not coerce
        profile = Profile.model_validate(raw, strict=True)
    except ValidationError as exc:
        schema = from_validation_error(exc, path, text, allowed_keys=ALLOWED_KEYS)
        # a quoted date is already reported with its fix; pydantic's words would only repeat it
        schema = [p for p in schema if p.key not in quoted]
        raise ProblemsError(_explain_types(schema, text) + problems) from exc
    if problems:
        raise ProblemsError(problems)
    return profile


def load_profile(
    path: Path,
    *,
    known_streams: set[str] | None = None,
    known_nocs: set[str] | None = None,
    noc2016: Noc2016 | None = None,
) -> Profile:
    try:
        # utf-8-sig: Windows Notepad may start the file with a byte-order mark TOML rejects
        text = path.read_text(encoding="utf-8-sig")
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
    except (OSError, UnicodeDecodeError) as exc:
        raise ProblemsError([Problem(path, f"cannot read the profile: {exc}")]) from exc
    return parse_profile_text(
        text, path, known_streams=known_streams, known_nocs=known_nocs, noc2016=noc2016
    )


def load_checked_profile(path: Path, catalog: Catalog) -> Profile:
    """Load a profile and check its stream and NOC against the loaded data."""
    return load_profile(
        path,
        known_streams=set(catalog.streams),
        known_nocs=set(catalog.occupations),
        noc2016=catalog.noc2016_successors,
    )


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
            try:
                dt.date.fromisoformat(value)
                also = ""
            except ValueError:
                also = " and is not a valid date"
            problems.append(
                Problem(
                    path,
                    f"write the date without quotes, as YYYY-MM-DD, e.g. {name} = 2026-01-05 "
                    f"(you wrote {value!r}, which is quoted{also}).",
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


def _explain_types(problems: list[Problem], text: str) -> list[Problem]:
    """Add the fix a hand-editor most often needs to pydantic's terse type messages."""
    out = []
    for p in problems:
        msg, key, line = p.message, p.key, p.line
        if not key and msg.startswith("invitation.date"):
            # the whole-profile date-order check: point at the invitation date to fix
            key, line = "invitation.date", find_line(text, ("invitation", "date"))
        if p.key == "noc" and "pattern" in msg:
            msg = 'write the NOC 2021 code as five digits in quotes, e.g. noc = "21231".'
        elif p.key == "noc" and "string" in msg:
            msg = (
                'write the NOC code in quotes, e.g. noc = "01234": without quotes a leading '
                "zero is lost."
            )
        elif msg.startswith("Input should be a valid integer"):
            msg = msg.rstrip(".") + ". Write a whole number without quotes, e.g. eoi_score = 57."
        elif msg.startswith("Input should be a valid boolean"):
            msg = msg.rstrip(".") + ". Write true or false, without quotes."
        elif "valid dictionary" in msg:
            table = key or "this key"
            msg = (
                f"{table} must be a table: write [{table}] on a line of its own, with its "
                "keys (one per line) below it."
            )
        elif "date" in msg.lower() and "valid" in msg.lower():
            msg = msg.rstrip(".") + ". Write dates as YYYY-MM-DD without quotes."
        elif p.key == "job_region":
            msg = f"must be one of: {', '.join(REGIONS)}."
        out.append(Problem(p.file, msg, key, line))
    return out
