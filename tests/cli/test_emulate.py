"""`m1-wizard emulate` as a separate process, reached over real JACK MIDI ports."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.emulator_process import STOP_SECONDS, Emulator, running_emulator
from wizard.errors import TransportError
from wizard.transport.port_names import PortChoice
from wizard.transport.rtmidi_ports import open_ports
from wizard.transport.rtmidi_transport import RtMidiTransport

pytestmark = pytest.mark.jack

# Requests from m1-sysex.md §2.2 (global channel 1).
IDENTITY_REQUEST = bytes.fromhex("F0 7E 7F 06 01 F7")
MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")
GLOBAL_REQUEST = bytes.fromhex("F0 42 30 19 0E 00 F7")
ALL_PROGRAMS_REQUEST = bytes.fromhex("F0 42 30 19 1C 00 F7")


@pytest.fixture
def emulator(jack_server: str, tmp_path: Path) -> Iterator[Emulator]:
    log = tmp_path / "emulator-midi.log"
    with running_emulator("--instant", "--log", str(log)) as running:
        yield running


@pytest.fixture
def wizard_side(emulator: Emulator) -> Iterator[RtMidiTransport]:
    with open_ports(PortChoice.from_options(emulator.name, None, None)) as ports:
        yield ports


def ask(ports: RtMidiTransport, request: bytes) -> bytes:
    ports.clear_input()
    ports.send(request)
    reply = ports.receive(10.0)
    assert reply is not None, f"no reply to {request.hex(' ')}"
    return reply


def test_emulator_answers_over_jack_and_stops_cleanly_on_ctrl_c(
    emulator: Emulator, wizard_side: RtMidiTransport, tmp_path: Path
) -> None:
    assert wizard_side.ports.input.endswith(f"{emulator.name} MIDI OUT")
    assert wizard_side.ports.output.endswith(f"{emulator.name} MIDI IN")

    identity = ask(wizard_side, IDENTITY_REQUEST)
    # §1.2: F0 7E 0g 06 02 42 19 00 00 00 rr 00 ss 00 F7 with g = 0 (channel 1)
    assert len(identity) == 15
    assert identity[:10] == bytes.fromhex("F0 7E 00 06 02 42 19 00 00 00")

    mode = ask(wizard_side, MODE_REQUEST)
    assert (len(mode), mode[:5]) == (10, bytes.fromhex("F0 42 30 19 42"))

    global_dump = ask(wizard_side, GLOBAL_REQUEST)
    assert (len(global_dump), global_dump[:6]) == (991, bytes.fromhex("F0 42 30 19 51 00"))

    bank = ask(wizard_side, ALL_PROGRAMS_REQUEST)
    assert (len(bank), bank[:6]) == (16350, bytes.fromhex("F0 42 30 19 4C 00"))

    with pytest.raises(TransportError) as caught:
        wizard_side.send(b"\xf0" + bytes(18291) + b"\xf7")
    assert caught.value.message == (
        "The message is 18293 bytes long but JACK MIDI carries at most 16379 bytes in one "
        "message, so it was not sent."
    )

    emulator.wait_for("<-  16350 bytes  ALL PROGRAMS DUMP (4C)")
    assert emulator.stop() == 0
    emulator.wait_for("Stopped; MIDI ports closed.")
    printed = "\n".join(emulator.seen)
    for line in (
        "->      6 bytes  IDENTITY REQUEST",
        "<-     15 bytes  IDENTITY REPLY",
        "->      6 bytes  MODE REQUEST (12)",
        "<-     10 bytes  MODE DATA (42)",
        "->      7 bytes  GLOBAL REQUEST (0E)",
        "<-    991 bytes  GLOBAL DUMP (51)",
        "->      7 bytes  ALL PROGRAMS REQUEST (1C)",
    ):
        assert line in printed
    log = (tmp_path / "emulator-midi.log").read_text(encoding="utf-8").splitlines()
    assert any(line.endswith(" IN       6 F0 42 30 19 12 F7") for line in log)


def test_sigterm_also_stops_it_cleanly(emulator: Emulator) -> None:
    emulator.process.send_signal(signal.SIGTERM)
    assert emulator.process.wait(timeout=STOP_SECONDS) == 0
    emulator.wait_for("Stopped; MIDI ports closed.")
