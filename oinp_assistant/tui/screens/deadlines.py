"""The deadlines with date, weekday and days left; x exports them to a calendar file."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from oinp_assistant.deadlines import Deadline
from oinp_assistant.tui import display
from oinp_assistant.tui.screens.base import SessionScreen
from oinp_assistant.tui.state import Session
from oinp_assistant.urgency import SOON_DAYS, URGENT_DAYS, urgency


def deadline_text(deadline: Deadline, session: Session) -> Text:
    text = Text()
    text.append(display.long_date(deadline.date), style="bold")
    text.append("  ")
    text.append_text(display.days_left(deadline, session.today))
    text.append(f"\n{deadline.title}")
    text.append(f"\nWhere: {deadline.where}")
    text.append(f"\nWhat to do: {deadline.action}.")
    if deadline.note:
        text.append(f"\n{deadline.note}", style="italic")
    return text


def basis_text(session: Session) -> Text:
    report = session.deadlines
    text = Text()
    if report.basis is not None:
        basis = report.basis
        kind = "hypothetical invitation" if basis.hypothetical else "your invitation"
        text.append(
            f"Counted from {kind} of {basis.invitation_date} "
            f"({session.catalog.stream_name(basis.stream)}); today is "
            f"{display.long_date(session.today)}."
        )
    else:
        text.append(f"Today is {display.long_date(session.today)}.")
    for note in report.notes:
        text.append(f"\n{note}")
    return text


class DeadlinesScreen(SessionScreen):
    SUB_TITLE = "Deadlines"
    AUTO_FOCUS = "#deadlines"
    HELP_LEGEND = (
        f"‼ urgent ({URGENT_DAYS} days or less)   ! soon ({SOON_DAYS} days or less)   "
        "• later   · passed"
    )
    BINDINGS = [  # noqa: RUF012
        Binding("x", "app.export_calendar", "Calendar", id="export_calendar"),
    ]

    def compose_body(self) -> ComposeResult:
        session = self.session
        report = session.deadlines
        coming = report.upcoming(session.today)
        passed = [d for d in report.deadlines if d not in coming]
        with VerticalScroll(id="deadlines"):
            yield Static(basis_text(session), id="deadlines-basis")
            # The hypothetical deadlines come from the newest rounds: say how new they are.
            yield Static(session.catalog.freshness(), id="deadlines-freshness", markup=False)
            if not report.deadlines:
                yield Static("No deadlines to show.", classes="card")
            elif not coming:
                yield Static("No deadline ahead; the ones below have passed.", classes="hint")
            # What is still ahead comes first, soonest first; passed ones follow, newest first.
            for deadline in coming:
                yield self._card(deadline)
            if passed:
                yield Static(f"Passed ({len(passed)})", classes="section-title")
            for deadline in reversed(passed):
                yield self._card(deadline)

    def _card(self, deadline: Deadline) -> Static:
        card = Static(
            deadline_text(deadline, self.session),
            id=f"deadline-{deadline.kind.replace('_', '-')}",
            classes="card deadline",
        )
        # A hypothetical deadline (no invitation) never wears the urgent border.
        level = (
            "later" if deadline.hypothetical else urgency(deadline.days_left(self.session.today))
        )
        card.add_class(f"-{level}")
        return card
