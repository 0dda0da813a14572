"""Picking a MIDI port by part of its name, with plain errors that list what was found."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from wizard.errors import TransportError

PLUG_IN_ADVICE = "Plug the interface in and run `m1-wizard ports`."


@dataclass(frozen=True)
class PortChoice:
    """The port names a person asked for; None means "the only one there is"."""

    input: str | None = None
    output: str | None = None

    @classmethod
    def from_options(
        cls, port: str | None, in_port: str | None, out_port: str | None
    ) -> PortChoice:
        """`--port` for both directions, `--in-port` / `--out-port` overriding it."""
        return cls(in_port if in_port else port, out_port if out_port else port)


ALSA_ADDRESS = re.compile(r" \d+:\d+$")
"""The " client:port" numbers ALSA names end with, e.g. "UM-ONE:UM-ONE MIDI 1 20:0"."""


def port_part(name: str) -> str:
    """The port's own name without its client: "c:p" (JACK) or "c:p 20:0" (ALSA) -> "p"."""
    return ALSA_ADDRESS.sub("", name).partition(":")[2] or name


def own_port_names(*clients: str) -> frozenset[str]:
    """The names m1-wizard gives the ports it opens to reach a device, as each of
    `clients` (virtual ports are left out: they stand in for a device)."""
    return frozenset(f"{client} {way}" for client in clients for way in ("in", "out"))


def split_own(names: Sequence[str], own: Collection[str]) -> tuple[list[str], list[str]]:
    """The names of other programs' and devices' ports, and those of ports in `own`
    (port names m1-wizard gives its own ports), which a connection must never use:
    sending to its own input would only ever hear itself."""
    others = [name for name in names if port_part(name) not in own]
    return others, [name for name in names if port_part(name) in own]


def refuse_own(own_names: Sequence[str], wanted: str | None, direction: str) -> None:
    """Say plainly when `wanted` names only m1-wizard's own ports.

    Raises:
        TransportError: Part of `wanted` matches one of `own_names`.
    """
    key = (wanted or "").strip().casefold()
    matches = [name for name in own_names if key and key in name.casefold()]
    if matches:
        raise TransportError(
            f'The MIDI {direction} port "{matches[0]}" is one of m1-wizard\'s own ports, '
            "not a device: what is sent there comes straight back without passing any "
            "interface.",
            "Give part of the interface's or the M1's port name; `m1-wizard ports` lists them.",
        )


def listing(names: Sequence[str]) -> str:
    """Port names quoted and separated by commas."""
    return ", ".join(f'"{name}"' for name in names)


def choose_port(names: Sequence[str], wanted: str | None, direction: str) -> int:
    """The index of the port whose name contains `wanted`, ignoring case.

    A name equal to `wanted` wins over names that merely contain it.

    Args:
        names: The port names the MIDI system reports, in its order.
        wanted: Part of a name, or None to take the only port there is.
        direction: "input" or "output", for the messages.

    Raises:
        TransportError: No port, no match, or more than one match.
    """
    if not names:
        raise TransportError(f"No MIDI {direction} ports were found.", PLUG_IN_ADVICE)
    if wanted is None or not wanted.strip():
        if len(names) == 1:
            return 0
        raise TransportError(
            f"Several MIDI {direction} ports were found: {listing(names)}.",
            "Name one with --port (part of its name is enough).",
        )
    key = wanted.strip().casefold()
    exact = [i for i, name in enumerate(names) if name.strip().casefold() == key]
    if len(exact) == 1:
        return exact[0]
    matches = [i for i, name in enumerate(names) if key in name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise TransportError(
            f'No MIDI {direction} port matches "{wanted}"; found: {listing(names)}.',
            f"{PLUG_IN_ADVICE} Then give part of one of these names.",
        )
    raise TransportError(
        f'{len(matches)} MIDI {direction} ports match "{wanted}": '
        f"{listing([names[i] for i in matches])}.",
        "Give more of the name, or pick each port with --in-port and --out-port.",
    )


def choose_device_port(
    names: Sequence[str], own: Sequence[str], wanted: str | None, direction: str
) -> str:
    """The name `choose_port` picks among `names` (no m1-wizard port among them); when
    none fits but one of m1-wizard's own ports in `own` does, say that instead.

    Raises:
        TransportError: As `choose_port`, or `wanted` names one of m1-wizard's own ports.
    """
    try:
        return names[choose_port(names, wanted, direction)]
    except TransportError:
        refuse_own(own, wanted, direction)
        raise
