"""The first screen: painted at once while the data and the profile load in a worker."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from oinp_assistant.tui.widgets.title_bar import TitleBar


class LoadingScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield TitleBar()
        yield Static("Loading the draw data and your profile…", id="loading")
        yield Footer(compact=True, show_command_palette=False)
