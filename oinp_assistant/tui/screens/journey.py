"""The journey step by step: job offer → EOI → invitation → employer application → your
application → nomination → IRCC, each marked done / next / later / missed in a symbol and a
word (colour only adds), with its date and detail. m writes the employer's sheet."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from oinp_assistant.journey import Step
from oinp_assistant.tui import display
from oinp_assistant.tui.screens.base import SessionScreen

STEP_MARKS = {
    "done": ("✔", "done", "green"),
    "next": ("→", "next", "bold cyan"),
    "later": ("·", "later", "dim"),
    "missed": ("✘", "missed", "bold red"),
}
STEP_LEGEND = "✔ done   → next   · later   ✘ missed (a date passed)"


def step_text(step: Step) -> Text:
    symbol, word, style = STEP_MARKS[step.state]
    text = Text()
    text.append(f"{symbol} {word:<6} ", style=style)
    text.append(step.title, style="bold" if step.state == "next" else "")
    if step.date is not None:
        text.append(f"\n  {display.long_date(step.date)}")
    if step.detail:
        text.append(f"\n  {step.detail}")
    return text


class JourneyScreen(SessionScreen):
    SUB_TITLE = "Journey"
    AUTO_FOCUS = "#journey"
    HELP_LEGEND = STEP_LEGEND
    BINDINGS = [  # noqa: RUF012
        Binding("m", "app.write_handoff", "Sheet", id="write_handoff"),
    ]

    def compose_body(self) -> ComposeResult:
        session = self.session
        with VerticalScroll(id="journey"):
            yield Static(
                # The legend on its own line: after the date it wrapped inside itself at 80.
                f"Today is {display.long_date(session.today)}.\n{STEP_LEGEND}",
                id="journey-legend",
                markup=False,
            )
            if any(step.state == "missed" for step in session.journey):
                yield Static(
                    "A date marked ✘ missed has no extension: the file is closed, and the "
                    "process starts again with a new job offer and EOI.",
                    id="journey-missed",
                    markup=False,
                )
            for step in session.journey:
                card = Static(step_text(step), id=f"step-{step.key.replace('_', '-')}")
                card.add_class("step", f"-{step.state}")
                yield card
            yield Static(
                "m: write the one-page sheet for your employer (their date, what to file "
                "where, why it cannot wait).",
                classes="hint",
            )
