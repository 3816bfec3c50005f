"""Writing profiles: a commented template for new files, and edits that keep the user's own.

New files are written with tomli-w (plus comments generated from the model's field
descriptions). Editing an existing file goes through tomlkit, which keeps the user's comments,
key order and blank lines: a save that changes one field changes one line.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
import textwrap
import tomllib
import typing
import uuid
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel

from oinp_assistant import reading
from oinp_assistant.atomic import write_atomic
from oinp_assistant.problems import Problem, ProblemsError, find_line
from oinp_assistant.profile import (
    APP_WRITTEN_FIELDS,
    CALENDAR_KEY_PATTERN,
    Profile,
    parse_profile_text,
)

TEMPLATE_EXAMPLES: dict[str, Any] = {
    "noc": "21231",
    "eoi_score": 57,
    "eoi_registered": dt.date(2026, 8, 10),
    "job_region": "gta",
    "job_community": "Lanark",
    "best_annual_earnings": 72000,
    "permit.type": "work",
    "permit.expires": dt.date(2027, 1, 31),
    "permit.in_canada": True,
    "invitation.date": dt.date(2026, 9, 1),
    "invitation.stream": "ontario_workforce_priority",
    "invitation.employer_deadline": dt.date(2026, 9, 15),
    "invitation.candidate_deadline": dt.date(2026, 9, 18),
    "job_offer.hourly_wage": 41.5,
    "job_offer.full_time": True,
    "job_offer.permanent": True,
    "job_offer.submitted": dt.date(2026, 8, 1),
    "job_offer.at_or_above_median_wage": True,
    "job_offer.position_start": dt.date(2025, 3, 1),
    "experience.ontario_months": 30,
    "experience.noc_months_last_5_years": 26,
    "experience.licensed": False,
    "education.highest": "masters",
    "education.canadian_credentials": 2,
    "education.ontario_graduation": dt.date(2024, 5, 1),
    "language.english.speaking": 9,
    "language.english.listening": 9,
    "language.english.reading": 8,
    "language.english.writing": 7,
    "language.french.speaking": 7,
    "language.french.listening": 7,
    "language.french.reading": 6,
    "language.french.writing": 6,
    "physician.ontario_practice_months": 30,
    "nomination.date": dt.date(2027, 2, 10),
    "nomination.expires": dt.date(2027, 8, 10),
}


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, 94 - len(indent))]


def _value(value: Any) -> str:
    # tomli-w renders one key-value pair exactly as TOML wants it, quotes and dates included.
    return tomli_w.dumps({"v": value}).strip().removeprefix("v = ")


def _table_model(annotation: Any) -> type[BaseModel] | None:
    """The model of a field that is a TOML table (`Permit | None`), else None."""
    for arg in typing.get_args(annotation) or (annotation,):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _fields(model: type[BaseModel], prefix: str) -> list[str]:
    """Commented-out lines for the model's keys, then its tables, each with its description."""
    lines: list[str] = []
    tables: list[tuple[str, str, type[BaseModel]]] = []
    for name, info in model.model_fields.items():
        if (prefix, name) == ("", "stream"):
            continue
        sub = _table_model(info.annotation)
        if sub is not None:
            tables.append((name, info.description or "", sub))
            continue
        if not prefix and name in APP_WRITTEN_FIELDS:
            continue  # the app fills these in; an example value would be copied by everyone
        key = f"{prefix}{name}"
        lines += _comment(info.description or "")
        lines.append(f"# {name} = {_value(TEMPLATE_EXAMPLES[key])}")
        lines.append("")
    for name, description, sub in tables:
        lines += _comment(description)
        has_keys = any(_table_model(i.annotation) is None for i in sub.model_fields.values())
        if has_keys:
            lines.append(f"# [{prefix}{name}]")
        lines += _fields(sub, f"{prefix}{name}.")
    return lines


def profile_template(stream: str = "ontario_workforce_priority") -> str:
    """A profile with every field explained; only `stream` is set, the rest is commented out."""
    lines = [
        "# Your OINP Assistant profile. Edit it in any text editor; `oinp profile validate`",
        "# checks it. Lines starting with # are comments. Dates are written YYYY-MM-DD, without",
        "# quotes. Remove the # in front of a line to fill it in: every field you leave out is",
        '# reported as "unknown" by the checks rather than guessed.',
        "",
    ]
    lines += _comment(Profile.model_fields["stream"].description or "")
    lines += [f"stream = {_value(stream)}", ""]
    lines += _fields(Profile, "")
    return "\n".join(lines).rstrip() + "\n"


def write_new_profile(path: Path, text: str) -> None:
    """Create a profile; never overwrite one (the user's data wins over any template)."""
    if path.is_dir():
        raise ProblemsError(
            [Problem(path, "this is a folder; give a file name, e.g. --profile DIR/profile.toml")]
        )
    if path.is_symlink() and not path.exists():
        # a dangling link would make us create a file wherever it points
        raise ProblemsError(
            [Problem(path, "this is a symbolic link to nothing; remove it or give another path")]
        )
    if path.exists():
        raise ProblemsError(
            [
                Problem(
                    path,
                    "a profile already exists here; it was left untouched. Edit it, or choose "
                    "another path with --profile PATH.",
                )
            ]
        )
    try:
        write_atomic(path, text, keep_backup=False)
    except OSError as exc:
        # a disk-full write carries no file name of its own: say which file it was
        where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(path) else ""
        raise ProblemsError(
            [Problem(path, f"cannot create the profile: {reading.describe(exc)}{where}.")]
        ) from exc


def render_profile(profile: Profile, original: str | None = None) -> str:
    """The TOML for `profile`; when `original` is given, edit it in place, keeping its style.

    Keys the file has are changed where they are (one field, one line). A key the file lacks
    goes where a person would put it: in place of the template's commented-out example line
    (`# job_community = "Lanark"`), else right after the last key of its table, before any
    comments that introduce the next section. A table the file lacks takes the place of the
    template's `# [invitation]` line. Anything this cannot place cleanly is left to tomlkit
    (appended); the result always reads back as `profile`.
    """
    data = profile.model_dump(exclude_none=True)
    if original is None:
        return tomli_w.dumps(data)
    import tomlkit  # only an edit of an existing file needs the style-preserving parser
    from tomlkit.exceptions import TOMLKitError

    placed = _place_new_keys(original, data)
    if placed is not None:
        return placed
    try:
        doc = tomlkit.parse(original)
    except TOMLKitError:  # the base of every tomlkit parse error: the file is not TOML now
        # Broken on disk (e.g. mid-edit elsewhere): write the profile afresh; the caller's
        # atomic write keeps the broken text as NAME.bak, so nothing the user wrote is lost.
        return tomli_w.dumps(data)
    _merge(doc, data)
    return tomlkit.dumps(doc)


# Dotted names too: [language.english] is a table inside the language table.
_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")
_COMMENTED_HEADER = re.compile(r"^#\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*$")
_KEY_VALUE = re.compile(r"^\s*[A-Za-z0-9_\"'-][A-Za-z0-9_.\"' -]*=")


def _section_end(lines: list[str], start: int) -> int:
    """The first line at or after `start` that opens another section (real or commented)."""
    for index in range(start, len(lines)):
        if _HEADER.match(lines[index]) or _COMMENTED_HEADER.match(lines[index]):
            return index
    return len(lines)


def _put(lines: list[str], start: int, dotted: str, name: str, value: Any) -> None:
    """Put `name = value` in the section whose body starts at `start`."""
    line = f"{name} = {_value(value)}"
    end = _section_end(lines, start)
    example = TEMPLATE_EXAMPLES.get(dotted)
    if example is not None:
        template_line = f"# {name} = {_value(example)}"
        for index in range(start, end):
            if lines[index].rstrip() == template_line:
                lines[index] = line
                return
    last = max((i for i in range(start, end) if _KEY_VALUE.match(lines[i])), default=None)
    lines.insert(start if last is None else last + 1, line)


def _place_new_keys(original: str, data: dict[str, Any]) -> str | None:
    """`original` edited to hold `data`, new keys placed by hand; None if that fails."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        doc = tomlkit.parse(original)
    except TOMLKitError:  # not TOML (now): the caller falls back to writing the file afresh
        return None
    lines = original.splitlines()
    new_top: list[str] = []
    new_in_table: list[tuple[str, str]] = []
    new_tables: list[str] = []
    for key, value in data.items():
        if key in doc:
            if isinstance(value, dict):
                has_header = any((m := _HEADER.match(line)) and m.group(1) == key for line in lines)
                if not has_header:
                    return None  # an inline or dotted table: tomlkit places its keys
                new_in_table += [(key, name) for name in value if name not in doc[key]]
        elif isinstance(value, dict) and value and all(isinstance(v, dict) for v in value.values()):
            # A table of tables only (language): each one takes its own commented header's place.
            new_tables += [f"{key}.{sub}" for sub in value]
        elif isinstance(value, dict):
            new_tables.append(key)
        else:
            new_top.append(key)
    # Existing keys first, through tomlkit: changes and removals keep every other line.
    new_roots = {table.split(".")[0] for table in new_tables}
    existing = {k: v for k, v in data.items() if k not in new_roots and k not in new_top}
    for table, name in new_in_table:
        existing[table] = {k: v for k, v in existing[table].items() if k != name}
    _merge(doc, existing)
    lines = tomlkit.dumps(doc).splitlines()
    for key in new_top:
        _put(lines, 0, key, key, data[key])
    for table, name in new_in_table:
        header = next(
            i for i, line in enumerate(lines) if (m := _HEADER.match(line)) and m.group(1) == table
        )
        _put(lines, header + 1, f"{table}.{name}", name, data[table][name])
    for table in new_tables:
        root, _, sub = table.partition(".")
        values = data[root][sub] if sub else data[root]
        commented = [
            i
            for i, line in enumerate(lines)
            if (m := _COMMENTED_HEADER.match(line)) and m.group(1) == table
        ]
        if not commented:
            nested = {root: {sub: values}} if sub else {root: values}
            lines += ["", *tomli_w.dumps(nested).splitlines()]
            continue
        lines[commented[0]] = f"[{table}]"
        for name, value in values.items():
            _put(lines, commented[0] + 1, f"{table}.{name}", name, value)
    text = "\n".join(lines) + "\n"
    try:
        same = tomllib.loads(text) == data
    except tomllib.TOMLDecodeError:
        same = False
    return text if same else None


def _merge(table: Any, data: dict[str, Any]) -> None:
    import tomlkit

    for key in [k for k in table if k not in data]:
        del table[key]
    for key, value in data.items():
        if isinstance(value, dict):
            if key not in table or not isinstance(table[key], dict):
                table[key] = tomlkit.table()
            _merge(table[key], value)
        elif key not in table or table[key] != value:
            table[key] = value


def save_profile(path: Path, profile: Profile) -> None:
    """Save atomically, keeping `NAME.bak`, the user's comments and layout, owner-only.

    A calendar_key the file has survives a save of a profile without one (the form does not
    show it): losing it would duplicate every calendar event at the next export.
    """
    # bounded, regular files only: the same rules as loading (a FIFO would hang the save)
    original = reading.read_text(path, reading.PROFILE_LIMIT) if path.exists() else None
    if profile.calendar_key is None and original is not None:
        kept = _calendar_key_in(original)
        if kept is not None:
            profile = profile.model_copy(update={"calendar_key": kept})
    write_atomic(path, render_profile(profile, original))


def _calendar_key_in(text: str) -> str | None:
    try:
        key = tomllib.loads(text).get("calendar_key")
    except tomllib.TOMLDecodeError:
        return None
    return key if isinstance(key, str) and re.fullmatch(CALENDAR_KEY_PATTERN, key) else None


def ensure_calendar_key(path: Path) -> tuple[str, bool]:
    """The profile file's calendar_key, and whether it was just written (the file had none).

    Reads the file as it is now (not a profile loaded earlier), so a key written meanwhile is
    reused rather than replaced and an edit made elsewhere is not undone; the new key goes in
    as one added line. Raises ProblemsError if the file is not a valid profile now, OSError if
    it cannot be written.
    """
    raw = reading.read_bytes(path, reading.PROFILE_LIMIT)
    bom = raw.startswith(codecs.BOM_UTF8)
    text = raw.decode("utf-8-sig")
    profile = parse_profile_text(text, path)
    if profile.calendar_key is not None:
        return profile.calendar_key, False
    key = uuid.uuid4().hex
    keyed = profile.model_copy(update={"calendar_key": key})
    write_atomic(path, (codecs.BOM_UTF8 if bom else b"") + _with_key_line(text, key, keyed))
    return key, True


def _with_key_line(text: str, key: str, keyed: Profile) -> bytes:
    """`text` with one line added after `stream = ...`, in the file's own line ends.

    Everything else stays byte for byte (a BOM, CRLF, comments); if the file's shape does not
    allow that (no top-level stream line), tomlkit places the key.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    at = find_line(text, ("stream",))
    if at is not None:
        line = f'calendar_key = "{key}"{newline}'
        if not lines[at - 1].endswith(("\n", "\r")):
            lines[at - 1] += newline
        candidate = "".join([*lines[:at], line, *lines[at:]])
        try:
            if parse_profile_text(candidate, Path("profile")) == keyed:
                return candidate.encode("utf-8")
        except ProblemsError:
            pass
    return render_profile(keyed, text).encode("utf-8")
