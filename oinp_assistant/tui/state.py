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
from oinp_assistant.profile import Profile, load_checked_profile


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
    return Session(
        profile_path=path,
        read_only=read_only,
        today=today,
        catalog=catalog,
        profile=profile,
        report=report,
        deadlines=compute_deadlines(profile, catalog, today, report),
        chances=chances(profile, catalog, today),
    )


def load_session(path: Path, catalog: Catalog, today: dt.date, read_only: bool) -> Session:
    """Raises ProblemsError (every problem of the file) when the profile cannot be used."""
    profile = load_checked_profile(path, catalog)
    return build_session(profile, catalog, today, path, read_only)
