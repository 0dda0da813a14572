"""Judging dumped M1 memory: does it look initialised (wiped after a battery loss)?
(m1-sysex.md §6.2)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from wizard.m1.records import Combination, Program, SequenceData

INITIALISED_SHARE = 0.9
"""Share of identical records that marks memory as initialised. After an init every
program holds the same basic sound (§6.2, owner reports); the exact bytes are unknown
(§9 item 9), so the test looks for sameness, not for particular contents. 90 % rather
than 100 % so that a wiped unit on which someone already saved a few sounds still counts."""


def largest_group(records: Sequence[bytes]) -> int:
    """How many of `records` are byte-identical to the most common one (0 for none)."""
    if not records:
        return 0
    return Counter(records).most_common(1)[0][1]


@dataclass(frozen=True)
class MemoryLook:
    """What a memory dump suggests about the state of the M1's memory.

    Attributes:
        programs: Number of programs looked at.
        same_programs: Size of the largest group of byte-identical programs.
        combinations: Number of combinations looked at, or None when not given.
        same_combinations: Largest group of identical combinations, or None.
        events: Sequencer events, or None when no sequence data was given.
    """

    programs: int
    same_programs: int
    combinations: int | None = None
    same_combinations: int | None = None
    events: int | None = None

    @property
    def initialised(self) -> bool:
        """True when programs (and combinations, if given) are nearly all the same."""
        if self.programs == 0 or self.same_programs < INITIALISED_SHARE * self.programs:
            return False
        if self.combinations is None or self.same_combinations is None:
            return True
        return self.combinations > 0 and (
            self.same_combinations >= INITIALISED_SHARE * self.combinations
        )


def look_at_memory(
    programs: Sequence[Program],
    combinations: Sequence[Combination] | None = None,
    sequence: SequenceData | None = None,
) -> MemoryLook:
    """Gather the evidence of `MemoryLook` from dumped records.

    Args:
        programs: The programs of a 4C or 50 dump.
        combinations: The combinations of a 4D or 50 dump, when read.
        sequence: The sequencer block of a 48 or 50 dump, when read (reported only: a
            song recorded after the init does not make the sounds come back).
    """
    return MemoryLook(
        programs=len(programs),
        same_programs=largest_group([p.raw for p in programs]),
        combinations=None if combinations is None else len(combinations),
        same_combinations=(
            None if combinations is None else largest_group([c.raw for c in combinations])
        ),
        events=None if sequence is None else sequence.events,
    )


def looks_initialised(
    programs: Sequence[Program],
    combinations: Sequence[Combination] | None = None,
) -> bool:
    """True when the memory looks wiped: (nearly) every program, and every combination
    when given, is the same record.

    Args:
        programs: The programs of a 4C or 50 dump.
        combinations: The combinations of a 4D or 50 dump, when read.
    """
    return look_at_memory(programs, combinations).initialised
