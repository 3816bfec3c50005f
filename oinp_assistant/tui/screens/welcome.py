"""First run: no profile yet. Create one through the form, or look around with the example."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Static

from oinp_assistant.tui.messages import CreateRequested, ExampleChosen
from oinp_assistant.tui.screens.base import AreaScreen


class WelcomeScreen(AreaScreen):
    SUB_TITLE = "Welcome"
    AUTO_FOCUS = "#welcome-create"
    BINDINGS = [  # noqa: RUF012
        Binding("c", "create", "Create profile", id="create_profile"),
        Binding("o", "open_example", "Open example", id="open_example"),
    ]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose_body(self) -> ComposeResult:
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

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "welcome-create":
            self.action_create()
        else:
            self.action_open_example()

    def action_create(self) -> None:
        self.post_message(CreateRequested())

    def action_open_example(self) -> None:
        self.post_message(ExampleChosen())
