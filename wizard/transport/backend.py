"""Which MIDI system to use, read from MIDO_BACKEND, and what each one can carry.

m1-wizard honours mido's variable but talks to python-rtmidi directly, because it needs
raw bytes, SysEx fragments and per-system limits that mido hides. The accepted forms:

    (unset)                              rtmidi picks the system (ALSA on Linux, ...)
    mido.backends.rtmidi                 the same
    mido.backends.rtmidi/UNIX_JACK       JACK      (also LINUX_ALSA, MACOSX_CORE,
                                                    WINDOWS_MM, RTMIDI_DUMMY)

The part after the slash is mido's API name; the short rtmidi names (jack, alsa, core,
winmm, dummy) are accepted too, in any case. No rtmidi object is created here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from wizard.errors import TransportError

ENV_VARIABLE = "MIDO_BACKEND"
RTMIDI_MODULE = "mido.backends.rtmidi"

JACK_MAX_MESSAGE = 16379
"""Measured with python-rtmidi 1.5.8 and jackd2 1.9.21 (dummy driver): a single SysEx of
16 379 bytes arrives, 16 380 bytes is silently lost, whatever the period size (-p 64,
256, 1024 and 4096 tried). RtMidi queues each message in a 16 384-byte ring buffer
together with a 4-byte length, and the ring keeps one byte free. Messages sent back to
back are not lost: RtMidi waits for room."""

ALSA_MAX_MESSAGE = 16355
"""Assumption, not measured (no ALSA sequencer on the build machine): RtMidi sends one
SysEx as one sequencer event, and alsa-lib refuses an event whose 28-byte header plus
data is not below its default 16 KiB output buffer."""


@dataclass(frozen=True)
class MidiSystem:
    """One rtmidi API as m1-wizard knows it.

    Attributes:
        api: rtmidi's short API name ("jack", "alsa", "core", "winmm", "dummy").
        label: The name a person knows it by.
        max_message_size: Largest single message it carries, None when unlimited or
            unknown (CoreMIDI and WinMM take whole messages; not measured here).
        virtual_ports: Whether it can create virtual ports.
    """

    api: str
    label: str
    max_message_size: int | None
    virtual_ports: bool = True


SYSTEMS: dict[str, MidiSystem] = {
    "alsa": MidiSystem("alsa", "the ALSA sequencer", ALSA_MAX_MESSAGE),
    "jack": MidiSystem("jack", "JACK MIDI", JACK_MAX_MESSAGE),
    "core": MidiSystem("core", "CoreMIDI", None),
    "winmm": MidiSystem("winmm", "Windows MIDI (WinMM)", None, virtual_ports=False),
    "dummy": MidiSystem("dummy", "rtmidi's dummy API", None, virtual_ports=False),
}

_API_ALIASES = {
    "LINUX_ALSA": "alsa",
    "ALSA": "alsa",
    "UNIX_JACK": "jack",
    "JACK": "jack",
    "MACOSX_CORE": "core",
    "CORE": "core",
    "COREMIDI": "core",
    "WINDOWS_MM": "winmm",
    "WINMM": "winmm",
    "RTMIDI_DUMMY": "dummy",
    "DUMMY": "dummy",
}


def system_for_api(api: str) -> MidiSystem:
    """The `MidiSystem` for rtmidi's short API name; unknown names get no limit."""
    return SYSTEMS.get(api, MidiSystem(api, f"the {api} MIDI API", None))


def requested_api(environ: Mapping[str, str] = os.environ) -> str | None:
    """The rtmidi API MIDO_BACKEND asks for, or None to let rtmidi choose.

    Raises:
        TransportError: MIDO_BACKEND names another mido backend or an unknown API.
    """
    value = environ.get(ENV_VARIABLE, "").strip()
    if not value:
        return None
    module, _, api = value.partition("/")
    if module.strip() != RTMIDI_MODULE:
        raise TransportError(
            f"{ENV_VARIABLE} is set to {value!r}, but m1-wizard talks to MIDI through "
            "python-rtmidi only.",
            f"Unset {ENV_VARIABLE}, or set it to {RTMIDI_MODULE} with an API, for example "
            f"{RTMIDI_MODULE}/UNIX_JACK.",
        )
    api = api.strip()
    if not api:
        return None
    key = api.upper().removeprefix("API_")
    if key == "UNSPECIFIED":
        return None
    if key not in _API_ALIASES:
        raise TransportError(
            f"{ENV_VARIABLE} names the MIDI API {api!r}, which python-rtmidi does not know.",
            "Put LINUX_ALSA, UNIX_JACK, MACOSX_CORE or WINDOWS_MM after the slash, for "
            f"example {RTMIDI_MODULE}/UNIX_JACK.",
        )
    return _API_ALIASES[key]
