"""Every round in the data with the profile's verdict; filter by stream and text, open one."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Select, Static

from oinp_assistant.eligibility import DrawResult
from oinp_assistant.staleness import staleness
from oinp_assistant.tui import display
from oinp_assistant.tui.screens.base import VERDICT_LEGEND, SessionScreen
from oinp_assistant.tui.state import Session

ALL = "__all__"
COLUMNS = (
    ("Date", "date"),
    ("Verdict", "verdict"),
    ("Stream", "stream"),
    ("Round", "round"),
    ("Invited", "invitations"),
    ("Min", "min_score"),
)
# Cells of every column but Round: date, verdict ("✘ out of scope"), Invited, Min; the Stream
# column is as wide as the longest short name.
FIXED_WIDTHS = (10, 14, 7, 3)
SCROLLBAR = 2
MIN_ROUND_WIDTH = 12


def matches(result: DrawResult, stream: str, words: str, session: Session) -> bool:
    draw = result.draw
    if stream != ALL and draw.stream != stream:
        return False
    if not words.strip():
        return True
    haystack = " ".join(
        [
            draw.id,
            draw.date.isoformat(),
            draw.stream,
            session.catalog.stream_name(draw.stream),
            display.stream_short(draw.stream),
            draw.label,
            draw.notes,
            draw.region or "",
            " ".join(draw.noc_codes or ()),
            display.VERDICTS[result.verdict][1],
        ]
    ).lower()
    return all(word in haystack for word in words.lower().split())


def stale_line(session: Session) -> Text | None:
    """Above the table, only when the record is old: its age, the two official pages (links
    in terminals that follow them) and the key that adds a round. Short: the table needs the
    room; `oinp draws list` and the dashboard give the full sentence."""
    state = staleness(session.catalog, session.today)
    if not state.is_stale:
        return None
    invitations, updates = state.pages
    text = Text(f"⚠ The record is {state.days} days old: newer rounds are on the ")
    text.append("OINP invitations page", style=f"underline link {invitations}")
    text.append(" and the ")
    text.append(f"{session.today.year} updates page", style=f"underline link {updates}")
    text.append("; press a to add one.")
    return text


class DrawsScreen(SessionScreen):
    SUB_TITLE = "Draws"
    AUTO_FOCUS = "#draws-table"
    HELP_KEYS = (("this screen", "enter", "Open the round under the cursor, in full"),)
    HELP_LEGEND = VERDICT_LEGEND + "\n+ a round you added"
    BINDINGS = [  # noqa: RUF012
        # Not in the footer (80 columns): the filter box is on screen, and F1 lists the key.
        Binding("slash", "focus_filter", "Find", id="filter_draws", show=False),
        Binding("a", "add_round", "Add", id="add_round"),
        Binding("escape", "focus_table", "To table", id="focus_draws_table", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.round_width = 0

    def compose_body(self) -> ComposeResult:
        catalog = self.session.catalog
        streams = sorted({d.stream for d in catalog.draws} | {self.session.profile.stream})
        with Horizontal(id="draws-filters"):
            # The full names, with the short ones the table uses: the filter is the legend.
            yield Select(
                [("All streams", ALL)]
                + [(f"{catalog.stream_name(s)} ({display.stream_short(s)})", s) for s in streams],
                value=ALL,
                allow_blank=False,
                id="stream-filter",
            )
            yield Input(placeholder="Filter: words, date, NOC…", id="text-filter")
        yield Static("", id="draws-count")
        yield Static(self.session.catalog.freshness(), id="draws-freshness", markup=False)
        stale = stale_line(self.session)
        if stale is not None:
            yield Static(stale, id="draws-stale", markup=False)
        table: DataTable[str | Text] = DataTable(id="draws-table", cursor_type="row")
        yield table

    def on_mount(self) -> None:
        self.refill()
        self.query_one("#draws-table", DataTable).focus()

    def _round_width(self) -> int:
        """What is left for the Round column once the others have their room, at this width."""
        table = self.query_one("#draws-table", DataTable)
        width = self.size.width or self.app.size.width
        shorts = [display.stream_short(d.stream) for d in self.session.catalog.draws]
        stream = max(len(short) for short in ["Stream", *shorts])
        columns = len(FIXED_WIDTHS) + 2
        taken = sum(FIXED_WIDTHS) + stream + 2 * table.cell_padding * columns + SCROLLBAR
        return max(MIN_ROUND_WIDTH, width - taken)

    def on_resize(self, event: events.Resize) -> None:
        if self._round_width() != self.round_width:
            self.refill(keep_cursor=True)

    def on_screen_resume(self) -> None:
        # Built or last filled while another screen was on top (a reload under a dialog,
        # keys pressed during start-up), the table was measured for a size it never had.
        if self._round_width() != self.round_width:
            self.refill(keep_cursor=True)

    def visible_results(self) -> list[DrawResult]:
        stream = self.query_one("#stream-filter", Select).value
        words = self.query_one("#text-filter", Input).value
        chosen = stream if isinstance(stream, str) else ALL
        return [r for r in self.session.report.results if matches(r, chosen, words, self.session)]

    def _cells(self, result: DrawResult) -> list[Text]:
        draw = result.draw
        # Text, not str: a user's draws file may hold square brackets (markup).
        return [
            Text(draw.date.isoformat()),
            display.verdict_text(result.verdict),
            Text(display.stream_short(draw.stream)),
            # A label too long for the room left ends in "…"; Enter shows it in full.
            # "+": a round the user added (the legend and the round's screen say so).
            Text("+ ", style="bold").append_text(display.fit(draw.label, self.round_width - 2))
            if draw.is_added
            else display.fit(draw.label, self.round_width),
            Text("?" if draw.invitations is None else str(draw.invitations), justify="right"),
            Text("–" if draw.min_score is None else str(draw.min_score), justify="right"),
        ]

    def refill(self, *, keep_cursor: bool = False) -> None:
        """Fill the table for the filters and the width of now, measuring every column.

        The widths are set here, not left to DataTable: it measures new rows later, when
        idle, and a table filled while its screen was not shown kept the widths of its
        headers ("2026 ✘ out o FW Centr").
        """
        table = self.query_one("#draws-table", DataTable)
        cursor = table.cursor_row
        self.round_width = self._round_width()
        shown = self.visible_results()
        rows = [(result.draw.id, self._cells(result)) for result in shown]
        widths = [
            max([len(label)] + [cells[i].cell_len for _, cells in rows])
            for i, (label, _) in enumerate(COLUMNS)
        ]
        # Columns too: a column keeps the widest width it ever had, and after a terminal got
        # narrower that would push Invited and Min off the screen.
        table.clear(columns=True)
        for (label, key), width in zip(COLUMNS, widths, strict=True):
            table.add_column(label, key=key, width=width)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if keep_cursor and shown:
            table.move_cursor(row=min(cursor, len(shown) - 1))
        total = len(self.session.report.results)
        self.query_one("#draws-count", Static).update(
            f"{len(shown)} of {total} rounds, newest first. Enter opens a round; / filters."
        )

    @on(Select.Changed, "#stream-filter")
    @on(Input.Changed, "#text-filter")
    def _filter_changed(self) -> None:
        self.refill()

    @on(Input.Submitted, "#text-filter")
    def _filter_submitted(self) -> None:
        self.action_focus_table()

    @on(DataTable.RowSelected, "#draws-table")
    def _open(self, event: DataTable.RowSelected) -> None:
        from oinp_assistant.tui.screens.draw_detail import DrawDetailScreen

        key = event.row_key.value
        result = next(r for r in self.session.report.results if r.draw.id == key)
        self.app.push_screen(DrawDetailScreen(self.session, result))

    def palette_commands(self) -> Iterable[SystemCommand]:
        return [
            SystemCommand(
                "Draws: filter", "Type words to narrow the rounds", self.action_focus_filter
            ),
            SystemCommand(
                "Draws: add a round",
                "Type a newly announced round from its notice",
                self.action_add_round,
            ),
        ]

    def action_add_round(self) -> None:
        from oinp_assistant.tui.screens.add_round import AddRoundScreen

        self.app.push_screen(AddRoundScreen(self.session))

    def select_round(self, draw_id: str) -> None:
        """Put the cursor on a round (the one just added), clearing filters that hide it."""
        keys = [r.draw.id for r in self.visible_results()]
        if draw_id not in keys:
            self.query_one("#stream-filter", Select).value = ALL
            self.query_one("#text-filter", Input).value = ""
            self.refill()
            keys = [r.draw.id for r in self.visible_results()]
        if draw_id in keys:
            self.query_one("#draws-table", DataTable).move_cursor(row=keys.index(draw_id))

    def action_focus_filter(self) -> None:
        self.query_one("#text-filter", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#draws-table", DataTable).focus()
