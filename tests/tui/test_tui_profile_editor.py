"""Profile editor: field validators, NOC search, Save keeping the file's style, read-only mode."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input, OptionList, Select
from textual.widgets._select import SelectOverlay

from oinp_assistant import locations
from oinp_assistant.profile import ALLOWED_KEYS, APP_WRITTEN_FIELDS, Profile
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.profile_form import FIELDS
from oinp_assistant.tui.screens.confirm import ConfirmScreen
from oinp_assistant.tui.screens.dashboard import DashboardScreen
from oinp_assistant.tui.screens.error import ErrorScreen
from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen, field_id
from oinp_assistant.tui.widgets.form_field import FormField

from .conftest import (
    COMMENTED_PROFILE,
    notifications,
    running,
    wait_until,
    write_from_outside,
)


def test_form_has_a_field_for_every_model_field() -> None:
    """Every key a person may write, tables inside tables (language.english) included; except
    the fields the app writes itself (calendar_key): a save keeps those as they are."""
    wanted = {
        f"{table}.{key}".lstrip(".")
        for table, keys in ALLOWED_KEYS.items()
        for key in keys
        if f"{table}.{key}".lstrip(".") not in ALLOWED_KEYS
    }
    assert "job_offer.hourly_wage" in wanted and "language.french.writing" in wanted
    assert not wanted & set(APP_WRITTEN_FIELDS)
    assert {spec.key for spec in FIELDS} == wanted


@contextlib.asynccontextmanager
async def editing(app: OinpApp, **kwargs: Any) -> AsyncIterator[Pilot[Any]]:
    """The app with its profile editor open (the e key)."""
    async with running(app, "e", **kwargs) as pilot:
        assert isinstance(app.screen, ProfileEditorScreen)
        yield pilot


def error_shown(app: OinpApp) -> str:
    """The message of the error dialog, which must be the screen on top."""
    assert isinstance(app.screen, ErrorScreen)
    return str(app.screen.query_one("#error-message").render())


def changed_lines(before: str, after: str) -> list[str]:
    """The lines a save removed (-) and added (+), without diff headers or context."""
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if not line.startswith(("---", "+++", "@@"))]


async def retype(pilot: object, app: OinpApp, key: str, text: str) -> Input:
    field = app.screen.query_one(f"#in-{field_id(key)}", Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return field


def error_of(app: OinpApp, key: str) -> str:
    return app.screen.query_one(f"#field-{field_id(key)}", FormField).error


async def test_invalid_values_show_an_error_at_the_field(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with editing(app) as pilot:
        assert error_of(app, "eoi_score") == ""
        await retype(pilot, app, "eoi_score", "131")
        assert error_of(app, "eoi_score") == "The EOI score is a whole number from 0 to 130."
        await retype(pilot, app, "eoi_score", "130")
        assert error_of(app, "eoi_score") == ""
        await retype(pilot, app, "eoi_registered", "2026-02-30")
        assert error_of(app, "eoi_registered") == (
            "2026-02-30 is not a real date: February 2026 has 28 days."
        )
        await retype(pilot, app, "permit.expires", "31/01/2027")
        assert "YYYY-MM-DD" in error_of(app, "permit.expires")
        await retype(pilot, app, "noc", "99999")
        assert "99999 is not a NOC 2021 unit group" in error_of(app, "noc")
        # Save refuses while fields are wrong, and says which.
        before = profile_file.read_text()
        await pilot.press("ctrl+s")
        await pilot.pause()
        message = error_shown(app)
        assert "eoi_registered" in message and "noc" in message
        assert profile_file.read_text() == before


async def test_noc_picker_searches_titles_as_you_type(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with editing(app) as pilot:
        field = await retype(pilot, app, "noc", "welder")
        matches = app.screen.query_one("#noc-matches", OptionList)
        assert matches.display
        codes = [matches.get_option_at_index(i).id for i in range(matches.option_count)]
        assert "72106" in codes
        await pilot.press("down")
        assert app.focused is matches
        matches.highlighted = codes.index("72106")
        await pilot.press("enter")
        await pilot.pause()
        assert field.value == "72106"
        # mypy keeps app.focused narrowed to the OptionList across the awaits in between
        assert app.focused is field  # type: ignore[comparison-overlap]
        assert error_of(app, "noc") == ""
        assert "Welders" in str(app.screen.query_one("#noc-title").render())
        # Codes search too.
        await retype(pilot, app, "noc", "2123")
        codes = [matches.get_option_at_index(i).id for i in range(matches.option_count)]
        assert "21231" in codes


async def test_save_changes_only_the_edited_line_and_keeps_a_backup(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file, poll_interval=0.1)
    async with editing(app, notifications=True) as pilot:
        await retype(pilot, app, "eoi_score", "61")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        after = profile_file.read_text()
        assert changed_lines(COMMENTED_PROFILE, after) == ["-eoi_score = 57", "+eoi_score = 61"]
        backup = profile_file.with_name("profile.toml.bak")
        assert backup.read_text() == COMMENTED_PROFILE
        assert oct(profile_file.stat().st_mode & 0o777) == "0o600"
        assert oct(backup.stat().st_mode & 0o777) == "0o600"
        assert app.session is not None and app.session.profile.eoi_score == 61
        assert any(n.startswith(f"Saved {profile_file}") for n in notifications(app))
        # Our own save is not reported as an outside change.
        await pilot.pause(0.3)
        assert not any("changed on disk" in n for n in notifications(app))
        assert isinstance(app.screen, ProfileEditorScreen)
        assert not app.screen.is_dirty()


async def test_invalid_combination_is_refused_with_the_validators_words(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with editing(app) as pilot:
        app.screen.query_one(f"#in-{field_id('permit.type')}", Select).value = "none"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert 'type is "none" but an expiry date is set' in error_shown(app)
        assert profile_file.read_text() == COMMENTED_PROFILE


async def test_read_only_example_refuses_then_saves_as_new_profile(
    build_app: Callable[..., OinpApp],
) -> None:
    example = locations.example_profile_path("foreign_worker")
    original = example.read_text()
    app = build_app(example, read_only=True)
    async with editing(app, notifications=True) as pilot:
        await retype(pilot, app, "eoi_score", "60")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "read-only" in str(app.screen.query_one(".dialog-title").render())
        await pilot.press("enter")  # "Save as new profile"
        await pilot.pause()
        await pilot.pause()
        assert example.read_text() == original
        target = locations.default_profile_path()
        assert "eoi_score = 60" in target.read_text()
        assert app.session is not None and not app.session.read_only
        assert app.session.profile_path == target
        assert isinstance(app.screen, DashboardScreen)


async def test_first_run_creates_a_profile_through_the_form(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    path = tmp_path / "new" / "profile.toml"
    app = build_app(path)
    async with running(app, "c") as pilot:
        assert isinstance(app.screen, ProfileEditorScreen)
        await retype(pilot, app, "eoi_score", "72")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        text = path.read_text()
        assert 'stream = "ontario_workforce_priority"' in text and "eoi_score = 72" in text
        assert isinstance(app.screen, DashboardScreen)


async def test_escape_with_unsaved_changes_warns_first(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with editing(app, notifications=True) as pilot:
        await retype(pilot, app, "eoi_score", "99")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfileEditorScreen)
        assert any("Unsaved changes" in n for n in notifications(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert profile_file.read_text() == COMMENTED_PROFILE


async def test_read_only_save_never_overwrites_an_existing_profile(
    build_app: Callable[..., OinpApp],
) -> None:
    target = locations.default_profile_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(COMMENTED_PROFILE)
    app = build_app(locations.example_profile_path("foreign_worker"), read_only=True)
    async with editing(app) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # yes, save as new
        await pilot.pause()
        assert "a profile already exists here" in error_shown(app)
        assert target.read_text() == COMMENTED_PROFILE


async def test_save_keeps_outside_edits_to_fields_the_user_did_not_touch(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file, poll_interval=0.05)
    async with editing(app, notifications=True) as pilot:
        await retype(pilot, app, "eoi_registered", "2026-03-20")
        # Another editor changes the job region and the score meanwhile.
        outside = COMMENTED_PROFILE.replace('job_region = "gta"', 'job_region = "eastern_ontario"')
        outside = outside.replace("eoi_score = 57", "eoi_score = 59")
        write_from_outside(profile_file, outside)
        await wait_until(pilot, lambda: any("changed on disk" in n for n in notifications(app)))
        assert any("Your unsaved edits are kept" in n for n in notifications(app))
        assert isinstance(app.screen, ProfileEditorScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.pause()
        after = profile_file.read_text()
        # The user's field is saved; the fields changed outside keep their new values.
        assert "eoi_registered = 2026-03-20" in after
        assert 'job_region = "eastern_ontario"' in after
        assert "eoi_score = 59" in after
        assert changed_lines(outside, after) == [
            "-eoi_registered = 2026-03-12",
            "+eoi_registered = 2026-03-20",
        ]
        assert app.session is not None and app.session.profile.job_region == "eastern_ontario"
        # The form, rebuilt after the save, shows the file's values.
        assert isinstance(app.screen, ProfileEditorScreen)
        region = app.screen.query_one(f"#in-{field_id('job_region')}", Select)
        assert region.value == "eastern_ontario"


async def test_a_field_changed_in_both_places_takes_the_users_value(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file, poll_interval=3600)
    async with editing(app) as pilot:
        await retype(pilot, app, "eoi_score", "61")
        profile_file.write_text(COMMENTED_PROFILE.replace("eoi_score = 57", "eoi_score = 59"))
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "eoi_score = 61" in profile_file.read_text()


async def test_the_stream_choices_mark_closed_streams(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with editing(app):
        select = app.screen.query_one("#in-stream", Select)
        labels = {value: str(prompt) for prompt, value in select._options}
        assert labels["foreign_worker"] == "Foreign Worker (closed 2026-05-30)"
        assert labels["ontario_workforce_priority"] == "Ontario Workforce Priority"
        invitation = app.screen.query_one(f"#in-{field_id('invitation.stream')}", Select)
        assert "Masters Graduate (closed 2026-05-30)" in {str(p) for p, _ in invitation._options}
        help_text = str(app.screen.query_one("#field-permit-in-canada .field-help").render())
        assert help_text == "Do you live in Canada now? Some rounds invite only people here."


async def test_a_field_filled_in_the_form_lands_on_its_template_line(
    build_app: Callable[..., OinpApp], tmp_path: Path
) -> None:
    from oinp_assistant.tui.profile_form import new_profile_text

    path = tmp_path / "profile.toml"
    original = new_profile_text(Profile(stream="ontario_workforce_priority", noc="21231"))
    path.write_text(original)
    app = build_app(path)
    async with editing(app) as pilot:
        await retype(pilot, app, "job_community", "Renfrew")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert changed_lines(original, path.read_text()) == [
            '-# job_community = "Lanark"',
            '+job_community = "Renfrew"',
        ]


OPEN_STREAM_PROFILE = 'stream = "ontario_workforce_priority"\nnoc = "21231"\neoi_score = 70\n'


async def test_a_letter_key_never_types_into_a_field_the_user_did_not_open(
    app_for: Callable[..., OinpApp],
) -> None:
    """The form opens on the stream choice: d goes to the dashboard, the NOC stays."""
    app = app_for(OPEN_STREAM_PROFILE)
    async with editing(app) as pilot:
        assert app.focused is app.screen.query_one("#in-stream", Select)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.session is not None and app.session.profile.noc == "21231"


async def test_after_save_the_focus_stays_in_the_field_the_user_was_in(
    app_for: Callable[..., OinpApp],
) -> None:
    """Once the save rebuilt the form with the NOC focused and selected: d then replaced
    "21231" with "d"."""
    app = app_for(OPEN_STREAM_PROFILE)
    async with editing(app) as pilot:
        await pilot.press("tab", "tab")  # the user goes to the score
        score = app.screen.query_one(f"#in-{field_id('eoi_score')}", Input)
        assert app.focused is score
        await pilot.press("ctrl+u", *"71", "ctrl+s")
        await wait_until(pilot, lambda: any(n.startswith("Saved") for n in notifications(app)))
        await pilot.pause()
        assert app.session is not None and app.session.profile.eoi_score == 71
        assert app.screen.query_one(f"#in-{field_id('eoi_score')}", Input) is score
        assert app.focused is score
        noc = app.screen.query_one(f"#in-{field_id('noc')}", Input)
        assert noc.value == "21231"
        assert isinstance(app.screen, ProfileEditorScreen)
        assert not app.screen.is_dirty()


async def test_a_title_search_in_the_noc_field_is_not_shown_as_an_error(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(OPEN_STREAM_PROFILE)
    async with editing(app) as pilot:
        await pilot.press("tab", "ctrl+u", *"softw")
        await pilot.pause()
        noc = app.screen.query_one(f"#in-{field_id('noc')}", Input)
        assert noc.value == "softw"
        assert error_of(app, "noc") == ""
        assert not noc.has_class("-invalid")
        # A code-like entry is checked as typed; the search text is checked on save.
        await pilot.press("ctrl+u", *"123")
        await pilot.pause()
        assert "five digits" in error_of(app, "noc")
        await pilot.press("ctrl+u", *"softw", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        assert "noc" in error_shown(app)


async def test_the_focused_field_is_scrolled_into_view_with_its_label(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(OPEN_STREAM_PROFILE)
    async with editing(app, size=(80, 24)) as pilot:
        form = app.screen.query_one("#editor")
        for _ in range(10):  # down to the permit's expiry and beyond
            await pilot.press("tab")
            await pilot.pause()
            focused = app.focused
            assert focused is not None
            field = next(a for a in focused.ancestors if isinstance(a, FormField))
            label = field.query_one(".field-label")
            for widget in (label, focused):
                assert form.region.contains_region(widget.region), (field.id, widget)


async def test_every_tab_stop_of_the_form_shows_that_it_has_the_focus(
    app_for: Callable[..., OinpApp],
) -> None:
    """The form's scrolling container was a Tab stop that showed nothing."""
    app = app_for(OPEN_STREAM_PROFILE)
    async with editing(app):
        chain = app.screen.focus_chain
        assert app.screen.query_one("#editor") not in chain
        # Every stop left is a field or a button, which Textual draws differently focused.
        for widget in chain:
            assert isinstance(widget, (Input, Select)) or widget.id in (
                "editor-save",
                "editor-back",
            ), widget


async def test_an_open_dropdown_stays_above_the_footer(app_for: Callable[..., OinpApp]) -> None:
    app = app_for(OPEN_STREAM_PROFILE)
    async with editing(app, size=(80, 24)) as pilot:
        region = app.screen.query_one(f"#in-{field_id('job_region')}", Select)
        region.focus()
        await pilot.pause()
        # The choice on the last line above the footer: its list has no room below.
        footer = app.screen.query_one(Footer)
        form = app.screen.query_one("#editor")
        form.scroll_to(y=form.scroll_y + region.region.bottom - footer.region.y, animate=False)
        await pilot.pause()
        assert region.region.bottom == footer.region.y
        await pilot.press("enter")
        await pilot.pause()
        overlay = region.query_one(SelectOverlay)
        assert overlay.display and overlay.region.height > 3
        assert overlay.region.bottom <= footer.region.y


async def test_a_save_the_system_refuses_says_why_in_our_words_and_keeps_the_edits(
    build_app: Callable[..., OinpApp], profile_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(path: Path, profile: Profile) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr("oinp_assistant.tui.screens.profile_editor.save_profile", refused)
    app = build_app(profile_file)
    async with editing(app) as pilot:
        await retype(pilot, app, "eoi_score", "61")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_shown(app) == (
            f"Cannot write {profile_file}: Permission denied. The file on disk is as it was; "
            "your edits are still here."
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProfileEditorScreen) and app.screen.is_dirty()
        assert profile_file.read_text() == COMMENTED_PROFILE


async def test_ctrl_q_with_unsaved_changes_warns_first(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    """ctrl+q quit at once and threw away what the user had typed; like Escape, it warns
    first, and a second ctrl+q quits without saving."""
    app = build_app(profile_file)
    async with editing(app, notifications=True) as pilot:
        await retype(pilot, app, "eoi_score", "99")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None  # still running
        assert notifications(app)[-1] == (
            "Unsaved changes: ctrl+s saves them; ctrl+q again quits without saving."
        )
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
        assert profile_file.read_text() == COMMENTED_PROFILE


async def test_ctrl_q_long_after_a_warning_warns_again(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    """The warning was once armed for good: warned, then saved, then edited again, a later
    ctrl+q threw the new edits away without a word."""
    from oinp_assistant.tui.press_again import SECONDS, PressAgain

    now = [0.0]
    app = build_app(profile_file)
    app._quit_again = PressAgain(lambda: now[0])
    async with editing(app, notifications=True) as pilot:
        await retype(pilot, app, "eoi_score", "99")
        await pilot.press("ctrl+q")
        await pilot.pause()
        now[0] += SECONDS + 60  # the user works on
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None  # warned again, still running
        assert notifications(app)[-1].startswith("Unsaved changes")


async def test_ctrl_q_with_nothing_unsaved_quits_at_once(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with editing(app) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
