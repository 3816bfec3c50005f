"""The profile at a glance: stream status, the newest rounds' verdicts, the next deadline."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from oinp_assistant.eligibility import DrawResult
from oinp_assistant.profile import REGION_NAMES
from oinp_assistant.tui import display
from oinp_assistant.tui.state import Session
from oinp_assistant.tui.widgets.title_bar import TitleBar


def profile_summary(session: Session) -> Text:
    profile, catalog = session.profile, session.catalog
    status = session.own.stream_status
    text = Text()
    text.append("Stream: ", style="bold")
    text.append(catalog.stream_name(profile.stream))
    text.append("  ")
    text.append(
        "● OPEN" if status.is_open else "✘ CLOSED",
        style="bold green" if status.is_open else "bold red",
    )
    text.append(f"\n{status.message}\n")
    text.append("NOC: ", style="bold")
    if profile.noc:
        text.append(f"{profile.noc} {catalog.occupation_title(profile.noc) or ''}".rstrip())
    else:
        text.append("not set")
    text.append("\nEOI score: ", style="bold")
    text.append(str(profile.eoi_score) if profile.eoi_score is not None else "not set")
    text.append("\nEOI: ", style="bold")
    if profile.eoi_registered and profile.eoi_expires:
        text.append(
            f"registered {profile.eoi_registered} ({(session.today - profile.eoi_registered).days}"
            f" days ago), last day in the pool {profile.eoi_expires}"
        )
    else:
        text.append("registration date not set")
    text.append("\nPermit: ", style="bold")
    permit = profile.permit
    if permit is None:
        text.append("not set")
    else:
        parts: list[str] = [permit.type]
        if permit.expires:
            parts.append(f"expires {permit.expires}")
        if permit.in_canada is not None:
            parts.append("in Canada" if permit.in_canada else "outside Canada")
        text.append(", ".join(parts))
    if profile.job_region:
        text.append("\nJob region: ", style="bold")
        text.append(REGION_NAMES.get(profile.job_region, profile.job_region))
        if profile.job_community:
            text.append(f" ({profile.job_community})")
    if profile.invitation:
        text.append("\nInvited: ", style="bold")
        text.append(str(profile.invitation.date))
    return text


def next_deadline(session: Session) -> Text:
    upcoming = session.deadlines.next(session.today)
    if upcoming is None:
        text = Text("No deadline ahead.")
        for note in session.deadlines.notes:
            text.append(f"\n{note}")
        return text
    text = Text()
    text.append_text(display.days_left(upcoming, session.today))
    text.append(f"\n{upcoming.title}: {display.long_date(upcoming.date)}")
    text.append(f"\nWhere: {upcoming.where}")
    basis = session.deadlines.basis
    if upcoming.is_submission and basis is not None and basis.hypothetical:
        text.append("\n(hypothetical: you have no invitation in your profile)")
    return text


def _result_line(result: DrawResult) -> Text:
    text = Text()
    text.append_text(display.verdict_text(result.verdict))
    text.append(f"  {result.draw.label}")
    if result.draw.min_score is not None:
        text.append(f" (min score {result.draw.min_score})")
    reasons = result.failed or [c for c in result.criteria if c.status == "unknown"]
    for criterion in reasons[:2]:
        text.append(f"\n    {criterion.name}: {criterion.detail}")
    return text


def newest_rounds(session: Session) -> Text:
    newest = session.newest_own
    text = Text()
    if newest:
        day = newest[0].draw.date
        text.append(
            f"Newest rounds of {session.catalog.stream_name(session.profile.stream)}: "
            f"{display.long_date(day)}",
            style="bold",
        )
        for result in newest:
            text.append("\n")
            text.append_text(_result_line(result))
    for note in session.own.notes:
        if text:
            text.append("\n")
        text.append(note)
    text.append("\nPress w for every round with the reasons, criterion by criterion.", style="dim")
    text.append(
        "\nPress h for your chances: how often your stream and occupation were drawn.",
        style="dim",
    )
    return text


class DashboardScreen(Screen[None]):
    SUB_TITLE = "Dashboard"

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="dashboard"):
            profile = Static(profile_summary(self.session), id="dash-profile", classes="card")
            profile.border_title = "Your profile"
            yield profile
            deadline = Static(next_deadline(self.session), id="dash-deadline", classes="card")
            deadline.border_title = "Next deadline"
            yield deadline
            rounds = Static(newest_rounds(self.session), id="dash-rounds", classes="card")
            rounds.border_title = "Newest rounds"
            yield rounds
            fresh = Static(
                self.session.catalog.freshness(), id="dash-freshness", classes="card", markup=False
            )
            fresh.border_title = "Data"
            yield fresh
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#dashboard", VerticalScroll).focus()
