"""Text for a terminal that user data cannot take over.

A draws CSV or a profile may hold escape sequences (`ESC ]0;title BEL` retitles the terminal,
`ESC [2J` clears it) or bidirectional overrides that reorder what is shown. Text output shows
them escaped; `--json` keeps every string exact.
"""

from __future__ import annotations

import re

# C0 controls except newline and tab, DEL, C1 controls (U+009B is a one-character CSI),
# bidirectional overrides and isolates, line/paragraph separators, and lone surrogates (a
# file name that is not UTF-8).
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    # \uXXXX reads the same in a terminal and is also a valid JSON escape for the same
    # character, so escaping a whole JSON document keeps it exact.
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every control character, escape and bidi override shown as \\uXXXX."""
    return _UNSAFE.sub(_escape, text)


class Shown(str):
    """Text already made printable: the CLI's escaping stdout (cli/guard.py) writes it as is."""


def printable_json(text: str) -> Shown:
    """`printable(text)` for text that json's encoder wrote, without reading it when it can.

    The encoder writes every C0 control as an escape (\\n, \\u001b), so JSON that is all
    ASCII (str.isascii is a flag, not a scan) can only hold DEL among the unsafe characters,
    and looking for one character is a fast search. Other text that `str.isprintable` passes
    holds none either (every unsafe character is a control, format or separator character,
    which it refuses), and it is twice as fast as the regular expression.
    """
    if (text.isascii() and "\x7f" not in text) or text.isprintable():
        return Shown(text)
    return Shown(printable(text))
