"""OINP streams as dated data: when each opened and closed, and its windows after an invitation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from oinp_assistant.data_files import validate_toml_file
from oinp_assistant.problems import Problem, ProblemsError

Confidence = Literal["2+", "1", "conflict", "inferred"]
DEFAULT_CANDIDATE_ACTION = "submit your application and pay the fee in the OINP e-Filing Portal"
Category = Literal["employer_job_offer", "graduate", "express_entry"]
Phase = Literal["not_yet_open", "open", "closed"]


@dataclass(frozen=True)
class StreamState:
    """Where a stream stands on one day: the one answer every screen and check words.

    `successor` is the id of the stream that replaced a closed one (None while it is open, or
    when nothing replaced it).
    """

    stream_id: str
    name: str
    day: date
    phase: Phase
    opened: date | None
    closed: date | None
    eoi_from: date | None
    successor: str | None

    @property
    def is_open(self) -> bool:
        return self.phase == "open"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class DeadlineWindow(_Strict):
    """How many calendar days the employer and the candidate have after an invitation."""

    effective_from: date | None = Field(
        None, description="First invitation date this window applies to (none: always)."
    )
    employer_days: int | None = Field(
        None, ge=1, description="Days for the employer's Employer Portal submission; none: no step."
    )
    candidate_days: int | None = Field(
        None, ge=1, description="Days for the candidate's e-Filing submission; none: not known."
    )
    candidate_action: str = DEFAULT_CANDIDATE_ACTION
    confidence: Confidence
    note: str = ""
    sources: list[str] = Field(min_length=1)


class StreamClocks(_Strict):
    """The clocks of a stream's journey outside the invitation windows."""

    eoi_registration_days: int | None = Field(
        None, ge=1, description="Days to register an EOI after the employer submits a job offer."
    )
    nomination_valid_months: int | None = Field(
        None, ge=1, description="Months a nomination certificate is valid."
    )
    confidence: Confidence
    note: str = ""
    sources: list[str] = Field(min_length=1)


class Stream(_Strict):
    id: str
    name: str
    category: Category
    eoi_scored: bool
    opened: date | None = None
    opened_note: str = ""
    eoi_from: date | None = None
    closed: date | None = Field(None, description="First day the stream no longer existed.")
    replaced_by: str | None = None
    pool_withdrawn: date | None = Field(
        None, description="Day every EOI then in the stream's pool was withdrawn."
    )
    max_score: int | None = None
    sources: list[str] = Field(min_length=1)
    windows: list[DeadlineWindow] = Field(default_factory=list)
    clocks: StreamClocks | None = None

    def is_closed_on(self, day: date) -> bool:
        return self.closed is not None and day >= self.closed

    def state_on(self, day: date) -> StreamState:
        """The stream's phase on `day` (closed from `closed` on, not yet open before `opened`)."""
        phase: Phase
        if self.is_closed_on(day):
            phase = "closed"
        elif self.opened is not None and day < self.opened:
            phase = "not_yet_open"
        else:
            phase = "open"
        return StreamState(
            stream_id=self.id,
            name=self.name,
            day=day,
            phase=phase,
            opened=self.opened,
            closed=self.closed,
            eoi_from=self.eoi_from,
            successor=self.replaced_by if phase == "closed" else None,
        )

    def window_for(self, invitation: date) -> DeadlineWindow | None:
        """The window in force on the invitation date, or None when the record has none."""
        chosen: DeadlineWindow | None = None
        for window in sorted(self.windows, key=lambda w: w.effective_from or date.min):
            if window.effective_from is None or window.effective_from <= invitation:
                chosen = window
        return chosen


class DataMeta(_Strict):
    checked_through: date = Field(description="Last day the draw record was checked.")
    checked_note: str = ""
    sources: list[str] = Field(default_factory=list)


class StreamsFile(_Strict):
    meta: DataMeta
    stream: list[Stream]


def load_streams(path: Path) -> StreamsFile:
    parsed = validate_toml_file(path, StreamsFile, "the streams file")
    ids = [s.id for s in parsed.stream]
    dupes = {i for i in ids if ids.count(i) > 1}
    problems = [Problem(path, f'stream "{d}" is defined twice.', key="stream") for d in dupes]
    for s in parsed.stream:
        if s.replaced_by and s.replaced_by not in ids:
            problems.append(
                Problem(path, f'replaced_by names unknown stream "{s.replaced_by}".', key=s.id)
            )
    if problems:
        raise ProblemsError(problems)
    return parsed
