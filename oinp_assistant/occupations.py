"""NOC 2021 unit groups, and finding one from the job title on an offer."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from oinp_assistant.problems import Problem, ProblemsError

_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Occupation:
    code: str
    title: str
    teer: int
    broad_category: int


@dataclass(frozen=True)
class Match:
    occupation: Occupation
    score: float
    matched: str = field(compare=False)


def load_unit_groups(path: Path) -> dict[str, Occupation]:
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except (OSError, csv.Error) as exc:
        raise ProblemsError([Problem(path, f"cannot read the NOC table: {exc}")]) from exc
    table: dict[str, Occupation] = {}
    problems: list[Problem] = []
    for line, row in enumerate(rows, start=2):
        code = (row.get("code") or "").strip()
        if len(code) != 5 or not code.isdigit():
            problems.append(Problem(path, f'code "{code}" is not five digits.', "code", line))
            continue
        table[code] = Occupation(code, row["title"].strip(), int(code[1]), int(code[0]))
    if problems:
        raise ProblemsError(problems)
    return table


def load_example_titles(path: Path) -> dict[str, list[str]]:
    titles: dict[str, list[str]] = {}
    try:
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                titles.setdefault(row["code"], []).append(row["example_title"])
    except (OSError, csv.Error, KeyError) as exc:
        raise ProblemsError([Problem(path, f"cannot read the NOC example titles: {exc}")]) from exc
    return titles


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _text_score(query_words: list[str], query: str, text: str) -> float:
    lowered = text.lower()
    if lowered == query:
        return 100.0
    words = _words(lowered)
    if not words:
        return 0.0
    if all(q in words for q in query_words):
        # "welder" beats "welder-fitter" beats "welding inspector, welder supervisor"
        return 60.0 + 30.0 * len(query_words) / len(words)
    if all(any(w.startswith(q) for w in words) for q in query_words):
        return 30.0 + 10.0 * len(query_words) / len(words)
    return 0.0


def search(
    query: str,
    groups: dict[str, Occupation],
    examples: dict[str, list[str]],
    *,
    limit: int = 10,
) -> list[Match]:
    """Rank unit groups by how well their code, title or example titles fit the query."""
    query = " ".join(query.lower().split())
    if not query:
        return []
    if query.isdigit():
        hits = [
            Match(o, 100.0 if o.code == query else 50.0, o.code)
            for o in groups.values()
            if o.code.startswith(query)
        ]
        return sorted(hits, key=lambda m: (-m.score, m.occupation.code))[:limit]
    query_words = _words(query)
    if not query_words:
        return []  # only punctuation: every title would "contain" no words and match
    matches: list[Match] = []
    for code, occ in groups.items():
        best, where = _text_score(query_words, query, occ.title) + 5.0, occ.title
        if best == 5.0:
            best = 0.0
        for example in examples.get(code, ()):
            score = _text_score(query_words, query, example)
            if score > best:
                best, where = score, example
        if best > 0:
            matches.append(Match(occ, best, where))
    return sorted(matches, key=lambda m: (-m.score, m.occupation.code))[:limit]
