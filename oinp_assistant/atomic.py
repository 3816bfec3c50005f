"""Writes that never lose what the user had: temp file, fsync, rename, previous copy kept.

Nothing here can be turned against the user: the target must be a regular file (a device node
such as /dev/null is refused, never replaced), every file is created owner-only from its first
byte, and `NAME.bak` is always a fresh owner-only file renamed into place, so a `NAME.bak`
planted as a symlink or hard link is replaced as a name, never written through.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from pathlib import Path

OWNER_ONLY = 0o600
PRIVATE_DIR = 0o700
# A temp file this old was left by a killed run (a live write takes milliseconds).
_STALE_SECONDS = 60.0


class NotARegularFileError(OSError):
    """The target exists but is a device, FIFO, socket or folder: it is never written over."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def make_private_dirs(folder: Path) -> None:
    """Create `folder` and any missing parents as 0700 whatever the umask (they hold personal
    data); folders that already exist are left as they are."""
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists() and not current.is_symlink():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    for part in reversed(missing):
        # mkdir with 0700 can only lose bits to the umask, never gain any: private from birth.
        with contextlib.suppress(FileExistsError):
            os.mkdir(part, PRIVATE_DIR)


def write_atomic(path: Path, data: str | bytes, *, keep_backup: bool = True) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file.

    The new file is created owner-only (it may hold personal data); the previous one, if any,
    is kept as `NAME.bak`, also owner-only. Raises NotARegularFileError (an OSError) when
    `path` is a device, FIFO or folder.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    # Write through a symlink to the file it names, so a linked profile stays linked.
    path = Path(path).resolve() if Path(path).is_symlink() else Path(path)
    old = _existing_regular(path)
    make_private_dirs(path.parent)
    _sweep_stale_temps(path)
    if keep_backup and old is not None:
        _replace_backup(path)
    _write_file(path, payload)
    _fsync_dir(path.parent)


def replace_name(path: Path, data: bytes) -> None:
    """Put a new owner-only file holding `data` at `path` atomically, for a file only the
    program writes (its cache): no backup, and whatever has the name now, a symlink
    included, is replaced as a name and never written through.

    `write_atomic` follows a symlink on purpose (a linked profile stays linked); a cache entry
    has no reason to be a link, and following one planted in a folder others can write would
    overwrite whichever of the user's files it names.
    """
    path = Path(path)
    make_private_dirs(path.parent)
    _sweep_stale_temps(path)
    _write_file(path, data)
    _fsync_dir(path.parent)


def _existing_regular(path: Path) -> os.stat_result | None:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFileError(
            errno.EINVAL,
            "it is not a regular file (a device, FIFO or folder); choose a file name",
            str(path),
        )
    return info


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")


def _write_file(final: Path, payload: bytes) -> None:
    """Put a complete, fsynced, owner-only file holding `payload` at `final`, atomically.

    Where the system allows, the data is written to a nameless file (O_TMPFILE) that gets a
    temp name only just before the rename: a crash while writing leaves nothing behind.
    """
    fd = _open_nameless(final.parent)
    if fd is None:
        tmp = _temp_name(final)
        # O_EXCL|O_NOFOLLOW: never open something planted under the temp name.
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
        fd = os.open(tmp, flags, OWNER_ONLY)
        named = True
    else:
        tmp = _temp_name(final)
        named = False
    try:
        try:
            view = memoryview(payload)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            if not named:
                _link_nameless(fd, tmp)
                named = True
        finally:
            os.close(fd)
        os.replace(tmp, final)
    except BaseException:
        if named:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        raise


def _link_nameless(fd: int, tmp: Path) -> None:
    # A dir_fd makes os.link use linkat(AT_SYMLINK_FOLLOW); plain link() would not follow the
    # /proc link to the nameless file.
    folder = os.open(tmp.parent, os.O_RDONLY)
    try:
        os.link(f"/proc/self/fd/{fd}", tmp.name, dst_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _open_nameless(folder: Path) -> int | None:
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or not os.path.isdir("/proc/self/fd"):
        return None
    try:
        # The mode applies from the first byte, so there is no chmod window.
        return os.open(folder, flag | os.O_WRONLY, OWNER_ONLY)
    except OSError:  # a file system without O_TMPFILE support
        return None


def _replace_backup(path: Path) -> None:
    """Make `NAME.bak` a new owner-only copy of `path`, renamed over whatever had the name.

    A copy, not a hard link: the backup must be owner-only even when the user's file is not.
    """
    bak = backup_path(path)
    if bak.is_dir() and not bak.is_symlink():
        raise IsADirectoryError(
            errno.EISDIR, f"{bak.name} is a folder; move it away, then try again", str(bak)
        )
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    src = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(src).st_mode):  # swapped since we looked
            raise NotARegularFileError(errno.EINVAL, "it is not a regular file", str(path))
        chunks = []
        while chunk := os.read(src, 1 << 20):
            chunks.append(chunk)
    finally:
        os.close(src)
    _write_file(bak, b"".join(chunks))


def _sweep_stale_temps(path: Path) -> None:
    """Remove temp files a killed earlier run left beside `path`.

    A temp file gets its name only for the instant between link and rename, so a SIGKILL
    rarely leaves one; the next write removes it: ours (owner, regular file) and either its
    writer (the pid in its name) is gone or it is older than any live write.
    """
    uid = os.getuid() if hasattr(os, "getuid") else None
    now = time.time()
    for name in (path.name, path.name + ".bak"):
        try:
            candidates = list(path.parent.glob(f".{_glob_escape(name)}.*.tmp"))
        except OSError:
            return
        for candidate in candidates:
            with contextlib.suppress(OSError, ValueError):
                info = os.lstat(candidate)
                if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
                    continue
                pid = int(candidate.name[len(name) + 2 :].split(".")[0])
                if now - info.st_mtime > _STALE_SECONDS or not _alive(pid):
                    candidate.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else
        return True
    return True


def _glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


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
