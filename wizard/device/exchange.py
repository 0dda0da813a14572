"""One question to the M1 and its answer: send a message, wait for the reply that belongs to it.

Unsolicited traffic (mode changes, program dumps on panel actions, stray 23/24 after a
program change, m1-sysex.md §2.6) is skipped and counted, never mistaken for the answer.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from wizard.device.outcomes import DeviceError, Outcome
from wizard.errors import ParseError
from wizard.m1 import Function, KorgMessage, Message, Status, parse, peek
from wizard.m1.constants import WIRE_BYTES_PER_SECOND, Allocation
from wizard.m1.framing import describe_function
from wizard.m1.sizes import DUMP_PREFIX, expected_length
from wizard.transport.base import ByteProgress, DamagedMessageError, Transport


def longest_reply(reply: Function) -> int:
    """The most bytes a dump with this function code can have (§3.4)."""
    if reply not in DUMP_PREFIX:
        return 0
    return max(
        expected_length(reply, allocation, allocation.max_events) for allocation in Allocation
    )


TICK = 0.1
"""Seconds between progress updates while waiting."""

REPLY_MARGIN = 2.0
"""Seconds allowed, beyond the wire time, before the M1's first reply byte (§5.4 [?])."""


@dataclass
class Timeouts:
    """How long to wait for the M1.

    Attributes:
        first_reply: Seconds of silence after a request before giving up.
        idle: Seconds of silence in the middle of a reply before giving up.
        after_load: Extra seconds after a bulk load's wire time for its 23/24/26.
        identity: Seconds to wait for the identity reply (15 bytes, sent at once).
        scan: Seconds per channel when scanning with MODE REQUEST.
    """

    first_reply: float = REPLY_MARGIN
    idle: float = 1.0
    after_load: float = 5.0
    identity: float = 0.5
    scan: float = 0.25


@dataclass
class Exchange:
    """A transport plus the channel the M1 listens on, with the waiting rules.

    Attributes:
        transport: Where the M1 is.
        channel: The M1's global channel (1-16), once known.
        timeouts: Waiting rules.
        unsolicited: Messages that arrived but answered nothing, for the MIDI log view.
        clock: Monotonic seconds.
        wire_rate: The cable's bytes per second; None on a link without one.
        notice: Where the person is told of a wait they should know about (the M1 still
            sending a dump); None to say nothing.
    """

    transport: Transport
    channel: int = 1
    timeouts: Timeouts = field(default_factory=Timeouts)
    unsolicited: list[bytes] = field(default_factory=list)
    clock: Callable[[], float] = time.monotonic
    wire_rate: float | None = WIRE_BYTES_PER_SECOND
    notice: Callable[[str], None] | None = None

    def wire_time(self, length: int) -> float:
        """Seconds `length` bytes need on the cable (0 on a link without one)."""
        return 0.0 if self.wire_rate is None else length / self.wire_rate

    def receive_one(self, timeout: float, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The next message, with the transport's damage turned into a DeviceError."""
        try:
            return self.transport.receive(timeout, on_bytes=on_bytes)
        except DamagedMessageError as damaged:
            raise DeviceError(
                Outcome.DAMAGED_REPLY, f"A message broke off after {len(damaged.data)} bytes."
            ) from damaged

    def await_reply(
        self,
        accept: Callable[[Message], bool],
        first_timeout: float,
        on_bytes: ByteProgress | None = None,
        expected: Function | None = None,
        tick: Callable[[], None] | None = None,
    ) -> Message:
        """Wait for the first message that `accept` takes; skip everything else.

        Args:
            accept: Says whether a parsed message is the answer.
            first_timeout: Seconds to wait for the answer to start.
            on_bytes: Progress of the message being received.
            expected: The dump expected, so a damaged copy of it is reported as damage.
            tick: Called about ten times a second while waiting (progress displays).

        Raises:
            DeviceError: Silence, a damaged reply, or a reply on another channel.
        """
        timeout = first_timeout
        while True:
            data = self._receive_ticking(timeout, on_bytes, tick)
            if data is None:
                raise DeviceError(Outcome.SILENT)
            timeout = max(self.timeouts.idle, first_timeout)
            try:
                message = parse(data)
            except ParseError as problem:
                info = peek(data)
                if expected is not None and info.function is expected:
                    raise DeviceError(
                        Outcome.DAMAGED_REPLY,
                        f"The {describe_function(expected)} came back as {len(data)} bytes"
                        + (
                            f" where {info.expected_length} were expected."
                            if info.expected_length
                            else "."
                        ),
                    ) from problem
                self.unsolicited.append(data)
                continue
            if accept(message):
                return message
            if (
                isinstance(message, KorgMessage)
                and expected is not None
                and message.function is expected
                and message.channel != self.channel
            ):
                raise DeviceError(
                    Outcome.WRONG_CHANNEL,
                    f"It was asked on channel {self.channel} and answered on "
                    f"channel {message.channel}.",
                )
            self.unsolicited.append(data)

    def _receive_ticking(
        self, timeout: float, on_bytes: ByteProgress | None, tick: Callable[[], None] | None
    ) -> bytes | None:
        """`receive_one` in short slices so `tick` runs while nothing arrives.

        A partial message stays buffered in the transport between slices; any byte that
        arrives restarts the idle time-out, as `Transport.receive` promises.
        """
        if tick is None:
            return self.receive_one(timeout, on_bytes)
        received = 0

        def counting(count: int) -> None:
            nonlocal received
            received = count
            if on_bytes is not None:
                on_bytes(count)

        deadline = self.clock() + timeout
        while True:
            tick()
            before = received
            data = self.receive_one(min(TICK, max(deadline - self.clock(), 0.0)), counting)
            if data is not None:
                return data
            if received != before:
                deadline = self.clock() + timeout
            elif self.clock() >= deadline:
                return None

    def request(
        self,
        message: KorgMessage,
        reply: Function,
        on_bytes: ByteProgress | None = None,
        tick: Callable[[], None] | None = None,
    ) -> KorgMessage:
        """Send a request on the M1's channel and return its dump.

        The wait for the answer to start allows for the longest answer's cable time too:
        some MIDI systems (JACK, a virtual port) hand over a message only once it is
        complete, so the first byte a program sees may come that much later.

        Raises:
            DeviceError: 24 (REQUEST_REFUSED), silence, damage, another channel.
        """
        self.transport.clear_input()
        self.transport.send(message.to_bytes())
        wait = (
            self.wire_time(len(message.to_bytes()) + longest_reply(reply))
            + self.timeouts.first_reply
        )

        def answers(m: Message) -> bool:
            return (
                isinstance(m, KorgMessage)
                and m.channel == self.channel
                and (m.function is reply or m.function is Function.LOAD_ERROR)
            )

        answer = self.await_reply(answers, wait, on_bytes, expected=reply, tick=tick)
        assert isinstance(answer, KorgMessage)
        if answer.function is Function.LOAD_ERROR:
            raise DeviceError(
                Outcome.REQUEST_REFUSED, f"It was asked for {describe_function(reply)}."
            )
        return answer

    def load(self, data: bytes, tick: Callable[[], None] | None = None) -> None:
        """Send one bulk message and wait for the M1's 23, paced by wire time and the reply.

        Args:
            data: One complete dump, already addressed to the M1's channel.
            tick: Called about ten times a second while the M1 takes the data.

        Raises:
            DeviceError: 24, 26, silence or damage.
        """
        self.transport.clear_input()
        self.transport.send(data)
        wait = self.wire_time(len(data)) + self.timeouts.after_load

        def status(m: Message) -> bool:
            return (
                isinstance(m, Status)
                and m.channel == self.channel
                and m.status
                in (Function.LOAD_COMPLETED, Function.LOAD_ERROR, Function.FORMAT_ERROR)
            )

        answer = self.await_reply(status, wait, tick=tick)
        assert isinstance(answer, Status)
        if answer.status is Function.LOAD_ERROR:
            raise DeviceError(Outcome.LOAD_ERROR)
        if answer.status is Function.FORMAT_ERROR:
            raise DeviceError(Outcome.FORMAT_ERROR)
