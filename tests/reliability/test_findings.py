"""Regression tests for what the fault matrix found, one per fix, each asserting the words
the person now sees."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.device.helpers import connect, ready_state
from tests.reliability.bench import make_bench
from tests.reliability.faults import Phase, Trap
from tests.reliability.operations import (
    op_backup_cli,
    op_engine_transfer,
    op_restore_cli,
    session_of,
)
from wizard.device.backup import save_backup, take_backup
from wizard.device.detect import detect
from wizard.device.outcomes import ADVICE, DeviceError, Outcome
from wizard.device.store import SaveError
from wizard.emulator import Faults
from wizard.engine.checks import Verdict
from wizard.engine.checks.protect import memory_unprotected
from wizard.engine.checks.reach import EXCL_FIX, SILENCE_FIX, exclusive_enabled, m1_responds
from wizard.engine.runner import UNFINISHED_TRANSFER
from wizard.m1 import Function
from wizard.transport.base import ByteProgress, PortPair, Transport


class CountingTransport(Transport):
    """Counts the bulk requests that go out."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.requests: list[int] = []

    @property
    def max_message_size(self) -> int | None:
        return self.inner.max_message_size

    @property
    def ports(self) -> PortPair:
        return self.inner.ports

    def send(self, data: bytes) -> None:
        if len(data) == 7 and data[1] == 0x42:
            self.requests.append(data[4])
        self.inner.send(data)

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        return self.inner.receive(timeout, on_bytes=on_bytes)

    def clear_input(self) -> None:
        self.inner.clear_input()

    def close(self) -> None:
        self.inner.close()


def test_a_backup_reads_every_dump_twice() -> None:
    # M1 dumps carry no checksum: a second copy is the only way to catch a changed byte.
    _, exchange = connect(ready_state("factory"))
    counting = CountingTransport(exchange.transport)
    exchange.transport = counting
    take_backup(exchange, detect(exchange), "all")
    assert counting.requests == [Function.ALL_DATA_REQUEST] * 2


def test_a_backup_through_a_corrupting_interface_is_refused_not_saved() -> None:
    # Before the fix, the changed bytes kept every length right and the backup was saved
    # as if it were the M1's memory.
    _, exchange = connect(ready_state("factory"), Faults(corrupt_output=2, seed=4))
    with pytest.raises(DeviceError) as caught:
        take_backup(exchange, detect(exchange), "programs")
    assert caught.value.outcome is Outcome.DAMAGED_REPLY
    assert caught.value.message == (
        f"{ADVICE[Outcome.DAMAGED_REPLY].sentence} The M1 sent the ALL PROGRAMS DUMP (4C) "
        "twice and the two copies differ, so at least one of them was changed on the way."
    )


def test_no_room_for_the_manifest_leaves_no_backup_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before the fix, the .syx stayed without its manifest while the person read "Could
    # not save".
    _, exchange = connect(ready_state("factory"))
    backup = take_backup(exchange, detect(exchange), "global")
    real_fsync = os.fsync
    calls = 0

    def full_after_one(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls > 2:  # the .syx and its folder went through; the manifest does not
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", full_after_one)
    with pytest.raises(SaveError) as caught:
        save_backup(backup, tmp_path / "m1.syx")
    assert str(caught.value) == (
        f"Could not save {tmp_path / 'm1.json'}: No space left on device. Choose a folder "
        "you can write to with enough free space (--backup-dir or -o)."
    )
    assert list(tmp_path.iterdir()) == []


def test_the_protect_probe_reports_a_vanished_port_instead_of_raising(tmp_path: Path) -> None:
    # Before the fix, putting the M1 back in its mode sent from a `finally`, and the
    # TransportError there replaced the check's result.
    bench = make_bench(tmp_path)
    session = session_of(bench)
    bench.transport.arm(Phase.BACKUP_RECEIVE, Trap.VANISH)
    result = memory_unprotected(session, {})
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == "The MIDI system reported an error: device unplugged."


def test_an_interrupted_transfer_is_not_called_nothing_irreversible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = make_bench(tmp_path)
    bench.transport.arm(Phase.SEND, Trap.CTRL_C)
    observed = op_engine_transfer(bench, monkeypatch)
    assert observed.label == "stopped"
    backup = observed.saved[0]
    assert observed.next_action == (
        f"{UNFINISHED_TRANSFER} The verified backup of this run is {backup}. Run the "
        "procedure again to resume at step 1 of 1: Send."
    )


def test_ctrl_c_before_anything_was_sent_names_the_next_action(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = make_bench(tmp_path)
    bench.transport.arm(Phase.DETECT, Trap.CTRL_C)
    observed = op_restore_cli(bench, monkeypatch)
    assert observed.shown.endswith(
        "m1-wizard restore: stopped (Ctrl-C). Nothing was sent; the M1's memory is "
        "unchanged.\nRun the command again when ready.\n"
    )


def test_a_stopped_backup_says_so_on_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The operation reads a Ctrl-C message from stderr only, like every other failure.
    bench = make_bench(tmp_path)
    bench.transport.arm(Phase.BACKUP_RECEIVE, Trap.CTRL_C)
    observed = op_backup_cli(bench, monkeypatch)
    assert (observed.label, observed.sentence) == (
        "cancelled",
        "before the backup was saved; no file was written. Run the command again when ready.",
    )


@pytest.mark.parametrize("operation", [op_backup_cli, op_restore_cli])
def test_silence_from_a_playing_sequencer_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, operation: object
) -> None:
    # A playing M1 ignores every SysEx message (m1-sysex.md §5.6 rule 3); the advice for
    # silence named cables, EXCL and other programs, but not the sequencer.
    bench = make_bench(tmp_path)
    bench.emulator.state.sequencer_running = True
    assert callable(operation)
    observed = operation(bench, monkeypatch)
    assert observed.label == "silent"
    assert "that the M1's sequencer is stopped" in observed.next_action


def test_the_reach_checks_name_the_sequencer_too(tmp_path: Path) -> None:
    bench = make_bench(tmp_path)
    bench.emulator.state.sequencer_running = True
    session = session_of(bench)
    responds = m1_responds(session, {})
    exclusive = exclusive_enabled(session, {})
    assert responds.fix == SILENCE_FIX and "its sequencer is stopped" in SILENCE_FIX
    assert exclusive.fix == EXCL_FIX and "stop the M1's sequencer if it is playing" in EXCL_FIX
