"""The M1 dumps that carry sounds, songs and global data, from one program to ALL DATA
(m1-sysex.md §2.1, §3.4-§3.6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from wizard.errors import BuildError
from wizard.m1.constants import (
    COMBINATION_SIZE,
    MAX_EVENT_FIELD,
    PROGRAM_SIZE,
    Allocation,
    Bank,
    Function,
)
from wizard.m1.message_base import KorgMessage, allocation_byte
from wizard.m1.message_kinds import MessageKind
from wizard.m1.packing import pack
from wizard.m1.records import Combination, GlobalData, Program, SequenceData


@dataclass(frozen=True)
class ProgramDump(KorgMessage):
    """PROGRAM PARAMETER DUMP 40: the program edit buffer (170 bytes)."""

    program: Program = field(default_factory=lambda: Program(bytes(PROGRAM_SIZE)))
    KIND: ClassVar[MessageKind] = MessageKind.PROGRAM

    @property
    def function(self) -> Function:
        return Function.PROGRAM_DUMP

    def body(self) -> bytes:
        return pack(self.program.raw)


@dataclass(frozen=True)
class CombinationDump(KorgMessage):
    """COMBINATION PARAMETER DUMP 49: the combination edit buffer (148 bytes)."""

    combination: Combination = field(default_factory=lambda: Combination(bytes(COMBINATION_SIZE)))
    KIND: ClassVar[MessageKind] = MessageKind.COMBINATION

    @property
    def function(self) -> Function:
        return Function.COMBINATION_DUMP

    def body(self) -> bytes:
        return pack(self.combination.raw)


def _check_count(items: tuple[object, ...], allocation: Allocation, what: str) -> None:
    if len(items) != allocation.count:
        raise BuildError(
            f"{allocation.short} memory holds {allocation.count} {what}, got {len(items)}."
        )


@dataclass(frozen=True)
class AllProgramsDump(KorgMessage):
    """ALL PROGRAM PARAMETER DUMP 4C: every program of one bank."""

    programs: tuple[Program, ...] = ()
    bank: Bank = Bank.INTERNAL
    allocation: Allocation = Allocation.P100_C100
    KIND: ClassVar[MessageKind] = MessageKind.ALL_PROGRAMS

    def __post_init__(self) -> None:
        _check_count(self.programs, self.allocation, "programs")

    @property
    def function(self) -> Function:
        return Function.ALL_PROGRAMS_DUMP

    def body(self) -> bytes:
        raw = b"".join(p.raw for p in self.programs)
        return bytes((allocation_byte(self.bank, self.allocation),)) + pack(raw)


@dataclass(frozen=True)
class AllCombinationsDump(KorgMessage):
    """ALL COMBINATION PARAMETER DUMP 4D: every combination of one bank."""

    combinations: tuple[Combination, ...] = ()
    bank: Bank = Bank.INTERNAL
    allocation: Allocation = Allocation.P100_C100
    KIND: ClassVar[MessageKind] = MessageKind.ALL_COMBINATIONS

    def __post_init__(self) -> None:
        _check_count(self.combinations, self.allocation, "combinations")

    @property
    def function(self) -> Function:
        return Function.ALL_COMBINATIONS_DUMP

    def body(self) -> bytes:
        raw = b"".join(c.raw for c in self.combinations)
        return bytes((allocation_byte(self.bank, self.allocation),)) + pack(raw)


@dataclass(frozen=True)
class GlobalDump(KorgMessage):
    """GLOBAL DATA DUMP 51: global settings and drum kits (991 bytes)."""

    data: GlobalData = field(default_factory=lambda: GlobalData(bytes(861)))
    bank: Bank = Bank.INTERNAL
    KIND: ClassVar[MessageKind] = MessageKind.GLOBAL

    @property
    def function(self) -> Function:
        return Function.GLOBAL_DUMP

    def body(self) -> bytes:
        return bytes((int(self.bank),)) + pack(self.data.raw)


def _event_bytes(events: int) -> bytes:
    if not 0 <= events <= MAX_EVENT_FIELD:
        raise BuildError(f"{events} sequencer events do not fit the size field.")
    return bytes((events & 0x7F, events >> 7))  # §3.5: low 7 bits first


@dataclass(frozen=True)
class SequenceDump(KorgMessage):
    """ALL SEQUENCE DATA DUMP 48: the sequencer block with its event count."""

    sequence: SequenceData = field(default_factory=lambda: SequenceData(bytes(1522)))
    bank: Bank = Bank.INTERNAL
    allocation: Allocation = Allocation.P100_C100
    KIND: ClassVar[MessageKind] = MessageKind.SEQUENCE

    @property
    def function(self) -> Function:
        return Function.SEQUENCE_DUMP

    def body(self) -> bytes:
        return (
            bytes((allocation_byte(self.bank, self.allocation),))
            + _event_bytes(self.sequence.events)
            + pack(self.sequence.raw)
        )


@dataclass(frozen=True)
class AllDataDump(KorgMessage):
    """ALL DATA DUMP 50: global, combinations, programs, sequence in that order (§3.6)."""

    global_data: GlobalData = field(default_factory=lambda: GlobalData(bytes(861)))
    combinations: tuple[Combination, ...] = ()
    programs: tuple[Program, ...] = ()
    sequence: SequenceData = field(default_factory=lambda: SequenceData(bytes(1522)))
    bank: Bank = Bank.INTERNAL
    allocation: Allocation = Allocation.P100_C100
    KIND: ClassVar[MessageKind] = MessageKind.ALL_DATA

    def __post_init__(self) -> None:
        _check_count(self.programs, self.allocation, "programs")
        _check_count(self.combinations, self.allocation, "combinations")

    @property
    def function(self) -> Function:
        return Function.ALL_DATA_DUMP

    def body(self) -> bytes:
        raw = (
            self.global_data.raw
            + b"".join(c.raw for c in self.combinations)
            + b"".join(p.raw for p in self.programs)
            + self.sequence.raw
        )
        return (
            bytes((allocation_byte(self.bank, self.allocation),))
            + _event_bytes(self.sequence.events)
            + pack(raw)
        )
