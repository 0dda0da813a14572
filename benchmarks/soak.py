"""Soak: consecutive backup -> restore -> verify cycles against one emulated M1, with a
random fault from the fault matrix switched on in a fraction of them. It counts what a
sceptical owner would ask about: undetected corruptions and lost backups (both must be
0) and failures left unexplained.

Each cycle is `m1-wizard restore FILE --yes` run in this process against the emulated M1
(a verified safety backup first, then the send, then the read-back), alternating a
factory-style and a used-style file, so every cycle overwrites different data. The M1
keeps its memory from cycle to cycle, half-finished restores included, as a real unit
would.

In a fraction of the cycles a second client meets the same M1 while the restore runs
(`benchmarks.soak_clients`): a second m1-wizard run on the same ports, which the port lock
must refuse, or another program whose traffic reaches the M1 and whose replies both hear.
Every cycle is bounded: one that does not end in time counts as a hang (must be 0).
Every other cycle goes through a raw MIDI device: a pseudo-terminal with the M1 at its
far end, opened with the real raw device transport (`--transport link|raw|both`).

Run with `uv run python -m benchmarks.soak [--cycles 200] [--fault-rate 0.3] [--seed N]
[--second-client-rate 0.25] [--transport both]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from benchmarks.soak_clients import SecondKind, SecondRun, alongside, deadline
from tests.reliability.bench import (
    OLD_BACKUP,
    TIMEOUTS,
    Bench,
    all_data,
    arm,
    raw_device_to,
    snapshot_files,
)
from tests.reliability.cells import OPERATIONS_BY_NAME, Cell
from tests.reliability.faults import FAULTS, Fault, TrappedTransport
from tests.reliability.operations import Observed, op_restore_cli
from tests.reliability.shared_m1 import SharedM1
from tests.reliability.verdicts import PARTS, assert_nothing_lost
from wizard.device.exchange import Exchange
from wizard.device.image import image_of
from wizard.emulator import Behaviour, Faults, M1Emulator, Timing, build_state
from wizard.emulator.state import Memory
from wizard.m1.constants import Allocation
from wizard.m1.syx_file import read_dump_bytes
from wizard.transport.link import EmulatorLink
from wizard.transport.port_lock import RUNTIME_VARIABLE

SETTINGS = (
    "excl_enabled",
    "protect_program",
    "protect_combination",
    "protect_sequence",
    "sequencer_running",
    "mode",
)
"""The M1 settings a fault may change; put back after each cycle."""
RESTORE = OPERATIONS_BY_NAME["restore"]
CYCLE_BOUND = 20.0
"""Seconds a cycle may take before it counts as a hang (cycles take well under 2 s)."""


def used_style_memory() -> Memory:
    """A stranger's sounds laid out for 100/100: the used scenario's 50 programs and 50
    combinations first, the factory's after them, its global data and its songs."""
    used, factory = build_state("used").memory, build_state("factory").memory
    return Memory(
        Allocation.P100_C100,
        used.global_data,
        used.programs + factory.programs[50:],
        used.combinations + factory.combinations[50:],
        used.sequence,
    )


@dataclass
class Tally:
    """What the soak counted."""

    cycles: int = 0
    raw_cycles: int = 0
    faults: Counter[str] = field(default_factory=Counter)
    verified: int = 0
    explained: Counter[str] = field(default_factory=Counter)
    unexplained: list[str] = field(default_factory=list)
    undetected: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    broken_promises: list[str] = field(default_factory=list)
    safety_backups: list[Path] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    second_clients: Counter[SecondKind] = field(default_factory=Counter)
    second_refused: int = 0
    second_rounds: int = 0


def _explained(observed: Observed) -> bool:
    """True when a failure was shown with what went wrong and what to do next."""
    if observed.label == "cancelled":
        return bool(observed.sentence)  # Ctrl-C: the state of the M1, and what to do
    return bool(observed.sentence) and bool(observed.next_action)


def _told(observed: Observed) -> set[str]:
    """The parts of memory the person was told may have changed."""
    words = {"global_data": "global", "combinations": "combination", "programs": "program"}
    words["sequence"] = "sequencer"
    restore = observed.restore
    texts = [observed.sentence]
    if restore is not None:
        texts += [*restore.acknowledged, restore.in_flight or ""]
    return {p for p, w in words.items() if any(w in t for t in texts)}


def _true_copy(path: Path, memory: Memory) -> bool:
    data = path.read_bytes()
    manifest = json.loads(path.with_suffix(".json").read_text())
    if manifest["sha256"] != hashlib.sha256(data).hexdigest():
        return False
    dump_file = read_dump_bytes(data, str(path))
    image = image_of(dump_file.dumps)
    return not dump_file.has_errors and (
        image.programs is not None
        and [p.raw for p in image.programs] == memory.programs
        and image.combinations is not None
        and [c.raw for c in image.combinations] == memory.combinations
        and image.global_data is not None
        and image.global_data.raw == memory.global_data
        and image.sequence is not None
        and image.sequence.raw == memory.sequence
    )


def run_cycle(
    number: int,
    emulator: M1Emulator,
    root: Path,
    files: Sequence[tuple[Path, Memory]],
    *,
    fault: Fault,
    tally: Tally,
    second: SecondKind | None = None,
    bound: float = CYCLE_BOUND,
    raw: bool = False,
) -> None:
    """One backup -> restore -> verify cycle with `fault` switched on, `second` alongside,
    within `bound` seconds, through a raw MIDI device (a pseudo-terminal with the M1 at its
    far end) when `raw` is set."""
    restore_file, intended = files[number % len(files)]
    tag = f"cycle {number + 1} ({fault.name})"
    shared = SharedM1(emulator)
    link = EmulatorLink(emulator) if second is None else shared.client()
    peer, inner = raw_device_to(link, root) if raw else (None, link)
    transport = TrappedTransport(inner)
    exchange = Exchange(transport, timeouts=TIMEOUTS, wire_rate=None)
    home = root / "home"
    backups = home / "units" / "soak" / "backups"
    bench = Bench(
        root, emulator, link, transport, exchange, home, backups, restore_file, intended, peer
    )
    settings = {name: getattr(emulator.state, name) for name in SETTINGS}
    patches = pytest.MonkeyPatch()
    companion: AbstractContextManager[SecondRun | None] = (
        nullcontext() if second is None else alongside(second, shared, link.ports, bound)
    )
    try:
        arm(bench, fault, patches)
        memory_before = emulator.state.memory.copy()
        files_before = snapshot_files(root)
        with companion as other, deadline(bound, link.close, lambda: _stuck(tag, tally)) as limit:
            observed = op_restore_cli(bench, patches)
    finally:
        patches.undo()
        bench.settle()
        for name, value in settings.items():
            setattr(emulator.state, name, value)
        emulator.faults, emulator.behaviour = Faults(), Behaviour()
    memory_after = emulator.state.memory.copy()
    files_after = snapshot_files(root)
    if limit.passed:
        tally.hangs.append(f"{tag}: not finished within {bound:.0f} s")
    if other is not None:
        _count_second(tag, other, tally)
    cell = Cell(
        fault, RESTORE, bench, observed, memory_before, memory_after, files_before, files_after
    )
    _judge(cell, tag, tally)


def _judge(cell: Cell, tag: str, tally: Tally) -> None:
    """Count what one cycle showed, and every promise it broke."""
    observed, intended = cell.observed, cell.bench.intended
    memory_before, memory_after = cell.memory_before, cell.memory_after
    files_before, files_after = cell.files_before, cell.files_after
    if observed.label == "ok":
        tally.verified += 1
        if any(getattr(memory_after, p) != getattr(intended, p) for p in PARTS):
            tally.undetected.append(f"{tag}: verified, but the memory is not the file")
    else:
        if _explained(observed):
            tally.explained[observed.label] += 1
        else:
            tally.unexplained.append(f"{tag}: {observed.shown.strip()[-200:]}")
        changed = {p for p in PARTS if getattr(memory_after, p) != getattr(memory_before, p)}
        if changed - _told(observed):
            tally.undetected.append(f"{tag}: {sorted(changed - _told(observed))} changed untold")
    for name, data in files_before.items():
        if files_after.get(name) != data:
            tally.lost.append(f"{tag}: {name} changed or went missing")
    for path in observed.saved:
        tally.safety_backups.append(path)
        if not _true_copy(path, memory_before):
            tally.lost.append(f"{tag}: the safety backup {path.name} is not the M1's memory")
    try:
        assert_nothing_lost(cell)
    except AssertionError as broken:
        tally.broken_promises.append(f"{tag}: {broken}")


def _count_second(tag: str, other: SecondRun, tally: Tally) -> None:
    tally.second_clients[other.kind] += 1
    tally.second_refused += other.refusal is not None
    tally.second_rounds += other.rounds
    if other.hung:
        tally.hangs.append(f"{tag}: the second client ({other.kind.value}) did not end")
    tally.broken_promises += [f"{tag}: second client: {p}" for p in other.problems]


def _stuck(tag: str, tally: Tally) -> None:
    """Said when a cycle will not end even with its MIDI connection closed."""
    print(f"soak: {tag} hangs even with its connection closed; giving up.", file=sys.stderr)
    print(f"soak: {tally.cycles} cycles had finished.", file=sys.stderr, flush=True)


def soak(
    cycles: int,
    fault_rate: float,
    seed: int,
    max_seconds: float,
    root: Path,
    *,
    second_rate: float = 0.0,
    transport: str = "both",
) -> Tally:
    """Run the cycles (stopping early past `max_seconds`) and return the tally; a
    fraction `second_rate` of them with a second client alongside; `transport` is "link"
    (in-process), "raw" (a raw MIDI device over a pseudo-terminal) or "both" (every other
    cycle over each)."""
    chooser = random.Random(seed)
    companions = random.Random(f"second clients {seed}")  # the faults drawn stay the same
    kinds = (SecondKind.LOCKED_OUT, SecondKind.OTHER_PROGRAM)
    state = build_state("factory")
    state.excl_enabled = True
    state.protect_program = state.protect_combination = state.protect_sequence = False
    emulator = M1Emulator(state, timing=Timing.instant())
    backups = root / "home" / "units" / "soak" / "backups"
    backups.mkdir(parents=True)
    (backups / OLD_BACKUP).write_bytes(all_data(build_state("used").memory, 5))
    (backups / OLD_BACKUP).with_suffix(".json").write_text('{"file": "old-backup.syx"}\n')
    (root / "files").mkdir()
    files = []
    for name, memory in (("used-style", used_style_memory()), ("factory", state.memory.copy())):
        path = root / "files" / f"{name}.syx"
        path.write_bytes(all_data(memory))
        files.append((path, memory))
    faulty = [f for f in FAULTS if f.name != "none"]
    none = next(f for f in FAULTS if f.name == "none")
    tally = Tally()
    start = time.monotonic()
    for number in range(cycles):
        if time.monotonic() - start > max_seconds:
            break
        fault = chooser.choice(faulty) if chooser.random() < fault_rate else none
        if fault is not none:
            tally.faults[fault.name] += 1
        second = None
        if companions.random() < second_rate:
            second = kinds[sum(tally.second_clients.values()) % len(kinds)]
        raw = transport == "raw" or (transport == "both" and number % 2 == 1)
        tally.raw_cycles += raw
        run_cycle(number, emulator, root, files, fault=fault, tally=tally, second=second, raw=raw)
        tally.cycles += 1
    for path in tally.safety_backups:  # every backup of the run is still whole at the end
        if not path.exists() or not path.with_suffix(".json").exists():
            tally.lost.append(f"end of run: {path.name} is gone")
    return tally


def print_summary(tally: Tally, seconds: float, args: argparse.Namespace) -> None:
    """The summary table (the README's Reliability section quotes one)."""
    print(
        f"soak: {tally.cycles} cycles in {seconds:.1f} s "
        f"(seed {args.seed}, fault rate {args.fault_rate:.2f})"
    )
    print(f"{'cycles over a raw MIDI device':<34}{tally.raw_cycles:>6}")
    print(f"{'faults injected':<34}{sum(tally.faults.values()):>6}")
    for name, count in sorted(tally.faults.items()):
        print(f"  {name:<32}{count:>6}")
    failed = sum(tally.explained.values()) + len(tally.unexplained)
    print(f"{'restored and verified':<34}{tally.verified:>6}")
    print(f"{'failed, explained':<34}{sum(tally.explained.values()):>6}")
    for label, count in sorted(tally.explained.items()):
        print(f"  {label:<32}{count:>6}")
    print(f"{'failed, unexplained':<34}{len(tally.unexplained):>6}")
    print(f"{'undetected corruptions':<34}{len(tally.undetected):>6}   (must be 0)")
    print(f"{'lost or damaged backups':<34}{len(tally.lost):>6}   (must be 0)")
    print(f"{'cycles breaking a matrix promise':<34}{len(tally.broken_promises):>6}")
    print(f"{'hangs (cycles not done in time)':<34}{len(tally.hangs):>6}   (must be 0)")
    print(f"{'safety backups saved, all checked':<34}{len(tally.safety_backups):>6}")
    print(f"{'cycles with a second client':<34}{sum(tally.second_clients.values()):>6}")
    for kind, count in sorted(tally.second_clients.items(), key=lambda item: item[0].value):
        print(f"  {kind.value:<32}{count:>6}")
    print(f"{'  refused by the port lock':<34}{tally.second_refused:>6}")
    print(f"{'  its detections + backups done':<34}{tally.second_rounds:>6}")
    assert tally.verified + failed == tally.cycles
    problems = tally.unexplained + tally.undetected + tally.lost + tally.broken_promises
    for problem in problems + tally.hangs:
        print(f"  ! {problem}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the soak and print its summary; 0 when nothing was lost or left unexplained."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.soak", description=__doc__)
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--fault-rate", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--max-seconds", type=float, default=300.0, help="stop starting cycles after this"
    )
    parser.add_argument(
        "--transport",
        choices=("both", "link", "raw"),
        default="both",
        help="the in-process link, a raw MIDI device over a pseudo-terminal, or every "
        "other cycle each (default)",
    )
    parser.add_argument(
        "--second-client-rate",
        type=float,
        default=0.25,
        help="fraction of cycles with a second client on the same M1",
    )
    args = parser.parse_args(argv)
    start = time.monotonic()
    with (
        tempfile.TemporaryDirectory(prefix="m1-wizard-soak-") as folder,
        tempfile.TemporaryDirectory(prefix="m1-wizard-soak-locks-") as locks,
    ):
        os.environ[RUNTIME_VARIABLE] = locks  # the soak's port locks, away from other runs'
        tally = soak(
            args.cycles,
            args.fault_rate,
            args.seed,
            args.max_seconds,
            Path(folder),
            second_rate=args.second_client_rate,
            transport=args.transport,
        )
    print_summary(tally, time.monotonic() - start, args)
    bad = tally.unexplained or tally.undetected or tally.lost or tally.broken_promises
    bad = bad or tally.hangs
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
