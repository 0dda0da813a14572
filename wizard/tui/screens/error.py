"""A failure the wizard cannot handle inside a step (the unit's folder cannot be written, a
MIDI port vanished, an unexpected fault): what went wrong, what to do next, and where the
MIDI log for a bug report is."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from wizard.device.outcomes import TEST_INTERFACE
from wizard.errors import WizardError

INTERFACE_TEST_TITLE = "Test the MIDI interface (loopback)"
"""The title of procedures/interface-test.yaml, as the home screen lists it."""
TEST_INTERFACE_HERE = f'test it with "{INTERFACE_TEST_TITLE}" on the wizard\'s home screen'
"""The interface test as the wizard says it: a person inside it cannot run a command."""
REPORT_ADVICE = (
    "This is a fault in m1-wizard. Please report it, with the MIDI log, so it can be fixed; "
    "the journal keeps your place, so running the procedure again resumes where it stopped."
)


def in_wizard(advice: str) -> str:
    """Advice as the wizard shows it: the command line's `m1-wizard loopback` becomes the
    wizard's own interface test (the words are the engine's; only the front end knows
    which test the person can reach)."""
    return advice.replace(TEST_INTERFACE, TEST_INTERFACE_HERE)


def error_text(error: BaseException) -> tuple[str, str]:
    """The sentence and next action for any error: a WizardError's own (as the wizard
    says it), and for anything else a plain description with the request to report it."""
    if isinstance(error, WizardError):
        return error.message, in_wizard(error.next_action)
    detail = str(error).strip()
    what = type(error).__name__ + (f": {detail}" if detail else "")
    return f"m1-wizard ran into a problem it did not expect ({what}).", REPORT_ADVICE


class ErrorScreen(ModalScreen[None]):
    """One sentence, the next action, the MIDI log's path, and OK.

    Args:
        message: What went wrong.
        next_action: What to do now.
        log_path: The MIDI log file, None when there is none.
        heading: The dialog's title.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(
        self,
        message: str,
        next_action: str,
        log_path: Path | None = None,
        heading: str = "Something went wrong",
    ) -> None:
        super().__init__(id="error")
        self._message = message
        self._next_action = in_wizard(next_action)
        self._log_path = log_path
        self._heading = heading

    def compose(self) -> ComposeResult:
        """The message, the advice and OK."""
        body = (
            Content.styled(self._message, "bold")
            + Content("\n\n")
            + Content.styled("What to do: ", "bold")
            + Content(self._next_action)
        )
        if self._log_path is not None:
            body += Content("\n\n") + Content.styled(
                f"MIDI log for a bug report: {self._log_path}", "$text-muted"
            )
        with Vertical(classes="dialog -danger") as dialog:
            dialog.border_title = self._heading
            yield Static(body, classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", variant="primary", id="error-ok")

    def on_mount(self) -> None:
        """Focus OK."""
        self.query_one("#error-ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Close."""
        event.stop()
        self.dismiss(None)

    def action_close(self) -> None:
        """Escape closes too."""
        self.dismiss(None)
