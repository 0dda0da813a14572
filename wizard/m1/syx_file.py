"""Reading dump files (.syx binary, hex text, Standard MIDI Files) into checked M1 messages.

Messages are identified by their header and function code, never by the file's name; every
length is checked against the exact length m1-sysex.md §3.4 gives. A file is never modified.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path
from typing import BinaryIO

from wizard.errors import FileFormatError
from wizard.m1.archive import ZIP_SIGNATURE, ArchiveRefused, Member, is_zip, open_zip
from wizard.m1.constants import UNIVERSAL_NON_REALTIME
from wizard.m1.dump_file import CHOOSE_OTHER, DumpFile, FileFormat, build
from wizard.m1.file_kinds import what_file_is
from wizard.m1.file_message import FileMessage
from wizard.m1.hex_text import BadHexText, decode_hex_dump, decode_hex_text, is_text
from wizard.m1.report import Problem, error, warning
from wizard.m1.smf import HEADER_ID, read_smf
from wizard.m1.sysex_scan import SKIPPED, credible, is_m1, split_sysex
from wizard.m1.wrappers import find_wrapper

# An ALL DATA dump, the largest M1 message, is at most 53 361 bytes (§3.4); a file a
# hundred times larger is not M1 data, and reading it whole would only waste memory.
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_ZIP_BYTES = 32 * 1024 * 1024
"""A zip archive may be larger on disk: a download may hold a manual or pictures too."""
UNPACK = "Unpack it with an archive tool you trust, then choose the .syx or .mid files in it."
UNIVERSAL = bytes((UNIVERSAL_NON_REALTIME,))
BROKEN_ZIP = (
    "The file starts like a zip archive but holds M1 messages as they are; it is read as MIDI data."
)
DOWNLOAD_AGAIN = "Download it again: this copy is incomplete or damaged."
HEX_PAIRS = "Choose a .syx or .mid file, or a text file of hex pairs such as F0 42 30 19."

__all__ = [
    "MAX_FILE_BYTES",
    "DumpFile",
    "FileFormat",
    "FileMessage",
    "FileUnreadableError",
    "passed_over_because",
    "read_dump_bytes",
    "read_dump_file",
]


class FileUnreadableError(FileFormatError):
    """The path cannot be read at all (missing, a folder, no permission)."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _alone(name: str, fmt: FileFormat, data: bytes, problem: Problem) -> DumpFile:
    """A file with nothing to read but one problem."""
    return DumpFile(name, fmt, (), (problem,), len(data), _digest(data))


def _text_body(data: bytes, name: str) -> tuple[FileFormat, bytes, Problem] | DumpFile:
    """The bytes a text file spells out (hex pairs, or an xxd / hexdump -C listing) with
    the warning naming its layout, or the file refused as text that is not MIDI data."""
    decoded = decode_hex_text(data)
    if isinstance(decoded, bytes):
        return (
            FileFormat.HEX_TEXT,
            decoded,
            warning(
                f"The file is hex text, not binary MIDI data; it spells out {len(decoded)} bytes "
                "(byte positions below count those bytes).",
                "Nothing to do; save it as binary .syx if another tool needs that.",
            ),
        )
    listing = decode_hex_dump(data)
    if isinstance(listing, bytes):
        return (
            FileFormat.HEX_DUMP,
            listing,
            warning(
                "The file is a hex dump (offsets, hex and text columns, as xxd or hexdump -C "
                f"print them), not binary MIDI data; it spells out {len(listing)} bytes (byte "
                "positions below count those bytes).",
                "Nothing to do; save it as binary .syx if another tool needs that.",
            ),
        )
    if isinstance(listing, BadHexText):
        problem = error(
            f'The file is a hex dump, but line {listing.line} ("{listing.token}") does not '
            "follow the layout of the lines before it.",
            "Use a complete copy of the listing, or the binary file it was made from.",
        )
        return _alone(name, FileFormat.TEXT, data, problem)
    if decoded.token:
        what = f'"{decoded.token}" on line {decoded.line} is not a hex byte'
    else:
        what = "it holds nothing but spaces, commas and line breaks"
    problem = error(f"The file is text, not MIDI data: {what}.", HEX_PAIRS)
    return _alone(name, FileFormat.TEXT, data, problem)


def read_dump_bytes(data: bytes, name: str = "<bytes>") -> DumpFile:
    """Find and check every M1 message in a file's bytes (pure: no I/O).

    What the file is is decided here, by content alone: a zip archive (its members read
    in memory, each a `DumpFile` of its own), another kind of file (a PDF, a picture,
    sound), hex text or a hex listing, a Standard MIDI File, or raw MIDI bytes, perhaps
    behind a librarian's header. Never raises on any input: all that is wrong is listed in
    `DumpFile.problems`.

    Args:
        data: The whole file.
        name: What to call it in reports; members of a zip are called "NAME:MEMBER".
    """
    data = bytes(data)
    if not data:
        return _alone(name, FileFormat.SYX, data, error("The file is empty.", CHOOSE_OTHER))
    first: list[Problem] = []
    if is_zip(data):
        try:
            return _read_zip(data, name, open_zip(data, MAX_FILE_BYTES))
        except ArchiveRefused as refused:
            # Bytes that start like a zip but are not one, around M1 messages in the
            # clear, are read for those; an archive over a limit stays refused.
            if not (refused.damaged and _has_m1_messages(data)):
                what_next = DOWNLOAD_AGAIN if refused.damaged else UNPACK
                problem = error(f"The zip archive is not opened: {refused.reason}.", what_next)
                return _alone(name, FileFormat.ZIP, data, problem)
            first.append(warning(BROKEN_ZIP, SKIPPED))
    kind = what_file_is(data, is_text(data))
    if kind is not None and not _has_m1_messages(data):
        return _alone(
            name, FileFormat.OTHER, data, error(f"The file is {kind}, not MIDI data.", CHOOSE_OTHER)
        )
    fmt, body = FileFormat.SYX, data
    if is_text(data):
        text = _text_body(data, name)
        if isinstance(text, DumpFile):
            return text
        fmt, body, layout = text
        first.append(layout)
    wrapper = find_wrapper(body)
    start = 0 if wrapper is None else wrapper.start
    found = [] if wrapper is None or wrapper.problem is None else [wrapper.problem]
    if body[start : start + 4] == HEADER_ID:
        smf = read_smf(body, start)
        fmt = FileFormat.SMF if fmt is FileFormat.SYX else fmt
        return build(
            name,
            fmt=fmt,
            data=data,
            spans=smf.spans,
            found=found + list(smf.problems),
            first=first,
            judge=False,
        )
    scan = split_sysex(body, start, None if wrapper is None else wrapper.tail)
    return build(
        name, fmt=fmt, data=data, spans=scan.spans, found=found + list(scan.problems), first=first
    )


def _has_m1_messages(data: bytes) -> bool:
    """True when `data` holds M1 messages or identity replies in the clear (a stray F0 in
    a picture or a document does not count: only these headers vouch for MIDI data)."""
    return any(
        is_m1(span.data) or (credible(span) and span.data[1:2] == UNIVERSAL)
        for span in split_sysex(data).spans
    )


def passed_over_because(dump: DumpFile) -> str:
    """Why a file without any message is passed over, e.g. "is a PDF document, not MIDI
    data" (its first error, without its subject)."""
    if not dump.errors:
        return "holds no MIDI system-exclusive data"
    sentence = dump.errors[0].message.removesuffix(".")
    return sentence.removeprefix("The file ").removeprefix("The zip archive ")


def _read_zip(
    data: bytes, name: str, opened: tuple[list[Member], list[tuple[str, str]]]
) -> DumpFile:
    inside, passed = opened
    members: list[DumpFile] = []
    passed_over = [(f"{name}:{inner}", why) for inner, why in passed]
    for member in inside:
        dump = read_dump_bytes(member.data, f"{name}:{member.name}")
        if dump.messages:
            members.append(dump)
        else:
            passed_over.append((dump.path, passed_over_because(dump)))
    problems: tuple[Problem, ...] = ()
    if not members:
        count = len(passed_over)
        what = f"none of its {count} files holds any" if count > 1 else "its one file holds none"
        sentence = (
            f"The zip archive holds no MIDI system-exclusive data: {what}."
            if count
            else "The zip archive holds no files."
        )
        problems = (error(sentence, CHOOSE_OTHER),)
    return DumpFile(
        name,
        FileFormat.ZIP,
        (),
        problems,
        len(data),
        _digest(data),
        tuple(members),
        tuple(passed_over),
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
            data = stream.read(len(ZIP_SIGNATURE))
            limit = MAX_ZIP_BYTES if is_zip(data) else MAX_FILE_BYTES
            if size > limit:
                raise _too_large(where, size, limit)
            # Read one byte past the limit: a pipe or device reports no size up front.
            data += stream.read(limit + 1 - len(data))
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
    if len(data) > limit:
        raise _too_large(where, len(data), limit)
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


def _too_large(where: Path, size: int, limit: int) -> FileFormatError:
    words = _size_words(limit)
    shown = _size_words(size) if size > limit + 1 else f"more than {words}"
    if limit == MAX_ZIP_BYTES:
        return FileFormatError(
            f"{where} is a zip archive of {shown}, over the {words} limit for an archive of "
            "M1 dumps.",
            UNPACK,
        )
    return FileFormatError(
        f"{where} is {shown}, over the {words} limit for M1 data "
        "(a complete ALL DATA dump is at most 53361 bytes).",
        "Check that this is the right file; split it if it holds many dumps.",
    )
