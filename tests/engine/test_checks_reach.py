"""`m1_responds` and `exclusive_enabled` against the emulated M1: pass, fail, cannot-tell."""

from __future__ import annotations

from pathlib import Path

from tests.device.helpers import ready_state
from tests.engine.helpers import press_all, session_for
from wizard.device.outcomes import ENABLE_MIDI_KEYS
from wizard.emulator import Faults
from wizard.engine.checks import Verdict
from wizard.engine.checks.reach import (
    EXCL_FIX,
    SILENCE_FIX,
    SILENCE_REASON,
    exclusive_enabled,
    m1_responds,
)
from wizard.engine.checks.result import GARBLED_REASON
from wizard.engine.session import Session
from wizard.operations.unit import UnitFolder

NO_PARAMS: dict[str, str] = {}
# Identity and MODE DATA replies are short; counting every message as "long" lets the
# fault line damage them too.
DAMAGE_SHORT_REPLIES = Faults(long_message=4, drop_output=2)


def test_m1_responds_passes_and_learns_the_channel(tmp_path: Path) -> None:
    _, session = session_for(ready_state("used"), tmp_path)  # global channel 5
    result = m1_responds(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason == "The M1 answers on global channel 5."
    assert session.detection is not None and session.detection.channel == 5


def test_m1_responds_fails_on_silence_naming_cables_and_exclusive(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory", excl_enabled=False), tmp_path)
    result = m1_responds(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert result.reason == SILENCE_REASON
    assert result.fix == SILENCE_FIX
    assert "GLOBAL, 5, +, UP, D, UP, F, UP, H, UP" in result.fix
    assert session.detection is None


def test_m1_responds_fails_when_the_m1_out_is_dead(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path, Faults(silent=True))
    assert m1_responds(session, NO_PARAMS).status is Verdict.FAIL


def test_m1_responds_fails_when_replies_name_another_channel(tmp_path: Path) -> None:
    # The identity reply names channel 9, but the M1 listens on 1: a channel mix-up.
    _, session = session_for(ready_state("factory"), tmp_path, Faults(reply_channel=9))
    result = m1_responds(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert result.reason == (
        "The identity reply names global channel 9, but a MODE REQUEST on that channel was "
        "not answered."
    )


def test_m1_responds_cannot_tell_from_damaged_replies(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path, DAMAGE_SHORT_REPLIES)
    result = m1_responds(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == GARBLED_REASON
    assert "m1-wizard loopback" in result.fix


def test_checks_without_a_connection_cannot_tell(tmp_path: Path) -> None:
    session = Session(UnitFolder(tmp_path, "x"))
    for check in (m1_responds, exclusive_enabled):
        result = check(session, NO_PARAMS)
        assert result.status is Verdict.CANNOT_TELL
        assert result.reason == "No MIDI connection is open, so the M1 could not be asked."


def test_exclusive_enabled_passes_on_any_answer(tmp_path: Path) -> None:
    _, session = session_for(ready_state("battery-dead", excl_enabled=True), tmp_path)
    result = exclusive_enabled(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason == (
        'The M1 answers requests from the computer, so its "Excl" switch is on: sound data '
        "can go in and out over MIDI."
    )


def test_exclusive_enabled_fails_with_the_panel_keys_when_disabled(tmp_path: Path) -> None:
    emulator, session = session_for(ready_state("battery-dead", excl_enabled=False), tmp_path)
    result = exclusive_enabled(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert result.reason == (
        'The M1 did not answer any request from the computer: its "Excl" switch, which lets '
        "sound data in and out over MIDI, is probably off (DIS)."
    )
    assert result.fix == EXCL_FIX
    assert result.fix == (
        'Switch "Excl" on: on the M1 press GLOBAL, 5, +, UP, D, UP, F, UP, H, UP (the display '
        'then shows "Excl:ENA"). If it already does, stop the M1\'s sequencer if it is playing '
        "and check that the interface's MIDI OUT goes to the M1's MIDI IN and the M1's MIDI OUT "
        "back to the interface's MIDI IN; then retry."
    )
    # Following the fix on the panel makes the check pass.
    press_all(emulator, ENABLE_MIDI_KEYS)
    assert exclusive_enabled(session, NO_PARAMS).status is Verdict.PASS


def test_exclusive_enabled_cannot_tell_from_damaged_replies(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path, DAMAGE_SHORT_REPLIES)
    assert exclusive_enabled(session, NO_PARAMS).status is Verdict.CANNOT_TELL
