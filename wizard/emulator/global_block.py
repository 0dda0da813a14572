"""Builders of synthetic global records with their four drum kits (m1-sysex.md §4.3)."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.emulator.voices import Dice, signed_byte
from wizard.m1.constants import (
    DRUM_INSTRUMENT_SIZE,
    DRUM_INSTRUMENTS,
    DRUM_KITS,
    GLOBAL_HEADER_SIZE,
    GLOBAL_SIZE,
)

DRUM_SOUNDS = 44  # drum sounds of the internal PCM ROM the kits pick from [I]
PAN_CENTRE = 5  # §4.3 pan 0-10
FIRST_DRUM_KEY = 36  # C2, where General-MIDI-era kits start [I]


@dataclass(frozen=True)
class GlobalSettings:
    """The 21 global bytes before the drum kits (§4.3 bytes 0-20)."""

    master_tune: int = 0
    transpose: int = 0
    damper_polarity: int = 1
    pedal_functions: tuple[int, int] = (0, 1)
    scale: int = 0
    pure_key: int = 0
    user_scale: tuple[int, ...] = (0,) * 12

    def header(self) -> bytes:
        """Tune, transpose, damper, two pedal functions, scale, key, 12 user-scale
        offsets, then the two bytes of unknown use (§9 item 8), left at zero."""
        values = (
            self.master_tune,
            self.transpose,
            self.damper_polarity,
            *self.pedal_functions,
            self.scale,
            self.pure_key,
            *self.user_scale,
            0,
            0,
        )
        raw = bytes(signed_byte(v) for v in values)
        assert len(raw) == GLOBAL_HEADER_SIZE
        return raw


@dataclass(frozen=True)
class DrumHit:
    """One instrument of a drum kit: sound, key, pan, tune, level, decay (§4.3)."""

    sound: int
    key: int
    pan: int = PAN_CENTRE
    tune: int = 0
    level: int = 90
    decay: int = 0

    def block(self) -> bytes:
        """The 7 bytes; the last is unused and zero in every known dump."""
        values = (self.sound, self.key, self.pan, self.tune, self.level, self.decay, 0)
        return bytes(signed_byte(v) for v in values)


def varied_kit(seed: int) -> tuple[DrumHit, ...]:
    """A kit of 30 instruments on consecutive keys with varied sounds, pans and tunings."""
    dice = Dice(seed)
    return tuple(
        DrumHit(
            sound=(seed * 7 + i * 3 + dice.roll(0, 2)) % DRUM_SOUNDS,
            key=FIRST_DRUM_KEY + i,
            pan=dice.roll(2, 8),
            tune=dice.roll(-6, 6),
            level=dice.roll(70, 99),
            decay=dice.roll(-20, 20),
        )
        for i in range(DRUM_INSTRUMENTS)
    )


def plain_kit() -> tuple[DrumHit, ...]:
    """A kit with sound i on key 36 + i, centred, untuned, full level."""
    return tuple(
        DrumHit(sound=i % DRUM_SOUNDS, key=FIRST_DRUM_KEY + i, level=99)
        for i in range(DRUM_INSTRUMENTS)
    )


def global_record(settings: GlobalSettings, kits: tuple[tuple[DrumHit, ...], ...]) -> bytes:
    """The 861-byte global record: settings, then four kits of 30 instruments."""
    if len(kits) != DRUM_KITS or any(len(kit) != DRUM_INSTRUMENTS for kit in kits):
        raise ValueError(f"a global record holds {DRUM_KITS} kits of {DRUM_INSTRUMENTS}")
    raw = settings.header() + b"".join(hit.block() for kit in kits for hit in kit)
    assert len(raw) == GLOBAL_SIZE
    assert all(len(hit.block()) == DRUM_INSTRUMENT_SIZE for hit in kits[0])
    return raw
