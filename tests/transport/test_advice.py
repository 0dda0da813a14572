"""Every MIDI system error becomes one sentence plus a fix."""

from __future__ import annotations

import pytest
import rtmidi

from wizard.transport.advice import advice_for
from wizard.transport.backend import SYSTEMS


@pytest.mark.parametrize(
    ("error", "text"),
    [
        (
            rtmidi.SystemError(
                "MidiInAlsa::initialize: error creating ALSA sequencer client object."
            ),
            "No MIDI system found: the ALSA sequencer (/dev/snd/seq) is not available. "
            "On Linux install and start ALSA (the snd-seq kernel module) or JACK; "
            "for JACK set MIDO_BACKEND=mido.backends.rtmidi/UNIX_JACK.",
        ),
        (
            rtmidi.SystemError("MidiOutJack::initialize: JACK server not running?"),
            "No MIDI system found: the JACK server is not running. "
            "Start JACK (for example with QjackCtl), or unset MIDO_BACKEND to use ALSA.",
        ),
        (
            rtmidi.SystemError("MidiInWinMM::openPort: error creating Windows MM MIDI input port."),
            'The MIDI port "UM-ONE 1" is in use by another program. '
            "Close other MIDI programs (MIDI-OX, a DAW, a librarian) and try again.",
        ),
        (
            rtmidi.NoDevicesError("MidiOutAlsa::openPort: no MIDI output sources found!"),
            "No MIDI interface was found. Plug the interface in and run `m1-wizard ports`.",
        ),
        (
            rtmidi.InvalidPortError(
                "MidiInAlsa::openPort: the 'portNumber' argument (3) is invalid."
            ),
            'The MIDI port "UM-ONE 1" went away while it was being opened. '
            "Plug the interface in and run `m1-wizard ports`.",
        ),
        (
            rtmidi.RtMidiError("MidiOutCore::sendMessage: error sending MIDI message to port."),
            "The MIDI system reported an error: MidiOutCore::sendMessage: error sending MIDI "
            "message to port. Close other MIDI programs, plug the interface in again and run "
            "`m1-wizard ports`.",
        ),
    ],
    ids=["no_alsa", "no_jack", "busy_windows_port", "no_devices", "port_vanished", "other"],
)  # fmt: skip
def test_rtmidi_errors_map_to_advice(error: Exception, text: str) -> None:
    assert str(advice_for(error, SYSTEMS["alsa"], "UM-ONE 1")) == text


def test_windows_has_no_virtual_ports() -> None:
    error = NotImplementedError("Virtual ports are not supported by the Windows MultiMedia API.")
    assert str(advice_for(error, SYSTEMS["winmm"], virtual=True)) == (
        "Windows MIDI (WinMM) cannot create virtual MIDI ports. Create ports with loopMIDI "
        "and open them by name (--in-port / --out-port), or use the built-in demo (`--demo`)."
    )


def test_unknown_system_without_a_port_name() -> None:
    error = rtmidi.InvalidPortError("the 'portNumber' argument (0) is invalid.")
    assert str(advice_for(error)) == (
        "The MIDI port went away while it was being opened. "
        "Plug the interface in and run `m1-wizard ports`."
    )
