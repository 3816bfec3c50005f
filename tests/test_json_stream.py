"""`--json` is written in pieces (a document for 100,000 rounds is 200 MB) with the same bytes
json.dumps gives for the whole value."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, Field, field_serializer

from oinp_assistant.catalog import Catalog
from oinp_assistant.cli import json_contract, output
from oinp_assistant.cli import main as cli_main
from oinp_assistant.cli.json_contract import Lazy
from oinp_assistant.cli.safe_text import printable, printable_json
from oinp_assistant.draws import COLUMNS, Draw
from oinp_assistant.eligibility import Criterion, DrawResult, check_profile
from oinp_assistant.profile import load_checked_profile

REPO = Path(__file__).resolve().parent.parent

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
    pieces = list(output.json_chunks(value))
    assert "".join(pieces) == json.dumps(value, ensure_ascii=False)


def test_a_long_document_comes_in_bounded_pieces() -> None:
    value = {"results": [{"detail": "x" * 100} for _ in range(10_000)]}
    pieces = list(output.json_chunks(value))
    assert len(pieces) > 10
    assert max(map(len, pieces)) < 2 * output._CHUNK


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
    assert "".join(output.json_chunks(value)) == json.dumps(as_list, ensure_ascii=False)
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
    for _ in output.json_chunks({"results": Lazy(range(1000), build)}):
        most = max(most, len(alive))
    assert most <= 1


def test_at_a_terminal_a_lazy_list_is_printed_indented_like_a_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    output._print_json({"results": Lazy([1, 2], lambda n: {"n": n})})
    expected = json.dumps({"results": [{"n": 1}, {"n": 2}]}, indent=2, ensure_ascii=False)
    assert capsys.readouterr().out == expected + "\n"


# --- check's results written from their pieces (json_contract._result_text) ------------------


def _dumped(result: DrawResult) -> str:
    return json.dumps(json_contract._result(result), ensure_ascii=False)


@pytest.mark.parametrize("example", ["example-profile.toml", "example-foreign-worker.toml"])
def test_every_bundled_result_is_written_as_json_dumps_writes_its_dict(
    catalog: Catalog, example: str
) -> None:
    profile = load_checked_profile(REPO / "data" / example, catalog)
    results = check_profile(profile, catalog, dt.date(2026, 11, 26), all_streams=True).results
    assert len(results) > 100
    for result in results:
        assert json_contract._result_text(result) == _dumped(result)


ODD_TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from('"\\\x00\x1b\x7f\x9b\u2028\u202e\ud800')
)


@given(details=st.lists(ODD_TEXT, min_size=1, max_size=8), notes=ODD_TEXT, label=ODD_TEXT)
def test_a_result_with_any_text_is_written_as_json_dumps_writes_it(
    catalog: Catalog, details: list[str], notes: str, label: str
) -> None:
    draw = catalog.draws[0].model_copy(update={"notes": notes, "region": label or None})
    criteria = tuple(
        Criterion(name, status, detail)  # type: ignore[arg-type]
        for name, status, detail in zip(
            ["stream", label, "score", *"abcdefgh"],
            ["pass", "fail", "unknown"] * 3,
            details,
            strict=False,
        )
    )
    result = DrawResult(draw, criteria)
    assert json_contract._result_text(result) == _dumped(result)


def test_every_bundled_round_is_written_as_json_dumps_writes_its_dump(catalog: Catalog) -> None:
    assert json_contract._draw_plan(Draw) is not None  # the Draw model keeps the fast way
    for d in catalog.draws:
        assert json_contract.draw_text(d) == json.dumps(json_contract.draw(d), ensure_ascii=False)


@given(
    text=ODD_TEXT,
    number=st.none() | st.integers(0, 10**20),
    day=st.none() | st.dates(),
    codes=st.none() | st.lists(st.sampled_from(["31301", "72106"]), max_size=3).map(tuple),
    texts=st.none() | st.lists(ODD_TEXT, max_size=3).map(tuple),
)
def test_a_round_with_any_values_is_written_as_json_dumps_writes_its_dump(
    catalog: Catalog,
    text: str,
    number: int | None,
    day: dt.date | None,
    codes: tuple[str, ...] | None,
    texts: tuple[str, ...] | None,
) -> None:
    d = catalog.draws[0].model_copy(
        update={
            "id": text or "x",
            "notes": text,
            "invitations": number,
            "window_start": day,
            "added": day,
            "noc_codes": codes,
            "communities": texts,
            "region": text or None,
            "sources": texts or ("s",),
        }
    )
    assert json_contract.draw_text(d) == json.dumps(json_contract.draw(d), ensure_ascii=False)


class _Renamed(BaseModel):
    day: dt.date = Field(serialization_alias="when")


class _Decimal(BaseModel):
    amount: Decimal


class _Serialized(BaseModel):
    day: dt.date

    @field_serializer("day")
    def _as_year(self, day: dt.date) -> int:
        return day.year


@pytest.mark.parametrize(
    "model",
    [
        _Renamed(day=dt.date(2026, 1, 2)),
        _Decimal(amount=Decimal("1.50")),
        _Serialized(day=dt.date(2026, 1, 2)),
    ],
    ids=["alias", "unknown type", "serializer"],
)
def test_a_model_the_plan_cannot_vouch_for_is_dumped_as_always(model: BaseModel) -> None:
    assert json_contract._draw_plan(type(model)) is None  # type: ignore[arg-type]
    assert json_contract.draw_text(model) == json.dumps(  # type: ignore[arg-type]
        model.model_dump(mode="json"), ensure_ascii=False
    )


def test_check_json_is_written_from_the_results_pieces_and_reads_back_as_the_dicts(
    catalog: Catalog,
) -> None:
    profile = load_checked_profile(REPO / "data" / "example-profile.toml", catalog)
    report = check_profile(profile, catalog, dt.date(2026, 11, 26), all_streams=True)
    built = json_contract.check(catalog, Path("/p.toml"), dt.date(2026, 11, 26), report)
    as_dicts = {**built, "results": [json_contract._result(r) for r in report.results]}
    assert "".join(output.json_chunks(built)) == json.dumps(as_dicts, ensure_ascii=False)


def test_a_lazy_list_with_texts_writes_them_and_still_builds_its_items_when_read() -> None:
    value = Lazy([1, 2], lambda n: {"n": n}, lambda n: f'{{"n": {n}, "written": true}}')
    assert "".join(output.json_chunks({"a": value})) == (
        '{"a": [{"n": 1, "written": true}, {"n": 2, "written": true}]}'
    )
    assert list(value) == [{"n": 1}, {"n": 2}]  # the contract's value: what `build` gives
    assert json.dumps(value, default=list) == '[{"n": 1}, {"n": 2}]'


# --- JSON made printable without a scan when it can be (safe_text.printable_json) -----------


@given(st.recursive(st.one_of(ODD_TEXT, st.integers(), st.none()), st.lists, max_leaves=8))
def test_json_is_made_printable_exactly_as_any_text_is(data: object) -> None:
    document = json.dumps(data, ensure_ascii=False)
    assert printable_json(document) == printable(document)


@pytest.mark.parametrize("unsafe", ["\x7f", "\x9b", "\u202e", "\u2028", "\ud800", "\u200e"])
def test_an_unsafe_character_in_json_is_still_escaped(unsafe: str) -> None:
    document = json.dumps({"note": f"a{unsafe}b"}, ensure_ascii=False)
    shown = printable_json(document)
    assert unsafe not in shown
    assert json.loads(shown) == {"note": f"a{unsafe}b"}


def test_every_character_printable_escapes_is_one_isprintable_refuses() -> None:
    # Why printable_json may pass text that str.isprintable accepts without the expression.
    for code in range(0x110000):
        char = chr(code)
        if printable(char) != char:
            assert not char.isprintable(), hex(code)


def test_check_json_with_unsafe_text_is_escaped_once_and_reads_back_exactly(
    isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # printable_json escapes it; the guard's stream passes that text on without a second pass.
    payload = "\x1b]0;TITLE\x07\x7f\x9b\u202e"
    folder = isolated_user_dirs / "data" / "draws"
    folder.mkdir(parents=True)
    with (folder / "mine.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        writer.writerow(
            [
                *("2026-11-05-foreign_worker-general", "2026-11-05", "foreign_worker", "general"),
                *("5", "", "", "", "", "", "", "unknown", "1", f"note{payload}"),
                "https://example.org/x",
            ]
        )
    argv = ["check", "--example", "--all-streams", "--json", "--today", "2026-11-26"]
    assert cli_main.main(argv) == 0
    out = capsys.readouterr().out
    assert not any(char in out for char in "\x1b\x07\x7f\x9b\u202e")
    assert "note\\u001b]0;TITLE\\u0007\\u007f\\u009b\\u202e" in out
    notes = [r["draw"]["notes"] for r in json.loads(out)["results"]]
    assert f"note{payload}" in notes
