"""F1: every key that works on the screen it was opened from, read from the live bindings,
plus the keys a widget handles under a vaguer name (`HELP_KEYS`) and the screen's legend."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from oinp_assistant.tui.screens.base import Dialog, HelpRow

Row = HelpRow


def _where(node: DOMNode) -> str:
    if isinstance(node, App):
        return "everywhere"
    if isinstance(node, Screen):
        return "this screen"
    return "focused field"


# Textual's own bindings that do nothing useful here: copying mouse-selected text from a
# screen, and scrolling sideways (nothing in the app is wider than the terminal).
NOISE = {
    ("this screen", "Copy selected text"),
    ("focused field", "Scroll Left"),
    ("focused field", "Scroll Right"),
    ("focused field", "Page Left"),
    ("focused field", "Page Right"),
}
RENAMED = {"palette": "Command palette"}


def rows_from_bindings(
    app: App[Any], active: dict[str, ActiveBinding], extra: Iterable[Row] = ()
) -> list[Row]:
    """(where, keys, what) for the active bindings: this screen, app-wide, then the field.

    Keys that do the same thing share a row ("^q, q  Quit"); the macOS-only super+ twins of
    ctrl keys and the bindings in NOISE are left out; every description starts with a capital.
    `extra` rows (a screen's HELP_KEYS) say what a field's key does here: the field's own
    binding for the same key ("enter  Select") gives way to them.
    """
    extra = list(extra)
    explained = {key for _, key, _ in extra}
    order = {"this screen": 0, "everywhere": 1, "focused field": 2}
    merged: dict[tuple[str, str], list[str]] = {}
    for active_binding in active.values():
        binding = active_binding.binding
        if not binding.description or binding.key.startswith("super+"):
            continue
        where = _where(active_binding.node)
        what = RENAMED.get(binding.description, binding.description)
        what = what[:1].upper() + what[1:]
        if (where, what) in NOISE:
            continue
        key = app.get_key_display(binding)
        if where == "focused field" and (binding.key in explained or key in explained):
            continue
        keys = merged.setdefault((where, what), [])
        if key not in keys:
            keys.append(key)
    rows = [(where, ", ".join(keys), what) for (where, what), keys in merged.items()]
    rows += extra
    return sorted(rows, key=lambda row: order[row[0]])


class HelpScreen(Dialog[None]):
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "cancel", "Close help", id="close_help"),
        Binding("f1", "cancel", "Close help", show=False),
        Binding("q", "cancel", "Close help", show=False),
    ]
    AUTO_FOCUS = "#help-scroll"

    def __init__(self, rows: list[Row], legend: str = "") -> None:
        super().__init__()
        self.rows = rows
        self.legend = legend

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
            if self.legend:
                # Above the keys, not under them: a long list would scroll it out of sight.
                yield Static(f"Symbols: {self.legend}", id="help-legend", markup=False)
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-table")
