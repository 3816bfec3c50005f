"""How verdicts, criteria and deadlines read on screen: always a word and a symbol, colour extra."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from oinp_assistant import wording
from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import Deadline
from oinp_assistant.urgency import days_left_text, urgency

# Symbols and words come from `wording` (the CLI prints the same ones); the TUI adds colour.
VERDICTS = {
    key: (mark.symbol, mark.words, style)
    for key, mark, style in (
        ("in_scope", wording.VERDICTS["in_scope"], "bold green"),
        ("out_of_scope", wording.VERDICTS["out_of_scope"], "red"),
        ("unknown", wording.VERDICTS["unknown"], "yellow"),
    )
}
STATUSES = {
    key: (mark.symbol, mark.words, style)
    for key, mark, style in (
        ("pass", wording.STATUSES["pass"], "green"),
        ("fail", wording.STATUSES["fail"], "red"),
        ("unknown", wording.STATUSES["unknown"], "yellow"),
    )
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
    if deadline.hypothetical:  # no invitation: never urgent styling, always "if"
        return Text(f"? {days_left_text(days, hypothetical=True)}", style="italic")
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
    state = stream.state_on(today)
    mark = wording.state_badge(state)
    return Text(f"{mark.symbol} {mark.words}", style="bold green" if state.is_open else "bold red")


def stream_status_line(catalog: Catalog, stream_id: str, today: dt.date) -> str:
    """The stream's status in one short line (the dashboard); "" when there is nothing to add."""
    stream = catalog.streams.get(stream_id)
    if stream is None:
        return ""
    return wording.state_line(stream.state_on(today), catalog.streams, "press e for what to do")


def stream_status_full(catalog: Catalog, stream_id: str, today: dt.date) -> str:
    """The stream's status in full, in the app's words (the profile form shows it); "" if open."""
    stream = catalog.streams.get(stream_id)
    if stream is None:
        return ""
    state = stream.state_on(today)
    if state.is_open:
        return ""
    successor = wording.successor_name(state, catalog.streams)
    return wording.state_message(
        state, catalog.streams, f"choose {successor} as your stream and save"
    )


def short_url(url: str, width: int = 60) -> str:
    """A URL's label that fits a line: host, "…", and the end of the path."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.netloc or url
    whole = host + parts.path
    if len(whole) <= width:
        return whole
    tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
    room = max(width - len(host) - 3, 8)
    if len(tail) > room:
        tail = "…" + tail[-(room - 1) :]
    return f"{host}/…/{tail}"


def link(url: str, width: int = 60) -> Text:
    """A source as a Textual link: a short label on one line, the full URL behind it."""
    from rich.style import Style

    return Text(short_url(url, width), style=Style(link=url, underline=True))
