"""A reader for Standard MIDI Files that keeps only their system-exclusive messages.

Handles MThd/MTrk chunks, variable-length quantities, running status, meta events, F0
sysex events (F0 implied by the event, length-prefixed) and F7 events: continuation packets
of a sysex split over several events, or escapes carrying raw MIDI bytes.

Why not mido, which the project depends on anyway: `mido.MidiFile(file=io.BytesIO(data))`
(mido 1.3.3) was tried against what this reader promises and fails it in these ways. Each
is pinned by a test marked `mido_shortcoming` in tests/m1/test_smf.py, which fails once
mido changes; `uv run python -m benchmarks.bench_smf_mido` measures the last two points.

- F7 continuation packets cannot be joined. F0 and F7 events both become `sysex` messages,
  with a leading F0 and a trailing F7 stripped, so one message in two packets
  (`F0 03 42 30 19`, `F7 02 12 F7`) reads the same as two messages (`F0 04 42 30 19 F7`,
  `F0 02 12 F7`).
- One byte over 7F in a sysex or F7 event raises ValueError for the whole file: a dump
  damaged in one byte (`F0 05 42 30 99 12 F7`), or an escape carrying a realtime byte
  (`F7 01 FA`). Here the first is kept and its damage named; the second is ignored.
- Damage anywhere loses every message: the constructor raises and keeps no track, so the
  messages before a track cut short (EOFError), an unknown chunk (OSError), a malformed
  meta event (`FF 59 02 10 00` KeySignatureError, `FF 51 01 07` IndexError) or a header
  announcing more tracks than there are (EOFError) are gone; this reader lists them and
  names the damage and its byte. Mapping the errors needs a bare `except Exception` and
  still gives nothing back. Of 3000 mutated copies of the fuzz corpus's MIDI files mido
  rejected 2910, among them 1283 in which this reader still found a complete message.
- Some losses are silent: tracks past the header's count are never read (a header saying
  1 before two tracks drops the second one's messages), a count of 8000H or more is read
  as negative (no track at all), and bytes after the last chunk go unmentioned.
- Messages carry no file position, and none can be worked back: a delta time may be
  written in more bytes than needed (`80 80 00` for 0) and mido reads the same messages,
  so "Message 1 at byte 23" could not be said.
- A sysex event does not end running status: a stray data byte after one (`03 02 12 F7`)
  is read as another F0 event instead of being reported as damage.
- Lengths are unbounded. A delta time of n FF bytes costs about n squared: 160 000 bytes
  took 2.9 s and 320 000 took 14 s, so a file within the 4 MiB limit could hold the app
  for over half an hour (here: 4 bytes at most, damage reported at once). A sysex is read
  one byte a call into a list: 1 s and 24 MB at peak for 1 MB (here: under a millisecond).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wizard.m1.constants import SYSEX_END, SYSEX_START
from wizard.m1.report import Problem, error, warning
from wizard.m1.sysex_scan import Span

HEADER_ID = b"MThd"
TRACK_ID = b"MTrk"
CHUNK_HEADER = 8
MIN_HEADER_LENGTH = 6
META = 0xFF
END_OF_TRACK = 0x2F
_VLQ_MAX_BYTES = 4
# Data bytes after a channel status byte 8n-En; Cn and Dn carry one, the others two.
_DATA_BYTES = {0x8: 2, 0x9: 2, 0xA: 2, 0xB: 2, 0xC: 1, 0xD: 1, 0xE: 2}
DAMAGED_NEXT = "Use another copy of the file; the messages before the damage are listed."


@dataclass(frozen=True)
class SmfContents:
    """What a Standard MIDI File holds, as far as m1-wizard cares.

    Attributes:
        format: SMF format 0, 1 or 2 (None when the header is unreadable).
        tracks: MTrk chunks read.
        spans: The sysex messages in file order (continuation packets joined).
        other_events: Notes, controllers and other channel or escaped MIDI events (ignored).
        problems: Damage found in the file structure, and harmless oddities.
    """

    format: int | None
    tracks: int
    spans: tuple[Span, ...]
    other_events: int
    problems: tuple[Problem, ...]


class _Damage(Exception):
    """Raised inside the track reader; becomes an error Problem at the track level."""

    def __init__(self, offset: int, reason: str, overrun: bool = False) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason
        self.overrun = overrun  # an event runs past the track's end


@dataclass
class _Track:
    """Reading state of one track."""

    data: bytes
    pos: int
    end: int
    number: int
    spans: list[Span] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    other_events: int = 0
    running: int | None = None
    pending: bytearray | None = None
    pending_offset: int = 0

    def byte(self) -> int:
        if self.pos >= self.end:
            raise _Damage(self.pos, "the track ends in the middle of an event", overrun=True)
        value = self.data[self.pos]
        self.pos += 1
        return value

    def quantity(self) -> int:
        value = 0
        for _ in range(_VLQ_MAX_BYTES):
            b = self.byte()
            value = (value << 7) | (b & 0x7F)
            if b < 0x80:
                return value
        raise _Damage(self.pos, "a length or time value is longer than 4 bytes")

    def block(self, sysex_offset: int | None = None) -> bytes:
        """A length-prefixed block; a sysex cut by the track's end is kept as unterminated."""
        length = self.quantity()
        if self.pos + length > self.end:
            if sysex_offset is not None:
                rest = self.data[self.pos : self.end].rstrip(bytes((SYSEX_END,)))
                if self.pending is None:
                    self.pending, self.pending_offset = bytearray((SYSEX_START,)), sysex_offset
                self.pending += rest
            raise _Damage(
                self.pos, f"an event claims {length} bytes but the track ends sooner", True
            )
        chunk = self.data[self.pos : self.pos + length]
        self.pos += length
        return chunk

    def close_pending(self) -> None:
        """Keep an unfinished sysex as an unterminated span."""
        if self.pending is not None:
            self.spans.append(Span(self.pending_offset, bytes(self.pending), False))
            self.pending = None

    def add_sysex(self, offset: int, body: bytes) -> None:
        """Start a sysex whose bytes after F0 are `body`."""
        self.close_pending()
        message = bytes((SYSEX_START,)) + body
        if body.endswith(bytes((SYSEX_END,))):
            self.spans.append(Span(offset, message, True))
        else:
            self.pending, self.pending_offset = bytearray(message), offset

    def add_f7_event(self, offset: int, body: bytes) -> None:
        """A continuation packet when a sysex is open, else an escape with raw MIDI bytes."""
        if self.pending is not None:
            self.pending += body
            if body.endswith(bytes((SYSEX_END,))):
                self.spans.append(Span(self.pending_offset, bytes(self.pending), True))
                self.pending = None
        elif body[:1] == bytes((SYSEX_START,)):
            self.add_sysex(offset, body[1:])
        elif body:
            self.other_events += 1

    def channel_event(self, status: int, first_data: int | None) -> None:
        # On the wire a channel status byte ends any sysex still open.
        self.close_pending()
        needed = _DATA_BYTES[status >> 4]
        values = [] if first_data is None else [first_data]
        while len(values) < needed:
            values.append(self.byte())
        if any(v > 0x7F for v in values):
            raise _Damage(self.pos - 1, "a note or controller event has a status byte as data")
        self.other_events += 1

    def event(self) -> bool:
        """Read one event; False after End of Track."""
        self.quantity()  # delta time: timing does not matter for a dump
        offset = self.pos
        status = self.byte()
        if status == META:
            kind = self.byte()
            self.block()
            self.running = None
            return kind != END_OF_TRACK
        if status == SYSEX_START:
            self.running = None
            self.close_pending()
            self.add_sysex(offset, self.block(offset))
        elif status == SYSEX_END:
            self.running = None
            self.add_f7_event(offset, self.block(offset if self.pending is not None else None))
        elif 0x80 <= status < 0xF0:
            self.running = status
            self.channel_event(status, None)
        elif status < 0x80:
            if self.running is None:
                raise _Damage(offset, "a data byte comes where an event should start")
            self.channel_event(self.running, status)
        else:
            raise _Damage(offset, f"byte {status:02X} cannot start an event in a MIDI file")
        return True

    def read(self, cut_short: bool) -> None:
        """Read events until End of Track, the chunk's end, or damage.

        Args:
            cut_short: The file ends inside this track; an event running past the end is
                then reported by the caller as a cut-short file, not here.
        """
        try:
            while self.pos < self.end and self.event():
                pass
        except _Damage as damage:
            if damage.overrun and cut_short:
                self.close_pending()
                return
            self.problems.append(
                error(
                    f"The MIDI file is damaged in track {self.number} at byte "
                    f"{damage.offset}: {damage.reason}.",
                    DAMAGED_NEXT,
                    offset=damage.offset,
                )
            )
        self.close_pending()


def _be(data: bytes) -> int:
    return int.from_bytes(data, "big")


def read_smf(data: bytes, base: int = 0) -> SmfContents:
    """Read the sysex messages of a Standard MIDI File.

    Never raises: damage becomes an error Problem, and reading stops at the damaged track.

    Args:
        data: The whole file, starting with "MThd" at `base`.
        base: Where the SMF starts (after a recognised header); offsets stay file positions.
    """
    size = len(data)
    if size < base + CHUNK_HEADER + MIN_HEADER_LENGTH:
        problem = error(
            "The MIDI file's header is cut short.", "Use a complete copy of the file.", base
        )
        return SmfContents(None, 0, (), 0, (problem,))
    header_length = _be(data[base + 4 : base + 8])
    if header_length < MIN_HEADER_LENGTH or base + CHUNK_HEADER + header_length > size:
        problem = error(
            f"The MIDI file's header is damaged (it claims {header_length} bytes).",
            "Use another copy of the file.",
            base,
        )
        return SmfContents(None, 0, (), 0, (problem,))
    smf_format = _be(data[base + 8 : base + 10])
    declared_tracks = _be(data[base + 10 : base + 12])
    spans: list[Span] = []
    problems: list[Problem] = []
    other_events = 0
    tracks = 0
    pos = base + CHUNK_HEADER + header_length
    while pos + CHUNK_HEADER <= size:
        chunk_id = data[pos : pos + 4]
        length = _be(data[pos + 4 : pos + CHUNK_HEADER])
        if not all(0x20 <= b < 0x7F for b in chunk_id):
            break  # not a chunk: whatever follows the last chunk is reported as junk below
        start = pos + CHUNK_HEADER
        end = min(start + length, size)
        if chunk_id == TRACK_ID:
            tracks += 1
            track = _Track(data, start, end, tracks)
            track.read(cut_short=start + length > size)
            spans += track.spans
            problems += track.problems
            other_events += track.other_events
            if start + length > size:
                problems.append(
                    error(
                        f"The MIDI file is cut short: track {tracks} needs "
                        f"{start + length - size} more bytes than the file has.",
                        "Use a complete copy of the file.",
                        offset=size,
                    )
                )
        else:
            problems.append(
                warning(
                    f"The MIDI file has a chunk of an unknown type "
                    f'"{chunk_id.decode("ascii")}" at byte {pos}.',
                    "Nothing to do: it is skipped.",
                    offset=pos,
                )
            )
        pos = start + length
    if pos < size:
        rest = data[pos:]
        what = "of padding (zeros)" if not rest.strip(b"\x00") else "that are not MIDI data"
        problems.append(
            warning(
                f"The MIDI file ends with {len(rest)} bytes {what} after its last chunk, "
                f"at byte {pos}.",
                "Nothing to do: they are skipped.",
                offset=pos,
            )
        )
    if tracks != declared_tracks:
        problems.append(
            warning(
                f"The MIDI file's header announces {declared_tracks} tracks but it has {tracks}.",
                "Nothing to do if the messages below are complete.",
                offset=base,
            )
        )
    if other_events:
        problems.append(
            warning(
                f"The MIDI file also holds {other_events} "
                + (
                    "note or other MIDI event; it is ignored."
                    if other_events == 1
                    else "notes or other MIDI events; they are ignored."
                ),
                "Nothing to do: only the system-exclusive messages are used.",
            )
        )
    return SmfContents(smf_format, tracks, tuple(spans), other_events, tuple(problems))
