"""One dump file as read: its layout, every message in it, every problem found, and the
files inside it when it is an archive."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum

from wizard.m1.file_message import FileMessage, examine
from wizard.m1.messages import KorgMessage
from wizard.m1.parts import DOUBLE_PART_NEXT, overlaps, repeats
from wizard.m1.report import Problem, Severity, error, summarize, warning
from wizard.m1.sysex_scan import Span, credible

CHOOSE_OTHER = "Choose a .syx or .mid file saved from an M1 or an M1 librarian."


class FileFormat(StrEnum):
    """How the bytes of a file are laid out."""

    SYX = "syx"  # raw MIDI bytes, maybe with a header or padding around the messages
    HEX_TEXT = "hex_text"  # the same written as hex pairs
    HEX_DUMP = "hex_dump"  # the same as an xxd or hexdump -C listing
    SMF = "smf"  # Standard MIDI File
    ZIP = "zip"  # a zip archive: its files are `DumpFile.members`
    TEXT = "text"  # text that is not hex pairs: nothing can be read from it
    OTHER = "other"  # a file of another kind (a PDF, a picture, sound): nothing to read


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
        members: For a zip archive, each file inside it that holds some message, its
            `path` naming the archive and the member ("M1.zip:M1/ORIGPROG.SYX"); the
            archive's own `messages` stay empty and its `problems` concern it as a whole.
        passed_over: For a zip archive, (member path, why) of the files inside it that
            were not read or hold no MIDI system-exclusive data.
    """

    path: str
    format: FileFormat
    messages: tuple[FileMessage, ...]
    problems: tuple[Problem, ...]
    size: int
    sha256: str
    members: tuple[DumpFile, ...] = ()
    passed_over: tuple[tuple[str, str], ...] = ()

    @property
    def files(self) -> tuple[DumpFile, ...]:
        """The files to use: the members of an archive that could be opened, else itself."""
        return self.members or (self,)

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


def _no_messages(fmt: FileFormat, stray: bool) -> Problem:
    if stray:
        # F0 bytes occur in any large file; saying a message there was cut short would
        # tell the person their download is damaged when it is simply not MIDI data.
        return error(
            "The file holds no MIDI system-exclusive data: none of its bytes form an "
            "F0 ... F7 message.",
            CHOOSE_OTHER,
        )
    where = "The MIDI file" if fmt is FileFormat.SMF else "The file"
    return error(
        f"{where} holds no system-exclusive message (no F0 ... F7 data at all).",
        CHOOSE_OTHER,
    )


def build(
    name: str,
    *,
    fmt: FileFormat,
    data: bytes,
    spans: tuple[Span, ...],
    found: list[Problem],
    first: list[Problem],
    judge: bool = True,
) -> DumpFile:
    """A DumpFile of the spans found in `data`.

    Args:
        judge: True when the spans come from scanning raw bytes for F0: when none of them
            is `credible`, the file is not MIDI data (a Standard MIDI File's events are
            messages by definition, so it passes False).
    """
    stray = bool(spans) and judge and not any(credible(span) for span in spans)
    messages = [] if stray else [examine(span, i) for i, span in enumerate(spans)]
    file_wide = first + _file_problems(messages)
    if not messages:
        # Without any message, the junk warnings would only repeat the error.
        file_wide.append(_no_messages(fmt, stray))
        found = [p for p in found if p.is_error]
    located = found + [p for m in messages for p in m.problems]
    located.sort(key=lambda p: p.offset if p.offset is not None else -1)
    digest = hashlib.sha256(data).hexdigest()
    return DumpFile(name, fmt, tuple(messages), tuple(file_wide + located), len(data), digest)
