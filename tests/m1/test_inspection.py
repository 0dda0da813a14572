"""`looks_initialised`: wiped memory is recognised by sameness, not by exact bytes."""

from __future__ import annotations

import pytest

from tests.shared import shared_capture
from wizard.m1 import AllProgramsDump, parse
from wizard.m1.inspection import MemoryLook, look_at_memory, looks_initialised
from wizard.m1.records import Combination, Program, SequenceData


def program(name: str, fill: int = 0) -> Program:
    return Program(name.ljust(10).encode() + bytes([fill]) * 133)


def combination(name: str) -> Combination:
    return Combination(name.ljust(10).encode() + bytes(114))


def test_all_identical_programs_look_initialised() -> None:
    assert looks_initialised([program("Init")] * 100)


def test_distinct_programs_do_not() -> None:
    assert not looks_initialised([program(f"P{i}", i) for i in range(100)])


def test_ninety_percent_identical_is_the_threshold() -> None:
    ninety = [program("Init")] * 90 + [program(f"Mine {i}", i) for i in range(10)]
    eighty_nine = [program("Init")] * 89 + [program(f"Mine {i}", i) for i in range(11)]
    assert looks_initialised(ninety)
    assert not looks_initialised(eighty_nine)


def test_combinations_must_agree_when_given() -> None:
    programs = [program("Init")] * 50
    assert looks_initialised(programs, [combination("Init")] * 50)
    assert not looks_initialised(programs, [combination(f"C{i}") for i in range(50)])


def test_no_programs_is_not_initialised() -> None:
    assert not looks_initialised([])


def test_look_at_memory_reports_the_evidence() -> None:
    look = look_at_memory(
        [program("Init")] * 3 + [program("Own", 5)],
        [combination("A"), combination("A")],
        SequenceData(bytes(1522 + 8)),
    )
    assert look == MemoryLook(
        programs=4, same_programs=3, combinations=2, same_combinations=2, events=2
    )
    assert not look.initialised


@pytest.mark.fixtures
def test_real_factory_programs_do_not_look_initialised() -> None:
    capture = shared_capture("ORIGPROG.SYX")
    start = capture.index(bytes.fromhex("F0 42 30 19 4C"))
    message = parse(capture[start : start + 16350])
    assert isinstance(message, AllProgramsDump)
    assert not looks_initialised(message.programs)
