"""Exact message lengths against the tables of m1-sysex.md §2.1 and §3.4."""

from __future__ import annotations

import pytest

from wizard.m1.constants import Allocation, Function
from wizard.m1.sizes import dump_raw_size, expected_length, sequence_raw_size, wire_seconds

A100 = Allocation.P100_C100
A50 = Allocation.P50_C50

# Every row of §3.4 (totals incl. F0 ... F7).
SECTION_3_4 = [
    pytest.param(Function.PROGRAM_DUMP, A100, 0, 170, id="40_program"),
    pytest.param(Function.COMBINATION_DUMP, A100, 0, 148, id="49_combination"),
    pytest.param(Function.ALL_PROGRAMS_DUMP, A100, 0, 16_350, id="4C_100"),
    pytest.param(Function.ALL_PROGRAMS_DUMP, A50, 0, 8_179, id="4C_50"),
    pytest.param(Function.ALL_COMBINATIONS_DUMP, A100, 0, 14_179, id="4D_100"),
    pytest.param(Function.ALL_COMBINATIONS_DUMP, A50, 0, 7_093, id="4D_50"),
    pytest.param(Function.GLOBAL_DUMP, A100, 0, 991, id="51_global"),
    pytest.param(Function.SEQUENCE_DUMP, A100, 0, 1_749, id="48_no_events"),
    pytest.param(Function.SEQUENCE_DUMP, A100, 3619, 18_293, id="48_factory"),
    pytest.param(Function.SEQUENCE_DUMP, A100, 4400, 21_863, id="48_4400"),
    pytest.param(Function.SEQUENCE_DUMP, A50, 7700, 36_949, id="48_7700"),
    pytest.param(Function.ALL_DATA_DUMP, A100, 0, 33_247, id="50_100_no_events"),
    pytest.param(Function.ALL_DATA_DUMP, A100, 3619, 49_791, id="50_100_factory"),
    pytest.param(Function.ALL_DATA_DUMP, A100, 4400, 53_361, id="50_100_max"),
    pytest.param(Function.ALL_DATA_DUMP, A50, 0, 17_990, id="50_50_no_events"),
    pytest.param(Function.ALL_DATA_DUMP, A50, 7700, 53_190, id="50_50_max"),
]


@pytest.mark.parametrize(("function", "allocation", "events", "total"), SECTION_3_4)
def test_expected_length_matches_section_3_4(
    function: Function, allocation: Allocation, events: int, total: int
) -> None:
    assert expected_length(function, allocation, events) == total


# The "Len" column of §2.1 for every message of fixed size.
FIXED = [
    (Function.MODE_REQUEST, 6),
    (Function.MODE_DATA, 10),
    (Function.MODE_CHANGE, 8),
    (Function.PROGRAM_REQUEST, 6),
    (Function.ALL_PROGRAMS_REQUEST, 7),
    (Function.COMBINATION_REQUEST, 6),
    (Function.ALL_COMBINATIONS_REQUEST, 7),
    (Function.SEQUENCE_REQUEST, 7),
    (Function.GLOBAL_REQUEST, 7),
    (Function.ALL_DATA_REQUEST, 7),
    (Function.PROGRAM_WRITE, 8),
    (Function.COMBINATION_WRITE, 8),
    (Function.PARAMETER_CHANGE, 10),
    (Function.DRUM_SOUND_NAMES_REQUEST, 6),
    (Function.MULTISOUND_NAMES_REQUEST, 6),
    (Function.FORMAT_ERROR, 6),
    (Function.LOAD_COMPLETED, 6),
    (Function.LOAD_ERROR, 6),
    (Function.WRITE_COMPLETED, 6),
    (Function.WRITE_ERROR, 6),
]


@pytest.mark.parametrize(("function", "total"), FIXED, ids=[f.name for f, _ in FIXED])
def test_fixed_lengths_match_section_2_1(function: Function, total: int) -> None:
    assert expected_length(function, A100) == total
    assert expected_length(function, A50, 1234) == total


def test_every_function_code_is_either_sized_or_known_to_be_open() -> None:
    open_ended = {Function.MULTISOUND_NAMES, Function.DRUM_SOUND_NAMES}
    sized = {f for f, _ in FIXED} | {row.values[0] for row in SECTION_3_4}
    assert sized | open_ended == set(Function)
    assert not sized & open_ended


@pytest.mark.parametrize("function", [Function.MULTISOUND_NAMES, Function.DRUM_SOUND_NAMES])
def test_name_dumps_have_no_known_length(function: Function) -> None:
    with pytest.raises(ValueError, match="has no fixed length"):
        expected_length(function, A100)


@pytest.mark.parametrize(
    ("function", "allocation", "events", "raw"),
    [
        (Function.ALL_PROGRAMS_DUMP, A100, 0, 14_300),
        (Function.ALL_PROGRAMS_DUMP, A50, 0, 7_150),
        (Function.ALL_COMBINATIONS_DUMP, A100, 0, 12_400),
        (Function.ALL_COMBINATIONS_DUMP, A50, 0, 6_200),
        (Function.GLOBAL_DUMP, A50, 0, 861),
        (Function.ALL_DATA_DUMP, A100, 0, 29_083),
        (Function.ALL_DATA_DUMP, A50, 0, 15_733),
        (Function.ALL_DATA_DUMP, A100, 4400, 46_683),  # §3.4 consistency check
        (Function.ALL_DATA_DUMP, A50, 7700, 46_533),
    ],
)
def test_raw_sizes_match_section_3_4(
    function: Function, allocation: Allocation, events: int, raw: int
) -> None:
    assert dump_raw_size(function, allocation, events) == raw


def test_factory_sequence_block_is_15_998_bytes() -> None:
    assert sequence_raw_size(3619) == 15_998  # §3.5
    assert sequence_raw_size(0) == 1522


def test_dump_raw_size_refuses_a_request() -> None:
    with pytest.raises(ValueError, match="MODE_REQUEST is not a dump"):
        dump_raw_size(Function.MODE_REQUEST, A100)


@pytest.mark.parametrize(
    ("length", "seconds"),
    [(170, 0.05), (991, 0.3), (14_179, 4.5), (16_350, 5.2), (49_791, 15.9), (53_361, 17.1)],
)
def test_wire_time_matches_section_3_7(length: int, seconds: float) -> None:
    assert round(wire_seconds(length), 1 if seconds >= 0.1 else 2) == seconds


def test_allocation_counts_and_event_limits() -> None:
    assert (A100.count, A100.max_events, A100.short) == (100, 4400, "100/100")
    assert (A50.count, A50.max_events, A50.short) == (50, 7700, "50/50")
