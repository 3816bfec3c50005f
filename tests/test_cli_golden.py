"""Every command's output, JSON and text, pinned byte for byte against a recorded run.

The recording (tests/fixtures/cli_golden.json) was taken before the CLI was split into
options, controllers, JSON builders and views, so a refactor that changes one byte of what a
script or a person sees fails here. Paths that depend on the machine are replaced by
placeholders. After a deliberate change of output, re-record with
`OINP_GOLDEN_UPDATE=1 pytest tests/test_cli_golden.py` and review the diff of the fixture.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from pathlib import Path

import pytest

from oinp_assistant import locations
from oinp_assistant.cli import options
from oinp_assistant.cli.main import main

GOLDEN = Path(__file__).parent / "fixtures" / "cli_golden.json"
TODAY = ["--today", "2026-11-26"]
LONG = 8000  # longer outputs are recorded as their start and a hash, to keep the file small

PROFILES = {
    "owp": 'stream = "ontario_workforce_priority"\nnoc = "21231"\neoi_score = 80\n',
    # Uninvited, in scope of the 2026-04-30 GTA round: hypothetical deadlines and EOI expiry.
    "fw_uninvited": (
        'stream = "foreign_worker"\nnoc = "21231"\neoi_score = 57\n'
        'eoi_registered = 2026-03-12\njob_region = "gta"\n'
        '[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n'
    ),
    "bare": 'stream = "foreign_worker"\n',
}

CASES: dict[str, list[str]] = {
    "check_json": ["check", "--example-foreign-worker", "--json", *TODAY],
    "check_text": ["check", "--example-foreign-worker", *TODAY],
    "check_verbose": ["check", "--example-foreign-worker", "-v", *TODAY],
    "check_all_since_json": [
        "check", "--example-foreign-worker", "--json", "--all-streams",
        "--since", "2026-04-01", *TODAY,
    ],
    "check_all_since_text": [
        "check", "--example-foreign-worker", "--all-streams", "--since", "2026-04-01", *TODAY
    ],
    "check_owp_json": ["check", "--profile", "{owp}", "--json", *TODAY],
    "check_owp_text": ["check", "--profile", "{owp}", *TODAY],
    "check_uninvited_text": ["check", "--profile", "{fw_uninvited}", "--today", "2026-05-01"],
    "deadlines_json": ["deadlines", "--example-foreign-worker", "--json", *TODAY],
    "deadlines_text": ["deadlines", "--example-foreign-worker", *TODAY],
    "deadlines_uninvited_json": [
        "deadlines", "--profile", "{fw_uninvited}", "--json", "--today", "2026-05-01"
    ],
    "deadlines_uninvited_text": [
        "deadlines", "--profile", "{fw_uninvited}", "--today", "2026-05-01"
    ],
    "deadlines_bare_text": ["deadlines", "--profile", "{bare}", *TODAY],
    "deadlines_owp_json": ["deadlines", "--profile", "{owp}", "--json", *TODAY],
    "chances_json": ["chances", "--example-foreign-worker", "--json", *TODAY],
    "chances_text": ["chances", "--example-foreign-worker", *TODAY],
    "chances_owp_json": ["chances", "--profile", "{owp}", "--json", *TODAY],
    "chances_owp_text": ["chances", "--profile", "{owp}", *TODAY],
    "streams_json": ["streams", "--json", *TODAY],
    "streams_text": ["streams", *TODAY],
    "export_file_uninvited_json": [
        "export-ics", "--profile", "{fw_uninvited}", "-o", "{tmp}", "--json",
        "--today", "2026-05-01",
    ],
    "export_stdout_json": ["export-ics", "--example-foreign-worker", "-o", "-", "--json"],
    "draws_list_json": ["draws", "list", "--json"],
    "draws_list_text": ["draws", "list"],
    "draws_list_stream_text": ["draws", "list", "--stream", "masters_graduate"],
    "draws_list_empty_text": ["draws", "list", "--stream", "ontario_workforce_priority"],
    "draws_list_bad_stream": ["draws", "list", "--stream", "foreign_workr"],
    "draws_show_json": ["draws", "show", "2026-04-30-foreign_worker-gta", "--json"],
    "draws_show_text": ["draws", "show", "2026-04-30-foreign_worker-gta"],
    "draws_show_bad": ["draws", "show", "2026-04-30-foreign_worker-gtx"],
    "draws_show_typo": ["draws", "show", "2026-04-30-foreign_workr-gta"],
    "noc_search_json": ["noc", "search", "software", "engineer", "--json"],
    "noc_search_text": ["noc", "search", "welder", "--limit", "3"],
    "noc_search_none": ["noc", "search", "zzzzqqqq"],
    "profile_show_json": ["profile", "show", "--example-foreign-worker", "--json"],
    "profile_show_text": ["profile", "show", "--example-foreign-worker"],
    "profile_validate": ["profile", "validate", "--example-foreign-worker"],
    "profile_path": ["profile", "path", "--example-foreign-worker"],
    "export_stdout_bare": ["export-ics", "--profile", "{bare}", "-o", "-", *TODAY],
    "export_file_uninvited": [
        "export-ics", "--profile", "{fw_uninvited}", "-o", "{tmp}/cal.ics", "--today", "2026-05-01"
    ],
}  # fmt: skip


def _run(case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    paths = {}
    for name, text in PROFILES.items():
        paths[name] = tmp_path / f"{name}.toml"
        paths[name].write_text(text, encoding="utf-8")
    argv = [a.format(tmp=tmp_path, **paths) for a in CASES[case]]
    code = main(argv)
    out, err = capsys.readouterr()
    for real, placeholder in (
        (str(tmp_path.resolve()), "<TMP>"),
        (str(tmp_path), "<TMP>"),
        (str(locations.example_profile_path("foreign_worker")), "<EXAMPLE>"),
    ):
        out, err = out.replace(real, placeholder), err.replace(real, placeholder)
    recorded: dict[str, object] = {"argv": CASES[case], "code": code, "err": err}
    if len(out) <= LONG:
        recorded["out"] = out
    else:  # the whole history: its hash pins it, its start shows what it was
        recorded["out_head"] = out[:2000]
        recorded["out_sha256"] = hashlib.sha256(out.encode("utf-8")).hexdigest()
    return recorded


@pytest.fixture
def fixed_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    # Text wraps at the terminal's width: pin it so the recording means the same everywhere.
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "40")
    # Commands without --today count the record's age to the clock's day: pin it too.
    monkeypatch.setattr(options, "ontario_today", lambda: dt.date(2026, 11, 26))


@pytest.mark.parametrize("case", sorted(CASES))
def test_output_is_byte_identical_to_the_recording(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], fixed_terminal: None
) -> None:
    got = _run(case, tmp_path, capsys)
    if os.environ.get("OINP_GOLDEN_UPDATE"):
        recorded = json.loads(GOLDEN.read_text(encoding="utf-8")) if GOLDEN.exists() else {}
        recorded[case] = got
        GOLDEN.write_text(
            json.dumps(recorded, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        return
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert got == recorded[case]
