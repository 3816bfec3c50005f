"""Start-up cost of `oinp check --json` and `oinp score --json` against the floor any pydantic
program pays.

Run by hand, not by pytest:

    python benchmarks/startup.py [--runs 31]

Both commands run as fresh interpreters, interleaved so that machine noise hits both alike;
the medians and their ratio are printed. The baseline imports pydantic, defines a small model,
reads a TOML file with tomllib and validates it: what a minimal program with our stack cannot
avoid. Target: ratio <= 1.10.

As the user runs it: this checkout is installed with pip into a virtualenv (`installed.py`;
`--venv DIR` keeps and reuses it), and `oinp` is its console script, started with a fresh HOME;
the baseline runs on that virtualenv's python. The warm-up runs also fill the caches of
validated bundled data and of the checked profile, as the first run after an install does;
the timed runs are every later start. Printed for the record beside them: `check` as the first
run after the profile was edited (its cached check removed before each run), which builds
the profile's validator.

To see where the time goes: python -X importtime -m oinp_assistant check --json --example
(or the installed console script: `python -X importtime VENV/bin/oinp ...`)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from installed import install

TARGET = 1.10
EDITED = "oinp check --json, profile just edited"
TODAY = "2026-11-26"

BASELINE = """
import datetime as dt
import sys
import tomllib

from pydantic import BaseModel, ConfigDict


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stream: str
    noc: str | None = None
    eoi_score: int | None = None
    eoi_registered: dt.date | None = None


with open(sys.argv[1], "rb") as fh:
    profile = Profile.model_validate(tomllib.load(fh))
print(profile.model_dump_json())
"""

PROFILE = """stream = "foreign_worker"
noc = "21231"
eoi_score = 57
eoi_registered = 2026-03-12
"""


def _env(folder: Path) -> dict[str, str]:
    # The user's own profile, data and code on the path must not change what is measured.
    env = {k: v for k, v in os.environ.items() if k not in ("OINP_PROFILE", "PYTHONPATH")}
    home = folder / "home"
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    return env


def _entry_of(cmd: list[str], env: dict[str, str], cwd: Path) -> Path:
    """The cache entry (as a glob pattern) of the profile `cmd` reads: the one it writes."""
    cache = Path(env["XDG_CACHE_HOME"])
    before = set(cache.rglob("profile-*.pickle"))
    for entry in before:
        entry.unlink()
    _time(cmd, env, cwd)
    (entry,) = set(cache.rglob("profile-*.pickle"))
    kind = entry.name.rsplit("-", 1)[0]
    return entry.with_name(f"{kind}-*.pickle")


def _time(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=60, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr.decode()}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=31, help="timed runs of each (default 31)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed runs first (default 2)")
    parser.add_argument(
        "--venv", type=Path, help="install into this folder and reuse it (default: a temporary one)"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="oinp-bench-") as tmp:
        folder = Path(tmp)
        found = install(args.venv or folder / "venv")
        script, profile = folder / "baseline.py", folder / "profile.toml"
        script.write_text(BASELINE, encoding="utf-8")
        profile.write_text(PROFILE, encoding="utf-8")
        env = _env(folder)
        # check on the closed-stream example (56 rounds to check); score on the OWP example.
        commands = {
            "oinp check --json": ["check", "--json", "--example-foreign-worker"],
            "oinp score --json": ["score", "--json", "--example"],
        }
        runs = {name: [str(found.oinp), *argv, "--today", TODAY] for name, argv in commands.items()}
        base = [str(found.python), str(script), str(profile)]

        for _ in range(args.warmup):  # the OS's file cache, the app's caches
            for cmd in runs.values():
                _time(cmd, env, folder)
            _time(base, env, folder)
        times: dict[str, list[float]] = {name: [] for name in [*runs, EDITED]}
        base_times = []
        checked = _entry_of(runs["oinp check --json"], env, folder)
        for _ in range(args.runs):
            for name, cmd in runs.items():
                times[name].append(_time(cmd, env, folder))
            base_times.append(_time(base, env, folder))
            # As the first run after the profile was edited: its cached check is gone.
            for entry in checked.parent.glob(checked.name):
                entry.unlink()
            times[EDITED].append(_time(runs["oinp check --json"], env, folder))

    base_median = statistics.median(base_times)
    print(f"oinp:     {found.oinp} (installed with pip; Python {sys.version.split()[0]})")
    print(f"runs:     {args.runs} each, interleaved, after {args.warmup} warm-up runs")
    print(
        f"baseline (pydantic+tomllib): median {base_median * 1000:7.1f} ms"
        f"  (fastest {min(base_times) * 1000:.1f})"
    )
    for name, measured in times.items():
        median = statistics.median(measured)
        ratio = median / base_median
        verdict = "OK" if ratio <= TARGET else "ABOVE TARGET"
        target = f" (target <= {TARGET}: {verdict})" if name != EDITED else " (for the record)"
        print(
            f"{name}: median {median * 1000:7.1f} ms (fastest {min(measured) * 1000:.1f}); "
            f"ratio {ratio:.2f}{target}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
