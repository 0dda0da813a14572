"""The drawn Korg M1 front panel: every key, clickable and typeable, guiding a key sequence.

Rows follow the synth: the mode and bank keys on top, the number keys with PAGE and the
sequencer keys under them, and the cursor keys A-H (which sit under the display) with
the VALUE keys UP and DOWN at the bottom. Under the keys, the sequence being followed is
written out the guide's way (done presses ticked and dimmed, the next one highlighted, the
rest in order), with one line saying which key comes next.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Label, Static

from wizard.m1.panel_keys import CURSOR_KEYS, NUMBER_KEYS, Choice, Key, Press
from wizard.tui.widgets.panel_key import PanelKey, cap_id
from wizard.tui.widgets.panel_shortcuts import LEGEND, SHORTCUTS, TOP_ROW, shortcut_text
from wizard.tui.widgets.sequence_guide import PressOutcome, SequenceGuide, keys_of

ROWS: tuple[tuple[str | Key, ...], ...] = (
    (*TOP_ROW[:6], "BANK", *TOP_ROW[6:]),
    (*NUMBER_KEYS, "PAGE", Key.PAGE_PREVIOUS, Key.PAGE_NEXT, "", Key.REC, Key.START_STOP),
    (*CURSOR_KEYS, "VALUE", Key.UP, Key.DOWN),
)
"""The panel's rows; strings are the small group labels printed on the synth."""

IDLE_HINT = "Click a key or type it (point at a key to see how)."
DONE_HINT = "✓ All keys pressed."


def describe(step: Press) -> str:
    """The next press in words, with how to type it, e.g. "GLOBAL (type F6)"."""
    if isinstance(step, Choice):
        names = " or ".join(k.value for k in step.options)
        typed = " or ".join(shortcut_text(k) for k in step.options)
        return f"{names}, whichever you need (type {typed})"
    return f"{step.value} (type {shortcut_text(step)})"


class FrontPanel(Widget, can_focus=True):
    """The M1's keys, lighting the next key of a sequence and following the presses.

    Clicking a key, or typing its shortcut while the panel has focus, posts
    `FrontPanel.KeyPressed`; when that key was the next one the guide moves on, and
    after the last one it posts `FrontPanel.SequenceDone`. A wrong key only changes the
    hint line. `advance()` moves the guide on without a press here (the person pressed
    the key on a real M1).

    Args:
        steps: The sequence to follow; empty for a panel that only reports presses.
        name: The widget's name.
        id: The widget's id.
        classes: CSS classes.
    """

    DEFAULT_CSS = """
    FrontPanel {
        height: auto;
        width: 1fr;
        max-width: 80;
        border: round $border-blurred;
        border-title-color: $foreground;
        border-subtitle-color: $text-muted;
        padding: 0 1;
    }
    FrontPanel:focus {
        border: round $border;
    }
    FrontPanel > .panel-row {
        height: 1;
        width: auto;
    }
    FrontPanel .group {
        color: $text-muted;
        margin: 0 1 0 1;
    }
    FrontPanel > #sequence {
        margin-top: 1;
        height: auto;
    }
    FrontPanel > #hint {
        height: auto;
        color: $text-muted;
    }
    FrontPanel > #hint.-wrong {
        color: $text-warning;
    }
    FrontPanel > #hint.-done {
        color: $text-success;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(s.name, f"press_key('{s.key.name}')", s.key.value, show=False) for s in SHORTCUTS
    ]

    sequence_done: reactive[bool] = reactive(False)
    """True once every key of the sequence has been pressed."""

    class KeyPressed(Message):
        """A key of the panel was clicked or typed.

        Attributes:
            panel: The panel it happened on.
            key: The M1 key.
            outcome: What it did to the sequence (WRONG for a key other than the next).
        """

        def __init__(self, panel: FrontPanel, key: Key, outcome: PressOutcome) -> None:
            super().__init__()
            self.panel = panel
            self.key = key
            self.outcome = outcome

        @property
        def control(self) -> FrontPanel:
            """The panel that sent the message."""
            return self.panel

    class SequenceDone(Message):
        """The last key of the sequence was pressed."""

        def __init__(self, panel: FrontPanel) -> None:
            super().__init__()
            self.panel = panel

        @property
        def control(self) -> FrontPanel:
            """The panel that sent the message."""
            return self.panel

    def __init__(
        self,
        steps: Iterable[Press] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._guide = SequenceGuide(steps)
        self._wrong: Key | None = None
        self.border_title = "M1 front panel"
        self.border_subtitle = LEGEND

    def compose(self) -> ComposeResult:
        """The rows of keys, then the sequence and the hint line."""
        for row in ROWS:
            with Horizontal(classes="panel-row"):
                for item in row:
                    if isinstance(item, Key):
                        yield PanelKey(item)
                    else:
                        yield Label(item, classes="group")
        yield Static(id="sequence")
        yield Static(id="hint")

    def on_mount(self) -> None:
        """Light the first key."""
        self._show()

    @property
    def steps(self) -> tuple[Press, ...]:
        """The sequence being followed."""
        return self._guide.steps

    @property
    def position(self) -> int:
        """How many presses of the sequence are done."""
        return self._guide.position

    @property
    def expected(self) -> frozenset[Key]:
        """The keys lit now (two or more for a choice), empty when none is."""
        return self._guide.expected()

    def show_sequence(self, steps: Iterable[Press]) -> None:
        """Start following `steps` from the first press (empty: stop guiding)."""
        self._guide = SequenceGuide(steps)
        self._wrong = None
        self.sequence_done = False
        self._show()

    def press(self, key: Key) -> PressOutcome:
        """Do what a click on `key` does: post `KeyPressed` and follow the sequence."""
        outcome = self._guide.press(key)
        self.post_message(self.KeyPressed(self, key, outcome))
        self._after(outcome, key)
        return outcome

    def advance(self, key: Key | None = None) -> bool:
        """Count a press made elsewhere (on the real M1); posts no `KeyPressed`.

        Args:
            key: The key pressed; when given and it is not the next one, only the hint
                changes. None counts the next press as done, whatever it was.

        Returns:
            True when the guide moved on.
        """
        outcome = self._guide.advance() if key is None else self._guide.press(key)
        self._after(outcome, key)
        return outcome in (PressOutcome.ADVANCED, PressOutcome.FINISHED)

    def action_press_key(self, name: str) -> None:
        """Press the key called `name` (a `Key` member name); the shortcuts bind here."""
        self.press(Key[name])

    def on_panel_key_clicked(self, message: PanelKey.Clicked) -> None:
        """A cap was clicked."""
        message.stop()
        self.press(message.key)

    def _after(self, outcome: PressOutcome, key: Key | None) -> None:
        self._wrong = key if outcome is PressOutcome.WRONG else None
        self._show()
        if outcome is PressOutcome.FINISHED:
            self.sequence_done = True
            self.post_message(self.SequenceDone(self))

    def _show(self) -> None:
        if not self.query("#sequence"):
            return  # not composed yet; on_mount shows it
        lit = self.expected
        later = frozenset(key for step in self.steps[self.position + 1 :] for key in keys_of(step))
        for cap in self.query(PanelKey):
            cap.light(next_key=cap.key in lit, later=cap.key in later)
        self.query_one("#sequence", Static).update(self._sequence_line())
        hint = self.query_one("#hint", Static)
        hint.update(self._hint_line())
        hint.set_class(self._wrong is not None, "-wrong")
        hint.set_class(self._guide.finished, "-done")

    def _sequence_line(self) -> Content:
        if not self.steps:
            return Content("")
        # Written the guide's way ("GLOBAL, 5, +"); numbering the presses would read as
        # extra digits next to the number keys.
        count = len(self.steps)
        parts: list[Content] = []
        for index, step in enumerate(self.steps):
            if index < self.position:
                parts.append(Content.styled(f"✓{step}", "$foreground-muted"))
            elif index == self.position:
                parts.append(Content.styled(f" {step} ", "bold reverse $text-accent"))
            else:
                parts.append(Content(str(step)))
        if self._guide.finished:
            heading = Content.styled(f"All {count} keys done: ", "$foreground-muted")
        else:
            heading = Content.styled(f"Key {self.position + 1} of {count}: ", "$foreground-muted")
        return heading + Content(", ").join(parts)

    def _hint_line(self) -> str:
        step = self._guide.next_step
        if self._guide.finished:
            return DONE_HINT
        if step is None:
            return IDLE_HINT
        if self._wrong is not None:
            return f"That was {self._wrong.value}. The next key is {describe(step)}."
        return f"Next: {describe(step)}."


def cap_selector(key: Key) -> str:
    """The CSS selector of a key's cap, for tests and for screens that point at a key."""
    return f"#{cap_id(key)}"
