"""The EOI points estimate: each factor with what it rests on, the days it changes by itself,
what would raise it, and a "try a change" field (the same KEY=VALUE logic as `oinp score
--set`) that shows the new total without touching the file."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Static

from oinp_assistant import wording
from oinp_assistant.points import Estimate
from oinp_assistant.problems import ProblemsError
from oinp_assistant.scoring import estimate_profile
from oinp_assistant.tui.screens.base import SessionScreen
from oinp_assistant.what_if import apply_changes

NOT_IN_HANDS = "not in your hands"
# Several changes in one line: "a=1 b=2" or "a=1, b=2". A value with a space must be quoted
# as TOML would ("job_community=\"Greater Sudbury\""), so split outside quotes only.
_CHANGE = re.compile(r'[^\s,"]+=(?:"[^"]*"|[^\s,]*)|[^\s,]+')


def split_changes(text: str) -> list[str]:
    """The KEY=VALUE changes typed in one line, separated by spaces or commas."""
    return _CHANGE.findall(text)


def points_cell(low: int, high: int, maximum: int) -> str:
    return f"{low}/{maximum}" if low == high else f"{low}–{high}/{maximum}"


def factor_rows(e: Estimate) -> list[tuple[str, Text]]:
    """(points/max, factor: what it rests on) a factor; an unknown one shows its range and the
    word unknown."""
    rows = []
    for f in e.factors:
        text = Text(f"{f.title.split(' (')[0]}: ")
        if f.status == "unknown":
            text.append("? unknown: ", style="bold yellow")
        text.append(f.basis)
        if f.band and f.status == "known":
            text.append(f"; band: {f.band}", style="dim")
        rows.append((points_cell(f.low, f.high, f.max), text))
    return rows


def factor_table(e: Estimate) -> Table:
    """The rows in two columns, so that a long basis wraps under its own column."""
    header = ("points", Text("factor: what it rests on", style="bold"))
    return _two_columns([header, *factor_rows(e)], 7)


def summary_text(e: Estimate) -> Text:
    text = Text(e.summary(), style="bold")
    for line in e.comparison:
        text.append(f"\n{line}")
    for note in e.notes:
        if note not in e.grid.unstated:
            text.append(f"\nNote: {note}")
    return text


def _two_columns(rows: list[tuple[str, Text]], width: int) -> Table:
    """A left column of `width` and the text beside it, wrapping under itself."""
    table = Table.grid(padding=(0, 2))
    table.add_column(width=width, no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for left, text in rows:
        table.add_row(left, text)
    return table


def upcoming_rows(e: Estimate) -> list[tuple[str, Text]]:
    """(date  change → total, why) for each day the estimate changes by itself."""
    return [(f"{u.date}  {u.change:+d} → {u.total}", Text(u.why)) for u in e.upcoming]


def upcoming_table(e: Estimate) -> Table | Text:
    if not e.upcoming:
        return Text("No date ahead on which the estimate changes by itself.")
    rows = upcoming_rows(e)
    return _two_columns(rows, max(len(left) for left, _ in rows))


def move_rows(e: Estimate) -> list[tuple[str, Text]]:
    """(+points, what) for each single change that would add points; one the candidate cannot
    make alone says so in words."""
    rows = []
    for m in e.moves:
        text = Text(m.what)
        if not m.actionable:
            text.append(f" [{NOT_IN_HANDS}]", style="italic")
        rows.append((f"{m.change:+3d}", text))
    return rows


def moves_table(e: Estimate) -> Table | Text:
    if not e.moves:
        return Text("No single change to your profile would add points.")
    return _two_columns(move_rows(e), 3)


def grid_text(e: Estimate) -> Text:
    grid = e.grid
    updated = f", updated {grid.updated}" if grid.updated else ""
    text = Text(f"{grid.name} (published {grid.published}{updated}), as of {e.as_of}.")
    text.append(
        f"\nGrid confidence {wording.confidence_text(grid.confidence)}. {grid.maximum_note}"
    )
    for note in grid.unstated:
        text.append(f"\nNot stated: {note}")
    return text


def sources_text(e: Estimate) -> Text:
    """Every source in full (select it with the mouse; a terminal with links opens it)."""
    text = Text()
    for index, source in enumerate(e.grid.sources):
        if index:
            text.append("\n")
        text.append(source, style=Style(link=source))
    return text


def what_if_text(before: Estimate, after: Estimate, changes: list[str]) -> Text:
    diff = after.total - before.total
    text = Text()
    text.append(f"With {', '.join(changes)}: ", style="bold")
    text.append(after.summary())
    if after.unknown or before.unknown:
        text.append(
            f"\nKnown points {before.total} → {after.total} ({diff:+d}); the most possible "
            f"{before.total_max_possible} → {after.total_max_possible}."
        )
    else:
        text.append(f"\n{before.total} → {after.total} ({diff:+d}).")
    text.append("\nYour profile file is unchanged.", style="dim")
    return text


def problems_text(error: ProblemsError) -> Text:
    text = Text("✘ Not applied: ", style="bold red")
    text.append("; ".join(f"{p.key}: {p.message}" if p.key else p.message for p in error.problems))
    return text


class ScoreScreen(SessionScreen):
    SUB_TITLE = "Score"
    AUTO_FOCUS = "#score"
    HELP_LEGEND = (
        "points/max per factor; 3–9/15 and ? unknown: a fact is missing, the range is what it "
        f"could still give.   [{NOT_IN_HANDS}]: a move only your employer or time can make."
    )
    BINDINGS = [  # noqa: RUF012
        Binding("t", "try_change", "Try", id="try_change"),
        # Out of the field, so that the letter keys switch areas again (as on the draws filter).
        Binding("escape", "leave_field", "Out of the field", id="leave_try", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        e = self.session.estimate
        with VerticalScroll(id="score"):
            if e is None:
                name = self.session.catalog.stream_name(self.session.profile.stream)
                yield Static(
                    f"No points grid is known for {name}, nor for a stream that replaced it.",
                    classes="card",
                    markup=False,
                )
                return
            yield Static(summary_text(e), id="score-summary", classes="card")
            table = Static(factor_table(e), id="score-factors", classes="card")
            table.border_title = "Factors"
            yield table
            yield Label("Try a change (KEY=VALUE, several separated by spaces or commas):")
            yield Input(
                id="score-try",
                placeholder="e.g. language.english.writing=9 education.canadian_credentials=2",
            )
            yield Static("", id="score-what-if")
            upcoming = Static(upcoming_table(e), id="score-upcoming", classes="card")
            upcoming.border_title = "When it changes by itself"
            yield upcoming
            moves = Static(moves_table(e), id="score-moves", classes="card")
            moves.border_title = "What would raise it, one change at a time"
            yield moves
            grid = Static(grid_text(e), id="score-grid", classes="card")
            grid.border_title = "The grid"
            yield grid
            sources = Static(sources_text(e), id="score-sources", classes="card")
            sources.border_title = "Sources"
            yield sources

    def palette_commands(self) -> Iterable[SystemCommand]:
        return [
            SystemCommand(
                "Score: try a change",
                "See the estimate with a fact changed (your file stays as it is)",
                self.action_try_change,
            )
        ]

    def action_try_change(self) -> None:
        if self.query("#score-try"):
            self.query_one("#score-try", Input).focus()

    def action_leave_field(self) -> None:
        if self.query("#score"):
            self.query_one("#score", VerticalScroll).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id != "score-try":
            return
        event.stop()
        self.query_one("#score-what-if", Static).update(self.try_change(event.value))

    def try_change(self, line: str) -> Text:
        """The estimate with the changes typed in `line`, or why they cannot apply."""
        session = self.session
        before = session.estimate
        assert before is not None
        changes = split_changes(line)
        if not changes:
            return Text("Type a change as KEY=VALUE, e.g. language.english.writing=9.")
        try:
            profile = apply_changes(session.profile, changes)
            after = estimate_profile(profile, session.catalog, session.today)
        except ProblemsError as exc:
            return problems_text(exc)
        return what_if_text(before, after, changes)
