"""The Ontario Workforce Priority EOI points estimate, band edge by band edge.

Rules: reference/oinp-rules.md §5b, "EOI points grid" (the official stream page, updated
2026-08-11). Each band includes its lower bound; months are completed months (6 to 12, 13 to
24, over 24 from 25); the Ontario-work ladder replaces the position ladder under 6 months and
is never added to it; physicians have no wage factor (maximum 115); 130 is the sum of maxima.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.clock import add_months
from oinp_assistant.grid import Grid
from oinp_assistant.points import Estimate, estimate, position_months, score_factors
from oinp_assistant.profile import JobOffer, Profile

D = dt.date
AS_OF = D(2026, 11, 26)
OWP = "ontario_workforce_priority"


def clb(level: int, *, writing: int | None = None) -> dict[str, int]:
    """A test at `level` in every ability, optionally with a different writing level."""
    return {
        "speaking": level,
        "listening": level,
        "reading": level,
        "writing": level if writing is None else writing,
    }


# The best profile the grid allows: every factor at its top band (130 points).
BEST: dict[str, Any] = {
    "stream": OWP,
    "noc": "31102",  # general practitioners: TEER 1 (9), broad category 3 (10)
    "job_region": "northern_ontario",
    "best_annual_earnings": 70_000,
    "permit": {"type": "work", "expires": D(2028, 1, 31), "in_canada": True},
    "job_offer": {
        "hourly_wage": 40.0,
        "full_time": True,
        "permanent": True,
        "position_start": D(2024, 1, 15),
        "at_or_above_median_wage": True,
    },
    "experience": {"ontario_months": 30},
    "education": {"highest": "doctorate_or_professional", "canadian_credentials": 2},
    "language": {"english": clb(9), "french": clb(9)},
}

# The weakest profile with every fact known.
WEAKEST: dict[str, Any] = {
    "stream": OWP,
    "noc": "65100",  # cashiers: TEER 5 (0), broad category 6 (2)
    "job_region": "toronto",
    "best_annual_earnings": 29_999,
    "permit": {"type": "none", "in_canada": True},
    "job_offer": {"hourly_wage": 19.99},  # no position_start: not working in the position
    "experience": {"ontario_months": 5},
    "education": {"highest": "less_than_high_school", "canadian_credentials": 0},
    "language": {},  # a [language] table with no test: no language test
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


def profile(base: dict[str, Any] | None = None, **changes: Any) -> Profile:
    return Profile.model_validate(merged(BEST if base is None else base, changes), strict=True)


@pytest.fixture(scope="module")
def grid(catalog: Catalog) -> Grid:
    return catalog.grids[catalog.scoring_stream(OWP)]


def points(grid: Grid, p: Profile, name: str, as_of: dt.date = AS_OF) -> int | None:
    return next(f for f in score_factors(p, grid, as_of) if f.name == name).points


def est(grid: Grid, p: Profile, as_of: dt.date = AS_OF) -> Estimate:
    return estimate(p, grid, as_of)


# --- totals ----------------------------------------------------------------------------------


def test_the_grid_is_the_owp_grid_and_its_maxima_add_up_to_130(grid: Grid) -> None:
    assert grid.grid.stream == OWP
    assert grid.grid.maximum == 130
    assert grid.grid.maximum_physician == 115
    assert sum(f.max for f in grid.factor) == 130
    assert {f.name: f.max for f in grid.factor} == {
        "noc_teer": 9,
        "broad_occupational_category": 10,
        "hourly_wage": 15,
        "work_experience": 18,
        "earnings_history": 8,
        "legal_status": 10,
        "education_level": 10,
        "canadian_credentials": 10,
        "language_ability": 15,
        "official_languages_knowledge": 10,
        "regional": 15,
    }


def test_a_profile_at_every_top_band_scores_130_of_130(grid: Grid) -> None:
    e = est(grid, profile())
    assert (e.total, e.total_max_possible, e.maximum) == (130, 130, 130)
    assert all(f.status == "known" and f.points == f.max for f in e.factors)
    assert e.summary() == "Estimated score: 130 of 130."
    assert e.moves == ()


def test_the_weakest_complete_profile_scores_2_as_every_broad_category_gives_at_least_2(
    grid: Grid,
) -> None:
    e = est(grid, profile(WEAKEST))
    assert e.unknown == []
    assert e.total == e.total_max_possible == 2
    assert {f.name: f.points for f in e.factors if f.points} == {"broad_occupational_category": 2}
    assert e.summary() == "Estimated score: 2 of 130."


def test_a_profile_with_no_facts_is_sure_of_0_and_could_reach_130(grid: Grid) -> None:
    e = est(grid, Profile.model_validate({"stream": OWP}, strict=True))
    assert (e.total, e.total_max_possible) == (0, 130)
    assert len(e.unknown) == len(e.factors) == 11
    assert all(f.status == "unknown" and f.points is None for f in e.factors)
    assert e.summary().startswith(
        "Estimated score: 0 known; 0 to 130 of 130 once these are known: "
    )
    # Each title inside the sentence: lower case, but acronyms and proper words keep capitals.
    assert "highest level of education, Canadian post-secondary credentials, " in e.summary()


def test_one_unknown_fact_gives_a_range_and_the_summary_names_it(grid: Grid) -> None:
    e = est(grid, profile(best_annual_earnings=None))
    earnings = e.factor("earnings_history")
    assert earnings.status == "unknown"
    assert (earnings.low, earnings.high) == (0, 8)
    assert "best_annual_earnings" in earnings.basis
    assert (e.total, e.total_max_possible) == (122, 130)
    assert e.summary() == (
        "Estimated score: 122 known; 122 to 130 of 130 once these are known: earnings in one year."
    )


def test_the_summary_keeps_proper_nouns_and_acronyms_in_their_case(grid: Grid) -> None:
    e = est(grid, profile(permit=None, noc=None))
    assert e.summary() == (
        "Estimated score: 101 known; 101 to 130 of 130 once these are known: NOC TEER of the job "
        "offer, NOC broad occupational category, legal status in Canada."
    )


# --- employment: NOC TEER and broad category -------------------------------------------------


@pytest.mark.parametrize(
    ("teer", "expected"), [("0", 9), ("1", 9), ("2", 6), ("3", 6), ("4", 0), ("5", 0)]
)
def test_each_teer_read_from_the_second_digit_scores_its_band(
    grid: Grid, teer: str, expected: int
) -> None:
    p = profile(noc=f"1{teer}100")
    assert points(grid, p, "noc_teer") == expected
    assert f"TEER {teer}" in est(grid, p).factor("noc_teer").basis


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("0", 4),
        ("1", 4),
        ("2", 6),
        ("3", 10),
        ("4", 4),
        ("5", 2),
        ("6", 2),
        ("7", 8),
        ("8", 4),
        ("9", 4),
    ],
)
def test_each_broad_category_read_from_the_first_digit_scores_its_band(
    grid: Grid, category: str, expected: int
) -> None:
    p = profile(noc=f"{category}2100")
    assert points(grid, p, "broad_occupational_category") == expected
    assert points(grid, p, "noc_teer") == 6  # the second digit, 2, is the TEER


# --- employment: wage ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wage", "expected"),
    [
        (100.0, 15),
        (40.00, 15),
        (39.99, 12),
        (35.00, 12),
        (34.99, 10),
        (30.00, 10),
        (29.99, 8),
        (25.00, 8),
        (24.99, 5),
        (20.00, 5),
        (19.99, 0),
        (0.0, 0),
    ],
)
def test_each_wage_band_includes_its_lower_bound(grid: Grid, wage: float, expected: int) -> None:
    assert points(grid, profile(job_offer={"hourly_wage": wage}), "hourly_wage") == expected


def test_a_wage_of_40_00_scores_15_and_39_99_scores_12(grid: Grid) -> None:
    e40 = est(grid, profile(job_offer={"hourly_wage": 40.0}))
    e39 = est(grid, profile(job_offer={"hourly_wage": 39.99}))
    assert e40.factor("hourly_wage").points == 15
    assert e39.factor("hourly_wage").points == 12
    assert e39.factor("hourly_wage").basis == "$39.99 an hour"


def test_a_missing_wage_leaves_the_wage_unknown_from_0_to_15(grid: Grid) -> None:
    wage = est(grid, profile(job_offer={"hourly_wage": None})).factor("hourly_wage")
    assert (wage.status, wage.low, wage.high) == ("unknown", 0, 15)
    assert "job_offer.hourly_wage" in wage.basis


# --- employment: months in the position, the Ontario-work ladder ------------------------------

START = D(2025, 1, 15)


@pytest.mark.parametrize(
    ("as_of", "months", "expected"),
    [
        (D(2025, 7, 15), 6, 12),
        (D(2026, 1, 14), 11, 12),
        (D(2026, 1, 15), 12, 12),
        (D(2026, 2, 14), 12, 12),
        (D(2026, 2, 15), 13, 15),
        (D(2027, 1, 15), 24, 15),
        (D(2027, 2, 14), 24, 15),
        (D(2027, 2, 15), 25, 18),
        (D(2030, 1, 1), 59, 18),
    ],
)
def test_completed_months_in_the_position_fall_in_their_band(
    grid: Grid, as_of: dt.date, months: int, expected: int
) -> None:
    p = profile(job_offer={"position_start": START}, experience={"ontario_months": 0})
    assert position_months(p.job_offer, as_of) == months
    factor = est(grid, p, as_of).factor("work_experience")
    assert (factor.points, factor.ladder) == (expected, "job_offer_position")
    assert factor.basis == f"{months} completed months in the job-offer position"


def test_5_completed_months_in_the_position_score_0_on_its_ladder(grid: Grid) -> None:
    # 2025-01-15 to 2025-07-14 is 5 completed months: the Ontario-work ladder takes over.
    p = profile(job_offer={"position_start": START}, experience={"ontario_months": 0})
    assert position_months(p.job_offer, D(2025, 7, 14)) == 5
    factor = est(grid, p, D(2025, 7, 14)).factor("work_experience")
    assert (factor.points, factor.ladder) == (0, "ontario_work")
    assert "5 months in the job-offer position (under 6)" in factor.basis


def test_months_count_from_a_31st_to_the_shorter_months_end(grid: Grid) -> None:
    job = JobOffer(position_start=D(2025, 8, 31))
    assert position_months(job, D(2026, 2, 27)) == 5
    assert position_months(job, D(2026, 2, 28)) == 6


def test_a_position_starting_after_as_of_counts_0_months(grid: Grid) -> None:
    assert position_months(JobOffer(position_start=D(2026, 12, 1)), AS_OF) == 0
    assert position_months(JobOffer(), AS_OF) == 0  # not working in the position
    assert position_months(None, AS_OF) is None


@pytest.mark.parametrize(
    ("ontario", "expected"), [(0, 0), (5, 0), (6, 6), (12, 6), (13, 9), (24, 9), (25, 12)]
)
def test_under_6_months_in_the_position_the_ontario_work_ladder_scores_instead(
    grid: Grid, ontario: int, expected: int
) -> None:
    p = profile(
        job_offer={"position_start": D(2026, 7, 1)},  # 4 completed months on AS_OF
        experience={"ontario_months": ontario},
    )
    factor = est(grid, p).factor("work_experience")
    assert (factor.points, factor.ladder) == (expected, "ontario_work")
    assert f"your {ontario} months of work in Ontario count instead" in factor.basis


def test_not_working_in_the_position_scores_the_ontario_work_ladder(grid: Grid) -> None:
    p = profile(job_offer={"position_start": None}, experience={"ontario_months": 13})
    factor = est(grid, p).factor("work_experience")
    assert (factor.points, factor.ladder) == (9, "ontario_work")


def test_from_6_months_in_the_position_ontario_work_is_never_added(grid: Grid) -> None:
    # 6 months in the position (12) and 30 months in Ontario (12 on its own ladder): 12, not 24.
    p = profile(job_offer={"position_start": D(2026, 5, 26)}, experience={"ontario_months": 30})
    factor = est(grid, p).factor("work_experience")
    assert (factor.points, factor.ladder) == (12, "job_offer_position")
    for months_in_ontario in (0, 30, 1200):
        for start in (D(2020, 1, 1), D(2026, 5, 26), D(2026, 6, 1)):
            q = profile(
                job_offer={"position_start": start},
                experience={"ontario_months": months_in_ontario},
            )
            assert (points(grid, q, "work_experience") or 0) <= 18


def test_under_6_months_without_ontario_months_is_unknown_up_to_12(grid: Grid) -> None:
    p = profile(job_offer={"position_start": D(2026, 7, 1)}, experience=None)
    factor = est(grid, p).factor("work_experience")
    assert (factor.status, factor.low, factor.high) == ("unknown", 0, 12)
    assert "experience.ontario_months" in factor.basis


def test_without_a_job_offer_work_experience_is_unknown(grid: Grid) -> None:
    factor = est(grid, profile(job_offer=None)).factor("work_experience")
    assert (factor.status, factor.low, factor.high) == ("unknown", 0, 18)


# --- employment: earnings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("earnings", "expected"),
    [
        (1_000_000, 8),
        (70_000, 8),
        (69_999, 6),
        (69_999.99, 6),
        (50_000, 6),
        (49_999, 4),
        (30_000, 4),
        (29_999, 0),
        (0, 0),
    ],
)
def test_earnings_of_70_000_score_8_and_each_band_includes_its_lower_bound(
    grid: Grid, earnings: float, expected: int
) -> None:
    assert points(grid, profile(best_annual_earnings=earnings), "earnings_history") == expected


# --- employment: legal status --------------------------------------------------------------------


def test_a_valid_work_permit_scores_10_and_a_study_permit_5(grid: Grid) -> None:
    work = profile(permit={"type": "work", "expires": AS_OF})  # valid through its last day
    study = profile(permit={"type": "study", "expires": D(2027, 6, 30)})
    assert points(grid, work, "legal_status") == 10
    assert points(grid, study, "legal_status") == 5


def test_a_permit_expired_before_as_of_scores_0(grid: Grid) -> None:
    p = profile(permit={"type": "work", "expires": AS_OF - dt.timedelta(days=1)})
    factor = est(grid, p).factor("legal_status")
    assert factor.points == 0
    assert "expired on 2026-11-25" in factor.basis


def test_no_permit_scores_0_and_a_missing_permit_table_is_unknown(grid: Grid) -> None:
    assert points(grid, profile(permit={"type": "none", "expires": None}), "legal_status") == 0
    factor = est(grid, profile(permit=None)).factor("legal_status")
    assert (factor.status, factor.low, factor.high) == ("unknown", 0, 10)


# --- education ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        ("doctorate_or_professional", 10),
        ("masters", 8),
        ("bachelors", 6),
        ("above_bachelor_certificate", 6),
        ("college_diploma", 5),
        ("ontario_college_graduate_certificate", 5),
        ("below_bachelor_certificate", 5),
        ("trades_certificate", 5),
        ("high_school", 0),
        ("less_than_high_school", 0),
    ],
)
def test_each_education_level_scores_its_band(grid: Grid, level: str, expected: int) -> None:
    assert points(grid, profile(education={"highest": level}), "education_level") == expected


@pytest.mark.parametrize(("count", "expected"), [(0, 0), (1, 5), (2, 10), (3, 10)])
def test_none_one_or_more_than_one_canadian_credential(
    grid: Grid, count: int, expected: int
) -> None:
    p = profile(education={"canadian_credentials": count})
    assert points(grid, p, "canadian_credentials") == expected


def test_missing_education_facts_are_unknown(grid: Grid) -> None:
    e = est(grid, profile(education=None))
    assert e.factor("education_level").status == "unknown"
    assert e.factor("canadian_credentials").status == "unknown"
    assert (e.total, e.total_max_possible) == (110, 130)


# --- language -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lowest", "expected"), [(12, 15), (9, 15), (8, 12), (7, 8), (6, 4), (5, 0), (4, 0), (0, 0)]
)
def test_the_lowest_of_the_four_abilities_sets_the_language_band(
    grid: Grid, lowest: int, expected: int
) -> None:
    # three abilities at 10, writing at `lowest`: only the lowest counts
    p = profile(language={"english": clb(10, writing=lowest), "french": None})
    assert points(grid, p, "language_ability") == expected


def test_clb_9_in_three_abilities_and_8_in_one_scores_12(grid: Grid) -> None:
    p = profile(language={"english": clb(9, writing=8), "french": None})
    factor = est(grid, p).factor("language_ability")
    assert factor.points == 12
    assert factor.basis == "English: lowest ability CLB 8"


def test_the_better_of_english_and_french_counts(grid: Grid) -> None:
    french_better = profile(language={"english": clb(7), "french": clb(9)})
    english_better = profile(language={"english": clb(8), "french": clb(6)})
    assert points(grid, french_better, "language_ability") == 15
    assert est(grid, french_better).factor("language_ability").basis.startswith("French: ")
    assert "NCLC 9" in est(grid, french_better).factor("language_ability").basis
    assert points(grid, english_better, "language_ability") == 12


def test_both_languages_at_6_in_all_four_give_10_for_knowledge(grid: Grid) -> None:
    p = profile(language={"english": clb(6), "french": clb(6)})
    assert points(grid, p, "official_languages_knowledge") == 10
    assert points(grid, p, "language_ability") == 4


def test_one_language_below_6_gives_5_for_knowledge(grid: Grid) -> None:
    p = profile(language={"english": clb(9), "french": clb(6, writing=5)})
    assert points(grid, p, "official_languages_knowledge") == 5
    basis = est(grid, p).factor("official_languages_knowledge").basis
    assert basis == "both tests, but the French test is not at 6 or higher in all four"
    assert points(grid, p, "language_ability") == 15


def test_a_single_test_gives_5_even_below_clb_6_and_no_test_gives_0(grid: Grid) -> None:
    # The official text defines only "both"; like both public calculators, one test scores 5.
    assert (
        points(
            grid,
            profile(language={"english": clb(4), "french": None}),
            "official_languages_knowledge",
        )
        == 5
    )
    assert (
        points(
            grid,
            profile(language={"english": None, "french": clb(7)}),
            "official_languages_knowledge",
        )
        == 5
    )
    none = est(grid, profile(language={"english": None, "french": None}))
    assert none.factor("official_languages_knowledge").points == 0
    assert none.factor("language_ability").points == 0


def test_without_a_language_table_both_language_factors_are_unknown(grid: Grid) -> None:
    e = est(grid, profile(language=None))
    assert e.factor("language_ability").status == "unknown"
    assert e.factor("official_languages_knowledge").status == "unknown"
    assert (e.total, e.total_max_possible) == (105, 130)


def test_a_test_missing_an_ability_is_unknown_and_says_to_give_all_four(grid: Grid) -> None:
    partial = {"writing": None}  # speaking, listening and reading 9; no writing
    factor = est(grid, profile(language={"english": partial, "french": None})).factor(
        "language_ability"
    )
    assert (factor.status, factor.low, factor.high) == ("unknown", 0, 15)
    assert "give all four" in factor.basis


def test_a_complete_test_below_6_beside_an_incomplete_one_rules_out_both(grid: Grid) -> None:
    partial = {"writing": None}  # French speaking, listening and reading 9; no writing
    below = profile(language={"english": clb(5), "french": partial})
    open_ = profile(language={"english": clb(7), "french": partial})
    assert points(grid, below, "official_languages_knowledge") == 5
    # a known ability below 6 in the incomplete test rules out "both" just as well
    low_french = profile(language={"english": clb(7), "french": {"writing": None, "reading": 0}})
    knowledge = est(grid, low_french).factor("official_languages_knowledge")
    assert (knowledge.status, knowledge.points) == ("known", 5)
    assert knowledge.basis == "both tests, but the French test is not at 6 or higher in all four"
    knowledge = est(grid, open_).factor("official_languages_knowledge")
    assert (knowledge.status, knowledge.low, knowledge.high) == ("unknown", 5, 10)


# --- region ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("northern_ontario", 15),
        ("eastern_ontario", 10),
        ("central_ontario", 10),
        ("southwestern_ontario", 10),
        ("gta", 5),
        ("toronto", 0),
    ],
)
def test_each_region_scores_its_band(grid: Grid, region: str, expected: int) -> None:
    assert points(grid, profile(job_region=region), "regional") == expected


# --- self-employed physicians ---------------------------------------------------------------------

PHYSICIAN: dict[str, Any] = merged(
    BEST, {"job_offer": None, "experience": None, "physician": {"ontario_practice_months": 25}}
)


def test_a_physician_has_no_wage_factor_and_a_maximum_of_115(grid: Grid) -> None:
    e = est(grid, profile(PHYSICIAN))
    assert e.physician
    assert e.maximum == 115
    wage = e.factor("hourly_wage")
    assert (wage.low, wage.high, wage.max, wage.status) == (0, 0, 0, "known")
    assert wage.basis == "not scored for self-employed physicians"
    assert (e.total, e.total_max_possible) == (115, 115)
    assert e.summary() == "Estimated score: 115 of 115."


@pytest.mark.parametrize(
    ("months", "expected"), [(0, 0), (5, 0), (6, 12), (12, 12), (13, 15), (24, 15), (25, 18)]
)
def test_a_physician_scores_months_of_practice_in_ontario(
    grid: Grid, months: int, expected: int
) -> None:
    p = profile(PHYSICIAN, physician={"ontario_practice_months": months})
    factor = est(grid, p).factor("work_experience")
    assert (factor.points, factor.ladder) == (expected, "physician_practice")


def test_a_physician_without_practice_months_is_unknown(grid: Grid) -> None:
    p = profile(PHYSICIAN, physician={"ontario_practice_months": None})
    factor = est(grid, p).factor("work_experience")
    assert (factor.status, factor.low, factor.high) == ("unknown", 0, 18)
    assert est(grid, p).total_max_possible == 115


def test_a_physician_table_with_a_job_offer_is_scored_on_the_job_offer(grid: Grid) -> None:
    p = profile(physician={"ontario_practice_months": 0})
    e = est(grid, p)
    assert not e.physician
    assert e.maximum == 130
    assert e.factor("work_experience").ladder == "job_offer_position"


# --- upcoming: the days the score changes by itself -----------------------------------------------

SOON: dict[str, Any] = merged(
    BEST,
    {
        "job_offer": {"position_start": D(2026, 6, 15)},  # 5 completed months on AS_OF
        "experience": {"ontario_months": 0},
        "permit": {"type": "work", "expires": D(2027, 3, 31)},
    },
)


def test_upcoming_lists_the_days_months_in_the_position_cross_6_13_and_25(grid: Grid) -> None:
    p = profile(SOON, permit={"expires": D(2030, 1, 1)})
    e = est(grid, p)
    assert e.total == 112
    assert [(u.date, u.factor, u.change, u.total) for u in e.upcoming] == [
        (D(2026, 12, 15), "work_experience", 12, 124),
        (D(2027, 7, 15), "work_experience", 3, 127),
        (D(2028, 7, 15), "work_experience", 3, 130),
        (D(2030, 1, 2), "legal_status", -10, 120),
    ]
    assert "6 completed months" in e.upcoming[0].why
    assert "13 completed months" in e.upcoming[1].why
    assert "25 completed months" in e.upcoming[2].why


def test_upcoming_loses_the_status_points_the_day_after_the_permit_expires(grid: Grid) -> None:
    e = est(grid, profile(SOON))
    assert [(u.date, u.factor, u.change, u.total) for u in e.upcoming] == [
        (D(2026, 12, 15), "work_experience", 12, 124),
        (D(2027, 4, 1), "legal_status", -10, 114),
        (D(2027, 7, 15), "work_experience", 3, 117),
        (D(2028, 7, 15), "work_experience", 3, 120),
    ]
    assert "2027-03-31" in e.upcoming[1].why
    dates = [u.date for u in e.upcoming]
    assert dates == sorted(dates)


def test_a_study_permit_expiring_loses_5(grid: Grid) -> None:
    p = profile(permit={"type": "study", "expires": D(2027, 1, 10)})
    [event] = est(grid, p).upcoming
    assert (event.date, event.factor, event.change, event.total) == (
        D(2027, 1, 11),
        "legal_status",
        -5,
        120,
    )


def test_nothing_upcoming_is_at_or_before_as_of(grid: Grid) -> None:
    # AS_OF is exactly 6 months after the start: that step has happened, it is not upcoming.
    p = profile(SOON, permit={"expires": AS_OF})
    e = est(grid, p, D(2026, 12, 15))
    assert all(u.date > D(2026, 12, 15) for u in e.upcoming)
    assert [u.date for u in e.upcoming] == [D(2027, 7, 15), D(2028, 7, 15)]
    # a permit that expired before as_of is already lost, and expiring on as_of loses it tomorrow
    on_the_day = est(grid, profile(SOON, permit={"expires": AS_OF}))
    assert (on_the_day.upcoming[0].date, on_the_day.upcoming[0].factor) == (
        AS_OF + dt.timedelta(days=1),
        "legal_status",
    )


def test_a_milestone_that_changes_nothing_is_not_upcoming(grid: Grid) -> None:
    # 30 months in Ontario already give 12 under 6 months; the position's 12 at 6 is no change.
    p = profile(SOON, experience={"ontario_months": 30}, permit={"expires": D(2030, 1, 1)})
    e = est(grid, p)
    assert [(u.date, u.change) for u in e.upcoming if u.factor == "work_experience"] == [
        (D(2027, 7, 15), 3),
        (D(2028, 7, 15), 3),
    ]


def test_over_24_months_in_the_position_nothing_is_upcoming_but_the_permit(grid: Grid) -> None:
    e = est(grid, profile())
    assert [(u.date, u.factor) for u in e.upcoming] == [(D(2028, 2, 1), "legal_status")]


def test_a_physician_has_no_position_milestones(grid: Grid) -> None:
    p = profile(PHYSICIAN, physician={"ontario_practice_months": 3})
    assert [u.factor for u in est(grid, p).upcoming] == ["legal_status"]


def test_milestones_match_add_months(grid: Grid) -> None:
    start = D(2026, 8, 31)
    p = profile(SOON, job_offer={"position_start": start}, permit={"expires": D(2030, 1, 1)})
    e = est(grid, p, D(2026, 9, 1))
    days = [u.date for u in e.upcoming if u.factor == "work_experience"]
    assert days == [add_months(start, n) for n in (6, 13, 25)]
    assert days == [D(2027, 2, 28), D(2027, 9, 30), D(2028, 9, 30)]


# --- moves: single changes that add points --------------------------------------------------------


def test_moves_are_ranked_by_points_then_actionable_first(grid: Grid) -> None:
    p = profile(
        job_region="toronto",
        job_offer={"hourly_wage": 39.99},
        education={"canadian_credentials": 1},
        language={
            "english": {"speaking": 8, "listening": 7, "reading": 6, "writing": 9},
            "french": None,
        },
    )
    moves = est(grid, p).moves
    changes = [m.change for m in moves]
    assert changes == sorted(changes, reverse=True)
    assert moves[0].factor == "regional" and moves[0].change == 15
    for a, b in itertools.pairwise(moves):
        if a.change == b.change:
            assert a.actionable or not b.actionable


def test_a_language_move_raises_the_abilities_below_a_band(grid: Grid) -> None:
    scores = {"speaking": 8, "listening": 7, "reading": 6, "writing": 9}
    p = profile(language={"english": scores, "french": None})
    moves = {m.what: m for m in est(grid, p).moves if m.factor == "language_ability"}
    assert moves["English reading CLB 6 → 7"].change == 4  # 4 → 8
    assert moves["English listening CLB 7 → 8 and reading CLB 6 → 8"].change == 8
    assert (
        moves["English speaking CLB 8 → 9 and listening CLB 7 → 9 and reading CLB 6 → 9"].change
        == 11
    )
    assert all(m.actionable for m in moves.values())


def test_a_second_language_test_at_6_is_a_move_worth_5(grid: Grid) -> None:
    p = profile(language={"english": clb(9), "french": None})
    [move] = [m for m in est(grid, p).moves if m.factor == "official_languages_knowledge"]
    assert move.change == 5
    assert move.actionable
    assert move.what == "a French test at NCLC 6 or higher in all four abilities"
    french_only = profile(language={"english": None, "french": clb(9)})
    [english] = [
        m for m in est(grid, french_only).moves if m.factor == "official_languages_knowledge"
    ]
    assert english.what == "an English test at CLB 6 or higher in all four abilities"


def test_a_second_test_beside_one_below_6_is_worth_only_its_better_ability(grid: Grid) -> None:
    # English CLB 5: a French test at 6 is not "both" (5 stays 5), but the better test
    # now counts: language ability 0 → 4, and the move is named after the factor that gains.
    p = profile(language={"english": clb(5), "french": None})
    [move] = [m for m in est(grid, p).moves if m.what.startswith("a French test")]
    assert (move.factor, move.change) == ("language_ability", 4)


def test_a_second_canadian_credential_is_a_move_worth_5(grid: Grid) -> None:
    p = profile(education={"canadian_credentials": 1})
    [move] = [m for m in est(grid, p).moves if m.factor == "canadian_credentials"]
    assert (move.change, move.actionable) == (5, True)
    assert move.what.startswith("a second Canadian post-secondary credential")
    first = profile(education={"canadian_credentials": 0})
    [move] = [m for m in est(grid, first).moves if m.factor == "canadian_credentials"]
    assert move.change == 5
    assert move.what.startswith("a first")
    assert not [m for m in est(grid, profile()).moves if m.factor == "canadian_credentials"]


def test_wage_and_region_moves_are_not_actionable(grid: Grid) -> None:
    p = profile(job_region="gta", job_offer={"hourly_wage": 39.99})
    moves = {m.factor: m for m in est(grid, p).moves}
    assert (moves["regional"].change, moves["regional"].actionable) == (10, False)
    assert (moves["hourly_wage"].change, moves["hourly_wage"].actionable) == (3, False)
    assert "$40.00" in moves["hourly_wage"].what
    assert "employer" in moves["hourly_wage"].what


def test_a_wage_move_names_the_next_band_only(grid: Grid) -> None:
    p = profile(job_offer={"hourly_wage": 21.0})
    [move] = [m for m in est(grid, p).moves if m.factor == "hourly_wage"]
    assert move.change == 3  # 5 → 8 at $25.00
    assert "$25.00" in move.what


def test_an_education_move_for_each_higher_band(grid: Grid) -> None:
    p = profile(education={"highest": "bachelors"})
    moves = [(m.change, m.what) for m in est(grid, p).moves if m.factor == "education_level"]
    assert [c for c, _ in moves] == [4, 2]
    assert "doctorate" in moves[0][1] and "master's" in moves[1][1]


def test_a_study_permit_holder_gains_5_with_a_work_permit(grid: Grid) -> None:
    p = profile(permit={"type": "study", "expires": D(2027, 6, 30)})
    [move] = [m for m in est(grid, p).moves if m.factor == "legal_status"]
    assert move.change == 5


def test_no_move_is_offered_for_an_unknown_factor(grid: Grid) -> None:
    p = profile(education=None, language=None, job_region=None)
    factors = {m.factor for m in est(grid, p).moves}
    assert not factors & {
        "education_level",
        "canadian_credentials",
        "language_ability",
        "official_languages_knowledge",
        "regional",
    }


# --- the portal score beside the estimate ---------------------------------------------------------


def test_a_portal_score_equal_to_the_estimate_matches(grid: Grid) -> None:
    e = est(grid, profile(eoi_score=130))
    assert e.comparison == ("Your portal score 130 matches the estimate.",)


def test_a_portal_score_within_the_range_names_the_unknown_factors(grid: Grid) -> None:
    e = est(grid, profile(eoi_score=126, best_annual_earnings=None))
    [line] = e.comparison
    assert "within the estimate's range (122 to 130)" in line
    # In words, as the factor table and the estimate's first line name it: not the id.
    assert "would come from: earnings in one year (up to 8)." in line
    assert "earnings_history" not in line


def test_a_portal_score_outside_the_estimate_names_the_facts_to_check_in_words(
    grid: Grid,
) -> None:
    e = est(grid, profile(eoi_score=100))
    checked = e.comparison[1:-1]
    assert checked and all(line.split(":")[0][:1].isupper() for line in checked)
    assert not any("_" in line.split(":")[0] for line in checked)


def test_a_portal_score_below_the_estimate_says_to_trust_the_portal(grid: Grid) -> None:
    e = est(grid, profile(eoi_score=100))
    assert "below the estimate (130)" in e.comparison[0]
    assert "Trust the portal" in e.comparison[0]


def test_a_portal_score_from_another_grid_is_not_compared(grid: Grid) -> None:
    e = estimate(profile(eoi_score=57), grid, AS_OF, same_grid_as_portal=False)
    assert e.portal_score is None
    assert e.comparison == ()
