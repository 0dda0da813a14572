"""The `Transport` interface every part of m1-wizard uses to reach an M1, and its errors."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import Self

from wizard.errors import TransportError

SYSEX_START = 0xF0
SYSEX_END = 0xF7
FIRST_REALTIME = 0xF8

ByteProgress = Callable[[int], None]
"""Called with the running byte count of the message being received."""

RESEND_ADVICE = "Check the MIDI cables and the interface, then repeat the request."


@dataclass(frozen=True)
class PortPair:
    """The names of the two ports a transport talks through."""

    input: str
    output: str


class DamagedMessageError(TransportError):
    """A message broke off before its end; `data` holds the bytes that did arrive.

    Args:
        message: What happened, in one sentence.
        data: The partial message, F0 first.
    """

    def __init__(self, message: str, data: bytes) -> None:
        super().__init__(message, RESEND_ADVICE)
        self.data = data


def closed_error() -> TransportError:
    """The error for using a transport after `close()`."""
    return TransportError(
        "The MIDI connection is already closed.",
        "Open the MIDI ports again (run the step again).",
    )


def check_outgoing(data: bytes, limit: int | None, system: str) -> None:
    """Refuse a message the backend would mangle or silently drop.

    Args:
        data: One complete message.
        limit: Largest single message the backend carries, None for no limit.
        system: The backend's name as a person knows it, e.g. "JACK MIDI".

    Raises:
        TransportError: The message is empty, not one complete message, or too large.
    """
    if not data or data[0] < 0x80:
        raise TransportError(
            "Refused to send data that does not start with a MIDI status byte.",
            "Send one complete MIDI message at a time (a SysEx message starts with F0).",
        )
    if data[0] == SYSEX_START and (
        len(data) < 2 or data[-1] != SYSEX_END or max(data[1:-1], default=0) >= 0x80
    ):
        raise TransportError(
            "Refused to send a SysEx message that is not exactly one F0 ... F7 message.",
            "Split the data at each F7 and send the messages one by one.",
        )
    if data[0] != SYSEX_START and len(data) > 3:
        raise TransportError(
            f"Refused to send {len(data)} bytes as one message that is not SysEx "
            "(such messages are 1 to 3 bytes).",
            "Send one complete MIDI message at a time.",
        )
    if limit is not None and len(data) > limit:
        raise TransportError(
            f"The message is {len(data)} bytes long but {system} carries at most {limit} "
            "bytes in one message, so it was not sent.",
            "Send smaller dumps (programs, combinations, global and sequence one by one) "
            "or use another MIDI system; `m1-wizard ports` shows the one in use.",
        )


class Transport(ABC):
    """One open connection to an M1 (or something that behaves like one).

    `send` takes one complete message; `receive` returns one complete message with
    SysEx reassembled and realtime bytes (F8 clock, FE active sensing) removed.
    """

    @property
    @abstractmethod
    def max_message_size(self) -> int | None:
        """Largest single message `send` carries, in bytes; None when there is no limit."""

    @property
    @abstractmethod
    def ports(self) -> PortPair:
        """The input and output port names."""

    @abstractmethod
    def send(self, data: bytes) -> None:
        """Send one complete message.

        Raises:
            TransportError: The message is too large for the backend (nothing was sent),
                or the port failed.
        """

    @abstractmethod
    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """Wait for the next complete message.

        Args:
            timeout: Idle time-out in seconds: it starts again whenever bytes of a
                message arrive, so a long dump keeps the call going while it flows.
            on_bytes: Called with the running byte count of the message being received.

        Returns:
            The message, or None when nothing (more) arrived within `timeout`.

        Raises:
            DamagedMessageError: A SysEx message broke off before its F7.
        """

    @property
    def raw_device(self) -> str | None:
        """Where this transport's size limit does not apply: the raw MIDI device of the same
        interface (e.g. "/dev/snd/midiC1D0 (hw:1,0)"), None when there is none to offer."""
        return None

    @property
    def stray_bytes(self) -> int:
        """Bytes received so far that belonged to no message, such as the rest of a dump
        that began before this port listened; 0 where the backend cannot tell.

        Only its growth means anything: it shows that the other end is sending.
        """
        return 0

    @abstractmethod
    def clear_input(self) -> None:
        """Forget everything received but not yet returned, including a partial message."""

    @abstractmethod
    def close(self) -> None:
        """Close the ports; calling it twice is harmless."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class WrappedTransport(Transport):
    """A transport that passes everything on to another one; a wrapper (the MIDI log, the
    wizard's traffic view) overrides only what it adds to.

    Args:
        inner: The transport underneath.
    """

    def __init__(self, inner: Transport) -> None:
        self._inner = inner

    @property
    def inner(self) -> Transport:
        """The transport underneath."""
        return self._inner

    @property
    def max_message_size(self) -> int | None:
        """The inner transport's limit."""
        return self._inner.max_message_size

    @property
    def raw_device(self) -> str | None:
        """The inner transport's raw device of the same interface."""
        return self._inner.raw_device

    @property
    def ports(self) -> PortPair:
        """The inner transport's ports."""
        return self._inner.ports

    @property
    def stray_bytes(self) -> int:
        """The inner transport's count (see `Transport.stray_bytes`)."""
        return self._inner.stray_bytes

    def send(self, data: bytes) -> None:
        """Send through the inner transport."""
        self._inner.send(data)

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """Receive from the inner transport."""
        return self._inner.receive(timeout, on_bytes=on_bytes)

    def clear_input(self) -> None:
        """Clear the inner transport's input."""
        self._inner.clear_input()

    def close(self) -> None:
        """Close the inner transport."""
        self._inner.close()
