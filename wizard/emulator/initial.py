"""The memory an M1 holds after its backup cell was replaced and everything was initialised
(m1-sysex.md §6.2, §9 item 9).

The real init contents are unknown. Owners report "a basic version of each patch, with
no aftertouch, velocity sensitivity or effects" and "all presets contain just the piano
sound", and the display says "Init Program". So the emulator's choice is: every program
the same single-oscillator piano named "Init Prog" (no aftertouch, no velocity, no
effects); every combination "Init Combi" playing program 00 on timbre 1 only; songs
empty and named "New Song" with no events; global settings neutral (no tuning, no
transpose, equal temperament) with four identical plain drum kits.
"""

from __future__ import annotations

from wizard.emulator.global_block import GlobalSettings, global_record, plain_kit
from wizard.emulator.song_block import SequenceLayout, sequence_block
from wizard.emulator.state import Memory
from wizard.emulator.voices import (
    SINGLE,
    Effects,
    Envelope,
    Oscillator,
    Timbre,
    Voice,
    combination_record,
    program_record,
)
from wizard.m1.constants import DRUM_KITS, Allocation

INIT_PROGRAM_NAME = "Init Prog"
INIT_COMBINATION_NAME = "Init Combi"
PIANO_MULTISOUND = 0  # assumption: the first internal multisound is the piano

_PIANO = Oscillator(
    cutoff=99,
    filter_depth=0,
    filter_env=Envelope(0, 0, 99, 0),
    level=99,
    amp_env=Envelope(0, 60, 0, 40),
    velocity=0,
)


def init_program() -> bytes:
    """The record every program holds after initialisation (an assumption, see above)."""
    voice = Voice(
        name=INIT_PROGRAM_NAME,
        mode=SINGLE,
        multisounds=(PIANO_MULTISOUND, PIANO_MULTISOUND),
        oscillators=(_PIANO, _PIANO),
        effects=Effects(),
    )
    return program_record(voice)


def init_combination() -> bytes:
    """The record every combination holds after initialisation (an assumption)."""
    return combination_record(INIT_COMBINATION_NAME, 0, (Timbre(0, level=99),))


def initialised_memory(allocation: Allocation = Allocation.P100_C100) -> Memory:
    """Memory as the M1 sets it up when the battery-backed RAM was lost."""
    count = allocation.count
    kits = tuple(plain_kit() for _ in range(DRUM_KITS))
    return Memory(
        allocation,
        global_record(GlobalSettings(), kits),
        [init_program()] * count,
        [init_combination()] * count,
        sequence_block(SequenceLayout()),
    )
