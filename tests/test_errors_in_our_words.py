"""Errors in the app's own words: every problem of a profile, sorted by line, with what was
written and a did-you-mean for every enumerated value; never pydantic's English."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.cli.main import main
from oinp_assistant.problems import Problem, ProblemsError
from oinp_assistant.profile import load_checked_profile
from oinp_assistant.profile_store import profile_template

FW = 'stream = "foreign_worker"\n'


def problems_of(tmp_path: Path, catalog: Catalog, text: str) -> list[Problem]:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_checked_profile(path, catalog)
    return info.value.problems


def message_at(problems: list[Problem], key: str) -> str:
    return next(p.message for p in problems if p.key == key)


@pytest.mark.parametrize(
    ("text", "key", "fix"),
    [
        (FW + 'job_region = "GTA"\n', "job_region", '"gta"'),
        (FW + '[permit]\ntype = "Work"\nexpires = 2027-01-01\n', "permit.type", '"work"'),
        (FW + '[education]\nhighest = "Masters"\n', "education.highest", '"masters"'),
        ('stream = "Foreign_Worker"\n', "stream", '"foreign_worker"'),
        (FW + 'job_region = "toronot"\n', "job_region", '"toronto"'),
    ],
    ids=["region in capitals", "permit type", "education level", "stream", "region typo"],
)
def test_every_enumerated_value_says_what_was_written_and_the_fix(
    tmp_path: Path, catalog: Catalog, text: str, key: str, fix: str
) -> None:
    message = message_at(problems_of(tmp_path, catalog, text), key)
    assert "you wrote" in message or "unknown stream" in message
    assert f"Did you mean {fix}?" in message


BAD_VALUES = [
    'eoi_score = "57"\n',
    "eoi_score = 57.5\n",
    "eoi_score = 500\n",
    "eoi_score = -1\n",
    'noc = "2123"\n',
    "noc = 21231\n",
    'job_region = "Work"\n',
    "eoi_registered = 2026-03-12T10:00:00\n",
    "permit = 3\n",
    '[permit]\ntype = "Work"\nexpires = 2027-01-01\nin_canada = "yes"\n',
    '[job_offer]\nhourly_wage = "30"\nfull_time = 1\n',
    "best_annual_earnings = true\n",
    '[language.english]\nspeaking = "9"\n',
    '[education]\ncanadian_credentials = 99\nhighest = "phd"\n',
]


@pytest.mark.parametrize("bad", BAD_VALUES)
def test_no_message_is_in_pydantic_words(tmp_path: Path, catalog: Catalog, bad: str) -> None:
    for problem in problems_of(tmp_path, catalog, FW + bad):
        assert "Input should" not in problem.message, problem
        assert "should be" not in problem.message.lower(), problem
        assert "Value error" not in problem.message, problem
        assert ".int" not in (problem.key or "") and ".float" not in (problem.key or "")


def test_problems_are_listed_in_the_order_of_the_file(tmp_path: Path, catalog: Catalog) -> None:
    text = (
        'stream = "foreign_worker"\n'
        'noc = "2123"\n'  # line 2: the data check
        'eoi_registered = "2026-01-05"\n'  # line 3: a quoted date
        "eoi_score = 500\n"  # line 4: the schema
        'job_region = "GTA"\n'  # line 5: the schema
        "unknown_key = 1\n"  # line 6
    )
    lines = [p.line or 0 for p in problems_of(tmp_path, catalog, text)]
    assert lines == sorted(lines) and lines[0] == 2 and 6 in lines


def test_after_a_syntax_error_the_rest_of_the_file_is_still_checked(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = FW + "eoi_score = 5 0\n" + 'job_region = "GTA"\n' + 'noc = "2123\n' + "foo = 1\n"
    problems = problems_of(tmp_path, catalog, text)
    assert [(p.line, p.key) for p in problems] == [
        (2, None),
        (3, "job_region"),
        (4, None),
        (5, "foo"),
    ]
    assert all(p.code == "toml_syntax" for p in problems if p.key is None)
    assert 'Did you mean "gta"?' in problems[1].message


def test_a_broken_table_header_stops_at_the_syntax_error(tmp_path: Path, catalog: Catalog) -> None:
    # Keys under a header that cannot be read would be checked in the wrong table.
    problems = problems_of(tmp_path, catalog, FW + "[permit\ntype = 1\n")
    assert [p.line for p in problems] == [2]


def test_an_untouched_template_is_not_simply_ok(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(profile_template(), encoding="utf-8")
    assert main(["profile", "validate", "--profile", str(path)]) == 0
    out = capsys.readouterr().out
    assert "OK, no problems" not in out
    assert 'these commands answer "unknown"' in out
    for key in ("noc →", "eoi_score →", "eoi_registered →", "job_region →", "permit →"):
        assert key in out


def test_a_complete_profile_is_ok(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).resolve().parent.parent / "data" / "example-foreign-worker.toml"
    assert main(["profile", "validate", "--profile", str(example)]) == 0
    assert "OK, no problems" in capsys.readouterr().out
