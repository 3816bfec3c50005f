"""Words both front ends use: stream states, verdict and status marks, confidence, file names.

Plain strings only (no Textual, no Rich): the CLI prints them, the TUI styles them. A sentence
that says the same thing on both lives here once, so the two cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: the CLI's parser imports this module, and pydantic is slow
    from oinp_assistant.streams import Stream, StreamState

DEFAULT_ICS_NAME = "oinp-deadlines.ics"
DEFAULT_HANDOFF_NAME = "oinp-employer-sheet.md"


@dataclass(frozen=True)
class Mark:
    """A symbol and words, so a state reads without colour (and in a screen reader)."""

    symbol: str
    words: str


VERDICTS: dict[str, Mark] = {
    "in_scope": Mark("✔", "in scope"),
    "out_of_scope": Mark("✘", "out of scope"),
    "unknown": Mark("?", "unknown"),
}
STATUSES: dict[str, Mark] = {
    "pass": Mark("✔", "pass"),
    "fail": Mark("✘", "fail"),
    "unknown": Mark("?", "unknown"),
}
CONFIDENCE = {
    "2+": "2+ (two or more independent sources agree)",
    "1": "1 (a single source)",
    "conflict": "conflict (the sources disagree; see the notes)",
}


def confidence_text(confidence: str) -> str:
    """A draw record's confidence with what it means; an unknown grade is shown as it is."""
    return CONFIDENCE.get(confidence, confidence)


# --- a stream's state on a day (streams.Stream.state_on) ------------------------------------


def _successor(state: StreamState, streams: Mapping[str, Stream]) -> Stream | None:
    return streams.get(state.successor) if state.successor else None


def _in_force(state: StreamState) -> list[str]:
    parts = []
    if state.opened:
        parts.append(f"in force since {state.opened}")
    if state.eoi_from:
        parts.append(f"EOIs from {state.eoi_from}")
    return parts


def state_sentence(state: StreamState, streams: Mapping[str, Stream]) -> str:
    """What the stream's state is, in full: "Foreign Worker closed on 2026-05-30. It was ..." """
    if state.phase == "not_yet_open":
        return f"{state.name} opens on {state.opened}."
    if state.phase == "open":
        parts = _in_force(state)
        return f"{state.name} is open" + (f" ({'; '.join(parts)})" if parts else "") + "."
    text = f"{state.name} closed on {state.closed}."
    successor = _successor(state, streams)
    if successor is not None:
        text += f" It was replaced by {successor.name}"
        if successor.eoi_from:
            text += f", which takes expressions of interest from {successor.eoi_from}"
        text += "."
    return text


def state_message(state: StreamState, streams: Mapping[str, Stream], how_to_switch: str) -> str:
    """The state in full and, when a successor replaced the stream, what the candidate does.

    `how_to_switch` is the front end's own way to change stream ("switch your profile's stream
    to it", "choose X as your stream and save").
    """
    text = state_sentence(state, streams)
    if _successor(state, streams) is not None:
        text += (
            " Your old EOI does not carry over: check whether you qualify for the new stream "
            f"and, if you do, {how_to_switch}."
        )
    return text


def successor_name(state: StreamState, streams: Mapping[str, Stream]) -> str | None:
    successor = _successor(state, streams)
    return successor.name if successor else None


def state_badge(state: StreamState) -> Mark:
    """The state in one or two words: "● OPEN", "✘ CLOSED 2026-05-30", "✘ NOT OPEN YET"."""
    if state.phase == "closed":
        return Mark("✘", f"CLOSED {state.closed}")
    if state.phase == "not_yet_open":
        return Mark("✘", "NOT OPEN YET")
    return Mark("●", "OPEN")


def state_line(state: StreamState, streams: Mapping[str, Stream], then: str = "") -> str:
    """The state in one short line next to a badge; "" when the badge says it all.

    `then` follows the successor's name when there is one ("press e for what to do").
    """
    if state.phase == "closed":
        successor = _successor(state, streams)
        if successor is None:
            return "No longer takes candidates."
        return f"Replaced by {successor.name}" + (f"; {then}" if then else "") + "."
    if state.phase == "not_yet_open":
        return f"Opens on {state.opened}."
    line = "; ".join(_in_force(state))
    return f"{line[:1].upper()}{line[1:]}." if line else ""
