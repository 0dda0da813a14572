"""Waiting out a dump the M1 is still sending, so that a run started right after an
interrupted one finds the M1 instead of blaming the cables.

An M1 asked for a dump sends all of it, whoever still listens: up to 17 s for ALL DATA
(53 KB at 3125 bytes/s, m1-sysex.md §3.4, §3.7), and it answers nothing else until the
last byte is out. A new run sees only the rest of that dump (no F0, so the transport
counts the bytes as stray) or, on systems that hand over whole messages, its end.
"""

from __future__ import annotations

from dataclasses import dataclass

from wizard.device.exchange import TICK, Exchange, longest_reply
from wizard.device.outcomes import DeviceError
from wizard.m1 import Function

STILL_SENDING = "The M1 is still sending the last dump; waiting for it to finish ..."

SYSEX_START = b"\xf0"

LONGEST_DUMP = Function.ALL_DATA_DUMP
"""The longest dump an interrupted run can have asked for."""


@dataclass(frozen=True)
class Heard:
    """How much had arrived at one moment, to tell later whether anything came since."""

    stray: int
    sysex: int

    @classmethod
    def now(cls, exchange: Exchange) -> Heard:
        """The counts as they are now."""
        sysex = sum(1 for data in exchange.unsolicited if data[:1] == SYSEX_START)
        return cls(exchange.transport.stray_bytes, sysex)

    def since(self, exchange: Exchange) -> bool:
        """True when SysEx bytes arrived since this mark that answered nothing.

        Notes and controllers played meanwhile do not count: they are no dump.
        """
        return Heard.now(exchange) != self


def wait_out_dump(exchange: Exchange, announce: bool = True) -> None:
    """Say that the M1 is still sending (`announce`: not again on a second wait), then
    drop what arrives until it stops.

    The input counts as quiet after `timeouts.idle` seconds without a byte; the wait never
    lasts longer than the longest dump's wire time plus `timeouts.first_reply`.
    """
    if announce and exchange.notice is not None:
        exchange.notice(STILL_SENDING)
    clock = exchange.clock
    longest = exchange.wire_time(longest_reply(LONGEST_DUMP))
    limit = clock() + longest + exchange.timeouts.first_reply
    quiet_since = clock()
    while clock() < limit:
        mark = Heard.now(exchange)
        broken = False
        try:
            data = exchange.receive_one(min(TICK, exchange.timeouts.idle))
        except DeviceError:
            data, broken = None, True  # a SysEx message that broke off is traffic too
        if data is not None:
            exchange.unsolicited.append(data)
        if broken or mark.since(exchange):
            quiet_since = clock()
        elif clock() - quiet_since >= exchange.timeouts.idle:
            return
