"""Time to first paint of the OINP Assistant app against a hello-world Textual app.

Each app starts in a fresh Python process (so imports count), runs headless, and reports the
moment its first screen has been painted (Textual's Ready event); the parent measures from
just before it started the process. Runs alternate between the two apps so that a busy
machine slows both alike. For our app it also reports when the dashboard replaced the
loading screen (data and profile loaded in the worker).

    python benchmarks/first_paint.py [--runs 9] [--check]

--check exits 1 when the median ratio is above the 1.3 target.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

TARGET_RATIO = 1.3

HELLO = """
import sys, time
from textual.app import App
from textual.widgets import Footer, Header, Label

class Hello(App[None]):
    def compose(self):
        yield Header()
        yield Label("Hello, world")
        yield Footer()

    def on_ready(self):
        print("paint", time.time(), flush=True)
        self.exit()

Hello().run(headless=True, size=(80, 24))
"""

OURS = """
import datetime as dt, sys, time
from oinp_assistant import locations
from oinp_assistant.tui.app import OinpApp

class Timed(OinpApp):
    def on_ready(self):
        print("paint", time.time(), flush=True)
        super().on_ready()
        self.set_interval(0.005, self._loaded_yet)

    def _loaded_yet(self):
        if self.loaded and type(self.screen).__name__ == "DashboardScreen":
            print("dashboard", time.time(), flush=True)
            self.exit()

app = Timed(locations.example_profile_path(), dt.date(2026, 11, 26), read_only=True)
app.run(headless=True, size=(80, 24))
"""


def run_once(code: str, env: dict[str, str]) -> dict[str, float]:
    start = time.time()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    if out.returncode != 0:
        raise SystemExit(f"benchmark app failed:\n{out.stderr}")
    marks: dict[str, float] = {}
    for line in out.stdout.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("paint", "dashboard"):
            marks[parts[0]] = (float(parts[1]) - start) * 1000
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--check", action="store_true", help="exit 1 above the target ratio")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as home:
        # Keep away from the user's real files: no extra draws, no profile.
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
        }
        env.pop("OINP_PROFILE", None)
        run_once(HELLO, env)  # warm the file cache and .pyc files once, untimed
        run_once(OURS, env)
        hello: list[float] = []
        ours: list[float] = []
        dashboard: list[float] = []
        for _ in range(args.runs):
            hello.append(run_once(HELLO, env)["paint"])
            marks = run_once(OURS, env)
            ours.append(marks["paint"])
            dashboard.append(marks["dashboard"])

    hello_ms, ours_ms = statistics.median(hello), statistics.median(ours)
    ratio = ours_ms / hello_ms
    print(f"runs each:                      {args.runs}")
    print(f"hello-world first paint:        {hello_ms:7.1f} ms (median)")
    print(f"OINP Assistant first paint:     {ours_ms:7.1f} ms (median)")
    print(f"OINP Assistant dashboard ready: {statistics.median(dashboard):7.1f} ms (median)")
    print(f"ratio (first paint):            {ratio:7.2f}  (target <= {TARGET_RATIO})")
    if args.check and ratio > TARGET_RATIO:
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
