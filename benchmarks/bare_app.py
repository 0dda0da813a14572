"""The yardstick for the wizard's start-up: a bare Textual app (a Header, one line of text, a
Footer), started as a script by `bench_tui` on the same pseudo-terminal as `m1-wizard --demo`.

Its one line carries the same marker the benchmark waits for on the wizard's home screen, so
both are timed until the same kind of text has been painted. Ctrl+Q quits it, as it does the
wizard.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

LINE = "REPAIR: the one line of a bare Textual app"
"""Contains `bench_tui.HOME_MARKER`; the wizard shows the same word as its first heading."""


class BareApp(App[None]):
    """Header, one Static line, Footer: the least a Textual first screen can be."""

    TITLE = "bare"

    def compose(self) -> ComposeResult:
        """The three widgets."""
        yield Header()
        yield Static(LINE)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
