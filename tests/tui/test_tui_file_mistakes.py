"""The app shows a mistake in a file in the very words `oinp profile validate` prints: the
problems come from one place (problems.py), and no screen words them again."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from oinp_assistant import locations
from oinp_assistant.cli.main import main
from oinp_assistant.draws import COLUMNS
from oinp_assistant.tui.app import OinpApp
from oinp_assistant.tui.screens.problems import ProblemsScreen

from .conftest import TODAY, running

SYNTAX = 'stream = "foreign_worker"\neoi_registered = 2026-13-01\nnoc = "21231\nx = [1,'


def cli_lines(path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The problem lines `oinp profile validate` prints, without their indent."""
    assert main(["profile", "validate", "--profile", str(path)]) == 2
    err = capsys.readouterr().err.splitlines()
    return [line.strip() for line in err[1:]]


def shown(app: OinpApp) -> list[str]:
    assert isinstance(app.screen, ProblemsScreen)
    lines = [str(s.render()) for s in app.screen.query(".problem")]
    return [line.split(". ", 1)[1] for line in lines]  # "1. " numbers the list


async def test_toml_mistakes_read_the_same_in_the_app_as_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(SYNTAX, encoding="utf-8")
    expected = cli_lines(path, capsys)
    assert [line.split(": ", 1)[0].rsplit(", ", 1)[1] for line in expected] == [
        "line 2",
        "line 3",
        "line 4",
    ]
    assert "2026-13-01 is not a real date: there is no month 13" in expected[0]
    app = OinpApp(path, export_dir=tmp_path, today=TODAY)
    async with running(app):
        assert shown(app) == expected


async def test_a_bad_row_in_the_users_draws_file_reads_the_same_in_the_app(
    tmp_path: Path, profile_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = locations.user_draws_dir()
    folder.mkdir(parents=True)
    with (folder / "added.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerow(
            {
                "id": "x1",
                "date": "2026-02-30",
                "stream": "ontario_workforce_priority",
                "round": "general",
                "residence_required": "in_canada_with_permit",
                "confidence": "1",
                "sources": "https://www.ontario.ca/page/ontario-immigrant-nominee-program",
            }
        )
    expected = cli_lines(profile_file, capsys)
    assert expected == [
        f'{folder / "added.csv"}, line 2, date: "2026-02-30" is not a real date: February '
        "2026 has 28 days; write YYYY-MM-DD (draw x1)."
    ]
    app = OinpApp(
        profile_file, export_dir=tmp_path, today=TODAY
    )  # no catalog given: it loads the user's
    async with running(app):
        assert shown(app) == expected


async def test_a_problem_in_the_draws_file_is_not_sent_to_the_profile_editor(
    tmp_path: Path, profile_file: Path
) -> None:
    """The raw editor on the right holds the profile: where the problems are in another file
    the hint says so and how to fix that one (the app does not watch it: r reads it again),
    instead of 'fix them in the file on the right'."""
    folder = locations.user_draws_dir()
    folder.mkdir(parents=True)
    added = folder / "added.csv"
    added.write_text(",".join(COLUMNS) + "\nx1,2026-02-30\n", encoding="utf-8")
    app = OinpApp(profile_file, export_dir=tmp_path, today=TODAY)
    async with running(app) as pilot:
        assert isinstance(app.screen, ProblemsScreen)
        hint = " ".join(str(app.screen.query_one(".hint").render()).split())
        assert "Fix them in the file on the right" not in hint
        assert hint == (
            f"These problems are in {added}, not in the profile on the right: fix them in "
            "your own editor, then press r (the assistant does not watch that file)."
        )
        added.write_text(",".join(COLUMNS) + "\n", encoding="utf-8")  # the row removed
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, ProblemsScreen)


async def test_a_problem_in_the_profile_keeps_the_hint_about_the_file_on_the_right(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(SYNTAX, encoding="utf-8")
    app = OinpApp(path, export_dir=tmp_path, today=TODAY)
    async with running(app):
        hint = " ".join(str(app.screen.query_one(".hint").render()).split())
        assert hint.startswith("Fix them in the file on the right and press ctrl+s")


async def test_ctrl_q_with_unsaved_text_in_the_raw_editor_warns_first(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    path = tmp_path / "profile.toml"
    path.write_text(SYNTAX, encoding="utf-8")
    app = OinpApp(path, export_dir=tmp_path, today=TODAY)
    async with running(app) as pilot:
        editor = app.screen.query_one("#raw-editor", TextArea)
        editor.text = 'stream = "foreign_worker"\n'
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
        assert path.read_text(encoding="utf-8") == SYNTAX


async def test_ctrl_q_quits_at_once_when_the_raw_editor_holds_the_file_as_it_is(
    tmp_path: Path,
) -> None:
    # Windows line ends: the editor holds the text with its own, and nothing was typed.
    path = tmp_path / "profile.toml"
    path.write_bytes(b'stream = "nope"\r\nnoc = "1"\r\n')
    app = OinpApp(path, export_dir=tmp_path, today=TODAY)
    async with running(app) as pilot:
        assert isinstance(app.screen, ProblemsScreen)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0
