"""The question asked before anything overwrites the M1's memory: exactly what is replaced,
with what, and what makes it safe (the verified backup, or the confirmed empty memory)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static


def overwrite_text(what: str, backup_info: str) -> Content:
    """The body of the question: what is overwritten, then what makes it safe."""
    return (
        Content.styled("This overwrites in the M1: ", "bold")
        + Content(f"{what}.")
        + Content("\n\n")
        + Content.styled("What makes it safe: ", "bold")
        + Content(backup_info)
        + Content("\n\n")
        + Content("Once sending starts, keep the M1 switched on until the screen says it is safe.")
    )


class OverwriteScreen(ModalScreen[bool]):
    """Yes (overwrite now) or no; Escape is no. "Not now" has the focus, so Enter alone
    never overwrites anything.

    Args:
        what: Exactly what is overwritten, and with what.
        backup_info: What makes it safe.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "decline", "Not now")]

    def __init__(self, what: str, backup_info: str) -> None:
        super().__init__(id="overwrite")
        self._what = what
        self._backup_info = backup_info

    def compose(self) -> ComposeResult:
        """The warning and the two answers."""
        with Vertical(classes="dialog -danger") as dialog:
            dialog.border_title = "This cannot be undone"
            yield Static(overwrite_text(self._what, self._backup_info), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Overwrite the M1's memory now", variant="error", id="overwrite-yes")
                yield Button("Not now", id="overwrite-no")

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
