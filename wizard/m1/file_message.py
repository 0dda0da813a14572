"""One message found in a dump file, with every check m1-wizard makes on it."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.errors import ProtocolError
from wizard.m1.constants import (
    KORG_ID,
    M1_MODEL_ID,
    Allocation,
    Bank,
    Function,
)
from wizard.m1.framing import instrument_words
from wizard.m1.message_kinds import DUMP_KINDS, MessageKind
from wizard.m1.messages import (
    AllDataDump,
    IdentityReply,
    KorgMessage,
    Message,
    ModeChange,
    SequenceDump,
)
from wizard.m1.parse import PAYLOAD_START, Peek, describe_function, parse, peek
from wizard.m1.report import Contents, Problem, contents_of, error, warning
from wizard.m1.sizes import DUMP_PREFIX
from wizard.m1.sysex_scan import Span, is_m1

# Dumps whose `000000ac` byte carries the allocation bit (§2.1); 51 has a bank bit only.
ALLOCATION_DUMPS = frozenset(
    {
        Function.ALL_PROGRAMS_DUMP,
        Function.ALL_COMBINATIONS_DUMP,
        Function.SEQUENCE_DUMP,
        Function.ALL_DATA_DUMP,
    }
)
PACKED_GROUP = 8  # §3.1: one top-bit byte and up to seven data bytes
DAMAGED = "The data is damaged or not M1 data; use another copy."
LOST_END = "Use a complete copy of the file; the end of this message was lost."


@dataclass(frozen=True)
class FileMessage:
    """One F0 ... F7 message of a file and what was found out about it.

    Attributes:
        index: 0-based position among the file's messages.
        offset: Position of its F0 in the file (in the decoded bytes for hex text).
        data: Its bytes, F0 to F7 (no F7 when unterminated).
        peek: What its header says it is, before any check.
        message: The parsed message, or None when it has an error.
        problems: Everything found wrong with it.
    """

    index: int
    offset: int
    data: bytes
    peek: Peek
    message: Message | None
    problems: tuple[Problem, ...] = ()

    @property
    def kind(self) -> MessageKind:
        """all_data, all_programs, ..., identity_reply or other."""
        return self.peek.kind

    @property
    def function_code(self) -> int | None:
        """The function byte of an M1 message (known to the M1 or not), else None."""
        if self.peek.function is not None:
            return int(self.peek.function)
        if is_m1(self.data) and len(self.data) > PAYLOAD_START - 1:
            return self.data[PAYLOAD_START - 1]
        return None

    @property
    def channel(self) -> int | None:
        """Global MIDI channel 1-16 the message is addressed to, if it says."""
        return self.peek.channel

    @property
    def length(self) -> int:
        """Bytes as found."""
        return len(self.data)

    @property
    def expected_length(self) -> int | None:
        """Bytes its header calls for, if the header tells."""
        return self.peek.expected_length

    @property
    def allocation(self) -> Allocation | None:
        """Memory allocation a bank dump (4C, 4D, 48, 50) is laid out for."""
        if self.peek.function in ALLOCATION_DUMPS:
            return self.peek.allocation
        return None

    @property
    def bank(self) -> Bank | None:
        """Internal or card, for dumps with a bank byte (4C, 4D, 48, 50, 51)."""
        if self.peek.function is not None and DUMP_PREFIX.get(self.peek.function, 0) > 0:
            return self.peek.bank
        return None

    @property
    def events(self) -> int | None:
        """Sequencer event count of 48 and 50 dumps."""
        if self.peek.function in (Function.SEQUENCE_DUMP, Function.ALL_DATA_DUMP):
            return self.peek.events
        return None

    @property
    def contents(self) -> Contents:
        """Names and sizes it holds (empty unless it parsed)."""
        return contents_of(self.message)

    @property
    def has_errors(self) -> bool:
        """True when the message must not be used."""
        return any(p.is_error for p in self.problems)

    @property
    def is_dump(self) -> bool:
        """True for a valid message carrying sounds, songs or global data."""
        return self.message is not None and not self.has_errors and self.kind in DUMP_KINDS

    @property
    def label(self) -> str:
        """What it is in a few words, e.g. "ALL PROGRAM DUMP (4C)"."""
        if self.peek.function is not None:
            return describe_function(self.peek.function)
        if self.kind is MessageKind.IDENTITY_REPLY:
            return "IDENTITY REPLY"
        if isinstance(self.message, KorgMessage):
            return self.message.kind.words.upper()
        return "unknown message"


def _where(index: int, offset: int) -> str:
    return f"Message {index + 1} at byte {offset}"


def _unterminated(span: Span, index: int, info: Peek) -> Problem:
    expected = ""
    if info.function is not None and info.expected_length is not None:
        expected = (
            f" (this {describe_function(info.function)} should be {info.expected_length} bytes)"
        )
    return error(
        f"{_where(index, span.offset)} is unterminated: it stops after {len(span.data)} bytes "
        f"without the F7 that ends a message{expected}.",
        LOST_END,
        span.offset,
        index,
    )


def _unused_bits_set(message: KorgMessage, data: bytes) -> bool:
    """True when the short last group of packed data has bits set that carry nothing.

    The parser ignores them, as the M1 would (§3.1), but no correct packer sets them, so
    they show that bytes were changed on the way.
    """
    prefix = DUMP_PREFIX.get(message.function)
    if prefix is None:
        return False
    packed = len(data) - PAYLOAD_START - prefix - 1
    used = packed % PACKED_GROUP - 1
    if used < 0:
        return False
    top = data[len(data) - 1 - (used + 1)]
    return top >> used != 0


def _checks(message: Message, data: bytes, index: int, offset: int) -> list[Problem]:
    where = _where(index, offset)
    if isinstance(message, KorgMessage) and _unused_bits_set(message, data):
        return [
            error(
                f"{where}: the packed data has bits set where 7-in-8 packing leaves none: "
                "the data is damaged.",
                "Use another copy; if it came over MIDI, run the interface loopback test.",
                offset,
                index,
            )
        ]
    if isinstance(message, SequenceDump | AllDataDump):
        events, limit = message.sequence.events, message.allocation.max_events
        if events > limit:
            return [
                error(
                    f"{where}: the sequencer data holds {events} events, more than the "
                    f"{limit} that {message.allocation.short} memory has room for.",
                    DAMAGED,
                    offset,
                    index,
                )
            ]
    m1_family = bytes((M1_MODEL_ID, 0))  # §1.2
    if isinstance(message, IdentityReply) and (message.manufacturer, message.family) != (
        KORG_ID,
        m1_family,
    ):
        who = instrument_words(message.manufacturer, message.family)
        return [
            error(
                f"{where} is the identity reply of {who}, not an M1: "
                "nothing in it can be sent to an M1.",
                "Choose a file saved from an M1, M1R or M1EX.",
                offset,
                index,
            )
        ]
    if isinstance(message, ModeChange):
        return [
            warning(
                f"{where} is a MODE CHANGE (4E); it holds no sounds and will not be sent.",
                "Nothing to do: the wizard puts the M1 in the right mode itself.",
                offset,
                index,
            )
        ]
    if message.kind not in DUMP_KINDS:
        if isinstance(message, KorgMessage):
            what = describe_function(message.function)
        else:
            what = message.kind.words
        return [
            warning(
                f"{where} ({what}) is not a dump; it holds no sounds and will not be sent.",
                "Nothing to do: it is left out.",
                offset,
                index,
            )
        ]
    return []


def examine(span: Span, index: int) -> FileMessage:
    """Check one span: frame, header, function, exact length, packing, limits.

    Never raises: what is wrong becomes a Problem.

    Args:
        span: The bytes as found.
        index: 0-based position among the file's messages.
    """
    info = peek(span.data)
    if not span.terminated:
        problem = _unterminated(span, index, info)
        return FileMessage(index, span.offset, span.data, info, None, (problem,))
    try:
        message = parse(span.data)
    except ProtocolError as bad:
        problem = error(
            f"{_where(index, span.offset)}: {bad.message}",
            bad.next_action or DAMAGED,
            span.offset,
            index,
        )
        return FileMessage(index, span.offset, span.data, info, None, (problem,))
    problems = tuple(_checks(message, span.data, index, span.offset))
    kept = None if any(p.is_error for p in problems) else message
    return FileMessage(index, span.offset, span.data, info, kept, problems)
