"""Problems found in a file the user or the data owns, reported all at once and in TOML words."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    # Lines as TOML counts them, by \n alone: str.splitlines also breaks at \x85, \u2028,
    # \x0c..., which a comment or a text may hold, and would number every later line wrong.
    for number, raw in enumerate(text.split("\n"), start=1):
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


def _union_tags(errors: Sequence[Any]) -> set[tuple[int | str, ...]]:
    """The locations whose last part is a union member pydantic named, not a key.

    A value no member of `int | float` takes gets one error per member, at
    ("best_annual_earnings", "int") and ("best_annual_earnings", "float"): a member's name is
    told by a sibling naming another member. A key the user wrote with such a name ("date"
    at the top level, `int = 3` in a table) has none, and an unknown key is always a key.
    """
    members: dict[tuple[int | str, ...], set[str]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        inner = loc[:-1] if err["type"] == "extra_forbidden" else loc
        for n, part in enumerate(inner):
            if isinstance(part, str) and part in _UNION_TAGS:
                members.setdefault(loc[:n], set()).add(part)
    return {(*where, part) for where, names in members.items() if len(names) > 1 for part in names}


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
    errors = error.errors(include_url=False)
    tags = _union_tags(errors)
    for err in errors:
        loc = tuple(prefix) + tuple(
            part for n, part in enumerate(err["loc"]) if err["loc"][: n + 1] not in tags
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
    """What is wrong with a value of a TOML file, in the app's words, from pydantic's error code
    and context: "write a whole number without quotes, e.g. eoi_score = 57 (you wrote "57")."
    """
    message, hint = _explain(kind, ctx, value, key, cell=False)
    return f"{message}.{hint}"


@dataclass(frozen=True)
class CellWords:
    """What is wrong with one CSV cell, in the app's words: "what is wrong; what to write"."""

    wrong: str
    """What was written and why it cannot be used: '"-5" is less than 0'."""
    fix: str
    """What to write instead ("" when `wrong` says it): "write a number 0 or more"."""
    hint: str = ""
    """A did-you-mean (' Did you mean "no"?'), or ""."""

    @property
    def message(self) -> str:
        """Both, without a final period (the caller says where the cell is)."""
        return f"{self.wrong}; {self.fix}" if self.fix else self.wrong


def explain_cell(kind: str, ctx: dict[str, object], cell: str | None, column: str) -> CellWords:
    """What is wrong with one cell of a CSV row (a draws file), from pydantic's error code.

    The same mapping as a TOML value's (`explain`: one fact, one place), worded for a cell:
    what was written, what is allowed, what to write. `cell` is the text as written in the
    file, "" or None when empty.
    """
    message, hint = _explain(kind, ctx, cell.strip() if cell else "", column, cell=True)
    # every cell message is "what is wrong; what to write": a caller that says what to write
    # in its own terms (a --flag's help) keeps only the first half
    wrong, _, fix = message.partition("; ")
    return CellWords(wrong, fix, hint)


def _explain(
    kind: str, ctx: dict[str, object], value: object, key: str, *, cell: bool
) -> tuple[str, str]:
    """(message without its final period, did-you-mean hint) for pydantic's error `kind`.

    Keyed on pydantic's error codes and context, never on its English. In a TOML file a value
    has a type ("57" is text, 57 a number): the words say "without quotes" and give `key = ...`
    examples. In a CSV cell everything is text: the words quote what the cell holds.
    """
    name = key.rsplit(".", 1)[-1] if key else "value"
    if cell:
        said = f'"{value}"' if isinstance(value, str) and len(value) < 60 else "this"
        if value == "":
            return "this column must not be empty", ""
    wrote = "" if cell else _wrote(value)
    if kind == "value_error":  # our own validators' messages, written for the user
        text = str(ctx.get("error", "this value cannot be used")).rstrip(".")
        return text + wrote, ""
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(value, allowed) if isinstance(value, str) else ""
        listed = ", ".join(f'"{a}"' for a in allowed)
        if cell:
            return f"{said} is not one of the values allowed here; write one of {listed}", hint
        return f"write one of {listed}{wrote}", hint
    if kind in ("int_type", "int_parsing", "int_from_float"):
        if cell:
            return f"{said} is not a whole number; write digits only, e.g. 57", ""
        return f"write a whole number without quotes, e.g. {name} = 57{wrote}", ""
    if kind in ("float_type", "float_parsing"):
        if cell:
            return f"{said} is not a number; write digits, with a . for decimals, e.g. 25.5", ""
        return f"write a number without quotes, e.g. {name} = 25.5{wrote}", ""
    if kind in ("bool_type", "bool_parsing"):
        if cell:
            return f"{said} is not true or false; write true or false", ""
        return f"write true or false, without quotes{wrote}", ""
    if kind in ("string_type", "str_type"):
        if cell:
            return f"{said} is not text; write text", ""
        return f'write text in double quotes, e.g. {name} = "..."{wrote}', ""
    if kind.startswith(("date_", "datetime_")):
        if cell:
            day = str(value).strip()
            mistake = date_mistake(day, quoted=True)
            if mistake and mistake.startswith("write"):
                return f"{said} is not YYYY-MM-DD; {mistake}", ""
            if mistake:
                return f"{mistake}; write YYYY-MM-DD", ""
            return f"{said} is not a date; write it as YYYY-MM-DD, e.g. 2026-03-05", ""
        return f"write a date as YYYY-MM-DD, without quotes or a time{wrote}", ""
    if kind in ("model_type", "dict_type", "model_attributes_type") and not cell:
        table = key or "this key"
        return (
            f"{table} must be a table: write [{table}] on a line of its own, with its keys "
            f"(one per line) below it{wrote}"
        ), ""
    if kind in ("list_type", "tuple_type"):
        if cell:
            return f"{said} is not a list; separate the items with ;", ""
        return f'write a list in square brackets, e.g. {name} = ["a", "b"]{wrote}', ""
    bounds = {
        "greater_than_equal": ("ge", "{} or more", "less than {}"),
        "greater_than": ("gt", "more than {}", "not more than {}"),
        "less_than_equal": ("le", "{} or less", "more than {}"),
        "less_than": ("lt", "less than {}", "not less than {}"),
    }
    if kind in bounds:
        field, words, outside = bounds[kind]
        allowed_range = words.format(ctx.get(field))
        if cell:
            return f"{said} is {outside.format(ctx.get(field))}; write a number {allowed_range}", ""
        return f"write a number {allowed_range}{wrote}", ""
    if kind in ("string_too_short", "too_short"):
        return (
            f"{said} cannot be used: this column must not be empty"
            if cell
            else "this cannot be empty" + wrote
        ), ""
    if kind in ("string_too_long", "too_long"):
        return (f"{said} is too long" if cell else "this is too long" + wrote), ""
    if kind == "string_pattern_mismatch":
        if cell:
            return f"{said} does not have the expected form", ""
        return f"this does not have the expected form{wrote}; see the comment above it", ""
    if cell:
        return f"{said} cannot be used in this column", ""
    return f"this value cannot be used here{wrote}", ""


def csv_reason(exc: Exception) -> str:
    """Why the csv module could not read a file, in the app's words (never its own sentence)."""
    limit = re.search(r"field larger than field limit \((\d+)\)", str(exc))
    if limit:
        return (
            f"a cell runs on for more than {int(limit.group(1)):,} characters: a double quote "
            '(") is probably left open; close it where its cell ends'
        )
    return 'this is not a CSV file as the app reads it; save it as "CSV UTF-8" (comma-separated)'


# --- Dates as people mistype them --------------------------------------------------------------

# Not strftime("%B"): that follows the locale, and the app speaks English everywhere.
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_DATE_LIKE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def date_mistake(text: str, *, quoted: bool = False) -> str | None:
    """Why `text`, written as year-month-day, is not a usable date; None when it is one.

    "2026-13-01 is not a real date: there is no month 13" rather than a parser's "expected
    newline": the one fact both a profile's TOML and a draws CSV need.
    """
    found = _DATE_LIKE.fullmatch(text.strip())
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    written = f'"{text.strip()}"' if quoted else text.strip()
    if year < 1:
        return f"{written} is not a real date: there is no year 0"
    if not 1 <= month <= 12:
        try:  # 2026-13-01 for 13 January: the day and month swapped
            guess = f" (the order is year-month-day: {dt.date(year, day, month)}?)"
        except ValueError:
            guess = ""
        return f"{written} is not a real date: there is no month {month}{guess}"
    from oinp_assistant.clock import days_in_month  # only for a mistyped date

    days = days_in_month(year, month)
    if not 1 <= day <= days:
        return f"{written} is not a real date: {_MONTHS[month - 1]} {year} has {days} days"
    if len(found.group(2)) != 2 or len(found.group(3)) != 2:
        return f"write the month and the day with two digits each: {year}-{month:02}-{day:02}"
    return None


# --- TOML syntax errors in the app's words -----------------------------------------------------


@dataclass(frozen=True)
class TomlSyntax:
    """A TOML syntax error located and explained: `line` to report, `last` the statement's end.

    `line`..`last` is the statement the error is in (a list may span lines): blanking those lines
    lets the rest of the file be read on.
    """

    line: int
    last: int
    message: str


_WHERE = re.compile(
    r"^(?P<reason>.*) \(at (?:line (?P<line>\d+), column (?P<col>\d+)|end of document)\)$", re.S
)
_NAMES = re.compile(r"\('((?:[^'\\]|\\.)*)'")
_SENTENCE_HINT = (
    "Check the quotes around text, that dates are written YYYY-MM-DD without quotes, and that "
    "each key = value is on a line of its own."
)


def toml_syntax(exc: ValueError, text: str) -> TomlSyntax:
    """tomllib's error for `text` located and told in the app's words; never tomllib's sentence.

    Keyed on tomllib's reasons (Python 3.11-3.13 `tomllib/_parser.py`); a reason it adds later
    still gets a line and a general message of our own.
    """
    lines = text.split("\n")
    found = _WHERE.match(str(exc))
    reason = found.group("reason") if found else ""
    if found and found.group("line"):
        line, col = int(found.group("line")), int(found.group("col"))
        at_end = False
    else:  # at the end of the document: the last line with something on it
        line = max((n for n, raw in enumerate(lines, start=1) if raw.strip()), default=1)
        col = len(lines[line - 1]) + 1 if line <= len(lines) else 1
        at_end = True
    raw = lines[line - 1] if line <= len(lines) else ""
    token = _token_at(raw, col) if not at_end else ""
    value = _value_of(raw)

    def here(message: str) -> TomlSyntax:
        return TomlSyntax(line, line, message)

    def statement(message: str, start: int | None = None, last: int | None = None) -> TomlSyntax:
        first = start or _statement_start(lines, line)
        end = max(first, last or line)
        return TomlSyntax(first, end, message.replace("{start}", str(first)))

    multiline = '"""' in _statement_text(lines, line)
    if reason == "Illegal character '\\n'" or (reason == "Unterminated string" and not multiline):
        return here(
            'the text in double quotes is not closed on this line: add the closing " at the end '
            f"of the text{_wrote_line(raw)}."
        )
    if reason in ("Unterminated string", "Expected \"'''\""):
        quotes = '"""' if reason == "Unterminated string" else "'''"
        return statement(
            f"the text that starts with {quotes} on line {{start}} is never closed: end it with "
            f"{quotes}."
        )
    if reason in ('Expected "\'"', "Found invalid character '\\n'"):
        return here(
            "the text in single quotes is not closed on this line: add the closing ' at the end "
            f"of the text{_wrote_line(raw)}."
        )
    if reason.startswith(("Illegal character", "Found invalid character")):
        char = raw[col - 1] if 0 < col <= len(raw) else "?"
        return here(
            f"this line holds an invisible control character (U+{ord(char):04X}); delete it, "
            "or retype the line."
        )
    if reason == "Expected newline or end of document after a statement":
        return here(_after_value(value, raw, col))
    if reason == "Invalid date or datetime":
        said = date_mistake(token.split("T")[0]) or f"{token} is not a real date and time"
        return here(_date_fix(said))
    if reason == "Invalid value":
        if at_end or not token:
            if "[" in value or (at_end and _statement_start(lines, line) != line):
                return statement(_UNCLOSED_LIST)
            return here(
                'there is no value after =: write one (a number, "text" in double quotes, '
                "true or false, or a date YYYY-MM-DD), or delete the line."
            )
        rest = raw[col - 1 :].split("#")[0].strip()
        # a bare text outside a list runs to the end of the line: "John Smith", not "John"
        return here(_bad_value(token if "[" in value or "{" in value else rest or token))
    if reason == "Unclosed array":
        # tomllib stops at the next line's first word ("b = 2"): that line is not the mistake
        last = line - 1 if not at_end and _at_line_start(raw, col) and line > 1 else line
        return statement(_UNCLOSED_LIST, _statement_start(lines, last), last)
    if reason == "Unclosed inline table":
        return statement(
            "the { on this line is not closed: a { } table must end with } on the same line, "
            "e.g. english = {speaking = 9, listening = 8}; or write a [table] header instead."
        )
    if reason.startswith("Duplicate inline table key"):
        name = _NAMES.search(reason.replace("key '", "('"))
        key = name.group(1) if name else "a key"
        return here(f'"{key}" is written twice inside {{ }}; keep one of them.')
    if reason == "Cannot overwrite a value" or reason.startswith(
        ("Cannot declare", "Cannot redefine namespace")
    ):
        return here(_written_twice(lines, line, raw))
    if reason.startswith("Cannot mutate immutable namespace"):
        names = _NAMES.findall(reason)
        key = ".".join(names) or "this table"
        first = _line_index(text).get(key)
        where = f" on line {first}" if first else ""
        return here(
            f'"{key}" was written whole as {{ ... }}{where}; put this key inside those braces, '
            f"or write the table as [{key}] with its keys below it."
        )
    if reason == "Expected ']' at the end of a table declaration":
        return here(
            f"this table header is not closed: write it as [name] on a line of its own"
            f"{_wrote_line(raw)}."
        )
    if reason == "Expected ']]' at the end of an array declaration":
        return here(
            "this header is not closed: write it as [[name]] on a line of its own"
            f"{_wrote_line(raw)}."
        )
    if reason == "Expected '=' after a key in a key/value pair":
        key = raw.strip().split("=")[0].strip()
        if " " in key.strip("\"'") and "=" in raw:
            return here(
                f'a key has no spaces (you wrote "{key}"): write {key.replace(" ", "_")} instead.'
            )
        return here(
            f'there is no = after "{raw.strip()[:40]}": write key = value, e.g. eoi_score = 57; '
            "a comment starts with #."
        )
    if reason in ("Invalid initial character for a key part", "Invalid statement"):
        if raw.lstrip().startswith("="):
            return here("there is no key before =: write key = value, e.g. eoi_score = 57.")
        return here(
            "this line is not key = value, a [table] header or a # comment: keys are letters, "
            f"digits, _ and -, joined by dots{_wrote_line(raw)}."
        )
    if reason in (
        "Unescaped '\\' in a string",
        "Invalid hex value",
        "Escaped character is not a Unicode scalar value",
    ):
        return here(
            "a backslash \\ in double quotes starts a code such as \\n: write \\\\ for one "
            "backslash, or put the text in single quotes instead, e.g. 'C:\\Users\\me'."
        )
    return here(f"this line cannot be read{_wrote_line(raw)}. {_SENTENCE_HINT}")


def toml_problem(exc: ValueError, text: str, path: Path) -> Problem:
    """The problem to report for tomllib's error `exc` on `text`, read from `path`."""
    found = toml_syntax(exc, text)
    return Problem(path, found.message, line=found.line, code="toml_syntax")


_UNCLOSED_LIST = (
    "the list that starts with [ on line {start} is not closed: separate its items with commas "
    'and end it with ], e.g. ["21231", "21232"].'
)


def _date_fix(said: str) -> str:
    """A date mistake with what to write, unless it already says it."""
    if said.startswith("write"):
        return said + "."
    return f"{said}; write a date as YYYY-MM-DD (year-month-day), without quotes."


def _wrote_line(raw: str) -> str:
    text = raw.strip()
    return f" (the line reads: {text})" if text and len(text) <= 60 else ""


def _token_at(raw: str, col: int) -> str:
    """The word that starts at 1-based `col` of `raw`: up to a space, comma, bracket or #."""
    rest = raw[col - 1 :] if col > 0 else raw
    found = re.match(r"[^\s,\]}#]*", rest)
    return found.group() if found else ""


def _value_of(raw: str) -> str:
    """What follows the first = of a key line (comment and all), stripped; "" when none."""
    key = _KEY.match(raw)
    return raw[key.end() :].strip() if key else ""


def _at_line_start(raw: str, col: int) -> bool:
    return not raw[: col - 1].strip()


def _statement_text(lines: Sequence[str], line: int) -> str:
    return "\n".join(lines[_statement_start(lines, line) - 1 : line])


def _statement_start(lines: Sequence[str], line: int) -> int:
    """The line where the statement around `line` starts: the last `key =` line at or above it.

    A list may run over several lines; the error tomllib finds at its end belongs to the line
    that opened it. A heuristic: a line of a multi-line text that looks like `key =` stops it.
    """
    for number in range(min(line, len(lines)), 0, -1):
        raw = lines[number - 1]
        if _KEY.match(raw) or _TABLE.match(raw) or _ARRAY_TABLE.match(raw):
            return number
    return max(line, 1)


def _after_value(value: str, raw: str, col: int) -> str:
    """Something follows a value on its line: an impossible date, a 57,000, an unquoted text..."""
    value = value.split(" #")[0].strip()
    date = re.match(r"\d{4}-\d{1,2}-\d{1,2}", value)
    if date:
        said = date_mistake(date.group())
        if said:
            return _date_fix(said)
        return (
            f"{value} is not a date as this file writes it: write YYYY-MM-DD, without quotes or a "
            "time."
        )
    if re.fullmatch(r"\d{1,4}[/.]\d{1,2}[/.]\d{1,4}", value):
        return f"write dates as YYYY-MM-DD (year-month-day, with hyphens), not {value}."
    if re.fullmatch(r"[+-]?\d{1,3}([, ]\d{3})+(\.\d+)?", value):
        plain = re.sub(r"[, ]", "", value)
        return f"write the number without commas or spaces: {plain} (you wrote {value})."
    if re.fullmatch(r"0\d+", value):
        return (
            f"a number cannot start with 0 (you wrote {value}); if this is a code, put it in "
            f'double quotes: "{value}".'
        )
    rest = raw[col - 1 :].strip() if col > 0 else ""
    if value[:1] in ('"', "'"):
        return (
            f"there is more text after the closing quote ({rest[:40]}): put all of the text "
            "inside one pair of quotes; a comment starts with #."
        )
    return (
        f"there is more on this line after the value ({rest[:40]}): write one key = value per "
        "line; text goes in double quotes, and a comment starts with #."
    )


def _bad_value(token: str) -> str:
    """A value TOML cannot read: a bare word, True, yes, $57,000..."""
    if token.lower() in ("true", "false", "yes", "no", "y", "n", "on", "off"):
        return f"write true or false, in lower case and without quotes (you wrote {token})."
    if token[:1].isdigit() or token[:1] in "$+-.":
        return (
            f"{token} is not a number as this file writes them: digits only, with a . for "
            "decimals and no $ or spaces; text goes in double quotes."
        )
    return f'text goes in double quotes: write "{token}", not {token}.'


def _written_twice(lines: Sequence[str], line: int, raw: str) -> str:
    """A key or table written a second time: name it and the line that wrote it first."""
    header = _TABLE.match(raw) or _ARRAY_TABLE.match(raw)
    index = _line_index("\n".join(lines[: line - 1]))
    if header:
        name = header.group(1).replace(" ", "")
        first = index.get(name)
        where = f" (line {first})" if first else " above"
        return (
            f"[{name}] is already written{where}: put all the keys of a table under one header, "
            "and write each header once."
        )
    key = _KEY.match(raw)
    name = ".".join(p.strip("\"'") for p in _PARTS.findall(key.group(1))) if key else "this key"
    table = ""
    for above in reversed(lines[: line - 1]):
        found = _TABLE.match(above) or _ARRAY_TABLE.match(above)
        if found:
            table = found.group(1).replace(" ", "")
            break
    full = f"{table}.{name}" if table else name
    first = index.get(full) or index.get(name)
    where = f" on line {first}" if first else " above"
    return f'"{full}" is already written{where}: keep one of the two lines.'
