"""Printing what a command returned: text lines, raw bytes, or JSON written in pieces.

`emit` is the only place the CLI writes its answers (cli/main.py calls it). It lives apart
from the parser so that the app's start-up, which prints none of this, does not import json.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeGuard

from oinp_assistant.cli.safe_text import printable_json

if TYPE_CHECKING:
    from oinp_assistant.cli.commands import Output
    from oinp_assistant.cli.json_contract import Lazy


def _print_json(data: object) -> None:
    # Indented for a person at a terminal; compact for scripts (json's indenting encoder is
    # the slow pure-Python one, a measurable share of start-up).
    if sys.stdout.isatty():
        print(json.dumps(data, indent=2, ensure_ascii=False, default=_listed))
        return
    # Written in pieces: 100,000 rounds make a 200 MB document, which as one string (and its
    # escaped and encoded copies) would take more memory than everything else together.
    # Each piece is made printable here, where it is known to be JSON (see printable_json).
    for chunk in json_chunks(data):
        sys.stdout.write(printable_json(chunk))
    sys.stdout.write("\n")


_CHUNK = 1 << 16  # characters per write
_LONG = 64  # a list this long is written item by item
_ENCODER = json.JSONEncoder(ensure_ascii=False)  # json.dumps(..., ensure_ascii=False)'s


def json_chunks(data: object) -> Iterator[str]:
    """`json.dumps(data, ensure_ascii=False)` in pieces of about `_CHUNK` characters.

    The same bytes: the top-level object and long lists are opened by hand and every other
    value is dumped whole by json's C encoder (`iterencode` would fall back to the pure-Python
    one, several times slower).
    """
    pending: list[str] = []
    size = 0
    for piece in _json_pieces(data, top=True):
        pending.append(piece)
        size += len(piece)
        if size >= _CHUNK:
            yield "".join(pending)
            pending, size = [], 0
    if pending:
        yield "".join(pending)


def _json_pieces(value: object, *, top: bool = False) -> Iterator[str]:
    # One encoder for every piece: json.dumps with an option builds a new one per call.
    dumps = _ENCODER.encode
    if top and isinstance(value, dict) and value and all(isinstance(k, str) for k in value):
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield (", " if n else "") + dumps(key) + ": "
            yield from _json_pieces(item)
        yield "}"
    elif type(value) is not dict and _is_lazy(value) and (texts := value.texts()) is not None:
        yield "["  # each item's JSON written by the list itself
        for n, text in enumerate(texts):
            yield (", " + text) if n else text
        yield "]"
    elif type(value) is not dict and (
        _is_lazy(value) or (isinstance(value, list) and len(value) > _LONG)
    ):
        yield "["
        for n, item in enumerate(value):
            if type(item) is dict:  # the usual item (a result, a round): one piece, no generator
                yield (", " if n else "") + dumps(item)
                continue
            if n:
                yield ", "
            yield from _json_pieces(item)
        yield "]"
    else:  # e.g. each of 100,000 results: a dict, dumped whole without asking _is_lazy
        yield dumps(value)


def _is_lazy(value: object) -> TypeGuard[Lazy]:
    from oinp_assistant.cli.json_contract import Lazy  # loaded already: it built `value`

    return isinstance(value, Lazy)


def _listed(value: object) -> object:
    # json.dumps's fallback for a json_contract.Lazy list: its items, built now.
    if _is_lazy(value):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def emit(output: Output) -> None:
    """Print what a command returned: the only place the CLI writes its answers."""
    from oinp_assistant.cli.commands import Json, Raw

    if isinstance(output, Json):
        _print_json(output.data)
    elif isinstance(output, Raw):
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None:
            buffer.write(output.data)
        else:  # stdout replaced by a text stream (an embedding caller)
            sys.stdout.write(output.data.decode("utf-8"))
    else:
        for line in output.lines:
            print(line)
