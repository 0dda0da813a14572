"""`m1-wizard ports`: which MIDI system is in use and which ports it offers, and the ALSA
raw MIDI devices beside them (the ones that carry whole big messages)."""

from __future__ import annotations

import argparse
import os
import sys

from wizard.cli import exit_codes
from wizard.errors import TransportError
from wizard.transport.backend import ENV_VARIABLE
from wizard.transport.port_names import PLUG_IN_ADVICE
from wizard.transport.rtmidi_ports import PortListing, list_ports
from wizard.transport.sound_cards import RawDevice, list_raw_devices

RAW_TITLE = (
    "ALSA raw MIDI devices (both directions, whole messages of any size; "
    "use --port hw:CARD,DEVICE or the path):"
)


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `ports`."""
    parser = sub.add_parser(
        "ports",
        help="list MIDI input and output ports",
        description="List the MIDI ports the wizard can open, and the MIDI system in use "
        f"(chosen with {ENV_VARIABLE}, e.g. mido.backends.rtmidi/UNIX_JACK), and on Linux "
        "the ALSA raw MIDI devices, which carry the largest dumps whole.",
    )
    parser.set_defaults(run=run)


def render(listing: PortListing, backend_setting: str | None) -> str:
    """The text `ports` prints for a listing."""
    system = listing.system
    chosen = f" ({ENV_VARIABLE}={backend_setting})" if backend_setting else ""
    limit = (
        f"at most {system.max_message_size} bytes"
        if system.max_message_size is not None
        else "no known limit"
    )
    lines = [f"MIDI system: {system.label}{chosen}; largest single message: {limit}."]
    for title, names in (
        ("Input ports (connect the M1's MIDI OUT here)", listing.inputs),
        ("Output ports (connect these to the M1's MIDI IN)", listing.outputs),
    ):
        lines.append(f"{title}:")
        lines.extend(f"  {name}" for name in names)
        if not names:
            lines.append("  (none)")
    return "\n".join(lines) + "\n"


def render_raw(devices: list[RawDevice]) -> str:
    """The raw-device lines `ports` prints ("" when there are none)."""
    if not devices:
        return ""
    return "\n".join([RAW_TITLE, *(f"  {device.label()}" for device in devices)]) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the ports and raw devices; exit 0 when there are some, 3 when there is none
    (no MIDI system, no port and no raw device)."""
    raw = list_raw_devices()
    try:
        listing = list_ports()
    except TransportError as error:
        print(f"m1-wizard ports: {error}", file=sys.stderr)
        if not raw:
            return exit_codes.NO_DEVICE
        sys.stdout.write(render_raw(raw))
        return exit_codes.OK
    if not listing.inputs and not listing.outputs and not raw:
        print(
            f"m1-wizard ports: No MIDI interface was found ({listing.system.label} has no "
            f"ports). {PLUG_IN_ADVICE}",
            file=sys.stderr,
        )
        return exit_codes.NO_DEVICE
    sys.stdout.write(render(listing, os.environ.get(ENV_VARIABLE)) + render_raw(raw))
    return exit_codes.OK
