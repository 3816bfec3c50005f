"""How verdicts, criteria and deadlines read on screen: always a word and a symbol, colour extra."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from oinp_assistant.deadlines import Deadline
from oinp_assistant.urgency import days_left_text, urgency

VERDICTS = {
    "in_scope": ("✔", "in scope", "bold green"),
    "out_of_scope": ("✘", "out of scope", "red"),
    "unknown": ("?", "unknown", "yellow"),
}
STATUSES = {
    "pass": ("✔", "pass", "green"),
    "fail": ("✘", "fail", "red"),
    "unknown": ("?", "unknown", "yellow"),
}
URGENCY_STYLES = {
    "passed": "dim",
    "urgent": "bold red",
    "soon": "bold yellow",
    "later": "green",
}


def verdict_text(verdict: str) -> Text:
    symbol, words, style = VERDICTS[verdict]
    return Text(f"{symbol} {words}", style=style)


def status_text(status: str) -> Text:
    symbol, words, style = STATUSES[status]
    return Text(f"{symbol} {words}", style=style)


def days_left(deadline: Deadline, today: dt.date) -> Text:
    days = deadline.days_left(today)
    level = urgency(days)
    symbol = {"passed": "·", "urgent": "‼", "soon": "!", "later": "•"}[level]
    return Text(f"{symbol} {days_left_text(days)}", style=URGENCY_STYLES[level])


def long_date(day: dt.date) -> str:
    return f"{day.isoformat()} ({day:%A})"
