"""The bundled data, validated once per install or data change, then read back from a cache.

Validating the bundled record (streams, rounds, NOC groups, round conditions) builds and runs
pydantic validators on every start; the files only change with a new version of the program.
So the validated objects are pickled into the user's cache folder
(`locations.cache_dir()`), in a file named after a hash of what they were built from: the
bytes of every bundled file read, the program's modules (`program_modules`: every entry is
keyed on all of them), and the Python and pydantic versions (a pickle of pydantic models is
only good for the classes that wrote it). A changed data file therefore has another hash and
is validated afresh. Data files are compared by their bytes, never by date; the program's own
modules by size and modification time, as Python's bytecode cache compares them.

The user's profile, once it has passed every check, is kept the same way (`profile-<tag of
its path>`: one entry per profile file, keyed on its text, the day it was checked for, the
bundled data and the program's source), so that a command on an unchanged profile does not
rebuild the profile's validator.
It is personal data: like every file the app writes, it is owner-only, in an owner-only
folder. A profile with a problem is never cached: it is checked, and reported, every time.

The cache is an optimisation, never a source of errors: a missing, unreadable, corrupt or
foreign file (another owner, writable by others) is ignored and rebuilt, and a cache folder
that cannot be written (read-only home) just means validating every time. The file is written
atomically and owner-only, replacing whatever had its name (a link is never written through),
and only a regular file is read (a FIFO is never waited on). The user's own draws are not
cached: they are validated every run, since the user edits them.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from oinp_assistant import locations

try:  # the built-in module: hashlib would first load OpenSSL's, a few ms of every start
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - another Python
    from hashlib import blake2b as _blake2b

FORMAT = 1  # raise when what is pickled changes shape
T = TypeVar("T")


def _versions() -> bytes:
    import pydantic

    return f"{FORMAT}|{sys.version}|{pydantic.VERSION}".encode()


def content_key(files: Sequence[Path], extra: bytes = b"", code: Sequence[Path] = ()) -> str:
    """A hash of the files' names and bytes, of `extra`, of the `code` files' names, sizes and
    modification times, and of the versions the pickle depends on.

    `code` should name the source files of the pickled classes and of the checks that made
    the value: a source checkout keeps its version number while its code changes. They are
    told apart as Python's own bytecode cache tells them, by size and time, which needs no
    reading of every module at every start.
    """
    digest = _blake2b(_versions(), digest_size=16)
    digest.update(f"{len(extra)}\0".encode())
    digest.update(extra)
    for path in files:
        data = path.read_bytes()
        digest.update(f"\0{path.name}\0{len(data)}\0".encode())
        digest.update(data)
    for path in code:
        info = path.stat()
        digest.update(f"\0{path.name}\0{info.st_size}\0{info.st_mtime_ns}".encode())
    return digest.hexdigest()


@functools.cache
def program_modules() -> tuple[Path, ...]:
    """The `code` of every cached value: all the domain's modules, since any of them may build,
    check or define what is pickled (a new rule in one changes what a profile check finds).
    Their sizes and times cost a stat each, once per run."""
    return tuple(sorted(locations.PACKAGE_DIR.glob("*.py")))


def tag(text: str) -> str:
    """A short name for `text` (a file's path) inside an entry's kind: `profile-<tag>`."""
    return _blake2b(text.encode("utf-8", "surrogateescape"), digest_size=6).hexdigest()


def cache_file(kind: str, key: str) -> Path:
    return locations.cache_dir() / f"{kind}-{key}.pickle"


def _read(path: Path) -> object | None:
    try:
        # O_NONBLOCK: a FIFO under the name would otherwise wait for a writer, forever.
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        # Only a regular file this user wrote and nobody else can change: a pickle runs code.
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        with os.fdopen(fd, "rb", closefd=False) as fh:
            value: object = pickle.load(fh)
            return value
    except Exception:  # any corrupt or stale pickle means "rebuild", nothing else
        return None
    finally:
        os.close(fd)


def _write(path: Path, value: object) -> None:
    from oinp_assistant.atomic import replace_name

    with contextlib.suppress(Exception):  # a cache that cannot be written is no error
        # Never through a symlink planted under the entry's name (replace_name).
        replace_name(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        _remove_others(path)


def _remove_others(kept: Path) -> None:
    """Old entries of the same kind (an older version's data) only take space."""
    kind = kept.name.rsplit("-", 1)[0]
    for other in kept.parent.glob(f"{kind}-*.pickle"):
        if other != kept:
            with contextlib.suppress(OSError):
                other.unlink()


def cached(
    kind: str,
    files: Sequence[Path],
    build: Callable[[], T],
    check: type,
    extra: bytes = b"",
    code: Sequence[Path] = (),
) -> T:
    """`build()`'s value, read from the cache when `files`, `extra` and `code` are unchanged
    (`content_key`), else built and stored.

    `check` is the type the cached value must have; anything else is rebuilt. Errors raised by
    `build` (a malformed bundled file) propagate: only valid data is ever cached. One value of
    each `kind` is kept: storing one removes the others.
    """
    try:
        key = content_key(files, extra, code)
    except OSError:
        return build()  # the builder reports the unreadable file in the app's words
    path = cache_file(kind, key)
    value = _read(path)
    if isinstance(value, check):
        return value  # type: ignore[return-value]
    built = build()
    _write(path, built)
    return built
