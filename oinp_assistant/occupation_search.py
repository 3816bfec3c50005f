"""Finding a NOC 2021 unit group from a job title, an abbreviation, or a NOC 2021 or 2016 code.

The index of titles is Statistics Canada's ("All examples", ~28,000 titles). Matching ignores
case, accents, dots and repeated or non-breaking spaces. A word the index does not know is
compared with its vocabulary by rapidfuzz, so one typo still finds the title. Abbreviations come
from the titles that spell them out: "registered nurse (R.N.)" makes "RN" find 31301.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from oinp_assistant.occupations import Occupation

MatchKind = Literal["code", "noc2016", "unit_group", "title", "abbreviation", "typo"]
"""How a match was found: the group's code, an old NOC 2016 code, the group's own title, a
title of the index, an abbreviation, or a title that matched once a misspelt word was corrected."""


@dataclass(frozen=True)
class Match:
    occupation: Occupation
    score: float
    matched: str = field(compare=False)
    kind: MatchKind = field(default="title", compare=False)


ALIASES: dict[str, tuple[str, ...]] = {
    # Abbreviations no title spells out in parentheses, mapped to the words of the titles they
    # stand for. "PSW": "personal support worker - nursing care" (33102) and "personal support
    # worker - home support" (44101).
    "psw": ("personal support worker",),
}

# Words an abbreviation's letters may skip: "heating, ventilation and air conditioning (HVAC)".
_SKIPPABLE = frozenset({"and", "of", "the", "in", "for", "on", "to", "&"})
_WORD = re.compile(r"[a-z0-9]+")
_ABBREVIATION = re.compile(r"\(([A-Za-z][A-Za-z.]*)\)")
_DROPPED = str.maketrans("", "", ".'’")  # "R.N." is "rn", "men's" is "mens"

# Scores: an exact title beats every word match; a group's own title beats the index's titles
# worded alike; a corrected typo ranks below anything spelt as written.
_EXACT, _WORDS, _PREFIXES = 100.0, 60.0, 30.0
_GROUP_BONUS, _PHRASE_BONUS, _TYPO_PENALTY, _ABBREVIATION_SCORE = 5.0, 5.0, 25.0, 90.0
_TYPO_MIN_LENGTH, _TYPO_CUTOFF, _TYPO_CHOICES = 4, 80.0, 3


def display(title: str) -> str:
    """The title as the user sees it: one plain space between words (the index has NBSPs)."""
    return " ".join(title.split())


def words(text: str) -> list[str]:
    """Lower-case words without accents or dots: "Québec" → quebec, "(R.P.N.)" → rpn."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WORD.findall(plain.translate(_DROPPED))


def code_search(
    query: str,
    groups: Mapping[str, Occupation],
    noc2016: Mapping[str, Sequence[str]],
    *,
    limit: int = 10,
) -> list[Match]:
    """Groups whose code starts with `query`; a NOC 2016 code first brings the groups it became."""
    found: dict[str, Match] = {}
    for new in noc2016.get(query, ()):
        if new in groups:
            found[new] = Match(groups[new], 90.0, f"NOC 2016 {query}", "noc2016")
    for occ in groups.values():
        if occ.code.startswith(query) and occ.code not in found:
            found[occ.code] = Match(occ, 100.0 if occ.code == query else 50.0, occ.title, "code")
    return _ranked(found.values(), limit)


def _ranked(matches: Iterable[Match], limit: int) -> list[Match]:
    return sorted(matches, key=lambda m: (-m.score, m.occupation.code))[:limit]


@dataclass(frozen=True)
class _Entry:
    code: str
    title: str
    folded: str  # its words, space-separated, with a space at each end to find a phrase
    word_count: int
    is_group: bool


def _spelled_out(letters: str, before: list[str]) -> list[str] | None:
    """The words just before "(ABBR)" whose initials are its letters, or None."""
    spelled: list[str] = []
    i = len(letters) - 1
    for word in reversed(before):
        if i < 0:
            break
        if word.startswith(letters[i]):
            spelled.insert(0, word)
            i -= 1
        elif word in _SKIPPABLE and spelled:
            spelled.insert(0, word)
        else:
            return None
    return spelled if i < 0 else None


class TitleIndex:
    """Every title of every unit group, indexed by word; built once, then searched many times."""

    def __init__(self, groups: Mapping[str, Occupation], titles: Iterable[tuple[str, str]]) -> None:
        self.groups = groups
        listed = [(o.code, o.title, True) for o in groups.values()]
        listed += [(code, title, False) for code, title in titles if code in groups]
        self._entries: list[_Entry] = []
        postings: dict[str, set[int]] = {}
        self.abbreviations: dict[str, set[str]] = {k: set(v) for k, v in ALIASES.items()}
        for code, title, is_group in listed:
            found = words(title)
            if not found:
                continue
            entry_id = len(self._entries)
            self._entries.append(
                _Entry(code, display(title), f" {' '.join(found)} ", len(found), is_group)
            )
            for word in found:
                postings.setdefault(word, set()).add(entry_id)
            for abbr in _ABBREVIATION.finditer(title):
                letters = "".join(words(abbr.group(1)))
                phrase = _spelled_out(letters, words(title[: abbr.start()]))
                if len(letters) >= 2 and phrase:
                    self.abbreviations.setdefault(letters, set()).add(" ".join(phrase))
        self._postings = {w: frozenset(ids) for w, ids in postings.items()}
        self._vocabulary = sorted(self._postings)

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, *, limit: int = 10) -> list[Match]:
        """Groups ranked by their best-fitting title; abbreviations name every group they fit."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return []  # only punctuation: every title would "contain" no words and match
        best: dict[str, Match] = {}
        if len(query_words) == 1:
            abbreviation = query_words[0]
            for phrase in sorted(self.abbreviations.get(abbreviation, ())):
                for match in self._word_search(phrase.split(), phrase, phrase_only=True):
                    # the title that writes the abbreviation itself first: "... (HVAC) mechanic"
                    written = 2.0 if abbreviation in words(match.matched) else 0.0
                    score = _ABBREVIATION_SCORE + written + (match.score - _WORDS) / 10
                    _keep(best, Match(match.occupation, score, match.matched, "abbreviation"))
        found = self._word_search(query_words, " ".join(query_words))
        if not found:
            found = self._word_search(query_words, " ".join(query_words), fix_all=True)
        for match in found:
            _keep(best, match)
        return _ranked(best.values(), limit)

    def _word_search(
        self,
        query_words: list[str],
        folded: str,
        *,
        fix_all: bool = False,
        phrase_only: bool = False,
    ) -> list[Match]:
        """Titles with every query word (or a word starting with it), best per group.

        `phrase_only` keeps the titles with the words side by side, in order.
        """
        candidates: frozenset[int] | None = None
        exact: frozenset[int] | None = None
        corrected = False
        for word in query_words:
            hits = self._prefixed(word)
            if not hits or fix_all:
                fixes = self._corrections(word)
                corrected = corrected or bool(fixes)
                fixed = frozenset().union(*(self._postings[f] for f in fixes))
                hits, whole = hits | fixed, self._postings.get(word, frozenset()) | fixed
            else:
                whole = self._postings.get(word, frozenset())
            candidates = hits if candidates is None else candidates & hits
            exact = whole if exact is None else exact & whole
            if not candidates:
                return []
        assert candidates is not None and exact is not None
        best: dict[str, Match] = {}
        count, phrase = len(query_words), f" {folded} "
        for entry_id in candidates:
            entry = self._entries[entry_id]
            side_by_side = phrase in entry.folded
            if phrase_only and not side_by_side:
                continue
            if entry.folded == phrase:
                score = _EXACT
            elif entry_id in exact:
                # "welder" beats "welder-fitter" beats "welding inspector, welder supervisor"
                score = _WORDS + 30.0 * count / entry.word_count
                if count > 1 and side_by_side:
                    score += _PHRASE_BONUS
            else:
                score = _PREFIXES + 10.0 * count / entry.word_count
            kind: MatchKind = "unit_group" if entry.is_group else "title"
            if entry.is_group:
                score += _GROUP_BONUS
            if corrected:
                score, kind = score - _TYPO_PENALTY, "typo"
            _keep(best, Match(self.groups[entry.code], score, entry.title, kind))
        return list(best.values())

    def _prefixed(self, word: str) -> frozenset[int]:
        """Titles with a word starting with `word`."""
        start = bisect_left(self._vocabulary, word)
        found: set[int] = set()
        for known in self._vocabulary[start:]:
            if not known.startswith(word):
                break
            found |= self._postings[known]
        return frozenset(found)

    def _corrections(self, word: str) -> list[str]:
        """Known words spelt almost like `word` (one or two letters off)."""
        if len(word) < _TYPO_MIN_LENGTH or word.isdigit():
            return []
        # Imported here: only a misspelt search pays rapidfuzz's import.
        from rapidfuzz import fuzz, process

        close = process.extract(
            word,
            self._vocabulary,
            scorer=fuzz.ratio,
            score_cutoff=_TYPO_CUTOFF,
            limit=_TYPO_CHOICES,
        )
        return [known for known, _, _ in close if known != word]


def _keep(best: dict[str, Match], match: Match) -> None:
    """Keep each group's best match (the first found wins a tie)."""
    code = match.occupation.code
    if code not in best or match.score > best[code].score:
        best[code] = match
