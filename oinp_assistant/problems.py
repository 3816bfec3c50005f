"""Problems found in a file the user or the data owns, reported all at once and in TOML words."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with where it is and what to do."""

    file: Path
    message: str
    key: str | None = None
    line: int | None = None
    code: str | None = field(default=None, compare=False)
    """pydantic's error type when the schema found it, so hints key on codes, not English."""

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f", line {self.line}"
        if self.key:
            where += f", {self.key}"
        return f"{where}: {self.message}"


class OinpError(Exception):
    """Something the user can fix, worded for them: every front end shows `lines()` and goes on.

    The CLI maps this one base to exit code 2 with the lines on stderr; a traceback is never
    what the user sees for it.
    """

    def lines(self) -> list[str]:
        return [str(self)]


class ProblemsError(OinpError):
    """Raised when a file cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        count = len(self.problems)
        return [
            f"{count} problem{'s' if count != 1 else ''} found:",
            *(f"  {problem}" for problem in self.problems),
        ]


class BadInput(OinpError):
    """A usage problem the user can fix (an unknown stream or draw id): one line of advice."""


def dotted(loc: Iterable[int | str]) -> str:
    """Turn a pydantic location into the dotted key a TOML author would write."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\s*(#.*)?$")
_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*([A-Za-z0-9_.\- ]+?)\s*\]\]\s*(#.*)?$")
_PART = r"(?:\"[^\"]*\"|'[^']*'|[A-Za-z0-9_\-]+)"
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")
_PARTS = re.compile(_PART)


@functools.lru_cache(maxsize=4)
def _line_index(text: str) -> dict[str, int]:
    """Dotted key or table -> the first line that writes it, from one pass over `text`.

    One pass, then dictionary look-ups: a file with thousands of unknown keys is reported in
    linear time, not one scan of the file per problem.
    """
    index: dict[str, int] = {}
    table = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        header = _TABLE.match(raw) or _ARRAY_TABLE.match(raw)
        if header:
            table = header.group(1).replace(" ", "")
            index.setdefault(table, number)
            continue
        key = _KEY.match(raw)
        if key:
            parts = [p.strip("\"'") for p in _PARTS.findall(key.group(1))]
            index.setdefault(".".join(([table] if table else []) + parts), number)
    return index


def find_line(text: str, loc: Sequence[int | str]) -> int | None:
    """Best-effort 1-based line of the key at `loc` in TOML `text`.

    Handles top-level keys, keys inside `[table]` sections and `[table]` headers themselves,
    which covers every shape our hand-edited files use. Returns None rather than guessing.
    """
    keys = [p for p in loc if isinstance(p, str)]
    index = _line_index(text)
    while keys:
        found = index.get(".".join(keys))
        if found is not None:
            return found
        # a nested key whose table header was absent (inline table): point at the parent key
        keys = keys[:-1]
    return None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean "gta"?' for the closest choice, "" when none is close.

    The same word in other capitals is always the answer ("GTA" -> "gta"): that is the most
    common slip in a hand-written file.
    """
    import difflib  # only a mistake needs it: keeps ~1 ms off every start-up

    options = list(choices)
    same = [c for c in options if c.casefold() == word.casefold()]
    if same:
        return f' Did you mean "{same[0]}"?'
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if not close:  # "Foreign Worker" for foreign_worker: compare in one case, spaces as _
        folded = {c.casefold(): c for c in options}
        near = difflib.get_close_matches(
            word.casefold().replace(" ", "_").replace("-", "_"), list(folded), n=1, cutoff=0.6
        )
        close = [folded[near[0]]] if near else []
    return f' Did you mean "{close[0]}"?' if close else ""


# Union members show in pydantic's locations ("best_annual_earnings.int"); a TOML author
# never writes them, so they are dropped from the key.
_UNION_TAGS = frozenset({"int", "float", "str", "bool", "date", "datetime", "none"})


def from_validation_error(
    error: ValidationError,
    file: Path,
    text: str | None,
    *,
    allowed_keys: dict[str, list[str]],
    prefix: Sequence[int | str] = (),
) -> list[Problem]:
    """Translate pydantic's errors into problems in the app's own words.

    Keyed on pydantic's error `type` codes and their context, never on its English messages.
    `allowed_keys` maps a dotted table ("" for the top level) to the keys it accepts, for the
    did-you-mean hint on unknown keys.
    """
    problems: list[Problem] = []
    seen: set[str] = set()
    for err in error.errors(include_url=False):
        loc = tuple(prefix) + tuple(
            part for part in err["loc"] if not (isinstance(part, str) and part in _UNION_TAGS)
        )
        key = dotted(loc)
        if key in seen:
            continue  # a value no member of a union took: one problem, not one per member
        seen.add(key)
        line = find_line(text, loc) if text is not None else None
        kind = err["type"]
        if kind == "extra_forbidden":
            name = str(loc[-1])
            parent = dotted([p for p in loc[:-1] if isinstance(p, str)])
            allowed = allowed_keys.get(parent, [])
            hint = did_you_mean(name, allowed)
            msg = f'unknown key "{name}".{hint}'
            if allowed:
                msg += f" Allowed here: {', '.join(allowed)}."
        elif kind == "missing":
            msg = "this key is required; add it."
        else:
            msg = explain(kind, err.get("ctx") or {}, err.get("input"), key)
        problems.append(Problem(file=file, message=msg, key=key, line=line, code=kind))
    return problems


def shown(value: object) -> str | None:
    """A value as TOML writes it, for "you wrote ..."; None when too long to quote."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, dt.date | dt.time):  # also datetime
        text = value.isoformat()
    elif isinstance(value, str):
        text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif isinstance(value, int | float):
        text = str(value)
    else:
        return None  # a table or an array: the key says where it is
    return text if len(text) < 60 else None


def _wrote(value: object) -> str:
    text = shown(value)
    return f" (you wrote {text})" if text is not None else ""


def explain(kind: str, ctx: dict[str, object], value: object, key: str) -> str:
    """What is wrong with a value, in the app's words, from pydantic's error code and context."""
    wrote = _wrote(value)
    name = key.rsplit(".", 1)[-1] if key else "value"
    if kind == "value_error":  # our own validators' messages, written for the user
        return str(ctx.get("error", "this value cannot be used")).rstrip(".") + wrote + "."
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        listed = ", ".join(f'"{a}"' for a in allowed)
        return f"write one of {listed}{wrote}.{hint}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"write a whole number without quotes, e.g. {name} = 57{wrote}."
    if kind in ("float_type", "float_parsing"):
        return f"write a number without quotes, e.g. {name} = 25.5{wrote}."
    if kind in ("bool_type", "bool_parsing"):
        return f"write true or false, without quotes{wrote}."
    if kind in ("string_type", "str_type"):
        return f'write text in double quotes, e.g. {name} = "..."{wrote}.'
    if kind.startswith(("date_", "datetime_")):
        return f"write a date as YYYY-MM-DD, without quotes or a time{wrote}."
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        table = key or "this key"
        return (
            f"{table} must be a table: write [{table}] on a line of its own, with its keys "
            f"(one per line) below it{wrote}."
        )
    if kind in ("list_type", "tuple_type"):
        return f'write a list in square brackets, e.g. {name} = ["a", "b"]{wrote}.'
    bounds = {
        "greater_than_equal": ("ge", "{} or more"),
        "greater_than": ("gt", "more than {}"),
        "less_than_equal": ("le", "{} or less"),
        "less_than": ("lt", "less than {}"),
    }
    if kind in bounds:
        field, words = bounds[kind]
        return f"write a number {words.format(ctx.get(field))}{wrote}."
    if kind in ("string_too_short", "too_short"):
        return f"this cannot be empty{wrote}."
    if kind in ("string_too_long", "too_long"):
        return f"this is too long{wrote}."
    if kind == "string_pattern_mismatch":
        return f"this does not have the expected form{wrote}; see the comment above it."
    return f"this value cannot be used here{wrote}."
