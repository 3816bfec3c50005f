"""What the screens show: a checked profile and the reports computed from it (no Textual here).

The app loads one Session per profile version; screens receive it and never read files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import DeadlineReport, compute_deadlines
from oinp_assistant.eligibility import CheckReport, DrawResult, check_profile
from oinp_assistant.insights import Chances, chances
from oinp_assistant.journey import Step, journey_for
from oinp_assistant.points import Estimate
from oinp_assistant.profile import Profile, load_checked_profile
from oinp_assistant.requirements import RequirementsReport
from oinp_assistant.scoring import NoGrid, estimate_profile, requirements_profile
from oinp_assistant.staleness import Staleness, staleness


@dataclass(frozen=True)
class Session:
    profile_path: Path
    read_only: bool
    today: dt.date
    catalog: Catalog
    profile: Profile
    report: CheckReport
    """Every draw of every stream up to today, newest first, with the stream status and notes."""
    deadlines: DeadlineReport
    chances: Chances
    """The history of the profile's stream: counts, minimum scores, where the score stands."""
    estimate: Estimate | None
    """The EOI points estimate on the grid of the stream (or its successor); None: no grid."""
    requirements: RequirementsReport
    """The pathway check of the stream (a closed stream's candidate: its successor's)."""
    journey: tuple[Step, ...]
    """Job offer → EOI → invitation → applications → nomination → IRCC, with every date."""
    staleness: Staleness

    @property
    def scored_as(self) -> str:
        """The stream whose grid and rules apply: the profile's, or the one that replaced it."""
        return self.catalog.scoring_stream(self.profile.stream)

    @property
    def newest_own(self) -> list[DrawResult]:
        """The rounds of the newest draw day of the profile's stream."""
        own = [r for r in self.report.results if r.draw.stream == self.profile.stream]
        if not own:
            return []
        return [r for r in own if r.draw.date == own[0].draw.date]


def build_session(
    profile: Profile, catalog: Catalog, today: dt.date, path: Path, read_only: bool
) -> Session:
    # Every draw is checked once: the deadlines take their hypothetical basis from this report.
    report = check_profile(profile, catalog, today, all_streams=True)
    deadlines = compute_deadlines(profile, catalog, today, report)
    try:
        estimate: Estimate | None = estimate_profile(profile, catalog, today)
    except NoGrid:  # a stream with no grid and no successor: the screens say so
        estimate = None
    return Session(
        profile_path=path,
        read_only=read_only,
        today=today,
        catalog=catalog,
        profile=profile,
        report=report,
        deadlines=deadlines,
        chances=chances(profile, catalog, today),
        estimate=estimate,
        requirements=requirements_profile(profile, catalog, today),
        journey=tuple(journey_for(profile, catalog, today, deadlines)),
        staleness=staleness(catalog, today),
    )


def load_session(path: Path, catalog: Catalog, today: dt.date, read_only: bool) -> Session:
    """Raises ProblemsError (every problem of the file) when the profile cannot be used."""
    profile = load_checked_profile(path, catalog)
    return build_session(profile, catalog, today, path, read_only)
