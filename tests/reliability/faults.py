"""Every fault the reliability tests inject: line faults of the emulated M1, M1 settings,
a transport that vanishes or is interrupted (Ctrl-C, SIGTERM, SIGHUP) at a chosen phase,
a disk that is full, read-only or already holds the backup's name, and an M1 still
sending the dump of a backup interrupted just before."""

from __future__ import annotations

import builtins
import errno
import os
import signal
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.interruptions import SIGNALS, interrupt
from wizard.emulator import Behaviour, Faults
from wizard.m1.constants import KORG_ID, UNIVERSAL_NON_REALTIME, Function, Mode
from wizard.transport.advice import advice_for
from wizard.transport.base import ByteProgress, PortPair, Transport

LONG = 256
"""Messages longer than this are dumps (every request and status reply is shorter)."""

UNPLUGGED = "device unplugged"


class Phase(Enum):
    """Where a trap springs, told apart by the traffic alone (so one wrapper serves all)."""

    DETECT = "detect"  # waiting for the answer to an identity request or a MODE REQUEST
    BACKUP_RECEIVE = "backup receive"  # a dump arriving before anything was sent into the M1
    SEND = "send"  # a dump going into the M1 (it has left when Ctrl-C springs)
    WAIT = "wait"  # waiting for the M1's 23 right after a dump went in
    READ_BACK = "read-back"  # a dump arriving after something was sent into the M1


class Resume(Enum):
    """What changed while a run was stopped after its safety backup, before it resumed."""

    BACKUP_MISSING = "the backup was deleted"
    BACKUP_CHANGED = "the backup file was changed"
    OTHER_M1 = "another M1 (other global data) is connected"


class Trap(Enum):
    """What springs."""

    CTRL_C = "ctrl-c"
    VANISH = "vanish"


def _asks_who(data: bytes) -> bool:
    """True for an identity request or a MODE REQUEST (§1.2, §2.4): the questions of detect."""
    identity = len(data) == 6 and data[1] == UNIVERSAL_NON_REALTIME and data[4] == 0x01
    mode = len(data) == 6 and data[1] == KORG_ID and data[4] == Function.MODE_REQUEST
    return identity or mode


class TrappedTransport(Transport):
    """Passes traffic through until its phase comes, then stops the run (Ctrl-C, or the
    signal `stop_signal` delivered) or raises TransportError (the port vanished; every
    later call fails the same way, as after a USB unplug).

    Args:
        inner: The real transport.
    """

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.phase: Phase | None = None
        self.trap = Trap.CTRL_C
        self.stop_signal: signal.Signals | None = None  # the Ctrl-C trap sends this instead
        self.sprung = False
        self.sent_dump = False  # something went into the M1's memory, now or while preparing
        self._asked_who = False
        self._awaiting_status = False

    def arm(
        self, phase: Phase | None, trap: Trap, stop_signal: signal.Signals | None = None
    ) -> None:
        """Spring at `phase` from now on (None: never); a Ctrl-C trap delivers
        `stop_signal` instead when one is given."""
        self.phase, self.trap, self.sprung = phase, trap, False
        self.stop_signal = stop_signal

    @property
    def max_message_size(self) -> int | None:
        return self.inner.max_message_size

    @property
    def raw_device(self) -> str | None:
        """The inner transport's raw device of the same interface."""
        return self.inner.raw_device

    @property
    def ports(self) -> PortPair:
        return self.inner.ports

    @property
    def stray_bytes(self) -> int:
        return self.inner.stray_bytes

    def _spring(self) -> None:
        self.sprung = True
        if self.trap is Trap.CTRL_C:
            interrupt(self.stop_signal)
            return  # an ignored signal: the run goes on
        raise advice_for(OSError(UNPLUGGED), None, "USB MIDI Interface")

    def _gone(self) -> None:
        if self.sprung and self.trap is Trap.VANISH:
            self._spring()

    def send(self, data: bytes) -> None:
        self._gone()
        self._asked_who = _asks_who(data)
        if len(data) > LONG:
            if self.phase is Phase.SEND and not self.sprung:
                if self.trap is Trap.CTRL_C:
                    self.inner.send(data)  # Ctrl-C lands once the OS has taken the message
                    self.sent_dump = self._awaiting_status = True
                    self._spring()
                    return  # an ignored signal: the message went in once, and on it goes
                self._spring()
            self.sent_dump = True
            self._awaiting_status = True
        self.inner.send(data)

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        self._gone()
        if not self.sprung:
            if self.phase is Phase.DETECT and self._asked_who:
                self._spring()
            if self.phase is Phase.WAIT and self._awaiting_status:
                self._spring()
        self._awaiting_status = False
        data = self.inner.receive(timeout, on_bytes=on_bytes)
        if data is not None and len(data) > LONG and not self.sprung:
            wanted = Phase.READ_BACK if self.sent_dump else Phase.BACKUP_RECEIVE
            if self.phase is wanted:
                self._spring()
        return data

    def clear_input(self) -> None:
        self._gone()
        self.inner.clear_input()

    def close(self) -> None:
        self.inner.close()


class Disk(Enum):
    """What is wrong with the disk the backups go to."""

    FULL = "full"
    READ_ONLY = "read-only"
    NAME_TAKEN = "name taken"
    CTRL_C_SAVING = "ctrl-c while saving"


@dataclass(frozen=True)
class Fault:
    """One thing that goes wrong.

    Attributes:
        name: The matrix's name for it.
        line: Faults on the emulated MIDI line.
        behaviour: Undocumented behaviour chosen differently.
        settings: M1 settings changed from the ready state (attribute, value).
        phase: Where a trap on the transport springs.
        trap: What that trap raises.
        disk: What is wrong with the backup folder.
        files_saved_first: Files saved whole in that folder before a full disk or Ctrl-C
            strikes (1: the .syx is saved, its manifest is not).
        ctrl_c_comparing: Ctrl-C while a read-back is compared.
        resume: What changed between a stopped run and its resumption (it touches only
            the backup a prepared run recorded in the journal, and the M1's global data).
        by_signal: The signal delivered wherever this fault's Ctrl-C would be pressed.
        dump_in_progress: An ALL DATA backup was interrupted just before: the operation
            starts while the M1 is still sending the rest of its dump.
    """

    name: str
    line: Faults | None = None
    behaviour: Behaviour | None = None
    settings: tuple[tuple[str, Any], ...] = ()
    phase: Phase | None = None
    trap: Trap = Trap.CTRL_C
    disk: Disk | None = None
    files_saved_first: int = 0
    ctrl_c_comparing: bool = False
    resume: Resume | None = None
    by_signal: signal.Signals | None = None
    dump_in_progress: bool = False

    def __str__(self) -> str:
        return self.name


LATE_WITHIN = 0.01
"""Seconds late, well inside the tests' shortest reply time-out (0.1 s)."""
LATE_BEYOND = 0.4
"""Seconds late, past every time-out the tests use."""

FAULTS: tuple[Fault, ...] = (
    Fault("none"),
    Fault("dropped bytes in", line=Faults(drop_input=3, seed=1)),
    Fault("corrupted bytes in", line=Faults(corrupt_input=3, seed=2)),
    Fault("dropped bytes out", line=Faults(drop_output=3, seed=3)),
    Fault("corrupted bytes out", line=Faults(corrupt_output=3, seed=4)),
    Fault("no reply", line=Faults(silent=True)),
    Fault("late reply (in time)", line=Faults(late=LATE_WITHIN)),
    Fault("late reply (too late)", line=Faults(late=LATE_BEYOND)),
    Fault("wrong channel", line=Faults(reply_channel=7)),
    Fault("EXCL off", settings=(("excl_enabled", False),)),
    Fault("program protect", settings=(("protect_program", True),)),
    Fault("combination protect", settings=(("protect_combination", True),)),
    Fault("sequence protect", settings=(("protect_sequence", True),)),
    Fault("sequencer running", settings=(("sequencer_running", True),)),
    Fault("wrong mode (GLOBAL)", settings=(("mode", Mode.GLOBAL),)),
    Fault("wrong mode (SEQ)", settings=(("mode", Mode.SEQUENCER),)),
    Fault("active sensing mid-dump", line=Faults(sensing_in_dumps=6, seed=5)),
    Fault("mode change before dumps", line=Faults(mode_change_before_dumps=True)),
    Fault("stray status replies", behaviour=Behaviour(program_change_reply=True)),
    Fault("port vanishes (backup)", phase=Phase.BACKUP_RECEIVE, trap=Trap.VANISH),
    Fault("port vanishes (send)", phase=Phase.SEND, trap=Trap.VANISH),
    Fault("port vanishes (wait)", phase=Phase.WAIT, trap=Trap.VANISH),
    Fault("port vanishes (read-back)", phase=Phase.READ_BACK, trap=Trap.VANISH),
    Fault("Ctrl-C (detect)", phase=Phase.DETECT),
    Fault("Ctrl-C (backup)", phase=Phase.BACKUP_RECEIVE),
    Fault("Ctrl-C (save)", disk=Disk.CTRL_C_SAVING),
    Fault("Ctrl-C (save manifest)", disk=Disk.CTRL_C_SAVING, files_saved_first=1),
    Fault("Ctrl-C (send)", phase=Phase.SEND),
    Fault("Ctrl-C (wait)", phase=Phase.WAIT),
    Fault("Ctrl-C (read-back)", phase=Phase.READ_BACK),
    Fault("Ctrl-C (compare)", ctrl_c_comparing=True),
    Fault("disk full", disk=Disk.FULL),
    Fault("disk full (manifest)", disk=Disk.FULL, files_saved_first=1),
    Fault("read-only backup folder", disk=Disk.READ_ONLY),
    Fault("backup file already present", disk=Disk.NAME_TAKEN),
    Fault("resume: backup missing", resume=Resume.BACKUP_MISSING),
    Fault("resume: backup changed", resume=Resume.BACKUP_CHANGED),
    Fault("resume: another M1", resume=Resume.OTHER_M1),
    Fault("rerun while a dump is still sent", dump_in_progress=True),
)
STOPPED_BY_SIGNAL = tuple(
    replace(fault, name=fault.name.replace("Ctrl-C", signum.name), by_signal=signum)
    for signum in SIGNALS
    for fault in FAULTS
    if fault.name.startswith("Ctrl-C")
)
"""SIGTERM and SIGHUP at each phase where the matrix presses Ctrl-C."""
FAULTS = FAULTS + STOPPED_BY_SIGNAL
FAULTS_BY_NAME = {f.name: f for f in FAULTS}


def _inside(path: Any, folder: Path) -> bool:
    if isinstance(path, int):
        return False  # an open file descriptor, not a path
    try:
        return Path(os.fsdecode(path)).resolve().is_relative_to(folder.resolve())
    except (TypeError, ValueError, OSError):
        return False


def _fd_inside(fd: int, folder: Path) -> bool:
    try:
        return _inside(os.readlink(f"/proc/self/fd/{fd}"), folder)
    except OSError:
        return False


def break_disk(
    disk: Disk,
    folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    spared: int = 0,
    stop_signal: signal.Signals | None = None,
) -> None:
    """Make saving into `folder` fail the way `disk` says (reading keeps working).

    Tests run as root, where chmod cannot make a folder read-only, so the OS errors are
    imitated: EACCES when a file is created there, ENOSPC (or Ctrl-C, or `stop_signal`)
    when a file there is forced to disk, after `spared` files went through whole.
    """
    if disk is Disk.READ_ONLY:
        _refuse_writes(folder, monkeypatch)
        return
    real_fsync = os.fsync
    synced = 0

    def failing_fsync(fd: int) -> None:
        nonlocal synced
        if _fd_inside(fd, folder) and not os.path.isdir(f"/proc/self/fd/{fd}"):
            synced += 1
            if synced > spared:
                if disk is Disk.FULL:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
                interrupt(stop_signal)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)


def _refuse_writes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EACCES for every file created or opened for writing in `folder`."""
    real_open = builtins.open
    real_os_open = os.open
    real_link = os.link

    def refused(path: Any) -> PermissionError:
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))

    def refusing_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if set(mode) & set("wxa+") and _inside(file, folder):
            raise refused(file)
        return real_open(file, mode, *args, **kwargs)

    def refusing_os_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT) and _inside(path, folder):
            raise refused(path)
        return real_os_open(path, flags, *args, **kwargs)

    def refusing_link(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if _inside(target, folder):
            raise refused(target)
        real_link(source, target, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(os, "open", refusing_os_open)
    monkeypatch.setattr(os, "link", refusing_link)
