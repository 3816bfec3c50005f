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
