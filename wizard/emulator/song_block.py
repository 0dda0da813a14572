"""Builder of synthetic sequencer blocks with the structure of m1-sysex.md §3.6: ten song
headers, 100 pattern parameters, 181 event offsets and the events themselves.

The bit format of an event is unknown (§3.6 `[?]`); the emulator's events are four bytes
read as step, note, velocity and gate, which is enough to give the block real size and
shape without claiming to be playable M1 data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.emulator.voices import Dice
from wizard.m1.constants import NAME_LENGTH, SEQUENCE_EVENT_SIZE, SEQUENCE_FIXED_SIZE
from wizard.m1.records import SONG_HEADER_SIZE, SONG_NAME_OFFSET, SONGS, encode_name

TRACKS = 8
PATTERNS = 100
PATTERN_PARAMS_OFFSET = 960  # §3.6
PATTERN_PARAM_SIZE = 2
OFFSETS_OFFSET = 1160  # §3.6: 181 little-endian 16-bit offsets
OFFSET_ENTRIES = SONGS * TRACKS + PATTERNS + 1  # last entry marks the end, 4N
EMPTY_SONG = "New Song"  # the name unused songs carry in factory data (§3.6)


@dataclass(frozen=True)
class Song:
    """One song: its name and how many events each of its 8 tracks holds."""

    name: str = EMPTY_SONG
    track_events: tuple[int, ...] = (0,) * TRACKS


@dataclass(frozen=True)
class SequenceLayout:
    """The songs and patterns of a sequencer block; missing songs are empty."""

    songs: tuple[Song, ...] = ()
    pattern_events: tuple[int, ...] = field(default=())
    seed: int = 0


def _events(count: int, dice: Dice) -> bytes:
    out = bytearray()
    for _ in range(count):
        out += bytes((dice.roll(0, 96), dice.roll(36, 96), dice.roll(40, 127), dice.roll(6, 96)))
    return bytes(out)


def sequence_block(layout: SequenceLayout) -> bytes:
    """The raw sequencer block, 1522 + 4 x N bytes (§3.5, §3.6)."""
    if len(layout.songs) > SONGS or len(layout.pattern_events) > PATTERNS:
        raise ValueError(f"a sequencer block has {SONGS} songs and {PATTERNS} patterns")
    songs = layout.songs + tuple(Song() for _ in range(SONGS - len(layout.songs)))
    headers = bytearray()
    counts: list[int] = []
    for song in songs:
        header = bytearray(SONG_HEADER_SIZE)
        header[SONG_NAME_OFFSET : SONG_NAME_OFFSET + NAME_LENGTH] = encode_name(song.name)
        headers += header
        counts += list(song.track_events) + [0] * (TRACKS - len(song.track_events))
    patterns = list(layout.pattern_events) + [0] * (PATTERNS - len(layout.pattern_events))
    counts += patterns
    pattern_params = bytearray()
    for events in patterns:
        # One bar of 4/4 for a used pattern; the byte meanings are not documented.
        pattern_params += bytes((1, 4)) if events else bytes(PATTERN_PARAM_SIZE)
    offsets = bytearray()
    position = 0
    for events in counts:
        offsets += position.to_bytes(2, "little")
        position += SEQUENCE_EVENT_SIZE * events
    offsets += position.to_bytes(2, "little")
    dice = Dice(layout.seed)
    body = _events(sum(counts), dice)
    raw = bytes(headers + pattern_params + offsets) + body
    assert len(headers) == PATTERN_PARAMS_OFFSET
    assert len(headers) + len(pattern_params) == OFFSETS_OFFSET
    assert len(raw) == SEQUENCE_FIXED_SIZE + len(body)
    return raw


def event_offsets(raw: bytes) -> tuple[int, ...]:
    """The 181 offsets of a sequencer block, as numbers (§3.6)."""
    table = raw[OFFSETS_OFFSET : OFFSETS_OFFSET + 2 * OFFSET_ENTRIES]
    return tuple(int.from_bytes(table[i : i + 2], "little") for i in range(0, len(table), 2))
