"""The interface test as a live check: the loopback's result in plain words."""

from __future__ import annotations

from pathlib import Path

from wizard.demo.loop_cable import loop_test
from wizard.device.loopback import LoopbackResult
from wizard.engine.checks import run_check
from wizard.engine.checks.interface import loopback_verdict
from wizard.engine.checks.result import Verdict
from wizard.engine.session import Session
from wizard.operations.unit import UnitFolder


def test_a_cable_that_passes_says_so(tmp_path: Path) -> None:
    session = Session(UnitFolder(tmp_path, "unit"), loop=loop_test)
    result = run_check("interface_loopback", session, {})
    assert (result.status, result.reason) == (
        Verdict.PASS,
        "Passed: 16 KB out and back unchanged. This interface carries sound banks safely.",
    )


def test_a_cable_that_damages_long_messages_says_to_use_another() -> None:
    result = loopback_verdict(LoopbackResult(16384, 16380, 4, 2, 0, 1.0))
    assert result.status is Verdict.FAIL
    assert result.reason == (
        "This cable damages long messages: of 16 KB sent, 4 bytes were lost, 2 changed and "
        "0 added on the way. A sound bank sent through it would arrive damaged."
    )
    assert result.fix == (
        "Use another MIDI interface (one with its own driver rather than a cheap USB cable), "
        "or try another USB socket without a hub, then retry."
    )


def test_nothing_back_names_the_loop_cable() -> None:
    result = loopback_verdict(LoopbackResult(16384, 0, 16384, 0, 0, 3.0))
    assert (result.status, result.reason) == (
        Verdict.CANNOT_TELL,
        "Nothing came back, so the interface could not be tested.",
    )
