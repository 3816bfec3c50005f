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


def _known_stream(catalog: Catalog, stream: str, *, list_known: bool) -> None:
    if stream not in catalog.streams:
        known = f" Known: {', '.join(sorted(catalog.streams))}." if list_known else ""
        raise BadInput(f'unknown stream "{stream}".{did_you_mean(stream, catalog.streams)}{known}')


# --- reports about the profile -----------------------------------------------------------


def check(opts: Options) -> Output:
    from oinp_assistant.eligibility import check_profile

    catalog, path, profile = _load(opts)
    today = opts.today
    report = check_profile(profile, catalog, today, all_streams=opts.all_streams, since=opts.since)
    if opts.json:
        return Json(json_contract.check(catalog, path, today, report))
    return Text(views.check(catalog, path, report, opts.verbose))


def deadlines(opts: Options) -> Output:
    from oinp_assistant.deadlines import compute_deadlines
    from oinp_assistant.eligibility import check_profile

    catalog, path, profile = _load(opts)
    today = opts.today
    checked = check_profile(profile, catalog, today)
    report = compute_deadlines(profile, catalog, today, checked)
    if opts.json:
        return Json(json_contract.deadlines(catalog, path, today, report))
    return Text(views.deadlines(catalog, path, today, report))


def chances(opts: Options) -> Output:
    from oinp_assistant.insights import chances as history

    catalog, path, profile = _load(opts)
    result = history(profile, catalog, opts.today)
    if opts.json:
        return Json(json_contract.chances(catalog, path, result))
    return Text(views.chances(catalog, path, result))


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
        return Json(json_contract.score(catalog, path, result, opts.changes))
    return Text(views.score(path, result, opts.changes))


def requirements(opts: Options) -> Output:
    from oinp_assistant.scoring import requirements_profile

    catalog, path, profile = _load(opts)
    report = requirements_profile(profile, catalog, opts.today)
    if opts.json:
        return Json(json_contract.requirements(catalog, path, report))
    return Text(views.requirements(catalog, path, profile, report))


def _deadlines(catalog: Catalog, profile: Profile, today: dt.date) -> DeadlineReport:
    from oinp_assistant.deadlines import compute_deadlines
    from oinp_assistant.eligibility import check_profile

    return compute_deadlines(profile, catalog, today, check_profile(profile, catalog, today))


def journey(opts: Options) -> Output:
    from oinp_assistant.journey import journey as steps_of

    catalog, path, profile = _load(opts)
    today = opts.today
    steps = steps_of(profile, _deadlines(catalog, profile, today), today)
    if opts.json:
        return Json(json_contract.journey(catalog, path, today, steps))
    return Text(views.journey(path, today, steps))


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
        return Json(json_contract.draws_list(catalog, draws))
    return Text(views.draws_list(catalog, opts.stream, draws))


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
        return Json(json_contract.draws_show(draw))
    return Text(views.draws_show(catalog, draw))


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
    catalog, path, profile = _load(opts)
    if opts.json:
        return Json(json_contract.profile_show(path, profile))
    return Text(views.profile_show(catalog, path, profile))


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
    "noc search": noc_search,
    "profile init": profile_init,
    "profile validate": profile_validate,
    "profile show": profile_show,
    "profile path": profile_path,
    "profile schema": profile_schema,
}
