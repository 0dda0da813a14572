"""Putting parsed M1 messages (a real dump file, say) straight into an emulator state,
as if it had been restored before the session started."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from wizard.emulator.dumps import store_bank_dump
from wizard.emulator.selection import refresh_edit_buffers
from wizard.emulator.state import Card, CardKind, M1State, Memory
from wizard.errors import ProtocolError
from wizard.m1.constants import Allocation, Bank
from wizard.m1.framing import describe_function
from wizard.m1.message_kinds import MessageKind
from wizard.m1.messages import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    CombinationDump,
    GlobalDump,
    Message,
    ProgramDump,
    SequenceDump,
)

_BANK_MESSAGES = (AllProgramsDump, AllCombinationsDump, SequenceDump, GlobalDump, AllDataDump)


@dataclass(frozen=True)
class LoadSummary:
    """What `load_messages` did, message kind by message kind, in file order."""

    stored: tuple[MessageKind, ...]
    skipped: tuple[MessageKind, ...]


def _blank_memory(allocation: Allocation) -> Memory:
    memory = Memory(allocation=allocation)
    memory.programs = memory.programs[: allocation.count]
    memory.combinations = memory.combinations[: allocation.count]
    return memory


BankMessage = AllProgramsDump | AllCombinationsDump | SequenceDump | GlobalDump | AllDataDump


def _store(state: M1State, message: BankMessage) -> None:
    """Store one bank dump, checking that it fits the target memory."""
    allocation = None if isinstance(message, GlobalDump) else message.allocation
    if message.bank is Bank.CARD:
        if state.card is None:
            formatted = allocation or Allocation.P100_C100
            state.card = Card(CardKind.RAM, formatted=formatted, memory=_blank_memory(formatted))
        memory = state.card.memory
    elif isinstance(message, AllDataDump) and allocation is not state.memory.allocation:
        # A complete memory image carries its own allocation: take it over.
        state.memory = _blank_memory(message.allocation)
        memory = state.memory
    else:
        memory = state.memory
    if allocation is not None and allocation is not memory.allocation:
        raise ProtocolError(
            f"the {describe_function(message.function)} is laid out for {allocation.short} "
            f"memory, but the emulated M1 holds {memory.allocation.short}.",
            "Load an ALL DATA dump first, or start from a scenario with the same allocation.",
        )
    events = message.sequence.events if isinstance(message, SequenceDump | AllDataDump) else 0
    if events > memory.allocation.max_events:
        raise ProtocolError(
            f"the sequence data holds {events} events, more than the "
            f"{memory.allocation.max_events} that {memory.allocation.short} memory has room for.",
            "Use sequence data saved from an M1 with the same memory allocation.",
        )
    store_bank_dump(memory, message)


def load_messages(state: M1State, messages: Iterable[Message]) -> LoadSummary:
    """Store dumps into `state` in order, as a restore would have left the M1.

    Bank dumps go into internal memory (or into the card, inserting a formatted RAM card
    when none is there); an ALL DATA dump brings its own allocation. 40 and 49 go into
    the edit buffers. Everything else (mode changes, requests, replies) is skipped.

    Args:
        state: The emulator state to change.
        messages: Parsed messages, for instance from a .syx file.

    Raises:
        ProtocolError: A bank dump does not fit the memory allocation, or its sequence
            data holds more events than the allocation allows.
    """
    stored: list[MessageKind] = []
    skipped: list[MessageKind] = []
    for message in messages:
        if isinstance(message, _BANK_MESSAGES):
            _store(state, message)
            if message.bank is Bank.INTERNAL:
                _keep_numbers_in_range(state)
                refresh_edit_buffers(state)
        elif isinstance(message, ProgramDump):
            state.edit_program = message.program.raw
        elif isinstance(message, CombinationDump):
            state.edit_combination = message.combination.raw
        else:
            skipped.append(message.kind)
            continue
        stored.append(message.kind)
    return LoadSummary(tuple(stored), tuple(skipped))


def _keep_numbers_in_range(state: M1State) -> None:
    count = state.memory.allocation.count
    if state.program_number >= count:
        state.program_number = 0
    if state.combination_number >= count:
        state.combination_number = 0
