"""A form screen keeps the focused field whole on screen: its question and help, not just its box.

Textual scrolls a newly focused control into view (a Select as if its closed list were open),
not the label and help above it: at 80x24 that left a field without its question. A screen
mixes this in and names its scrolling form (`FORM_ID`); the first field also shows what is
above it (a banner, an intro).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widget import Widget

from oinp_assistant.tui.widgets.form_field import FormField


def _field_of(widget: Widget) -> FormField | None:
    return next((node for node in widget.ancestors if isinstance(node, FormField)), None)


class FieldsStayWhole(Screen[None]):
    FORM_ID: ClassVar[str]

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        form_field = _field_of(event.widget)
        if form_field is not None:
            self.call_after_refresh(self._show_field, form_field, event.widget)

    def scroll_to_center(self, widget: Widget, animate: bool = True, **kwargs: Any) -> None:
        form_field = _field_of(widget)
        if form_field is None:
            super().scroll_to_center(widget, animate, **kwargs)
            return
        self._show_field(form_field, widget)

    def _show_field(self, form_field: FormField, control: Widget) -> None:
        form = self.query_one(f"#{self.FORM_ID}", VerticalScroll)
        if form_field is self.query(FormField).first():
            form.scroll_home(animate=False, immediate=True)  # what is above the form too
            return
        form.scroll_to_widget(control, animate=False, immediate=True)
        form.scroll_to_widget(form_field.query_one(".field-label"), animate=False, immediate=True)
