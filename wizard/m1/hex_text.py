"""Files holding MIDI bytes written out as hex text ("F0 42 30 19 ..."), and their decoding."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Text is printable ASCII plus the usual whitespace; a UTF-8 byte-order mark is allowed first
# because Windows editors add one.
_TEXT_BYTES = frozenset(range(0x20, 0x7F)) | frozenset(b"\t\n\r\f\v")
_BOM = b"\xef\xbb\xbf"
_SEPARATORS = "[\\s,]"
_TOKEN = "(?:0[xX])?[0-9A-Fa-f]{2}"
# Pairs must be separated; "F04230" is not accepted, so a word like "add" never reads as hex.
_WHOLE = re.compile(rf"{_SEPARATORS}*(?:{_TOKEN}(?={_SEPARATORS}|\Z){_SEPARATORS}*)+")
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


def is_text(data: bytes) -> bool:
    """True when `data` holds nothing but printable ASCII and whitespace."""
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    return bool(data) and not (set(data) - _TEXT_BYTES)


def decode_hex_text(data: bytes) -> bytes | BadHexText:
    """The bytes a hex-text file spells out.

    Accepts hex pairs separated by whitespace or commas, each perhaps with a `0x` prefix.

    Args:
        data: The file's bytes; call `is_text` first.

    Returns:
        The decoded bytes, or where the text stops being hex pairs.
    """
    if data.startswith(_BOM):
        data = data[len(_BOM) :]
    text = data.decode("ascii", errors="replace")
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
