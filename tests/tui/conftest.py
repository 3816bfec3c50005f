"""Helpers for the app's Pilot and snapshot tests: profiles in tmp_path, a fixed today."""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from oinp_assistant.catalog import Catalog
from oinp_assistant.tui.app import OinpApp, make_app

TODAY = dt.date(2026, 11, 26)

COMMENTED_PROFILE = """\
# My OINP profile. I keep notes here.

stream = "foreign_worker"   # the stream I applied in
noc = "21231"

# score from the portal, checked 2026-03-12
eoi_score = 57
eoi_registered = 2026-03-12
job_region = "gta"

[permit]
# renew before it runs out!
type = "work"
expires = 2027-01-31
in_canada = true

[invitation]
date = 2026-04-30
"""

NO_INVITATION_PROFILE = """\
stream = "foreign_worker"
noc = "21231"
eoi_score = 57
eoi_registered = 2026-03-12
job_region = "gta"
"""


def async_test(
    test: Callable[..., Coroutine[Any, Any, None]],
) -> Callable[..., None]:
    """Run an async test body with asyncio.run (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def profile_file(tmp_path: Path) -> Path:
    path = tmp_path / "profile.toml"
    path.write_text(COMMENTED_PROFILE, encoding="utf-8")
    return path


@pytest.fixture
def build_app(catalog: Catalog, tmp_path: Path) -> Callable[..., OinpApp]:
    def build(path: Path, **kwargs: Any) -> OinpApp:
        kwargs.setdefault("export_dir", tmp_path)
        kwargs.setdefault("today", TODAY)
        return make_app(path, catalog=catalog, **kwargs)

    return build


async def ready(pilot: Pilot[Any]) -> None:
    """Wait until the worker has loaded the profile and the first real screen is up."""
    app = pilot.app
    await app.workers.wait_for_complete()
    for _ in range(50):
        await pilot.pause()
        if getattr(app, "loaded", False):
            break
    await pilot.pause()


def notifications(app: OinpApp) -> list[str]:
    return [n.message for n in app._notifications]


async def settle(pilot: Pilot[Any]) -> None:
    """For snapshots: no blinking cursor, nothing still moving."""
    await ready(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    await pilot.pause()
