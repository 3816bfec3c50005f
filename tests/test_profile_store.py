"""Saving over an existing profile: where a field the file did not have lands.

A file made from the template holds every field as a commented-out example line; a field the
user fills in later takes that line's place. In a hand-written file a new key goes right after
the last key of its table, never among the comments that introduce the next section.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from oinp_assistant.problems import ProblemsError
from oinp_assistant.profile import Invitation, Permit, Profile, parse_profile_text
from oinp_assistant.profile_store import (
    ensure_calendar_key,
    profile_template,
    render_profile,
    save_profile,
)

BASE = Profile(
    stream="foreign_worker",
    noc="21231",
    job_region="gta",
    permit=Permit(type="work", expires=dt.date(2027, 1, 31)),
)

HAND_WRITTEN = """\
# My profile.
stream = "foreign_worker"  # the stream I applied in
noc = "21231"
job_region = "gta"

# My permit: renew it in time!
[permit]
type = "work"
expires = 2027-01-31
"""


def from_template(profile: Profile) -> str:
    """The file `oinp profile init` / the app's form would have made for `profile`."""
    from oinp_assistant.tui.profile_form import new_profile_text

    text = new_profile_text(profile)
    assert text.startswith(profile_template(profile.stream).splitlines()[0])
    return text


def diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if not line.startswith(("---", "+++", "@@"))
    ]


def with_(profile: Profile, **changes: Any) -> Profile:
    return Profile.model_validate({**profile.model_dump(exclude_none=True), **changes})


def test_a_new_key_takes_the_place_of_the_templates_example_line() -> None:
    original = from_template(BASE)
    text = render_profile(with_(BASE, job_community="Renfrew"), original)
    assert diff(original, text) == ['-# job_community = "Lanark"', '+job_community = "Renfrew"']
    lines = text.splitlines()
    # Under its own explanation, not under the [permit] section's.
    at = lines.index('job_community = "Renfrew"')
    assert lines[at - 1] == "# limited to named communities."
    assert lines.index("# Your status in Canada.") > at


def test_several_new_keys_each_take_their_own_line() -> None:
    original = from_template(BASE)
    profile = with_(BASE, eoi_score=61, eoi_registered=dt.date(2026, 3, 12))
    assert diff(original, render_profile(profile, original)) == [
        "-# eoi_score = 57",
        "+eoi_score = 61",
        "-# eoi_registered = 2026-08-10",
        "+eoi_registered = 2026-03-12",
    ]


def test_a_new_key_in_a_table_takes_its_example_line() -> None:
    original = from_template(BASE)
    permit = Permit(type="work", expires=dt.date(2027, 1, 31), in_canada=False)
    text = render_profile(with_(BASE, permit=permit.model_dump()), original)
    assert diff(original, text) == ["-# in_canada = true", "+in_canada = false"]


def test_a_new_table_takes_the_place_of_its_commented_header() -> None:
    original = from_template(BASE)
    invited = with_(BASE, invitation=Invitation(date=dt.date(2026, 4, 30)).model_dump())
    text = render_profile(invited, original)
    assert diff(original, text) == [
        "-# [invitation]",
        "+[invitation]",
        "-# date = 2026-09-01",
        "+date = 2026-04-30",
    ]
    assert parse_profile_text(text, Path("p.toml")) == invited


def test_a_table_inside_a_table_takes_the_place_of_its_commented_header() -> None:
    original = from_template(BASE)
    tested = with_(BASE, language={"english": {"speaking": 9}, "french": {"writing": 5}})
    text = render_profile(tested, original)
    assert diff(original, text) == [
        "-# [language.english]",
        "+[language.english]",
        "-# speaking = 9",
        "+speaking = 9",
        "-# [language.french]",
        "+[language.french]",
        "-# writing = 6",
        "+writing = 5",
    ]
    assert parse_profile_text(text, Path("p.toml")) == tested


def test_without_an_example_line_a_new_key_follows_the_last_key_of_its_table() -> None:
    profile = with_(BASE, eoi_score=57, job_community="Lanark")
    text = render_profile(profile, HAND_WRITTEN)
    assert diff(HAND_WRITTEN, text) == ["+eoi_score = 57", '+job_community = "Lanark"']
    lines = text.splitlines()
    # Right after job_region, before the blank line and the comment that belongs to [permit].
    assert lines[lines.index('job_region = "gta"') + 1] == "eoi_score = 57"
    assert lines.index('job_community = "Lanark"') < lines.index("# My permit: renew it in time!")


def test_a_new_key_in_a_hand_written_table_follows_its_last_key() -> None:
    permit = Permit(type="work", expires=dt.date(2027, 1, 31), in_canada=True)
    text = render_profile(with_(BASE, permit=permit.model_dump()), HAND_WRITTEN)
    assert diff(HAND_WRITTEN, text) == ["+in_canada = true"]
    assert text.endswith("expires = 2027-01-31\nin_canada = true\n")


def test_a_users_own_comment_that_looks_like_a_key_is_kept() -> None:
    original = HAND_WRITTEN.replace(
        'job_region = "gta"\n', 'job_region = "gta"\n# eoi_score = 52 before my CLB test\n'
    )
    text = render_profile(with_(BASE, eoi_score=57), original)
    assert "# eoi_score = 52 before my CLB test" in text
    assert diff(original, text) == ["+eoi_score = 57"]


def test_changing_an_existing_key_still_changes_one_line() -> None:
    original = from_template(with_(BASE, eoi_score=57))
    text = render_profile(with_(BASE, eoi_score=61, job_community="Renfrew"), original)
    assert diff(original, text) == [
        "-eoi_score = 57",
        "+eoi_score = 61",
        '-# job_community = "Lanark"',
        '+job_community = "Renfrew"',
    ]


def test_removing_a_key_and_adding_another_in_one_save() -> None:
    original = from_template(BASE)
    profile = with_(BASE, eoi_score=57)
    profile = profile.model_copy(update={"job_region": None})
    text = render_profile(profile, original)
    assert 'job_region = "gta"' not in text
    assert "eoi_score = 57" in text
    assert parse_profile_text(text, Path("p.toml")) == profile


INLINE = """\
# my profile
stream = "foreign_worker"
permit = { type = "work", expires = 2027-01-31 }  # inline
invitation.date = 2026-04-30
"""


@pytest.mark.parametrize(
    "changes",
    [
        {"eoi_score": 57},
        {"permit": {"type": "work", "expires": dt.date(2027, 1, 31), "in_canada": True}},
        {"invitation": {"date": dt.date(2026, 4, 30), "stream": "foreign_worker"}},
    ],
)
def test_inline_and_dotted_tables_still_read_back(changes: dict[str, Any]) -> None:
    base = parse_profile_text(INLINE, Path("p.toml"))
    profile = with_(base, **changes)
    text = render_profile(profile, INLINE)
    assert text.startswith("# my profile\n")
    assert parse_profile_text(text, Path("p.toml")) == profile


FIELDS: dict[str, Any] = {
    "noc": "72106",
    "eoi_score": 0,
    "eoi_registered": dt.date(2024, 2, 29),
    "job_region": "toronto",
    "job_community": 'Say "hi" [b]',
    "permit": {"type": "study", "expires": dt.date(2026, 12, 31), "in_canada": False},
    "invitation": {
        "date": dt.date(2026, 4, 30),
        "stream": "ontario_workforce_priority",
        "employer_deadline": dt.date(2026, 5, 14),
        "candidate_deadline": dt.date(2026, 5, 17),
    },
}


@pytest.mark.parametrize("start", [{}, {"noc": "21231", "permit": {"type": "none"}}])
@pytest.mark.parametrize("field", sorted(FIELDS))
def test_every_field_added_to_a_template_file_reads_back_and_changes_no_other_line(
    start: dict[str, Any], field: str
) -> None:
    before = Profile.model_validate({"stream": "foreign_worker", **start})
    original = from_template(before)
    after = with_(before, **{field: FIELDS[field]})
    text = render_profile(after, original)
    assert parse_profile_text(text, Path("p.toml")) == after
    # Only lines of the field itself change: the file keeps its length and every comment.
    assert len(text.splitlines()) == len(original.splitlines())
    for removed in (line for line in diff(original, text) if line.startswith("-")):
        assert removed.startswith(("-# ", "-type", "-noc")), removed


def test_save_profile_places_a_new_key_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    original = from_template(BASE)
    path.write_text(original)
    save_profile(path, with_(BASE, job_community="Renfrew"))
    assert diff(original, path.read_text()) == [
        '-# job_community = "Lanark"',
        '+job_community = "Renfrew"',
    ]


def test_saving_over_a_file_broken_on_disk_writes_afresh_and_keeps_it_as_bak(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.toml"
    broken = 'stream = "foreign_worker\n# half-typed in another editor\n'
    path.write_text(broken)
    save_profile(path, Profile(stream="foreign_worker", eoi_score=57))
    assert tomllib.loads(path.read_text()) == {"stream": "foreign_worker", "eoi_score": 57}
    assert (tmp_path / "profile.toml.bak").read_text() == broken


# --- calendar_key: written by the app once, kept by every save ---------------------------------


def test_the_template_offers_no_calendar_key() -> None:
    """An example key in the template would be copied into everyone's profile, and then two
    people's calendar events would share UIDs."""
    assert "calendar_key" not in profile_template()


@pytest.mark.parametrize("original", [HAND_WRITTEN, from_template(BASE)], ids=["hand", "template"])
def test_ensure_calendar_key_adds_one_line_once(tmp_path: Path, original: str) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(original)
    key, created = ensure_calendar_key(path)
    assert created and re.fullmatch(r"[0-9a-f]{32}", key)
    added = path.read_text()
    assert diff(original, added) == [f'+calendar_key = "{key}"']
    # Among the top-level keys, not inside the [permit] table or its introducing comment.
    assert tomllib.loads(added)["calendar_key"] == key
    assert (tmp_path / "profile.toml.bak").read_text() == original

    assert ensure_calendar_key(path) == (key, False), "a second export reuses the key"
    assert path.read_text() == added


def test_ensure_calendar_key_leaves_a_broken_profile_alone(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text('stream = "foreign_worker"\neoi_score = "57"\n')
    with pytest.raises(ProblemsError):
        ensure_calendar_key(path)
    assert path.read_text() == 'stream = "foreign_worker"\neoi_score = "57"\n'


def test_saving_a_profile_without_the_key_keeps_the_files_key(tmp_path: Path) -> None:
    """The form has no calendar_key field: its save must not drop the one the file has, or the
    next export would name every event anew and the calendar would hold them twice."""
    path = tmp_path / "profile.toml"
    path.write_text(HAND_WRITTEN)
    key, _ = ensure_calendar_key(path)
    save_profile(path, with_(BASE, eoi_score=60))
    saved = parse_profile_text(path.read_text(), path)
    assert saved.calendar_key == key and saved.eoi_score == 60


def test_a_calendar_key_the_user_changed_is_not_overruled(tmp_path: Path) -> None:
    path = tmp_path / "profile.toml"
    path.write_text(HAND_WRITTEN + 'calendar_key = "old"\n')
    save_profile(path, with_(BASE, calendar_key="mine"))
    assert parse_profile_text(path.read_text(), path).calendar_key == "mine"


def test_the_calendar_key_is_one_added_line_in_the_files_own_bom_and_line_ends(
    tmp_path: Path,
) -> None:
    from oinp_assistant.profile_store import ensure_calendar_key

    path = tmp_path / "profile.toml"
    original = b'\xef\xbb\xbf# mine\r\nstream = "foreign_worker"\r\nnoc = "21231"\r\n'
    path.write_bytes(original)
    key, created = ensure_calendar_key(path)
    assert created
    assert path.read_bytes() == (
        b'\xef\xbb\xbf# mine\r\nstream = "foreign_worker"\r\n'
        + f'calendar_key = "{key}"\r\n'.encode()
        + b'noc = "21231"\r\n'
    )
    assert ensure_calendar_key(path) == (key, False)
