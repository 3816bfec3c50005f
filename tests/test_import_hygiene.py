"""The CLI stays light: no Textual, and icalendar/tomlkit only for the commands that need them.

Each check runs in a fresh interpreter, because this test process has long since imported
everything; it then reports which modules the commands left in `sys.modules`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import oinp_assistant
from oinp_assistant import locations

PACKAGE = Path(__file__).resolve().parent.parent / "oinp_assistant"
HEAVY = ("textual", "icalendar", "tomlkit")

PROBE = """
import io, json, sys
from contextlib import redirect_stdout
from oinp_assistant.cli.main import main

argvs, heavy = json.loads(sys.argv[1]), tuple(json.loads(sys.argv[2]))
codes = []
for argv in argvs:
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")  # has .buffer, like sys.stdout
    with redirect_stdout(out):
        codes.append(main(argv))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
tui = sorted(m for m in sys.modules if m.startswith("oinp_assistant.tui"))
print(json.dumps({"codes": codes, "loaded": loaded, "tui": tui}))
"""


def run_commands(tmp_path: Path, *argvs: list[str]) -> dict[str, list[object]]:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in (locations.PROFILE_ENV, "PYTHONPATH")}
    env.update(
        # The code under test, not whatever copy of the package the interpreter has installed.
        PYTHONPATH=str(Path(oinp_assistant.__file__).resolve().parents[1]),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(argvs), json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, list[object]] = json.loads(done.stdout)
    return result


READ_ONLY = [
    ["check", "--example-foreign-worker", "--json", "--today", "2026-11-26"],
    ["check", "--example-foreign-worker", "--today", "2026-11-26"],
    ["deadlines", "--example-foreign-worker", "--json", "--today", "2026-11-26"],
    ["deadlines", "--example-foreign-worker", "--today", "2026-11-26"],
    ["profile", "validate", "--example-foreign-worker"],
]


def test_read_only_commands_import_no_textual_icalendar_or_tomlkit(tmp_path: Path) -> None:
    result = run_commands(tmp_path, *READ_ONLY)
    assert result["codes"] == [0] * len(READ_ONLY)
    assert result["loaded"] == [], "the CLI imported " + ", ".join(map(str, result["loaded"]))
    assert result["tui"] == []


@pytest.mark.parametrize("command", READ_ONLY, ids=lambda argv: "-".join(argv[:2]))
def test_each_command_alone_stays_light(tmp_path: Path, command: list[str]) -> None:
    # One at a time too: a lazy import in one command must not hide behind another.
    result = run_commands(tmp_path, command)
    assert result["codes"] == [0]
    assert result["loaded"] == []


def test_export_ics_imports_icalendar_and_only_it(tmp_path: Path) -> None:
    argv = [
        "export-ics",
        "--example-foreign-worker",
        "--today",
        "2026-11-26",
        "-o",
        str(tmp_path / "o.ics"),
    ]
    result = run_commands(tmp_path, argv)
    assert result["codes"] == [0]
    assert (tmp_path / "o.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
    loaded = {str(m).split(".")[0] for m in result["loaded"]}
    assert loaded == {"icalendar"}
    assert result["tui"] == []


def test_package_init_is_empty() -> None:
    # Importing any oinp_assistant module runs it: it must cost nothing and import nothing.
    assert (PACKAGE / "__init__.py").read_bytes() == b""


def test_the_layers_contract_names_every_domain_module() -> None:
    """A new domain module must join the contract, or `lint-imports` would not guard it."""
    import tomllib

    config = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    listed = set(contract["source_modules"])
    domain = {
        f"oinp_assistant.{path.stem}"
        for path in PACKAGE.glob("*.py")
        if not path.stem.startswith("__")
    }
    assert listed == domain
    assert {"oinp_assistant.cli", "oinp_assistant.tui", "textual", "rich"} <= set(
        contract["forbidden_modules"]
    )


def _modules_seen(tmp_path: Path, code: str) -> list[str]:
    """Run `code` in a fresh interpreter on this checkout; it prints a JSON list of modules."""
    env = {k: v for k, v in os.environ.items() if k not in (locations.PROFILE_ENV, "PYTHONPATH")}
    home = tmp_path / "home"
    env.update(
        PYTHONPATH=str(Path(oinp_assistant.__file__).resolve().parents[1]),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return seen


APP_PROBE = """
import json, sys
import oinp_assistant.tui.app as app_module
from oinp_assistant.cli.main import main

def run_app(*args):
    # What was imported when the app would start painting.
    print(json.dumps(sorted(sys.modules)))
    return 0

app_module.run_app = run_app
main(["--example-foreign-worker"])
"""


def test_the_app_starts_before_any_domain_module_or_pydantic_is_imported(tmp_path: Path) -> None:
    """The first screen paints first; the data and the profile load afterwards, in a worker."""
    seen = _modules_seen(tmp_path, APP_PROBE)
    assert "textual.app" in seen
    domain = [m for m in seen if m.split(".")[0] == "pydantic"] + [
        m
        for m in seen
        if m.startswith("oinp_assistant.")
        and m.split(".")[1] in ("catalog", "draws", "profile", "problems", "eligibility")
    ]
    assert domain == [], f"imported before the first paint: {domain}"
    assert "oinp_assistant.cli.commands" not in seen


LAUNCH_PROBE = """
import json, sys
from oinp_assistant.tui import preload

def start(argv):
    # What was imported when the preload's child is started.
    print(json.dumps(sorted(sys.modules)))
    raise SystemExit(0)

preload.Preload.start = start
from oinp_assistant.cli import launch
sys.argv = ["oinp", "--example"]
launch.main()
"""


def test_the_preload_starts_before_the_command_line_textual_or_pydantic_is_imported(
    tmp_path: Path,
) -> None:
    """Started first (cli/launch.py), the child computes on another core while this process
    imports argparse, the command line and Textual."""
    seen = _modules_seen(tmp_path, LAUNCH_PROBE)
    assert [m for m in seen if m.split(".")[0] in ("argparse", "textual", "pydantic")] == []
    assert "oinp_assistant.cli.main" not in seen


HELP_PROBE = """
import contextlib, io, json, sys
from oinp_assistant.cli.main import main

with contextlib.redirect_stdout(io.StringIO()):
    try:
        main(["--help"])
    except SystemExit:
        pass
print(json.dumps(sorted(sys.modules)))
"""


def test_help_imports_no_pydantic_and_no_domain(tmp_path: Path) -> None:
    seen = _modules_seen(tmp_path, HELP_PROBE)
    assert [m for m in seen if m.split(".")[0] in ("pydantic", "textual")] == []
    assert {"oinp_assistant.catalog", "oinp_assistant.profile"}.isdisjoint(seen)
