"""Adding a newly announced round, offline: checked like the bundled record, stored safely.

The user's rounds live in one file, `<user draws folder>/added.csv`; a refused change leaves
every file in that folder byte for byte as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog, load_catalog
from oinp_assistant.cli.main import main
from oinp_assistant.deadlines import compute_deadlines
from oinp_assistant.draws import COLUMNS, Draw, load_draw_file
from oinp_assistant.draws_store import (
    ADD,
    STORED_COLUMNS,
    NewRound,
    add_round,
    added_file,
    asked_fields,
    build_round,
    draw_to_row,
    export_rounds,
    import_rounds,
    new_round_problems,
    remove_round,
    render_csv,
    round_id,
)
from oinp_assistant.eligibility import check_profile
from oinp_assistant.problems import ProblemsError
from oinp_assistant.profile import Permit, Profile
from oinp_assistant.staleness import (
    INVITATIONS_PAGE,
    STALE_AFTER_DAYS,
    no_round_advice,
    staleness,
    updates_page,
)

TODAY = dt.date(2026, 12, 3)
UPDATES_2026 = "https://www.ontario.ca/page/2026-ontario-immigrant-nominee-program-updates"
OWP_HEALTH = NewRound(
    date="2026-11-20",
    stream="ontario_workforce_priority",
    label="health",
    invitations="500",
    min_score="70",
    window="2026-08-04:2026-11-15",
    nocs=("31301", "31102"),
    residence="in_canada_with_permit",
    sources=(UPDATES_2026,),
    note="typed in from the notice",
)
OWP_HEALTH_ID = "2026-11-20-ontario_workforce_priority-health"


@pytest.fixture
def folder(isolated_user_dirs: Path) -> Path:
    """The user draws folder the catalog reads (kept away from the real one by conftest)."""
    return isolated_user_dirs / "data" / "draws"


def fresh() -> Catalog:
    return load_catalog()


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in the folder, byte for byte: what a refused change must leave alone."""
    if not folder.is_dir():
        return {}
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def owp_nurse(**changes: object) -> Profile:
    """A registered nurse in the OWP pool who meets every criterion of OWP_HEALTH."""
    fields: dict[str, object] = {
        "stream": "ontario_workforce_priority",
        "noc": "31301",
        "eoi_score": 74,
        "eoi_registered": dt.date(2026, 9, 1),
        "permit": Permit(type="work", expires=dt.date(2027, 6, 30), in_canada=True),
    }
    fields.update(changes)
    return Profile.model_validate(fields)


# --- adding a round by its flags -------------------------------------------------------------


def test_an_added_round_is_stored_in_the_user_file_and_loads_back_as_typed(folder: Path) -> None:
    stored = add_round(OWP_HEALTH, fresh(), TODAY)
    path = added_file()
    assert path == folder / "added.csv"
    assert stored.origin == str(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    [draw] = [d for d in fresh().draws if d.id == OWP_HEALTH_ID]
    assert draw == stored
    assert (draw.date, draw.stream, draw.round) == (
        dt.date(2026, 11, 20),
        OWP_HEALTH.stream,
        "health",
    )
    assert (draw.invitations, draw.min_score) == (500, 70)
    assert (draw.window_start, draw.window_end) == (dt.date(2026, 8, 4), dt.date(2026, 11, 15))
    assert draw.noc_codes == ("31301", "31102")
    assert draw.residence_required == "in_canada_with_permit"
    assert draw.sources == (UPDATES_2026,) and draw.notes == "typed in from the notice"
    # one person's reading of one notice: one source, as the record counts confidence
    assert draw.confidence == "1"
    assert draw.added == TODAY and draw.added_note == "added by you on 2026-12-03"


def test_the_stored_file_has_the_bundled_columns_plus_added(folder: Path) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    header = (folder / "added.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ",".join(COLUMNS) + ",added"


def test_ids_of_added_rounds_are_derived_like_the_bundled_ids(catalog: Catalog) -> None:
    assert all(d.id == round_id(d.date, d.stream, d.round) for d in catalog.draws)
    assert round_id("2026-11-20", "ontario_workforce_priority", "health") == OWP_HEALTH_ID


def test_what_is_left_out_gets_the_safe_meaning(folder: Path) -> None:
    bare = NewRound(date="2026-11-20", stream="ontario_workforce_priority", label="general")
    draw = add_round(bare, fresh(), TODAY)
    assert draw.is_general  # no --noc: a general round
    assert draw.residence_required == "unknown"  # never a pass nobody read in a notice
    assert draw.invitations is None and draw.min_score is None
    assert draw.window_start is None and draw.window_end is None and draw.region is None
    # every round needs a source; with none given it is where OINP announces its rounds
    assert draw.sources == (INVITATIONS_PAGE,)


def test_nocs_may_come_in_one_flag_separated_by_commas(folder: Path) -> None:
    draw = add_round(replace(OWP_HEALTH, nocs=("31301, 31102", "31301")), fresh(), TODAY)
    assert draw.noc_codes == ("31301", "31102")


def test_a_second_round_is_appended_and_the_previous_file_kept_as_bak(folder: Path) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    before = (folder / "added.csv").read_bytes()
    add_round(replace(OWP_HEALTH, label="trades", nocs=("72106",)), fresh(), TODAY)
    assert (folder / "added.csv.bak").read_bytes() == before
    assert stat.S_IMODE((folder / "added.csv.bak").stat().st_mode) == 0o600
    ids = [d.id for d in fresh().draws if d.is_added]
    assert ids == [OWP_HEALTH_ID, "2026-11-20-ontario_workforce_priority-trades"]


def test_asked_without_flags_each_field_offers_its_values_and_only_safe_defaults(
    catalog: Catalog,
) -> None:
    fields = {f.flag: f for f in asked_fields(catalog, TODAY)}
    assert list(fields) == [
        "--date",
        "--stream",
        "--label",
        "--invitations",
        "--min-score",
        "--window",
        "--noc",
        "--region",
        "--residence",
        "--source",
        "--note",
    ]
    assert all(hasattr(OWP_HEALTH, f.name) for f in fields.values())
    # the only stream taking rounds on 2026-12-03
    assert fields["--stream"].default == "ontario_workforce_priority"
    assert "foreign_worker" in fields["--stream"].choices
    assert fields["--residence"].default == "unknown"
    assert fields["--source"].default == INVITATIONS_PAGE
    assert "greater_sudbury" in fields["--region"].choices
    assert fields["--date"].default is None and fields["--min-score"].default is None
    assert [f for f in fields if fields[f].required] == ["--date", "--stream", "--label"]


# --- the check uses what was added -----------------------------------------------------------


def test_check_json_finds_the_added_round_in_scope(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    profile = tmp_path / "profile.toml"
    profile.write_text(
        'stream = "ontario_workforce_priority"\nnoc = "31301"\neoi_score = 74\n'
        'eoi_registered = 2026-09-01\n\n[permit]\ntype = "work"\nexpires = 2027-06-30\n'
        "in_canada = true\n",
        encoding="utf-8",
    )
    argv = ["check", "--profile", str(profile), "--json", "--today", TODAY.isoformat()]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    [result] = data["results"]
    assert result["draw"]["id"] == OWP_HEALTH_ID
    assert result["draw"]["added"] == "2026-12-03"
    assert result["verdict"] == "in_scope", result["criteria"]


def test_an_added_owp_round_goes_through_the_same_criteria_and_sets_the_deadlines(
    folder: Path,
) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    catalog = fresh()
    [result] = check_profile(owp_nurse(), catalog, TODAY).results
    assert result.draw.id == OWP_HEALTH_ID
    assert result.verdict == "in_scope"
    [low] = check_profile(owp_nurse(eoi_score=69), catalog, TODAY).results
    assert [c.name for c in low.failed] == ["score"]
    [late] = check_profile(owp_nurse(eoi_registered=dt.date(2026, 11, 16)), catalog, TODAY).results
    assert [c.name for c in late.failed] == ["profile_window"]

    report = compute_deadlines(
        owp_nurse(), catalog, TODAY, check_profile(owp_nurse(), catalog, TODAY)
    )
    assert report.basis is not None and report.basis.hypothetical
    assert report.basis.draw_id == OWP_HEALTH_ID


# --- refusals: every problem named by its flag, nothing written -------------------------------

# (id, what changes, the flag named, words the message must contain)
BROKEN = [
    ("unknown stream", {"stream": "workforce_priority"}, "--stream", ["unknown stream"]),
    (
        "misspelt stream",
        {"stream": "ontario_workforce_priorty"},
        "--stream",
        ['Did you mean "ontario_workforce_priority"?'],
    ),
    (
        "bad date",
        {"date": "2026-11-31"},
        "--date",
        ['"2026-11-31" is not a real date: November 2026 has 30 days.', "YYYY-MM-DD"],
    ),
    ("date after today", {"date": "2026-12-04"}, "--date", ["after today (2026-12-03)"]),
    (
        "stream closed that day",
        {"stream": "foreign_worker"},
        "--date",
        ["Foreign Worker had closed by then (on 2026-05-30)"],
    ),
    (
        "stream not yet in force",
        {"date": "2026-06-01", "window": "2026-05-01:2026-06-01"},
        "--date",
        ["only came into force on 2026-06-25"],
    ),
    (
        "negative invitations",
        {"invitations": "-5"},
        "--invitations",
        ['"-5" is less than 0.', "0 or more"],
    ),
    (
        "score not a number",
        {"min_score": "high"},
        "--min-score",
        ['"high" is not a whole number.', "a whole number"],
    ),
    ("score above the grid", {"min_score": "131"}, "--min-score", ["out of 130 at most"]),
    (
        "window ends after the round",
        {"window": "2026-08-04:2026-11-21"},
        "--window",
        ["the window ends after the round's date (2026-11-20)"],
    ),
    (
        "window backwards",
        {"window": "2026-11-15:2026-08-04"},
        "--window",
        ["window_start is after window_end"],
    ),
    ("window not START:END", {"window": "2026-08-04"}, "--window", ["START:END"]),
    ("NOC not five digits", {"nocs": ("3130",)}, "--noc", ['you wrote "3130"', "five digits"]),
    (
        "NOC not in NOC 2021",
        {"nocs": ("31301", "99999")},
        "--noc",
        ['you wrote "99999"', "not a NOC 2021 unit group", "oinp noc search"],
    ),
    (
        "unknown region",
        {"region": "northern"},
        "--region",
        ['Did you mean "northern_ontario"?', "greater_sudbury"],
    ),
    (
        "unknown residence rule",
        {"residence": "in_canada_permit"},
        "--residence",
        ['Did you mean "in_canada_with_permit"?'],
    ),
    ("label with spaces", {"label": "Health Care"}, "--label", ['Did you mean "health_care"?']),
    ("no label", {"label": ""}, "--label", ["required"]),
    ("source not a web address", {"sources": ("notice.pdf",)}, "--source", ["https://"]),
]


@pytest.mark.parametrize(
    ("changes", "flag", "words"), [c[1:] for c in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_a_broken_value_is_refused_by_its_flag_and_nothing_is_written(
    folder: Path, changes: dict[str, object], flag: str, words: list[str]
) -> None:
    add_round(replace(OWP_HEALTH, label="earlier"), fresh(), TODAY)
    before = snapshot(folder)
    with pytest.raises(ProblemsError) as info:
        add_round(replace(OWP_HEALTH, **changes), fresh(), TODAY)  # type: ignore[arg-type]
    assert snapshot(folder) == before
    [problem] = info.value.problems
    assert problem.file == ADD and problem.key == flag
    for word in words:
        assert word in problem.message


def test_every_problem_is_listed_at_once(folder: Path) -> None:
    broken = replace(
        OWP_HEALTH,
        date="2026-12-20",
        invitations="-1",
        min_score="x",
        nocs=("3130", "99999"),
        region="north",
        residence="yes",
    )
    with pytest.raises(ProblemsError) as info:
        add_round(broken, fresh(), TODAY)
    flags = sorted({p.key for p in info.value.problems if p.key})
    assert flags == [
        "--date",
        "--invitations",
        "--min-score",
        "--noc",
        "--region",
        "--residence",
    ]
    assert len([p for p in info.value.problems if p.key == "--noc"]) == 2
    assert not folder.exists()


def test_a_folder_that_cannot_be_written_is_a_message_not_a_traceback(folder: Path) -> None:
    folder.parent.mkdir(parents=True)
    folder.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        add_round(OWP_HEALTH, fresh(), TODAY)
    [problem] = info.value.problems
    assert problem.file == folder / "added.csv" and "cannot write this file" in problem.message
    assert folder.read_text(encoding="utf-8") == "a file where the folder should be"


def test_a_round_already_added_is_refused_and_named(folder: Path) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    before = snapshot(folder)
    with pytest.raises(ProblemsError) as info:
        add_round(replace(OWP_HEALTH, invitations="600"), fresh(), TODAY)
    assert snapshot(folder) == before
    [problem] = info.value.problems
    assert OWP_HEALTH_ID in problem.message and str(folder / "added.csv") in problem.message
    assert f"oinp draws remove {OWP_HEALTH_ID}" in problem.message


def test_a_round_in_a_hand_written_user_file_counts_as_existing(folder: Path) -> None:
    folder.mkdir(parents=True)
    mine = folder / "mine.csv"
    mine.write_text(render_csv([typed_round()]), encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(ProblemsError) as info:
        add_round(OWP_HEALTH, fresh(), TODAY)
    assert snapshot(folder) == before
    assert str(mine) in info.value.problems[0].message


def typed_round() -> Draw:
    """OWP_HEALTH as a Draw, without storing it."""
    return build_round(OWP_HEALTH, load_catalog(user_draws_dir=Path("/nonexistent")), TODAY)


def test_a_bundled_round_is_refused_as_a_duplicate(folder: Path) -> None:
    again = NewRound(date="2026-04-30", stream="international_student", label="gta")
    with pytest.raises(ProblemsError) as info:
        add_round(again, fresh(), TODAY)
    [problem] = info.value.problems
    assert problem.key == "--label"
    assert "2026-04-30-international_student-gta, in the bundled record" in problem.message
    assert not folder.exists()


def test_the_bundled_record_passes_every_check_a_new_round_gets(catalog: Catalog) -> None:
    assert all(new_round_problems(d, catalog, TODAY) == [] for d in catalog.draws)


# --- remove ----------------------------------------------------------------------------------


def test_remove_takes_out_only_that_round_and_keeps_a_bak(folder: Path) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    only_first = (folder / "added.csv").read_bytes()
    add_round(replace(OWP_HEALTH, label="trades", nocs=("72106",)), fresh(), TODAY)
    both = (folder / "added.csv").read_bytes()

    removed = remove_round("2026-11-20-ontario_workforce_priority-trades", fresh())
    assert removed.round == "trades"
    assert (folder / "added.csv").read_bytes() == only_first
    assert (folder / "added.csv.bak").read_bytes() == both
    assert [d.id for d in fresh().draws if d.is_added] == [OWP_HEALTH_ID]


def test_remove_from_a_hand_written_file_leaves_its_other_lines_as_they_were(
    folder: Path,
) -> None:
    folder.mkdir(parents=True)
    header = ",".join(COLUMNS)
    keep = (
        "2026-11-05-ontario_workforce_priority-general,2026-11-05,ontario_workforce_priority,"
        'general,500,70,2026-08-04,2026-11-01,,,,in_canada_with_permit,1,"my note,\r\n'
        'on two lines",https://example.org/a'
    )
    drop = keep.replace("2026-11-05", "2026-11-06").replace("general,500", "general,400")
    mine = folder / "mine.csv"
    mine.write_bytes(f"{header}\r\n{keep}\r\n{drop}\r\n".encode())
    remove_round("2026-11-06-ontario_workforce_priority-general", fresh())
    assert mine.read_bytes() == f"{header}\r\n{keep}\r\n".encode()
    [left] = [d for d in fresh().draws if d.is_added]
    assert left.notes == "my note,\r\non two lines" and left.added_note == "added by you"


def test_a_bundled_round_cannot_be_removed(folder: Path) -> None:
    with pytest.raises(ProblemsError) as info:
        remove_round("2026-04-30-foreign_worker-gta", fresh())
    [problem] = info.value.problems
    assert "bundled record" in problem.message and "only rounds you added" in problem.message
    assert not folder.exists()


def test_removing_an_unknown_id_suggests_the_nearest(folder: Path) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    before = snapshot(folder)
    with pytest.raises(ProblemsError) as info:
        remove_round("2026-11-20-ontario_workforce_priority-helth", fresh())
    assert f'Did you mean "{OWP_HEALTH_ID}"?' in info.value.problems[0].message
    assert snapshot(folder) == before


# --- import and export -----------------------------------------------------------------------


def write_rows(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(**changes: str) -> dict[str, str]:
    base = draw_to_row(typed_round())
    base.update(changes)
    base["id"] = f"{base['date']}-{base['stream']}-{base['round']}"
    return base


def test_import_adds_every_round_of_a_file_in_the_bundled_columns(
    folder: Path, tmp_path: Path
) -> None:
    path = write_rows(tmp_path / "shared.csv", [row(), row(round="trades", noc_codes="72106")])
    added = import_rounds(path, fresh(), TODAY)
    assert [d.round for d in added] == ["health", "trades"]
    assert all(d.added == TODAY for d in added)  # the file had no added column
    assert [d.id for d in fresh().draws if d.is_added] == [d.id for d in added]


def test_import_is_all_or_nothing_and_names_each_bad_line(folder: Path, tmp_path: Path) -> None:
    add_round(replace(OWP_HEALTH, label="earlier"), fresh(), TODAY)
    before = snapshot(folder)
    rows = [
        row(),
        row(round="trades", noc_codes="99999"),
        row(round="late", date="2026-12-05"),
        row(round="earlier"),
    ]
    path = write_rows(tmp_path / "shared.csv", rows)
    with pytest.raises(ProblemsError) as info:
        import_rounds(path, fresh(), TODAY)
    assert snapshot(folder) == before
    where = sorted((p.line, p.key) for p in info.value.problems)
    assert where == [(3, "noc_codes"), (4, "date"), (5, "round")]
    assert all(p.file == path for p in info.value.problems)
    assert "already in the record" in info.value.problems[-1].message


def test_import_wants_derived_ids_and_each_round_once(folder: Path, tmp_path: Path) -> None:
    rows = [row(), {**row(), "id": "my-own-id"}, {**row(round="trades"), "id": "trades"}]
    path = write_rows(tmp_path / "shared.csv", rows)
    with pytest.raises(ProblemsError) as info:
        import_rounds(path, fresh(), TODAY)
    where = sorted((p.line, p.key) for p in info.value.problems)
    assert where == [(3, "id"), (3, "round"), (4, "id")]
    assert f'write "{OWP_HEALTH_ID}"' in info.value.problems[0].message
    assert "line 2 of this file" in info.value.problems[1].message
    assert not folder.exists()


def test_import_refuses_a_row_the_bundled_loader_refuses(folder: Path, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "shared.csv", [row(), row(round="x", min_score="high")])
    with pytest.raises(ProblemsError) as info:
        import_rounds(path, fresh(), TODAY)
    [problem] = info.value.problems
    assert (problem.line, problem.key) == (3, "min_score")
    assert not folder.exists()


def test_export_then_import_gives_back_the_same_rounds(folder: Path, tmp_path: Path) -> None:
    add_round(OWP_HEALTH, fresh(), TODAY)
    add_round(replace(OWP_HEALTH, label="general", nocs=(), note=""), fresh(), TODAY)
    shared = tmp_path / "out" / "mine.csv"
    exported = export_rounds(fresh(), shared)
    assert [d.round for d in exported] == ["general", "health"]
    assert shared.read_text(encoding="utf-8").splitlines()[0] == ",".join(STORED_COLUMNS)

    # on another machine (a fresh folder): the same rounds, the day they were added kept
    other = tmp_path / "elsewhere"
    imported = import_rounds(
        shared, load_catalog(user_draws_dir=other), TODAY + dt.timedelta(9), user_draws_dir=other
    )

    assert [draw_to_row(d) for d in imported] == [draw_to_row(d) for d in exported]
    assert all(d.added == TODAY for d in imported)


def test_export_of_everything_reads_back_as_the_bundled_record(
    catalog: Catalog, tmp_path: Path
) -> None:
    path = tmp_path / "all.csv"
    export_rounds(catalog, path, everything=True)
    again = load_draw_file(path, origin="bundled", known_streams=set(catalog.streams))
    assert sorted(again, key=lambda d: d.id) == sorted(catalog.draws, key=lambda d: d.id)


def test_export_of_user_rounds_leaves_out_the_bundled_ones(folder: Path, tmp_path: Path) -> None:
    assert export_rounds(fresh(), tmp_path / "none.csv") == []
    assert (tmp_path / "none.csv").read_text(encoding="utf-8") == ",".join(STORED_COLUMNS) + "\n"


def test_files_written_before_the_added_column_keep_loading(folder: Path) -> None:
    folder.mkdir(parents=True)
    old = {k: v for k, v in row().items() if k != "added"}
    write_rows(folder / "old.csv", [old])
    [draw] = [d for d in fresh().draws if d.is_added]
    assert draw.added is None and draw.added_note == "added by you"


# --- staleness -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("days", "stale"), [(STALE_AFTER_DAYS, False), (STALE_AFTER_DAYS + 1, True)]
)
def test_the_record_is_called_stale_after_45_days(catalog: Catalog, days: int, stale: bool) -> None:
    checked = catalog.meta.checked_through
    assert checked == dt.date(2026, 10, 3)
    state = staleness(catalog, checked + dt.timedelta(days=days))
    assert state.days == days and state.is_stale is stale
    note = state.note()
    if not stale:
        assert note is None
        return
    assert note is not None
    assert "46 days old" in note and "2026-10-03" in note
    assert INVITATIONS_PAGE in note and UPDATES_2026 in note
    assert "`oinp draws add`" in note


def test_the_advice_names_the_years_updates_page_and_the_apps_own_key(catalog: Catalog) -> None:
    state = staleness(catalog, dt.date(2027, 1, 20))
    assert state.pages == (INVITATIONS_PAGE, updates_page(2027))
    assert "press a on the Draws screen" in state.advice("press a on the Draws screen")
    assert updates_page(2026) == UPDATES_2026


def test_a_round_added_today_counts_as_a_fresh_look(folder: Path) -> None:
    assert staleness(fresh(), TODAY).is_stale
    add_round(OWP_HEALTH, fresh(), TODAY)
    state = staleness(fresh(), TODAY)
    assert state.last_added == TODAY and state.days == 0 and not state.is_stale
    assert "you last added a round on 2026-12-03" in state.advice()


def test_an_owp_check_ends_with_the_advice_while_no_owp_round_is_in_the_record(
    folder: Path,
) -> None:
    advice = no_round_advice(fresh(), "ontario_workforce_priority", TODAY)
    assert advice is not None and INVITATIONS_PAGE in advice and "oinp draws add" in advice
    assert no_round_advice(fresh(), "foreign_worker", TODAY) is None
    add_round(OWP_HEALTH, fresh(), TODAY)
    assert no_round_advice(fresh(), "ontario_workforce_priority", TODAY) is None
