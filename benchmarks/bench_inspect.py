"""Times `m1-wizard inspect` on a file of about 1 MB of concatenated dumps (target: 0.5 s).

Run with `uv run python -m benchmarks.bench_inspect`. The file is built in a temporary
folder from the real captures in ../shared/fixtures/m1/ when they are there, else from
synthetic dumps; nothing is written into the repository.
"""

from __future__ import annotations

import contextlib
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from wizard.cli import main
from wizard.m1.constants import COMBINATION_SIZE, GLOBAL_SIZE, PROGRAM_SIZE, SEQUENCE_FIXED_SIZE
from wizard.m1.messages import (
    AllCombinationsDump,
    AllProgramsDump,
    GlobalDump,
    SequenceDump,
)
from wizard.m1.records import Combination, GlobalData, Program, SequenceData

TARGET_SECONDS = 0.5
TARGET_BYTES = 1_000_000
ROUNDS = 5
CAPTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "m1"
CAPTURE_NAMES = ("ORIGPROG.SYX", "ORIGGLOB.SYX", "ORIGSEQS.SYX")


def _raw(size: int, seed: int) -> bytes:
    return bytes((i * 31 + seed * 17 + (i >> 5)) & 0xFF for i in range(size))


def synthetic_dumps() -> list[bytes]:
    """A program bank, a combination bank, global data and 2000 sequencer events."""
    programs = tuple(
        Program(f"Prog {n:02d}".ljust(10).encode() + _raw(PROGRAM_SIZE - 10, n)) for n in range(100)
    )
    combis = tuple(
        Combination(f"Combi {n:02d}".ljust(10).encode() + _raw(COMBINATION_SIZE - 10, n))
        for n in range(100)
    )
    return [
        AllProgramsDump(1, programs).to_bytes(),
        AllCombinationsDump(1, combis).to_bytes(),
        GlobalDump(1, GlobalData(_raw(GLOBAL_SIZE, 1))).to_bytes(),
        SequenceDump(1, SequenceData(_raw(SEQUENCE_FIXED_SIZE + 4 * 2000, 2))).to_bytes(),
    ]


def source_files() -> tuple[str, list[bytes]]:
    """The pieces to repeat, and where they come from."""
    found = [CAPTURES / name for name in CAPTURE_NAMES]
    if all(path.is_file() for path in found):
        return "real captures", [path.read_bytes() for path in found]
    return "synthetic dumps", synthetic_dumps()


def build_file(folder: Path) -> tuple[Path, str]:
    """Write about TARGET_BYTES of repeated dumps; return the path and the source."""
    source, pieces = source_files()
    block = b"".join(pieces)
    repeats = max(1, round(TARGET_BYTES / len(block)))
    path = folder / "many-dumps.syx"
    path.write_bytes(block * repeats)
    return path, source


def time_call(call: Callable[[], int]) -> list[float]:
    """Seconds of each of ROUNDS calls, output thrown away."""
    times = []
    for _ in range(ROUNDS):
        sink = io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(sink):
            code = call()
        times.append(time.perf_counter() - start)
        if code not in (0, 1):
            raise SystemExit(f"inspect exited with {code}")
    return times


def report(label: str, times: list[float]) -> bool:
    """Print one line of figures; True when the median meets the target."""
    median = statistics.median(times)
    verdict = "ok" if median <= TARGET_SECONDS else "SLOWER THAN TARGET"
    print(
        f"{label:<16} median {median:.3f} s  best {min(times):.3f} s  "
        f"worst {max(times):.3f} s  (target {TARGET_SECONDS} s: {verdict})"
    )
    return median <= TARGET_SECONDS


def run() -> int:
    """Build the file, time both output forms, print the figures; 0 when on target."""
    with tempfile.TemporaryDirectory() as folder:
        path, source = build_file(Path(folder))
        size = path.stat().st_size
        print(f"inspect benchmark: {size} bytes from {source}, {ROUNDS} rounds each")
        text_ok = report("inspect", time_call(lambda: main(["inspect", str(path)])))
        json_ok = report(
            "inspect --json", time_call(lambda: main(["inspect", "--json", str(path)]))
        )
    return 0 if text_ok and json_ok else 1


if __name__ == "__main__":
    sys.exit(run())
