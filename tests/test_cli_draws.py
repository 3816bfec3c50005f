"""`oinp draws add / remove / import / export` and the record's age, as a person runs them.

A new user reads an announcement, types one command, and sees at once whether the round would
have invited them; a refused round (a duplicate, a broken value) exits 2 and leaves every file
of the user draws folder byte for byte as it was.
"""

from __future__ import annotations

import builtins
import datetime as dt
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from oinp_assistant.cli.main import main
from oinp_assistant.staleness import INVITATIONS_PAGE, updates_page

TODAY = "2026-12-03"
ROUND_ID = "2026-11-20-ontario_workforce_priority-health"
ADD_FLAGS = [
    "draws", "add", "--date", "2026-11-20", "--stream", "ontario_workforce_priority",
    "--label", "health", "--invitations", "500", "--min-score", "70",
    "--window", "2026-08-04:2026-11-15", "--noc", "31301", "--noc", "31102",
    "--residence", "in_canada_with_permit", "--today", TODAY,
]  # fmt: skip
NURSE = (
    'stream = "ontario_workforce_priority"\nnoc = "31301"\neoi_score = 74\n'
    'eoi_registered = 2026-09-01\n\n[permit]\ntype = "work"\nexpires = 2027-06-30\n'
    "in_canada = true\n"
)


@pytest.fixture
def folder(isolated_user_dirs: Path) -> Path:
    return isolated_user_dirs / "data" / "draws"


@pytest.fixture
def nurse(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(NURSE, encoding="utf-8")
    return path


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- adding by flags ---------------------------------------------------------------------------


def test_adding_by_flags_prints_the_round_and_whether_the_profile_was_in_scope(
    folder: Path, nurse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, *ADD_FLAGS, "--profile", str(nurse))
    assert (code, err) == (0, "")
    assert f"Added {ROUND_ID} to {folder / 'added.csv'}." in out
    assert "31301  Registered nurses and registered psychiatric nurses" in out
    assert "added by you on 2026-12-03" in out
    assert f"Your profile ({nurse}) in this round: IN SCOPE" in out


def test_then_check_json_finds_the_added_round_in_scope(
    folder: Path, nurse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    code, out, _ = run(capsys, "check", "--profile", str(nurse), "--json", "--today", TODAY)
    data = json.loads(out)
    [result] = data["results"]
    assert code == 0 and result["draw"]["id"] == ROUND_ID
    assert result["draw"]["added"] == TODAY and result["verdict"] == "in_scope"
    assert data["no_round_advice"] is None  # an OWP round is in the record now
    code, out, _ = run(capsys, "check", "--profile", str(nurse), "--today", TODAY)
    assert "→ IN SCOPE  (added by you on 2026-12-03)" in out


def test_add_json_is_the_stored_round_and_the_profiles_verdict(
    folder: Path, nurse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *ADD_FLAGS, "--json", "--profile", str(nurse))
    data = json.loads(out)
    assert code == 0
    assert data["draw"]["id"] == ROUND_ID and data["draw"]["noc_codes"] == ["31301", "31102"]
    assert data["stored_in"] == str(folder / "added.csv")
    assert data["profile_check"]["verdict"] == "in_scope"


def test_without_a_profile_the_add_says_check_now_checks_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, *ADD_FLAGS)
    assert code == 0 and "`oinp check` now checks it." in out


def test_a_duplicate_exits_2_names_the_round_and_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    before = snapshot(folder)
    code, out, err = run(capsys, *ADD_FLAGS)
    assert (code, out) == (2, "")
    assert f"this round is already in the record: {ROUND_ID}" in err
    assert f"oinp draws remove {ROUND_ID}" in err
    assert snapshot(folder) == before


def test_a_bundled_round_typed_again_is_a_duplicate(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["draws", "add", "--date", "2026-04-30", "--stream", "foreign_worker", "--label", "gta"]
    code, _, err = run(capsys, *argv, "--today", TODAY)
    assert code == 2 and "2026-04-30-foreign_worker-gta, in the bundled record" in err
    assert snapshot(folder) == {}


def test_a_broken_value_exits_2_with_every_problem_and_writes_nothing(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    before = snapshot(folder)
    argv = [*ADD_FLAGS]
    argv[argv.index("2026-11-20")] = "2026-11-21"  # another round, so not a duplicate
    argv[argv.index("70")] = "seventy"
    argv[argv.index("31102")] = "3110"
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert "2 problems found" in err
    assert '--min-score: "seventy" is not a whole number. Write the lowest score' in err
    assert '--noc: a NOC code has five digits (you wrote "3110")' in err
    assert snapshot(folder) == before


def test_with_no_flags_and_no_terminal_it_lists_the_required_flags(
    folder: Path, no_terminal: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "draws", "add")
    assert (code, out) == (2, "")
    assert "required: --date, --stream, --label" in err
    assert snapshot(folder) == {}


@dataclass
class Terminal:
    answers: list[str] = field(default_factory=list)
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Terminal:
    """A terminal that gives `answers` in turn and keeps the questions `asked`."""
    term = Terminal()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)

    def fake_input(prompt: str = "") -> str:
        term.asked.append(prompt)
        if not term.answers:
            raise EOFError
        return term.answers.pop(0)

    monkeypatch.setattr(builtins, "input", fake_input)
    return term


def test_alone_at_a_terminal_it_asks_each_field_with_its_values_and_defaults(
    folder: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    # date, stream, label, invitations, min score, window, NOCs, region, residence, source, note
    terminal.answers += [
        "2026-11-20", "ontario_workforce_priority", "health", "500", "70",
        "2026-08-04:2026-11-15", "31301 31102", "", "in_canada_with_permit", "", "",
    ]  # fmt: skip
    code, out, _ = run(capsys, "draws", "add", "--today", TODAY)
    assert code == 0, out
    assert "residence_required: one of" not in out  # choices are named by their flag
    assert "residence: one of in_canada_with_permit" in out
    assert f"Added {ROUND_ID}" in out
    assert terminal.asked[0] == "Day of the round (YYYY-MM-DD): "
    assert terminal.asked[8] == "Residence required by the notice [unknown]: "
    assert terminal.asked[9].endswith(f"[{INVITATIONS_PAGE}]: ")
    # The source left blank took its default, the official invitations page.
    assert INVITATIONS_PAGE in (folder / "added.csv").read_text(encoding="utf-8")


def test_leaving_the_questions_early_adds_nothing(
    folder: Path, terminal: Terminal, capsys: pytest.CaptureFixture[str]
) -> None:
    terminal.answers += ["2026-11-20"]
    code, _, err = run(capsys, "draws", "add", "--today", TODAY)
    assert code == 2 and "no round added" in err
    assert snapshot(folder) == {}


# --- remove, import, export --------------------------------------------------------------------


def test_remove_takes_out_an_added_round_but_never_a_bundled_one(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    code, out, _ = run(capsys, "draws", "remove", ROUND_ID)
    assert code == 0 and f"Removed {ROUND_ID}" in out and "added.csv.bak" in out
    code, out, _ = run(capsys, "draws", "list", "--json", "--today", TODAY)
    assert ROUND_ID not in out
    before = snapshot(folder)
    code, _, err = run(capsys, "draws", "remove", "2026-04-30-foreign_worker-gta")
    assert code == 2 and "only rounds you added can be removed" in err
    assert snapshot(folder) == before


def test_export_then_import_elsewhere_round_trips(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    shared = tmp_path / "shared.csv"
    code, out, _ = run(capsys, "draws", "export", "--user", "-o", str(shared))
    assert code == 0 and "Wrote 1 round (the rounds you added)" in out
    exported = run(capsys, "draws", "show", ROUND_ID, "--json")[1]
    # Another person: their folder has no round yet.
    assert run(capsys, "draws", "remove", ROUND_ID)[0] == 0
    code, out, _ = run(capsys, "draws", "import", str(shared), "--today", TODAY)
    assert code == 0 and f"Added 1 round from {shared}" in out
    assert json.loads(run(capsys, "draws", "show", ROUND_ID, "--json")[1]) == json.loads(exported)


def test_import_is_all_or_nothing(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    shared = tmp_path / "shared.csv"
    assert run(capsys, "draws", "export", "--user", "-o", str(shared))[0] == 0
    good = shared.read_text(encoding="utf-8").splitlines()[1]
    other = good.replace("2026-11-20", "2026-11-27")
    broken = other.replace("-11-27-", "-11-28-").replace("2026-11-27", "2026-11-28")
    broken = broken.replace(",70,", ",lots,")
    shared.write_text("\n".join([shared.read_text().splitlines()[0], other, broken]) + "\n")
    before = snapshot(folder)
    code, out, err = run(capsys, "draws", "import", str(shared), "--today", TODAY)
    assert (code, out) == (2, "")
    assert "line 3" in err
    assert snapshot(folder) == before  # the good line 2 was not added either


def test_export_to_standard_output_is_the_csv(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, *ADD_FLAGS)[0] == 0
    code, out, _ = run(capsys, "draws", "export", "--user")
    lines = out.splitlines()
    assert (
        code == 0 and lines[0].startswith("id,date,stream,round,") and lines[0].endswith(",added")
    )
    assert [line.split(",")[0] for line in lines[1:]] == [ROUND_ID]


# --- the record's age --------------------------------------------------------------------------

CHECKED = dt.date(2026, 10, 3)


@pytest.mark.parametrize(("days", "stale"), [(45, False), (46, True)])
def test_the_staleness_note_appears_after_45_days(
    days: int, stale: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    day = (CHECKED + dt.timedelta(days=days)).isoformat()
    out = run(capsys, "draws", "list", "--stream", "masters_graduate", "--today", day)[1]
    assert ("The draw record is 46 days old" in out) is stale
    assert ("Old record:" in out) is stale
    data = json.loads(run(capsys, "draws", "list", "--json", "--today", day)[1])
    assert data["staleness"]["days"] == days and data["staleness"]["stale"] is stale
    if stale:
        advice = data["staleness"]["advice"]
        assert INVITATIONS_PAGE in advice and updates_page(2026) in advice
        assert "`oinp draws add`" in advice
    else:
        assert data["staleness"]["advice"] is None


def test_every_profile_report_says_the_record_is_old(
    nurse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("deadlines", "chances", "score", "requirements", "journey"):
        out = run(capsys, command, "--profile", str(nurse), "--today", TODAY)[1]
        assert "The draw record is 61 days old" in out, command


def test_an_owp_check_ends_with_the_advice_while_no_owp_round_is_recorded(
    nurse: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "check", "--profile", str(nurse), "--today", TODAY)[1]
    last = out.strip().split("\n\n")[-1]
    assert last.startswith("Next: The draw record is 61 days old")
    assert "`oinp draws add`" in last
    assert out.count("days old") == 1  # said once, at the end
