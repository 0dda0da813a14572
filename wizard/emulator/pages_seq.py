"""SEQ mode of the emulated front panel: the song page with play and record, the erase-song
and erase-track pages, and what REC, START/STOP and played notes do.

Model (the guide's sequences, plus assumptions where it is silent):
- SEQ opens page 0 (so does "SEQ, 0"): B song 0-9, C track 1-8, F the track's program,
  H tempo; the cursor opens on B. The display shows the song, the track, its program and
  "%Free" = 1 - events / capacity (4400 events at 100/100, 7700 at 50/50), rounded down.
- START/STOP starts the song and stops it again; the emulator has no clock, so a song
  plays until START/STOP (or a mode key) stops it.
- REC puts the sequencer in record standby (REC again leaves it); START/STOP then records
  on the selected song and track. Notes played while recording (`play_notes`) become
  events there; the guide's "REC, play keys until <35%Free" has no START/STOP, so a note
  played in record standby starts the take as well (an assumption). START/STOP or a mode
  key ends the take. The guide leaves out the key that ends a take: it writes "REC,
  START/STOP" and then "H, START/STOP (play track1)", where on this model the first
  START/STOP after recording ends the take and the next one plays.
- Memory protect SEQ refuses recording and erasing with "Memory Protected"; a running
  sequencer refuses REC and erasing with "Sequencer Running". A full memory ends the
  take with "Memory Full". A block whose offset table disagrees with its event count
  (a host can load one) is left alone: recording and erasing show "Seq Data Error".
- Page 3, sub-page 1 erases a song (A selects it); page 4, sub-page 2 erases a track of
  the current song (A selects it); both ask "Are you sure?" on the first G.
- Track programs and the tempo are kept by the panel only (their bytes in the song
  header are not documented); other pages are plain.
"""

from __future__ import annotations

from wizard.emulator.pages import (
    COMPLETED,
    MEMORY_PROTECTED,
    JobResult,
    Page,
    PageFactory,
    clamped,
    plain,
)
from wizard.emulator.song_block import TRACKS
from wizard.emulator.song_edit import (
    add_events,
    erase_song,
    erase_track,
    event_count,
    recorded_notes,
)
from wizard.emulator.state import M1State
from wizard.errors import BuildError
from wizard.m1.panel_keys import Key
from wizard.m1.records import SONGS, SequenceData

SEQ_RUNNING = "Sequencer Running"
MEMORY_FULL = "Memory Full"
SEQ_DATA_ERROR = "Seq Data Error"  # the block's offsets disagree with its events
DEFAULT_TEMPO = 120
TEMPO_RANGE = (40, 240)  # [I]
RECORD_START_MEASURE = 2  # the guide: recording begins at measure M002


class SequencerSession:
    """What the sequencer keys act on, kept across SEQ pages: track, track programs,
    tempo and record standby."""

    def __init__(self, state: M1State) -> None:
        self.state = state
        self.track = 1
        self.tempo = DEFAULT_TEMPO
        self.armed = False
        self.take_notes = 0
        self._programs: dict[tuple[int, int], int] = {}

    @property
    def program(self) -> int:
        """The program of the selected song's selected track."""
        return self._programs.get((self.state.song_number, self.track), 0)

    @program.setter
    def program(self, number: int) -> None:
        self._programs[(self.state.song_number, self.track)] = number

    def free_percent(self) -> int:
        """Free sequencer memory in whole percent, rounded down, as the display shows it."""
        capacity = self.state.memory.allocation.max_events
        used = event_count(self.state.memory.sequence)
        return max(0, (capacity - used) * 100 // capacity)

    def status(self) -> str:
        """Stop, Play, RecWait (record standby) or Rec."""
        if self.state.recording:
            return "Rec"
        if self.state.sequencer_running:
            return "Play"
        return "RecWait" if self.armed else "Stop"

    def rec(self) -> str:
        """The REC key: enter or leave record standby; returns a message or ""."""
        if self.state.sequencer_running:
            return SEQ_RUNNING
        if self.state.protect_sequence:
            self.armed = False
            return MEMORY_PROTECTED
        self.armed = not self.armed
        return ""

    def start_stop(self) -> str:
        """The START/STOP key: stop what runs, else record (in standby) or play."""
        if self.state.sequencer_running:
            self.stop()
            return ""
        if self.armed:
            return self._start_take()
        self.state.sequencer_running = True
        return ""

    def _start_take(self) -> str:
        self.armed = False
        if self.state.protect_sequence:
            return MEMORY_PROTECTED
        self.state.recording = True
        self.state.sequencer_running = True
        self.take_notes = 0
        return ""

    def stop(self) -> None:
        """Stop playing or recording and leave record standby."""
        self.state.sequencer_running = False
        self.state.recording = False
        self.armed = False

    def play_notes(self, count: int) -> tuple[int, str]:
        """Notes played on the keyboard: recorded as events while recording.

        Returns:
            The events recorded, and a message for the display ("" or "Memory Full").
        """
        if count < 0:
            raise BuildError(f"cannot play {count} notes.", "Play zero or more notes.")
        if self.armed and not self.state.sequencer_running:
            message = self._start_take()
            if message:
                return 0, message
        if not self.state.recording:
            return 0, ""
        memory = self.state.memory
        room = memory.allocation.max_events - event_count(memory.sequence)
        recorded = max(0, min(count, room))
        events = recorded_notes(recorded, self.take_notes)
        try:
            memory.sequence = add_events(
                memory.sequence, self.state.song_number, self.track, events
            )
        except BuildError:
            self.stop()
            return 0, SEQ_DATA_ERROR
        self.take_notes += recorded
        if recorded < count:
            self.stop()
            return recorded, MEMORY_FULL
        return recorded, ""


def song_name(state: M1State, song: int) -> str:
    """A song's name from the sequencer block (§3.6)."""
    return SequenceData(state.memory.sequence).song_names[song]


class SongPage(Page):
    """Page 0: song on B, track on C, the track's program on F, tempo on H."""

    fields = (Key.B, Key.C, Key.F, Key.H)

    def __init__(self, session: SequencerSession) -> None:
        super().__init__(session.state)
        self.session = session

    def lines(self) -> tuple[str, str]:
        s = self.session
        song = self.state.song_number
        measure = RECORD_START_MEASURE if self.state.recording else 1
        return (
            f"Song{song}:{song_name(self.state, song):<10} Track{s.track}  Prog{s.program:02d}",
            f"{s.status():<7} M{measure:03d}  Tempo{s.tempo:3d}  {s.free_percent():3d}%Free",
        )

    def change(self, field: Key, delta: int) -> str:
        s = self.session
        match field:
            case Key.B:
                self.state.song_number = clamped(self.state.song_number, delta, 0, SONGS - 1)
            case Key.C:
                s.track = clamped(s.track, delta, 1, TRACKS)
            case Key.F:
                last = self.state.memory.allocation.count - 1
                s.program = clamped(s.program, delta, 0, last)
            case _:
                s.tempo = clamped(s.tempo, delta, *TEMPO_RANGE)
        return ""


def _erase_refusal(state: M1State) -> str:
    if state.sequencer_running:
        return SEQ_RUNNING
    return MEMORY_PROTECTED if state.protect_sequence else ""


class EraseSongPage(Page):
    """Page 3, sub-page 1: erase the song chosen on A."""

    fields = (Key.A,)
    executes = True
    confirms = True

    def __init__(self, session: SequencerSession) -> None:
        super().__init__(session.state)
        self.song = session.state.song_number

    def lines(self) -> tuple[str, str]:
        return "Seq 3  Erase Song", f"Song{self.song}:{song_name(self.state, self.song)}"

    def change(self, field: Key, delta: int) -> str:
        self.song = clamped(self.song, delta, 0, SONGS - 1)
        return ""

    def refusal(self) -> str:
        return _erase_refusal(self.state)

    def execute(self) -> JobResult:
        memory = self.state.memory
        try:
            memory.sequence = erase_song(memory.sequence, self.song)
        except BuildError:
            return JobResult(SEQ_DATA_ERROR)
        return JobResult(COMPLETED)


class EraseTrackPage(Page):
    """Page 4, sub-page 2: erase the track chosen on A of the current song."""

    fields = (Key.A,)
    executes = True
    confirms = True

    def __init__(self, session: SequencerSession) -> None:
        super().__init__(session.state)
        self.track = session.track

    def lines(self) -> tuple[str, str]:
        song = self.state.song_number
        name = song_name(self.state, song)
        return "Seq 4  Erase Track", f"Song{song}:{name:<10} Track{self.track}"

    def change(self, field: Key, delta: int) -> str:
        self.track = clamped(self.track, delta, 1, TRACKS)
        return ""

    def refusal(self) -> str:
        return _erase_refusal(self.state)

    def execute(self) -> JobResult:
        memory = self.state.memory
        try:
            memory.sequence = erase_track(memory.sequence, self.state.song_number, self.track)
        except BuildError:
            return JobResult(SEQ_DATA_ERROR)
        return JobResult(COMPLETED)


def seq_pages(session: SequencerSession) -> dict[int, tuple[PageFactory, ...]]:
    """SEQ pages by number key, each a tuple of sub-pages in "+" order."""
    pages: dict[int, tuple[PageFactory, ...]] = {n: (plain(f"Seq {n}"),) for n in range(10)}
    pages[0] = (lambda _state: SongPage(session),)
    pages[3] = (plain("Seq 3-1"), lambda _state: EraseSongPage(session))
    pages[4] = (plain("Seq 4-1"), plain("Seq 4-2"), lambda _state: EraseTrackPage(session))
    return pages
