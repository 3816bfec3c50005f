"""profile.toml validation: every problem at once, in TOML words (dotted key, line), with the fix.

Rules: DESIGN.md sections 3 and 4.3 (strict schema, did-you-mean, every error names the place
and the fix). Each bad file is written to disk and loaded the way the front ends load it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oinp_assistant import locations
from oinp_assistant.catalog import Catalog
from oinp_assistant.problems import Problem, ProblemsError
from oinp_assistant.profile import (
    Profile,
    load_checked_profile,
    load_profile,
    parse_profile_text,
)
from oinp_assistant.profile_store import profile_template

FW = 'stream = "foreign_worker"\n'

# (id, file text, words the message must contain, dotted key, line)
BAD_FILES: list[tuple[str, str, list[str], str | None, int | None]] = [
    (
        "unknown top-level key",
        FW + "eoi_scor = 50\n",
        ['unknown key "eoi_scor"', 'Did you mean "eoi_score"?'],
        "eoi_scor",
        2,
    ),
    (
        "unknown key inside [permit]",
        FW + '[permit]\ntype = "work"\nexpires = 2027-01-31\nexpiry = 2027-01-31\n',
        ['unknown key "expiry"', 'Did you mean "expires"?', "type, expires, in_canada"],
        "permit.expiry",
        5,
    ),
    (
        "unknown key inside [invitation]",
        FW + "[invitation]\ndate = 2026-04-01\ncandidate_dedline = 2026-04-18\n",
        ['Did you mean "candidate_deadline"?'],
        "invitation.candidate_dedline",
        4,
    ),
    (
        "NOC without quotes",
        FW + "noc = 21231\n",
        ["in quotes", "leading zero"],
        "noc",
        2,
    ),
    (
        "NOC not five digits",
        FW + 'noc = "7210"\n',  # four digits, but no NOC 2016 code either
        ["five digits", 'noc = "21231"'],
        "noc",
        2,
    ),
    (
        "NOC 2016 code",
        FW + 'noc = "2174"\n',
        [
            '"2174" looks like a NOC 2016 code',
            "NOC 2021",
            "21230 Computer systems developers and programmers",
            "21232 Software developers and programmers",
            "21234 Web developers and programmers",
        ],
        "noc",
        2,
    ),
    (
        "NOC with letters",
        FW + 'noc = "2123A"\n',
        ["five digits"],
        "noc",
        2,
    ),
    (
        "NOC not in NOC 2021",
        FW + 'noc = "99999"\n',
        ['"99999" is not a NOC 2021 unit group', "oinp noc search"],
        "noc",
        2,
    ),
    (
        "unknown stream",
        'stream = "foreign_workr"\n',
        ['unknown stream "foreign_workr"', 'Did you mean "foreign_worker"?', "Known streams"],
        "stream",
        1,
    ),
    (
        "unknown invitation stream",
        FW + '[invitation]\ndate = 2026-04-01\nstream = "masters"\n',
        ['unknown stream "masters"', 'Did you mean "masters_graduate"?'],
        "invitation.stream",
        4,
    ),
    (
        "stream missing",
        "eoi_score = 50\n",
        ["required"],
        "stream",
        None,
    ),
    (
        "score above the largest grid",
        FW + "eoi_score = 200\n",
        ["130 or less", "(you wrote 200)"],
        "eoi_score",
        2,
    ),
    (
        "negative score",
        FW + "eoi_score = -1\n",
        ["0 or more"],
        "eoi_score",
        2,
    ),
    (
        "score not a whole number",
        FW + "eoi_score = 57.5\n",
        ["whole number", "(you wrote 57.5)"],
        "eoi_score",
        2,
    ),
    (
        "date in quotes",
        FW + 'eoi_registered = "2026-01-05"\n',
        ["without quotes", "YYYY-MM-DD", "2026-01-05"],
        "eoi_registered",
        2,
    ),
    (
        "invalid date in quotes",
        FW + 'eoi_registered = "2026-02-30"\n',
        [
            "without quotes",
            '(you wrote "2026-02-30", in quotes; 2026-02-30 is not a real date: '
            "February 2026 has 28 days)",
        ],
        "eoi_registered",
        2,
    ),
    (
        "date that is not a date",
        FW + 'eoi_registered = "last spring"\n',
        ["without quotes", '(you wrote "last spring", in quotes; that is not a date)'],
        "eoi_registered",
        2,
    ),
    (
        "quoted date inside [permit]",
        FW + '[permit]\ntype = "work"\nexpires = "2027-01-31"\n',
        ["without quotes"],
        "permit.expires",
        4,
    ),
    (
        "invalid date without quotes",
        FW + "eoi_registered = 2026-02-30\n",
        ["2026-02-30 is not a real date: February 2026 has 28 days", "write a date as YYYY-MM-DD"],
        None,
        2,
    ),
    (
        "job_region not allowed",
        FW + 'job_region = "ottawa"\n',
        ["Allowed values", '"eastern_ontario" (Eastern Ontario)', "toronto", 'you wrote "ottawa".'],
        "job_region",
        2,
    ),
    (
        "permit type none with an expiry",
        FW + '[permit]\ntype = "none"\nexpires = 2027-01-31\n',
        ['type is "none"', "remove expires"],
        "permit",
        2,
    ),
    (
        "work permit without expiry",
        FW + '[permit]\ntype = "work"\n',
        ['type is "work"', "add expires = YYYY-MM-DD"],
        "permit",
        2,
    ),
    (
        "permit type not known",
        FW + '[permit]\ntype = "visitor"\n',
        ['you wrote "visitor". Allowed values: "work", "study", "none".'],
        "permit.type",
        3,
    ),
    (
        "permit type not known, written as a dotted key",
        FW + 'permit.type="visitor"\n',
        ['you wrote "visitor". Allowed values: "work", "study", "none".'],
        "permit.type",
        2,
    ),
    (
        "invitation before eoi_registered",
        FW + "eoi_registered = 2026-03-01\n\n[invitation]\ndate = 2026-02-01\n",
        ["before eoi_registered", "fix either date"],
        "invitation.date",
        5,
    ),
    # Strict types: a TOML file has real types, so a quoted number or a "yes" is a mistake to
    # report, never a value to coerce.
    (
        "score in quotes",
        FW + 'eoi_score = "57"\n',
        ['(you wrote "57")', "write a whole number without quotes, e.g. eoi_score = 57"],
        "eoi_score",
        2,
    ),
    (
        "score written as true",
        FW + "eoi_score = true\n",
        ["(you wrote true)", "write a whole number without quotes, e.g. eoi_score = 57"],
        "eoi_score",
        2,
    ),
    (
        "copied employer deadline before the invitation",
        FW + "[invitation]\ndate = 2026-04-30\nemployer_deadline = 2026-04-14\n",
        ["employer_deadline 2026-04-14 is not after the invitation date 2026-04-30"],
        "invitation",
        2,
    ),
    (
        "in_canada as a quoted yes",
        FW + '[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = "yes"\n',
        ['(you wrote "yes")', "write true or false, without quotes"],
        "permit.in_canada",
        5,
    ),
    (
        "in_canada as 1",
        FW + '[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = 1\n',
        ["write true or false, without quotes (you wrote 1)."],
        "permit.in_canada",
        5,
    ),
    (
        "invitation written as a value",
        FW + "invitation = 2026-04-30\n",
        [
            "invitation must be a table: write [invitation] on a line of its own, with its keys "
            "(one per line) below it (you wrote 2026-04-30)."
        ],
        "invitation",
        2,
    ),
    (
        "permit written as a value",
        FW + 'permit = "work"\n',
        ["permit must be a table: write [permit] on a line of its own"],
        "permit",
        2,
    ),
    (
        "date with a time",
        FW + "eoi_registered = 2026-03-12T10:00:00\n",
        ["(you wrote 2026-03-12T10:00:00)", "YYYY-MM-DD"],
        "eoi_registered",
        2,
    ),
    (
        "invalid TOML syntax",
        FW + "eoi_score = 5 0\n",
        ["more on this line after the value (0)", "one key = value per line"],
        None,
        2,
    ),
    (
        "unclosed quote",
        FW + 'noc = "21231\n',
        ["double quotes is not closed", 'add the closing "'],
        None,
        2,
    ),
]


def _load(tmp_path: Path, catalog: Catalog, text: str) -> list[Problem]:
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as info:
        load_checked_profile(path, catalog)
    assert all(p.file == path for p in info.value.problems)
    return info.value.problems


@pytest.mark.parametrize(
    ("text", "words", "key", "line"),
    [case[1:] for case in BAD_FILES],
    ids=[case[0] for case in BAD_FILES],
)
def test_bad_profile_is_reported_with_place_and_fix(
    tmp_path: Path,
    catalog: Catalog,
    text: str,
    words: list[str],
    key: str | None,
    line: int | None,
) -> None:
    problems = _load(tmp_path, catalog, text)
    assert len(problems) == 1, problems
    problem = problems[0]
    for word in words:
        assert word in problem.message
    assert problem.key == key
    assert problem.line == line
    # the one-line form names the file, the line and the key before the message
    shown = str(problem)
    assert shown.startswith(str(tmp_path / "profile.toml"))
    if line is not None:
        assert f"line {line}" in shown


def test_file_with_several_problems_reports_all_of_them_at_once(
    tmp_path: Path, catalog: Catalog
) -> None:
    text = (
        'stream = "foreign_workr"\n'
        "eoi_scor = 50\n"
        'noc = "99999"\n'
        'job_region = "ottawa"\n'
        'eoi_registered = "2026-01-05"\n'
        "[permit]\n"
        'type = "work"\n'
        "expires = 2027-01-31\n"
        "in_canda = true\n"
    )
    problems = _load(tmp_path, catalog, text)
    assert {(p.key, p.line) for p in problems} == {
        ("stream", 1),
        ("eoi_scor", 2),
        ("noc", 3),
        ("job_region", 4),
        ("eoi_registered", 5),
        ("permit.in_canda", 9),
    }


def test_missing_profile_file_says_how_to_create_one(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "nowhere" / "profile.toml"
    with pytest.raises(ProblemsError) as info:
        load_checked_profile(path, catalog)
    [problem] = info.value.problems
    assert problem.file == path
    assert "`oinp profile init`" in problem.message
    assert "--profile" in problem.message and "$OINP_PROFILE" in problem.message


def test_profile_that_is_not_utf8_is_reported_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_bytes(b'stream = "\xff"\n')
    with pytest.raises(ProblemsError) as info:
        load_profile(path)
    assert "cannot read" in info.value.problems[0].message


def test_template_parses_as_a_valid_profile(catalog: Catalog) -> None:
    text = profile_template()
    profile = parse_profile_text(
        text,
        Path("profile.toml"),
        known_streams=set(catalog.streams),
        known_nocs=set(catalog.occupations),
    )
    assert profile == Profile(stream="ontario_workforce_priority")


def test_template_with_every_line_uncommented_is_valid(catalog: Catalog) -> None:
    # Every example in the template must itself be valid once the user removes the "# ".
    lines = []
    for line in profile_template().splitlines():
        stripped = line.removeprefix("# ")
        is_setting = (
            " = " in stripped
            and not stripped.startswith(("#", " "))
            and (stripped.split(" = ")[0].isidentifier())
        )
        lines.append(stripped if is_setting or stripped.startswith("[") else line)
    profile = parse_profile_text(
        "\n".join(lines),
        Path("profile.toml"),
        known_streams=set(catalog.streams),
        known_nocs=set(catalog.occupations),
    )
    assert profile.noc == "21231"
    assert profile.permit is not None and profile.permit.type == "work"
    assert profile.invitation is not None and profile.invitation.date == dt.date(2026, 9, 1)


def test_template_explains_every_field() -> None:
    text = profile_template()
    for key in ("noc", "eoi_score", "eoi_registered", "job_region", "job_community"):
        assert f"# {key} = " in text
    for key in ("type", "expires", "in_canada", "date", "employer_deadline"):
        assert f"# {key} = " in text
    assert "# [permit]" in text and "# [invitation]" in text


def test_template_for_another_stream_sets_that_stream(catalog: Catalog) -> None:
    profile = parse_profile_text(
        profile_template("masters_graduate"), Path("p.toml"), known_streams=set(catalog.streams)
    )
    assert profile.stream == "masters_graduate"


@pytest.mark.parametrize(
    ("name", "stream"),
    [("owp", "ontario_workforce_priority"), ("foreign_worker", "foreign_worker")],
)
def test_both_bundled_examples_are_valid(catalog: Catalog, name: str, stream: str) -> None:
    from oinp_assistant import locations

    profile = load_checked_profile(locations.example_profile_path(name), catalog)
    assert profile.stream == stream


def test_valid_full_profile_parses_every_field(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(
        'stream = "foreign_worker"\n'
        'noc = "00012"\n'
        "eoi_score = 57\n"
        "eoi_registered = 2025-08-01\n"
        'job_region = "toronto"\n'
        "\n[permit]\n"
        'type = "work"\n'
        "expires = 2027-01-31\n"
        "in_canada = true\n"
        "\n[invitation]\n"
        "date = 2026-04-30\n",
        encoding="utf-8",
    )
    profile = load_checked_profile(path, catalog)
    assert profile.noc == "00012"
    assert profile.eoi_expires == dt.date(2026, 8, 1)
    assert profile.invitation_stream == "foreign_worker"


def test_invitation_on_the_day_of_registration_is_allowed() -> None:
    profile = parse_profile_text(
        FW + "eoi_registered = 2026-03-01\n[invitation]\ndate = 2026-03-01\n", Path("p.toml")
    )
    assert profile.invitation is not None


def test_noc_with_non_ascii_digits_is_rejected() -> None:
    with pytest.raises(ProblemsError) as info:
        parse_profile_text(FW + 'noc = "١٢٣٤٥"\n', Path("p.toml"))
    assert info.value.problems[0].key == "noc"


def test_quoted_date_keeps_other_checks_running(catalog: Catalog) -> None:
    with pytest.raises(ProblemsError) as info:
        parse_profile_text(
            FW + 'eoi_registered = "2026-01-05"\neoi_score = 999\n',
            Path("p.toml"),
            known_streams=set(catalog.streams),
        )
    assert {p.key for p in info.value.problems} == {"eoi_registered", "eoi_score"}


def test_profile_saved_with_a_byte_order_mark_loads(tmp_path: Path, catalog: Catalog) -> None:
    # Windows Notepad may write UTF-8 with a BOM; TOML itself does not allow one.
    path = tmp_path / "profile.toml"
    path.write_bytes(b"\xef\xbb\xbf" + FW.encode())
    assert load_checked_profile(path, catalog).stream == "foreign_worker"


def test_profile_path_prefers_option_then_environment_then_config_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_user_dirs: Path
) -> None:
    assert locations.profile_path() == isolated_user_dirs / "config" / "profile.toml"
    monkeypatch.setenv(locations.PROFILE_ENV, str(tmp_path / "env.toml"))
    assert locations.profile_path() == tmp_path / "env.toml"
    assert locations.profile_path(tmp_path / "option.toml") == tmp_path / "option.toml"


@pytest.mark.parametrize(
    "text",
    [
        FW + "eoi_registered = 2026-03-12T10:00:00\n",
        FW + "[invitation]\ndate = 2026-04-30T09:30:00\n",
    ],
    ids=["top level", "in [invitation]"],
)
def test_a_datetime_is_shown_as_toml_text_not_as_python(
    tmp_path: Path, catalog: Catalog, text: str
) -> None:
    (problem,) = _load(tmp_path, catalog, text)
    assert "T" in problem.message and "datetime.datetime" not in problem.message
    assert "write a date as YYYY-MM-DD, without quotes or a time" in problem.message


@pytest.mark.parametrize(
    ("line", "key"),
    [('eoi_score = "57"', "eoi_score"), ('in_canada = "yes"', "permit.in_canada")],
)
def test_parsing_never_coerces_a_string_into_a_number_or_a_boolean(line: str, key: str) -> None:
    prefix = '[permit]\ntype = "work"\nexpires = 2027-01-31\n' if "in_canada" in line else ""
    with pytest.raises(ProblemsError) as info:
        parse_profile_text(FW + prefix + line + "\n", Path("profile.toml"))
    assert [p.key for p in info.value.problems] == [key]


def test_real_toml_types_still_parse(tmp_path: Path, catalog: Catalog) -> None:
    text = FW + 'eoi_score = 57\n[permit]\ntype = "work"\nexpires = 2027-01-31\nin_canada = true\n'
    path = tmp_path / "profile.toml"
    path.write_text(text, encoding="utf-8")
    profile = load_checked_profile(path, catalog)
    assert profile.eoi_score == 57
    assert profile.permit is not None and profile.permit.in_canada is True


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"], ids=["LS", "PS", "NEL"])
def test_a_character_toml_does_not_count_as_a_line_break_leaves_the_line_numbers_alone(
    separator: str,
) -> None:
    """TOML (and tomllib's syntax errors) count lines by \\n alone; a note pasted into a
    comment may carry another Unicode line separator, which must not push every problem
    below it one line down."""
    text = f"# from the portal:{separator}see below\n" + FW + "eoi_score = -5\n"
    with pytest.raises(ProblemsError) as info:
        parse_profile_text(text, Path("profile.toml"))
    written = text.split("\n").index("eoi_score = -5") + 1
    assert [(p.key, p.line) for p in info.value.problems] == [("eoi_score", written)]


@pytest.mark.parametrize(
    ("text", "key", "line", "words"),
    [
        # the invitation's date written at the top level, without its [invitation] header
        (FW + "date = 2026-04-30\n", "date", 2, 'unknown key "date"'),
        (FW + "none = 1\n", "none", 2, 'unknown key "none"'),
        (
            FW + '[invitation]\nstream = "foreign_worker"\ndate = 2026-04-30\nint = 3\n',
            "invitation.int",
            5,
            'unknown key "int"',
        ),
        (
            FW + '[invitation]\nstream = "foreign_worker"\ndate = 5\n',
            "invitation.date",
            4,
            "write a date as YYYY-MM-DD",
        ),
    ],
    ids=["date at the top", "none", "int in a table", "a date that is a number"],
)
def test_a_key_named_like_a_type_is_reported_as_the_key_it_is(
    text: str, key: str, line: int, words: str
) -> None:
    """pydantic names a union's members in an error's location ("best_annual_earnings.int");
    only those are left out of the key, never a key the user wrote that has such a name."""
    with pytest.raises(ProblemsError) as info:
        parse_profile_text(text, Path("profile.toml"))
    [problem] = info.value.problems
    assert (problem.key, problem.line) == (key, line)
    assert words in problem.message


def test_a_value_no_member_of_a_union_takes_is_still_one_problem_under_its_own_key() -> None:
    with pytest.raises(ProblemsError) as info:
        parse_profile_text(FW + 'best_annual_earnings = "x"\n', Path("profile.toml"))
    [problem] = info.value.problems
    assert (problem.key, problem.line) == ("best_annual_earnings", 2)
