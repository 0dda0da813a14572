"""Splitting a byte stream into F0...F7 spans, and naming the bytes found between them."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.m1.constants import (
    FORMAT_BASE,
    KORG_ID,
    M1_MODEL_ID,
    SYSEX_END,
    SYSEX_START,
    UNIVERSAL_NON_REALTIME,
    UNIVERSAL_REALTIME,
)
from wizard.m1.framing import MANUFACTURERS
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


def junk_problem(
    chunk: bytes, offset: int, messages_before: int, at_end: bool, tail: str | None = None
) -> Problem:
    """A warning naming bytes that lie outside every F0 ... F7 message.

    Args:
        chunk: The bytes.
        offset: Their position in the file.
        messages_before: How many messages came before them.
        at_end: True when no message follows them.
        tail: What bytes after the last message are, when a header said (a Macintosh
            file's end, say).
    """
    where = _where(messages_before, at_end)
    count = f"{len(chunk)} byte{'s' if len(chunk) != 1 else ''}"
    if at_end and messages_before and tail is not None:
        what = f"{count} {where} {tail}"
    elif not chunk.strip(b"\x00"):
        what = f"{count} of padding (zero bytes) {where}"
    elif not chunk.strip(b"\xf8\xfe"):
        what = f"{count} of MIDI clock or active sensing {where}"
    else:
        what = f"{count} {where} that are not part of any F0 ... F7 message"
    return warning(f"The file has {what}, at byte {offset}.", SKIPPED, offset=offset)


def split_sysex(data: bytes, start: int = 0, tail: str | None = None) -> Scan:
    """Cut `data` into F0 ... F7 spans and warn about every run of bytes outside them.

    A span ends at its F7; when another F0 or the end of the data comes first, the span is
    kept as unterminated.

    Args:
        data: The whole file (or the decoded hex text).
        start: Where to begin (after a recognised header); offsets stay file positions.
        tail: What bytes after the last message are, when a header said.
    """
    spans: list[Span] = []
    problems: list[Problem] = []
    pos, size = start, len(data)
    while pos < size:
        begin = data.find(SYSEX_START, pos)
        if begin < 0:
            problems.append(junk_problem(data[pos:], pos, len(spans), True, tail))
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


# A span with a run this long of data bytes and a proper end is MIDI data even without a
# known header; random bytes make one in about 2**-15 of their F0s (the run, then F7).
_CREDIBLE_RUN = 8
# A cut-off message (no F7) needs a longer run: all that vouches for it is its data bytes.
_CREDIBLE_CUT_RUN = 32
# A known maker's ID vouches for a shorter message (a four-byte request, say).
_CREDIBLE_MAKER_RUN = 4


def is_m1(data: bytes) -> bool:
    """True when `data` starts with an M1 header, F0 42 3n 19 (§1.1)."""
    return (
        len(data) >= 4
        and data[0] == SYSEX_START
        and data[1] == KORG_ID
        and data[2] & 0xF0 == FORMAT_BASE
        and data[3] == M1_MODEL_ID
    )


def credible(span: Span) -> bool:
    """True when `span` looks like a MIDI system-exclusive message, perhaps damaged, rather
    than an F0 byte that happens to occur in a file of another kind.

    An M1 or universal header is enough (damage inside is then reported as such);
    otherwise every byte after F0 must be a data byte, and there must be enough of them.
    """
    data = span.data
    if span.offset == 0 and not span.terminated and _all_data(data):
        return True  # a file that starts with a message cut off before its header ends
    if len(data) >= 4 and data[1] == KORG_ID and data[2] & 0xF0 == FORMAT_BASE:
        return data[3] == M1_MODEL_ID or _all_data(data)
    if len(data) >= 5 and data[1] in (UNIVERSAL_NON_REALTIME, UNIVERSAL_REALTIME):
        return _all_data(data)
    body = data[1:-1] if span.terminated else data[1:]
    if not body or not _all_data(data):
        return False
    if not span.terminated:
        return len(body) >= _CREDIBLE_CUT_RUN
    known = body[0] in MANUFACTURERS and body[0] != 0
    return len(body) >= (_CREDIBLE_MAKER_RUN if known else _CREDIBLE_RUN)


def _all_data(data: bytes) -> bool:
    end = len(data) - 1 if data[-1:] == bytes((SYSEX_END,)) else len(data)
    return all(b < 0x80 for b in data[1:end])
