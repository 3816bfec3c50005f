"""The `--json` contract: one pure function per command, domain result in, plain dict out.

Scripts rely on these shapes, so they change only on purpose (tests/test_cli_golden.py pins
every byte). No printing, no files: a builder can be tested without `main()`. Dates are
YYYY-MM-DD strings; a draw is the Draw model's own dump, so the model is its single source
(`check`'s results write that dump's text straight from the model's fields: `draw_text`).

Every report about a profile opens with the same envelope (`envelope`): the profile file, how
fresh the bundled data is and, for answers that depend on the day, today's date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from types import UnionType
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Union, get_args, get_origin, overload

if TYPE_CHECKING:  # types only: keeps `oinp --help` free of pydantic
    from oinp_assistant.calendar_export import Written
    from oinp_assistant.catalog import Catalog
    from oinp_assistant.deadlines import DeadlineReport, PoolEnd
    from oinp_assistant.draws import Draw
    from oinp_assistant.eligibility import CheckReport, DrawResult
    from oinp_assistant.insights import Chances
    from oinp_assistant.journey import Step
    from oinp_assistant.occupation_search import Match
    from oinp_assistant.points import Estimate
    from oinp_assistant.precedent import Precedent
    from oinp_assistant.profile import Profile
    from oinp_assistant.requirements import RequirementsReport
    from oinp_assistant.streams import Stream

Json = dict[str, Any]
T = TypeVar("T")
# json.dumps(..., ensure_ascii=False)'s own pieces: its encoder and its string quoting
_dumps = json.JSONEncoder(ensure_ascii=False).encode
_string = json.encoder.encode_basestring


class Lazy(Sequence[Json]):
    """A JSON list whose items are built from `source` only when read, one at a time.

    The CLI's writer (`cli.output.json_chunks`) writes it item by item, so only the item being
    written exists as a dict. `json.dumps` cannot encode it itself: pass `default=list`.

    `text`, when given, writes an item's JSON straight from its source: exactly the
    characters `json.dumps(build(item), ensure_ascii=False)` gives (the writer uses it instead
    of building the dict and encoding it; tests compare the two).
    """

    def __init__(
        self,
        source: Sequence[T],
        build: Callable[[T], Json],
        text: Callable[[T], str] | None = None,
    ) -> None:
        self._source: Sequence[Any] = source
        self._build: Callable[[Any], Json] = build
        self._text: Callable[[Any], str] | None = text

    def texts(self) -> Iterator[str] | None:
        """Each item's JSON text, in order; None when only `build` was given."""
        if self._text is None:
            return None
        return map(self._text, self._source)

    def __len__(self) -> int:
        return len(self._source)

    @overload
    def __getitem__(self, index: int) -> Json: ...
    @overload
    def __getitem__(self, index: slice) -> list[Json]: ...
    def __getitem__(self, index: int | slice) -> Json | list[Json]:
        if isinstance(index, slice):
            return [self._build(x) for x in self._source[index]]
        return self._build(self._source[index])

    def __iter__(self) -> Iterator[Json]:
        return map(self._build, self._source)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Lazy | list):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # like a list


def freshness(catalog: Catalog, day: dt.date | None = None) -> Json:
    """How fresh the draw record is; with the day asked about, its age in days (`staleness`)."""
    newest = catalog.newest_draw
    out: Json = {
        "data_newest_draw": newest.isoformat() if newest else None,
        "data_checked_through": catalog.meta.checked_through.isoformat(),
    }
    if day is not None:
        from oinp_assistant.staleness import staleness

        s = staleness(catalog, day)
        out["staleness"] = {
            "days": s.days,
            "stale": s.is_stale,
            "last_checked": s.last_checked.isoformat(),
            "pages": list(s.pages),
            "advice": s.note(),
        }
    return out


def envelope(
    catalog: Catalog,
    path: Path | None = None,
    today: dt.date | None = None,
    *,
    as_of: dt.date | None = None,
) -> Json:
    """The keys every profile report starts with, in this order: profile, freshness, today.

    The record's age is counted to `today`, or to `as_of` for answers that do not list today.
    """
    head: Json = {} if path is None else {"profile": str(path)}
    head.update(freshness(catalog, today or as_of))
    if today is not None:
        head["today"] = today.isoformat()
    return head


def draw(d: Draw) -> Json:
    """`d.model_dump(mode="json")`, written out: pydantic's serializer would be built on the
    first call, a tenth of a command's start-up (a test holds the two equal)."""
    return {
        "id": d.id,
        "date": d.date.isoformat(),
        "stream": d.stream,
        "round": d.round,
        "invitations": d.invitations,
        "min_score": d.min_score,
        "window_start": _iso(d.window_start),
        "window_end": _iso(d.window_end),
        "noc_codes": None if d.noc_codes is None else list(d.noc_codes),
        "region": d.region,
        "communities": None if d.communities is None else list(d.communities),
        "residence_required": d.residence_required,
        "confidence": d.confidence,
        "notes": d.notes,
        "sources": list(d.sources),
        "origin": d.origin,
        "added": _iso(d.added),
    }


def _iso(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def draw_text(d: Draw) -> str:
    """`json.dumps(draw(d), ensure_ascii=False)`, written field by field from the model's
    fields: a third faster than dumping a dict and encoding it, for 100,000 rounds.

    The plan comes from the model itself (`_draw_plan`); a model it cannot vouch for (a field
    type it does not know, a serializer, an alias, another setting) is dumped as always.
    """
    cls = type(d)
    if cls not in _draw_plans:
        _draw_plans[cls] = _draw_plan(cls)
    plan = _draw_plans[cls]
    if plan is None:
        return _dumps(d.model_dump(mode="json"))
    values = d.__dict__
    return "{" + ", ".join([key + write(values[name]) for name, key, write in plan]) + "}"


Plan = tuple[tuple[str, str, Callable[[Any], str]], ...]
_draw_plans: dict[type, Plan | None] = {}
# Model settings that leave model_dump(mode="json") of the plain field types as they are.
_PLAIN_CONFIG = {"extra", "frozen", "defer_build"}


def _draw_plan(cls: type[Draw]) -> Plan | None:
    """Each field's name, its quoted key and the function that writes its value as JSON."""
    decorators = cls.__pydantic_decorators__
    if (
        set(cls.model_config) - _PLAIN_CONFIG
        or decorators.field_serializers
        or decorators.model_serializers
        or cls.model_computed_fields
    ):
        return None
    plan = []
    for name, info in cls.model_fields.items():
        write = _value_writer(info.annotation)
        if write is None or info.alias or info.serialization_alias or info.exclude:
            return None
        plan.append((name, _string(name) + ": ", write))
    return tuple(plan)


def _value_writer(annotation: object) -> Callable[[Any], str] | None:
    """How a value of this type is written, as json.dumps writes its JSON dump; None: unknown."""
    origin, args = get_origin(annotation), get_args(annotation)
    if annotation is str or (origin is Literal and all(type(a) is str for a in args)):
        return _string
    if annotation is int:
        return int.__repr__
    if annotation is dt.date:
        return _quoted_day
    if origin is tuple and args[1:] == (...,) and args[0] is str:
        return _strings
    if origin in (Union, UnionType) and len(args) == 2 and type(None) in args:
        inner = _value_writer(args[0] if args[1] is type(None) else args[1])
        if inner is not None:
            return lambda value: "null" if value is None else inner(value)
    return None


def _quoted_day(day: dt.date) -> str:
    return '"' + day.isoformat() + '"'


def _strings(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(map(_string, values)) + "]"


def check(
    catalog: Catalog,
    path: Path,
    today: dt.date,
    report: CheckReport,
    no_round_advice: str | None = None,
) -> Json:
    status = report.stream_status
    return {
        **envelope(catalog, path, today),
        "stream_status": {
            "stream": status.stream_id,
            "open": status.is_open,
            "message": status.message,
        },
        "notes": report.notes,
        # Built one result at a time as it is written: 100,000 rounds' dicts at once would take
        # more memory than the rounds and their checks together.
        "results": Lazy(report.results, _result, _result_text),
        "no_round_advice": no_round_advice,
    }


def _result(r: DrawResult) -> Json:
    return {
        "draw": draw(r.draw),
        "verdict": r.verdict,
        "criteria": [{"name": c.name, "status": c.status, "detail": c.detail} for c in r.criteria],
    }


def _result_text(r: DrawResult) -> str:
    """`_result(r)` as json.dumps(..., ensure_ascii=False) writes it, the same characters.

    Put together from quoted strings rather than by building eight small dicts per round
    and encoding them: with 100,000 rounds, a third of the time `check --json` spends
    writing. The round is `draw_text`'s. A key added to `_result` must be added here
    (tests/test_json_stream.py compares the two on every bundled round).
    """
    criteria = ", ".join(
        [
            f'{{"name": {_string(c.name)}, "status": {_string(c.status)}, '
            f'"detail": {_string(c.detail)}}}'
            for c in r.criteria
        ]
    )
    return (
        f'{{"draw": {draw_text(r.draw)}, "verdict": {_string(r.verdict)}, '
        f'"criteria": [{criteria}]}}'
    )


def deadlines(catalog: Catalog, path: Path, today: dt.date, report: DeadlineReport) -> Json:
    basis = report.basis
    return {
        **envelope(catalog, path, today),
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
                "hypothetical": d.hypothetical,
            }
            for d in report.deadlines
        ],
        "notes": report.notes,
    }


def chances(
    catalog: Catalog,
    path: Path,
    result: Chances,
    today: dt.date,
    before: Precedent | None = None,
) -> Json:
    # No "today": the history stops at the newest round, not at today (kept as it always was).
    return {
        **envelope(catalog, path, as_of=today),
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
                "could_include_eoi": p.could_include,
            }
            for p in result.points
        ],
        "stream_closed": result.closed,
        "rounds_could_include_eoi": len(result.possible()),
        "summary": result.summary(),
        "closed_streams_record": None if before is None else precedent(before),
    }


def precedent(before: Precedent) -> Json:
    """The closed streams' rounds that named the occupation: a precedent, not a forecast."""
    return {
        "noc": before.noc,
        "is_forecast": False,
        "streams": [
            {
                "stream": s.stream,
                "rounds": s.rounds,
                "targeted_to_noc": s.targeted_to_noc,
                "general": s.general,
                "list_unknown": s.unknown_list,
                "last_named": s.last_named.isoformat() if s.last_named else None,
            }
            for s in before.streams
        ],
    }


def export_written(catalog: Catalog, path: Path, today: dt.date, written: Written) -> Json:
    """What `export-ics --json` wrote: the calendar file and how many events it holds."""
    return {
        **envelope(catalog, path, today),
        "path": str(written.path.resolve()),
        "events": written.events,
        "hypothetical_left_out": written.hypothetical_left_out,
        "calendar_key_saved_to": str(written.key_saved_to) if written.key_saved_to else None,
    }


def draws_list(catalog: Catalog, draws: Sequence[Draw], today: dt.date) -> Json:
    # Lazy, like check's results: a user may have added 100,000 rounds.
    return {**envelope(catalog, as_of=today), "draws": Lazy(draws, draw, draw_text)}


def draws_show(d: Draw, note: Sequence[str] | None = None) -> Json:
    """The draw's own dump and, added, what the round required in plain words."""
    out = draw(d)
    if note is not None:
        out["round_note"] = list(note)
    return out


def _verdict(result: DrawResult) -> Json:
    return {
        "verdict": result.verdict,
        "criteria": [
            {"name": c.name, "status": c.status, "detail": c.detail} for c in result.criteria
        ],
    }


def draws_added(stored: Draw, profile: Path | None, result: DrawResult | None) -> Json:
    """`draws add --json`: the round as stored, and the current profile checked against it."""
    return {
        "draw": draw(stored),
        "stored_in": stored.origin,
        "profile_check": None
        if profile is None or result is None
        else {"profile": str(profile), **_verdict(result)},
    }


def draws_removed(removed: Draw) -> Json:
    return {"removed": draw(removed), "file": removed.origin}


def draws_imported(added: Sequence[Draw]) -> Json:
    return {"added": [draw(d) for d in added], "stored_in": added[0].origin if added else None}


def draws_exported(target: Path, written: Sequence[Draw]) -> Json:
    return {"path": str(target.resolve()), "rounds": len(written)}


def noc_search(matches: Sequence[Match]) -> list[Json]:
    return [
        {
            "code": m.occupation.code,
            "title": m.occupation.title,
            "teer": m.occupation.teer,
            "matched": m.matched,
            "matched_kind": m.kind,
        }
        for m in matches
    ]


def profile_show(path: Path, profile: Profile, pool: PoolEnd | None = None) -> Json:
    return {
        "path": str(path),
        "profile": profile.model_dump(mode="json"),
        # 12 months after registration, whatever happened since: "eoi_pool" says whether it holds
        "eoi_expires": profile.eoi_expires.isoformat() if profile.eoi_expires else None,
        "eoi_pool": None
        if pool is None
        else {"state": pool.kind, "last_day": _day(pool.date), "sentence": pool.sentence},
    }


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def streams(catalog: Catalog, today: dt.date, listed: Sequence[Stream]) -> Json:
    from oinp_assistant import wording

    out = []
    for stream in listed:
        state = stream.state_on(today)
        out.append(
            {
                "id": stream.id,
                "name": stream.name,
                "category": stream.category,
                "eoi_scored": stream.eoi_scored,
                "state": state.phase,
                "message": wording.state_sentence(state, catalog.streams),
                "opened": _day(stream.opened),
                "eoi_from": _day(stream.eoi_from),
                "closed": _day(stream.closed),
                "successor": state.successor,
                "windows": [
                    {
                        "effective_from": _day(w.effective_from),
                        "employer_days": w.employer_days,
                        "candidate_days": w.candidate_days,
                        "confidence": w.confidence,
                        "note": w.note,
                        "sources": w.sources,
                    }
                    for w in stream.windows
                ],
                "sources": stream.sources,
            }
        )
    return {**envelope(catalog, today=today), "streams": out}


def score(
    catalog: Catalog,
    path: Path,
    e: Estimate,
    what_if: Sequence[str] = (),
    today: dt.date | None = None,
) -> Json:
    """`oinp score --json`: the estimate, factor by factor, with its dated changes and moves."""
    return {
        **envelope(catalog, path, as_of=today),
        "grid": e.grid.id,
        "grid_published": e.grid.published.isoformat(),
        "stream": e.stream,
        "as_of": e.as_of.isoformat(),
        "what_if": list(what_if),
        "total": e.total,
        "total_max_possible": e.total_max_possible,
        "maximum": e.maximum,
        "portal_score": e.portal_score,
        "factors": [
            {
                "name": f.name,
                "points": f.points,
                "low": f.low,
                "high": f.high,
                "max": f.max,
                "status": f.status,
                "basis": f.basis,
                "band": f.band,
                "ladder": f.ladder,
                "confidence": f.confidence,
                "sources": list(e.sources),
            }
            for f in e.factors
        ],
        "upcoming": [
            {
                "date": u.date.isoformat(),
                "factor": u.factor,
                "change": u.change,
                "total": u.total,
                "why": u.why,
            }
            for u in e.upcoming
        ],
        "moves": [
            {"factor": m.factor, "change": m.change, "actionable": m.actionable, "what": m.what}
            for m in e.moves
        ],
        "comparison": list(e.comparison),
        "notes": list(e.notes),
    }


def requirements(catalog: Catalog, path: Path, report: RequirementsReport) -> Json:
    return {
        **envelope(catalog, path, report.as_of),
        "stream": report.stream,
        "pathway": report.pathway,
        "verdict": report.verdict,
        "requirements": [
            {"name": r.name, "status": r.status, "detail": r.detail, "sources": list(r.sources)}
            for r in report.requirements
        ],
        "notes": list(report.notes),
    }


def journey(catalog: Catalog, path: Path, today: dt.date, steps: Sequence[Step]) -> Json:
    return {
        **envelope(catalog, path, today),
        "steps": [
            {
                "step": s.key,
                "title": s.title,
                "state": s.state,
                "date": s.date.isoformat() if s.date else None,
                "detail": s.detail,
            }
            for s in steps
        ],
    }
