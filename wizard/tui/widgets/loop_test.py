"""The interface test on the connect screen, offered before a restore: with one MIDI cable
from the interface's OUT to its own IN, a 16 KB test message goes out and back, and the
result is said in plain words (cheap USB MIDI cables damage long messages, the commonest
cause of a failed restore)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from wizard.engine.checks.interface import loopback_verdict
from wizard.engine.checks.result import CheckResult, Verdict, cannot_tell
from wizard.errors import WizardError
from wizard.transport.base import Transport
from wizard.transport.port_names import PortChoice

LOOP_INTRO = (
    "Before sending sounds you can test the MIDI interface on its own: plug one MIDI cable "
    "from the interface's MIDI OUT into its own MIDI IN (the M1 is not needed), then press "
    "i (Test the interface). Afterwards plug the two cables back to the M1 and press c "
    "(Connect)."
)
DEMO_LOOP = " (The demo emulates a good loop cable.)"
TESTING = "Sending a 16 KB test message out and back …"
SIGNS = {Verdict.PASS: ("✓", "$text-success"), Verdict.FAIL: ("✗", "$text-error")}

PortsToTest = Callable[[], PortChoice | None]
"""The highlighted interface's ports; None for the demo's emulated loop cable."""


def verdict_text(result: CheckResult) -> Content:
    """The test's result: the verdict in its colour, then what to do."""
    sign, style = SIGNS.get(result.status, ("?", "$text-warning"))
    text = Content.styled(f"{sign} {result.reason}", f"bold {style}")
    if result.fix:
        text += Content("\n") + Content.styled("What to do: ", "bold") + Content(result.fix)
    return text


@dataclass
class LoopTested(Message, bubble=False):
    """The test worker finished.

    Attributes:
        result: The verdict.
    """

    result: CheckResult


class LoopTest(Vertical):
    """The explanation, the Test button and the result.

    Args:
        demo: The demo runs (its loop cable is emulated).
        ports: Which ports to test, asked when the button is pressed.
        before: Called first, to close a connection that holds the ports.
    """

    def __init__(self, demo: bool, ports: PortsToTest, before: Callable[[], None]) -> None:
        super().__init__(id="loop-test")
        self._demo = demo
        self._ports = ports
        self._before = before

    def compose(self) -> ComposeResult:
        """Explanation, button, result."""
        yield Static(LOOP_INTRO + (DEMO_LOOP if self._demo else ""), markup=False)
        yield Button("Test the interface", id="loop-go")
        yield Static("", id="loop-result")

    def on_mount(self) -> None:
        """No result before the first test."""
        self.query_one("#loop-result").display = False

    def on_button_pressed(self, event: Button.Pressed) -> None:
        """Run the test."""
        event.stop()
        choice = None if self._demo else self._ports()
        result = self.query_one("#loop-result", Static)
        result.display = True
        if not self._demo and choice is None:
            result.update("Choose the interface in the list first.")
            return
        self._before()
        result.update(TESTING)
        event.button.disabled = True
        self._test(choice)

    @work(thread=True, exit_on_error=False, exclusive=True, group="loop")
    def _test(self, choice: PortChoice | None) -> None:
        from wizard.demo.loop_cable import LoopCable
        from wizard.device.loopback import run_loopback

        transport: Transport | None = None
        try:
            if choice is None:
                transport = LoopCable()
            else:
                from wizard.transport.rtmidi_ports import open_ports

                transport = open_ports(choice)
            verdict = loopback_verdict(run_loopback(transport))
        except WizardError as error:
            verdict = cannot_tell("interface_loopback", error.message, error.next_action)
        finally:
            if transport is not None:
                transport.close()
        self.post_message(LoopTested(verdict))

    def on_loop_tested(self, message: LoopTested) -> None:
        """Show the verdict."""
        self.query_one("#loop-go", Button).disabled = False
        self.query_one("#loop-result", Static).update(verdict_text(message.result))
