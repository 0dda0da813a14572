"""The test bench of the reliability tests: an emulated M1 ready for MIDI behind a
transport that can be trapped, a backup folder that already holds an older backup, a
file to restore, and snapshots of the M1's memory and of every file before and after."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.device.helpers import LimitedTransport, ready_state
from tests.reliability.faults import Disk, Fault, Resume, TrappedTransport, break_disk
from tests.reliability.interruptions import interrupt, interrupt_backup
from tests.transport.pty_peer import PtyPeer
from wizard.device.exchange import Exchange, Timeouts
from wizard.device.image import differences
from wizard.emulator import M1Emulator, Timing, build_state
from wizard.emulator.dumps import bank_dump
from wizard.emulator.state import Card, Memory
from wizard.m1 import Bank, Function
from wizard.operations.journal import Event, Journal
from wizard.transport.base import Transport
from wizard.transport.link import EmulatorLink
from wizard.transport.raw_device import RawMidiTransport
from wizard.transport.raw_open import open_raw

TIMEOUTS = Timeouts(first_reply=0.1, idle=0.1, after_load=0.1, identity=0.05, scan=0.005)
"""Short waits: the in-process link delivers every reply at once, so one that has not come
within a tenth of a second is not coming (only the "late" faults delay replies)."""

UNIT = "bench-m1"
OLD_BACKUP = "old-backup.syx"
TAKEN_NAME = "m1-backup.syx"
"""The name `-o` asks for; the "backup file already present" fault puts a file there."""
APPEND_ONLY = ("journal.jsonl", "maintenance.jsonl")
"""Files that grow by design; their old content must stay their beginning."""


def all_data(memory: Memory, channel: int = 1) -> bytes:
    """`memory` as one ALL DATA dump file's bytes."""
    return bank_dump(memory, Function.ALL_DATA_DUMP, Bank.INTERNAL, channel).to_bytes()


@dataclass
class Bench:
    """Everything one matrix cell works with.

    Attributes:
        root: The cell's own folder.
        emulator: The emulated M1 (initialised memory, MIDI ready, a RAM card inserted).
        link: The in-process link to it.
        transport: The trappable transport every operation talks through.
        exchange: The exchange over `transport`, with short time-outs.
        home: The engine's data folder.
        backups: Where every operation saves backups (the unit's backup folder).
        restore_file: The file restored: the factory set, which differs from the M1's
            memory in every part.
        intended: The memory a completed restore leaves.
    """

    root: Path
    emulator: M1Emulator
    link: EmulatorLink
    transport: TrappedTransport
    exchange: Exchange
    home: Path
    backups: Path
    restore_file: Path
    intended: Memory
    peer: PtyPeer | None = None
    """The emulated M1's side of a pseudo-terminal when the transport is a raw device."""

    def settle(self) -> None:
        """Wait until the M1 has been handed everything sent to it (a raw device's bytes
        reach it through another thread), then close the pseudo-terminal."""
        if self.peer is None:
            return
        client = self.transport.inner
        assert isinstance(client, RawMidiTransport)
        self.peer.settle(client.bytes_written)
        client.close()
        self.peer.stop()


def make_bench(root: Path, limit: int | None = None, *, raw: bool = False) -> Bench:
    """A fresh bench in `root`; `limit` imitates a MIDI system with a message-size limit,
    `raw` puts a raw MIDI device (a pseudo-terminal with the M1 at its far end) between."""
    state = ready_state("battery-dead")
    state.card = Card()
    emulator = M1Emulator(state, timing=Timing.instant())
    link = EmulatorLink(emulator)
    peer, inner = raw_device_to(link, root) if raw else (None, link)
    if limit is not None:
        inner = LimitedTransport(inner, limit)
    transport = TrappedTransport(inner)
    exchange = Exchange(transport, timeouts=TIMEOUTS, wire_rate=None)
    home = root / "home"
    backups = home / "units" / UNIT / "backups"
    backups.mkdir(parents=True)
    older = build_state("used").memory
    (backups / OLD_BACKUP).write_bytes(all_data(older, 5))
    (backups / OLD_BACKUP).with_suffix(".json").write_text('{"file": "old-backup.syx"}\n')
    files = root / "files"
    files.mkdir()
    intended = build_state("factory").memory
    restore_file = files / "factory.syx"
    restore_file.write_bytes(all_data(intended))
    return Bench(
        root, emulator, link, transport, exchange, home, backups, restore_file, intended, peer
    )


def raw_device_to(link: EmulatorLink, root: Path) -> tuple[PtyPeer, Transport]:
    """The M1 behind a pseudo-terminal, and the raw device transport opened on it."""
    peer = PtyPeer(link, root)
    return peer, open_raw(str(peer.path))


def arm(bench: Bench, fault: Fault, monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch `fault` on for everything that follows."""
    state = bench.emulator.state
    for name, value in fault.settings:
        setattr(state, name, value)
    if fault.line is not None:
        bench.emulator.faults = fault.line
    if fault.behaviour is not None:
        bench.emulator.behaviour = fault.behaviour
    bench.transport.arm(fault.phase, fault.trap, fault.by_signal)
    if fault.disk is Disk.NAME_TAKEN:
        (bench.backups / TAKEN_NAME).write_bytes(b"\xf0\x42\x30\x19\x12\xf7")
        # Every default name comes out as the older backup's: free_path must step past it.
        monkeypatch.setattr(
            "wizard.device.backup.timestamped_name", lambda *args, **kwargs: OLD_BACKUP
        )
    elif fault.disk is not None:
        break_disk(fault.disk, bench.backups, monkeypatch, fault.files_saved_first, fault.by_signal)
    if fault.resume is not None:
        change_while_stopped(bench, fault.resume)
    if fault.ctrl_c_comparing:
        _interrupt_comparing(fault, monkeypatch)
    if fault.dump_in_progress:
        interrupt_backup(bench.transport.inner, bench.emulator, bench.exchange)


def _interrupt_comparing(fault: Fault, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C (or the fault's signal) the moment a read-back is compared."""

    def interrupted(*args: Any, **kwargs: Any) -> list[str]:
        interrupt(fault.by_signal)
        return differences(*args, **kwargs)  # an ignored signal: the comparison goes on

    monkeypatch.setattr("wizard.device.restore.differences", interrupted)
    monkeypatch.setattr("wizard.engine.checks.memory.differences", interrupted)


def snapshot_files(root: Path) -> dict[str, bytes]:
    """Every file under `root` by its path relative to `root`."""
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def change_while_stopped(bench: Bench, change: Resume) -> None:
    """What happens to the run's backup or the M1 while a run is stopped: only the backup
    the journal recorded (by a prepared, stopped run) is touched, so operations without
    one meet no fault but the other M1."""
    if change is Resume.OTHER_M1:
        bench.emulator.state.memory.global_data = build_state("factory").memory.global_data
        return
    journal = Journal(bench.home / "units" / UNIT / "journal.jsonl")
    saved = [e.file for e in journal.read().entries if e.event is Event.BACKUP_SAVED]
    if not saved:
        return
    backup = Path(saved[-1])
    if change is Resume.BACKUP_MISSING:
        backup.unlink()
        backup.with_suffix(".json").unlink()
    else:
        data = bytearray(backup.read_bytes())
        data[len(data) // 2] ^= 0x01
        backup.write_bytes(bytes(data))
