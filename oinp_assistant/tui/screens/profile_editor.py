"""The profile form: every field, checked as you type; Save keeps the file's comments and layout.

Focus rules (a letter key must never type into a field the user did not open): the form opens
on the stream choice; a save keeps the focus where it was (the app refreshes this screen in
place rather than building a new one); the field with the focus is scrolled into view, its
label and help included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.validation import Validator
from textual.widget import Widget
from textual.widgets import Button, Input, Select, Static

from oinp_assistant import locations
from oinp_assistant.catalog import Catalog
from oinp_assistant.clock import ontario_today
from oinp_assistant.problems import ProblemsError
from oinp_assistant.profile import Profile
from oinp_assistant.profile_store import save_profile, write_new_profile
from oinp_assistant.tui import display, press_again
from oinp_assistant.tui.messages import BackRequested, ProfileCreated, ProfileSaved
from oinp_assistant.tui.press_again import PressAgain
from oinp_assistant.tui.profile_form import (
    EDUCATION_CHOICES,
    FIELDS,
    NUMBER_BOUNDS,
    PERMIT_CHOICES,
    REGION_CHOICES,
    SECTIONS,
    YES_NO_CHOICES,
    FieldSpec,
    build_profile,
    current_values,
    date_problem,
    merge_changes,
    new_profile_text,
    noc_problem,
    number_problem,
    problem_lines,
    score_problem,
    section,
    values_from_profile,
)
from oinp_assistant.tui.screens.base import AreaScreen
from oinp_assistant.tui.screens.confirm import ConfirmScreen
from oinp_assistant.tui.screens.error import ErrorScreen, not_saved
from oinp_assistant.tui.screens.form_scroll import FieldsStayWhole
from oinp_assistant.tui.widgets.form_field import FormField, ProblemCheck
from oinp_assistant.tui.widgets.noc_picker import NocPicker

if TYPE_CHECKING:
    from oinp_assistant.tui.state import Session

Mode = Literal["edit", "new", "read_only"]


def field_id(key: str) -> str:
    return key.replace(".", "-").replace("_", "-")


class ProfileEditorScreen(FieldsStayWhole, AreaScreen):
    FORM_ID = "editor"
    SUB_TITLE = "Profile"
    AUTO_FOCUS = "#in-stream"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save", "Save", id="save_profile", priority=True),
        # Not in the footer: with the s and j areas, 80 columns hold ctrl+s and F1 but not
        # this too. The banner says it, F1 lists it, the Back (esc) button shows it.
        Binding("escape", "leave", "Back", id="leave_editor", show=False),
    ]

    def __init__(
        self,
        catalog: Catalog,
        profile: Profile | None,
        path: Path,
        mode: Mode,
        *,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        self.today = today
        self.catalog = catalog
        self.profile = profile
        self.path = path
        self.mode: Mode = mode
        self.initial = values_from_profile(profile)
        # Leaving with unsaved edits warns first; a second Escape soon after leaves.
        self._leave_again = PressAgain()

    # ---- building the form ---------------------------------------------------------------

    def _control(self, spec: FieldSpec) -> Widget:
        value = self.initial[spec.key]
        wid = f"in-{field_id(spec.key)}"
        if spec.kind == "stream":
            # The streams open today first: a new user is looking for one of those.
            day = self.today or ontario_today()
            streams = sorted(
                self.catalog.streams.values(), key=lambda s: s.state_on(day).phase != "open"
            )
            choices = [(self._stream_choice(s.id), s.id) for s in streams]
            blank = spec.key != "stream"
            return Select(
                choices,
                value=value or Select.NULL,
                allow_blank=blank,
                prompt="same as the profile" if blank else "Select",
                id=wid,
            )
        if spec.kind in ("region", "permit_type", "yes_no", "education"):
            choices = {
                "region": REGION_CHOICES,
                "permit_type": PERMIT_CHOICES,
                "yes_no": YES_NO_CHOICES,
                "education": EDUCATION_CHOICES,
            }[spec.kind]
            return Select(choices, value=value or Select.NULL, prompt="not set", id=wid)
        if spec.kind == "noc":
            return NocPicker(
                value,
                search=self._search,
                title_of=self.catalog.occupation_title,
                validators=[ProblemCheck(partial(noc_problem, catalog=self.catalog))],
                input_id=wid,
            )
        validators: list[Validator] = []
        placeholder = ""
        if spec.kind == "date":
            validators = [ProblemCheck(date_problem)]
            placeholder = "YYYY-MM-DD"
        elif spec.kind == "score":
            validators = [ProblemCheck(score_problem)]
            placeholder = "0 to 130"
        elif spec.kind in NUMBER_BOUNDS:
            validators = [ProblemCheck(partial(number_problem, spec.kind))]
            low, high, _ = NUMBER_BOUNDS[spec.kind]
            placeholder = f"{low:g} to {high:g}"
        return Input(value, id=wid, validators=validators, placeholder=placeholder)

    def _stream_choice(self, stream_id: str) -> str:
        """The stream's name; a closed one says so: "Foreign Worker (closed 2026-05-30)"."""
        stream = self.catalog.streams[stream_id]
        state = stream.state_on(self.today or ontario_today())
        if state.phase == "closed":
            return f"{stream.name} (closed {stream.closed})"
        return stream.name

    def _search(self, query: str) -> list[tuple[str, str, str]]:
        return [
            (m.occupation.code, m.occupation.title, m.matched)
            for m in self.catalog.search_occupations(query, limit=8)
        ]

    def compose_body(self) -> ComposeResult:
        form = VerticalScroll(id="editor")
        # Not a Tab stop: it showed no focus, and Tab must go from field to field.
        form.can_focus = False
        with form:
            yield Static(self._banner(), id="editor-banner", markup=False)
            if self.profile is not None and self.today is not None:
                # The dashboard says "press e for what to do": this is the what.
                status = self._stream_status(self.profile)
                if status:
                    yield Static(status, id="editor-stream-status", markup=False)
            current = None
            for spec in FIELDS:
                prefix = section(spec) + "." if section(spec) else ""
                if prefix != current:
                    current = prefix
                    yield Static(SECTIONS[prefix], classes="section-title")
                yield FormField(
                    spec.label,
                    spec.description,
                    self._control(spec),
                    field_id=field_id(spec.key),
                    # A title search is not a wrong code: no red until it looks like a code.
                    quiet=_searching_by_title if spec.kind == "noc" else None,
                )
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="editor-save", variant="primary")
                yield Button("Back (esc)", id="editor-back")

    def _banner(self) -> str:
        if self.mode == "read_only":
            return (
                "This is the bundled example profile, opened read-only: it cannot be saved. "
                f"Save offers to create your own profile at {locations.default_profile_path()}."
            )
        if self.mode == "new":
            return f"New profile, to be created at {self.path}. Only the stream is required."
        return (
            f"Editing {self.path}. Save (ctrl+s) keeps your comments and layout, and a .bak "
            "copy; Escape goes back."
        )

    def _stream_status(self, profile: Profile | None) -> str:
        if profile is None or self.today is None:
            return ""
        return display.stream_status_full(self.catalog, profile.stream, self.today)

    def take_session(self, session: Session) -> bool:
        """After a save (or an outside edit while nothing is unsaved): show the file's values
        in place, so the focus stays where the user left it."""
        if self.mode != "edit" or self.is_dirty():
            return False
        if self._stream_status(session.profile) != self._stream_status(self.profile):
            return False  # the status line at the top comes or goes: build the form anew
        self.profile = session.profile
        self.initial = values_from_profile(session.profile)
        for spec in FIELDS:
            control = self.query_one(f"#in-{field_id(spec.key)}")
            value = self.initial[spec.key]
            if isinstance(control, Input) and control.value != value:
                control.value = value
            elif isinstance(control, Select) and control.value != (value or Select.NULL):
                control.value = value or Select.NULL
        return True

    def on_select_changed(self, event: Select.Changed) -> None:
        """Moving a closed stream's profile to the stream that replaced it: say what is lost."""
        if event.select.id != "in-stream" or self.profile is None:
            return
        old = self.catalog.streams.get(self.profile.stream)
        if old is None or event.value == self.profile.stream:
            return
        state = old.state_on(self.today or ontario_today())
        if state.phase != "closed" or event.value != old.replaced_by:
            return
        new = self.catalog.stream_name(str(event.value))
        # The old EOI's score and date would be refused (an EOI older than the new stream) or
        # compared with the wrong grid: cleared here, they stay in the file until the save.
        for key in ("eoi_score", "eoi_registered"):
            self.query_one(f"#in-{field_id(key)}", Input).value = ""
        self.notify(
            f"Switching to {new}: your {old.name} EOI score and EOI registration date do not "
            f"carry over, so they were cleared (the file keeps them until you save). Register a "
            f"new EOI for {new} and enter its score and date; the Score screen (s) estimates "
            "the new score.",
            severity="warning",
            markup=False,
            timeout=12,
        )

    # ---- reading the form ----------------------------------------------------------------

    def values(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for spec in FIELDS:
            widget = self.query_one(f"#in-{field_id(spec.key)}")
            if isinstance(widget, Select):
                value = widget.value
                out[spec.key] = value if isinstance(value, str) else ""
            elif isinstance(widget, Input):
                out[spec.key] = widget.value.strip()
        return out

    def is_dirty(self) -> bool:
        return self.values() != self.initial

    def unsaved(self) -> bool:
        return self.is_dirty()

    def field_errors(self) -> list[str]:
        errors = []
        for spec in FIELDS:
            form_field = self.query_one(f"#field-{field_id(spec.key)}", FormField)
            control = self.query_one(f"#in-{field_id(spec.key)}")
            if isinstance(control, Input):
                result = control.validate(control.value)
                if result is not None and not result.is_valid:
                    message = " ".join(result.failure_descriptions)
                    form_field.show_error(message)
                    errors.append(f"• {spec.key}: {message}")
        return errors

    # ---- actions -------------------------------------------------------------------------

    def palette_commands(self) -> Iterable[SystemCommand]:
        return [
            SystemCommand("Profile: save", "Write the form to the profile file", self.action_save)
        ]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "editor-save":
            self.action_save()
        elif event.button.id == "editor-back":
            self._leave()

    def action_save(self) -> None:
        errors = self.field_errors()
        if errors:
            self.app.push_screen(
                ErrorScreen("Not saved: fix these fields first", "\n".join(errors))
            )
            return
        try:
            profile = build_profile(self.values(), self.catalog, self.path, self.today)
        except ProblemsError as exc:
            self.app.push_screen(
                ErrorScreen("Not saved: the profile is not valid", problem_lines(exc))
            )
            return
        if self.mode == "read_only":
            target = locations.default_profile_path()
            self.app.push_screen(
                ConfirmScreen(
                    "The example profile is read-only",
                    "The bundled example cannot be changed. Save these values as your own new "
                    f"profile at {target}?",
                    yes="Save as new profile",
                ),
                partial(self._save_as_new, profile, target),
            )
            return
        if self.mode == "new":
            self._save_as_new(profile, self.path, True)
            return
        self._save_existing()

    def _save_existing(self) -> None:
        """Save what the user changed; every other field keeps the value the file has now.

        The file may have changed in another editor since the form opened: read it again and
        put only the fields the user changed on top, so an outside edit to a field the user
        never touched is not undone.
        """
        merged = merge_changes(self.initial, self.values(), current_values(self.path, self.catalog))
        try:
            profile = build_profile(merged, self.catalog, self.path, self.today)
        except ProblemsError as exc:
            self.app.push_screen(
                ErrorScreen(
                    "Not saved: with the file's new values the profile is not valid",
                    problem_lines(exc),
                )
            )
            return
        try:
            save_profile(self.path, profile)
        except OSError as exc:
            self.app.push_screen(ErrorScreen("Not saved", not_saved(self.path, exc)))
            return
        self.initial = self.values()
        self.post_message(
            ProfileSaved(
                self.path, f"Saved {self.path} (previous version kept as {self.path.name}.bak)."
            )
        )

    def _save_as_new(self, profile: Profile, target: Path, confirmed: bool | None) -> None:
        if not confirmed:
            return
        try:
            write_new_profile(target, new_profile_text(profile))
        except ProblemsError as exc:
            self.app.push_screen(ErrorScreen("Not saved", "\n".join(map(str, exc.problems))))
            return
        except OSError as exc:
            self.app.push_screen(ErrorScreen("Not saved", not_saved(target, exc)))
            return
        self.initial = self.values()
        self.post_message(ProfileCreated(target))

    def action_leave(self) -> None:
        self._leave()

    def _leave(self) -> None:
        if self.is_dirty() and not self._leave_again.confirmed():
            self.notify(
                "Unsaved changes: ctrl+s saves them; Escape again leaves without saving.",
                severity="warning",
                timeout=press_again.SECONDS,
            )
            return
        if self.mode == "new":
            self.dismiss(None)
            return
        self.initial = self.values()  # leaving discards: nothing left to protect
        self.post_message(BackRequested())


def _searching_by_title(value: str) -> bool:
    return any(char.isalpha() for char in value)
