"""Ontario's calendar: every date the assistant reasons about is a date in America/Toronto."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

ONTARIO = ZoneInfo("America/Toronto")


def ontario_today(now: datetime | None = None) -> date:
    """Today's date in Ontario; `now` is an aware datetime for tests (default: the system clock)."""
    moment = now if now is not None else datetime.now(UTC)
    return moment.astimezone(ONTARIO).date()


# Cached: a check asks for the EOI's last day once per round (100,000 rounds a user added),
# always with the same registration date.
@functools.lru_cache(maxsize=1024)
def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end: 2024-02-29 + 12 is 2025-02-28."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if not 1 <= year <= 9999:
        raise DateOutOfRange(
            f"{day.isoformat()} + {months} months is not a date the calendar can hold; "
            f"use dates {range_text()}"
        )
    return date(year, month, min(day.day, days_in_month(year, month)))


def days_in_month(year: int, month: int) -> int:
    """How many days `month` of `year` has."""
    # calendar.monthrange's answer, without importing calendar (and locale) at every start
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def completed_months(start: date, end: date) -> int:
    """Whole months from `start` to `end`: the largest n with add_months(start, n) <= end.

    Defined through `add_months` so that the day a milestone is reached (6 months in a job) is
    the same day `add_months(start, 6)` names.
    """
    if end < start:
        return 0
    n = (end.year - start.year) * 12 + end.month - start.month
    while n > 0 and add_months(start, n) > end:
        n -= 1
    return n


# Dates a profile, a draw or --today may hold. Far wider than any real OINP date, and far
# enough from date.min/date.max that every computation here (12 months, 180 days, a day for a
# calendar's DTEND) stays a valid date.
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


class DateOutOfRange(ValueError):
    """A date computation left the calendar Python can hold; the message says which."""


def in_range(day: date) -> bool:
    return EARLIEST <= day <= LATEST


def range_text() -> str:
    return f"between {EARLIEST.isoformat()} and {LATEST.isoformat()}"


def add_days(day: date, days: int) -> date:
    """`day` + `days`; raises DateOutOfRange (never OverflowError) past year 1 or 9999."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        raise DateOutOfRange(
            f"{day.isoformat()} {'+' if days >= 0 else '-'} {abs(days)} days is not a date "
            f"the calendar can hold; use dates {range_text()}"
        ) from None
