"""Dashboard: stream status, NOC title, score, permit, EOI, newest verdicts, freshness, deadline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import Select, Static

from oinp_assistant.catalog import Catalog
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.dashboard import DashboardScreen
from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen

from .conftest import COMMENTED_PROFILE, NO_INVITATION_PROFILE, running


def card(app: OinpApp, card_id: str) -> str:
    return str(app.screen.query_one(f"#{card_id}", Static).render())


async def test_summary_verdicts_freshness_and_next_deadline(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with running(app):
        assert isinstance(app.screen, DashboardScreen)
        profile = card(app, "dash-profile")
        assert "Foreign Worker" in profile and "✘ CLOSED 2026-05-30" in profile
        assert "Replaced by Ontario Workforce Priority; press e for what to do." in profile
        assert "21231 Software engineers and designers" in profile
        assert "EOI score: 57" in profile
        assert "work, expires 2027-01-31, in Canada" in profile
        # Invited: the EOI left the pool, worded as `deadlines` and `profile show` word it.
        flat = " ".join(profile.split())
        assert (
            "registered 2026-03-12 (259 days ago), out of the pool since your invitation on "
            "2026-04-30"
        ) in flat
        assert "in the pool until" not in flat
        deadline = card(app, "dash-deadline")
        assert "66 days left" in deadline
        assert "2027-01-31 (Sunday)" in deadline
        rounds = card(app, "dash-rounds")
        assert "✔ in scope  GTA (min 57)" in rounds
        title = app.screen.query_one("#dash-rounds", Static).border_title
        assert title == "Newest rounds of your stream: 2026-04-30 (Thursday)"
        assert card(app, "dash-freshness") == catalog.freshness()


async def test_urgent_deadline_says_so_in_words(app_for: Callable[..., OinpApp]) -> None:
    # Invited 2026-11-11: the candidate's 17 days end 2026-11-28, two days after "today".
    app = app_for(NO_INVITATION_PROFILE + "\n[invitation]\ndate = 2026-11-11\n")
    async with running(app):
        deadline = card(app, "dash-deadline")
        assert "2 days left — URGENT" in deadline
        assert "Submit your OINP application and pay" in deadline


async def test_stream_without_draws_says_so(app_for: Callable[..., OinpApp]) -> None:
    app = app_for('stream = "ontario_workforce_priority"\neoi_score = 70\n')
    async with running(app):
        profile = card(app, "dash-profile")
        assert "● OPEN" in profile
        rounds = card(app, "dash-rounds")
        assert "No round of Ontario Workforce Priority is in the data" in rounds
        # No round of its own: no "every round, criterion by criterion" to promise.
        assert "criterion by criterion" not in rounds
        assert "w: the rounds of every other stream." in rounds
        deadline = card(app, "dash-deadline")
        assert "No deadline ahead" in deadline
        # The app's words, not the file's syntax.
        assert "Once invited, add the invitation's date to your profile." in deadline
        assert "YYYY-MM-DD" not in deadline and "[invitation]" not in deadline


async def test_square_brackets_in_user_data_are_shown_not_parsed(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(NO_INVITATION_PROFILE + 'job_community = "[/red] North [b]Bay"\n')
    async with running(app):
        assert "([/red] North [b]Bay)" in card(app, "dash-profile")


async def test_an_expiry_is_never_called_hypothetical(app_for: Callable[..., OinpApp]) -> None:
    # No invitation: the submission deadlines are hypothetical (and long passed); the next
    # deadline is the permit's own expiry, a real date that must not carry that label.
    app = app_for(
        NO_INVITATION_PROFILE
        + '\n[permit]\ntype = "work"\nexpires = 2027-01-01\nin_canada = true\n'
    )
    async with running(app):
        deadline = card(app, "dash-deadline")
        assert "Your work permit expires" in deadline
        assert "hypothetical" not in deadline


IDS_PROFILE = """\
stream = "in_demand_skills"
noc = "72106"
eoi_score = 30
eoi_registered = 2026-01-10
job_region = "toronto"

[permit]
type = "work"
expires = 2027-05-01
in_canada = true
"""


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(COMMENTED_PROFILE, id="invited"),
        # Four rounds on the newest day, each out of scope for three reasons.
        pytest.param(IDS_PROFILE, id="four-rounds"),
        pytest.param('stream = "ontario_workforce_priority"\neoi_score = 70\n', id="no-rounds"),
    ],
)
async def test_the_essentials_fit_80x24_without_scrolling(
    app_for: Callable[..., OinpApp], text: str
) -> None:
    """Where you stand (estimate, requirements, next step), the profile and the next deadline
    are on the first screen; the rounds, the freshness and the staleness note may scroll."""
    app = app_for(text)
    async with running(app, size=(80, 24)) as pilot:
        scroll = app.screen.query_one("#dashboard", VerticalScroll)
        bottom = scroll.region.bottom
        for name in ("dash-lead", "dash-profile", "dash-deadline"):
            widget = app.screen.query_one(f"#{name}", Static)
            assert widget.region.height > 0 and widget.region.bottom <= bottom, name
        assert "days left" in card(app, "dash-deadline") or "No deadline" in card(
            app, "dash-deadline"
        )
        scroll.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        stale = app.screen.query_one("#dash-stale", Static)
        assert stale.region.height > 0 and stale.region.bottom <= bottom


async def test_closed_stream_details_are_one_key_away(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "e", size=(80, 24)):
        assert isinstance(app.screen, ProfileEditorScreen)
        status = str(app.screen.query_one("#editor-stream-status", Static).render())
        assert "Foreign Worker closed on 2026-05-30" in status
        assert "Your old EOI does not carry over" in status
        assert "stream =" not in status
        # The stream is what to change: the form starts there, its status in view.
        assert app.focused is app.screen.query_one("#in-stream", Select)
        assert app.screen.query_one("#editor-stream-status").region.y >= 1


@pytest.mark.parametrize(
    ("registered", "said"),
    [
        ("2026-11-25", "registered 2026-11-25 (1 day ago)"),
        ("2026-11-26", "registered 2026-11-26 (today)"),
        # A date after today (`--today` set back, or a typo): never "-3 days ago".
        ("2026-11-29", "registered 2026-11-29 (3 days after today)"),
    ],
)
async def test_the_eoi_date_is_counted_in_words_on_either_side_of_today(
    app_for: Callable[..., OinpApp], registered: str, said: str
) -> None:
    app = app_for(NO_INVITATION_PROFILE.replace("2026-03-12", registered))
    async with running(app):
        assert said in " ".join(card(app, "dash-profile").split())
