"""What the dashboard shows, as plain data: Rich text and strings, no Textual, no domain.

The texts are written from a Session by dashboard_text.py. This module imports neither the
domain nor pydantic, so a view computed by the start-up preload in another process
(preload.py) unpickles here before the domain has been imported.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text


@dataclass(frozen=True)
class DashboardView:
    """Everything the dashboard shows. Equal views look the same on screen."""

    lead: Text | None
    """Estimate, requirements and next step; None where the stream has no grid."""
    profile: Text
    deadline: Text
    rounds_title: str
    rounds: Text
    freshness: str
    stale: str | None
    """What the record's age means, or None while it is fresh."""
