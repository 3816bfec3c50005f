"""The CLI's shape: parser -> Options -> command -> JSON builder or view, one error mapping.

These pin the seams a new command plugs into (tests/test_cli_golden.py pins the bytes).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from oinp_assistant.calendar_export import ExportError
from oinp_assistant.catalog import Catalog
from oinp_assistant.cli import commands, json_contract
from oinp_assistant.cli.main import build_parser, main
from oinp_assistant.cli.options import Options
from oinp_assistant.deadlines import compute_deadlines
from oinp_assistant.eligibility import check_profile
from oinp_assistant.insights import chances
from oinp_assistant.problems import BadInput, OinpError, ProblemsError
from oinp_assistant.profile import load_checked_profile

TODAY = dt.date(2026, 11, 26)
# Arguments argparse keeps for itself: the chosen subcommand's name at each level.
PARSER_ONLY = {"help", "command_word", "draws_command", "noc_command", "profile_command"}


def _subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found += _subparsers(child)
    return found


def test_every_command_the_parser_offers_has_a_function_and_back() -> None:
    runs = {p.get_default("run") for p in _subparsers(build_parser())} - {None}
    assert runs == set(commands.COMMANDS)


def test_every_option_the_parser_declares_lands_in_the_typed_options() -> None:
    fields = {*Options._fields, "run", "today"}
    for parser in _subparsers(build_parser()):
        for action in parser._actions:
            assert action.dest in fields | PARSER_ONLY, f"{parser.prog}: {action.dest}"


def test_options_are_read_once_from_the_namespace() -> None:
    ns = build_parser().parse_args(
        [
            "check",
            "--example-foreign-worker",
            "--json",
            "--since",
            "2026-04-01",
            "--today",
            "2026-11-26",
        ]
    )
    opts = Options.from_namespace(ns)
    assert opts.command == "check" and opts.example and opts.json
    assert opts.since == dt.date(2026, 4, 1) and opts.today == TODAY
    assert not opts.all_streams and not opts.verbose
    assert Options.from_namespace(build_parser().parse_args([])).command is None


@pytest.mark.parametrize(
    "argv",
    [
        ["--example", "--example-foreign-worker", "profile", "path"],
        ["--profile", "me.toml", "--example", "profile", "path"],
        ["--example", "profile", "path", "--profile", "me.toml"],
        ["--profile", "me.toml", "--example-foreign-worker"],
    ],
)
def test_a_run_reads_one_profile_and_two_named_is_a_usage_error(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Which one was meant cannot be guessed: the app or the command would silently show
    another profile than the user thinks."""
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    err = capsys.readouterr().err
    assert "not allowed with argument" in err or "name two profiles: give one" in err


# Arguments as people write them, odd ones included: options before the command, an
# abbreviated option whose value is a command's name, `=` forms, a group's action after an
# option, a misspelt command and action, help.
ARGVS = [
    [],
    ["--example", "--today", "2026-11-26"],
    ["--bogus"],
    ["--profile"],
    ["check", "--json", "--example"],
    ["--today", "2026-11-26", "check", "--all-streams"],
    ["--profile", "check", "deadlines"],
    ["--prof", "check", "deadlines", "--json"],
    ["--profile=score", "score", "--set", "noc=31301"],
    ["--example", "--tod", "2026-01-02", "journey"],
    ["draws", "--example", "list", "--stream", "foreign_worker"],
    ["draws", "show", "2026-04-30 gta", "-v"],
    ["noc", "search", "mine", "electrician", "--limit", "3"],
    ["profile", "init", "--stream", "ontario_workforce_priority"],
    ["export-ics", "-o", "-"],
    ["chekc"],
    ["draws", "lst"],
    ["draws"],
    ["check", "--bogus"],
    # words argparse reads as a (misspelt) command although they start with "-": its error
    # must list every command, not only the one named after them
    ["-"],
    ["-1", "check"],
    ["-0.5", "draws", "list"],
    ["-x y", "check"],
    ["draws list"],
    ["--he"],
    ["check", "--hel"],
    ["draws", "--h", "list"],
    ["--bogus=a b", "score"],
    ["--profile=My Documents/profile.toml", "check", "--json"],
    ["--prof=My Documents/profile.toml", "check"],
]


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_parser_built_for_the_arguments_reads_them_as_the_whole_one_does(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Start-up builds only the command the arguments name; what they mean must not change."""

    def parse(parser: argparse.ArgumentParser) -> tuple[object, str]:
        try:
            return vars(parser.parse_args(argv)), ""
        except SystemExit as exc:
            return exc.code, capsys.readouterr().err

    assert parse(build_parser(argv)) == parse(build_parser())


def test_the_parser_built_for_one_command_holds_only_that_command() -> None:
    runs = {p.get_default("run") for p in _subparsers(build_parser(["draws", "list"]))}
    assert runs - {None} == {"draws list"}
    # The app (no command) needs no command's parser.
    assert len(_subparsers(build_parser(["--example"]))) == 1
    # A profile path with a space is an option's value, not a reason to build them all.
    assert len(_subparsers(build_parser(["--profile=My Documents/p.toml", "check"]))) == 2
    # Help lists every command, wherever it is asked for.
    assert len(_subparsers(build_parser(["--help", "check"]))) == len(_subparsers(build_parser()))


def test_json_is_one_shared_flag_on_every_command_with_a_json_answer() -> None:
    with_json = {
        p.get_default("run")
        for p in _subparsers(build_parser())
        if any(a.dest == "json" for a in p._actions)
    }
    assert with_json == {
        "check",
        "deadlines",
        "chances",
        "score",
        "requirements",
        "journey",
        "export-ics",
        "streams",
        "draws list",
        "draws show",
        "draws add",
        "draws remove",
        "draws import",
        "draws export",
        "noc search",
        "profile show",
    }


def _printed(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _as_json(value: object) -> object:
    # e.g. year keys become strings, as printed; a json_contract.Lazy list is built as printed
    return json.loads(json.dumps(value, default=list))


def test_json_output_is_exactly_the_builders_value(
    capsys: pytest.CaptureFixture[str], catalog: Catalog
) -> None:
    # The builders are the contract: what main prints is their value, nothing added or lost.
    path = Path(__file__).resolve().parent.parent / "data" / "example-foreign-worker.toml"
    profile = load_checked_profile(path, catalog)
    checked = check_profile(profile, catalog, TODAY)
    argv = ["--example-foreign-worker", "--json", "--today", TODAY.isoformat()]
    built = json_contract.check(catalog, path, TODAY, checked)
    assert _printed(capsys, "check", *argv) == _as_json(built)
    deadlines = compute_deadlines(profile, catalog, TODAY, checked)
    built = json_contract.deadlines(catalog, path, TODAY, deadlines)
    assert _printed(capsys, "deadlines", *argv) == _as_json(built)
    built = json_contract.chances(catalog, path, chances(profile, catalog, TODAY), TODAY)
    assert _printed(capsys, "chances", *argv) == _as_json(built)


def test_every_profile_report_opens_with_the_same_envelope(catalog: Catalog) -> None:
    path = Path("/p.toml")
    assert list(json_contract.envelope(catalog, path, TODAY)) == [
        "profile",
        "data_newest_draw",
        "data_checked_through",
        "staleness",
        "today",
    ]
    # Without a day to count to, the record's age is not given.
    assert list(json_contract.envelope(catalog)) == ["data_newest_draw", "data_checked_through"]


def test_user_errors_share_one_base_that_main_maps_to_exit_2() -> None:
    assert issubclass(ProblemsError, OinpError)
    assert issubclass(BadInput, OinpError)
    assert issubclass(ExportError, OinpError)


def test_a_failed_export_is_reported_by_the_one_error_mapping(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(opts: Options) -> commands.Output:
        raise ExportError("cannot write here: the disk is full.")

    monkeypatch.setitem(commands.COMMANDS, "export-ics", refuse)
    assert main(["export-ics", "--example-foreign-worker"]) == 2
    assert capsys.readouterr().err == "oinp: cannot write here: the disk is full.\n"


def test_the_program_leaves_its_objects_to_the_exit_but_a_caller_keeps_collecting() -> None:
    """Run as `oinp`, the command's objects are frozen for the exit (no last walk over them for
    cycles); called as a function, `main` leaves the caller's collector as it found it."""
    probe = (
        "import gc, sys\n"
        "from oinp_assistant.cli.main import main\n"
        "assert main(['streams', '--json']) == 0 and gc.get_freeze_count() == 0, 'caller'\n"
        "assert gc.isenabled(), 'caller'\n"
        "sys.argv = ['oinp', 'streams', '--json']\n"
        "main()\n"
        "print(gc.get_freeze_count() > 0, gc.isenabled(), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stderr.split() == ["True", "True"]


def test_a_rounds_json_is_every_field_of_the_round_as_pydantic_writes_it(
    catalog: Catalog,
) -> None:
    """The contract writes a round by hand (no serializer to build at start-up): a field added
    to Draw, or written differently, fails here until the contract says how to write it."""
    added = catalog.draws[0].model_copy(
        update={
            "origin": "/home/me/added.csv",
            "added": dt.date(2026, 11, 1),
            "noc_codes": None,
            "communities": None,
            "window_start": None,
        }
    )
    for d in [*catalog.draws, added]:
        assert json_contract.draw(d) == d.model_dump(mode="json"), d.id
