"""The base of every M1 message: the Korg header, the universal identity messages, and
the shared rules for data bytes and channels (m1-sysex.md §1, §2.1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from wizard.errors import BuildError
from wizard.m1.constants import (
    ALL_CALL_DEVICE,
    FORMAT_BASE,
    GENERAL_INFORMATION,
    IDENTITY_REPLY,
    IDENTITY_REQUEST,
    KORG_ID,
    M1_MODEL_ID,
    SYSEX_END,
    SYSEX_START,
    UNIVERSAL_NON_REALTIME,
    Allocation,
    Bank,
    Function,
)
from wizard.m1.message_kinds import MessageKind

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


def data_byte(value: int, what: str) -> int:
    """`value` unchanged, or BuildError when it does not fit a 7-bit data byte."""
    if not 0 <= value <= 0x7F:
        raise BuildError(f"{what} {value} does not fit a 7-bit data byte.")
    return value


def allocation_byte(bank: Bank, allocation: Allocation) -> int:
    """The `000000ac` byte of bank dumps: bit 0 card, bit 1 50/50 (§2.1)."""
    return (int(allocation) << 1) | int(bank)


@dataclass(frozen=True)
class Message:
    """Base of every M1 message; `kind` names it for reports and JSON."""

    KIND: ClassVar[MessageKind] = MessageKind.OTHER

    def to_bytes(self) -> bytes:
        """The complete message, F0 to F7."""
        raise NotImplementedError

    @property
    def kind(self) -> MessageKind:
        """Report name of the message kind."""
        return self.KIND


@dataclass(frozen=True)
class IdentityRequest(Message):
    """Universal identity request `F0 7E dd 06 01 F7` (§1.2); 7F reaches any channel."""

    device: int = ALL_CALL_DEVICE
    KIND: ClassVar[MessageKind] = MessageKind.IDENTITY_REQUEST

    def to_bytes(self) -> bytes:
        return bytes(
            (
                SYSEX_START,
                UNIVERSAL_NON_REALTIME,
                data_byte(self.device, "device ID"),
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
    KIND: ClassVar[MessageKind] = MessageKind.IDENTITY_REPLY

    def to_bytes(self) -> bytes:
        check_channel(self.channel)
        if len(self.family) != 2 or len(self.member) != 2 or len(self.version) != 4:
            raise BuildError("identity reply fields must be 2, 2 and 4 bytes.")
        if self.manufacturer == 0:
            raise BuildError("maker ID 00 starts a three-byte ID, which this reply cannot hold.")
        body = bytes((self.manufacturer,)) + self.family + self.member + self.version
        for value in body:
            data_byte(value, "identity byte")
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
