"""A resumed run trusts nothing the journal says about its safety backup without looking:
the file must still be there with its recorded SHA-256, and the M1 connected now must still
hold what the backup holds; otherwise the person is told plainly and offered a new backup.
A backup sent back (latest-backup) is checked against its recorded SHA-256 first."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import connect, ready_state
from tests.engine.helpers import engine_for, factory_file, procedure, session_for
from wizard.demo.scripted import Script, ScriptedOperator
from wizard.emulator import M1Emulator, build_state
from wizard.emulator.state import M1State
from wizard.engine.endings import RunStatus
from wizard.engine.session import Session
from wizard.operations import words
from wizard.procedure.model import BackupStep, InstructionStep, TransferSource, TransferStep

SAVE = BackupStep(id="save")
SWAP = InstructionStep(id="swap", title="Swap", text="Do the work.")
SEND = TransferStep(id="send", source=TransferSource.CHOOSE_FILE, overwrites="everything")
SEND_BACK = TransferStep(id="send-back", source=TransferSource.LATEST_BACKUP, overwrites="all")
RESTORE = procedure("p", SAVE, SWAP, SEND)
FACTORY = build_state("factory").memory


def stopped_after_backup(tmp_path: Path) -> tuple[M1Emulator, Session, Path]:
    """A run of RESTORE on a wiped M1, quit at the transfer after its safety backup."""
    emulator, session = session_for(ready_state("battery-dead"), tmp_path)
    outcome = engine_for(RESTORE, session, ScriptedOperator(Script(quit_at={"send"}))).run()
    assert outcome.status is RunStatus.STOPPED
    assert session.run_backup is not None
    return emulator, session, session.run_backup.path


def resume(session: Session, source: Path, **script: object) -> ScriptedOperator:
    """Run RESTORE again (it resumes at the transfer), choosing `source`."""
    operator = ScriptedOperator(Script(files=[source], **script))  # type: ignore[arg-type]
    engine_for(RESTORE, Session(session.unit, session.exchange), operator).run()
    return operator


def holds_factory(state: M1State) -> bool:
    """True when the emulated M1 holds the synthetic factory sounds."""
    return state.memory.programs == FACTORY.programs


def test_a_deleted_backup_is_not_trusted_and_a_new_one_is_taken(tmp_path: Path) -> None:
    emulator, session, old = stopped_after_backup(tmp_path)
    old.unlink()
    operator = resume(session, factory_file(tmp_path))
    gone = f"{words.file_gone(old)} {words.CANNOT_PROTECT}"
    assert gone in operator.texts("notice")
    assert operator.texts("confirm") == [words.OFFER_NEW_BACKUP]
    (new,) = sorted(session.unit.backups.glob("*.syx"))
    (asked,) = operator.texts("confirm_overwrite")
    assert str(new) in asked
    assert str(old) not in asked
    assert holds_factory(emulator.state)


def test_declining_the_new_backup_sends_nothing(tmp_path: Path) -> None:
    emulator, session, old = stopped_after_backup(tmp_path)
    old.unlink()
    before = emulator.state.memory.copy()
    operator = resume(session, factory_file(tmp_path), confirm={"send": [False]})
    gone = f"{words.file_gone(old)} {words.CANNOT_PROTECT}"
    assert operator.texts("recover")[0] == f"{gone} {words.REFUSED_FIX}"
    assert operator.texts("confirm_overwrite") == []
    assert emulator.state.memory == before


def test_a_changed_backup_is_not_trusted(tmp_path: Path) -> None:
    emulator, session, old = stopped_after_backup(tmp_path)
    data = bytearray(old.read_bytes())
    data[100] ^= 0x01
    old.write_bytes(bytes(data))
    operator = resume(session, factory_file(tmp_path))
    changed = f"{words.file_changed(old)} {words.CANNOT_PROTECT}"
    assert changed in operator.texts("notice")
    assert operator.texts("confirm") == [words.OFFER_NEW_BACKUP]
    assert holds_factory(emulator.state)


def test_another_m1_on_resume_is_not_covered_by_the_backup(tmp_path: Path) -> None:
    _, session, old = stopped_after_backup(tmp_path)
    other, exchange = connect(ready_state("factory"))
    operator = ScriptedOperator(Script(files=[factory_file(tmp_path)]))
    engine_for(RESTORE, Session(session.unit, exchange), operator).run()
    (notice,) = [t for t in operator.texts("notice") if t.startswith("The M1 connected now")]
    assert notice.startswith(f"The M1 connected now does not hold what the backup {old} holds (")
    assert operator.texts("confirm") == [words.OFFER_NEW_BACKUP]
    assert len(list(session.unit.backups.glob("*.syx"))) == 2
    assert holds_factory(other.state)


def test_the_same_m1_with_its_backup_whole_is_trusted_after_a_look(tmp_path: Path) -> None:
    emulator, session, old = stopped_after_backup(tmp_path)
    operator = resume(session, factory_file(tmp_path))
    assert operator.texts("confirm") == []
    (asked,) = operator.texts("confirm_overwrite")
    assert asked.endswith(words.safe_because_backup(old, "all"))
    assert list(session.unit.backups.glob("*.syx")) == [old]
    assert holds_factory(emulator.state)


def test_a_backup_sent_back_must_match_its_recorded_checksum(tmp_path: Path) -> None:
    emulator, session = session_for(ready_state("battery-dead"), tmp_path)
    tamper = InstructionStep(id="tamper", title="Tamper", text="Change the file.")
    top = procedure("q", SAVE, tamper, SEND_BACK)

    class Tamperer(ScriptedOperator):
        def acknowledge(self, warning: str, button: str) -> bool:
            assert session.run_backup is not None
            path = session.run_backup.path
            path.write_bytes(path.read_bytes()[:-7] + bytes([0x7F] * 6) + b"\xf7")
            return super().acknowledge(warning, button)

    before = emulator.state.memory.copy()
    operator = Tamperer()
    outcome = engine_for(top, session, operator).run()
    assert outcome.status is RunStatus.ABORTED
    path = session.run_backup.path  # type: ignore[union-attr]
    reason = f"{words.file_changed(path)} {words.NOT_SENT_BACK}"
    assert operator.texts("recover") == [f"{reason} {words.TAKE_NEW_BACKUP}"]
    assert emulator.state.memory == before
