"""How the emulated M1 takes incoming data: bulk loads, edit-buffer loads and write
requests (m1-sysex.md §5.6 rules 5 and 6, §5.2, §5.3)."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.emulator.behaviour import Behaviour, Protect
from wizard.emulator.dumps import store_bank_dump, writable_memory
from wizard.emulator.selection import COMBINATION_MODES, PROGRAM_MODES, refresh_edit_buffers
from wizard.emulator.state import M1State
from wizard.errors import ParseError
from wizard.m1.constants import Bank, Function
from wizard.m1.messages import CombinationDump, KorgMessage, ProgramDump, WriteRequest
from wizard.m1.parse import Peek, parse


@dataclass(frozen=True)
class StatusReply:
    """The status a received message earns and whether a bulk store preceded it."""

    status: Function
    after_bulk_load: bool = False


LOAD_OK = StatusReply(Function.LOAD_COMPLETED)
LOAD_REFUSED = StatusReply(Function.LOAD_ERROR)
FORMAT_ERROR = StatusReply(Function.FORMAT_ERROR)
WRITE_OK = StatusReply(Function.WRITE_COMPLETED)
WRITE_REFUSED = StatusReply(Function.WRITE_ERROR)


def protected(state: M1State, flags: frozenset[Protect]) -> bool:
    """True when any of `flags` is switched on in `state`."""
    on = {
        Protect.PROGRAM: state.protect_program,
        Protect.COMBINATION: state.protect_combination,
        Protect.SEQUENCE: state.protect_sequence,
    }
    return any(on[flag] for flag in flags)


def parse_korg(data: bytes) -> KorgMessage | None:
    """`data` as an M1 message, or None when it is malformed (the M1 answers that with 26)."""
    try:
        message = parse(data)
    except ParseError:
        return None
    return message if isinstance(message, KorgMessage) else None


def load_edit_buffer(state: M1State, behaviour: Behaviour, data: bytes) -> StatusReply:
    """40 / 49 into the edit buffer: wrong mode -> 24, bad length -> 26, else 23."""
    function = Function(data[4])
    modes = PROGRAM_MODES if function is Function.PROGRAM_DUMP else COMBINATION_MODES
    if state.mode not in modes:
        return LOAD_REFUSED
    message = parse_korg(data)
    if message is None:
        return FORMAT_ERROR
    if protected(state, behaviour.protect.flags_for(function)):
        return LOAD_REFUSED
    if isinstance(message, ProgramDump):
        state.edit_program = message.program.raw
    elif isinstance(message, CombinationDump):
        state.edit_combination = message.combination.raw
    return LOAD_OK


def load_bank(state: M1State, behaviour: Behaviour, data: bytes, header: Peek) -> StatusReply:
    """A bank dump (4C, 4D, 48, 51, 50): checks in the order the M1 is assumed to make them.

    Unreadable header -> 26; no suitable card -> 24; allocation bit differs from the
    target memory's -> the configured reply (26 by default, §9 item 5); more events than
    the allocation holds -> 26 (assumption: the M1 has no room to store them); wrong
    length or damaged data -> 26; protected -> 24; else the data is stored and 23 follows
    after the processing delay.

    Args:
        state: The M1, changed on success.
        behaviour: The undocumented choices.
        data: The whole message, realtime bytes already removed.
        header: What the message's header says (`wizard.m1.parse.peek`).
    """
    if header.function is None or header.bank is None or header.allocation is None:
        return FORMAT_ERROR
    memory = writable_memory(state, header.bank)
    if memory is None:
        return LOAD_REFUSED
    if header.function is not Function.GLOBAL_DUMP and header.allocation is not memory.allocation:
        return StatusReply(behaviour.allocation_mismatch_reply)
    if (header.events or 0) > memory.allocation.max_events:
        return FORMAT_ERROR
    message = parse_korg(data)
    if message is None:
        return FORMAT_ERROR
    flags = behaviour.protect.flags_for(header.function)
    if header.bank is Bank.INTERNAL and protected(state, flags):
        return LOAD_REFUSED
    store_bank_dump(memory, message)
    if header.bank is Bank.INTERNAL and behaviour.refresh_edit_buffer_after_load:
        refresh_edit_buffers(state)
    return StatusReply(Function.LOAD_COMPLETED, after_bulk_load=True)


def write(state: M1State, behaviour: Behaviour, data: bytes) -> StatusReply:
    """11 / 1A: store the edit buffer into a numbered slot (§2.3).

    Wrong mode -> the configured reply (22 by default); no writable memory, a number the
    allocation lacks, or protect on -> 22; else the edit buffer is stored and 21 sent.
    The current number does not change, so writing the unmodified edit buffer of the
    selected program back to its own slot changes nothing (§4.4 probe).
    """
    message = parse_korg(data)
    if not isinstance(message, WriteRequest):
        return FORMAT_ERROR
    is_program = message.write is Function.PROGRAM_WRITE
    if state.mode not in (PROGRAM_MODES if is_program else COMBINATION_MODES):
        return StatusReply(behaviour.write_wrong_mode_reply)
    memory = writable_memory(state, message.bank)
    if memory is None or not 0 <= message.number < memory.allocation.count:
        return WRITE_REFUSED
    if message.bank is Bank.INTERNAL:
        flag = Protect.PROGRAM if is_program else Protect.COMBINATION
        if protected(state, frozenset({flag})):
            return WRITE_REFUSED
    if is_program:
        memory.programs[message.number] = state.edit_program
    else:
        memory.combinations[message.number] = state.edit_combination
    return WRITE_OK
