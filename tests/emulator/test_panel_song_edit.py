"""Sequencer block edits behind the panel's record and erase pages (m1-sysex.md §3.6)."""

from __future__ import annotations

import pytest

from tests.emulator.panel_driver import assert_coherent, offsets, region_events
from wizard.emulator.song_block import SequenceLayout, Song, sequence_block
from wizard.emulator.song_edit import (
    add_events,
    erase_song,
    erase_track,
    recorded_notes,
    track_events,
)
from wizard.errors import BuildError
from wizard.m1.records import SequenceData


def block() -> bytes:
    return sequence_block(
        SequenceLayout(songs=(Song("One", (2, 1)), Song("Two", (0, 0, 3))), pattern_events=(1,))
    )


def test_added_events_land_at_the_end_of_their_track() -> None:
    before = block()
    notes = recorded_notes(2)
    after = add_events(before, 0, 1, notes)
    assert SequenceData(after).events == SequenceData(before).events + 2
    assert region_events(after, 0) == 4
    assert track_events(after, 0, 1) == 4
    start = 1522 + offsets(after)[0]
    assert after[start : start + 8] == before[1522 : 1522 + 8]
    assert after[start + 8 : start + 16] == notes
    assert after[start + 16 :] == before[1522 + 8 :]
    assert_coherent(after)


def test_recorded_notes_are_four_bytes_each_and_continue_a_take() -> None:
    first = recorded_notes(3)
    assert len(first) == 12
    assert recorded_notes(5)[12:] == recorded_notes(2, already=3)
    assert [first[i + 1] for i in range(0, 12, 4)] == [60, 61, 62]


def test_recording_into_an_empty_song_goes_between_its_neighbours() -> None:
    before = block()
    after = add_events(before, 1, 2, recorded_notes(4))
    assert region_events(after, 9) == 4
    assert region_events(after, 10) == 3
    assert region_events(after, 80) == 1
    assert_coherent(after)


def test_erase_song_keeps_patterns_and_renames_the_song() -> None:
    after = erase_song(block(), 1)
    assert SequenceData(after).song_names[:2] == ("One", "New Song")
    assert region_events(after, 10) == 0
    assert region_events(after, 80) == 1
    assert SequenceData(after).events == 4
    assert_coherent(after)


def test_erase_track_keeps_the_name() -> None:
    after = erase_track(block(), 0, 1)
    assert SequenceData(after).song_names[0] == "One"
    assert region_events(after, 0) == 0
    assert region_events(after, 1) == 1
    assert_coherent(after)


def test_tracks_outside_1_to_8_are_refused() -> None:
    with pytest.raises(BuildError) as caught:
        erase_track(block(), 0, 9)
    assert str(caught.value) == "song 0 track 9 does not exist (songs 0-9, tracks 1-8)."


def test_partial_events_are_refused() -> None:
    with pytest.raises(BuildError) as caught:
        add_events(block(), 0, 1, bytes(6))
    assert str(caught.value) == "events come in 4 bytes, got 6."


def test_damaged_offset_table_is_reported() -> None:
    with pytest.raises(BuildError) as caught:
        erase_song(bytes(1522 + 4), 0)
    assert str(caught.value) == (
        "The sequencer memory's offset table does not match its events. "
        "Load a valid sequence dump or erase the sequencer memory."
    )
