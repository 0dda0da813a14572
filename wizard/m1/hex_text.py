"""Files holding MIDI bytes written out as hex text ("F0 42 30 19 ..."), and their decoding."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Text is UTF-8 (ASCII included) without control characters other than whitespace; a
# byte-order mark is allowed first because Windows editors add one, and UTF-16 text (which
# Windows Notepad saves as "Unicode") is read as text too.
_WHITESPACE = frozenset("\t\n\r\f\v")
_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_SEPARATORS = "[\\s,]"
# A token is one or more hex pairs ("F0" or "F04230"), perhaps after 0x: an odd number of
# digits is refused, so a word like "add" never reads as hex.
_TOKEN = "(?:0[xX])?(?:[0-9A-Fa-f]{2})+"
_WHOLE = re.compile(rf"{_SEPARATORS}*(?:{_TOKEN}(?={_SEPARATORS}|\Z){_SEPARATORS}*)+")
_COMMENT = re.compile("#[^\n]*")
_ONE_TOKEN = re.compile(rf"{_TOKEN}\Z")
_PREFIX = re.compile("0[xX]")
_WORD = re.compile(r"[^\s,]+")
_SHOWN_TOKEN = 20


@dataclass(frozen=True)
class BadHexText:
    """Where a text file stops being hex pairs.

    Attributes:
        token: The first word that is not a hex pair (cut to 20 characters).
        line: 1-based line of that word.
    """

    token: str
    line: int


def _text_of(data: bytes) -> str | None:
    """The text `data` holds (UTF-8, or UTF-16 after its byte-order mark), or None."""
    try:
        if data[:2] in _UTF16_BOMS:
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def is_text(data: bytes) -> bool:
    """True when `data` is text: UTF-8 or UTF-16 without control characters other than
    whitespace (binary MIDI data never decodes so: F0 is not followed by a continuation)."""
    text = _text_of(data)
    return bool(text) and all(c.isprintable() or c in _WHITESPACE for c in text or "")


def decode_hex_text(data: bytes) -> bytes | BadHexText:
    """The bytes a hex-text file spells out.

    Accepts hex pairs, written together or separated by whitespace or commas, each group
    perhaps with a `0x` prefix; `#` starts a comment that runs to the end of the line.

    Args:
        data: The file's bytes; call `is_text` first.

    Returns:
        The decoded bytes, or where the text stops being hex pairs.
    """
    # Comments become spaces, so line numbers in the error stay those of the file.
    text = _COMMENT.sub(" ", _text_of(data) or "")
    if _WHOLE.fullmatch(text):
        return bytes.fromhex(_PREFIX.sub("", text).replace(",", " "))
    return _first_bad_token(text)


def _first_bad_token(text: str) -> BadHexText:
    for match in _WORD.finditer(text):
        if not _ONE_TOKEN.match(match.group()):
            line = text.count("\n", 0, match.start()) + 1
            return BadHexText(match.group()[:_SHOWN_TOKEN], line)
    # Only reached for text without any word: whitespace and commas alone.
    return BadHexText("", 1)


# `xxd` prints "00000010: f042 3019 ...  .B0." (offset, colon, hex groups, two spaces, the
# bytes as text); `hexdump -C` prints "00000010  f0 42 30 19 ...  |.B0.|", a "*" line for
# lines repeating the one before, and the end offset alone on the last line.
_DUMP_OFFSET = re.compile(r"([0-9A-Fa-f]{6,16})(:?)(?:[ \t]+(.*))?")
_HEX_GROUP = re.compile(r"(?:[0-9A-Fa-f]{2})+")
_REPEAT = "*"


def _dump_line_bytes(colon: str, rest: str) -> bytes | None:
    """The bytes of one line after its offset, or None when it is not in the layout."""
    if colon:
        hex_part = rest.split("  ", 1)[0]  # xxd: two spaces before the text column
    elif "|" in rest:
        hex_part = rest.split("|", 1)[0]  # hexdump -C: the text column is in bars
    else:
        return None
    groups = hex_part.split()
    if not groups or not all(_HEX_GROUP.fullmatch(g) for g in groups):
        return None
    return bytes.fromhex("".join(groups))


def decode_hex_dump(data: bytes) -> bytes | BadHexText | None:
    """The bytes an `xxd` or `hexdump -C` listing spells out (offset column, hex groups,
    text column), as people publish dumps online.

    Args:
        data: The file's bytes; call `is_text` first.

    Returns:
        The bytes; where the listing stops following its layout (a line whose offset or
        columns do not fit); or None when the text is not such a listing at all.
    """
    lines = (_text_of(data) or "").splitlines()
    out = bytearray()
    previous = b""
    repeating = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        match = _DUMP_OFFSET.fullmatch(line)
        found = None if match is None or match[3] is None else _dump_line_bytes(match[2], match[3])
        if line == _REPEAT and previous:
            repeating = True
            continue
        if match is None or (found is None and match[3] is not None):
            return None if not out else BadHexText(line[:_SHOWN_TOKEN].rstrip(), number)
        offset = int(match[1], 16)
        if repeating:
            gap = offset - len(out)
            if gap < 0 or gap % len(previous):
                return BadHexText(line[:_SHOWN_TOKEN].rstrip(), number)
            out += previous * (gap // len(previous))
            repeating = False
        if offset != len(out):
            return None if not out else BadHexText(line[:_SHOWN_TOKEN].rstrip(), number)
        if found is None:
            break  # the end offset alone closes a hexdump -C listing
        out += found
        previous = found
    return bytes(out) if out else None
