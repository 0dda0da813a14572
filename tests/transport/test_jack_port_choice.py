"""Over a private JACK server: the port chosen is the port opened while other clients
come and go, m1-wizard never talks to itself, one run per port, and no hang at close."""

from __future__ import annotations

import io
import os
import queue
import signal
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from wizard.errors import TransportError
from wizard.transport.port_names import PortChoice
from wizard.transport.rtmidi_ports import list_ports, open_ports, open_virtual_ports
from wizard.transport.spy import SpyTransport

pytestmark = pytest.mark.jack

REPO = Path(__file__).resolve().parent.parent.parent
LINE_SECONDS = 60.0
STOP_SECONDS = 15.0
CYCLES = 40
PROBE = bytes.fromhex("F0 7D 01 F7")


@pytest.fixture(autouse=True)
def _jack(jack_server: str) -> Iterator[None]:
    yield


def unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


class Peer:
    """A `jack_peers` process and the lines it prints (read on a thread: bounded waits)."""

    def __init__(self, role: str, name: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.transport.jack_peers", role, name],
            cwd=REPO,
            env=os.environ.copy(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, text: str) -> None:
        while True:
            try:
                line = self.lines.get(timeout=LINE_SECONDS)
            except queue.Empty:
                pytest.fail(f"no line {text!r} within {LINE_SECONDS} s; so far: {self.seen[-5:]}")
            if line is None:
                pytest.fail(f"ended before {text!r}; output: {self.seen[-15:]}")
            self.seen.append(line)
            if line == text:
                return

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=STOP_SECONDS)


@contextmanager
def peer(role: str, name: str, ready: str) -> Iterator[Peer]:
    running = Peer(role, name)
    try:
        running.wait_for(ready)
        yield running
    finally:
        running.kill()


def test_the_named_port_gets_the_data_while_others_come_and_go() -> None:
    first = open_virtual_ports(unique("SYNTHA"))
    try:
        for _ in range(3):
            # A client that came before the wanted one goes: its port numbers are free,
            # and m1-wizard's own new input port takes them, ahead of the wanted port.
            passing = open_virtual_ports(unique("passing"))
            wanted = open_virtual_ports(unique("SYNTHB"))
            passing.close()
            log = io.StringIO()
            name = wanted.ports.input.removesuffix(" MIDI IN")
            with (
                wanted,
                SpyTransport(open_ports(PortChoice.from_options(name, None, None)), log) as host,
            ):
                host.send(PROBE)
                assert wanted.receive(5.0) == PROBE
                assert first.receive(0.2) is None
                assert host.receive(0.2) is None  # not its own input either
                assert host.ports.output.endswith(f":{wanted.ports.input}")
                assert host.ports.input.endswith(f":{wanted.ports.output}")
            header = log.getvalue().splitlines()[0]
            assert f"in: {host.ports.input}; out: {host.ports.output};" in header
    finally:
        first.close()


def test_m1_wizards_own_port_is_refused_by_name() -> None:
    device = open_virtual_ports(unique("Device"))
    name = device.ports.input.removesuffix(" MIDI IN")
    try:
        with open_ports(PortChoice.from_options(name, None, None)):
            (own,) = [port for port in list_ports().inputs if port.endswith(":m1-wizard out")]
            with pytest.raises(TransportError) as caught:
                open_ports(PortChoice("m1-wizard out", name))
    finally:
        device.close()
    assert str(caught.value) == (
        f'The MIDI input port "{own}" is one of m1-wizard\'s own ports, not a device: what is '
        "sent there comes straight back without passing any interface. Give part of the "
        "interface's or the M1's port name; `m1-wizard ports` lists them."
    )


def test_a_second_run_on_the_same_port_is_told_and_a_killed_run_frees_it() -> None:
    device = open_virtual_ports(unique("Shared M1"))
    name = device.ports.input.removesuffix(" MIDI IN")
    try:
        with peer("hold", name, "holding") as holder:
            with pytest.raises(TransportError) as caught:
                open_ports(PortChoice.from_options(name, None, None))
            holder.kill()  # SIGKILL: the kernel drops its lock with the process
        with open_ports(PortChoice.from_options(name, None, None)) as host:
            host.send(PROBE)
            assert device.receive(5.0) == PROBE
    finally:
        device.close()
    assert str(caught.value) == (
        f"Another m1-wizard run (process {holder.process.pid}) is using the MIDI input port "
        f'"{host.ports.input}"; two runs at once would mix up their messages. Wait for that '
        "run to finish (or end it), then run this command again."
    )


def test_closing_ports_under_a_flood_never_hangs_and_ctrl_c_ends_it() -> None:
    # With a Python input callback this hung within 0 to 60 cycles in 5 runs of 5.
    name = unique("Flood")
    with peer("flood", name, "ready"), peer("cycle", name, "cycle 1") as cycler:
        cycler.wait_for(f"cycle {CYCLES}")
        cycler.process.send_signal(signal.SIGINT)
        cycler.wait_for("interrupted")
        assert cycler.process.wait(timeout=STOP_SECONDS) == 0
