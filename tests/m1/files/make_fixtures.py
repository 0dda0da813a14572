"""Writes the bad-input fixtures of tests/m1/files/ from synthetic data (no real captures).

Run `uv run python -m tests.m1.files.make_fixtures` after changing a recipe; a test checks
that the committed files still match these recipes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import mido

from wizard.m1.constants import GLOBAL_SIZE, PROGRAM_SIZE, SEQUENCE_FIXED_SIZE
from wizard.m1.messages import (
    AllProgramsDump,
    GlobalDump,
    ProgramDump,
    SequenceDump,
)
from wizard.m1.records import GlobalData, Program, SequenceData

HERE = Path(__file__).resolve().parent

# Small messages as m1-sysex.md §1.1, §2.1 and §2.4 spell them.
MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")
MODE_CHANGE_TO_PROGRAM = bytes.fromhex("F0 42 30 19 4E 02 00 F7")
# A Roland GS reset: a well-known message from another maker.
ROLAND_GS_RESET = bytes.fromhex("F0 41 10 42 12 40 00 7F 00 41 F7")
# A Korg message for model 26 (T1/T2/T3, §8): a mode request in that model's header.
T1_MODE_REQUEST = bytes.fromhex("F0 42 30 26 12 F7")


def synthetic_raw(size: int, seed: int) -> bytes:
    """Deterministic bytes using all 8 bits, so the packing's top-bit bytes are exercised."""
    return bytes((i * 37 + seed * 101 + (i >> 3)) & 0xFF for i in range(size))


def synthetic_program(number: int) -> Program:
    """A program named "Synth NN" with synthetic parameters."""
    name = f"Synth {number:02d}".ljust(10).encode("ascii")
    return Program(name + synthetic_raw(PROGRAM_SIZE - 10, number))


def all_programs() -> bytes:
    """A 100/100 ALL PROGRAMS DUMP (4C) of 16 350 bytes."""
    return AllProgramsDump(1, tuple(synthetic_program(n) for n in range(100))).to_bytes()


def global_dump(channel: int = 1) -> bytes:
    """A GLOBAL DUMP (51) of 991 bytes."""
    return GlobalDump(channel, GlobalData(synthetic_raw(GLOBAL_SIZE, 7))).to_bytes()


def program_dump() -> bytes:
    """A PROGRAM DUMP (40) of 170 bytes."""
    return ProgramDump(1, synthetic_program(5)).to_bytes()


def sequence_dump(events: int) -> bytes:
    """A SEQUENCE DUMP (48) holding `events` events."""
    raw = synthetic_raw(SEQUENCE_FIXED_SIZE + 4 * events, 3)
    return SequenceDump(1, SequenceData(raw)).to_bytes()


def truncated_4c() -> bytes:
    """One data byte dropped from the middle of a program bank; F7 is still there."""
    data = all_programs()
    return data[:8000] + data[8001:]


def overlong_51() -> bytes:
    """A stray data byte before the F7 of a global dump."""
    data = global_dump()
    return data[:-1] + b"\x00\xf7"


def unterminated_at_eof() -> bytes:
    """A global dump whose last 500 bytes (F7 included) are missing."""
    return global_dump()[:-500]


def unterminated_before_next_f0() -> bytes:
    """A mode request without its F7, then a complete one."""
    return MODE_REQUEST[:-1] + MODE_REQUEST


def status_byte_inside_51() -> bytes:
    """A note-on status byte in place of a data byte of a global dump."""
    data = bytearray(global_dump())
    data[100] = 0x90
    return bytes(data)


def damaged_packing_40() -> bytes:
    """A program dump whose short last group has a top bit set that carries no byte.

    143 = 20 x 7 + 3: the last group is 1 top-bit byte + 3 data bytes, so bits 3-6 of that
    top-bit byte (the fourth byte from the end, F7 counted) must be 0.
    """
    data = bytearray(program_dump())
    data[-5] |= 0x40
    return bytes(data)


def too_many_events_48() -> bytes:
    """A sequence dump with 4401 events, one more than 100/100 memory holds (§3.5)."""
    return sequence_dump(4401)


def no_sysex_at_all() -> bytes:
    """Binary bytes without a single F0."""
    return bytes(range(0x00, 0x80)) * 2


def not_hex_text() -> bytes:
    """A text file with one line of hex and one line of prose."""
    return b"F0 42 30 19 12 F7\nPlease send this to the M1\n"


def hex_text_global() -> bytes:
    """A global dump written as hex text: 0x prefixes, commas, 16 bytes per line."""
    data = global_dump()
    lines = [
        ", ".join(f"0x{b:02X}" for b in data[i : i + 16]) + "," for i in range(0, len(data), 16)
    ]
    return ("\n".join(lines) + "\n").encode("ascii")


def mode_change_then_global() -> bytes:
    """A MODE CHANGE in front of a global dump, as many librarian files have."""
    return MODE_CHANGE_TO_PROGRAM + global_dump()


def junk_between_messages() -> bytes:
    """Three stray bytes between a global dump and a program dump."""
    return global_dump() + b"\x01\x02\x03" + program_dump()


def two_channels() -> bytes:
    """A global dump for channel 1 and one for channel 2."""
    return global_dump(1) + global_dump(2)


def _smf(*events: mido.Message | mido.MetaMessage) -> bytes:
    track = mido.MidiTrack(events)
    stream = io.BytesIO()
    mido.MidiFile(type=0, tracks=[track]).save(file=stream)
    return stream.getvalue()


def smf_cut_short() -> bytes:
    """A MIDI file holding a global dump, cut 100 bytes before its end."""
    sysex = mido.Message("sysex", data=global_dump()[1:-1])
    return _smf(sysex)[:-100]


def smf_notes_and_global() -> bytes:
    """A MIDI file with a tempo, a global dump, and two notes played with running status."""
    return _smf(
        mido.MetaMessage("set_tempo", tempo=500000),
        mido.Message("sysex", data=global_dump()[1:-1], time=10),
        mido.Message("note_on", note=60, velocity=100, time=200),
        mido.Message("note_on", note=60, velocity=0, time=100000),
    )


RECIPES: dict[str, Callable[[], bytes]] = {
    "empty.syx": lambda: b"",
    "truncated_4c.syx": truncated_4c,
    "overlong_51.syx": overlong_51,
    "unterminated_at_eof.syx": unterminated_at_eof,
    "unterminated_before_next_f0.syx": unterminated_before_next_f0,
    "status_byte_inside_51.syx": status_byte_inside_51,
    "damaged_packing_40.syx": damaged_packing_40,
    "too_many_events_48.syx": too_many_events_48,
    "other_korg_model_t1.syx": lambda: T1_MODE_REQUEST,
    "not_korg_roland.syx": lambda: ROLAND_GS_RESET,
    "no_sysex_at_all.syx": no_sysex_at_all,
    "not_hex_text.txt": not_hex_text,
    "hex_text_global.txt": hex_text_global,
    "mode_change_then_global.syx": mode_change_then_global,
    "junk_between_messages.syx": junk_between_messages,
    "two_channels.syx": two_channels,
    "smf_cut_short.mid": smf_cut_short,
    "smf_notes_and_global.mid": smf_notes_and_global,
}


def main() -> None:
    """Write every fixture next to this script."""
    for name, recipe in RECIPES.items():
        (HERE / name).write_bytes(recipe())


if __name__ == "__main__":
    main()
