"""Pressing a keys step on the emulated M1's front panel and comparing its display with
what the step expects (for the scripted operator, the demo and `run --emulated`)."""

from __future__ import annotations

from collections.abc import Callable

from wizard.m1.panel_keys import Choice, Key
from wizard.procedure.model import KeysStep
from wizard.transport.link import EmulatorLink

Chooser = Callable[[Choice], Key]
"""Picks one key where the sequence offers a choice ("UP/DOWN")."""


def display_of(link: EmulatorLink) -> tuple[str, str]:
    """The emulated M1's two display lines."""
    with link.locked() as emulator:
        return emulator.display


def press_keys(link: EmulatorLink, step: KeysStep, choose: Chooser) -> list[Key]:
    """Press every key of `step` on the emulated panel, in order.

    Returns:
        The keys pressed (choices resolved).
    """
    pressed: list[Key] = []
    for item in step.keys:
        key = choose(item) if isinstance(item, Choice) else item
        link.press(key.value)
        pressed.append(key)
    return pressed


def _squeezed(text: str) -> str:
    return " ".join(text.split())


def display_matches(expected: tuple[str, ...], lines: tuple[str, str]) -> bool:
    """True when the display shows what a step expects.

    Each expected line need only give the part that matters, so it must appear inside
    the display line of the same number; a single expected line may appear on either
    line. Runs of spaces count as one.
    """
    if not expected:
        return True
    shown = tuple(_squeezed(line) for line in lines)
    if len(expected) == 1:
        return any(_squeezed(expected[0]) in line for line in shown)
    return all(_squeezed(want) in line for want, line in zip(expected, shown, strict=False))
