"""The one-line bar on top of every screen: what the screen is about, and a DEMO badge when
the wizard talks to the built-in emulated M1 rather than a real one."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

DEMO_BADGE = " DEMO · emulated M1 "


class TitleBar(Horizontal):
    """Title on the left, the DEMO badge on the right (only in the demo).

    Args:
        title: What the screen is about.
        demo: Show the DEMO badge.
    """

    def __init__(self, title: str, demo: bool) -> None:
        super().__init__(classes="title-bar")
        self._title = title
        self._demo = demo

    def compose(self) -> ComposeResult:
        """The two parts."""
        yield Static(self._title, id="title-text", markup=False)
        if self._demo:
            yield Static(DEMO_BADGE, id="demo-badge", markup=False)

    def set_title(self, title: str) -> None:
        """Change the title."""
        self._title = title
        self.query_one("#title-text", Static).update(title)
