"""Where a file the user asked for may be written: one rule for the calendar and the sheet.

A folder gets the default name; a missing folder is an error, not a tree created from a typo;
the write itself is atomic and owner-only (`atomic.write_atomic`).
"""

from __future__ import annotations

from pathlib import Path

from oinp_assistant.atomic import write_atomic
from oinp_assistant.problems import OinpError
from oinp_assistant.reading import describe


class OutputError(OinpError):
    """The output file cannot be written; the message says why and what to do."""


def cannot_write(path: Path, exc: OSError) -> str:
    """Why `path` could not be written: the system's reason, without Python's repr."""
    return f"cannot write {path}: {describe(exc)}."


def output_path(target: Path, default_name: str) -> Path:
    """The file `target` names (a folder: its `default_name`); raises OutputError if unwritable."""
    path = target
    try:
        # Inside the try: even looking at a name can fail (too long, a loop of symlinks).
        path = target / default_name if target.is_dir() else target
        blocking = next((p for p in path.parents if p.exists()), None)
        if blocking is not None and not blocking.is_dir():
            raise OutputError(f"cannot write {path}: {blocking} is a file, not a folder.")
        if not path.parent.is_dir():
            # A typo in a folder name should not quietly create a tree of folders.
            raise OutputError(
                f"cannot write {path}: the folder {path.parent} does not exist. Create it "
                "first, or choose another folder."
            )
    except OSError as exc:
        raise OutputError(cannot_write(path, exc)) from exc
    return path


def write_output(path: Path, data: str | bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(cannot_write(path, exc)) from exc
