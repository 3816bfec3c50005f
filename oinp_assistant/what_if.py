"""What if a fact of the profile were different? `KEY=VALUE` changes, in the profile's own keys.

The file is never touched: the changes apply to a copy of the checked profile, which is checked
again exactly as the file would be.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from oinp_assistant.problems import Problem, ProblemsError, did_you_mean, from_validation_error
from oinp_assistant.profile import ALLOWED_KEYS, Profile

SOURCE = Path("--set")


def parse_value(text: str) -> Any:
    """A TOML value as the profile would hold it; bare words are text (`job_region=toronto`)."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _problem(key: str, message: str) -> Problem:
    return Problem(SOURCE, message, key=key)


def _settable(table: str) -> list[str]:
    """The keys of `table` that hold a value (a table is set through its own keys)."""
    keys = ALLOWED_KEYS.get(table, [])
    return [k for k in keys if f"{table}.{k}".lstrip(".") not in ALLOWED_KEYS]


def apply_changes(profile: Profile, changes: Sequence[str]) -> Profile:
    """`profile` with each `KEY=VALUE` applied; ProblemsError names every bad change."""
    data = profile.model_dump(exclude_none=True)
    problems: list[Problem] = []
    for change in changes:
        key, sep, text = change.partition("=")
        key = key.strip()
        if not sep or not key:
            problems.append(
                _problem(
                    change,
                    "write each change as KEY=VALUE, e.g. language.english.writing=9 "
                    f'(you wrote "{change}").',
                )
            )
            continue
        *tables, name = key.split(".")
        parent = ".".join(tables)
        settable = _settable(parent)
        if parent not in ALLOWED_KEYS:
            tables = [t for t in ALLOWED_KEYS if t]
            problems.append(
                _problem(
                    key,
                    f'"{parent}" is not a table of the profile.{did_you_mean(parent, tables)} '
                    f"Tables: {', '.join(tables)}.",
                )
            )
            continue
        if name not in settable:
            problems.append(
                _problem(
                    key,
                    f'"{key}" is not a profile key you can set.{did_you_mean(name, settable)} '
                    f"Keys here: {', '.join(settable) or 'none'}.",
                )
            )
            continue
        holder = data
        for table in tables:
            holder = holder.setdefault(table, {})
        value = text.strip()
        if value:
            holder[name] = parse_value(value)
        else:  # KEY= leaves the fact out, as if the line were not in the file
            holder.pop(name, None)
    if problems:
        raise ProblemsError(problems)
    try:
        return Profile.model_validate(data, strict=True)
    except ValidationError as exc:
        raise ProblemsError(
            from_validation_error(exc, SOURCE, None, allowed_keys=ALLOWED_KEYS)
        ) from exc
