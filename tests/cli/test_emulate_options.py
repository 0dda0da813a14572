"""`m1-wizard emulate` options and status lines (no MIDI ports needed)."""

from __future__ import annotations

import re

import pytest

from wizard.cli import build_parser
from wizard.cli.emulate_cmd import describe, status_line
from wizard.transport.bridge import M1Direction, Traffic


@pytest.mark.parametrize(
    ("argv", "instant"),
    [([], False), (["--real-timing"], False), (["--instant"], True)],
)
def test_real_timing_is_the_default(argv: list[str], instant: bool) -> None:
    args = build_parser().parse_args(["emulate", *argv])
    assert args.instant is instant
    assert (args.name, args.scenario, args.active_sensing) == ("M1 emulator", "factory", False)


def test_timing_flags_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["emulate", "--instant", "--real-timing"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("hex_text", "name"),
    [
        ("F0 7E 7F 06 01 F7", "IDENTITY REQUEST"),
        ("F0 7E 00 06 02 42 19 00 00 00 01 00 01 00 F7", "IDENTITY REPLY"),
        ("F0 42 30 19 12 F7", "MODE REQUEST (12)"),
        ("F0 42 30 19 24 F7", "LOAD ERROR (24)"),
        ("C0 05", "C0 05"),
        ("F0 43 10 4C 00 00 7E 00 F7", "F0 43 10 4C 00 00 7E 00 ..."),
    ],
)
def test_messages_are_named_by_function(hex_text: str, name: str) -> None:
    assert describe(bytes.fromhex(hex_text)) == name


def test_status_lines() -> None:
    handled = status_line(Traffic(M1Direction.IN, bytes.fromhex("F0 42 30 19 12 F7")))
    assert re.fullmatch(r"\d\d:\d\d:\d\d\.\d{3} ->      6 bytes  MODE REQUEST \(12\)", handled)
    problem = status_line(Traffic(M1Direction.OUT, bytes(37709), "It was too large."))
    assert problem.endswith(" <-  37709 bytes  problem: It was too large.")
