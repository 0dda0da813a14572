"""`m1-wizard backup` and `restore` leave the record a wizard run leaves: the files in the
unit's backups folder, journal lines and maintenance-log lines in the unit's folder, and,
when the person names another folder, a record that says where the file went."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.engine.helpers import factory_file
from wizard.cli import main
from wizard.engine.replay import latest_unit_backup
from wizard.operations.journal import Journal
from wizard.operations.maintenance import read_log
from wizard.operations.unit import UnitFolder
from wizard.procedure.loader import load_all, shipped_folder
from wizard.tui.catalog import resumable

DESCRIPTION = (
    "global settings with drum kits",
    "100 combinations (Big Stack ... Wide Trio)",
    "100 programs (Grand Hall ... Orch Hit)",
    "songs (976 sequencer events)",
)
"""What the emulator's synthetic factory file holds, in words."""


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> UnitFolder:
    """The default unit, in a data folder of the test's own."""
    home = tmp_path / "home"
    monkeypatch.setenv("M1_WIZARD_HOME", str(home))
    return UnitFolder(home, "my-m1")


def events(unit: UnitFolder) -> list[tuple[str, str, str]]:
    """(event, procedure, file) of every journal line."""
    return [(e.event.value, e.procedure, e.file) for e in Journal(unit.journal).read().entries]


def test_a_backup_is_saved_in_the_units_folder_and_logged(
    unit: UnitFolder, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--emulated", "factory"]) == 0
    (saved,) = sorted(unit.backups.glob("*.syx"))
    assert saved.with_suffix(".json").is_file()
    assert f"Backup saved: {saved}" in capsys.readouterr().out
    assert [(e.what, e.procedure, e.file) for e in read_log(unit.maintenance)] == [
        ("verified backup saved", "m1-wizard backup", str(saved))
    ]
    assert events(unit) == [("backup_saved", "m1-wizard backup", str(saved))]
    (entry,) = Journal(unit.journal).read().entries
    assert entry.verified
    assert entry.sha256 == json.loads(saved.with_suffix(".json").read_text())["sha256"]


def test_a_restore_is_logged_with_its_safety_backup(
    unit: UnitFolder, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path)
    assert main(["restore", str(source), "--emulated", "factory", "--yes"]) == 0
    (safety,) = sorted(unit.backups.glob("*.syx"))
    out = capsys.readouterr().out
    assert f"Safety backup saved and verified: {safety}" in out
    assert out.rstrip().endswith("Safe to switch the M1 off.")
    what = "restored " + ", ".join(DESCRIPTION)
    assert [(e.what, e.procedure, e.file) for e in read_log(unit.maintenance)] == [
        ("verified backup saved", "m1-wizard restore", str(safety)),
        (what, "m1-wizard restore", str(source)),
    ]
    assert events(unit) == [
        ("backup_saved", "m1-wizard restore", str(safety)),
        ("transfer_started", "m1-wizard restore", str(source)),
        ("transfer_done", "m1-wizard restore", str(source)),
    ]


def test_after_a_backup_and_a_restore_the_log_lists_both(unit: UnitFolder, tmp_path: Path) -> None:
    source = factory_file(tmp_path)
    assert main(["restore", str(source), "--emulated", "factory", "--yes"]) == 0
    assert main(["backup", "--emulated", "factory"]) == 0
    whats = [(e.what.partition(" ")[0], e.procedure) for e in read_log(unit.maintenance)]
    assert whats == [
        ("verified", "m1-wizard restore"),
        ("restored", "m1-wizard restore"),
        ("verified", "m1-wizard backup"),
    ]
    assert len(list(unit.backups.glob("*.syx"))) == 2


def test_a_folder_named_by_the_person_gets_the_file_and_the_record_says_so(
    unit: UnitFolder, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert main(["backup", "--emulated", "factory", "--backup-dir", str(elsewhere)]) == 0
    named = tmp_path / "named.syx"
    assert main(["backup", "--emulated", "factory", "-o", str(named)]) == 0
    (saved,) = sorted(elsewhere.glob("*.syx"))
    assert not unit.backups.exists() or list(unit.backups.iterdir()) == []
    assert [e.file for e in read_log(unit.maintenance)] == [str(saved), str(named)]
    assert [file for _, _, file in events(unit)] == [str(saved), str(named)]


def test_another_unit_keeps_its_own_record(unit: UnitFolder) -> None:
    assert main(["backup", "--emulated", "factory", "--unit", "Studio M1"]) == 0
    studio = UnitFolder(unit.home, "studio-m1")
    assert len(read_log(studio.maintenance)) == 1
    assert not unit.journal.exists()


def test_a_command_backup_is_the_units_latest_backup_but_no_run_to_resume(
    unit: UnitFolder, tmp_path: Path
) -> None:
    assert main(["backup", "--emulated", "factory"]) == 0
    library = load_all(shipped_folder()).require().procedures
    assert resumable(unit, library) is None
    latest = latest_unit_backup(Journal(unit.journal).read().entries)
    assert latest is not None
    assert latest.path.parent == unit.backups
