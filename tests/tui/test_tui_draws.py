"""Draws: the table, filtering by stream and words, and one round's criteria and sources."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.text import Text
from textual.widgets import DataTable, Input, Select, Static

from oinp_assistant.catalog import Catalog
from oinp_assistant.eligibility import CRITERIA
from oinp_assistant.tui import display
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.draw_detail import DrawDetailScreen
from oinp_assistant.tui.screens.draw_detail import sources as draw_sources
from oinp_assistant.tui.screens.draws import DrawsScreen
from oinp_assistant.tui.screens.help import HelpScreen

from .conftest import painted_lines, ready, running, wait_until, write_from_outside


def row_keys(app: OinpApp) -> list[str]:
    table = app.screen.query_one("#draws-table", DataTable)
    return [str(row.key.value) for row in table.ordered_rows]


async def test_table_lists_every_draw_newest_first(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with running(app, "w"):
        assert isinstance(app.screen, DrawsScreen)
        assert row_keys(app) == [d.id for d in catalog.draws_for()]
        table = app.screen.query_one("#draws-table", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[0] == "2026-04-30"
        assert "in scope" in first[1] or "out of scope" in first[1]


async def test_filter_by_stream_and_text(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with running(app, "w") as pilot:
        app.screen.query_one("#stream-filter", Select).value = "masters_graduate"
        await pilot.pause()
        assert row_keys(app) == [d.id for d in catalog.draws_for("masters_graduate")]
        app.screen.query_one("#stream-filter", Select).value = "__all__"
        await pilot.pause()
        # Typing in the filter field, by keyboard.
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"northern 2026")
        await pilot.pause()
        keys = row_keys(app)
        assert keys and all("northern" in k and k.startswith("2026") for k in keys)
        count = str(app.screen.query_one("#draws-count", Static).render())
        assert count.startswith(f"{len(keys)} of {len(catalog.draws)} rounds")
        await pilot.press("enter")  # back to the table
        assert isinstance(app.focused, DataTable)


def link_targets(text: Text) -> list[str]:
    """The URLs behind the links in `text`, in order."""
    return [s.style.link for s in text.spans if not isinstance(s.style, str) and s.style.link]


async def test_selecting_a_draw_shows_criteria_occupations_and_sources(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with running(app, "w") as pilot:
        await pilot.press("enter")  # the newest round: 2026-04-30 Foreign Worker GTA
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DrawDetailScreen)
        assert screen.result.draw.id == "2026-04-30-foreign_worker-gta"
        criteria = str(screen.query_one("#draw-criteria", Static).render())
        for criterion in screen.result.criteria:
            assert criterion.detail in criteria
        for name in CRITERIA:
            assert name.replace("_", " ") in criteria
        assert criteria.count("✔ pass") == len(CRITERIA)
        nocs = str(screen.query_one("#draw-nocs", Static).render())
        assert "★ 21231 Software engineers and designers  ← yours" in nocs
        for code in screen.result.draw.noc_codes or ():
            assert f"{code} {catalog.occupation_title(code)}" in nocs
        sources_card = screen.query_one("#draw-sources", Static)
        sources = str(sources_card.render())
        assert "Confidence: " in sources
        assert sources_card.border_title == "Sources and research notes"
        # One short label a line; the full URL is the link behind it, never broken.
        shown = draw_sources(screen.result)
        assert link_targets(shown) == list(screen.result.draw.sources)
        for line in shown.plain.splitlines():
            assert len(line) <= 80 or not line.startswith("• ")
        assert str(shown.plain) == sources
        assert "Research notes: " in sources and screen.result.draw.notes in sources
        required = str(screen.query_one("#draw-required", Static).render())
        assert "Only for jobs in the Greater Toronto Area (City of Toronto included)." in required
        assert "in_canada_with_permit" not in required and "valid work or study permit" in required
        assert screen.result.draw.notes not in required
        await pilot.press("escape")
        assert isinstance(app.screen, DrawsScreen)


async def test_every_column_fits_80_columns_and_nothing_is_cut_silently(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with running(app, "w", size=(80, 24)) as pilot:
        table = app.screen.query_one("#draws-table", DataTable)
        labels = [str(column.label) for column in table.ordered_columns]
        assert labels == ["Date", "Verdict", "Stream", "Round", "Invited", "Min"]
        used = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert used <= table.scrollable_content_region.width
        # Short stream names; the full label of every round, or one that ends in "…".
        by_id = {d.id: d for d in catalog.draws}
        for row in table.ordered_rows:
            draw = by_id[str(row.key.value)]
            cells = [str(cell) for cell in table.get_row(row.key)]
            assert cells[2] == display.stream_short(draw.stream)
            assert len(cells[2]) <= 9
            assert cells[3] == draw.label or (
                cells[3].endswith("…") and draw.label.startswith(cells[3][:-1])
            )
        # The longest label is cut with a mark, and the round's own screen shows it whole.
        longest = max(catalog.draws, key=lambda d: len(d.label))
        # an index, not the loop's Row above
        index = table.get_row_index(longest.id)
        assert str(table.get_row_at(index)[3]).endswith("…")
        table.move_cursor(row=index)
        await pilot.press("enter")
        await pilot.pause()
        facts = str(app.screen.query_one("#draw-facts", Static).render())
        assert longest.label in facts
        assert catalog.stream_name(longest.stream) in facts


async def test_the_stream_filter_names_streams_in_full_with_their_short_names(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "w", size=(140, 40)):
        select = app.screen.query_one("#stream-filter", Select)
        options = [str(prompt) for prompt, _ in select._options]
        assert "Foreign Worker (FW)" in options
        assert "French-Speaking Skilled Worker (French SW)" in options
        # Wide: the longest round label has room, whole.
        table = app.screen.query_one("#draws-table", DataTable)
        assert not any(str(table.get_row_at(i)[3]).endswith("…") for i in range(table.row_count))


async def test_the_draws_say_how_fresh_the_data_is(
    build_app: Callable[..., OinpApp], profile_file: Path, catalog: Catalog
) -> None:
    app = build_app(profile_file)
    async with running(app, "w", size=(80, 24)):
        fresh = app.screen.query_one("#draws-freshness", Static)
        assert str(fresh.render()) == catalog.freshness()
        assert fresh.region.height >= 1 and fresh.region.bottom <= 23


async def test_a_round_with_conditions_points_to_its_sources_in_the_apps_words(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "w") as pilot:
        table = app.screen.query_one("#draws-table", DataTable)
        table.move_cursor(row=table.get_row_index("2026-04-08-foreign_worker-french_speaking"))
        await pilot.press("enter")
        await pilot.pause()
        criteria = str(app.screen.query_one("#draw-criteria", Static).render())
        assert "? unknown  other conditions:" in criteria
        assert "(listed in its sources)" in criteria
        assert "`oinp" not in criteria


async def test_every_column_still_fits_after_the_terminal_got_narrower(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "w", size=(140, 40)) as pilot:
        await pilot.press("down", "down")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        table = app.screen.query_one("#draws-table", DataTable)
        used = sum(column.get_render_width(table) for column in table.ordered_columns)
        assert used <= table.scrollable_content_region.width
        assert table.cursor_row == 2  # the row the user was on


def first_row_on_screen(app: OinpApp) -> str:
    """The first round as the table is painted (the line under the header)."""
    lines = painted_lines(app)
    header = next(i for i, line in enumerate(lines) if "Verdict" in line and "Round" in line)
    return lines[header + 1]


async def test_rows_are_painted_in_full_however_the_table_was_reached(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    """Once cut to "2026 ✘ out o FW Centr" after a reload under another screen, or a key
    pressed during start-up: the columns are measured whenever the table is filled."""
    app = build_app(profile_file, poll_interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")  # during start-up, before the data is loaded
        await ready(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, DrawsScreen))
        await pilot.pause()
        assert "2026-04-30  ✔ in scope" in first_row_on_screen(app)
        await pilot.press("h")
        await pilot.pause()
        text = profile_file.read_text().replace("eoi_score = 57", "eoi_score = 58")
        write_from_outside(profile_file, text)
        await wait_until(
            pilot, lambda: app.session is not None and app.session.profile.eoi_score == 58
        )
        await pilot.press("w")
        await pilot.pause()
        await pilot.pause()
        row = first_row_on_screen(app)
        assert "2026-04-30  ✔ in scope" in row and "GTA" in row, row


async def test_f1_on_the_draws_lists_enter_and_the_verdict_symbols(
    build_app: Callable[..., OinpApp], profile_file: Path
) -> None:
    app = build_app(profile_file)
    async with running(app, "w", "f1") as pilot:
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows
        assert ("this screen", "enter", "Open the round under the cursor, in full") in rows
        assert not any(what == "Select" for _, _, what in rows)  # the table's vague name
        legend = str(app.screen.query_one("#help-legend", Static).render())
        for symbol, words in (("✔", "in scope"), ("✘", "out of scope"), ("?", "unknown")):
            assert f"{symbol} {words}" in legend
        await pilot.press("escape")
        assert isinstance(app.screen, DrawsScreen)
