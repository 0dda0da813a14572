"""detect, backup and restore run as commands against `m1-wizard emulate` in its own
process, over real JACK MIDI ports."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.emulator_process import REPO, running_emulator
from tests.shared import shared_capture
from wizard.cli import main
from wizard.m1 import AllProgramsDump
from wizard.m1.syx_file import read_dump_file

pytestmark = pytest.mark.jack

# With a 16 379-byte limit on JACK, every backup of "all" arrives in four parts (§3.6).
PARTS = ("global settings with drum kits", "100 combinations", "100 programs", "sequencer events)")


@pytest.fixture(autouse=True)
def _jack(jack_server: str) -> Iterator[None]:
    yield


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def factory_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A backup of the built-in factory memory, the file the restores send."""
    path = tmp_path / "factory.syx"
    code, _, err = run(capsys, "backup", "--emulated", "factory", "-o", str(path))
    assert code == 0, err
    return path


def test_detect_reports_channel_and_allocation(capsys: pytest.CaptureFixture[str]) -> None:
    with running_emulator("--instant", "--scenario", "used", "--exclusive", "on") as m1:
        code, out, _ = run(capsys, "detect", "--port", m1.name)
    assert code == 0
    assert "Global MIDI channel: 5" in out
    assert "Memory allocation: 50 programs / 50 combinations / 7700 sequence events" in out
    assert (
        "Software version as the M1 reports it: 13 00 01 00 (raw numbers; Korg never published "
        "which version they stand for)"
    ) in out


@pytest.mark.parametrize(
    ("what", "length"), [("programs", 16_350), ("combinations", 14_179), ("global", 991)]
)
def test_backup_of_each_part(
    what: str, length: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / f"{what}.syx"
    with running_emulator("--instant") as m1:
        code, out, err = run(capsys, "backup", "--port", m1.name, "--what", what, "-o", str(target))
    assert code == 0, err
    assert target.stat().st_size == length
    assert target.with_suffix(".json").is_file()
    assert "The file was read back and is complete." in out


def test_backup_of_everything_comes_in_parts_over_jack(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "all.syx"
    with running_emulator("--instant") as m1:
        code, out, err = run(capsys, "backup", "--port", m1.name, "-o", str(target))
    assert code == 0, err
    assert [m.kind for m in read_dump_file(target).messages] == [
        "global",
        "all_combinations",
        "all_programs",
        "sequence",
    ]
    for part in PARTS:
        assert part in out


def test_restore_sends_reads_back_and_keeps_a_safety_backup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path, capsys)
    backups = tmp_path / "backups"
    backups.mkdir()
    with running_emulator(
        "--instant", "--scenario", "battery-dead", "--exclusive", "on", "--protect", "none"
    ) as m1:
        code, out, err = run(
            capsys, "restore", str(source), "--port", m1.name, "--yes", "--backup-dir", str(backups)
        )
        assert code == 0, err
        # The M1 now holds the file: a fresh backup of its programs equals the file's.
        after = tmp_path / "after.syx"
        assert (
            run(capsys, "backup", "--port", m1.name, "--what", "programs", "-o", str(after))[0] == 0
        )
    assert "Restored and verified:" in out
    assert "Safe to switch the M1 off." in out
    (safety,) = backups.glob("*.syx")
    assert not read_dump_file(safety).has_errors
    sent = [m for m in read_dump_file(source).dumps]
    (programs,) = read_dump_file(after).dumps
    assert isinstance(programs, AllProgramsDump)
    assert [p.name for p in programs.programs] == [p.name for p in sent[0].programs]  # type: ignore[attr-defined]


def test_memory_protect_gives_the_24_advice_and_nothing_is_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path, capsys)
    with running_emulator("--instant", "--scenario", "battery-dead", "--exclusive", "on") as m1:
        code, _, err = run(
            capsys,
            "restore",
            str(source),
            "--port",
            m1.name,
            "--yes",
            "--backup-dir",
            str(tmp_path),
        )
        after = tmp_path / "after.syx"
        assert run(capsys, "backup", "--port", m1.name, "-o", str(after))[0] == 0
    assert code == 1
    assert (
        "m1-wizard restore: The M1 refused the data (reply 24, DATA LOAD ERROR): its memory is "
        "protected or it is busy. Turn the memory protects off (GLOBAL, 6, DOWN, +, B, DOWN, "
        "+, B, DOWN), stop the sequencer if it is playing, then try again."
    ) in err
    (safety,) = (p for p in tmp_path.glob("m1-backup-*.syx"))
    # The M1 refused the first part, so its memory is exactly the safety backup.
    assert after.read_bytes() == safety.read_bytes()


def test_exclusive_off_is_explained_as_silence(capsys: pytest.CaptureFixture[str]) -> None:
    with running_emulator("--instant", "--scenario", "battery-dead") as m1:
        code, _, err = run(capsys, "detect", "--port", m1.name, "--timeout", "0.5")
    assert code == 3
    assert "The M1 did not answer." in err
    assert 'is on (GLOBAL, 5, +, UP, D, UP, F, UP, H, UP: the display shows "Excl:ENA")' in err


def test_replies_on_a_wrong_channel_end_in_explained_silence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with running_emulator("--instant", "--fault", "reply-channel=3") as m1:
        code, _, err = run(
            capsys, "backup", "--port", m1.name, "--what", "global", "-o", str(tmp_path / "g.syx")
        )
    assert code == 3
    assert err.startswith("m1-wizard backup: The M1 did not answer.")
    assert list(tmp_path.iterdir()) == []


def test_file_for_another_channel_is_readdressed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path, capsys)
    with running_emulator("--instant", "--channel", "9", "--protect", "none") as m1:
        code, out, err = run(
            capsys, "restore", str(source), "--port", m1.name, "--yes", "--no-backup"
        )
    assert code == 0, err
    assert "The file was addressed to channel 1; every message is re-addressed to channel 9." in out
    assert "No safety backup (--no-backup): the M1's current memory will be lost." in out


def test_file_for_50_50_sent_to_100_100_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "used.syx"
    with running_emulator("--instant", "--scenario", "used", "--exclusive", "on") as m1:
        assert (
            run(capsys, "backup", "--port", m1.name, "--what", "programs", "-o", str(source))[0]
            == 0
        )
    with running_emulator("--instant", "--protect", "none") as m1:
        code, _, err = run(
            capsys, "restore", str(source), "--port", m1.name, "--yes", "--no-backup"
        )
    assert code == 1
    assert "The file is laid out for 50/50 memory but the M1 is set to 100/100" in err
    assert "(GLOBAL, 6, +, +, +, UP, G)" in err


def test_dropped_bytes_are_detected_both_ways(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path, capsys)
    with running_emulator("--instant", "--protect", "none", "--fault", "drop-input=2") as m1:
        code, _, err = run(
            capsys, "restore", str(source), "--port", m1.name, "--yes", "--no-backup"
        )
    assert code == 1
    assert "reply 26, MIDI IN DATA FORMAT ERROR" in err
    assert "run `m1-wizard loopback` to test it" in err
    with running_emulator("--instant", "--fault", "drop-output=3") as m1:
        code, _, err = run(
            capsys, "backup", "--port", m1.name, "--what", "programs", "-o", str(tmp_path / "p.syx")
        )
    assert code == 1
    assert "The ALL PROGRAMS DUMP (4C) came back as 16347 bytes where 16350 were expected." in err
    assert not (tmp_path / "p.syx").exists()


def test_ctrl_c_while_sending_leaves_no_partial_file_and_says_what_happened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path, capsys)
    backups = tmp_path / "backups"
    backups.mkdir()
    # Real cable timing: the restore takes seconds, long enough to interrupt it.
    with running_emulator(
        "--scenario", "battery-dead", "--exclusive", "on", "--protect", "none"
    ) as m1:
        restore = subprocess.Popen(
            [sys.executable, "-m", "wizard.cli", "restore", str(source), "--port", m1.name,
             "--yes", "--backup-dir", str(backups)],
            cwd=REPO, env=os.environ.copy(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        m1.wait_for("->  14179 bytes  ALL COMBINATIONS DUMP (4D)")  # the first part arrived
        restore.send_signal(signal.SIGINT)
        out, err = restore.communicate(timeout=60)
    assert restore.returncode == 1
    assert "stopped (Ctrl-C)" in err
    assert "Safety backup saved and verified:" in out
    assert "may be half loaded" in err or "The M1 confirmed loading:" in err
    files = sorted(p.name for p in backups.iterdir())
    assert len(files) == 2 and all(not name.startswith(".") for name in files)
    (safety,) = backups.glob("*.syx")
    assert not read_dump_file(safety).has_errors


@pytest.mark.fixtures
def test_korgs_factory_files_as_a_set_over_jack_leaving_out_the_songs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The real captures, as separate files: the songs (18,293 bytes) cannot cross JACK in
    # one message, so the set is refused whole until the person leaves them out.
    folder = tmp_path / "download"
    folder.mkdir()
    for name in ("ORIGPROG.SYX", "ORIGGLOB.SYX", "ORIGSEQS.SYX"):
        (folder / name).write_bytes(shared_capture(name))
    with running_emulator(
        "--instant", "--scenario", "battery-dead", "--exclusive", "on", "--protect", "none"
    ) as m1:
        code, out, err = run(capsys, "restore", str(folder), "--port", m1.name, "--yes")
        assert code == 1
        assert "so the set cannot go in whole; nothing was sent." in err
        assert "leave that part out on purpose with --leave-out songs" in err
        code, out, err = run(
            capsys, "restore", str(folder), "--port", m1.name, "--yes", "--leave-out", "songs"
        )
        assert code == 0, err
    assert "Left out, as asked: songs (3619 sequencer events) from ORIGSEQS.SYX." in out
    assert (
        'These files hold Korg\'s M1 factory sounds: programs (00 "Universe" ... 99 "Surprise!!").'
    ) in out
    assert (
        "Restored and verified: 100 programs (Universe ... Surprise!!) from ORIGPROG.SYX; "
        "global settings with drum kits from ORIGGLOB.SYX."
    ) in out
