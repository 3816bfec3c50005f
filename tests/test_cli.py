"""The command line: what a script or a person sees, exit codes, and the --json contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from oinp_assistant.cli.main import main

TODAY = ["--today", "2026-11-26"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, text: str, name: str = "profile.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


OWP = 'stream = "ontario_workforce_priority"\nnoc = "21231"\neoi_score = 80\n'


# --- check -----------------------------------------------------------------------------------


def test_check_json_lists_the_profile_streams_draws_newest_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "check", "--example-foreign-worker", "--json", *TODAY)
    assert code == 0
    data = json.loads(out)
    assert data["data_newest_draw"] == "2026-04-30"
    assert data["data_checked_through"] == "2026-10-03"
    dates = [r["draw"]["date"] for r in data["results"]]
    assert dates == sorted(dates, reverse=True)
    assert {r["draw"]["stream"] for r in data["results"]} == {"foreign_worker"}
    first = data["results"][0]
    assert first["draw"]["id"] == "2026-04-30-foreign_worker-gta"
    assert first["draw"]["min_score"] == 57 and first["draw"]["invitations"] == 786
    assert first["verdict"] == "in_scope"
    assert [c["name"] for c in first["criteria"]] == [
        "stream",
        "occupation",
        "score",
        "profile_window",
        "region",
        "permit",
        "eoi_validity",
        "other_conditions",
    ]
    assert first["criteria"][-1] == {
        "name": "other_conditions",
        "status": "pass",
        "detail": "No other condition is recorded for this round.",
    }
    assert all(
        c["status"] in ("pass", "fail", "unknown") and c["detail"] for c in first["criteria"]
    )
    assert first["draw"]["sources"] and first["draw"]["confidence"] in ("2+", "1", "conflict")


def test_check_all_streams_and_since_filter(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(
        capsys,
        "check",
        "--example-foreign-worker",
        "--json",
        "--all-streams",
        "--since",
        "2026-04-01",
        *TODAY,
    )
    results = json.loads(out)["results"]
    assert len({r["draw"]["stream"] for r in results}) > 1
    assert min(r["draw"]["date"] for r in results) >= "2026-04-01"


def test_check_tells_a_closed_stream_what_replaced_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The message wraps at the terminal's width; a narrow one would split the stream's name.
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "check", "--example-foreign-worker", *TODAY)
    assert code == 0
    assert "closed on 2026-05-30" in out and "Ontario Workforce Priority" in out
    assert "newest round 2026-04-30" in out and "2026-10-03" in out


def test_check_says_plainly_when_the_stream_has_no_draw_yet(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = write(tmp_path, OWP)
    code, out, _ = run(capsys, "check", "--profile", str(profile), *TODAY)
    assert code == 0
    assert "No round of Ontario Workforce Priority is in the data" in out
    assert "2026-10-03" in out
    data = json.loads(run(capsys, "check", "--profile", str(profile), "--json", *TODAY)[1])
    assert data["results"] == [] and data["stream_status"]["open"] is True
    assert any("No round of Ontario Workforce Priority" in n for n in data["notes"])


def test_profile_comes_from_the_environment_variable(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OINP_PROFILE", str(write(tmp_path, OWP)))
    code, out, _ = run(capsys, "profile", "path")
    assert code == 0 and str(tmp_path / "profile.toml") in out and "$OINP_PROFILE" in out


# --- deadlines -------------------------------------------------------------------------------


def test_deadlines_json_contract(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    profile = write(tmp_path, 'stream = "foreign_worker"\n[invitation]\ndate = 2026-04-01\n')
    code, out, _ = run(
        capsys, "deadlines", "--profile", str(profile), "--json", "--today", "2026-04-02"
    )
    assert code == 0
    data = json.loads(out)
    assert data["basis"] == {
        "invitation_date": "2026-04-01",
        "stream": "foreign_worker",
        "hypothetical": False,
        "draw_id": "2026-04-01-foreign_worker-mining",
    }
    by_kind = {d["kind"]: d for d in data["deadlines"]}
    assert by_kind["employer_submission"]["date"] == "2026-04-15"
    assert by_kind["employer_submission"]["days_left"] == 13
    assert by_kind["employer_submission"]["where"] == "OINP Employer Portal"
    assert by_kind["candidate_submission"]["date"] == "2026-04-18"
    assert by_kind["candidate_submission"]["days_left"] == 16
    assert data["notes"] == []


def test_an_invitation_on_a_day_without_a_recorded_draw_still_counts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = write(
        tmp_path, 'stream = "ontario_workforce_priority"\n[invitation]\ndate = 2026-11-20\n'
    )
    _, out, _ = run(capsys, "deadlines", "--profile", str(profile), "--json", *TODAY)
    data = json.loads(out)
    dates = {d["kind"]: d["date"] for d in data["deadlines"]}
    assert dates == {"employer_submission": "2026-12-04", "candidate_submission": "2026-12-07"}
    assert any("data may lag" in n for n in data["notes"])


def test_deadlines_in_text_show_weekday_and_days_left(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "deadlines", "--example-foreign-worker", "--today", "2026-05-10")
    assert code == 0
    assert "Thu 2026-05-14" in out and "4 days left" in out
    words = " ".join(out.split())  # the text is wrapped to the terminal
    assert "confirm the exact time in the portal" in words
    assert "Rule confidence 2+: The employer step arrived with the Employer Portal" in words


# --- draws and occupations -------------------------------------------------------------------


def test_draws_list_filters_by_stream(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draws", "list", "--stream", "phd_graduate", "--json")
    assert code == 0
    draws = json.loads(out)["draws"]
    assert draws and {d["stream"] for d in draws} == {"phd_graduate"}


def test_draws_show_gives_sources_and_confidence(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "draws", "show", "2026-04-30-foreign_worker-gta")
    assert code == 0
    assert "confidence: 1" in out and "https://" in out and "21231  Software engineers" in out


def test_noc_search_finds_the_code_from_a_job_title(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "noc", "search", "welder", "--json")
    assert code == 0 and json.loads(out)[0]["code"] == "72106"


# --- profile ---------------------------------------------------------------------------------


def test_profile_init_writes_a_valid_owner_only_template_and_never_overwrites(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "new" / "profile.toml"
    code, out, _ = run(capsys, "profile", "init", "--profile", str(path))
    assert code == 0 and path.exists() and str(path) in out
    assert path.stat().st_mode & 0o777 == 0o600
    assert run(capsys, "profile", "validate", "--profile", str(path))[0] == 0
    path.write_text(OWP)
    code, _, err = run(capsys, "profile", "init", "--profile", str(path))
    assert code == 2 and "already exists" in err
    assert path.read_text() == OWP


def test_profile_init_defaults_to_the_config_folder(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    code, _, _ = run(capsys, "profile", "init")
    assert code == 0
    assert (isolated_user_dirs / "config" / "profile.toml").exists()


def test_profile_schema_is_json_schema_with_field_descriptions(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "profile", "schema")
    schema = json.loads(out)
    assert code == 0 and "eoi_score" in schema["properties"]
    assert schema["properties"]["eoi_score"]["description"]


def test_reading_commands_do_not_modify_the_profile(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, OWP)
    before = path.stat().st_mtime_ns
    for cmd in (["check"], ["deadlines"], ["profile", "show"], ["profile", "validate"]):
        assert run(capsys, *cmd, "--profile", str(path), *TODAY)[0] == 0
    assert path.stat().st_mtime_ns == before and path.read_text() == OWP
    assert not (tmp_path / "profile.toml.bak").exists()


# --- bad input: exit code 2, a message naming the place, never a traceback --------------------

BAD = [
    ("missing file", None, ["no profile here", "oinp profile init"]),
    ("bad toml", 'stream = "foreign_worker\n', ["line 1", 'add the closing "']),
    (
        "unknown key",
        'stream = "foreign_worker"\neoi_scor = 50\n',
        ["line 2", "eoi_scor", 'Did you mean "eoi_score"'],
    ),
    ("unknown stream", 'stream = "foreign_workers"\n', ['Did you mean "foreign_worker"']),
    (
        "noc not in NOC 2021",
        'stream = "foreign_worker"\nnoc = "99999"\n',
        ["noc", "not a NOC 2021 unit group"],
    ),
    ("score out of range", 'stream = "foreign_worker"\neoi_score = 500\n', ["eoi_score", "130"]),
    (
        "permit none with expiry",
        'stream = "foreign_worker"\n[permit]\ntype = "none"\nexpires = 2027-01-01\n',
        ["permit", "remove expires"],
    ),
    (
        "score in quotes",
        'stream = "foreign_worker"\neoi_score = "57"\n',
        ["eoi_score", "write a whole number without quotes"],
    ),
    (
        "score true",
        'stream = "foreign_worker"\neoi_score = true\n',
        ["eoi_score", "write a whole number without quotes"],
    ),
    (
        "in_canada yes",
        'stream = "foreign_worker"\n[permit]\ntype = "work"\nexpires = 2027-01-01\n'
        'in_canada = "yes"\n',
        ["permit.in_canada", "write true or false"],
    ),
    (
        "invitation as a value",
        'stream = "foreign_worker"\ninvitation = 2026-04-30\n',
        ["invitation must be a table: write [invitation]"],
    ),
]


@pytest.mark.parametrize(("case", "text", "words"), BAD, ids=[b[0] for b in BAD])
@pytest.mark.parametrize(
    "command", [["check"], ["deadlines"], ["profile", "validate"], ["export-ics", "-o", "-"]]
)
def test_bad_profiles_exit_2_with_the_place_and_the_fix(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    case: str,
    text: str | None,
    words: list[str],
    command: list[str],
) -> None:
    path = tmp_path / "profile.toml"
    if text is not None:
        path.write_text(text)
    code, out, err = run(capsys, *command, "--profile", str(path))
    assert code == 2
    assert out == ""
    assert str(path) in err
    for word in words:
        assert word in err
    assert "Traceback" not in err


def test_every_problem_is_listed_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(tmp_path, 'stream = "nope"\nnoc = 21231\neoi_score = -1\ncolour = "red"\n')
    code, _, err = run(capsys, "profile", "validate", "--profile", str(path))
    assert code == 2
    assert "4 problems" in err
    for key in ("stream", "noc", "eoi_score", "colour"):
        assert key in err


def test_a_broken_user_draws_file_is_named_with_line_and_column(
    capsys: pytest.CaptureFixture[str], isolated_user_dirs: Path
) -> None:
    draws = isolated_user_dirs / "data" / "draws"
    draws.mkdir(parents=True)
    header = Path(__file__).resolve().parent.parent.joinpath("data", "draws.csv")
    first_line = header.read_text(encoding="utf-8").splitlines()[0]
    (draws / "mine.csv").write_text(
        first_line + "\nx,2026-13-01,foreign_worker,general,10,50,,,,,,no,1,,https://a\n"
    )
    code, _, err = run(capsys, "draws", "list")
    assert code == 2
    assert "mine.csv, line 2, date" in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["draws", "list", "--stream", "foreign_workr"], ['Did you mean "foreign_worker"']),
        (["draws", "show", "2026-04-30-foreign_worker-gtaa"], ["2026-04-30-foreign_worker-gta"]),
        (["profile", "init", "--stream", "nope"], ["unknown stream"]),
    ],
)
def test_bad_arguments_exit_2_with_a_message(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    for word in words:
        assert word in err


@pytest.mark.parametrize(
    ("argv", "words"),
    [(["check", "--today", "26/11/2026"], ["YYYY-MM-DD"]), (["frobnicate"], ["invalid choice"])],
)
def test_unparseable_arguments_exit_2_with_usage(
    capsys: pytest.CaptureFixture[str], argv: list[str], words: list[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    for word in words:
        assert word in err


# --- export-ics edge cases -------------------------------------------------------------------


def test_export_into_a_folder_writes_the_default_file_name(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, _ = run(capsys, "export-ics", "--example-foreign-worker", "-o", str(tmp_path))
    assert code == 0
    assert (tmp_path / "oinp-deadlines.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_export_under_a_regular_file_names_the_file_in_the_way(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "afile").write_text("x")
    code, _, err = run(
        capsys, "export-ics", "--example-foreign-worker", "-o", str(tmp_path / "afile" / "x.ics")
    )
    assert code == 2 and "is a file, not a folder" in err


def test_export_with_nothing_to_export_writes_no_empty_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = write(tmp_path, 'stream = "foreign_worker"\n')
    out_file = tmp_path / "out.ics"
    code, _, err = run(capsys, "export-ics", "--profile", str(profile), "-o", str(out_file))
    assert code == 2 and "nothing to export" in err
    assert not out_file.exists()


def test_export_to_stdout_works_when_stdout_is_a_text_stream(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "export-ics", "--example-foreign-worker", "-o", "-")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR")


# --- the new-user review: verdicts and files a candidate can trust ---------------------------


def test_check_with_today_does_not_check_later_rounds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "check", "--example-foreign-worker", "--json", "--today", "2026-04-20"
    )
    assert code == 0
    dates = [r["draw"]["date"] for r in json.loads(out)["results"]]
    assert dates and max(dates) <= "2026-04-20"
    code, out, _ = run(capsys, "check", "--example-foreign-worker", "--today", "2026-04-20")
    assert code == 0
    rounds = re.findall(r"^(\d{4}-\d{2}-\d{2})  Foreign Worker", out, flags=re.MULTILINE)
    assert rounds and max(rounds) <= "2026-04-20"


def test_check_json_shows_a_french_speaking_round_as_unknown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = write(
        tmp_path,
        'stream = "foreign_worker"\nnoc = "72106"\neoi_score = 90\neoi_registered = 2025-09-01\n'
        'job_region = "gta"\n[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n',
    )
    code, out, _ = run(
        capsys, "check", "--profile", str(profile), "--json", "--today", "2026-04-08"
    )
    assert code == 0
    results = {r["draw"]["id"]: r for r in json.loads(out)["results"]}
    french = results["2026-04-08-foreign_worker-french_speaking"]
    assert french["verdict"] == "unknown"
    other = {c["name"]: c for c in french["criteria"]}["other_conditions"]
    assert other["status"] == "unknown" and "French at least at CLB 5" in other["detail"]


def test_deadlines_json_of_the_invited_example_has_no_eoi_expiry(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "deadlines", "--example-foreign-worker", "--json", *TODAY)
    assert code == 0
    by_kind = {d["kind"]: d for d in json.loads(out)["deadlines"]}
    assert sorted(by_kind) == ["candidate_submission", "employer_submission", "permit_expiry"]
    assert by_kind["permit_expiry"]["where"] == "IRCC"


def test_export_into_a_missing_folder_exits_2_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "nope" / "x" / "y.ics"
    code, out, err = run(capsys, "export-ics", "--example-foreign-worker", "-o", str(target))
    assert code == 2 and out == ""
    assert f"the folder {target.parent} does not exist" in err
    assert "Create it first" in err
    assert not (tmp_path / "nope").exists()


def test_export_to_stdout_with_nothing_to_export_prints_no_calendar(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    profile = write(tmp_path, 'stream = "foreign_worker"\n')
    code, out, err = run(capsys, "export-ics", "--profile", str(profile), "-o", "-")
    assert code == 2 and out == "" and "nothing to export" in err


# --- streams and export --json --------------------------------------------------------------


def test_streams_says_which_are_open_on_the_day_and_what_replaced_the_rest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "streams", "--json", *TODAY)
    assert code == 0
    by_id = {s["id"]: s for s in json.loads(out)["streams"]}
    assert by_id["foreign_worker"]["state"] == "closed"
    assert by_id["foreign_worker"]["successor"] == "ontario_workforce_priority"
    owp = by_id["ontario_workforce_priority"]
    assert owp["state"] == "open" and owp["opened"] == "2026-06-25"
    assert owp["windows"][0]["employer_days"] == 14 and owp["windows"][0]["candidate_days"] == 17
    _, before, _ = run(capsys, "streams", "--json", "--today", "2026-06-24")
    states = {s["id"]: s["state"] for s in json.loads(before)["streams"]}
    assert states["ontario_workforce_priority"] == "not_yet_open"
    assert states["foreign_worker"] == "closed"


def test_streams_in_text_gives_state_and_windows_in_days(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out, _ = run(capsys, "streams", *TODAY)
    assert "● Ontario Workforce Priority (ontario_workforce_priority): OPEN" in out
    assert "✘ Foreign Worker (foreign_worker): CLOSED 2026-05-30" in out
    assert "from 2025-07-02: employer 14 days, you 17 days (confidence 2+)" in out


def test_export_json_reports_the_file_and_its_events(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(
        capsys, "export-ics", "--example-foreign-worker", "-o", str(tmp_path), "--json", *TODAY
    )
    assert code == 0
    data = json.loads(out)
    assert data["path"] == str((tmp_path / "oinp-deadlines.ics").resolve())
    assert (data["events"], data["hypothetical_left_out"]) == (3, 0)
    assert (tmp_path / "oinp-deadlines.ics").exists()


def test_export_json_to_standard_output_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "export-ics", "--example-foreign-worker", "-o", "-", "--json")
    assert code == 2 and out == "" and "--json reports the file written" in err


def test_check_counts_one_round_in_the_singular(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "check", "--example-foreign-worker", "--since", "2026-04-30", *TODAY)
    assert "\nIn scope in 1 of 1 round. Newest first:\n" in out


# --- draws show: which draw a few words name -----------------------------------------------


@pytest.mark.parametrize(
    "wanted",
    [
        "2026-04-30-foreign_worker-gta",
        "2026-04-30-foreign_worker-g",  # a unique start of the id
        "2026-04-30-FOREIGN",
        "2024-01-09 healthcare tech",  # date and round label
        "2024-01-09 healthcare_tech",  # date and round id
    ],
)
def test_draws_show_takes_an_id_its_unique_start_or_a_days_round(
    capsys: pytest.CaptureFixture[str], wanted: str
) -> None:
    code, out, _ = run(capsys, "draws", "show", wanted, "--json")
    assert code == 0
    assert json.loads(out)["id"] in (
        "2026-04-30-foreign_worker-gta",
        "2024-01-09-foreign_worker-healthcare_tech",
    )
    assert wanted.split()[0][:10] == json.loads(out)["date"]


def test_draws_show_lists_the_draws_an_ambiguous_name_matches(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "draws", "show", "2026-04-30 gta")
    assert code == 2 and out == ""
    assert err == (
        'oinp: "2026-04-30 gta" matches 2 draws: 2026-04-30-foreign_worker-gta, '
        "2026-04-30-international_student-gta. Give more of the id.\n"
    )


def test_draws_show_suggests_the_rounds_of_the_same_day_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "draws", "show", "2026-04-30-foreign_worker-gtx")
    assert code == 2
    assert "That day's rounds: 2026-04-30-foreign_worker-gta, 2026-04-30-international" in err
