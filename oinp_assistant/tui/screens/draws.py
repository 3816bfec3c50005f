"""Every round in the data with the profile's verdict; filter by stream and text, open one."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Select, Static

from oinp_assistant.eligibility import DrawResult
from oinp_assistant.tui import display
from oinp_assistant.tui.state import Session
from oinp_assistant.tui.widgets.title_bar import TitleBar

ALL = "__all__"


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
            draw.label,
            draw.notes,
            draw.region or "",
            " ".join(draw.noc_codes or ()),
            display.VERDICTS[result.verdict][1],
        ]
    ).lower()
    return all(word in haystack for word in words.lower().split())


class DrawsScreen(Screen[None]):
    SUB_TITLE = "Draws"
    BINDINGS = [  # noqa: RUF012
        Binding("slash", "focus_filter", "Filter", id="filter_draws"),
        Binding("escape", "focus_table", "To table", id="focus_draws_table", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        catalog = self.session.catalog
        streams = sorted({d.stream for d in catalog.draws} | {self.session.profile.stream})
        yield TitleBar()
        with Horizontal(id="draws-filters"):
            yield Select(
                [("All streams", ALL)] + [(catalog.stream_name(s), s) for s in streams],
                value=ALL,
                allow_blank=False,
                id="stream-filter",
            )
            yield Input(placeholder="Filter: words, date, NOC…", id="text-filter")
        yield Static("", id="draws-count")
        table: DataTable[str | Text] = DataTable(id="draws-table", cursor_type="row")
        yield table
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#draws-table", DataTable)
        table.add_column("Date", key="date")
        table.add_column("Verdict", key="verdict")
        table.add_column("Stream", key="stream")
        table.add_column("Round", key="round")
        table.add_column("Invited", key="invitations")
        table.add_column("Min", key="min_score")
        self.refill()
        table.focus()

    def visible_results(self) -> list[DrawResult]:
        stream = self.query_one("#stream-filter", Select).value
        words = self.query_one("#text-filter", Input).value
        chosen = stream if isinstance(stream, str) else ALL
        return [r for r in self.session.every.results if matches(r, chosen, words, self.session)]

    def refill(self) -> None:
        table = self.query_one("#draws-table", DataTable)
        table.clear()
        shown = self.visible_results()
        catalog = self.session.catalog
        for result in shown:
            draw = result.draw
            # Text, not str: a user's draws file may hold square brackets (markup).
            table.add_row(
                Text(draw.date.isoformat()),
                display.verdict_text(result.verdict),
                Text(catalog.stream_name(draw.stream)),
                Text(draw.label),
                Text("?" if draw.invitations is None else str(draw.invitations), justify="right"),
                Text("–" if draw.min_score is None else str(draw.min_score), justify="right"),
                key=draw.id,
            )
        total = len(self.session.every.results)
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
        result = next(r for r in self.session.every.results if r.draw.id == key)
        self.app.push_screen(DrawDetailScreen(self.session, result))

    def palette_commands(self) -> list[SystemCommand]:
        return [
            SystemCommand(
                "Draws: filter", "Type words to narrow the rounds", self.action_focus_filter
            )
        ]

    def action_focus_filter(self) -> None:
        self.query_one("#text-filter", Input).focus()

    def action_focus_table(self) -> None:
        self.query_one("#draws-table", DataTable).focus()
