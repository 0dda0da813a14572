"""The matrix as data: every operation that talks to the M1, and one function that runs a
(fault, operation) cell and records the memory and the files before and after."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.device.helpers import JACK_LIMIT
from tests.reliability.bench import Bench, arm, make_bench, snapshot_files
from tests.reliability.faults import Fault
from tests.reliability.operations import (
    Observed,
    op_backup_cli,
    op_check,
    op_detect,
    op_engine_backup,
    op_engine_resumed_transfer,
    op_engine_transfer,
    op_read_back,
    op_restore_cli,
    op_restore_set_cli,
    prepare_check,
    prepare_restored,
    prepare_set_files,
    prepare_stopped_after_backup,
)
from wizard.cli.signals import stopping_cleanly
from wizard.emulator.state import Memory
from wizard.engine.checks import REGISTRY

Run = Callable[[Bench, Any, pytest.MonkeyPatch], Observed]


def _nothing(bench: Bench) -> None:
    return None


@dataclass(frozen=True)
class Operation:
    """One way m1-wizard talks to the M1.

    Attributes:
        name: The matrix's name for it.
        run: Runs it on a bench (with what `prepare` returned).
        prepare: Done without faults before the fault is switched on.
        limit: The MIDI system's message-size limit, when it has one.
        raw: Through a raw MIDI device (a pseudo-terminal) rather than the link.
    """

    name: str
    run: Run
    prepare: Callable[[Bench], Any] = _nothing
    limit: int | None = None
    raw: bool = False

    def __str__(self) -> str:
        return self.name


def _device(run: Callable[[Bench, pytest.MonkeyPatch], Observed]) -> Run:
    return lambda bench, prepared, monkeypatch: run(bench, monkeypatch)


def _check(name: str) -> Operation:
    return Operation(
        f"check {name}", op_check(name), prepare=lambda bench: prepare_check(bench, name)
    )


NOT_THE_M1 = frozenset({"interface_loopback"})
"""Checks that talk to the MIDI interface looped back on itself, not to an M1 (tested in
tests/engine/test_checks_interface.py)."""

OPERATIONS = (
    Operation("detect", _device(op_detect)),
    Operation("backup", _device(op_backup_cli)),
    Operation("restore", _device(op_restore_cli)),
    Operation("restore (16 KB MIDI)", _device(op_restore_cli), limit=JACK_LIMIT),
    Operation("restore (set of files)", op_restore_set_cli, prepare=prepare_set_files),
    Operation("restore (raw device)", _device(op_restore_cli), raw=True),
    Operation("read-back", _device(op_read_back), prepare=prepare_restored),
    *(_check(name) for name in sorted(REGISTRY) if name not in NOT_THE_M1),
    Operation("backup step", _device(op_engine_backup)),
    Operation("transfer step", _device(op_engine_transfer)),
    Operation(
        "resumed transfer step",
        _device(op_engine_resumed_transfer),
        prepare=prepare_stopped_after_backup,
    ),
)
OPERATIONS_BY_NAME = {o.name: o for o in OPERATIONS}


@dataclass(frozen=True)
class Cell:
    """What one cell did: the outcome seen, and memory and files before and after."""

    fault: Fault
    operation: Operation
    bench: Bench
    observed: Observed
    memory_before: Memory
    memory_after: Memory
    files_before: dict[str, bytes]
    files_after: dict[str, bytes]


def run_cell(fault: Fault, operation: Operation, root: Path, mp: pytest.MonkeyPatch) -> Cell:
    """Prepare a bench, switch the fault on, run the operation, switch everything off."""
    bench = make_bench(root, operation.limit, raw=operation.raw)
    try:
        prepared = operation.prepare(bench)
        arm(bench, fault, mp)
        memory_before = bench.emulator.state.memory.copy()
        files_before = snapshot_files(root)
        try:
            with stopping_cleanly():  # SIGTERM and SIGHUP are handled as `m1-wizard` does
                observed = operation.run(bench, prepared, mp)
        finally:
            mp.undo()  # the disk is whole again for the look at what is on it
    finally:
        bench.settle()
    memory_after = bench.emulator.state.memory.copy()
    files_after = snapshot_files(root)
    return Cell(
        fault,
        operation,
        bench,
        observed,
        memory_before,
        memory_after,
        files_before,
        files_after,
    )
