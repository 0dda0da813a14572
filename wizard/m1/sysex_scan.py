"""Splitting a byte stream into F0...F7 spans, and naming the bytes found between them."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.m1.constants import SYSEX_END, SYSEX_START
from wizard.m1.report import Problem, warning

MACBINARY_HEADER = 128
_MACBINARY_NAME_MAX = 63
_MACBINARY_ZERO_BYTES = (0, 74, 82)  # fixed zero fields of a MacBinary header
SKIPPED = "Nothing to do: only the F0 ... F7 messages are read, the rest is skipped."


@dataclass(frozen=True)
class Span:
    """One system-exclusive message as found in a file.

    Attributes:
        offset: Position of its F0 in the file.
        data: F0 up to and including F7 (without F7 when unterminated).
        terminated: False when the next F0 or the end of the data came before an F7.
    """

    offset: int
    data: bytes
    terminated: bool


@dataclass(frozen=True)
class Scan:
    """The spans of a byte stream and warnings about the bytes outside them."""

    spans: tuple[Span, ...]
    problems: tuple[Problem, ...]


def macbinary_name(data: bytes) -> str | None:
    """The file name in a 128-byte Macintosh (MacBinary) header in front of MIDI data.

    Old Macintosh librarians saved dumps with such a header; it is recognised by its
    fixed zero bytes, its name length, and the F0 or "MThd" that follows it.

    Returns:
        The name (non-printable characters as "?"), or None when there is no such header.
    """
    if len(data) <= MACBINARY_HEADER + 4:
        return None
    after = data[MACBINARY_HEADER : MACBINARY_HEADER + 4]
    if after[0] != SYSEX_START and after != b"MThd":
        return None
    if any(data[i] for i in _MACBINARY_ZERO_BYTES):
        return None
    length = data[1]
    if not 1 <= length <= _MACBINARY_NAME_MAX:
        return None
    name = data[2 : 2 + length]
    return "".join(chr(b) if 0x20 <= b < 0x7F else "?" for b in name)


def macbinary_problem(name: str) -> Problem:
    """The warning for a Macintosh header in front of the data."""
    return warning(
        f"The first {MACBINARY_HEADER} bytes are a Macintosh file header "
        f'(MacBinary, file name "{name}"), not MIDI data.',
        SKIPPED,
        offset=0,
    )


def _where(before: int, at_end: bool) -> str:
    if before == 0:
        return "before the first message"
    if at_end:
        return "after the last message"
    return f"between messages {before} and {before + 1}"


def junk_problem(chunk: bytes, offset: int, messages_before: int, at_end: bool) -> Problem:
    """A warning naming bytes that lie outside every F0 ... F7 message.

    Args:
        chunk: The bytes.
        offset: Their position in the file.
        messages_before: How many messages came before them.
        at_end: True when no message follows them.
    """
    where = _where(messages_before, at_end)
    count = f"{len(chunk)} byte{'s' if len(chunk) != 1 else ''}"
    if not chunk.strip(b"\x00"):
        what = f"{count} of padding (zero bytes) {where}"
    elif not chunk.strip(b"\xf8\xfe"):
        what = f"{count} of MIDI clock or active sensing {where}"
    else:
        what = f"{count} {where} that are not part of any F0 ... F7 message"
    return warning(f"The file has {what}, at byte {offset}.", SKIPPED, offset=offset)


def split_sysex(data: bytes, start: int = 0) -> Scan:
    """Cut `data` into F0 ... F7 spans and warn about every run of bytes outside them.

    A span ends at its F7; when another F0 or the end of the data comes first, the span is
    kept as unterminated.

    Args:
        data: The whole file (or the decoded hex text).
        start: Where to begin (after a recognised header); offsets stay file positions.
    """
    spans: list[Span] = []
    problems: list[Problem] = []
    pos, size = start, len(data)
    while pos < size:
        begin = data.find(SYSEX_START, pos)
        if begin < 0:
            problems.append(junk_problem(data[pos:], pos, len(spans), at_end=True))
            break
        if begin > pos:
            problems.append(junk_problem(data[pos:begin], pos, len(spans), at_end=False))
        end = data.find(SYSEX_END, begin + 1)
        following = data.find(SYSEX_START, begin + 1, end if end >= 0 else size)
        if end >= 0 and following < 0:
            spans.append(Span(begin, data[begin : end + 1], True))
            pos = end + 1
        else:
            stop = following if following >= 0 else size
            spans.append(Span(begin, data[begin:stop], False))
            pos = stop
    return Scan(tuple(spans), tuple(problems))
