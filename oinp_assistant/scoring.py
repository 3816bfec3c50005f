"""Which grid and which pathway rules apply to a profile, and what a closed stream's candidate
must be told about them: the estimate and the requirements of the stream that replaced theirs.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from oinp_assistant.catalog import Catalog
from oinp_assistant.points import Estimate, estimate
from oinp_assistant.problems import OinpError
from oinp_assistant.profile import Profile

if TYPE_CHECKING:  # `oinp score` needs no pathway rules: their models load only when checked
    from oinp_assistant.requirements import RequirementsReport


class NoGrid(OinpError):
    """No points grid is known for the profile's stream or any stream that replaced it."""


def _successor_note(
    profile: Profile, catalog: Catalog, scored_as: str, *, score: bool
) -> list[str]:
    if scored_as == profile.stream:
        return []
    old = catalog.stream_name(profile.stream)
    new = catalog.stream_name(scored_as)
    what = "scored on the grid of" if score else "checked against"
    note = f"{old} is closed: your profile is {what} {new}, the stream that replaced it."
    if score and profile.eoi_score is not None:
        note += (
            f" Your eoi_score of {profile.eoi_score} was on the {old} grid and does not carry over."
        )
    return [note]


def estimate_profile(profile: Profile, catalog: Catalog, as_of: dt.date) -> Estimate:
    """The estimate on the grid of the profile's stream, or of the stream that replaced it."""
    scored_as = catalog.scoring_stream(profile.stream)
    grid = catalog.grids.get(scored_as)
    if grid is None:
        raise NoGrid(
            f"no points grid is known for {catalog.stream_name(profile.stream)}; "
            "`oinp streams` lists the streams."
        )
    result = estimate(profile, grid, as_of, same_grid_as_portal=scored_as == profile.stream)
    extra = _successor_note(profile, catalog, scored_as, score=True)
    return dataclasses.replace(result, notes=(*extra, *result.notes))


def requirements_profile(profile: Profile, catalog: Catalog, as_of: dt.date) -> RequirementsReport:
    """The profile checked against the pathways of its stream, or of the one that replaced it."""
    from oinp_assistant.requirements import check_requirements

    rules = catalog.pathways
    scored_as = catalog.scoring_stream(profile.stream)
    report = check_requirements(profile, rules, as_of)
    if scored_as == profile.stream or scored_as != rules.meta.stream:
        return report
    extra = _successor_note(profile, catalog, scored_as, score=False)
    return dataclasses.replace(report, notes=(*extra, *report.notes))
