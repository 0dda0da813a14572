"""Opening the MIDI connection a person named: a raw device node when `--port` gives a
path, an `hw:CARD,DEV` name or the card of an ALSA raw MIDI device (whole messages of
any size), otherwise the ports of the MIDI system python-rtmidi reaches."""

from __future__ import annotations

import os

from wizard.errors import TransportError
from wizard.transport.backend import ENV_VARIABLE
from wizard.transport.base import Transport
from wizard.transport.port_names import PortChoice
from wizard.transport.sound_cards import find_raw_device, is_device_path, list_raw_devices

CLIENT_NAME = "m1-wizard"


def raw_path_for(wanted: str | None) -> str | None:
    """The device node `wanted` names, or None when it names sequencer or JACK ports.

    A path is taken as it is and `hw:` names are looked up in /proc/asound. Part of a
    card's name picks its raw device too, unless MIDO_BACKEND asks for a MIDI system by
    name (then its ports are what the person wants).

    Raises:
        TransportError: An `hw:` name no device has, or a name several devices fit.
    """
    if wanted is None or not wanted.strip():
        return None
    text = wanted.strip()
    if is_device_path(text):
        return os.path.expanduser(text)
    if os.environ.get(ENV_VARIABLE, "").strip() and not text.lower().startswith("hw:"):
        return None
    device = find_raw_device(text, list_raw_devices())
    return None if device is None else str(device.path)


def raw_choice(choice: PortChoice) -> str | None:
    """The one device node both directions of `choice` name, None for MIDI-system ports.

    Raises:
        TransportError: The two directions name different devices, or one names a device
            and the other a port.
    """
    paths = (raw_path_for(choice.input), raw_path_for(choice.output))
    if paths[0] == paths[1]:
        return paths[0]
    raise TransportError(
        "A raw MIDI device carries both directions, but the input and output name "
        f"different things ({choice.input} and {choice.output}).",
        "Name the device once, with --port.",
    )


def open_midi(choice: PortChoice, client: str = CLIENT_NAME) -> Transport:
    """Open what `choice` names: a raw device node, or MIDI-system ports by name.

    Args:
        choice: The `--port`, `--in-port` and `--out-port` texts.
        client: The name m1-wizard's own ports get on the MIDI system.

    Raises:
        TransportError: Nothing fits, or it cannot be opened (the message says why).
    """
    path = raw_choice(choice)
    if path is not None:
        from wizard.transport.raw_open import open_raw

        return open_raw(path)
    from wizard.transport.rtmidi_ports import open_ports  # rtmidi only when needed

    return open_ports(choice, client)
