"""`m1-wizard restore PATH [PATH ...]`: every M1 dump in the files and folders named forms
one set, sent in a fixed order under one safety backup and read back as a whole; two
different dumps of one part are refused naming both files and what each really holds;
Korg's factory set is recognised in plain words, and only it is logged as such."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.shared import shared_capture
from wizard.cli import main
from wizard.emulator import build_state
from wizard.emulator.dumps import bank_dump
from wizard.m1 import Bank, Function
from wizard.operations.journal import Event, Journal
from wizard.operations.maintenance import read_log
from wizard.operations.unit import UnitFolder

FACTORY = build_state("factory").memory
WIPED = build_state("battery-dead").memory


def unit() -> UnitFolder:
    return UnitFolder(Path(os.environ["M1_WIZARD_HOME"]), "my-m1")


def write(folder: Path, name: str, *dumps: bytes) -> Path:
    path = folder / name
    path.write_bytes(b"".join(dumps))
    return path


def dump(memory: object, function: Function) -> bytes:
    return bank_dump(memory, function, Bank.INTERNAL, 1).to_bytes()  # type: ignore[arg-type]


def test_files_named_together_go_in_as_one_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programs = write(tmp_path, "PROGS.SYX", dump(FACTORY, Function.ALL_PROGRAMS_DUMP))
    globals_ = write(tmp_path, "glob.syx", dump(FACTORY, Function.GLOBAL_DUMP))
    assert main(["restore", str(globals_), str(programs), "--emulated", "factory", "--yes"]) == 0
    out = capsys.readouterr().out
    assert (
        "These files hold: 100 programs (Grand Hall ... Orch Hit) from PROGS.SYX; global "
        "settings with drum kits from glob.syx."
    ) in out
    assert (
        "Restored and verified: 100 programs (Grand Hall ... Orch Hit) from PROGS.SYX; "
        "global settings with drum kits from glob.syx."
    ) in out
    assert len(list(unit().backups.glob("*.syx"))) == 1  # one safety backup for the set
    (started,) = [
        e for e in Journal(unit().journal).read().entries if e.event is Event.TRANSFER_STARTED
    ]
    assert (started.file, [f for f, _ in started.more]) == (str(globals_), [str(programs)])


def test_a_folder_is_read_by_content_whatever_the_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "download"
    folder.mkdir()
    write(folder, "ORIGPROG.SYX", dump(FACTORY, Function.ALL_PROGRAMS_DUMP))
    write(folder, "readme.txt")  # no MIDI data: passed over
    (folder / "notes.txt").write_text("Korg M1 factory sounds, as downloaded.\n")
    assert main(["restore", str(folder), "--emulated", "factory", "--yes"]) == 0
    assert (
        "Restored and verified: 100 programs (Grand Hall ... Orch Hit)." in capsys.readouterr().out
    )


def test_two_globals_are_refused_naming_both_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glob = write(tmp_path, "ORIGGLOB.SYX", dump(FACTORY, Function.GLOBAL_DUMP))
    comb = write(tmp_path, "ORIGCOMB.SYX", dump(WIPED, Function.GLOBAL_DUMP))
    assert main(["restore", str(glob), str(comb), "--emulated", "factory", "--yes"]) == 1
    err = capsys.readouterr().err
    assert (
        "These files cannot be sent: ORIGGLOB.SYX (global settings with drum kits) and "
        "ORIGCOMB.SYX (global settings with drum kits) both hold the global settings; sent "
        "together, only the last would stay in the M1. Nothing was sent."
    ) in err
    assert not unit().journal.exists()


@pytest.mark.fixtures
def test_korgs_factory_files_are_recognised_and_logged_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    prog = tmp_path / "ORIGPROG.SYX"
    prog.write_bytes(shared_capture("ORIGPROG.SYX"))
    glob = tmp_path / "ORIGGLOB.SYX"
    glob.write_bytes(shared_capture("ORIGGLOB.SYX"))
    assert main(["restore", str(prog), str(glob), "--emulated", "factory", "--yes"]) == 0
    out = capsys.readouterr().out
    assert (
        'These files hold Korg\'s M1 factory sounds: programs (00 "Universe" ... 99 "Surprise!!").'
    ) in out
    assert "The combinations and songs are not in these files." in out
    restored = read_log(unit().maintenance)[-1]
    assert restored.what == (
        "factory sounds restored (Korg's M1 factory sounds: programs and global settings)"
    )
    assert restored.file == f"{prog}, {glob}"


def test_inspect_describes_the_files_as_one_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    glob = write(tmp_path, "ORIGGLOB.SYX", dump(FACTORY, Function.GLOBAL_DUMP))
    comb = write(tmp_path, "ORIGCOMB.SYX", dump(WIPED, Function.GLOBAL_DUMP))
    assert main(["inspect", str(glob), str(comb)]) == 0  # a warning: each file is sound
    out = capsys.readouterr().out
    assert "Taken together, as a restore would send them:" in out
    assert "  conflict: ORIGGLOB.SYX (global settings with drum kits) and ORIGCOMB.SYX" in out
    assert main(["inspect", "--json", str(glob)]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["file"] == str(glob)  # today's fields stay
    assert report["set"]["parts"] == [
        {
            "holds": "global settings with drum kits",
            "dump": "global",
            "file": str(glob),
            "message": 1,
        }
    ]
    assert (report["set"]["conflicts"], report["set"]["sendable"]) == ([], True)


@pytest.mark.fixtures
def test_the_real_captures_zipped_restore_in_one_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "M1_PRELOAD.ZIP"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as packed:
        for name in ("ORIGPROG.SYX", "ORIGGLOB.SYX", "ORIGSEQS.SYX"):
            packed.writestr(f"M1/{name}", shared_capture(name))
    assert main(["restore", str(archive), "--emulated", "factory", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "The combinations are not in these files." in out
    assert (
        "Restored and verified: 100 programs (Universe ... Surprise!!) from ORIGPROG.SYX; "
        "songs (3619 sequencer events) from ORIGSEQS.SYX; global settings with drum kits from "
        "ORIGGLOB.SYX."
    ) in out
    restored = read_log(unit().maintenance)[-1]
    assert restored.what == (
        "factory sounds restored (Korg's M1 factory sounds: programs, global settings and songs)"
    )
