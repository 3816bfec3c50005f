"""Add a round from its announcement: the fields of `oinp draws add`, checked at each field.

The fields and their allowed values are `draws_store.asked_fields`, the questions the CLI
asks; the final word is `draws_store.add_round`, which checks the round exactly like a bundled
row and refuses a round already in the record. Nothing is written unless it says yes. Then
the screen posts `RoundsChanged` and the app loads the record again, so every screen (and
`oinp check`) uses the new round at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from oinp_assistant.draws_store import AskedField, NewRound, add_round, asked_fields
from oinp_assistant.eligibility import check_draw
from oinp_assistant.problems import ProblemsError, date_mistake
from oinp_assistant.profile import REGION_NAMES
from oinp_assistant.tui import display
from oinp_assistant.tui.messages import RoundsChanged
from oinp_assistant.tui.screens.base import SessionScreen
from oinp_assistant.tui.screens.error import ErrorScreen
from oinp_assistant.tui.screens.form_scroll import FieldsStayWhole
from oinp_assistant.tui.state import Session
from oinp_assistant.tui.widgets.form_field import FormField, ProblemCheck
from oinp_assistant.tui.widgets.noc_picker import NocPicker

DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
LABEL_RE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")

HELP = {
    "date": "The day the round was held, as the notice gives it.",
    "stream": "The stream the notice names.",
    "label": "One word or a few joined by _: health, general, northern_ontario…",
    "invitations": "Leave blank if the notice does not say.",
    "min_score": "The lowest score invited; blank if the notice does not say.",
    "window": "The notice's profile window, e.g. 2026-08-04:2026-11-15 (blank: not given).",
    "nocs": "Type a title or code, ↓ to pick a match, Enter to add it. None: a general round.",
    "region": "Only for a round limited to one region.",
    "residence": "What the notice says about living in Canada; unknown if it does not say.",
    "sources": "The web address of the notice (several: separated by spaces).",
    "note": "Anything else worth keeping from the notice.",
}


def _blank_or(check: Callable[[str], str | None]) -> Callable[[str], str | None]:
    return lambda value: None if not value.strip() else check(value.strip())


def date_problem(value: str, today: dt.date) -> str | None:
    value = value.strip()
    if not value:
        return "The day of the round is required (YYYY-MM-DD)."
    if not DATE_RE.fullmatch(value):
        return "Write the date as YYYY-MM-DD, e.g. 2026-11-20."
    mistake = date_mistake(value)  # the words a draws file with this date gets
    if mistake:
        return f"{mistake}."
    day = dt.date.fromisoformat(value)
    if day > today:
        return f"This day is after today ({today}): add a round once it was held."
    return None


def label_problem(value: str) -> str | None:
    value = value.strip()
    if not value:
        return "The round's label is required, e.g. health or general."
    if not LABEL_RE.fullmatch(value):
        slug = "_".join(re.findall(r"[a-z0-9]+", value.lower()))
        return "Lower case, words joined by _" + (f': "{slug}"?' if slug else ".")
    return None


def _whole(value: str) -> str | None:
    return None if value.isdigit() else "A whole number, 0 or more."


def _window(value: str) -> str | None:
    parts = [p.strip() for p in value.split(":")]
    if len(parts) != 2 or not all(DATE_RE.fullmatch(p) for p in parts):
        return "Write START:END, e.g. 2026-08-04:2026-11-15."
    mistakes = [m for p in parts if (m := date_mistake(p))]
    if mistakes:
        return f"{mistakes[0]}."
    start, end = (dt.date.fromisoformat(p) for p in parts)
    return "The window ends before it starts." if end < start else None


class AddRoundScreen(FieldsStayWhole, SessionScreen):
    FORM_ID = "add-round"
    DEFAULT_CSS = """
    #add-round {
        padding: 0 1;
    }
    #add-round-intro {
        margin: 0 0 1 0;
    }
    #round-nocs {
        height: auto;
        color: $text-success;
    }
    """
    SUB_TITLE = "Add a round"
    AUTO_FOCUS = "#in-date"
    HELP_KEYS: ClassVar[tuple[tuple[str, str, str], ...]] = (
        ("occupations", "enter", "Add the code in the field to the round's list"),
    )
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Save", id="save_round", priority=True),
        Binding("escape", "leave", "Back", id="leave_add_round"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.fields = asked_fields(session.catalog, session.today)
        self.nocs: list[str] = []

    # ---- the form ------------------------------------------------------------------------

    def _control(self, f: AskedField) -> Widget:
        catalog, wid = self.session.catalog, f"in-{f.name}"
        if f.name == "stream":
            choices = [(catalog.stream_name(s), s) for s in f.choices]
            return Select(choices, value=f.default or Select.NULL, prompt="Select", id=wid)
        if f.name == "region":
            regions = [(REGION_NAMES[r], r) for r in f.choices]
            return Select(regions, value=Select.NULL, prompt="all of Ontario", id=wid)
        if f.name == "residence":
            return Select([(r, r) for r in f.choices], value=f.default, allow_blank=False, id=wid)
        if f.name == "nocs":
            return NocPicker(
                "",
                search=self._search,
                title_of=catalog.occupation_title,
                validators=[ProblemCheck(self._noc_problem)],
                input_id=wid,
            )
        problem: Callable[[str], str | None] | None = {
            "date": lambda v: date_problem(v, self.session.today),
            "label": label_problem,
            "invitations": _blank_or(_whole),
            "min_score": _blank_or(_whole),
            "window": _blank_or(_window),
        }.get(f.name)
        placeholder = {"date": "YYYY-MM-DD", "window": "START:END"}.get(f.name, "")
        return Input(
            f.default or "",
            id=wid,
            placeholder=placeholder,
            validators=[ProblemCheck(problem)] if problem else [],
            valid_empty=problem is None,
        )

    def _noc_problem(self, value: str) -> str | None:
        value = value.strip()
        if not value or any(c.isalpha() for c in value):
            return None  # still searching by title
        if not re.fullmatch(r"\d{5}", value):
            return "A NOC code is five digits: type a title and pick a match."
        if value not in self.session.catalog.occupations:
            return f"{value} is not a NOC 2021 unit group."
        return None

    def _search(self, query: str) -> list[tuple[str, str, str]]:
        return [
            (m.occupation.code, m.occupation.title, m.matched)
            for m in self.session.catalog.search_occupations(query, limit=8)
        ]

    def compose_body(self) -> ComposeResult:
        form = VerticalScroll(id="add-round")
        form.can_focus = False
        with form:
            yield Static(
                "Type the round from its notice. Fields marked * are required; the rest may "
                "stay blank when the notice does not say. ctrl+s saves, Escape goes back.",
                id="add-round-intro",
                markup=False,
            )
            for f in self.fields:
                label = f.question.split(" (")[0] + (" *" if f.required else "")
                yield FormField(label, HELP.get(f.name, ""), self._control(f), field_id=f.name)
                if f.name == "nocs":
                    yield Static("", id="round-nocs", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="round-save", variant="primary")
                yield Button("Back (esc)", id="round-back")

    # ---- the occupations list --------------------------------------------------------------

    @on(Input.Submitted, "#in-nocs")
    def _add_noc(self, event: Input.Submitted) -> None:
        event.stop()
        code = event.value.strip()
        if self._noc_problem(code) is None and code.isdigit():
            if code not in self.nocs:
                self.nocs.append(code)
            event.input.value = ""
            self._show_nocs()

    def _show_nocs(self) -> None:
        catalog = self.session.catalog
        lines = [f"+ {c} {catalog.occupation_title(c) or ''}" for c in self.nocs]
        self.query_one("#round-nocs", Static).update(
            "\n".join(lines)
            + ("\n(to take one out, Backspace in the empty field)" if lines else "")
        )

    def on_key(self, event: events.Key) -> None:
        if event.key != "backspace":
            return
        field = self.focused
        if isinstance(field, Input) and field.id == "in-nocs" and not field.value and self.nocs:
            self.nocs.pop()
            self._show_nocs()

    # ---- saving --------------------------------------------------------------------------

    def _value(self, name: str) -> str:
        widget = self.query_one(f"#in-{name}")
        if isinstance(widget, Select):
            value = widget.value
            return value if isinstance(value, str) else ""
        assert isinstance(widget, Input)
        return widget.value.strip()

    def new_round(self) -> NewRound:
        pending = self._value("nocs")
        nocs = [*self.nocs, pending] if pending and pending not in self.nocs else self.nocs
        return NewRound(
            date=self._value("date"),
            stream=self._value("stream"),
            label=self._value("label"),
            invitations=self._value("invitations") or None,
            min_score=self._value("min_score") or None,
            window=self._value("window") or None,
            nocs=tuple(nocs),
            region=self._value("region") or None,
            residence=self._value("residence") or None,
            sources=tuple(self._value("sources").split()),
            note=self._value("note"),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "round-save":
            self.action_save()
        elif event.button.id == "round-back":
            self.action_leave()

    def action_save(self) -> None:
        session = self.session
        for form_field in self.query(FormField):
            form_field.show_error(None)
        try:
            stored = add_round(self.new_round(), session.catalog, session.today)
        except ProblemsError as exc:
            by_flag = {f.flag: f.name for f in self.fields}
            for problem in exc.problems:
                name = by_flag.get(problem.key or "")
                if name is not None:
                    self.query_one(f"#field-{name}", FormField).show_error(problem.message)
            self.app.push_screen(
                ErrorScreen(
                    "Not added: fix these fields first",
                    "\n".join(f"• {p.key}: {p.message}" for p in exc.problems),
                )
            )
            return
        # At once: would it have invited this profile? The same criteria as every round.
        same_day = [d for d in session.catalog.draws if d.date == stored.date] + [stored]
        verdict = check_draw(session.profile, stored, session.catalog, same_day).verdict
        words = display.VERDICTS[verdict][1]
        self.post_message(
            RoundsChanged(
                f"Added the {stored.label} round of {stored.date} "
                f"({session.catalog.stream_name(stored.stream)}): {words} for your profile.",
                select=stored.id,
            )
        )

    def action_leave(self) -> None:
        self.dismiss(None)
