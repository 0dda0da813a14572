"""Detection against the emulated M1: identity first, MODE REQUEST scan as fallback."""

from __future__ import annotations

import pytest

from tests.device.helpers import connect, ready_state
from wizard.device.detect import detect
from wizard.device.outcomes import DeviceError, Outcome
from wizard.emulator import M1Emulator
from wizard.emulator.behaviour import Behaviour
from wizard.m1.constants import Allocation, Mode


def test_factory_unit_is_found_by_identity_with_its_settings() -> None:
    _, exchange = connect(ready_state("factory"))
    found = detect(exchange)
    assert found.channel == 1
    assert found.found_by == "identity request"
    assert found.identity is not None and found.identity.is_m1
    assert found.allocation is Allocation.P100_C100
    assert found.mode_data is not None and found.mode_data.mode == Mode.PROGRAM
    assert found.lines()[:2] == ["Found a Korg M1 (or M1R / M1EX).", "Global MIDI channel: 1"]


def test_channel_comes_from_the_reply_and_is_kept_for_later_requests() -> None:
    _, exchange = connect(ready_state("used"))  # channel 5, 50/50
    found = detect(exchange)
    assert found.channel == 5
    assert exchange.channel == 5
    assert found.allocation is Allocation.P50_C50
    assert "Memory allocation: 50 programs / 50 combinations / 7700 sequence events" in (
        found.lines()
    )


def test_mode_request_scan_finds_an_m1_that_ignores_identity_requests() -> None:
    state = ready_state("factory", global_channel=11)
    _, exchange = connect(state)
    emulator = exchange.transport._emulator  # type: ignore[attr-defined]
    assert isinstance(emulator, M1Emulator)
    # An early firmware might not know the identity request (m1-sysex.md §9 item 1):
    # imitate it by swallowing identity requests before the emulator sees them.
    real_receive = emulator.receive

    def no_identity(data: bytes) -> list:  # type: ignore[type-arg]
        return [] if data[1] == 0x7E else real_receive(data)

    emulator.receive = no_identity  # type: ignore[method-assign]
    found = detect(exchange)
    assert (found.channel, found.found_by, found.identity) == (11, "mode request", None)
    assert found.version_bytes == "unknown (the M1 did not answer the identity request)"
    assert found.lines()[2] == "Software version: not reported by this M1."


def test_the_version_is_shown_as_raw_numbers_without_reading_into_them() -> None:
    _, exchange = connect(ready_state("factory"))
    found = detect(exchange)
    assert found.identity is not None
    assert found.lines()[2] == (
        f"Software version as the M1 reports it: {found.version_bytes} (raw numbers; Korg never "
        "published which version they stand for)"
    )
    assert "ROM No." not in "\n".join(found.lines())


def test_exclusive_disabled_means_silence_with_the_fix_named() -> None:
    _, exchange = connect(ready_state("factory", excl_enabled=False))
    with pytest.raises(DeviceError) as caught:
        detect(exchange)
    assert caught.value.outcome is Outcome.SILENT
    assert str(caught.value) == (
        "The M1 did not answer. Neither the identity request nor a MODE REQUEST on any of "
        "the 16 channels was answered. Check that the interface's MIDI OUT goes to the "
        "M1's MIDI IN and the M1's MIDI OUT back to the interface's MIDI IN, that the M1's "
        '"Excl" switch, which lets sound data in and out over MIDI, is on (GLOBAL, 5, +, UP, '
        'D, UP, F, UP, H, UP: the display shows "Excl:ENA"), that the M1\'s sequencer is '
        "stopped, and that no other program holds the MIDI ports; then try again."
    )


def test_identity_answered_with_exclusive_off_still_finds_channel() -> None:
    state = ready_state("factory", excl_enabled=False, global_channel=3)
    emulator = M1Emulator(state, behaviour=Behaviour(identity_when_excl_disabled=True))
    from wizard.device.exchange import Exchange, Timeouts
    from wizard.transport.link import EmulatorLink

    exchange = Exchange(
        EmulatorLink(emulator), timeouts=Timeouts(0.2, 0.2, 0.2, 0.1, 0.02), wire_rate=None
    )
    found = detect(exchange)
    assert found.channel == 3
    assert found.mode_data is None
    assert found.lines()[-1] == (
        "Mode, memory allocation, cards: unknown (no answer to MODE REQUEST)"
    )
