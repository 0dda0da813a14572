"""Measures mido 1.3.3's MidiFile against wizard.m1.smf on hostile and damaged MIDI files.

Run with `uv run python -m benchmarks.bench_smf_mido` (about half a minute). It prints:

- the time each reader takes on one delta time written as n bytes of FF (mido reads a
  variable-length quantity of any length, and its cost grows with the square of n; the
  project's reader stops at 4 bytes), and on a single sysex event of about 1 MB (time and
  peak memory);
- a survey of mutated copies of the fuzz corpus's MIDI files: what mido raises, and on how
  many of the files it rejects the project's reader still finds a complete message.

These numbers are the evidence in the docstring of wizard/m1/smf.py; nothing here is a
pass/fail test.
"""

from __future__ import annotations

import io
import random
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable

import mido

from fuzz.corpus import file_seeds
from wizard.m1.smf import read_smf

HEADER = bytes.fromhex("4D546864 00000006 0000 0001 0060")
DELTA_LENGTHS = (40_000, 80_000, 160_000, 320_000)
SYSEX_BYTES = 999_998  # mido refuses any event over 1 000 000 bytes
MUTANTS = 3000


def track(events: bytes) -> bytes:
    """An MTrk chunk around `events`."""
    return b"MTrk" + len(events).to_bytes(4, "big") + events


def quantity(value: int) -> bytes:
    """A variable-length quantity, 7 bits a byte, high bit set on all but the last."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def with_mido(data: bytes) -> object:
    return mido.MidiFile(file=io.BytesIO(data))


def seconds(call: Callable[[bytes], object], data: bytes) -> float:
    start = time.perf_counter()
    call(data)
    return time.perf_counter() - start


def timings() -> None:
    """Both readers on long delta times and on one large sysex."""
    print("input                                   mido        wizard.m1.smf")
    cases = [
        (f"delta time of {n} FF bytes", HEADER + track(b"\xff" * n + b"\x00\x90\x3c\x40"))
        for n in DELTA_LENGTHS
    ]
    body = bytes(i % 0x7F + 1 for i in range(SYSEX_BYTES))
    events = b"\x00\xf0" + quantity(len(body) + 1) + body + b"\xf7\x00\xff\x2f\x00"
    cases.append((f"one sysex event of {len(body) + 2} bytes", HEADER + track(events)))
    for name, data in cases:
        theirs, ours = seconds(with_mido, data), seconds(read_smf, data)
        print(f"{name:38s} {theirs:8.3f} s  {ours:8.4f} s")
    data = cases[-1][1]
    print(f"{'peak memory on the sysex (tracemalloc)':38s}", end="")
    for call in (with_mido, read_smf):
        tracemalloc.start()
        call(data)
        print(f" {tracemalloc.get_traced_memory()[1] / 1e6:8.1f} MB", end="")
        tracemalloc.stop()
    print()


def mutated(seed: bytes, rng: random.Random) -> bytes:
    """The seed with 1-6 bytes changed, inserted, removed or the tail cut off."""
    data = bytearray(seed)
    for _ in range(rng.randint(1, 6)):
        where = rng.randrange(max(len(data), 1))
        match rng.choice(("change", "insert", "remove", "cut")):
            case "change" if data:
                data[where] = rng.randrange(256)
            case "insert":
                data[where:where] = rng.randbytes(rng.randint(1, 8))
            case "remove" if data:
                del data[where : where + rng.randint(1, 8)]
            case "cut":
                del data[where:]
            case _:
                pass
    return bytes(data)


def survey() -> None:
    """What mido raises on damaged files, and what it loses that the own reader keeps."""
    seeds = [data for _, data in file_seeds() if data.startswith(b"MThd")]
    rng = random.Random(1)
    raised: Counter[str] = Counter()
    lost = 0
    for _ in range(MUTANTS):
        data = mutated(rng.choice(seeds), rng)
        try:
            with_mido(data)
        except Exception as failure:  # counting every kind is the point
            raised[type(failure).__name__] += 1
            if data.startswith(b"MThd") and any(s.terminated for s in read_smf(data).spans):
                lost += 1
    print(f"\n{MUTANTS} mutated copies of the fuzz corpus's MIDI files:")
    print(f"  mido read {MUTANTS - raised.total()} and raised on {raised.total()}:")
    for name, count in raised.most_common():
        print(f"    {count:5d} {name}")
    print(f"  wizard.m1.smf still found a complete message in {lost} of those")


def main() -> None:
    """Print the timings and the survey."""
    timings()
    survey()


if __name__ == "__main__":
    main()
