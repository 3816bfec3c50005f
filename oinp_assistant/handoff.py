"""A one-page sheet for the employer: their 14-day date, what to file where, and why it is urgent.

Markdown or HTML, chosen by the file's extension; written like every other file (atomic,
owner-only, the previous one kept).
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import EMPLOYER_PORTAL, DeadlineReport
from oinp_assistant.problems import OinpError
from oinp_assistant.profile import Profile

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


class HandoffError(OinpError):
    """The sheet cannot be made or written; the message says why and what to do."""


def _long_date(day: dt.date) -> str:
    """Like "Friday, December 4, 2026", built by hand: strftime's "%-d" fails on Windows."""
    return f"{day:%A, %B} {day.day}, {day.year}"


def handoff_lines(profile: Profile, catalog: Catalog, report: DeadlineReport) -> list[str]:
    """The sheet as Markdown lines."""
    deadlines = {d.kind: d for d in report.deadlines}
    employer = deadlines.get("employer_submission")
    candidate = deadlines.get("candidate_submission")
    basis = report.basis
    stream_id = basis.stream if basis else profile.stream
    stream = catalog.stream_name(stream_id)
    title = catalog.occupation_title(profile.noc) if profile.noc else None
    noc = f"NOC {profile.noc}" + (f" ({title})" if title else "") if profile.noc else "—"
    lines = [f"# OINP invitation: what the employer must do ({stream})", ""]
    if basis is None or basis.hypothetical or employer is None:
        window = catalog.streams[stream_id].window_for(dt.date.max)
        days = window.employer_days if window else None
        lines += [
            "The candidate has **not been invited yet**. Once invited, the employer has "
            + (f"**{days} calendar days**" if days else "a few days")
            + f" from the invitation date to file in the {EMPLOYER_PORTAL}. This sheet will "
            "then show the exact date.",
            "",
        ]
    else:
        lines += [
            f"- **Invitation date:** {basis.invitation_date}",
            f"- **Employer deadline:** **{_long_date(employer.date)}**, {employer.where}"
            " (end of day; confirm the exact time in the portal)",
            f"- **Position:** {noc}",
            "",
            "## What to file",
            f"{employer.action[0].upper()}{employer.action[1:]}, in the {employer.where}. "
            "A signing officer of the business, or the representative they appointed, files it.",
            "",
            "## Why it cannot wait",
            "The candidate can file their own application only after the employer has filed."
            + (
                f" Their own deadline is **{_long_date(candidate.date)}**."
                if candidate is not None
                else ""
            )
            + " If either deadline is missed there is no extension: the file is closed and the "
            "process starts again with a new job offer and EOI.",
            "",
        ]
        if employer.note:
            lines += [f"_How the date is counted: {employer.note}_", ""]
    lines += [
        "---",
        "Prepared with OINP Assistant from the candidate's own records. Dates are Ontario "
        "dates; the portal and the invitation letter are the authority.",
    ]
    return lines


def render_handoff(lines: list[str], fmt: str) -> str:
    if fmt == "markdown":
        return "\n".join(lines) + "\n"
    body = []
    for line in lines:
        text = html.escape(line)
        # The sheet uses only headings, bold, italics and list items: enough to convert by hand.
        while "**" in text:
            text = text.replace("**", "<strong>", 1).replace("**", "</strong>", 1)
        if text.startswith("_") and text.endswith("_"):
            text = f"<em>{text[1:-1]}</em>"
        if text.startswith("# "):
            body.append(f"<h1>{text[2:]}</h1>")
        elif text.startswith("## "):
            body.append(f"<h2>{text[3:]}</h2>")
        elif text.startswith("- "):
            body.append(f"<li>{text[2:]}</li>")
        elif text == "---":
            body.append("<hr>")
        elif text:
            body.append(f"<p>{text}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        "<title>OINP: what the employer must do</title></head><body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def handoff_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise HandoffError(
            f"{path}: the sheet is written as Markdown (.md) or HTML (.html); give a file name "
            "ending in one of them."
        )
    return fmt
