"""Programs the JACK tests run as processes of their own, as `python -m
tests.transport.jack_peers ROLE NAME`:

- `flood NAME`: a device "NAME" that sends short SysEx without pause (until killed);
- `cycle NAME`: m1-wizard's side, opening and closing the ports of NAME again and again
  while the flood arrives, printing "cycle N" after each; ends on Ctrl-C by printing
  "interrupted" (the test sends SIGINT once enough cycles were seen);
- `hold NAME`: opens the ports of NAME as m1-wizard does, prints "holding", and keeps
  them until its standard input closes or it is killed.

Each prints "ready" (or "holding") once its ports are open, so tests wait for a line,
never for time.
"""

from __future__ import annotations

import sys
import time

from wizard.transport.port_names import PortChoice
from wizard.transport.rtmidi_ports import open_ports, open_virtual_ports

FLOOD_MESSAGE = bytes.fromhex("F0 7D 01 02 03 04 05 06 07 F7")


def flood(name: str) -> None:
    """Send without end; the test kills this process."""
    device = open_virtual_ports(name)
    print("ready", flush=True)
    while True:
        for _ in range(20):
            device.send(FLOOD_MESSAGE)
        time.sleep(0.001)  # pacing: 20 000 messages a second, enough to keep JACK busy


def cycle(name: str) -> None:
    """Open, take what arrives for a moment, close; until Ctrl-C."""
    choice = PortChoice(f"{name} MIDI OUT", f"{name} MIDI IN")
    done = 0
    try:
        while True:
            with open_ports(choice) as transport:
                transport.receive(0.05)
                sum(range(200_000))  # Python work while input arrives, as a verify does
            done += 1
            print(f"cycle {done}", flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)


def hold(name: str) -> None:
    """Keep the ports of `name` open until standard input ends."""
    with open_ports(PortChoice.from_options(name, None, None)):
        print("holding", flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    role, port = sys.argv[1], sys.argv[2]
    {"flood": flood, "cycle": cycle, "hold": hold}[role](port)
