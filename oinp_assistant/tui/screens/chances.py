"""Chances from the history: how often the stream and occupation were drawn, how the minimum
scores moved, and where the user's score stands, as a chart sized to the screen."""

from __future__ import annotations

from functools import partial
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from oinp_assistant.insights import CellKind, Chances, Chart, chart_grid
from oinp_assistant.tui.screens.base import SessionScreen
from oinp_assistant.tui.state import Session
from oinp_assistant.tui.widgets.score_chart import ScoreChart

MAX_SPACING = 3


def fit_chart(c: Chances, width: int, height: int) -> Chart | None:
    """The chart no wider than `width` cells: as many of the newest rounds as fit, spread out
    (up to MAX_SPACING columns apart) when every round fits with room to spare.

    `chart_grid` takes a number of rounds; the score labels and the axis take the rest, and
    the label width depends on the scores shown, so shrink until the plot fits. Only a
    window narrower than the two dates ends up wider (the widget crops that line).
    """
    if not c.points:
        return None
    scores = [p.min_score for p in c.points] + ([c.score] if c.score is not None else [])
    plot_w = width - 2 - len(str(max(scores)))
    rounds = len(c.points)
    columns = max(plot_w, 1)
    if rounds > 1 and plot_w >= 2 * rounds - 1:
        spacing = min((plot_w - 1) // (rounds - 1), MAX_SPACING)
        chart = chart_grid(c, rounds, height, spacing)
    else:
        chart = chart_grid(c, columns, height)
    while chart is not None and columns > 1:
        # The dates' line is left out of `chart.width`: fewer rounds cannot make it shorter.
        over = chart.width - width
        if over <= 0:
            break
        columns = max(min(columns, rounds) - over, 1)
        chart = chart_grid(c, columns, height)
    return chart


def chart_rows(screen_height: int) -> int:
    """Rows of the plot: at 24 lines the plot and its dates fit under the summary; taller
    screens get more detail."""
    return max(5, min(12, screen_height - 17))


def legend_items(c: Chances) -> list[tuple[CellKind, str]]:
    """What each kind of cell means, in words."""
    items: list[tuple[CellKind, str]]
    if c.noc is None:
        items = [
            ("open", "general round, open to all"),
            ("unknown_list", "targeted (your profile has no NOC)"),
        ]
    else:
        items = [
            ("open", f"open to NOC {c.noc}"),
            ("closed", "not open to it"),
            ("unknown_list", "list unknown"),
        ]
    if c.score is not None:
        items.append(("score_line", f"your score {c.score}"))
    return items


def left_out_note(c: Chances, chart: Chart | None) -> str:
    """What the chart does not show: older rounds cut for width, rounds without a minimum."""
    total = len(c.points)
    shown = len(chart.rounds) if chart is not None else 0
    if shown < total:
        return (
            f"The newest {shown} of {total} rounds with a published minimum; "
            "a wider window shows more."
        )
    left_out = c.rounds - total
    if left_out:
        rounds = "1 round" if left_out == 1 else f"{left_out} rounds"
        verb = "is" if left_out == 1 else "are"
        return f"{rounds} without a published minimum score {verb} not in the chart."
    return ""


def chances_chart(screen: Screen[Any], c: Chances, *, id: str | None = None) -> ScoreChart:
    """The Chances chart: rounds fitted to the widget's width, rows to the window's height."""
    return ScoreChart(
        lambda width: fit_chart(c, width, chart_rows(screen.app.size.height)),
        legend=legend_items(c),
        note=partial(left_out_note, c),
        id=id,
    )


def profile_line(session: Session) -> Text:
    profile, catalog = session.profile, session.catalog
    text = Text()
    text.append("Stream: ", style="bold")
    text.append(catalog.stream_name(profile.stream))
    if not session.report.stream_status.is_open:
        text.append(" (✘ closed)", style="red")
    text.append("   NOC: ", style="bold")
    text.append(profile.noc or "not set")
    text.append("   EOI score: ", style="bold")
    text.append(str(profile.eoi_score) if profile.eoi_score is not None else "not set")
    return text


def summary_text(session: Session) -> Text:
    text = profile_line(session)
    for sentence in session.chances.summary():
        text.append(f"\n{sentence}")
    return text


def data_text(session: Session) -> Text:
    text = Text(session.catalog.freshness())
    text.append(
        "\nThe record, not a forecast. Press w for every round with its criteria.", style="dim"
    )
    return text


def years_text(c: Chances, bar_width: int = 30) -> Text:
    most = max((n for _, n in c.rounds_by_year), default=0)
    text = Text()
    for i, (year, count) in enumerate(c.rounds_by_year):
        if i:
            text.append("\n")
        text.append(f"{year}  {count:>3} round{'s' if count != 1 else ' '}  ")
        text.append("█" * max(round(count / most * bar_width), 1), style="cyan")
    return text


class ChancesScreen(SessionScreen):
    SUB_TITLE = "Chances"
    AUTO_FOCUS = "#chances"

    def compose_body(self) -> ComposeResult:
        c = self.session.chances
        with VerticalScroll(id="chances"):
            summary = Static(summary_text(self.session), id="chances-summary", classes="card")
            summary.border_title = "Your history"
            yield summary
            if c.points:
                chart = chances_chart(self, c, id="chances-chart")
                chart.add_class("card")
                chart.border_title = "Minimum score of each round, oldest on the left"
                yield chart
            elif c.rounds:
                yield Static(
                    "No round of this stream has a published minimum score, so there is no "
                    "chart to draw.",
                    id="chances-no-chart",
                    classes="card",
                )
            if c.rounds_by_year:
                years = Static(years_text(c), id="chances-years", classes="card")
                years.border_title = "Rounds per year"
                yield years
            fresh = Static(data_text(self.session), id="chances-freshness", classes="card")
            fresh.border_title = "Data"
            yield fresh
