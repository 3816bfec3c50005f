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
# The draws table's Stream column at 80 columns; the filter and the round's screen give the full
# name. One place, so every screen abbreviates the same way.
STREAM_SHORT = {
    "foreign_worker": "FW",
    "international_student": "IS",
    "in_demand_skills": "IDS",
    "masters_graduate": "Masters",
    "phd_graduate": "PhD",
    "human_capital_priorities": "HCP",
    "french_speaking_skilled_worker": "French SW",
    "skilled_trades": "Trades",
    "ontario_workforce_priority": "OWP",
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


def stream_short(stream_id: str) -> str:
    """The short name of a stream ("FW"); a stream without one keeps its id."""
    return STREAM_SHORT.get(stream_id, stream_id)


def fit(text: str, width: int) -> Text:
    """`text` in at most `width` cells; a cut shows as "…", never silently."""
    out = Text(text)
    if out.cell_len > width:
        out.truncate(max(width, 1), overflow="ellipsis")
    return out


def days_left(deadline: Deadline, today: dt.date) -> Text:
    days = deadline.days_left(today)
    level = urgency(days)
    symbol = {"passed": "·", "urgent": "‼", "soon": "!", "later": "•"}[level]
    return Text(f"{symbol} {days_left_text(days)}", style=URGENCY_STYLES[level])


def long_date(day: dt.date) -> str:
    return f"{day.isoformat()} ({day:%A})"
