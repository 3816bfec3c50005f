"""A labelled form field that explains itself and shows its validation error right under it."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Static


class FormField(Vertical):
    """Label, help text, the input widget, and the field's error (empty when valid)."""

    DEFAULT_CSS = """
    FormField {
        height: auto;
        margin: 0 0 1 0;
    }
    FormField > .field-label {
        text-style: bold;
    }
    FormField > .field-help {
        color: $text-muted;
    }
    FormField > .field-error {
        color: $text-error;
        display: none;
    }
    FormField.-invalid > .field-error {
        display: block;
    }
    """

    def __init__(
        self,
        label: str,
        help_text: str,
        control: Widget,
        *,
        field_id: str,
        quiet: Callable[[str], bool] | None = None,
    ) -> None:
        """`quiet(value)` True: the user is still typing something that is not an answer yet
        (a title search in the NOC field); no error is shown until it is, or until Save."""
        super().__init__(id=f"field-{field_id}")
        self.label = label
        self.help_text = help_text
        self.control = control
        self.quiet = quiet

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        if self.help_text:
            yield Static(self.help_text, classes="field-help", markup=False)
        yield self.control
        yield Static("", classes="field-error", markup=False)

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(f"✘ {message}" if message else "")

    @property
    def error(self) -> str:
        if not self.has_class("-invalid"):
            return ""
        return str(self.query_one(".field-error", Static).render()).removeprefix("✘ ")

    def on_input_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        if result is None:
            return
        if self.quiet is not None and self.quiet(event.value):
            # The Input marked itself invalid (red) while validating: not yet.
            event.input.remove_class("-invalid")
            self.show_error(None)
            return
        self.show_error(None if result.is_valid else " ".join(result.failure_descriptions))


class ProblemCheck(Validator):
    """A Textual validator around a `problem(value) -> message | None` function, so a field
    says the same words the domain's checks say."""

    def __init__(self, problem: Callable[[str], str | None]) -> None:
        super().__init__()
        self.problem = problem

    def validate(self, value: str) -> ValidationResult:
        message = self.problem(value)
        return self.success() if message is None else self.failure(message)
