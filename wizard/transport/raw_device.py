"""`Transport` over a device node that carries MIDI bytes both ways: an ALSA raw MIDI
device (/dev/snd/midiC1D0), a serial MIDI port already set to its speed, or a
pseudo-terminal. Messages of any size go out whole; input is a byte stream reassembled
with the same rules as every other transport (`assembly`).

The descriptor is non-blocking and every wait is a `select` in short slices, so a
`close` from another thread is noticed within `SLICE_SECONDS` and never frees the
descriptor under a read or write in progress (each holds its direction's lock).
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import threading
import time
from collections.abc import Callable

from wizard.errors import TransportError
from wizard.transport.base import (
    ByteProgress,
    DamagedMessageError,
    PortPair,
    check_outgoing,
    closed_error,
)
from wizard.transport.receiving import ReassemblingTransport, StreamReceiver

SLICE_SECONDS = 0.05
"""Longest single wait on the descriptor; how soon a `close` elsewhere is noticed."""
READ_SIZE = 4096
GONE_ERRNOS = frozenset({errno.EIO, errno.ENODEV, errno.ENXIO, errno.EPIPE, errno.EBADF})
"""What reading or writing a device node answers once it is unplugged (or its peer,
for a pseudo-terminal, closed)."""


def vanished_error(path: str) -> TransportError:
    """The error for a device that went away while in use."""
    return TransportError(
        f"The MIDI device {path} went away in the middle of a transfer (unplugged, "
        "switched off, or the program at its other end stopped).",
        "Plug the interface in again and run the command again; `m1-wizard ports` shows "
        "whether the system sees it.",
    )


class DevicePieces:
    """A piece source (see `receiving.PieceSource`) reading a non-blocking descriptor.

    Args:
        fd: The open descriptor.
        path: Its path, for messages.
        lock: Held while the descriptor is read; `close` takes it first.
        clock: Monotonic seconds.
    """

    def __init__(
        self, fd: int, path: str, lock: threading.Lock, clock: Callable[[], float]
    ) -> None:
        self._fd = fd
        self._path = path
        self._lock = lock
        self._clock = clock
        self._closed = False
        self.total = 0
        """Bytes read so far."""

    def get(self, timeout: float) -> bytes | None:
        """The next piece, waiting at most `timeout` seconds.

        Raises:
            TransportError: The transport was closed, or the device went away.
        """
        deadline = self._clock() + timeout
        while True:
            piece = self._read(min(SLICE_SECONDS, max(0.0, deadline - self._clock())))
            if piece is not None:
                return piece
            if self._clock() >= deadline:
                return None

    def drain(self) -> None:
        """Drop whatever is waiting on the descriptor now."""
        while not self._closed and self._read(0.0) is not None:
            continue

    def close(self) -> None:
        """Make later and waiting `get` calls raise; call with the lock held."""
        self._closed = True

    def _read(self, wait: float) -> bytes | None:
        with self._lock:
            if self._closed:
                raise closed_error()
            try:
                ready, _, _ = select.select([self._fd], [], [], wait)
                if not ready:
                    return None
                piece = os.read(self._fd, READ_SIZE)
            except BlockingIOError:
                return None
            except OSError as error:
                if error.errno in GONE_ERRNOS:
                    raise vanished_error(self._path) from error
                raise
        if not piece:  # end of file: the other end of a pseudo-terminal or pipe closed
            raise vanished_error(self._path)
        self.total += len(piece)
        return piece


class RawMidiTransport(ReassemblingTransport):
    """An open device node read and written directly. Build one with `raw_open.open_raw`.

    Args:
        fd: A descriptor opened read-write and non-blocking; the transport owns it.
        path: The device's path, shown as both port names.
        clock: Monotonic seconds.
        speed_hint: A sentence added to damage reports (a serial port's speed to check).
        on_close: Called once after the descriptor closed (releases the port lock).
    """

    def __init__(
        self,
        fd: int,
        path: str,
        clock: Callable[[], float] = time.monotonic,
        *,
        speed_hint: str | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self._fd = fd
        self._path = path
        self._clock = clock
        self._speed_hint = speed_hint
        self._on_close = on_close
        self._in_lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._pieces = DevicePieces(fd, path, self._in_lock, clock)
        self._receiver = StreamReceiver(self._pieces, clock)
        self._closed = False
        self.bytes_written = 0
        """Bytes written so far (tests wait for the far end to have read them all)."""

    @property
    def max_message_size(self) -> int | None:
        """None: a byte stream carries messages of any size."""
        return None

    @property
    def ports(self) -> PortPair:
        """The device path, both ways."""
        return PortPair(self._path, self._path)

    @property
    def bytes_read(self) -> int:
        """Bytes read from the device so far."""
        return self._pieces.total

    def send(self, data: bytes) -> None:
        """Write one complete message, whole, waiting while the device's buffer is full.

        Raises:
            TransportError: The message is not one MIDI message, the transport is closed,
                or the device went away.
        """
        check_outgoing(data, None, self._path)
        self.write_bytes(data)

    def write_bytes(self, data: bytes) -> None:
        """Write bytes as they are, e.g. part of a message an emulator is sending out.

        Raises:
            TransportError: The transport is closed, or the device went away.
        """
        view = memoryview(bytes(data))
        with self._send_lock:
            while view:
                if self._closed:
                    raise closed_error()
                try:
                    _, ready, _ = select.select([], [self._fd], [], SLICE_SECONDS)
                    if not ready:
                        continue
                    written = os.write(self._fd, view)
                except BlockingIOError:
                    continue
                except OSError as error:
                    if error.errno in GONE_ERRNOS:
                        raise vanished_error(self._path) from error
                    raise TransportError(
                        f"Writing to the MIDI device {self._path} failed: {error.strerror}.",
                        "Plug the interface in again and run the command again.",
                    ) from error
                self.bytes_written += written
                view = view[written:]

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        """The next complete message (see `Transport.receive`)."""
        if self._closed:
            raise closed_error()
        try:
            return self._receiver.receive(timeout, on_bytes)
        except DamagedMessageError as error:
            if self._speed_hint is None or error.message.endswith(self._speed_hint):
                raise
            error.message = f"{error.message} {self._speed_hint}"
            raise

    def close(self) -> None:
        """Close the descriptor; a receive or send in another thread ends within a slice."""
        if self._closed:
            return
        self._closed = True
        with self._in_lock, self._send_lock:
            self._pieces.close()
            # A device already gone may refuse these; nothing is left to release then.
            with contextlib.suppress(OSError):
                _release_terminal(self._fd)
            with contextlib.suppress(OSError):
                os.close(self._fd)
        if self._on_close is not None:
            self._on_close()


def _release_terminal(fd: int) -> None:
    """Let other programs open a terminal device again (`raw_open` claimed it with
    TIOCEXCL, which would otherwise outlast us while another program holds it open)."""
    if os.isatty(fd):
        import fcntl
        import termios

        fcntl.ioctl(fd, termios.TIOCNXCL)
