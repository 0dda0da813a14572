"""The four parts of the M1's internal memory (global, combinations, programs, sequence,
m1-sysex.md §3.6), which bank dump replaces which, and the dumps of one file or set that
would replace the same part twice (only the last would stay in the M1)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wizard.m1.dumps import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    GlobalDump,
    SequenceDump,
)
from wizard.m1.message_base import KorgMessage
from wizard.m1.report import contents_of, describe_contents


class Part:
    """Names of the four parts of M1 memory, in ALL DATA order (§3.6)."""

    GLOBAL = "global"
    COMBINATIONS = "combinations"
    PROGRAMS = "programs"
    SEQUENCE = "sequence"
    ALL = (GLOBAL, COMBINATIONS, PROGRAMS, SEQUENCE)


DOUBLE_PART_NEXT = (
    "m1-wizard will not send these together: keep the one you want in a file of its own "
    "(or choose another file) and send that."
)
PART_WORDS = {
    Part.GLOBAL: "the global settings",
    Part.COMBINATIONS: "the combinations",
    Part.PROGRAMS: "the programs",
    Part.SEQUENCE: "the songs (sequencer data)",
}


def parts_of(message: KorgMessage) -> tuple[str, ...]:
    """The parts of memory a bank dump replaces; none for any other message."""
    match message:
        case AllDataDump():
            return Part.ALL
        case GlobalDump():
            return (Part.GLOBAL,)
        case AllCombinationsDump():
            return (Part.COMBINATIONS,)
        case AllProgramsDump():
            return (Part.PROGRAMS,)
        case SequenceDump():
            return (Part.SEQUENCE,)
    return ()


@dataclass(frozen=True)
class Overlap:
    """Two dumps that replace the same part of memory with different data.

    Attributes:
        parts: The parts both replace.
        first: Index of the earlier dump in the sequence examined.
        second: Index of the later one.
        first_holds: What the earlier one holds, in words.
        second_holds: What the later one holds, in words.
    """

    parts: tuple[str, ...]
    first: int
    second: int
    first_holds: str
    second_holds: str

    def sentence(self, first_name: str, second_name: str) -> str:
        """The conflict in words, naming each dump as the caller calls it."""
        what = " and ".join(PART_WORDS[p] for p in self.parts)
        return (
            f"{first_name} ({self.first_holds}) and {second_name} ({self.second_holds}) both "
            f"hold {what}; sent together, only the last would stay in the M1."
        )


def same_data(one: KorgMessage, other: KorgMessage) -> bool:
    """True when two dumps hold the same data (the channel they name aside)."""
    return type(one) is type(other) and one.to_bytes()[3:] == other.to_bytes()[3:]


def overlaps(dumps: Sequence[KorgMessage]) -> list[Overlap]:
    """Every pair of dumps that would replace one part twice with different data.

    A byte-identical repeat is no conflict (it is sent once: see `repeats`).
    """
    found: list[Overlap] = []
    for later, dump in enumerate(dumps):
        for earlier, other in enumerate(dumps[:later]):
            shared = tuple(p for p in parts_of(other) if p in parts_of(dump))
            if not shared or same_data(other, dump):
                continue
            holds = (describe_contents(contents_of(other)), describe_contents(contents_of(dump)))
            found.append(Overlap(shared, earlier, later, *holds))
    return found


def repeats(dumps: Sequence[KorgMessage]) -> list[tuple[int, int]]:
    """(earlier, later) index pairs of dumps that repeat an earlier one exactly."""
    found: list[tuple[int, int]] = []
    for later, dump in enumerate(dumps):
        earlier = next(
            (i for i in range(later) if parts_of(dumps[i]) and same_data(dumps[i], dump)), None
        )
        if earlier is not None:
            found.append((earlier, later))
    return found
