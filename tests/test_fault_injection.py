"""Fault injection: no input makes `oinp` crash, hang, lie about a profile, or touch a file it
only reads (issue 10, items 1-5; /work/shared/findings/fault-injection-2026-12-01.md).

Promises under test, for every command:
- the exit status is 0 or 2; an exception escaping `main(argv)` is a traceback and fails here;
- no run hangs (subprocess runs have timeouts; FIFOs and devices are refused before reading);
- a profile `profile validate` accepts works in every command, and one it refuses makes every
  command exit 2 with a message naming the file;
- `profile show --json` prints JSON or exits 2;
- the files read are byte-identical afterwards;
- text output carries no raw control characters; --json output stays exact.

Generated cases run in-process (fast); a bounded number of real processes cover what only a
process shows: closed or full stdout, exit-time flushes, hangs, SIGKILL during a write.
The `slow` variants run the same properties at 10,000+ command runs and 400 SIGKILLs.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import math
import os
import random
import signal
import stat
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oinp_assistant import atomic
from oinp_assistant.catalog import load_catalog
from oinp_assistant.cli import guard
from oinp_assistant.cli.main import main
from oinp_assistant.cli.safe_text import printable, printable_json
from oinp_assistant.clock import DateOutOfRange, add_days, add_months
from oinp_assistant.draws import COLUMNS
from oinp_assistant.profile import REGIONS

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-26"
_BUNDLED = load_catalog(user_draws_dir=Path("/nonexistent-oinp-user-draws"))
STREAMS = sorted(_BUNDLED.streams)
A_DRAW_ID = _BUNDLED.draws[0].id
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
# Raw bytes that must never reach a terminal from user data.
RAW_CONTROLS = ("\x1b", "\x07", "\x9b", "\x00", "\u202e")


# --- running the CLI ------------------------------------------------------------------------


class Run:
    def __init__(self, argv: list[str], code: int, out: str, err: str) -> None:
        self.argv, self.code, self.out, self.err = argv, code, out, err

    def __repr__(self) -> str:
        return f"Run({self.argv!r}, code={self.code}, err={self.err[-600:]!r})"


def run(argv: list[str]) -> Run:
    """`main(argv)` in this process with stdout/stderr captured; an exception propagates."""
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", newline="")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", newline="")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: usage errors and --help
            code = exc.code if isinstance(exc.code, int) else 2
    out.flush()
    err.flush()
    result = Run(argv, code, out_bytes.getvalue().decode(), err_bytes.getvalue().decode())
    assert result.code in (0, 2), result
    assert "Traceback" not in result.err, result
    for raw in RAW_CONTROLS:
        assert raw not in result.out + result.err, (raw, result)
    return result


def run_process(
    args: list[str], *, env: dict[str, str], timeout: float = 30, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    """A real `oinp` process: what only a process shows (exit-time flushes, closed fds)."""
    return subprocess.run(
        [sys.executable, "-m", "oinp_assistant", *args],
        env=env,
        timeout=timeout,
        capture_output="stdout" not in kwargs,
        **kwargs,
    )


@pytest.fixture
def env(isolated_user_dirs: Path) -> dict[str, str]:
    home = isolated_user_dirs
    return {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }


def no_process_noise(stderr: bytes) -> None:
    text = stderr.decode(errors="replace")
    assert "Traceback" not in text, text
    assert "Exception ignored" not in text, text


# --- generated inputs -----------------------------------------------------------------------

EDGE_DATES = [
    dt.date.min,
    dt.date(1, 1, 5),
    dt.date(1899, 12, 31),
    dt.date(1900, 1, 1),
    dt.date(2199, 12, 31),
    dt.date(2200, 1, 1),
    dt.date(9998, 12, 31),
    dt.date(9999, 1, 1),
    dt.date(9999, 12, 20),
    dt.date.max,
]
DATES = st.one_of(
    st.dates(dt.date(2018, 1, 1), dt.date(2028, 12, 31)),
    st.dates(),
    st.sampled_from(EDGE_DATES),
)
# Surrogates cannot be written to a UTF-8 file; every other character can, controls included.
CHARS = st.characters(blacklist_categories=["Cs"])
TEXT = st.one_of(
    st.text(CHARS, max_size=30),
    st.sampled_from(["\x1b]0;TITLE\x07\x1b[2J", "\u202eevil", "a\r\nb", "$(id)", "{0.__class__}"]),
)
SCALARS = st.one_of(
    TEXT,
    st.integers(),
    st.sampled_from([2**63 - 1, -(2**63), 10**30]),
    st.booleans(),
    st.floats(),
    DATES,
    st.datetimes(),
    st.times(),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.text(CHARS, min_size=1, max_size=8), inner, max_size=3),
    ),
    max_leaves=6,
)


def toml_value(value: Any) -> str:
    """A TOML literal for `value` (mixed-type arrays are valid TOML 1.0)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        # JSON escapes C0 controls as \\uXXXX, valid in TOML too; TOML also refuses a raw DEL
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{toml_value(str(k))} = {toml_value(v)}" for k, v in value.items())
            + "}"
        )
    raise TypeError(value)


def or_junk(good: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly plausible values (they reach the computations), sometimes anything at all."""
    return st.one_of(good, good, good, VALUES)


PERMIT = st.fixed_dictionaries(
    {"type": or_junk(st.sampled_from(["work", "study", "none"]))},
    optional={"expires": or_junk(DATES), "in_canada": or_junk(st.booleans())},
)
INVITATION = st.fixed_dictionaries(
    {"date": or_junk(DATES)},
    optional={
        "stream": or_junk(st.sampled_from(STREAMS)),
        "employer_deadline": or_junk(DATES),
        "candidate_deadline": or_junk(DATES),
    },
)
PROFILE_FIELDS = st.fixed_dictionaries(
    {"stream": or_junk(st.sampled_from([*STREAMS, "foriegn_worker"]))},
    optional={
        "noc": or_junk(st.sampled_from(["21231", "72200", "00012", "1234", "99999"])),
        "eoi_score": or_junk(st.integers(-5, 200)),
        "eoi_registered": or_junk(DATES),
        "job_region": or_junk(st.sampled_from([*REGIONS, "gta "])),
        "job_community": or_junk(TEXT),
        "permit": or_junk(PERMIT),
        "invitation": or_junk(INVITATION),
    },
)
UNKNOWN_KEYS = st.dictionaries(st.from_regex(r"[a-z_]{1,10}", fullmatch=True), VALUES, max_size=4)


IN_RANGE_DATES = st.one_of(
    st.dates(dt.date(2018, 1, 1), dt.date(2028, 12, 31)),
    st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)),
    st.sampled_from([dt.date(1900, 1, 1), dt.date(2199, 12, 20), dt.date(2199, 12, 31)]),
)


@st.composite
def plausible_profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A profile `profile validate` should accept, edges of the date range included."""
    data: dict[str, Any] = {"stream": draw(st.sampled_from(STREAMS))}
    if draw(st.booleans()):
        data["noc"] = draw(st.sampled_from(sorted(_BUNDLED.occupations)))
    if draw(st.booleans()):
        data["eoi_score"] = draw(st.integers(0, 130))
    registered = draw(st.one_of(st.none(), IN_RANGE_DATES))
    if registered is not None:
        data["eoi_registered"] = registered
    if draw(st.booleans()):
        data["job_region"] = draw(st.sampled_from(REGIONS))
    if draw(st.booleans()):
        data["job_community"] = draw(TEXT)
    if draw(st.booleans()):
        kind = draw(st.sampled_from(["work", "study", "none"]))
        data["permit"] = {"type": kind}
        if kind != "none":
            data["permit"]["expires"] = draw(IN_RANGE_DATES)
        if draw(st.booleans()):
            data["permit"]["in_canada"] = draw(st.booleans())
    if draw(st.booleans()):
        start = max(registered or dt.date(1900, 1, 1), dt.date(1900, 1, 1))
        day = draw(st.dates(start, dt.date(2199, 12, 31)))
        data["invitation"] = {"date": day}
        if day < dt.date(2199, 12, 31):
            for name in ("employer_deadline", "candidate_deadline"):
                if draw(st.booleans()):
                    later = draw(st.dates(day + dt.timedelta(days=1), dt.date(2199, 12, 31)))
                    data["invitation"][name] = later
        if draw(st.booleans()):
            data["invitation"]["stream"] = draw(st.sampled_from(STREAMS))
    return data


@st.composite
def profile_files(draw: st.DrawFn) -> bytes:
    """The bytes of a profile as an editor, a script or an accident might leave it.

    Half are plausible (they reach the deadline and calendar arithmetic); half anything.
    """
    if draw(st.booleans()):
        data = draw(plausible_profiles())
        breaking = ["none"]
    else:
        data = {**draw(UNKNOWN_KEYS), **draw(PROFILE_FIELDS)}
        breaking = ["none", "none", "truncate", "bytes", "nest"]
    lines = []
    tables = []
    for key, value in data.items():
        if isinstance(value, dict) and draw(st.booleans()):
            tables.append((key, value))  # as a [table] section, like the template writes it
        else:
            lines.append(f"{toml_value(key)} = {toml_value(value)}")
    for key, table in tables:
        lines.append(f"[{toml_value(key)}]")
        lines += [f"{toml_value(str(k))} = {toml_value(v)}" for k, v in table.items()]
    text = "\n".join(lines) + "\n"
    mutation = draw(st.sampled_from([*breaking, "bom", "crlf", "bom+crlf"]))
    if "crlf" in mutation:
        text = text.replace("\n", "\r\n")
    raw = text.encode("utf-8")
    if "bom" in mutation:
        raw = b"\xef\xbb\xbf" + raw
    if mutation == "truncate":
        raw = raw[: draw(st.integers(0, len(raw)))]
    elif mutation == "bytes":
        raw = draw(st.binary(max_size=200))
    elif mutation == "nest":
        depth = draw(st.sampled_from([50, 300, 500, 2000]))
        raw += f"deep = {'[' * depth}{']' * depth}\n".encode()
    return raw


def profile_argvs(path: Path, out: Path, today: str) -> list[list[str]]:
    base = ["--profile", str(path), "--today", today]
    return [
        ["profile", "validate", *base],
        ["profile", "show", *base],
        ["profile", "show", "--json", *base],
        ["check", "-v", *base],
        ["check", "--json", "--all-streams", *base],
        ["deadlines", *base],
        ["deadlines", "--json", *base],
        ["chances", *base],
        ["chances", "--json", *base],
        ["score", *base],
        ["score", "--json", "--set", "language.english.writing=9", *base],
        ["requirements", "--json", *base],
        ["journey", *base],
        ["handoff", "-o", "-", *base],
        ["export-ics", "-o", str(out), *base],
        ["export-ics", "-o", "-", *base],
    ]


def without_calendar_key(raw: bytes) -> bytes:
    """The file as the person wrote it: the first export adds one calendar_key line, by design."""
    return b"".join(
        line for line in raw.splitlines(keepends=True) if not line.startswith(b"calendar_key = ")
    )


def check_profile_everywhere(path: Path, out: Path, today: str) -> int:
    """Every command on one profile file; returns how many commands ran."""
    before = path.read_bytes()
    runs = [run(argv) for argv in profile_argvs(path, out, today)]
    after = path.read_bytes()
    assert without_calendar_key(after) == without_calendar_key(before), (
        "a command changed the profile it only reads"
    )
    validate, show_json = runs[0], runs[2]
    if validate.code == 0:
        for r in runs:
            # a profile validate accepts must work everywhere; an empty calendar is refused
            assert r.code == 0 or "nothing to export" in r.err, (r, path.read_bytes())
    else:
        assert str(path) in validate.err, validate
        for r in runs:
            assert r.code == 2 and str(path) in r.err, (r, path.read_bytes())
    if show_json.code == 0:
        assert isinstance(json.loads(show_json.out), dict), show_json
    return len(runs)


DRAW_ROW = st.fixed_dictionaries(
    {
        "id": or_junk(st.from_regex(r"[0-9a-z\-]{1,20}", fullmatch=True)),
        "date": or_junk(DATES),
        "stream": or_junk(st.sampled_from(STREAMS)),
        "round": or_junk(st.sampled_from(["general", "gta", "targeted_77_nocs"])),
        "invitations": or_junk(st.integers(0, 5000)),
        "min_score": or_junk(st.integers(0, 130)),
        "window_start": st.one_of(st.just(""), DATES, VALUES),
        "window_end": st.one_of(st.just(""), DATES, VALUES),
        "noc_codes": st.one_of(st.sampled_from(["", "unknown", "21231;72200", "1;x"]), VALUES),
        "region": st.one_of(st.just(""), TEXT),
        "communities": st.one_of(st.sampled_from(["", "unknown", "Lanark;Greater Sudbury"]), TEXT),
        "residence_required": or_junk(st.sampled_from(["in_canada_with_permit", "no", "unknown"])),
        "confidence": or_junk(st.sampled_from(["2+", "1", "conflict"])),
        "notes": TEXT,
        "sources": or_junk(st.just("https://example.org/a | https://example.org/b")),
    }
)


def cell(value: Any) -> str:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    return str(value)


@st.composite
def draw_files(draw: st.DrawFn) -> bytes:
    """A user draws CSV as Excel, a script or an accident might write it."""
    columns = list(COLUMNS)
    shape = draw(st.sampled_from(["ok", "ok", "ok", "missing", "extra", "bytes", "ragged"]))
    if shape == "missing":
        columns.remove(draw(st.sampled_from(COLUMNS)))
    elif shape == "extra":
        columns.append(draw(st.sampled_from(["ID", "note", "\x1b[2Jx", "idd"])))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    writer.writerow(columns)
    for row in draw(st.lists(DRAW_ROW, max_size=4)):
        cells = [cell(row.get(c, "x")) for c in columns]
        if shape == "ragged":
            cells.append("one too many")
        writer.writerow(cells)
    raw = buffer.getvalue().encode("utf-8", errors="surrogatepass")
    if draw(st.booleans()):
        raw = b"\xef\xbb\xbf" + raw  # Excel's "CSV UTF-8"
    if shape == "bytes":
        raw = draw(st.binary(max_size=300))
    return raw


def check_draw_file_everywhere(csv_path: Path, profile: Path) -> int:
    before = csv_path.read_bytes()
    base = ["--profile", str(profile), "--today", TODAY]
    runs = [
        run(["draws", "list"]),
        run(["draws", "list", "--json"]),
        run(["draws", "show", A_DRAW_ID]),
        run(["check", *base]),
        run(["chances", "--json", *base]),
        run(["deadlines", *base]),
    ]
    assert csv_path.read_bytes() == before
    listed = runs[0]
    for r in runs:
        # the draws file is loaded by every command: accepted everywhere or refused everywhere
        assert r.code == listed.code, (r, before)
        if r.code == 2:
            assert str(csv_path) in r.err, (r, before)
    if listed.code == 0:
        assert isinstance(json.loads(runs[1].out)["draws"], list)
    return len(runs)


@contextlib.contextmanager
def scratch(home: Path) -> Iterator[Path]:
    """A fresh folder per generated example (hypothesis reuses the test's fixtures)."""
    folder = home / f"case-{time.monotonic_ns()}"
    folder.mkdir()
    try:
        yield folder
    finally:
        for child in sorted(folder.rglob("*"), reverse=True):
            child.unlink() if not child.is_dir() or child.is_symlink() else child.rmdir()
        folder.rmdir()


GENERATED = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
TODAYS = st.one_of(
    st.just(TODAY),
    st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)).map(dt.date.isoformat),
    st.sampled_from(["1900-01-01", "2199-12-31"]),
)


# --- generated profiles and draw files -------------------------------------------------------

COUNTS: dict[str, int] = {}


def profile_case(home: Path, raw: bytes, today: str) -> None:
    with scratch(home) as folder:
        path = folder / "p.toml"
        path.write_bytes(raw)
        COUNTS["profile"] = COUNTS.get("profile", 0) + check_profile_everywhere(
            path, folder / "out.ics", today
        )


def draw_case(home: Path, raw: bytes) -> None:
    folder = home / "data" / "draws"
    folder.mkdir(parents=True, exist_ok=True)
    csv_path = folder / "mine.csv"
    csv_path.write_bytes(raw)
    profile = home / "p.toml"
    profile.write_text('stream = "foreign_worker"\neoi_registered = 2026-01-01\n')
    try:
        COUNTS["draws"] = COUNTS.get("draws", 0) + check_draw_file_everywhere(csv_path, profile)
    finally:
        csv_path.unlink()


@settings(GENERATED, max_examples=12)
@given(raw=profile_files(), today=TODAYS)
def test_generated_profiles_never_crash_and_validate_agrees_with_every_command(
    isolated_user_dirs: Path, raw: bytes, today: str
) -> None:
    profile_case(isolated_user_dirs, raw, today)


@settings(GENERATED, max_examples=10)
@given(raw=draw_files())
def test_generated_user_draw_files_never_crash_and_name_the_file(
    isolated_user_dirs: Path, raw: bytes
) -> None:
    draw_case(isolated_user_dirs, raw)


@pytest.mark.slow
@settings(GENERATED, max_examples=1000)
@given(raw=profile_files(), today=TODAYS)
def test_slow_many_generated_profiles(isolated_user_dirs: Path, raw: bytes, today: str) -> None:
    """11 commands per profile: 11,000 command runs."""
    profile_case(isolated_user_dirs, raw, today)


@pytest.mark.slow
@settings(GENERATED, max_examples=300)
@given(raw=draw_files())
def test_slow_many_generated_draw_files(isolated_user_dirs: Path, raw: bytes) -> None:
    """6 commands per file: 1,800 command runs."""
    draw_case(isolated_user_dirs, raw)


# --- findings F1-F5, W3: dates at the edges --------------------------------------------------


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("eoi_registered = 9999-01-01\n", "eoi_registered"),  # F1
        ("eoi_registered = 9998-12-31\n", "eoi_registered"),  # F2
        ('[permit]\ntype = "work"\nexpires = 9999-12-31\n', "permit.expires"),  # F2
        ("[invitation]\ndate = 9999-12-20\n", "invitation.date"),  # F3
        ("eoi_registered = 0001-01-01\n", "eoi_registered"),
        ("eoi_registered = 1899-12-31\n", "eoi_registered"),
        ("eoi_registered = 2200-01-01T10:00:00\n", "eoi_registered"),
        (
            "[invitation]\ndate = 2026-01-05\ncandidate_deadline = 9999-12-31\n",
            "invitation.candidate_deadline",
        ),
        ("future = [{ when = 9999-12-31 }]\n", "future[0].when"),  # fields the schema adds later
    ],
)
def test_an_implausible_date_anywhere_is_refused_at_load_with_file_line_key_and_value(
    tmp_path: Path, body: str, key: str
) -> None:
    path = tmp_path / "p.toml"
    path.write_text('stream = "foreign_worker"\n' + body)
    for argv in profile_argvs(path, tmp_path / "o.ics", TODAY):
        r = run(argv)
        assert r.code == 2, r  # W3: validate refuses what the other commands cannot use
        assert str(path) in r.err
    r = run(["profile", "validate", "--profile", str(path)])
    assert f"{key}: the date is not plausible (you wrote " in r.err
    assert "between 1900-01-01 and 2199-12-31" in r.err
    assert ", line " in r.err


def test_the_range_edges_themselves_are_accepted_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text(
        'stream = "foreign_worker"\neoi_registered = 1900-01-01\n'
        '[permit]\ntype = "work"\nexpires = 2199-12-31\n'
        # An invitation or nomination after today is refused as impossible, so the far end of
        # the range is reached through dates that may lie ahead: expiries.
        "[invitation]\ndate = 1900-01-02\n"
        "[nomination]\ndate = 1900-01-03\nexpires = 2199-12-31\n"
    )
    for today in ("1900-01-01", "2199-12-31"):
        for argv in profile_argvs(path, tmp_path / "o.ics", today):
            assert run(argv).code == 0, argv


def test_f5_a_user_round_near_year_one_is_refused_with_its_file(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    (folder / "old.csv").write_text(
        ",".join(COLUMNS) + "\n"
        "0001-01-05-fw-x,0001-01-05,foreign_worker,general,10,40,,,,,,unknown,1,,https://x\n"
    )
    profile = tmp_path / "p.toml"
    profile.write_text('stream = "foreign_worker"\n')
    r = run(["chances", "--profile", str(profile), "--today", "1900-02-01"])
    assert r.code == 2
    assert f"{folder / 'old.csv'}, line 2, date: the date is not plausible" in r.err


@pytest.mark.parametrize(
    "text",
    [
        "0001-01-01",
        "1899-12-31",
        "2200-01-01",
        "9999-12-31",
        "20260101",
        "2026-W01-1",
        "2026-13-01",
        "",
        "x" * 5000,
    ],
)
def test_today_outside_the_range_or_not_yyyy_mm_dd_is_a_usage_error(text: str) -> None:
    r = run(["check", "--example-foreign-worker", "--today", text])
    assert r.code == 2
    assert "--today" in r.err and ("YYYY-MM-DD" in r.err or "between 1900-01-01" in r.err)


def test_date_arithmetic_is_total_a_domain_error_not_an_overflow() -> None:
    with pytest.raises(DateOutOfRange, match="9999-12-31 \\+ 1 days"):
        add_days(dt.date.max, 1)
    with pytest.raises(DateOutOfRange, match="0001-01-01 - 180 days"):
        add_days(dt.date.min, -180)
    with pytest.raises(DateOutOfRange, match="12 months"):
        add_months(dt.date(9999, 1, 1), 12)
    assert add_months(dt.date(2199, 12, 31), 12) == dt.date(2200, 12, 31)


# --- F4, F15, W5: parsing ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["[" * 500 + "]" * 500, "[" * 5000 + "]" * 5000, "{a=" * 400 + "1" + "}" * 400],
)
def test_f4_deep_nesting_is_a_problem_not_a_recursion_error(tmp_path: Path, value: str) -> None:
    path = tmp_path / "p.toml"
    path.write_text(f'stream = "x"\nx = {value}\n')
    r = run(["profile", "validate", "--profile", str(path)])
    assert r.code == 2 and str(path) in r.err


def test_f15_many_unknown_keys_are_reported_in_linear_time(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('stream = "foreign_worker"\n' + "".join(f"k{i} = {i}\n" for i in range(20_000)))
    started = time.perf_counter()
    r = run(["profile", "validate", "--profile", str(path)])
    elapsed = time.perf_counter() - started
    assert r.code == 2 and 'line 20001, k19999: unknown key "k19999"' in r.err
    # the quadratic version took 5 s for 1,000 keys; linear takes well under a second here
    assert elapsed < 15, elapsed


def test_w5_a_toml_time_is_shown_as_toml_not_as_python(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    path.write_text('stream = "foreign_worker"\neoi_registered = 10:00:00\n')
    r = run(["profile", "validate", "--profile", str(path)])
    assert r.code == 2 and "you wrote 10:00:00" in r.err and "datetime" not in r.err


def test_w5_profile_init_on_a_folder_says_it_is_a_folder(tmp_path: Path) -> None:
    r = run(["profile", "init", "--profile", str(tmp_path)])
    assert r.code == 2 and f"{tmp_path}: this is a folder" in r.err


# --- W4 and item 4: what real editors write --------------------------------------------------


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_bom_and_crlf_are_accepted_in_profiles_and_draw_files(
    isolated_user_dirs: Path, tmp_path: Path, bom: bytes, newline: bytes
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_bytes(
        bom + newline.join([b'stream = "foreign_worker"', b"eoi_registered = 2026-01-01", b""])
    )
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    row = (
        "2026-11-05-foreign_worker-general,2026-11-05,foreign_worker,general,5,,,,,,,"
        "unknown,1,,https://example.org/x"
    )
    (folder / "mine.csv").write_bytes(
        bom + newline.join([",".join(COLUMNS).encode(), row.encode(), b""])
    )
    assert run(["profile", "validate", "--profile", str(profile)]).code == 0
    r = run(["draws", "show", "2026-11-05-foreign_worker-general"])
    assert r.code == 0, r
    assert "added by you, stored in" in r.out


# --- item 3: output that cannot be turned against the terminal ------------------------------

PAYLOAD = "\x1b]0;TITLE\x07\x1b[2J\x9b\u202e"


def test_escape_sequences_in_user_data_are_shown_escaped_in_text_and_exact_in_json(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    profile = tmp_path / "p.toml"
    profile.write_text(
        'stream = "foreign_worker"\njob_region = "toronto"\n'
        'job_community = "Lanark\\u001b]0;TITLE\\u0007\\u001b[2J\\u009b\\u202e"\n'
    )
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    draw_id = "2026-11-05-foreign_worker-general"
    with (folder / "mine.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerow(
            [
                draw_id,
                "2026-11-05",
                "foreign_worker",
                "general",
                "5",
                "",
                "",
                "",
                "",
                "",
                "",
                "unknown",
                "1",
                f"note{PAYLOAD}",
                "https://example.org/x",
            ]
        )
    shown = run(["profile", "show", "--profile", str(profile)])  # run() asserts no raw control
    assert "Lanark\\u001b]0;TITLE\\u0007\\u001b[2J\\u009b\\u202e" in shown.out
    assert "note\\u001b" in run(["draws", "show", "-v", draw_id]).out
    run(["draws", "list"])
    run(["check", "-v", "--profile", str(profile), "--today", TODAY])
    as_json = json.loads(run(["profile", "show", "--json", "--profile", str(profile)]).out)
    assert as_json["profile"]["job_community"] == "Lanark" + PAYLOAD
    listed = json.loads(run(["draws", "list", "--json"]).out)["draws"]
    assert [d["notes"] for d in listed if d["id"] == draw_id] == ["note" + PAYLOAD]


# --- item 2 and F6-F8, F13, F14, W1, W2: files ------------------------------------------------


def profile_with_deadline(folder: Path) -> Path:
    path = folder / "p.toml"
    path.write_text('stream = "foreign_worker"\n[permit]\ntype = "work"\nexpires = 2027-05-01\n')
    return path


def a_device(folder: Path) -> Path:
    """A character device to write to: as root a private copy of /dev/null (a regression must
    not replace the real node), otherwise /dev/null itself (no one else can replace it)."""
    if IS_ROOT:
        node = folder / "null"
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        return node
    return Path(os.devnull)


def test_w1_output_to_a_device_or_fifo_is_refused_and_the_node_stays(tmp_path: Path) -> None:
    profile = profile_with_deadline(tmp_path)
    fifo = tmp_path / "fifo.ics"
    os.mkfifo(fifo)
    for target in (a_device(tmp_path), fifo):
        r = run(["export-ics", "-o", str(target), "--profile", str(profile)])
        assert r.code == 2 and str(target) in r.err and "not a regular file" in r.err
        assert not stat.S_ISREG(os.stat(target).st_mode)
        assert not atomic.backup_path(target).exists()


@pytest.mark.parametrize(
    "make",
    ["fifo", "folder", "loop", "dev-zero", "dangling", "parent-is-file", "too-long", "unreadable"],
)
def test_f13_f14_profile_paths_that_are_not_readable_files_get_a_message(
    tmp_path: Path, make: str
) -> None:
    path = tmp_path / "p.toml"
    if make == "fifo":
        os.mkfifo(path)  # read in-process: a regression hangs, the timeout below is in pytest
    elif make == "folder":
        path.mkdir()
    elif make == "loop":
        path.symlink_to(path)
    elif make == "dev-zero":
        path.symlink_to("/dev/zero")
    elif make == "dangling":
        path.symlink_to(tmp_path / "nowhere")
    elif make == "parent-is-file":
        (tmp_path / "file").write_text("x")
        path = tmp_path / "file" / "p.toml"
    elif make == "too-long":
        path = tmp_path / ("n" * 300)
    elif make == "unreadable":
        if IS_ROOT:
            pytest.skip("root reads any file")
        path.write_text('stream = "foreign_worker"\n')
        path.chmod(0)
    for argv in profile_argvs(path, tmp_path / "o.ics", TODAY):
        r = run(argv)
        assert r.code == 2 and str(path) in r.err, r


def test_f13_a_fifo_profile_or_draws_file_does_not_hang_a_process(
    env: dict[str, str], isolated_user_dirs: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    done = run_process(["profile", "validate", "--profile", str(fifo)], env=env, timeout=20)
    assert done.returncode == 2 and b"FIFO" in done.stderr
    folder = isolated_user_dirs / "data" / "oinp-assistant" / "draws"  # via $XDG_DATA_HOME
    folder.mkdir(parents=True)
    os.mkfifo(folder / "x.csv")
    done = run_process(["draws", "list"], env=env, timeout=20)
    assert done.returncode == 2 and str(folder / "x.csv").encode() in done.stderr


def test_f14_a_draws_file_linked_to_an_endless_device_is_refused(isolated_user_dirs: Path) -> None:
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    (folder / "zero.csv").symlink_to("/dev/zero")
    r = run(["draws", "list"])
    assert r.code == 2 and "zero.csv: cannot read this draws file: this is a device" in r.err


def test_a_20_mb_profile_is_refused_quickly_and_a_20_mb_draws_file_is_read(
    isolated_user_dirs: Path, tmp_path: Path
) -> None:
    big = tmp_path / "p.toml"
    big.write_bytes(b'stream = "foreign_worker"\n' + b"# padding\n" * 2_000_000)
    r = run(["profile", "validate", "--profile", str(big)])
    assert r.code == 2 and "more than the 1,048,576 accepted" in r.err
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    junk = folder / "big.csv"
    junk.write_bytes(b"\x00\xff" * 10_000_000)
    r = run(["draws", "list"])
    assert r.code == 2 and f"{junk}: cannot read this draws file: line 1 is not UTF-8" in r.err


@pytest.mark.parametrize("case", ["parent-is-file", "too-long", "missing-folder", "read-only"])
def test_f6_f7_f8_unwritable_outputs_are_one_line_messages(tmp_path: Path, case: str) -> None:
    profile = profile_with_deadline(tmp_path)
    (tmp_path / "file").write_text("x")
    target = {
        "parent-is-file": tmp_path / "file" / "cal.ics",
        "too-long": tmp_path / ("n" * 300),
        "missing-folder": tmp_path / "nope" / "cal.ics",
        "read-only": tmp_path / "ro" / "sub" / "cal.ics",
    }[case]
    if case == "read-only":
        if IS_ROOT:
            pytest.skip("root writes any folder")
        (tmp_path / "ro").mkdir(mode=0o500)
    r = run(["export-ics", "-o", str(target), "--profile", str(profile)])
    assert r.code == 2 and "cannot write" in r.err
    if case != "missing-folder":  # init creates the folders of a new profile, by design
        r = run(["profile", "init", "--profile", str(target.with_suffix(".toml"))])
        assert r.code == 2 and str(target.parent) in r.err


def test_profile_init_makes_owner_only_folders_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        assert run(["profile", "init", "--profile", str(tmp_path / "a" / "b" / "p.toml")]).code == 0
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b" / "p.toml").stat().st_mode) == 0o600


def test_a_planted_bak_symlink_is_replaced_not_written_through(tmp_path: Path) -> None:
    profile = profile_with_deadline(tmp_path)
    victim = tmp_path / "victim"
    victim.write_text("mine")
    victim.chmod(0o644)
    cal = tmp_path / "cal.ics"
    assert run(["export-ics", "-o", str(cal), "--profile", str(profile)]).code == 0
    first = cal.read_bytes()
    (tmp_path / "cal.ics.bak").symlink_to(victim)
    assert run(["export-ics", "-o", str(cal), "--profile", str(profile)]).code == 0
    assert victim.read_text() == "mine" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    bak = tmp_path / "cal.ics.bak"
    assert not bak.is_symlink() and bak.read_bytes() == first
    assert stat.S_IMODE(bak.stat().st_mode) == 0o600


def test_a_planted_bak_hard_link_is_replaced_not_written_through(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("mine")
    path = tmp_path / "f"
    atomic.write_atomic(path, "one")
    os.link(victim, atomic.backup_path(path))
    atomic.write_atomic(path, "two")
    assert victim.read_text() == "mine"
    assert atomic.backup_path(path).read_text() == "one"


def test_w2_a_bak_folder_is_left_alone_and_the_write_refused(tmp_path: Path) -> None:
    profile = profile_with_deadline(tmp_path)
    cal = tmp_path / "cal.ics"
    cal.write_text("old")
    (tmp_path / "cal.ics.bak").mkdir()
    r = run(["export-ics", "-o", str(cal), "--profile", str(profile)])
    assert r.code == 2 and "cal.ics.bak is a folder" in r.err
    assert stat.S_IMODE((tmp_path / "cal.ics.bak").stat().st_mode) != 0o600
    assert cal.read_text() == "old"


def test_a_bak_is_owner_only_even_with_umask_000_and_a_world_readable_original(
    tmp_path: Path,
) -> None:
    path = tmp_path / "f"
    path.write_text("old")
    path.chmod(0o666)
    old = os.umask(0)
    try:
        atomic.write_atomic(path, "new")
    finally:
        os.umask(old)
    assert stat.S_IMODE(atomic.backup_path(path).stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


# --- F9-F12: standard streams in real processes -----------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--json"],
        ["draws", "list", "--json"],
        ["export-ics", "-o", "-"],
        ["profile", "validate"],
    ],
)
def test_f9_f10_f11_closed_full_or_gone_stdout_ends_quietly_with_a_defined_status(
    env: dict[str, str], tmp_path: Path, args: list[str]
) -> None:
    argv = [*args, "--profile", str(profile_with_deadline(tmp_path)), "--today", TODAY]
    closed = run_process(
        argv,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
    )
    no_process_noise(closed.stderr)
    assert closed.returncode in (0, 2)
    with open("/dev/full", "wb") as full:
        filled = run_process(argv, env=env, stdout=full, stderr=subprocess.PIPE)
    no_process_noise(filled.stderr)
    assert filled.returncode == 2
    assert filled.stderr.strip().endswith(b"no space left on the device.")
    reader = subprocess.Popen(["true"], stdin=subprocess.PIPE)
    assert reader.stdin is not None
    reader.wait()  # the reader is gone before anything is written
    gone = run_process(argv, env=env, stdout=reader.stdin, stderr=subprocess.PIPE)
    reader.stdin.close()
    no_process_noise(gone.stderr)
    assert gone.returncode == 0


def test_f12_a_path_that_is_not_utf8_is_printed_escaped_under_strict_utf8(
    env: dict[str, str], tmp_path: Path
) -> None:
    path = Path(os.fsdecode(bytes(tmp_path) + b"/bad\xff.toml"))
    path.write_text('stream = "foreign_worker"\neoi_registered = 2026-01-01\n')
    strict = {**env, "PYTHONIOENCODING": "utf-8"}
    done = run_process(["profile", "validate", "--profile", str(path)], env=strict)
    no_process_noise(done.stderr)
    assert done.returncode == 0 and b"bad\\udcff.toml: no mistakes in the file" in done.stdout
    done = run_process(["check", "--json", "--profile", str(path)], env=strict)
    assert done.returncode == 0 and json.loads(done.stdout)["profile"] == str(path)


def test_json_through_an_ascii_terminal_is_still_json_with_every_string_exact(
    env: dict[str, str],
) -> None:
    """A terminal that cannot show "é" gets an escape; in --json output it must be JSON's
    \\u00e9, which reads back as "é", not Python's \\xe9, which no JSON reader accepts."""
    done = run_process(
        ["noc", "search", "--json", "café"], env={**env, "PYTHONIOENCODING": "ascii"}
    )
    no_process_noise(done.stderr)
    assert done.returncode == 0
    assert any("é" in found["matched"] for found in json.loads(done.stdout))


@given(st.recursive(st.one_of(st.text(), st.integers(), st.none()), st.lists, max_leaves=8))
def test_any_json_written_to_an_ascii_stream_reads_back_exactly(data: object) -> None:
    raw = io.BytesIO()
    inner = io.TextIOWrapper(raw, encoding="ascii", newline="")
    guard._EscapingStream(inner).write(printable_json(json.dumps(data, ensure_ascii=False)))
    inner.flush()
    assert json.loads(raw.getvalue().decode("ascii")) == data


# --- crash safety: SIGKILL at random moments --------------------------------------------------

_WRITER = """
import os, sys
from pathlib import Path
from oinp_assistant.atomic import write_atomic
if sys.argv[2] == "0":
    os.umask(0)
path = Path(sys.argv[1])
i = 0
print("ready", flush=True)
while True:
    i += 1
    write_atomic(path, (f"version {i}\\n" * (1000 + i % 7)).encode())
"""


def _version_ok(data: bytes) -> bool:
    lines = data.decode().splitlines()
    return (
        bool(lines) and len(set(lines)) == 1 and len(lines) == 1000 + int(lines[0].split()[1]) % 7
    )


def kill_trials(tmp_path: Path, trials: int, seed: int) -> dict[str, int]:
    """Kill a writer looping over write_atomic; the file and its .bak stay complete, the .bak
    owner-only, and what the kill may leave (a temp file named in the instant between link
    and rename) is gone after the next write."""
    rng = random.Random(seed)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    seen = {"temp_right_after_kill": 0, "bak": 0}
    for trial in range(trials):
        folder = tmp_path / f"t{trial}"
        folder.mkdir()
        path = folder / "cal.ics"
        path.write_bytes(b"version 0\n" * 1000)
        if rng.random() < 0.5:
            atomic.backup_path(path).write_bytes(b"version 0\n" * 1000)
            atomic.backup_path(path).chmod(0o600)  # as an earlier run left it
        umask = "0" if rng.random() < 0.25 else "22"
        proc = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), umask], env=env, stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        proc.stdout.readline()  # imports done: every kill lands inside the write loop
        time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        assert _version_ok(path.read_bytes()), trial
        bak = atomic.backup_path(path)
        if bak.exists():
            seen["bak"] += 1
            assert _version_ok(bak.read_bytes()), trial
            assert stat.S_IMODE(bak.stat().st_mode) == 0o600, trial
        names = {p.name for p in folder.iterdir()} - {"cal.ics", "cal.ics.bak"}
        for name in names:
            assert name.startswith((".cal.ics.", ".cal.ics.bak.")) and name.endswith(".tmp")
            assert stat.S_IMODE((folder / name).stat().st_mode) == 0o600
        seen["temp_right_after_kill"] += bool(names)
        atomic.write_atomic(path, b"version 1\n" * 1001)  # the next run
        assert {p.name for p in folder.iterdir()} == {"cal.ics", "cal.ics.bak"}, trial
    return seen


def test_sigkill_during_writes_leaves_old_or_new_file_an_owner_only_bak_and_no_temp(
    tmp_path: Path,
) -> None:
    seen = kill_trials(tmp_path, trials=100, seed=1)
    # the link-to-rename instant is two system calls wide: a temp file is rare
    assert seen["temp_right_after_kill"] <= 10, seen


@pytest.mark.slow
def test_slow_many_sigkills(tmp_path: Path) -> None:
    seen = kill_trials(tmp_path, trials=400, seed=2)
    assert seen["temp_right_after_kill"] <= 40, seen


# --- the one escaping function ----------------------------------------------------------------


@given(st.text())
def test_printable_leaves_no_control_character_but_newline_and_tab(text: str) -> None:
    shown = printable(text)
    assert all(c in "\n\t" or not unicodedata.category(c).startswith(("Cc", "Cs")) for c in shown)
    assert "\u202e" not in shown


@given(st.recursive(st.one_of(st.text(), st.integers(), st.none()), st.lists, max_leaves=8))
def test_escaping_a_json_document_keeps_every_string_exact(data: object) -> None:
    """Why --json output can pass through the same escaping stream as text."""
    assert json.loads(printable(json.dumps(data, ensure_ascii=False))) == data


# --- odd arguments to the commands that take no profile --------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["noc", "search", "\x1b[2Jwelder"],
        ["noc", "search", "w" * 20_000],
        ["noc", "search", "--limit", "0", "welder"],
        ["noc", "search", "--limit", "9" * 40, "welder"],
        ["noc", "search", "--json", "\u202e\x00"],
        ["draws", "show", "../../../../etc/passwd"],
        ["draws", "show", "\x1b]0;TITLE\x07"],
        ["draws", "show", "x" * 20_000],
        ["draws", "list", "--stream", "../../etc/shadow\x1b[2J"],
        ["draws", "list", "--stream", ""],
        ["check", "--example-foreign-worker", "--since", "9999-12-31"],
        ["check", "--example-foreign-worker", "--since", "1900-01-01", "--today", "1900-01-01"],
        ["profile", "path", "--profile", "\x1b[2J"],
        ["profile", "schema"],
        ["no-such-command"],
    ],
)
def test_odd_arguments_give_an_answer_or_a_usage_error(argv: list[str]) -> None:
    started = time.perf_counter()
    run(argv)  # exit 0 or 2, no traceback, no raw control character shown
    assert time.perf_counter() - started < 20
