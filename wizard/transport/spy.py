"""A transport wrapper that writes every message to a MIDI log a bug report can include.

One line per message, written as it happens:

    <seconds since start> <OUT|IN> <length> <hex>

Seconds come from the monotonic clock. Messages longer than `FULL_HEX_LIMIT` bytes show
their first and last bytes, the full length, and a SHA-256 of all bytes. Refused sends,
damaged messages and time-outs are written as lines starting with `#`. Lone realtime
bytes (FE every 300 ms) are left out unless asked for.

The log is a witness, not a participant: a log that cannot be written at the start is
refused (the error reaches the caller before anything is sent), but one that fails later (a
full disk) stops logging, says so once, and never stops the transfer.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable
from datetime import datetime
from typing import TextIO

from wizard.errors import TransportError
from wizard.transport.base import (
    FIRST_REALTIME,
    ByteProgress,
    DamagedMessageError,
    Transport,
    WrappedTransport,
)

FULL_HEX_LIMIT = 48
HEAD_BYTES = 16
TAIL_BYTES = 4


def hex_bytes(data: bytes) -> str:
    """Bytes as upper-case hex pairs separated by spaces."""
    return data.hex(" ").upper()


def abbreviate(data: bytes) -> str:
    """Hex for a log line: a short message in full, a long one as head, tail and SHA-256."""
    if len(data) <= FULL_HEX_LIMIT:
        return hex_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    return (
        f"{hex_bytes(data[:HEAD_BYTES])} ... {hex_bytes(data[-TAIL_BYTES:])} "
        f"({len(data) - HEAD_BYTES - TAIL_BYTES} bytes not shown) sha256={digest}"
    )


def is_lone_realtime(data: bytes) -> bool:
    """True for a single realtime byte (F8-FF) sent as a message of its own."""
    return len(data) == 1 and data[0] >= FIRST_REALTIME


def log_line(seconds: float, direction: str, data: bytes) -> str:
    """One log line, without the newline."""
    return f"{seconds:12.6f} {direction:<3} {len(data):6d} {abbreviate(data)}"


class SpyTransport(WrappedTransport):
    """Passes everything through to `inner` and logs it.

    Args:
        inner: The transport that really talks to the M1.
        log: An open text stream, or a path to append to (opened line-buffered and
            closed with the transport).
        clock: Monotonic seconds.
        note_timeouts: Note each receive that timed out (off for callers that poll).
        realtime: Also log lone realtime bytes (FE active sensing every 300 ms, F8 clock).
        on_failure: Told once, in a sentence, when writing the log fails after it started.

    Raises:
        OSError: The log cannot be opened or its first line cannot be written.
    """

    def __init__(
        self,
        inner: Transport,
        log: TextIO | str | os.PathLike[str],
        clock: Callable[[], float] = time.monotonic,
        *,
        note_timeouts: bool = True,
        realtime: bool = False,
        on_failure: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(inner)
        self._on_failure = on_failure
        self.failure: str | None = None
        """Why logging stopped part way; None while the log is written."""
        self._started = False
        self._clock = clock
        self._note_timeouts = note_timeouts
        self._realtime = realtime
        self._owns_log = not hasattr(log, "write")
        if isinstance(log, (str, os.PathLike)):
            self._log: TextIO = open(log, "a", buffering=1, encoding="utf-8")  # noqa: SIM115
        else:
            self._log = log
        self._start = clock()
        ports = inner.ports
        started = datetime.now().astimezone().isoformat(timespec="seconds")
        self._note(
            f"m1-wizard MIDI log started {started}"
            f"; in: {ports.input}; out: {ports.output}; largest message: "
            f"{inner.max_message_size or 'no limit'}"
        )
        self._started = True  # from here on a write error stops the log, not the transfer

    def send(self, data: bytes) -> None:
        """Send through the inner transport; log the message, or why it was refused."""
        try:
            self._inner.send(data)
        except TransportError as error:
            self._note(f"{self._elapsed():.6f} OUT refused, {len(data)} bytes: {error.message}")
            raise
        if self._realtime or not is_lone_realtime(data):
            self._write(log_line(self._elapsed(), "OUT", bytes(data)))

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """Receive through the inner transport and log what came (or did not)."""
        try:
            data = self._inner.receive(timeout, on_bytes=on_bytes)
        except DamagedMessageError as error:
            self._note(f"{self._elapsed():.6f} IN damaged: {error.message}")
            self._write(log_line(self._elapsed(), "IN", error.data))
            raise
        if data is None:
            if self._note_timeouts:
                self._note(f"{self._elapsed():.6f} IN nothing within {timeout:g} s")
        else:
            self._write(log_line(self._elapsed(), "IN", data))
        return data

    def clear_input(self) -> None:
        """Clear the inner transport's input."""
        self._inner.clear_input()
        self._note(f"{self._elapsed():.6f} input cleared")

    def close(self) -> None:
        """Close the inner transport, then the log if the spy opened it."""
        self._inner.close()
        if self._log.closed:
            return
        self._note(f"{self._elapsed():.6f} closed")
        if self._owns_log:
            with contextlib.suppress(OSError):  # a failed log was already reported
                self._log.close()

    def _elapsed(self) -> float:
        return self._clock() - self._start

    def _note(self, text: str) -> None:
        self._write(f"# {text}")

    def _write(self, line: str) -> None:
        if self.failure is not None or self._log.closed:
            return
        try:
            self._log.write(line + "\n")
            self._log.flush()
        except OSError as error:
            if not self._started:
                raise
            self._stop_logging(error)

    def _stop_logging(self, error: OSError) -> None:
        name = getattr(self._log, "name", "the MIDI log")
        self.failure = (
            f"The MIDI log {name} stopped: {error.strerror or error}. The transfer goes on "
            "without it; the log holds everything up to this point."
        )
        if self._owns_log:
            with contextlib.suppress(OSError):
                self._log.close()
        if self._on_failure is not None:
            self._on_failure(self.failure)
