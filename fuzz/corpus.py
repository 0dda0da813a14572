"""Seed inputs for the fuzz targets, generated fresh: messages from the emulated M1 (never
the Korg captures) laid out as binary, hex-text and MIDI files, and the shipped procedures."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from wizard.emulator import SCENARIOS, M1Emulator, build_state
from wizard.m1 import Bank, Function
from wizard.m1.messages import (
    BANKED_REQUESTS,
    REQUEST_FUNCTIONS,
    IdentityRequest,
    ModeChange,
    Request,
    Status,
)
from wizard.procedure.loader import shipped_folder


def _requests(channel: int) -> list[bytes]:
    """Every request the M1 answers, plus the identity request and a mode change."""
    out = [IdentityRequest().to_bytes(), ModeChange(channel, 2, 0).to_bytes()]
    for function in sorted(REQUEST_FUNCTIONS):
        bank = Bank.INTERNAL if function in BANKED_REQUESTS else None
        out.append(Request(channel, function, bank).to_bytes())
    return out


def emulator_messages() -> Iterator[tuple[str, bytes]]:
    """(name, message) for every request and every reply of each emulator scenario."""
    for scenario in SCENARIOS:
        state = build_state(scenario)
        state.excl_enabled = True
        emulator = M1Emulator(state)
        channel = state.global_channel
        for request in _requests(channel):
            yield f"{scenario}-request-{request[4]:02x}", request
            for n, reply in enumerate(emulator.receive(request)):
                yield f"{scenario}-reply-{request[4]:02x}-{n}", reply.data
    for status in (Function.LOAD_COMPLETED, Function.LOAD_ERROR, Function.FORMAT_ERROR):
        yield f"status-{int(status):02x}", Status(1, status).to_bytes()


def _variable_length(value: int) -> bytes:
    """A MIDI file's variable-length quantity (7 bits a byte, high bit = more follows)."""
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def midi_file(messages: list[bytes]) -> bytes:
    """A format-0 Standard MIDI File holding `messages` as F0 events at time 0."""
    track = b"".join(b"\x00\xf0" + _variable_length(len(m) - 1) + m[1:] for m in messages)
    track += b"\x00\xff\x2f\x00"
    header = b"MThd" + (6).to_bytes(4, "big") + bytes((0, 0, 0, 1, 0, 96))
    return header + b"MTrk" + len(track).to_bytes(4, "big") + track


def hex_text(messages: list[bytes]) -> bytes:
    """The messages written as hex pairs, one message a line."""
    return b"".join(m.hex(" ").upper().encode() + b"\n" for m in messages)


def file_seeds() -> Iterator[tuple[str, bytes]]:
    """Whole files for the dump-file reader."""
    messages = dict(emulator_messages())
    small = [m for m in messages.values() if len(m) < 200]
    yield "small-messages.syx", b"".join(small)
    yield "small-messages.txt", hex_text(small)
    yield "small-messages.mid", midi_file(small)
    for name, data in messages.items():
        if len(data) >= 200:
            yield f"{name}.syx", data
    programs = [d for n, d in messages.items() if n.startswith("factory-reply-1c")]
    yield "programs.mid", midi_file(programs)
    yield "padded.syx", b"\x00" * 16 + b"".join(small[:3]) + b"junk"


def zipped(members: dict[str, bytes], method: int) -> bytes:
    """A zip archive of `members`, made in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_seeds() -> Iterator[tuple[str, bytes]]:
    """Zip archives of dump files, stored and deflated, in folders and with other files."""
    files = dict(file_seeds())
    small = {
        "M1/small.syx": files["small-messages.syx"],
        "M1/small.txt": files["small-messages.txt"],
    }
    yield "stored.zip", zipped(small, zipfile.ZIP_STORED)
    yield "deflated.zip", zipped(small, zipfile.ZIP_DEFLATED)
    yield (
        "mixed.zip",
        zipped(
            {"readme.txt": b"M1 sounds\n", "M1/": b"", "M1/song.mid": files["small-messages.mid"]},
            zipfile.ZIP_DEFLATED,
        ),
    )
    yield "nested.zip", zipped({"inner.zip": zipped(small, zipfile.ZIP_STORED)}, zipfile.ZIP_STORED)


def message_seeds() -> Iterator[tuple[str, bytes]]:
    """Single messages for the parser."""
    yield from emulator_messages()


def procedure_seeds() -> Iterator[tuple[str, bytes]]:
    """The shipped procedure files."""
    for path in sorted(shipped_folder().glob("*.yaml")):
        yield path.name, path.read_bytes()


SEEDS = {
    "syx": file_seeds,
    "message": message_seeds,
    "zip": zip_seeds,
    "yaml": procedure_seeds,
}
"""Each target's seed generator."""


def write_seeds(target: str, folder: Path) -> int:
    """Write `target`'s seeds into `folder` (kept when already there); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for name, data in SEEDS[target]():
        path = folder / f"seed-{name}"
        if not path.exists():
            path.write_bytes(data)
        count += 1
    return count
