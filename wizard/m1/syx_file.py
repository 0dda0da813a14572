"""Reading dump files (.syx binary, hex text, Standard MIDI Files) into checked M1 messages.

Messages are identified by their header and function code, never by the file's name; every
length is checked against the exact length m1-sysex.md §3.4 gives. A file is never modified.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from wizard.errors import FileFormatError
from wizard.m1.file_message import FileMessage, examine
from wizard.m1.hex_text import BadHexText, decode_hex_text, is_text
from wizard.m1.messages import KorgMessage
from wizard.m1.parts import DOUBLE_PART_NEXT, overlaps, repeats
from wizard.m1.report import Problem, Severity, error, summarize, warning
from wizard.m1.smf import HEADER_ID, read_smf
from wizard.m1.sysex_scan import (
    MACBINARY_HEADER,
    Span,
    macbinary_name,
    macbinary_problem,
    split_sysex,
)

# An ALL DATA dump, the largest M1 message, is at most 53 361 bytes (§3.4); a file a
# hundred times larger is not M1 data, and reading it whole would only waste memory.
MAX_FILE_BYTES = 4 * 1024 * 1024
CHOOSE_OTHER = "Choose a .syx or .mid file saved from an M1 or an M1 librarian."

__all__ = [
    "MAX_FILE_BYTES",
    "DumpFile",
    "FileFormat",
    "FileMessage",
    "FileUnreadableError",
    "read_dump_bytes",
    "read_dump_file",
]


class FileFormat(StrEnum):
    """How the bytes of a file are laid out."""

    SYX = "syx"  # raw MIDI bytes, maybe with a header or padding around the messages
    HEX_TEXT = "hex_text"  # the same written as hex pairs
    SMF = "smf"  # Standard MIDI File
    TEXT = "text"  # text that is not hex pairs: nothing can be read from it


class FileUnreadableError(FileFormatError):
    """The path cannot be read at all (missing, a folder, no permission)."""


@dataclass(frozen=True)
class DumpFile:
    """Everything found in one file.

    Attributes:
        path: The file's path, or the name given to `read_dump_bytes`.
        format: How the file is laid out.
        messages: Every F0 ... F7 message, usable or not, in file order.
        problems: Every problem, file-wide ones first, then in file order.
        size: The file's length in bytes.
        sha256: Hex SHA-256 of the file's bytes.
    """

    path: str
    format: FileFormat
    messages: tuple[FileMessage, ...]
    problems: tuple[Problem, ...]
    size: int
    sha256: str

    @property
    def has_errors(self) -> bool:
        """True when some part of the file is unusable or unsafe to send."""
        return any(p.is_error for p in self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The ERROR problems."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """The WARNING problems."""
        return tuple(p for p in self.problems if p.severity is Severity.WARNING)

    @property
    def m1_messages(self) -> tuple[KorgMessage, ...]:
        """Every valid M1 message (header `F0 42 3n 19`), in file order."""
        return tuple(
            m.message
            for m in self.messages
            if isinstance(m.message, KorgMessage) and not m.has_errors
        )

    @property
    def dumps(self) -> tuple[KorgMessage, ...]:
        """The valid messages carrying sounds, songs or global data: what a restore sends."""
        return tuple(
            m.message for m in self.messages if m.is_dump and isinstance(m.message, KorgMessage)
        )

    @property
    def summary(self) -> str:
        """The sound data in one line, e.g. "100 programs (Universe ... Surprise!!)"."""
        return summarize(self.dumps)


def _file_problems(messages: list[FileMessage]) -> list[Problem]:
    """Problems that concern the messages together rather than one of them."""
    problems = []
    valid = [m for m in messages if m.message is not None]
    channels = sorted({m.channel for m in valid if m.channel is not None})
    if len(channels) > 1:
        problems.append(
            warning(
                "The messages are addressed to different global MIDI channels ("
                + ", ".join(str(c) for c in channels)
                + ").",
                "Nothing to do: m1-wizard addresses each message to the M1's own channel "
                "when it sends it.",
            )
        )
    allocations = sorted({m.allocation.short for m in valid if m.allocation is not None})
    if len(allocations) > 1:
        problems.append(
            warning(
                "The dumps are laid out for different memory allocations ("
                + " and ".join(allocations)
                + "); the M1 takes only those matching its own.",
                "Check the M1's memory allocation (GLOBAL mode) before sending.",
            )
        )
    return problems + _part_problems(messages)


def _part_problems(messages: list[FileMessage]) -> list[Problem]:
    """Dumps that would replace one part of memory twice with different data (an exact
    repeat is no problem: a restore sends it once)."""
    dumps = [
        (m.index, m.message) for m in messages if m.is_dump and isinstance(m.message, KorgMessage)
    ]
    repeated = {later for _, later in repeats([d for _, d in dumps])}
    dumps = [d for i, d in enumerate(dumps) if i not in repeated]
    problems = []
    for overlap in overlaps([d for _, d in dumps]):
        first, second = dumps[overlap.first][0], dumps[overlap.second][0]
        sentence = overlap.sentence(f"Message {first + 1}", f"message {second + 1}")
        problems.append(warning(sentence, DOUBLE_PART_NEXT, index=second))
    return problems


def _no_messages(fmt: FileFormat) -> Problem:
    where = "The MIDI file" if fmt is FileFormat.SMF else "The file"
    return error(
        f"{where} holds no system-exclusive message (no F0 ... F7 data at all).",
        CHOOSE_OTHER,
    )


def _build(
    name: str,
    *,
    fmt: FileFormat,
    data: bytes,
    spans: tuple[Span, ...],
    found: list[Problem],
    first: list[Problem],
) -> DumpFile:
    messages = [examine(span, i) for i, span in enumerate(spans)]
    file_wide = first + _file_problems(messages)
    if not messages:
        # Without any message, the junk warnings would only repeat the error.
        file_wide.append(_no_messages(fmt))
        found = [p for p in found if p.is_error]
    located = found + [p for m in messages for p in m.problems]
    located.sort(key=lambda p: p.offset if p.offset is not None else -1)
    digest = hashlib.sha256(data).hexdigest()
    return DumpFile(name, fmt, tuple(messages), tuple(file_wide + located), len(data), digest)


def read_dump_bytes(data: bytes, name: str = "<bytes>") -> DumpFile:
    """Find and check every M1 message in a file's bytes (pure: no I/O).

    Never raises on any input: all that is wrong is listed in `DumpFile.problems`.

    Args:
        data: The whole file.
        name: What to call it in reports.
    """
    data = bytes(data)
    fmt = FileFormat.SYX
    body = data
    first: list[Problem] = []
    if not data:
        first.append(error("The file is empty.", CHOOSE_OTHER))
        return DumpFile(name, fmt, (), tuple(first), 0, hashlib.sha256(data).hexdigest())
    if is_text(data):
        decoded = decode_hex_text(data)
        if isinstance(decoded, BadHexText):
            if decoded.token:
                what = f'"{decoded.token}" on line {decoded.line} is not a hex byte'
            else:
                what = "it holds nothing but spaces, commas and line breaks"
            problem = error(
                f"The file is text, not MIDI data: {what}.",
                "Choose a .syx or .mid file, or a text file of hex pairs such as F0 42 30 19.",
            )
            return DumpFile(
                name, FileFormat.TEXT, (), (problem,), len(data), hashlib.sha256(data).hexdigest()
            )
        fmt, body = FileFormat.HEX_TEXT, decoded
        first.append(
            warning(
                f"The file is hex text, not binary MIDI data; it spells out {len(body)} bytes "
                "(byte positions below count those bytes).",
                "Nothing to do; save it as binary .syx if another tool needs that.",
            )
        )
    start = 0
    header_name = macbinary_name(body)
    found: list[Problem] = []
    if header_name is not None:
        start = MACBINARY_HEADER
        found.append(macbinary_problem(header_name))
    if body[start : start + 4] == HEADER_ID:
        smf = read_smf(body, start)
        if fmt is FileFormat.SYX:
            fmt = FileFormat.SMF
        return _build(
            name, fmt=fmt, data=data, spans=smf.spans, found=found + list(smf.problems), first=first
        )
    scan = split_sysex(body, start)
    return _build(
        name, fmt=fmt, data=data, spans=scan.spans, found=found + list(scan.problems), first=first
    )


def _size_words(size: int) -> str:
    mib = f"{size / (1024 * 1024):.1f}".removesuffix(".0")
    return f"{mib} MiB"


def read_dump_file(path: str | os.PathLike[str]) -> DumpFile:
    """Read a file from disk and check it; the file is opened read-only and never changed.

    Args:
        path: The file.

    Raises:
        FileUnreadableError: The path is missing, a folder, cannot be opened, or is a
            pipe nothing writes to.
        FileFormatError: The file is larger than `MAX_FILE_BYTES`.
    """
    where = Path(path)
    try:
        with _open_without_waiting(where) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise _too_large(where, size)
            # Read one byte past the limit: a pipe or device reports no size up front.
            data = stream.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise FileUnreadableError(
            f"There is no file at {where}.", "Check the path and try again."
        ) from None
    except IsADirectoryError:
        raise FileUnreadableError(
            f"{where} is a folder, not a file.", "Give the path of a .syx or .mid file in it."
        ) from None
    except PermissionError:
        raise FileUnreadableError(
            f"{where} cannot be read: permission denied.",
            "Copy the file somewhere you can read it, or change its permissions.",
        ) from None
    except OSError as failure:
        raise FileUnreadableError(
            f"{where} cannot be read ({failure.strerror or failure}).",
            "Check the path and the disk, then try again.",
        ) from None
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(where, len(data))
    if not data and _is_pipe(where):
        raise FileUnreadableError(
            f"{where} is a pipe (FIFO) and nothing is writing to it.",
            "Start the program that writes to it first, or give the path of a file.",
        )
    return read_dump_bytes(data, str(where))


def _open_without_waiting(where: Path) -> BinaryIO:
    """Open `where` for reading; a named pipe with no writer does not block the open (it
    then reads as empty at once), a folder is refused as one.

    Raises:
        OSError: As `open` does; IsADirectoryError for a folder.
    """
    nonblocking = getattr(os, "O_NONBLOCK", 0)  # Windows has no named pipes of this kind
    handle = os.open(where, os.O_RDONLY | nonblocking)
    try:
        if stat.S_ISDIR(os.fstat(handle).st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(where))
        if nonblocking:
            os.set_blocking(handle, True)  # a writer that is there already is read in full
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def _is_pipe(where: Path) -> bool:
    try:
        return stat.S_ISFIFO(os.stat(where).st_mode)
    except OSError:
        return False


def _too_large(where: Path, size: int) -> FileFormatError:
    limit = _size_words(MAX_FILE_BYTES)
    shown = _size_words(size) if size > MAX_FILE_BYTES + 1 else f"more than {limit}"
    return FileFormatError(
        f"{where} is {shown}, over the {limit} limit for M1 data "
        "(a complete ALL DATA dump is at most 53361 bytes).",
        "Check that this is the right file; split it if it holds many dumps.",
    )
