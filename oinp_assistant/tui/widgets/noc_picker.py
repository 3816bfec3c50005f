"""An NOC code field that searches titles and codes as you type; pick a match to fill the code."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.validation import Validator
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

Search = Callable[[str], list[tuple[str, str, str]]]
"""query -> [(code, title, what matched)]"""
TitleOf = Callable[[str], str | None]


class NocPicker(Vertical):
    DEFAULT_CSS = """
    NocPicker {
        height: auto;
    }
    NocPicker > #noc-title {
        color: $text-success;
    }
    NocPicker > OptionList {
        height: auto;
        max-height: 8;
        display: none;
    }
    NocPicker.-searching > OptionList {
        display: block;
    }
    """
    BINDINGS = [  # noqa: RUF012
        Binding("down", "focus_matches", "Matches", id="noc_matches", show=False),
    ]

    def __init__(
        self,
        value: str,
        *,
        search: Search,
        title_of: TitleOf,
        validators: list[Validator],
        input_id: str,
    ) -> None:
        super().__init__(id="noc-picker")
        self.search = search
        self.title_of = title_of
        self.input = Input(
            value,
            id=input_id,
            placeholder="e.g. 21231 or software engineer",
            validators=validators,
        )

    def compose(self) -> ComposeResult:
        yield self.input
        yield Static("", id="noc-title", markup=False)
        yield OptionList(id="noc-matches")

    def on_mount(self) -> None:
        self._update(self.input.value)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._update(event.value)

    def _update(self, value: str) -> None:
        value = value.strip()
        title = self.title_of(value) if value.isdigit() and len(value) == 5 else None
        self.query_one("#noc-title", Static).update(f"✔ {title}" if title else "")
        matches = self.query_one("#noc-matches", OptionList)
        matches.clear_options()
        if not value or title:
            self.remove_class("-searching")
            return
        hits = self.search(value)
        if not hits:
            matches.add_option(Option("No occupation matches; try other words.", disabled=True))
        for code, name, matched in hits:
            label = f"{code}  {name}"
            if matched and matched != name and matched != code:
                label += f"  (“{matched}”)"
            matches.add_option(Option(Text(label), id=code))
        self.add_class("-searching")
        # Bring the matches (and the field's error under them) into view as they appear.
        self.call_after_refresh(self.scroll_visible)

    @on(OptionList.OptionSelected, "#noc-matches")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.input.value = event.option.id
            self.input.focus()

    def action_focus_matches(self) -> None:
        if self.has_class("-searching"):
            matches = self.query_one("#noc-matches", OptionList)
            matches.focus()
            if matches.highlighted is None and matches.option_count:
                matches.highlighted = 0
