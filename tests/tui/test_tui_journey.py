"""Journey at 80x24: the legend of the step marks reads as one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.geometry import Region
from textual.widgets import Static

from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.journey import STEP_LEGEND, JourneyScreen

from .conftest import running


async def test_the_legend_is_not_cut_in_the_middle_at_80_columns(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    # It followed the date on the same line and wrapped there: "✘ missed (a date" / "passed)".
    app = build_app(profile_file)
    async with running(app, "j"):
        assert isinstance(app.screen, JourneyScreen)
        legend = app.screen.query_one("#journey-legend", Static)
        width, height = legend.size
        lines = [s.text.strip() for s in legend.render_lines(Region(0, 0, width, height))]
        assert STEP_LEGEND in lines
