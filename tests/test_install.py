"""The built wheel is the whole program: installed into a clean virtualenv, it runs on its data.

Builds the wheel from this checkout, installs it (with its declared dependencies, from the
normal package index or pip's cache) into a fresh virtualenv without the system's or this
environment's packages, and runs that venv's `oinp` from a folder outside the repository,
so nothing can come from the source tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from oinp_assistant import locations

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
BUILD_TIMEOUT = 300
DATA_FILES = [
    "draws.csv",
    "streams.toml",
    "round_conditions.toml",
    "noc2021-unit-groups.csv",
    "noc2021-all-titles.csv",
    "noc2016-to-2021.csv",
    "example-profile.toml",
    "example-foreign-worker.toml",
    "owp_grid.toml",
    "owp_pathways.toml",
]


DROP = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}


def _build_env() -> dict[str, str]:
    """For pip and venv: this environment's index and cache, without its Python paths."""
    env = {k: v for k, v in os.environ.items() if k not in DROP}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _user_env(home: Path) -> dict[str, str]:
    """For oinp: a user with empty config and data folders, and no $OINP_PROFILE."""
    env = {k: v for k, v in _build_env().items() if k != locations.PROFILE_ENV}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
    )
    return env


def _run(cmd: list[str | Path], env: dict[str, str], cwd: Path) -> str:
    done = subprocess.run(
        [str(c) for c in cmd],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=BUILD_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, f"{cmd} failed ({done.returncode}):\n{done.stdout}{done.stderr}"
    return done.stdout


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path
    site: Path  # the installed package folder
    shipped: frozenset[str]  # what the wheel should hold, listed just before the build
    outside: Path  # a working folder outside the repository
    env: dict[str, str]

    def oinp(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bin / "oinp"), *args],
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.outside,
            timeout=60,
            check=False,
        )

    def oinp_json(self, *args: str) -> Any:
        done = self.oinp(*args)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        return json.loads(done.stdout)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """One wheel, one clean venv, shared by the module's tests (building is the slow part)."""
    root = tmp_path_factory.mktemp("install")
    outside = root / "elsewhere"
    outside.mkdir()
    env = _build_env()
    shipped = _source_files()
    wheels = root / "wheels"
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, REPO], env, outside
    )
    (wheel,) = wheels.glob("oinp_assistant-*.whl")

    venv = root / "venv"
    # A plain venv: no --system-site-packages, so only the wheel's declared dependencies exist.
    # Without its own pip (ensurepip costs seconds): this pip installs into it (--python).
    _run([sys.executable, "-m", "venv", "--without-pip", venv], env, outside)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    pip: list[str | Path] = [sys.executable, "-m", "pip", "--python", bin_dir / "python"]
    _run([*pip, "install", "-q", wheel], env, outside)
    where = _run(
        [bin_dir / "python", "-c", "import oinp_assistant; print(oinp_assistant.__file__)"],
        env,
        outside,
    )
    site = Path(where.strip()).parent
    yield Installed(wheel, bin_dir, site, shipped, outside, _user_env(root / "home"))


def _source_files() -> frozenset[str]:
    """Every file of the package and of data/ (stylesheets, schema...), as wheel paths."""
    found = set()
    for folder, prefix in ((REPO / "oinp_assistant", "oinp_assistant"), (REPO / "data", "")):
        for path in folder.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                rel = path.relative_to(folder).as_posix()
                found.add(f"{prefix}/{rel}" if prefix else f"oinp_assistant/data/{rel}")
    return frozenset(found)


def test_wheel_ships_the_data_and_every_package_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    for name in DATA_FILES:
        assert f"oinp_assistant/data/{name}" in names, f"{name} is missing from the wheel"
    # Whatever lives in the package or in data/ (stylesheets, schema...) must ship too.
    missing = sorted(installed.shipped - names)
    assert not missing, f"missing from the wheel: {missing}"
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "scripts/"))]
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(installed.wheel).read(entry_points).decode()
    assert "oinp = oinp_assistant.cli.launch:main" in text


def test_installed_package_is_not_the_checkout(installed: Installed) -> None:
    assert "site-packages" in installed.site.parts
    assert REPO not in installed.site.parents
    assert (installed.site / "data" / "draws.csv").is_file()
    # Clean: nothing of the test environment (pytest, vobject...) leaks into the venv.
    cfg = (installed.bin.parent / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in cfg
    probe = (
        "import importlib.util as u; print([m for m in ('pytest', 'vobject') if u.find_spec(m)])"
    )
    done = subprocess.run(
        [str(installed.bin / "python"), "-c", probe],
        capture_output=True,
        text=True,
        env=installed.env,
        cwd=installed.outside,
        timeout=60,
        check=True,
    )
    assert done.stdout.strip() == "[]"


def test_check_runs_on_the_bundled_draws(installed: Installed) -> None:
    out = installed.oinp_json(
        "check", "--json", "--example-foreign-worker", "--today", "2026-11-26"
    )
    assert out["data_newest_draw"] == "2026-04-30"
    assert out["results"], "no draw was checked"
    assert out["results"][0]["draw"]["date"] == "2026-04-30"
    assert {r["verdict"] for r in out["results"]} <= {"in_scope", "out_of_scope", "unknown"}
    assert Path(out["profile"]) == installed.site / "data" / "example-foreign-worker.toml"


def test_deadlines_from_the_installed_example(installed: Installed) -> None:
    out = installed.oinp_json(
        "deadlines", "--json", "--example-foreign-worker", "--today", "2026-11-26"
    )
    dates = {d["kind"]: d["date"] for d in out["deadlines"]}
    assert dates["employer_submission"] == "2026-05-14"
    assert dates["candidate_submission"] == "2026-05-17"
    assert out["basis"]["invitation_date"] == "2026-04-30"
    assert "eoi_expiry" not in dates


def test_the_installed_owp_example_is_scored_and_checked_against_its_pathway(
    installed: Installed,
) -> None:
    score = installed.oinp_json("score", "--json", "--example", "--today", "2026-12-03")
    assert (score["grid"], score["total"], score["maximum"]) == (
        "ontario_workforce_priority",
        103,
        130,
    )
    assert score["factors"][0]["sources"]
    req = installed.oinp_json("requirements", "--json", "--example", "--today", "2026-12-03")
    assert (req["pathway"], req["verdict"]) == ("teer_0_3", "meets")


def test_installed_round_conditions_make_the_french_speaking_round_unknown(
    installed: Installed,
) -> None:
    out = installed.oinp_json(
        "check",
        "--json",
        "--example-foreign-worker",
        "--today",
        "2026-04-08",
        "--since",
        "2026-04-08",
    )
    french = next(
        r for r in out["results"] if r["draw"]["id"] == "2026-04-08-foreign_worker-french_speaking"
    )
    other = {c["name"]: c for c in french["criteria"]}["other_conditions"]
    assert other["status"] == "unknown" and "French at least at CLB 5" in other["detail"]


def test_noc_search_ranks_welders_first(installed: Installed) -> None:
    done = installed.oinp("noc", "search", "welder")
    assert done.returncode == 0, done.stderr
    rows = [ln for ln in done.stdout.splitlines() if ln[:5].isdigit()]
    assert rows and rows[0].startswith("72106 "), done.stdout
    assert installed.oinp_json("noc", "search", "welder", "--json")[0]["code"] == "72106"


def test_export_ics_works_with_the_declared_dependencies(installed: Installed) -> None:
    done = installed.oinp(
        "export-ics", "--example-foreign-worker", "--today", "2026-11-26", "-o", "-"
    )
    assert done.returncode == 0, done.stderr
    # employer, candidate, permit: the example was invited, so its EOI expiry is not an event
    assert done.stdout.count("BEGIN:VEVENT") == 3
