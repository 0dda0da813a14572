"""What `send` refuses before a backend can mangle or silently drop it."""

from __future__ import annotations

import pytest

from wizard.errors import TransportError
from wizard.transport.backend import JACK_MAX_MESSAGE, SYSTEMS
from wizard.transport.base import check_outgoing


def sysex(length: int) -> bytes:
    return b"\xf0" + bytes(length - 2) + b"\xf7"


def test_message_over_the_jack_limit_is_refused_with_the_limit_named() -> None:
    jack = SYSTEMS["jack"]
    with pytest.raises(TransportError) as caught:
        check_outgoing(sysex(18293), jack.max_message_size, jack.label)
    assert caught.value.message == (
        "The message is 18293 bytes long but JACK MIDI carries at most 16379 bytes in one "
        "message, so it was not sent."
    )
    assert caught.value.next_action == (
        "Send smaller dumps (programs, combinations, global and sequence one by one) or use "
        "another MIDI system; `m1-wizard ports` shows the one in use."
    )


def test_largest_message_that_fits_passes_and_one_more_byte_does_not() -> None:
    check_outgoing(sysex(JACK_MAX_MESSAGE), JACK_MAX_MESSAGE, "JACK MIDI")
    with pytest.raises(TransportError):
        check_outgoing(sysex(JACK_MAX_MESSAGE + 1), JACK_MAX_MESSAGE, "JACK MIDI")


def test_program_bank_fits_every_limited_system() -> None:
    # §3.4: the 100-program bank dump is 16 350 bytes.
    for system in SYSTEMS.values():
        check_outgoing(sysex(16350), system.max_message_size, system.label)


def test_no_limit_takes_an_all_data_dump() -> None:
    check_outgoing(sysex(53361), None, "CoreMIDI")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Refused to send data that does not start with a MIDI status byte."),
        (b"\x42\x30", "Refused to send data that does not start with a MIDI status byte."),
        (
            bytes.fromhex("F0 42 30 19 12"),
            "Refused to send a SysEx message that is not exactly one F0 ... F7 message.",
        ),
        (
            bytes.fromhex("F0 42 30 19 12 F7 F0 42 30 19 12 F7"),
            "Refused to send a SysEx message that is not exactly one F0 ... F7 message.",
        ),
        (
            bytes.fromhex("90 3C 40 00"),
            "Refused to send 4 bytes as one message that is not SysEx (such messages are "
            "1 to 3 bytes).",
        ),
    ],
    ids=["empty", "no_status_byte", "missing_f7", "two_messages", "overlong_note_on"],
)
def test_malformed_messages_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(TransportError) as caught:
        check_outgoing(data, None, "JACK MIDI")
    assert caught.value.message == message
