"""Headers that librarians and operating systems wrote before the MIDI data of a dump file
(m1-sysex.md §6.1): recognised by content, named as harmless, and skipped."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.m1.constants import SYSEX_START
from wizard.m1.report import Problem, warning
from wizard.m1.sysex_scan import MACBINARY_HEADER, SKIPPED, macbinary_name, macbinary_problem

# §6.1: "Sysex Manager-" files carry the message's content type at 0x7C, its data at 0x7E,
# so the message itself (F0 42 3n 19 ff) starts at 0x78; "OrigKorg" files (text at byte 2)
# carry the content type at 0x84, so their message starts at 0x80.
SYSEX_MANAGER_TEXT = b"Sysex Manager-"
SYSEX_MANAGER_HEADER = 0x78
ORIGKORG_TEXT = b"OrigKorg"
ORIGKORG_AT = 2
ORIGKORG_HEADER = 0x80
_RMID_SMF = 20  # RIFF "RMID": the Standard MIDI File starts after the "data" chunk header
MAC_TAIL = "that belong to the Macintosh file around the data, not to any F0 ... F7 message"


@dataclass(frozen=True)
class Wrapper:
    """A header found before the data.

    Attributes:
        start: Where the MIDI data begins.
        problem: The warning that names it, or None when it needs no word (RIFF MIDI).
        tail: How to name bytes after the last message (None: as any other bytes).
    """

    start: int
    problem: Problem | None
    tail: str | None = None


def _header_warning(size: int, what: str) -> Problem:
    return warning(f"The first {size} bytes are {what}, not MIDI data.", SKIPPED, offset=0)


def find_wrapper(body: bytes) -> Wrapper | None:
    """The header in front of the MIDI data of `body`, if it has one.

    Args:
        body: The file's bytes (decoded, for hex text).
    """
    manager = body.startswith(SYSEX_MANAGER_TEXT)
    if manager and _only_header(body, len(SYSEX_MANAGER_TEXT), SYSEX_MANAGER_HEADER):
        what = 'the "Sysex Manager-" header that a librarian wrote before the data'
        return Wrapper(SYSEX_MANAGER_HEADER, _header_warning(SYSEX_MANAGER_HEADER, what))
    name = macbinary_name(body)
    if name is not None:
        return Wrapper(MACBINARY_HEADER, macbinary_problem(name), MAC_TAIL)
    origkorg = body[ORIGKORG_AT : ORIGKORG_AT + len(ORIGKORG_TEXT)] == ORIGKORG_TEXT
    if origkorg and _only_header(body, ORIGKORG_AT + len(ORIGKORG_TEXT), ORIGKORG_HEADER):
        what = 'an "OrigKorg" header that a Macintosh librarian wrote before the data'
        return Wrapper(ORIGKORG_HEADER, _header_warning(ORIGKORG_HEADER, what), MAC_TAIL)
    if body.startswith(b"RIFF") and body[8:12] == b"RMID" and body[_RMID_SMF:].startswith(b"MThd"):
        return Wrapper(_RMID_SMF, None)
    return None


def _only_header(body: bytes, text_end: int, header: int) -> bool:
    """True when the data starts right after the header and no F0 lies inside it (so a
    header-like text in front of messages never hides them)."""
    return body.find(SYSEX_START, text_end) == header
