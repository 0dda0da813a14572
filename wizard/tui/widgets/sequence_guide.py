"""Where a person is in a front-panel key sequence, and what a key press does to it; pure."""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from wizard.m1.panel_keys import Choice, Key, Press


class PressOutcome(Enum):
    """What one key press meant for the sequence being followed."""

    ADVANCED = "advanced"
    """It was the next key; the guide moved on."""
    FINISHED = "finished"
    """It was the last key; the sequence is complete."""
    REPEATED = "repeated"
    """Another press of the choice just made (the guide's UP/DOWN means "until it shows")."""
    WRONG = "wrong"
    """Not the next key; the guide stays where it was."""
    FREE = "free"
    """No sequence is being followed, or it is already complete."""


def keys_of(step: Press) -> frozenset[Key]:
    """The keys that satisfy `step`: the key itself, or every option of a choice."""
    return frozenset(step.options) if isinstance(step, Choice) else frozenset({step})


class SequenceGuide:
    """Follows a key sequence press by press.

    Args:
        steps: The presses in order, as `parse_sequence` returns them.
    """

    def __init__(self, steps: Iterable[Press] = ()) -> None:
        self._steps = tuple(steps)
        self._position = 0

    @property
    def steps(self) -> tuple[Press, ...]:
        """The presses in order."""
        return self._steps

    @property
    def position(self) -> int:
        """How many presses are done; equals `len(steps)` once complete."""
        return self._position

    @property
    def finished(self) -> bool:
        """True once every press is done (never for an empty sequence)."""
        return bool(self._steps) and self._position >= len(self._steps)

    @property
    def next_step(self) -> Press | None:
        """The press to make now, None when there is none."""
        return self._steps[self._position] if self._position < len(self._steps) else None

    def expected(self) -> frozenset[Key]:
        """The keys that would count as the next press (both options of a choice)."""
        step = self.next_step
        return keys_of(step) if step is not None else frozenset()

    def advance(self) -> PressOutcome:
        """Count the next press as done, whichever key made it."""
        if self.next_step is None:
            return PressOutcome.FREE
        self._position += 1
        return PressOutcome.FINISHED if self.finished else PressOutcome.ADVANCED

    def press(self, key: Key) -> PressOutcome:
        """Count `key` against the sequence.

        The next key advances the guide. Pressing an option of the choice just made again
        is allowed without a hint, because a choice means "press until the display shows
        what you want". Any other key leaves the position as it was.
        """
        if not self._steps:
            return PressOutcome.FREE
        if key in self.expected():
            return self.advance()
        previous = self._steps[self._position - 1] if self._position > 0 else None
        if isinstance(previous, Choice) and key in previous.options:
            return PressOutcome.REPEATED
        return PressOutcome.FREE if self.finished else PressOutcome.WRONG
