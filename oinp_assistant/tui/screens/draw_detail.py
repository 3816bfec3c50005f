"""One round: each criterion with its status and sentence, the occupations, sources, confidence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from oinp_assistant.draws import round_note
from oinp_assistant.draws_store import remove_round
from oinp_assistant.eligibility import DrawResult
from oinp_assistant.problems import ProblemsError
from oinp_assistant.tui import display
from oinp_assistant.tui.messages import RoundsChanged
from oinp_assistant.tui.screens.base import VERDICT_LEGEND, SessionScreen
from oinp_assistant.tui.screens.confirm import ConfirmScreen
from oinp_assistant.tui.screens.error import ErrorScreen
from oinp_assistant.tui.state import Session
from oinp_assistant.wording import confidence_text


def facts(session: Session, result: DrawResult) -> Text:
    draw = result.draw
    text = Text()
    text.append(f"{display.long_date(draw.date)}  {session.catalog.stream_name(draw.stream)}")
    text.append(f" — {draw.label}\n", style="bold")
    text.append("Verdict: ")
    text.append_text(display.verdict_text(result.verdict))
    invitations = "not found" if draw.invitations is None else str(draw.invitations)
    minimum = "not found" if draw.min_score is None else str(draw.min_score)
    text.append(f"\nInvitations: {invitations}   Minimum score: {minimum}")
    if draw.window_start or draw.window_end:
        text.append(
            f"\nProfile window: {draw.window_start or '?'} to {draw.window_end or '?'}"
            " (both days included)"
        )
    return text


def criteria(result: DrawResult) -> Text:
    text = Text()
    for number, criterion in enumerate(result.criteria):
        if number:
            text.append("\n")
        text.append_text(display.status_text(criterion.status))
        text.append(f"  {criterion.name.replace('_', ' ')}: ", style="bold")
        text.append(criterion.detail)
    return text


def occupations(session: Session, result: DrawResult) -> Text:
    draw, mine = result.draw, session.profile.noc
    if draw.is_general:
        return Text("General round: every occupation of the stream.")
    if draw.noc_codes is None:
        return Text("Targeted, but the list of occupations was not found in the sources.")
    text = Text(f"{len(draw.noc_codes)} occupations targeted")
    if mine:
        text.append(f"; yours ({mine}) is marked ★" if mine in draw.noc_codes else "")
    text.append(":")
    for code in sorted(draw.noc_codes):
        title = session.catalog.occupation_title(code) or "(not in the NOC table)"
        if code == mine:
            text.append(f"\n★ {code} {title}  ← yours", style="bold green")
        else:
            text.append(f"\n  {code} {title}")
    return text


def required(session: Session, result: DrawResult) -> Text:
    """What the round required, in plain words (generated from the record's fields)."""
    draw, catalog = result.draw, session.catalog
    conditions = [c.text for c in catalog.conditions_for(draw)]
    return Text("\n".join(round_note(draw, catalog.stream_name(draw.stream), conditions)))


def sources(result: DrawResult) -> Text:
    """Confidence, one link a line (a short label; the full URL opens), then the research notes
    the maintainers wrote while checking the sources."""
    draw = result.draw
    text = Text(f"Confidence: {confidence_text(draw.confidence)}")
    if draw.added_note:
        text.append(f"\n+ {draw.added_note}, stored in {draw.origin}; x removes it.")
        text.append(f"\nId {draw.id}")
    else:
        text.append(f"\nFrom: {draw.origin} data, id {draw.id}")
    for source in draw.sources:
        text.append("\n• ")
        text.append_text(display.link(source))
    if draw.notes:
        text.append("\n\nResearch notes: ", style="bold")
        text.append(draw.notes, style="italic")
    return text


class DrawDetailScreen(SessionScreen):
    SUB_TITLE = "Round"
    AUTO_FOCUS = "#draw-detail"
    HELP_LEGEND = VERDICT_LEGEND + "\n★ your occupation"
    # Escape is not in the footer: "w Draws" there does the same, and 80 columns have no room
    # for both since the s and j areas; F1 lists it.
    BINDINGS = [  # noqa: RUF012
        Binding("escape", "back", "Back", id="back_to_draws", show=False),
        Binding("x", "remove_round", "Remove", id="remove_round"),
    ]

    def __init__(self, session: Session, result: DrawResult) -> None:
        super().__init__(session)
        self.result = result

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="draw-detail"):
            yield Static(facts(self.session, self.result), id="draw-facts", classes="card")
            need = Static(required(self.session, self.result), id="draw-required", classes="card")
            need.border_title = "What the round required"
            yield need
            crit = Static(criteria(self.result), id="draw-criteria", classes="card")
            crit.border_title = "Criteria"
            yield crit
            occ = Static(occupations(self.session, self.result), id="draw-nocs", classes="card")
            occ.border_title = "Occupations"
            yield occ
            src = Static(sources(self.result), id="draw-sources", classes="card")
            src.border_title = "Sources and research notes"
            yield src

    def action_back(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Only a round the user added can be removed; the bundled record is not theirs to edit.
        if action == "remove_round":
            return self.result.draw.is_added
        return True

    def action_remove_round(self) -> None:
        draw = self.result.draw
        self.app.push_screen(
            ConfirmScreen(
                "Remove this round?",
                f"Remove {draw.id} ({draw.added_note}) from {draw.origin}? The file as it was "
                "is kept as a .bak copy.",
                yes="Remove",
            ),
            self._remove,
        )

    def _remove(self, confirmed: bool | None) -> None:
        if not confirmed:
            return
        draw = self.result.draw
        try:
            remove_round(draw.id, self.session.catalog)
        except ProblemsError as exc:
            self.app.push_screen(
                ErrorScreen("Not removed", "\n".join(p.message for p in exc.problems))
            )
            return
        self.post_message(RoundsChanged(f"Removed the round {draw.id}."))
