"""Chances: the summary from the record, a chart of the minimum scores sized to the screen,
the legend in words, rounds per year and the data's freshness."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from textual.command import CommandPalette
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from oinp_assistant.catalog import Catalog
from oinp_assistant.insights import CellKind, Chances, ChartCell, ScorePoint, chances
from oinp_assistant.profile import Profile
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.chances import MAX_SPACING, ChancesScreen, fit_chart
from oinp_assistant.tui.screens.dashboard import DashboardScreen
from oinp_assistant.tui.screens.export_dialog import ExportDialog
from oinp_assistant.tui.screens.help import HelpScreen
from oinp_assistant.tui.screens.welcome import WelcomeScreen
from oinp_assistant.tui.widgets.score_chart import ScoreChart, chart_text

from .conftest import TODAY, running


def text_of(app: OinpApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_h_shows_summary_chart_legend_years_and_freshness(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "h", size=(80, 24)) as pilot:
        assert isinstance(app.screen, ChancesScreen)
        assert app.area == "chances"
        summary = text_of(app, "#chances-summary")
        assert "Stream: Foreign Worker (✘ closed)" in summary
        assert "56 rounds of this stream from 2024-01-09 to 2026-04-30." in summary
        assert "26 of them were open to NOC 21231" in summary
        # A closed stream says so first; only rounds the EOI (2026-03-12) could be in count.
        assert "Foreign Worker closed on 2026-05-30." in summary
        assert "predicts nothing now" in summary
        assert "Your score 57 met the minimum in 2 of 6 rounds" in summary
        # The app's key, not the command line.
        assert "are in the draw-by-draw check." in summary and "`oinp" not in summary
        chart = app.screen.query_one(ScoreChart)
        shown = str(chart.render())
        # The legend says in words what each symbol means; colour only adds to it.
        for words in ("● open to NOC 21231", "○ not open to it", "◌ list unknown"):
            assert words in shown
        assert "─ your score 57" in shown
        assert "57 ┤" in shown and "2024-01-09" in shown and "2026-04-30" in shown
        assert "8 rounds without a published minimum score are not in the chart." in shown
        years = text_of(app, "#chances-years")
        assert "2024   18 rounds" in years and "2026   21 rounds" in years
        assert "newest round 2026-04-30" in text_of(app, "#chances-freshness")
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_palette_command_shows_chances(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app) as pilot:
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Chances: show" in titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"chances: show")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, ChancesScreen)


async def test_the_chart_widget_holds_one_cell_per_round_of_its_kind(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "h", size=(80, 24)):
        assert isinstance(app.screen, ChancesScreen)
        c = app.screen.session.chances
        chart = app.screen.query_one(ScoreChart).chart
        assert chart is not None
        # Every round with a published minimum fits at 80 columns, oldest first.
        assert chart.rounds == c.points
        kinds: dict[bool | None, CellKind] = {True: "open", False: "closed", None: "unknown_list"}
        for x, point in enumerate(c.points):
            column = [row.cells[x] for row in chart.rows]
            marks = [cell for cell in column if cell.point is not None]
            assert marks == [ChartCell(kinds[point.open_to_noc], point)]
            assert {cell.kind for cell in column} - {marks[0].kind} <= {"score_line", "empty"}
        (line,) = [row for row in chart.rows if row.score_line]
        assert line.label == "57"
        assert any(cell.kind == "score_line" for cell in line.cells)
        assert (chart.rows[0].label, chart.rows[-1].label) == (
            str(max(p.min_score for p in c.points)),
            str(min(p.min_score for p in c.points)),
        )
        assert chart.x_labels == ("2024-01-09", "2026-04-30")


async def test_chart_fits_80_columns_and_shows_every_round(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "h", size=(80, 24)):
        chart = app.screen.query_one(ScoreChart)
        assert chart.region.right <= 80  # the card, border included, is inside the screen
        width = chart.size.width
        lines = str(chart.render()).splitlines()
        assert lines and all(cell_len(line) <= width for line in lines)
        plot = [line for line in lines if "┤" in line]
        assert len(plot[0].split("┤", 1)[1]) == 48  # every round with a published minimum
        assert "The newest" not in str(chart.render())


async def test_a_wide_window_spreads_the_rounds_out(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "h", size=(140, 40)):
        chart = app.screen.query_one(ScoreChart)
        assert chart.region.right <= 140
        lines = str(chart.render()).splitlines()
        assert all(cell_len(line) <= chart.size.width for line in lines)
        plot = [line.split("┤", 1)[1] for line in lines if "┤" in line]
        assert max(len(p.rstrip()) for p in plot) == 48 + 47  # two columns from round to round
        assert sum(p.count("●") + p.count("○") + p.count("◌") for p in plot) == 48


async def test_chart_is_redrawn_for_a_narrower_window(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "h", size=(80, 24)) as pilot:
        await pilot.resize_terminal(50, 24)
        await pilot.pause()
        await pilot.pause()
        chart = app.screen.query_one(ScoreChart)
        assert chart.region.right <= 50
        lines = str(chart.render()).splitlines()
        assert all(cell_len(line) <= chart.size.width for line in lines)
        plot = [line for line in lines if "┤" in line]
        shown = len(plot[0].split("┤", 1)[1])
        assert shown < 48
        assert f"The newest {shown} of 48 rounds" in " ".join(lines)


async def test_every_footer_key_fits_80_columns_also_under_a_dialog(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, size=(80, 24)) as pilot:
        for keys, screen in ((("w", "enter"), -1), (("l", "x"), -2)):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.pause()
            shown = list(app.screen_stack[screen].query(FooterKey).results(FooterKey))
            assert {"h", "f1"} <= {k.key for k in shown}, keys
            assert all(k.region.right <= 80 for k in shown), keys
        # Under the export dialog the Deadlines key has nothing to do: it leaves its room.
        assert isinstance(app.screen, ExportDialog)
        assert "l" not in {k.key for k in app.screen_stack[-2].query(FooterKey).results(FooterKey)}


async def test_a_stream_without_rounds_says_so_and_draws_no_chart(
    app_for: Callable[..., OinpApp],
) -> None:
    app = app_for('stream = "ontario_workforce_priority"\neoi_score = 60\n')
    async with running(app, "h", size=(80, 24)):
        assert isinstance(app.screen, ChancesScreen)
        summary = text_of(app, "#chances-summary")
        assert "No round of this stream is in the data" in summary
        assert not app.screen.query(ScoreChart)
        assert not app.screen.query("#chances-years")
        assert "checked against its sources" in text_of(app, "#chances-freshness")


async def test_help_lists_h_and_it_waits_for_a_profile(
    build_app: Callable[..., OinpApp], profile_file: Path, tmp_path: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "f1"):
        assert isinstance(app.screen, HelpScreen)
        assert ("everywhere", "h", "Chances") in app.screen.rows
    app = build_app(tmp_path / "nothing-here.toml")
    async with running(app, "h"):
        assert isinstance(app.screen, WelcomeScreen)


@pytest.mark.parametrize("width", [12, 20, 30, 40, 52, 60, 72, 100, 140])
def test_fit_chart_never_exceeds_the_width(catalog: Catalog, width: int) -> None:
    profile = Profile(stream="foreign_worker", noc="21231", eoi_score=57)
    chart = fit_chart(chances(profile, catalog, TODAY), width, 8)
    assert chart is not None
    lines = [line.plain for line in chart_text(chart, width)]
    assert lines and all(cell_len(line) <= width for line in lines)
    if width >= 30:  # room for both dates: nothing is cropped
        assert re.fullmatch(r" +\d{4}-\d\d-\d\d +2026-04-30", lines[-1])


@pytest.mark.parametrize("width", [8, 14, 20, 26, 40, 80])
def test_fit_chart_with_two_rounds_keeps_both_and_spreads_them(width: int) -> None:
    points = tuple(
        ScorePoint(dt.date(2025, month, 1), score, f"d{month}", "general", True)
        for month, score in ((3, 40), (9, 50))
    )
    few = Chances(
        stream="s",
        noc="21231",
        score=45,
        rounds=2,
        rounds_open_to_noc=2,
        rounds_noc_unknown=0,
        first=points[0].date,
        last=points[1].date,
        points=points,
        rounds_by_year=((2025, 2),),
    )
    chart = fit_chart(few, width, 5)
    assert chart is not None and len(chart.rounds) == 2
    lines = [line.plain for line in chart_text(chart, width)]
    assert lines and all(cell_len(line) <= width for line in lines)
    # Even the narrowest width here has room for a plot of two columns next to the labels.
    assert sum(line.count("●") for line in lines) == 2
    if width >= 40:
        plot = [line.split("┤", 1)[1] for line in lines if "┤" in line]
        assert max(len(p.rstrip()) for p in plot) == 1 + MAX_SPACING
