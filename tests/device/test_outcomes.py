"""The error-to-advice table, word for word: what a person reads after each outcome."""

from __future__ import annotations

import pytest

from wizard.device.outcomes import ADVICE, DeviceError, Outcome

EXPECTED = {
    Outcome.SILENT: (
        "The M1 did not answer.",
        "Check that the interface's MIDI OUT goes to the M1's MIDI IN and the M1's MIDI OUT "
        "back to the interface's MIDI IN, that the M1's \"Excl\" switch, which lets sound data "
        "in and out over MIDI, is on (GLOBAL, 5, +, UP, D, UP, F, UP, H, UP: the display shows "
        '"Excl:ENA"), that the M1\'s sequencer is stopped, and that no other program holds the '
        "MIDI ports; then try again.",
    ),
    Outcome.LOAD_ERROR: (
        "The M1 refused the data (reply 24, DATA LOAD ERROR): its memory is protected or it "
        "is busy.",
        "Turn the memory protects off (GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN), stop the "
        "sequencer if it is playing, then try again.",
    ),
    Outcome.FORMAT_ERROR: (
        "The M1 rejected the data as the wrong size (reply 26, MIDI IN DATA FORMAT ERROR).",
        "If the file was made for the M1's memory allocation, the MIDI interface is losing "
        "bytes: run `m1-wizard loopback` to test it, or try another interface.",
    ),
    Outcome.WRITE_ERROR: (
        "The M1 refused to store the data (reply 22, WRITE ERROR): its memory is protected.",
        "Turn the memory protects off (GLOBAL, 6, DOWN, +, B, DOWN, +, B, DOWN), then try again.",
    ),
    Outcome.READBACK_MISMATCH: (
        "The data read back from the M1 differs from what was sent.",
        "The MIDI interface probably corrupts long messages: run `m1-wizard loopback` to "
        "test it, then send the file again (or use another interface).",
    ),
    Outcome.DAMAGED_REPLY: (
        "The M1's reply arrived damaged: bytes were lost or changed on the way.",
        "The MIDI interface or a cable is losing bytes: run `m1-wizard loopback` to test it, "
        "then try again.",
    ),
    Outcome.WRONG_CHANNEL: (
        "The M1 answered on another MIDI channel than the one it was asked on.",
        "Another instrument may be connected too: make sure only the M1 is on this MIDI "
        "interface, then try again.",
    ),
    Outcome.NOT_AN_M1: (
        "The instrument that answered is not a Korg M1, M1R or M1EX.",
        "Connect the M1 to this interface (or choose the port the M1 is on) and try again.",
    ),
    Outcome.REQUEST_REFUSED: (
        "The M1 refused the request (reply 24): it cannot send that data now.",
        "Stop the sequencer if it is playing; for the RAM card, insert it; then try again.",
    ),
    Outcome.CANCELLED: (
        "Stopped before the end.",
        "Nothing on disk was left half written; run the command again when ready.",
    ),
}


def test_every_outcome_has_its_advice_word_for_word() -> None:
    assert {o: (a.sentence, a.next_action) for o, a in ADVICE.items()} == EXPECTED
    assert set(ADVICE) == set(Outcome)


@pytest.mark.parametrize("outcome", list(Outcome))
def test_device_error_reads_sentence_detail_then_action(outcome: Outcome) -> None:
    sentence, action = EXPECTED[outcome]
    error = DeviceError(outcome, "Detail.")
    assert str(error) == f"{sentence} Detail. {action}"
    assert error.outcome is outcome
