"""The unit's maintenance log (`l`): what was done to this M1 and when the next check is due."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wizard.errors import WizardError
from wizard.operations.maintenance import read_log
from wizard.operations.unit import UnitFolder

EMPTY = (
    "Nothing is logged for this M1 yet. Completing a battery replacement, a backup or a "
    "sound restore adds a line here, with the date the next check is due."
)


def log_lines(unit: UnitFolder) -> list[str]:
    """The log's lines, newest last; one line saying why when it cannot be read."""
    try:
        entries = read_log(unit.maintenance)
    except WizardError as error:
        return [str(error)]
    return [entry.line() for entry in entries] or [EMPTY]


class MaintenanceScreen(ModalScreen[None]):
    """The log of one unit, read when the screen opens.

    Args:
        unit: The unit's files.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("l", "close", "Close", show=False),
    ]

    def __init__(self, unit: UnitFolder) -> None:
        super().__init__(id="maintenance")
        self._unit = unit

    def compose(self) -> ComposeResult:
        """Where the files are, the lines, and Close."""
        with Vertical(classes="dialog -wide") as dialog:
            dialog.border_title = f"Maintenance log of {self._unit.unit}"
            with VerticalScroll(classes="dialog-scroll"):
                for line in log_lines(self._unit):
                    yield Static(line, classes="log-line", markup=False)
            yield Static(f"This M1's files: {self._unit.folder}", classes="muted", markup=False)
            yield Button("Close", variant="primary", id="maintenance-close")

    def on_mount(self) -> None:
        """Focus Close."""
        self.query_one("#maintenance-close", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Close."""
        self.dismiss(None)
