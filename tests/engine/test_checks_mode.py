"""`allocation_is`, `card_present` and `card_writable` from MODE DATA: pass, fail, cannot-tell."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.device.helpers import ready_state, with_faults
from tests.engine.helpers import press_all, session_for
from wizard.device.outcomes import ALLOCATION_50_KEYS
from wizard.emulator import Faults
from wizard.emulator.state import Card, CardKind
from wizard.engine.checks import Verdict
from wizard.engine.checks.mode import (
    NO_CARD_FIX,
    PROTECT_SWITCH_FIX,
    SILENT_REASON,
    allocation_is,
    card_present,
    card_writable,
)
from wizard.engine.checks.result import GARBLED_REASON

NO_PARAMS: dict[str, str] = {}


def test_allocation_is_passes_when_it_matches(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path)
    result = allocation_is(session, {"allocation": "100/100"})
    assert result.status is Verdict.PASS
    assert result.reason == (
        "The memory allocation is 100/100 (100 programs / 100 combinations / 4400 sequence events)."
    )


def test_allocation_is_fails_on_the_other_allocation_with_the_keys(tmp_path: Path) -> None:
    _, session = session_for(ready_state("used"), tmp_path)  # 50/50
    result = allocation_is(session, {"allocation": "100/100"})
    assert result.status is Verdict.FAIL
    assert result.reason == "The memory allocation is 50/50, but 100/100 is needed."
    assert "GLOBAL, 6, +, +, +, DOWN, G" in result.fix
    assert allocation_is(session, {"allocation": "50/50"}).status is Verdict.PASS


def test_allocation_follows_a_change_on_the_panel(tmp_path: Path) -> None:
    emulator, session = session_for(ready_state("factory"), tmp_path)
    assert allocation_is(session, {"allocation": "50/50"}).status is Verdict.FAIL
    press_all(emulator, ALLOCATION_50_KEYS)
    assert allocation_is(session, {"allocation": "50/50"}).status is Verdict.PASS


def test_allocation_cannot_tell_when_exclusive_is_off(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory", excl_enabled=False), tmp_path)
    result = allocation_is(session, {"allocation": "100/100"})
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == SILENT_REASON


def test_allocation_cannot_tell_from_a_damaged_mode_data(tmp_path: Path) -> None:
    emulator, session = session_for(ready_state("factory"), tmp_path)
    assert allocation_is(session, {"allocation": "100/100"}).status is Verdict.PASS
    # From now on every reply longer than 8 bytes (MODE DATA is 10) loses a byte.
    with_faults(emulator, long_message=8, drop_output=1)
    result = allocation_is(session, {"allocation": "100/100"})
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason.startswith("The M1's reply arrived damaged")
    assert "m1-wizard loopback" in result.fix


def test_allocation_cannot_tell_when_every_reply_is_damaged(tmp_path: Path) -> None:
    _, session = session_for(
        ready_state("factory"), tmp_path, Faults(long_message=8, drop_output=1)
    )
    result = allocation_is(session, {"allocation": "100/100"})
    assert (result.status, result.reason) == (Verdict.CANNOT_TELL, GARBLED_REASON)


@pytest.mark.parametrize(
    ("card", "label"),
    [
        (Card(CardKind.RAM), "RAM card, write protect off (global + 100/100)"),
        (Card(CardKind.RAM, write_protected=True), "RAM card, write protect on (global + 100/100)"),
        (Card(CardKind.ROM), "ROM card (global + 100/100)"),
        (Card(CardKind.RAM, formatted=None), "a RAM card that is not formatted for the M1"),
    ],
)
def test_card_present_passes_for_any_card(tmp_path: Path, card: Card, label: str) -> None:
    _, session = session_for(ready_state("factory", card=card), tmp_path)
    result = card_present(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason == f"The slot holds {label}."


def test_card_present_fails_without_a_card(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory"), tmp_path)
    result = card_present(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert (result.reason, result.fix) == ("No card is in the program-card slot.", NO_CARD_FIX)


def test_card_checks_cannot_tell_when_the_m1_is_silent(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory", card=Card()), tmp_path, Faults(silent=True))
    for check in (card_present, card_writable):
        assert check(session, NO_PARAMS).status is Verdict.CANNOT_TELL


def test_card_writable_passes_for_an_open_ram_card(tmp_path: Path) -> None:
    _, session = session_for(ready_state("factory", card=Card(CardKind.RAM)), tmp_path)
    assert card_writable(session, NO_PARAMS).status is Verdict.PASS


def test_card_writable_fails_for_a_protected_card_naming_the_switch(tmp_path: Path) -> None:
    state = ready_state("factory", card=Card(CardKind.RAM, write_protected=True))
    _, session = session_for(state, tmp_path)
    result = card_writable(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert (result.reason, result.fix) == (
        "The RAM card's write-protect switch is ON.",
        PROTECT_SWITCH_FIX,
    )


@pytest.mark.parametrize(
    ("card", "reason"),
    [
        (None, "No card is in the program-card slot."),
        (Card(CardKind.ROM), "The card in the slot is a ROM card, which cannot be written."),
        (
            Card(CardKind.ROM, formatted=None),
            "The card in the slot is a ROM card the M1 cannot use.",
        ),
    ],
)
def test_card_writable_fails_without_a_ram_card(
    tmp_path: Path, card: Card | None, reason: str
) -> None:
    _, session = session_for(ready_state("factory", card=card), tmp_path)
    result = card_writable(session, NO_PARAMS)
    assert (result.status, result.reason) == (Verdict.FAIL, reason)


def test_card_writable_cannot_tell_for_an_unformatted_card(tmp_path: Path) -> None:
    state = ready_state("factory", card=Card(CardKind.RAM, formatted=None))
    _, session = session_for(state, tmp_path)
    result = card_writable(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert "write-protect switch" in result.reason
