"""What can happen when m1-wizard talks to an M1, each as one sentence and one next action.

The M1's replies are 23 (load completed), 24 (load error), 26 (format error), 21/22 (write
completed / error), or nothing at all (m1-sysex.md §5.4). This table turns each into words a
musician can act on; the tests assert the text verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wizard.errors import WizardError

ENABLE_MIDI_KEYS = "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP"
PROTECT_OFF_KEYS = "GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN"
ALLOCATION_100_KEYS = "GLOBAL, 6, +, +, +, DOWN, G"
ALLOCATION_50_KEYS = "GLOBAL, 6, +, +, +, UP, G"
TEST_INTERFACE = "run `m1-wizard loopback` to test it"
"""The interface test, as the command line says it; the wizard shows its own words instead
(`wizard.tui.advice`), as a person inside it cannot run a command."""
EXCL_ON = (
    'that the M1\'s "Excl" switch, which lets sound data in and out over MIDI, is on '
    f'({ENABLE_MIDI_KEYS}: the display shows "Excl:ENA")'
)
"""The M1's exclusive filter in a musician's words: its display word, what it does, the keys."""


class Outcome(Enum):
    """Everything a request, a load or a read-back can end in, other than success."""

    SILENT = "silent"
    LOAD_ERROR = "load_error"
    FORMAT_ERROR = "format_error"
    WRITE_ERROR = "write_error"
    READBACK_MISMATCH = "readback_mismatch"
    DAMAGED_REPLY = "damaged_reply"
    WRONG_CHANNEL = "wrong_channel"
    NOT_AN_M1 = "not_an_m1"
    REQUEST_REFUSED = "request_refused"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Advice:
    """One outcome in words."""

    sentence: str
    next_action: str


ADVICE: dict[Outcome, Advice] = {
    Outcome.SILENT: Advice(
        "The M1 did not answer.",
        "Check that the interface's MIDI OUT goes to the M1's MIDI IN and the M1's MIDI OUT "
        f"back to the interface's MIDI IN, {EXCL_ON}, that the M1's sequencer is stopped, and "
        "that no other program holds the MIDI ports; then try again.",
    ),
    Outcome.LOAD_ERROR: Advice(
        "The M1 refused the data (reply 24, DATA LOAD ERROR): its memory is protected or "
        "it is busy.",
        f"Turn the memory protects off ({PROTECT_OFF_KEYS}), stop the sequencer if it is "
        "playing, then try again.",
    ),
    Outcome.FORMAT_ERROR: Advice(
        "The M1 rejected the data as the wrong size (reply 26, MIDI IN DATA FORMAT ERROR).",
        "If the file was made for the M1's memory allocation, the MIDI interface is losing "
        f"bytes: {TEST_INTERFACE}, or try another interface.",
    ),
    Outcome.WRITE_ERROR: Advice(
        "The M1 refused to store the data (reply 22, WRITE ERROR): its memory is protected.",
        f"Turn the memory protects off ({PROTECT_OFF_KEYS}), then try again.",
    ),
    Outcome.READBACK_MISMATCH: Advice(
        "The data read back from the M1 differs from what was sent.",
        f"The MIDI interface probably corrupts long messages: {TEST_INTERFACE}, then send the "
        "file again (or use another interface).",
    ),
    Outcome.DAMAGED_REPLY: Advice(
        "The M1's reply arrived damaged: bytes were lost or changed on the way.",
        f"The MIDI interface or a cable is losing bytes: {TEST_INTERFACE}, then try again.",
    ),
    Outcome.WRONG_CHANNEL: Advice(
        "The M1 answered on another MIDI channel than the one it was asked on.",
        "Another instrument may be connected too: make sure only the M1 is on this MIDI "
        "interface, then try again.",
    ),
    Outcome.NOT_AN_M1: Advice(
        "The instrument that answered is not a Korg M1, M1R or M1EX.",
        "Connect the M1 to this interface (or choose the port the M1 is on) and try again.",
    ),
    Outcome.REQUEST_REFUSED: Advice(
        "The M1 refused the request (reply 24): it cannot send that data now.",
        "Stop the sequencer if it is playing; for the RAM card, insert it; then try again.",
    ),
    Outcome.CANCELLED: Advice(
        "Stopped before the end.",
        "Nothing on disk was left half written; run the command again when ready.",
    ),
}


class DeviceError(WizardError):
    """A talk with the M1 ended in an `Outcome` other than success.

    Args:
        outcome: What happened.
        detail: An extra sentence with specifics (sizes, channel, message kind).
    """

    def __init__(self, outcome: Outcome, detail: str = "") -> None:
        advice = ADVICE[outcome]
        sentence = f"{advice.sentence} {detail}".strip()
        super().__init__(sentence, advice.next_action)
        self.outcome = outcome
