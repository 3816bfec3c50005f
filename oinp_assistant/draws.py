"""Rounds of invitations: the bundled record plus any the user adds, validated alike."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from oinp_assistant import reading
from oinp_assistant.clock import in_range, range_text
from oinp_assistant.data_files import read_toml
from oinp_assistant.problems import (
    Problem,
    ProblemsError,
    csv_reason,
    did_you_mean,
    explain_cell,
    from_validation_error,
)

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

Residence = Literal["in_canada_with_permit", "in_canada", "no", "unknown"]
DrawConfidence = Literal["2+", "1", "conflict"]

COLUMNS = (
    "id",
    "date",
    "stream",
    "round",
    "invitations",
    "min_score",
    "window_start",
    "window_end",
    "noc_codes",
    "region",
    "communities",
    "residence_required",
    "confidence",
    "notes",
    "sources",
)
# Columns a file may have or not: files written before they existed keep loading.
OPTIONAL_COLUMNS = ("added",)


class Draw(BaseModel):
    """One round on one day for one stream. None always means "not found in the sources"."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: str = Field(min_length=1)
    date: dt.date
    stream: str = Field(min_length=1)
    round: str = Field(min_length=1)
    invitations: int | None = Field(None, ge=0)
    min_score: int | None = Field(None, ge=0)
    window_start: dt.date | None = None
    window_end: dt.date | None = Field(None, description="Last day included.")
    noc_codes: tuple[str, ...] | None = Field(
        description="Targeted NOC codes; () for a general round; None: targeted, list unknown."
    )
    region: str | None = None
    communities: tuple[str, ...] | None = Field(
        (), description="Named communities; () when not limited; None: limited, names unknown."
    )
    residence_required: Residence
    confidence: DrawConfidence
    notes: str = ""
    sources: tuple[str, ...] = Field(min_length=1)
    origin: str = Field("bundled", description="Which file the draw came from.")
    added: dt.date | None = Field(
        None, description="Day the user added this round; none for bundled rounds."
    )

    @field_validator("noc_codes")
    @classmethod
    def _five_digit_codes(cls, codes: tuple[str, ...] | None) -> tuple[str, ...] | None:
        for code in codes or ():
            if len(code) != 5 or not (code.isascii() and code.isdigit()):
                raise ValueError(f'NOC code "{code}" is not five digits')
        return codes

    @property
    def is_general(self) -> bool:
        return self.noc_codes == ()

    @property
    def label(self) -> str:
        """The round label as a person writes it: "GTA", "REDI", "targeted 77 NOCs"."""
        if self.round in _LABELS:
            return _LABELS[self.round]
        words = self.round.split("_")
        return " ".join(map(_LABELS.get, words, words))  # each word's label, else the word

    @property
    def is_added(self) -> bool:
        """A round the user added (any user file), as opposed to the bundled record."""
        return self.origin != "bundled"

    @property
    def added_note(self) -> str | None:
        """What the views show beside a round the user added; None for a bundled round."""
        if not self.is_added:
            return None
        return f"added by you on {self.added}" if self.added else "added by you"


_LABELS = {
    "gta": "GTA",
    "redi": "REDI",
    "empp": "EMPP",
    "nocs": "NOCs",
    "northern_ontario": "Northern Ontario",
    "eastern_ontario": "Eastern Ontario",
    "central_ontario": "Central Ontario",
    "southwestern_ontario": "Southwestern Ontario",
    "greater_sudbury": "Greater Sudbury",
    "french_speaking": "French-speaking",
}


class RoundCondition(BaseModel):
    """A condition a round set that no profile field records (e.g. French at CLB 5)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    round: str
    text: str
    source: str
    streams: tuple[str, ...] | None = None

    def applies_to(self, draw: Draw) -> bool:
        return draw.round == self.round and (self.streams is None or draw.stream in self.streams)


def load_round_conditions(path: Path) -> list[RoundCondition]:
    raw, text = read_toml(path, "the round conditions")
    conditions: list[RoundCondition] = []
    problems: list[Problem] = []
    for number, entry in enumerate(raw.get("condition", [])):
        try:
            conditions.append(RoundCondition.model_validate(entry))
        except ValidationError as exc:  # in the app's words, with the key: never pydantic's
            where = ("condition", number)
            problems += from_validation_error(exc, path, text, allowed_keys={}, prefix=where)
    if problems:
        raise ProblemsError(problems)
    return conditions


def _split(cell: str, sep: str) -> tuple[str, ...]:
    if not cell:
        return ()
    parts = [part.strip() for part in cell.split(sep)]
    return tuple([part for part in parts if part])


# Columns read as one value: blank (or missing) means None. The others are read below.
_SINGLE = tuple(
    name
    for name in (*COLUMNS, *OPTIONAL_COLUMNS)
    if name not in ("noc_codes", "communities", "notes", "sources")
)


def _row_to_fields(row: Mapping[str, str | None]) -> dict[str, object]:
    # Run once per row of a user's file (100,000 rows if they added that many): no helper
    # function call per cell.
    get = row.get
    fields: dict[str, object] = {name: (get(name) or "").strip() or None for name in _SINGLE}
    fields["residence_required"] = fields["residence_required"] or "unknown"
    nocs = (get("noc_codes") or "").strip()
    communities = (get("communities") or "").strip()
    fields["noc_codes"] = None if nocs.lower() == "unknown" else _split(nocs, ";")
    fields["communities"] = None if communities.lower() == "unknown" else _split(communities, ";")
    fields["notes"] = get("notes") or ""
    fields["sources"] = _split(get("sources") or "", " | ")
    return fields


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong in one row; each caller says where (file and line, or a flag)."""

    column: str
    message: str
    hint: str = ""
    wrong: str = ""
    """The message without its "what to write" half, for callers that say it their own way."""


def check_row(
    row: Mapping[str, str | None], *, origin: str, known_streams: Collection[str]
) -> tuple[Draw | None, list[RowProblem]]:
    """The one validation of a draws row, for the CSV loader and for a round typed in.

    Returns the draw, or None with every problem found in the row.
    """
    problems: list[RowProblem] = []
    stream = (row.get("stream") or "").strip()
    if stream and stream not in known_streams:
        problems.append(
            RowProblem("stream", f'unknown stream "{stream}"', did_you_mean(stream, known_streams))
        )
    fields = _row_to_fields(row)
    fields["origin"] = origin
    try:
        draw = Draw.model_validate(fields)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            col = str(err["loc"][0]) if err["loc"] else "row"
            # in the app's words, from the cell as written: never pydantic's "Input should ..."
            said = explain_cell(err["type"], err.get("ctx") or {}, row.get(col), col)
            problems.append(RowProblem(col, said.message, said.hint, said.wrong))
        return None, problems
    far = [
        (name, day)
        for name in ("date", "window_start", "window_end")
        if (day := getattr(draw, name)) is not None and not in_range(day)
    ]
    if far:
        name, day = far[0]
        problems.append(
            RowProblem(
                name,
                f"the date is not plausible (you wrote {day.isoformat()}); write a date "
                f"{range_text()}",
            )
        )
    elif draw.window_start and draw.window_end and draw.window_start > draw.window_end:
        problems.append(RowProblem("window_start", "window_start is after window_end"))
    return (None, problems) if problems else (draw, [])


_LINE = re.compile(r"[^\r\n]*(?:\r\n?|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of `text` with their ends, as `io.StringIO(text, newline="")` gives them.

    Not StringIO itself: it keeps four bytes per character, 300 MB for 100,000 rounds.
    """
    for match in _LINE.finditer(text):
        yield match.group()


def _numbered(
    reader: CsvReader, header: list[str], path: Path
) -> Iterator[tuple[int, dict[str | Any, Any]]]:
    """Rows with the line they end on, read one at a time (a list of 100,000 rows is large).

    Each row is what csv.DictReader gives: blank lines skipped, a missing cell None, cells
    beyond the header a list under None. Built here because DictReader's own loop, in
    Python, takes as long as parsing the file.
    """
    width = len(header)
    last = 1  # the header's line
    try:
        for cells in reader:
            last = reader.line_num
            if not cells:
                continue
            row: dict[str | Any, Any] = dict(zip(header, cells, strict=False))
            if len(cells) > width:
                row[None] = cells[width:]
            elif len(cells) < width:
                row.update(dict.fromkeys(header[len(cells) :]))
            yield last, row
    except csv.Error as exc:  # the row that starts after the last good one
        message = f"cannot read this draws file: {csv_reason(exc)}."
        raise ProblemsError([Problem(path, message, line=last + 1)]) from exc


def load_draw_file(path: Path, *, origin: str, known_streams: set[str]) -> list[Draw]:
    """Read one draws CSV; every bad row is reported with its line and column."""
    try:
        # A regular file only (a FIFO in the draws folder would hang every command); the
        # byte-order mark Excel's "CSV UTF-8" writes is dropped; csv handles CRLF itself.
        text = reading.read_text(path, reading.DRAWS_LIMIT)
        reader = csv.reader(_lines(text))
        header = next(reader, [])
    except OSError as exc:
        raise ProblemsError(
            [Problem(path, f"cannot read this draws file: {reading.describe(exc)}.")]
        ) from exc
    except csv.Error as exc:
        message = f"cannot read this draws file: {csv_reason(exc)}."
        raise ProblemsError([Problem(path, message, line=1)]) from exc

    problems: list[Problem] = []
    missing = [c for c in COLUMNS if c not in header]
    extra = [c for c in header if c not in COLUMNS and c not in OPTIONAL_COLUMNS]
    if missing:
        names = ", ".join(f'"{c}"' for c in missing)
        problems.append(
            Problem(
                path,
                f"missing column{'s' if len(missing) > 1 else ''} {names}; the first line must "
                f"be: {','.join(COLUMNS)}",
                line=1,
            )
        )
    for col in extra:
        problems.append(
            Problem(
                path,
                f'unknown column "{col}".{did_you_mean(col, COLUMNS + OPTIONAL_COLUMNS)}',
                line=1,
            )
        )
    if problems:
        raise ProblemsError(problems)

    draws: list[Draw] = []
    seen: dict[str, int] = {}
    for line, row in _numbered(reader, header, path):
        if None in row:
            # csv puts cells beyond the header under None: usually an unquoted comma in a text
            problems.append(
                Problem(
                    path,
                    f"this row has more cells than the {len(header)} columns of the header; "
                    f"put text that contains a comma in double quotes "
                    f"(draw {row.get('id') or f'row at line {line}'}).",
                    line=line,
                )
            )
            continue
        draw, found = check_row(row, origin=origin, known_streams=known_streams)
        entry = row.get("id") or f"row at line {line}"
        for p in found:
            problems.append(
                Problem(path, f"{p.message} (draw {entry}).{p.hint}", key=p.column, line=line)
            )
        if draw is None:
            continue
        if draw.id in seen:
            problems.append(
                Problem(
                    path, f'draw id "{draw.id}" repeats line {seen[draw.id]}.', key="id", line=line
                )
            )
            continue
        seen[draw.id] = line
        draws.append(draw)
    if problems:
        raise ProblemsError(problems)
    return draws


RESIDENCE_WORDS: dict[str, str] = {
    "in_canada_with_permit": "only people living in Canada with a valid work or study permit",
    "in_canada": "only people living in Canada",
    "no": "people anywhere: no residence or permit condition",
    "unknown": "not known (no notice text for this round was found)",
}
"""residence_required in words; the raw ids are for files and --json only."""


def _count(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def round_note(draw: Draw, stream_name: str, conditions: Collection[str] = ()) -> list[str]:
    """What the round required, in plain words, generated from the record's fields.

    For the candidate; the research notes (`Draw.notes`) are for maintainers and are shown
    only on request (`draws show -v`, the "Sources and research notes" section).
    """
    from oinp_assistant.profile import REGION_NAMES

    invited = f"{draw.invitations:,} invitations" if draw.invitations is not None else "invitations"
    lines = [f"{stream_name}, {draw.label} round on {draw.date}: {invited} to apply."]
    if draw.is_general:
        lines.append("Open to every occupation of the stream.")
    elif draw.noc_codes is None:
        lines.append("Only for certain occupations; their list was not found in the sources.")
    else:
        lines.append(f"Only for {_count(len(draw.noc_codes), 'occupation')} (listed below).")
    if draw.communities is None:
        lines.append("Only for jobs in named communities; no notice in the record names them.")
    elif draw.communities:
        lines.append(f"Only for jobs in {', '.join(draw.communities)}.")
    elif draw.region == "gta":  # a GTA round took the whole GTA; the profile's "gta" does not
        lines.append("Only for jobs in the Greater Toronto Area (City of Toronto included).")
    elif draw.region is not None:
        lines.append(f"Only for jobs in {REGION_NAMES.get(draw.region, draw.region)}.")
    else:
        lines.append("A job anywhere in Ontario counted.")
    start, end = draw.window_start, draw.window_end
    if start and end:
        lines.append(f"Only EOIs created and attested to from {start} to {end}, both included.")
    elif end:
        lines.append(f"Only EOIs created and attested to by {end}.")
    elif start:
        lines.append(f"Only EOIs created from {start}; the end of the window was not found.")
    else:
        lines.append("The profile window was not found in the sources.")
    if draw.min_score is not None:
        lines.append(f"Lowest EOI score invited: {draw.min_score}.")
    else:
        lines.append("The lowest score invited was not found in the sources.")
    lines.append(f"Who could be invited: {RESIDENCE_WORDS[draw.residence_required]}.")
    if conditions:
        lines.append(f"It also required {'; '.join(conditions)}.")
    return lines
