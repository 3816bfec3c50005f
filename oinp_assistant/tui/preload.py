"""Start-up overlap: the dashboard is computed in a child process while this one loads Textual.

Importing Textual (to paint the first screen) and importing the domain with pydantic, then
loading the data and the profile (to know what the dashboard says) take about as long as each
other. One after the other they doubled the wait for the dashboard; on a second core they run
side by side:

1. `Preload.start(argv)` runs first thing (cli/launch.py): it starts `argv`, a fresh Python
   program, with `os.posix_spawn`. The child's stdin, stdout and stderr are /dev/null, and
   its file descriptor `VIEW_FD` a pipe to this process: nothing it does can show on the
   screen. A forked child shared
   this process's memory instead, and each page this one then wrote was copied for it: 5 ms
   of a 175 ms first paint; a spawned one shares nothing, and a thread here cannot leave a
   lock held in it.
2. The child runs `serve`: at the lowest priority (`start` sets it), it asks `inputs()`
   which profile and day the app will open (cli/launch.py reads the arguments exactly as the
   app does), computes the dashboard's texts (a `DashboardView`: Rich text and strings),
   writes them down the pipe (a stray print goes to /dev/null, not into the view), and
   leaves with `os._exit`, skipping the interpreter's clean-up.
3. The app, once its first screen is painted, reads the view in a worker thread (`view`) and
   shows the dashboard from it. Unpickling it needs no domain module: the parent imports the
   domain only afterwards, when it loads the full session in the background.

Whatever the child cannot do ends in the same place: no posix_spawn on this platform, a spawn
that fails, arguments that open no app (a command, a mistake: the run says so itself), no
profile file, a profile with problems, an error, a crash, a child that takes longer than
`timeout` — the view is None and the app loads in-process as it always has, so every message
about the profile is the one the app has always shown. The child is reaped in every case
(`view`, `cancel`): no zombie is left behind. An app that cannot reap it (killed, or a signal
that skips its clean-up) takes the child with it: the kernel kills the child (`end_with`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from oinp_assistant.tui.dashboard_view import DashboardView

TIMEOUT = 1.0
"""Seconds the app waits for the view once its first screen is painted. The child has then
had the whole start-up to work in, and normally answers within a few hundredths of a second;
a child still busy a second later is starved by other work on both cores (it runs at the
lowest priority), and the app's own in-process load is the quicker way."""

VIEW_FD = 3
"""The child's end of the pipe: the first descriptor after stdin, stdout and stderr."""

Inputs = tuple[Path, dt.date, bool]
"""What the app opens: the profile file, the day, and whether it is read-only (an example)."""

Compute = Callable[[Path, dt.date, bool], "DashboardView | None"]


def dashboard(profile_path: Path, today: dt.date, read_only: bool) -> DashboardView | None:
    """What the child computes: the dashboard of a profile that loads without problems."""
    from oinp_assistant.catalog import load_catalog
    from oinp_assistant.problems import ProblemsError
    from oinp_assistant.tui.dashboard_text import dashboard_view
    from oinp_assistant.tui.state import load_session

    if not profile_path.exists():
        return None  # the welcome screen: the app shows it
    try:
        return dashboard_view(load_session(profile_path, load_catalog(), today, read_only))
    except ProblemsError:
        return None  # the app lists the problems, in its words, as it loads in-process


class Preload:
    """A child process computing the dashboard; its view arrives through a pipe."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid = pid
        self._fd = fd
        self._lock = threading.Lock()
        self._reaped = False
        self._reading = False
        self._cancelled = threading.Event()

    @classmethod
    def start(cls, argv: Sequence[str]) -> Preload | None:
        """Start the child program `argv` (it writes the view to `VIEW_FD`); None where it
        cannot be started, or no app will run to read it. On every way out, no descriptor
        is left open here but the pipe's read end, and that only with the child started."""
        if not hasattr(os, "posix_spawn"):
            return None  # Windows: the app loads in-process
        streams = (sys.stdin, sys.stdout, sys.stderr)
        if not all(stream is not None and stream.isatty() for stream in streams):
            # A closed stream is None. No app will run (run_app says why): nothing to preload.
            return None
        if not argv or not argv[0]:
            return None  # sys.executable is "" where Python cannot tell its own path
        opened: list[int] = []
        try:
            # The standard streams are open (terminals, above): the pipe and /dev/null take
            # numbers above 2, and the write end is never VIEW_FD (3), which the read end
            # took if it was free. So no file action below overwrites what a later one copies.
            read_fd, write_fd = os.pipe()
            opened += (read_fd, write_fd)
            null = os.open(os.devnull, os.O_RDWR)
            opened.append(null)
            pid = os.posix_spawn(
                argv[0],
                list(argv),
                os.environ,
                file_actions=[
                    (os.POSIX_SPAWN_DUP2, write_fd, VIEW_FD),
                    (os.POSIX_SPAWN_DUP2, null, 0),
                    (os.POSIX_SPAWN_DUP2, null, 1),
                    (os.POSIX_SPAWN_DUP2, null, 2),
                ],
            )
        except (OSError, ValueError):  # no pipe, no /dev/null, no program to run
            for fd in opened:
                os.close(fd)
            return None
        for fd in opened:
            if fd != read_fd:
                os.close(fd)
        # The first paint comes first: at the lowest priority the child takes only what the
        # app leaves. Set here, from its first instruction on: set by the child itself, after
        # its interpreter's start and imports, it made the first paint 1.2x a hello-world's
        # (not 0.93x) when another program kept one of two cores busy.
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, pid, 19)
        return cls(pid, read_fd)

    def view(
        self, timeout: float = TIMEOUT, cancelled: Callable[[], bool] = lambda: False
    ) -> DashboardView | None:
        """The child's view, or None (no view, a crash, `timeout` seconds passed, or
        `cancelled()` became true). Blocks: call it from a worker thread. The child is
        reaped before it returns."""
        with self._lock:
            if self._cancelled.is_set():
                return None
            self._reading = True
        chunks: list[bytes] = []
        try:
            deadline = time.monotonic() + timeout
            while True:
                left = deadline - time.monotonic()
                if left <= 0 or cancelled() or self._cancelled.is_set():
                    return None
                # Short waits, so that quitting the app is never held up by this thread.
                ready, _, _ = select.select([self._fd], [], [], min(left, 0.05))
                if not ready:
                    continue
                chunk = os.read(self._fd, 1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
            if not self._reap(kill=False) or not chunks:
                return None
            return _unpickle(b"".join(chunks))
        except Exception:  # whatever went wrong, the app loads in-process
            return None
        finally:
            self._reap(kill=True)
            os.close(self._fd)

    def cancel(self) -> None:
        """Stop the child and reap it (at exit, or when the app will not wait any more)."""
        with self._lock:
            self._cancelled.set()
            reading = self._reading
        self._reap(kill=True)
        if not reading:
            os.close(self._fd)
            self._reading = True  # closed: a later `view` or `cancel` must not close it again

    def _reap(self, *, kill: bool) -> bool:
        """Wait for the child to end (killed first when `kill`); True if it exited with 0."""
        with self._lock:
            if self._reaped:
                return True
            if kill:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(self.pid, signal.SIGKILL)
            try:
                _, status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                status = 0
            self._reaped = True
            return status == 0


def _unpickle(data: bytes) -> DashboardView | None:
    import pickle

    from oinp_assistant.tui.dashboard_view import DashboardView

    # Our own child wrote it, through our own pipe.
    view = pickle.loads(data)
    return view if isinstance(view, DashboardView) else None


def end_with(parent: int) -> None:
    """In the child: be killed by the kernel the moment `parent`, the app, ends, however it
    ends. SIGKILL, SIGTERM, SIGHUP sent to it alone, or a crash skip its `cancel`; the child
    then went on computing, at the lowest priority (on a busy machine, for seconds), until
    its write to the closed pipe failed. Linux only (prctl); elsewhere that write ends it.
    The kernel watches the thread that started the child: cli/launch.py starts it from the
    main thread, which lasts as long as the app."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, 9)  # PR_SET_PDEATHSIG, SIGKILL
    if os.getppid() != parent:
        os._exit(1)  # the app ended before the kernel was asked: no one to compute for


def serve(inputs: Callable[[], Inputs | None], compute: Compute = dashboard) -> NoReturn:
    """The child's whole run: compute the view of what `inputs()` names and write it to
    `VIEW_FD` (the pipe); nothing when it names nothing. Exits 0 when it sent a view."""
    code = 1
    try:
        given = inputs()
        view = None if given is None else compute(*given)
        if view is not None:
            import pickle

            data = pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(VIEW_FD, "wb") as pipe:
                pipe.write(data)
            code = 0
    except BaseException:  # the exit code says it; the app loads in-process
        pass
    finally:
        # Nothing to clean up: the interpreter's own clean-up would only delay the reaping.
        os._exit(code)
