"""The candidate's journey, step by step: job offer → EOI → invitation → employer and candidate
applications → nomination → IRCC, with what is done, what is next and every date.

It reads the profile and the deadlines already computed; it computes no date of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import Deadline, DeadlineReport, compute_deadlines
from oinp_assistant.eligibility import check_profile
from oinp_assistant.points import is_physician
from oinp_assistant.profile import Profile

StepState = Literal["done", "next", "later", "missed"]


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    state: StepState
    date: dt.date | None
    detail: str


def _deadline(report: DeadlineReport, kind: str) -> Deadline | None:
    return next((d for d in report.deadlines if d.kind == kind), None)


def journey(profile: Profile, report: DeadlineReport, today: dt.date) -> list[Step]:
    """The steps in order; exactly one step is `next` until the journey is complete."""
    steps: list[Step] = []
    invited = profile.invitation is not None
    hypothetical = report.basis is not None and report.basis.hypothetical
    job = profile.job_offer
    if is_physician(profile):
        steps.append(
            Step("job_offer", "No job offer needed (self-employed physician)", "done", None, "")
        )
    elif job is not None and job.submitted is not None:
        steps.append(
            Step(
                "job_offer",
                "Employer submits the job offer (Employer Portal)",
                "done",
                job.submitted,
                "Your employer received a Job Offer ID.",
            )
        )
    elif profile.eoi_registered is not None:
        steps.append(
            Step("job_offer", "Employer submits the job offer (Employer Portal)", "done", None, "")
        )
    else:
        steps.append(
            Step(
                "job_offer",
                "Employer submits the job offer (Employer Portal)",
                "later",
                None,
                "Your employer registers and submits the offer; add job_offer.submitted when "
                "it has.",
            )
        )
    registration = _deadline(report, "eoi_registration")
    if profile.eoi_registered is not None:
        steps.append(
            Step(
                "eoi",
                "Register your expression of interest (e-Filing Portal)",
                "done",
                profile.eoi_registered,
                "",
            )
        )
    else:
        steps.append(
            Step(
                "eoi",
                "Register your expression of interest (e-Filing Portal)",
                "missed" if registration and registration.date < today else "later",
                registration.date if registration else None,
                f"Due by {registration.date}." if registration else "",
            )
        )
    expiry = _deadline(report, "eoi_expiry")
    if invited:
        assert profile.invitation is not None
        steps.append(Step("invitation", "Invitation to apply", "done", profile.invitation.date, ""))
    else:
        steps.append(
            Step(
                "invitation",
                "Invitation to apply (a round must select you)",
                "later",
                None,
                f"Your EOI stays in the pool through {expiry.date}." if expiry else "",
            )
        )
    for kind, key, title in (
        ("employer_submission", "employer_application", "Employer files its application"),
        ("candidate_submission", "candidate_application", "You file your application and pay"),
    ):
        deadline = _deadline(report, kind)
        nominated = profile.nomination is not None
        if deadline is None or hypothetical or not invited:
            steps.append(Step(key, title, "done" if nominated else "later", None, ""))
            continue
        state: StepState = "done" if nominated else "missed" if deadline.date < today else "later"
        steps.append(Step(key, title, state, deadline.date, f"By {deadline.date}."))
    nomination_expiry = _deadline(report, "nomination_expiry")
    if profile.nomination is not None:
        steps.append(
            Step("nomination", "Nomination certificate", "done", profile.nomination.date, "")
        )
        steps.append(
            Step(
                "ircc",
                "Apply to IRCC for permanent residence",
                "missed" if nomination_expiry and nomination_expiry.date < today else "later",
                nomination_expiry.date if nomination_expiry else None,
                f"Before your nomination expires on {nomination_expiry.date}."
                if nomination_expiry
                else "Before your nomination expires (date on the certificate).",
            )
        )
    else:
        steps.append(Step("nomination", "Nomination certificate", "later", None, ""))
        steps.append(Step("ircc", "Apply to IRCC for permanent residence", "later", None, ""))
    # The journey is one line: a step the profile leaves open before a step that is done was
    # done too (a nomination means an invitation, an invitation means a registered EOI).
    last_done = max((i for i, step in enumerate(steps) if step.state == "done"), default=-1)
    # (last_done is -1 when nothing is done: steps[:-1] would mark all but the last done.)
    for index, step in enumerate(steps[: max(last_done, 0)]):
        if step.state != "done":
            steps[index] = Step(step.key, step.title, "done", None, "")
    # The first step not done is the next one, unless a date before it was missed: a missed
    # deadline has no extension, so nothing after it is "next" (the journey starts again).
    for index, step in enumerate(steps):
        if step.state == "missed":
            break
        if step.state == "later":
            steps[index] = Step(step.key, step.title, "next", step.date, step.detail)
            break
    return steps


def journey_for(
    profile: Profile, catalog: Catalog, today: dt.date, report: DeadlineReport
) -> list[Step]:
    """The journey the candidate is on today: their own, or, when their stream closed before
    they were invited, the one that starts again in the stream that replaced it."""
    stream = catalog.streams[profile.stream]
    successor = catalog.streams.get(stream.replaced_by or "")
    closed = stream.state_on(today).phase == "closed"
    if not closed or successor is None or profile.invitation or profile.nomination:
        return journey(profile, report, today)
    job = profile.job_offer
    if (
        job is not None
        and job.submitted is not None
        and stream.closed
        and job.submitted < stream.closed
    ):
        job = job.model_copy(update={"submitted": None})  # an offer for the closed stream
    fresh = profile.model_copy(
        update={"stream": successor.id, "eoi_registered": None, "eoi_score": None, "job_offer": job}
    )
    checked = check_profile(fresh, catalog, today)
    steps = journey(fresh, compute_deadlines(fresh, catalog, today, checked), today)
    why = (
        f"{stream.name} closed on {stream.closed} and your old EOI does not carry over: the "
        f"journey starts again in {successor.name}, with a job offer your employer submits and "
        "a new EOI within 30 days of it."
    )
    first = steps[0]
    steps[0] = Step(
        first.key, first.title, first.state, first.date, f"{why} {first.detail}".strip()
    )
    return steps
