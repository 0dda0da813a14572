"""`m1-wizard emulate` run as its own process on the test JACK server."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

READY_SECONDS = 30.0
STOP_SECONDS = 15.0
REPO = Path(__file__).resolve().parent.parent.parent


@dataclass
class Emulator:
    """A running `m1-wizard emulate` and the lines it has printed so far."""

    process: subprocess.Popen[str]
    name: str
    lines: queue.Queue[str | None] = field(default_factory=queue.Queue)
    seen: list[str] = field(default_factory=list)

    def wait_for(self, text: str) -> str:
        """The first printed line containing `text` (bounded wait)."""
        while True:
            try:
                line = self.lines.get(timeout=READY_SECONDS)
            except queue.Empty:
                pytest.fail(f"emulate printed no line with {text!r}; so far: {self.seen}")
            if line is None:
                pytest.fail(f"emulate ended before printing {text!r}; output: {self.seen}")
            self.seen.append(line)
            if text in line:
                return line

    def stop(self) -> int:
        """Ctrl-C, then the exit code."""
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=STOP_SECONDS)


def _pump(process: subprocess.Popen[str], lines: queue.Queue[str | None]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        lines.put(line.rstrip("\n"))
    lines.put(None)


@contextmanager
def running_emulator(*options: str) -> Iterator[Emulator]:
    """Start `m1-wizard emulate OPTIONS` under a unique port name; stop it afterwards.

    The JACK fixture must be active (it sets MIDO_BACKEND for children).
    """
    name = f"M1 emulator {uuid.uuid4().hex[:6]}"
    process = subprocess.Popen(
        [sys.executable, "-m", "wizard.cli", "emulate", "--name", name, *options],
        cwd=REPO,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    running = Emulator(process, name)
    threading.Thread(target=_pump, args=(process, running.lines), daemon=True).start()
    try:
        running.wait_for("Press Ctrl-C to stop.")
        yield running
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
