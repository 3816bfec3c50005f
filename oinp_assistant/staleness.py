"""How old the draw record is, said plainly, with where to look and how to add what is missing.

The bundled record was checked against its sources through `meta.checked_through`. A round the
user adds also counts as a look at the official pages on the day it was added, so the record is
as fresh as the later of the two. Past `STALE_AFTER_DAYS` every front end says so, with the
number of days, the two official pages to check and the way to add a round.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from oinp_assistant.catalog import Catalog

STALE_AFTER_DAYS = 45
# The page where OINP lists every round of invitations (many public trackers read it).
INVITATIONS_PAGE = (
    "https://www.ontario.ca/page/ontario-immigrant-nominee-program-oinp-invitations-apply"
)
ADD_COMMAND = "oinp draws add"


def updates_page(year: int) -> str:
    """The year's OINP updates page, where each round's notice is published.

    The 2025 and 2026 pages follow this pattern; the record cites the 2026 one
    (data/streams.toml, [meta] sources).
    """
    return f"https://www.ontario.ca/page/{year}-ontario-immigrant-nominee-program-updates"


@dataclass(frozen=True)
class Staleness:
    today: dt.date
    checked_through: dt.date
    last_added: dt.date | None

    @property
    def last_checked(self) -> dt.date:
        """The bundled record's check, or a later day the user added a round."""
        return max(self.checked_through, self.last_added or dt.date.min)

    @property
    def days(self) -> int:
        return max((self.today - self.last_checked).days, 0)

    @property
    def is_stale(self) -> bool:
        return self.days > STALE_AFTER_DAYS

    @property
    def pages(self) -> tuple[str, str]:
        return INVITATIONS_PAGE, updates_page(self.today.year)

    def advice(self, how_to_add: str = f"`{ADD_COMMAND}`") -> str:
        """What to do about an old record; `how_to_add` lets the app name its key instead."""
        invitations, updates = self.pages
        if self.last_added is not None and self.last_added >= self.checked_through:
            since = f"you last added a round on {self.last_added}"
        else:
            since = f"the record was checked against its sources through {self.checked_through}"
        return (
            f"The draw record is {self.days} day{'s' if self.days != 1 else ''} old "
            f"({since}): rounds after that are not in it. Check the official pages "
            f"{invitations} and {updates}, and add any newer round with {how_to_add}."
        )

    def note(self, how_to_add: str = f"`{ADD_COMMAND}`") -> str | None:
        """The advice when the record is stale, else None: what every command prints."""
        return self.advice(how_to_add) if self.is_stale else None


def staleness(catalog: Catalog, today: dt.date) -> Staleness:
    added = [d.added for d in catalog.draws if d.is_added and d.added is not None]
    return Staleness(
        today=today,
        checked_through=catalog.meta.checked_through,
        last_added=max(added, default=None),
    )


def no_round_advice(catalog: Catalog, stream_id: str, today: dt.date) -> str | None:
    """For `oinp check`: while no round of the profile's stream is in the record, where to look.

    Said whatever the record's age: a stream whose first round has not reached the record
    (Ontario Workforce Priority in late 2026) is the case where a newer round matters most.
    """
    if any(d.stream == stream_id for d in catalog.draws):
        return None
    return staleness(catalog, today).advice()
