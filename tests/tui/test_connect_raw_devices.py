"""The connect screen lists ALSA raw MIDI devices first: they carry whole messages of any
size, which the sequencer's and JACK's ports do not."""

from __future__ import annotations

from pathlib import Path

from wizard.transport.sound_cards import RawDevice
from wizard.tui.screens.connect import PortOption, pair_ports, raw_options


def test_raw_devices_come_first_and_say_what_they_carry() -> None:
    device = RawDevice(1, 0, "UMONE", "UM-ONE", "UM-ONE MIDI 1", Path("/dev/snd/midiC1D0"))
    ports = ("UM-ONE:UM-ONE MIDI 1 20:0",)
    listed = raw_options([device]) + pair_ports(ports, ports)
    assert [option.label for option in listed] == [
        "UM-ONE MIDI 1 - raw MIDI hw:1,0, any message size",
        "UM-ONE:UM-ONE MIDI 1 20:0",
    ]
    assert listed[0] == PortOption(
        "/dev/snd/midiC1D0",
        "/dev/snd/midiC1D0",
        "UM-ONE MIDI 1 - raw MIDI hw:1,0, any message size",
    )
