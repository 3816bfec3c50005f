"""One story per fact: a closed stream, the pool end and rounds before the EOI are computed once
in the domain and worded the same by `check`, `chances`, `deadlines` and `profile show`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.cli.main import main
from oinp_assistant.deadlines import eoi_pool
from oinp_assistant.eligibility import check_draw
from oinp_assistant.insights import chances
from oinp_assistant.profile import Profile

D = dt.date
TODAY = D(2026, 12, 3)
CLOSED_IS = Profile(
    stream="international_student",
    noc="21231",
    eoi_score=60,
    eoi_registered=D(2026, 1, 20),
    job_region="gta",
)
CLOSED_IS_TOML = (
    'stream = "international_student"\nnoc = "21231"\neoi_score = 60\n'
    'eoi_registered = 2026-01-20\njob_region = "gta"\n'
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main([*argv, "--today", TODAY.isoformat()]) == 0
    return capsys.readouterr().out


def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(CLOSED_IS_TOML, encoding="utf-8")
    return path


# --- a round held before the EOI existed ------------------------------------------------------


def test_a_round_before_the_eoi_existed_says_so_once(catalog: Catalog) -> None:
    draw = next(d for d in catalog.draws_for("international_student") if d.date < D(2026, 1, 1))
    result = check_draw(CLOSED_IS, draw, catalog)
    saying = [c for c in result.criteria if "did not exist yet" in c.detail]
    assert [c.name for c in saying] == ["eoi_validity"]
    # the window's cut-off would say the same thing again in other words
    assert "profile_window" not in [c.name for c in result.criteria]
    assert result.verdict == "out_of_scope"


def test_a_round_after_the_eoi_existed_keeps_its_window_criterion(catalog: Catalog) -> None:
    draw = next(d for d in catalog.draws_for("international_student") if d.date > D(2026, 2, 1))
    names = [c.name for c in check_draw(CLOSED_IS, draw, catalog).criteria]
    assert "profile_window" in names and "eoi_validity" in names


# --- chances of a closed stream ----------------------------------------------------------------


def test_chances_of_a_closed_stream_say_first_that_it_closed(catalog: Catalog) -> None:
    summary = chances(CLOSED_IS, catalog, TODAY).summary()
    assert summary[0].startswith("International Student closed on 2026-05-30.")
    assert "predicts nothing now" in summary[0]
    assert not any(word in " ".join(summary) for word in ("(rising)", "(falling)", "(flat)"))


def test_chances_count_only_rounds_the_eoi_could_have_been_in(catalog: Catalog) -> None:
    result = chances(CLOSED_IS, catalog, TODAY)
    for point in result.possible():
        draw = next(d for d in catalog.draws if d.id == point.draw_id)
        assert (draw.window_end or draw.date) >= D(2026, 1, 20)
    left_out = [p for p in result.points if p.open_to_noc and not p.could_include]
    assert left_out, "the record has International Student rounds before 2026-01-20"
    assert any(
        f"{len(left_out)} rounds open to your occupation were not counted" in line
        for line in result.summary()
    )


def test_chances_of_an_open_stream_do_not_say_closed(catalog: Catalog) -> None:
    open_fw = CLOSED_IS.model_copy(update={"stream": "foreign_worker"})
    assert "closed" not in chances(open_fw, catalog, D(2026, 5, 1)).summary()[0]


# --- the pool end, one answer for every command -------------------------------------------------


def test_pool_end_of_a_closed_stream_is_unknown_everywhere(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, catalog: Catalog
) -> None:
    pool = eoi_pool(CLOSED_IS, catalog, TODAY)
    assert pool is not None and pool.kind == "closed" and pool.date is None
    path = str(profile_file(tmp_path))
    shown = run(capsys, "profile", "show", "--profile", path)
    assert "in the pool" not in shown and pool.phrase in shown
    deadlines = run(capsys, "deadlines", "--profile", path)
    assert "Last day of your EOI" not in deadlines and "no EOI expiry is shown" in deadlines
    data = json.loads(run(capsys, "profile", "show", "--json", "--profile", path))
    assert data["eoi_pool"] == {"state": "closed", "last_day": None, "sentence": pool.sentence}


def test_pool_end_of_an_open_stream_is_the_deadline_date(catalog: Catalog) -> None:
    fw = CLOSED_IS.model_copy(update={"stream": "foreign_worker"})
    pool = eoi_pool(fw, catalog, D(2026, 5, 1))
    assert pool is not None and pool.kind == "in_pool" and pool.date == D(2027, 1, 20)
    assert pool.phrase == "in the pool through 2027-01-20"


# --- --all-streams ------------------------------------------------------------------------------


def test_all_streams_starts_with_a_summary_per_stream(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = run(capsys, "check", "--all-streams", "--profile", str(profile_file(tmp_path)))
    head, _, rounds = out.partition("Newest first:")
    assert "Summary by stream:" in head
    assert "Foreign Worker" in head and "International Student" in head
    assert "Summary by stream:" not in rounds


def test_one_stream_has_no_summary(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = run(capsys, "check", "--profile", str(profile_file(tmp_path)))
    assert "Summary by stream:" not in out
