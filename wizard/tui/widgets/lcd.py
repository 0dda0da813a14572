"""The M1's 2 x 40-character display, drawn as an LCD, for what it should read or reads now."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

LCD_COLUMNS = 40
LCD_ROWS = 2


class LcdMode(Enum):
    """Which display the widget stands for; the caption says it in words."""

    EXPECTED = "The M1's display should read:"
    LIVE = "The (emulated) M1 shows now:"


def lcd_text(lines: Iterable[str]) -> tuple[str, str]:
    """Lines as the display shows them: two lines of exactly 40 characters.

    Shorter lines are padded with spaces, longer ones cut at 40; missing lines are blank
    and lines past the second are dropped. Tabs and other control characters become
    spaces, so a stray one cannot shift the rest of the line.
    """
    cleaned = [
        "".join(" " if not char.isprintable() else char for char in line)
        for line in list(lines)[:LCD_ROWS]
    ]
    cleaned += [""] * (LCD_ROWS - len(cleaned))
    first, second = (line[:LCD_COLUMNS].ljust(LCD_COLUMNS) for line in cleaned)
    return first, second


class Lcd(Widget):
    """Two lines of 40 characters, dark on a yellow-green backlight in every theme.

    The colours are the display's own, not the theme's, so it reads the same in light and
    dark themes and looks like the thing on the synth. In EXPECTED mode the frame is
    dashed, so it is not taken for what the M1 shows now.

    Args:
        lines: The text to show (see `lcd_text` for padding and cutting).
        mode: Whether this is the display as it should read or as it reads now.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    Lcd {
        width: 44;
        height: 4;
        padding: 0 1;
        background: #a8bd3e;
        color: #1a2410;
        border: solid #3a4a1a;
        border-title-color: #1a2410;
        border-title-background: #a8bd3e;
        border-title-style: bold;
    }
    Lcd.-expected {
        border: dashed #3a4a1a;
    }
    """

    mode: reactive[LcdMode] = reactive(LcdMode.EXPECTED)
    """Expected (what the display should read) or live (what the emulated M1 shows)."""

    lines: reactive[tuple[str, str]] = reactive(("", ""))
    """The two lines, already 40 characters each."""

    def __init__(
        self,
        lines: Iterable[str] = (),
        mode: LcdMode = LcdMode.EXPECTED,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.set_reactive(Lcd.lines, lcd_text(lines))
        self.set_reactive(Lcd.mode, mode)

    def on_mount(self) -> None:
        """Caption and frame for the starting mode."""
        self.watch_mode(self.mode)

    def show(self, lines: Iterable[str], mode: LcdMode | None = None) -> None:
        """Show `lines`, optionally switching between expected and live at the same time."""
        if mode is not None:
            self.mode = mode
        self.lines = lcd_text(lines)

    def watch_mode(self, mode: LcdMode) -> None:
        """Caption and frame follow the mode."""
        self.border_title = mode.value
        self.set_class(mode is LcdMode.EXPECTED, "-expected")

    def render(self) -> Content:
        """The two lines, as plain text (the M1 text may hold brackets)."""
        return Content("\n".join(self.lines))
