"""The M1 on the step screen: its display (what it shows now in the demo, what it should read
with a real M1) beside a note on whether it matches, and the drawn front panel. In the demo
the panel is the emulated M1's own: every press goes to it and the display follows."""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from wizard.demo.panel import display_matches, display_of
from wizard.errors import TransportError
from wizard.m1.panel_keys import Press
from wizard.transport.link import EmulatorLink
from wizard.tui.widgets.front_panel import FrontPanel
from wizard.tui.widgets.lcd import Lcd, LcdMode

REFRESH_SECONDS = 0.5
"""How often the demo's display is read again (the emulated M1 changes it by itself too)."""
SHOWN_EARLY = "✓ The display already shows what it should: Continue, no more keys needed."


class M1View(Vertical):
    """Display row over the panel.

    Args:
        link: The emulated M1 (the demo); None for a real M1, whose panel is only a guide.
    """

    def __init__(self, link: EmulatorLink | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._link = link
        self._expected: tuple[str, ...] = ()

    @property
    def live(self) -> bool:
        """True when this is the emulated M1 (the demo)."""
        return self._link is not None

    @property
    def panel(self) -> FrontPanel:
        """The drawn front panel."""
        return self.query_one(FrontPanel)

    def compose(self) -> ComposeResult:
        """The display with its note, then the panel."""
        with Horizontal(id="display-row"):
            yield Lcd(mode=LcdMode.LIVE if self.live else LcdMode.EXPECTED)
            yield Static("", id="display-note")
        yield FrontPanel(id="panel")

    def on_mount(self) -> None:
        """Show the live display and keep it up to date (demo)."""
        self.query_one("#display-note").display = False
        if self.live:
            self.refresh_display()
            self.set_interval(REFRESH_SECONDS, self.refresh_display)

    def lines(self) -> tuple[str, str]:
        """What the emulated M1 shows now (blank for a real M1)."""
        if self._link is None:
            return ("", "")
        return display_of(self._link)

    def refresh_display(self) -> None:
        """Read the emulated display again."""
        if self.live:
            self.query_one(Lcd).show(self.lines(), LcdMode.LIVE)

    def show(self, *, display: bool, panel: bool) -> None:
        """Show or hide the display row and the panel."""
        self.query_one("#display-row").display = display
        self.panel.display = panel
        self.display = display or panel

    def guide(self, keys: Iterable[Press], expected: tuple[str, ...] = ()) -> None:
        """Light a key sequence and say what the display should read after it.

        A real M1's display cannot be seen, so the LCD then shows what it should read.
        """
        self._expected = expected
        self.panel.show_sequence(keys)
        if not self.live:
            self.query_one(Lcd).show(expected, LcdMode.EXPECTED)
        self.show_match(done=False)

    def show_match(self, done: bool) -> None:
        """The note beside the display: what it should read, and (in the demo, once the keys
        are pressed) whether it does."""
        note = self.query_one("#display-note", Static)
        expected = self._expected
        note.display = bool(expected) and self.live
        if not note.display:
            return
        wanted = " / ".join(expected)
        if not done:
            lines = Content("\n").join(Content(line) for line in expected)
            note.update(Content.styled("Should then read:\n", "$text-muted") + lines)
        elif display_matches(expected, self.lines()):
            note.update(Content.styled("✓ The display shows what it should.", "$text-success"))
        else:
            note.update(
                Content.styled("✗ It should read: ", "$text-error")
                + Content(f"{wanted}. Press keys to get there, or start the keys again.")
            )

    def display_matches(self) -> bool:
        """Demo: the display shows what the keys step wants (False with nothing to want)."""
        return bool(self._expected) and self.live and display_matches(self._expected, self.lines())

    def show_shown_early(self) -> None:
        """Demo: the display already shows what it should, with keys of the sequence left."""
        note = self.query_one("#display-note", Static)
        note.display = True
        note.update(Content.styled(SHOWN_EARLY, "$text-success"))

    def on_front_panel_key_pressed(self, message: FrontPanel.KeyPressed) -> None:
        """Demo: the press goes to the emulated M1 (the message goes on to the screen).
        A key typed while the panel is scrolled out of view brings it into view."""
        self.panel.scroll_visible(animate=False)
        if self._link is None:
            return
        try:
            self._link.press(message.key.value)
        except TransportError:
            return
        self.refresh_display()
