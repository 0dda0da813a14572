"""The emulated front panel in SEQ mode: playing, recording, erasing songs and tracks, the
%Free display, and the guide's sequencer memory reset trick."""

from __future__ import annotations

import re

import pytest

from tests.emulator.panel_driver import assert_coherent, drive, offsets, region_events
from tests.shared import shared_capture
from wizard.emulator.panel import EmulatedPanel
from wizard.emulator.song_block import SequenceLayout, Song, sequence_block
from wizard.emulator.state import M1State, Memory
from wizard.m1.constants import Allocation, Mode
from wizard.m1.messages import SequenceDump
from wizard.m1.panel_keys import Key
from wizard.m1.parse import parse
from wizard.m1.records import SequenceData

EVENTS_AT = 1522  # §3.6: the event area follows the fixed part


def free_percent(events: int, capacity: int = 4400) -> int:
    return (capacity - events) * 100 // capacity


def shown_free(panel: EmulatedPanel) -> int:
    match = re.search(r"(\d+)%Free", panel.display[1])
    assert match, panel.display
    return int(match.group(1))


def demo_block() -> bytes:
    return sequence_block(
        SequenceLayout(
            songs=(
                Song("Alpha", (3, 2, 0, 0, 0, 0, 0, 1)),
                Song("Beta", (4,)),
                Song("Gamma", (2, 0, 5)),
            ),
            pattern_events=(6,),
            seed=7,
        )
    )


def seq_state(block: bytes, protected: bool = False) -> M1State:
    return M1State(
        mode=Mode.SEQUENCER,
        protect_program=protected,
        protect_combination=protected,
        protect_sequence=protected,
        memory=Memory(sequence=block),
    )


def events_of(block: bytes, region: int) -> bytes:
    table = offsets(block)
    return block[EVENTS_AT + table[region] : EVENTS_AT + table[region + 1]]


def test_seq_shows_song_track_and_free_memory() -> None:
    block = demo_block()
    free = free_percent(SequenceData(block).events)
    panel = EmulatedPanel(seq_state(block))
    drive(panel, "SEQ")
    assert panel.display == (
        "Song0:Alpha      Track1  Prog00".ljust(40),
        f"Stop    M001  Tempo120  {free:3d}%Free".ljust(40),
    )
    assert panel.cursor is Key.B


@pytest.mark.fixtures
def test_seq_display_with_the_factory_songs() -> None:
    dump = parse(shared_capture("ORIGSEQS.SYX"))
    assert isinstance(dump, SequenceDump)
    block = dump.sequence.raw
    panel = EmulatedPanel(seq_state(block))
    drive(panel, "SEQ")
    free = free_percent(dump.sequence.events)
    assert panel.display == (
        "Song0:Oh Yes!1   Track1  Prog00".ljust(40),
        f"Stop    M001  Tempo120  {free:3d}%Free".ljust(40),
    )


def test_play_a_song_until_start_stop() -> None:
    state = seq_state(demo_block())
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, B, UP/DOWN (select song0-9 to play), START/STOP.", ("UP", 2))
    assert state.song_number == 2
    assert state.sequencer_running
    assert not state.recording
    assert panel.display[0] == "Song2:Gamma      Track1  Prog00".ljust(40)
    assert panel.display[1].startswith("Play    M001")
    drive(panel, "START/STOP")
    assert not state.sequencer_running


def test_a_mode_key_stops_the_sequencer() -> None:
    state = seq_state(demo_block())
    panel = EmulatedPanel(state)
    drive(panel, "START/STOP, PROG")
    assert not state.sequencer_running


def test_track_for_an_external_sequencer() -> None:
    panel = EmulatedPanel(seq_state(demo_block()))
    drive(panel, "SEQ, C, UP/DOWN (select track/channel1-8).", ("UP", 2))
    assert panel.display[0] == "Song0:Alpha      Track3  Prog00".ljust(40)
    drive(panel, "UP, UP, UP, UP, UP, UP, UP")
    assert panel.display[0] == "Song0:Alpha      Track8  Prog00".ljust(40)


def test_erase_a_song() -> None:
    block = demo_block()
    state = seq_state(block)
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, 3, +")
    assert panel.display == ("Seq 3  Erase Song".ljust(40), "Song0:Alpha".ljust(40))
    drive(panel, "UP/DOWN (select song0-9 to erase), G", ("UP", 1))
    assert panel.display == ("Seq 3  Erase Song".ljust(40), "Are you sure?".ljust(40))
    drive(panel, "G")
    assert panel.display == ("Seq 3  Erase Song".ljust(40), "Completed".ljust(40))
    after = state.memory.sequence
    beta_events = sum(region_events(block, 8 + t) for t in range(8))
    assert beta_events == 4
    assert SequenceData(after).events == SequenceData(block).events - beta_events
    assert SequenceData(after).song_names[:3] == ("Alpha", "New Song", "Gamma")
    assert_coherent(after)
    assert all(region_events(after, 8 + t) == 0 for t in range(8))
    for region in (*range(8), *range(16, 24), 80):  # songs 0 and 2, pattern 0
        assert events_of(after, region) == events_of(block, region)


@pytest.mark.fixtures
def test_erase_a_factory_song() -> None:
    dump = parse(shared_capture("ORIGSEQS.SYX"))
    assert isinstance(dump, SequenceDump)
    block = dump.sequence.raw
    state = seq_state(block)
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, 3, +, UP/DOWN (select song0-9 to erase), G, G.", ("DOWN", 1))
    after = state.memory.sequence
    song0_bytes = offsets(block)[8]
    assert SequenceData(after).events == dump.sequence.events - song0_bytes // 4
    assert SequenceData(after).song_names[:2] == ("New Song", "Out There")
    assert after[EVENTS_AT:] == block[EVENTS_AT + song0_bytes :]
    assert_coherent(after)


def test_erase_a_track() -> None:
    block = demo_block()
    state = seq_state(block)
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, 4, +, +, UP/DOWN (select track), G", ("UP", 1))
    assert panel.display == (
        "Seq 4  Erase Track".ljust(40),
        "Are you sure?".ljust(40),
    )
    drive(panel, "A")  # cancels; the page shows the choice again
    assert panel.display[1] == "Song0:Alpha      Track2".ljust(40)
    drive(panel, "G, G")
    after = state.memory.sequence
    assert region_events(after, 1) == 0
    assert SequenceData(after).events == SequenceData(block).events - 2
    assert SequenceData(after).song_names[0] == "Alpha"
    assert_coherent(after)
    for region in (0, 7, 8, 16, 18, 80):
        assert events_of(after, region) == events_of(block, region)


@pytest.mark.parametrize("sequence", ["SEQ, 3, +, G, G", "SEQ, 4, +, +, G, G"])
def test_protect_refuses_erasing(sequence: str) -> None:
    block = demo_block()
    state = seq_state(block, protected=True)
    panel = EmulatedPanel(state)
    drive(panel, sequence)
    assert panel.display[1] == "Memory Protected".ljust(40)
    assert state.memory.sequence == block


def test_protect_refuses_recording() -> None:
    block = demo_block()
    state = seq_state(block, protected=True)
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, REC")
    assert panel.display[1] == "Memory Protected".ljust(40)
    drive(panel, "START/STOP")  # plays: REC was refused
    assert state.sequencer_running
    assert not state.recording
    assert panel.play_notes(10) == 0
    assert state.memory.sequence == block


def test_rec_refused_while_playing() -> None:
    state = seq_state(demo_block())
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, START/STOP, REC")
    assert panel.display[1] == "Sequencer Running".ljust(40)


def test_two_track_recording() -> None:
    state = seq_state(sequence_block(SequenceLayout()))
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, 0, B, UP/DOWN (select song0-9 to record).", ("UP", 1))
    drive(panel, "C, UP/DOWN (select track1 to record).", ("DOWN", 1))
    drive(panel, "F, UP/DOWN (select internal program00-99 to record on track1).", ("UP", 5))
    drive(panel, "REC")
    assert panel.display[1].startswith("RecWait M001")
    drive(panel, "START/STOP (begin at measure M002).")
    assert state.recording
    assert state.sequencer_running
    assert panel.display == (
        "Song1:New Song   Track1  Prog05".ljust(40),
        "Rec     M002  Tempo120  100%Free".ljust(40),
    )
    assert panel.play_notes(30) == 30
    drive(panel, "START/STOP")  # the guide does not write the key that ends the take
    assert not state.recording
    drive(panel, "H, START/STOP (play track1).")
    assert state.sequencer_running
    assert not state.recording
    drive(panel, "START/STOP")  # no clock here: the song plays until stopped
    drive(panel, "C, UP/DOWN (select track2 to record).", ("UP", 1))
    drive(panel, "F, UP/DOWN (select internal program00-99 to record on track2).", ("UP", 7))
    drive(panel, "REC, START/STOP (begin at measure M002).")
    assert panel.play_notes(25) == 25
    drive(panel, "START/STOP")
    drive(panel, "H, START/STOP (play track1-2).")
    assert state.sequencer_running

    block = state.memory.sequence
    events = SequenceData(block).events
    assert events == 55
    assert region_events(block, 8) == 30  # song 1, track 1
    assert region_events(block, 9) == 25  # song 1, track 2
    assert_coherent(block)
    assert panel.display == (
        "Song1:New Song   Track2  Prog07".ljust(40),
        f"Play    M001  Tempo120  {free_percent(events):3d}%Free".ljust(40),
    )
    # The dump's event field (§3.5: low 7 bits first) agrees with the count.
    dump = SequenceDump(1, sequence=SequenceData(block)).to_bytes()
    assert dump[4] == 0x48
    assert dump[6] + 128 * dump[7] == events
    drive(panel, "C, DOWN")
    assert panel.display[0] == "Song1:New Song   Track1  Prog05".ljust(40)


def test_recording_stops_when_memory_is_full() -> None:
    state = seq_state(bytes(1522))
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, REC, START/STOP")
    assert panel.play_notes(5000) == 4400
    assert not state.recording
    assert panel.display[1] == "Memory Full".ljust(40)
    drive(panel, "B")
    assert shown_free(panel) == 0


def test_sequencer_memory_reset_trick() -> None:
    block = sequence_block(SequenceLayout(songs=(Song("Demo", (600, 400)),)))
    state = seq_state(block)
    state.mode = Mode.PROGRAM
    panel = EmulatedPanel(state)
    # 1. Set Memory Allocation to 50prog/50combi/7700seq.
    drive(panel, "GLOBAL, 6, +, +, +, UP, G.")
    assert state.memory.allocation is Allocation.P50_C50
    # 2. Check sequencer memory: SEQ. If >35%Free: REC, play keys until <35%Free.
    drive(panel, "SEQ")
    assert shown_free(panel) == free_percent(1000, 7700)
    drive(panel, "REC")
    while shown_free(panel) >= 35:
        assert panel.play_notes(250) == 250
    assert state.recording
    # 3. Set Memory Allocation to 100prog/100combi/4400seq.
    drive(panel, "GLOBAL, 6, +, +, +, DOWN, G.")
    assert not state.recording
    assert state.memory.allocation is Allocation.P100_C100
    # 4. Check sequencer memory: SEQ. Should be 100%Free.
    drive(panel, "SEQ")
    assert shown_free(panel) == 100
    assert SequenceData(state.memory.sequence).events == 0
    assert SequenceData(state.memory.sequence).song_names[0] == "New Song"


def test_allocation_back_to_100_keeps_songs_that_fit() -> None:
    block = sequence_block(SequenceLayout(songs=(Song("Keep", (100,)),)))
    state = seq_state(block)
    panel = EmulatedPanel(state)
    drive(panel, "GLOBAL, 6, +, +, +, UP, G, DOWN, G")
    assert state.memory.allocation is Allocation.P100_C100
    assert state.memory.sequence == block


def inconsistent_block() -> bytes:
    """Two events, but an offset table that says there are none (a host could load it)."""
    return bytes(1522) + bytes(8)


@pytest.mark.parametrize("sequence", ["SEQ, 3, +, G, G", "SEQ, 4, +, +, G, G"])
def test_erasing_a_damaged_block_leaves_it_alone(sequence: str) -> None:
    state = seq_state(inconsistent_block())
    panel = EmulatedPanel(state)
    drive(panel, sequence)
    assert panel.display[1] == "Seq Data Error".ljust(40)
    assert state.memory.sequence == inconsistent_block()


def test_recording_into_a_damaged_block_stops() -> None:
    state = seq_state(inconsistent_block())
    panel = EmulatedPanel(state)
    drive(panel, "SEQ, REC, START/STOP")
    assert panel.play_notes(3) == 0
    assert not state.recording
    assert panel.display[1] == "Seq Data Error".ljust(40)
    assert state.memory.sequence == inconsistent_block()
