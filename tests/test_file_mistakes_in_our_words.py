"""A mistake in a file the user writes is told in the app's words: the line, what is wrong in
plain terms, and what to write. Never tomllib's sentence ("Expected newline or end of document
after a statement") nor pydantic's ("Input should be a valid integer").

Profiles are TOML; the user's draws files are CSV. Both go through one mapping in problems.py.
"""

from __future__ import annotations

import ast
import csv
import importlib
import inspect
import io
import re
import tomllib
from pathlib import Path
from typing import get_args

import pytest
from pydantic_core.core_schema import ErrorType
from test_data import _row  # the one valid added row the draws tests start from

from oinp_assistant.catalog import Catalog, load_catalog
from oinp_assistant.draws import COLUMNS
from oinp_assistant.problems import (
    Problem,
    ProblemsError,
    date_mistake,
    explain,
    explain_cell,
    toml_syntax,
)
from oinp_assistant.profile import ALLOWED_KEYS, load_checked_profile
from oinp_assistant.streams import load_streams

FW = 'stream = "foreign_worker"\n'

# What tomllib says, as its source raises it: none of it may reach the user.
_PARSER = importlib.import_module("tomllib._parser")  # private, and so not in typeshed
_RAISED = re.compile(
    r"suffixed_err\(\s*src,\s*\w+,\s*f?(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')", re.S
)
TOMLLIB_REASONS = sorted(
    {ast.literal_eval(lit) for lit in _RAISED.findall(inspect.getsource(_PARSER))}
)
PYDANTIC_WORDS = (
    "Input should",
    "should be",
    "Value error",
    "Field required",
    "[type=",
    "pydantic",
)


def _static(reason: str) -> str:
    """A reason's words before its first {placeholder}: what would show if it leaked."""
    return reason.split("{")[0].strip()


def assert_our_words(message: str) -> None:
    for reason in TOMLLIB_REASONS:
        assert _static(reason) not in message, (reason, message)
    for words in PYDANTIC_WORDS:
        assert words not in message, (words, message)


def problems_of(tmp_path: Path, catalog: Catalog, text: str) -> list[Problem]:
    """Every problem of a profile reading `text`, each checked to be in the app's words."""
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_checked_profile(path, catalog)
    except ProblemsError as exc:
        for problem in exc.problems:
            assert_our_words(problem.message)
        return exc.problems
    return []


# --- TOML syntax: the line, what is wrong, what to write ---------------------------------------

SYNTAX = [
    (
        "an impossible date names the line and says it is not a real date",
        FW + "eoi_registered = 2026-13-01\n",
        2,
        ["2026-13-01 is not a real date: there is no month 13", "2026-01-13?", "YYYY-MM-DD"],
    ),
    (
        "a day the month does not have",
        FW + "eoi_registered = 2026-02-30\n",
        2,
        ["2026-02-30 is not a real date: February 2026 has 28 days", "YYYY-MM-DD"],
    ),
    (
        "a date with one-digit month and day",
        FW + "eoi_registered = 2026-1-5\n",
        2,
        ["two digits each: 2026-01-05"],
    ),
    ("a date with slashes", FW + "eoi_registered = 2026/01/05\n", 2, ["YYYY-MM-DD", "2026/01/05"]),
    (
        "an unclosed double quote",
        'stream = "foreign_worker\n',
        1,
        ['the text in double quotes is not closed on this line: add the closing "'],
    ),
    (
        "an unclosed double quote on the last line, without a line end",
        FW + 'noc = "21231',
        2,
        ["double quotes is not closed", 'noc = "21231'],
    ),
    ("an unclosed single quote", FW + "noc = '21231\n", 2, ["single quotes is not closed"]),
    (
        "an unclosed list at the end of the file names its line",
        FW + "a = [1,",
        2,
        ["the list that starts with [ on line 2 is not closed", "end it with ]"],
    ),
    (
        "an unclosed list before another key names the list's line, not the key's",
        FW + 'x = ["21231"\neoi_score = 57\n',
        2,
        ["the list that starts with [ on line 2 is not closed"],
    ),
    (
        "an unclosed list over several lines names its first line",
        FW + 'x = [\n  "21231",\n  "21232"\n',
        2,
        ["the list that starts with [ on line 2"],
    ),
    (
        "an unclosed inline table",
        FW + "[language]\nenglish = {speaking = 9\n",
        3,
        ["the { on this line is not closed", "same line"],
    ),
    ("a missing value after =", FW + "eoi_score =\n", 2, ["there is no value after =", "delete"]),
    ("text without quotes", "stream = foreign_worker\n", 1, ['write "foreign_worker"']),
    ("text of two words without quotes", FW + "x = John Smith\n", 2, ['write "John Smith"']),
    ("True in capitals", FW + "x = True\n", 2, ["write true or false, in lower case"]),
    ("a number with a thousands comma", FW + "x = 57,000\n", 2, ["without commas", "57000"]),
    ("a number starting with 0", FW + "x = 0123\n", 2, ["cannot start with 0", '"0123"']),
    (
        "text after a value",
        FW + "eoi_score = 57 points\n",
        2,
        ["more on this line after the value (points)", "a comment starts with #"],
    ),
    ("text after a closing quote", FW + 'x = "a" "b"\n', 2, ["more text after the closing quote"]),
    (
        "a key written twice",
        FW + "eoi_score = 57\neoi_score = 60\n",
        3,
        ['"eoi_score" is already written on line 2', "keep one"],
    ),
    (
        "a key written twice in a table",
        FW + '[permit]\ntype = "work"\ntype = "study"\n',
        4,
        ['"permit.type" is already written on line 3'],
    ),
    (
        "a table written twice",
        FW + '[permit]\ntype = "work"\n[permit]\n',
        4,
        ["[permit] is already written (line 2)", "one header"],
    ),
    ("a key twice inside { }", FW + "x = {a = 1, a = 2}\n", 2, ['"a" is written twice inside { }']),
    ("an unclosed table header", FW + "[permit\n", 2, ["this table header is not closed"]),
    ("a key with a space", FW + "eoi score = 57\n", 2, ["a key has no spaces", "eoi_score"]),
    ("a key without =", FW + "eoi_score 57\n", 2, ['there is no = after "eoi_score 57"']),
    ("no key before =", FW + "= 57\n", 2, ["there is no key before ="]),
    ("a backslash in text", FW + 'x = "C:\\data"\n', 2, ["write \\\\ for one backslash"]),
    (
        "an invisible control character",
        FW + 'x = "a\x01b"\n',
        2,
        ["invisible control character (U+0001)"],
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "words"), [case[1:] for case in SYNTAX], ids=[case[0] for case in SYNTAX]
)
def test_a_toml_mistake_names_its_line_says_what_is_wrong_and_what_to_write(
    tmp_path: Path, catalog: Catalog, text: str, line: int, words: list[str]
) -> None:
    problems = [p for p in problems_of(tmp_path, catalog, text) if p.code == "toml_syntax"]
    assert problems, "the syntax error is reported"
    problem = problems[0]
    assert problem.line == line, problem
    for word in words:
        assert word in problem.message, problem.message
    assert f"line {line}:" in str(problem)


def test_after_an_unclosed_list_over_several_lines_the_rest_of_the_file_is_still_checked(
    tmp_path: Path, catalog: Catalog
) -> None:
    # The list's own lines ("21231",) are not reported as keys: the whole statement is set aside.
    text = FW + 'x = [\n  "21231",\n  "21232"\neoi_score = 500\n'
    problems = problems_of(tmp_path, catalog, text)
    assert [(p.line, p.key) for p in problems] == [(2, None), (5, "eoi_score")]


SUBSTITUTES = {
    "{expect!r}": '"\'"',
    "{src[pos]!r}": "'\\n'",
    "{key}": "('a',)",
    "{cont_key}": "('a',)",
    "{abs_key_parent}": "('a',)",
    "{key_stem!r}": "'a'",
    "{char!r}": "'\\x01'",
}


@pytest.mark.parametrize("reason", TOMLLIB_REASONS)
def test_every_reason_tomllib_gives_has_words_of_our_own(reason: str) -> None:
    # If a Python release adds a reason, this lists it; until then it gets the general words.
    for placeholder, example in SUBSTITUTES.items():
        reason = reason.replace(placeholder, example)
    assert "{" not in reason, f"a new placeholder in tomllib's reason: {reason}"
    text = 'a = 1\nb = "x"\n'
    found = toml_syntax(ValueError(f"{reason} (at line 2, column 5)"), text)
    assert found.line == 2
    assert not found.message.startswith("this line cannot be read"), reason
    assert_our_words(found.message)


def test_a_reason_we_do_not_know_still_gets_its_line_and_our_words() -> None:
    text = 'a = 1\nb = "x"\nc = 3\n'
    found = toml_syntax(ValueError("Some new complaint (at line 3, column 2)"), text)
    assert found.line == 3
    assert found.message.startswith("this line cannot be read (the line reads: c = 3).")
    assert "Some new complaint" not in found.message


def test_at_the_end_of_the_document_the_last_written_line_is_named() -> None:
    text = 'a = 1\nb = "x\n\n\n'
    with pytest.raises(tomllib.TOMLDecodeError) as info:
        tomllib.loads(text.rstrip("\n"))
    assert "end of document" in str(info.value)
    assert toml_syntax(info.value, text.rstrip("\n")).line == 2


def test_a_broken_data_file_names_the_line_in_our_words(tmp_path: Path) -> None:
    path = tmp_path / "streams.toml"
    path.write_text("[meta]\nchecked = 2026-02-30\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_streams(path)
    [problem] = info.value.problems
    assert (problem.file, problem.line) == (path, 2)
    assert "2026-02-30 is not a real date: February 2026 has 28 days" in problem.message
    assert_our_words(problem.message)


def test_a_wrong_value_in_a_data_file_names_its_line(tmp_path: Path) -> None:
    """Valid TOML, wrong for the file's schema: the problem names its line, as in a profile
    (the schema check of the bundled TOML files threw the text, and so the lines, away)."""
    path = tmp_path / "streams.toml"
    path.write_text(
        '[meta]\nchecked_through = 2026-01-01\n\n[[stream]]\nid = 5\nname = "X"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProblemsError) as info:
        load_streams(path)
    wrong_id = next(p for p in info.value.problems if p.key == "stream[0].id")
    assert (wrong_id.file, wrong_id.line) == (path, 5)


# --- pydantic's errors: every one a profile can raise, in our words ---------------------------

WRONG_VALUES = ['"x"', "5", "-1", "100000000", "2.5", "true", "2026-03-01", '["a", 1]', "{a = 1}"]


def _every_key() -> list[str]:
    keys = []
    for table, names in ALLOWED_KEYS.items():
        for name in names:
            dotted = f"{table}.{name}" if table else name
            if dotted not in ALLOWED_KEYS:  # a table is reached through its own keys
                keys.append(dotted)
    return keys


def _line_for(key: str, value: str) -> str:
    table, _, name = key.rpartition(".")
    return f"[{table}]\n{name} = {value}\n" if table else f"{name} = {value}\n"


@pytest.mark.parametrize("key", _every_key())
def test_no_wrong_value_of_any_profile_key_shows_pydantic_words(
    tmp_path: Path, catalog: Catalog, key: str
) -> None:
    # stream first: the other keys' checks depend on it; it is itself checked with the rest
    head = "" if key == "stream" else FW
    refused = [v for v in WRONG_VALUES if problems_of(tmp_path, catalog, head + _line_for(key, v))]
    assert refused, "every key refuses some of these values: each refusal was checked"


# --- the user's draws CSV: every cell says what was written and what to write -----------------


def _cell_problems(tmp_path: Path, column: str, cell: str) -> list[Problem]:
    folder = tmp_path / "draws"
    folder.mkdir(exist_ok=True)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerow(_row(**{column: cell}))
    (folder / "added.csv").write_text(out.getvalue(), encoding="utf-8")
    try:
        load_catalog(user_draws_dir=folder)
    except ProblemsError as exc:
        return exc.problems
    return []


CELLS = {
    "date": ["2026-02-30", "2026-13-01", "0000-01-01", "15/09/2026", "2026-9-1", "soon", ""],
    "invitations": ["-5", "12a", "1.5", "1,000", "many"],
    "min_score": ["-1", "high", "70.5"],
    "window_start": ["2026-02-31", "August"],
    "window_end": ["2026-04-31", "2026-09-13T10:00"],
    "residence_required": ["yes", "In_Canada"],
    "confidence": ["2", "sure"],
    "noc_codes": ["123", "abcde"],
    "sources": [""],
    "id": [""],
    "round": [""],
}


@pytest.mark.parametrize(
    ("column", "cell"), [(column, cell) for column, cells in CELLS.items() for cell in cells]
)
def test_a_bad_draws_cell_is_told_in_our_words_with_what_was_written(
    tmp_path: Path, column: str, cell: str
) -> None:
    problems = _cell_problems(tmp_path, column, cell)
    assert problems, f"{column}={cell!r} is refused"
    problem = next(p for p in problems if p.key == column)
    assert problem.line == 2 and problem.file.name == "added.csv"
    assert_our_words(problem.message)
    if cell:
        assert f'"{cell}"' in problem.message, "what was written is quoted"
    else:
        assert "this column must not be empty" in problem.message


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        (
            "date",
            "2026-02-30",
            '"2026-02-30" is not a real date: February 2026 has 28 days; write YYYY-MM-DD',
        ),
        ("invitations", "many", '"many" is not a whole number; write digits only, e.g. 57'),
        ("min_score", "-1", '"-1" is less than 0; write a number 0 or more'),
        (
            "residence_required",
            "yes",
            '"yes" is not one of the values allowed here; write one of "in_canada_with_permit", '
            '"in_canada", "no", "unknown"',
        ),
    ],
)
def test_the_four_messages_found_in_use_now_read_as_the_app_speaks(
    tmp_path: Path, column: str, cell: str, message: str
) -> None:
    [problem] = _cell_problems(tmp_path, column, cell)
    assert problem.message == f"{message} (draw 2026-09-15-ontario_workforce_priority-general)."


# --- the one mapping: every pydantic error code, in TOML and in a CSV cell ---------------------


@pytest.mark.parametrize("kind", sorted(get_args(ErrorType)))
def test_every_pydantic_error_code_gets_words_of_our_own(kind: str) -> None:
    ctx: dict[str, object] = {"ge": 0, "gt": 0, "le": 9, "lt": 9, "expected": "'a' or 'b'"}
    assert_our_words(explain(kind, ctx, "x", "section.key"))
    words = explain_cell(kind, ctx, "x", "key")
    assert_our_words(words.message)
    if kind != "value_error":  # our validators' own words, which quote the value themselves
        assert words.wrong.startswith('"x"'), "a cell's message starts with what was written"


def test_date_mistakes_say_why_the_date_is_not_real() -> None:
    assert date_mistake("2026-04-31") == "2026-04-31 is not a real date: April 2026 has 30 days"
    assert date_mistake("2028-02-29") is None  # a leap year
    assert date_mistake("2026-02-29", quoted=True) == (
        '"2026-02-29" is not a real date: February 2026 has 28 days'
    )
    assert date_mistake("not a date") is None


def test_a_quote_left_open_in_a_draws_file_is_named_not_the_csv_modules_words(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "draws"
    folder.mkdir()
    header = ",".join(COLUMNS)
    good = ",".join(_row(notes="fine").values())
    # the notes cell opens a quote that never closes: the cell runs on to the end of the file
    broken = good.replace("fine", '"never closed') + "\n" + "x" * 140_000
    (folder / "added.csv").write_text(f"{header}\n{good}\n{broken}\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_catalog(user_draws_dir=folder)
    [problem] = info.value.problems
    assert problem.line == 3, "the row after the last one read"
    assert 'a double quote (") is probably left open' in problem.message
    assert "field limit" not in problem.message
