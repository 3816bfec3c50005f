"""Shared fixtures. Every test runs with its own config and data folders, never the real ones."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from oinp_assistant import locations
from oinp_assistant.catalog import Catalog, load_catalog

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache of validated bundled data for the whole run, never the developer's own."""
    folder = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(locations, "cache_dir", lambda: folder)
        yield folder


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point every platformdirs lookup and $OINP_PROFILE away from the developer's files."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setattr(locations, "config_dir", lambda: home / "config")
    monkeypatch.setattr(locations, "user_data_dir", lambda: home / "data")
    monkeypatch.delenv(locations.PROFILE_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    # Text output wraps at the terminal's width; tests that ran earlier in the same worker
    # (Textual's) may leave COLUMNS set, so every test reads the same width.
    monkeypatch.setenv("COLUMNS", "100")
    yield home


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The bundled data, without any user-added draws."""
    return load_catalog(user_draws_dir=Path("/nonexistent-oinp-user-draws"))


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 11, 26)
