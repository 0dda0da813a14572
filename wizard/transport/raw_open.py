"""Opening a raw MIDI device node, every refusal turned into one sentence with its fix:
no such device, not a device, permission (the `audio` group), busy, and for serial ports
the speed to check when bytes come out damaged."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from pathlib import Path

from wizard.errors import TransportError
from wizard.transport.port_lock import PortLocks
from wizard.transport.raw_device import RawMidiTransport

PTY_SLAVE_MAJORS = range(136, 144)
"""Linux's device numbers for pseudo-terminal slaves (/dev/pts/N)."""
MIDI_BAUD = 31_250
LIST_ADVICE = "`m1-wizard ports` lists the raw MIDI devices (/dev/snd/midiC*D*)."


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISREG(mode):
        return "an ordinary file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a character device"


def _group_name(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)


def _open_error(error: OSError, path: str, group: str) -> TransportError:
    if error.errno in (errno.EACCES, errno.EPERM):
        return TransportError(
            f"Permission to open the MIDI device {path} was denied: it belongs to the "
            f'group "{group}", which you are not in.',
            f"Add yourself to it (`sudo usermod -aG {group} $USER`), log out and back in, "
            "then run the command again.",
        )
    if error.errno == errno.EBUSY:
        return TransportError(
            f"The MIDI device {path} is busy: another program holds it open.",
            "Close the program using it (a DAW, amidi, a librarian, or a sequencer client "
            f"connected to it; `fuser -v {path}` names it), then run the command again.",
        )
    if error.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return TransportError(
            f"No device answers at {path} (unplugged or switched off?).",
            f"Plug the interface in and try again; {LIST_ADVICE}",
        )
    return TransportError(
        f"The MIDI device {path} could not be opened: {error.strerror}.",
        f"Plug the interface in again and try again; {LIST_ADVICE}",
    )


def _baud(speed: int) -> int | None:
    import termios

    for name in dir(termios):
        if name.startswith("B") and name[1:].isdigit() and getattr(termios, name) == speed:
            return int(name[1:])
    return None


def _prepare_tty(fd: int, path: str, device: int) -> str | None:
    """Raw mode and exclusive use for a terminal device; the sentence to add to damage
    reports on a real serial port (its speed is the usual cause)."""
    if not os.isatty(fd):
        return None
    import termios
    import tty

    with contextlib.suppress(termios.error):
        tty.setraw(fd)  # bytes as they are: no echo, no line editing, no XON/XOFF
    with contextlib.suppress(OSError):
        import fcntl

        fcntl.ioctl(fd, termios.TIOCEXCL)  # a second opener is refused, as ALSA does
    if os.major(device) in PTY_SLAVE_MAJORS:
        return None  # a pseudo-terminal has no speed
    try:
        baud = _baud(termios.tcgetattr(fd)[4])
    except termios.error:
        baud = None
    speed = f"is set to {baud} baud" if baud is not None else "has an unknown speed"
    return (
        f"The serial port {path} {speed}: MIDI needs {MIDI_BAUD:,} baud (or the speed "
        f"its MIDI adapter expects); check it with `stty -F {path}`."
    )


def open_raw(path: str) -> RawMidiTransport:
    """Open a device node for MIDI both ways, locked for this run (`port_lock`).

    Args:
        path: /dev/snd/midiC1D0, a serial port, a pseudo-terminal, or a link to one.

    Raises:
        TransportError: No such device, not a device, permission denied, busy, or in
            use by another m1-wizard run.
    """
    shown = str(path)
    real = str(Path(path).expanduser())
    try:
        info = os.stat(real)
    except FileNotFoundError:
        raise TransportError(
            f"There is no device at {shown}.",
            f"Check the path; {LIST_ADVICE}",
        ) from None
    except OSError as error:
        raise _open_error(error, shown, "audio") from error
    if not stat.S_ISCHR(info.st_mode):
        raise TransportError(
            f"{shown} is {_kind(info.st_mode)}, not a MIDI device.",
            "Give a device such as /dev/snd/midiC1D0, a serial MIDI port, or part of a "
            f"port name; {LIST_ADVICE}",
        )
    locks = PortLocks()
    locks.take(os.path.realpath(real), "device")
    try:
        fd = os.open(real, os.O_RDWR | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as error:
        locks.release()
        raise _open_error(error, shown, _group_name(info.st_gid)) from error
    try:
        hint = _prepare_tty(fd, shown, info.st_rdev)
    except BaseException:
        os.close(fd)
        locks.release()
        raise
    return RawMidiTransport(fd, shown, speed_hint=hint, on_close=locks.release)
