"""`oinp`: the command line, in three layers (as khal's cli → controllers → formatters).

1. Here: the argparse parser, dispatch and the one error mapping. `build_parser` declares
   every command; `main` turns the Namespace into `options.Options` once, runs the command
   named by its `run` default from `commands.COMMANDS`, prints what it returns (`output.emit`), and
   maps every `OinpError` (bad profile, bad argument, failed export) to exit code 2 with the
   message on stderr; Ctrl-C exits 130.
2. `commands.py`: one function per command, `Options -> Output`: compute with the domain,
   then format with
3. `json_contract.py` (`--json`: pure builders, domain result -> dict, the stable contract)
   or `views.py` (text: lines for a person).

Adding a command `oinp foo`: its options are fields of `Options` (with the default they have
for other commands); its parser is one `add(sub, "foo", help, json=True)` below, whose `run`
is the key of its function `foo(opts) -> Output` in `commands.COMMANDS`; its JSON shape is a
builder `json_contract.foo(...)`, its text a view `views.foo(...) -> list[str]`; and its
output is pinned in tests/test_cli_golden.py.

Start-up: building the parser imports no pydantic, Textual or icalendar (`oinp --help` stays
fast), and only the named command's parser is built (`wanted_command`); the commands import
the domain when they run, icalendar only when used, and the validated data and profile come
from the cache (`cache.py`). Without a command, cli/launch.py (the console script) has already
started a child program computing the dashboard (`tui/preload.py`) before this module was
imported; then Textual is imported; this process imports the domain only in the app's loading
worker, after the first paint (`_app`): the commands module is not loaded.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from oinp_assistant import locations
from oinp_assistant.cli import dates, guard
from oinp_assistant.cli.launch import command_words
from oinp_assistant.cli.options import NEW_PROFILE_STREAM, Options
from oinp_assistant.wording import DEFAULT_HANDOFF_NAME as HANDOFF_NAME
from oinp_assistant.wording import DEFAULT_ICS_NAME

if TYPE_CHECKING:
    from oinp_assistant.tui.preload import Inputs, Preload

EXIT_OK = 0
EXIT_BAD_INPUT = 2

# The program uses no pydantic plugin, and pydantic's search for them reads the metadata of
# every installed distribution (importlib.metadata, email, zipfile...): a tenth of a command's
# start-up. Someone who sets the variable themselves keeps their choice.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")


_date_arg = dates.date_arg


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of 1 or more')
    return value


def _common() -> argparse.ArgumentParser:
    # SUPPRESS keeps a subcommand's absent option from overwriting one given before it.
    common = argparse.ArgumentParser(add_help=False)
    # One profile a run: a file, or one of the examples.
    which = common.add_mutually_exclusive_group()
    which.add_argument(
        "--profile",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"profile file (default: ${locations.PROFILE_ENV}, else "
        f"{locations.default_profile_path()})",
    )
    which.add_argument(
        "--example",
        dest="example_name",
        action="store_const",
        const="owp",
        default=argparse.SUPPRESS,
        help="use the bundled example profile (an Ontario Workforce Priority nurse), read-only",
    )
    which.add_argument(
        "--example-foreign-worker",
        dest="example_name",
        action="store_const",
        const="foreign_worker",
        default=argparse.SUPPRESS,
        help="use the bundled example of a closed stream (Foreign Worker, invited), read-only",
    )
    common.add_argument(
        "--today",
        type=_date_arg,
        metavar="YYYY-MM-DD",
        default=argparse.SUPPRESS,
        help="pretend today is this Ontario date (default: the clock)",
    )
    return common


def _json_flag() -> argparse.ArgumentParser:
    flag = argparse.ArgumentParser(add_help=False)
    flag.add_argument("--json", action="store_true", help="machine-readable output")
    return flag


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--all-streams", action="store_true", help="check every stream's draws")
    p.add_argument("--since", type=_date_arg, metavar="YYYY-MM-DD", help="only draws from then")
    p.add_argument("-v", "--verbose", action="store_true", help="show every criterion")


def _export_ics_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        default=DEFAULT_ICS_NAME,
        metavar="PATH",
        help="file to write, or - for standard output (default: %(default)s)",
    )


def _score_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--set",
        dest="changes",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="try a change without touching your file, e.g. --set language.english.writing=9 "
        "(repeatable)",
    )


def _handoff_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-o",
        "--output",
        default=HANDOFF_NAME,
        metavar="PATH",
        help="a .md or .html file, or - for Markdown on standard output (default: %(default)s)",
    )


def _draws_list_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stream", help="only this stream id")


def _draws_show_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "draw_id",
        metavar="id",
        help="draw id as `oinp draws list` shows it, a unique start of it, or a date and round "
        '("2026-04-30 gta")',
    )
    p.add_argument(
        "-v", "--verbose", action="store_true", help="also the research notes on the sources"
    )


def _draws_add_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", dest="round_date", metavar="YYYY-MM-DD", help="day of the round")
    p.add_argument("--stream", help="the stream's id, e.g. ontario_workforce_priority")
    p.add_argument("--label", help="the round's label: health, general, … (lower case, _)")
    p.add_argument("--invitations", metavar="N", help="invitations issued")
    p.add_argument("--min-score", metavar="N", help="lowest score invited")
    p.add_argument(
        "--window", metavar="START:END", help="profile window, e.g. 2026-08-04:2026-11-15"
    )
    p.add_argument(
        "--noc",
        dest="nocs",
        action="append",
        default=[],
        metavar="CODE",
        help="a targeted NOC 2021 code (repeatable; none: a general round)",
    )
    p.add_argument("--region", help="the region the round was limited to (default: all Ontario)")
    p.add_argument("--residence", help="residence the notice required (default: unknown)")
    p.add_argument(
        "--source",
        dest="sources",
        action="append",
        default=[],
        metavar="URL",
        help="web address of the notice (repeatable; default: the OINP invitations page)",
    )
    p.add_argument("--note", metavar="TEXT", help="your note on the round")


def _draws_remove_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("draw_id", metavar="id", help="the round's id, as `oinp draws list` shows it")


def _draws_import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", metavar="FILE.csv", help="a file written by `oinp draws export`")


def _draws_export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--user", dest="user_only", action="store_true", help="only the rounds you added"
    )
    p.add_argument(
        "-o",
        "--output",
        default="-",
        metavar="PATH",
        help="file to write, or - for standard output (default: %(default)s)",
    )


def _noc_search_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("words", nargs="+", help='e.g. "welder" or "mine electrician" or 7220')
    p.add_argument("--limit", type=_positive, default=10, help="how many (default: %(default)s)")


def _profile_init_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stream", default=NEW_PROFILE_STREAM, help="stream id to start with")


_Args = Callable[[argparse.ArgumentParser], None] | None

# The groups of commands with actions (`oinp draws list`): their help and the Options field
# that receives the action's word.
_GROUPS = {
    "draws": ("the draw history: the bundled record and rounds you add", "draws_command"),
    "noc": ("NOC 2021 occupations", "noc_command"),
    "profile": ("create, check and show your profile", "profile_command"),
}

# Every command, in the order `oinp --help` lists them: its words (the key of its function
# in `commands.COMMANDS`), its help, whether it answers `--json`, and its own arguments.
_COMMANDS: tuple[tuple[str, str, bool, _Args], ...] = (
    (
        "check",
        "say, draw by draw and criterion by criterion, whether you were in scope",
        True,
        _check_args,
    ),
    ("deadlines", "your employer and candidate deadlines, EOI and permit expiry", True, None),
    ("chances", "how often your stream and occupation were drawn, and the scores", True, None),
    (
        "export-ics",
        "write your deadlines as an .ics calendar with reminders",
        True,
        _export_ics_args,
    ),
    (
        "score",
        "your Ontario Workforce Priority points, factor by factor: when they rise, what helps",
        True,
        _score_args,
    ),
    (
        "requirements",
        "whether you meet your Ontario Workforce Priority pathway, requirement by requirement",
        True,
        None,
    ),
    ("journey", "the steps from job offer to permanent residence, with every date", True, None),
    (
        "handoff",
        "write a one-page sheet for your employer: their 14 days, what to file",
        False,
        _handoff_args,
    ),
    (
        "streams",
        "every OINP stream: open or closed on the day, its dates and deadline windows",
        True,
        None,
    ),
    ("draws list", "list draws, newest first", True, _draws_list_args),
    ("draws show", "one draw with its sources", True, _draws_show_args),
    ("draws add", "add a round from its announcement (asks when run alone)", True, _draws_add_args),
    ("draws remove", "remove a round you added (never a bundled one)", True, _draws_remove_args),
    (
        "draws import",
        "add every round of a draws CSV, or none if one is wrong",
        True,
        _draws_import_args,
    ),
    (
        "draws export",
        "write rounds to a CSV that `oinp draws import` reads",
        True,
        _draws_export_args,
    ),
    ("noc search", "find a NOC code by job title or code", True, _noc_search_args),
    ("profile init", "write a commented profile template", False, _profile_init_args),
    ("profile validate", "list every problem in your profile", False, None),
    ("profile show", "show your profile as the assistant reads it", True, None),
    ("profile path", "print where your profile is read from", False, None),
    ("profile schema", "print the profile's JSON schema", False, None),
)


def wanted_command(argv: Sequence[str]) -> str | None:
    """The command `argv` names ("check", "draws list"), "" when it names none (the app), or
    None when that cannot be told plainly (`launch.command_words`: help, anything unusual, or
    words that are no command): then the whole parser is built, and says so."""
    words = command_words(argv, _GROUPS)
    if words is None:
        return None
    # Compared word by word: one argument "draws list" is a misspelt command, not two words.
    named = not words or any(words == known.split(" ") for known, *_ in _COMMANDS)
    return " ".join(words) if named else None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """Every command and option; or, given the arguments, only the command they name.

    A command's `run` default names its function in `commands.COMMANDS`; each `dest` is a
    field of `options.Options`. With `argv`, the parser holds only the command `argv` names
    (when `wanted_command` can tell; none for the app): it parses those arguments exactly as
    the whole one does, without building twenty others at every start.
    """
    only = wanted_command(argv) if argv is not None else None
    common, json_flag = _common(), _json_flag()
    parser = argparse.ArgumentParser(
        prog="oinp",
        parents=[common],
        description="OINP Assistant: checks your profile against OINP draws, works out your "
        "deadlines and exports them to your calendar. Without a command it opens the app.",
    )
    sub = parser.add_subparsers(dest="command_word", metavar="COMMAND")
    groups: dict[str, argparse._SubParsersAction[Any]] = {}
    for run, help_text, has_json, arguments in _COMMANDS:
        if only is not None and run != only:
            continue
        group, _, name = run.rpartition(" ")
        where = sub
        if group:
            if group not in groups:
                group_help, dest = _GROUPS[group]
                g = sub.add_parser(group, parents=[common], help=group_help, description=group_help)
                groups[group] = g.add_subparsers(dest=dest, metavar="ACTION", required=True)
            where = groups[group]
        parents = [common, json_flag] if has_json else [common]
        p = where.add_parser(name, parents=parents, help=help_text, description=help_text)
        p.set_defaults(run=run)
        if arguments is not None:
            arguments(p)
    return parser


def parse(argv: Sequence[str]) -> Options:
    """The arguments as Options; a usage error exits 2 with argparse's usage and the reason."""
    parser = build_parser(argv)
    ns = parser.parse_args(argv)
    # The mutually exclusive group sees one parser's options; before and after the command
    # they are read by two (`oinp --example check --profile me.toml`).
    if "profile" in vars(ns) and "example_name" in vars(ns):
        parser.error("--profile and an example name two profiles: give one")
    return Options.from_namespace(ns)


@guard.guarded
def main(argv: Sequence[str] | None = None, *, preload: Preload | None = None) -> int:
    """Run `oinp` with `argv` (None: the program's own arguments); `preload` is the child the
    start-up started (cli/launch.py) to compute the app's dashboard, if it did."""
    args = sys.argv[1:] if argv is None else argv
    opts = parse(args)
    if opts.command is None:
        return _app(opts, preload)
    # Imported once the arguments are good: `oinp --help` and usage errors need no domain.
    from oinp_assistant.problems import OinpError

    # A command runs for a moment and frees nothing cyclic worth collecting, while the
    # collector's passes over every round loaded (100,000 if the user added them) would grow
    # with their number: it stays off while the command runs (and on again for a caller that
    # runs `main` in its own process, such as the tests).
    collecting = gc.isenabled()
    gc.disable()
    try:
        from oinp_assistant.cli import commands
        from oinp_assistant.cli.output import emit

        emit(commands.COMMANDS[opts.command](opts))
        return EXIT_OK
    except OinpError as exc:
        first, *rest = exc.lines()
        print(f"oinp: {first}", *rest, sep="\n", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `oinp draws list | head`: the reader left; nothing is wrong.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    finally:
        if argv is None:
            # The program's own command line: the process ends next, and the interpreter's
            # exit would walk every object still alive (the domain, pydantic's validators)
            # for cycles to free, a seventh of the command's time, only to exit. Frozen, they
            # are left to the exit itself; files and streams are closed as usual.
            gc.freeze()
        if collecting:
            gc.enable()


def app_inputs(argv: Sequence[str]) -> Inputs | None:
    """What the app opens for `argv`: its profile, day and read-only flag; None when `argv`
    names a command. Read by the preload's child (cli/launch.py), exactly as `main` reads
    them; a usage error ends it as it ends `main`."""
    opts = parse(argv)
    if opts.command is not None:
        return None
    return opts.profile_path, opts.today, opts.example


def _app(opts: Options, preload: Preload | None) -> int:
    """No command: the full-screen app. This process imports Textual first and nothing of the
    domain (pydantic, the data): the app paints its first screen, then loads those in a
    worker. `preload`, if the start-up started one (cli/launch.py), is computing the dashboard
    meanwhile, so that it shows without waiting for that load."""
    try:
        from oinp_assistant.tui.app import run_app

        return run_app(opts.profile_path, opts.today, opts.example, preload)
    except KeyboardInterrupt:
        return 130
