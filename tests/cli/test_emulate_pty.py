"""`m1-wizard emulate --pty PATH`: the emulated M1 on a pseudo-terminal that any program
opens like a raw MIDI device, here m1-wizard itself with `--port PATH`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.cli.emulator_process import running_emulator
from wizard.cli import main


def test_detect_reaches_the_emulator_served_on_a_pseudo_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "m1"
    with running_emulator("--pty", str(path), "--scenario", "factory", "--instant") as m1:
        device = os.readlink(path)
        assert m1.seen[-1] == (
            f"Serving an emulated M1 (factory, instant replies) on {path} ({device}); point "
            "--port at it. Press Ctrl-C to stop."
        )
        assert main(["detect", "--port", str(path)]) == 0
        assert main(["detect", "--port", str(path)]) == 0  # free again for the next run
        m1.wait_for("MODE DATA")
        assert m1.stop() == 0
    assert not path.exists()  # the link goes with the emulator
    out = capsys.readouterr().out
    assert out.count("Found a Korg M1 (or M1R / M1EX).\n") == 2
    assert "Memory allocation: 100 programs / 100 combinations / 4400 sequence events\n" in out


def test_a_path_already_taken_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_text("mine\n")
    assert main(["emulate", "--pty", str(taken)]) == 3
    assert capsys.readouterr().err == (
        f"m1-wizard emulate: {taken} already exists and is not a link m1-wizard made. Give "
        "--pty a path where nothing is yet, e.g. /tmp/m1-emulator.\n"
    )
    assert taken.read_text() == "mine\n"
