"""The text a person reads at the terminal: one function per command, result in, lines out.

A view never prints and never computes a verdict: it words what the domain found, using
`render` for layout (wrapping at the terminal's width, tables) and `wording` for the words the
TUI shows too. Each returned item is printed as it is; a wrapped paragraph may span several
terminal lines, and a leading or trailing "\\n" makes the blank line between blocks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from oinp_assistant import wording
from oinp_assistant.cli import render
from oinp_assistant.urgency import days_left_text

if TYPE_CHECKING:
    from oinp_assistant.calendar_export import Written
    from oinp_assistant.catalog import Catalog
    from oinp_assistant.deadlines import DeadlineReport
    from oinp_assistant.draws import Draw
    from oinp_assistant.eligibility import CheckReport, DrawResult
    from oinp_assistant.insights import Chances
    from oinp_assistant.journey import Step
    from oinp_assistant.occupation_search import Match
    from oinp_assistant.points import Estimate
    from oinp_assistant.precedent import Precedent
    from oinp_assistant.profile import Profile
    from oinp_assistant.requirements import RequirementsReport
    from oinp_assistant.streams import DeadlineWindow, Stream

Lines = list[str]


def dash(value: object) -> str:
    return "—" if value is None else str(value)


def plural(count: int, word: str, many: str | None = None) -> str:
    """ "1 round", "2 rounds": the count with its noun."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def _verdict(verdict: str) -> str:
    words = wording.VERDICTS[verdict].words
    # In capitals: the one word a reader scans the list for, with no colour to pick it out.
    return words.upper() if verdict == "in_scope" else words


def _notes(notes: Sequence[str]) -> Lines:
    return [render.wrap(note, first="Note: ", indent="      ") for note in notes]


def _stale(note: str | None) -> Lines:
    """The staleness note (staleness.Staleness.note), under the freshness line when stale."""
    return [render.wrap(note, first="Old record: ", indent="  ")] if note else []


def _fresh(catalog: Catalog, stale: str | None) -> Lines:
    return [render.wrap(catalog.freshness()), *_stale(stale)]


def check(
    catalog: Catalog,
    path: Path,
    report: CheckReport,
    verbose: bool,
    stale: str | None = None,
    no_round_advice: str | None = None,
) -> Lines:
    lines = [
        f"Profile: {path}",
        render.wrap(report.stream_status.message),
        # The check ends with the advice when it says the same (no round of the stream yet).
        *_fresh(catalog, None if no_round_advice else stale),
        *_notes(report.notes),
    ]
    invited = sum(r.verdict == "in_scope" for r in report.results)
    unknown = sum(r.verdict == "unknown" for r in report.results)
    lines += _stream_summary(catalog, report)
    if report.results:
        lines.append(
            f"\nIn scope in {invited} of {plural(len(report.results), 'round')}"
            + (
                f" ({unknown} unknown: your profile or the record lacks a detail)"
                if unknown
                else ""
            )
            + ". Newest first:\n"
        )
    for result in report.results:
        d = result.draw
        lines.append(
            f"{d.date}  {catalog.stream_name(d.stream)}, {d.label} round  "
            f"invited {dash(d.invitations)}, min score {dash(d.min_score)}  "
            f"→ {_verdict(result.verdict)}" + (f"  ({d.added_note})" if d.added_note else "")
        )
        for c in result.criteria:
            if verbose or c.status != "pass":
                mark = wording.STATUSES[c.status].symbol
                lines.append(render.wrap(c.detail, first=f"    {mark} {c.name}: ", indent="      "))
    if no_round_advice:
        lines.append("\n" + render.wrap(no_round_advice, first="Next: "))
    return lines


def _stream_summary(catalog: Catalog, report: CheckReport) -> Lines:
    """With every stream's rounds (--all-streams): per stream, how many and where in scope."""
    streams: dict[str, list[str]] = {}
    for result in report.results:
        streams.setdefault(result.draw.stream, []).append(result.verdict)
    if len(streams) < 2:
        return []
    rows = []
    for sid, verdicts in sorted(streams.items(), key=lambda kv: catalog.stream_name(kv[0])):
        inside = [
            r.draw for r in report.results if r.draw.stream == sid and r.verdict == "in_scope"
        ]
        rows.append(
            [
                catalog.stream_name(sid),
                str(len(verdicts)),
                str(len(inside)),
                str(verdicts.count("unknown")),
                ", ".join(f"{d.date} {d.label}" for d in inside[:3])
                + (f" (+{len(inside) - 3} more)" if len(inside) > 3 else "")
                or "—",
            ]
        )
    return [
        "\nSummary by stream:",
        render.table(["stream", "rounds", "in scope", "unknown", "in scope in"], rows),
    ]


def _profile_and_today(path: Path, today: dt.date) -> Lines:
    """The profile, and the day the dates count from on a line of its own (a long path would
    push it past the terminal's edge)."""
    return [f"Profile: {path}", f"Today (Ontario): {render.weekday(today)}"]


def deadlines(
    catalog: Catalog, path: Path, today: dt.date, report: DeadlineReport, stale: str | None = None
) -> Lines:
    lines = [*_profile_and_today(path, today), *_fresh(catalog, stale)]
    basis = report.basis
    if basis is not None:
        kind = "HYPOTHETICAL, from the round" if basis.hypothetical else "from your invitation"
        lines.append(
            render.wrap(
                f"Deadlines counted {kind} of {basis.invitation_date} "
                f"({catalog.stream_name(basis.stream)}), Ontario dates."
            )
        )
    lines += _notes(report.notes)
    if report.deadlines:
        lines.append("")
        # One block per deadline: it reads at 80 columns, and the note stays by its date.
        for d in report.deadlines:
            left = days_left_text(d.days_left(today), d.hypothetical)
            lines.append(f"{render.weekday(d.date)}  {left}")
            lines.append(render.wrap(d.title, indent="    "))
            lines.append(render.wrap(f"where: {d.where}", indent="      ", first="    "))
            if d.note:
                lines.append(render.wrap(d.note, indent="    "))
    return lines


def chances(catalog: Catalog, path: Path, result: Chances, stale: str | None = None) -> Lines:
    from oinp_assistant.insights import score_chart

    lines = [f"Profile: {path}", *_fresh(catalog, stale), ""]
    lines += [render.wrap(line) for line in result.summary()]
    chart = score_chart(result, width=min(render.width() - 8, 80))
    if chart:
        lines.append(
            "\nMinimum score of each round, oldest left (● open to your occupation, "
            "○ not, ◌ list unknown; ─ your score):"
        )
        lines.append("\n".join(chart))
    return lines


def export_written(written: Written) -> Lines:
    from oinp_assistant.calendar_export import REIMPORT_ADVICE

    lines = [f"Wrote {plural(written.events, 'event')} to {written.path.resolve()}."]
    if written.key_saved_to is not None:
        # Not wrapped: a long path must stay whole to be copied.
        lines.append(f"Added calendar_key to {written.key_saved_to}.")
        lines.append(
            render.wrap(
                "It names these events, so that exporting again after a correction replaces "
                "them: keep it in the profile."
            )
        )
    lines.append(render.wrap(REIMPORT_ADVICE))
    if written.hypothetical_left_out:
        lines.append(
            "Hypothetical submission deadlines were left out: add your invitation to export them."
        )
    return lines


def draws_list(
    catalog: Catalog, stream: str | None, draws: Sequence[Draw], stale: str | None = None
) -> Lines:
    lines = _fresh(catalog, stale)
    if not draws:
        known = catalog.streams[stream] if stream else None
        name = known.name if known else "any stream"
        lines.append(
            f"No round of {name} is in the data (checked through "
            f"{catalog.meta.checked_through}); later rounds are not covered."
        )
        lines.append("Add one from its announcement: `oinp draws add` (it asks for each field).")
        return lines
    # The id already says date, stream and round, and `draws show` takes it.
    rows = [
        [
            d.id + (" +" if d.is_added else ""),
            dash(d.invitations),
            dash(d.min_score),
            "general" if d.is_general else "?" if d.noc_codes is None else str(len(d.noc_codes)),
            d.confidence,
        ]
        for d in draws
    ]
    lines.append(render.table(["id (date-stream-round)", "invited", "min", "NOCs", "conf."], rows))
    added = [d for d in draws if d.is_added]
    if added:
        lines.append(
            render.wrap(
                f"+ {plural(len(added), 'round')} added by you: "
                + "; ".join(f"{d.id} on {dash(d.added)}" for d in added[:5])
                + ("; …" if len(added) > 5 else "")
                + ". `oinp draws remove ID` takes one out.",
                indent="  ",
            )
        )
    lines.append("`oinp draws show ID` gives a draw's occupations, notes and sources.")
    return lines


def draws_show(catalog: Catalog, d: Draw, verbose: bool = False) -> Lines:
    from oinp_assistant.draws import round_note

    conditions = [c.text for c in catalog.conditions_for(d)]
    lines = [f"{d.date}  {catalog.stream_name(d.stream)}, {d.label} round ({d.id})", ""]
    # What the round required, for the candidate; the research notes only with -v.
    lines += [
        render.wrap(s, first="  ", indent="    ")
        for s in round_note(d, catalog.stream_name(d.stream), conditions)
    ]
    if d.noc_codes:
        lines.append(f"\n  occupations ({len(d.noc_codes)}):")
        for code in d.noc_codes:
            lines.append(f"    {code}  {catalog.occupation_title(code) or '(not in NOC 2021)'}")
    if d.added_note:
        lines.append(f"\n  {d.added_note}, stored in: {d.origin}")
    lines.append(f"\n  confidence: {wording.confidence_text(d.confidence)}")
    if verbose and d.notes:
        lines.append(render.wrap(d.notes, first="  research notes: ", indent="    "))
    elif d.notes:
        lines.append("  (research notes on the sources: oinp draws show -v ID)")
    # One URL a line, never wrapped: a broken URL cannot be opened.
    lines.append("  sources (one per line):")
    lines += [f"    {src}" for src in d.sources]
    return lines


def draws_added(
    catalog: Catalog, d: Draw, profile: Path | None, result: DrawResult | None
) -> Lines:
    """The round as stored, then at once whether the current profile was in its scope."""
    lines = [f"Added {d.id} to {d.origin}.", "", *draws_show(catalog, d), ""]
    if profile is None or result is None:
        lines.append(
            render.wrap(
                "`oinp check` now checks it. (No readable profile to check it against: "
                "`oinp profile init` writes one.)"
            )
        )
        return lines
    lines.append(f"Your profile ({profile}) in this round: {_verdict(result.verdict)}")
    for c in result.criteria:
        if c.status != "pass":
            mark = wording.STATUSES[c.status].symbol
            lines.append(render.wrap(c.detail, first=f"    {mark} {c.name}: ", indent="      "))
    lines.append("`oinp check` now checks it with every other round.")
    return lines


def draws_removed(d: Draw) -> Lines:
    return [
        f"Removed {d.id} from {d.origin}.",
        render.wrap(f"The file as it was before is kept as {d.origin}.bak."),
    ]


def draws_imported(source: Path, added: Sequence[Draw]) -> Lines:
    if not added:
        return [f"{source} holds no round: nothing was added."]
    lines = [f"Added {plural(len(added), 'round')} from {source} to {added[0].origin}:"]
    lines += [f"  {d.id}" for d in added]
    lines.append("`oinp check` now checks them; `oinp draws remove ID` takes one out.")
    return lines


def draws_exported(target: Path, written: Sequence[Draw], user_only: bool) -> Lines:
    which = "the rounds you added" if user_only else "every round, bundled and added"
    lines = [f"Wrote {plural(len(written), 'round')} ({which}) to {target.resolve()}."]
    if user_only:
        lines.append("Someone else adds them with `oinp draws import FILE.csv`.")
    return lines


def noc_search(query: str, matches: Sequence[Match]) -> Lines:
    from oinp_assistant.occupations import ATTRIBUTION

    if not matches:
        return ["No NOC 2021 unit group matches; try fewer or other words from your job title."]
    lines = []
    if any(m.kind == "noc2016" for m in matches):
        lines.append(
            render.wrap(
                f"{query} is a NOC 2016 code; the OINP uses NOC 2021. It became the groups "
                f'matched by "NOC 2016 {query}":'
            )
        )
    # One block per group, wrapped: a table of titles this long cannot fit 80 columns.
    for m in matches:
        head = f"{m.occupation.code}  TEER {m.occupation.teer}  "
        lines.append(render.wrap(m.occupation.title, first=head, indent=" " * len(head)))
        if m.matched != m.occupation.title:
            lines.append(render.wrap(m.matched, first=" " * len(head) + "matched: "))
    return [*lines, render.wrap(ATTRIBUTION)]


def profile_init(path: Path) -> Lines:
    return [
        f"Wrote a profile template to {path} (readable by you only).\n"
        "Open it in your editor, fill in the fields, then run `oinp profile validate`."
    ]


def profile_validate(path: Path, profile: Profile) -> Lines:
    from oinp_assistant.profile_checks import gaps

    missing = gaps(profile)
    lines = [
        f"{path}: no mistakes in the file. Stream {profile.stream}"
        + (f", NOC {profile.noc}" if profile.noc else "")
        + (f", score {profile.eoi_score}" if profile.eoi_score is not None else "")
        + "."
    ]
    if not missing:
        return [lines[0].replace("no mistakes in the file", "OK, no problems")]
    # A valid file is not a complete one: say which answers stay "unknown" until it is filled.
    verb = "is" if len(missing) == 1 else "are"
    lines.append(
        f"But {plural(len(missing), 'field')} the checks need {verb} not filled in, so these "
        'commands answer "unknown":'
    )
    for gap in missing:
        lines.append(
            render.wrap(f"{gap.commands}: {gap.why}.", first=f"  {gap.key} → ", indent="      ")
        )
    return lines


def profile_show(catalog: Catalog, path: Path, profile: Profile, today: dt.date) -> Lines:
    from oinp_assistant.deadlines import eoi_pool
    from oinp_assistant.profile import REGION_NAMES

    pool = eoi_pool(profile, catalog, today)  # the same words as `deadlines` and the dashboard
    noc_title = catalog.occupation_title(profile.noc) if profile.noc else None
    region = REGION_NAMES.get(profile.job_region or "")
    lines = [
        f"Profile: {path}",
        f"  stream:         {catalog.stream_name(profile.stream)} ({profile.stream})",
        f"  NOC:            {dash(profile.noc)}" + (f" {noc_title}" if noc_title else ""),
        f"  EOI score:      {dash(profile.eoi_score)}",
        f"  EOI registered: {dash(profile.eoi_registered)}" + (f" ({pool.phrase})" if pool else ""),
        f"  job region:     {dash(region)}"
        + (f", {profile.job_community}" if profile.job_community else ""),
    ]
    if profile.permit:
        p = profile.permit
        where = {True: "in Canada", False: "outside Canada", None: "in Canada: not given"}
        lines.append(
            f"  permit:         {p.type}"
            + (f", expires {p.expires}" if p.expires else "")
            + f", {where[p.in_canada]}"
        )
    else:
        lines.append("  permit:         —")
    if profile.invitation:
        lines.append(
            f"  invitation:     {profile.invitation.date} "
            f"({catalog.stream_name(profile.invitation_stream or profile.stream)})"
        )
    return lines


def profile_path(path: Path, source: str) -> Lines:
    state = "exists" if path.exists() else "does not exist yet; `oinp profile init` creates it"
    return [f"{path}\n  ({source}; {state})"]


def _window(window: DeadlineWindow) -> str:
    since = f"from {window.effective_from}" if window.effective_from else "from the record's start"
    employer = (
        f"employer {plural(window.employer_days, 'day')}"
        if window.employer_days
        else "no employer step"
    )
    candidate = (
        f"you {plural(window.candidate_days, 'day')}"
        if window.candidate_days
        else "your days not known"
    )
    return f"{since}: {employer}, {candidate} (confidence {window.confidence})"


def streams(catalog: Catalog, today: dt.date, listed: Sequence[Stream]) -> Lines:
    lines = [f"Streams on {render.weekday(today)} (Ontario):"]
    for stream in listed:
        state = stream.state_on(today)
        mark = wording.state_badge(state)
        lines.append(f"\n{mark.symbol} {stream.name} ({stream.id}): {mark.words}")
        lines.append(render.wrap(wording.state_sentence(state, catalog.streams), indent="    "))
        if stream.windows:
            lines.append("    deadlines after an invitation, in calendar days:")
            lines += [
                render.wrap(_window(w), indent="        ", first="      ") for w in stream.windows
            ]
        else:
            lines.append("    deadlines after an invitation: not known to the assistant")
    lines.append(
        "\n`oinp draws list --stream ID` lists a stream's rounds; `oinp streams --json` gives "
        "the sources."
    )
    return lines


# --- Ontario Workforce Priority -------------------------------------------------------------


def score(path: Path, e: Estimate, what_if: Sequence[str] = (), stale: str | None = None) -> Lines:
    """The estimate factor by factor, the days it changes by itself, what would raise it."""
    grid = e.grid
    lines = [f"Profile: {path}", *_stale(stale)]
    if what_if:
        lines.append(render.wrap("What if: " + ", ".join(what_if) + ". Your file is unchanged."))
    updated = f", updated {grid.updated}" if grid.updated else ""
    lines.append(
        render.wrap(f"{grid.name} (published {grid.published}{updated}), as of {e.as_of}.")
    )
    lines += _notes([n for n in e.notes if n not in grid.unstated])
    lines += ["", render.wrap(e.summary())]
    lines += [render.wrap(line) for line in e.comparison]
    lines += ["", "points  factor: what it rests on"]
    for f in e.factors:
        points = f"{f.low:>2}/{f.max:<2}" if f.status == "known" else f"{f.low}–{f.high}/{f.max}"
        rests = f.basis + (f"; band: {f.band}" if f.band and f.status == "known" else "")
        if f.status == "unknown":
            rests = "unknown: " + rests
        lines.append(render.wrap(rests, first=f"{points:<8}{f.name}: ", indent="        "))
    if e.upcoming:
        lines += ["", "When it changes by itself:"]
        for u in e.upcoming:
            head = f"  {u.date}  {u.change:+d} → {u.total}  "
            lines.append(render.wrap(u.why, first=head, indent=" " * len(head)))
    if e.moves:
        lines += ["", "What would raise it, one change at a time:"]
        for m in e.moves:
            hands = "" if m.actionable else " [not in your hands]"
            lines.append(
                render.wrap(m.what + hands, first=f"  {m.change:+3d}  ", indent="        ")
            )
        lines.append("Try one: oinp score --set KEY=VALUE (e.g. language.english.writing=9).")
    lines += [
        "",
        render.wrap(
            f"Grid confidence {wording.confidence_text(grid.confidence)}. {grid.maximum_note}"
        ),
    ]
    lines += [render.wrap(note, first="Not stated: ", indent="  ") for note in grid.unstated]
    lines.append("Sources (one per line):")
    lines += [f"  {src}" for src in grid.sources]
    return lines


REQUIREMENT_VERDICTS = {
    "meets": "You meet every requirement your profile lets the assistant check.",
    "does_not_meet": "You do not meet at least one requirement (✘ below): that is what to fix.",
    "unknown": "Not known yet: add the facts marked ? to your profile.",
}


def requirements(
    catalog: Catalog,
    path: Path,
    profile: Profile,
    report: RequirementsReport,
    stale: str | None = None,
) -> Lines:
    lines = [f"Profile: {path}", *_stale(stale)]
    lines += _notes(report.notes[:-1])
    if report.pathway_name is not None:
        noc = f" (NOC {profile.noc}, TEER {profile.noc[1]})" if profile.noc else ""
        lines.append(
            render.wrap(f"{catalog.stream_name(report.stream)}: {report.pathway_name}{noc}.")
        )
    lines += ["", render.wrap(REQUIREMENT_VERDICTS[report.verdict]), ""]
    for r in report.requirements:
        mark = wording.STATUSES[r.status].symbol
        lines.append(render.wrap(r.detail, first=f"  {mark} {r.name}: ", indent="      "))
    lines += ["", *_notes(report.notes[-1:])]
    sources = sorted({src for r in report.requirements for src in r.sources})
    if sources:
        lines.append("Sources (one per line):")
        lines += [f"  {src}" for src in sources]
    return lines


STEP_MARKS = {"done": "✔", "next": "→", "later": "·", "missed": "✘"}


def journey(path: Path, today: dt.date, steps: Sequence[Step], stale: str | None = None) -> Lines:
    lines = [*_profile_and_today(path, today), *_stale(stale), ""]
    for step in steps:
        when = f" {step.date}" if step.date else ""
        head = f"  {STEP_MARKS[step.state]} {step.state:<6}{when}  "
        text = step.title + (f". {step.detail}" if step.detail else "")
        lines.append(render.wrap(text, first=head, indent="           "))
    lines += ["", "✔ done   → next   · later   ✘ missed (a date passed)"]
    return lines


def handoff_written(path: Path) -> Lines:
    return [
        f"Wrote the employer's sheet to {path.resolve()} (readable by you only).",
        "Send it to the person who files in the Employer Portal.",
    ]


def precedent(before: Precedent | None) -> Lines:
    """The closed streams' record for the occupation, labelled so no one reads it as a forecast."""
    if before is None or not before.streams:
        return []
    title = f" ({before.title})" if before.title else ""
    lines = [
        "",
        render.wrap(
            f"The closed streams' record, not a forecast: how often their rounds named NOC "
            f"{before.noc}{title}. The new stream chooses on its own; this only shows how "
            "Ontario chose occupations before."
        ),
    ]
    for s in before.streams:
        last = f", last on {s.last_named}" if s.last_named else ""
        lines.append(
            render.wrap(
                f"{s.name}: named in {plural(s.targeted_to_noc, 'targeted round')}{last}; "
                f"{s.general} of its {plural(s.rounds, 'round')} were open to every occupation.",
                first="  ",
                indent="    ",
            )
        )
    return lines
