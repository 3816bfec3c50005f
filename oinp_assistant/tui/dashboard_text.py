"""The dashboard's texts, written from a Session (no Textual here): stream status, the newest
rounds' verdicts, the next deadline, where the estimate stands."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from oinp_assistant.deadlines import eoi_pool
from oinp_assistant.eligibility import DrawResult
from oinp_assistant.profile import REGION_NAMES
from oinp_assistant.tui import display
from oinp_assistant.tui.dashboard_view import DashboardView
from oinp_assistant.tui.state import Session


def dashboard_view(session: Session) -> DashboardView:
    return DashboardView(
        lead=estimate_lead(session) if session.estimate is not None else None,
        profile=profile_summary(session),
        deadline=next_deadline(session),
        rounds_title=newest_title(session),
        rounds=newest_rounds(session),
        freshness=session.catalog.freshness(),
        # No key of the app adds a round: the note names the command that does.
        stale=session.staleness.note(),
    )


def _since(day: dt.date, today: dt.date) -> str:
    """'1 day ago', 'today', or, for a date after today ('--today' set back, a typo),
    '3 days after today': never '-3 days ago'."""
    days = (today - day).days
    if days == 0:
        return "today"
    count = f"{abs(days)} day{'s' if abs(days) != 1 else ''}"
    return f"{count} ago" if days > 0 else f"{count} after today"


def profile_summary(session: Session) -> Text:
    """The profile in a few lines: at 80x24 the deadline and the verdicts must fit below it."""
    profile, catalog, today = session.profile, session.catalog, session.today
    text = Text()
    text.append("Stream: ", style="bold")
    text.append(catalog.stream_name(profile.stream))
    text.append("  ")
    text.append_text(display.stream_badge(catalog, profile.stream, today))
    status = display.stream_status_line(catalog, profile.stream, today)
    if status:
        text.append(f"\n{status}")
    text.append("\nNOC: ", style="bold")
    if profile.noc:
        text.append(f"{profile.noc} {catalog.occupation_title(profile.noc) or ''}".rstrip())
    else:
        text.append("not set")
    text.append("   EOI score: ", style="bold")
    text.append(str(profile.eoi_score) if profile.eoi_score is not None else "not set")
    text.append("\nEOI: ", style="bold")
    if profile.eoi_registered:
        text.append(
            f"registered {profile.eoi_registered} ({_since(profile.eoi_registered, today)})"
        )
        # The pool's end as `deadlines` and `profile show` word it: one story per fact.
        pool = eoi_pool(profile, catalog, today)
        if pool is not None:
            text.append(f", {pool.phrase}")
    else:
        text.append("registration date not set")
        if profile.invitation:
            text.append(f"; invited {profile.invitation.date}")
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
    return text


REQUIREMENT_WORDS = {
    "meets": ("✔", "you meet every requirement your profile lets us check", "green"),
    "does_not_meet": ("✘", "you do not meet at least one requirement", "red"),
    "unknown": ("?", "not known yet: facts are missing from your profile", "yellow"),
}


MISSED_ADVICE = "No extension: the process starts again with a new job offer and EOI."


def estimate_lead(session: Session) -> Text:
    """The estimate, the requirements verdict and the next step of the journey, a line each
    (an Ontario Workforce Priority profile, or a closed stream's candidate scored on its grid)."""
    e = session.estimate
    assert e is not None
    text = Text()
    text.append("Estimate: ", style="bold")
    if e.unknown:
        count = len(e.unknown)
        text.append(
            f"{e.total}–{e.total_max_possible} of {e.maximum}, "
            f"{count} fact{'s' if count != 1 else ''} unknown"
        )
    else:
        text.append(f"{e.total} of {e.maximum}")
    if session.scored_as != session.profile.stream:
        # The closed stream's score does not carry over: say whose grid this is.
        text.append(f" on the {display.stream_short(session.scored_as)} grid", style="italic")
    symbol, words, style = REQUIREMENT_WORDS[session.requirements.verdict]
    text.append("\nRequirements: ", style="bold")
    text.append(f"{symbol} {words}", style=style)
    missed = [s for s in session.journey if s.state == "missed"]
    if missed:
        # A missed date has no extension: the steps after it are not "next" any more.
        last = missed[-1]
        text.append("\nMissed: ", style="bold red")
        text.append(f"✘ {last.title}" + (f", {last.date}" if last.date else ""), style="red")
        text.append(f"\n{MISSED_ADVICE}")
        return text
    step = next((s for s in session.journey if s.state == "next"), None)
    text.append("\nNext step: ", style="bold")
    if step is None:
        text.append("none: every step is done")
    else:
        text.append(step.title)
        if step.date is not None:
            text.append(f", by {display.long_date(step.date)}")
        elif step.detail:
            text.append(f". {step.detail}")
    return text


def next_deadline(session: Session) -> Text:
    upcoming = session.deadlines.next(session.today)
    if upcoming is None:
        # One paragraph: at 80x24 every line counts.
        words = ["No deadline ahead."] + [n for n in session.deadlines.notes]
        return Text(" ".join(words))
    text = Text()
    text.append_text(display.days_left(upcoming, session.today))
    text.append(f"  {upcoming.title}: {display.long_date(upcoming.date)}")
    text.append(f"\nWhere: {upcoming.where}")
    basis = session.deadlines.basis
    if upcoming.is_submission and basis is not None and basis.hypothetical:
        text.append("\n(hypothetical: you have no invitation in your profile)")
    return text


def _result_line(result: DrawResult) -> Text:
    """One line a round: the verdict, and which criteria failed or are unknown (the Draws
    screen has their sentences)."""
    text = Text()
    text.append_text(display.verdict_text(result.verdict))
    text.append(f"  {result.draw.label}")
    if result.draw.min_score is not None:
        text.append(f" (min {result.draw.min_score})")
    failed = [c.name.replace("_", " ") for c in result.failed]
    unknown = [c.name.replace("_", " ") for c in result.criteria if c.status == "unknown"]
    if failed:
        text.append(f": {', '.join(failed)}", style="red")
    elif unknown:
        text.append(f": {', '.join(unknown)}", style="yellow")
    return text


def newest_title(session: Session) -> str:
    newest = session.newest_own
    if not newest:
        return "Newest rounds"
    return f"Newest rounds of your stream: {display.long_date(newest[0].draw.date)}"


def newest_rounds(session: Session) -> Text:
    """The verdicts of the stream's newest draw day (its date is in the card's title)."""
    newest = session.newest_own
    text = Text()
    for result in newest:
        if text:
            text.append("\n")
        text.append_text(_result_line(result))
    for note in session.report.notes:
        if text:
            text.append("\n")
        text.append(note)
    if newest:
        hint = "w: every round, criterion by criterion.  h: your chances."
    else:
        hint = "w: the rounds of every other stream."
    if text:
        text.append("\n")
    text.append(hint, style="dim")
    return text
