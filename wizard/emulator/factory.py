"""A synthetic, factory-like memory for the emulator: 100 programs, 100 combinations,
global data with four drum kits, and demo songs (m1-sysex.md §3.6, §4).

Nothing here is Korg's data or derived from the real captures: names, sounds and songs
are this project's own inventions, built the same way on every run.
"""

from __future__ import annotations

from wizard.emulator.global_block import GlobalSettings, global_record, varied_kit
from wizard.emulator.song_block import SequenceLayout, Song, sequence_block
from wizard.emulator.state import Memory
from wizard.emulator.voices import (
    DOUBLE,
    DRUMS,
    SINGLE,
    Dice,
    Effects,
    Envelope,
    Oscillator,
    Timbre,
    Voice,
    combination_record,
    program_record,
)
from wizard.m1.constants import DRUM_KITS, Allocation

# Ten families of ten programs, in program-number order.
PROGRAM_NAMES = (
    ("Grand Hall", "Bright Gr.", "Upright 88", "Honky Bar", "E.Piano 1",
     "Tine Keys", "Reed Piano", "Soft Keys", "Clavi Funk", "Harpsi Box"),
    ("Drawbar 1", "Perc Organ", "Rock Drawb", "Chapel Org", "Reed Organ",
     "Pipe Flute", "Jazz Organ", "Gospel Drw", "Combo Org", "Musette"),
    ("Str Ensmbl", "Slow Str", "Pizzicato", "Solo Cello", "Viola Pad",
     "Tremolo St", "Chamber St", "Hi Strings", "Low Str", "Str & Horn"),
    ("Brass Sect", "Soft Horns", "Trumpet Ld", "Trombone", "Tuba Low",
     "Sax Breath", "Flute Air", "Pan Pipes", "Oboe Reed", "Clarinet"),
    ("Velvet Pad", "Glass Pad", "Warm Pad", "Dark Cloud", "Aurora",
     "Nightfall", "Breath Pad", "Sweep Pad", "Choir Ahh", "Space Vox"),
    ("Finger Bs", "Slap Bass", "Pick Bs", "Round Bass", "Synth Bs 1",
     "Acid Line", "Sub Bass", "Upright Bs", "Wood Bass", "Rubber Bs"),
    ("Nylon Gtr", "Steel Gtr", "12 String", "Muted Gtr", "Clean Elec",
     "Koto Pluck", "Harp Gliss", "Sitar Hum", "Banjo Roll", "Mandolin"),
    ("Saw Lead", "Square Ld", "Whistle", "Sync Lead", "Glide Lead",
     "Fifth Lead", "Reso Lead", "Soft Sine", "Hard Lead", "Ocarina"),
    ("Vibes", "Marimba", "Xylophone", "Glocken", "Tubular",
     "Celesta", "Music Box", "Steel Drum", "Kalimba", "Crystal"),
    ("Kit Room", "Kit Power", "Kit Elec", "Perc Combo", "Timpani",
     "Gong Hit", "Thunder", "Wind Noise", "Laser Zap", "Orch Hit"),
)  # fmt: skip

COMBINATION_ADJECTIVES = ("Big", "Low", "Hi", "Wet", "Dry", "Soft", "Hot", "Cold", "Deep", "Wide")
COMBINATION_NOUNS = ("Stack", "Layer", "Split", "Wall", "Hall", "Band", "Mix", "Orch", "Duo",
                     "Trio")  # fmt: skip

SINGLE_KIND, LAYER, SPLIT, VELOCITY_SWITCH, MULTI = 0, 1, 2, 3, 4  # §4.2 byte 10
KIND_OF_NOUN = (LAYER, LAYER, SPLIT, LAYER, SINGLE_KIND, MULTI, MULTI, MULTI, SPLIT,
                VELOCITY_SWITCH)  # fmt: skip

# Per family: first multisound, envelope (attack, decay, sustain, release), cutoff.
FAMILY_SOUND = (
    (0, Envelope(0, 60, 20, 40), 80),
    (10, Envelope(0, 10, 99, 10), 90),
    (20, Envelope(30, 50, 85, 45), 70),
    (30, Envelope(8, 40, 80, 25), 65),
    (40, Envelope(55, 60, 90, 70), 55),
    (50, Envelope(0, 45, 60, 15), 50),
    (60, Envelope(0, 55, 30, 30), 75),
    (70, Envelope(2, 30, 90, 20), 85),
    (80, Envelope(0, 70, 10, 50), 95),
    (90, Envelope(0, 35, 0, 35), 99),
)
DEMO_SONGS = (
    Song("Sunrise", (64, 48, 40, 32, 24, 16, 12, 8)),
    Song("Night Run", (96, 80, 0, 56, 40, 24, 0, 16)),
    Song("Blue Hour", (40, 36, 32, 28, 0, 0, 20, 0)),
    Song("Drift", (24, 24, 24, 24, 24, 24, 24, 24)),
)
DEMO_PATTERNS = (16, 16, 32, 8)


def family_voice(name: str, family: int, variant: int, dice: Dice) -> Voice:
    """A program of one of the ten families, varied by `variant` and `dice`."""
    first_sound, envelope, cutoff = FAMILY_SOUND[family]
    double = variant % 3 == 1
    sound = first_sound + variant
    osc = Oscillator(
        cutoff=max(20, cutoff - dice.roll(0, 20)),
        filter_depth=dice.roll(10, 60),
        level=dice.roll(80, 99),
        amp_env=Envelope(
            envelope.attack,
            min(99, envelope.decay + dice.roll(0, 10)),
            envelope.sustain,
            min(99, envelope.release + dice.roll(0, 10)),
        ),
        velocity=dice.roll(5, 40),
    )
    effects = Effects(
        first=dice.roll(1, 33),
        second=dice.roll(0, 33),
        balance=dice.roll(20, 70),
        parameters=tuple(dice.roll(0, 99) for _ in range(16)),
    )
    return Voice(
        name=name,
        mode=DRUMS if family == 9 and variant < 4 else (DOUBLE if double else SINGLE),
        multisounds=(sound, (sound + 5) % 100 if double else sound),
        octaves=(0, dice.roll(-1, 1) if double else 0),
        interval=dice.pick((0, 7, 12, -12)) if double else 0,
        detune=dice.roll(-12, 12) if double else 0,
        mono=family == 7 and variant % 2 == 0,
        vibrato=dice.roll(0, 20) if family in (3, 7) else 0,
        aftertouch=dice.roll(0, 30),
        oscillators=(osc, osc),
        effects=effects,
    )


def factory_programs(names: tuple[tuple[str, ...], ...], seed: int) -> list[bytes]:
    """One record per name, family by family."""
    dice = Dice(seed)
    return [
        program_record(family_voice(name, family, variant, dice))
        for family, row in enumerate(names)
        for variant, name in enumerate(row)
    ]


def combination_timbres(kind: int, number: int, programs: int, dice: Dice) -> tuple[Timbre, ...]:
    """Timbres for a combination of `kind`, pointing at programs below `programs`."""
    first = (number * 37) % programs
    second = (first + 10 + dice.roll(0, programs - 21)) % programs
    if kind == SINGLE_KIND:
        return (Timbre(first),)
    if kind == LAYER:
        return (Timbre(first, pan=3), Timbre(second, level=dice.roll(60, 90), pan=7, detune=4))
    if kind == SPLIT:
        return (Timbre(first, keys=(0, 59), transpose=-12), Timbre(second, keys=(60, 127)))
    if kind == VELOCITY_SWITCH:
        return (Timbre(first, velocities=(1, 99)), Timbre(second, velocities=(100, 127)))
    third = (second + 7) % programs
    return (
        Timbre(first, channel=0),
        Timbre(second, channel=1),
        Timbre(third, channel=2, level=dice.roll(50, 90)),
    )


def factory_combinations(
    adjectives: tuple[str, ...], nouns: tuple[str, ...], programs: int, seed: int
) -> list[bytes]:
    """One combination per adjective x noun, each pointing at programs below `programs`."""
    dice = Dice(seed)
    records = []
    for a, adjective in enumerate(adjectives):
        for n, noun in enumerate(nouns):
            number = a * len(nouns) + n
            kind = KIND_OF_NOUN[n % len(KIND_OF_NOUN)]
            effects = Effects(dice.roll(1, 33), dice.roll(0, 33), dice.roll(20, 70))
            timbres = combination_timbres(kind, number, programs, dice)
            records.append(combination_record(f"{adjective} {noun}", kind, timbres, effects))
    return records


def factory_memory() -> Memory:
    """The complete synthetic factory memory, 100/100 (same bytes on every call)."""
    programs = factory_programs(PROGRAM_NAMES, seed=1988)
    combinations = factory_combinations(
        COMBINATION_ADJECTIVES, COMBINATION_NOUNS, len(programs), seed=1989
    )
    kits = tuple(varied_kit(seed) for seed in range(DRUM_KITS))
    global_data = global_record(GlobalSettings(), kits)
    sequence = sequence_block(SequenceLayout(DEMO_SONGS, DEMO_PATTERNS, seed=1990))
    return Memory(Allocation.P100_C100, global_data, programs, combinations, sequence)
