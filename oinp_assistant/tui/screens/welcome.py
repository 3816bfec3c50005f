"""First run: no profile yet. Create one through the form, or look around with the example."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Static

from oinp_assistant.tui.widgets.title_bar import TitleBar


class WelcomeScreen(Screen[None]):
    SUB_TITLE = "Welcome"
    BINDINGS = [  # noqa: RUF012
        Binding("c", "create", "Create profile", id="create_profile"),
        Binding("o", "open_example", "Open example", id="open_example"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="welcome"):
            yield Static("Welcome to OINP Assistant", classes="title")
            yield Static(
                "It checks your profile against every OINP round of invitations, counts down "
                "your deadlines and exports them to your calendar. Everything stays on this "
                "computer.",
            )
            yield Static(
                f"No profile was found at {self.path}. You can:",
                markup=False,
            )
            yield Static(
                "• create one now through a form (c), saved to that path, or\n"
                "• open the bundled example profile, read-only, to look around (o).",
            )
            with Horizontal(classes="buttons"):
                yield Button("Create a profile", id="welcome-create", variant="primary")
                yield Button("Open the example", id="welcome-example")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#welcome-create", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "welcome-create":
            self.action_create()
        else:
            self.action_open_example()

    def action_create(self) -> None:
        from oinp_assistant.tui.screens.profile_editor import ProfileEditorScreen

        app = self.app
        catalog = getattr(app, "catalog", None)
        assert catalog is not None
        app.push_screen(
            ProfileEditorScreen(
                catalog, None, self.path, mode="new", today=getattr(app, "today", None)
            )
        )

    def action_open_example(self) -> None:
        from oinp_assistant import locations
        from oinp_assistant.tui.app import OinpApp

        app = self.app
        assert isinstance(app, OinpApp)
        # The app replaces this screen: run it in the app's context, not this screen's.
        app.call_later(
            partial(
                app.switch_profile,
                locations.example_profile_path(),
                read_only=True,
                note="Opened the example profile, read-only.",
            )
        )
