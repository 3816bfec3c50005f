"""Where the assistant's files live. The one seam tests use to keep away from real user files."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "oinp-assistant"
PROFILE_ENV = "OINP_PROFILE"
PACKAGE_DIR = Path(__file__).resolve().parent


def config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


def user_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    """Files the program can rebuild at any time (the validated bundled data)."""
    return Path(platformdirs.user_cache_dir(APP_NAME))


def user_draws_dir() -> Path:
    """Draws the user adds, newer than the bundled ones, in the bundled format."""
    return user_data_dir() / "draws"


def default_profile_path() -> Path:
    return config_dir() / "profile.toml"


def profile_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """`--profile PATH`, else `$OINP_PROFILE`, else the platform's config folder."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(PROFILE_ENV)
    if env:
        return Path(env).expanduser()
    return default_profile_path()


def bundled_data_dir() -> Path:
    """The data shipped with the program.

    In a wheel it sits inside the package; in a source checkout (editable install) it is the
    project's top-level `data/`.
    """
    inside = PACKAGE_DIR / "data"
    if inside.is_dir():
        return inside
    return PACKAGE_DIR.parent / "data"


EXAMPLES = {
    "owp": "example-profile.toml",
    "foreign_worker": "example-foreign-worker.toml",
}
"""The bundled examples: an Ontario Workforce Priority nurse (the default) and a closed stream's
invited Foreign Worker candidate."""


def example_profile_path(name: str = "owp") -> Path:
    return bundled_data_dir() / EXAMPLES[name]
