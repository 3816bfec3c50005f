"""Chances from the history: how often the stream and occupation were drawn, how the minimum
scores moved, and where the user's score stands, as a chart sized to the screen."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from oinp_assistant.insights import Chances, score_chart
from oinp_assistant.tui.screens.base import SessionScreen
from oinp_assistant.tui.state import Session

MARKS = {
    "●": "bold green",
    "○": "red",
    "◌": "yellow",
    "─": "bold cyan",
}
"""Colour on top of the symbols; the legend says in words what each symbol means."""


MAX_SPACING = 3


def fit_chart(c: Chances, width: int, height: int) -> list[str]:
    """The chart no wider than `width` cells: as many of the newest rounds as fit, spread out
    (up to MAX_SPACING columns apart) when every round fits with room to spare.

    `score_chart` takes a number of rounds; the score labels and the axis take the rest, and
    the label width depends on the scores shown, so shrink until the plot fits.
    """
    if not c.points:
        return []
    scores = [p.min_score for p in c.points] + ([c.score] if c.score is not None else [])
    plot_w = width - 2 - len(str(max(scores)))
    rounds = len(c.points)
    columns = max(plot_w, 1)
    if rounds > 1 and plot_w >= 2 * rounds - 1:
        spacing = min((plot_w - 1) // (rounds - 1), MAX_SPACING)
        lines = score_chart(c, rounds, height, spacing)
    else:
        lines = score_chart(c, columns, height)
    while columns > 1:
        # The last line holds the two dates: fewer rounds cannot make it shorter.
        over = max(cell_len(line) for line in lines[:-1]) - width
        if over <= 0:
            break
        columns = max(min(columns, rounds) - over, 1)
        lines = score_chart(c, columns, height)
    # Only a window narrower than the two dates gets here: crop rather than wrap the picture.
    return [line if cell_len(line) <= width else line[:width] for line in lines]


def chart_rows(screen_height: int) -> int:
    """Rows of the plot: at 24 lines the plot and its dates fit under the summary; taller
    screens get more detail."""
    return max(5, min(12, screen_height - 17))


def legend_items(c: Chances) -> list[str]:
    if c.noc is None:
        items = ["● general round, open to all", "◌ targeted (your profile has no NOC)"]
    else:
        items = [f"● open to NOC {c.noc}", "○ not open to it", "◌ list unknown"]
    if c.score is not None:
        items.append(f"─ your score {c.score}")
    return items


def pack(items: list[str], width: int, gap: str = "  ") -> list[str]:
    """Legend items side by side, as many per line as fit; an item is never split."""
    lines: list[str] = []
    for item in items:
        if lines and cell_len(lines[-1]) + len(gap) + cell_len(item) <= width:
            lines[-1] += gap + item
        else:
            lines.append(item)
    return lines


def styled(line: str) -> Text:
    """One chart or legend line, its symbols coloured. Only the plot area of a chart line
    (after `┤`) is coloured, so the axis line stays plain."""
    text = Text(line, no_wrap=True, overflow="crop")
    start = line.index("┤") + 1 if "┤" in line else 0
    for i, char in enumerate(line[start:], start):
        style = MARKS.get(char)
        if style:
            text.stylize(style, i, i + 1)
    return text


class ScoreChart(Widget):
    """Legend, plot and a note on what is left out, recomputed for the width it gets (so on
    every resize too)."""

    def __init__(self, chances: Chances, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chances = chances

    def chart_lines(self, width: int) -> list[str]:
        return fit_chart(self.chances, width, chart_rows(self.app.size.height))

    def note(self, shown: int) -> str:
        c = self.chances
        total = len(c.points)
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

    def lines(self, width: int) -> list[Text]:
        width = max(width, 1)
        chart = self.chart_lines(width)
        shown = sum(line.count("●") + line.count("○") + line.count("◌") for line in chart)
        out = [styled(line) for line in pack(legend_items(self.chances), width)]
        out.extend(styled(line) for line in chart)
        note = self.note(shown)
        if note:
            out.extend(Text(line, style="dim") for line in textwrap.wrap(note, width))
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.size.width))


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
                chart = ScoreChart(c, id="chances-chart")
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
