"""`oinp check --all-streams --json` with 1,000, 10,000 and 100,000 rounds the user added.

Run by hand, not by pytest:

    python benchmarks/scale.py [--sizes 1000,10000,100000] [--runs 3] [--check]

For each size, a temporary user data folder (`XDG_DATA_HOME`) gets an `added.csv` of that many
valid rounds (the bundled rounds' shapes, on distinct days and labels), and the command runs as
the user runs it: this checkout installed with pip into a virtualenv (`installed.py`; `--venv
DIR` keeps and reuses it), its `oinp` console script, a fresh HOME (the warm-up run fills the
caches, as the first run after an install does). Printed per size: the median wall time, CPU
time, peak memory (the child's maximum resident set) and rounds per second. A baseline run
with no added rounds is printed first, so the per-round cost is visible against start-up.

Targets: 10,000 rounds under 1 s, 100,000 under 5 s and 400 MB.
--check exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import install

from oinp_assistant.draws import COLUMNS

TODAY = "2026-11-26"
TARGETS = {10_000: (1.0, None), 100_000: (5.0, 400.0)}  # seconds, MB
HEADER = [*COLUMNS, "added"]
NOCS = ["21231", "31301", "72410", "33102", "", "", "unknown"]
STREAMS = ["foreign_worker", "international_student", "in_demand_skills"]


def write_rounds(path: Path, count: int) -> None:
    """`count` valid rounds, all before TODAY, with ids that never repeat."""
    first = dt.date(2015, 1, 1)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for n in range(count):
            day = first + dt.timedelta(days=n % 3000)
            stream = STREAMS[n % len(STREAMS)]
            label = f"bench_{n}"
            nocs = NOCS[n % len(NOCS)]
            out.writerow(
                [
                    f"{day}-{stream}-{label}",
                    day.isoformat(),
                    stream,
                    label,
                    str(100 + n % 900),
                    str(30 + n % 60),
                    (day - dt.timedelta(days=90)).isoformat(),
                    day.isoformat(),
                    nocs,
                    "",
                    "",
                    "unknown",
                    "1",
                    "benchmark round",
                    "https://www.ontario.ca/page/ontario-immigrant-nominee-program-oinp",
                    TODAY,
                ]
            )


def run(oinp: Path, env: dict[str, str], cwd: Path) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak MB, bytes of output of one run."""
    cmd = [str(oinp), "check", "--all-streams", "--json", "--example", "--today", TODAY]
    start = time.perf_counter()
    errors = cwd / "stderr.txt"  # a file, not a pipe: a full pipe would stall the child
    with errors.open("wb") as err:
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=err)
        size = 0
        assert proc.stdout is not None
        while chunk := proc.stdout.read(1 << 20):
            size += len(chunk)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = status
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"check failed:\n{errors.read_text(encoding='utf-8')[:2000]}")
    cpu = usage.ru_utime + usage.ru_stime
    peak_mb = usage.ru_maxrss / 1024  # Linux: KiB
    return wall, cpu, peak_mb, size


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--venv", type=Path, help="install into this folder and reuse it (default: a temporary one)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="oinp-scale-venv-") as venv_tmp:
        oinp = install(args.venv or Path(venv_tmp) / "venv").oinp
        return _measure(oinp, args)


def _measure(oinp: Path, args: argparse.Namespace) -> int:
    sizes = [0] + [int(s) for s in args.sizes.split(",")]

    missed = False
    print(f"oinp: {oinp} (installed with pip; Python {sys.version.split()[0]})")
    print(f"runs per size: {args.runs}")
    print(f"{'rounds':>8}{'wall s':>9}{'cpu s':>8}{'peak MB':>9}{'JSON MB':>9}{'rounds/s':>11}")
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="oinp-scale-") as tmp:
            home = Path(tmp)
            env = {k: v for k, v in os.environ.items() if k not in ("OINP_PROFILE", "PYTHONPATH")}
            env.update(
                HOME=str(home),
                XDG_CONFIG_HOME=str(home / "config"),
                XDG_DATA_HOME=str(home / "data"),
                XDG_CACHE_HOME=str(home / "cache"),
            )
            folder = home / "data" / "oinp-assistant" / "draws"
            folder.mkdir(parents=True)
            if size:
                write_rounds(folder / "added.csv", size)
            run(oinp, env, home)  # warm-up: the OS's file cache, the app's caches
            results = [run(oinp, env, home) for _ in range(args.runs)]
        wall = statistics.median(r[0] for r in results)
        cpu = statistics.median(r[1] for r in results)
        peak = max(r[2] for r in results)
        out_mb = results[0][3] / 1e6
        rate = f"{size / wall:>11,.0f}" if size else f"{'-':>11}"
        print(f"{size:>8,}{wall:>9.2f}{cpu:>8.2f}{peak:>9.0f}{out_mb:>9.1f}{rate}")
        if size in TARGETS:
            seconds, megabytes = TARGETS[size]
            if wall >= seconds or (megabytes is not None and peak >= megabytes):
                missed = True
                limit = f"{seconds:.0f} s" + (f", {megabytes:.0f} MB" if megabytes else "")
                print(f"{'':>8}above the target (< {limit})")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
