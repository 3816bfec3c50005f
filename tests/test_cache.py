"""The cache of validated bundled data and of the checked profile: used when what they were
built from is unchanged, rebuilt otherwise, and never a source of errors."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest

from oinp_assistant import cache, catalog, data_files, locations, profile
from oinp_assistant.grid import load_grid
from oinp_assistant.problems import ProblemsError
from oinp_assistant.requirements import load_pathways


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the bundled data that a test may change."""
    copy = tmp_path / "data"
    shutil.copytree(locations.bundled_data_dir(), copy)
    return copy


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setattr(locations, "cache_dir", lambda: folder)
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Each validation of the bundled files, by data folder."""
    seen: list[Path] = []
    real = catalog._validate_bundled

    def counting(data_dir: Path) -> catalog.Bundled:
        seen.append(data_dir)
        return real(data_dir)

    monkeypatch.setattr(catalog, "_validate_bundled", counting)
    return seen


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("bundled-*.pickle"))


def test_the_bundled_data_is_validated_once_then_read_from_the_cache(
    data_dir: Path, cache_dir: Path, validations: list[Path]
) -> None:
    first = catalog.load_bundled(data_dir)
    again = catalog.load_bundled(data_dir)
    assert validations == [data_dir]
    assert again == first
    [entry] = entries(cache_dir)
    assert entry.stat().st_mode & 0o777 == 0o600


def test_a_changed_data_file_invalidates_the_cache(
    data_dir: Path, cache_dir: Path, validations: list[Path]
) -> None:
    before = catalog.load_bundled(data_dir)
    draws = data_dir / "draws.csv"
    lines = draws.read_text(encoding="utf-8").splitlines(keepends=True)
    draws.write_text("".join(lines[:-1]), encoding="utf-8")  # the last round taken out

    after = catalog.load_bundled(data_dir)
    assert len(validations) == 2
    assert len(after.draws) == len(before.draws) - 1
    assert len(entries(cache_dir)) == 1, "the entry for the old data is removed"


def test_an_invalid_changed_file_is_reported_not_hidden_by_the_cache(
    data_dir: Path, cache_dir: Path
) -> None:
    catalog.load_bundled(data_dir)
    draws = data_dir / "draws.csv"
    draws.write_text(draws.read_text(encoding="utf-8").replace(",2+,", ",many,", 1), "utf-8")
    with pytest.raises(ProblemsError):
        catalog.load_bundled(data_dir)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle at all", b"\x80\x05K\x01."],  # empty, garbage, a pickle of another type
    ids=["empty", "garbage", "wrong-type"],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(
    data_dir: Path, cache_dir: Path, validations: list[Path], damage: bytes
) -> None:
    expected = catalog.load_bundled(data_dir)
    [entry] = entries(cache_dir)
    entry.write_bytes(damage)

    assert catalog.load_bundled(data_dir) == expected
    assert len(validations) == 2
    assert catalog.load_bundled(data_dir) == expected
    assert len(validations) == 2, "the rebuilt entry is used again"


def test_a_cache_file_others_can_write_is_not_trusted(
    data_dir: Path, cache_dir: Path, validations: list[Path]
) -> None:
    catalog.load_bundled(data_dir)
    [entry] = entries(cache_dir)
    os.chmod(entry, 0o666)
    catalog.load_bundled(data_dir)
    assert len(validations) == 2


def test_a_symlink_planted_under_an_entrys_name_is_replaced_never_written_through(
    data_dir: Path, cache_dir: Path, tmp_path: Path
) -> None:
    """Someone who can write in the cache folder (a shared XDG_CACHE_HOME, a folder left open
    to others) plants the next entry's name as a link to one of the user's files: the pickle
    must take the name's place, not overwrite the file the link points to."""
    files = [data_dir / name for name in catalog.BUNDLED_FILES]
    entry = cache.cache_file("bundled", cache.content_key(files, code=cache.program_modules()))
    precious = tmp_path / "precious.txt"
    precious.write_text("the user's own file\n", encoding="utf-8")
    cache_dir.mkdir()
    entry.symlink_to(precious)

    first = catalog.load_bundled(data_dir)

    assert precious.read_text(encoding="utf-8") == "the user's own file\n"
    assert not entry.is_symlink() and entry.stat().st_mode & 0o777 == 0o600
    assert catalog.load_bundled(data_dir) == first


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_under_an_entrys_name_is_passed_over_without_waiting_for_a_writer(
    data_dir: Path, cache_dir: Path
) -> None:
    """Opening a FIFO for reading waits for a writer that may never come: the command would
    hang before it printed anything."""
    files = [data_dir / name for name in catalog.BUNDLED_FILES]
    entry = cache.cache_file("bundled", cache.content_key(files, code=cache.program_modules()))
    cache_dir.mkdir()
    os.mkfifo(entry)
    loaded: list[catalog.Bundled] = []
    worker = threading.Thread(target=lambda: loaded.append(catalog.load_bundled(data_dir)))
    worker.start()
    worker.join(10)
    waited = worker.is_alive()
    if waited:  # let the stuck reader go before failing
        os.close(os.open(entry, os.O_WRONLY | os.O_NONBLOCK))
        worker.join()
    assert not waited, "the load waited on the FIFO for a writer"
    assert loaded


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[Path]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(locations, "cache_dir", lambda: blocker / "cache")
    first = catalog.load_bundled(data_dir)
    assert catalog.load_bundled(data_dir) == first
    assert len(validations) == 2


def test_the_key_covers_the_code_of_the_pickled_classes(data_dir: Path) -> None:
    files = [data_dir / name for name in catalog.BUNDLED_FILES]
    code = [locations.PACKAGE_DIR / "draws.py"]
    assert cache.content_key(files) != cache.content_key(files, code=code)


def test_every_cached_value_is_keyed_on_every_module_that_builds_checks_or_defines_it() -> None:
    """A new rule in any module may change what a check finds: one list, for every entry."""
    modules = {path.name for path in cache.program_modules()}
    for module in ("catalog", "draws", "streams", "occupations", "grid", "profile"):
        assert f"{module}.py" in modules
    assert {"profile_checks.py", "problems.py", "data_files.py", "clock.py"} <= modules


def test_an_edited_module_rebuilds_every_kind_of_entry(
    data_dir: Path,
    cache_dir: Path,
    my_profile: Path,
    catalog: catalog.Catalog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each cached value (the bundled data, a data file, the checked profile) is keyed on the
    program's modules: a checkout whose code changed never reads a value its old code made."""
    from oinp_assistant.catalog import load_bundled

    module = tmp_path / "rules.py"
    module.write_text("A = 1\n")
    monkeypatch.setattr(cache, "program_modules", lambda: (module,))

    def load_each() -> set[str]:
        load_bundled(data_dir)
        load_grid(data_dir / "owp_grid.toml")
        profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
        return {entry.name for entry in cache_dir.glob("*.pickle")}

    before = load_each()
    module.write_text("A = 22\n")
    after = load_each()
    kinds = ("bundled-", "data-owp_grid-", "profile-")
    assert all(any(name.startswith(kind) for name in after) for kind in kinds)
    assert not before & after, "an entry made by the old code was kept"


def test_an_edited_module_changes_the_key_as_it_changes_pythons_bytecode(tmp_path: Path) -> None:
    module = tmp_path / "draws.py"
    module.write_text("A = 1\n")
    before = cache.content_key([], code=[module])
    module.write_text("A = 22\n")  # another size
    assert cache.content_key([], code=[module]) != before
    same_size = cache.content_key([], code=[module])
    os.utime(module, ns=(1, 1))  # another time
    assert cache.content_key([], code=[module]) != same_size


# --- the checked profile -----------------------------------------------------------------

PROFILE_TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def profile_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each full check of a profile's text (TOML, schema, data, dates)."""
    seen: list[str] = []
    real = profile.parse_profile_text

    def counting(text: str, *args: Any, **kwargs: Any) -> profile.Profile:
        seen.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(profile, "parse_profile_text", counting)
    return seen


@pytest.fixture
def my_profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    shutil.copyfile(locations.example_profile_path("owp"), path)
    return path


def test_an_unchanged_profile_is_checked_once_then_read_from_the_cache(
    my_profile: Path, cache_dir: Path, profile_checks: list[str], catalog: catalog.Catalog
) -> None:
    first = profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
    again = profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
    assert len(profile_checks) == 1
    assert again == first
    [entry] = cache_dir.glob("profile-*.pickle")  # personal data: owner-only, one entry
    assert entry.stat().st_mode & 0o777 == 0o600


def test_an_edited_profile_another_day_or_other_data_is_checked_afresh(
    my_profile: Path, cache_dir: Path, profile_checks: list[str], catalog: catalog.Catalog
) -> None:
    profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
    my_profile.write_text(my_profile.read_text() + "\n# edited\n")
    profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
    profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY + dt.timedelta(days=1))
    no_streams = dataclasses.replace(catalog, streams={})
    with pytest.raises(ProblemsError, match="unknown stream"):
        profile.load_checked_profile(my_profile, no_streams, PROFILE_TODAY)
    assert len(profile_checks) == 4
    assert len(list(cache_dir.glob("profile-*.pickle"))) == 1  # the last good one


def test_two_profiles_used_in_turn_each_keep_their_entry(
    my_profile: Path, cache_dir: Path, profile_checks: list[str], catalog: catalog.Catalog
) -> None:
    example = locations.example_profile_path("foreign_worker")
    for _ in range(2):
        profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
        profile.load_checked_profile(example, catalog, PROFILE_TODAY)
    assert len(profile_checks) == 2
    assert len(list(cache_dir.glob("profile-*.pickle"))) == 2


def test_a_profile_with_a_problem_is_never_cached_and_is_reported_every_time(
    my_profile: Path, cache_dir: Path, catalog: catalog.Catalog
) -> None:
    my_profile.write_text(my_profile.read_text().replace('"31301"', '"99999"'))
    for _ in range(2):
        with pytest.raises(ProblemsError, match="99999"):
            profile.load_checked_profile(my_profile, catalog, PROFILE_TODAY)
    assert not list(cache_dir.glob("profile-*.pickle"))


# --- the points grid and the pathways ----------------------------------------------------


def test_the_grid_and_the_pathways_are_validated_once_then_read_from_the_cache(
    data_dir: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    real = data_files.validate_toml_file

    def counting(path: Path, model: type[Any], what: str) -> Any:
        seen.append(path.name)
        return real(path, model, what)

    monkeypatch.setattr(data_files, "validate_toml_file", counting)
    first = (load_grid(data_dir / "owp_grid.toml"), load_pathways(data_dir / "owp_pathways.toml"))
    again = (load_grid(data_dir / "owp_grid.toml"), load_pathways(data_dir / "owp_pathways.toml"))
    assert again == first
    assert seen == ["owp_grid.toml", "owp_pathways.toml"]
    assert len(list(cache_dir.glob("data-*.pickle"))) == 2  # one each, side by side


def test_an_edited_grid_is_validated_afresh_and_its_mistake_reported(
    data_dir: Path, cache_dir: Path
) -> None:
    grid_file = data_dir / "owp_grid.toml"
    load_grid(grid_file)
    grid_file.write_text(grid_file.read_text(encoding="utf-8") + "\nunexpected = 1\n")
    with pytest.raises(ProblemsError, match="unexpected"):
        load_grid(grid_file)
