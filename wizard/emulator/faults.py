"""Fault switches for the emulated M1 and the seeded line that applies them to messages in
both directions (lost and damaged bytes, silence, lateness, wrong channel, stray traffic)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from wizard.errors import BuildError
from wizard.m1.constants import (
    ACTIVE_SENSING,
    FORMAT_BASE,
    KORG_ID,
    M1_MODEL_ID,
    SYSEX_START,
    UNIVERSAL_NON_REALTIME,
    Mode,
)
from wizard.m1.messages import ModeChange

LONG_MESSAGE = 256
"""Messages longer than this many bytes count as long: only they lose or gain bytes, as
on interfaces whose buffers fail on long SysEx (§5.5)."""

PAYLOAD_START = 8
"""Bytes lost or damaged are taken after the first 8 (header, function code and the
bank/size prefix of §3.4) and before F7, where a failing interface garbles the data
without breaking the frame."""


@dataclass(frozen=True)
class Faults:
    """What goes wrong between the host and the emulated M1; all off by default.

    Attributes:
        seed: Seed of the random choice of byte positions; the same seed and the same
            traffic give the same damage.
        long_message: Length above which a message is "long".
        drop_input: Bytes lost from each long message the host sends.
        corrupt_input: Bytes changed (to another 7-bit value) in each long message the
            host sends.
        drop_output: Bytes lost from each long message the M1 sends.
        corrupt_output: Bytes changed in each long message the M1 sends.
        silent: The M1 never answers (its MIDI OUT is dead): it still acts on what it
            receives, but nothing comes back, not even active sensing.
        late: Extra seconds before every reply.
        reply_channel: Channel (1-16) written into the header of everything the M1
            sends, while it keeps listening on its global channel.
        sensing_in_dumps: FE bytes inserted inside each long message the M1 sends
            (legal MIDI: realtime bytes may interrupt SysEx).
        mode_change_before_dumps: A complete 4E message goes out before each long
            message the M1 sends, as if the mode had been changed on the panel.
    """

    seed: int = 0
    long_message: int = LONG_MESSAGE
    drop_input: int = 0
    corrupt_input: int = 0
    drop_output: int = 0
    corrupt_output: int = 0
    silent: bool = False
    late: float = 0.0
    reply_channel: int | None = None
    sensing_in_dumps: int = 0
    mode_change_before_dumps: bool = False

    def __post_init__(self) -> None:
        counts = (
            self.long_message,
            self.drop_input,
            self.corrupt_input,
            self.drop_output,
            self.corrupt_output,
            self.sensing_in_dumps,
        )
        if min(counts) < 0:
            raise BuildError("fault byte counts and the long-message size cannot be negative.")
        if self.late < 0:
            raise BuildError(f"a reply cannot come {self.late} seconds late.")
        if self.reply_channel is not None and not 1 <= self.reply_channel <= 16:
            raise BuildError(f"MIDI channel {self.reply_channel} does not exist (1-16).")


class FaultLine:
    """Applies a `Faults` to traffic, drawing byte positions from its own seeded generator."""

    def __init__(self, faults: Faults) -> None:
        self.faults = faults
        self._random = random.Random(faults.seed)

    def damage_input(self, data: bytes) -> bytes:
        """A host message as the M1 receives it."""
        if len(data) <= self.faults.long_message:
            return data
        data = self._drop(data, self.faults.drop_input)
        return self._corrupt(data, self.faults.corrupt_input)

    def damage_output(self, data: bytes, mode: Mode) -> list[bytes]:
        """An M1 message as it reaches the host, with any stray message sent before it.

        Args:
            data: One complete message the M1 sends.
            mode: The M1's mode, for the stray 4E.
        """
        faults = self.faults
        if faults.reply_channel is not None:
            data = readdress(data, faults.reply_channel)
        if len(data) <= faults.long_message:
            return [data]
        data = self._drop(data, faults.drop_output)
        data = self._corrupt(data, faults.corrupt_output)
        data = self._interleave_sensing(data, faults.sensing_in_dumps)
        if not faults.mode_change_before_dumps:
            return [data]
        channel = faults.reply_channel or header_channel(data)
        return [ModeChange(channel, int(mode), 0).to_bytes(), data]

    def _positions(self, data: bytes, count: int) -> list[int]:
        candidates = range(PAYLOAD_START, len(data) - 1)
        return self._random.sample(candidates, min(count, len(candidates)))

    def _drop(self, data: bytes, count: int) -> bytes:
        lost = set(self._positions(data, count))
        return bytes(b for i, b in enumerate(data) if i not in lost)

    def _corrupt(self, data: bytes, count: int) -> bytes:
        out = bytearray(data)
        for i in self._positions(data, count):
            out[i] = (out[i] + self._random.randrange(1, 0x80)) & 0x7F
        return bytes(out)

    def _interleave_sensing(self, data: bytes, count: int) -> bytes:
        out = bytearray(data)
        where = sorted(self._random.randrange(1, len(data) - 1) for _ in range(count))
        for i in reversed(where):
            out.insert(i, ACTIVE_SENSING)
        return bytes(out)


def header_channel(data: bytes) -> int:
    """The global channel an M1 or identity message names (1 when it names none)."""
    if len(data) > 2 and data[0] == SYSEX_START and data[1] == KORG_ID:
        return (data[2] & 0x0F) + 1
    if len(data) > 2 and data[0] == SYSEX_START and data[1] == UNIVERSAL_NON_REALTIME:
        return (data[2] & 0x0F) + 1
    return 1


def readdress(data: bytes, channel: int) -> bytes:
    """`data` with `channel` in its header (§1.1 `3n`, §1.2 `0g`); other bytes untouched."""
    if len(data) > 3 and data[0] == SYSEX_START and data[1] == KORG_ID and data[3] == M1_MODEL_ID:
        return data[:2] + bytes((FORMAT_BASE + channel - 1,)) + data[3:]
    if len(data) > 2 and data[0] == SYSEX_START and data[1] == UNIVERSAL_NON_REALTIME:
        return data[:2] + bytes((channel - 1,)) + data[3:]
    return data
