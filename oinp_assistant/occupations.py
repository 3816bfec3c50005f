"""NOC 2021 unit groups, their index of job titles, and the NOC 2016 → 2021 correspondence."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from oinp_assistant.problems import Problem, ProblemsError

ATTRIBUTION = (
    "Adapted from Statistics Canada, National Occupational Classification 2021 Version 1.0. "
    "This does not constitute an endorsement by Statistics Canada of this product."
)
"""The credit the Statistics Canada Open Licence asks for wherever the NOC data is shown."""


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    teer: int
    broad_category: int


def _read_rows(path: Path, what: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or ())]
            if missing:
                raise ProblemsError(
                    [Problem(path, f"the {what} has no column {', '.join(missing)}.", line=1)]
                )
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ProblemsError([Problem(path, f"cannot read the {what}: {exc}")]) from exc


def _is_code(text: str, digits: int) -> bool:
    return len(text) == digits and text.isascii() and text.isdigit()


def load_unit_groups(path: Path) -> dict[str, Occupation]:
    rows = _read_rows(path, "NOC table", ("code", "title"))
    table: dict[str, Occupation] = {}
    problems: list[Problem] = []
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if not _is_code(code, 5):
            problems.append(Problem(path, f'code "{code}" is not five digits.', "code", line))
            continue
        table[code] = Occupation(code, (row.get("title") or "").strip(), int(code[1]), int(code[0]))
    if problems:
        raise ProblemsError(problems)
    return table


def load_titles(path: Path) -> list[list[str]]:
    """The index of job titles as [code, title] rows, in file order."""
    # csv.reader and one check per row: 28,000 rows, read by every `oinp noc search`.
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ProblemsError([Problem(path, f"cannot read the NOC index of titles: {exc}")]) from exc
    if not rows or rows[0] != ["code", "title"]:
        raise ProblemsError(
            [Problem(path, 'the NOC index of titles must start with "code,title".', line=1)]
        )
    titles = rows[1:]
    if all(len(row) == 2 and _is_code(row[0], 5) and row[1].strip() for row in titles):
        return titles
    raise ProblemsError(
        [
            Problem(path, f'"{",".join(row)}" is not a five-digit code and a title.', None, line)
            for line, row in enumerate(titles, start=2)
            if not (len(row) == 2 and _is_code(row[0], 5) and row[1].strip())
        ]
    )


def load_noc2016(path: Path) -> dict[str, list[str]]:
    """NOC 2016 code → the NOC 2021 codes it became, in Statistics Canada's order."""
    rows = _read_rows(path, "NOC 2016 to 2021 table", ("noc2016", "noc2021"))
    table: dict[str, list[str]] = {}
    problems: list[Problem] = []
    for line, row in enumerate(rows, start=2):
        old, new = (row.get("noc2016") or "").strip(), (row.get("noc2021") or "").strip()
        if not _is_code(old, 4) or not _is_code(new, 5):
            problems.append(
                Problem(path, f'"{old},{new}" is not a four- and a five-digit code.', None, line)
            )
            continue
        table.setdefault(old, []).append(new)
    if problems:
        raise ProblemsError(problems)
    return table
