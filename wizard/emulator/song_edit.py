"""Edits the front panel makes to the sequencer block: add events to a track, erase a track,
erase a song (structure of m1-sysex.md §3.6).

The block is 10 song headers of 96 bytes (name at +20), 100 two-byte pattern parameters
at 960, 181 little-endian 16-bit offsets at 1160, then N four-byte events at 1522. Offset
i is where region i starts in the event area: regions 0-79 are the tracks of songs 0-9
(song x 8 + track), 80-179 the patterns, and entry 180 is the end, 4N. The real captures
bear this reading out: their first offset is 0 and their last entries equal 4N.

The bit format of an event is unknown (§3.6 `[?]`), so recorded notes use this project's
own four bytes: step, note, velocity, gate. Only the count and the offsets are meant to
be right; that is all a dump's event field and the display's %Free depend on.
"""

from __future__ import annotations

from itertools import pairwise

from wizard.emulator.song_block import EMPTY_SONG, OFFSET_ENTRIES, OFFSETS_OFFSET, TRACKS
from wizard.errors import BuildError
from wizard.m1.constants import NAME_LENGTH, SEQUENCE_EVENT_SIZE, SEQUENCE_FIXED_SIZE
from wizard.m1.records import SONG_HEADER_SIZE, SONG_NAME_OFFSET, SONGS, encode_name

RECORDED_STEP = 48  # made-up event bytes: a quarter note apart at 48 ticks per beat [I]
RECORDED_VELOCITY = 100
RECORDED_GATE = 40
FIRST_NOTE = 60  # middle C; played notes climb an octave and start again


def event_count(block: bytes) -> int:
    """Events in a sequencer block (its length says so, §3.5)."""
    return (len(block) - SEQUENCE_FIXED_SIZE) // SEQUENCE_EVENT_SIZE


def _offsets(block: bytes) -> list[int]:
    table = block[OFFSETS_OFFSET : OFFSETS_OFFSET + 2 * OFFSET_ENTRIES]
    offsets = [int.from_bytes(table[i : i + 2], "little") for i in range(0, len(table), 2)]
    end = SEQUENCE_EVENT_SIZE * event_count(block)
    ascending = all(a <= b for a, b in pairwise(offsets))
    if offsets[0] != 0 or offsets[-1] != end or not ascending:
        raise BuildError(
            "The sequencer memory's offset table does not match its events.",
            "Load a valid sequence dump or erase the sequencer memory.",
        )
    return offsets


def _region(song: int, track: int) -> int:
    if not 0 <= song < SONGS or not 1 <= track <= TRACKS:
        raise BuildError(f"song {song} track {track} does not exist (songs 0-9, tracks 1-8).")
    return song * TRACKS + track - 1


def _replace(block: bytes, first: int, last: int, content: bytes) -> bytes:
    """`block` with the events of regions first..last-1 replaced by `content`, which all
    goes to region `first`; later offsets move by the change in size."""
    offsets = _offsets(block)
    start = SEQUENCE_FIXED_SIZE + offsets[first]
    stop = SEQUENCE_FIXED_SIZE + offsets[last]
    delta = len(content) - (stop - start)
    new = list(offsets)
    for i in range(first + 1, last):
        new[i] = offsets[first] + len(content)
    for i in range(last, OFFSET_ENTRIES):
        new[i] = offsets[i] + delta
    table = b"".join(v.to_bytes(2, "little") for v in new)
    head = block[:OFFSETS_OFFSET] + table
    return head + block[SEQUENCE_FIXED_SIZE:start] + content + block[stop:]


def track_events(block: bytes, song: int, track: int) -> int:
    """Events on track 1-8 of song 0-9."""
    offsets = _offsets(block)
    region = _region(song, track)
    return (offsets[region + 1] - offsets[region]) // SEQUENCE_EVENT_SIZE


def recorded_notes(count: int, already: int = 0) -> bytes:
    """`count` made-up note events, continuing a take that has `already` notes."""
    out = bytearray()
    for i in range(already, already + count):
        note = FIRST_NOTE + i % 12
        out += bytes((RECORDED_STEP, note, RECORDED_VELOCITY, RECORDED_GATE))
    return bytes(out)


def add_events(block: bytes, song: int, track: int, events: bytes) -> bytes:
    """`block` with `events` appended to the end of a track.

    Raises:
        BuildError: The song or track does not exist, or `events` is not whole events.
    """
    if len(events) % SEQUENCE_EVENT_SIZE:
        raise BuildError(f"events come in {SEQUENCE_EVENT_SIZE} bytes, got {len(events)}.")
    region = _region(song, track)
    offsets = _offsets(block)
    start = SEQUENCE_FIXED_SIZE + offsets[region]
    stop = SEQUENCE_FIXED_SIZE + offsets[region + 1]
    return _replace(block, region, region + 1, block[start:stop] + events)


def erase_track(block: bytes, song: int, track: int) -> bytes:
    """`block` without the events of one track; the song keeps its name."""
    region = _region(song, track)
    return _replace(block, region, region + 1, b"")


def erase_song(block: bytes, song: int) -> bytes:
    """`block` without the events of a song's 8 tracks, its header reset and named
    "New Song" like the unused songs of factory data (the other header bytes are not
    documented; they become 0)."""
    first = _region(song, 1)
    erased = _replace(block, first, first + TRACKS, b"")
    header = bytearray(SONG_HEADER_SIZE)
    header[SONG_NAME_OFFSET : SONG_NAME_OFFSET + NAME_LENGTH] = encode_name(EMPTY_SONG)
    at = song * SONG_HEADER_SIZE
    return erased[:at] + bytes(header) + erased[at + SONG_HEADER_SIZE :]
