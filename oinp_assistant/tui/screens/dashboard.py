"""The profile at a glance: stream status, the newest rounds' verdicts, the next deadline.

The screen only lays out a DashboardView (dashboard_view.py: plain texts, written from a
Session by dashboard_text.py). At start-up that view may come from the preload's process
(preload.py) before this process has imported the domain: the screen then shows it while the
full session loads, and keeps it when the session says the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from oinp_assistant.tui.dashboard_view import DashboardView
from oinp_assistant.tui.screens.base import VERDICT_LEGEND, AreaScreen

if TYPE_CHECKING:
    from oinp_assistant.tui.state import Session


class DashboardScreen(AreaScreen):
    SUB_TITLE = "Dashboard"
    AUTO_FOCUS = "#dashboard"
    HELP_LEGEND = VERDICT_LEGEND

    def __init__(self, view: DashboardView) -> None:
        super().__init__()
        self.view = view

    def take_session(self, session: Session) -> bool:
        """Keep the screen (its scroll and focus) when the session shows what it shows."""
        from oinp_assistant.tui.dashboard_text import dashboard_view

        return dashboard_view(session) == self.view

    def compose_body(self) -> ComposeResult:
        view = self.view
        with VerticalScroll(id="dashboard"):
            if view.lead is not None:
                lead = Static(view.lead, id="dash-lead", classes="card")
                lead.border_title = "Where you stand"
                lead.border_subtitle = "s: score  j: journey"
                yield lead
            profile = Static(view.profile, id="dash-profile", classes="card")
            profile.border_title = "Your profile"
            yield profile
            deadline = Static(view.deadline, id="dash-deadline", classes="card")
            deadline.border_title = "Next deadline"
            yield deadline
            rounds = Static(view.rounds, id="dash-rounds", classes="card")
            rounds.border_title = view.rounds_title
            yield rounds
            yield Static(view.freshness, id="dash-freshness", markup=False)
            if view.stale:
                yield Static(view.stale, id="dash-stale", markup=False)
