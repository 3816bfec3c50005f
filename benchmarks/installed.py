"""This checkout installed as a user installs it, for the benchmarks to time.

`python -m venv` and `pip install .` into a folder: pip builds the wheel, installs the
dependencies and compiles every module, and the console script `oinp` starts the program as
it does on a user's machine (no source tree on the path, the data inside the package). The
same virtualenv's `python` runs the baselines, so both sides have the same pydantic and
Textual.

Installing takes a quarter of a minute; `--venv DIR` in the benchmarks keeps the install in
DIR and reuses it while this checkout is unchanged (a stamp of the installed commit and of
uncommitted changes decides).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Installed:
    python: Path
    oinp: Path


def _stamp() -> str:
    """What the checkout holds: its commit and a hash of its uncommitted changes."""

    def git(*args: str) -> bytes:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, check=False)
        return done.stdout

    return hashlib.sha256(git("rev-parse", "HEAD") + git("diff", "HEAD")).hexdigest()


def install(venv: Path) -> Installed:
    """This checkout installed in the virtualenv `venv` (made, or reused when up to date)."""
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    found = Installed(bin_dir / "python", bin_dir / "oinp")
    stamp_file = venv / "oinp-checkout.stamp"
    stamp = _stamp()
    if found.oinp.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
        return found
    print(f"installing this checkout into {venv} (pip install .) ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    subprocess.run(
        [str(found.python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "."],
        cwd=REPO,
        check=True,
    )
    stamp_file.write_text(stamp)
    return found
