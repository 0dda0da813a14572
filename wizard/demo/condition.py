"""What the demo's home screen says about its emulated M1, judged from the M1 as it is now
(its memory wiped, or its sounds back after a restore) rather than from the scenario it
started in: the demo keeps its M1 between runs, so the scenario's first sentence stops
being true once the person has brought the sounds back."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.emulator.state import M1State
from wizard.m1.inspection import MemoryLook, largest_group


@dataclass(frozen=True)
class DemoAdvice:
    """The home screen's first line in the demo and the procedure it highlights.

    Attributes:
        hint: What the emulated M1 needs, in one sentence.
        start: The id of the procedure highlighted first.
    """

    hint: str
    start: str


WIPED = DemoAdvice(
    "This emulated M1 has just lost its memory: start with the battery replacement.",
    "battery-replacement",
)
EMPTY_AGAIN = DemoAdvice(
    "This emulated M1's memory holds only blank sounds: bring the sounds back with the "
    "factory restore.",
    "factory-restore",
)
SOUNDS_BACK = DemoAdvice(
    "This emulated M1 has its sounds back: play it, or try a backup.",
    "backup",
)
SECOND_HAND = DemoAdvice(
    "This emulated M1 comes from a stranger: start with the checklist for a second-hand M1.",
    "used-m1-checklist",
)
FACTORY = DemoAdvice("This emulated M1 holds its factory sounds: try a backup.", "backup")
BACKED_UP = DemoAdvice(
    "This emulated M1's sounds are in a backup now: try sending sounds in with the factory "
    "restore.",
    "factory-restore",
)

FIRST_ADVICE = {"battery-dead": WIPED, "used": SECOND_HAND, "factory": FACTORY}
"""What each scenario's M1 needs before anything was done to it."""


def memory_wiped(state: M1State) -> bool:
    """True when the emulated M1's internal programs are (nearly) all the same blank sound,
    judged as the live check judges a real M1's dump."""
    programs = state.memory.programs
    return MemoryLook(len(programs), largest_group(programs)).initialised


def demo_advice(scenario: str, state: M1State | None, backed_up: bool = False) -> DemoAdvice:
    """The home screen's demo line for `scenario`, given the emulated M1 as it is now
    (None before the demo's M1 was ever opened: the scenario's own advice) and whether a
    backup of it was saved."""
    first = FIRST_ADVICE.get(scenario, FACTORY)
    if state is None:
        return first
    if memory_wiped(state):
        return WIPED if first is WIPED else EMPTY_AGAIN
    if first is SECOND_HAND:
        return first  # the checklist is still the way through a stranger's M1
    return BACKED_UP if backed_up else (SOUNDS_BACK if first is WIPED else first)
