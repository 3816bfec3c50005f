"""F1: every key that works on the screen it was opened from, read from the live bindings."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

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
        with Vertical(id="help-box", classes="dialog"):
            yield Static("Keys (Escape closes)", classes="dialog-title")
            table: DataTable[Text] = DataTable(
                id="help-table", cursor_type="row", zebra_stripes=True
            )
            table.add_columns("Where", "Key", "What it does")
            for row in self.rows:
                table.add_row(*(Text(cell) for cell in row))
            yield table

    def action_close(self) -> None:
        self.dismiss(None)
