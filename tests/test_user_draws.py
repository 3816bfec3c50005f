"""Draws a user adds on top of the bundled record: validated alike, and always told apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from oinp_assistant.catalog import load_catalog
from oinp_assistant.cli.main import main
from oinp_assistant.draws import COLUMNS

HEADER = ",".join(COLUMNS)
NEW_ROUND = (
    "2026-11-05-ontario_workforce_priority-general,2026-11-05,ontario_workforce_priority,"
    "general,500,70,2026-08-04,2026-11-01,,,,in_canada_with_permit,1,my note,"
    "https://example.org/notice\n"
)


@pytest.fixture
def user_draws(isolated_user_dirs: Path) -> Path:
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    return folder


def test_an_added_round_newer_than_the_record_is_named_as_the_users(user_draws: Path) -> None:
    (user_draws / "mine.csv").write_text(HEADER + "\n" + NEW_ROUND)
    catalog = load_catalog()
    assert catalog.newest_draw is not None and catalog.newest_draw.isoformat() == "2026-11-05"
    text = catalog.freshness()
    assert "newest round 2026-11-05, with 1 round you added" in text
    assert "checked against its sources through 2026-10-03" in text


def test_draws_show_says_which_file_a_round_came_from(
    user_draws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_draws / "mine.csv").write_text(HEADER + "\n" + NEW_ROUND)
    assert main(["draws", "show", "2026-11-05-ontario_workforce_priority-general"]) == 0
    # A hand-written file has no `added` column: no day to give, but the file is named.
    assert f"added by you, stored in: {user_draws / 'mine.csv'}" in capsys.readouterr().out


def test_an_owp_profile_is_checked_against_an_added_round(
    user_draws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_draws / "mine.csv").write_text(HEADER + "\n" + NEW_ROUND)
    profile = tmp_path / "p.toml"
    profile.write_text('stream = "ontario_workforce_priority"\neoi_score = 69\n')
    assert main(["check", "--profile", str(profile), "--today", "2026-11-26"]) == 0
    out = capsys.readouterr().out
    assert "Ontario Workforce Priority, general round" in out
    assert "Your score 69 was 1 point below the minimum of 70." in out


def test_a_file_without_the_header_gets_one_message_listing_what_is_missing(
    user_draws: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (user_draws / "bad.csv").write_text("date,stream\n2026-11-05,foreign_worker\n")
    assert main(["draws", "list"]) == 2
    err = capsys.readouterr().err
    assert "1 problem found" in err
    assert f"{user_draws / 'bad.csv'}, line 1" in err and '"min_score"' in err


def test_noc_search_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["noc", "search", "welder", "--limit", "0"])
    assert exit_info.value.code == 2
    assert "1 or more" in capsys.readouterr().err
