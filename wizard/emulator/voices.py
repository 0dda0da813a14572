"""Builders of synthetic program and combination records for the emulator's scenarios,
laid out as m1-sysex.md §4.1 and §4.2 describe, with every value inside its range.

Where the reference names a block but not its inner order (oscillator EGs, effect
parameters), the order below is this project's own choice; the values stay within
-99..+99 so that any reading of the block sees plausible numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.m1.constants import COMBINATION_SIZE, PROGRAM_SIZE
from wizard.m1.records import encode_name

SINGLE, DOUBLE, DRUMS = 0, 1, 2  # §4.1 byte 10
MAX_MULTISOUND = 0x63  # §4.1: 00-63 internal, 64 and up point at a card
TIMBRES = 8
TIMBRE_SIZE = 11
TIMBRE_OFF = 0x10  # §4.2 flags bit 4
RECEIVE_ALL = 0x0F  # §4.2 flags bits 0-3: every receive filter enabled


def signed_byte(value: int) -> int:
    """An int in -128..127 as the two's-complement byte the M1 stores (§4.1)."""
    if not -128 <= value <= 127:
        raise ValueError(f"{value} does not fit a signed byte")
    return value & 0xFF


class Dice:
    """A tiny deterministic number source, so scenario data is the same on every run and
    on every Python version (a linear congruential generator)."""

    def __init__(self, seed: int) -> None:
        self._value = seed & 0x7FFFFFFF

    def roll(self, low: int, high: int) -> int:
        """A number from `low` to `high`, both included."""
        self._value = (self._value * 1103515245 + 12345) & 0x7FFFFFFF
        return low + (self._value >> 8) % (high - low + 1)

    def pick(self, options: tuple[int, ...]) -> int:
        """One of `options`."""
        return options[self.roll(0, len(options) - 1)]


@dataclass(frozen=True)
class Envelope:
    """An amplitude or filter envelope, times and levels 0-99."""

    attack: int = 0
    decay: int = 50
    sustain: int = 80
    release: int = 30


@dataclass(frozen=True)
class Oscillator:
    """What one of the two oscillator blocks of §4.1 (bytes 63-102, 103-142) holds."""

    cutoff: int = 70
    filter_depth: int = 30
    filter_env: Envelope = Envelope(0, 40, 60, 30)
    level: int = 90
    amp_env: Envelope = Envelope()
    velocity: int = 20

    def block(self) -> bytes:
        """The 40 bytes: pitch EG (8), VDF (7), VDF EG (8), VDA (6), VDA EG (7), switches (4)."""
        f, a = self.filter_env, self.amp_env
        pitch_eg = (0, 0, 0, 0, 0, 0, 0, 0)
        vdf = (self.cutoff, self.filter_depth, 1, 20, self.velocity, 0, 0)
        vdf_eg = (f.attack, 99, f.decay, f.sustain, 40, f.sustain, f.release, 0)
        vda = (self.level, 1, 0, self.velocity, 0, 0)
        vda_eg = (a.attack, 99, a.decay, a.sustain, 40, a.sustain, a.release)
        switches = (0, 0, 0, 0)
        values = pitch_eg + vdf + vdf_eg + vda + vda_eg + switches
        return bytes(signed_byte(v) for v in values)


@dataclass(frozen=True)
class Effects:
    """The 25-byte effect block shared by programs (38-62) and combinations (11-35)."""

    first: int = 0
    second: int = 0
    balance: int = 50
    parameters: tuple[int, ...] = (0,) * 16

    def block(self) -> bytes:
        """Types, balances, levels, out 3/4 pans, routing bits, then 2 x 8 parameters."""
        head = (self.first, self.second, self.balance, self.balance, 99, 99, 5, 5, 0)
        return bytes(signed_byte(v) for v in head + self.parameters)


@dataclass(frozen=True)
class Voice:
    """The settings of one synthetic program."""

    name: str
    mode: int = SINGLE
    multisounds: tuple[int, int] = (0, 0)
    octaves: tuple[int, int] = (0, 0)
    interval: int = 0
    detune: int = 0
    mono: bool = False
    vibrato: int = 0
    aftertouch: int = 0
    bend: int = 2
    oscillators: tuple[Oscillator, Oscillator] = (Oscillator(), Oscillator())
    effects: Effects = Effects()


def program_record(voice: Voice) -> bytes:
    """The 143-byte record of `voice` (§4.1)."""
    pitch_mg = (0x61 if voice.vibrato else 0, 45, 30, voice.vibrato)  # triangle, both oscs
    filter_mg = (0x60, 30, 0, 0)
    aftertouch = (0, voice.aftertouch, voice.aftertouch, 0, voice.aftertouch // 2)
    joystick = (voice.bend, 0, 20, 0, 0, 0)
    body = (
        voice.mode,
        1 if voice.mono else 0,
        voice.multisounds[0],
        voice.octaves[0],
        voice.multisounds[1],
        voice.octaves[1],
        voice.interval,
        voice.detune,
        0,
        *pitch_mg,
        *filter_mg,
        *aftertouch,
        *joystick,
    )
    raw = (
        encode_name(voice.name)
        + bytes(signed_byte(v) for v in body)
        + voice.effects.block()
        + voice.oscillators[0].block()
        + voice.oscillators[1].block()
    )
    assert len(raw) == PROGRAM_SIZE
    return raw


@dataclass(frozen=True)
class Timbre:
    """One of the eight timbres of a combination (§4.2)."""

    program: int
    level: int = 90
    transpose: int = 0
    detune: int = 0
    pan: int = 5
    keys: tuple[int, int] = (0, 127)
    velocities: tuple[int, int] = (1, 127)
    channel: int = 0

    def block(self) -> bytes:
        """Program, level, transpose, detune, pan, key top/bottom, vel top/bottom, flags,
        MIDI channel."""
        values = (
            self.program,
            self.level,
            self.transpose,
            self.detune,
            self.pan,
            self.keys[1],
            self.keys[0],
            self.velocities[1],
            self.velocities[0],
            RECEIVE_ALL,
            self.channel,
        )
        return bytes(signed_byte(v) for v in values)


OFF_TIMBRE = bytes((0, 0, 0, 0, 5, 127, 0, 127, 1, TIMBRE_OFF | RECEIVE_ALL, 0))


def combination_record(
    name: str, kind: int, timbres: tuple[Timbre, ...], effects: Effects = Effects()
) -> bytes:
    """The 124-byte record of a combination (§4.2); timbres past the given ones are off.

    Args:
        name: Up to 10 characters.
        kind: 0 single, 1 layer, 2 split, 3 velocity switch, 4 multi.
        timbres: One to eight timbres in use.
        effects: The effect block.
    """
    blocks = [t.block() for t in timbres] + [OFF_TIMBRE] * (TIMBRES - len(timbres))
    raw = encode_name(name) + bytes((kind,)) + effects.block() + b"".join(blocks)
    assert len(raw) == COMBINATION_SIZE
    return raw
