"""Fixed numbers of the M1's system-exclusive language (m1-sysex.md §1-§3)."""

from __future__ import annotations

from enum import IntEnum

SYSEX_START = 0xF0
SYSEX_END = 0xF7
ACTIVE_SENSING = 0xFE

KORG_ID = 0x42  # §1.1 manufacturer ID
FORMAT_BASE = 0x30  # §1.1 format ID 3n, n = global channel - 1
M1_MODEL_ID = 0x19  # §1.1 same for M1, M1R, M1EX, M1REX

UNIVERSAL_NON_REALTIME = 0x7E  # §1.2
UNIVERSAL_REALTIME = 0x7F  # MIDI standard; the M1 uses none of these messages
ALL_CALL_DEVICE = 0x7F  # §1.2 device ID accepted on any channel
GENERAL_INFORMATION = 0x06
IDENTITY_REQUEST = 0x01
IDENTITY_REPLY = 0x02

WIRE_BYTES_PER_SECOND = 3125  # §3.7 31 250 baud, 10 bits per byte

# §3.3 raw record sizes
PROGRAM_SIZE = 143
COMBINATION_SIZE = 124
GLOBAL_SIZE = 861
GLOBAL_HEADER_SIZE = 21  # §4.3 global bytes before the drum kits
DRUM_KITS = 4
DRUM_INSTRUMENTS = 30
DRUM_INSTRUMENT_SIZE = 7
SEQUENCE_FIXED_SIZE = 1522  # §3.5 sequence block without events
SEQUENCE_EVENT_SIZE = 4
NAME_LENGTH = 10  # §4.1 bytes 0-9 of programs and combinations

# §3.5 limits on the sequencer event count
MAX_EVENTS_100 = 4400
MAX_EVENTS_50 = 7700
MAX_EVENT_FIELD = 0x3FFF  # two 7-bit bytes


class Function(IntEnum):
    """Function codes of the master table (§2.1), corrected by the errata (§2.7)."""

    MODE_REQUEST = 0x12
    MODE_DATA = 0x42
    MODE_CHANGE = 0x4E
    PROGRAM_REQUEST = 0x10
    PROGRAM_DUMP = 0x40
    ALL_PROGRAMS_REQUEST = 0x1C
    ALL_PROGRAMS_DUMP = 0x4C
    COMBINATION_REQUEST = 0x19
    COMBINATION_DUMP = 0x49
    ALL_COMBINATIONS_REQUEST = 0x1D
    ALL_COMBINATIONS_DUMP = 0x4D
    SEQUENCE_REQUEST = 0x18
    SEQUENCE_DUMP = 0x48
    GLOBAL_REQUEST = 0x0E
    GLOBAL_DUMP = 0x51
    ALL_DATA_REQUEST = 0x0F
    ALL_DATA_DUMP = 0x50
    PROGRAM_WRITE = 0x11
    COMBINATION_WRITE = 0x1A
    PARAMETER_CHANGE = 0x41
    DRUM_SOUND_NAMES_REQUEST = 0x1F
    DRUM_SOUND_NAMES = 0x47
    MULTISOUND_NAMES_REQUEST = 0x16
    MULTISOUND_NAMES = 0x45
    FORMAT_ERROR = 0x26
    LOAD_COMPLETED = 0x23
    LOAD_ERROR = 0x24
    WRITE_COMPLETED = 0x21
    WRITE_ERROR = 0x22


class Mode(IntEnum):
    """Modes as MODE DATA and MODE CHANGE number them (§2.4 NOTE 1)."""

    COMBINATION = 0
    EDIT_COMBINATION = 1
    PROGRAM = 2
    EDIT_PROGRAM = 3
    GLOBAL = 4
    SEQUENCER = 6

    @property
    def label(self) -> str:
        """The mode's name as a person reads it."""
        return _MODE_LABELS[self]


_MODE_LABELS = {
    Mode.COMBINATION: "Combination",
    Mode.EDIT_COMBINATION: "Edit Combination",
    Mode.PROGRAM: "Program",
    Mode.EDIT_PROGRAM: "Edit Program",
    Mode.GLOBAL: "Global",
    Mode.SEQUENCER: "Sequencer",
}


class Allocation(IntEnum):
    """Memory allocation (§2.4 NOTE 3-2): how many programs and combinations the RAM holds."""

    P100_C100 = 0
    P50_C50 = 1

    @property
    def count(self) -> int:
        """Programs (and combinations) in this allocation."""
        return 100 if self is Allocation.P100_C100 else 50

    @property
    def max_events(self) -> int:
        """Sequencer events the allocation leaves room for (§3.5)."""
        return MAX_EVENTS_100 if self is Allocation.P100_C100 else MAX_EVENTS_50

    @property
    def label(self) -> str:
        """The allocation as the M1's display shows it."""
        if self is Allocation.P100_C100:
            return "100 programs / 100 combinations / 4400 sequence events"
        return "50 programs / 50 combinations / 7700 sequence events"

    @property
    def short(self) -> str:
        """Short form, "100/100" or "50/50"."""
        return "100/100" if self is Allocation.P100_C100 else "50/50"


class Bank(IntEnum):
    """Where a bulk request or dump points (§2.1 NOTE 3-1)."""

    INTERNAL = 0
    CARD = 1


STATUS_FUNCTIONS = frozenset(
    {
        Function.FORMAT_ERROR,
        Function.LOAD_COMPLETED,
        Function.LOAD_ERROR,
        Function.WRITE_COMPLETED,
        Function.WRITE_ERROR,
    }
)
