"""Everything the assistant knows about the program, loaded and validated once."""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from oinp_assistant import cache, locations
from oinp_assistant.draws import Draw, RoundCondition, load_draw_file, load_round_conditions
from oinp_assistant.occupations import Occupation, load_noc2016, load_titles, load_unit_groups
from oinp_assistant.problems import ProblemsError
from oinp_assistant.streams import DataMeta, Stream, StreamsFile, load_streams

if TYPE_CHECKING:
    from oinp_assistant.grid import Grid
    from oinp_assistant.occupation_search import Match, TitleIndex
    from oinp_assistant.requirements import Pathways


@dataclass
class Catalog:
    streams: dict[str, Stream]
    draws: list[Draw]
    occupations: dict[str, Occupation]
    meta: DataMeta
    data_dir: Path
    user_draw_files: list[Path] = field(default_factory=list)
    round_conditions: list[RoundCondition] = field(default_factory=list)

    def conditions_for(self, draw: Draw) -> list[RoundCondition]:
        return [c for c in self._conditions_by_round.get(draw.round, ()) if c.applies_to(draw)]

    @cached_property
    def _conditions_by_round(self) -> dict[str, list[RoundCondition]]:
        # Asked once per round checked (100,000 if the user added them): only the few
        # conditions of the round's label are looked at.
        by_round: dict[str, list[RoundCondition]] = {}
        for condition in self.round_conditions:
            by_round.setdefault(condition.round, []).append(condition)
        return by_round

    @property
    def newest_draw(self) -> date | None:
        return max((d.date for d in self.draws), default=None)

    def draws_for(self, stream: str | None = None, until: date | None = None) -> list[Draw]:
        """Draws newest first (same day: by stream, then round), optionally one stream only.

        `until` (the user's "today") leaves out rounds that had not happened yet.
        """
        chosen = [
            d
            for d in self.draws
            if (stream is None or d.stream == stream) and (until is None or d.date <= until)
        ]
        return sorted(chosen, key=lambda d: (-d.date.toordinal(), d.stream, d.round))

    def stream_name(self, stream_id: str) -> str:
        stream = self.streams.get(stream_id)
        return stream.name if stream else stream_id

    def occupation_title(self, code: str) -> str | None:
        occ = self.occupations.get(code)
        return occ.title if occ else None

    def profile_check_inputs(self) -> tuple[list[Path], str]:
        """What a profile check reads from this catalog, as files and text for a cache key:
        the NOC 2016 table, and the streams and occupation codes as they are now (a catalog
        may be changed after it was read)."""
        held = f"{sorted(self.streams.items())!r}\0{','.join(sorted(self.occupations))}"
        return [self.data_dir / NOC2016_FILE], held

    @cached_property
    def title_index(self) -> TitleIndex:
        # 28,000 titles only matter to a search by words: read and index them the first time.
        from oinp_assistant.occupation_search import TitleIndex

        titles = load_titles(self.data_dir / "noc2021-all-titles.csv")
        return TitleIndex(self.occupations, titles)

    @cached_property
    def noc2016(self) -> dict[str, list[str]]:
        """NOC 2016 code -> the NOC 2021 codes it became."""
        return load_noc2016(self.data_dir / NOC2016_FILE)

    def noc2016_successors(self, code: str) -> list[Occupation]:
        """The NOC 2021 groups a NOC 2016 code became; none if it is not a NOC 2016 code."""
        return [self.occupations[c] for c in self.noc2016.get(code, ()) if c in self.occupations]

    def search_occupations(self, query: str, limit: int = 10) -> list[Match]:
        # Imported here: the commands that never search do not pay for the search module.
        from oinp_assistant.occupation_search import code_search

        query = query.strip()
        if query.isascii() and query.isdigit():
            return code_search(query, self.occupations, self.noc2016, limit=limit)
        return self.title_index.search(query, limit=limit)

    @cached_property
    def grids(self) -> dict[str, Grid]:
        """Points grids by stream id; only commands that score read them."""
        from oinp_assistant.grid import load_grid

        loaded = (load_grid(path) for path in sorted(self.data_dir.glob("*_grid.toml")))
        return {grid.grid.stream: grid for grid in loaded}

    @cached_property
    def pathways(self) -> Pathways:
        """Ontario Workforce Priority's pathway requirements; read only when checked."""
        from oinp_assistant.requirements import load_pathways

        return load_pathways(self.data_dir / "owp_pathways.toml")

    def scoring_stream(self, stream_id: str) -> str:
        """The stream whose grid scores a profile of `stream_id`: itself, else its successor."""
        seen = {stream_id}
        current = stream_id
        while current not in self.grids:
            stream = self.streams.get(current)
            if stream is None or not stream.replaced_by or stream.replaced_by in seen:
                return stream_id
            current = stream.replaced_by
            seen.add(current)
        return current

    def freshness(self) -> str:
        newest = self.newest_draw
        newest_text = newest.isoformat() if newest else "none"
        checked = self.meta.checked_through.isoformat()
        added = sum(d.origin != "bundled" for d in self.draws)
        if added:
            return (
                f"Draw data: newest round {newest_text}, with {added} round"
                f"{'s' if added != 1 else ''} you added; the bundled record was checked "
                f"against its sources through {checked}."
            )
        return (
            f"Draw data: newest round {newest_text}; record checked against its sources "
            f"through {checked}. Later rounds are not in it."
        )


@dataclass(frozen=True)
class Bundled:
    """The bundled files, validated: what the cache keeps between runs (`cache.py`)."""

    streams: StreamsFile
    draws: list[Draw]
    occupations: dict[str, Occupation]
    round_conditions: list[RoundCondition]


NOC2016_FILE = "noc2016-to-2021.csv"
BUNDLED_FILES = ("streams.toml", "draws.csv", "noc2021-unit-groups.csv", "round_conditions.toml")


def _validate_bundled(data_dir: Path) -> Bundled:
    streams_file = load_streams(data_dir / "streams.toml")
    known = {s.id for s in streams_file.stream}
    return Bundled(
        streams=streams_file,
        draws=load_draw_file(data_dir / "draws.csv", origin="bundled", known_streams=known),
        occupations=load_unit_groups(data_dir / "noc2021-unit-groups.csv"),
        round_conditions=load_round_conditions(data_dir / "round_conditions.toml"),
    )


def load_bundled(data_dir: Path) -> Bundled:
    """The bundled data, validated once per install or data change (see `cache.py`)."""
    files = [data_dir / name for name in BUNDLED_FILES]
    return cache.cached(
        "bundled", files, lambda: _validate_bundled(data_dir), Bundled, code=cache.program_modules()
    )


def load_catalog(data_dir: Path | None = None, user_draws_dir: Path | None = None) -> Catalog:
    """Load bundled data, then the user's extra draws on top (same id replaces the bundled one).

    Raises ProblemsError naming file, entry and field for anything malformed.
    """
    data_dir = data_dir or locations.bundled_data_dir()
    user_draws_dir = user_draws_dir if user_draws_dir is not None else locations.user_draws_dir()
    # Many small objects that all live as long as the catalog: the collector's passes over
    # them while they are created would only find nothing to free (and grow with their
    # number), so it waits until the load is done.
    collecting = gc.isenabled()
    gc.disable()
    try:
        bundled = load_bundled(data_dir)
        streams = {s.id: s for s in bundled.streams.stream}
        known = set(streams)
        draws = {d.id: d for d in bundled.draws}
        user_files = sorted(user_draws_dir.glob("*.csv")) if user_draws_dir.is_dir() else []
        problems = []
        for path in user_files:
            try:
                for draw in load_draw_file(path, origin=str(path), known_streams=known):
                    draws[draw.id] = draw
            except ProblemsError as exc:
                problems.extend(exc.problems)
    finally:
        if collecting:
            gc.enable()
    if problems:
        raise ProblemsError(problems)
    return Catalog(
        streams=streams,
        draws=list(draws.values()),
        occupations=dict(bundled.occupations),
        meta=bundled.streams.meta,
        data_dir=data_dir,
        user_draw_files=user_files,
        round_conditions=list(bundled.round_conditions),
    )
