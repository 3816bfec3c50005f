"""Eligibility: when a profile is in scope of a round, criterion by criterion, at every boundary.

Rules: DESIGN.md section 2 and reference/oinp-rules.md sections 1-2. Boundary tests build one
Draw by hand so the edge is visible in the test; a few end-to-end facts use the bundled record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.draws import Draw
from oinp_assistant.eligibility import (
    CRITERIA,
    Criterion,
    DrawResult,
    check_draw,
    check_profile,
    stream_status,
)
from oinp_assistant.profile import Invitation, Permit, Profile

D = dt.date
DRAW_DAY = D(2026, 4, 30)
WINDOW_START = D(2025, 7, 2)
WINDOW_END = D(2026, 4, 28)
WELDER = "72106"
NURSE = "31301"
PERMIT_END = D(2027, 1, 31)


def make_draw(**changes: Any) -> Draw:
    """A targeted, GTA, permit-required Foreign Worker round; change what a test is about."""
    fields: dict[str, Any] = {
        "id": "test-draw",
        "date": DRAW_DAY,
        "stream": "foreign_worker",
        "round": "test_round",
        "invitations": 100,
        "min_score": 57,
        "window_start": WINDOW_START,
        "window_end": WINDOW_END,
        "noc_codes": (WELDER, "21231"),
        "region": None,
        "communities": (),
        "residence_required": "in_canada_with_permit",
        "confidence": "2+",
        "sources": ("https://example.org/notice",),
    }
    fields.update(changes)
    return Draw(**fields)


def make_profile(**changes: Any) -> Profile:
    """A Foreign Worker profile that passes every criterion of make_draw()."""
    fields: dict[str, Any] = {
        "stream": "foreign_worker",
        "noc": WELDER,
        "eoi_score": 57,
        "eoi_registered": D(2025, 9, 1),
        "job_region": "gta",
        "permit": Permit(type="work", expires=D(2027, 1, 31), in_canada=True),
    }
    fields.update(changes)
    return Profile(**fields)


def permit(
    type_: str = "work", expires: dt.date | None = PERMIT_END, in_canada: bool | None = True
) -> Permit:
    return Permit.model_validate({"type": type_, "expires": expires, "in_canada": in_canada})


def criterion(result: DrawResult, name: str) -> Criterion:
    return next(c for c in result.criteria if c.name == name)


def check(
    catalog: Catalog, profile: Profile, draw: Draw, same_day: list[Draw] | None = None
) -> DrawResult:
    return check_draw(profile, draw, catalog, same_day or [draw])


def status_of(catalog: Catalog, name: str, profile: Profile, draw: Draw) -> str:
    return criterion(check(catalog, profile, draw), name).status


# --- the reference pair itself -------------------------------------------------------------


def test_reference_profile_is_in_scope_of_reference_draw(catalog: Catalog) -> None:
    result = check(catalog, make_profile(), make_draw())
    assert [c.name for c in result.criteria] == list(CRITERIA)
    assert {c.status for c in result.criteria} == {"pass"}
    assert result.verdict == "in_scope"


def test_every_criterion_explains_itself_in_a_sentence(catalog: Catalog) -> None:
    for profile in (make_profile(), Profile(stream="foreign_worker")):
        criteria = check(catalog, profile, make_draw()).criteria
        assert {c.name for c in criteria} == set(CRITERIA)
        for c in criteria:
            assert len(c.detail) > 20 and c.detail.endswith("."), c


# --- stream --------------------------------------------------------------------------------


def test_round_of_another_stream_fails_and_names_both_streams(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(), make_draw(stream="in_demand_skills")), "stream")
    assert c.status == "fail"
    assert "In-Demand Skills" in c.detail and "Foreign Worker" in c.detail


# --- score ---------------------------------------------------------------------------------


def test_score_equal_to_minimum_is_invited(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(eoi_score=57), make_draw(min_score=57)), "score")
    assert c.status == "pass"


def test_score_above_minimum_is_invited(catalog: Catalog) -> None:
    assert status_of(catalog, "score", make_profile(eoi_score=90), make_draw()) == "pass"


def test_score_one_below_minimum_is_not_invited_and_says_by_how_much(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(eoi_score=56), make_draw(min_score=57)), "score")
    assert c.status == "fail"
    assert "1 point below the minimum of 57" in c.detail


def test_score_unknown_when_profile_has_no_score(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(eoi_score=None), make_draw()), "score")
    assert c.status == "unknown"
    assert "eoi_score" in c.detail


def test_score_unknown_when_round_minimum_not_found(catalog: Catalog) -> None:
    assert status_of(catalog, "score", make_profile(), make_draw(min_score=None)) == "unknown"


@pytest.mark.parametrize(
    "stream", ["human_capital_priorities", "french_speaking_skilled_worker", "skilled_trades"]
)
def test_express_entry_round_is_not_scored(catalog: Catalog, stream: str) -> None:
    profile = make_profile(stream=stream, eoi_score=130)
    c = criterion(check(catalog, profile, make_draw(stream=stream, min_score=None)), "score")
    assert c.status == "unknown"
    assert "Not scored" in c.detail and "CRS" in c.detail


def test_express_entry_profile_gets_a_not_scored_note(catalog: Catalog, today: dt.date) -> None:
    report = check_profile(Profile(stream="human_capital_priorities"), catalog, today)
    assert any("Express Entry" in n and "does not apply" in n for n in report.notes)
    assert all(criterion(r, "score").status == "unknown" for r in report.results)


# --- profile window (both ends included) ---------------------------------------------------


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        (WINDOW_START - dt.timedelta(days=1), "fail"),
        (WINDOW_START, "pass"),
        (WINDOW_END, "pass"),  # "created and attested to by <end>, 11:59 p.m."
        (WINDOW_END + dt.timedelta(days=1), "fail"),
    ],
    ids=["day-before-start", "on-start", "on-cut-off-day", "day-after-cut-off"],
)
def test_eoi_window_includes_both_ends(
    catalog: Catalog, registered: dt.date, expected: str
) -> None:
    profile = make_profile(eoi_registered=registered)
    assert status_of(catalog, "profile_window", profile, make_draw()) == expected


def test_eoi_registered_after_cut_off_quotes_official_wording(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=WINDOW_END + dt.timedelta(days=1))
    c = criterion(check(catalog, profile, make_draw()), "profile_window")
    assert "created and attested to by 2026-04-28, 11:59 p.m." in c.detail


def test_eoi_registered_before_window_names_the_opening_day(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=D(2025, 7, 1))
    c = criterion(check(catalog, profile, make_draw()), "profile_window")
    assert "2025-07-02" in c.detail


def test_window_unknown_without_eoi_registered(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(eoi_registered=None), make_draw()), "profile_window")
    assert c.status == "unknown" and "eoi_registered" in c.detail


def test_window_unknown_when_round_window_not_found(catalog: Catalog) -> None:
    draw = make_draw(window_start=None, window_end=None)
    assert status_of(catalog, "profile_window", make_profile(), draw) == "unknown"


def test_window_with_one_known_end_cannot_confirm_inside(catalog: Catalog) -> None:
    draw = make_draw(window_start=None)
    assert status_of(catalog, "profile_window", make_profile(), draw) == "unknown"
    late = make_profile(eoi_registered=WINDOW_END + dt.timedelta(days=1))
    assert status_of(catalog, "profile_window", late, draw) == "fail"


# --- permit and residence ------------------------------------------------------------------


def test_permit_expiring_the_day_before_the_draw_fails(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(expires=DRAW_DAY - dt.timedelta(days=1)))
    c = criterion(check(catalog, profile, make_draw()), "permit")
    assert c.status == "fail"
    assert "2026-04-29" in c.detail


def test_permit_expiring_on_the_draw_date_passes(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(expires=DRAW_DAY))
    assert status_of(catalog, "permit", profile, make_draw()) == "pass"


def test_study_permit_counts_as_a_valid_permit(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(type_="study"))
    assert status_of(catalog, "permit", profile, make_draw()) == "pass"


def test_permit_round_fails_a_profile_with_permit_type_none(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(type_="none", expires=None, in_canada=True))
    c = criterion(check(catalog, profile, make_draw()), "permit")
    assert c.status == "fail" and "has none" in c.detail


def test_permit_round_fails_permit_type_none_even_without_in_canada(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(type_="none", expires=None, in_canada=None))
    assert status_of(catalog, "permit", profile, make_draw()) == "fail"


def test_permit_round_fails_an_expired_permit_even_without_in_canada(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(expires=D(2026, 1, 1), in_canada=None))
    assert status_of(catalog, "permit", profile, make_draw()) == "fail"


@pytest.mark.parametrize("rule", ["in_canada_with_permit", "in_canada"])
def test_round_for_people_in_canada_fails_a_candidate_abroad(catalog: Catalog, rule: str) -> None:
    profile = make_profile(permit=permit(in_canada=False))
    c = criterion(check(catalog, profile, make_draw(residence_required=rule)), "permit")
    assert c.status == "fail" and "not" in c.detail


def test_in_canada_round_needs_no_permit(catalog: Catalog) -> None:
    profile = make_profile(permit=permit(type_="none", expires=None, in_canada=True))
    draw = make_draw(residence_required="in_canada")
    assert status_of(catalog, "permit", profile, draw) == "pass"


@pytest.mark.parametrize("rule", ["in_canada_with_permit", "in_canada"])
@pytest.mark.parametrize(
    "profile_permit",
    [None, Permit(type="work", expires=D(2027, 1, 31))],
    ids=["no-permit-table", "in_canada-missing"],
)
def test_residence_unknown_when_profile_does_not_say(
    catalog: Catalog, rule: str, profile_permit: Permit | None
) -> None:
    profile = make_profile(permit=profile_permit)
    c = criterion(check(catalog, profile, make_draw(residence_required=rule)), "permit")
    assert c.status == "unknown" and "in_canada" in c.detail


def test_round_without_residence_condition_passes_anyone(catalog: Catalog) -> None:
    abroad = make_profile(permit=permit(type_="none", expires=None, in_canada=False))
    draw = make_draw(residence_required="no")
    assert status_of(catalog, "permit", abroad, draw) == "pass"
    assert status_of(catalog, "permit", make_profile(permit=None), draw) == "pass"


def test_round_whose_residence_rule_was_not_found_is_unknown(catalog: Catalog) -> None:
    draw = make_draw(residence_required="unknown")
    assert status_of(catalog, "permit", make_profile(), draw) == "unknown"


# --- occupation ----------------------------------------------------------------------------


def test_general_round_accepts_every_occupation(catalog: Catalog) -> None:
    draw = make_draw(noc_codes=())
    assert status_of(catalog, "occupation", make_profile(noc=NURSE), draw) == "pass"
    assert status_of(catalog, "occupation", make_profile(noc=None), draw) == "pass"


def test_targeted_round_passes_a_targeted_noc_and_names_it(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(), make_draw()), "occupation")
    assert c.status == "pass" and "72106" in c.detail and "Welders" in c.detail


def test_targeted_round_fails_an_untargeted_noc(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(noc=NURSE), make_draw()), "occupation")
    assert c.status == "fail" and "not among the 2 occupations" in c.detail


def test_targeted_round_with_unknown_noc_list_is_unknown(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(), make_draw(noc_codes=None)), "occupation")
    assert c.status == "unknown" and "official notice" in c.detail


def test_targeted_round_without_profile_noc_is_unknown(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(noc=None), make_draw()), "occupation")
    assert c.status == "unknown" and "noc" in c.detail


def test_noc_targeted_by_another_stream_that_day_names_that_round(catalog: Catalog) -> None:
    fw = make_draw(id="fw", noc_codes=("21231",))
    student = make_draw(id="is", stream="international_student", round="gta", noc_codes=(WELDER,))
    c = criterion(check(catalog, make_profile(), fw, [fw, student]), "occupation")
    assert c.status == "fail"
    assert c.detail == (
        "Your NOC 72106 (Welders and related machine operators) was not targeted in this round; "
        "that day it was targeted in the International Student GTA round."
    )


def test_noc_targeted_in_the_real_same_day_rounds_names_the_other_stream(
    catalog: Catalog, today: dt.date
) -> None:
    # 2026-04-30: the GTA International Student round targeted 10019, the Foreign Worker one not
    fw_gta = next(d for d in catalog.draws if d.id == "2026-04-30-foreign_worker-gta")
    is_gta = next(d for d in catalog.draws if d.id == "2026-04-30-international_student-gta")
    only_is = sorted(set(is_gta.noc_codes or ()) - set(fw_gta.noc_codes or ()))
    assert only_is, "the two rounds of 2026-04-30 targeted different occupations"
    profile = make_profile(noc=only_is[0])
    report = check_profile(profile, catalog, today)
    result = next(r for r in report.results if r.draw.id == fw_gta.id)
    detail = criterion(result, "occupation").detail
    assert detail.startswith(f"Your NOC {only_is[0]} (")
    assert detail.endswith(
        ") was not targeted in this round; that day it was targeted in the International "
        "Student GTA round."
    )


# --- region --------------------------------------------------------------------------------


def test_round_without_region_accepts_a_job_anywhere(catalog: Catalog) -> None:
    assert status_of(catalog, "region", make_profile(job_region=None), make_draw()) == "pass"


@pytest.mark.parametrize("job_region", ["gta", "toronto"])
def test_gta_round_accepts_gta_and_toronto(catalog: Catalog, job_region: str) -> None:
    draw = make_draw(region="gta")
    assert status_of(catalog, "region", make_profile(job_region=job_region), draw) == "pass"


def test_gta_round_detail_says_toronto_is_included(catalog: Catalog) -> None:
    c = criterion(
        check(catalog, make_profile(job_region="toronto"), make_draw(region="gta")), "region"
    )
    assert "Toronto included" in c.detail and "outside Toronto" not in c.detail


def test_regional_round_fails_a_job_in_another_region(catalog: Catalog) -> None:
    profile = make_profile(job_region="eastern_ontario")
    c = criterion(check(catalog, profile, make_draw(region="northern_ontario")), "region")
    assert c.status == "fail"
    assert "Northern Ontario" in c.detail and "Eastern Ontario" in c.detail


def test_toronto_round_is_not_open_to_the_rest_of_the_gta(catalog: Catalog) -> None:
    draw = make_draw(region="toronto")
    assert status_of(catalog, "region", make_profile(job_region="gta"), draw) == "fail"


def test_regional_round_is_unknown_without_job_region(catalog: Catalog) -> None:
    draw = make_draw(region="northern_ontario")
    c = criterion(check(catalog, make_profile(job_region=None), draw), "region")
    assert c.status == "unknown" and "job_region" in c.detail


REDI = ("Lanark", "Leeds and Grenville")


def test_community_round_is_unknown_without_job_community(catalog: Catalog) -> None:
    draw = make_draw(communities=REDI)
    c = criterion(check(catalog, make_profile(job_community=None), draw), "region")
    assert c.status == "unknown" and "job_community" in c.detail


@pytest.mark.parametrize("community", ["Lanark", "leeds and  grenville"])
def test_community_round_passes_a_named_community(catalog: Catalog, community: str) -> None:
    draw = make_draw(communities=REDI)
    assert status_of(catalog, "region", make_profile(job_community=community), draw) == "pass"


def test_community_round_fails_another_community(catalog: Catalog) -> None:
    draw = make_draw(communities=REDI)
    c = criterion(check(catalog, make_profile(job_community="Lambton"), draw), "region")
    assert c.status == "fail" and "Lanark" in c.detail and "Lambton" in c.detail


def test_community_round_with_unnamed_communities_is_unknown(catalog: Catalog) -> None:
    draw = make_draw(communities=None)
    assert status_of(catalog, "region", make_profile(job_community="Lanark"), draw) == "unknown"


SUDBURY = {"region": "greater_sudbury", "communities": ("Greater Sudbury/Grand Sudbury",)}


@pytest.mark.parametrize("community", ["Greater Sudbury", "Grand Sudbury", "greater sudbury"])
def test_greater_sudbury_round_accepts_either_official_name(
    catalog: Catalog, community: str
) -> None:
    profile = make_profile(job_region="northern_ontario", job_community=community)
    assert status_of(catalog, "region", profile, make_draw(**SUDBURY)) == "pass"


def test_greater_sudbury_round_fails_a_job_outside_northern_ontario(catalog: Catalog) -> None:
    profile = make_profile(job_region="toronto", job_community=None)
    c = criterion(check(catalog, profile, make_draw(**SUDBURY)), "region")
    assert c.status == "fail" and "Northern Ontario" in c.detail


def test_greater_sudbury_round_fails_another_northern_community(catalog: Catalog) -> None:
    profile = make_profile(job_region="northern_ontario", job_community="Thunder Bay")
    assert status_of(catalog, "region", profile, make_draw(**SUDBURY)) == "fail"


def test_greater_sudbury_round_is_unknown_without_job_community(catalog: Catalog) -> None:
    profile = make_profile(job_region="northern_ontario", job_community=None)
    assert status_of(catalog, "region", profile, make_draw(**SUDBURY)) == "unknown"


def test_bundled_greater_sudbury_rounds_exist(catalog: Catalog) -> None:
    sudbury = [d for d in catalog.draws if d.region == "greater_sudbury"]
    assert sudbury and all(d.communities for d in sudbury)


def test_round_in_a_region_the_assistant_does_not_know_is_unknown(catalog: Catalog) -> None:
    draw = make_draw(region="somewhere_new")
    assert status_of(catalog, "region", make_profile(), draw) == "unknown"


# --- EOI validity (12 months, the last day included) ---------------------------------------


# Masters Graduate: its pool was never withdrawn, so only the 12 months are at play (an Employer
# Job Offer EOI registered before 2025-06-21 was withdrawn that day, see below).


def test_eoi_is_valid_on_its_twelve_month_anniversary(catalog: Catalog) -> None:
    profile = make_profile(stream="masters_graduate", eoi_registered=D(2025, 4, 30))
    draw = make_draw(stream="masters_graduate", window_start=None, window_end=None)
    assert profile.eoi_expires == D(2026, 4, 30)
    c = criterion(check(catalog, profile, draw), "eoi_validity")
    assert c.status == "pass" and "end on 2026-04-30" in c.detail


def test_eoi_has_left_the_pool_the_day_after_twelve_months(catalog: Catalog) -> None:
    profile = make_profile(stream="masters_graduate", eoi_registered=D(2025, 4, 29))
    c = criterion(check(catalog, profile, make_draw(stream="masters_graduate")), "eoi_validity")
    assert c.status == "fail"
    assert c.detail == (
        "Your EOI had left the pool: its 12 months after registration ended on 2026-04-29."
    )


def test_window_start_exactly_twelve_months_back_is_consistent_with_eoi_validity(
    catalog: Catalog,
) -> None:
    # Bundled 2026-04-22 Masters round: window 2025-04-22..2026-04-20; a profile created on the
    # first day of that official window was in the pool on the draw date.
    draw = next(d for d in catalog.draws if d.id == "2026-04-22-masters_graduate-general")
    assert draw.window_start == D(2025, 4, 22)
    profile = Profile(stream="masters_graduate", eoi_registered=D(2025, 4, 22))
    result = check(catalog, profile, draw)
    assert criterion(result, "profile_window").status == "pass"
    assert criterion(result, "eoi_validity").status == "pass"


def test_leap_day_eoi_lasts_until_february_28_next_year(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=D(2024, 2, 29))
    assert profile.eoi_expires == D(2025, 2, 28)
    on_last_day = make_draw(date=D(2025, 2, 28), window_start=None, window_end=None)
    day_after = make_draw(date=D(2025, 3, 1), window_start=None, window_end=None)
    assert status_of(catalog, "eoi_validity", profile, on_last_day) == "pass"
    assert status_of(catalog, "eoi_validity", profile, day_after) == "fail"


def test_eoi_registered_after_the_draw_did_not_exist_yet(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=DRAW_DAY + dt.timedelta(days=1))
    c = criterion(check(catalog, profile, make_draw()), "eoi_validity")
    assert c.status == "fail" and "did not exist yet" in c.detail


def test_eoi_validity_unknown_without_eoi_registered(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=None)
    assert status_of(catalog, "eoi_validity", profile, make_draw()) == "unknown"


# --- missing profile fields are unknown, never pass ----------------------------------------


def test_bare_profile_is_never_in_scope_of_a_round_that_needs_its_fields(
    catalog: Catalog,
) -> None:
    result = check(catalog, Profile(stream="foreign_worker"), make_draw(region="gta"))
    statuses = {c.name: c.status for c in result.criteria}
    assert statuses == {
        "stream": "pass",
        "occupation": "unknown",
        "score": "unknown",
        "profile_window": "unknown",
        "region": "unknown",
        "permit": "unknown",
        "eoi_validity": "unknown",
        "other_conditions": "pass",
    }
    assert result.verdict == "unknown"


@pytest.mark.parametrize(
    ("field", "criterion_name"),
    [
        ("noc", "occupation"),
        ("eoi_score", "score"),
        ("eoi_registered", "profile_window"),
        ("job_region", "region"),
        ("permit", "permit"),
    ],
)
def test_each_missing_field_makes_its_criterion_unknown(
    catalog: Catalog, field: str, criterion_name: str
) -> None:
    result = check(catalog, make_profile(**{field: None}), make_draw(region="gta"))
    assert criterion(result, criterion_name).status == "unknown"
    assert result.verdict == "unknown"


# --- verdict -------------------------------------------------------------------------------


def _result(*statuses: str) -> DrawResult:
    criteria = tuple(
        Criterion(name, status, "x.")  # type: ignore[arg-type]
        for name, status in zip(CRITERIA, statuses, strict=True)
    )
    return DrawResult(make_draw(), criteria)


def test_verdict_all_pass_is_in_scope() -> None:
    assert _result(*["pass"] * 8).verdict == "in_scope"


def test_verdict_any_fail_is_out_of_scope_even_with_unknowns() -> None:
    assert _result("pass", "unknown", "fail", "pass", "pass", "pass", "pass", "pass").verdict == (
        "out_of_scope"
    )


def test_verdict_unknown_without_fail_is_unknown() -> None:
    assert _result("pass", "pass", "pass", "unknown", *["pass"] * 4).verdict == "unknown"
    assert _result(*["pass"] * 7, "unknown").failed == []
    assert _result(*["pass"] * 7, "unknown").verdict == "unknown"


# --- stream status and report notes --------------------------------------------------------


def test_closed_stream_names_closing_date_and_replacement(catalog: Catalog, today: dt.date) -> None:
    status = stream_status(catalog.streams["foreign_worker"], catalog, today)
    assert not status.is_open
    assert "closed on 2026-05-30" in status.message
    assert "Ontario Workforce Priority" in status.message
    assert "2026-08-04" in status.message
    assert "switch your profile's stream to it" in status.message


def test_stream_is_open_the_day_before_it_closes(catalog: Catalog) -> None:
    status = stream_status(catalog.streams["foreign_worker"], catalog, D(2026, 5, 29))
    assert status.is_open
    assert stream_status(catalog.streams["foreign_worker"], catalog, D(2026, 5, 30)).is_open is (
        False
    )


def test_workforce_priority_is_open_with_its_eoi_date(catalog: Catalog, today: dt.date) -> None:
    status = stream_status(catalog.streams["ontario_workforce_priority"], catalog, today)
    assert status.is_open
    assert "2026-06-25" in status.message and "2026-08-04" in status.message


def test_workforce_priority_before_it_came_into_force_is_not_open(catalog: Catalog) -> None:
    stream = catalog.streams["ontario_workforce_priority"]
    status = stream_status(stream, catalog, D(2026, 6, 24))
    assert not status.is_open and "opens on 2026-06-25" in status.message


def test_workforce_priority_profile_is_told_the_data_has_no_round_yet(
    catalog: Catalog, today: dt.date
) -> None:
    report = check_profile(
        Profile(stream="ontario_workforce_priority", eoi_score=80), catalog, today
    )
    assert report.results == []
    text = " ".join(report.notes)
    assert "No round of Ontario Workforce Priority is in the data" in text
    assert "2026-10-03" in text
    assert "No round matches" not in text


def test_check_profile_lists_only_own_stream_newest_first(catalog: Catalog, today: dt.date) -> None:
    report = check_profile(make_profile(), catalog, today)
    assert report.results and {r.draw.stream for r in report.results} == {"foreign_worker"}
    dates = [r.draw.date for r in report.results]
    assert dates == sorted(dates, reverse=True)
    assert report.stream_status.message.startswith("Foreign Worker closed on 2026-05-30")


def test_check_profile_since_after_the_newest_round_says_none_matches(
    catalog: Catalog, today: dt.date
) -> None:
    report = check_profile(make_profile(), catalog, today, since=D(2026, 5, 1))
    assert report.results == []
    assert any("none since 2026-05-01" in n for n in report.notes)


# --- end to end on the bundled record ------------------------------------------------------


def _gta_candidate(**changes: Any) -> Profile:
    fields: dict[str, Any] = {
        "stream": "foreign_worker",
        "noc": "00012",
        "eoi_score": 57,
        "eoi_registered": D(2025, 8, 1),
        "job_region": "toronto",
        "permit": Permit(type="work", expires=D(2027, 1, 31), in_canada=True),
        "invitation": None,
    }
    fields.update(changes)
    return Profile(**fields)


def test_bundled_2026_04_30_gta_foreign_worker_round_had_minimum_57(catalog: Catalog) -> None:
    draw = next(d for d in catalog.draws if d.id == "2026-04-30-foreign_worker-gta")
    assert (draw.date, draw.stream, draw.region, draw.min_score) == (
        DRAW_DAY,
        "foreign_worker",
        "gta",
        57,
    )
    assert draw.window_end == WINDOW_END
    assert draw.residence_required == "in_canada_with_permit"


def test_toronto_candidate_with_57_is_in_scope_of_the_2026_04_30_gta_round(
    catalog: Catalog, today: dt.date
) -> None:
    report = check_profile(_gta_candidate(), catalog, today)
    newest = report.results[0]
    assert newest.draw.id == "2026-04-30-foreign_worker-gta"
    assert newest.verdict == "in_scope"


def test_candidate_with_56_is_out_of_scope_of_the_2026_04_30_gta_round(
    catalog: Catalog, today: dt.date
) -> None:
    report = check_profile(_gta_candidate(eoi_score=56), catalog, today)
    newest = report.results[0]
    assert newest.draw.id == "2026-04-30-foreign_worker-gta"
    assert newest.verdict == "out_of_scope"
    assert [c.name for c in newest.failed] == ["score"]


def test_candidate_registered_the_day_after_the_2026_04_30_cut_off_is_out(
    catalog: Catalog, today: dt.date
) -> None:
    profile = _gta_candidate(eoi_registered=D(2026, 4, 29))
    newest = check_profile(profile, catalog, today).results[0]
    assert [c.name for c in newest.failed] == ["profile_window"]


def test_all_streams_checks_every_round(catalog: Catalog, today: dt.date) -> None:
    report = check_profile(_gta_candidate(), catalog, today, all_streams=True)
    assert len(report.results) == len(catalog.draws)
    other = next(r for r in report.results if r.draw.stream != "foreign_worker")
    assert other.verdict == "out_of_scope"


def test_invitation_on_the_profile_does_not_change_eligibility(catalog: Catalog) -> None:
    invited = _gta_candidate(invitation=Invitation(date=DRAW_DAY))
    draw = next(d for d in catalog.draws if d.id == "2026-04-30-foreign_worker-gta")
    assert check(catalog, invited, draw).verdict == "in_scope"


def test_since_includes_rounds_on_that_day(catalog: Catalog, today: dt.date) -> None:
    report = check_profile(make_profile(), catalog, today, since=DRAW_DAY)
    assert [r.draw.id for r in report.results] == ["2026-04-30-foreign_worker-gta"]


def test_express_entry_profile_is_never_in_scope(catalog: Catalog, today: dt.date) -> None:
    profile = make_profile(stream="skilled_trades", eoi_score=130)
    report = check_profile(profile, catalog, today)
    assert report.results
    assert all(r.verdict != "in_scope" for r in report.results)


# --- other conditions (data/round_conditions.toml) -----------------------------------------


def test_other_conditions_is_the_eighth_criterion_after_eoi_validity() -> None:
    assert CRITERIA[-2:] == ("eoi_validity", "other_conditions")
    assert len(CRITERIA) == 8


def test_round_without_recorded_conditions_passes_other_conditions(catalog: Catalog) -> None:
    c = criterion(check(catalog, make_profile(), make_draw()), "other_conditions")
    assert c.status == "pass"
    assert c.detail == "No other condition is recorded for this round."


@pytest.mark.parametrize(
    ("round_", "text"),
    [
        ("french_speaking", "French at least at CLB 5"),
        ("empp", "only candidates of the Economic Mobility Pathways Pilot (EMPP)"),
        ("greater_sudbury", "a bachelor's degree or higher"),
    ],
)
def test_round_with_a_condition_no_profile_records_is_unknown_and_names_it(
    catalog: Catalog, round_: str, text: str
) -> None:
    c = criterion(check(catalog, make_profile(), make_draw(round=round_)), "other_conditions")
    assert c.status == "unknown"
    assert c.detail == (
        f"This round also required {text}. Your profile does not record this, so check it "
        "yourself against the round's notice (listed in its sources)."
    )


def test_french_speaking_round_is_never_in_scope_even_when_everything_else_passes(
    catalog: Catalog,
) -> None:
    result = check(catalog, make_profile(), make_draw(round="french_speaking"))
    assert [c.name for c in result.criteria if c.status != "pass"] == ["other_conditions"]
    assert result.verdict == "unknown"


def test_bundled_french_speaking_rounds_of_2026_04_08_are_unknown_not_in_scope(
    catalog: Catalog,
) -> None:
    # Welder, in Canada on a work permit, EOI inside the 2025-07-02..2026-04-06 window, a score
    # above every minimum: only the French condition is left, and the profile cannot tell.
    profile = make_profile(eoi_score=90, eoi_registered=D(2025, 9, 1))
    report = check_profile(profile, catalog, D(2026, 4, 8))
    french = next(
        r for r in report.results if r.draw.id == "2026-04-08-foreign_worker-french_speaking"
    )
    assert criterion(french, "other_conditions").status == "unknown"
    assert "French at least at CLB 5" in criterion(french, "other_conditions").detail
    assert french.verdict == "unknown"
    assert all(r.verdict != "in_scope" for r in report.results if r.draw.round == "french_speaking")


def test_a_condition_limited_to_some_streams_leaves_the_others_alone(catalog: Catalog) -> None:
    limited = [
        c.model_copy(update={"streams": ("international_student",)})
        if c.round == "french_speaking"
        else c
        for c in catalog.round_conditions
    ]
    small = dataclasses.replace(catalog, round_conditions=limited)
    fw = make_draw(round="french_speaking")
    student = make_draw(round="french_speaking", stream="international_student")
    assert status_of(small, "other_conditions", make_profile(), fw) == "pass"
    assert status_of(small, "other_conditions", make_profile(), student) == "unknown"


# --- same-day rounds that targeted the occupation ------------------------------------------


def test_same_day_sentence_groups_every_other_round_by_stream_own_stream_first(
    catalog: Catalog,
) -> None:
    this = make_draw(id="fw-central", round="central_ontario", noc_codes=(NURSE,))
    others = [
        make_draw(id="is-fr", stream="international_student", round="french_speaking"),
        make_draw(id="fw-east", round="eastern_ontario"),
        make_draw(id="ids", stream="in_demand_skills", round="gta", noc_codes=(NURSE,)),
        make_draw(id="fw-north", round="northern_ontario"),
    ]
    c = criterion(check(catalog, make_profile(), this, [this, *others]), "occupation")
    assert c.status == "fail"
    assert c.detail == (
        "Your NOC 72106 (Welders and related machine operators) was not targeted in this round; "
        "that day it was targeted in the Foreign Worker (Eastern Ontario, Northern Ontario) and "
        "International Student French-speaking rounds."
    )


def test_same_day_sentence_puts_the_own_stream_first_even_when_it_sorts_last(
    catalog: Catalog,
) -> None:
    profile = make_profile(stream="international_student")
    this = make_draw(id="is-gta", stream="international_student", round="gta", noc_codes=(NURSE,))
    others = [
        make_draw(id="fw-gta", round="gta"),
        make_draw(id="is-redi", stream="international_student", round="redi"),
        make_draw(id="ids-north", stream="in_demand_skills", round="northern_ontario"),
    ]
    detail = criterion(check(catalog, profile, this, [this, *others]), "occupation").detail
    assert detail.endswith(
        "that day it was targeted in the International Student REDI, Foreign Worker GTA and "
        "In-Demand Skills Northern Ontario rounds."
    )


def test_same_day_round_of_the_own_stream_is_named(catalog: Catalog) -> None:
    this = make_draw(id="fw-gta", round="gta", noc_codes=(NURSE,))
    french = make_draw(id="fw-fr", round="french_speaking")
    detail = criterion(check(catalog, make_profile(), this, [this, french]), "occupation").detail
    assert detail.endswith("that day it was targeted in the Foreign Worker French-speaking round.")


def test_same_day_rounds_that_did_not_target_the_noc_are_not_named(catalog: Catalog) -> None:
    this = make_draw(id="fw-gta", round="gta", noc_codes=(NURSE,))
    general = make_draw(id="is-general", stream="international_student", noc_codes=())
    other = make_draw(id="ids", stream="in_demand_skills", noc_codes=(NURSE,))
    c = criterion(check(catalog, make_profile(), this, [this, general, other]), "occupation")
    assert c.detail == (
        "Your NOC 72106 (Welders and related machine operators) was not among the 1 occupation "
        "targeted."
    )


def test_real_2026_04_23_rounds_that_took_software_engineers_are_all_named(
    catalog: Catalog,
) -> None:
    profile = make_profile(noc="21231", job_region="central_ontario")
    report = check_profile(profile, catalog, D(2026, 4, 23))
    central = next(
        r for r in report.results if r.draw.id == "2026-04-23-foreign_worker-central_ontario"
    )
    assert criterion(central, "occupation").detail == (
        "Your NOC 21231 (Software engineers and designers) was not targeted in this round; that "
        "day it was targeted in the Foreign Worker (Eastern Ontario, Northern Ontario, "
        "Southwestern Ontario) and International Student (Eastern Ontario, Southwestern "
        "Ontario) rounds."
    )


# --- EOI validity: an invitation and the June 2025 withdrawal take the EOI out of the pool ---


def test_round_after_the_invitation_fails_eoi_validity(catalog: Catalog) -> None:
    profile = make_profile(invitation=Invitation(date=DRAW_DAY - dt.timedelta(days=1)))
    c = criterion(check(catalog, profile, make_draw()), "eoi_validity")
    assert c.status == "fail"
    assert c.detail == (
        "You were invited on 2026-04-29: an invitation takes the EOI out of the pool, so later "
        "rounds no longer concern it."
    )


def test_round_on_the_invitation_day_is_not_affected_by_the_invitation(catalog: Catalog) -> None:
    profile = make_profile(invitation=Invitation(date=DRAW_DAY))
    result = check(catalog, profile, make_draw())
    assert criterion(result, "eoi_validity").status == "pass"
    assert result.verdict == "in_scope"


def test_round_before_the_invitation_is_not_affected_by_it(catalog: Catalog) -> None:
    profile = make_profile(invitation=Invitation(date=DRAW_DAY + dt.timedelta(days=7)))
    assert status_of(catalog, "eoi_validity", profile, make_draw()) == "pass"


def test_bundled_example_is_out_of_every_round_after_its_invitation(
    catalog: Catalog, today: dt.date
) -> None:
    profile = _gta_candidate(invitation=Invitation(date=D(2026, 4, 23)))
    report = check_profile(profile, catalog, today, since=D(2026, 4, 23))
    later = [r for r in report.results if r.draw.date > D(2026, 4, 23)]
    assert [r.draw.id for r in later] == ["2026-04-30-foreign_worker-gta"]
    assert criterion(later[0], "eoi_validity").status == "fail"
    assert later[0].verdict == "out_of_scope"


@pytest.mark.parametrize("stream", ["foreign_worker", "international_student", "in_demand_skills"])
def test_employer_job_offer_eoi_from_before_2025_06_21_was_withdrawn_that_day(
    catalog: Catalog, stream: str
) -> None:
    assert catalog.streams[stream].pool_withdrawn == D(2025, 6, 21)
    profile = make_profile(stream=stream, eoi_registered=D(2025, 6, 19))
    draw = make_draw(stream=stream, date=D(2025, 6, 21), window_start=None, window_end=None)
    c = criterion(check(catalog, profile, draw), "eoi_validity")
    assert c.status == "fail"
    assert c.detail == (
        f"Every {catalog.stream_name(stream)} EOI in the pool was withdrawn on 2025-06-21, "
        "before the Employer Portal opened; yours (registered 2025-06-19) was among them."
    )


def test_withdrawal_does_not_reach_back_to_rounds_before_it(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=D(2025, 6, 19))
    draw = make_draw(date=D(2025, 6, 20), window_start=None, window_end=None)
    assert status_of(catalog, "eoi_validity", profile, draw) == "pass"


def test_eoi_registered_after_the_withdrawal_is_not_withdrawn(catalog: Catalog) -> None:
    profile = make_profile(eoi_registered=D(2025, 7, 2))
    assert status_of(catalog, "eoi_validity", profile, make_draw(date=D(2025, 9, 1))) == "pass"


def test_graduate_streams_had_no_withdrawal(catalog: Catalog) -> None:
    assert catalog.streams["masters_graduate"].pool_withdrawn is None
    profile = make_profile(stream="masters_graduate", eoi_registered=D(2025, 6, 19))
    draw = make_draw(stream="masters_graduate", date=D(2025, 9, 1), window_start=None)
    assert status_of(catalog, "eoi_validity", profile, draw) == "pass"


# --- rounds after "today" are not checked ---------------------------------------------------


def test_rounds_after_today_are_not_checked(catalog: Catalog) -> None:
    report = check_profile(make_profile(), catalog, D(2026, 4, 20))
    assert report.results
    assert max(r.draw.date for r in report.results) <= D(2026, 4, 20)
    assert not any(r.draw.date >= D(2026, 4, 22) for r in report.results)


def test_a_round_on_today_itself_is_checked(catalog: Catalog) -> None:
    report = check_profile(make_profile(), catalog, D(2026, 4, 23))
    dates = {r.draw.date for r in report.results}
    assert D(2026, 4, 23) in dates and D(2026, 4, 30) not in dates


def test_all_streams_also_stops_at_today(catalog: Catalog) -> None:
    report = check_profile(make_profile(), catalog, D(2026, 4, 20), all_streams=True)
    assert len(report.results) == sum(d.date <= D(2026, 4, 20) for d in catalog.draws)


def test_stream_whose_first_round_is_after_today_gets_the_no_round_note(
    catalog: Catalog,
) -> None:
    # The first Foreign Worker round in the data is 2024-01-09.
    report = check_profile(make_profile(), catalog, D(2024, 1, 8))
    assert report.results == []
    assert (
        "No round of Foreign Worker up to 2024-01-08 is in the data (its first one in the "
        "record is on 2024-01-09)." in report.notes
    )
    on_the_day = check_profile(make_profile(), catalog, D(2024, 1, 9))
    assert on_the_day.results
    assert not any(n.startswith("No round of") for n in on_the_day.notes)


# --- criteria as a table -------------------------------------------------------------------


def test_criteria_are_one_ordered_table_whose_names_the_report_uses(catalog: Catalog) -> None:
    from oinp_assistant.eligibility import CRITERIA, RULES

    assert tuple(name for name, _ in RULES) == CRITERIA
    result = check_profile(make_profile(), catalog, D(2026, 11, 26)).results[0]
    assert tuple(c.name for c in result.criteria) == CRITERIA


def test_chances_and_the_occupation_criterion_share_one_occupation_rule(catalog: Catalog) -> None:
    # A round the history counts as open to the NOC is one the check passes on occupation.
    from oinp_assistant.insights import chances

    profile = make_profile()
    today = D(2026, 11, 26)
    history = chances(profile, catalog, today)
    occupation = {
        r.draw.id: next(c.status for c in r.criteria if c.name == "occupation")
        for r in check_profile(profile, catalog, today).results
    }
    expected = {True: "pass", False: "fail", None: "unknown"}
    assert history.points
    for point in history.points:
        assert occupation[point.draw_id] == expected[point.open_to_noc], point.draw_id
