"""Writes that never lose what the user had: temp file, fsync, rename, previous copy kept."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

OWNER_ONLY = 0o600


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def write_atomic(path: Path, data: str | bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    The new file is created owner-only (it may hold personal data); the previous one, if any,
    is kept as `NAME.bak`, also owner-only.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # Write through a symlink to the file it names, so a linked profile stays linked.
    path = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        # mkstemp already creates the file 0600: owner-only from its first byte.
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        if keep_backup and path.exists():
            bak = backup_path(path)
            shutil.copy2(path, bak)
            os.chmod(bak, OWNER_ONLY)
        os.replace(tmp, path)
        _fsync_dir(path.parent)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform, hence best effort.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
