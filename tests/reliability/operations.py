"""Every operation that talks to the M1, run on a bench and reduced to what the person was
shown: the outcome, its sentence and next action, how far a restore got, and the backups
reported as saved."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import pytest

from tests.reliability.bench import TAKEN_NAME, UNIT, Bench, all_data
from wizard.cli import backup_cmd, main, restore_cmd
from wizard.cli.signals import how_stopped, received
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.device.connection import Connection
from wizard.device.detect import detect
from wizard.device.image import split_all_data
from wizard.device.outcomes import DeviceError
from wizard.device.restore import RestoreRefused, RestoreState, plan_restore, read_back, send_plan
from wizard.device.restore import verify as verify_read_back
from wizard.device.store import SaveError
from wizard.emulator.dumps import bank_dump
from wizard.engine.checks import REGISTRY
from wizard.engine.endings import RunStatus
from wizard.engine.runner import Engine
from wizard.engine.session import Session
from wizard.errors import TransportError, WizardError
from wizard.m1 import AllDataDump, Bank, Function
from wizard.m1.syx_file import read_dump_bytes
from wizard.operations.records import BackupRecord, SentRecord
from wizard.operations.unit import UnitFolder
from wizard.procedure.model import (
    BackupStep,
    Group,
    Model,
    ParamValue,
    Procedure,
    Step,
    TransferSource,
    TransferStep,
)


@dataclass(frozen=True)
class Observed:
    """What an operation ended in, as the person saw it.

    Attributes:
        label: "ok"; an `Outcome` value; "refused", "save_error", "port_error" or
            "cancelled"; a check's "pass" / "fail" / "cannot-tell"; or an engine run's
            "aborted" / "stopped".
        sentence: What went wrong ("" when nothing did).
        next_action: What to do about it.
        shown: Everything shown to the person, in order.
        writes: True for operations that send data into the M1's memory.
        restore: How far a restore got (None where nothing is sent).
        saved: Backups the person was told were saved.
        error: The error raised inside, when there was one.
        stopped_by: For a run that was stopped: what the person was told stopped it
            ("Ctrl-C", "SIGTERM", "SIGHUP").
    """

    label: str
    sentence: str = ""
    next_action: str = ""
    shown: str = ""
    writes: bool = False
    restore: RestoreState | None = None
    saved: tuple[Path, ...] = ()
    error: BaseException | None = None
    stopped_by: str = ""


def label_of(error: BaseException) -> str:
    """The matrix's label for an error."""
    if isinstance(error, DeviceError):
        return error.outcome.value
    if isinstance(error, RestoreRefused):
        return "refused"
    if isinstance(error, SaveError):
        return "save_error"
    if isinstance(error, TransportError):
        return "port_error"
    if isinstance(error, KeyboardInterrupt):
        return "cancelled"
    return type(error).__name__


def _failed(error: BaseException, shown: str = "", **more: object) -> Observed:
    message = error.message if isinstance(error, WizardError) else ""
    action = error.next_action if isinstance(error, WizardError) else ""
    if isinstance(error, KeyboardInterrupt):
        more["stopped_by"] = how_stopped(error)
    return Observed(label_of(error), message, action, shown or str(error), error=error, **more)  # type: ignore[arg-type]


class RecordingRestoreState(RestoreState):
    """A RestoreState that remembers every instance, so a test can read how far it got."""

    made: ClassVar[list[RestoreState]] = []

    def __init__(self) -> None:
        super().__init__()
        RecordingRestoreState.made.append(self)


def _last_restore_state() -> RestoreState | None:
    made = RecordingRestoreState.made
    return made[-1] if made else None


# --- device level -------------------------------------------------------------------


def op_detect(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """Find the M1."""
    try:
        found = detect(bench.exchange)
    except (WizardError, KeyboardInterrupt) as error:
        return _failed(error)
    return Observed("ok", shown="\n".join(found.lines()))


def prepare_restored(bench: Bench) -> None:
    """Restore the factory file without faults, so a read-back has something to compare."""
    found = detect(bench.exchange)
    plan = plan_restore(
        read_dump_bytes(bench.restore_file.read_bytes(), str(bench.restore_file)),
        found.channel,
        found.allocation,
        bench.transport.max_message_size,
    )
    send_plan(bench.exchange, plan, RestoreState())


def op_read_back(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """Read back what the factory file holds and compare it with the M1's memory."""
    plan = plan_restore(
        read_dump_bytes(bench.restore_file.read_bytes(), str(bench.restore_file)),
        bench.exchange.channel,
        None,
        bench.transport.max_message_size,
    )
    try:
        verify_read_back(plan, read_back(bench.exchange, plan))
    except (WizardError, KeyboardInterrupt) as error:
        return _failed(error)
    return Observed("ok")


# --- command line -------------------------------------------------------------------

_STOPPED = re.compile(r"stopped \((Ctrl-C|SIG[A-Z]+)\)")
"""How each command names what stopped it."""
_SAVED = re.compile(r"^(?:Backup saved|Safety backup saved and verified): *(.+)$", re.M)


def _cli(
    bench: Bench, monkeypatch: pytest.MonkeyPatch, module: ModuleType, argv: list[str]
) -> Observed:
    """Run `m1-wizard ARGV` in this process, talking to the bench's M1 through its trapped
    transport (the `--emulated` plumbing is replaced by the bench)."""
    bench_connection = Connection(bench.exchange, None, None, "the bench's M1")
    monkeypatch.setattr(module, "connect", lambda args: bench_connection)
    errors: list[WizardError] = []
    real_fail: Callable[[str, WizardError], int] = module.fail

    def recording_fail(command: str, error: WizardError) -> int:
        errors.append(error)
        return real_fail(command, error)

    monkeypatch.setattr(module, "fail", recording_fail)
    RecordingRestoreState.made = []
    monkeypatch.setattr(module, "RestoreState", RecordingRestoreState, raising=False)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(argv)
    shown = out.getvalue() + err.getvalue()
    saved = tuple(Path(p.strip()) for p in _SAVED.findall(out.getvalue()))
    writes = module is restore_cmd
    restore = _last_restore_state() if writes else None
    if errors:
        error = errors[-1]
        return Observed(
            label_of(error), error.message, error.next_action, shown, writes, restore, saved, error
        )
    if code != 0:
        # Ctrl-C or a signal: the command's own lines from "stopped (Ctrl-C)" on.
        stopped = _STOPPED.search(err.getvalue())
        assert stopped, f"exit code {code} without an error or a Ctrl-C message:\n{shown}"
        stop = err.getvalue()[stopped.end() :]
        sentence, _, later = stop.strip(" .").partition("\n")
        return Observed(
            "cancelled", sentence, later.strip(), shown, writes, restore, saved, None, stopped[1]
        )
    return Observed("ok", "", "", shown, writes, restore, saved)


def op_backup_cli(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """`m1-wizard backup -o <backups>/m1-backup.syx`."""
    output = bench.backups / TAKEN_NAME
    return _cli(
        bench, monkeypatch, backup_cmd, ["backup", "-o", str(output), "--emulated", "factory"]
    )


def op_restore_cli(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """`m1-wizard restore factory.syx --yes --backup-dir <backups>`."""
    argv = ["restore", str(bench.restore_file), "--yes", "--backup-dir", str(bench.backups)]
    return _cli(bench, monkeypatch, restore_cmd, [*argv, "--emulated", "factory"])


def prepare_set_files(bench: Bench) -> list[str]:
    """The factory set as four files, one per part of memory, named as downloads are."""
    folder = bench.root / "files" / "set"
    folder.mkdir()
    everything = bank_dump(bench.intended, Function.ALL_DATA_DUMP, Bank.INTERNAL, 1)
    assert isinstance(everything, AllDataDump)
    parts = split_all_data(everything)
    paths = []
    for name, part in zip(("COMBS.SYX", "progs.syx", "SONGS.syx", "glob.SYX"), parts, strict=True):
        path = folder / name
        path.write_bytes(part.to_bytes())
        paths.append(str(path))
    return paths


def op_restore_set_cli(bench: Bench, paths: list[str], monkeypatch: pytest.MonkeyPatch) -> Observed:
    """`m1-wizard restore` of the factory set as four files given in a jumbled order: one
    set, one safety backup, one read-back."""
    argv = ["restore", *reversed(paths), "--yes", "--backup-dir", str(bench.backups)]
    return _cli(bench, monkeypatch, restore_cmd, [*argv, "--emulated", "factory"])


# --- live checks --------------------------------------------------------------------

CHECK_PARAMS: dict[str, dict[str, ParamValue]] = {
    "allocation_is": {"allocation": "100/100"},
    "matches_backup": {"what": "all"},
}


def session_of(bench: Bench) -> Session:
    """A run's session on the bench's M1, files in the bench's unit folder."""
    folder = UnitFolder(bench.home, UNIT)
    folder.create()
    return Session(folder, bench.exchange)


def prepare_check(bench: Bench, name: str) -> Session:
    """A session with what the check compares against: a verified backup for
    matches_backup, a sent file for matches_file (both of the M1's current memory)."""
    session = session_of(bench)
    if name == "matches_backup":
        from tests.engine.helpers import verified_backup

        record: BackupRecord = verified_backup(session)
        session.run_backup = record
        session.detection = None
    if name == "matches_file":
        import hashlib

        path = bench.root / "files" / "sent.syx"
        data = all_data(bench.emulator.state.memory)
        path.write_bytes(data)
        session.sent = SentRecord(path, hashlib.sha256(data).hexdigest(), "everything")
    return session


def op_check(name: str) -> Callable[[Bench, Session, pytest.MonkeyPatch], Observed]:
    """The live check `name` as an operation."""

    def run(bench: Bench, session: Session, monkeypatch: pytest.MonkeyPatch) -> Observed:
        try:
            result = REGISTRY[name](session, CHECK_PARAMS.get(name, {}))
        except (WizardError, KeyboardInterrupt) as error:
            return _failed(error)
        return Observed(result.status.value, result.reason, result.fix, result.text())

    return run


# --- engine steps -------------------------------------------------------------------


def _procedure(*steps: Step) -> Procedure:
    return Procedure(
        id="reliability",
        title="Reliability bench",
        summary="One step that talks to the M1.",
        group=Group.SET_UP,
        applies_to=(Model.M1,),
        duration="about 1 minute",
        steps=steps,
    )


def _engine(
    bench: Bench,
    monkeypatch: pytest.MonkeyPatch,
    steps: Step | tuple[Step, ...],
    files: list[Path],
) -> Observed:
    session = session_of(bench)
    operator = ScriptedOperator(Script(files=list(files)))
    RecordingRestoreState.made = []
    monkeypatch.setattr("wizard.engine.transfer_steps.RestoreState", RecordingRestoreState)
    procedure = _procedure(*(steps if isinstance(steps, tuple) else (steps,)))
    step = procedure.steps[-1]
    try:
        outcome = Engine(procedure, {procedure.id: procedure}, session, operator).run()
    except WizardError as error:  # the journal could not be written
        return _failed(error, writes=isinstance(step, TransferStep))
    shown = "\n".join(f"{a.kind}: {a.text}" for a in operator.asked)
    saved = tuple(
        Path(text.split(": ", 1)[1])
        for text in operator.texts("notice")
        if text.startswith(
            ("Backup saved and read back complete: ", "Safety backup saved and verified: ")
        )
    )
    writes = isinstance(step, TransferStep)
    restore = _last_restore_state() if writes else None
    if outcome.status is RunStatus.COMPLETED:
        return Observed("ok", "", "", shown, writes, restore, saved)
    problems = operator.texts("recover")
    sentence = problems[-1] if problems else outcome.state
    # What `m1-wizard run --plain` names in its last line ("Stopped by SIGTERM at ...").
    by = (received() or "Ctrl-C") if outcome.status is RunStatus.STOPPED else ""
    return Observed(
        outcome.status.value, sentence, outcome.state, shown, writes, restore, saved, None, by
    )


def op_engine_backup(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """A procedure's backup step."""
    return _engine(bench, monkeypatch, BackupStep(id="save"), [])


def op_engine_transfer(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """A procedure's transfer step (it offers, and takes, the backup the overwrite needs)."""
    step = TransferStep(
        id="send", source=TransferSource.CHOOSE_FILE, overwrites="all of the M1's memory"
    )
    return _engine(bench, monkeypatch, step, [bench.restore_file])


RESUMED = (
    BackupStep(id="save"),
    TransferStep(id="send", source=TransferSource.CHOOSE_FILE, overwrites="all of the M1's memory"),
)


def prepare_stopped_after_backup(bench: Bench) -> None:
    """A run that took its safety backup and was stopped before its transfer."""
    session = session_of(bench)
    procedure = _procedure(*RESUMED)
    operator = ScriptedOperator(Script(quit_at={"send"}))
    outcome = Engine(procedure, {procedure.id: procedure}, session, operator).run()
    assert outcome.status is RunStatus.STOPPED and session.run_backup is not None


def op_engine_resumed_transfer(bench: Bench, monkeypatch: pytest.MonkeyPatch) -> Observed:
    """The same run resumed at its transfer: the journal's backup is checked before it is
    trusted (and a new one offered, and taken, when it cannot be)."""
    return _engine(bench, monkeypatch, RESUMED, [bench.restore_file])
