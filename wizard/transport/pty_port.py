"""A pseudo-terminal that behaves as a raw MIDI device: the far end of `m1-wizard emulate
--pty PATH`, which any program (m1-wizard with `--port PATH` included) opens like a
serial MIDI port or an ALSA raw MIDI device."""

from __future__ import annotations

import contextlib
import os
import pty
import tty
from pathlib import Path

from wizard.errors import TransportError
from wizard.transport.raw_device import RawMidiTransport


def _claim_link(path: Path) -> None:
    """Make room for the link at `path`: a stale link to a pseudo-terminal may go,
    anything else stays and is reported."""
    if not path.is_symlink():
        if path.exists():
            raise TransportError(
                f"{path} already exists and is not a link m1-wizard made.",
                "Give --pty a path where nothing is yet, e.g. /tmp/m1-emulator.",
            )
        return
    if not os.readlink(path).startswith("/dev/pts/"):
        raise TransportError(
            f"{path} is a link to {os.readlink(path)}, not to a pseudo-terminal.",
            "Give --pty a path where nothing is yet, e.g. /tmp/m1-emulator.",
        )
    path.unlink()  # left by an emulator that was killed


def open_pty_port(path: Path) -> RawMidiTransport:
    """Create a pseudo-terminal in raw mode, a link to its device at `path`, and the
    transport of its controlling side.

    The emulator keeps the device side open too, so a program that opens `path`, works
    and closes it leaves the port ready for the next one. Closing the transport removes
    the link.

    Raises:
        TransportError: `path` is taken by something else, or cannot be created.
    """
    _claim_link(path)
    controller, device = pty.openpty()
    tty.setraw(device)  # both ends carry bytes as they are (the settings are shared)
    name = os.ttyname(device)
    try:
        path.symlink_to(name)
    except OSError as error:
        os.close(controller)
        os.close(device)
        raise TransportError(
            f"Could not create {path}: {error.strerror}.",
            "Give --pty a path in a folder you can write to.",
        ) from error
    os.set_blocking(controller, False)

    def release() -> None:
        with contextlib.suppress(OSError):
            os.close(device)
        with contextlib.suppress(OSError):
            if path.is_symlink() and os.readlink(path) == name:
                path.unlink()

    return RawMidiTransport(controller, f"{path} ({name})", on_close=release)
