"""The one-line header: "OINP Assistant — <screen>", plus the read-only flag when it applies.

Textual's own Header raises NoMatches when its screen is removed (Textual 8.2), and this app
replaces screens on every switch and reload; a static line needs no watchers.
"""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 1fr;
        height: 1;
        content-align: center middle;
        background: $panel;
        color: $foreground;
        text-style: bold;
    }
    """

    def __init__(self) -> None:
        super().__init__("", markup=False)

    def on_mount(self) -> None:
        parts = [self.app.title]
        if self.screen.sub_title:
            parts.append(self.screen.sub_title)
        if self.app.sub_title:
            parts.append(self.app.sub_title)
        self.update(" — ".join(parts))
