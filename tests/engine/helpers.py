"""Building blocks for engine tests: a session connected to an emulated M1 with instant
timing and short time-outs, and a verified backup taken from it."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import connect
from wizard.demo.scripted import ScriptedOperator
from wizard.device.backup import save_backup, take_backup
from wizard.device.detect import detect
from wizard.emulator import Faults, M1Emulator, build_state
from wizard.emulator.dumps import bank_dump
from wizard.emulator.state import M1State
from wizard.engine.runner import Engine
from wizard.engine.session import Session
from wizard.m1 import Bank, Function
from wizard.m1.panel_keys import Key, parse_sequence
from wizard.operations.journal import Journal
from wizard.operations.records import BackupRecord
from wizard.operations.unit import UnitFolder
from wizard.procedure.model import Group, KeysStep, Model, Procedure, Step
from wizard.transport.link import EmulatorLink


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


def procedure(pid: str, *steps: Step, title: str = "") -> Procedure:
    """A procedure built in code (no YAML), for engine tests."""
    return Procedure(
        id=pid,
        title=title or f"Test procedure {pid}",
        summary="Built for a test.",
        group=Group.SET_UP,
        applies_to=(Model.M1,),
        duration="about 1 minute",
        steps=steps,
    )


def keys_step(step_id: str, sequence: str, *display: str, irreversible: bool = False) -> KeysStep:
    """A keys step from a sequence written the guide's way."""
    return KeysStep(
        id=step_id,
        keys=parse_sequence(sequence),
        source=sequence,
        display=display,
        irreversible=irreversible,
    )


def library(*procedures: Procedure) -> dict[str, Procedure]:
    """Procedures by id."""
    return {p.id: p for p in procedures}


def engine_for(
    top: Procedure,
    session: Session,
    operator: ScriptedOperator,
    *others: Procedure,
    restart: bool = False,
) -> Engine:
    """An engine running `top` (with `others` available for includes)."""
    return Engine(top, library(top, *others), session, operator, restart=restart)


def link_of(session: Session) -> EmulatorLink:
    """The emulator link behind a test session."""
    assert session.exchange is not None
    transport = session.exchange.transport
    assert isinstance(transport, EmulatorLink)
    return transport


def factory_file(folder: Path, name: str = "factory-set.syx") -> Path:
    """The emulator's synthetic factory memory as one ALL DATA dump file."""
    memory = build_state("factory").memory
    path = folder / name
    path.write_bytes(bank_dump(memory, Function.ALL_DATA_DUMP, Bank.INTERNAL, 1).to_bytes())
    return path


def events(session: Session) -> list[tuple[str, str]]:
    """(event, path) of every journal entry of the session's unit."""
    return [(e.event.value, e.path) for e in Journal(session.unit.journal).read().entries]
