"""The commands: each reads its Options, asks the domain, and hands back what to show.

A command is `def name(opts: Options) -> Output`: parse is done (cli/main.py), so it computes
(calls the domain), formats (a builder of `json_contract` for `--json`, else a view of `views`)
and returns the result; `main` prints it. Commands never print and never catch errors: a
problem the user can fix is raised as an `OinpError` (`BadInput` for a wrong argument) and
`main` reports it once, the same way for every command.

`COMMANDS` maps the command's words, as `set_defaults(run=...)` names them in the parser, to
its function.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from oinp_assistant.catalog import Catalog, load_catalog
from oinp_assistant.cli import json_contract, views
from oinp_assistant.cli.options import NEW_PROFILE_STREAM, Options
from oinp_assistant.draws import Draw
from oinp_assistant.problems import BadInput, did_you_mean
from oinp_assistant.profile import Profile, load_checked_profile
from oinp_assistant.wording import DEFAULT_HANDOFF_NAME

if TYPE_CHECKING:
    from oinp_assistant.deadlines import DeadlineReport
    from oinp_assistant.draws_store import NewRound
    from oinp_assistant.eligibility import DrawResult


@dataclass(frozen=True)
class Text:
    """Lines for a person; each is printed as it is."""

    lines: Sequence[str]


@dataclass(frozen=True)
class Json:
    """The `--json` contract's value; printed compact for scripts, indented at a terminal."""

    data: object


@dataclass(frozen=True)
class Raw:
    """Bytes for standard output as they are (an .ics calendar)."""

    data: bytes


Output = Text | Json | Raw


def _load(opts: Options) -> tuple[Catalog, Path, Profile]:
    catalog = load_catalog()
    path = opts.profile_path
    return catalog, path, load_checked_profile(path, catalog)


def _stale(catalog: Catalog, today: dt.date) -> str | None:
    """The staleness note every text report prints after its freshness line; None if fresh."""
    from oinp_assistant.staleness import staleness

    return staleness(catalog, today).note()


def _known_stream(catalog: Catalog, stream: str, *, list_known: bool) -> None:
    if stream not in catalog.streams:
        known = f" Known: {', '.join(sorted(catalog.streams))}." if list_known else ""
        raise BadInput(f'unknown stream "{stream}".{did_you_mean(stream, catalog.streams)}{known}')


# --- reports about the profile -----------------------------------------------------------


def check(opts: Options) -> Output:
    from oinp_assistant.eligibility import check_profile
    from oinp_assistant.staleness import no_round_advice

    catalog, path, profile = _load(opts)
    today = opts.today
    report = check_profile(profile, catalog, today, all_streams=opts.all_streams, since=opts.since)
    advice = no_round_advice(catalog, profile.stream, today)
    if opts.json:
        return Json(json_contract.check(catalog, path, today, report, advice))
    return Text(views.check(catalog, path, report, opts.verbose, _stale(catalog, today), advice))


def deadlines(opts: Options) -> Output:
    from oinp_assistant.deadlines import compute_deadlines
    from oinp_assistant.eligibility import check_profile

    catalog, path, profile = _load(opts)
    today = opts.today
    checked = check_profile(profile, catalog, today)
    report = compute_deadlines(profile, catalog, today, checked)
    if opts.json:
        return Json(json_contract.deadlines(catalog, path, today, report))
    return Text(views.deadlines(catalog, path, today, report, _stale(catalog, today)))


def chances(opts: Options) -> Output:
    from oinp_assistant.insights import chances as history
    from oinp_assistant.precedent import precedent

    catalog, path, profile = _load(opts)
    result = history(profile, catalog, opts.today)
    # A stream with no round yet (OWP): the closed streams' record, told as a precedent only.
    before = precedent(catalog, profile.noc, profile.stream, opts.today) if profile.noc else None
    if opts.json:
        return Json(json_contract.chances(catalog, path, result, opts.today, before))
    stale = _stale(catalog, opts.today)
    return Text([*views.chances(catalog, path, result, stale), *views.precedent(before)])


def export_ics(opts: Options) -> Output:
    from oinp_assistant.calendar_export import calendar_bytes, write_calendar
    from oinp_assistant.deadlines import compute_deadlines
    from oinp_assistant.eligibility import check_profile

    if opts.json and opts.output == "-":
        raise BadInput(
            "--json reports the file written; with -o - the calendar itself goes to standard "
            "output. Give -o PATH, or leave out --json."
        )
    catalog, path, profile = _load(opts)
    today = opts.today
    report = compute_deadlines(profile, catalog, today, check_profile(profile, catalog, today))
    now = dt.datetime.now(dt.UTC)
    # The first export writes a calendar_key into the profile; never into the bundled example.
    writable = None if opts.example else path
    if opts.output == "-":
        return Raw(calendar_bytes(profile, report, now, writable))
    written = write_calendar(profile, report, Path(opts.output).expanduser(), now, writable)
    if opts.json:
        return Json(json_contract.export_written(catalog, path, today, written))
    return Text(views.export_written(written))


# --- Ontario Workforce Priority: score, requirements, journey, employer sheet ----------------


def score(opts: Options) -> Output:
    from oinp_assistant.scoring import estimate_profile
    from oinp_assistant.what_if import apply_changes

    catalog, path, profile = _load(opts)
    if opts.changes:
        profile = apply_changes(profile, opts.changes)
    result = estimate_profile(profile, catalog, opts.today)
    if opts.json:
        return Json(json_contract.score(catalog, path, result, opts.changes, opts.today))
    return Text(views.score(path, result, opts.changes, _stale(catalog, opts.today)))


def requirements(opts: Options) -> Output:
    from oinp_assistant.scoring import requirements_profile

    catalog, path, profile = _load(opts)
    report = requirements_profile(profile, catalog, opts.today)
    if opts.json:
        return Json(json_contract.requirements(catalog, path, report))
    return Text(views.requirements(catalog, path, profile, report, _stale(catalog, opts.today)))


def _deadlines(catalog: Catalog, profile: Profile, today: dt.date) -> DeadlineReport:
    from oinp_assistant.deadlines import compute_deadlines
    from oinp_assistant.eligibility import check_profile

    return compute_deadlines(profile, catalog, today, check_profile(profile, catalog, today))


def journey(opts: Options) -> Output:
    from oinp_assistant.journey import journey_for

    catalog, path, profile = _load(opts)
    today = opts.today
    steps = journey_for(profile, catalog, today, _deadlines(catalog, profile, today))
    if opts.json:
        return Json(json_contract.journey(catalog, path, today, steps))
    return Text(views.journey(path, today, steps, _stale(catalog, today)))


def handoff(opts: Options) -> Output:
    from oinp_assistant.handoff import handoff_format, handoff_lines, render_handoff
    from oinp_assistant.outputs import output_path, write_output

    catalog, _path, profile = _load(opts)
    lines = handoff_lines(profile, catalog, _deadlines(catalog, profile, opts.today))
    if opts.output == "-":
        return Text([render_handoff(lines, "markdown").rstrip("\n")])
    target = output_path(Path(opts.output).expanduser(), DEFAULT_HANDOFF_NAME)
    write_output(target, render_handoff(lines, handoff_format(target)))
    return Text(views.handoff_written(target))


# --- the bundled data ----------------------------------------------------------------------


def draws_list(opts: Options) -> Output:
    catalog = load_catalog()
    if opts.stream:
        _known_stream(catalog, opts.stream, list_known=True)
    draws = catalog.draws_for(opts.stream)
    if opts.json:
        return Json(json_contract.draws_list(catalog, draws, opts.today))
    return Text(views.draws_list(catalog, opts.stream, draws, _stale(catalog, opts.today)))


def _norm(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def find_draw(catalog: Catalog, wanted: str) -> Draw:
    """The draw `wanted` names: its id, a unique start of the id, or its round ("gta",
    "healthcare tech"), after its date to pick one day's ("2026-04-30 gta").

    Raises BadInput naming the candidates when several match, and suggesting that day's
    rounds first when none does.
    """
    text = wanted.strip()
    exact = [d for d in catalog.draws if d.id == text]
    if exact:
        return exact[0]
    try:
        day: dt.date | None = dt.date.fromisoformat(text[:10])
    except ValueError:
        day = None
    round_text = _norm(text[10:] if day else text)
    by_prefix = [d for d in catalog.draws if d.id.lower().startswith(text.lower())]
    by_round = [
        d
        for d in catalog.draws
        if round_text
        and round_text in (_norm(d.round), _norm(d.label))
        and (day is None or d.date == day)
    ]
    for found in (by_prefix, by_round):
        if len(found) == 1:
            return found[0]
        if found:
            shown = ", ".join(d.id for d in found[:8]) + (", …" if len(found) > 8 else "")
            raise BadInput(f'"{text}" matches {len(found)} draws: {shown}. Give more of the id.')
    same_day = [d.id for d in catalog.draws if d.date == day]
    hint = (
        f" That day's rounds: {', '.join(same_day)}."
        if same_day
        else did_you_mean(text, [d.id for d in catalog.draws])
    )
    raise BadInput(f'no draw with id "{text}".{hint} `oinp draws list` shows the ids.')


def draws_show(opts: Options) -> Output:
    catalog = load_catalog()
    draw = find_draw(catalog, opts.draw_id)
    if opts.json:
        from oinp_assistant.draws import round_note

        conditions = [c.text for c in catalog.conditions_for(draw)]
        note = round_note(draw, catalog.stream_name(draw.stream), conditions)
        return Json(json_contract.draws_show(draw, note))
    return Text(views.draws_show(catalog, draw, opts.verbose))


def _typed_round(opts: Options) -> NewRound | None:
    """The round as given by flags; None when no flag of the round was given at all."""
    from oinp_assistant.draws_store import NewRound

    values = (
        opts.round_date, opts.stream, opts.label, opts.invitations, opts.min_score, opts.window,
        opts.nocs, opts.region, opts.residence, opts.sources, opts.note,
    )  # fmt: skip
    if not any(values):
        return None
    return NewRound(
        date=opts.round_date or "",
        stream=opts.stream or "",
        label=opts.label or "",
        invitations=opts.invitations,
        min_score=opts.min_score,
        window=opts.window,
        nocs=opts.nocs,
        region=opts.region,
        residence=opts.residence,
        sources=opts.sources,
        note=opts.note or "",
    )


def _ask_round(catalog: Catalog, today: dt.date) -> NewRound:
    """`oinp draws add` alone at a terminal: one question per field, with its values.

    Asking is the one place a command talks to the terminal itself: the answers are the input.
    A blank answer takes the default shown in [brackets], or leaves the field out.
    """
    import sys

    from oinp_assistant.draws_store import NewRound, asked_fields

    answers: dict[str, str] = {}
    print("Add a round from its announcement. A blank answer takes the [default] or leaves it out.")
    for f in asked_fields(catalog, today):
        if f.choices:
            print(f"  {f.flag[2:]}: one of {', '.join(f.choices)}")
        several = ", separated by spaces" if f.repeated else ""
        default = f" [{f.default}]" if f.default else ""
        try:
            answer = input(f"{f.question}{several}{default}: ").strip()
        except EOFError:
            print(file=sys.stderr)
            raise BadInput("no round added: the questions were left before the end.") from None
        answers[f.name] = answer or f.default or ""
    return NewRound(
        date=answers["date"],
        stream=answers["stream"],
        label=answers["label"],
        invitations=answers["invitations"] or None,
        min_score=answers["min_score"] or None,
        window=answers["window"] or None,
        nocs=tuple(answers["nocs"].split()),
        region=answers["region"] or None,
        residence=answers["residence"] or None,
        sources=tuple(answers["sources"].split()),
        note=answers["note"],
    )


def _required_flags() -> str:
    return (
        "give the round as flags, e.g. `oinp draws add --date 2026-11-20 --stream "
        "ontario_workforce_priority --label health --invitations 500 --min-score 70 --window "
        "2026-08-04:2026-11-15 --noc 31301 --noc 31102` (required: --date, --stream, --label), "
        "or run `oinp draws add` alone in a terminal to be asked for each field."
    )


def draws_add(opts: Options) -> Output:
    import sys

    from oinp_assistant.draws_store import add_round

    catalog = load_catalog()
    today = opts.today
    new = _typed_round(opts)
    if new is None:
        if not sys.stdin.isatty():
            raise BadInput(f"no round given: {_required_flags()}")
        new = _ask_round(catalog, today)
    stored = add_round(new, catalog, today)
    # The round as the record now holds it, and at once whether it would have invited you.
    catalog = load_catalog()
    check = _profile_check(opts, catalog, stored)
    if opts.json:
        return Json(json_contract.draws_added(stored, *check))
    return Text(views.draws_added(catalog, stored, *check))


def _profile_check(
    opts: Options, catalog: Catalog, draw: Draw
) -> tuple[Path, DrawResult] | tuple[None, None]:
    """The current profile against the new round alone; Nones without a readable profile."""
    from oinp_assistant.eligibility import check_draw
    from oinp_assistant.problems import OinpError

    path = opts.profile_path
    if not path.exists():
        return None, None
    try:
        profile = load_checked_profile(path, catalog)
    except OinpError:
        # The round is stored whatever the profile says; `oinp check` will name the problem.
        return None, None
    same_day = [d for d in catalog.draws if d.date == draw.date]
    return path, check_draw(profile, draw, catalog, same_day)


def draws_remove(opts: Options) -> Output:
    from oinp_assistant.draws_store import remove_round

    removed = remove_round(opts.draw_id.strip(), load_catalog())
    if opts.json:
        return Json(json_contract.draws_removed(removed))
    return Text(views.draws_removed(removed))


def draws_import(opts: Options) -> Output:
    from oinp_assistant.draws_store import import_rounds

    added = import_rounds(Path(opts.file).expanduser(), load_catalog(), opts.today)
    if opts.json:
        return Json(json_contract.draws_imported(added))
    return Text(views.draws_imported(Path(opts.file), added))


def draws_export(opts: Options) -> Output:
    from oinp_assistant.draws_store import export_rounds, render_csv, user_rounds

    catalog = load_catalog()
    if opts.output == "-":
        if opts.json:
            raise BadInput("--json reports the file written: give -o PATH, or leave out --json.")
        chosen = user_rounds(catalog) if opts.user_only else catalog.draws
        return Text([render_csv(sorted(chosen, key=lambda d: (d.date, d.id))).rstrip("\n")])
    target = Path(opts.output).expanduser()
    written = export_rounds(catalog, target, everything=not opts.user_only)
    if opts.json:
        return Json(json_contract.draws_exported(target, written))
    return Text(views.draws_exported(target, written, opts.user_only))


def streams(opts: Options) -> Output:
    catalog = load_catalog()
    today = opts.today
    listed = list(catalog.streams.values())
    if opts.json:
        return Json(json_contract.streams(catalog, today, listed))
    return Text(views.streams(catalog, today, listed))


def noc_search(opts: Options) -> Output:
    catalog = load_catalog()
    query = " ".join(opts.words)
    matches = catalog.search_occupations(query, limit=opts.limit)
    if opts.json:
        return Json(json_contract.noc_search(matches))
    return Text(views.noc_search(query, matches))


# --- the profile file ----------------------------------------------------------------------


def profile_init(opts: Options) -> Output:
    from oinp_assistant.profile_store import profile_template, write_new_profile

    stream = opts.stream or NEW_PROFILE_STREAM
    _known_stream(load_catalog(), stream, list_known=False)
    if opts.example:
        raise BadInput("--example is read-only; give --profile PATH for the new profile")
    path = opts.profile_path
    write_new_profile(path, profile_template(stream))
    return Text(views.profile_init(path))


def profile_validate(opts: Options) -> Output:
    _, path, profile = _load(opts)
    return Text(views.profile_validate(path, profile))


def profile_show(opts: Options) -> Output:
    from oinp_assistant.deadlines import eoi_pool

    catalog, path, profile = _load(opts)
    if opts.json:
        pool = eoi_pool(profile, catalog, opts.today)
        return Json(json_contract.profile_show(path, profile, pool))
    return Text(views.profile_show(catalog, path, profile, opts.today))


def profile_path(opts: Options) -> Output:
    return Text(views.profile_path(opts.profile_path, opts.profile_source))


def profile_schema(opts: Options) -> Output:
    # Always indented: it is meant to be saved as a file and read in an editor.
    return Text([json.dumps(Profile.model_json_schema(), indent=2, ensure_ascii=False)])


COMMANDS: dict[str, Callable[[Options], Output]] = {
    "check": check,
    "deadlines": deadlines,
    "chances": chances,
    "export-ics": export_ics,
    "score": score,
    "requirements": requirements,
    "journey": journey,
    "handoff": handoff,
    "streams": streams,
    "draws list": draws_list,
    "draws show": draws_show,
    "draws add": draws_add,
    "draws remove": draws_remove,
    "draws import": draws_import,
    "draws export": draws_export,
    "noc search": noc_search,
    "profile init": profile_init,
    "profile validate": profile_validate,
    "profile show": profile_show,
    "profile path": profile_path,
    "profile schema": profile_schema,
}
