"""The emulated M1's state: settings the panel changes and the battery-backed memory
(m1-sysex.md §4.4, §5; what is not documented is marked as an assumption)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from wizard.m1.constants import (
    COMBINATION_SIZE,
    GLOBAL_SIZE,
    PROGRAM_SIZE,
    SEQUENCE_FIXED_SIZE,
    Allocation,
    Mode,
)


def blank_programs(count: int) -> list[bytes]:
    """`count` zeroed program records."""
    return [bytes(PROGRAM_SIZE) for _ in range(count)]


def blank_combinations(count: int) -> list[bytes]:
    """`count` zeroed combination records."""
    return [bytes(COMBINATION_SIZE) for _ in range(count)]


@dataclass
class Memory:
    """One block of M1 memory (internal RAM or a RAM card): raw records, as dumps carry them.

    `programs` and `combinations` always hold `allocation.count` records; `sequence` is
    the sequencer block, 1522 + 4 x events bytes.
    """

    allocation: Allocation = Allocation.P100_C100
    global_data: bytes = bytes(GLOBAL_SIZE)
    programs: list[bytes] = field(default_factory=lambda: blank_programs(100))
    combinations: list[bytes] = field(default_factory=lambda: blank_combinations(100))
    sequence: bytes = bytes(SEQUENCE_FIXED_SIZE)

    def copy(self) -> Memory:
        """An independent copy (records are immutable bytes, the lists are new)."""
        return Memory(
            self.allocation,
            self.global_data,
            list(self.programs),
            list(self.combinations),
            self.sequence,
        )


class CardKind(Enum):
    """What sits in the program-card slot."""

    RAM = "ram"
    ROM = "rom"


@dataclass
class Card:
    """A program card in the top slot (MCR-03 RAM card or a ROM card).

    `formatted` is None for an unformatted RAM card; otherwise the card's layout
    (assumption: a RAM card formatted PROG/COMBI holds global + 100/100, §2.4 NOTE 4).
    """

    kind: CardKind = CardKind.RAM
    write_protected: bool = False
    battery_ok: bool = True
    formatted: Allocation | None = Allocation.P100_C100
    memory: Memory = field(default_factory=Memory)


@dataclass
class M1State:
    """Everything the emulated M1 remembers.

    Settings that no dump carries (channel, EXCL, protects, clock) live here and are
    changed only through the front panel, as on a real M1 (§4.4).
    """

    global_channel: int = 1
    excl_enabled: bool = True
    program_change_enabled: bool = True
    aftertouch_enabled: bool = True
    control_change_enabled: bool = True
    clock_external: bool = False
    protect_program: bool = True
    protect_combination: bool = True
    protect_sequence: bool = True
    mode: Mode = Mode.PROGRAM
    sequencer_running: bool = False
    recording: bool = False
    program_number: int = 0
    combination_number: int = 0
    song_number: int = 0
    edit_program: bytes = bytes(PROGRAM_SIZE)
    edit_combination: bytes = bytes(COMBINATION_SIZE)
    memory: Memory = field(default_factory=Memory)
    card: Card | None = None
    pcm_card: bool = False
    battery_low: bool = False
