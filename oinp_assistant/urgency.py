"""How pressing a deadline is, in words that never rely on colour alone.

The thresholds follow the calendar reminders (7, 3 and 1 days before): a deadline is
"urgent" from three days out, "soon" from a week out.
"""

from __future__ import annotations

from typing import Literal

Urgency = Literal["passed", "urgent", "soon", "later"]
URGENT_DAYS = 3
SOON_DAYS = 7


def urgency(days_left: int) -> Urgency:
    if days_left < 0:
        return "passed"
    if days_left <= URGENT_DAYS:
        return "urgent"
    if days_left <= SOON_DAYS:
        return "soon"
    return "later"


def days_left_text(days_left: int, hypothetical: bool = False) -> str:
    """'today — URGENT', '3 days left — URGENT', '6 days left — soon', 'passed 2 days ago'.

    A hypothetical deadline (no invitation: counted from a round that would have invited the
    person) is never urgent: '3 days left, if you had been invited'.
    """
    if hypothetical:
        count = (
            "today" if days_left == 0 else f"{days_left} day{'s' if days_left != 1 else ''} left"
        )
        return f"{count}, if you had been invited"
    if days_left < 0:
        ago = -days_left
        return f"passed {ago} day{'s' if ago != 1 else ''} ago"
    count = "today" if days_left == 0 else f"{days_left} day{'s' if days_left != 1 else ''} left"
    level = urgency(days_left)
    if level == "urgent":
        return f"{count} — URGENT"
    if level == "soon":
        return f"{count} — soon"
    return count
