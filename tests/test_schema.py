"""The committed JSON schema of profile.toml is the one the code enforces.

Editors use data/profile.schema.json to complete and check profiles by hand, so it must not
drift from `Profile`: change a field, regenerate the file, commit both.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from oinp_assistant.cli.main import main
from oinp_assistant.profile import Profile

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "profile.schema.json"
REGENERATE = (
    "data/profile.schema.json is out of date with oinp_assistant.profile.Profile. "
    "Regenerate it from the repository root with\n"
    "    oinp profile schema > data/profile.schema.json\n"
    "(or: python -m oinp_assistant profile schema > data/profile.schema.json), "
    "review the diff and commit it with the model change."
)


def rendered(schema: dict[str, Any]) -> str:
    """The text `oinp profile schema` prints."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def test_committed_schema_matches_the_model() -> None:
    assert SCHEMA_FILE.is_file(), REGENERATE
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == Profile.model_json_schema(), REGENERATE


def test_committed_schema_is_the_command_output_byte_for_byte(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["profile", "schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == rendered(Profile.model_json_schema())
    assert SCHEMA_FILE.read_text(encoding="utf-8") == printed, REGENERATE


def _objects(schema: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    found = [("Profile", schema)]
    found += list(schema.get("$defs", {}).items())
    return found


def test_schema_is_strict_and_every_field_is_explained() -> None:
    """Unknown keys are errors, and every key has the sentence the template comments use."""
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for name, obj in _objects(schema):
        assert obj.get("additionalProperties") is False, f"{name} accepts unknown keys"
        for key, prop in obj["properties"].items():
            assert prop.get("description", "").strip(), f"{name}.{key} has no description"
