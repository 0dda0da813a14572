"""Times the emulated M1 on its heaviest work: building the scenarios, answering an ALL
DATA request, and taking an ALL DATA load (target: 0.1 s each, so that tests driving the
emulator stay quick).

Run with `uv run python -m benchmarks.bench_emulator`.
"""

from __future__ import annotations

import functools
import statistics
import sys
import time
from collections.abc import Callable

from wizard.emulator import SCENARIOS, M1Emulator, Timing, build_state

TARGET_SECONDS = 0.1
ROUNDS = 7
ALL_DATA_REQUEST = bytes.fromhex("F0 42 30 19 0F 00 F7")


def time_call(call: Callable[[], object]) -> list[float]:
    """Seconds of each of ROUNDS calls."""
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> bool:
    """Print one line of figures; True when the median meets the target."""
    median = statistics.median(times)
    verdict = "ok" if median <= TARGET_SECONDS else "SLOWER THAN TARGET"
    print(
        f"{label:<28} median {median:.4f} s  best {min(times):.4f} s  "
        f"worst {max(times):.4f} s  (target {TARGET_SECONDS} s: {verdict})"
    )
    return median <= TARGET_SECONDS


def _all_data() -> bytes:
    m1 = M1Emulator(build_state("factory"), timing=Timing.instant())
    (reply,) = m1.receive(ALL_DATA_REQUEST)
    return reply.data


def _load(dump: bytes) -> None:
    m1 = M1Emulator(build_state("factory"), timing=Timing.instant())
    replies = m1.receive(dump)
    if [r.data for r in replies] != [bytes.fromhex("F0 42 30 19 23 F7")]:
        raise SystemExit("the ALL DATA load was not accepted")


def run() -> int:
    """Time each piece of work and print the figures; 0 when all are on target."""
    print(f"emulator benchmark, {ROUNDS} rounds each")
    results = [
        report(f"build_state({name!r})", time_call(functools.partial(build_state, name)))
        for name in SCENARIOS
    ]
    dump = _all_data()
    results.append(report(f"ALL DATA request ({len(dump)} B)", time_call(_all_data)))
    results.append(report("ALL DATA load", time_call(lambda: _load(dump))))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(run())
