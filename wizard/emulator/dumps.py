"""Dumps the emulated M1 builds from its memory and stores from the host, plus the status
bytes of MODE DATA (m1-sysex.md §2.1, §2.4, §3.4-§3.6)."""

from __future__ import annotations

from wizard.emulator.state import Card, CardKind, M1State, Memory
from wizard.m1.constants import Bank, Function
from wizard.m1.messages import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    KorgMessage,
    ModeData,
    ProgramDump,
    SequenceDump,
)
from wizard.m1.records import Combination, GlobalData, Program, SequenceData

BANK_DUMPS = frozenset(
    {
        Function.ALL_PROGRAMS_DUMP,
        Function.ALL_COMBINATIONS_DUMP,
        Function.SEQUENCE_DUMP,
        Function.GLOBAL_DUMP,
        Function.ALL_DATA_DUMP,
    }
)
EDIT_DUMPS = frozenset({Function.PROGRAM_DUMP, Function.COMBINATION_DUMP})

# §2.4 NOTE 4: program-card status `00ll 00kk`.
_CARD_NONE = 0x00
_CARD_FOREIGN_ROM = 0x01
_CARD_UNFORMATTED_RAM = 0x02
_CARD_ROM = 1
_CARD_RAM_OPEN = 2
_CARD_RAM_PROTECTED = 3
# §2.4 NOTE 5: PCM-card status.
_PCM_ABSENT = 1
_PCM_PRESENT = 2


def card_status(card: Card | None) -> int:
    """MODE DATA byte 3 for the card in the slot (§2.4 NOTE 4).

    The card's allocation stands for the format bits `kk` (0 = global + 100/100,
    1 = global + 50/50); the sequencer-only format is not modelled.
    """
    if card is None:
        return _CARD_NONE
    if card.formatted is None:
        return _CARD_FOREIGN_ROM if card.kind is CardKind.ROM else _CARD_UNFORMATTED_RAM
    if card.kind is CardKind.ROM:
        kind = _CARD_ROM
    else:
        kind = _CARD_RAM_PROTECTED if card.write_protected else _CARD_RAM_OPEN
    return (kind << 4) | int(card.formatted)


def mode_data(state: M1State, channel: int) -> ModeData:
    """The MODE DATA message (42) describing `state` (§2.4)."""
    return ModeData(
        channel,
        int(state.mode),
        int(state.memory.allocation),
        card_status(state.card),
        _PCM_PRESENT if state.pcm_card else _PCM_ABSENT,
    )


def readable_memory(state: M1State, bank: Bank) -> Memory | None:
    """The memory a bulk request for `bank` reads, or None when there is none to read.

    A card is readable when it holds M1 data (ROM or formatted RAM), write protect or not.
    """
    if bank is Bank.INTERNAL:
        return state.memory
    card = state.card
    if card is None or card.formatted is None:
        return None
    return card.memory


def writable_memory(state: M1State, bank: Bank) -> Memory | None:
    """The memory a bulk load or write into `bank` changes, or None when it cannot.

    A card takes data only when it is a formatted RAM card with its switch off.
    """
    if bank is Bank.INTERNAL:
        return state.memory
    card = state.card
    if (
        card is None
        or card.kind is not CardKind.RAM
        or card.formatted is None
        or card.write_protected
    ):
        return None
    return card.memory


def edit_dump(state: M1State, function: Function, channel: int) -> KorgMessage:
    """The program (40) or combination (49) edit buffer as a message."""
    if function is Function.PROGRAM_DUMP:
        return ProgramDump(channel, Program(state.edit_program))
    if function is Function.COMBINATION_DUMP:
        return CombinationDump(channel, Combination(state.edit_combination))
    raise ValueError(f"{function.name} is not an edit-buffer dump")


def bank_dump(memory: Memory, function: Function, bank: Bank, channel: int) -> KorgMessage:
    """One of the bank dumps (4C, 4D, 48, 51, 50) of `memory`, laid out for its allocation."""
    programs = tuple(Program(raw) for raw in memory.programs)
    combinations = tuple(Combination(raw) for raw in memory.combinations)
    allocation = memory.allocation
    match function:
        case Function.ALL_PROGRAMS_DUMP:
            return AllProgramsDump(channel, programs, bank, allocation)
        case Function.ALL_COMBINATIONS_DUMP:
            return AllCombinationsDump(channel, combinations, bank, allocation)
        case Function.SEQUENCE_DUMP:
            return SequenceDump(channel, SequenceData(memory.sequence), bank, allocation)
        case Function.GLOBAL_DUMP:
            return GlobalDump(channel, GlobalData(memory.global_data), bank)
        case Function.ALL_DATA_DUMP:
            return AllDataDump(
                channel,
                GlobalData(memory.global_data),
                combinations,
                programs,
                SequenceData(memory.sequence),
                bank,
                allocation,
            )
        case _:
            raise ValueError(f"{function.name} is not a bank dump")


def store_bank_dump(memory: Memory, message: KorgMessage) -> None:
    """Copy a bank dump's records into `memory`; the caller has checked the allocation."""
    match message:
        case AllProgramsDump(programs=programs):
            memory.programs = [p.raw for p in programs]
        case AllCombinationsDump(combinations=combinations):
            memory.combinations = [c.raw for c in combinations]
        case SequenceDump(sequence=sequence):
            memory.sequence = sequence.raw
        case GlobalDump(data=data):
            memory.global_data = data.raw
        case AllDataDump():
            memory.global_data = message.global_data.raw
            memory.combinations = [c.raw for c in message.combinations]
            memory.programs = [p.raw for p in message.programs]
            memory.sequence = message.sequence.raw
        case _:
            raise ValueError(f"{message.kind} is not a bank dump")
