"""A whole ALL DATA restored through a raw MIDI device: a pseudo-terminal with the emulated
M1 served at its far end as `m1-wizard emulate --pty` serves it, with wire timing in both
directions (the message reaches the M1 at 3,125 bytes/s, and its replies come back byte
by byte at the same rate).

Run with `uv run python -m benchmarks.bench_raw_restore` (about 35 s). It reports the send
and read-back times and (send + read-back) / (twice the wire time of the bytes sent);
target: at most 1.05. The data is Korg's factory set as one 49,791-byte ALL DATA
message, made from ../shared/fixtures/m1/ when present, else the synthetic factory
memory as one ALL DATA message.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from wizard.device.detect import detect
from wizard.device.exchange import Exchange
from wizard.device.restore import RestoreState, plan_restore, read_back, send_plan, verify
from wizard.emulator import M1Emulator, Timing, build_state, load_messages
from wizard.m1 import parse
from wizard.m1.constants import WIRE_BYTES_PER_SECOND
from wizard.m1.syx_file import read_dump_bytes
from wizard.transport.bridge import EmulatorBridge, Traffic
from wizard.transport.link import EmulatorLink
from wizard.transport.pty_port import open_pty_port
from wizard.transport.raw_open import open_raw

TARGET_RATIO = 1.05
CAPTURES = Path(__file__).resolve().parent.parent.parent / "shared" / "fixtures" / "m1"
ALL_DATA_REQUEST = bytes.fromhex("F0 42 30 19 0F 00 F7")


def all_data() -> tuple[bytes, str]:
    """One ALL DATA message and where its data comes from."""
    state = build_state("factory")
    origin = "synthetic factory memory"
    names = ("ORIGPROG.SYX", "ORIGGLOB.SYX", "ORIGSEQS.SYX")
    if all((CAPTURES / n).is_file() for n in names):
        state = build_state("battery-dead")
        prog = (CAPTURES / "ORIGPROG.SYX").read_bytes()
        start = prog.index(bytes.fromhex("F0 42 30 19 4C"))
        parts = [prog[start : start + 16350], *((CAPTURES / n).read_bytes() for n in names[1:])]
        load_messages(state, [parse(part) for part in parts])
        origin = "Korg's factory set from the real captures"
    state.excl_enabled = True
    (reply,) = M1Emulator(state, timing=Timing.instant()).receive(ALL_DATA_REQUEST)
    return reply.data, origin


def ready_emulator() -> M1Emulator:
    """An emulated M1 that lost its memory, MIDI enabled, at real speed."""
    state = build_state("battery-dead")
    state.excl_enabled = True
    state.protect_program = state.protect_combination = state.protect_sequence = False
    return M1Emulator(state, timing=Timing.real())


def ignore(traffic: Traffic) -> None:
    """The emulator's status lines are not wanted here."""


def main() -> int:
    """Restore once through the pseudo-terminal and print the figures."""
    data, origin = all_data()
    with tempfile.TemporaryDirectory(prefix="m1-wizard-raw-") as folder:
        served = open_pty_port(Path(folder) / "m1")
        link = EmulatorLink(ready_emulator())
        bridge = EmulatorBridge(served, link, ignore, stream=served.write_bytes)
        bridge.start()
        try:
            with open_raw(str(Path(folder) / "m1")) as client:
                exchange = Exchange(client)
                found = detect(exchange)
                plan = plan_restore(
                    read_dump_bytes(data, origin), found.channel, found.allocation, None
                )
                start = time.monotonic()
                send_plan(exchange, plan, RestoreState())
                sending = time.monotonic() - start
                start = time.monotonic()
                verify(plan, read_back(exchange, plan))
                reading = time.monotonic() - start
        finally:
            bridge.stop()
            link.close()
            served.close()
    lengths = [len(load.to_bytes()) for load in plan.loads]
    wire = sum(lengths) / WIRE_BYTES_PER_SECOND
    ratio = (sending + reading) / (2 * wire)
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"data: {origin}, {len(lengths)} message(s) of {', '.join(map(str, lengths))} bytes")
    print(f"wire time of the bytes:   {wire:7.2f} s each way")
    print(f"send (acknowledged):      {sending:7.2f} s")
    print(f"read-back (verified):     {reading:7.2f} s")
    print(f"(send + read-back) / (2 x wire time): {ratio:.3f} (target <= {TARGET_RATIO}) {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
