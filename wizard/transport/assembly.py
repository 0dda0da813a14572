"""Turns the byte pieces a MIDI system delivers into whole messages.

Operating systems hand over SysEx in pieces (WinMM: one piece per input buffer, the
first starting with F0, middle ones with no status byte, the last ending with F7;
ALSA: 256-byte events). Realtime bytes may sit anywhere, even inside a SysEx message
(m1-sysex.md §5.4). This module is pure: no ports, no clocks.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from wizard.transport.base import FIRST_REALTIME, SYSEX_END, SYSEX_START

# Data bytes that follow each status byte (MIDI 1.0); 0xF4/0xF5 are undefined.
_SYSTEM_COMMON_LENGTH = {0xF1: 2, 0xF2: 3, 0xF3: 2, 0xF6: 1}


def short_message_length(status: int) -> int | None:
    """Total length of the non-SysEx message that `status` starts, None if undefined."""
    if 0x80 <= status < 0xF0:
        return 2 if status & 0xF0 in (0xC0, 0xD0) else 3
    return _SYSTEM_COMMON_LENGTH.get(status)


@dataclass(frozen=True)
class Assembled:
    """One message the assembler finished.

    Attributes:
        data: The bytes, realtime bytes removed.
        damage: None for a whole message; otherwise why a SysEx message broke off.
    """

    data: bytes
    damage: str | None = None


class MessageAssembler:
    """Feeds on byte pieces, hands out whole messages in arrival order."""

    def __init__(self) -> None:
        self._sysex: bytearray | None = None
        self._short = bytearray()
        self._short_length = 0
        self._done: deque[Assembled] = deque()
        self.discarded = 0
        """Bytes thrown away because they belonged to no message (junk before F0)."""

    @property
    def pending_length(self) -> int:
        """Bytes of the message still being assembled (0 when none is)."""
        if self._sysex is not None:
            return len(self._sysex)
        return len(self._short)

    def feed(self, piece: bytes) -> int:
        """Take one piece as the MIDI system delivered it.

        Returns:
            How many bytes of it belong to messages (realtime and junk bytes do not
            count), so a caller knows whether a message is making progress.
        """
        useful = 0
        for byte in piece:
            if byte >= FIRST_REALTIME:
                continue
            if self._take(byte):
                useful += 1
            else:
                self.discarded += 1
        return useful

    def pop(self) -> Assembled | None:
        """The oldest finished message, or None."""
        return self._done.popleft() if self._done else None

    def newest(self) -> Assembled | None:
        """The most recently finished message not yet popped, or None."""
        return self._done[-1] if self._done else None

    def reset(self) -> None:
        """Drop finished messages and the one in progress."""
        self._sysex = None
        self._short.clear()
        self._done.clear()

    def _take(self, byte: int) -> bool:
        if byte == SYSEX_START:
            self._break_sysex("a new message (F0) started before its end byte (F7)")
            self._short.clear()
            self._sysex = bytearray((byte,))
            return True
        if self._sysex is not None:
            if byte < 0x80:
                self._sysex.append(byte)
                return True
            if byte == SYSEX_END:
                self._sysex.append(byte)
                self._done.append(Assembled(bytes(self._sysex)))
                self._sysex = None
                return True
            self._break_sysex(f"a status byte {byte:02X} arrived before its end byte (F7)")
        if byte >= 0x80:
            return self._start_short(byte)
        if self._short:
            self._short.append(byte)
            if len(self._short) == self._short_length:
                self._done.append(Assembled(bytes(self._short)))
                self._short.clear()
            return True
        return False

    def _start_short(self, status: int) -> bool:
        self._short.clear()
        length = short_message_length(status)
        if length is None:  # F4, F5, or an F7 with no SysEx open
            return False
        if length == 1:
            self._done.append(Assembled(bytes((status,))))
            return True
        self._short.append(status)
        self._short_length = length
        return True

    def _break_sysex(self, why: str) -> None:
        if self._sysex is None:
            return
        data = bytes(self._sysex)
        self._sysex = None
        self._done.append(
            Assembled(data, f"A SysEx message broke off after {len(data)} bytes: {why}.")
        )
