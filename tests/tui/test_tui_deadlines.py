"""Deadlines: dates, weekday, days left; x exports a valid .ics where the user says."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from oinp_assistant.catalog import Catalog
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.deadlines import DeadlinesScreen
from oinp_assistant.tui.screens.error import ErrorScreen
from oinp_assistant.tui.screens.export_dialog import ExportDialog

from .conftest import NO_INVITATION_PROFILE, notifications, running


async def test_lists_deadlines_with_weekday_and_days_left(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "l"):
        assert isinstance(app.screen, DeadlinesScreen)
        cards = [str(c.render()) for c in app.screen.query(".deadline").results(Static)]
        # Invited: the EOI left the pool, so no EOI-expiry deadline.
        assert len(cards) == 3
        assert not any("EOI" in card.split("\n")[1] for card in cards)
        # Still ahead first, soonest first; then the passed ones, most recent first.
        assert cards[0].startswith("2027-01-31 (Sunday)") and "66 days left" in cards[0]
        assert "Your work permit expires" in cards[0]
        assert "Where: IRCC" in cards[0]
        assert cards[1].startswith("2026-05-17 (Sunday)") and "passed 193 days ago" in cards[1]
        assert cards[2].startswith("2026-05-14 (Thursday)") and "passed 196 days ago" in cards[2]
        basis = str(app.screen.query_one("#deadlines-basis", Static).render())
        assert "Counted from your invitation of 2026-04-30" in basis


async def test_export_writes_a_valid_ics_to_the_chosen_path(
    build_app: Callable[..., OinpApp], profile_file: Path, tmp_path: Path
) -> None:
    import icalendar

    app = build_app(profile_file)
    async with running(app, "l", "x", notifications=True) as pilot:
        assert isinstance(app.screen, ExportDialog)
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(tmp_path / "oinp-deadlines.ics")  # the default
        (tmp_path / "cal").mkdir()
        field.value = str(tmp_path / "cal" / "mine.ics")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        written = tmp_path / "cal" / "mine.ics"
        calendar = icalendar.Calendar.from_ical(written.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 3
        assert {str(e["summary"]) for e in events} >= {"OINP: Your work permit expires"}
        assert oct(written.stat().st_mode & 0o777) == "0o600"
        assert any(f"Calendar written: {written} (3 events)" in n for n in notifications(app))


async def test_export_to_an_unwritable_place_shows_an_error(
    build_app: Callable[..., OinpApp], profile_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    app = build_app(profile_file)
    async with running(app, "l", "x") as pilot:
        app.screen.query_one("#export-path", Input).value = str(blocker / "x.ics")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, DeadlinesScreen)


async def test_escape_cancels_export(
    build_app: Callable[..., OinpApp], profile_file: Path, tmp_path: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "l", "x") as pilot:
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DeadlinesScreen)
        assert not (tmp_path / "oinp-deadlines.ics").exists()


async def test_hypothetical_deadlines_stay_out_of_the_calendar(
    app_for: Callable[..., OinpApp], tmp_path: Path
) -> None:
    permit = '\n[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n'
    # Two days after the round that would have invited the person: its deadlines are ahead.
    app = app_for(NO_INVITATION_PROFILE + permit, today=dt.date(2026, 5, 2))
    async with running(app, "l", notifications=True) as pilot:
        basis = str(app.screen.query_one("#deadlines-basis", Static).render())
        assert "hypothetical invitation" in basis
        await pilot.press("x", "enter")
        await pilot.pause()
        assert (tmp_path / "oinp-deadlines.ics").exists()
        assert any(
            "Hypothetical submission deadlines were left out." in n for n in notifications(app)
        )


async def test_hypothetical_deadlines_say_if_and_never_look_urgent(
    app_for: Callable[..., OinpApp],
) -> None:
    permit = '\n[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n'
    # 2026-05-13: one day before the employer's hypothetical deadline (2026-05-14).
    app = app_for(NO_INVITATION_PROFILE + permit, today=dt.date(2026, 5, 13))
    async with running(app, "l"):
        card = app.screen.query_one("#deadline-employer-submission", Static)
        text = str(card.render())
        assert "If you had been invited on 2026-04-30" in text
        assert "1 day left, if you had been invited" in text and "URGENT" not in text
        assert not card.has_class("-urgent")


async def test_hypothetical_deadlines_that_passed_are_not_shown(
    app_for: Callable[..., OinpApp],
) -> None:
    permit = '\n[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n'
    app = app_for(NO_INVITATION_PROFILE + permit)  # 2026-11-26: months after 2026-05-17
    async with running(app, "l"):
        assert not app.screen.query("#deadline-employer-submission")
        assert not app.screen.query("#deadline-candidate-submission")
        assert "have passed, so none is shown" in str(
            app.screen.query_one("#deadlines-basis", Static).render()
        )


async def test_nothing_to_export_says_why(app_for: Callable[..., OinpApp], tmp_path: Path) -> None:
    app = app_for('stream = "ontario_workforce_priority"\n')
    async with running(app, "l", "x", "enter"):
        assert isinstance(app.screen, ErrorScreen)
        assert "nothing to export" in str(app.screen.query_one("#error-message").render())
        assert not (tmp_path / "oinp-deadlines.ics").exists()


async def test_deadlines_say_how_fresh_the_data_is_and_use_the_apps_words(
    app_for: Callable[..., OinpApp], catalog: Catalog
) -> None:
    app = app_for('stream = "ontario_workforce_priority"\n')
    async with running(app, "l", size=(80, 24)):
        fresh = app.screen.query_one("#deadlines-freshness", Static)
        assert str(fresh.render()) == catalog.freshness()
        assert fresh.region.height >= 1 and fresh.region.bottom <= 23
        basis = str(app.screen.query_one("#deadlines-basis", Static).render())
        assert "Once invited, add the invitation's date to your profile." in basis
        assert "YYYY-MM-DD" not in basis and "[invitation]" not in basis


async def test_first_export_adds_the_calendar_key_quietly_and_later_exports_reuse_it(
    build_app: Callable[..., OinpApp], profile_file: Path, tmp_path: Path
) -> None:
    """The app's own write of calendar_key is no 'changed on disk' news; the toast says it."""
    import icalendar

    before = profile_file.read_text()
    app = build_app(profile_file, poll_interval=0.05)
    uids = []
    async with running(app, "l", notifications=True) as pilot:
        for _ in range(2):
            await pilot.press("x")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause(0.3)  # several polls of the profile file
            assert isinstance(app.screen, DeadlinesScreen)
            calendar = icalendar.Calendar.from_ical((tmp_path / "oinp-deadlines.ics").read_bytes())
            uids.append({str(e["uid"]) for e in calendar.walk("VEVENT")})
        said = notifications(app)
    after = profile_file.read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert len(added) == 1 and added[0].startswith('calendar_key = "')
    assert uids[0] == uids[1] and len(uids[0]) == 3
    assert sum("Added calendar_key to profile.toml" in n for n in said) == 1
    assert not any("changed on disk" in n for n in said)


async def test_the_dashboard_never_calls_a_hypothetical_deadline_urgent(
    app_for: Callable[..., OinpApp],
) -> None:
    permit = '\n[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n'
    # One day before the employer's deadline of a round the person is not known to be invited in.
    app = app_for(NO_INVITATION_PROFILE + permit, today=dt.date(2026, 5, 13))
    async with running(app):
        deadline = str(app.screen.query_one("#dash-deadline", Static).render())
        assert "1 day left, if you had been invited" in deadline
        assert "URGENT" not in deadline and "‼" not in deadline
