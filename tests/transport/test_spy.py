"""The MIDI log the spy writes, line by line, as traffic happens."""

from __future__ import annotations

import hashlib
import io
import re
from collections import deque
from pathlib import Path

import pytest

from tests.transport.fakes import FakeClock
from wizard.errors import TransportError
from wizard.transport.base import (
    ByteProgress,
    DamagedMessageError,
    PortPair,
    Transport,
    check_outgoing,
)
from wizard.transport.spy import SpyTransport, abbreviate

MODE_REQUEST = bytes.fromhex("F0 42 30 19 12 F7")
LOAD_COMPLETED = bytes.fromhex("F0 42 30 19 23 F7")


class ScriptedTransport(Transport):
    """Sends into a list; receives what the test queued (bytes, None, or an error)."""

    def __init__(self, clock: FakeClock, limit: int | None = 16379) -> None:
        self.clock = clock
        self.sent: list[bytes] = []
        self.incoming: deque[tuple[float, bytes | Exception | None]] = deque()
        self.limit = limit
        self.closed = False

    @property
    def max_message_size(self) -> int | None:
        return self.limit

    @property
    def ports(self) -> PortPair:
        return PortPair("UM-ONE in", "UM-ONE out")

    def send(self, data: bytes) -> None:
        check_outgoing(data, self.limit, "JACK MIDI")
        self.clock.advance(0.001)
        self.sent.append(data)

    def receive(self, timeout: float, *, on_bytes: ByteProgress | None = None) -> bytes | None:
        after, item = self.incoming.popleft()
        self.clock.advance(after)
        if isinstance(item, Exception):
            raise item
        return item

    def clear_input(self) -> None:
        self.incoming.clear()

    def close(self) -> None:
        self.closed = True


def test_every_message_is_a_line_with_time_direction_length_and_hex() -> None:
    clock = FakeClock()
    inner = ScriptedTransport(clock)
    inner.incoming.extend([(0.25, LOAD_COMPLETED), (2.0, None)])
    log = io.StringIO()
    spy = SpyTransport(inner, log, clock)
    spy.send(MODE_REQUEST)
    assert spy.receive(1.0) == LOAD_COMPLETED
    assert spy.receive(2.0) is None
    spy.close()
    lines = log.getvalue().splitlines()
    assert re.fullmatch(
        r"# m1-wizard MIDI log started \S+; in: UM-ONE in; out: UM-ONE out; "
        r"largest message: 16379",
        lines[0],
    )
    assert lines[1:] == [
        "    0.001000 OUT      6 F0 42 30 19 12 F7",
        "    0.251000 IN       6 F0 42 30 19 23 F7",
        "# 2.251000 IN nothing within 2 s",
        "# 2.251000 closed",
    ]
    assert inner.sent == [MODE_REQUEST]
    assert inner.closed


def test_long_messages_are_abbreviated_with_length_and_sha256() -> None:
    bank = bytes.fromhex("F0 42 30 19 4C 00") + bytes(16343) + b"\xf7"
    digest = hashlib.sha256(bank).hexdigest()
    assert abbreviate(bank) == (
        "F0 42 30 19 4C 00 00 00 00 00 00 00 00 00 00 00 ... 00 00 00 F7 "
        f"(16330 bytes not shown) sha256={digest}"
    )


def test_refused_and_damaged_messages_are_noted() -> None:
    clock = FakeClock()
    inner = ScriptedTransport(clock)
    partial = bytes.fromhex("F0 42 30 19 4C 00 01")
    inner.incoming.append(
        (0.5, DamagedMessageError("A SysEx message broke off after 7 bytes: test.", partial))
    )
    log = io.StringIO()
    spy = SpyTransport(inner, log, clock)
    with pytest.raises(TransportError):
        spy.send(b"\xf0" + bytes(18291) + b"\xf7")
    with pytest.raises(DamagedMessageError):
        spy.receive(1.0)
    assert log.getvalue().splitlines()[1:] == [
        "# 0.000000 OUT refused, 18293 bytes: The message is 18293 bytes long but JACK MIDI "
        "carries at most 16379 bytes in one message, so it was not sent.",
        "# 0.500000 IN damaged: A SysEx message broke off after 7 bytes: test.",
        "    0.500000 IN       7 F0 42 30 19 4C 00 01",
    ]


def test_a_log_file_is_written_as_it_goes(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "midi.log"
    spy = SpyTransport(ScriptedTransport(clock), path, clock)
    spy.send(MODE_REQUEST)
    # Readable before close: a crash later still leaves the lines on disk.
    assert path.read_text(encoding="utf-8").splitlines()[-1] == (
        "    0.001000 OUT      6 F0 42 30 19 12 F7"
    )
    spy.close()
    spy.close()
    assert path.read_text(encoding="utf-8").splitlines()[-1] == "# 0.001000 closed"


def test_lone_realtime_bytes_and_polling_timeouts_can_be_left_out() -> None:
    clock = FakeClock()
    inner = ScriptedTransport(clock)
    inner.incoming.extend([(0.25, None), (0.25, MODE_REQUEST)])
    quiet = io.StringIO()
    spy = SpyTransport(inner, quiet, clock, note_timeouts=False)
    spy.send(b"\xfe")
    assert spy.receive(0.25) is None
    assert spy.receive(0.25) == MODE_REQUEST
    assert quiet.getvalue().splitlines()[1:] == ["    0.501000 IN       6 F0 42 30 19 12 F7"]
    assert inner.sent == [b"\xfe"]

    everything = io.StringIO()
    SpyTransport(inner, everything, clock, realtime=True).send(b"\xfe")
    assert everything.getvalue().splitlines()[1:] == ["    0.001000 OUT      1 FE"]
