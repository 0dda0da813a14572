"""Restore pacing: a full 100/100 memory into the emulated M1 at real MIDI speed.

Run with `uv run python -m benchmarks.bench_restore` (about a minute). It reports:

- the sending phase as a ratio of its time to what the bytes need on a 31 250-baud cable
  plus the emulator's processing delays (target: at most 1.10);
- the same data under MIDI-OX's default pacing (256-byte buffers, 60 ms after each buffer
  and 60 ms after each F7), worked out from that rule for the same messages;
- the read-back phase on its own line.

The data is the real factory set from ../shared/fixtures/m1/ when present (programs,
global and songs, sent as three messages), else the synthetic factory memory as one ALL
DATA message.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

from wizard.device.backup import take_backup
from wizard.device.detect import detect
from wizard.device.exchange import Exchange
from wizard.device.restore import RestoreState, plan_restore, read_back, send_plan, verify
from wizard.emulator import M1Emulator, Timing, build_state
from wizard.emulator.timing import DEFAULT_PROCESSING_DELAY
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.m1.syx_file import read_dump_bytes
from wizard.transport.link import EmulatorLink

TARGET_RATIO = 1.10
MIDI_OX_BUFFER = 256
MIDI_OX_BUFFER_GAP = 0.060
MIDI_OX_AFTER_F7 = 0.060
CAPTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "m1"


def restore_data() -> tuple[bytes, str]:
    """The bytes to restore and where they come from."""
    names = ("ORIGGLOB.SYX", "ORIGPROG.SYX", "ORIGSEQS.SYX")
    if all((CAPTURES / n).is_file() for n in names):
        return b"".join((CAPTURES / n).read_bytes() for n in names), "real factory captures"
    state = build_state("factory")
    link = EmulatorLink(M1Emulator(state, timing=Timing.instant()))
    exchange = Exchange(link, wire_rate=None)
    (dump,) = take_backup(exchange, detect(exchange), "all").dumps
    return dump.to_bytes(), "synthetic factory memory"


def midi_ox_seconds(lengths: list[int]) -> float:
    """Time MIDI-OX's default pacing needs: every 256-byte buffer goes out at wire speed
    and is followed by 60 ms, every message end by another 60 ms (no acknowledgement)."""
    total = 0.0
    for length in lengths:
        buffers = math.ceil(length / MIDI_OX_BUFFER)
        total += length / WIRE_BYTES_PER_SECOND + buffers * MIDI_OX_BUFFER_GAP
        total += MIDI_OX_AFTER_F7
    return total


def main() -> int:
    """Run the restore once with real timing and print the figures."""
    data, origin = restore_data()
    state = build_state("battery-dead")
    state.excl_enabled = True
    state.protect_program = state.protect_combination = state.protect_sequence = False
    emulator = M1Emulator(state, timing=Timing.real())
    exchange = Exchange(EmulatorLink(emulator))
    found = detect(exchange)
    plan = plan_restore(read_dump_bytes(data, origin), found.channel, found.allocation, None)
    lengths = [len(load.to_bytes()) for load in plan.loads]
    wire = sum(lengths) / WIRE_BYTES_PER_SECOND
    processing = DEFAULT_PROCESSING_DELAY * len(lengths)
    start = time.monotonic()
    send_plan(exchange, plan, RestoreState())
    sending = time.monotonic() - start
    start = time.monotonic()
    read = read_back(exchange, plan)
    reading = time.monotonic() - start
    verify(plan, read)
    ratio = sending / (wire + processing)
    midi_ox = midi_ox_seconds(lengths)
    midi_ox_ratio = midi_ox / (wire + processing)
    print(f"data: {origin}, {len(lengths)} message(s), {sum(lengths):,} bytes")
    print(f"wire time of the bytes:        {wire:7.2f} s (+ {processing:.2f} s processing)")
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(
        f"m1-wizard sending phase:       {sending:7.2f} s  ratio {ratio:.3f} "
        f"(target <= {TARGET_RATIO:.2f}) {verdict}"
    )
    print(
        f"MIDI-OX default pacing:        {midi_ox:7.2f} s  ratio {midi_ox_ratio:.3f} "
        "(and no acknowledgement, no read-back)"
    )
    print(f"m1-wizard read-back phase:     {reading:7.2f} s  (verified identical)")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
