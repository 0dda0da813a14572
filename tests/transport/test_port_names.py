"""Choosing ports by part of their name."""

from __future__ import annotations

import pytest

from wizard.errors import TransportError
from wizard.transport.port_names import PortChoice, choose_port

ALSA_INPUTS = [
    "Midi Through:Midi Through Port-0 14:0",
    "UM-ONE:UM-ONE MIDI 1 20:0",
    "M1 emulator:M1 emulator MIDI OUT 128:0",
]


def test_substring_ignores_case() -> None:
    assert choose_port(ALSA_INPUTS, "um-one", "input") == 1


def test_exact_name_wins_over_names_containing_it() -> None:
    names = ["Port", "Port 2", "My Port"]
    assert choose_port(names, "port", "output") == 0


def test_only_port_is_taken_without_a_name() -> None:
    assert choose_port(["UM-ONE:UM-ONE MIDI 1 20:0"], None, "input") == 0


def test_missing_name_lists_the_ports_found() -> None:
    with pytest.raises(TransportError) as caught:
        choose_port(ALSA_INPUTS, "MIDISPORT", "input")
    assert str(caught.value) == (
        'No MIDI input port matches "MIDISPORT"; found: "Midi Through:Midi Through Port-0 '
        '14:0", "UM-ONE:UM-ONE MIDI 1 20:0", "M1 emulator:M1 emulator MIDI OUT 128:0". '
        "Plug the interface in and run `m1-wizard ports`. Then give part of one of these names."
    )


def test_ambiguous_name_lists_the_matches() -> None:
    with pytest.raises(TransportError) as caught:
        choose_port(ALSA_INPUTS, "midi", "input")
    assert str(caught.value) == (
        '3 MIDI input ports match "midi": "Midi Through:Midi Through Port-0 14:0", '
        '"UM-ONE:UM-ONE MIDI 1 20:0", "M1 emulator:M1 emulator MIDI OUT 128:0". '
        "Give more of the name, or pick each port with --in-port and --out-port."
    )


def test_several_ports_and_no_name() -> None:
    with pytest.raises(TransportError) as caught:
        choose_port(["A", "B"], None, "output")
    assert str(caught.value) == (
        'Several MIDI output ports were found: "A", "B". '
        "Name one with --port (part of its name is enough)."
    )


def test_no_ports_at_all() -> None:
    with pytest.raises(TransportError) as caught:
        choose_port([], "UM-ONE", "output")
    assert str(caught.value) == (
        "No MIDI output ports were found. Plug the interface in and run `m1-wizard ports`."
    )


def test_in_and_out_port_override_port() -> None:
    assert PortChoice.from_options("UM-ONE", None, None) == PortChoice("UM-ONE", "UM-ONE")
    assert PortChoice.from_options("UM-ONE", "loopMIDI A", None) == PortChoice(
        "loopMIDI A", "UM-ONE"
    )
    assert PortChoice.from_options(None, "A", "B") == PortChoice("A", "B")
    assert PortChoice.from_options(None, None, None) == PortChoice(None, None)
