"""For a stream with no round yet: how often the closed streams' rounds targeted an occupation.

It is the record of streams that no longer exist, told as such: a precedent for how Ontario
chose occupations, never a forecast for the new stream.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from oinp_assistant.catalog import Catalog
from oinp_assistant.eligibility import occupation_open


@dataclass(frozen=True)
class StreamPrecedent:
    stream: str
    name: str
    rounds: int
    targeted_to_noc: int
    """Targeted rounds whose list named the occupation."""
    general: int
    """Rounds open to every occupation of the stream."""
    unknown_list: int
    last_named: dt.date | None


@dataclass(frozen=True)
class Precedent:
    noc: str
    title: str | None
    streams: tuple[StreamPrecedent, ...]

    @property
    def targeted_to_noc(self) -> int:
        return sum(s.targeted_to_noc for s in self.streams)

    @property
    def rounds(self) -> int:
        return sum(s.rounds for s in self.streams)


def precedent(catalog: Catalog, noc: str, stream: str, today: dt.date) -> Precedent | None:
    """The closed streams' record for `noc`, while `stream` has no round in the record."""
    if catalog.draws_for(stream, until=today):
        return None
    rows: list[StreamPrecedent] = []
    for other in catalog.streams.values():
        closed = other.state_on(today).phase == "closed"
        if other.id == stream or not other.eoi_scored or not closed:
            continue
        draws = catalog.draws_for(other.id, until=today)
        if not draws:
            continue
        named = [d for d in draws if not d.is_general and occupation_open(d, noc) is True]
        rows.append(
            StreamPrecedent(
                other.id,
                other.name,
                len(draws),
                len(named),
                sum(d.is_general for d in draws),
                sum(d.noc_codes is None for d in draws),
                max((d.date for d in named), default=None),
            )
        )
    rows.sort(key=lambda s: (-s.targeted_to_noc, s.name))
    return Precedent(noc, catalog.occupation_title(noc), tuple(rows))
