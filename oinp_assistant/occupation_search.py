"""Finding a NOC 2021 unit group from a job title, an abbreviation, or a NOC 2021 or 2016 code.

The index of titles is Statistics Canada's ("All examples", ~28,000 titles). Matching ignores
case, accents, dots and repeated or non-breaking spaces. A word the index does not know is
compared with its vocabulary by rapidfuzz, so one typo still finds the title. Abbreviations come
from the titles that spell them out: "registered nurse (R.N.)" makes "RN" find 31301.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import combinations
from typing import Literal

from oinp_assistant.occupations import Occupation

MatchKind = Literal["code", "noc2016", "unit_group", "title", "abbreviation", "typo", "partial"]
"""How a match was found: the group's code, an old NOC 2016 code, the group's own title, a
title of the index, an abbreviation, a title that matched once a misspelt word was corrected,
or a title with only some of the words ("truck driver AZ": no title names a licence class)."""


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
_ABBREVIATION = re.compile(r"\(([A-Za-z][A-Za-z.]*)\)")

# Scores: an exact title beats every word match; a group's own title beats the index's titles
# worded alike; a corrected typo ranks below anything spelt as written.
_EXACT, _WORDS, _PREFIXES = 100.0, 60.0, 30.0
_GROUP_BONUS, _PHRASE_BONUS, _TYPO_PENALTY, _ABBREVIATION_SCORE = 5.0, 5.0, 25.0, 90.0
_PARTIAL_PENALTY = 40.0
_TYPO_MIN_LENGTH, _TYPO_CUTOFF, _TYPO_CHOICES = 4, 80.0, 3


def display(title: str) -> str:
    """The title as the user sees it: one plain space between words (the index has NBSPs)."""
    return " ".join(title.split())


_FOLD = (
    bytes(
        c if chr(c).islower() or chr(c).isdigit() or c == 10 else c + 32 if chr(c).isupper() else 32
        for c in range(128)
    )
    + b" " * 128
)


def _spaced(line: str) -> str:
    """A folded title as " word word ": one space before and after each word."""
    return f" {' '.join(line.split())} "


def words(text: str) -> list[str]:
    """Lower-case words without accents or dots: "Québec" → quebec, "(R.P.N.)" → rpn."""
    return _fold(text).split()


def _fold(text: str) -> str:
    """`text` lower-case, each character other than a letter, digit or line break a space.

    Runs of spaces stay (collapsing them would double the index's build time): compare
    with `_spaced`. Bytes.translate handles the megabyte index at C speed, and the codec
    finds its few non-ASCII letters the same way.
    """
    # "R.N." is rn, "men's" is mens ("’" is not ASCII and goes too)
    return text.encode("ascii", _TO_ASCII).translate(_FOLD, b".'").decode("ascii")


def _ascii(error: UnicodeError) -> tuple[str, int]:
    # NFKD splits "é" into "e" and an accent, which ASCII then drops; NBSP becomes a space
    if not isinstance(error, UnicodeEncodeError):
        raise error
    letters = error.object[error.start : error.end]
    plain = unicodedata.normalize("NFKD", letters).encode("ascii", "ignore").decode("ascii")
    return plain, error.end


_TO_ASCII = "oinp-assistant-fold"
codecs.register_error(_TO_ASCII, _ascii)


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
    """Every title of every unit group, folded once, then scanned by each search.

    A scan of 28,000 short strings for " word" takes a few milliseconds; an inverted index
    would save those per search but cost ~50 ms to build, which `oinp noc search` pays on
    every run.
    """

    def __init__(self, groups: Mapping[str, Occupation], titles: Iterable[Sequence[str]]) -> None:
        """`titles`: (code, title) pairs; titles of codes not in `groups` are left out."""
        self.groups = groups
        # (code, title) pairs, group titles first; no object per title: the build is paid by
        # every `oinp noc search`.
        self._entries: list[Sequence[str]] = [(o.code, o.title) for o in groups.values()]
        self._group_count = len(self._entries)
        self._entries += [entry for entry in titles if entry[0] in groups]
        # Folded in one go, not title by title: most of the build's time otherwise.
        # " word word ": a space before each word finds a word by its start ("weld" in
        # " welder"), a space after too finds the whole word.
        joined = " \n ".join([entry[1] for entry in self._entries])
        lines = _fold(f" {joined} ").split("\n")  # " word  word " (see _spaced)
        if len(lines) != len(self._entries):  # a title with a line break in it
            lines = [_spaced(_fold(title)) for _, title in self._entries]
        self._lines = lines

    def __len__(self) -> int:
        return len(self._entries)

    @cached_property
    def abbreviations(self) -> dict[str, set[str]]:
        """Abbreviation → the words it stands for, from titles that spell it out, and ALIASES."""
        found: dict[str, set[str]] = {k: set(v) for k, v in ALIASES.items()}
        for _, title in self._entries:
            for abbr in _ABBREVIATION.finditer(title) if "(" in title else ():
                letters = "".join(words(abbr.group(1)))
                phrase = _spelled_out(letters, words(title[: abbr.start()]))
                if len(letters) >= 2 and phrase:
                    found.setdefault(letters, set()).add(" ".join(phrase))
        return found

    @cached_property
    def _known_words(self) -> frozenset[str]:
        """Every word of every title."""
        return frozenset("".join(self._lines).split())

    @cached_property
    def _vocabulary(self) -> list[str]:
        """The words a misspelt word is compared with, in a stable order."""
        return sorted(self._known_words)

    def search(self, query: str, *, limit: int = 10) -> list[Match]:
        """Groups ranked by their best-fitting title; abbreviations name every group they fit."""
        query_words = list(dict.fromkeys(words(query)))
        if not query_words:
            return []  # only punctuation: every title would "contain" no words and match
        best: dict[str, Match] = {}
        if len(query_words) == 1:
            abbreviation = query_words[0]
            for phrase in sorted(self.abbreviations.get(abbreviation, ())):
                for match in self._word_search(phrase.split(), phrase_only=True):
                    # the title that writes the abbreviation itself first: "... (HVAC) mechanic"
                    written = 2.0 if abbreviation in words(match.matched) else 0.0
                    score = _ABBREVIATION_SCORE + written + (match.score - _WORDS) / 10
                    _keep(best, Match(match.occupation, score, match.matched, "abbreviation"))
        found = self._word_search(query_words)
        if not found:
            found = self._word_search(query_words, fix_all=True)
        if not found and len(query_words) > 1:
            found = self._joined_search(query_words) or self._partial_search(query_words)
        for match in found:
            _keep(best, match)
        return _ranked(best.values(), limit)

    def _word_search(
        self, query_words: list[str], *, fix_all: bool = False, phrase_only: bool = False
    ) -> list[Match]:
        """Titles with every query word (or a word starting with it), best per group.

        A word no title has is replaced by the known words spelt like it; `fix_all` adds
        those to every word. `phrase_only` keeps the titles with the words side by side.
        """
        lines = self._lines
        candidates: Sequence[int] = range(len(lines))
        spellings: list[list[str]] = []  # per query word, the whole words that count as it
        for word in sorted(query_words, key=len, reverse=True):  # longest: fewest titles first
            start, fixes = f" {word}", self._corrections(word) if fix_all else []
            hits = [i for i in candidates if start in lines[i]]
            if not hits or fix_all:
                fixes = fixes or self._corrections(word)
                whole = [f" {fix} " for fix in fixes]
                hits = [i for i in candidates if start in lines[i] or _any_in(whole, lines[i])]
            if not hits:
                return []
            spellings.append([f" {word} ", *(f" {fix} " for fix in fixes)])
            candidates = hits
        count, phrase = len(query_words), f" {' '.join(query_words)} "
        starts = [f" {word}" for word in query_words]
        corrected = any(len(spelt) > 1 for spelt in spellings)
        wholes = [spelt[0] for spelt in spellings]  # the words as written, when not corrected
        # The loop below runs once per title found (20,000 for "s"): kept to plain operations.
        best: dict[str, tuple[float, int, MatchKind]] = {}
        for entry_id in candidates:
            line = lines[entry_id]
            if "  " in line:  # punctuation was there: "welder - fitter", "(except)"
                line = _spaced(line)
            if corrected:
                exact = all(_any_in(spelt, line) for spelt in spellings)
            else:
                exact = all(whole in line for whole in wholes)
            side_by_side = count == 1 or phrase in line
            if phrase_only and not (exact and side_by_side):
                continue
            length = line.count(" ") - 1  # words in the title
            if line == phrase:
                score = _EXACT
            elif exact:
                # "welder" beats "welder-fitter" beats "welding inspector, welder supervisor"
                score = _WORDS + 30.0 * count / length
                if count > 1 and side_by_side:
                    score += _PHRASE_BONUS
            else:
                score = _PREFIXES + 10.0 * count / length
            kind: MatchKind = "title"
            if entry_id < self._group_count:
                score, kind = score + _GROUP_BONUS, "unit_group"
            if corrected and not all(start in line for start in starts):
                score, kind = score - _TYPO_PENALTY, "typo"
            code = self._entries[entry_id][0]
            kept = best.get(code)
            if kept is None or score > kept[0]:
                best[code] = (score, entry_id, kind)
        return [
            Match(self.groups[code], score, display(self._entries[entry_id][1]), kind)
            for code, (score, entry_id, kind) in best.items()
        ]

    def _joined_search(self, query_words: list[str]) -> list[Match]:
        """The search again with two words a title writes as one: "fork lift" → forklift."""
        joined = query_words[:1]
        for word in query_words[1:]:
            if joined[-1] + word in self._known_words:
                joined[-1] += word
            else:
                joined.append(word)
        if joined == query_words:
            return []
        return [
            Match(m.occupation, m.score - _TYPO_PENALTY, m.matched, "typo")
            for m in self._word_search(joined)
        ]

    def _partial_search(self, query_words: list[str]) -> list[Match]:
        """Titles with as many of the words as any title has, ranked below every full match."""
        known = [w for w in query_words if any(f" {w}" in line for line in self._lines)]
        for size in range(min(len(known), len(query_words) - 1), 0, -1):
            best: dict[str, Match] = {}
            for subset in combinations(known, size):
                for match in self._word_search(list(subset)):
                    score = match.score - _PARTIAL_PENALTY
                    _keep(best, Match(match.occupation, score, match.matched, "partial"))
            if best:
                return list(best.values())
        return []

    def _corrections(self, word: str) -> list[str]:
        """Known words spelt almost like `word` (one or two letters off), or the two known
        words it runs together ("childcare" → "child care")."""
        if len(word) < _TYPO_MIN_LENGTH or word.isdigit():
            return []
        vocabulary = self._known_words
        split = [
            f"{word[:cut]} {word[cut:]}"
            for cut in range(2, len(word) - 1)
            if word[:cut] in vocabulary and word[cut:] in vocabulary
        ]
        # Imported here: only a misspelt search pays rapidfuzz's import.
        from rapidfuzz import fuzz, process

        close = process.extract(
            word,
            self._vocabulary,
            scorer=fuzz.ratio,
            score_cutoff=_TYPO_CUTOFF,
            limit=_TYPO_CHOICES,
        )
        return split + [known for known, _, _ in close if known != word]


def _any_in(needles: Iterable[str], text: str) -> bool:
    return any(needle in text for needle in needles)


def _keep(best: dict[str, Match], match: Match) -> None:
    """Keep each group's best match (the first found wins a tie)."""
    code = match.occupation.code
    if code not in best or match.score > best[code].score:
        best[code] = match
