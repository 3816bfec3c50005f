"""Rounds the user adds, removes, imports and exports, checked as strictly as the bundled record.

Where they live: every round added through this module (`add_round`, `import_rounds`) goes into
one file, `<user draws folder>/added.csv` (`locations.user_draws_dir()`), in the bundled
format plus an `added` column holding the day it was added. One file because an import of many
rounds is then a single atomic write (all or nothing, even if the machine stops half-way), and
its `added.csv.bak` is always the state before the last change. Other `*.csv` files a user wrote
by hand in the same folder keep loading as before; `remove_round` takes a round out of whichever
user file holds it and leaves that file's other lines exactly as they were.

A typed-in round is turned into a CSV row and validated by `draws.check_row`, the function that
validates every bundled row, and then by the checks only a new round needs (`new_round_problems`:
NOC 2021 codes, regions, dates, web addresses). Problems name the flag (`--min-score`) of the
pseudo-file "draws add", say what was written and what to write instead.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import get_args
from urllib.parse import urlsplit

from oinp_assistant import locations
from oinp_assistant.atomic import write_atomic
from oinp_assistant.catalog import Catalog
from oinp_assistant.draws import (
    COLUMNS,
    Draw,
    Residence,
    RowProblem,
    check_row,
    load_draw_file,
)
from oinp_assistant.problems import Problem, ProblemsError, did_you_mean
from oinp_assistant.profile import REGION_NAMES
from oinp_assistant.staleness import INVITATIONS_PAGE

ADD = Path("draws add")  # the "file" a problem with a typed-in round is reported against
ADDED_FILE = "added.csv"
STORED_COLUMNS = (*COLUMNS, "added")
RESIDENCES: tuple[str, ...] = get_args(Residence)
REGIONS: tuple[str, ...] = tuple(REGION_NAMES)
# A typed-in round is the user's reading of one notice: one source, as the record counts them.
ADDED_CONFIDENCE = "1"
_LABEL = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")

FLAGS = {
    "id": "--label",
    "date": "--date",
    "stream": "--stream",
    "round": "--label",
    "invitations": "--invitations",
    "min_score": "--min-score",
    "window_start": "--window",
    "window_end": "--window",
    "noc_codes": "--noc",
    "region": "--region",
    "communities": "--region",
    "residence_required": "--residence",
    "confidence": "--source",
    "notes": "--note",
    "sources": "--source",
    "added": "--date",
}
TO_DO = {
    "--date": "Write the round's date as YYYY-MM-DD.",
    "--stream": "Write the stream's id, e.g. ontario_workforce_priority.",
    "--label": "Write the round's label in lower case, words joined by _ (e.g. health).",
    "--invitations": "Write the number of invitations: a whole number, 0 or more.",
    "--min-score": "Write the lowest score invited: a whole number, 0 or more.",
    "--window": "Write the profile window as START:END, e.g. 2026-08-04:2026-11-15.",
    "--noc": "Give five-digit NOC 2021 codes; find one with `oinp noc search WORDS`.",
    "--region": f"Use one of: {', '.join(REGIONS)}; leave it out for a round open to all Ontario.",
    "--residence": f"Use one of: {', '.join(RESIDENCES)}.",
    "--source": "Give the web address of the round's notice, starting with https://.",
    "--note": "",
}


@dataclass(frozen=True)
class NewRound:
    """A round as a person types it, flag by flag (`oinp draws add`, the app's form).

    Values stay as typed (strings) so that a problem can quote them; `window` is "START:END".
    """

    date: str | dt.date
    stream: str
    label: str
    invitations: str | int | None = None
    min_score: str | int | None = None
    window: str | None = None
    nocs: Sequence[str] = ()
    region: str | None = None
    residence: str | None = None
    sources: Sequence[str] = ()
    note: str = ""


@dataclass(frozen=True)
class AskedField:
    """One question of `oinp draws add` run without flags (and of the app's form), in order."""

    name: str  # the NewRound attribute it fills
    flag: str
    question: str
    choices: tuple[str, ...] = ()
    default: str | None = None  # only where a wrong guess cannot make a verdict a pass
    required: bool = False
    repeated: bool = False  # --noc, --source: several answers


def asked_fields(catalog: Catalog, today: dt.date) -> tuple[AskedField, ...]:
    """What to ask for a new round, with the allowed values and the safe defaults."""
    open_now = tuple(s.id for s in catalog.streams.values() if s.state_on(today).phase == "open")
    return (
        AskedField("date", "--date", "Day of the round (YYYY-MM-DD)", required=True),
        AskedField(
            "stream",
            "--stream",
            "Stream",
            choices=tuple(catalog.streams),
            default=open_now[0] if len(open_now) == 1 else None,
            required=True,
        ),
        AskedField("label", "--label", "Round label (e.g. health, general)", required=True),
        AskedField("invitations", "--invitations", "Invitations issued (blank: not given)"),
        AskedField("min_score", "--min-score", "Lowest score invited (blank: not given)"),
        AskedField("window", "--window", "Profile window START:END (blank: not given)"),
        AskedField(
            "nocs", "--noc", "Targeted NOC 2021 codes (blank: general round)", repeated=True
        ),
        AskedField("region", "--region", "Region (blank: all of Ontario)", choices=REGIONS),
        AskedField(
            "residence",
            "--residence",
            "Residence required by the notice",
            choices=RESIDENCES,
            default="unknown",
        ),
        AskedField(
            "sources",
            "--source",
            "Web address of the notice",
            default=INVITATIONS_PAGE,
            repeated=True,
        ),
        AskedField("note", "--note", "Note (blank: none)"),
    )


def user_rounds(catalog: Catalog) -> list[Draw]:
    """The rounds the user added, oldest first: what `draws export` writes and `remove` takes."""
    return sorted((d for d in catalog.draws if d.is_added), key=lambda d: (d.date, d.id))


def added_file(user_draws_dir: Path | None = None) -> Path:
    folder = user_draws_dir if user_draws_dir is not None else locations.user_draws_dir()
    return folder / ADDED_FILE


def round_id(date: str | dt.date, stream: str, label: str) -> str:
    """The id every round has, bundled or added: `DATE-STREAM-LABEL`."""
    return f"{date}-{stream}-{label}"


# --- building and checking a typed-in round ---------------------------------------------------


def build_round(new: NewRound, catalog: Catalog, today: dt.date) -> Draw:
    """The Draw for `new`, added today; ProblemsError listing every problem, by flag."""
    found: list[tuple[str, str]] = []  # (flag, message)

    def typed(value: object) -> str:
        return "" if value is None else str(value).strip()

    nocs = _split_codes(new.nocs)
    window_start = window_end = ""
    if typed(new.window):
        parts = typed(new.window).split(":")
        if len(parts) == 2 and all(p.strip() for p in parts):
            window_start, window_end = (p.strip() for p in parts)
        else:
            found.append(("--window", _said("it is not START:END", new.window, "--window")))
    label = typed(new.label)
    if label and not _LABEL.fullmatch(label):
        slug = "_".join(re.findall(r"[a-z0-9]+", label.lower()))
        hint = f' Did you mean "{slug}"?' if slug else ""
        found.append(("--label", _said("not a round label", label, "--label", hint)))
    residence = typed(new.residence) or "unknown"
    if residence not in RESIDENCES:
        hint = did_you_mean(residence, RESIDENCES)
        found.append(
            ("--residence", _said("unknown residence rule", residence, "--residence", hint))
        )
    sources = [s.strip() for s in new.sources if s.strip()] or [INVITATIONS_PAGE]
    for p in _value_problems(nocs, typed(new.region) or None, sources, catalog):
        flag = FLAGS[p.column]
        found.append((flag, _said(p.message, p.value, flag, p.hint)))
    row = {
        "id": round_id(typed(new.date), typed(new.stream), label),
        "date": typed(new.date),
        "stream": typed(new.stream),
        "round": label,
        "invitations": typed(new.invitations),
        "min_score": typed(new.min_score),
        "window_start": window_start,
        "window_end": window_end,
        "noc_codes": ";".join(nocs),
        "region": typed(new.region),
        "communities": "",
        "residence_required": residence if residence in RESIDENCES else "unknown",
        "confidence": ADDED_CONFIDENCE,
        "notes": new.note.strip(),
        "sources": " | ".join(sources),
        "added": today.isoformat(),
    }
    draw, row_problems = check_row(row, origin="added", known_streams=catalog.streams)
    shown = {
        "--date": new.date,
        "--stream": new.stream,
        "--label": new.label,
        "--invitations": new.invitations,
        "--min-score": new.min_score,
        "--window": new.window,
        "--noc": " ".join(nocs),
        "--region": new.region,
        "--residence": new.residence,
        "--source": " ".join(sources),
    }
    flagged = {flag for flag, _ in found}
    for rp in row_problems:
        flag = FLAGS.get(rp.column, rp.column)
        if flag not in flagged:
            flagged.add(flag)
            # the flag's own "what to write" (TO_DO) follows: only what is wrong, from the row
            wrong = rp.wrong or rp.message
            message = wrong.replace("this column must not be empty", "this is required")
            found.append((flag, _said(message, shown.get(flag), flag, rp.hint)))
    # Dates are checked even when another value is wrong, so that one run lists everything.
    day, end, score = _date_or_none(row["date"]), _date_or_none(window_end), _int(row["min_score"])
    if day is not None:
        for p in _dated_problems(day, row["stream"], score, end, catalog, today):
            flag = FLAGS[p.column]
            if flag not in flagged:
                found.append((flag, _said(p.message, shown.get(flag), flag, p.hint)))
    if found:
        raise ProblemsError([Problem(ADD, message, key=flag) for flag, message in found])
    assert draw is not None
    return draw


@dataclass(frozen=True)
class NewRoundProblem(RowProblem):
    """A RowProblem that may quote one value of a list (one NOC code, one address)."""

    value: str | None = None


def new_round_problems(draw: Draw, catalog: Catalog, today: dt.date) -> list[NewRoundProblem]:
    """What a new round must satisfy beyond a bundled row's checks; every bundled round does.

    The bundled record was built by hand from notices; a round typed in a hurry is checked for
    the slips the record's author caught by reading: codes outside NOC 2021, a window ending
    after the round, a round of a stream that was closed (or not yet open) that day.
    """
    dated = _dated_problems(draw.date, draw.stream, draw.min_score, draw.window_end, catalog, today)
    return dated + _value_problems(draw.noc_codes or (), draw.region, draw.sources, catalog)


def _dated_problems(
    day: dt.date,
    stream_id: str,
    min_score: int | None,
    window_end: dt.date | None,
    catalog: Catalog,
    today: dt.date,
) -> list[NewRoundProblem]:
    out: list[NewRoundProblem] = []
    if day > today:
        out.append(
            NewRoundProblem("date", f"this day is after today ({today}); add a round once held")
        )
    stream = catalog.streams.get(stream_id)
    if stream is not None:
        if stream.opened and day < stream.opened:
            out.append(
                NewRoundProblem("date", f"{stream.name} only came into force on {stream.opened}")
            )
        if stream.state_on(day).phase == "closed":
            out.append(
                NewRoundProblem("date", f"{stream.name} had closed by then (on {stream.closed})")
            )
        if stream.max_score is not None and (min_score or 0) > stream.max_score:
            out.append(
                NewRoundProblem(
                    "min_score", f"{stream.name} scores out of {stream.max_score} at most"
                )
            )
    if window_end and window_end > day:
        out.append(NewRoundProblem("window_end", f"the window ends after the round's date ({day})"))
    return out


def _value_problems(
    codes: Iterable[str], region: str | None, sources: Iterable[str], catalog: Catalog
) -> list[NewRoundProblem]:
    """Checks of single values, which need no valid round around them."""
    out: list[NewRoundProblem] = []
    for code in codes:
        if not (len(code) == 5 and code.isascii() and code.isdigit()):
            out.append(NewRoundProblem("noc_codes", "a NOC code has five digits", value=code))
        elif code not in catalog.occupations:
            out.append(NewRoundProblem("noc_codes", "not a NOC 2021 unit group", value=code))
    if region and region not in REGIONS:
        hint = did_you_mean(region, REGIONS)
        out.append(NewRoundProblem("region", "unknown region", hint=hint, value=region))
    for source in sources:
        parts = urlsplit(source)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            out.append(
                NewRoundProblem("sources", "not a web address (http:// or https://)", value=source)
            )
    return out


def _said(message: str, value: object, flag: str, hint: str = "") -> str:
    text = message.rstrip(".")
    if value is not None and str(value).strip():
        shown = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
        if f'"{shown}"' not in text:  # the message may quote it already
            text += f' (you wrote "{shown}")'
    text += "." + hint
    to_do = TO_DO.get(flag, "")
    return f"{text} {to_do}".rstrip()


def _date_or_none(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def _int(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _split_codes(values: Iterable[str]) -> list[str]:
    # `--noc 31301 --noc 31102` or `--noc "31301, 31102"`: either way one code each, in order.
    codes: list[str] = []
    for value in values:
        for code in re.split(r"[\s,;]+", value.strip()):
            if code and code not in codes:
                codes.append(code)
    return codes


# --- adding, removing, importing, exporting ---------------------------------------------------


def find_existing(draw: Draw, catalog: Catalog) -> Draw | None:
    """The round already in the record on the same day, for the same stream, with the same label."""
    for known in catalog.draws:
        if (known.date, known.stream, known.round) == (draw.date, draw.stream, draw.round):
            return known
    return None


def _where(draw: Draw) -> str:
    return "the bundled record" if not draw.is_added else draw.origin


def add_round(
    new: NewRound, catalog: Catalog, today: dt.date, *, user_draws_dir: Path | None = None
) -> Draw:
    """Check `new`, refuse a round already in the record, then store it; returns it as stored.

    Nothing is written when anything is wrong (ProblemsError).
    """
    draw = build_round(new, catalog, today)
    existing = find_existing(draw, catalog)
    if existing is not None:
        raise ProblemsError(
            [
                Problem(
                    ADD,
                    f"this round is already in the record: {existing.id}, in {_where(existing)}. "
                    + _duplicate_advice(existing),
                    key="--label",
                )
            ]
        )
    return _append([draw], user_draws_dir)[0]


def _duplicate_advice(existing: Draw) -> str:
    if existing.is_added:
        return f"To change it, remove it first: `oinp draws remove {existing.id}`."
    return "Use a different --label if this was another round on the same day."


def import_rounds(
    path: Path, catalog: Catalog, today: dt.date, *, user_draws_dir: Path | None = None
) -> list[Draw]:
    """Add every round of a draws CSV (the columns of data/draws.csv), or none of them.

    Each row is checked like a bundled row and like a round typed in; rows already in the
    record are refused. Every problem is listed with its line; then nothing is written.
    """
    draws = load_draw_file(path, origin=str(path), known_streams=set(catalog.streams))
    lines = _row_lines(path)
    problems: list[Problem] = []
    seen: dict[tuple[dt.date, str, str], int] = {}
    for draw, line in zip(draws, lines, strict=True):
        for p in new_round_problems(draw, catalog, today):
            quoted = f' ("{p.value}")' if p.value is not None else ""
            problems.append(
                Problem(
                    path,
                    f"{p.message}{quoted} (draw {draw.id}).{p.hint}",
                    key=p.column,
                    line=line,
                )
            )
        derived = round_id(draw.date, draw.stream, draw.round)
        if draw.id != derived:
            problems.append(
                Problem(
                    path,
                    f'an id is the date, stream and round joined by "-": write "{derived}" '
                    f'(you wrote "{draw.id}").',
                    key="id",
                    line=line,
                )
            )
        key = (draw.date, draw.stream, draw.round)
        existing = find_existing(draw, catalog)
        if existing is not None or key in seen:
            where = (
                f"{existing.id}, in {_where(existing)}"
                if existing is not None
                else f"line {seen[key]} of this file"
            )
            problems.append(
                Problem(
                    path,
                    f"this round is already in the record: {where}.",
                    key="round",
                    line=line,
                )
            )
        seen.setdefault(key, line)
    if problems:
        raise ProblemsError(problems)
    stamped = [d if d.added else d.model_copy(update={"added": today}) for d in draws]
    return _append(stamped, user_draws_dir)


def remove_round(draw_id: str, catalog: Catalog) -> Draw:
    """Take a round the user added out of the user file that holds it; returns the round.

    A bundled round cannot be removed. The file's other lines stay byte for byte; the
    previous file is kept as `NAME.bak`.
    """
    by_id = {d.id: d for d in catalog.draws}
    draw = by_id.get(draw_id)
    where = Path("draws remove")
    if draw is None:
        raise ProblemsError(
            [
                Problem(
                    where,
                    f'no round has the id "{draw_id}".{did_you_mean(draw_id, by_id)} '
                    "List the rounds you added with `oinp draws list`.",
                    key="ID",
                )
            ]
        )
    if not draw.is_added:
        raise ProblemsError(
            [
                Problem(
                    where,
                    f"{draw_id} is in the bundled record, which only a new version of the "
                    "assistant changes; only rounds you added can be removed.",
                    key="ID",
                )
            ]
        )
    path = Path(draw.origin)
    raw = _read(path)
    # Bytes, not read_text: its newline translation would rewrite every CRLF of the file.
    bom = "\ufeff" if raw.startswith(codecs.BOM_UTF8) else ""
    text = raw.decode("utf-8-sig")
    lines = list(io.StringIO(text, newline=""))
    spans = _row_spans(text)
    ids = [row.get("id", "").strip() for row, _, _ in spans]
    if draw_id not in ids:
        raise ProblemsError(
            [Problem(path, f"{draw_id} is no longer in this file; nothing was removed.")]
        )
    _, start, end = spans[ids.index(draw_id)]
    _write(path, bom + "".join(lines[: start - 1] + lines[end:]))
    return draw


def export_rounds(catalog: Catalog, dest: Path, *, everything: bool = False) -> list[Draw]:
    """Write the rounds the user added (all rounds with `everything`) to a draws CSV.

    The file has the columns of data/draws.csv plus `added`; `import_rounds` reads it back.
    """
    chosen = (
        sorted(catalog.draws, key=lambda d: (d.date, d.id)) if everything else user_rounds(catalog)
    )
    _write(dest, render_csv(chosen))
    return chosen


def render_csv(draws: Iterable[Draw]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=STORED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for draw in draws:
        writer.writerow(draw_to_row(draw))
    return out.getvalue()


def draw_to_row(draw: Draw) -> dict[str, str]:
    """The CSV row `load_draw_file` reads back as the same round."""

    def cell(value: object) -> str:
        return "" if value is None else str(value)

    def listed(values: tuple[str, ...] | None) -> str:
        return "unknown" if values is None else ";".join(values)

    return {
        "id": draw.id,
        "date": draw.date.isoformat(),
        "stream": draw.stream,
        "round": draw.round,
        "invitations": cell(draw.invitations),
        "min_score": cell(draw.min_score),
        "window_start": cell(draw.window_start),
        "window_end": cell(draw.window_end),
        "noc_codes": listed(draw.noc_codes),
        "region": cell(draw.region),
        "communities": listed(draw.communities),
        "residence_required": draw.residence_required,
        "confidence": draw.confidence,
        "notes": draw.notes,
        "sources": " | ".join(draw.sources),
        "added": cell(draw.added),
    }


def _append(draws: list[Draw], user_draws_dir: Path | None) -> list[Draw]:
    """Rewrite added.csv with its rounds and `draws` after them, in one atomic write."""
    path = added_file(user_draws_dir)
    rows: list[dict[str, str]] = []
    if path.exists():
        text = _read(path).decode("utf-8-sig")
        rows = [{c: row.get(c) or "" for c in STORED_COLUMNS} for row, _, _ in _row_spans(text)]
    rows.extend(draw_to_row(d) for d in draws)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=STORED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    _write(path, out.getvalue())
    return [d.model_copy(update={"origin": str(path)}) for d in draws]


def _row_spans(text: str) -> list[tuple[dict[str, str], int, int]]:
    """Each data row with its first and last line (1-based; a quoted cell may span lines)."""
    reader = csv.DictReader(io.StringIO(text, newline=""))
    spans: list[tuple[dict[str, str], int, int]] = []
    previous_end = 1  # the header
    for row in reader:
        spans.append((row, previous_end + 1, reader.line_num))
        previous_end = reader.line_num
    return spans


def _row_lines(path: Path) -> list[int]:
    return [end for _, _, end in _row_spans(_read(path).decode("utf-8-sig"))]


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ProblemsError([Problem(path, f"cannot read this file: {exc.strerror}.")]) from exc


def _write(path: Path, text: str) -> None:
    try:
        write_atomic(path, text)
    except OSError as exc:
        raise ProblemsError(
            [Problem(path, f"cannot write this file: {exc.strerror}; nothing was changed.")]
        ) from exc
