"""Every problem of the profile (or the data), as `oinp profile validate` words them; r reloads."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from oinp_assistant.tui.widgets.title_bar import TitleBar


class ProblemsScreen(Screen[None]):
    SUB_TITLE = "Problems"
    BINDINGS = [Binding("r", "app.reload", "Reload", id="reload_problems")]  # noqa: RUF012

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__()
        self.path = path
        self.problems = problems

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="problems-scroll"):
            count = len(self.problems)
            yield Static(
                f"{count} problem{'s stop' if count != 1 else ' stops'} the assistant from "
                "using your files:",
                classes="title",
            )
            for number, problem in enumerate(self.problems, start=1):
                yield Static(f"{number}. {problem}", classes="problem", markup=False)
            yield Static(
                f"Fix them in your editor ({self.path}), save, and press r to reload. The "
                "assistant also reloads by itself when the file changes.",
                classes="hint",
                markup=False,
            )
        yield Footer(compact=True, show_command_palette=False)
