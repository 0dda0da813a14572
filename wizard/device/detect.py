"""Finding the M1: identity request to all channels, then MODE REQUEST channel by channel
(m1-sysex.md §1.2, §2.4, §4.4)."""

from __future__ import annotations

from dataclasses import dataclass

from wizard.device.exchange import Exchange, longest_reply
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.settle import LONGEST_DUMP, Heard, wait_out_dump
from wizard.m1 import Function, IdentityReply, IdentityRequest, Message, ModeData, Request
from wizard.m1.constants import Allocation


@dataclass(frozen=True)
class Detection:
    """What the M1 told about itself.

    Attributes:
        channel: Its global MIDI channel, 1-16.
        identity: The identity reply, or None when only MODE REQUEST was answered.
        mode_data: The MODE DATA reply, or None when the M1 did not send one.
        found_by: "identity request" or "mode request".
    """

    channel: int
    identity: IdentityReply | None
    mode_data: ModeData | None
    found_by: str

    @property
    def allocation(self) -> Allocation | None:
        """The memory allocation from MODE DATA, when known."""
        return None if self.mode_data is None else self.mode_data.allocation_value

    @property
    def version_bytes(self) -> str:
        """The raw ROM/software version bytes of the identity reply, as hex, or "unknown"."""
        if self.identity is None:
            return "unknown (the M1 did not answer the identity request)"
        return self.identity.version.hex(" ").upper()

    def _version_line(self) -> str:
        """The software version in plain words, as raw numbers: Korg never published which
        numbers stand for which version (unit-identification.md), so nothing is read into
        them."""
        if self.identity is None:
            return "Software version: not reported by this M1."
        return (
            f"Software version as the M1 reports it: {self.version_bytes} (raw numbers; Korg "
            "never published which version they stand for)"
        )

    def lines(self, version: bool = True) -> list[str]:
        """The result in plain words, one fact per line.

        Args:
            version: Include the software version's raw numbers (for a bug report; the
                wizard's screen leaves them out, they mean nothing to a musician).
        """
        out = ["Found a Korg M1 (or M1R / M1EX).", f"Global MIDI channel: {self.channel}"]
        if version:
            out.append(self._version_line())
        if self.mode_data is None:
            out.append("Mode, memory allocation, cards: unknown (no answer to MODE REQUEST)")
            return out
        data = self.mode_data
        allocation = self.allocation
        out += [
            f"Mode: {data.mode_label}",
            "Memory allocation: "
            + (allocation.label if allocation is not None else f"unknown ({data.allocation})"),
            f"Program card slot: {data.card_label}",
            f"PCM card: {_pcm_label(data.pcm_card)}",
        ]
        return out


def _pcm_label(value: int) -> str:
    return {0: "card off", 1: "no card", 2: "PCM card inserted"}.get(value, f"unknown ({value})")


def _mode_data(exchange: Exchange, wait: float) -> ModeData | None:
    request = Request(exchange.channel, Function.MODE_REQUEST)
    exchange.transport.clear_input()
    exchange.transport.send(request.to_bytes())

    def answers(message: Message) -> bool:
        return isinstance(message, ModeData) and message.channel == exchange.channel

    try:
        reply = exchange.await_reply(answers, wait)
    except DeviceError as error:
        if error.outcome is Outcome.SILENT:
            return None
        raise
    assert isinstance(reply, ModeData)
    return reply


def _identity(exchange: Exchange) -> IdentityReply | None:
    exchange.transport.clear_input()
    exchange.transport.send(IdentityRequest().to_bytes())
    try:
        reply = exchange.await_reply(
            lambda m: isinstance(m, IdentityReply), exchange.timeouts.identity
        )
    except DeviceError as error:
        if error.outcome is Outcome.SILENT:
            return None
        raise
    assert isinstance(reply, IdentityReply)
    if not reply.is_m1:
        raise DeviceError(
            Outcome.NOT_AN_M1,
            f"Its identity reply names manufacturer {reply.manufacturer:02X}, "
            f"family {reply.family.hex(' ').upper()}.",
        )
    return reply


def detect(exchange: Exchange) -> Detection:
    """Find the M1 and read its channel, mode, allocation and card status.

    Sets `exchange.channel` to the M1's global channel. When nothing answers but bytes
    arrive, the M1 is still sending a dump (from a run that was interrupted): the wait is
    announced through `exchange.notice`, the dump waited out, and the M1 asked again.

    Raises:
        DeviceError: SILENT when nothing answers on any channel, NOT_AN_M1 for another
            instrument, DAMAGED_REPLY when the replies arrive broken.
    """
    # The wait ends after a quiet spell; a computer under load (or an interface that
    # hands bytes over in bursts) can make a gap inside the dump look like its end, so a
    # dump still heard afterwards is waited out again, within the longest dump's time.
    limit = exchange.clock() + exchange.wire_time(longest_reply(LONGEST_DUMP))
    announce = True
    while exchange.clock() < limit:
        try:
            return _find(exchange, Heard.now(exchange))
        except _StillSending:
            wait_out_dump(exchange, announce)
            announce = False
    return _find(exchange, None)


class _StillSending(Exception):
    """Nothing answered, but bytes arrived: the M1 is busy sending."""


def _find(exchange: Exchange, mark: Heard | None) -> Detection:
    """One detection; with a `mark`, it gives up early when bytes arrived since it.

    Raises:
        _StillSending: Nothing answered and bytes arrived since `mark`.
    """
    identity = _identity(exchange)
    if identity is not None:
        exchange.channel = identity.channel
        return Detection(
            identity.channel,
            identity,
            _mode_data(exchange, exchange.timeouts.first_reply),
            "identity request",
        )
    if mark is not None and mark.since(exchange):
        raise _StillSending
    for channel in range(1, 17):
        exchange.channel = channel
        mode_data = _mode_data(exchange, exchange.timeouts.scan)
        if mode_data is not None:
            return Detection(channel, None, mode_data, "mode request")
    exchange.channel = 1
    if mark is not None and mark.since(exchange):
        raise _StillSending
    raise DeviceError(
        Outcome.SILENT,
        "Neither the identity request nor a MODE REQUEST on any of the 16 channels was answered.",
    )
