"""F1: every key that works on the screen it was opened from, read from the live bindings."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

Row = tuple[str, str, str]


def _where(node: DOMNode) -> str:
    if isinstance(node, App):
        return "everywhere"
    if isinstance(node, Screen):
        return "this screen"
    return "focused field"


def rows_from_bindings(app: App[Any], active: dict[str, ActiveBinding]) -> list[Row]:
    """(where, key, what) for each active binding: this screen, app-wide, then the field."""
    rows: list[tuple[int, Row]] = []
    order = {"this screen": 0, "everywhere": 1, "focused field": 2}
    for active_binding in active.values():
        binding = active_binding.binding
        if not binding.description:
            continue
        where = _where(active_binding.node)
        rows.append((order[where], (where, app.get_key_display(binding), binding.description)))
    rows.sort(key=lambda item: item[0])
    return [row for _, row in rows]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "close", "Close help", id="close_help"),
        Binding("f1", "close", "Close help", show=False),
        Binding("q", "close", "Close help", show=False),
    ]

    def __init__(self, rows: list[Row]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        # A Rich table in a scrolling Static: long descriptions wrap instead of being cut.
        table = Table(box=None, expand=True, padding=(0, 1), header_style="bold")
        table.add_column("Where", no_wrap=True)
        table.add_column("Key", no_wrap=True)
        table.add_column("What it does", ratio=1)
        for where, key, what in self.rows:
            table.add_row(Text(where), Text(key, style="bold"), Text(what))
        with Vertical(id="help-box", classes="dialog"):
            yield Static("Keys (Escape closes)", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-table")

    def on_mount(self) -> None:
        self.query_one("#help-scroll", VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
