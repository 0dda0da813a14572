"""Typed M1 system-exclusive messages that build to bytes and parse back (m1-sysex.md §1-§2).

Every class is a frozen dataclass with `to_bytes()`; `parse()` turns one complete F0...F7
message into the matching class and raises only `ParseError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from wizard.errors import BuildError
from wizard.m1.constants import (
    ALL_CALL_DEVICE,
    COMBINATION_SIZE,
    FORMAT_BASE,
    GENERAL_INFORMATION,
    IDENTITY_REPLY,
    IDENTITY_REQUEST,
    KORG_ID,
    M1_MODEL_ID,
    MAX_EVENT_FIELD,
    PROGRAM_SIZE,
    STATUS_FUNCTIONS,
    SYSEX_END,
    SYSEX_START,
    UNIVERSAL_NON_REALTIME,
    Allocation,
    Bank,
    Function,
    Mode,
)
from wizard.m1.packing import pack
from wizard.m1.records import Combination, GlobalData, Program, SequenceData

KORG_HEADER_LENGTH = 4
CARD_STATUS_BITS = 0x33  # §2.4 NOTE 4: only the `ll` and `kk` bits of `00ll 00kk` mean anything

REQUEST_FUNCTIONS = frozenset(
    {
        Function.MODE_REQUEST,
        Function.PROGRAM_REQUEST,
        Function.COMBINATION_REQUEST,
        Function.ALL_PROGRAMS_REQUEST,
        Function.ALL_COMBINATIONS_REQUEST,
        Function.SEQUENCE_REQUEST,
        Function.GLOBAL_REQUEST,
        Function.ALL_DATA_REQUEST,
        Function.DRUM_SOUND_NAMES_REQUEST,
        Function.MULTISOUND_NAMES_REQUEST,
    }
)
BANKED_REQUESTS = frozenset(
    {
        Function.ALL_PROGRAMS_REQUEST,
        Function.ALL_COMBINATIONS_REQUEST,
        Function.SEQUENCE_REQUEST,
        Function.GLOBAL_REQUEST,
        Function.ALL_DATA_REQUEST,
    }
)
# Which dump answers which request (§2.2).
REPLY_TO_REQUEST: dict[Function, Function] = {
    Function.MODE_REQUEST: Function.MODE_DATA,
    Function.PROGRAM_REQUEST: Function.PROGRAM_DUMP,
    Function.COMBINATION_REQUEST: Function.COMBINATION_DUMP,
    Function.ALL_PROGRAMS_REQUEST: Function.ALL_PROGRAMS_DUMP,
    Function.ALL_COMBINATIONS_REQUEST: Function.ALL_COMBINATIONS_DUMP,
    Function.SEQUENCE_REQUEST: Function.SEQUENCE_DUMP,
    Function.GLOBAL_REQUEST: Function.GLOBAL_DUMP,
    Function.ALL_DATA_REQUEST: Function.ALL_DATA_DUMP,
    Function.DRUM_SOUND_NAMES_REQUEST: Function.DRUM_SOUND_NAMES,
    Function.MULTISOUND_NAMES_REQUEST: Function.MULTISOUND_NAMES,
}


def check_channel(channel: int) -> None:
    """Raise BuildError unless `channel` is a MIDI channel 1-16."""
    if not 1 <= channel <= 16:
        raise BuildError(f"MIDI channel {channel} does not exist (1-16).")


def korg_header(channel: int) -> bytes:
    """`F0 42 3n 19` for a global channel 1-16 (§1.1)."""
    check_channel(channel)
    return bytes((SYSEX_START, KORG_ID, FORMAT_BASE + channel - 1, M1_MODEL_ID))


def _byte(value: int, what: str) -> int:
    if not 0 <= value <= 0x7F:
        raise BuildError(f"{what} {value} does not fit a 7-bit data byte.")
    return value


def allocation_byte(bank: Bank, allocation: Allocation) -> int:
    """The `000000ac` byte of bank dumps: bit 0 card, bit 1 50/50 (§2.1)."""
    return (int(allocation) << 1) | int(bank)


@dataclass(frozen=True)
class Message:
    """Base of every M1 message; `kind` names it for reports and JSON."""

    KIND: ClassVar[str] = "other"

    def to_bytes(self) -> bytes:
        """The complete message, F0 to F7."""
        raise NotImplementedError

    @property
    def kind(self) -> str:
        """Report name of the message kind."""
        return self.KIND


@dataclass(frozen=True)
class IdentityRequest(Message):
    """Universal identity request `F0 7E dd 06 01 F7` (§1.2); 7F reaches any channel."""

    device: int = ALL_CALL_DEVICE
    KIND: ClassVar[str] = "identity_request"

    def to_bytes(self) -> bytes:
        return bytes(
            (
                SYSEX_START,
                UNIVERSAL_NON_REALTIME,
                _byte(self.device, "device ID"),
                GENERAL_INFORMATION,
                IDENTITY_REQUEST,
                SYSEX_END,
            )
        )


@dataclass(frozen=True)
class IdentityReply(Message):
    """Universal identity reply (§1.2): `F0 7E 0g 06 02 42 19 00 00 00 rr 00 ss 00 F7`.

    `version` keeps the four raw version bytes; real values per firmware are unknown
    (§9 item 1), so they are shown raw.
    """

    channel: int
    manufacturer: int = KORG_ID
    family: bytes = bytes((M1_MODEL_ID, 0))
    member: bytes = bytes(2)
    version: bytes = bytes(4)
    KIND: ClassVar[str] = "identity_reply"

    def to_bytes(self) -> bytes:
        check_channel(self.channel)
        if len(self.family) != 2 or len(self.member) != 2 or len(self.version) != 4:
            raise BuildError("identity reply fields must be 2, 2 and 4 bytes.")
        if self.manufacturer == 0:
            raise BuildError("maker ID 00 starts a three-byte ID, which this reply cannot hold.")
        body = bytes((self.manufacturer,)) + self.family + self.member + self.version
        for value in body:
            _byte(value, "identity byte")
        return (
            bytes((SYSEX_START, UNIVERSAL_NON_REALTIME, self.channel - 1))
            + bytes((GENERAL_INFORMATION, IDENTITY_REPLY))
            + body
            + bytes((SYSEX_END,))
        )

    @property
    def is_m1(self) -> bool:
        """True when the reply names Korg and the M1 family (M1, M1R, M1EX, M1REX)."""
        return self.manufacturer == KORG_ID and self.family[0] == M1_MODEL_ID

    @property
    def rom_number(self) -> int:
        """The "ROM No." byte (minor version)."""
        return self.version[0]

    @property
    def soft_version(self) -> int:
        """The "SOFT VER." byte (major version)."""
        return self.version[2]


@dataclass(frozen=True)
class KorgMessage(Message):
    """A message with the M1 header `F0 42 3n 19`; `channel` is the global channel 1-16."""

    channel: int

    @property
    def function(self) -> Function:
        """The function code."""
        raise NotImplementedError

    def body(self) -> bytes:
        """Bytes between the function code and F7."""
        return b""

    def to_bytes(self) -> bytes:
        return (
            korg_header(self.channel)
            + bytes((int(self.function),))
            + self.body()
            + bytes((SYSEX_END,))
        )


@dataclass(frozen=True)
class Request(KorgMessage):
    """A dump or mode request (§2.2); `bank` only for the bulk requests."""

    request: Function = Function.MODE_REQUEST
    bank: Bank | None = None
    KIND: ClassVar[str] = "request"

    def __post_init__(self) -> None:
        if self.request not in REQUEST_FUNCTIONS:
            raise BuildError(f"{self.request.name} is not a request.")
        if (self.request in BANKED_REQUESTS) != (self.bank is not None):
            raise BuildError(f"{self.request.name} takes a bank byte only if it is a bulk request.")

    @property
    def function(self) -> Function:
        return self.request

    @property
    def reply_function(self) -> Function:
        """The dump the M1 answers with when it can."""
        return REPLY_TO_REQUEST[self.request]

    def body(self) -> bytes:
        return b"" if self.bank is None else bytes((int(self.bank),))


@dataclass(frozen=True)
class Status(KorgMessage):
    """A one-byte reply: 23 load completed, 24 load error, 26 format error, 21/22 write (§5.4)."""

    status: Function = Function.LOAD_COMPLETED
    KIND: ClassVar[str] = "status"

    def __post_init__(self) -> None:
        if self.status not in STATUS_FUNCTIONS:
            raise BuildError(f"{self.status.name} is not a status reply.")

    @property
    def function(self) -> Function:
        return self.status

    @property
    def ok(self) -> bool:
        """True for 23 and 21."""
        return self.status in (Function.LOAD_COMPLETED, Function.WRITE_COMPLETED)


@dataclass(frozen=True)
class ModeData(KorgMessage):
    """MODE DATA, the answer to 12 (§2.4).

    Fields are kept as raw numbers so a value the spec does not list (mode 5, say) still
    parses and rebuilds to the same bytes.
    """

    mode: int = int(Mode.PROGRAM)
    allocation: int = int(Allocation.P100_C100)
    card: int = 0
    pcm_card: int = 1
    KIND: ClassVar[str] = "mode_data"

    @property
    def function(self) -> Function:
        return Function.MODE_DATA

    def body(self) -> bytes:
        return bytes(
            (
                _byte(self.mode, "mode"),
                _byte(self.allocation, "allocation"),
                _byte(self.card, "card status"),
                _byte(self.pcm_card, "PCM card status"),
            )
        )

    @property
    def mode_label(self) -> str:
        """The mode in words."""
        try:
            return Mode(self.mode).label
        except ValueError:
            return f"unknown mode {self.mode}"

    @property
    def allocation_value(self) -> Allocation | None:
        """The allocation, or None when the byte holds something unlisted."""
        try:
            return Allocation(self.allocation & 1) if self.allocation <= 1 else None
        except ValueError:
            return None

    @property
    def card_label(self) -> str:
        """Program-card status in words (§2.4 NOTE 4: `00ll 00kk`)."""
        if self.card & ~CARD_STATUS_BITS:
            return f"unknown card state {self.card:#04x}"
        kind, fmt = (self.card >> 4) & 3, self.card & 3
        formats = {0: "global + 100/100", 1: "global + 50/50", 2: "sequencer only"}
        if kind == 0:
            return {
                0: "no card",
                1: "a ROM card the M1 cannot use",
                2: "a RAM card that is not formatted for the M1",
            }.get(fmt, f"unknown card state {self.card:#04x}")
        where = formats.get(fmt, f"format {fmt}")
        return {
            1: f"ROM card ({where})",
            2: f"RAM card, write protect off ({where})",
            3: f"RAM card, write protect on ({where})",
        }[kind]

    @property
    def card_present(self) -> bool:
        """True when a usable program card is in the slot."""
        return self.card & ~CARD_STATUS_BITS == 0 and (self.card >> 4) & 3 != 0

    @property
    def card_writable(self) -> bool:
        """True for a RAM card with its write-protect switch off."""
        return self.card & ~CARD_STATUS_BITS == 0 and (self.card >> 4) & 3 == 2

    @property
    def pcm_label(self) -> str:
        """PCM-card status in words (§2.4 NOTE 5: 0 "card off", 1 no card, 2 card in).

        What "card off" means on the instrument is not documented [?]; the label keeps
        the manual's words.
        """
        return {
            0: "PCM card off",
            1: "no PCM card",
            2: "PCM card inserted",
        }.get(self.pcm_card, f"unknown PCM card state {self.pcm_card:#04x}")

    @property
    def pcm_card_present(self) -> bool:
        """True when the PCM-card slot holds a card the M1 can play."""
        return self.pcm_card == 2


@dataclass(frozen=True)
class ModeChange(KorgMessage):
    """MODE CHANGE 4E (§2.4); the second byte's meaning is unclear in the sources [?]."""

    mode: int = int(Mode.PROGRAM)
    flag: int = 0
    KIND: ClassVar[str] = "mode_change"

    @property
    def function(self) -> Function:
        return Function.MODE_CHANGE

    def body(self) -> bytes:
        return bytes((_byte(self.mode, "mode"), _byte(self.flag, "mode-change flag")))


@dataclass(frozen=True)
class WriteRequest(KorgMessage):
    """PROGRAM / COMBINATION WRITE REQUEST 11 / 1A: store the edit buffer (§2.3)."""

    write: Function = Function.PROGRAM_WRITE
    bank: Bank = Bank.INTERNAL
    number: int = 0
    KIND: ClassVar[str] = "write_request"

    def __post_init__(self) -> None:
        if self.write not in (Function.PROGRAM_WRITE, Function.COMBINATION_WRITE):
            raise BuildError(f"{self.write.name} is not a write request.")

    @property
    def function(self) -> Function:
        return self.write

    def body(self) -> bytes:
        return bytes((int(self.bank), _byte(self.number, "program number")))


@dataclass(frozen=True)
class ParameterChange(KorgMessage):
    """PARAMETER CHANGE 41: page, position, 14-bit value (§2.4; numbering [?])."""

    page: int = 0
    position: int = 0
    value: int = 0
    KIND: ClassVar[str] = "parameter_change"

    @property
    def function(self) -> Function:
        return Function.PARAMETER_CHANGE

    def body(self) -> bytes:
        if not 0 <= self.value <= 0x3FFF:
            raise BuildError(f"parameter value {self.value} does not fit 14 bits.")
        return bytes(
            (
                _byte(self.page, "page"),
                _byte(self.position, "position"),
                self.value & 0x7F,
                self.value >> 7,
            )
        )


@dataclass(frozen=True)
class ProgramDump(KorgMessage):
    """PROGRAM PARAMETER DUMP 40: the program edit buffer (170 bytes)."""

    program: Program = field(default_factory=lambda: Program(bytes(PROGRAM_SIZE)))
    KIND: ClassVar[str] = "program"

    @property
    def function(self) -> Function:
        return Function.PROGRAM_DUMP

    def body(self) -> bytes:
        return pack(self.program.raw)


@dataclass(frozen=True)
class CombinationDump(KorgMessage):
    """COMBINATION PARAMETER DUMP 49: the combination edit buffer (148 bytes)."""

    combination: Combination = field(default_factory=lambda: Combination(bytes(COMBINATION_SIZE)))
    KIND: ClassVar[str] = "combination"

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
    KIND: ClassVar[str] = "all_programs"

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
    KIND: ClassVar[str] = "all_combinations"

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
    KIND: ClassVar[str] = "global"

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
    KIND: ClassVar[str] = "sequence"

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
    KIND: ClassVar[str] = "all_data"

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


@dataclass(frozen=True)
class OpaqueKorgMessage(KorgMessage):
    """An M1 message whose body format is not documented (45, 47 name dumps): kept raw."""

    code: Function = Function.MULTISOUND_NAMES
    payload: bytes = b""

    @property
    def function(self) -> Function:
        return self.code

    def body(self) -> bytes:
        return self.payload
