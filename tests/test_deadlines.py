"""Deadlines after an invitation: calendar days from the invitation day (day 0), in Ontario dates.

Rules: DESIGN.md section 2, reference/oinp-rules.md section 1 (14 days employer, 17 days
candidate from 2025-07-02; 14 candidate days and no employer step before, and for Masters/PhD).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.clock import ontario_today
from oinp_assistant.deadlines import Deadline, DeadlineReport, compute_deadlines
from oinp_assistant.eligibility import check_profile
from oinp_assistant.profile import Invitation, Permit, Profile
from oinp_assistant.streams import Stream

D = dt.date


def deadlines_of(profile: Profile, catalog: Catalog, today: dt.date) -> DeadlineReport:
    """The deadlines as every front end computes them: from the check of the profile's draws."""
    return compute_deadlines(profile, catalog, today, check_profile(profile, catalog, today))


def invited(on: dt.date, stream: str = "foreign_worker", **invitation: Any) -> Profile:
    return Profile(stream=stream, invitation=Invitation(date=on, **invitation))


def by_kind(report: DeadlineReport) -> dict[str, Deadline]:
    return {d.kind: d for d in report.deadlines}


def submission_dates(report: DeadlineReport) -> tuple[dt.date | None, dt.date | None]:
    kinds = by_kind(report)
    employer = kinds.get("employer_submission")
    candidate = kinds.get("candidate_submission")
    return (employer.date if employer else None, candidate.date if candidate else None)


# --- counting from the invitation day ------------------------------------------------------


def test_invitation_day_is_day_zero_employer_14_candidate_17(
    catalog: Catalog, today: dt.date
) -> None:
    report = deadlines_of(invited(D(2026, 4, 1)), catalog, today)
    assert submission_dates(report) == (D(2026, 4, 15), D(2026, 4, 18))
    employer = by_kind(report)["employer_submission"]
    assert "Employer Portal" in employer.where
    assert "e-Filing" in by_kind(report)["candidate_submission"].where


def test_deadline_notes_say_calendar_days_and_to_confirm_the_time(
    catalog: Catalog, today: dt.date
) -> None:
    candidate = by_kind(deadlines_of(invited(D(2026, 4, 1)), catalog, today))[
        "candidate_submission"
    ]
    assert "17 calendar days after the invitation (2026-04-01)" in candidate.note
    assert "confirm the exact time in the portal" in candidate.note


def test_invitation_across_dst_change_gives_the_same_calendar_dates(
    catalog: Catalog, today: dt.date
) -> None:
    # Ontario springs forward on 2026-03-08: the count is in calendar days, not 24-hour blocks.
    report = deadlines_of(invited(D(2026, 3, 1)), catalog, today)
    assert submission_dates(report) == (D(2026, 3, 15), D(2026, 3, 18))


def test_invitation_across_autumn_dst_change_gives_the_same_calendar_dates(
    catalog: Catalog, today: dt.date
) -> None:
    # Clocks fall back on 2025-11-02.
    report = deadlines_of(invited(D(2025, 10, 25)), catalog, today)
    assert submission_dates(report) == (D(2025, 11, 8), D(2025, 11, 11))


def test_invitation_near_year_end_rolls_into_next_year(catalog: Catalog, today: dt.date) -> None:
    profile = invited(D(2026, 12, 20), stream="ontario_workforce_priority")
    report = deadlines_of(profile, catalog, today)
    assert submission_dates(report) == (D(2027, 1, 3), D(2027, 1, 6))


def test_counting_passes_through_a_leap_day(catalog: Catalog, today: dt.date) -> None:
    profile = invited(D(2028, 2, 15), stream="ontario_workforce_priority")
    assert submission_dates(deadlines_of(profile, catalog, today)) == (
        D(2028, 2, 29),
        D(2028, 3, 3),
    )


def test_invitation_on_a_leap_day(catalog: Catalog, today: dt.date) -> None:
    # 2024-02-29 predates the Employer Portal: 14 candidate days, no employer step.
    report = deadlines_of(invited(D(2024, 2, 29)), catalog, today)
    assert submission_dates(report) == (None, D(2024, 3, 14))


def test_weekend_deadline_is_not_moved(catalog: Catalog, today: dt.date) -> None:
    # 2026-04-04 + 14 = Saturday 2026-04-18; no OINP rule extends it.
    report = deadlines_of(invited(D(2026, 4, 4)), catalog, today)
    employer = by_kind(report)["employer_submission"].date
    assert employer == D(2026, 4, 18) and employer.weekday() == 5


# --- which window applies ------------------------------------------------------------------


@pytest.mark.parametrize("stream", ["masters_graduate", "phd_graduate"])
def test_graduate_streams_have_14_candidate_days_and_no_employer_step(
    catalog: Catalog, today: dt.date, stream: str
) -> None:
    report = deadlines_of(invited(D(2026, 4, 22), stream=stream), catalog, today)
    assert submission_dates(report) == (None, D(2026, 5, 6))
    assert any("no employer step" in n for n in report.notes)


def test_foreign_worker_invitation_before_employer_portal_has_14_days_and_no_employer_step(
    catalog: Catalog, today: dt.date
) -> None:
    report = deadlines_of(invited(D(2025, 7, 1)), catalog, today)
    assert submission_dates(report) == (None, D(2025, 7, 15))
    assert any("no employer step" in n for n in report.notes)
    # the older rule has a single source: its confidence is shown with the date
    assert "confidence 1" in by_kind(report)["candidate_submission"].note


def test_employer_portal_rules_apply_from_2025_07_02_itself(
    catalog: Catalog, today: dt.date
) -> None:
    report = deadlines_of(invited(D(2025, 7, 2)), catalog, today)
    assert submission_dates(report) == (D(2025, 7, 16), D(2025, 7, 19))


def test_invitation_stream_overrides_the_profile_stream(catalog: Catalog, today: dt.date) -> None:
    profile = Profile(
        stream="foreign_worker",
        invitation=Invitation(date=D(2026, 4, 22), stream="masters_graduate"),
    )
    report = deadlines_of(profile, catalog, today)
    assert report.basis is not None and report.basis.stream == "masters_graduate"
    assert submission_dates(report) == (None, D(2026, 5, 6))


def test_stream_without_windows_invents_no_date(catalog: Catalog, today: dt.date) -> None:
    bare = Stream(
        id="new_stream",
        name="New Stream",
        category="employer_job_offer",
        eoi_scored=True,
        sources=["https://example.org"],
    )
    assert bare.windows == []
    small = dataclasses.replace(catalog, streams={**catalog.streams, "new_stream": bare})
    report = deadlines_of(invited(D(2026, 9, 1), stream="new_stream"), small, today)
    assert submission_dates(report) == (None, None)
    assert any("invents no date" in n and "candidate_deadline" in n for n in report.notes)


def test_stream_without_windows_still_shows_deadlines_copied_from_the_invitation(
    catalog: Catalog, today: dt.date
) -> None:
    bare = Stream(
        id="new_stream",
        name="New Stream",
        category="employer_job_offer",
        eoi_scored=True,
        sources=["https://example.org"],
    )
    small = dataclasses.replace(catalog, streams={**catalog.streams, "new_stream": bare})
    profile = invited(D(2026, 9, 1), stream="new_stream", candidate_deadline=D(2026, 9, 20))
    report = deadlines_of(profile, small, today)
    assert submission_dates(report) == (None, D(2026, 9, 20))
    assert "copied from your invitation" in by_kind(report)["candidate_submission"].note


# --- user-copied deadlines win -------------------------------------------------------------


def test_user_copied_deadline_wins_and_the_note_says_they_differ(
    catalog: Catalog, today: dt.date
) -> None:
    profile = invited(
        D(2026, 4, 1), employer_deadline=D(2026, 4, 16), candidate_deadline=D(2026, 4, 18)
    )
    report = deadlines_of(profile, catalog, today)
    assert submission_dates(report) == (D(2026, 4, 16), D(2026, 4, 18))
    employer = by_kind(report)["employer_submission"]
    assert "2026-04-16" in employer.note and "2026-04-15" in employer.note
    assert "Trust the portal" in employer.note
    # a copied date equal to the computed one is simply confirmed
    assert "Using the date from your invitation" not in by_kind(report)["candidate_submission"].note


# --- basis: real, hypothetical or none -----------------------------------------------------


def test_invitation_matching_a_round_in_the_data_names_that_round(
    catalog: Catalog, today: dt.date
) -> None:
    report = deadlines_of(invited(D(2026, 4, 30)), catalog, today)
    assert report.basis is not None
    assert report.basis.hypothetical is False
    assert report.basis.draw_id is not None and report.basis.draw_id.startswith("2026-04-30-")
    assert not any("may lag" in n for n in report.notes)


def test_invitation_date_without_a_round_in_the_data_notes_the_data_may_lag(
    catalog: Catalog, today: dt.date
) -> None:
    profile = invited(D(2026, 9, 1), stream="ontario_workforce_priority")
    report = deadlines_of(profile, catalog, today)
    assert report.basis is not None and report.basis.draw_id is None
    assert any("data may lag" in n for n in report.notes)
    assert submission_dates(report) == (D(2026, 9, 15), D(2026, 9, 18))


def _in_scope_of_2026_04_30_gta() -> Profile:
    return Profile(
        stream="foreign_worker",
        noc="00012",
        eoi_score=57,
        eoi_registered=D(2025, 8, 1),
        job_region="toronto",
        permit=Permit(type="work", expires=D(2027, 1, 31), in_canada=True),
    )


JUST_AFTER = D(2026, 5, 2)
"""Two days after the 2026-04-30 round: its hypothetical deadlines are still ahead."""


def test_without_invitation_deadlines_are_hypothetical_from_newest_in_scope_round(
    catalog: Catalog,
) -> None:
    report = deadlines_of(_in_scope_of_2026_04_30_gta(), catalog, JUST_AFTER)
    assert report.basis is not None
    assert report.basis.hypothetical is True
    assert report.basis.invitation_date == D(2026, 4, 30)
    assert report.basis.draw_id == "2026-04-30-foreign_worker-gta"
    assert submission_dates(report) == (D(2026, 5, 14), D(2026, 5, 17))
    assert any(n.startswith("Hypothetical") for n in report.notes)


def test_hypothetical_deadlines_say_if_and_are_never_urgent(catalog: Catalog) -> None:
    from oinp_assistant.urgency import days_left_text

    report = deadlines_of(_in_scope_of_2026_04_30_gta(), catalog, D(2026, 5, 13))
    submissions = [d for d in report.deadlines if d.is_submission]
    assert submissions and all(d.hypothetical for d in submissions)
    assert all(d.title.startswith("If you had been invited on 2026-04-30") for d in submissions)
    left = days_left_text(submissions[0].days_left(D(2026, 5, 13)), hypothetical=True)
    assert left == "1 day left, if you had been invited" and "URGENT" not in left


def test_hypothetical_deadlines_that_passed_are_not_shown(catalog: Catalog) -> None:
    # 2026-05-14 and 05-17 passed by 06-01: dates of an invitation that never came tell nothing.
    report = deadlines_of(_in_scope_of_2026_04_30_gta(), catalog, D(2026, 6, 1))
    assert report.basis is not None and report.basis.hypothetical
    assert not [d for d in report.deadlines if d.is_submission]
    assert any("have passed, so none is shown" in n for n in report.notes)


def test_without_invitation_and_no_round_in_scope_there_is_a_clear_note(
    catalog: Catalog, today: dt.date
) -> None:
    report = deadlines_of(Profile(stream="ontario_workforce_priority"), catalog, today)
    assert report.basis is None
    assert submission_dates(report) == (None, None)
    assert any(
        "no submission deadlines" in n and "add the invitation's date to your profile" in n
        for n in report.notes
    )


# --- other dates and days left -------------------------------------------------------------


def test_eoi_expiry_and_permit_expiry_are_listed_in_date_order(
    catalog: Catalog, today: dt.date
) -> None:
    profile = Profile(
        stream="ontario_workforce_priority",
        eoi_registered=D(2026, 8, 10),
        permit=Permit(type="work", expires=D(2027, 1, 31)),
    )
    report = deadlines_of(profile, catalog, today)
    assert [(d.kind, d.date) for d in report.deadlines] == [
        ("permit_expiry", D(2027, 1, 31)),
        ("eoi_expiry", D(2027, 8, 10)),
    ]
    assert by_kind(report)["permit_expiry"].where == "IRCC"


def test_leap_day_eoi_expires_on_february_28(catalog: Catalog) -> None:
    # Asked while Foreign Worker was still open: after it closed no EOI expiry is shown.
    profile = Profile(stream="foreign_worker", eoi_registered=D(2024, 2, 29))
    report = deadlines_of(profile, catalog, D(2025, 1, 1))
    assert by_kind(report)["eoi_expiry"].date == D(2025, 2, 28)


def test_no_permit_expiry_for_permit_type_none(catalog: Catalog, today: dt.date) -> None:
    profile = Profile(stream="foreign_worker", permit=Permit(type="none"))
    assert "permit_expiry" not in by_kind(deadlines_of(profile, catalog, today))


def test_days_left_counts_from_today(catalog: Catalog) -> None:
    report = deadlines_of(invited(D(2026, 4, 1)), catalog, D(2026, 4, 10))
    kinds = by_kind(report)
    assert kinds["employer_submission"].days_left(D(2026, 4, 10)) == 5
    assert kinds["candidate_submission"].days_left(D(2026, 4, 10)) == 8
    assert kinds["candidate_submission"].days_left(D(2026, 4, 18)) == 0
    assert kinds["candidate_submission"].days_left(D(2026, 4, 19)) == -1


def test_upcoming_and_next_include_today_and_skip_past_deadlines(catalog: Catalog) -> None:
    report = deadlines_of(invited(D(2026, 4, 1)), catalog, D(2026, 4, 16))
    assert [d.kind for d in report.upcoming(D(2026, 4, 16))] == ["candidate_submission"]
    nxt = report.next(D(2026, 4, 18))
    assert nxt is not None and nxt.kind == "candidate_submission"
    assert report.next(D(2026, 4, 19)) is None


def test_ontario_today_is_the_toronto_date_not_the_utc_date() -> None:
    # 02:30 UTC on 2026-11-27 is still the evening of 2026-11-26 in Toronto (UTC-5).
    late_evening = dt.datetime(2026, 11, 27, 2, 30, tzinfo=dt.UTC)
    assert ontario_today(late_evening) == D(2026, 11, 26)
    assert ontario_today(dt.datetime(2026, 11, 27, 5, 0, tzinfo=dt.UTC)) == D(2026, 11, 27)


# --- the EOI expiry: only while the EOI can still be invited --------------------------------

EOI_2025_09_01 = {"stream": "foreign_worker", "eoi_registered": D(2025, 9, 1)}
PORTAL_RULE = (
    "Rule confidence 2+: The employer step arrived with the Employer Portal on 2025-07-02. No "
    "source dates the start of the candidate's 17 days; the portal launch is our inference."
)


def test_eoi_expiry_is_shown_while_the_stream_is_open_and_no_invitation(catalog: Catalog) -> None:
    report = deadlines_of(Profile(**EOI_2025_09_01), catalog, D(2026, 5, 29))
    expiry = by_kind(report)["eoi_expiry"]
    assert expiry.date == D(2026, 9, 1)
    assert expiry.where == "OINP e-Filing Portal"
    assert not any("closed on" in n for n in report.notes)


def test_no_eoi_expiry_once_invited(catalog: Catalog) -> None:
    profile = Profile(**EOI_2025_09_01, invitation=Invitation(date=D(2026, 4, 30)))
    report = deadlines_of(profile, catalog, D(2026, 5, 1))
    assert "eoi_expiry" not in by_kind(report)
    assert set(by_kind(report)) == {"employer_submission", "candidate_submission"}
    assert not any("EOI expiry" in n for n in report.notes)


def test_no_eoi_expiry_from_the_day_the_stream_closed_and_a_note_says_why(
    catalog: Catalog,
) -> None:
    report = deadlines_of(Profile(**EOI_2025_09_01), catalog, D(2026, 5, 30))
    assert "eoi_expiry" not in by_kind(report)
    assert (
        "Foreign Worker closed on 2026-05-30; what happened to EOIs still in its pool was never "
        "stated, so no EOI expiry is shown."
    ) in report.notes


def test_closed_stream_note_is_not_given_without_an_eoi(catalog: Catalog, today: dt.date) -> None:
    report = deadlines_of(Profile(stream="foreign_worker"), catalog, today)
    assert not any("no EOI expiry is shown" in n for n in report.notes)


def test_closed_stream_still_shows_the_permit_expiry_at_ircc(
    catalog: Catalog, today: dt.date
) -> None:
    profile = Profile(**EOI_2025_09_01, permit=Permit(type="study", expires=D(2027, 5, 31)))
    report = deadlines_of(profile, catalog, today)
    assert [(d.kind, d.date, d.where) for d in report.deadlines] == [
        ("permit_expiry", D(2027, 5, 31), "IRCC")
    ]
    assert report.deadlines[0].title == "Your study permit expires"


# --- every computed submission date says how sure its rule is --------------------------------


def test_portal_era_deadlines_carry_the_rule_note_and_its_confidence(
    catalog: Catalog, today: dt.date
) -> None:
    kinds = by_kind(deadlines_of(invited(D(2026, 4, 1)), catalog, today))
    assert kinds["employer_submission"].note == (
        "14 calendar days after the invitation (2026-04-01); by end of day; confirm the exact "
        f"time in the portal. {PORTAL_RULE}"
    )
    assert kinds["candidate_submission"].note == (
        "17 calendar days after the invitation (2026-04-01); by end of day; confirm the exact "
        f"time in the portal. {PORTAL_RULE}"
    )


def test_graduate_deadline_carries_its_rule_note_too(catalog: Catalog, today: dt.date) -> None:
    report = deadlines_of(invited(D(2026, 4, 22), stream="masters_graduate"), catalog, today)
    assert by_kind(report)["candidate_submission"].note.endswith(
        " Rule confidence 2+: Masters and PhD graduates have no employer step."
    )


def test_copied_deadline_that_differs_still_says_the_rule_confidence(
    catalog: Catalog, today: dt.date
) -> None:
    profile = invited(D(2026, 4, 1), employer_deadline=D(2026, 4, 16))
    note = by_kind(deadlines_of(profile, catalog, today))["employer_submission"].note
    assert note.startswith("Using the date from your invitation (2026-04-16)")
    assert note.endswith(PORTAL_RULE)


def test_hypothetical_deadlines_carry_the_rule_note(catalog: Catalog) -> None:
    report = deadlines_of(_in_scope_of_2026_04_30_gta(), catalog, JUST_AFTER)
    assert all(d.note.endswith(PORTAL_RULE) for d in report.deadlines if d.is_submission) and any(
        d.is_submission for d in report.deadlines
    )


# --- hypothetical deadlines only from rounds up to today --------------------------------------


def test_hypothetical_deadlines_ignore_a_round_after_today(catalog: Catalog) -> None:
    # The only round this Toronto candidate was in scope of is 2026-04-30.
    report = deadlines_of(_in_scope_of_2026_04_30_gta(), catalog, D(2026, 4, 29))
    assert report.basis is None
    assert submission_dates(report) == (None, None)
    assert any("no round in the data would have invited you" in n for n in report.notes)


def test_hypothetical_deadlines_use_a_round_on_today_itself(catalog: Catalog) -> None:
    report = deadlines_of(_in_scope_of_2026_04_30_gta(), catalog, D(2026, 4, 30))
    assert report.basis is not None and report.basis.draw_id == "2026-04-30-foreign_worker-gta"
    assert submission_dates(report) == (D(2026, 5, 14), D(2026, 5, 17))


def test_deadlines_take_the_hypothetical_round_from_the_check_they_are_given(
    catalog: Catalog,
) -> None:
    # One-way flow: deadlines read the eligibility report, they never check draws themselves.
    profile, today = _in_scope_of_2026_04_30_gta(), D(2026, 5, 1)
    own = check_profile(profile, catalog, today)
    every = check_profile(profile, catalog, today, all_streams=True)
    assert compute_deadlines(profile, catalog, today, own).basis is not None
    assert compute_deadlines(profile, catalog, today, own) == compute_deadlines(
        profile, catalog, today, every
    )
    nothing_in_scope = dataclasses.replace(own, results=[])
    report = compute_deadlines(profile, catalog, today, nothing_in_scope)
    assert report.basis is None
    assert not [d for d in report.deadlines if d.is_submission]
