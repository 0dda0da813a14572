"""Linux ALSA raw MIDI devices as `/proc/asound` describes them, and finding one by a
path, an `hw:CARD,DEV` name or part of its card's name.

Pure reading of two folders (no device is opened here), both parameters, so tests lay
out a fake `/proc/asound` and `/dev/snd` in a temporary folder.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import TransportError
from wizard.transport.port_names import listing

PROC_ASOUND = Path("/proc/asound")
DEV_SND = Path("/dev/snd")

_CARD_LINE = re.compile(r"^\s*(\d+)\s+\[([^\]]*)\]\s*:\s*(.*?)\s+-\s+(.*?)\s*$")
"""A card's first line in /proc/asound/cards: " 1 [UMONE   ]: USB-Audio - UM-ONE"."""
_HW_NAME = re.compile(r"^(?:hw|plughw):([^,\s]+)(?:,(\d+))?(?:,\d+)?$", re.IGNORECASE)
"""amidi's device names: hw:1,0 / hw:1,0,0 / hw:UMONE,0 (the subdevice is not needed)."""


@dataclass(frozen=True)
class RawDevice:
    """One ALSA raw MIDI device: both directions of one interface port.

    Attributes:
        card: The card's number (the 1 of hw:1,0).
        device: The device's number on the card (the 0 of hw:1,0).
        card_id: The card's short id, e.g. "UMONE".
        card_name: The card's name as people know it, e.g. "UM-ONE".
        name: The device's own name from /proc/asound, e.g. "UM-ONE MIDI 1".
        path: Its device node, e.g. /dev/snd/midiC1D0.
    """

    card: int
    device: int
    card_id: str
    card_name: str
    name: str
    path: Path

    @property
    def hw(self) -> str:
        """The amidi-style name, e.g. "hw:1,0"."""
        return f"hw:{self.card},{self.device}"

    def label(self) -> str:
        """One line for lists: "hw:1,0  UM-ONE MIDI 1 (card UM-ONE)  /dev/snd/midiC1D0"."""
        return f"{self.hw}  {self.name} (card {self.card_name})  {self.path}"


def _cards(proc: Path) -> list[tuple[int, str, str]]:
    try:
        text = (proc / "cards").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []  # no ALSA here (not Linux, or the sound modules are not loaded)
    cards = []
    for line in text.splitlines():
        match = _CARD_LINE.match(line)
        if match:
            cards.append((int(match[1]), match[2].strip(), match[4].strip()))
    return cards


def list_raw_devices(proc: Path | None = None, dev: Path | None = None) -> list[RawDevice]:
    """Every raw MIDI device `proc` lists, in card and device order.

    Args:
        proc: The /proc/asound folder (default `PROC_ASOUND`, read at each call).
        dev: The folder holding the device nodes (default `DEV_SND`, /dev/snd).
    """
    proc = PROC_ASOUND if proc is None else proc
    dev = DEV_SND if dev is None else dev
    found = []
    for number, card_id, card_name in _cards(proc):
        for entry in sorted((proc / f"card{number}").glob("midi*")):
            suffix = entry.name.removeprefix("midi")
            if not suffix.isdigit():
                continue
            try:
                first = entry.read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                continue  # went away while listed (unplugged)
            name = first[0].strip() if first and first[0].strip() else card_name
            device = int(suffix)
            path = dev / f"midiC{number}D{device}"
            found.append(RawDevice(number, device, card_id, card_name, name, path))
    return sorted(found, key=lambda d: (d.card, d.device))


def is_device_path(wanted: str) -> bool:
    """True when `wanted` is a path rather than part of a port name."""
    return wanted.startswith(("/", "./", "../", "~"))


def find_raw_device(wanted: str, devices: Sequence[RawDevice]) -> RawDevice | None:
    """The raw device an `hw:` name or part of a card's or device's name picks.

    Args:
        wanted: "hw:1,0", "hw:UMONE", or text such as "UM-ONE".
        devices: What `list_raw_devices` found.

    Returns:
        The device, or None when `wanted` names none (then the sequencer's or JACK's
        ports are looked at instead).

    Raises:
        TransportError: An `hw:` name that no device has, or text that fits several.
    """
    key = wanted.strip()
    hw = _HW_NAME.match(key)
    if hw is not None:
        card, device = hw[1], int(hw[2] or 0)
        for candidate in devices:
            if card in (str(candidate.card), candidate.card_id) and candidate.device == device:
                return candidate
        found = listing([d.hw for d in devices]) if devices else "none"
        raise TransportError(
            f"No ALSA raw MIDI device is called {key}; found: {found}.",
            "Plug the interface in and run `m1-wizard ports` to see the devices.",
        )
    folded = key.casefold()
    if not folded:
        return None
    matches = [
        d for d in devices if folded in d.card_name.casefold() or folded in d.name.casefold()
    ]
    cards = {d.card for d in matches}
    if len(cards) > 1 or len(matches) > 1:
        raise TransportError(
            f'{len(matches)} ALSA raw MIDI devices match "{wanted}": '
            f"{listing([f'{d.hw} {d.name}' for d in matches])}.",
            "Name one with --port hw:CARD,DEVICE (for example --port " + matches[0].hw + ").",
        )
    return matches[0] if matches else None


def raw_device_for_port(port: str, devices: Sequence[RawDevice]) -> RawDevice | None:
    """The raw device of the interface a sequencer or JACK port belongs to, when the
    port's name carries the card's name (ALSA names its clients after the card)."""
    folded = port.casefold()
    matches = [d for d in devices if d.card_name and d.card_name.casefold() in folded]
    by_name = [d for d in matches if d.name.casefold() in folded]
    chosen = by_name or matches
    return chosen[0] if len({d.card for d in chosen}) == 1 else None
