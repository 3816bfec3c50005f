"""Reading the user's files without letting a file hang or exhaust the program.

Only regular files are read: a FIFO would block forever and /dev/zero never ends, so both are
refused with a message before a byte is read. Sizes are bounded for the same reason.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

PROFILE_LIMIT = 1 << 20  # 1 MiB: a profile is a few hundred bytes
DRAWS_LIMIT = 256 << 20  # 256 MiB: 100,000 rounds take about 75 MB


class UnreadableFile(OSError):
    """The file cannot be used as text; `str(exc)` (its strerror) says why in the app's words."""

    def __str__(self) -> str:
        return str(self.strerror)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of regular file `path`, at most `limit`; raises UnreadableFile or OSError."""
    # O_NONBLOCK: opening a FIFO with no writer would otherwise block before fstat can look.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(
                errno.EINVAL, f"this is {_kind(info.st_mode)}, not a file; give a text file"
            )
        if info.st_size > limit:
            raise UnreadableFile(
                errno.EFBIG,
                f"this file is {info.st_size:,} bytes, more than the {limit:,} accepted; "
                "is it the right file?",
            )
        chunks: list[bytes] = []
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:  # grew while we read
                raise UnreadableFile(
                    errno.EFBIG, f"this file is more than the {limit:,} bytes accepted"
                )
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_text(path: Path, limit: int) -> str:
    """UTF-8 text of `path`; a byte-order mark (Excel, Notepad) is dropped, CRLF kept.

    Raises UnreadableFile for bytes that are not UTF-8 text, or OSError from the system.
    """
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFile(
            errno.EILSEQ,
            f"line {line} is not UTF-8 text (byte {exc.start + 1}); save the file as UTF-8",
        ) from exc


def describe(exc: OSError) -> str:
    """An OSError as one short phrase, without Python's repr."""
    if isinstance(exc, UnreadableFile):
        return str(exc)
    return str(exc.strerror or exc)
