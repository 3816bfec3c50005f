"""`--json` is written in pieces (a document for 100,000 rounds is 200 MB) with the same bytes
json.dumps gives for the whole value."""

from __future__ import annotations

import json

import pytest

from oinp_assistant.cli import main as cli_main

VALUES = [
    {},
    [],
    "text",
    None,
    {"results": [{"n": n, "text": "é ✔ \u2028 \x1b"} for n in range(500)], "notes": []},
    [[n] * 100 for n in range(100)],
    {"a": {"nested": list(range(200))}, "b": 1.5},
    {1: "an int key becomes a string"},
]


@pytest.mark.parametrize("value", VALUES, ids=range(len(VALUES)))
def test_pieces_join_to_exactly_json_dumps(value: object) -> None:
    pieces = list(cli_main.json_chunks(value))
    assert "".join(pieces) == json.dumps(value, ensure_ascii=False)


def test_a_long_document_comes_in_bounded_pieces() -> None:
    value = {"results": [{"detail": "x" * 100} for _ in range(10_000)]}
    pieces = list(cli_main.json_chunks(value))
    assert len(pieces) > 10
    assert max(map(len, pieces)) < 2 * cli_main._CHUNK
