"""Backups against other runs and killed runs (issue 10): a default name taken by another
run in the same second, a half-written file and a backup without its manifest left by a
run that was killed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.device.helpers import connect, ready_state
from wizard.device import backup as backup_module
from wizard.device import store
from wizard.device.backup import Backup, save_backup, take_backup
from wizard.device.detect import detect
from wizard.device.store import save_new

NOON = datetime(2026, 11, 21, 12, 0, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def backup() -> Backup:
    """The global block of the factory emulator, checked."""
    _, exchange = connect(ready_state("factory"))
    return take_backup(exchange, detect(exchange), "global")


def dead_pid() -> int:
    """The id of a process that has ended (and been reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def test_a_default_name_taken_by_another_run_meanwhile_moves_to_the_next(
    tmp_path: Path, backup: Backup, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Before: "... already exists ... Choose another name with -o", though no -o was given.
    first = tmp_path / "m1-backup-20261121-120000-global.syx"
    real_save_new = store.save_new

    def other_run_first(path: Path, data: bytes, choose: str = "") -> None:
        if path == first and not first.exists():
            first.write_bytes(b"the other run's backup")  # it links its file just now
        real_save_new(path, data, choose)

    monkeypatch.setattr(backup_module, "save_new", other_run_first)
    saved = save_backup(backup, folder=tmp_path, now=NOON)
    assert saved.path == tmp_path / "m1-backup-20261121-120000-global-2.syx"
    assert first.read_bytes() == b"the other run's backup"
    assert saved.manifest.is_file()


def test_a_half_written_file_of_a_killed_run_is_removed_by_the_next(
    tmp_path: Path, backup: Backup
) -> None:
    leftover = tmp_path / f".m1-backup-x.syx.{dead_pid()}.partial"
    leftover.write_bytes(b"\xf0\x42")
    living = tmp_path / f".m1-backup-y.syx.{os.getppid()}.partial"  # a run still going
    living.write_bytes(b"\xf0\x42")
    saved = save_backup(backup, folder=tmp_path, now=NOON)
    assert not leftover.exists()
    assert living.exists()
    assert saved.cleared == (
        f"Removed {leftover}: a file half written by an m1-wizard run that was stopped.",
    )


def test_a_backup_left_without_its_manifest_by_a_killed_run_is_removed(
    tmp_path: Path, backup: Backup, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Imitate a kill between linking the .syx and linking its manifest: the process ends
    # there, so nothing of save_backup's own clean-up runs.
    class Killed(BaseException):
        pass

    real_save_new = store.save_new

    def killed_before_manifest(path: Path, data: bytes, choose: str = "") -> None:
        if path.suffix == ".json":
            raise Killed
        real_save_new(path, data, choose)

    monkeypatch.setattr(backup_module, "save_new", killed_before_manifest)
    monkeypatch.setattr(Path, "unlink", lambda self, missing_ok=False: None)  # killed: no clean-up
    with pytest.raises(Killed):
        save_backup(backup, folder=tmp_path, now=NOON)
    monkeypatch.undo()
    lone = tmp_path / "m1-backup-20261121-120000-global.syx"
    assert lone.is_file() and not lone.with_suffix(".json").exists()
    # The run is gone: give its hidden files (the note, the .syx's temporary name) the id
    # of an ended process.
    gone = dead_pid()
    for hidden in tmp_path.glob(".*"):
        hidden.rename(tmp_path / hidden.name.replace(f".{os.getpid()}.", f".{gone}."))
    partial = tmp_path / f".{lone.name}.{gone}.partial"
    other = tmp_path / "someone-elses.syx"  # no note names it: never touched
    other.write_bytes(backup.data)

    later = datetime(2026, 11, 21, 12, 5, 0, tzinfo=UTC)
    saved = save_backup(backup, folder=tmp_path, now=later)
    assert saved.cleared == (
        f"Removed {partial}: a file half written by an m1-wizard run that was stopped.",
        f"Removed {lone}: a backup left without its manifest by an m1-wizard run that was "
        "stopped while saving it (that run did not report it saved).",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "m1-backup-20261121-120500-global.json",
        "m1-backup-20261121-120500-global.syx",
        "someone-elses.syx",
    ]


def test_the_manifest_is_written_before_the_backup_file_is_linked(
    tmp_path: Path, backup: Backup, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []
    real_save_new = store.save_new

    def watch(path: Path, data: bytes, choose: str = "") -> None:
        seen.append(sorted(p.name for p in tmp_path.iterdir()))
        real_save_new(path, data, choose)

    monkeypatch.setattr(backup_module, "save_new", watch)
    saved = save_backup(backup, tmp_path / "b.syx", now=NOON)
    pending = f".b.json.{os.getpid()}.pending"
    assert seen[0] == [pending]  # before the .syx gets its name
    assert json.loads((saved.manifest).read_text())["sha256"] == saved.sha256
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.json", "b.syx"]
    save_new(tmp_path / "c.syx", b"x")  # the store itself leaves no note
    assert not list(tmp_path.glob(".*"))
