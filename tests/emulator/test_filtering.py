"""Rules 1-3 of m1-sysex.md §5.6: what the emulated M1 ignores (channel, EXCL, sequencer)."""

from __future__ import annotations

from tests.emulator.helpers import answer, emulator, hx
from wizard.emulator import Behaviour

MODE_REQUEST = "F0 42 30 19 12 F7"
IDENTITY_ANY = "F0 7E 7F 06 01 F7"
# §1.2 reply layout; rr = 13 and ss = 01 are the emulator's documented placeholders.
IDENTITY_REPLY_CH1 = hx("F0 7E 00 06 02 42 19 00 00 00 13 00 01 00 F7")


def test_korg_message_for_another_channel_is_ignored() -> None:
    m1 = emulator()
    assert answer(m1, "F0 42 31 19 12 F7") == []


def test_korg_message_on_the_global_channel_is_answered() -> None:
    m1 = emulator()
    m1.state.global_channel = 2
    assert answer(m1, "F0 42 31 19 12 F7") == [hx("F0 42 31 19 42 02 00 00 01 F7")]
    assert answer(m1, MODE_REQUEST) == []


def test_other_makers_and_models_are_ignored() -> None:
    m1 = emulator()
    assert answer(m1, "F0 41 30 19 12 F7") == []  # Roland ID
    assert answer(m1, "F0 42 30 26 12 F7") == []  # T-series model ID
    assert answer(m1, "F0 43 10 4C 00 00 7E 00 F7") == []


def test_unknown_function_code_is_ignored() -> None:
    assert answer(emulator(), "F0 42 30 19 7A F7") == []


def test_messages_only_the_m1_transmits_are_ignored() -> None:
    m1 = emulator()
    for message in ("F0 42 30 19 23 F7", "F0 42 30 19 42 02 00 00 01 F7", "F0 42 30 19 26 F7"):
        assert answer(m1, message) == []


def test_channel_voice_messages_get_no_answer() -> None:
    m1 = emulator()
    assert answer(m1, "90 3C 40") == []
    assert answer(m1, "B0 07 64") == []


def test_identity_request_all_call_is_answered() -> None:
    assert answer(emulator(), IDENTITY_ANY) == [IDENTITY_REPLY_CH1]


def test_identity_request_with_own_device_id_is_answered() -> None:
    m1 = emulator()
    m1.state.global_channel = 5
    assert answer(m1, "F0 7E 04 06 01 F7") == [hx("F0 7E 04 06 02 42 19 00 00 00 13 00 01 00 F7")]


def test_identity_request_for_another_device_is_ignored() -> None:
    assert answer(emulator(), "F0 7E 01 06 01 F7") == []


def test_malformed_identity_request_is_ignored() -> None:
    m1 = emulator()
    assert answer(m1, "F0 7E 7F 06 01 00 F7") == []
    assert answer(m1, "F0 7E 7F 06 02 F7") == []


def test_identity_version_bytes_follow_the_behaviour() -> None:
    m1 = emulator(behaviour=Behaviour(rom_number=0x1D, soft_version=0x02))
    assert answer(m1, IDENTITY_ANY) == [hx("F0 7E 00 06 02 42 19 00 00 00 1D 00 02 00 F7")]


def test_excl_disabled_silences_korg_messages() -> None:
    m1 = emulator()
    m1.state.excl_enabled = False
    assert answer(m1, MODE_REQUEST) == []
    assert answer(m1, "F0 42 30 19 1C 00 F7") == []


def test_excl_disabled_silences_identity_by_default() -> None:
    m1 = emulator()
    m1.state.excl_enabled = False
    assert answer(m1, IDENTITY_ANY) == []


def test_excl_disabled_identity_switch_answers_identity_only() -> None:
    m1 = emulator(behaviour=Behaviour(identity_when_excl_disabled=True))
    m1.state.excl_enabled = False
    assert answer(m1, IDENTITY_ANY) == [IDENTITY_REPLY_CH1]
    assert answer(m1, MODE_REQUEST) == []


def test_excl_disabled_load_changes_nothing() -> None:
    m1 = emulator()
    dump = answer(m1, "F0 42 30 19 1C 00 F7")[0]
    other = emulator("battery-dead")
    other.state.protect_program = False
    before = list(other.state.memory.programs)
    assert answer(other, dump) == []
    assert other.state.memory.programs == before


def test_running_sequencer_ignores_sysex() -> None:
    m1 = emulator()
    m1.state.sequencer_running = True
    assert answer(m1, MODE_REQUEST) == []
    assert answer(m1, IDENTITY_ANY) == []
    assert answer(m1, "F0 42 30 19 4E 00 00 F7") == []
    assert m1.state.mode.name == "PROGRAM"


def test_realtime_bytes_inside_a_message_are_taken_out() -> None:
    m1 = emulator()
    assert answer(m1, "F0 42 FE 30 19 12 F8 F7") == [hx("F0 42 30 19 42 02 00 00 01 F7")]


def test_lone_realtime_byte_is_ignored() -> None:
    assert answer(emulator(), "FE") == []
