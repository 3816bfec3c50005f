"""`oinp`: the command line. A thin shell over the domain; `--json` output is a stable contract.

This module must not import Textual (start-up time): the TUI is imported only when it runs,
and icalendar only when exporting.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from oinp_assistant import locations
from oinp_assistant.catalog import Catalog, load_catalog
from oinp_assistant.cli import render
from oinp_assistant.clock import ontario_today
from oinp_assistant.draws import Draw
from oinp_assistant.problems import Problem, ProblemsError, did_you_mean
from oinp_assistant.profile import Profile, load_checked_profile
from oinp_assistant.urgency import days_left_text

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """A usage problem the user can fix; shown as one line on stderr, exit code 2."""


def _date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01'
        ) from None


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
    common.add_argument(
        "--profile",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"profile file (default: ${locations.PROFILE_ENV}, else "
        f"{locations.default_profile_path()})",
    )
    common.add_argument(
        "--example",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use the bundled example profile, read-only",
    )
    common.add_argument(
        "--today",
        type=_date_arg,
        metavar="YYYY-MM-DD",
        default=argparse.SUPPRESS,
        help="pretend today is this Ontario date (default: the clock)",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog="oinp",
        parents=[common],
        description="OINP Assistant: checks your profile against OINP draws, works out your "
        "deadlines and exports them to your calendar. Without a command it opens the app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, parents=[common], help=help_text, description=help_text, **kwargs
        )

    p = add("check", "say, draw by draw and criterion by criterion, whether you were in scope")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--all-streams", action="store_true", help="check every stream's draws")
    p.add_argument("--since", type=_date_arg, metavar="YYYY-MM-DD", help="only draws from then")
    p.add_argument("-v", "--verbose", action="store_true", help="show every criterion")
    p.set_defaults(func=cmd_check)

    p = add("deadlines", "your employer and candidate deadlines, EOI and permit expiry")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_deadlines)

    p = add("chances", "how often your stream and occupation were drawn, and the scores")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_chances)

    p = add("export-ics", "write your deadlines as an .ics calendar with reminders")
    p.add_argument(
        "-o",
        "--output",
        default="oinp-deadlines.ics",
        metavar="PATH",
        help="file to write, or - for standard output (default: %(default)s)",
    )
    p.set_defaults(func=cmd_export_ics)

    draws = add("draws", "the bundled draw history")
    dsub = draws.add_subparsers(dest="draws_command", metavar="ACTION", required=True)
    p = dsub.add_parser("list", parents=[common], help="list draws, newest first")
    p.add_argument("--stream", help="only this stream id")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_draws_list)
    p = dsub.add_parser("show", parents=[common], help="one draw with its sources")
    p.add_argument("id", help="draw id, as shown by `oinp draws list`")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_draws_show)

    noc = add("noc", "NOC 2021 occupations")
    nsub = noc.add_subparsers(dest="noc_command", metavar="ACTION", required=True)
    p = nsub.add_parser("search", parents=[common], help="find a NOC code by job title or code")
    p.add_argument("words", nargs="+", help='e.g. "welder" or "mine electrician" or 7220')
    p.add_argument("--limit", type=_positive, default=10, help="how many (default: %(default)s)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_noc_search)

    prof = add("profile", "create, check and show your profile")
    psub = prof.add_subparsers(dest="profile_command", metavar="ACTION", required=True)
    p = psub.add_parser("init", parents=[common], help="write a commented profile template")
    p.add_argument("--stream", default="ontario_workforce_priority", help="stream id to start with")
    p.set_defaults(func=cmd_profile_init)
    p = psub.add_parser("validate", parents=[common], help="list every problem in your profile")
    p.set_defaults(func=cmd_profile_validate)
    p = psub.add_parser(
        "show", parents=[common], help="show your profile as the assistant reads it"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_profile_show)
    p = psub.add_parser("path", parents=[common], help="print where your profile is read from")
    p.set_defaults(func=cmd_profile_path)
    p = psub.add_parser("schema", parents=[common], help="print the profile's JSON schema")
    p.set_defaults(func=cmd_profile_schema)
    return parser


# --- shared plumbing -----------------------------------------------------------------------


def _today(args: argparse.Namespace) -> dt.date:
    today: dt.date | None = getattr(args, "today", None)
    return today or ontario_today()


def _profile_path(args: argparse.Namespace) -> Path:
    if getattr(args, "example", False):
        return locations.example_profile_path()
    return locations.profile_path(getattr(args, "profile", None))


def _load(args: argparse.Namespace) -> tuple[Catalog, Path, Profile]:
    catalog = load_catalog()
    path = _profile_path(args)
    return catalog, path, load_checked_profile(path, catalog)


def _print_json(data: object) -> None:
    # Indented for a person at a terminal; compact for scripts (json's indenting encoder is
    # the slow pure-Python one, a measurable share of start-up).
    indent = 2 if sys.stdout.isatty() else None
    print(json.dumps(data, indent=indent, ensure_ascii=False))


def _freshness(catalog: Catalog) -> dict[str, str | None]:
    newest = catalog.newest_draw
    return {
        "data_newest_draw": newest.isoformat() if newest else None,
        "data_checked_through": catalog.meta.checked_through.isoformat(),
    }


def _draw_json(draw: Draw) -> dict[str, Any]:
    # The draw's own fields, dates as YYYY-MM-DD: the model is the contract's single source.
    return draw.model_dump(mode="json")


def _dash(value: object) -> str:
    return "—" if value is None else str(value)


# --- commands --------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from oinp_assistant.eligibility import check_profile

    catalog, path, profile = _load(args)
    today = _today(args)
    report = check_profile(profile, catalog, today, all_streams=args.all_streams, since=args.since)
    if args.json:
        _print_json(
            {
                "profile": str(path),
                **_freshness(catalog),
                "today": today.isoformat(),
                "stream_status": {
                    "stream": report.stream_status.stream_id,
                    "open": report.stream_status.is_open,
                    "message": report.stream_status.message,
                },
                "notes": report.notes,
                "results": [
                    {
                        "draw": _draw_json(r.draw),
                        "verdict": r.verdict,
                        "criteria": [
                            {"name": c.name, "status": c.status, "detail": c.detail}
                            for c in r.criteria
                        ],
                    }
                    for r in report.results
                ],
            }
        )
        return EXIT_OK
    print(f"Profile: {path}")
    print(render.wrap(report.stream_status.message))
    print(render.wrap(catalog.freshness()))
    for note in report.notes:
        print(render.wrap(note, first="Note: ", indent="      "))
    invited = sum(r.verdict == "in_scope" for r in report.results)
    unknown = sum(r.verdict == "unknown" for r in report.results)
    if report.results:
        print(
            f"\nIn scope in {invited} of {len(report.results)} rounds"
            + (
                f" ({unknown} unknown: your profile or the record lacks a detail)"
                if unknown
                else ""
            )
            + ". Newest first:\n"
        )
    for result in report.results:
        d = result.draw
        print(
            f"{d.date}  {catalog.stream_name(d.stream)}, {d.label} round  "
            f"invited {_dash(d.invitations)}, min score {_dash(d.min_score)}  "
            f"→ {render.VERDICT_TEXT[result.verdict]}"
        )
        for c in result.criteria:
            if args.verbose or c.status != "pass":
                mark = render.STATUS_MARK[c.status]
                print(render.wrap(c.detail, first=f"    {mark} {c.name}: ", indent="      "))
    return EXIT_OK


def cmd_deadlines(args: argparse.Namespace) -> int:
    from oinp_assistant.deadlines import compute_deadlines

    catalog, path, profile = _load(args)
    today = _today(args)
    report = compute_deadlines(profile, catalog, today)
    basis = report.basis
    if args.json:
        _print_json(
            {
                "profile": str(path),
                **_freshness(catalog),
                "today": today.isoformat(),
                "basis": None
                if basis is None
                else {
                    "invitation_date": basis.invitation_date.isoformat(),
                    "stream": basis.stream,
                    "hypothetical": basis.hypothetical,
                    "draw_id": basis.draw_id,
                },
                "deadlines": [
                    {
                        "kind": d.kind,
                        "date": d.date.isoformat(),
                        "days_left": d.days_left(today),
                        "title": d.title,
                        "where": d.where,
                        "action": d.action,
                        "note": d.note,
                    }
                    for d in report.deadlines
                ],
                "notes": report.notes,
            }
        )
        return EXIT_OK
    print(f"Profile: {path}   Today (Ontario): {render.weekday(today)}")
    print(render.wrap(catalog.freshness()))
    if basis is not None:
        kind = "HYPOTHETICAL, from the round" if basis.hypothetical else "from your invitation"
        print(
            render.wrap(
                f"Deadlines counted {kind} of {basis.invitation_date} "
                f"({catalog.stream_name(basis.stream)}), Ontario dates."
            )
        )
    for note in report.notes:
        print(render.wrap(note, first="Note: ", indent="      "))
    if report.deadlines:
        print()
        # One block per deadline: it reads at 80 columns, and the note stays by its date.
        for d in report.deadlines:
            print(f"{render.weekday(d.date)}  {days_left_text(d.days_left(today))}")
            print(render.wrap(d.title, indent="    "))
            print(render.wrap(f"where: {d.where}", indent="      ", first="    "))
            if d.note:
                print(render.wrap(d.note, indent="    "))
    return EXIT_OK


def cmd_chances(args: argparse.Namespace) -> int:
    from oinp_assistant.insights import chances, score_chart

    catalog, path, profile = _load(args)
    result = chances(profile, catalog, _today(args))
    if args.json:
        _print_json(
            {
                "profile": str(path),
                **_freshness(catalog),
                "stream": result.stream,
                "noc": result.noc,
                "score": result.score,
                "rounds": result.rounds,
                "rounds_open_to_noc": result.rounds_open_to_noc,
                "rounds_noc_unknown": result.rounds_noc_unknown,
                "rounds_by_year": dict(result.rounds_by_year),
                "min_scores": [
                    {
                        "date": p.date.isoformat(),
                        "draw_id": p.draw_id,
                        "min_score": p.min_score,
                        "open_to_noc": p.open_to_noc,
                    }
                    for p in result.points
                ],
                "summary": result.summary(),
            }
        )
        return EXIT_OK
    print(f"Profile: {path}")
    print(render.wrap(catalog.freshness()))
    print()
    for line in result.summary():
        print(render.wrap(line))
    chart = score_chart(result, width=min(render.width() - 8, 80))
    if chart:
        print(
            "\nMinimum score of each round, oldest left (● open to your occupation, "
            "○ not, ◌ list unknown; ─ your score):"
        )
        print("\n".join(chart))
    return EXIT_OK


def cmd_export_ics(args: argparse.Namespace) -> int:
    from oinp_assistant.calendar_export import ExportError, calendar_bytes, write_calendar
    from oinp_assistant.deadlines import compute_deadlines

    catalog, _path, profile = _load(args)
    report = compute_deadlines(profile, catalog, _today(args))
    now = dt.datetime.now(dt.UTC)
    try:
        if args.output != "-":
            written = write_calendar(profile, report, Path(args.output).expanduser(), now)
        else:
            data = calendar_bytes(profile, report, now)
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is not None:
                buffer.write(data)
            else:  # stdout replaced by a text stream (an embedding caller)
                sys.stdout.write(data.decode("utf-8"))
            return EXIT_OK
    except ExportError as exc:
        raise BadInput(str(exc)) from exc
    plural = "s" if written.events != 1 else ""
    print(
        f"Wrote {written.events} event{plural} to {written.path.resolve()}. Import it into "
        "your calendar app; importing it again updates the same events."
    )
    if written.hypothetical_left_out:
        print(
            "Hypothetical submission deadlines were left out: add your invitation to export them."
        )
    return EXIT_OK


def cmd_draws_list(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    if args.stream and args.stream not in catalog.streams:
        raise BadInput(
            f'unknown stream "{args.stream}".{did_you_mean(args.stream, catalog.streams)}'
            f" Known: {', '.join(sorted(catalog.streams))}."
        )
    draws = catalog.draws_for(args.stream)
    if args.json:
        _print_json({**_freshness(catalog), "draws": [_draw_json(d) for d in draws]})
        return EXIT_OK
    print(render.wrap(catalog.freshness()))
    if not draws:
        stream = catalog.streams[args.stream] if args.stream else None
        name = stream.name if stream else "any stream"
        print(
            f"No round of {name} is in the data (checked through "
            f"{catalog.meta.checked_through}); later rounds are not covered."
        )
        return EXIT_OK
    # The id already says date, stream and round, and `draws show` takes it.
    rows = [
        [
            d.id,
            _dash(d.invitations),
            _dash(d.min_score),
            "general" if d.is_general else "?" if d.noc_codes is None else str(len(d.noc_codes)),
            d.confidence,
        ]
        for d in draws
    ]
    print(render.table(["id (date-stream-round)", "invited", "min", "NOCs", "conf."], rows))
    print("`oinp draws show ID` gives a draw's occupations, notes and sources.")
    return EXIT_OK


def cmd_draws_show(args: argparse.Namespace) -> int:
    catalog = load_catalog()
    found = [d for d in catalog.draws if d.id == args.id]
    if not found:
        raise BadInput(
            f'no draw with id "{args.id}".'
            f"{did_you_mean(args.id, [d.id for d in catalog.draws])}"
            " `oinp draws list` shows the ids."
        )
    d = found[0]
    if args.json:
        _print_json(_draw_json(d))
        return EXIT_OK
    print(f"{d.date}  {catalog.stream_name(d.stream)}, {d.label} round ({d.id})")
    print(f"  invitations: {_dash(d.invitations)}   minimum score: {_dash(d.min_score)}")
    print(f"  profile window: {_dash(d.window_start)} to {_dash(d.window_end)} (both included)")
    print(f"  region: {_dash(d.region)}   residence required: {d.residence_required}")
    if d.communities:
        print(f"  communities: {', '.join(d.communities)}")
    if d.noc_codes is None:
        print("  occupations: targeted, list not found in the sources")
    elif d.is_general:
        print("  occupations: all (general round)")
    else:
        print(f"  occupations ({len(d.noc_codes)}):")
        for code in d.noc_codes:
            print(f"    {code}  {catalog.occupation_title(code) or '(not in NOC 2021)'}")
    print(render.wrap(d.notes, first="  notes: ", indent="    ") if d.notes else "  notes: —")
    if d.origin != "bundled":
        print(f"  added by you in: {d.origin}")
    print(
        f"  confidence: {d.confidence}  (2+: two or more sources agree; 1: one source; "
        "conflict: sources disagree, see notes)"
    )
    print("  sources:")
    for src in d.sources:
        print(f"    {src}")
    return EXIT_OK


def cmd_noc_search(args: argparse.Namespace) -> int:
    from oinp_assistant.occupations import ATTRIBUTION

    catalog = load_catalog()
    query = " ".join(args.words)
    matches = catalog.search_occupations(query, limit=args.limit)
    if args.json:
        _print_json(
            [
                {
                    "code": m.occupation.code,
                    "title": m.occupation.title,
                    "teer": m.occupation.teer,
                    "matched": m.matched,
                    "matched_kind": m.kind,
                }
                for m in matches
            ]
        )
        return EXIT_OK
    if not matches:
        print("No NOC 2021 unit group matches; try fewer or other words from your job title.")
        return EXIT_OK
    rows = [
        [
            m.occupation.code,
            str(m.occupation.teer),
            m.occupation.title,
            "" if m.matched == m.occupation.title else m.matched,
        ]
        for m in matches
    ]
    if any(m.kind == "noc2016" for m in matches):
        print(
            f"{query} is a NOC 2016 code; the OINP uses NOC 2021. It became the groups "
            f'matched by "NOC 2016 {query}":'
        )
    print(render.table(["code", "TEER", "title", "matched title"], rows))
    print(ATTRIBUTION)
    return EXIT_OK


def cmd_profile_init(args: argparse.Namespace) -> int:
    from oinp_assistant.profile_store import profile_template, write_new_profile

    catalog = load_catalog()
    if args.stream not in catalog.streams:
        raise BadInput(
            f'unknown stream "{args.stream}".{did_you_mean(args.stream, catalog.streams)}'
        )
    if getattr(args, "example", False):
        raise BadInput("--example is read-only; give --profile PATH for the new profile")
    path = _profile_path(args)
    write_new_profile(path, profile_template(args.stream))
    print(
        f"Wrote a profile template to {path} (readable by you only).\n"
        "Open it in your editor, fill in the fields, then run `oinp profile validate`."
    )
    return EXIT_OK


def cmd_profile_validate(args: argparse.Namespace) -> int:
    _, path, profile = _load(args)
    print(
        f"{path}: OK, no problems. Stream {profile.stream}"
        + (f", NOC {profile.noc}" if profile.noc else "")
        + (f", score {profile.eoi_score}" if profile.eoi_score is not None else "")
        + "."
    )
    return EXIT_OK


def cmd_profile_show(args: argparse.Namespace) -> int:
    catalog, path, profile = _load(args)
    if args.json:
        _print_json(
            {
                "path": str(path),
                "profile": profile.model_dump(mode="json"),
                "eoi_expires": profile.eoi_expires.isoformat() if profile.eoi_expires else None,
            }
        )
        return EXIT_OK
    from oinp_assistant.profile import REGION_NAMES

    print(f"Profile: {path}")
    print(f"  stream:         {catalog.stream_name(profile.stream)} ({profile.stream})")
    noc_title = catalog.occupation_title(profile.noc) if profile.noc else None
    print(f"  NOC:            {_dash(profile.noc)}" + (f" {noc_title}" if noc_title else ""))
    print(f"  EOI score:      {_dash(profile.eoi_score)}")
    print(
        f"  EOI registered: {_dash(profile.eoi_registered)}"
        + (f" (in the pool through {profile.eoi_expires})" if profile.eoi_expires else "")
    )
    region = REGION_NAMES.get(profile.job_region or "")
    print(
        f"  job region:     {_dash(region)}"
        + (f", {profile.job_community}" if profile.job_community else "")
    )
    if profile.permit:
        p = profile.permit
        where = {True: "in Canada", False: "outside Canada", None: "in Canada: not given"}
        print(
            f"  permit:         {p.type}"
            + (f", expires {p.expires}" if p.expires else "")
            + f", {where[p.in_canada]}"
        )
    else:
        print("  permit:         —")
    if profile.invitation:
        print(
            f"  invitation:     {profile.invitation.date} "
            f"({catalog.stream_name(profile.invitation_stream or profile.stream)})"
        )
    return EXIT_OK


def cmd_profile_path(args: argparse.Namespace) -> int:
    path = _profile_path(args)
    if getattr(args, "example", False):
        source = "--example"
    elif getattr(args, "profile", None):
        source = "--profile"
    elif locations.PROFILE_ENV in os.environ:
        source = f"${locations.PROFILE_ENV}"
    else:
        source = "default location"
    state = "exists" if path.exists() else "does not exist yet; `oinp profile init` creates it"
    print(f"{path}\n  ({source}; {state})")
    return EXIT_OK


def cmd_profile_schema(args: argparse.Namespace) -> int:
    # Always indented: it is meant to be saved as a file and read in an editor.
    print(json.dumps(Profile.model_json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_app(args: argparse.Namespace) -> int:
    from oinp_assistant.tui.app import run_app

    return run_app(
        _profile_path(args), getattr(args, "today", None), bool(getattr(args, "example", False))
    )


def _report(problems: Sequence[Problem]) -> None:
    print(
        f"oinp: {len(problems)} problem{'s' if len(problems) != 1 else ''} found:", file=sys.stderr
    )
    for problem in problems:
        print(f"  {problem}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_app)
    try:
        return func(args)
    except ProblemsError as exc:
        _report(exc.problems)
        return EXIT_BAD_INPUT
    except BadInput as exc:
        print(f"oinp: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # `oinp draws list | head`: the reader left; nothing is wrong.
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
