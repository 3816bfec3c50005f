"""Plain text for the terminal: aligned tables and wrapped sentences, readable without colour.

Layout only; the words and marks the TUI shares live in `oinp_assistant.wording`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from collections.abc import Sequence

from oinp_assistant.cli.safe_text import printable


def width() -> int:
    return max(60, min(shutil.get_terminal_size((100, 24)).columns, 120))


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    # Cells may hold user data (a draws CSV): escaped first, so widths are what is shown.
    headers = [printable(str(h)) for h in headers]
    rows = [[printable(str(c)) for c in row] for row in rows]
    cols = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, cols, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in cols))
    for row in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, cols, strict=True)).rstrip())
    return "\n".join(lines)


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(
        printable(text),
        width=width(),
        initial_indent=first if first is not None else indent,
        subsequent_indent=indent,
        break_on_hyphens=False,
    )


def weekday(day: dt.date) -> str:
    return f"{day:%a} {day.isoformat()}"
