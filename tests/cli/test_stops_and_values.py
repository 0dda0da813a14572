"""Issue 10 on the command line: SIGTERM and SIGHUP stop a command as Ctrl-C does (the M1's
state in words, no file left half written, exit 1); every number option is checked when
the command line is read; a MIDI log that cannot be written is refused before anything is
sent, and one that fails part way never stops the transfer."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path
from typing import Any

import pytest

from tests.engine.helpers import factory_file
from wizard.cli import main
from wizard.device import backup as backup_module
from wizard.device import restore as device_restore
from wizard.device.exchange import Exchange
from wizard.operations import restore as restore_operation
from wizard.transport import spy

ALL = (
    "global settings with drum kits, 100 combinations (Big Stack ... "
    "Wide Trio), 100 programs (Grand Hall ... Orch Hit), songs (976 sequencer events)"
)
"""How the factory file's one ALL DATA dump is described."""
needs_sighup = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP here")


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def kill_self(name: str) -> None:
    """Deliver `name` to this process; its handler runs in the main thread at once."""
    os.kill(os.getpid(), getattr(signal, name))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("M1_WIZARD_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def test_sigterm_during_the_read_back_says_the_data_is_in_and_how_to_check(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: SIGTERM killed the process with no words; Ctrl-C here said "send the file
    # again" although every part had been acknowledged.
    source = factory_file(tmp_path)
    real_read_back = device_restore.read_back

    def stopped_while_reading(*args: Any, **kwargs: Any) -> Any:
        kill_self("SIGTERM")
        return real_read_back(*args, **kwargs)

    monkeypatch.setattr(restore_operation, "read_back", stopped_while_reading)
    argv = ["restore", str(source), "--yes", "--no-backup", "--emulated", "factory"]
    code, _, err = run(argv, capsys)
    assert code == 1
    assert err.endswith(
        "\nm1-wizard restore: stopped (SIGTERM). Every part went in and the M1 confirmed each "
        f"one: {ALL}. Only the check is missing: it stopped while reading the data back to "
        f"compare.\nTo check it, run `m1-wizard restore --check-only {source}` with the same "
        "connection options; it sends nothing.\n"
    )
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # handed back afterwards


def test_check_only_confirms_what_the_m1_holds_and_sends_nothing(
    tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path)
    code, out, _ = run(["restore", "--check-only", str(source), "--emulated", "factory"], capsys)
    assert code == 0
    assert out.endswith(
        f"Checked: the M1 holds exactly what {source} holds ({ALL}).\nNothing was sent.\n"
    )


@needs_sighup
def test_sighup_while_sending_names_the_signal_and_the_safety_backup(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source = factory_file(tmp_path)
    backups = tmp_path / "backups"
    backups.mkdir()
    real_load = Exchange.load

    def hung_up(self: Exchange, data: bytes, **kwargs: Any) -> Any:
        kill_self("SIGHUP")
        return real_load(self, data, **kwargs)

    monkeypatch.setattr(Exchange, "load", hung_up)
    argv = ["restore", str(source), "--yes", "--backup-dir", str(backups), "--emulated", "factory"]
    code, _, err = run(argv, capsys)
    assert code == 1
    (safety,) = backups.glob("*.syx")
    assert err.endswith(
        f"\nm1-wizard restore: stopped (SIGHUP). The M1 confirmed nothing yet. It was "
        f"receiving {ALL} when it stopped, so that part may be half loaded.\n"
        f"Send the file again to finish, or restore the safety backup {safety}.\n"
    )
    assert sorted(p.name for p in backups.iterdir()) == sorted([safety.name, f"{safety.stem}.json"])


def test_sigterm_while_a_backup_is_saved_leaves_no_file(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real_verify = backup_module.verify_saved

    def killed_while_checking(*args: Any, **kwargs: Any) -> None:
        kill_self("SIGTERM")
        real_verify(*args, **kwargs)

    monkeypatch.setattr(backup_module, "verify_saved", killed_while_checking)
    backups = tmp_path / "backups"
    backups.mkdir()
    code, _, err = run(["backup", "--backup-dir", str(backups), "--emulated", "factory"], capsys)
    assert code == 1
    assert err.endswith(
        "\nm1-wizard backup: stopped (SIGTERM) before the backup was saved; no file was "
        "written. Run the command again when ready.\n"
    )
    assert list(backups.iterdir()) == []


class HangUpAtPrompt(io.StringIO):
    """Standard input whose first read is interrupted by SIGTERM (a terminal closed)."""

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        kill_self("SIGTERM")
        return "\n"


def test_sigterm_at_a_plain_prompt_stops_the_run_with_its_state(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", HangUpAtPrompt())
    code, out, _ = run(
        ["run", "battery-replacement", "--plain", "--emulated", "battery-dead"], capsys
    )
    assert code == 1
    assert "Stopped by SIGTERM at step " in out
    assert "Run the procedure again to resume at\n  step 1 of " in out


@pytest.mark.parametrize(
    ("option", "value", "complaint"),
    [
        ("--delay-after-f7", "inf", "'inf' is not a finite number"),
        ("--delay-after-f7", "nan", "'nan' is not a finite number"),
        ("--delay-after-f7", "1e12", "1e12 is out of range: give a number of seconds from 0 to 10"),
        ("--delay-after-f7", "-1", "-1 is out of range: give a number of seconds from 0 to 10"),
        ("--timeout", "0", "0 is out of range: give a number of seconds from 0.1 to 60"),
        ("--timeout", "inf", "'inf' is not a finite number"),
    ],
)
def test_restore_numbers_are_checked_when_read(
    option: str, value: str, complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["restore", "f.syx", "--emulated", "factory", option, value], capsys)
    assert code == 2
    assert err.endswith(f"m1-wizard restore: error: argument {option}: {complaint}\n")


@pytest.mark.parametrize("value", ["inf", "nan", "0", "1e9"])
def test_manual_backup_wait_is_checked_when_read(
    value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["backup", "--manual", "--wait", value, "--emulated", "factory"], capsys)
    assert code == 2
    assert "m1-wizard backup: error: argument --wait: " in err


@pytest.mark.parametrize(
    ("argv", "complaint"),
    [
        (["emulate", "--channel", "17"],
         "argument --channel: 17 is out of range: give a MIDI channel from 1 to 16"),
        (["loopback", "--size", "8"],
         "argument --size: 8 is out of range: give a size in bytes from 16 to 1048576"),
        (["emulate", "--name", "x" * 400],
         "argument --name: the name is 400 characters long; a MIDI port name can have at "
         "most 48"),
    ],
)  # fmt: skip
def test_other_values_are_checked_when_read(
    argv: list[str], complaint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(argv, capsys)
    assert code == 2
    assert err.endswith(f"m1-wizard {argv[0]}: error: {complaint}\n")


def test_a_log_in_a_missing_folder_or_a_folder_is_refused_before_anything_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "midi.log"
    code, _, err = run(["detect", "--emulated", "factory", "--log", str(missing)], capsys)
    assert code == 2
    assert err.endswith(
        f"argument --log: the folder {missing.parent} does not exist; create it first or "
        "choose another\n"
    )
    assert not missing.parent.exists()
    code, _, err = run(["detect", "--emulated", "factory", "--log", str(tmp_path)], capsys)
    assert code == 2
    assert err.endswith(f"argument --log: {tmp_path} is a folder; name a file inside it\n")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_log_that_cannot_take_its_first_line_is_refused(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(["detect", "--emulated", "factory", "--log", "/dev/full"], capsys)
    assert code == 1
    assert err == (
        "m1-wizard detect: Could not write the MIDI log /dev/full: No space left on device; "
        "nothing was sent. Choose a log file in a folder you can write to.\n"
    )
    assert "Found" not in out


class FillsUp(io.StringIO):
    """A log file on a disk that fills up after `room` lines."""

    name = "midi.log"

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room
        self.lines = 0

    def write(self, text: str) -> int:
        if self.lines >= self.room:
            raise OSError(28, "No space left on device")
        self.lines += text.count("\n")
        return super().write(text)


def test_a_log_that_fills_up_during_a_restore_never_stops_it(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: the OSError from the log ended the restore half way, with a traceback.
    source = factory_file(tmp_path)
    log = FillsUp(room=5)
    monkeypatch.setattr(spy, "open", lambda *args, **kwargs: log, raising=False)
    argv = ["restore", str(source), "--yes", "--no-backup", "--emulated", "factory"]
    code, out, err = run([*argv, "--log", str(tmp_path / "midi.log")], capsys)
    assert code == 0
    assert "Restored and verified:" in out
    assert err.count("The MIDI log midi.log stopped") == 1
    assert (
        "\nm1-wizard: The MIDI log midi.log stopped: No space left on device. The transfer "
        "goes on without it; the log holds everything up to this point.\n"
    ) in err
    assert log.lines == 5


def test_a_safety_backup_that_cannot_be_saved_says_nothing_was_sent_and_names_restores_option(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: the next action named -o, which restore does not have, and the person was not
    # told that the M1 was left alone.
    source = factory_file(tmp_path)
    backups = tmp_path / "backups"
    backups.mkdir()

    def full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    argv = ["restore", str(source), "--yes", "--backup-dir", str(backups), "--emulated", "factory"]
    code, _, err = run(argv, capsys)
    assert code == 1
    shown = next(line for line in err.splitlines() if "Could not save" in line)
    name = shown.split("Could not save ")[1].split(":")[0]  # the time-stamped name
    assert err.endswith(
        f"m1-wizard restore: Could not save {name}: No space left on device. Nothing was sent; "
        "the M1 is unchanged. Choose a folder you can write to with enough free space "
        "(--backup-dir).\n"
    )
    assert list(backups.iterdir()) == []
