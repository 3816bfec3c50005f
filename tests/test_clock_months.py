"""Completed months, the unit of the grid's month bands and of the nomination's 6 months.

Rules: reference/oinp-rules.md §5b, band edges: "months are counted in completed months (6 to
12 inclusive, 13 to 24 inclusive, over 24 from 25)". The day a milestone is reached is the day
`add_months(start, n)` names, clamped to the month's end.
"""

from __future__ import annotations

import datetime as dt

import pytest

from oinp_assistant import clock
from oinp_assistant.clock import add_months, completed_months

D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (D(2025, 1, 15), D(2025, 7, 14), 5),
        (D(2025, 1, 15), D(2025, 7, 15), 6),
        (D(2025, 1, 15), D(2026, 2, 14), 12),
        (D(2025, 1, 15), D(2026, 2, 15), 13),
        (D(2025, 1, 15), D(2027, 2, 14), 24),
        (D(2025, 1, 15), D(2027, 2, 15), 25),
        (D(2025, 8, 31), D(2026, 2, 27), 5),
        (D(2025, 8, 31), D(2026, 2, 28), 6),
        (D(2024, 2, 29), D(2025, 2, 28), 12),
        (D(2025, 1, 31), D(2025, 3, 30), 1),
        (D(2025, 1, 15), D(2025, 1, 15), 0),
        (D(2025, 1, 15), D(2024, 1, 15), 0),
    ],
)
def test_completed_months_at_the_band_edges(start: dt.date, end: dt.date, months: int) -> None:
    assert completed_months(start, end) == months


def test_completed_months_reach_n_on_the_day_add_months_names_and_not_the_day_before() -> None:
    start = D(2024, 1, 1)
    while start < D(2028, 1, 1):
        for n in range(1, 30):
            day = add_months(start, n)
            assert completed_months(start, day) == n, (start, n)
            assert completed_months(start, day - dt.timedelta(days=1)) == n - 1, (start, n)
        start += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2028, 2, 29), 6, D(2028, 8, 29)),
        (D(2026, 12, 31), 2, D(2027, 2, 28)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
    ],
)
def test_add_months_clamps_to_the_months_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_a_months_length_is_the_calendars_in_every_year_a_date_can_hold() -> None:
    import calendar

    for year in (1, 4, 100, 1900, 2000, 2024, 2025, 2100, 2400, 9999):
        for month in range(1, 13):
            assert clock.days_in_month(year, month) == calendar.monthrange(year, month)[1]
