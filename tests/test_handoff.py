"""The employer's one-page sheet: its date, the candidate's date, Markdown or HTML.

Rules: reference/oinp-rules.md §1 and §5b "Clocks": the employer files within 14 calendar days
of the invitation, the candidate within 17 and only after the employer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from oinp_assistant.catalog import Catalog
from oinp_assistant.deadlines import compute_deadlines
from oinp_assistant.eligibility import check_profile
from oinp_assistant.handoff import HandoffError, handoff_format, handoff_lines, render_handoff
from oinp_assistant.occupations import Occupation
from oinp_assistant.profile import Profile

D = dt.date
OWP = "ontario_workforce_priority"
TODAY = D(2026, 11, 26)


INVITED_ON = D(2026, 11, 20)


def invited(on: dt.date = INVITED_ON, noc: str = "21231") -> Profile:
    return Profile.model_validate(
        {"stream": OWP, "noc": noc, "invitation": {"date": on}}, strict=True
    )


def sheet(catalog: Catalog, p: Profile, fmt: str) -> str:
    report = compute_deadlines(p, catalog, TODAY, check_profile(p, catalog, TODAY))
    return render_handoff(handoff_lines(p, catalog, report), fmt)


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_the_sheet_gives_the_employer_date_and_the_candidate_date(
    catalog: Catalog, fmt: str
) -> None:
    text = sheet(catalog, invited(), fmt)
    assert "Friday, December 4, 2026" in text  # 2026-11-20 + 14
    assert "Monday, December 7, 2026" in text  # 2026-11-20 + 17
    assert "2026-11-20" in text
    assert "Employer Portal" in text
    assert "NOC 21231 (Software engineers and designers)" in text


def test_single_digit_days_are_written_without_a_leading_zero(catalog: Catalog) -> None:
    text = sheet(catalog, invited(D(2026, 12, 20)), "markdown")
    assert "**Sunday, January 3, 2027**" in text  # 2026-12-20 + 14
    assert "**Wednesday, January 6, 2027**" in text  # + 17


def test_the_markdown_sheet_bolds_both_dates(catalog: Catalog) -> None:
    text = sheet(catalog, invited(), "markdown")
    assert "**Friday, December 4, 2026**" in text
    assert "**Monday, December 7, 2026**" in text
    assert text.startswith("# OINP invitation: what the employer must do (Ontario Workforce")
    assert text.endswith("\n")


def test_the_html_sheet_is_a_page_with_the_dates_in_strong(catalog: Catalog) -> None:
    text = sheet(catalog, invited(), "html")
    assert text.startswith("<!DOCTYPE html>")
    assert "<strong>Friday, December 4, 2026</strong>" in text
    assert "<strong>Monday, December 7, 2026</strong>" in text
    assert "**" not in text
    assert text.count("<h1>") == 1 and "<h2>What to file</h2>" in text


def test_copied_invitation_dates_are_the_ones_on_the_sheet(catalog: Catalog) -> None:
    p = Profile.model_validate(
        {
            "stream": OWP,
            "invitation": {
                "date": D(2026, 11, 20),
                "employer_deadline": D(2026, 12, 3),
                "candidate_deadline": D(2026, 12, 6),
            },
        },
        strict=True,
    )
    text = sheet(catalog, p, "markdown")
    assert "Thursday, December 3, 2026" in text
    assert "Sunday, December 6, 2026" in text
    assert "Trust the portal" in text


def test_before_an_invitation_the_sheet_says_so_and_names_the_14_days(catalog: Catalog) -> None:
    p = Profile.model_validate({"stream": OWP, "noc": "21231"}, strict=True)
    text = sheet(catalog, p, "markdown")
    assert "**not been invited yet**" in text
    assert "**14 calendar days**" in text
    assert "Employer deadline" not in text


def test_the_html_sheet_escapes_text_from_the_records(catalog: Catalog) -> None:
    title = 'Welders <script>alert("x")</script> & fitters'
    occupations = dict(catalog.occupations)
    occupations["72106"] = Occupation("72106", title, 2, 7)
    tampered = dataclasses.replace(catalog, occupations=occupations)
    text = sheet(tampered, invited(noc="72106"), "html")
    assert "<script>" not in text
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; fitters" in text


def test_render_handoff_escapes_every_line_before_adding_its_own_tags() -> None:
    lines = ["# A <b>title</b>", "- **R&D** <i>", "_<em> & co_", "plain <br> & more"]
    text = render_handoff(lines, "html")
    assert "<h1>A &lt;b&gt;title&lt;/b&gt;</h1>" in text
    assert "<li><strong>R&amp;D</strong> &lt;i&gt;</li>" in text
    assert "<p><em>&lt;em&gt; &amp; co</em></p>" in text
    assert "<p>plain &lt;br&gt; &amp; more</p>" in text
    assert "<b>" not in text and "<i>" not in text and "<br>" not in text


def test_render_handoff_as_markdown_returns_the_lines() -> None:
    assert render_handoff(["# T", "", "x <y>"], "markdown") == "# T\n\nx <y>\n"


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("sheet.md", "markdown"),
        ("sheet.markdown", "markdown"),
        ("SHEET.MD", "markdown"),
        ("sheet.html", "html"),
        ("sheet.htm", "html"),
        ("Sheet.HTML", "html"),
    ],
)
def test_the_extension_chooses_the_format(name: str, fmt: str) -> None:
    assert handoff_format(Path(name)) == fmt


@pytest.mark.parametrize("name", ["sheet.txt", "sheet.pdf", "sheet", "sheet.md.bak", "sheet.docx"])
def test_other_extensions_are_refused_with_the_ones_accepted(name: str) -> None:
    with pytest.raises(HandoffError) as caught:
        handoff_format(Path(name))
    assert ".md" in str(caught.value) and ".html" in str(caught.value)
