"""Times the transport: reassembling an ALL DATA dump from 256-byte pieces (target:
0.05 s, small beside the 16 s the dump takes on the cable), and how close the emulator
link's real-timing delivery of a program bank comes to its 5.2 s wire time (target:
within 0.1 s).

Run with `uv run python -m benchmarks.bench_transport` (the second part takes about 6 s).
"""

from __future__ import annotations

import statistics
import sys
import time

from wizard.emulator.machine import M1Emulator
from wizard.emulator.scenarios import build_state
from wizard.emulator.timing import Timing
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.transport.link import EmulatorLink
from wizard.transport.receiving import QueuedPieces, StreamReceiver

ROUNDS = 7
ASSEMBLY_TARGET = 0.05
DELIVERY_TOLERANCE = 0.1
ALL_DATA_LENGTH = 49791  # factory ALL DATA, m1-sysex.md §3.4
ALL_PROGRAMS_REQUEST = bytes.fromhex("F0 42 30 19 1C 00 F7")


def _reassemble_once(message: bytes) -> float:
    pieces = QueuedPieces()
    for start in range(0, len(message), 256):
        # Active sensing between pieces, as a real M1 may interleave it.
        pieces.put(message[start : start + 256] + b"\xfe")
    receiver = StreamReceiver(pieces)
    began = time.perf_counter()
    received = receiver.receive(1.0)
    elapsed = time.perf_counter() - began
    if received != message:
        raise SystemExit("reassembly returned something else than was sent")
    return elapsed


def reassembly() -> bool:
    """Median time to reassemble the dump; True when on target."""
    message = b"\xf0" + bytes(i % 0x80 for i in range(ALL_DATA_LENGTH - 2)) + b"\xf7"
    times = [_reassemble_once(message) for _ in range(ROUNDS)]
    median = statistics.median(times)
    verdict = "ok" if median <= ASSEMBLY_TARGET else "SLOWER THAN TARGET"
    print(
        f"reassemble {ALL_DATA_LENGTH} B in 256 B pieces: median {median:.4f} s, "
        f"worst {max(times):.4f} s (target {ASSEMBLY_TARGET} s: {verdict})"
    )
    return median <= ASSEMBLY_TARGET


def delivery() -> bool:
    """How long a program bank takes over the real-timing link; True when close to wire time."""
    timing = Timing(wire_rate=float(WIRE_BYTES_PER_SECOND))
    with EmulatorLink(M1Emulator(build_state("factory"), timing=timing)) as link:
        began = time.monotonic()
        link.send(ALL_PROGRAMS_REQUEST)
        bank = link.receive(1.0)
        elapsed = time.monotonic() - began
    if bank is None:
        raise SystemExit("the program bank did not arrive")
    expected = (len(ALL_PROGRAMS_REQUEST) + len(bank)) / WIRE_BYTES_PER_SECOND
    error = elapsed - expected
    verdict = "ok" if abs(error) <= DELIVERY_TOLERANCE else "OFF TARGET"
    print(
        f"program bank over a 3125 B/s link: {elapsed:.3f} s for {expected:.3f} s of wire "
        f"time, off by {error:+.3f} s (tolerance {DELIVERY_TOLERANCE} s: {verdict})"
    )
    return abs(error) <= DELIVERY_TOLERANCE


def run() -> int:
    """Both measurements; 0 when both are on target."""
    results = [reassembly(), delivery()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(run())
