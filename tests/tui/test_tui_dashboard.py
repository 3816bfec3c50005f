"""Dashboard: stream status, NOC title, score, permit, EOI, newest verdicts, freshness, deadline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from oinp_assistant.catalog import Catalog
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.dashboard import DashboardScreen

from .conftest import NO_INVITATION_PROFILE, async_test, ready


def card(app: OinpApp, card_id: str) -> str:
    return str(app.screen.query_one(f"#{card_id}", Static).render())


@async_test
async def test_summary_verdicts_freshness_and_next_deadline(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert isinstance(app.screen, DashboardScreen)
        profile = card(app, "dash-profile")
        assert "Foreign Worker" in profile and "✘ CLOSED" in profile
        assert "replaced by Ontario Workforce Priority" in profile
        assert "21231 Software engineers and designers" in profile
        assert "EOI score: 57" in profile
        assert "work, expires 2027-01-31, in Canada" in profile
        assert "last day in the pool 2027-03-12" in profile
        deadline = card(app, "dash-deadline")
        assert "66 days left" in deadline
        assert "2027-01-31 (Sunday)" in deadline
        rounds = card(app, "dash-rounds")
        assert "2026-04-30" in rounds and "✔ in scope" in rounds
        assert card(app, "dash-freshness") == catalog.freshness()


@async_test
async def test_urgent_deadline_says_so_in_words(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    # Invited 2026-11-11: the candidate's 17 days end 2026-11-28, two days after "today".
    path = tmp_path / "profile.toml"
    path.write_text(NO_INVITATION_PROFILE + "\n[invitation]\ndate = 2026-11-11\n")
    app = build_app(path)
    async with app.run_test() as pilot:
        await ready(pilot)
        deadline = card(app, "dash-deadline")
        assert "2 days left — URGENT" in deadline
        assert "Submit your OINP application and pay" in deadline


@async_test
async def test_stream_without_draws_says_so(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('stream = "ontario_workforce_priority"\neoi_score = 70\n')
    app = build_app(path)
    async with app.run_test() as pilot:
        await ready(pilot)
        profile = card(app, "dash-profile")
        assert "● OPEN" in profile
        rounds = card(app, "dash-rounds")
        assert "No round of Ontario Workforce Priority is in the data" in rounds
        assert "No deadline ahead" in card(app, "dash-deadline")


@async_test
async def test_square_brackets_in_user_data_are_shown_not_parsed(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(NO_INVITATION_PROFILE + 'job_community = "[/red] North [b]Bay"\n')
    app = build_app(path)
    async with app.run_test() as pilot:
        await ready(pilot)
        assert "([/red] North [b]Bay)" in card(app, "dash-profile")


@async_test
async def test_an_expiry_is_never_called_hypothetical(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    # No invitation: the submission deadlines are hypothetical (and long passed); the next
    # deadline is the permit's own expiry, a real date that must not carry that label.
    path = tmp_path / "profile.toml"
    path.write_text(
        NO_INVITATION_PROFILE
        + '\n[permit]\ntype = "work"\nexpires = 2027-01-01\nin_canada = true\n'
    )
    app = build_app(path)
    async with app.run_test() as pilot:
        await ready(pilot)
        deadline = card(app, "dash-deadline")
        assert "Your work permit expires" in deadline
        assert "hypothetical" not in deadline
