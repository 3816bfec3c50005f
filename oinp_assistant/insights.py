"""Chances from the history: how often a stream and occupation were drawn, how the minimum
scores moved, and where the candidate's score stands. Facts from the record, no forecast."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from typing import Literal

from oinp_assistant import wording
from oinp_assistant.catalog import Catalog
from oinp_assistant.clock import add_days
from oinp_assistant.eligibility import could_include, occupation_open
from oinp_assistant.profile import Profile


@dataclass(frozen=True)
class ScorePoint:
    date: dt.date
    min_score: int
    draw_id: str
    round: str
    open_to_noc: bool | None  # None: targeted, list unknown (or no NOC in the profile)
    could_include: bool = True
    """False: the round's window ended before the EOI was registered, so it could not count."""


@dataclass(frozen=True)
class Chances:
    stream: str
    noc: str | None
    score: int | None
    rounds: int
    rounds_open_to_noc: int
    rounds_noc_unknown: int
    first: dt.date | None
    last: dt.date | None
    points: tuple[ScorePoint, ...]
    rounds_by_year: tuple[tuple[int, int], ...]
    closed: str | None = None
    """The stream's state sentence when it is closed today (its record then predicts nothing)."""
    registered: dt.date | None = None

    def possible(self) -> list[ScorePoint]:
        """Rounds with a known minimum, open to the occupation, that could include the EOI."""
        return [p for p in self.points if p.open_to_noc and p.could_include]

    def reachable(self) -> list[ScorePoint]:
        """Rounds the person could have been in whose minimum the score met."""
        if self.score is None:
            return []
        return [p for p in self.possible() if p.min_score <= self.score]

    def recent_median(self, months: int = 6) -> float | None:
        if not self.points:
            return None
        since = add_days(self.points[-1].date, -months * 30)
        recent = [p.min_score for p in self.points if p.date >= since]
        return statistics.median(recent) if recent else None

    def _count_recent(self, months: int = 6) -> int:
        since = add_days(self.points[-1].date, -months * 30)
        return sum(p.date >= since for p in self.points)

    def earlier_median(self, months: int = 6) -> float | None:
        if not self.points:
            return None
        since = add_days(self.points[-1].date, -months * 30)
        earlier = [p.min_score for p in self.points if p.date < since]
        return statistics.median(earlier) if earlier else None

    def summary(self) -> list[str]:
        """Sentences a person can read; each one a count from the record."""
        lines: list[str] = []
        if self.closed is not None:
            # First: a closed stream's record is history; it says nothing about the next round.
            lines.append(
                f"{self.closed} Its record below is history: it predicts nothing now, as no "
                "round of it will come."
            )
        if self.rounds == 0:
            return [
                *lines,
                "No round of this stream is in the data, so there is no history to read.",
            ]
        lines.append(f"{_rounds(self.rounds)} of this stream from {self.first} to {self.last}.")
        if self.noc is not None:
            lines.append(
                f"{self.rounds_open_to_noc} of them {_was(self.rounds_open_to_noc)} open to NOC "
                f"{self.noc} (targeted or general); {self.rounds_noc_unknown} targeted a list "
                "the sources did not give."
            )
        recent, earlier = self.recent_median(), self.earlier_median()
        if recent is not None and self.last is not None:
            move = ""
            if earlier is not None:
                diff = recent - earlier
                trend = " (rising)" if diff > 0 else " (falling)" if diff < 0 else " (flat)"
                # Two or three rounds a side make no trend worth a word.
                if min(self._count_recent(), len(self.points) - self._count_recent()) < 4:
                    trend = " (too few rounds to call a trend)"
                if self.closed is not None:
                    trend = ""  # no trend for a stream that will hold no more rounds
                move = f", against {earlier:g} before{trend}"
            lines.append(
                f"Median minimum score in the record's last 6 months (to {self.last}): "
                f"{recent:g}{move}."
            )
        if self.score is not None:
            possible = self.possible()
            before = sum(not p.could_include for p in self.points if p.open_to_noc)
            lines.append(
                f"Your score {self.score} met the minimum in {len(self.reachable())} of "
                f"{_rounds(len(possible))} with a known minimum that "
                f"{_was(len(possible))} open to your occupation"
                + (" and could include your EOI" if self.registered else "")
                + ". Other criteria (region, permit) are in the draw-by-draw check."
            )
            if before:
                lines.append(
                    f"{_rounds(before)} open to your occupation {_was(before)} not counted: "
                    f"their profile window ended before your EOI was registered "
                    f"({self.registered})."
                )
        return lines


def _rounds(count: int) -> str:
    return f"{count} round" if count == 1 else f"{count} rounds"


def _was(count: int) -> str:
    return "was" if count == 1 else "were"


def chances(profile: Profile, catalog: Catalog, today: dt.date) -> Chances:
    """The record up to `today`, like the checks: a later round has not happened yet."""
    draws = sorted(catalog.draws_for(profile.stream, until=today), key=lambda d: (d.date, d.round))
    points = tuple(
        ScorePoint(
            d.date,
            d.min_score,
            d.id,
            d.round,
            occupation_open(d, profile.noc),
            could_include(profile, d),
        )
        for d in draws
        if d.min_score is not None
    )
    state = catalog.streams[profile.stream].state_on(today)
    years: dict[int, int] = {}
    for d in draws:
        years[d.date.year] = years.get(d.date.year, 0) + 1
    return Chances(
        stream=profile.stream,
        noc=profile.noc,
        score=profile.eoi_score,
        rounds=len(draws),
        rounds_open_to_noc=sum(occupation_open(d, profile.noc) is True for d in draws),
        rounds_noc_unknown=sum(d.noc_codes is None for d in draws),
        first=draws[0].date if draws else None,
        last=draws[-1].date if draws else None,
        points=points,
        rounds_by_year=tuple(sorted(years.items())),
        closed=wording.state_sentence(state, catalog.streams) if state.phase == "closed" else None,
        registered=profile.eoi_registered,
    )


CellKind = Literal["open", "closed", "unknown_list", "score_line", "empty"]
"""A round open to the occupation, one not open to it, one whose list is unknown; a stretch
of the candidate's score line; nothing."""

GLYPHS: dict[CellKind, str] = {
    "open": "●",
    "closed": "○",
    "unknown_list": "◌",
    "score_line": "─",
    "empty": " ",
}


def round_kind(point: ScorePoint) -> CellKind:
    if point.open_to_noc is None:
        return "unknown_list"
    return "open" if point.open_to_noc else "closed"


@dataclass(frozen=True)
class ChartCell:
    kind: CellKind
    point: ScorePoint | None = None
    """The round (id, date, minimum score) when the cell is a round's mark."""

    @property
    def glyph(self) -> str:
        return GLYPHS[self.kind]


@dataclass(frozen=True)
class ChartRow:
    label: str
    """The y-axis label: the top or bottom score, or the candidate's score on its line."""
    cells: tuple[ChartCell, ...]
    """One cell per round shown, oldest first."""
    score_line: bool = False


@dataclass(frozen=True)
class Chart:
    """The chances chart as data: rows from the highest score down, one cell per round in
    each, so a renderer styles cells by kind and never reads symbols back from text."""

    rows: tuple[ChartRow, ...]
    x_labels: tuple[str, str]
    """The dates of the first and the last round shown."""
    label_width: int
    spacing: int
    """Columns from one round to the next (1: side by side)."""

    @property
    def rounds(self) -> tuple[ScorePoint, ...]:
        """The rounds shown, oldest first: exactly one cell per round holds it."""
        return tuple(
            point
            for x in range(len(self.rows[0].cells))
            for row in self.rows
            if (point := row.cells[x].point) is not None
        )

    @property
    def plot_width(self) -> int:
        n = len(self.rows[0].cells)
        return n + (n - 1) * (self.spacing - 1)

    @property
    def width(self) -> int:
        """Cells of the widest line but the dates' (which fewer rounds cannot shorten)."""
        return self.label_width + 2 + self.plot_width

    def gap(self, row: ChartRow) -> CellKind:
        """What fills the columns between two rounds: the score line runs on through them."""
        return "score_line" if row.score_line else "empty"

    def prefix(self, row: ChartRow) -> str:
        return f"{row.label:>{self.label_width}} ┤"

    def axis_line(self) -> str:
        return f"{'':>{self.label_width}} └{'─' * self.plot_width}"

    def dates_line(self) -> str:
        first, last = self.x_labels
        if first == last:  # one round, or all on one day: the date once, under it
            return f"{'':>{self.label_width}}  {first}"
        gap = max(self.plot_width - len(first) - len(last), 1)
        return f"{'':>{self.label_width}}  {first}{' ' * gap}{last}"

    def lines(self) -> list[str]:
        """Plain text: a row per score band, the axis, the first and last dates."""
        out = []
        for row in self.rows:
            between = GLYPHS[self.gap(row)] * (self.spacing - 1)
            out.append(self.prefix(row) + between.join(cell.glyph for cell in row.cells))
        return [*out, self.axis_line(), self.dates_line()]


def chart_grid(c: Chances, width: int = 60, height: int = 10, spacing: int = 1) -> Chart | None:
    """Minimum score of each round (oldest left) with the candidate's score as a line, as
    rows of cells; None when no round has a published minimum.

    A round's cell is on the row of its minimum score; a round whose minimum was exactly the
    candidate's score sits on the score line, one above it a round whose minimum was higher.
    `width` is the number of rounds (the newest ones); `spacing` > 1 puts that many columns
    from one round to the next, to fill a wide screen.
    """
    points = list(c.points)[-width:]
    if not points:
        return None
    height = max(height, 3)  # room for the score line with a row above and below it
    scores = [p.min_score for p in points] + ([c.score] if c.score is not None else [])
    low, high = min(scores), max(scores)
    span = max(high - low, 1)

    def row_of(value: int) -> int:
        return round((value - low) / span * (height - 1))

    score_row: int | None = None
    if c.score is not None:
        # Keep a row above (below) the score line free for rounds whose minimum was above
        # (below) it, so a round the score missed never sits on the line.
        score_row = row_of(c.score)
        if any(p.min_score > c.score for p in points):
            score_row = min(score_row, height - 2)
        if any(p.min_score < c.score for p in points):
            score_row = max(score_row, 1)

    def point_row(value: int) -> int:
        row = row_of(value)
        if score_row is None or c.score is None or value == c.score:
            return score_row if score_row is not None and value == c.score else row
        if value > c.score:
            return max(row, score_row + 1)
        return min(row, score_row - 1)

    background: CellKind
    grid: list[list[ChartCell]] = []
    for r in range(height):
        background = "score_line" if r == score_row else "empty"
        grid.append([ChartCell(background)] * len(points))
    for x, p in enumerate(points):
        grid[point_row(p.min_score)][x] = ChartCell(round_kind(p), p)
    rows = []
    for r in range(height - 1, -1, -1):
        if r == score_row:
            label = str(c.score)
        elif r in (0, height - 1):
            label = str(high if r else low)
        else:
            label = ""
        rows.append(ChartRow(label, tuple(grid[r]), score_line=r == score_row))
    return Chart(
        rows=tuple(rows),
        x_labels=(points[0].date.isoformat(), points[-1].date.isoformat()),
        label_width=len(str(high)),
        spacing=max(spacing, 1),
    )


def score_chart(c: Chances, width: int = 60, height: int = 10, spacing: int = 1) -> list[str]:
    """`chart_grid` as plain text, so it reads the same in any terminal and in tests.

    `●` a round open to the occupation, `○` one that was not, `◌` one whose list is unknown;
    `─` marks your score: a mark on that line is a round whose minimum was exactly your score,
    one above it a round whose minimum was higher.
    """
    chart = chart_grid(c, width, height, spacing)
    return chart.lines() if chart is not None else []
