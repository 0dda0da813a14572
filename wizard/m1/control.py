"""The short M1 messages: requests, status replies, MODE DATA / MODE CHANGE, write
requests, parameter changes, and name dumps kept raw (m1-sysex.md §2.1-§2.4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from wizard.errors import BuildError
from wizard.m1.constants import (
    STATUS_FUNCTIONS,
    Allocation,
    Bank,
    Function,
    Mode,
)
from wizard.m1.message_base import (
    BANKED_REQUESTS,
    CARD_STATUS_BITS,
    REPLY_TO_REQUEST,
    REQUEST_FUNCTIONS,
    KorgMessage,
    data_byte,
)
from wizard.m1.message_kinds import MessageKind


@dataclass(frozen=True)
class Request(KorgMessage):
    """A dump or mode request (§2.2); `bank` only for the bulk requests."""

    request: Function = Function.MODE_REQUEST
    bank: Bank | None = None
    KIND: ClassVar[MessageKind] = MessageKind.REQUEST

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
    KIND: ClassVar[MessageKind] = MessageKind.STATUS

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
    KIND: ClassVar[MessageKind] = MessageKind.MODE_DATA

    @property
    def function(self) -> Function:
        return Function.MODE_DATA

    def body(self) -> bytes:
        return bytes(
            (
                data_byte(self.mode, "mode"),
                data_byte(self.allocation, "allocation"),
                data_byte(self.card, "card status"),
                data_byte(self.pcm_card, "PCM card status"),
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
    KIND: ClassVar[MessageKind] = MessageKind.MODE_CHANGE

    @property
    def function(self) -> Function:
        return Function.MODE_CHANGE

    def body(self) -> bytes:
        return bytes((data_byte(self.mode, "mode"), data_byte(self.flag, "mode-change flag")))


@dataclass(frozen=True)
class WriteRequest(KorgMessage):
    """PROGRAM / COMBINATION WRITE REQUEST 11 / 1A: store the edit buffer (§2.3)."""

    write: Function = Function.PROGRAM_WRITE
    bank: Bank = Bank.INTERNAL
    number: int = 0
    KIND: ClassVar[MessageKind] = MessageKind.WRITE_REQUEST

    def __post_init__(self) -> None:
        if self.write not in (Function.PROGRAM_WRITE, Function.COMBINATION_WRITE):
            raise BuildError(f"{self.write.name} is not a write request.")

    @property
    def function(self) -> Function:
        return self.write

    def body(self) -> bytes:
        return bytes((int(self.bank), data_byte(self.number, "program number")))


@dataclass(frozen=True)
class ParameterChange(KorgMessage):
    """PARAMETER CHANGE 41: page, position, 14-bit value (§2.4; numbering [?])."""

    page: int = 0
    position: int = 0
    value: int = 0
    KIND: ClassVar[MessageKind] = MessageKind.PARAMETER_CHANGE

    @property
    def function(self) -> Function:
        return Function.PARAMETER_CHANGE

    def body(self) -> bytes:
        if not 0 <= self.value <= 0x3FFF:
            raise BuildError(f"parameter value {self.value} does not fit 14 bits.")
        return bytes(
            (
                data_byte(self.page, "page"),
                data_byte(self.position, "position"),
                self.value & 0x7F,
                self.value >> 7,
            )
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
