"""The help screen (`?`): how the wizard works, the keys, and what to do when stuck."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown

HELP = """\
## How the wizard works

Pick a procedure on the home screen and follow it step by step. Each step says what to do
and shows what the M1's display should read. Every step is written to this M1's journal:
quit at any time (**q**) and open the procedure again later, it goes on where you stopped.

## The M1 front panel on the screen

The drawn panel lights the **next key** to press. With a real M1, press that key on the
M1, then click it on the screen (or type it) so the wizard moves on. In the demo the
drawn panel *is* the emulated M1's panel: what you press happens there, and the display
shows what the emulated M1 really shows.

| on the panel | type |
| --- | --- |
| COMBI ... CARD (top row) | F1 ... F8 |
| 0 - 9 | 0 - 9 |
| A - H (under the display) | a - h |
| PAGE - and + | - and + |
| VALUE UP / DOWN | arrow up / down |
| REC, START/STOP | r, space |

## Keys

| key | does |
| --- | --- |
| Enter | the highlighted answer (the main one is first) |
| Tab | moves between the panel and the answers |
| q | stop the procedure here (it resumes later); on the home screen: quit |
| m | show or hide the MIDI traffic and the log file's name |
| l | this M1's maintenance log |
| t | light or dark colours |
| ? | this help |

## When something fails

Each problem is shown in one sentence with what to do next, and usually **Retry**,
**Skip** (only where skipping is safe) and **Abort**. If the M1 does not answer at all:
check that the interface's MIDI OUT goes to the M1's MIDI IN and the M1's MIDI OUT back
to the interface's MIDI IN, and that MIDI is enabled on the M1 (GLOBAL, 5, +, UP, D, UP,
F, UP, H, UP). For a bug report, attach the MIDI log file named under **m**.
"""


class HelpScreen(ModalScreen[None]):
    """The help text in a scrolling dialog; Escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        """Text and a Close button."""
        with Vertical(classes="dialog -wide") as dialog:
            dialog.border_title = "Help"
            with VerticalScroll(classes="dialog-scroll"):
                yield Markdown(HELP)
            yield Button("Close", variant="primary", id="help-close")

    def on_mount(self) -> None:
        """Focus Close, so Enter closes."""
        self.query_one("#help-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
