"""Ready-made emulator states: a freshly restored unit, one whose memory was lost, and a
stranger's used M1 (`build_state(name)`)."""

from __future__ import annotations

from wizard.emulator.factory import (
    COMBINATION_NOUNS,
    factory_combinations,
    factory_memory,
    family_voice,
)
from wizard.emulator.global_block import GlobalSettings, global_record, varied_kit
from wizard.emulator.initial import initialised_memory
from wizard.emulator.scenario_names import BATTERY_DEAD, FACTORY, SCENARIOS, USED
from wizard.emulator.selection import refresh_edit_buffers
from wizard.emulator.song_block import SequenceLayout, Song, sequence_block
from wizard.emulator.state import M1State, Memory
from wizard.emulator.voices import Dice, program_record
from wizard.errors import BuildError
from wizard.m1.constants import DRUM_KITS, Allocation, Mode

# A previous owner's names: five programs per stem, numbered, each stem with the
# factory family its sound comes from.
USER_STEMS = (
    ("Gig EP", 0), ("Verse Pd", 4), ("ChorusLd", 7), ("Jon Bass", 5), ("Wed Org", 1),
    ("Live Str", 2), ("LoopBell", 8), ("Brdg Gtr", 6), ("Intro Hn", 3), ("Outro Pd", 4),
)  # fmt: skip
USER_COMBINATION_WORDS = ("Gig", "Set", "Live", "Demo", "Club")
USER_SONGS = (
    Song("Take 3", (120, 96, 80, 64, 0, 0, 32, 16)),
    Song("Wedding", (200, 150, 100, 90, 60, 40, 0, 0)),
    Song("Rehearsal", (48, 48, 48, 48, 48, 0, 0, 0)),
    Song("Cover 1", (80, 60, 0, 0, 0, 0, 0, 0)),
    Song("Cover 2", (30, 30, 30, 0, 0, 0, 0, 0)),
)


def used_memory() -> Memory:
    """A stranger's 50/50 memory: own program and combination names, own songs, a
    slightly detuned global setting with personal drum kits."""
    dice = Dice(2024)
    programs = [
        program_record(family_voice(f"{stem} {n + 1}", family, n + 5, dice))
        for stem, family in USER_STEMS
        for n in range(5)
    ]
    combinations = factory_combinations(
        USER_COMBINATION_WORDS, COMBINATION_NOUNS, len(programs), seed=2025
    )
    kits = tuple(varied_kit(10 + seed) for seed in range(DRUM_KITS))
    settings = GlobalSettings(master_tune=-3, pedal_functions=(2, 5))
    sequence = sequence_block(SequenceLayout(USER_SONGS, (32, 24), seed=2026))
    return Memory(
        Allocation.P50_C50, global_record(settings, kits), programs, combinations, sequence
    )


def build_state(name: str) -> M1State:
    """A new, independent emulator state for a named scenario.

    - "factory": the synthetic factory memory (100/100) as on a unit just restored:
      global channel 1, EXCL ENA, all protects OFF, PROG mode on program 00.
    - "battery-dead": initialised memory (see `wizard.emulator.initial`) with the
      power-on settings after an init, which are unknown (§6.2) and assumed to be what
      owners always had to change: EXCL DIS, all protects ON, channel 1, 100/100.
    - "used": a stranger's 50/50 memory with protects ON, EXCL DIS, global channel 5,
      left in COMBI mode on combination 03 (program 07 selected in PROG mode).

    Raises:
        BuildError: No scenario has that name.
    """
    if name == FACTORY:
        state = M1State(
            global_channel=1,
            excl_enabled=True,
            protect_program=False,
            protect_combination=False,
            protect_sequence=False,
            mode=Mode.PROGRAM,
            memory=factory_memory(),
        )
    elif name == BATTERY_DEAD:
        state = M1State(
            global_channel=1,
            excl_enabled=False,
            protect_program=True,
            protect_combination=True,
            protect_sequence=True,
            mode=Mode.PROGRAM,
            memory=initialised_memory(Allocation.P100_C100),
        )
    elif name == USED:
        state = M1State(
            global_channel=5,
            excl_enabled=False,
            protect_program=True,
            protect_combination=True,
            protect_sequence=True,
            mode=Mode.COMBINATION,
            program_number=7,
            combination_number=3,
            memory=used_memory(),
        )
    else:
        raise BuildError(
            f"there is no emulator scenario called {name!r}.",
            f"Choose one of: {', '.join(SCENARIOS)}.",
        )
    refresh_edit_buffers(state)
    return state
