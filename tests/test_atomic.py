"""Writes never lose the user's file: temp file + fsync + rename, NAME.bak kept, owner-only.

Rules: DESIGN.md section 3 (atomic writes, previous version as NAME.bak, files readable by the
owner only) and the profile_store promise that a save changing one field changes one line.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest

from oinp_assistant.atomic import backup_path, write_atomic
from oinp_assistant.problems import ProblemsError
from oinp_assistant.profile import Permit, Profile, parse_profile_text
from oinp_assistant.profile_store import (
    profile_template,
    render_profile,
    save_profile,
    write_new_profile,
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_is_created_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    write_atomic(path, "a = 1\n")
    assert path.read_text() == "a = 1\n"
    assert mode(path) == 0o600


def test_new_file_is_owner_only_even_with_a_permissive_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        write_atomic(tmp_path / "f", b"x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "f") == 0o600


def test_missing_folders_are_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "profile.toml"
    write_atomic(path, "x")
    assert path.read_text() == "x"


def test_replacing_keeps_the_previous_version_as_bak_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("old\n")
    path.chmod(0o644)
    write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert mode(path) == 0o600
    bak = backup_path(path)
    assert bak == tmp_path / "profile.toml.bak"
    assert bak.read_text() == "old\n"
    assert mode(bak) == 0o600


def test_bak_holds_only_the_version_just_replaced(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    for text in ("one", "two", "three"):
        write_atomic(path, text)
    assert path.read_text() == "three"
    assert backup_path(path).read_text() == "two"


def test_no_bak_when_asked_not_to_keep_one(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_text("old")
    write_atomic(path, "new", keep_backup=False)
    assert not backup_path(path).exists()


def test_bytes_are_written_as_given(tmp_path: Path) -> None:
    write_atomic(tmp_path / "f.ics", b"BEGIN:VCALENDAR\r\n")
    assert (tmp_path / "f.ics").read_bytes() == b"BEGIN:VCALENDAR\r\n"


def test_failed_rename_leaves_the_original_intact_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "profile.toml"
    path.write_text("precious\n")

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("oinp_assistant.atomic.os.replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "half-written\n")
    assert path.read_text() == "precious\n"
    leftovers = {p.name for p in tmp_path.iterdir()} - {"profile.toml", "profile.toml.bak"}
    assert leftovers == set()


def test_failed_write_leaves_no_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "profile.toml"

    def broken_fsync(fd: int) -> None:
        raise OSError("I/O error")

    monkeypatch.setattr("oinp_assistant.atomic.os.fsync", broken_fsync)
    with pytest.raises(OSError):
        write_atomic(path, "x")
    assert list(tmp_path.iterdir()) == []


def test_successful_write_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    write_atomic(path, "one")
    write_atomic(path, "two")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["profile.toml", "profile.toml.bak"]


# --- profiles ------------------------------------------------------------------------------

# The same hand-commented file the app's tests open (tests/fixtures/commented_profile.toml).
COMMENTED = (Path(__file__).parent / "fixtures" / "commented_profile.toml").read_text(
    encoding="utf-8"
)


def _changed_lines(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.splitlines(), after.splitlines()
    assert len(a) == len(b), after
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


def test_save_changing_the_score_changes_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED)
    profile = parse_profile_text(COMMENTED, path)
    save_profile(path, profile.model_copy(update={"eoi_score": 61}))
    assert _changed_lines(COMMENTED, path.read_text()) == [("eoi_score = 57", "eoi_score = 61")]
    assert backup_path(path).read_text() == COMMENTED
    assert mode(path) == 0o600


def test_save_keeps_a_trailing_comment_on_the_changed_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    text = COMMENTED.replace("eoi_score = 57", "eoi_score = 57  # was 52 before my CLB test")
    path.write_text(text)
    profile = parse_profile_text(text, path)
    save_profile(path, profile.model_copy(update={"eoi_score": 61}))
    assert _changed_lines(text, path.read_text()) == [
        (
            "eoi_score = 57  # was 52 before my CLB test",
            "eoi_score = 61  # was 52 before my CLB test",
        )
    ]


def test_save_without_changes_rewrites_the_same_text(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED)
    save_profile(path, parse_profile_text(COMMENTED, path))
    assert path.read_text() == COMMENTED


def test_save_changing_a_permit_field_changes_only_that_line(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED)
    profile = parse_profile_text(COMMENTED, path)
    new_permit = Permit(type="work", expires=dt.date(2028, 1, 31), in_canada=True)
    save_profile(path, profile.model_copy(update={"permit": new_permit}))
    assert _changed_lines(COMMENTED, path.read_text()) == [
        ("expires = 2027-01-31", "expires = 2028-01-31")
    ]


def test_save_adding_an_invitation_appends_a_table_and_parses_back(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED)
    profile = parse_profile_text(COMMENTED, path)
    invited = Profile.model_validate(
        {**profile.model_dump(), "invitation": {"date": dt.date(2026, 4, 30)}}
    )
    save_profile(path, invited)
    text = path.read_text()
    assert text.startswith(COMMENTED.rstrip("\n"))
    assert "[invitation]" in text
    assert parse_profile_text(text, path) == invited


def test_save_removing_a_field_drops_its_line_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED)
    profile = parse_profile_text(COMMENTED, path)
    save_profile(path, profile.model_copy(update={"job_region": None}))
    text = path.read_text()
    assert "job_region" not in text
    assert "# My OINP profile. Keep this comment!" in text and "# my PGWP" in text
    assert parse_profile_text(text, path).job_region is None


def test_save_of_a_new_profile_writes_valid_toml(tmp_path: Path) -> None:
    path = tmp_path / "new" / "profile.toml"
    profile = Profile(stream="ontario_workforce_priority", eoi_score=80)
    save_profile(path, profile)
    assert parse_profile_text(path.read_text(), path) == profile
    assert render_profile(profile) == path.read_text()
    assert mode(path) == 0o600


def test_profile_init_never_overwrites_an_existing_profile(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    write_new_profile(path, profile_template())
    assert mode(path) == 0o600
    with pytest.raises(ProblemsError) as info:
        write_new_profile(path, "stream = 'x'\n")
    assert "left untouched" in info.value.problems[0].message
    assert path.read_text() == profile_template()


def test_save_over_a_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.encode())
    profile = parse_profile_text(COMMENTED, path)
    save_profile(path, profile.model_copy(update={"eoi_score": 61}))
    assert _changed_lines(COMMENTED, path.read_text()) == [("eoi_score = 57", "eoi_score = 61")]


# --- symlinks: the link stays a link --------------------------------------------------------


def test_write_through_a_symlink_keeps_the_link_and_updates_its_target(tmp_path: Path) -> None:
    real_dir = tmp_path / "dotfiles"
    real_dir.mkdir()
    target = real_dir / "profile.toml"
    target.write_text("old\n")
    link_dir = tmp_path / "config"
    link_dir.mkdir()
    link = link_dir / "profile.toml"
    link.symlink_to(target)

    write_atomic(link, "new\n")

    assert link.is_symlink()
    assert os.readlink(link) == str(target)
    assert target.read_text() == "new\n" and link.read_text() == "new\n"
    assert mode(target) == 0o600
    # the backup sits next to the file that was replaced, not next to the link
    assert (real_dir / "profile.toml.bak").read_text() == "old\n"
    assert sorted(p.name for p in real_dir.iterdir()) == ["profile.toml", "profile.toml.bak"]
    assert [p.name for p in link_dir.iterdir()] == ["profile.toml"]


def test_write_through_a_relative_symlink_keeps_it_relative(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "cal.ics"
    target.write_bytes(b"one")
    link = tmp_path / "cal.ics"
    link.symlink_to(Path("real") / "cal.ics")

    write_atomic(link, b"two")
    write_atomic(link, b"three")

    assert os.readlink(link) == os.path.join("real", "cal.ics")
    assert target.read_bytes() == b"three"
    assert backup_path(target).read_bytes() == b"two"
    assert not backup_path(link).exists()


def test_saving_a_symlinked_profile_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "synced" / "profile.toml"
    target.parent.mkdir()
    target.write_text(COMMENTED)
    link = tmp_path / "profile.toml"
    link.symlink_to(target)
    profile = parse_profile_text(link.read_text(), link)

    save_profile(link, profile.model_copy(update={"eoi_score": 61}))

    assert link.is_symlink()
    assert _changed_lines(COMMENTED, target.read_text()) == [("eoi_score = 57", "eoi_score = 61")]
    assert backup_path(target).read_text() == COMMENTED
