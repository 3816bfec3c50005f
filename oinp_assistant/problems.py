"""Problems found in a file the user or the data owns, reported all at once and in TOML words."""

from __future__ import annotations

import datetime as dt
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


def _key_re(name: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(?:\"{re.escape(name)}\"|{re.escape(name)})\s*=")


def find_line(text: str, loc: Sequence[int | str]) -> int | None:
    """Best-effort 1-based line of the key at `loc` in TOML `text`.

    Handles top-level keys, keys inside `[table]` sections and `[table]` headers themselves,
    which covers every shape our hand-edited files use. Returns None rather than guessing.
    """
    keys = [p for p in loc if isinstance(p, str)]
    if not keys:
        return None
    lines = text.splitlines()
    table: str = ""
    for number, raw in enumerate(lines, start=1):
        header = _TABLE.match(raw)
        if header and not raw.lstrip().startswith("[["):
            table = header.group(1).replace(" ", "")
            if table == ".".join(keys):
                return number
            continue
        want_table = ".".join(keys[:-1])
        if table == want_table and _key_re(keys[-1]).match(raw):
            return number
        # inline dotted key at top level, e.g. `permit.type = "work"`
        if not table and _key_re(".".join(keys)).match(raw):
            return number
    # a nested key whose table header was absent (inline table): point at the parent key
    if len(keys) > 1:
        return find_line(text, keys[:-1])
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
    if isinstance(value, dt.date):  # also datetime: shown as TOML writes it, not as Python
        shown: str | None = value.isoformat()
    elif isinstance(value, bool):
        shown = "true" if value else "false"
    else:
        shown = repr(value) if not isinstance(value, dict | list) else None
    if shown and len(shown) < 60:
        return f"{msg} (you wrote {shown})."
    return msg if msg.endswith(".") else msg + "."
