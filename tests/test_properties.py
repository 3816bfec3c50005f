"""Properties of the date math and the parsers, for every input hypothesis can think of.

Rules: DESIGN.md section 5 (property tests for parsers and date math).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from oinp_assistant.clock import add_months
from oinp_assistant.problems import ProblemsError, did_you_mean, find_line
from oinp_assistant.profile import REGIONS, Invitation, Permit, Profile, parse_profile_text
from oinp_assistant.profile_store import render_profile

settings.register_profile("oinp", max_examples=150, deadline=None)
settings.load_profile("oinp")

# 100 years (1,200 months) either side stays inside what datetime.date can hold.
DAYS = st.dates(min_value=dt.date(101, 1, 1), max_value=dt.date(9800, 12, 31))
MONTHS = st.integers(min_value=-1200, max_value=1200)


# --- add_months ----------------------------------------------------------------------------


@given(DAYS, MONTHS)
def test_add_months_never_raises_and_never_grows_the_day(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    assert later.day <= day.day
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months


@given(DAYS, MONTHS)
def test_add_months_keeps_the_day_when_the_month_has_it(day: dt.date, months: int) -> None:
    later = add_months(day, months)
    if day.day <= 28:
        assert later.day == day.day
    else:
        # clamped only when the target month is shorter (its length from the calendar module,
        # not from add_months itself)
        month_end = calendar.monthrange(later.year, later.month)[1]
        assert later.day == min(day.day, month_end)


@given(DAYS)
def test_add_zero_months_is_the_same_day(day: dt.date) -> None:
    assert add_months(day, 0) == day


@given(DAYS, st.integers(min_value=0, max_value=1200))
def test_add_months_is_monotonic(day: dt.date, months: int) -> None:
    assert add_months(day, months) <= add_months(day, months + 1)


def test_add_months_examples() -> None:
    assert add_months(dt.date(2024, 2, 29), 12) == dt.date(2025, 2, 28)
    assert add_months(dt.date(2024, 2, 29), 48) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)
    assert add_months(dt.date(2026, 1, 15), -1) == dt.date(2025, 12, 15)


# --- find_line -----------------------------------------------------------------------------

KEYS = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)
VALUES = st.one_of(
    st.integers(min_value=-999, max_value=999).map(str),
    st.text(alphabet="abc xyz=#[]", max_size=8).map(lambda s: '"' + s + '"'),
    st.dates().map(lambda d: d.isoformat()),
)
FILLER = st.sampled_from(["", "# a comment", "#x = 1", "   # key = 2", "  "])


@st.composite
def toml_documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str, ...], int]]:
    """A TOML-like document with its own answer key: where each (table, key) was written."""
    lines: list[str] = []
    where: dict[tuple[str, ...], int] = {}
    tables = ["", *draw(st.lists(KEYS, max_size=3, unique=True))]
    for table in tables:
        if table:
            lines.append(draw(st.sampled_from([f"[{table}]", f"[ {table} ]", f"[{table}]  # c"])))
            where[(table,)] = len(lines)
        for key in draw(st.lists(KEYS, max_size=4, unique=True)):
            if table == "" and key in tables:
                continue  # a top-level key and a table of the same name cannot both exist
            lines += draw(st.lists(FILLER, max_size=2))
            spacing = draw(st.sampled_from([" = ", "=", "  =  "]))
            lines.append(f"{draw(st.sampled_from(['', '  ']))}{key}{spacing}{draw(VALUES)}")
            loc = (table, key) if table else (key,)
            where.setdefault(loc, len(lines))
    return "\n".join(lines) + "\n", where


@given(toml_documents())
def test_find_line_finds_every_key_and_table_header(
    document: tuple[str, dict[tuple[str, ...], int]],
) -> None:
    text, where = document
    for loc, line in where.items():
        assert find_line(text, loc) == line, (loc, text)


@given(st.text(), st.lists(st.one_of(st.text(), st.integers()), max_size=4))
def test_find_line_never_raises_and_answers_a_real_line_or_none(
    text: str, loc: list[str | int]
) -> None:
    line = find_line(text, loc)
    assert line is None or 1 <= line <= len(text.splitlines())


@given(KEYS, st.lists(KEYS, max_size=8))
def test_did_you_mean_offers_only_a_listed_choice(word: str, choices: list[str]) -> None:
    hint = did_you_mean(word, choices)
    suggested = re.fullmatch(r' Did you mean "(.*)"\?', hint)
    assert hint == "" or (suggested is not None and suggested.group(1) in choices)
    # A listed word is always the closest choice to itself: there is a hint, and it names it.
    assert did_you_mean(word, [*choices, word]) == f' Did you mean "{word}"?'


# --- profiles round-trip through TOML ------------------------------------------------------

DATES = st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31))
TEXT = st.text(max_size=30)


@st.composite
def permits(draw: st.DrawFn) -> Permit:
    kind = draw(st.sampled_from(["work", "study", "none"]))
    expires = None if kind == "none" else draw(DATES)
    return Permit(type=kind, expires=expires, in_canada=draw(st.none() | st.booleans()))


@st.composite
def profiles(draw: st.DrawFn) -> Profile:
    registered = draw(st.none() | DATES)
    invitation = None
    if draw(st.booleans()):
        earliest = registered or dt.date(1950, 1, 1)
        invited = draw(st.dates(min_value=earliest, max_value=dt.date(2100, 12, 30)))
        # a copied deadline comes after its invitation (the model refuses anything else)
        later = st.dates(min_value=invited + dt.timedelta(days=1), max_value=dt.date(2100, 12, 31))
        invitation = Invitation(
            date=invited,
            stream=draw(st.none() | TEXT),
            employer_deadline=draw(st.none() | later),
            candidate_deadline=draw(st.none() | later),
        )
    return Profile(
        stream=draw(TEXT),
        noc=draw(st.none() | st.from_regex(r"[0-9]{5}", fullmatch=True)),
        eoi_score=draw(st.none() | st.integers(min_value=0, max_value=130)),
        eoi_registered=registered,
        job_region=draw(st.none() | st.sampled_from(REGIONS)),
        job_community=draw(st.none() | TEXT),
        permit=draw(st.none() | permits()),
        invitation=invitation,
    )


@given(profiles())
def test_rendered_profile_parses_back_equal(profile: Profile) -> None:
    assert parse_profile_text(render_profile(profile), Path("p.toml")) == profile


HAND_WRITTEN = """\
# my profile
stream = "foreign_worker"  # keep me
noc = "21231"
eoi_score = 57

# dates without quotes
eoi_registered = 2026-03-12

[permit]
type = "work"  # PGWP
expires = 2027-01-31
"""


INLINE_TABLES = """\
# my profile
stream = "foreign_worker"
permit = { type = "work", expires = 2027-01-31 }  # inline
invitation.date = 2026-04-30
"""


@given(profiles(), st.sampled_from([HAND_WRITTEN, INLINE_TABLES]))
def test_profile_saved_over_a_hand_written_file_parses_back_equal(
    profile: Profile, original: str
) -> None:
    text = render_profile(profile, original=original)
    assert parse_profile_text(text, Path("p.toml")) == profile
    assert text.startswith("# my profile\n")


@given(st.text(max_size=200))
def test_parsing_any_text_either_succeeds_or_reports_problems(text: str) -> None:
    try:
        parse_profile_text(text, Path("p.toml"), known_streams={"foreign_worker"})
    except ProblemsError as exc:
        assert exc.problems
        assert all(p.message for p in exc.problems)
