"""Regression tests for what the fuzz targets found, one per finding."""

from __future__ import annotations

import pytest

from fuzz.targets import BrokenPromise, builds_back, message, unused_top_bits
from wizard.emulator import build_state
from wizard.m1 import ProgramDump, parse
from wizard.m1.records import Program


def canonical_program_dump() -> bytes:
    """The initialised program as a PROGRAM DUMP (40): 143 raw bytes, so the packed stream
    ends in a short group of 3 bytes and its top-bit byte has 4 unused bits (§3.1)."""
    raw = build_state("battery-dead").memory.programs[0]
    return ProgramDump(1, Program(raw)).to_bytes()


def test_unused_top_bits_of_the_last_group_are_ignored_and_come_back_as_zero() -> None:
    # Found by the message target (a mutated seed): parse accepted the bits, to_bytes
    # dropped them, and the parser's own promise said every input builds back exactly.
    canonical = canonical_program_dump()
    at = unused_top_bits(canonical)
    assert at == len(canonical) - 5
    damaged = bytearray(canonical)
    damaged[at] |= 0b0101000  # bits 3 and 5: no data byte follows for them
    parsed = parse(bytes(damaged))
    assert parsed == parse(canonical)
    assert parsed.to_bytes() == canonical
    message(bytes(damaged))  # the target accepts exactly this difference


def test_a_top_bit_that_carries_data_is_never_ignored() -> None:
    canonical = canonical_program_dump()
    at = unused_top_bits(canonical)
    assert at is not None
    changed = bytearray(canonical)
    changed[at] ^= 0b0000010  # bit 1: the top bit of the group's second byte
    parsed = parse(bytes(changed))
    assert parsed != parse(canonical)
    assert parsed.to_bytes() == bytes(changed)


def test_the_target_still_catches_a_message_that_loses_data() -> None:
    class Lossy(ProgramDump):
        def to_bytes(self) -> bytes:
            data = bytearray(super().to_bytes())
            data[10] ^= 1
            return bytes(data)

    canonical = canonical_program_dump()
    lossy = Lossy(1, Program(build_state("battery-dead").memory.programs[0]))
    with pytest.raises(BrokenPromise):
        builds_back(canonical, lossy)
