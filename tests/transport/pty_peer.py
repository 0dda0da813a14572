"""A pseudo-terminal pair in raw mode standing in for a raw MIDI device, with the emulated
M1 at its far end: the code under test opens the device side with `open_raw` (the real
raw transport), and a `PtyPeer` serves the emulator on the controlling side."""

from __future__ import annotations

import os
import pty
import threading
import tty
from pathlib import Path

from wizard.errors import TransportError
from wizard.transport.base import DamagedMessageError
from wizard.transport.link import EmulatorLink
from wizard.transport.raw_device import RawMidiTransport

SLICE = 0.05
SETTLE_SECONDS = 10.0


def raw_pty() -> tuple[int, int, str]:
    """A pseudo-terminal pair in raw mode: (controlling fd, device fd, device path)."""
    controller, device = pty.openpty()
    tty.setraw(device)
    return controller, device, os.ttyname(device)


class PtyPeer:
    """The emulated M1 behind a pseudo-terminal, reachable at `path`.

    One thread reads what arrives and hands each whole message to the link; another
    writes the link's output back as it becomes due (so a client that stops reading never
    stops the reading side). The device side stays open here too, so clients may come
    and go.

    Args:
        link: The link to the emulated M1 (its timing paces the replies).
        folder: Where the link `m1-pty` to the device is made.
    """

    def __init__(self, link: EmulatorLink, folder: Path) -> None:
        controller, self._device, name = raw_pty()
        self.path = folder / "m1-pty"
        self.path.symlink_to(name)
        os.set_blocking(controller, False)
        self.port = RawMidiTransport(controller, "peer")
        self.link = link
        self.damaged: list[bytes] = []
        self.received: list[bytes] = []
        """Every whole message the M1 was handed, in order."""
        self._consumed = 0
        self._progress = threading.Condition()
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._read, daemon=True),
            threading.Thread(target=self._write, daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def settle(self, written: int) -> None:
        """Wait until the M1 has been handed everything of the first `written` bytes the
        client wrote (so its memory can be looked at)."""
        with self._progress:
            done = self._progress.wait_for(lambda: self._consumed >= written, SETTLE_SECONDS)
        assert done, f"the peer read {self._consumed} of {written} bytes"

    def close_device(self) -> None:
        """Close the device side held here (clients then see the peer go when it stops)."""
        os.close(self._device)
        self._device = -1

    def stop(self) -> None:
        """Stop serving and close everything."""
        self._stop.set()
        self.port.close()
        for thread in self._threads:
            thread.join()
        if self._device >= 0:
            self.close_device()
        self.path.unlink()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                message = self.port.receive(SLICE)
                while message is not None:
                    self.received.append(message)
                    self.link.send(message)
                    message = self.port.receive(0)
            except DamagedMessageError as error:
                self.damaged.append(error.data)
            except TransportError:
                return
            with self._progress:
                self._consumed = self.port.bytes_read
                self._progress.notify_all()

    def _write(self) -> None:
        while not self._stop.is_set():
            try:
                piece = self.link.receive_piece(SLICE)
                if piece is not None:
                    self.port.write_bytes(piece)
            except TransportError:
                return
