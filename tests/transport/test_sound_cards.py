"""ALSA raw MIDI devices read from a fake /proc/asound listing two cards: the listing,
`--port` by hw: name, card name or path, `m1-wizard ports`, and the size refusal that
names the raw device of the same interface."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.cli import main
from wizard.device.restore import RestoreRefused, plan_restore
from wizard.emulator import M1Emulator, Timing, build_state
from wizard.errors import TransportError
from wizard.m1.syx_file import read_dump_bytes
from wizard.transport import sound_cards
from wizard.transport.backend import SYSTEMS
from wizard.transport.base import PortPair
from wizard.transport.opening import raw_choice
from wizard.transport.port_names import PortChoice
from wizard.transport.rtmidi_ports import PortListing
from wizard.transport.rtmidi_transport import RtMidiTransport
from wizard.transport.sound_cards import RawDevice, find_raw_device, list_raw_devices

LIMIT = 900
"""Smaller than the global part, so that every part of an ALL DATA is refused."""
CARDS = """\
 0 [PCH            ]: HDA-Intel - HDA Intel PCH
                      HDA Intel PCH at 0xf7f10000 irq 32
 1 [UMONE          ]: USB-Audio - UM-ONE
                      Roland UM-ONE at usb-0000:00:14.0-1, full speed
 2 [mio            ]: USB-Audio - mio
                      iConnectivity mio at usb-0000:00:14.0-2, full speed
"""


@pytest.fixture
def asound(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    proc = tmp_path / "proc-asound"
    proc.mkdir()
    (proc / "cards").write_text(CARDS)
    (proc / "card0").mkdir()
    (proc / "card0" / "pcm0p").mkdir()
    (proc / "card1").mkdir()
    (proc / "card1" / "midi0").write_text("UM-ONE\n\nOutput 0\n  Tx bytes     : 0\n")
    (proc / "card2").mkdir()
    (proc / "card2" / "midi0").write_text("mio\n\nOutput 0\n")
    monkeypatch.setattr(sound_cards, "PROC_ASOUND", proc)
    monkeypatch.setattr(sound_cards, "DEV_SND", tmp_path / "dev-snd")
    monkeypatch.delenv("MIDO_BACKEND", raising=False)
    return tmp_path / "dev-snd"


def test_two_cards_with_raw_midi_are_listed(asound: Path) -> None:
    assert list_raw_devices() == [
        RawDevice(1, 0, "UMONE", "UM-ONE", "UM-ONE", asound / "midiC1D0"),
        RawDevice(2, 0, "mio", "mio", "mio", asound / "midiC2D0"),
    ]


def test_hw_names_card_names_and_paths_pick_a_device(asound: Path) -> None:
    devices = list_raw_devices()
    assert find_raw_device("hw:1,0", devices) == devices[0]
    assert find_raw_device("hw:UMONE,0,0", devices) == devices[0]
    assert find_raw_device("um-one", devices) == devices[0]
    assert find_raw_device("MIO", devices) == devices[1]
    assert find_raw_device("Launchpad", devices) is None
    with pytest.raises(TransportError) as error:
        find_raw_device("hw:3,0", devices)
    assert str(error.value) == (
        'No ALSA raw MIDI device is called hw:3,0; found: "hw:1,0", "hw:2,0". Plug the '
        "interface in and run `m1-wizard ports` to see the devices."
    )
    assert raw_choice(PortChoice("UM-ONE", "UM-ONE")) == str(asound / "midiC1D0")
    assert raw_choice(PortChoice("/dev/ttyUSB0", "/dev/ttyUSB0")) == "/dev/ttyUSB0"
    assert raw_choice(PortChoice("Launchpad", "Launchpad")) is None
    with pytest.raises(TransportError) as error:
        raw_choice(PortChoice("hw:1,0", "hw:2,0"))
    assert str(error.value) == (
        "A raw MIDI device carries both directions, but the input and output name "
        "different things (hw:1,0 and hw:2,0). Name the device once, with --port."
    )


def test_a_chosen_midi_system_keeps_card_names_for_its_ports(
    asound: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MIDO_BACKEND", "mido.backends.rtmidi/UNIX_JACK")
    assert raw_choice(PortChoice("UM-ONE", "UM-ONE")) is None
    assert raw_choice(PortChoice("hw:1,0", "hw:1,0")) == str(asound / "midiC1D0")


def test_ports_lists_the_raw_devices_beside_the_sequencer_ports(
    asound: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    listing = PortListing(
        SYSTEMS["alsa"], ("UM-ONE:UM-ONE MIDI 1 20:0",), ("UM-ONE:UM-ONE MIDI 1 20:0",)
    )
    monkeypatch.setattr("wizard.cli.ports_cmd.list_ports", lambda: listing)
    assert main(["ports"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "MIDI system: the ALSA sequencer; largest single message: at most 16355 bytes.",
        "Input ports (connect the M1's MIDI OUT here):",
        "  UM-ONE:UM-ONE MIDI 1 20:0",
        "Output ports (connect these to the M1's MIDI IN):",
        "  UM-ONE:UM-ONE MIDI 1 20:0",
        "ALSA raw MIDI devices (both directions, whole messages of any size; use --port "
        "hw:CARD,DEVICE or the path):",
        f"  hw:1,0  UM-ONE (card UM-ONE)  {asound}/midiC1D0",
        f"  hw:2,0  mio (card mio)  {asound}/midiC2D0",
    ]


def test_raw_devices_are_listed_without_a_midi_system(
    asound: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_system() -> PortListing:
        raise TransportError("No MIDI system found.", "Start one.")

    monkeypatch.setattr("wizard.cli.ports_cmd.list_ports", no_system)
    assert main(["ports"]) == 0
    shown = capsys.readouterr()
    assert shown.err == "m1-wizard ports: No MIDI system found. Start one.\n"
    assert shown.out.splitlines()[1] == f"  hw:1,0  UM-ONE (card UM-ONE)  {asound}/midiC1D0"


def test_the_size_refusal_names_the_raw_device_of_the_same_interface(asound: Path) -> None:
    ports = RtMidiTransport(
        object(), object(), SYSTEMS["alsa"], PortPair("UM-ONE:UM-ONE MIDI 1 20:0", "x")
    )
    assert ports.raw_device == f"{asound}/midiC1D0 (hw:1,0)"
    state = build_state("factory")
    state.excl_enabled = True
    (reply,) = M1Emulator(state, timing=Timing.instant()).receive(
        bytes.fromhex("F0 42 30 19 0F 00 F7")
    )
    songs = reply.data  # ALL DATA: split into parts, each still over the limit below
    with pytest.raises(RestoreRefused) as error:
        plan_restore(
            read_dump_bytes(songs, "songs.syx"), 1, None, LIMIT, raw_device=ports.raw_device
        )
    assert error.value.next_action == (
        "Send it through the raw MIDI device of the same interface, which carries messages "
        f"of any size (--port {asound}/midiC1D0 (hw:1,0)). Or leave that part out on purpose "
        "with --leave-out combinations (the rest goes in)."
    )
    with pytest.raises(RestoreRefused) as error:
        plan_restore(read_dump_bytes(songs, "songs.syx"), 1, None, LIMIT)
    assert error.value.next_action == (
        "Use a MIDI interface on ALSA raw MIDI (--port hw:CARD,DEVICE; `m1-wizard ports` "
        "lists them), CoreMIDI or Windows. Or leave that part out on purpose with "
        "--leave-out combinations (the rest goes in)."
    )
