"""An Ontario Workforce Priority candidate at the command line: score, requirements, journey,
the employer's sheet, and a closed stream's candidate told the same for OWP."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from oinp_assistant.cli.main import main

TODAY = ["--today", "2026-12-03"]
# A registered nurse in Thunder Bay (Northern Ontario), EOI registered, not invited yet.
NURSE = (Path(__file__).parent / "fixtures" / "owp_nurse.toml").read_text(encoding="utf-8")
FACTORS = [
    "noc_teer",
    "broad_occupational_category",
    "hourly_wage",
    "work_experience",
    "earnings_history",
    "legal_status",
    "education_level",
    "canadian_credentials",
    "language_ability",
    "official_languages_knowledge",
    "regional",
]


@pytest.fixture
def nurse(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(NURSE, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv, *TODAY])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run(capsys, *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_score_shows_each_factor_the_dates_it_rises_and_what_would_raise_it(
    capsys: pytest.CaptureFixture[str], nurse: Path
) -> None:
    code, out, _ = run(capsys, "score", "--profile", str(nurse))
    assert code == 0
    assert "Estimated score: 103 of 130." in out
    assert "Your portal score 103 matches the estimate." in out
    assert " 9/9    noc_teer: NOC 31301 is TEER 1; band: TEER 0–1" in out
    assert "2027-04-01  +3 → 106  13 completed months in the job-offer position" in out
    assert "2027-07-01  -10 → 96" in out
    assert "+7  English reading CLB 8 → 9 and writing CLB 7 → 9" in out
    # Every source stays on one line, whole, so it can be opened.
    assert "\n  https://www.ontario.ca/page/ontario-workforce-priority-stream\n" in out


def test_score_json_keeps_the_contract(capsys: pytest.CaptureFixture[str], nurse: Path) -> None:
    data = run_json(capsys, "score", "--profile", str(nurse))
    assert data["grid"] == "ontario_workforce_priority"
    assert (data["as_of"], data["total"], data["total_max_possible"]) == ("2026-12-03", 103, 103)
    assert (data["maximum"], data["portal_score"]) == (130, 103)
    assert [f["name"] for f in data["factors"]] == FACTORS
    teer = data["factors"][0]
    assert (teer["points"], teer["max"], teer["status"], teer["confidence"]) == (
        9,
        9,
        "known",
        "2+",
    )
    assert teer["sources"][0].startswith("https://www.ontario.ca/")
    experience = data["factors"][3]
    assert experience["ladder"] == "job_offer_position"
    assert data["upcoming"][0] == {
        "date": "2027-04-01",
        "factor": "work_experience",
        "change": 3,
        "total": 106,
        "why": "13 completed months in the job-offer position",
    }
    assert data["moves"][0]["change"] == 7 and data["moves"][0]["actionable"] is True


def test_unknown_facts_make_the_total_a_range(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.toml"
    path.write_text('stream = "ontario_workforce_priority"\nnoc = "31301"\n')
    data = run_json(capsys, "score", "--profile", str(path))
    assert data["total"] == 19  # TEER 1 (9) and category 3 (10) are all the profile says
    assert data["total_max_possible"] == 130
    unknown = [f["name"] for f in data["factors"] if f["status"] == "unknown"]
    assert unknown == FACTORS[2:]
    assert all(f["points"] is None for f in data["factors"] if f["status"] == "unknown")


def test_set_tries_a_change_without_touching_the_file(
    capsys: pytest.CaptureFixture[str], nurse: Path
) -> None:
    before = nurse.read_bytes()
    data = run_json(
        capsys,
        "score",
        "--profile",
        str(nurse),
        "--set",
        "language.english.writing=9",
        "--set",
        "language.english.reading=9",
    )
    assert data["total"] == 110 and data["what_if"] == [
        "language.english.writing=9",
        "language.english.reading=9",
    ]
    assert nurse.read_bytes() == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ("langauge.english.writing=9", 'Did you mean "language.english"?'),
        ("job_offer.hourly_wge=40", 'Did you mean "hourly_wage"?'),
        ("writing", "write each change as KEY=VALUE"),
        ("permit=work", '"permit" is not a profile key you can set'),
    ],
)
def test_a_bad_change_is_named_and_nothing_is_computed(
    capsys: pytest.CaptureFixture[str], nurse: Path, change: str, words: str
) -> None:
    code, out, err = run(capsys, "score", "--profile", str(nurse), "--set", change)
    assert code == 2 and out == ""
    assert "--set" in err and words in err
    assert "Traceback" not in err


def test_a_closed_stream_candidate_gets_the_owp_estimate_and_is_told_why(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text('stream = "foreign_worker"\nnoc = "21231"\neoi_score = 57\n')
    code, out, _ = run(capsys, "score", "--profile", str(path))
    assert code == 0
    assert "Foreign Worker is closed" in out and "Ontario Workforce Priority" in out
    assert "eoi_score of 57 was on the Foreign Worker grid and does not" in " ".join(out.split())
    data = run_json(capsys, "score", "--profile", str(path))
    assert data["grid"] == "ontario_workforce_priority" and data["portal_score"] is None
    req = run_json(capsys, "requirements", "--profile", str(path))
    assert req["pathway"] == "teer_0_3"
    assert "checked against Ontario Workforce Priority" in req["notes"][0]


def test_requirements_say_the_pathway_and_each_requirement(
    capsys: pytest.CaptureFixture[str], nurse: Path
) -> None:
    code, out, _ = run(capsys, "requirements", "--profile", str(nurse))
    assert code == 0
    assert "TEER 0–3 job-offer pathway (NOC 31301, TEER 1)" in out
    assert "You meet every requirement" in out
    assert "✔ language: Your lowest ability is CLB 7; CLB 6 in all four abilities is needed." in out
    data = run_json(capsys, "requirements", "--profile", str(nurse))
    assert (data["pathway"], data["verdict"]) == ("teer_0_3", "meets")
    assert [r["name"] for r in data["requirements"]] == [
        "job_offer",
        "experience",
        "language",
        "education",
        "legal_status",
        "wage",
    ]
    assert all(r["sources"] for r in data["requirements"])


def test_the_journey_shows_what_is_done_and_what_is_next(
    capsys: pytest.CaptureFixture[str], nurse: Path
) -> None:
    data = run_json(capsys, "journey", "--profile", str(nurse))
    states = {s["step"]: s["state"] for s in data["steps"]}
    assert states == {
        "job_offer": "done",
        "eoi": "done",
        "invitation": "next",
        "employer_application": "later",
        "candidate_application": "later",
        "nomination": "later",
        "ircc": "later",
    }
    code, out, _ = run(capsys, "journey", "--profile", str(nurse))
    assert code == 0 and "→ next" in out and "2027-09-05" in out


def test_deadlines_hold_the_30_days_to_register_an_eoi_after_the_job_offer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'stream = "ontario_workforce_priority"\nnoc = "31301"\n\n'
        "[job_offer]\nsubmitted = 2026-11-20\n"
    )
    data = run_json(capsys, "deadlines", "--profile", str(path))
    registration = next(d for d in data["deadlines"] if d["kind"] == "eoi_registration")
    assert registration["date"] == "2026-12-20"
    assert "30 calendar days after your employer submitted the job offer" in registration["note"]


def test_the_employer_sheet_is_written_owner_only_with_both_dates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "p.toml"
    path.write_text(NURSE + "\n[invitation]\ndate = 2026-11-20\n")
    sheet = tmp_path / "sheet.md"
    code, out, _ = run(capsys, "handoff", "--profile", str(path), "-o", str(sheet))
    assert code == 0 and str(sheet.resolve()) in out
    text = sheet.read_text()
    assert "Friday, December 4, 2026" in text  # employer: invitation + 14 days
    assert "Monday, December 7, 2026" in text  # candidate: + 17 days, only after the employer
    assert stat.S_IMODE(sheet.stat().st_mode) == 0o600
    html = tmp_path / "sheet.html"
    assert run(capsys, "handoff", "--profile", str(path), "-o", str(html))[0] == 0
    assert html.read_text().startswith("<!DOCTYPE html>")
    code, out, _ = run(capsys, "handoff", "--profile", str(path), "-o", "-")
    assert code == 0 and out.startswith("# OINP invitation")


def test_the_employer_sheet_refuses_a_format_it_cannot_write(
    capsys: pytest.CaptureFixture[str], nurse: Path, tmp_path: Path
) -> None:
    code, _, err = run(capsys, "handoff", "--profile", str(nurse), "-o", str(tmp_path / "x.pdf"))
    assert code == 2 and ".md" in err and ".html" in err
    assert not (tmp_path / "x.pdf").exists()


def test_chances_of_an_owp_profile_show_the_closed_streams_record_labelled_as_no_forecast(
    capsys: pytest.CaptureFixture[str], nurse: Path
) -> None:
    code, out, _ = run(capsys, "chances", "--profile", str(nurse))
    assert code == 0
    flat = " ".join(out.split())
    assert "The closed streams' record, not a forecast" in flat
    assert "Foreign Worker: named in 20 targeted rounds, last on 2026-04-30" in flat
    data = run_json(capsys, "chances", "--profile", str(nurse))
    record = data["closed_streams_record"]
    assert record["is_forecast"] is False and record["noc"] == "31301"
    assert {s["stream"] for s in record["streams"]} >= {"foreign_worker", "international_student"}
    assert all(s["stream"] != "ontario_workforce_priority" for s in record["streams"])


def test_a_stream_with_rounds_gets_its_own_history_and_no_precedent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "fw.toml"
    path.write_text('stream = "foreign_worker"\nnoc = "31301"\n')
    assert run_json(capsys, "chances", "--profile", str(path))["closed_streams_record"] is None


def test_a_closed_stream_candidate_starts_the_journey_again_in_owp(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "student.toml"
    path.write_text(
        'stream = "international_student"\nnoc = "21231"\neoi_score = 75\n'
        "eoi_registered = 2026-03-10\n"
    )
    steps = run_json(capsys, "journey", "--profile", str(path))["steps"]
    assert [(s["step"], s["state"]) for s in steps[:3]] == [
        ("job_offer", "next"),
        ("eoi", "later"),
        ("invitation", "later"),
    ]
    assert "your old EOI does not carry over" in steps[0]["detail"]


def test_after_a_missed_eoi_registration_no_later_step_is_next(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "welder.toml"
    path.write_text(
        'stream = "ontario_workforce_priority"\nnoc = "72106"\n\n'
        "[job_offer]\nsubmitted = 2026-10-20\n"
    )
    steps = run_json(capsys, "journey", "--profile", str(path))["steps"]
    states = {s["step"]: s["state"] for s in steps}
    assert states["eoi"] == "missed"
    assert "next" not in states.values()


@pytest.mark.parametrize(
    ("facts", "words"),
    [
        ("[job_offer]\nposition_start = 2026-12-25\n", "cannot be dated in the future"),
        (
            "eoi_registered = 2026-09-20\n\n[job_offer]\nsubmitted = 2026-10-01\n",
            "you register the EOI with the Job Offer ID",
        ),
    ],
)
def test_validate_refuses_owp_dates_that_cannot_be_true(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, facts: str, words: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_text('stream = "ontario_workforce_priority"\nnoc = "72106"\n' + facts)
    code, _, err = run(capsys, "profile", "validate", "--profile", str(path))
    assert code == 2 and words in " ".join(err.split())
