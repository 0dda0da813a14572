"""Unpacked M1 records: programs, combinations, global data with drum kits, sequencer block
(m1-sysex.md §3.3, §3.6, §4)."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.errors import BuildError
from wizard.m1.constants import (
    COMBINATION_SIZE,
    DRUM_INSTRUMENT_SIZE,
    DRUM_INSTRUMENTS,
    DRUM_KITS,
    GLOBAL_HEADER_SIZE,
    GLOBAL_SIZE,
    NAME_LENGTH,
    PROGRAM_SIZE,
    SEQUENCE_EVENT_SIZE,
    SEQUENCE_FIXED_SIZE,
)
from wizard.m1.packing import check_raw

SONGS = 10
SONG_HEADER_SIZE = 96  # §3.6 sequencer block: 10 song headers of 96 bytes
SONG_NAME_OFFSET = 20
KIT_SIZE = DRUM_INSTRUMENTS * DRUM_INSTRUMENT_SIZE


def decode_name(raw: bytes) -> str:
    """A 10-byte M1 name as the display shows it.

    0x00 appears in Korg's own factory data where other captures have a space (§4.1,
    §6.1), so it reads as a space; bytes outside printable ASCII read as "?". Trailing
    spaces are dropped.
    """
    chars = []
    for value in raw[:NAME_LENGTH]:
        if value in (0x00, 0x20):
            chars.append(" ")
        elif 0x20 < value < 0x7F:
            chars.append(chr(value))
        else:
            chars.append("?")
    return "".join(chars).rstrip()


def encode_name(name: str) -> bytes:
    """A display name as 10 bytes, padded with spaces.

    Raises:
        BuildError: The name is longer than 10 characters or has characters the M1 lacks.
    """
    if len(name) > NAME_LENGTH:
        raise BuildError(f"name {name!r} is longer than {NAME_LENGTH} characters.")
    if any(not 0x20 <= ord(c) < 0x7F for c in name):
        raise BuildError(f"name {name!r} has a character the M1 cannot show.")
    return name.ljust(NAME_LENGTH).encode("ascii")


def signed(value: int) -> int:
    """Two's-complement byte to int (§4.1: -99..+99 is 0x9D..0x63)."""
    return value - 256 if value > 0x7F else value


@dataclass(frozen=True)
class Program:
    """One 143-byte program record (§4.1)."""

    raw: bytes

    def __post_init__(self) -> None:
        check_raw(self.raw, PROGRAM_SIZE, "a program")

    @property
    def name(self) -> str:
        """Display name."""
        return decode_name(self.raw)


@dataclass(frozen=True)
class Combination:
    """One 124-byte combination record (§4.2)."""

    raw: bytes

    def __post_init__(self) -> None:
        check_raw(self.raw, COMBINATION_SIZE, "a combination")

    @property
    def name(self) -> str:
        """Display name."""
        return decode_name(self.raw)


@dataclass(frozen=True)
class DrumInstrument:
    """One of the 30 instruments of a drum kit (§4.3; field meanings [C1]).

    Tune, level and decay are read as signed bytes. The sign of level and decay is open
    in §9 item 8; the factory kits hold values such as 0xDF next to 0x63 and 0x9D, which
    only make sense as -33, +99 and -99 (the -99..+99 range of §4.1).
    """

    sound: int
    key: int
    pan: int
    tune: int
    level: int
    decay: int


@dataclass(frozen=True)
class GlobalData:
    """The 861-byte global record: global settings and four drum kits (§4.3)."""

    raw: bytes

    def __post_init__(self) -> None:
        check_raw(self.raw, GLOBAL_SIZE, "the global data")

    @property
    def master_tune(self) -> int:
        """Master tune in cents (signed)."""
        return signed(self.raw[0])

    @property
    def key_transpose(self) -> int:
        """Key transpose in semitones (signed)."""
        return signed(self.raw[1])

    @property
    def damper_polarity(self) -> int:
        """Damper pedal polarity (0 or 1)."""
        return self.raw[2]

    @property
    def pedal_assign(self) -> tuple[int, int]:
        """Functions of assignable pedal/switch 1 and 2 (0-9)."""
        return self.raw[3], self.raw[4]

    @property
    def scale_type(self) -> int:
        """Scale type: 0 equal, 1 equal 2, 2 pure major, 3 pure minor, 4 user."""
        return self.raw[5]

    @property
    def pure_key(self) -> int:
        """Key of the pure scales, 0 = C ... 11 = B."""
        return self.raw[6]

    @property
    def user_scale(self) -> tuple[int, ...]:
        """User scale offsets for C ... B in cents (signed)."""
        return tuple(signed(v) for v in self.raw[7:19])

    def drum_kit(self, kit: int) -> tuple[DrumInstrument, ...]:
        """The 30 instruments of drum kit `kit` (0-3)."""
        if not 0 <= kit < DRUM_KITS:
            raise BuildError(f"drum kit {kit} does not exist (0-{DRUM_KITS - 1}).")
        base = GLOBAL_HEADER_SIZE + KIT_SIZE * kit
        kits = []
        for i in range(DRUM_INSTRUMENTS):
            b = self.raw[base + DRUM_INSTRUMENT_SIZE * i : base + DRUM_INSTRUMENT_SIZE * (i + 1)]
            kits.append(DrumInstrument(b[0], b[1], b[2], signed(b[3]), signed(b[4]), signed(b[5])))
        return tuple(kits)


@dataclass(frozen=True)
class SequenceData:
    """The sequencer block: 1522 fixed bytes plus 4 bytes per event (§3.5, §3.6)."""

    raw: bytes

    def __post_init__(self) -> None:
        extra = len(self.raw) - SEQUENCE_FIXED_SIZE
        if extra < 0 or extra % SEQUENCE_EVENT_SIZE:
            raise BuildError(
                f"sequence data must be {SEQUENCE_FIXED_SIZE} + 4 x events bytes, "
                f"got {len(self.raw)}."
            )

    @property
    def events(self) -> int:
        """Number of 4-byte sequencer events."""
        return (len(self.raw) - SEQUENCE_FIXED_SIZE) // SEQUENCE_EVENT_SIZE

    @property
    def song_names(self) -> tuple[str, ...]:
        """Names of songs 0-9."""
        names = []
        for song in range(SONGS):
            start = SONG_HEADER_SIZE * song + SONG_NAME_OFFSET
            names.append(decode_name(self.raw[start : start + NAME_LENGTH]))
        return tuple(names)
