"""Problems found in a file the user or the data owns, reported all at once and in TOML words."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, with where it is and what to do."""

    file: Path
    message: str
    key: str | None = None
    line: int | None = None

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
    import difflib  # only a mistake needs it: keeps ~1 ms off every start-up

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f' Did you mean "{close[0]}"?' if close else ""


def from_validation_error(
    error: ValidationError,
    file: Path,
    text: str | None,
    *,
    allowed_keys: dict[str, list[str]],
    prefix: Sequence[int | str] = (),
) -> list[Problem]:
    """Translate pydantic's errors into TOML-worded problems.

    `allowed_keys` maps a dotted table ("" for the top level) to the keys it accepts, for the
    did-you-mean hint on unknown keys.
    """
    problems: list[Problem] = []
    for err in error.errors(include_url=False):
        loc = tuple(prefix) + tuple(err["loc"])
        key = dotted(loc)
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
            msg = _humanize(err["msg"], err.get("input"))
        problems.append(Problem(file=file, message=msg, key=key, line=line))
    return problems


def _humanize(msg: str, value: object) -> str:
    msg = msg.removeprefix("Value error, ")
    if isinstance(value, dt.date | dt.time):  # also datetime: shown as TOML writes it
        shown: str | None = value.isoformat()
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = repr(value) if not isinstance(value, dict | list) else None
    if shown and len(shown) < 60:
        return f"{msg} (you wrote {shown})."
    return msg if msg.endswith(".") else msg + "."
