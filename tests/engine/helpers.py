"""Building blocks for engine tests: a session connected to an emulated M1 with instant
timing and short time-outs, and a verified backup taken from it."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import connect
from wizard.device.backup import save_backup, take_backup
from wizard.device.detect import detect
from wizard.emulator import Faults, M1Emulator
from wizard.emulator.state import M1State
from wizard.engine.session import BackupRecord, Session, UnitFolder
from wizard.m1.panel_keys import Key, parse_sequence


def session_for(
    state: M1State, home: Path, faults: Faults | None = None, unit: str = "test-m1"
) -> tuple[M1Emulator, Session]:
    """An emulated M1 in `state` and a session that reaches it, files under `home`."""
    emulator, exchange = connect(state, faults)
    folder = UnitFolder(home, unit)
    folder.create()
    return emulator, Session(folder, exchange)


def verified_backup(session: Session, run: str = "run-1") -> BackupRecord:
    """Back the session's M1 up (everything) into the unit's folder, the way a backup step
    does, and return its record."""
    assert session.exchange is not None
    detection = detect(session.exchange)
    saved = save_backup(take_backup(session.exchange, detection), folder=session.unit.backups)
    return BackupRecord(saved.path, saved.sha256, "all", run, "2026-01-01T00:00:00")


def press_all(emulator: M1Emulator, sequence: str) -> None:
    """Press a key sequence written the owner's guide's way on the emulated panel."""
    for step in parse_sequence(sequence):
        assert isinstance(step, Key), f"{sequence!r} holds a choice"
        emulator.press(step.value)
