"""Every problem of the profile (or the data), as `oinp profile validate` words them, beside the
file itself in a raw editor: fix it here with ctrl+s, or in any editor and press r.

The raw editor keeps the app usable when the profile is too broken for the form. Saving goes
through the atomic writer (the previous version is kept as .bak), then the app checks the
file again: a fixed file opens the dashboard, a still broken one updates the list in place.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static, TextArea

from oinp_assistant.atomic import write_atomic
from oinp_assistant.tui.messages import RawProfileSaved
from oinp_assistant.tui.screens.base import AreaScreen

# TOML colours need the tree-sitter extras, which the app does not require: without them the
# raw editor is plain text, still line-numbered.
HIGHLIGHT = importlib.util.find_spec("tree_sitter") is not None


def heading(count: int) -> str:
    return (
        f"{count} problem{'s stop' if count != 1 else ' stops'} the assistant from using your "
        "files:"
    )


def hint(profile: Path, files: Sequence[Path]) -> str:
    """How to fix the problems: in the profile on the right, or, for the other files (the
    user's draws), in the user's own editor; the app watches only the profile."""
    others = [f for f in files if f != profile]
    in_profile = not files or profile in files
    lines = []
    if in_profile:
        lines.append(
            "Fix them in the file on the right and press ctrl+s, or in your own editor "
            "and press r. The assistant also reloads by itself when the file changes."
        )
    if others:
        names = ", ".join(str(f) for f in others)
        which = "that file" if len(others) == 1 else "those files"
        if in_profile:
            lines.append(
                f"For {names}: fix it in your own editor, then press r (the assistant does not "
                f"watch {which})."
            )
        else:
            lines.append(
                f"These problems are in {names}, not in the profile on the right: fix them in "
                f"your own editor, then press r (the assistant does not watch {which})."
            )
    return "\n\n".join(lines)


class ProblemsScreen(AreaScreen):
    SUB_TITLE = "Problems"
    # The list, not the file: r (reload) must not type into the raw editor.
    AUTO_FOCUS = "#problems-scroll"
    BINDINGS = [  # noqa: RUF012
        Binding("ctrl+s", "save_raw", "Save and check", id="save_raw", priority=True),
        # r would type into the raw editor: ctrl+r reloads from there too.
        Binding("r", "app.reload", "Reload", id="reload_problems"),
        Binding("ctrl+r", "app.reload", "Reload", id="reload_problems_ctrl", show=False),
        Binding("escape", "focus_problems", "To the list", id="focus_problems", show=False),
    ]
    HELP_KEYS = (("this screen", "tab", "Move between the problem list and the file"),)

    def __init__(self, path: Path, problems: list[str], files: Sequence[Path] = ()) -> None:
        super().__init__()
        self.path = path
        self.problems = problems
        # The files the problems are in: the hint sends the user to the right one.
        self.files = list(files)
        # The raw editor's text as last read or written: anything else is unsaved.
        self._saved_text = ""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="problems-split"):
            with VerticalScroll(id="problems-scroll"):
                yield from self._problem_widgets()
            with Vertical(id="raw-pane"):
                yield Static(
                    f"{self.path}: ctrl+s saves (a .bak copy is kept) and checks again.",
                    id="raw-title",
                    markup=False,
                )
                yield TextArea(
                    self._file_text(),
                    id="raw-editor",
                    language="toml" if HIGHLIGHT else None,
                    show_line_numbers=True,
                    tab_behavior="focus",
                    soft_wrap=False,
                )

    def _problem_widgets(self) -> list[Static]:
        widgets = [Static(heading(len(self.problems)), classes="title", id="problems-heading")]
        for number, problem in enumerate(self.problems, start=1):
            widgets.append(Static(f"{number}. {problem}", classes="problem", markup=False))
        widgets.append(Static(hint(self.path, self.files), classes="hint", markup=False))
        return widgets

    def _file_text(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError:
            return ""

    def on_mount(self) -> None:
        # As the editor holds it (line ends made its own), not as the file has it.
        self._saved_text = self.query_one("#raw-editor", TextArea).text

    def unsaved(self) -> bool:
        editors = self.query("#raw-editor").results(TextArea)
        return any(editor.text != self._saved_text for editor in editors)

    async def show_problems(self, problems: list[str], files: Sequence[Path] = ()) -> None:
        """The file was checked again and still has problems: list them, keep the editor."""
        self.problems = problems
        self.files = list(files)
        scroll = self.query_one("#problems-scroll", VerticalScroll)
        await scroll.remove_children()
        await scroll.mount_all(self._problem_widgets())

    def action_save_raw(self) -> None:
        text = self.query_one("#raw-editor", TextArea).text
        try:
            write_atomic(self.path, text)
            self._saved_text = text
        except OSError as exc:
            from oinp_assistant.tui.screens.error import ErrorScreen, not_saved

            self.app.push_screen(ErrorScreen("Not saved", not_saved(self.path, exc)))
            return
        self.post_message(RawProfileSaved(self.path))

    def action_focus_problems(self) -> None:
        self.query_one("#problems-scroll", VerticalScroll).focus()
