"""`--json` is written in pieces (a document for 100,000 rounds is 200 MB) with the same bytes
json.dumps gives for the whole value."""

from __future__ import annotations

import json

import pytest

from oinp_assistant.cli import main as cli_main
from oinp_assistant.cli.json_contract import Lazy

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


@pytest.mark.parametrize("count", [0, 3, 500])
def test_a_lazy_list_is_written_as_the_list_it_stands_for(count: int) -> None:
    # check's results are built one at a time as they are written: same bytes as the list.
    built: list[int] = []

    def build(n: int) -> dict[str, object]:
        built.append(n)
        return {"n": n, "text": "é ✔"}

    value = {"results": Lazy(range(count), build), "notes": []}
    assert built == []  # nothing is built before it is written
    as_list = {"results": [build(n) for n in range(count)], "notes": []}
    assert "".join(cli_main.json_chunks(value)) == json.dumps(as_list, ensure_ascii=False)
    assert json.dumps(value, default=list) == json.dumps(as_list)


def test_a_lazy_list_builds_one_item_at_a_time_as_it_is_written() -> None:
    alive: list[int] = []

    class Item(dict[str, int]):
        def __del__(self) -> None:
            alive.remove(self["n"])

    def build(n: int) -> dict[str, int]:
        alive.append(n)
        return Item(n=n)

    most = 0
    for _ in cli_main.json_chunks({"results": Lazy(range(1000), build)}):
        most = max(most, len(alive))
    assert most <= 1


def test_at_a_terminal_a_lazy_list_is_printed_indented_like_a_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    cli_main._print_json({"results": Lazy([1, 2], lambda n: {"n": n})})
    expected = json.dumps({"results": [{"n": 1}, {"n": 2}]}, indent=2, ensure_ascii=False)
    assert capsys.readouterr().out == expected + "\n"
