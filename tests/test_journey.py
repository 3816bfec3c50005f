"""The Ontario Workforce Priority journey and its clocks outside the invitation windows.

Rules: reference/oinp-rules.md §5b, "Clocks" (the official application-process page): employer
job offer → EOI within 30 calendar days → EOI valid 12 months → invitation → employer 14 and
candidate 17 calendar days → nomination certificate valid 6 months (the IRCC application is
made within it). The certificate's own date wins over the computed one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import Deadline, DeadlineReport, compute_deadlines
from oinp_assistant.eligibility import check_profile
from oinp_assistant.journey import Step, journey
from oinp_assistant.profile import Profile

D = dt.date
OWP = "ontario_workforce_priority"
TODAY = D(2026, 11, 26)
STEP_KEYS = [
    "job_offer",
    "eoi",
    "invitation",
    "employer_application",
    "candidate_application",
    "nomination",
    "ircc",
]


def owp(**fields: Any) -> Profile:
    return Profile.model_validate({"stream": OWP, "noc": "21231", **fields}, strict=True)


def deadlines(catalog: Catalog, p: Profile, today: dt.date = TODAY) -> DeadlineReport:
    return compute_deadlines(p, catalog, today, check_profile(p, catalog, today))


def of_kind(report: DeadlineReport, kind: str) -> Deadline | None:
    found = [d for d in report.deadlines if d.kind == kind]
    assert len(found) <= 1
    return found[0] if found else None


def steps_of(catalog: Catalog, p: Profile, today: dt.date = TODAY) -> list[Step]:
    return journey(p, deadlines(catalog, p, today), today)


def states(steps: list[Step]) -> dict[str, str]:
    return {s.key: s.state for s in steps}


# --- EOI registration: 30 calendar days after the employer's job offer ---------------------------


@pytest.mark.parametrize(
    ("submitted", "due"),
    [
        (D(2026, 9, 15), D(2026, 10, 15)),
        (D(2026, 1, 31), D(2026, 3, 2)),  # across February's end
        (D(2026, 12, 10), D(2027, 1, 9)),  # across the year's end
        (D(2028, 2, 1), D(2028, 3, 2)),  # a leap February
    ],
)
def test_the_eoi_is_due_30_calendar_days_after_the_job_offer(
    catalog: Catalog, submitted: dt.date, due: dt.date
) -> None:
    p = owp(job_offer={"submitted": submitted})
    registration = of_kind(deadlines(catalog, p, submitted), "eoi_registration")
    assert registration is not None
    assert registration.date == due
    assert f"30 calendar days after your employer submitted the job offer ({submitted})" in (
        registration.note
    )
    assert "e-Filing" in registration.where


def test_no_eoi_registration_deadline_once_the_eoi_is_registered(catalog: Catalog) -> None:
    p = owp(job_offer={"submitted": D(2026, 9, 15)}, eoi_registered=D(2026, 9, 20))
    report = deadlines(catalog, p)
    assert of_kind(report, "eoi_registration") is None
    expiry = of_kind(report, "eoi_expiry")
    assert expiry is not None and expiry.date == D(2027, 9, 20)


def test_no_eoi_registration_deadline_without_the_submission_date(catalog: Catalog) -> None:
    assert of_kind(deadlines(catalog, owp(job_offer={"full_time": True})), "eoi_registration") is (
        None
    )


# --- nomination expiry: 6 months, or the certificate's own date ---------------------------------


@pytest.mark.parametrize(
    ("nominated", "expires"),
    [
        (D(2026, 8, 31), D(2027, 2, 28)),
        (D(2027, 8, 31), D(2028, 2, 29)),
        (D(2028, 2, 29), D(2028, 8, 29)),
        (D(2026, 12, 15), D(2027, 6, 15)),
    ],
)
def test_a_nomination_expires_6_months_later_clamped_to_the_months_end(
    catalog: Catalog, nominated: dt.date, expires: dt.date
) -> None:
    p = owp(nomination={"date": nominated})
    expiry = of_kind(deadlines(catalog, p, nominated), "nomination_expiry")
    assert expiry is not None
    assert expiry.date == expires
    assert f"6 months after your nomination ({nominated})" in expiry.note
    assert expiry.where == "IRCC"


def test_the_certificates_own_expiry_wins_with_a_note_when_it_differs(catalog: Catalog) -> None:
    p = owp(nomination={"date": D(2026, 8, 31), "expires": D(2027, 3, 1)})
    expiry = of_kind(deadlines(catalog, p), "nomination_expiry")
    assert expiry is not None
    assert expiry.date == D(2027, 3, 1)
    assert "Using the date on your certificate (2027-03-01)" in expiry.note
    assert "2027-02-28" in expiry.note
    assert "Trust the certificate" in expiry.note


def test_a_certificate_expiry_equal_to_the_count_is_simply_copied(catalog: Catalog) -> None:
    p = owp(nomination={"date": D(2026, 8, 31), "expires": D(2027, 2, 28)})
    expiry = of_kind(deadlines(catalog, p), "nomination_expiry")
    assert expiry is not None
    assert expiry.date == D(2027, 2, 28)
    assert expiry.note == "Date copied from your nomination certificate."


def test_the_deadlines_are_sorted_by_date(catalog: Catalog) -> None:
    p = owp(
        job_offer={"submitted": D(2026, 11, 1)},
        permit={"type": "work", "expires": D(2026, 12, 1)},
    )
    dates = [d.date for d in deadlines(catalog, p).deadlines]
    assert dates == sorted(dates)
    assert {d.kind for d in deadlines(catalog, p).deadlines} >= {
        "eoi_registration",
        "permit_expiry",
    }
    nominated = owp(job_offer={"submitted": D(2026, 11, 1)}, nomination={"date": D(2026, 11, 20)})
    kinds = [d.kind for d in deadlines(catalog, nominated).deadlines]
    assert "nomination_expiry" in kinds


def test_a_nominated_or_invited_candidate_has_no_eoi_registration_or_expiry_left(
    catalog: Catalog,
) -> None:
    for past_the_eoi in (
        {"nomination": {"date": D(2026, 11, 20)}},
        {"invitation": {"date": D(2026, 11, 20)}},
    ):
        p = owp(job_offer={"submitted": D(2026, 11, 1)}, **past_the_eoi)
        kinds = {d.kind for d in deadlines(catalog, p).deadlines}
        assert not kinds & {"eoi_registration", "eoi_expiry"}


# --- the journey ----------------------------------------------------------------------------------


def test_the_steps_come_in_order_with_exactly_one_next(catalog: Catalog) -> None:
    profiles = [
        owp(),
        owp(job_offer={"submitted": D(2026, 11, 10)}),
        owp(job_offer={"submitted": D(2026, 11, 10)}, eoi_registered=D(2026, 11, 20)),
        owp(eoi_registered=D(2026, 11, 20), invitation={"date": D(2026, 11, 24)}),
        owp(
            eoi_registered=D(2026, 9, 1),
            invitation={"date": D(2026, 10, 1)},
            nomination={"date": D(2026, 11, 20)},
        ),
        Profile.model_validate(
            {"stream": OWP, "physician": {"ontario_practice_months": 30}}, strict=True
        ),
    ]
    for p in profiles:
        steps = steps_of(catalog, p)
        assert [s.key for s in steps] == STEP_KEYS
        assert [s.state for s in steps].count("next") == 1, steps


def test_with_nothing_done_yet_the_job_offer_is_next_and_nothing_is_marked_done(
    catalog: Catalog,
) -> None:
    steps = steps_of(catalog, owp())
    assert states(steps) == {key: "later" for key in STEP_KEYS} | {"job_offer": "next"}


def test_with_only_a_job_offer_the_eoi_is_next_and_dated_by_the_30_day_clock(
    catalog: Catalog,
) -> None:
    p = owp(job_offer={"submitted": D(2026, 11, 10)})
    report = deadlines(catalog, p)
    steps = {s.key: s for s in journey(p, report, TODAY)}
    assert (steps["job_offer"].state, steps["job_offer"].date) == ("done", D(2026, 11, 10))
    registration = of_kind(report, "eoi_registration")
    assert registration is not None
    assert (steps["eoi"].state, steps["eoi"].date) == ("next", registration.date)
    assert steps["eoi"].date == D(2026, 12, 10)
    assert steps["eoi"].detail == "Due by 2026-12-10."
    assert all(steps[k].state == "later" for k in STEP_KEYS[2:])


def test_a_missed_eoi_registration_is_marked_missed(catalog: Catalog) -> None:
    p = owp(job_offer={"submitted": D(2026, 10, 1)})  # due 2026-10-31
    steps = {s.key: s for s in steps_of(catalog, p)}
    assert (steps["eoi"].state, steps["eoi"].date) == ("missed", D(2026, 10, 31))


def test_the_registration_day_itself_is_not_missed(catalog: Catalog) -> None:
    p = owp(job_offer={"submitted": D(2026, 10, 27)})  # due 2026-11-26, TODAY
    assert states(steps_of(catalog, p))["eoi"] == "next"


def test_once_registered_the_invitation_is_next_and_the_pool_expiry_is_named(
    catalog: Catalog,
) -> None:
    p = owp(job_offer={"submitted": D(2026, 11, 10)}, eoi_registered=D(2026, 11, 20))
    steps = {s.key: s for s in steps_of(catalog, p)}
    assert (steps["eoi"].state, steps["eoi"].date) == ("done", D(2026, 11, 20))
    assert steps["invitation"].state == "next"
    assert "2027-11-20" in steps["invitation"].detail


def test_once_invited_the_employer_and_candidate_dates_come_from_the_deadlines(
    catalog: Catalog,
) -> None:
    p = owp(eoi_registered=D(2026, 11, 1), invitation={"date": D(2026, 11, 20)})
    report = deadlines(catalog, p)
    steps = {s.key: s for s in journey(p, report, TODAY)}
    employer = of_kind(report, "employer_submission")
    candidate = of_kind(report, "candidate_submission")
    assert employer is not None and candidate is not None
    assert (employer.date, candidate.date) == (D(2026, 12, 4), D(2026, 12, 7))
    assert steps["invitation"].state == "done"
    assert (steps["employer_application"].state, steps["employer_application"].date) == (
        "next",
        employer.date,
    )
    assert (steps["candidate_application"].state, steps["candidate_application"].date) == (
        "later",
        candidate.date,
    )


def test_copied_invitation_deadlines_are_the_dates_the_journey_shows(catalog: Catalog) -> None:
    p = owp(
        invitation={
            "date": D(2026, 11, 20),
            "employer_deadline": D(2026, 12, 3),
            "candidate_deadline": D(2026, 12, 6),
        }
    )
    steps = {s.key: s for s in steps_of(catalog, p)}
    assert steps["employer_application"].date == D(2026, 12, 3)
    assert steps["candidate_application"].date == D(2026, 12, 6)


def test_once_nominated_the_ircc_application_is_next_before_the_certificate_expires(
    catalog: Catalog,
) -> None:
    p = owp(
        eoi_registered=D(2026, 9, 1),
        invitation={"date": D(2026, 10, 1)},
        nomination={"date": D(2026, 11, 20)},
    )
    report = deadlines(catalog, p)
    steps = {s.key: s for s in journey(p, report, TODAY)}
    assert all(steps[k].state == "done" for k in STEP_KEYS[:6])
    expiry = of_kind(report, "nomination_expiry")
    assert expiry is not None and expiry.date == D(2027, 5, 20)
    assert (steps["ircc"].state, steps["ircc"].date) == ("next", expiry.date)
    assert "2027-05-20" in steps["ircc"].detail


def test_a_nomination_past_its_expiry_marks_the_ircc_step_missed(catalog: Catalog) -> None:
    p = owp(nomination={"date": D(2026, 1, 15)}, eoi_registered=D(2025, 12, 1))
    steps = {s.key: s for s in steps_of(catalog, p)}
    assert (steps["ircc"].state, steps["ircc"].date) == ("missed", D(2026, 7, 15))
    assert "next" not in states(list(steps.values())).values()


def test_a_later_step_done_means_every_earlier_step_is_done(catalog: Catalog) -> None:
    # Invited, with neither the job offer's submission nor the EOI's date in the profile: the
    # next step is the employer's application, not the EOI already registered.
    p = owp(job_offer={"submitted": D(2026, 10, 1)}, invitation={"date": D(2026, 11, 20)})
    steps = {s.key: s for s in steps_of(catalog, p)}
    assert [steps[k].state for k in STEP_KEYS] == [
        "done",
        "done",
        "done",
        "next",
        "later",
        "later",
        "later",
    ]
    assert (steps["eoi"].date, steps["eoi"].detail) == (None, "")
    # Nominated without the invitation recorded: the invitation is done, not next.
    nominated = owp(nomination={"date": D(2026, 11, 20)})
    assert states(steps_of(catalog, nominated)) == dict.fromkeys(STEP_KEYS[:6], "done") | {
        "ircc": "next"
    }


def test_a_physician_needs_no_job_offer_and_registers_next(catalog: Catalog) -> None:
    p = Profile.model_validate(
        {"stream": OWP, "physician": {"ontario_practice_months": 30}}, strict=True
    )
    steps = {s.key: s for s in steps_of(catalog, p)}
    assert steps["job_offer"].state == "done"
    assert "physician" in steps["job_offer"].title
    assert steps["eoi"].state == "next"
