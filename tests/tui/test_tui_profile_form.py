"""The form's text <-> Profile translation, and new files written in the template's shape."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.problems import ProblemsError
from oinp_assistant.profile import Profile, parse_profile_text
from oinp_assistant.tui.profile_form import (
    FIELDS,
    build_profile,
    current_values,
    date_problem,
    merge_changes,
    new_profile_text,
    noc_problem,
    score_problem,
    values_from_profile,
)

PROFILES = [
    {"stream": "ontario_workforce_priority"},
    {"stream": "foreign_worker", "noc": "21231", "eoi_score": 0},
    {
        "stream": "foreign_worker",
        "noc": "21231",
        "eoi_score": 130,
        "eoi_registered": dt.date(2024, 2, 29),
        "job_region": "northern_ontario",
        "job_community": "Greater Sudbury",
        "permit": {"type": "none", "in_canada": False},
        "invitation": {
            "date": dt.date(2024, 3, 1),
            "stream": "international_student",
            "employer_deadline": dt.date(2024, 3, 15),
            "candidate_deadline": dt.date(2024, 3, 18),
        },
    },
]


@pytest.mark.parametrize("data", PROFILES)
def test_form_values_round_trip(data: dict[str, object], catalog: Catalog) -> None:
    profile = Profile.model_validate(data)
    assert build_profile(values_from_profile(profile), catalog, Path("p.toml")) == profile


@pytest.mark.parametrize("data", PROFILES)
def test_new_file_keeps_the_templates_comments(data: dict[str, object]) -> None:
    profile = Profile.model_validate(data)
    text = new_profile_text(profile)
    assert parse_profile_text(text, Path("p.toml")) == profile
    assert "# Your EOI score as shown in the e-Filing Portal." in text


def test_field_checks() -> None:
    assert date_problem("") is None
    assert date_problem("2024-02-29") is None
    assert date_problem("2025-02-29") == "2025-02-29 is not a real date: February 2025 has 28 days."
    assert "YYYY-MM-DD" in (date_problem("2025-2-1") or "")
    assert score_problem("130") is None
    assert score_problem("131") is not None
    assert score_problem("-1") is not None
    assert score_problem("5.5") is not None


def test_noc_check(catalog: Catalog) -> None:
    assert noc_problem("", catalog) is None
    assert noc_problem("21231", catalog) is None
    assert "five digits" in (noc_problem("2123", catalog) or "")
    assert "not a NOC 2021 unit group" in (noc_problem("99999", catalog) or "")


def test_cross_field_rules_come_from_the_profile_parser(catalog: Catalog) -> None:
    values = values_from_profile(Profile.model_validate(PROFILES[1]))
    values["eoi_registered"] = "2026-05-01"
    values["invitation.date"] = "2026-04-01"
    with pytest.raises(ProblemsError) as caught:
        build_profile(values, catalog, Path("p.toml"))
    assert "an invitation comes after the EOI" in str(caught.value)


def test_the_form_is_checked_as_a_file_is_a_noc_2016_code_named_with_its_successors(
    catalog: Catalog,
) -> None:
    """One check for both (profile.check_profile_text): the form's answer to an old NOC 2016
    code lacked the NOC 2021 groups it became, which `oinp profile validate` names."""
    values = values_from_profile(Profile.model_validate(PROFILES[1]))
    values["noc"] = "3012"
    with pytest.raises(ProblemsError) as caught:
        build_profile(values, catalog, Path("p.toml"))
    assert "NOC 2016 3012 became: 31301 Registered nurses" in str(caught.value)


def test_merge_changes_puts_only_the_users_changes_on_the_files_current_values() -> None:
    initial = {"noc": "21231", "eoi_score": "57", "job_region": "gta", "job_community": ""}
    form = {"noc": "21231", "eoi_score": "61", "job_region": "gta", "job_community": "Lanark"}
    current = {"noc": "21232", "eoi_score": "59", "job_region": "toronto", "job_community": ""}
    assert merge_changes(initial, form, current) == {
        "noc": "21232",  # untouched: the file's new value
        "eoi_score": "61",  # changed in both: the user's
        "job_region": "toronto",
        "job_community": "Lanark",
    }
    # A user who cleared a field clears it, whatever the file says now.
    cleared = {**form, "eoi_score": ""}
    assert merge_changes(initial, cleared, current)["eoi_score"] == ""
    # A file that can no longer be read: the form as it is.
    assert merge_changes(initial, form, None) == form


def test_current_values_reads_the_file_now(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('stream = "foreign_worker"\njob_region = "toronto"\n')
    values = current_values(path, catalog)
    assert values is not None and values["job_region"] == "toronto"
    path.write_text("stream = 3\n")
    assert current_values(path, catalog) is None
    path.unlink()
    assert current_values(path, catalog) is None


@pytest.mark.parametrize("spec", FIELDS, ids=lambda spec: spec.key)
def test_form_help_speaks_of_the_form_not_the_file(spec: object) -> None:
    from oinp_assistant.tui.profile_form import FieldSpec

    assert isinstance(spec, FieldSpec)
    help_text = spec.description
    assert help_text
    # No commands, no TOML syntax: the form has pickers, yes/no and a NOC search.
    for words in ("`", "oinp ", "in quotes", "true if", "false", '"work"', "_ontario", "[", "="):
        assert words not in help_text, (spec.key, words)
