"""Korg 7-in-8 packing of dump payloads (m1-sysex.md §3.1)."""

from __future__ import annotations

from wizard.errors import BuildError, ParseError

GROUP = 7


def packed_length(raw_length: int) -> int:
    """Number of packed bytes that carry `raw_length` raw bytes.

    Args:
        raw_length: Count of 8-bit data bytes.

    Returns:
        Count of 7-bit bytes on the wire: 8 per full group of 7, plus 1 + the rest.
    """
    full, rest = divmod(raw_length, GROUP)
    return 8 * full + (rest + 1 if rest else 0)


def raw_length(packed_len: int) -> int:
    """Inverse of `packed_length`.

    Raises:
        ParseError: No raw length packs to exactly `packed_len` bytes (a final group
            of one byte would hold only its MSB byte).
    """
    full, rest = divmod(packed_len, 8)
    if rest == 1:
        raise ParseError(
            f"{packed_len} packed bytes cannot be valid 7-in-8 data "
            "(a group would hold only its top-bit byte).",
            "The data is damaged or is not M1 data; use another copy.",
        )
    return GROUP * full + (rest - 1 if rest else 0)


def pack(raw: bytes) -> bytes:
    """Pack 8-bit data into 7-bit bytes: each group of up to 7 bytes is preceded by a byte
    whose bit i holds bit 7 of the group's i-th byte."""
    out = bytearray()
    for start in range(0, len(raw), GROUP):
        group = raw[start : start + GROUP]
        top = 0
        for i, value in enumerate(group):
            top |= ((value >> 7) & 1) << i
        out.append(top)
        out.extend(value & 0x7F for value in group)
    return bytes(out)


def unpack(packed: bytes) -> bytes:
    """Unpack 7-in-8 data back to 8-bit bytes.

    Unused top bits of a short final group are ignored, as the M1 would.

    Raises:
        ParseError: A byte has bit 7 set (not sysex data) or the length is impossible.
    """
    raw_length(len(packed))
    out = bytearray()
    for start in range(0, len(packed), GROUP + 1):
        top = packed[start]
        group = packed[start + 1 : start + GROUP + 1]
        for i, value in enumerate((top, *group)):
            if value > 0x7F:
                raise ParseError(
                    f"byte {value:02X} inside packed data has its top bit set.",
                    "The data is damaged or is not M1 data; use another copy.",
                    offset=start + i,
                )
        for i, value in enumerate(group):
            out.append(value | (((top >> i) & 1) << 7))
    return bytes(out)


def check_raw(raw: bytes, expected: int, what: str) -> None:
    """Refuse to build a record of the wrong size.

    Raises:
        BuildError: `raw` is not `expected` bytes long.
    """
    if len(raw) != expected:
        raise BuildError(f"{what} must be {expected} bytes, got {len(raw)}.")
