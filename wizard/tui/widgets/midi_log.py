"""A scrolling view of MIDI traffic (time, IN/OUT, length, hex) and where the full log is."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, RichLog

from wizard.transport.spy import abbreviate

MAX_LINES = 2000
"""Lines kept on screen; the log file keeps everything."""

NO_FILE = "No MIDI log file is being written."


class Direction(StrEnum):
    """Which way a message went, as the log file writes it."""

    IN = "IN"
    OUT = "OUT"


DIRECTION_STYLES = {Direction.IN: "bold green", Direction.OUT: "bold cyan"}


def traffic_line(direction: Direction, data: bytes, seconds: float) -> Text:
    """One line of the view: seconds, direction, length and hex, long messages abbreviated
    the way the log file does it.

    Args:
        direction: IN (from the M1) or OUT (to it).
        data: The whole message.
        seconds: Seconds since the log started.
    """
    return Text.assemble(
        (f"{seconds:9.3f} ", "dim"),
        (f"{direction.value:<3} ", DIRECTION_STYLES[direction]),
        f"{len(data):6,} ",
        abbreviate(data),
    )


def note_line(text: str, seconds: float) -> Text:
    """A remark between messages (a time-out, a refused send), like the file's `#` lines."""
    return Text.assemble((f"{seconds:9.3f} ", "dim"), (f"# {text}", "italic"))


class MidiLog(Widget):
    """Recent MIDI traffic, newest at the bottom, and the path of the log file.

    `add` and `note` may be called from any thread: they post a message to the widget,
    and the line is written on the UI thread in the order of the calls.

    Args:
        log_path: The file the full log goes to, None when there is none.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    MidiLog {
        height: 1fr;
        min-height: 4;
        border: round $border-blurred;
        border-title-color: $foreground;
    }
    MidiLog > #log-path {
        color: $text-muted;
        width: 1fr;
    }
    MidiLog > RichLog {
        height: 1fr;
        background: $surface;
    }
    """

    class _Line(Message):
        """A line to write, carried to the UI thread."""

        def __init__(self, line: Text) -> None:
            super().__init__()
            self.line = line

    def __init__(
        self,
        log_path: Path | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._log_path = log_path
        self._count = 0
        self.border_title = "MIDI traffic"

    def compose(self) -> ComposeResult:
        """The scrolling lines over the path of the log file."""
        # RichLog's default min_width (78) would add a sideways scrollbar in a side pane.
        yield RichLog(max_lines=MAX_LINES, min_width=20, wrap=True, markup=False, auto_scroll=True)
        yield Label(self._path_text(), id="log-path", markup=False)

    @property
    def log_path(self) -> Path | None:
        """The file the full log goes to."""
        return self._log_path

    @property
    def line_count(self) -> int:
        """Lines written so far (the view keeps the last `MAX_LINES`)."""
        return self._count

    def set_log_path(self, path: Path | None) -> None:
        """Name the log file (UI thread)."""
        self._log_path = path
        self.query_one("#log-path", Label).update(self._path_text())

    def add(self, direction: Direction | str, data: bytes, seconds: float) -> None:
        """Write one message's line; safe from any thread.

        Args:
            direction: IN or OUT (a string is accepted in any case).
            data: The whole message.
            seconds: Seconds since the log started.

        Raises:
            ValueError: `direction` is neither IN nor OUT.
        """
        way = Direction(direction.upper()) if isinstance(direction, str) else direction
        self.post_message(self._Line(traffic_line(way, bytes(data), seconds)))

    def note(self, text: str, seconds: float) -> None:
        """Write a remark (a time-out, a refused send); safe from any thread."""
        self.post_message(self._Line(note_line(text, seconds)))

    def clear(self) -> None:
        """Empty the view (UI thread); the log file is not touched."""
        self.query_one(RichLog).clear()
        self._count = 0

    def on_midi_log__line(self, message: _Line) -> None:
        """Write a posted line."""
        message.stop()
        self.query_one(RichLog).write(message.line)
        self._count += 1

    def _path_text(self) -> str:
        if self._log_path is None:
            return NO_FILE
        return f"Full log (attach it to a bug report): {self._log_path}"
