"""Shared helpers for the emulator tests: hex strings to bytes and ready emulators."""

from __future__ import annotations

from wizard.emulator import Behaviour, Faults, M1Emulator, Timing, build_state
from wizard.emulator.state import M1State


def hx(text: str) -> bytes:
    """Bytes from a hex string written as in m1-sysex.md, e.g. "F0 42 30 19 23 F7"."""
    return bytes.fromhex(text)


def emulator(
    scenario: str = "factory",
    *,
    faults: Faults | None = None,
    behaviour: Behaviour | None = None,
    timing: Timing | None = None,
    state: M1State | None = None,
) -> M1Emulator:
    """An emulator on a fresh scenario state, instant unless a timing is given."""
    return M1Emulator(
        state if state is not None else build_state(scenario),
        timing=timing if timing is not None else Timing.instant(),
        faults=faults,
        behaviour=behaviour,
    )


def answer(m1: M1Emulator, message: str | bytes) -> list[bytes]:
    """The bytes of every reply to one message, in order."""
    data = hx(message) if isinstance(message, str) else message
    return [reply.data for reply in m1.receive(data)]


LOAD_COMPLETED = hx("F0 42 30 19 23 F7")
LOAD_ERROR = hx("F0 42 30 19 24 F7")
FORMAT_ERROR = hx("F0 42 30 19 26 F7")
WRITE_COMPLETED = hx("F0 42 30 19 21 F7")
WRITE_ERROR = hx("F0 42 30 19 22 F7")
