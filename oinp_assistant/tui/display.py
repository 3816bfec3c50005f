"""How verdicts, criteria and deadlines read on screen: always a word and a symbol, colour extra."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from oinp_assistant.catalog import Catalog
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


def stream_badge(catalog: Catalog, stream_id: str, today: dt.date) -> Text:
    """ "● OPEN", "✘ CLOSED 2026-05-30" or "✘ NOT OPEN YET", in words and colour."""
    stream = catalog.streams.get(stream_id)
    if stream is None:
        return Text("? unknown stream", style="bold yellow")
    if stream.is_closed_on(today):
        return Text(f"✘ CLOSED {stream.closed}", style="bold red")
    if stream.opened and today < stream.opened:
        return Text("✘ NOT OPEN YET", style="bold red")
    return Text("● OPEN", style="bold green")


def stream_status_line(catalog: Catalog, stream_id: str, today: dt.date) -> str:
    """The stream's status in one short line (the dashboard); "" when there is nothing to add."""
    stream = catalog.streams.get(stream_id)
    if stream is None:
        return ""
    if stream.is_closed_on(today):
        successor = catalog.streams.get(stream.replaced_by or "")
        if successor is None:
            return "No longer takes candidates."
        return f"Replaced by {successor.name}; press e for what to do."
    if stream.opened and today < stream.opened:
        return f"Opens on {stream.opened}."
    parts = []
    if stream.opened:
        parts.append(f"in force since {stream.opened}")
    if stream.eoi_from:
        parts.append(f"EOIs from {stream.eoi_from}")
    line = "; ".join(parts)
    return f"{line[:1].upper()}{line[1:]}." if line else ""


def stream_status_full(catalog: Catalog, stream_id: str, today: dt.date) -> str:
    """The stream's status in full, in the app's words (the profile form shows it)."""
    stream = catalog.streams.get(stream_id)
    if stream is None:
        return ""
    successor = catalog.streams.get(stream.replaced_by or "")
    if not stream.is_closed_on(today) or successor is None:
        if stream.is_closed_on(today):
            return f"{stream.name} closed on {stream.closed}."
        if stream.opened and today < stream.opened:
            return f"{stream.name} opens on {stream.opened}."
        return ""
    text = f"{stream.name} closed on {stream.closed}. It was replaced by {successor.name}"
    if successor.eoi_from:
        text += f", which takes expressions of interest from {successor.eoi_from}"
    return (
        text + ". Your old EOI does not carry over: check whether you qualify for the new "
        f"stream and, if you do, choose {successor.name} as your stream and save."
    )
