"""ScoreChart: the chances chart (`insights.Chart`), each cell styled by its kind, with a
legend in words above it and a note under it; redrawn for the width it gets.

The widget is fed structured rows: it never reads symbols back from text to colour or count
them. What to draw for a width comes from the caller (`fit`), so any screen can size a chart
its own way.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.geometry import Size
from textual.widget import Widget

from oinp_assistant.insights import GLYPHS, CellKind, Chart

KIND_STYLES: dict[CellKind, str] = {
    "open": "bold green",
    "closed": "red",
    "unknown_list": "yellow",
    "score_line": "bold cyan",
    "empty": "",
}
"""Colour on top of the symbols; the legend says in words what each symbol means."""

AXIS_STYLE = KIND_STYLES["score_line"]
"""The x axis has been drawn in the score line's colour since the chart was first coloured
(the glyph colouring it replaced could not tell the two apart); kept so the screen looks
the same. The y axis and its labels stay plain."""


def cell(kind: CellKind) -> Text:
    """One cell's symbol in its kind's colour (a span, so text appended after stays plain)."""
    return Text().append(GLYPHS[kind], style=KIND_STYLES[kind])


def chart_text(chart: Chart, width: int) -> list[Text]:
    """The chart's lines, rounds coloured by kind, each cropped to `width` cells (only a
    width narrower than the two dates needs it: crop rather than wrap the picture)."""
    # A span per column, not one per run: runs would draw the same but would change the
    # segments the snapshot tests compare.
    lines: list[Text] = []
    for row in chart.rows:
        line = Text(chart.prefix(row))
        for x, c in enumerate(row.cells):
            if x:
                for _ in range(chart.spacing - 1):
                    line.append_text(cell(chart.gap(row)))
            line.append_text(cell(c.kind))
        lines.append(line)
    axis = Text(chart.axis_line()[: chart.label_width + 2])
    for _ in range(chart.plot_width):
        axis.append("─", style=AXIS_STYLE)
    lines.append(axis)
    lines.append(Text(chart.dates_line()))
    for line in lines:
        line.truncate(width)
    return lines


def pack(items: Sequence[Text], width: int, gap: str = "  ") -> list[Text]:
    """Legend items side by side, as many per line as fit; an item is never split."""
    lines: list[Text] = []
    for item in items:
        if lines and cell_len(lines[-1].plain) + len(gap) + cell_len(item.plain) <= width:
            lines[-1].append(gap)
            lines[-1].append_text(item)
        else:
            lines.append(item.copy())
    return lines


class ScoreChart(Widget):
    """Legend, plot and a note, recomputed for the width the widget gets (so on every
    resize too).

    `fit(width)` gives the structured chart for that many cells (None: nothing to draw);
    `legend` says in words what each kind of cell means; `note(chart)` is a sentence under
    the plot (what is left out), empty for none. `chart` is the chart last drawn.
    """

    def __init__(
        self,
        fit: Callable[[int], Chart | None],
        *,
        legend: Sequence[tuple[CellKind, str]] = (),
        note: Callable[[Chart | None], str] = lambda chart: "",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.fit = fit
        self.legend = tuple(legend)
        self.note = note
        self.chart: Chart | None = None

    def lines(self, width: int) -> list[Text]:
        width = max(width, 1)
        self.chart = self.fit(width)
        items = [cell(kind).append(f" {words}") for kind, words in self.legend]
        out = pack(items, width)
        if self.chart is not None:
            out.extend(chart_text(self.chart, width))
        note = self.note(self.chart)
        if note:
            out.extend(Text(line, style="dim") for line in textwrap.wrap(note, width))
        return out

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Text:
        return Text("\n").join(self.lines(self.size.width))
