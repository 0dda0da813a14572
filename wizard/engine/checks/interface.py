"""The interface test as a live check, `interface_loopback`: with the interface's MIDI OUT
wired to its own MIDI IN, a long test message goes out and must come back unchanged (cheap
USB MIDI cables damage long messages, the commonest cause of a failed restore)."""

from __future__ import annotations

from collections.abc import Mapping

from wizard.device.loopback import LoopbackResult, run_loopback
from wizard.engine.checks.asking import exchange_of
from wizard.engine.checks.result import CheckResult, cannot_tell, failed, passed
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.procedure.model import ParamValue

NAME = "interface_loopback"
NOTHING_BACK = "Nothing came back, so the interface could not be tested."
NOTHING_BACK_FIX = (
    "Check that one MIDI cable goes from the interface's MIDI OUT to its own MIDI IN, with "
    "the M1 unplugged, then retry."
)
DAMAGED_FIX = (
    "Use another MIDI interface (one with its own driver rather than a cheap USB cable), or "
    "try another USB socket without a hub, then retry."
)


def _kilobytes(size: int) -> str:
    return f"{size / 1024:.0f} KB"


def loopback_verdict(result: LoopbackResult) -> CheckResult:
    """The loopback's result in plain words: passed, damaged, or nothing came back."""
    size = _kilobytes(result.sent)
    if result.received == 0:
        return cannot_tell(NAME, NOTHING_BACK, NOTHING_BACK_FIX)
    if result.ok:
        return passed(
            NAME,
            f"Passed: {size} out and back unchanged. This interface carries sound banks safely.",
        )
    return failed(
        NAME,
        f"This cable damages long messages: of {size} sent, {result.dropped:,} bytes were "
        f"lost, {result.changed:,} changed and {result.added:,} added on the way. A sound "
        "bank sent through it would arrive damaged.",
        DAMAGED_FIX,
    )


def interface_loopback(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when the test message came back unchanged; FAIL when bytes were lost, changed
    or added; CANNOT_TELL when nothing came back or the ports failed."""
    try:
        loop = session.loop
        result = loop() if loop is not None else run_loopback(exchange_of(session).transport)
    except WizardError as error:
        return cannot_tell(NAME, error.message, error.next_action or NOTHING_BACK_FIX)
    return loopback_verdict(result)
