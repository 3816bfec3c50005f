"""Writing profiles: a commented template for new files, and edits that keep the user's own.

New files are written with tomli-w (plus comments generated from the model's field
descriptions). Editing an existing file goes through tomlkit, which keeps the user's comments,
key order and blank lines: a save that changes one field changes one line.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
import tomllib
from pathlib import Path
from typing import Any

import tomli_w
from pydantic import BaseModel

from oinp_assistant import reading
from oinp_assistant.atomic import write_atomic
from oinp_assistant.problems import Problem, ProblemsError
from oinp_assistant.profile import Invitation, Permit, Profile

TEMPLATE_EXAMPLES: dict[str, Any] = {
    "noc": "21231",
    "eoi_score": 57,
    "eoi_registered": dt.date(2026, 8, 10),
    "job_region": "gta",
    "job_community": "Lanark",
    "permit.type": "work",
    "permit.expires": dt.date(2027, 1, 31),
    "permit.in_canada": True,
    "invitation.date": dt.date(2026, 9, 1),
    "invitation.stream": "ontario_workforce_priority",
    "invitation.employer_deadline": dt.date(2026, 9, 15),
    "invitation.candidate_deadline": dt.date(2026, 9, 18),
}


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, 94 - len(indent))]


def _value(value: Any) -> str:
    # tomli-w renders one key-value pair exactly as TOML wants it, quotes and dates included.
    return tomli_w.dumps({"v": value}).strip().removeprefix("v = ")


def _fields(model: type[BaseModel], prefix: str, commented: bool) -> list[str]:
    lines: list[str] = []
    for name, info in model.model_fields.items():
        if (prefix, name) in (("", "stream"), ("", "permit"), ("", "invitation")):
            continue
        key = f"{prefix}{name}"
        example = TEMPLATE_EXAMPLES.get(key)
        lines += _comment(info.description or "")
        lines.append(f"{'# ' if commented else ''}{name} = {_value(example)}")
        lines.append("")
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
    lines += _fields(Profile, "", commented=True)
    lines += _comment(Profile.model_fields["permit"].description or "")
    lines += ["# [permit]", *_fields(Permit, "permit.", True)]
    lines += _comment(Profile.model_fields["invitation"].description or "")
    lines += ["# [invitation]", *_fields(Invitation, "invitation.", True)]
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

    placed = _place_new_keys(original, data)
    if placed is not None:
        return placed
    try:
        doc = tomlkit.parse(original)
    except Exception:  # tomlkit's errors share no public base; the file is not TOML now
        # Broken on disk (e.g. mid-edit elsewhere): write the profile afresh; the caller's
        # atomic write keeps the broken text as NAME.bak, so nothing the user wrote is lost.
        return tomli_w.dumps(data)
    _merge(doc, data)
    return tomlkit.dumps(doc)


_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*(#.*)?$")
_COMMENTED_HEADER = re.compile(r"^#\s*\[\s*([A-Za-z0-9_-]+)\s*\]\s*$")
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

    try:
        doc = tomlkit.parse(original)
    except Exception:  # tomlkit's errors have no common base worth naming; the caller retries
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
        elif isinstance(value, dict):
            new_tables.append(key)
        else:
            new_top.append(key)
    # Existing keys first, through tomlkit: changes and removals keep every other line.
    existing = {k: v for k, v in data.items() if k not in new_tables and k not in new_top}
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
        commented = [
            i
            for i, line in enumerate(lines)
            if (m := _COMMENTED_HEADER.match(line)) and m.group(1) == table
        ]
        if not commented:
            lines += ["", *tomli_w.dumps({table: data[table]}).splitlines()]
            continue
        lines[commented[0]] = f"[{table}]"
        for name, value in data[table].items():
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
    """Save atomically, keeping `NAME.bak`, the user's comments and layout, owner-only."""
    # bounded, regular files only: the same rules as loading (a FIFO would hang the save)
    original = reading.read_text(path, reading.PROFILE_LIMIT) if path.exists() else None
    write_atomic(path, render_profile(profile, original))
