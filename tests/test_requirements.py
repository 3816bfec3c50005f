"""Ontario Workforce Priority pathway requirements, each at its boundary.

Rules: reference/oinp-rules.md §5b, "Pathways and eligibility" (U0626 and the official stream
page). TEER 0–3: full-time permanent offer, a post-secondary credential, CLB 6 (CLB 5 in a
listed skilled trade; an Ontario-graduate alternative), and 6 consecutive months in the position
(3 for recent Ontario graduates) or 24 months in the NOC within 5 years or a licence. TEER 4–5:
9 months in the position within 2 years, CLB 4, secondary school. Physicians: CPSO, OHIP.
Legal status: in Canada without valid status may not be nominated; being in Canada is not
required. Wage: at or above the median (not bundled: the user compares).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.profile import Profile
from oinp_assistant.requirements import (
    Pathways,
    Requirement,
    RequirementsReport,
    check_requirements,
    pathway_of,
)

D = dt.date
AS_OF = D(2026, 11, 26)
OWP = "ontario_workforce_priority"


def clb(level: int) -> dict[str, int]:
    return {"speaking": level, "listening": level, "reading": level, "writing": level}


# A TEER 0–3 candidate who meets every requirement on AS_OF, each at its lowest passing value.
TEER_0_3: dict[str, Any] = {
    "stream": OWP,
    "noc": "21231",  # software engineers: TEER 1, not a skilled trade
    "permit": {"type": "work", "expires": D(2027, 6, 30), "in_canada": True},
    "job_offer": {
        "hourly_wage": 45.0,
        "full_time": True,
        "permanent": True,
        "position_start": D(2026, 5, 26),  # exactly 6 completed months on AS_OF
        "at_or_above_median_wage": True,
    },
    "experience": {"ontario_months": 6, "noc_months_last_5_years": 6, "licensed": False},
    "education": {"highest": "bachelors", "canadian_credentials": 0},
    "language": {"english": clb(6)},
}

# A TEER 4–5 candidate who meets every requirement on AS_OF.
TEER_4_5: dict[str, Any] = {
    **TEER_0_3,
    "noc": "65100",  # cashiers: TEER 5
    "job_offer": {**TEER_0_3["job_offer"], "position_start": D(2026, 2, 26)},  # 9 months
    "education": {"highest": "high_school"},
    "language": {"english": clb(4)},
}

PHYSICIAN: dict[str, Any] = {
    "stream": OWP,
    "noc": "31102",
    "permit": {"type": "work", "expires": D(2027, 6, 30), "in_canada": True},
    "physician": {"ontario_practice_months": 30},
    "experience": {"licensed": True},
    "language": {"english": clb(6)},
}


def merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`base` with `changes` laid over it; a nested dict merges, None removes the key."""
    out = dict(base)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict) and value:
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def profile(base: dict[str, Any] = TEER_0_3, **changes: Any) -> Profile:
    return Profile.model_validate(merged(base, changes), strict=True)


@pytest.fixture(scope="module")
def rules(catalog: Catalog) -> Pathways:
    return catalog.pathways


def check(rules: Pathways, p: Profile, as_of: dt.date = AS_OF) -> RequirementsReport:
    return check_requirements(p, rules, as_of)


def req(rules: Pathways, p: Profile, name: str, as_of: dt.date = AS_OF) -> Requirement:
    return next(r for r in check(rules, p, as_of).requirements if r.name == name)


def status(rules: Pathways, p: Profile, name: str, as_of: dt.date = AS_OF) -> str:
    return req(rules, p, name, as_of).status


# --- the data says what the reference says ----------------------------------------------------


def test_the_pathway_numbers_are_those_of_the_reference(rules: Pathways) -> None:
    t03, t45 = rules.teer_0_3, rules.teer_4_5
    assert (t03.language_clb, t03.language_clb_skilled_trades) == (6, 5)
    assert (t03.position_months, t03.position_months_window) == (6, 12)
    assert t03.position_months_recent_graduate == 3
    assert (t03.noc_months, t03.noc_months_window_years) == (24, 5)
    assert t03.ontario_graduate_years == 3
    assert (t45.language_clb, t45.position_months, t45.position_months_window) == (4, 9, 24)
    assert rules.meta.in_force == D(2026, 6, 25)


# --- which pathway -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("noc", "pathway"),
    [
        ("00010", "teer_0_3"),
        ("21231", "teer_0_3"),
        ("13110", "teer_0_3"),
        ("62200", "teer_0_3"),
        ("44100", "teer_4_5"),
        ("65100", "teer_4_5"),
    ],
)
def test_the_teer_digit_of_the_noc_chooses_the_pathway(noc: str, pathway: str) -> None:
    assert pathway_of(profile(noc=noc)) == pathway


def test_a_physician_table_without_a_job_offer_is_the_physician_pathway() -> None:
    assert pathway_of(profile(PHYSICIAN)) == "physician"
    assert pathway_of(profile(PHYSICIAN, job_offer={"full_time": True})) == "teer_0_3"


def test_without_a_noc_the_pathway_is_unknown_and_the_note_says_to_add_it(
    rules: Pathways,
) -> None:
    report = check(rules, profile(noc=None))
    assert report.pathway is None
    assert report.requirements == ()
    assert report.verdict == "unknown"
    assert 'noc = "12345"' in report.notes[0]


# --- TEER 0–3 ------------------------------------------------------------------------------------


def test_the_reference_teer_0_3_candidate_meets_every_requirement(rules: Pathways) -> None:
    report = check(rules, profile())
    assert report.pathway == "teer_0_3"
    assert [r.name for r in report.requirements] == [
        "job_offer",
        "experience",
        "language",
        "education",
        "legal_status",
        "wage",
    ]
    assert all(r.status == "pass" for r in report.requirements)
    assert report.verdict == "meets"
    assert all(r.sources for r in report.requirements)


def test_clb_5_in_a_listed_skilled_trade_passes(rules: Pathways) -> None:
    p = profile(noc="72106", language={"english": clb(5)})  # welders
    language = req(rules, p, "language")
    assert language.status == "pass"
    assert "72106 is a listed skilled trade" in language.detail


def test_clb_5_outside_the_skilled_trades_fails(rules: Pathways) -> None:
    language = req(rules, profile(language={"english": clb(5)}), "language")
    assert language.status == "fail"
    assert "CLB 6" in language.detail and "CLB 5" in language.detail


@pytest.mark.parametrize("noc", ["72600", "72601", "93200"])
def test_excluded_726xx_and_932xx_codes_are_not_skilled_trades(rules: Pathways, noc: str) -> None:
    assert not rules.teer_0_3.is_skilled_trade(noc)
    assert status(rules, profile(noc=noc, language={"english": clb(5)}), "language") == "fail"


@pytest.mark.parametrize(
    ("noc", "trade"),
    [
        ("72106", True),
        ("73300", True),
        ("82010", True),
        ("83100", True),
        ("93100", True),
        ("63200", True),
        ("63202", True),
        ("62200", True),
        ("62201", False),
        ("63210", False),
        ("21231", False),
        ("92100", False),
        ("72600", False),
        ("93200", False),
    ],
)
def test_the_skilled_trades_are_groups_72_73_82_83_93_6320x_and_62200(
    rules: Pathways, noc: str, trade: bool
) -> None:
    assert rules.teer_0_3.is_skilled_trade(noc) is trade


def test_clb_6_in_three_abilities_and_5_in_one_fails_outside_the_trades(
    rules: Pathways,
) -> None:
    p = profile(language={"english": {**clb(6), "reading": 5}})
    assert status(rules, p, "language") == "fail"


def test_the_better_of_english_and_french_meets_the_language_rule(rules: Pathways) -> None:
    p = profile(language={"english": clb(5), "french": clb(7)})
    assert status(rules, p, "language") == "pass"


def test_no_language_test_is_unknown_and_says_where_to_add_it(rules: Pathways) -> None:
    language = req(rules, profile(language=None), "language")
    assert language.status == "unknown"
    assert "[language.english]" in language.detail


def test_an_ontario_graduate_of_the_last_3_years_needs_no_language_test(
    rules: Pathways,
) -> None:
    graduate = {"ontario_graduation": D(2023, 11, 26)}  # exactly 3 years before AS_OF
    for language in (None, {"english": clb(4)}):
        p = profile(education=graduate, language=language)
        result = req(rules, p, "language")
        assert result.status == "pass"
        assert "alternative to a language test" in result.detail


def test_an_ontario_graduate_of_more_than_3_years_ago_still_needs_the_test(
    rules: Pathways,
) -> None:
    p = profile(education={"ontario_graduation": D(2023, 11, 25)}, language={"english": clb(4)})
    assert status(rules, p, "language") == "fail"


def test_6_consecutive_months_in_the_position_pass_and_5_fail(rules: Pathways) -> None:
    six = req(rules, profile(), "experience")
    assert six.status == "pass"
    assert "6 consecutive months" in six.detail
    five = req(rules, profile(job_offer={"position_start": D(2026, 5, 27)}), "experience")
    assert five.status == "fail"
    assert "6 consecutive months" in five.detail


def test_3_months_in_the_position_suffice_for_a_recent_ontario_graduate(
    rules: Pathways,
) -> None:
    graduate = {"ontario_graduation": D(2025, 6, 1)}
    three = profile(education=graduate, job_offer={"position_start": D(2026, 8, 26)})
    two = profile(education=graduate, job_offer={"position_start": D(2026, 8, 27)})
    passed = req(rules, three, "experience")
    assert passed.status == "pass"
    assert "recent Ontario graduate" in passed.detail
    assert status(rules, two, "experience") == "fail"
    not_graduate = profile(job_offer={"position_start": D(2026, 8, 26)})
    assert status(rules, not_graduate, "experience") == "fail"


def test_24_months_in_the_noc_within_5_years_pass_and_23_fail(rules: Pathways) -> None:
    not_working = {"position_start": None}
    p24 = profile(job_offer=not_working, experience={"noc_months_last_5_years": 24})
    p23 = profile(job_offer=not_working, experience={"noc_months_last_5_years": 23})
    passed = req(rules, p24, "experience")
    assert passed.status == "pass"
    assert "24 months in the occupation" in passed.detail
    failed = req(rules, p23, "experience")
    assert failed.status == "fail"
    assert "23 in the occupation" in failed.detail


def test_a_licence_exempts_from_experience(rules: Pathways) -> None:
    p = profile(
        job_offer={"position_start": None},
        experience={"noc_months_last_5_years": 0, "licensed": True},
    )
    passed = req(rules, p, "experience")
    assert passed.status == "pass"
    assert "licence" in passed.detail


def test_unknown_experience_names_the_facts_to_add(rules: Pathways) -> None:
    p = profile(job_offer={"position_start": None}, experience=None)
    unknown = req(rules, p, "experience")
    assert unknown.status == "unknown"
    assert "experience.noc_months_last_5_years" in unknown.detail
    assert "experience.licensed" in unknown.detail


def test_between_3_and_6_months_an_unknown_graduation_is_asked_for(rules: Pathways) -> None:
    p = profile(job_offer={"position_start": D(2026, 7, 26)}, education=None)  # 4 months
    unknown = req(rules, p, "experience")
    assert unknown.status == "unknown"
    assert "education.ontario_graduation" in unknown.detail


def test_the_offer_must_be_full_time_and_permanent(rules: Pathways) -> None:
    part_time = req(rules, profile(job_offer={"full_time": False}), "job_offer")
    assert part_time.status == "fail"
    assert "not full-time" in part_time.detail
    contract = req(rules, profile(job_offer={"permanent": False}), "job_offer")
    assert contract.status == "fail"
    assert "not permanent" in contract.detail
    unknown = req(rules, profile(job_offer={"permanent": None}), "job_offer")
    assert unknown.status == "unknown"
    assert "job_offer.permanent" in unknown.detail


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("doctorate_or_professional", "pass"),
        ("masters", "pass"),
        ("bachelors", "pass"),
        ("college_diploma", "pass"),
        ("ontario_college_graduate_certificate", "pass"),
        ("trades_certificate", "unknown"),
        ("high_school", "fail"),
        ("less_than_high_school", "fail"),
    ],
)
def test_teer_0_3_needs_a_post_secondary_credential(
    rules: Pathways, level: str, expected: str
) -> None:
    assert status(rules, profile(education={"highest": level}), "education") == expected


def test_a_trades_certificate_is_unknown_and_says_why(rules: Pathways) -> None:
    result = req(rules, profile(education={"highest": "trades_certificate"}), "education")
    assert result.status == "unknown"
    assert "not stated in the sources" in result.detail


def test_a_missing_education_level_is_unknown_and_says_what_to_add(rules: Pathways) -> None:
    result = req(rules, profile(education={"highest": None}), "education")
    assert result.status == "unknown"
    assert "education.highest" in result.detail


# --- TEER 4–5 -------------------------------------------------------------------------------------


def test_the_reference_teer_4_5_candidate_meets_every_requirement(rules: Pathways) -> None:
    report = check(rules, profile(TEER_4_5))
    assert report.pathway == "teer_4_5"
    assert all(r.status == "pass" for r in report.requirements)
    assert report.verdict == "meets"


def test_teer_4_5_needs_9_months_in_the_position_and_8_fail(rules: Pathways) -> None:
    assert status(rules, profile(TEER_4_5), "experience") == "pass"
    eight = req(
        rules, profile(TEER_4_5, job_offer={"position_start": D(2026, 2, 27)}), "experience"
    )
    assert eight.status == "fail"
    assert "you have 8" in eight.detail
    assert "you reach it on 2026-11-27" in eight.detail


def test_teer_4_5_experience_without_a_job_offer_is_unknown(rules: Pathways) -> None:
    assert status(rules, profile(TEER_4_5, job_offer=None), "experience") == "unknown"


def test_teer_4_5_needs_clb_4(rules: Pathways) -> None:
    assert status(rules, profile(TEER_4_5, language={"english": clb(4)}), "language") == "pass"
    assert status(rules, profile(TEER_4_5, language={"english": clb(3)}), "language") == "fail"


def test_teer_4_5_has_no_ontario_graduate_language_alternative(rules: Pathways) -> None:
    p = profile(
        TEER_4_5,
        education={"ontario_graduation": D(2025, 6, 1)},
        language={"english": clb(3)},
    )
    assert status(rules, p, "language") == "fail"


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("high_school", "pass"),
        ("trades_certificate", "pass"),
        ("bachelors", "pass"),
        ("less_than_high_school", "fail"),
    ],
)
def test_teer_4_5_needs_secondary_school(rules: Pathways, level: str, expected: str) -> None:
    assert status(rules, profile(TEER_4_5, education={"highest": level}), "education") == expected


# --- self-employed physicians -------------------------------------------------------------------


def test_a_licensed_physician_with_clb_6_meets_the_physician_pathway(rules: Pathways) -> None:
    report = check(rules, profile(PHYSICIAN))
    assert report.pathway == "physician"
    assert [r.name for r in report.requirements] == ["experience", "language", "legal_status"]
    assert report.verdict == "meets"
    assert "OHIP" in report.requirements[0].detail


def test_a_physician_is_not_checked_on_wage_job_offer_or_education(rules: Pathways) -> None:
    names = {r.name for r in check(rules, profile(PHYSICIAN)).requirements}
    assert not names & {"wage", "job_offer", "education"}


def test_a_physician_without_the_licence_fact_is_unknown_and_not_licensed_fails(
    rules: Pathways,
) -> None:
    unknown = req(rules, profile(PHYSICIAN, experience=None), "experience")
    assert unknown.status == "unknown"
    assert "experience.licensed" in unknown.detail
    assert status(rules, profile(PHYSICIAN, experience={"licensed": False}), "experience") == (
        "fail"
    )


def test_a_physician_below_clb_6_is_unknown_as_only_one_source_asks_for_it(
    rules: Pathways,
) -> None:
    result = req(rules, profile(PHYSICIAN, language={"english": clb(5)}), "language")
    assert result.status == "unknown"
    assert "one third-party source" in result.detail


# --- legal status ---------------------------------------------------------------------------------


def test_in_canada_with_an_expired_permit_fails(rules: Pathways) -> None:
    p = profile(permit={"expires": AS_OF - dt.timedelta(days=1)})
    result = req(rules, p, "legal_status")
    assert result.status == "fail"
    assert "without a valid permit" in result.detail


def test_in_canada_with_a_permit_valid_through_as_of_passes(rules: Pathways) -> None:
    assert status(rules, profile(permit={"expires": AS_OF}), "legal_status") == "pass"


def test_in_canada_with_no_permit_fails(rules: Pathways) -> None:
    p = profile(permit={"type": "none", "expires": None, "in_canada": True})
    assert status(rules, p, "legal_status") == "fail"


def test_outside_canada_passes_without_a_permit(rules: Pathways) -> None:
    p = profile(permit={"type": "none", "expires": None, "in_canada": False})
    result = req(rules, p, "legal_status")
    assert result.status == "pass"
    assert "not required" in result.detail
    expired = profile(permit={"expires": D(2020, 1, 1), "in_canada": False})
    assert status(rules, expired, "legal_status") == "pass"


def test_where_the_candidate_lives_unknown_is_unknown_and_says_what_to_add(
    rules: Pathways,
) -> None:
    for p in (profile(permit=None), profile(permit={"in_canada": None})):
        result = req(rules, p, "legal_status")
        assert result.status == "unknown"
        assert "in_canada" in result.detail


# --- wage -----------------------------------------------------------------------------------------


def test_the_wage_at_or_above_the_median_passes_below_fails_unknown_asks_to_compare(
    rules: Pathways,
) -> None:
    assert status(rules, profile(), "wage") == "pass"
    below = req(rules, profile(job_offer={"at_or_above_median_wage": False}), "wage")
    assert below.status == "fail"
    unknown = req(rules, profile(job_offer={"at_or_above_median_wage": None}), "wage")
    assert unknown.status == "unknown"
    assert "jobbank.gc.ca" in unknown.detail
    assert "job_offer.at_or_above_median_wage" in unknown.detail


# --- the verdict ----------------------------------------------------------------------------------


def test_one_fail_means_does_not_meet_even_beside_unknowns(rules: Pathways) -> None:
    p = profile(job_offer={"full_time": False, "at_or_above_median_wage": None}, permit=None)
    report = check(rules, p)
    assert {r.status for r in report.requirements} == {"pass", "fail", "unknown"}
    assert report.verdict == "does_not_meet"


def test_an_unknown_without_a_fail_means_unknown(rules: Pathways) -> None:
    report = check(rules, profile(job_offer={"at_or_above_median_wage": None}))
    assert {r.status for r in report.requirements} == {"pass", "unknown"}
    assert report.verdict == "unknown"


def test_every_requirement_passing_means_meets(rules: Pathways) -> None:
    assert check(rules, profile()).verdict == "meets"


def test_every_unknown_requirement_says_which_fact_to_add(rules: Pathways) -> None:
    bare = Profile.model_validate({"stream": OWP, "noc": "21231"}, strict=True)
    report = check(rules, bare)
    assert report.verdict == "unknown"
    hints = {
        "job_offer": "job_offer.full_time",
        "experience": "[job_offer]",
        "language": "[language.english]",
        "education": "education.highest",
        "legal_status": "[permit]",
        "wage": "job_offer.at_or_above_median_wage",
    }
    for requirement in report.requirements:
        assert requirement.status == "unknown"
        assert hints[requirement.name] in requirement.detail, requirement
