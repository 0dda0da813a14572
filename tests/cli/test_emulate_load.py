"""`m1-wizard emulate --load FILE`: dumps from a file stored into the emulated memory."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.shared import shared_capture
from wizard.cli import main
from wizard.cli.emulate_cmd import prepare_state
from wizard.emulator.machine import M1Emulator
from wizard.emulator.timing import Timing
from wizard.transport.link import EmulatorLink

# Requests from m1-sysex.md §2.2 (global channel 1).
GLOBAL_REQUEST = bytes.fromhex("F0 42 30 19 0E 00 F7")
ALL_PROGRAMS_REQUEST = bytes.fromhex("F0 42 30 19 1C 00 F7")
MACBINARY_HEADER = 128  # ../shared/fixtures/m1/README.md: ORIGPROG.SYX layout


def served(path: Path, scenario: str, request: bytes) -> bytes:
    state, loaded = prepare_state(scenario, str(path))
    assert loaded is not None and loaded.startswith("Loaded ")
    with EmulatorLink(M1Emulator(state, timing=Timing.instant())) as link:
        link.send(request)
        reply = link.receive(1.0)
    assert reply is not None
    return reply


@pytest.mark.fixtures
def test_real_program_bank_is_served_back_byte_for_byte(tmp_path: Path) -> None:
    capture = shared_capture("ORIGPROG.SYX")
    path = tmp_path / "ORIGPROG.SYX"
    path.write_bytes(capture)
    bank = capture[MACBINARY_HEADER : MACBINARY_HEADER + 16350]
    assert served(path, "factory", ALL_PROGRAMS_REQUEST) == bank


@pytest.mark.fixtures
def test_real_global_dump_is_served_back_byte_for_byte(tmp_path: Path) -> None:
    capture = shared_capture("ORIGGLOB.SYX")
    path = tmp_path / "ORIGGLOB.SYX"
    path.write_bytes(capture)
    assert served(path, "factory", GLOBAL_REQUEST) == capture


def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nothing.syx"
    assert main(["emulate", "--load", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"m1-wizard emulate: There is no file at {missing}. Check the path and try again.\n"
    )


def test_a_file_with_errors_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "truncated_4c.syx"
    path.write_bytes(bytes.fromhex("F0 42 30 19 4C 00 01 02 03 F7"))
    assert main(["emulate", "--load", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"m1-wizard emulate: {path} has no usable M1 dumps or has errors. "
        f"Run `m1-wizard inspect {path}` to see why.\n"
    )
