"""Time to first paint of `oinp` against a hello-world Textual app, both started as a user does.

As the user runs it: each app is a fresh process in a pseudo-terminal (`pty.fork`) with a fresh
HOME: `oinp --example`, the console script of this checkout installed with pip into a
virtualenv (`installed.py`; `--venv DIR` keeps and reuses it), and the hello-world run by that
virtualenv's `python`. The parent measures from just before the fork:

- first paint: the first screen's words arrive on the terminal ("Hello" of the hello-world,
  "Loading" of our loading screen);
- dashboard (ours only): the dashboard's own text appears, i.e. the data and profile were
  loaded and the loading screen replaced. Since the start-up preload (tui/preload.py) that
  dashboard is the one a child program computed while this one imported Textual: the same
  screen, word for word (tests/tui/test_tui_preload.py), shown before the app has loaded the
  full session for its other screens.

Runs alternate between the two apps so that a busy machine slows both alike; medians are
printed with their ratios to the hello-world's first paint.

    python benchmarks/first_paint.py [--runs 9] [--check]

Targets: first paint <= 0.95x the hello-world's, dashboard <= 1.3x.
--check exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

from installed import install

PAINT_TARGET = 0.95
DASHBOARD_TARGET = 1.3
# Words of each first screen, and of the dashboard (shown once the loading screen is gone).
HELLO_MARK = b"Hello"
LOADING_MARK = b"Loading"
DASHBOARD_MARK = b"Dashboard"

HELLO = """
from textual.app import App
from textual.widgets import Footer, Header, Label

class Hello(App[None]):
    def compose(self):
        yield Header()
        yield Label("Hello, world")
        yield Footer()

Hello().run()
"""


def run_once(
    argv: list[str], env: dict[str, str], painted: bytes, wait_for: bytes | None
) -> dict[str, float]:
    """Start `argv` in a pseudo-terminal; ms until `painted` shows, and until `wait_for`."""
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, on the terminal
        try:
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    marks: dict[str, float] = {}
    seen = b""
    deadline = start + 60
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(fd, 1 << 16)
            except OSError:  # the child closed the terminal
                break
            if not data:
                break
            now = (time.perf_counter() - start) * 1000
            seen += data
            if "paint" not in marks and painted in seen:
                marks["paint"] = now
            if wait_for is None and "paint" in marks:
                break
            if wait_for is not None and wait_for in seen:
                marks["dashboard"] = now
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    if "paint" not in marks or (wait_for is not None and "dashboard" not in marks):
        tail = seen[-2000:].decode("utf-8", "replace")
        raise SystemExit(f"{' '.join(argv)} never painted (or never showed {wait_for!r}):\n{tail}")
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--venv", type=Path, help="install into this folder and reuse it (default: a temporary one)"
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="oinp-paint-") as tmp:
        home = Path(tmp)
        found = install(args.venv or home / "venv")
        hello_py = home / "hello.py"
        hello_py.write_text(HELLO, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k not in ("OINP_PROFILE", "PYTHONPATH")}
        env.update(
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            TERM="xterm-256color",
            COLUMNS="100",
            LINES="30",
        )
        hello = [str(found.python), str(hello_py)]
        ours = [str(found.oinp), "--example", "--today", "2026-11-26"]
        for _ in range(2):  # warm-up: the OS's file cache, the app's caches
            run_once(hello, env, HELLO_MARK, None)
            run_once(ours, env, LOADING_MARK, DASHBOARD_MARK)
        hello_ms: list[float] = []
        paint_ms: list[float] = []
        dashboard_ms: list[float] = []
        for _ in range(args.runs):
            hello_ms.append(run_once(hello, env, HELLO_MARK, None)["paint"])
            marks = run_once(ours, env, LOADING_MARK, DASHBOARD_MARK)
            paint_ms.append(marks["paint"])
            dashboard_ms.append(marks["dashboard"])

    base = statistics.median(hello_ms)
    paint, dashboard = statistics.median(paint_ms), statistics.median(dashboard_ms)
    print(f"oinp: {found.oinp} (installed with pip; Python {sys.version.split()[0]})")
    print(f"runs each: {args.runs}, interleaved, after 2 warm-up runs")
    print(f"hello-world first paint:   {base:7.1f} ms (median)")
    print(
        f"oinp first paint:          {paint:7.1f} ms  ratio {paint / base:5.2f} "
        f"(target <= {PAINT_TARGET})"
    )
    print(
        f"oinp dashboard shown:      {dashboard:7.1f} ms  ratio {dashboard / base:5.2f} "
        f"(target <= {DASHBOARD_TARGET})"
    )
    missed = paint / base > PAINT_TARGET or dashboard / base > DASHBOARD_TARGET
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
