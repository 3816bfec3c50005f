"""The Textual app: a thin shell over the domain.

How the pieces fit:

- Data goes down. The app owns the one `Session` (state.py: the checked profile and every
  report computed from it). `build_screen(area)` makes the screen of an area from it;
  `show_screen` puts it on top. After a reload a screen may refresh in place instead
  (`AreaScreen.take_session`, used by the editor so a save keeps the focus).
- Requests go up. Screens never import this module: they post a Message from messages.py
  (`ProfileSaved`, `ProfileCreated`, `ExampleChosen`, `CreateRequested`, `BackRequested`,
  `RawProfileSaved`, `RoundsChanged`) and the app handles it with `@on(...)` below.
- Every screen derives from screens/base.py: `AreaScreen` (title bar, body, footer),
  `SessionScreen` (an area over the Session) or `Dialog` (a modal box, Escape cancels).
  Their class attributes are the hooks: `AUTO_FOCUS` (the main widget, focused first),
  `HELP_KEYS` and `HELP_LEGEND` (F1), `palette_commands()` (ctrl+p).
- A new area (e.g. Score, Journey): its SessionScreen in screens/, a name in `Area`, a branch
  in `build_screen`, a key in `BINDINGS` and a line in `AREA_COMMANDS` (the palette).

The first screen paints before anything heavy runs: the data, the profile and the screens that
need pydantic are loaded in a worker thread, then the area screen replaces the loading screen.
Keys pressed meanwhile are kept by the loading screen and replayed once the data is there.
The profile is validated before any screen sees it; screens receive models, never paths.

Started by `oinp` (cli/launch.py), the app may be handed a `Preload` (preload.py): a child
process that computed the dashboard while this one imported Textual. Its view is shown first
(the preview); the full session then loads in the background. Area keys pressed meanwhile
say that the profile is still loading, and the last one asked for opens once it has loaded.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.worker import get_current_worker

from oinp_assistant import locations
from oinp_assistant.tui import messages, press_again
from oinp_assistant.tui.press_again import PressAgain
from oinp_assistant.tui.screens.base import AreaScreen
from oinp_assistant.tui.screens.loading import LoadingScreen

if TYPE_CHECKING:
    from oinp_assistant.catalog import Catalog
    from oinp_assistant.tui.dashboard_view import DashboardView
    from oinp_assistant.tui.preload import Preload
    from oinp_assistant.tui.state import Session

Area = Literal["dashboard", "draws", "chances", "deadlines", "score", "journey", "editor"]
Stamp = tuple[int, int] | None

AREA_COMMANDS: tuple[tuple[str, str, Area], ...] = (
    ("Dashboard: show", "Profile summary, newest verdicts, next deadline", "dashboard"),
    ("Draws: show", "Every round with your verdict", "draws"),
    (
        "Chances: show",
        "How often your stream and occupation were drawn; your score on a chart",
        "chances",
    ),
    ("Deadlines: show", "Your deadlines with days left", "deadlines"),
    (
        "Score: show",
        "Your EOI points factor by factor, the dates it changes, what would raise it",
        "score",
    ),
    ("Journey: show", "Every step from the job offer to IRCC, with its date", "journey"),
    ("Profile: edit", "The profile form", "editor"),
)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class Outcome:
    """What a load found: a session, the problems of the files, or no profile at all."""

    session: Session | None = None
    problems: list[str] = field(default_factory=list)
    missing: bool = False
    problem_files: list[Path] = field(default_factory=list)
    """The files the problems are in, each once (empty: not known, e.g. a bug)."""


APP_CSS = Path(__file__).with_name("app.tcss")
"""The app's stylesheet; absolute, so that subclasses defined elsewhere (tests) find it too."""


class OinpApp(App[int]):
    TITLE = "OINP Assistant"
    # No CSS_PATH: the loading screen needs none of app.tcss (its one rule is its own default
    # CSS), and parsing it before the first paint would delay that paint; `on_ready` adds it.
    BINDINGS = [  # noqa: RUF012 (Textual's own type)
        Binding("d", "show('dashboard')", "Home", id="show_dashboard"),
        Binding("w", "show('draws')", "Draws", id="show_draws"),
        Binding("h", "show('chances')", "Chances", id="show_chances"),
        Binding("l", "show('deadlines')", "Deadlines", id="show_deadlines"),
        Binding("s", "show('score')", "Score", id="show_score"),
        Binding("j", "show('journey')", "Journey", id="show_journey"),
        Binding("e", "show('editor')", "Profile", id="edit_profile"),
        Binding("r", "reload", "Reload", id="reload", show=False),
        Binding("f1", "help", "Help", id="help"),
        # The help key of many terminal programs; in a text field it is typed, as it should.
        Binding("question_mark", "help", "Help", id="help_question", show=False),
        # ctrl+q works even inside a text field, so the footer always shows it; q is the
        # short form wherever no text field has the focus.
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("q", "quit", "Quit", id="quit_q", show=False),
    ]

    def __init__(
        self,
        profile_path: Path,
        today: dt.date,
        *,
        read_only: bool = False,
        catalog: Catalog | None = None,
        poll_interval: float = 1.5,
        clock: Callable[[], dt.datetime] = _utc_now,
        export_dir: Path | None = None,
        preload: Preload | None = None,
    ) -> None:
        super().__init__()
        self.profile_path = profile_path
        self.today = today
        self.read_only = read_only
        self.catalog = catalog
        self.poll_interval = poll_interval
        self.clock = clock
        self.export_dir = export_dir
        self.session: Session | None = None
        self.area: Area = "dashboard"
        # Where Escape from the editor goes back to.
        self.previous_area: Area = "dashboard"
        self.loaded = False
        self.preload = preload
        # The preload's dashboard is on screen and the full session still loading.
        self.previewing = False
        # The area asked for while previewing: opened once the session is there.
        self._pending_area: Area | None = None
        # A "still loading" note is on screen: one at a time, and gone once loaded.
        self._loading_note = False
        # Quitting with unsaved edits warns first; a second ctrl+q soon after quits.
        self._quit_again = PressAgain()
        # The screen on which an area key was answered with why it cannot open: once is enough.
        self._said_why_on: Screen[None] | None = None
        self._stamp: Stamp = None
        if read_only:
            self.sub_title = "example profile, read-only"

    # ---- loading -------------------------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        return LoadingScreen()

    def on_ready(self) -> None:
        if not gc.isenabled():
            # Start-up (cli/launch.py) paused the collector until the first paint. What
            # was built so far lives as long as the app: frozen, no collection scans it again.
            gc.freeze()
            gc.enable()
        # The look of every other screen, before any of them is built.
        self.stylesheet.read(APP_CSS)
        self.stylesheet.parse()
        self.stylesheet.update(self)
        # Ready comes after the first paint: only now start the real work.
        if self.preload is not None:
            self._preview_in_background(self.preload)
        else:
            self._load_in_background()
        self.set_interval(self.poll_interval, self._poll_profile, name="profile-watch")

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _preview_in_background(self, preload: Preload) -> None:
        worker = get_current_worker()
        view = preload.view(cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.call_from_thread(self.call_later, self.show_preview, view)

    async def show_preview(self, view: DashboardView | None) -> None:
        """Show the preload's dashboard (if it sent one), then load the full session."""
        if view is not None and not self.loaded:
            from oinp_assistant.tui.screens.dashboard import DashboardScreen

            self.previewing = True
            await self.show_screen(DashboardScreen(view))
            self._replay_early_keys()
        # After the dashboard's paint: building it and loading share one interpreter lock.
        self.call_after_refresh(self._load_in_background)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load_in_background(self) -> None:
        outcome = self.load_outcome()
        # The screens import pydantic-heavy domain modules: import them off the UI thread too.
        from oinp_assistant.tui.screens import (  # noqa: F401
            chances,
            dashboard,
            deadlines,
            draws,
            journey,
            problems,
            profile_editor,
            score,
            welcome,
        )

        self.call_from_thread(self.call_later, self.apply_outcome, outcome)

    def _file_stamp(self) -> Stamp:
        try:
            st = os.stat(self.profile_path)
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def load_outcome(self) -> Outcome:
        """Load data and profile; problems in any file, or a bug, become the problems shown."""
        try:
            return self._load()
        except Exception as exc:  # a bug must not leave the user on "Loading…" or crash
            return Outcome(problems=[f"unexpected error while loading: {exc!r}"])

    def _load(self) -> Outcome:
        from oinp_assistant.catalog import load_catalog
        from oinp_assistant.problems import ProblemsError
        from oinp_assistant.tui.state import load_session

        self._stamp = self._file_stamp()
        try:
            if self.catalog is None:
                self.catalog = load_catalog()
            if not self.profile_path.exists():
                return Outcome(missing=True)
            return Outcome(
                session=load_session(self.profile_path, self.catalog, self.today, self.read_only)
            )
        except ProblemsError as exc:
            return Outcome(
                problems=[str(p) for p in exc.problems],
                problem_files=list(dict.fromkeys(p.file for p in exc.problems)),
            )

    async def apply_outcome(self, outcome: Outcome, note: str | None = None) -> None:
        """Show what a load found: the current area, the problems, or the welcome screen."""
        from oinp_assistant.tui.screens.problems import ProblemsScreen
        from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen
        from oinp_assistant.tui.screens.welcome import WelcomeScreen

        self.session = outcome.session
        editing = next((s for s in self.screen_stack if isinstance(s, ProfileEditorScreen)), None)
        if editing is not None and editing.is_dirty():
            # Never throw away what the user typed; tell them the file moved under them.
            if note:
                self.notify(
                    f"{note} Your unsaved edits are kept; saving writes the fields you "
                    "changed and keeps the file's new values for the others.",
                    severity="warning",
                    markup=False,
                    timeout=8,
                )
            return
        first_load = not self.loaded
        from_preview = self.previewing
        self.loaded = True
        self.previewing = False
        if self._loading_note:
            # "Still loading" notes were only true until now. Only they can be on screen:
            # nothing else is said while the preview shows. Cleared through the queue, after
            # a note still on its way (posted as a message just before this load ended).
            self._loading_note = False
            self.call_later(self.clear_notifications)
        top = self.screen_stack[-1]
        if from_preview:
            # A dialog opened over the preview (F1, ctrl+p) stays open if the preview stays:
            # the session arriving a moment later must not close it under the user.
            top = next(s for s in reversed(self.screen_stack) if not isinstance(s, ModalScreen))
        if outcome.session is not None:
            if not (isinstance(top, AreaScreen) and top.take_session(outcome.session)):
                await self.show_screen(self.build_screen(self.area))
        elif outcome.missing:
            await self.show_screen(WelcomeScreen(self.profile_path))
        elif isinstance(top, ProblemsScreen) and top.path == self.profile_path:
            # Keep the raw editor (its text, cursor and focus); only the list changes.
            await top.show_problems(outcome.problems, outcome.problem_files)
        else:
            await self.show_screen(
                ProblemsScreen(self.profile_path, outcome.problems, outcome.problem_files)
            )
        if first_load:
            self._replay_early_keys()
            pending, self._pending_area = self._pending_area, None
            if pending is not None and outcome.session is not None:
                await self.action_show(pending)
        if note:
            if outcome.session is not None:
                self.notify(note, markup=False)
            else:
                self.notify(note, severity="warning", markup=False)

    async def _poll_profile(self) -> None:
        if not self.loaded:
            return
        if self._file_stamp() != self._stamp:
            outcome = self.load_outcome()
            if outcome.session is not None:
                note = f"{self.profile_path} changed on disk; reloaded."
            elif outcome.missing:
                note = f"{self.profile_path} is gone."
            else:
                note = f"{self.profile_path} changed on disk and has problems."
            await self.apply_outcome(outcome, note=note)

    async def action_reload(self) -> None:
        if self.previewing:
            self.call_later(self._note_loading, f"Still loading {self.profile_path}.")
            return
        await self.apply_outcome(self.load_outcome(), note=f"Reloaded {self.profile_path}.")

    async def switch_profile(self, path: Path, *, read_only: bool, note: str) -> None:
        """Start using another profile file (after the user created one, or chose the example)."""
        self.profile_path = path
        self.read_only = read_only
        self.sub_title = "example profile, read-only" if read_only else ""
        self.area = "dashboard"
        await self.apply_outcome(self.load_outcome(), note=note)

    def _note_loading(self, text: str) -> None:
        """Say the profile is still loading, in place of the last such note: three area keys
        would otherwise stack three notes over half of an 80x24 screen. Called through
        `call_later`, so that the previous note (posted as a message) is shown before it is
        cleared."""
        if self.loaded:
            return  # loaded meanwhile: the note would be wrong
        if self._loading_note:
            self.clear_notifications()
        self._loading_note = True
        self.notify(text, markup=False)

    def _replay_early_keys(self) -> None:
        """Keys pressed on the loading screen, in order, now that they can do something."""
        loading = self.screen_stack[0]
        if isinstance(loading, LoadingScreen):
            for key, character in loading.take_keys():
                self.post_message(events.Key(key, character))

    # ---- what screens ask for (messages.py) ----------------------------------------------

    @on(messages.ProfileSaved)
    async def _saved(self, message: messages.ProfileSaved) -> None:
        # The app itself wrote the file: the watcher must not report it as an outside change.
        self._stamp = self._file_stamp()
        await self.apply_outcome(self.load_outcome(), note=message.note)

    @on(messages.RawProfileSaved)
    async def _raw_saved(self, message: messages.RawProfileSaved) -> None:
        self._stamp = self._file_stamp()
        outcome = self.load_outcome()
        if outcome.session is not None:
            note = f"Saved {message.path}; its problems are fixed."
        else:
            note = f"Saved {message.path}; problems remain, listed on the left."
        await self.apply_outcome(outcome, note=note)

    @on(messages.ProfileCreated)
    async def _created(self, message: messages.ProfileCreated) -> None:
        await self.switch_profile(message.path, read_only=False, note=f"Created {message.path}.")

    @on(messages.ExampleChosen)
    async def _example_chosen(self) -> None:
        await self.switch_profile(
            locations.example_profile_path(),
            read_only=True,
            note="Opened the example profile, read-only.",
        )

    @on(messages.CreateRequested)
    def _create_requested(self) -> None:
        from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen

        if self.catalog is None:
            return
        self.push_screen(
            ProfileEditorScreen(self.catalog, None, self.profile_path, mode="new", today=self.today)
        )

    @on(messages.RoundsChanged)
    async def _rounds_changed(self, message: messages.RoundsChanged) -> None:
        from oinp_assistant.tui.screens.draws import DrawsScreen

        self.catalog = None  # read the record again, with the user's rounds as they are now
        self.area = "draws"
        await self.apply_outcome(self.load_outcome(), note=message.note)
        if message.select and isinstance(self.screen, DrawsScreen):
            self.screen.select_round(message.select)

    @on(messages.BackRequested)
    async def _back(self) -> None:
        area = self.previous_area if self.previous_area != self.area else "dashboard"
        await self.action_show(area)

    # ---- screens -------------------------------------------------------------------------

    def build_screen(self, area: Area) -> Screen[None]:
        session = self.session
        assert session is not None
        if area == "draws":
            from oinp_assistant.tui.screens.draws import DrawsScreen

            return DrawsScreen(session)
        if area == "chances":
            from oinp_assistant.tui.screens.chances import ChancesScreen

            return ChancesScreen(session)
        if area == "deadlines":
            from oinp_assistant.tui.screens.deadlines import DeadlinesScreen

            return DeadlinesScreen(session)
        if area == "score":
            from oinp_assistant.tui.screens.score import ScoreScreen

            return ScoreScreen(session)
        if area == "journey":
            from oinp_assistant.tui.screens.journey import JourneyScreen

            return JourneyScreen(session)
        if area == "editor":
            from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen

            return ProfileEditorScreen(
                session.catalog,
                session.profile,
                session.profile_path,
                mode="read_only" if session.read_only else "edit",
                today=session.today,
            )
        from oinp_assistant.tui.dashboard_text import dashboard_view
        from oinp_assistant.tui.screens.dashboard import DashboardScreen

        return DashboardScreen(dashboard_view(session))

    async def show_screen(self, screen: Screen[None]) -> None:
        """Replace whatever is shown (dialogs included) with `screen`.

        The loading screen stays at the bottom of the stack: Textual cannot switch away from
        the first screen, so every area screen sits on top of it.
        """
        while len(self.screen_stack) > 2:
            await self.pop_screen()
        if len(self.screen_stack) == 2:
            await self.switch_screen(screen)
        else:
            await self.push_screen(screen)

    async def action_show(self, area: Area) -> None:
        if self.previewing:
            if area != self.area:
                self._pending_area = area
                title = next(t for t, _, a in AREA_COMMANDS if a == area).split(":")[0]
                self.call_later(
                    self._note_loading,
                    f"Still loading: {title} opens as soon as your profile is loaded.",
                )
            return
        if self.session is None:
            self.notify("Load a profile first.", severity="warning")
            return
        if area != self.area:
            self.previous_area = self.area
        self.area = area
        await self.show_screen(self.build_screen(area))

    def on_key(self, event: events.Key) -> None:
        """An area key that cannot open anything (no profile yet, or one with problems) says
        why, once per screen, instead of doing nothing. A key that reaches the app here was
        handled by no binding and typed into no field."""
        if self.session is not None or self.previewing or not self.loaded:
            return
        screen = self.screen
        if event.key not in AREA_KEYS or screen is self._said_why_on:
            return
        from oinp_assistant.tui.screens.problems import ProblemsScreen
        from oinp_assistant.tui.screens.welcome import WelcomeScreen

        if isinstance(screen, WelcomeScreen):
            why = (
                "No profile yet: press c to create one, or o to open the example; "
                "then every area opens."
            )
        elif isinstance(screen, ProblemsScreen):
            why = "The areas open once your files have no problems: fix the ones listed first."
        else:
            return
        self._said_why_on = screen
        self.notify(why, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("export_calendar", "write_handoff"):
            return self.session is not None
        if action == "show":
            if self.session is None and not self.previewing:
                return False
            # The key of the area on screen has nothing to do: leave its room in the footer,
            # also in the dimmed footer under a dialog (an 80-column footer has no room to spare).
            on_screen = all(isinstance(s, ModalScreen) for s in self.screen_stack[2:])
            return not (parameters and parameters[0] == self.area and on_screen)
        return True

    async def action_quit(self) -> None:
        """Quit; where a screen holds unsaved edits (the form, the raw editor), warn first,
        as Escape in the form does: a second quit leaves without saving."""
        unsaved = any(isinstance(s, AreaScreen) and s.unsaved() for s in self.screen_stack)
        if unsaved and not self._quit_again.confirmed():
            self.notify(
                "Unsaved changes: ctrl+s saves them; ctrl+q again quits without saving.",
                severity="warning",
                timeout=press_again.SECONDS,
            )
            return
        self.exit()

    # ---- help, palette, export -----------------------------------------------------------

    def action_help(self) -> None:
        from oinp_assistant.tui.screens.help import HelpScreen, rows_from_bindings

        screen = self.screen
        extra = screen.HELP_KEYS if isinstance(screen, AreaScreen) else ()
        legend = screen.HELP_LEGEND if isinstance(screen, AreaScreen) else ""
        self.push_screen(
            HelpScreen(rows_from_bindings(self, screen.active_bindings, extra), legend)
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Help: show keys", "Every key that works here, from the live bindings", self.action_help
        )
        yield SystemCommand(
            "Profile: reload from disk", "Read the profile file again", self.action_reload
        )
        if self.session is None:
            return
        for title, help_text, area in AREA_COMMANDS:
            yield SystemCommand(title, help_text, partial(self.action_show, area))
        yield SystemCommand(
            "Deadlines: export calendar",
            "Write the deadlines to an .ics file for your calendar app",
            self.action_export_calendar,
        )
        yield SystemCommand(
            "Journey: write the employer's sheet",
            "A one-page .md or .html sheet: the employer's date, what to file where",
            self.action_write_handoff,
        )
        if isinstance(screen, AreaScreen):
            yield from screen.palette_commands()

    def action_export_calendar(self) -> None:
        from oinp_assistant.tui.screens.export_dialog import DEFAULT_NAME, ExportDialog

        if self.session is None:
            return
        folder = self.export_dir or Path.cwd()
        self.push_screen(ExportDialog(str(folder / DEFAULT_NAME)), self._export_to)

    def _export_to(self, target: str | None) -> None:
        if not target or self.session is None:
            return
        from oinp_assistant.tui.export import export_calendar

        path = Path(target).expanduser()
        if not path.is_absolute():
            path = (self.export_dir or Path.cwd()) / path
        outcome = export_calendar(self.session, path, self.clock())
        if outcome.path is None:
            from oinp_assistant.tui.screens.error import ErrorScreen

            self.push_screen(ErrorScreen("Calendar not written", outcome.error or ""))
            return
        message = (
            f"Calendar written: {outcome.path} "
            f"({outcome.events} event{'s' if outcome.events != 1 else ''})."
        )
        if outcome.hypothetical_left_out:
            message += " Hypothetical submission deadlines were left out."
        if outcome.key_saved_to is not None:
            self._stamp = self._file_stamp()  # the app added calendar_key: not an outside change
            message += (
                f" Added calendar_key to {outcome.key_saved_to.name}: keep it, later exports "
                "update these events through it."
            )
        self.notify(message, title="Export", markup=False)

    def action_write_handoff(self) -> None:
        from oinp_assistant.tui.screens.handoff_dialog import DEFAULT_NAME, HandoffDialog

        if self.session is None:
            return
        folder = self.export_dir or Path.cwd()
        self.push_screen(HandoffDialog(str(folder / DEFAULT_NAME)), self._handoff_to)

    def _handoff_to(self, target: str | None) -> None:
        if not target or self.session is None:
            return
        from oinp_assistant.problems import OinpError
        from oinp_assistant.tui.export import write_handoff

        path = Path(target).expanduser()
        if not path.is_absolute():
            path = (self.export_dir or Path.cwd()) / path
        try:
            written = write_handoff(self.session, path)
        except OinpError as exc:
            from oinp_assistant.tui.screens.error import ErrorScreen

            self.push_screen(ErrorScreen("Employer sheet not written", str(exc)))
            return
        self.notify(
            f"Employer sheet written: {written} (readable by you only). Send it to the person "
            "who files in the Employer Portal.",
            title="Employer sheet",
            markup=False,
        )


AREA_KEYS = frozenset(
    b.key for b in OinpApp.BINDINGS if isinstance(b, Binding) and b.action.startswith("show(")
)
"""The keys that open an area (d, w, h, l, s, j, e)."""


NO_TERMINAL = (
    "oinp: the assistant's screens need a terminal, and {which} not one (a pipe, a file, "
    "/dev/null or closed){why}. For text, use a command instead: `oinp check`, "
    "`oinp deadlines` or `oinp chances`; `oinp --help` lists them all."
)
DRAWN_ON_STDERR = "; the screens are drawn on stderr: start the app without redirecting it (2>)"


def _is_terminal(stream: TextIO | None) -> bool:
    return stream is not None and stream.isatty()


def terminal_problem() -> str | None:
    """Why the full-screen app cannot run here, or None. Without a terminal Textual would
    wait forever for keys that never come (`oinp --example </dev/null`); it draws on stderr,
    so with stderr in a file the screen stayed blank (`oinp 2>log`)."""
    streams = (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
    missing = [name for name, stream in streams if not _is_terminal(stream)]
    if not missing:
        return None
    which = ", ".join(missing[:-1]) + (" and " if len(missing) > 1 else "") + missing[-1]
    which += " are" if len(missing) > 1 else " is"
    why = DRAWN_ON_STDERR if "stderr" in missing else ""
    return NO_TERMINAL.format(which=which, why=why)


def run_app(
    profile_path: Path, today: dt.date, example: bool, preload: Preload | None = None
) -> int:
    """Entry point for `oinp`: run the app until the user quits; returns the exit status
    (2 when there is no terminal to run it in). `preload`, if given, is computing the
    dashboard of the same profile and day; it is stopped and reaped however the app ends."""
    try:
        problem = terminal_problem()
        if problem is not None:
            # Where the user will read it: on the terminal, if stdout is one and stderr not.
            on_terminal = _is_terminal(sys.stdout) and not _is_terminal(sys.stderr)
            shown = sys.stdout if on_terminal else sys.stderr
            if shown is not None:
                print(problem, file=shown)
            return 2
        # The path is the chosen example's when `example` is set (the CLI resolved it).
        app = OinpApp(profile_path, today, read_only=example, preload=preload)
        app.run()
        return app.return_code or 0
    finally:
        if preload is not None:
            preload.cancel()
