"""Exact message lengths per function code, allocation and event count (m1-sysex.md §3.4)."""

from __future__ import annotations

from wizard.m1.constants import (
    COMBINATION_SIZE,
    GLOBAL_SIZE,
    PROGRAM_SIZE,
    SEQUENCE_EVENT_SIZE,
    SEQUENCE_FIXED_SIZE,
    WIRE_BYTES_PER_SECOND,
    Allocation,
    Function,
)
from wizard.m1.packing import packed_length

HEADER = 4  # F0 42 3n 19
END = 1  # F7

# Messages whose whole length is fixed (function byte included, §2.1).
FIXED_LENGTHS: dict[Function, int] = {
    Function.MODE_REQUEST: 6,
    Function.MODE_DATA: 10,
    Function.MODE_CHANGE: 8,
    Function.PROGRAM_REQUEST: 6,
    Function.COMBINATION_REQUEST: 6,
    Function.ALL_PROGRAMS_REQUEST: 7,
    Function.ALL_COMBINATIONS_REQUEST: 7,
    Function.SEQUENCE_REQUEST: 7,
    Function.GLOBAL_REQUEST: 7,
    Function.ALL_DATA_REQUEST: 7,
    Function.PROGRAM_WRITE: 8,
    Function.COMBINATION_WRITE: 8,
    Function.PARAMETER_CHANGE: 10,
    Function.DRUM_SOUND_NAMES_REQUEST: 6,
    Function.MULTISOUND_NAMES_REQUEST: 6,
    Function.FORMAT_ERROR: 6,
    Function.LOAD_COMPLETED: 6,
    Function.LOAD_ERROR: 6,
    Function.WRITE_COMPLETED: 6,
    Function.WRITE_ERROR: 6,
}

# Bytes between the function code and the packed payload of each dump (§3.4).
DUMP_PREFIX: dict[Function, int] = {
    Function.PROGRAM_DUMP: 0,
    Function.COMBINATION_DUMP: 0,
    Function.ALL_PROGRAMS_DUMP: 1,
    Function.ALL_COMBINATIONS_DUMP: 1,
    Function.GLOBAL_DUMP: 1,
    Function.SEQUENCE_DUMP: 3,
    Function.ALL_DATA_DUMP: 3,
}


def sequence_raw_size(events: int) -> int:
    """Raw bytes of the sequencer block holding `events` events (§3.5)."""
    return SEQUENCE_FIXED_SIZE + SEQUENCE_EVENT_SIZE * events


def dump_raw_size(function: Function, allocation: Allocation, events: int = 0) -> int:
    """Raw (unpacked) payload size of a dump.

    Args:
        function: One of the dump function codes.
        allocation: The memory allocation the dump is laid out for.
        events: Sequencer events (for SEQUENCE_DUMP and ALL_DATA_DUMP).
    """
    count = allocation.count
    match function:
        case Function.PROGRAM_DUMP:
            return PROGRAM_SIZE
        case Function.COMBINATION_DUMP:
            return COMBINATION_SIZE
        case Function.ALL_PROGRAMS_DUMP:
            return PROGRAM_SIZE * count
        case Function.ALL_COMBINATIONS_DUMP:
            return COMBINATION_SIZE * count
        case Function.GLOBAL_DUMP:
            return GLOBAL_SIZE
        case Function.SEQUENCE_DUMP:
            return sequence_raw_size(events)
        case Function.ALL_DATA_DUMP:
            return (
                GLOBAL_SIZE
                + COMBINATION_SIZE * count
                + PROGRAM_SIZE * count
                + sequence_raw_size(events)
            )
        case _:
            raise ValueError(f"{function.name} is not a dump")


def expected_length(function: Function, allocation: Allocation, events: int = 0) -> int:
    """Total bytes, F0 to F7, of a message with this function code.

    Args:
        function: Any known function code.
        allocation: Memory allocation (only matters for bank dumps).
        events: Sequencer event count (only matters for 48 and 50).

    Returns:
        The exact length; e.g. 16 350 for 100 programs, 991 for a global dump.
    """
    if function in FIXED_LENGTHS:
        return FIXED_LENGTHS[function]
    if function in DUMP_PREFIX:
        raw = dump_raw_size(function, allocation, events)
        return HEADER + 1 + DUMP_PREFIX[function] + packed_length(raw) + END
    raise ValueError(f"{function.name} has no fixed length")


def wire_seconds(length: int) -> float:
    """Seconds `length` bytes need on a 31 250-baud MIDI cable (§3.7)."""
    return length / WIRE_BYTES_PER_SECOND
