"""The raw MIDI device transport over pseudo-terminal pairs in raw mode: whole messages of
any size both ways, through the command line's backup and restore, and every trouble in
one sentence with its fix."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.shared import shared_capture
from tests.transport.pty_peer import PtyPeer, raw_pty
from wizard.cli import main
from wizard.emulator import M1Emulator, Timing, build_state, load_messages
from wizard.errors import TransportError
from wizard.m1 import parse
from wizard.transport.link import EmulatorLink
from wizard.transport.raw_device import RawMidiTransport
from wizard.transport.raw_open import open_raw

NOBODY = 65534
VANISHED = (
    "went away in the middle of a transfer (unplugged, switched off, or the program at its "
    "other end stopped). Plug the interface in again and run the command again; "
    "`m1-wizard ports` shows whether the system sees it."
)


def factory_all_data() -> bytes:
    """Korg's factory set as one ALL DATA message of 49,791 bytes (§3.4), made by an
    emulated M1 holding the real captures."""
    state = build_state("battery-dead")
    prog = shared_capture("ORIGPROG.SYX")
    start = prog.index(bytes.fromhex("F0 42 30 19 4C"))
    load_messages(
        state,
        [
            parse(prog[start : start + 16350]),
            parse(shared_capture("ORIGGLOB.SYX")),
            parse(shared_capture("ORIGSEQS.SYX")),
        ],
    )
    state.excl_enabled = True
    (reply,) = M1Emulator(state, timing=Timing.instant()).receive(
        bytes.fromhex("F0 42 30 19 0F 00 F7")
    )
    return reply.data


def ready_emulator(scenario: str) -> M1Emulator:
    state = build_state(scenario)
    state.excl_enabled = True
    state.protect_program = state.protect_combination = state.protect_sequence = False
    return M1Emulator(state, timing=Timing.instant())


@pytest.fixture
def peer(tmp_path: Path) -> Iterator[PtyPeer]:
    served = PtyPeer(EmulatorLink(ready_emulator("battery-dead")), tmp_path)
    yield served
    served.stop()


def run_cli(*argv: str, home: Path) -> int:
    return main([*argv, "--data-dir", str(home), "--timeout", "5"])


@pytest.mark.fixtures
def test_the_49791_byte_factory_all_data_is_restored_whole_and_read_back(
    peer: PtyPeer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    factory = tmp_path / "M1FACTORY.SYX"
    factory.write_bytes(factory_all_data())
    assert len(factory.read_bytes()) == 49_791
    assert run_cli("restore", str(factory), "--yes", "--port", str(peer.path), home=tmp_path) == 0
    sent = [m for m in peer.received if len(m) > 100]
    assert [len(m) for m in sent] == [49_791]  # one message, never split
    assert sent[0][4] == 0x50 and sent[0][7:] == factory.read_bytes()[7:]
    with peer.link.locked() as m1:
        (again,) = m1.receive(bytes.fromhex("F0 42 30 19 0F 00 F7"))
    assert again.data == factory.read_bytes()
    shown = capsys.readouterr()
    assert "reading back sequence ...\n" in shown.err
    assert shown.out.endswith("Safe to switch the M1 off.\n")


@pytest.mark.fixtures
def test_all_memory_is_backed_up_in_one_message(tmp_path: Path) -> None:
    emulator = ready_emulator("battery-dead")
    emulator.receive(factory_all_data())
    served = PtyPeer(EmulatorLink(emulator), tmp_path)
    try:
        saved = tmp_path / "all.syx"
        argv = ("backup", "--what", "all", "-o", str(saved), "--port", str(served.path))
        assert run_cli(*argv, home=tmp_path) == 0
    finally:
        served.stop()
    assert saved.read_bytes() == factory_all_data()


@pytest.mark.fixtures
def test_a_lone_18_kb_sequence_dump_is_restored(peer: PtyPeer, tmp_path: Path) -> None:
    songs = shared_capture("ORIGSEQS.SYX")
    assert len(songs) == 18_293
    file = tmp_path / "ORIGSEQS.SYX"
    file.write_bytes(songs)
    assert run_cli("restore", str(file), "--yes", "--port", str(peer.path), home=tmp_path) == 0
    assert songs in peer.received
    with peer.link.locked() as m1:
        (again,) = m1.receive(bytes.fromhex("F0 42 30 19 18 00 F7"))
    assert again.data == songs


def test_a_peer_closing_mid_transfer_is_reported_as_gone(tmp_path: Path) -> None:
    controller, device, name = raw_pty()
    client = open_raw(name)
    os.close(device)
    os.write(controller, bytes.fromhex("F0 42 30 19 4C 00 01 02"))  # a dump that breaks off
    assert client.receive(0.0) is None
    os.close(controller)
    with pytest.raises(TransportError) as error:
        client.receive(1.0)
    assert str(error.value) == f"The MIDI device {name} {VANISHED}"
    with pytest.raises(TransportError) as error:
        client.send(bytes.fromhex("F0 42 30 19 12 F7"))
    assert str(error.value) == f"The MIDI device {name} {VANISHED}"
    client.close()


def test_a_second_run_on_the_same_device_is_told_it_is_busy(peer: PtyPeer) -> None:
    real = os.path.realpath(peer.path)
    with open_raw(str(peer.path)), pytest.raises(TransportError) as error:
        open_raw(str(peer.path))
    assert str(error.value) == (
        f'Another m1-wizard run (process {os.getpid()}) is using the MIDI device port "{real}"; '
        "two runs at once would mix up their messages. Wait for that run to finish (or end "
        "it), then run this command again."
    )


def open_elsewhere(path: str, tmp_path: Path) -> str:
    """What `open_raw(path)` says in another process, as a user without privileges when
    the tests run as root (root may open any device)."""
    runtime = tmp_path / "other-run"
    runtime.mkdir()
    os.chmod(runtime, 0o777)
    import grp  # noqa: F401 - loaded here: the child may not read the interpreter's files

    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - runs in the child only
        said = "opened"
        try:
            os.environ["M1_WIZARD_RUNTIME_DIR"] = str(runtime)
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            open_raw(path)
        except Exception as error:
            said = str(error)
        os.write(writing, said.encode())
        os._exit(0)
    os.close(writing)
    with os.fdopen(reading, "rb") as pipe:
        said = pipe.read().decode()
    os.waitpid(child, 0)
    return said


def test_a_device_another_program_holds_is_busy(peer: PtyPeer, tmp_path: Path) -> None:
    real = os.path.realpath(peer.path)
    os.chmod(real, 0o666)
    with open_raw(real):  # holds it exclusively, as ALSA does with a raw MIDI device
        said = open_elsewhere(real, tmp_path)
    assert said == (
        f"The MIDI device {real} is busy: another program holds it open. Close the program "
        "using it (a DAW, amidi, a librarian, or a sequencer client connected to it; "
        f"`fuser -v {real}` names it), then run the command again."
    )
    with open_raw(real):  # free again once closed
        pass


def test_permission_denied_names_the_group_to_join(peer: PtyPeer, tmp_path: Path) -> None:
    real = os.path.realpath(peer.path)
    os.chmod(real, 0o600)
    said = open_elsewhere(real, tmp_path)
    import grp

    group = grp.getgrgid(os.stat(real).st_gid).gr_name
    assert said == (
        f'Permission to open the MIDI device {real} was denied: it belongs to the group "{group}", '
        f"which you are not in. Add yourself to it (`sudo usermod -aG {group} $USER`), log "
        "out and back in, then run the command again."
    )


def test_a_path_that_is_not_a_device_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "dump.syx"
    file.write_bytes(b"\xf0\xf7")
    with pytest.raises(TransportError) as error:
        open_raw(str(file))
    assert str(error.value) == (
        f"{file} is an ordinary file, not a MIDI device. Give a device such as "
        "/dev/snd/midiC1D0, a serial MIDI port, or part of a port name; `m1-wizard ports` "
        "lists the raw MIDI devices (/dev/snd/midiC*D*)."
    )
    with pytest.raises(TransportError) as error:
        open_raw(str(tmp_path / "midiC9D0"))
    assert str(error.value) == (
        f"There is no device at {tmp_path / 'midiC9D0'}. Check the path; `m1-wizard ports` "
        "lists the raw MIDI devices (/dev/snd/midiC*D*)."
    )


def test_damage_on_a_serial_port_names_the_speed_to_check() -> None:
    controller, device, name = raw_pty()
    hint = "The serial port /dev/ttyS9 is set to 9600 baud: check it."
    client = RawMidiTransport(device, name, speed_hint=hint)
    os.write(controller, bytes.fromhex("F0 42 30 F0 42 30 19 4E 00 F7"))
    with pytest.raises(TransportError) as error:
        client.receive(1.0)
    assert error.value.message == (
        "A SysEx message broke off after 3 bytes: a new message (F0) started before its end "
        f"byte (F7). {hint}"
    )
    assert client.receive(1.0) == bytes.fromhex("F0 42 30 19 4E 00 F7")
    client.close()
    os.close(controller)
