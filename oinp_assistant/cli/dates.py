"""Dates given on the command line: YYYY-MM-DD, within the range every computation handles."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from oinp_assistant.clock import in_range, range_text

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def date_arg(text: str) -> dt.date:
    """argparse type for --today and --since; the message names what to write instead."""
    # fromisoformat alone would also take 20260101 and 2026-W01-1, which the help does not offer
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError(text)
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01'
        ) from None
    if not in_range(day):
        raise argparse.ArgumentTypeError(f'"{text}" is too far off; give a date {range_text()}')
    return day
