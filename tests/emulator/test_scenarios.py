"""The ready-made emulator states: factory, battery-dead and used."""

from __future__ import annotations

import pytest

from tests.emulator.helpers import answer, emulator, hx
from wizard.emulator import SCENARIOS, build_state
from wizard.emulator.song_block import event_offsets
from wizard.errors import BuildError
from wizard.m1 import (
    AllCombinationsDump,
    AllDataDump,
    Allocation,
    AllProgramsDump,
    GlobalDump,
    Mode,
    SequenceDump,
    parse,
)
from wizard.m1.inspection import looks_initialised
from wizard.m1.records import Combination, Program, SequenceData, signed

# Check values of Korg's own factory data (m1-sysex.md §6.1): the synthetic set must
# not reuse them.
KORG_NAMES = {"Universe", "Piano 16'", "Surprise!!", "FilmScore", "Please~~~~"}


def packed_length(raw: int) -> int:
    """§3.1: 8 bytes per 7 raw bytes, plus 1 + the rest for a short last group."""
    return 8 * (raw // 7) + (raw % 7 + 1 if raw % 7 else 0)


def dumps(scenario: str, channel: int = 1) -> dict[str, bytes]:
    m1 = emulator(scenario)
    m1.state.excl_enabled = True
    m1.state.global_channel = channel
    requests = {"4C": "1C", "4D": "1D", "51": "0E", "48": "18", "50": "0F"}
    return {
        name: answer(m1, f"F0 42 3{channel - 1:X} 19 {code} 00 F7")[0]
        for name, code in requests.items()
    }


def test_scenario_names() -> None:
    assert SCENARIOS == ("factory", "battery-dead", "used")


def test_unknown_scenario_is_refused_with_the_choices() -> None:
    with pytest.raises(BuildError) as caught:
        build_state("fresh")
    assert caught.value.message == "there is no emulator scenario called 'fresh'."
    assert caught.value.next_action == "Choose one of: factory, battery-dead, used."


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenarios_are_deterministic_and_independent(scenario: str) -> None:
    first, second = build_state(scenario), build_state(scenario)
    assert first == second
    first.memory.programs[0] = bytes(143)
    assert second.memory.programs[0] != first.memory.programs[0]


def test_factory_settings_are_those_of_a_restored_unit() -> None:
    state = build_state("factory")
    assert state.global_channel == 1
    assert state.excl_enabled
    assert not (state.protect_program or state.protect_combination or state.protect_sequence)
    assert state.memory.allocation is Allocation.P100_C100
    assert state.mode is Mode.PROGRAM
    assert state.edit_program == state.memory.programs[0]


def test_factory_has_100_distinct_printable_program_names() -> None:
    names = [Program(raw).name for raw in build_state("factory").memory.programs]
    assert len(set(names)) == 100
    assert all(name and name.isprintable() for name in names)
    assert not KORG_NAMES & set(names)


def test_factory_has_100_distinct_combination_names() -> None:
    names = [Combination(raw).name for raw in build_state("factory").memory.combinations]
    assert len(set(names)) == 100
    assert not KORG_NAMES & set(names)


def test_factory_dumps_parse_with_the_exact_lengths() -> None:
    data = dumps("factory")
    assert len(data["4C"]) == 16350
    assert len(data["4D"]) == 14179
    assert len(data["51"]) == 991
    sequence = parse(data["48"])
    assert isinstance(sequence, SequenceDump)
    events = sequence.sequence.events
    assert data["48"][6] + 128 * data["48"][7] == events  # §3.5: low 7 bits first
    assert len(data["48"]) == 8 + packed_length(1522 + 4 * events) + 1
    assert len(data["50"]) == 8 + packed_length(29083 + 4 * events) + 1
    assert isinstance(parse(data["4C"]), AllProgramsDump)
    assert isinstance(parse(data["4D"]), AllCombinationsDump)
    assert isinstance(parse(data["51"]), GlobalDump)
    everything = parse(data["50"])
    assert isinstance(everything, AllDataDump)
    assert [p.raw for p in everything.programs] == build_state("factory").memory.programs


def test_factory_program_parameters_are_in_range() -> None:
    for raw in build_state("factory").memory.programs:
        assert raw[10] in (0, 1, 2)  # §4.1 oscillator mode
        assert raw[11] in (0, 1, 2, 3)  # assign bits
        assert raw[12] <= 0x63 and raw[14] <= 0x63  # internal multisounds
        assert signed(raw[13]) in (-1, 0, 1) and signed(raw[15]) in (-1, 0, 1)
        assert -12 <= signed(raw[16]) <= 12  # interval
        assert -50 <= signed(raw[17]) <= 50  # detune
        assert all(-99 <= signed(b) <= 99 for b in raw[27:38])  # aftertouch, joystick
        assert all(-99 <= signed(b) <= 99 for b in raw[63:143])  # oscillator blocks


def test_factory_programs_differ_from_each_other() -> None:
    bodies = {raw[10:] for raw in build_state("factory").memory.programs}
    assert len(bodies) == 100


def test_factory_combinations_point_at_existing_programs() -> None:
    for raw in build_state("factory").memory.combinations:
        assert raw[10] in range(5)  # §4.2 type
        timbres = [raw[36 + 11 * t : 47 + 11 * t] for t in range(8)]
        playing = [t for t in timbres if not t[9] & 0x10]
        assert playing
        for timbre in playing:
            assert timbre[0] < 100
            assert timbre[6] <= timbre[5]  # key bottom <= key top
            assert 1 <= timbre[8] <= timbre[7] <= 127  # velocity window
            assert timbre[10] <= 15


def test_factory_global_has_four_sensible_drum_kits() -> None:
    raw = build_state("factory").memory.global_data
    assert signed(raw[0]) == 0 and signed(raw[1]) == 0
    kits = [raw[21 + 210 * k : 21 + 210 * (k + 1)] for k in range(4)]
    assert len({bytes(kit) for kit in kits}) == 4
    for kit in kits:
        hits = [kit[7 * i : 7 * i + 7] for i in range(30)]
        assert len({hit[1] for hit in hits}) == 30  # distinct keys
        assert all(hit[2] <= 10 and hit[6] == 0 for hit in hits)


def test_factory_sequence_has_the_3_6_structure() -> None:
    raw = build_state("factory").memory.sequence
    sequence = SequenceData(raw)
    assert sequence.events > 0
    names = sequence.song_names
    assert names[:4] == ("Sunrise", "Night Run", "Blue Hour", "Drift")
    assert names[4:] == ("New Song",) * 6
    offsets = event_offsets(raw)
    assert len(offsets) == 181
    assert list(offsets) == sorted(offsets)
    assert all(offset % 4 == 0 for offset in offsets)
    assert offsets[-1] == 4 * sequence.events
    assert raw[20:28] == b"Sunrise "  # name at +20 of song header 0


def test_battery_dead_settings_are_the_assumed_power_on_state() -> None:
    state = build_state("battery-dead")
    assert state.global_channel == 1
    assert not state.excl_enabled
    assert state.protect_program and state.protect_combination and state.protect_sequence
    assert state.memory.allocation is Allocation.P100_C100


def test_battery_dead_memory_is_initialised() -> None:
    state = build_state("battery-dead")
    assert {Program(raw).name for raw in state.memory.programs} == {"Init Prog"}
    assert {Combination(raw).name for raw in state.memory.combinations} == {"Init Combi"}
    assert SequenceData(state.memory.sequence).events == 0
    data = dumps("battery-dead")
    programs, combinations = parse(data["4C"]), parse(data["4D"])
    assert isinstance(programs, AllProgramsDump)
    assert isinstance(combinations, AllCombinationsDump)
    assert looks_initialised(programs.programs, combinations.combinations)


def test_battery_dead_init_program_is_a_plain_piano() -> None:
    raw = build_state("battery-dead").memory.programs[0]
    assert raw[10] == 0  # single oscillator
    assert raw[12] == 0  # first multisound
    assert raw[27:32] == bytes(5)  # no aftertouch
    assert raw[38:40] == bytes(2)  # both effects off


@pytest.mark.parametrize("scenario", ["factory", "used"])
def test_other_scenarios_do_not_look_initialised(scenario: str) -> None:
    memory = build_state(scenario).memory
    programs = [Program(raw) for raw in memory.programs]
    combinations = [Combination(raw) for raw in memory.combinations]
    assert not looks_initialised(programs, combinations)


def test_used_settings() -> None:
    state = build_state("used")
    assert state.protect_program and state.protect_combination and state.protect_sequence
    assert not state.excl_enabled
    assert state.global_channel == 5
    assert state.memory.allocation is Allocation.P50_C50
    assert len(state.memory.programs) == 50 and len(state.memory.combinations) == 50


def test_used_m1_is_silent_until_excl_is_enabled() -> None:
    m1 = emulator("used")
    assert answer(m1, "F0 42 34 19 12 F7") == []
    m1.state.excl_enabled = True
    assert answer(m1, "F0 42 34 19 12 F7") == [hx("F0 42 34 19 42 00 01 00 01 F7")]


def test_used_names_are_not_factory_names() -> None:
    used = {Program(raw).name for raw in build_state("used").memory.programs}
    factory = {Program(raw).name for raw in build_state("factory").memory.programs}
    assert len(used) == 50
    assert not used & factory


def test_used_dumps_parse_as_50_50() -> None:
    data = dumps("used")
    assert len(data["4C"]) == 8179 and len(data["4D"]) == 7093
    everything = parse(data["50"])
    assert isinstance(everything, AllDataDump)
    assert everything.allocation is Allocation.P50_C50
    assert 0 < everything.sequence.events <= 7700
