"""What screens ask of the app: Textual Messages that bubble from a screen up to `OinpApp`.

Screens never import the app. A screen that needs the app to act (load another profile, go
back, reload after a save) posts one of these; the app handles it with `@on(...)` and sends
the new Session down by building or refreshing screens. Everything here is plain data.
"""

from __future__ import annotations

from pathlib import Path

from textual.message import Message


class ProfileSaved(Message):
    """The editor wrote the profile file it was opened on; `note` tells the user so."""

    def __init__(self, path: Path, note: str) -> None:
        super().__init__()
        self.path = path
        self.note = note


class ProfileCreated(Message):
    """A new profile file now exists at `path`: the app should start using it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class RawProfileSaved(Message):
    """The problems screen's raw editor wrote `path`: check it again."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class CreateRequested(Message):
    """The welcome screen: open the form for a new profile at the app's profile path."""


class ExampleChosen(Message):
    """The welcome screen: look around with the bundled example, read-only."""


class RoundsChanged(Message):
    """A round was added to or removed from the user's draws: load the record again.

    `note` tells the user what happened; `select` is a round to put the cursor on.
    """

    def __init__(self, note: str, select: str | None = None) -> None:
        super().__init__()
        self.note = note
        self.select = select


class BackRequested(Message):
    """Leave the current area for the one shown before it (Escape in the editor)."""
