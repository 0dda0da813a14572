"""Run one fuzz target under atheris for a bounded time:
`uv run --with atheris python -m fuzz.run --target syx --seconds 600`.

atheris is not a project dependency (CI never needs it); `uv run --with atheris` fetches
it for the one run. The corpus grows in `fuzz/work/<target>/corpus`, crash inputs land in
`fuzz/work/<target>/crashes`; both are ignored by git. Each crash found should become a
regression test in `tests/reliability/test_fuzz_findings.py`.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

WORK = Path(__file__).resolve().parent / "work"
TARGET_NAMES = ("syx", "message", "zip", "yaml")
MAX_LENGTH = {"syx": 64 * 1024, "message": 64 * 1024, "zip": 64 * 1024, "yaml": 16 * 1024}
"""Largest input tried: an ALL DATA dump (53 361 bytes, m1-sysex.md §3.4) fits; procedure
files are a few kilobytes."""


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fuzz.run", description=__doc__)
    parser.add_argument("--target", choices=TARGET_NAMES, required=True)
    parser.add_argument("--seconds", type=int, default=600, help="run time (default 600)")
    parser.add_argument("--work", type=Path, default=WORK, help="corpus and crash folder")
    parser.add_argument(
        "extra", nargs="*", help="more libFuzzer options, e.g. -runs=1000 (after --)"
    )
    return parser.parse_args(argv)


def _instrumented_target(atheris: Any, name: str) -> tuple[Callable[[bytes], None], Any]:
    """The target (and the seed module) with the wizard's code, and PyYAML's Python
    parts, instrumented.

    The wizard must not be imported before this point, or its code would run
    uninstrumented and the fuzzer would be blind to coverage.
    """
    with atheris.instrument_imports(include=["wizard", "yaml", "fuzz"]):
        targets = importlib.import_module("fuzz.targets")
        corpus = importlib.import_module("fuzz.corpus")
    factory: Callable[[], Callable[[bytes], None]] = targets.TARGETS[name]
    return factory(), corpus


def main(argv: Sequence[str] | None = None) -> int:
    """Seed the corpus and fuzz until the time is up or a crash is found."""
    args = _arguments(argv)
    atheris = importlib.import_module("atheris")  # only here: not a project dependency
    target, corpus = _instrumented_target(atheris, args.target)
    folder = args.work / args.target / "corpus"
    crashes = args.work / args.target / "crashes"
    crashes.mkdir(parents=True, exist_ok=True)
    seeded = corpus.write_seeds(args.target, folder)
    print(f"fuzz {args.target}: {seeded} seeds in {folder}, {args.seconds} s", flush=True)
    options = [
        sys.argv[0],
        str(folder),
        f"-max_total_time={args.seconds}",
        f"-max_len={MAX_LENGTH[args.target]}",
        f"-artifact_prefix={crashes}/",
        "-rss_limit_mb=2048",
        "-timeout=20",
        "-print_final_stats=1",
        *args.extra,
    ]
    atheris.Setup(options, target)
    atheris.Fuzz()  # exits the process itself: 0 when time ran out, non-zero on a finding
    return 0


if __name__ == "__main__":
    sys.exit(main())
