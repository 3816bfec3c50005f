"""The edges of a CLI run: standard streams that are closed, full or gone, and errors that
would otherwise escape as a traceback.

Wraps `main`: text written to stdout and stderr has control characters escaped (see
safe_text), a reader that left (`oinp draws list | head`) ends the run quietly with status 0,
a full disk or another output error ends it with one line and status 2, and an OSError or a
date out of the calendar's range becomes a one-line message with status 2. Never an
"Exception ignored in ..." at exit: the pattern from the `signal` module's documentation,
devnull dup2'ed onto the dead stdout so the interpreter's last flush succeeds.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import functools
import os
import sys
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, Protocol

from oinp_assistant.cli.safe_text import Shown, printable
from oinp_assistant.clock import DateOutOfRange

if TYPE_CHECKING:
    from oinp_assistant.tui.preload import Preload

EXIT_OK = 0
EXIT_BAD_INPUT = 2


class Main(Protocol):
    def __call__(
        self, argv: Sequence[str] | None = None, *, preload: Preload | None = None
    ) -> int: ...


def _json_escapes(error: UnicodeError) -> tuple[str, int]:
    """A character the output's encoding cannot hold, as \\uXXXX (a pair of them beyond
    U+FFFF): readable at a terminal and, unlike Python's \\xe9, the same character to a JSON
    reader, so --json output stays JSON."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


_ESCAPES = "oinp-json-escapes"
codecs.register_error(_ESCAPES, _json_escapes)


class _EscapingStream:
    """A text stream that escapes what could drive the terminal and never fails to encode.

    The escapes are \\uXXXX, also valid JSON for the same character: `--json` output read
    back gives exactly the original strings.
    """

    def __init__(self, inner: IO[str]) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        if type(text) is Shown:  # made printable by its writer (printable_json)
            safe: str = text
        else:
            # CRLF stays: a calendar written to stdout without a binary buffer ends lines
            # with it.
            safe = "\r\n".join(printable(part) for part in text.split("\r\n"))
        try:
            self._inner.write(safe)
        except UnicodeEncodeError:  # e.g. PYTHONIOENCODING=ascii and a "—"
            encoding = getattr(self._inner, "encoding", None) or "ascii"
            self._inner.write(safe.encode(encoding, _ESCAPES).decode(encoding))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        # flush, fileno, isatty, buffer, encoding...: the real stream's own
        return getattr(self._inner, name)


def _devnull_onto(stream: IO[str] | None) -> None:
    """Point the stream's file descriptor at /dev/null: later flushes succeed silently."""
    if stream is None:
        return
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):  # captured or closed: nothing to redirect
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
    finally:
        os.close(devnull)


@contextlib.contextmanager
def _escaping_streams() -> Iterator[None]:
    # A closed stdout (`oinp check >&-`) arrives as None: write into devnull instead.
    real_out = sys.stdout if sys.stdout is not None else open(os.devnull, "w")  # noqa: SIM115
    real_err = sys.stderr if sys.stderr is not None else open(os.devnull, "w")  # noqa: SIM115
    sys.stdout = _EscapingStream(real_out)
    sys.stderr = _EscapingStream(real_err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = real_out, real_err


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):
        print(f"oinp: {message}", file=sys.stderr)


def _output_failed(exc: OSError) -> int:
    """stdout could not be written: a reader that left is normal, anything else is not."""
    _devnull_onto(sys.stdout)
    if isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE:
        return EXIT_OK
    reason = "no space left on the device" if exc.errno == errno.ENOSPC else exc.strerror
    _say(f"cannot write the output: {reason or exc}.")
    return EXIT_BAD_INPUT


def _describe(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else None
    reason = exc.strerror or str(exc)
    if where is None:
        return f"{reason}."
    return f"cannot use {os.fsdecode(where)}: {reason}."


def guarded(main: Main) -> Main:
    """Decorate `main(argv) -> status` so that no run ends in a traceback or exit noise."""

    @functools.wraps(main)
    def run(argv: Sequence[str] | None = None, *, preload: Preload | None = None) -> int:
        with _escaping_streams():
            try:
                status = main(argv, preload=preload)
            except DateOutOfRange as exc:
                _say(f"{exc}.")
                status = EXIT_BAD_INPUT
            except OSError as exc:
                if exc.filename is None and exc.errno in (errno.EPIPE, errno.ENOSPC, errno.EIO):
                    return _output_failed(exc)  # writing stdout failed inside the command
                _say(_describe(exc))
                status = EXIT_BAD_INPUT
            except SystemExit as done:
                # argparse: usage errors (2) and --help (0); the help may meet a full disk
                try:
                    sys.stdout.flush()
                except OSError as exc:
                    failed = _output_failed(exc)
                    raise SystemExit(failed or done.code) from None
                except ValueError:
                    pass
                raise
            try:
                sys.stdout.flush()
            except OSError as exc:
                return _output_failed(exc)
            except ValueError:  # stdout closed by the command
                pass
            return status

    return run
