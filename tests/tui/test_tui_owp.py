"""Ontario Workforce Priority in the app: the Score screen (s) with its try-a-change field, the
Journey screen (j) with the employer's sheet (m), the dashboard's lead, the form's new facts."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Input, Select, Static

from oinp_assistant.catalog import Catalog
from oinp_assistant.profile import parse_profile_text
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.profile_form import build_profile, values_from_profile
from oinp_assistant.tui.screens.error import ErrorScreen
from oinp_assistant.tui.screens.handoff_dialog import HandoffDialog
from oinp_assistant.tui.screens.journey import JourneyScreen
from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen, field_id
from oinp_assistant.tui.screens.score import (
    ScoreScreen,
    factor_rows,
    move_rows,
    split_changes,
    upcoming_rows,
)

from .conftest import COMMENTED_PROFILE, TODAY, notifications, painted_lines, running

# A registered nurse in Northern Ontario, EOI registered, not invited yet (as in test_cli_owp).
NURSE = (Path(__file__).parents[1] / "fixtures" / "owp_nurse.toml").read_text(encoding="utf-8")


def text_of(app: OinpApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def try_change(pilot: object, app: OinpApp, line: str) -> str:
    field = app.screen.query_one("#score-try", Input)
    field.focus()
    field.value = line
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    return text_of(app, "#score-what-if")


# ---- Score ---------------------------------------------------------------------------------


async def test_score_shows_each_factor_with_points_max_and_what_it_rests_on(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(NURSE)
    async with running(app, "s"):
        assert isinstance(app.screen, ScoreScreen)
        assert text_of(app, "#score-summary").startswith("Estimated score: 103 of 130.")
        assert "Your portal score 103 matches the estimate." in text_of(app, "#score-summary")
        assert app.session is not None and app.session.estimate is not None
        rows = [f"{points:<8}{text.plain}" for points, text in factor_rows(app.session.estimate)]
        assert rows[0] == "9/9     NOC TEER of the job offer: NOC 31301 is TEER 1; band: TEER 0–1"
        # On screen, in two columns: a long basis wraps under its own column.
        painted = painted_lines(app)
        assert " │ points   factor: what it rests on" in "\n".join(painted)
        assert any(
            line.startswith(" │ 9/9      NOC TEER of the job offer: NOC 31301") for line in painted
        )
        assert any(
            r.startswith("15/15   Hourly wage of the job offer: $41.50 an hour") for r in rows
        )
        e = app.session.estimate
        upcoming = [f"{when}  {why.plain}" for when, why in upcoming_rows(e)]
        assert "2027-04-01  +3 → 106  13 completed months in the job-offer position" in upcoming
        assert upcoming[1].startswith("2027-07-01  -10 → 96  your work permit expires")
        moves = [f"{change}  {what.plain}" for change, what in move_rows(e)]
        assert moves[0] == " +7  English reading CLB 8 → 9 and writing CLB 7 → 9"
        grid = text_of(app, "#score-grid")
        assert "Grid confidence 2+" in grid and "Not stated: " in grid
        # Sources whole, one a line, so they can be selected and opened.
        sources = text_of(app, "#score-sources").splitlines()
        assert "https://www.ontario.ca/page/ontario-workforce-priority-stream" in sources


async def test_an_unknown_factor_shows_its_range_and_says_unknown(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(NURSE.replace("best_annual_earnings = 72000\n", ""))
    async with running(app, "s"):
        assert app.session is not None and app.session.estimate is not None
        rows = [f"{points:<8}{text.plain}" for points, text in factor_rows(app.session.estimate)]
        earnings = next(r for r in rows if "Earnings in one year" in r)
        assert earnings.startswith("0–8/8")
        assert "? unknown: " in earnings
        assert "95 to 103 of 130" in text_of(app, "#score-summary")


def test_changes_are_separated_by_spaces_or_commas_and_quotes_keep_a_value_whole() -> None:
    assert split_changes("a.b=1 c=2, d=3,e=") == ["a.b=1", "c=2", "d=3", "e="]
    assert split_changes('job_community="Greater Sudbury"') == ['job_community="Greater Sudbury"']


async def test_try_a_change_shows_the_new_total_and_never_touches_the_file(
    app_for: Callable[..., OinpApp], tmp_path: Path
) -> None:
    app = app_for(NURSE)
    before = (tmp_path / "profile.toml").read_bytes()
    async with running(app, "s") as pilot:
        shown = await try_change(
            pilot, app, "language.english.reading=9, language.english.writing=9"
        )
        assert "Estimated score: 110 of 130." in shown
        assert "103 → 110 (+7)" in shown
        assert "Your profile file is unchanged." in shown
        # Escape leaves the field: the letter keys switch areas again.
        await pilot.press("escape", "j")
        await pilot.pause()
        assert isinstance(app.screen, JourneyScreen)
        await pilot.press("s")
        await pilot.pause()
        # The screen's own estimate is still the file's.
        assert text_of(app, "#score-summary").startswith("Estimated score: 103 of 130.")
    assert (tmp_path / "profile.toml").read_bytes() == before


async def test_a_wrong_key_or_value_is_named_in_the_apps_words(
    app_for: Callable[..., OinpApp], tmp_path: Path
) -> None:
    app = app_for(NURSE)
    before = (tmp_path / "profile.toml").read_bytes()
    async with running(app, "s") as pilot:
        shown = await try_change(pilot, app, "language.english.writting=9")
        assert shown.startswith("✘ Not applied: language.english.writting:")
        assert 'Did you mean "writing"?' in shown or "writing" in shown
        shown = await try_change(pilot, app, "job_offer.hourly_wage=lots")
        assert shown.startswith("✘ Not applied: job_offer.hourly_wage")
        shown = await try_change(pilot, app, "nonsense")
        assert "write each change as KEY=VALUE" in shown
    assert (tmp_path / "profile.toml").read_bytes() == before


async def test_score_scrolls_to_its_sources_at_80x24(app_for: Callable[..., OinpApp]) -> None:
    app = app_for(NURSE)
    async with running(app, "s", size=(80, 24)) as pilot:
        scroll = app.screen.query_one("#score", VerticalScroll)
        assert scroll.max_scroll_y > 0  # it does not fit, so it scrolls, nothing cut
        scroll.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        sources = app.screen.query_one("#score-sources", Static)
        assert sources.region.bottom <= scroll.region.bottom


# ---- Journey -------------------------------------------------------------------------------


async def test_journey_marks_each_step_in_a_symbol_and_a_word(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(NURSE)
    async with running(app, "j"):
        assert isinstance(app.screen, JourneyScreen)
        steps = [str(s.render()) for s in app.screen.query(".step").results(Static)]
        assert [s.split("\n")[0] for s in steps] == [
            "✔ done   Employer submits the job offer (Employer Portal)",
            "✔ done   Register your expression of interest (e-Filing Portal)",
            "→ next   Invitation to apply (a round must select you)",
            "· later  Employer files its application",
            "· later  You file your application and pay",
            "· later  Nomination certificate",
            "· later  Apply to IRCC for permanent residence",
        ]
        assert "2026-08-20 (Thursday)" in steps[0]
        assert "Your EOI stays in the pool through 2027-09-05." in steps[2]


async def test_missed_steps_say_missed(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)  # invited 2026-04-30 in Foreign Worker: both dates passed
    async with running(app, "j"):
        employer = text_of(app, "#step-employer-application")
        assert employer.startswith("✘ missed Employer files its application")
        assert "2026-05-14 (Thursday)" in employer
        assert "no extension" in text_of(app, "#journey-missed")


async def test_m_writes_the_employer_sheet_owner_only_where_the_dialog_says(
    app_for: Callable[..., OinpApp], tmp_path: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "j", "m") as pilot:
        assert isinstance(app.screen, HandoffDialog)
        field = app.screen.query_one("#handoff-path", Input)
        assert field.value == str(tmp_path / "oinp-employer-sheet.md")  # the default
        field.value = str(tmp_path / "sheet.html")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, JourneyScreen)
    written = tmp_path / "sheet.html"
    assert written.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "not been invited yet" in written.read_text(encoding="utf-8")
    assert oct(written.stat().st_mode & 0o777) == "0o600"
    assert any(f"Employer sheet written: {written}" in n for n in notifications(app))


async def test_a_refused_sheet_path_is_an_error_screen_in_the_apps_words(
    app_for: Callable[..., OinpApp], tmp_path: Path
) -> None:
    app = app_for(NURSE)
    async with running(app, "j", "m") as pilot:
        app.screen.query_one("#handoff-path", Input).value = str(tmp_path / "sheet.pdf")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message").render())
        assert "Markdown (.md) or HTML (.html)" in message
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, JourneyScreen)
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#handoff-path", Input).value = str(tmp_path / "nowhere" / "s.md")
        await pilot.press("enter")
        await pilot.pause()
        message = str(app.screen.query_one("#error-message").render())
        assert "the folder" in message and "does not exist" in message
    assert not (tmp_path / "sheet.pdf").exists()


# ---- Dashboard -----------------------------------------------------------------------------


async def test_an_owp_dashboard_leads_with_estimate_requirements_and_next_step(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(NURSE)
    async with running(app):
        lead = text_of(app, "#dash-lead").splitlines()
        assert lead[0] == "Estimate: 103 of 130"
        assert lead[1].startswith("Requirements: ✔ you meet every requirement")
        assert lead[-1].startswith("Next step: Invitation to apply")
        # The record was checked through 2026-10-03: older than 45 days on 2026-11-26.
        stale = text_of(app, "#dash-stale")
        assert "The draw record is 54 days old" in stale and "`oinp draws add`" in stale


async def test_a_closed_streams_dashboard_leads_with_its_successors_estimate(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)  # Foreign Worker, closed, replaced by OWP
    async with running(app):
        lead = text_of(app, "#dash-lead").splitlines()
        assert lead[0] == "Estimate: 30–116 of 130, 7 facts unknown on the OWP grid"
        assert lead[1] == "Requirements: ? not known yet: facts are missing from your profile"
        assert lead[2] == "Missed: ✘ You file your application and pay, 2026-05-17"
        assert lead[3] == "No extension: the process starts again with a new job offer and EOI."
        assert not any(line.startswith("Next step") for line in lead)


async def test_the_new_keys_are_in_the_footer_and_in_f1(app_for: Callable[..., OinpApp]) -> None:
    app = app_for(NURSE)
    async with running(app, "j") as pilot:
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Sheet" in footer
        await pilot.press("d")
        await pilot.pause()
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Score" in footer and "Journey" in footer
        await pilot.press("f1")
        await pilot.pause()
        described = {(key, what) for _, key, what in app.screen.rows}  # type: ignore[attr-defined]
        assert {("s", "Score"), ("j", "Journey")} <= described


async def test_the_footer_fits_80_columns_on_every_area(app_for: Callable[..., OinpApp]) -> None:
    app = app_for(NURSE)
    async with running(app, size=(80, 24)) as pilot:
        for key in ("d", "w", "h", "l", "s", "j", "e"):
            await pilot.press(key)
            await pilot.pause()
            footer = painted_lines(app)[-1]
            assert footer.endswith("f1 Help"), (key, footer)
            assert ("s Score" in footer) == (key != "s")
            assert ("j Journey" in footer) == (key != "j")


# ---- Profile form --------------------------------------------------------------------------


def test_every_new_fact_round_trips_through_the_form(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    profile = parse_profile_text(NURSE + "\n[language.french]\nspeaking = 7\n", path)
    values = values_from_profile(profile)
    assert values["job_offer.hourly_wage"] == "41.5"
    assert values["language.english.writing"] == "7"
    assert values["language.french.speaking"] == "7"
    assert values["education.highest"] == "bachelors"
    assert values["experience.licensed"] == "yes"
    assert build_profile(values, catalog, path, TODAY) == profile


async def test_the_form_saves_nested_tables_and_keeps_the_comments(
    app_for: Callable[..., OinpApp], tmp_path: Path
) -> None:
    app = app_for(NURSE)
    path = tmp_path / "profile.toml"
    async with running(app, "e") as pilot:
        assert isinstance(app.screen, ProfileEditorScreen)
        app.screen.query_one(f"#in-{field_id('language.english.writing')}", Input).value = "9"
        app.screen.query_one(f"#in-{field_id('language.french.reading')}", Input).value = "6"
        app.screen.query_one(f"#in-{field_id('job_offer.hourly_wage')}", Input).value = "44.25"
        app.screen.query_one(f"#in-{field_id('education.highest')}", Select).value = "masters"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    text = path.read_text(encoding="utf-8")
    assert "# My OWP profile" in text and 'highest = "masters"  # from my ECA' in text
    data = tomllib.loads(text)
    assert data["language"]["english"]["writing"] == 9
    assert data["language"]["french"] == {"reading": 6}
    assert data["job_offer"]["hourly_wage"] == 44.25


async def test_a_field_says_what_is_wrong_as_you_type(app_for: Callable[..., OinpApp]) -> None:
    app = app_for(NURSE)
    async with running(app, "e") as pilot:
        field = app.screen.query_one(f"#in-{field_id('language.english.speaking')}", Input)
        field.focus()
        field.value = "13"
        await pilot.pause()
        error = text_of(app, f"#field-{field_id('language.english.speaking')} .field-error")
        assert error == "✘ A CLB or NCLC level: a whole number from 0 to 12."


async def test_the_form_rejects_what_validate_rejects_as_impossible(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(NURSE)
    async with running(app, "e") as pilot:
        app.screen.query_one(f"#in-{field_id('eoi_registered')}", Input).value = "2026-12-20"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message").render())
        assert "eoi_registered" in message and "after today" in message


async def test_switching_a_closed_stream_to_its_successor_says_what_does_not_carry_over(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for(COMMENTED_PROFILE)
    async with running(app, "e") as pilot:
        app.screen.query_one("#in-stream", Select).value = "ontario_workforce_priority"
        await pilot.pause()
        said = " ".join(notifications(app))
        assert "Switching to Ontario Workforce Priority" in said
        assert "EOI score and EOI registration date do not carry over" in said
        # Cleared, so the switch can be saved: an old EOI date would be refused as impossible.
        for key in ("eoi_score", "eoi_registered"):
            assert app.screen.query_one(f"#in-{field_id(key)}", Input).value == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        # This profile's old Foreign Worker invitation is still refused for the new stream;
        # the cleared EOI score and date are not.
        assert isinstance(app.screen, ErrorScreen)
        message = str(app.screen.query_one("#error-message").render())
        assert "invitation.date" in message
        assert "eoi_registered" not in message and "eoi_score" not in message


def test_each_section_of_the_form_comes_once() -> None:
    from oinp_assistant.tui.profile_form import FIELDS, section

    order = [section(spec) for spec in FIELDS]
    opened = [s for i, s in enumerate(order) if i == 0 or order[i - 1] != s]
    assert len(opened) == len(set(opened)), opened


def test_a_language_table_the_file_lacks_is_added_and_reads_back(
    catalog: Catalog, tmp_path: Path
) -> None:
    from oinp_assistant.profile import load_checked_profile
    from oinp_assistant.profile_store import save_profile

    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED_PROFILE, encoding="utf-8")
    values = values_from_profile(load_checked_profile(path, catalog, TODAY))
    levels = {"speaking": "9", "listening": "8", "reading": "7", "writing": "7"}
    values |= {f"language.english.{ability}": level for ability, level in levels.items()}
    values["language.french.writing"] = "5"
    saved = build_profile(values, catalog, path, TODAY)
    save_profile(path, saved)
    text = path.read_text(encoding="utf-8")
    assert load_checked_profile(path, catalog, TODAY) == saved
    assert saved.language is not None and saved.language.english is not None
    assert saved.language.english.lowest == 7
    # The user's own comments survive the save.
    for line in COMMENTED_PROFILE.splitlines():
        if line.startswith("#"):
            assert line in text
