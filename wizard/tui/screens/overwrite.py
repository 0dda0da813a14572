"""The question asked before anything overwrites the M1's memory: each part it replaces,
with what and from which file, the factory recognition, and what makes it safe; the safe
answer has the focus and the way to the other one is written on the dialog."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wizard.operations import words
from wizard.operations.driver import Overwrite

KEYS_HINT = "Enter or Esc: not now · Tab, then Enter: overwrite now"


def overwrite_text(facts: Overwrite) -> Content:
    """The body of the question: what is replaced, with what, the recognition, why safe."""
    text = Content.styled("This send replaces in the M1's memory:", "bold")
    for part in facts.replaced:
        text += Content(f"\n • {part}")
    text += Content("\n") + Content.styled("With:", "bold")
    for what, name in facts.sent:
        text += Content(f"\n • {what}, from {name}")
    if facts.recognised:
        text += Content("\n") + Content.styled("Recognised: ", "bold") + Content(facts.recognised)
    return (
        text
        + Content("\n")
        + Content.styled("What makes it safe: ", "bold")
        + Content(facts.why_safe)
        + Content("\n")
        + Content(words.OVERWRITE_KEEP_ON)
    )


class OverwriteScreen(ModalScreen[bool]):
    """Yes (overwrite now) or no; Escape is no. "Not now" has the focus, so Enter alone
    never overwrites anything.

    Args:
        facts: What is replaced, with what, and what makes it safe.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "decline", "Not now")]

    def __init__(self, facts: Overwrite) -> None:
        super().__init__(id="overwrite")
        self._facts = facts

    def compose(self) -> ComposeResult:
        """The warning, the two answers and the keys that give them."""
        with VerticalScroll(classes="dialog -danger") as dialog:
            dialog.border_title = "This cannot be undone"
            yield Static(overwrite_text(self._facts), classes="dialog-text", id="overwrite-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Not now", id="overwrite-no")
                yield Button("Overwrite the M1's memory now", variant="error", id="overwrite-yes")
            yield Static(KEYS_HINT, id="overwrite-keys", markup=False)

    def on_mount(self) -> None:
        """Focus the safe answer."""
        self.query_one("#overwrite-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Answer."""
        event.stop()
        self.dismiss(event.button.id == "overwrite-yes")

    def action_decline(self) -> None:
        """Escape: no."""
        self.dismiss(False)
