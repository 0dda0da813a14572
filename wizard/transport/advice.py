"""Every error a MIDI system raises, turned into one sentence plus the fix.

Pure: it reads the exception's class name and text (rtmidi's own wording, e.g.
"MidiInAlsa::initialize: error creating ALSA sequencer client object."), so it is
tested without any MIDI system present.
"""

from __future__ import annotations

from wizard.errors import TransportError
from wizard.transport.backend import MidiSystem
from wizard.transport.port_names import PLUG_IN_ADVICE

NO_SYSTEM_ADVICE = (
    "On Linux install and start ALSA (the snd-seq kernel module) or JACK; "
    "for JACK set MIDO_BACKEND=mido.backends.rtmidi/UNIX_JACK."
)
BUSY_ADVICE = "Close other MIDI programs (MIDI-OX, a DAW, a librarian) and try again."
NO_VIRTUAL_ADVICE = (
    "Create ports with loopMIDI and open them by name (--in-port / --out-port), "
    "or use the built-in demo (`--demo`)."
)
GENERIC_ADVICE = "Close other MIDI programs, plug the interface in again and run `m1-wizard ports`."


def advice_for(
    error: BaseException,
    system: MidiSystem | None = None,
    port: str | None = None,
    *,
    virtual: bool = False,
) -> TransportError:
    """The TransportError a person should see for `error`.

    Args:
        error: What python-rtmidi (or the OS below it) raised.
        system: The MIDI system in use, when known.
        port: The port being opened, when there was one.
        virtual: True while creating virtual ports.
    """
    kind = type(error).__name__
    text = str(error).strip()
    lowered = text.lower()
    label = system.label if system is not None else "This MIDI system"
    if virtual and (
        isinstance(error, NotImplementedError)
        or kind == "UnsupportedOperationError"
        or "cannot be implemented" in lowered
        or (system is not None and not system.virtual_ports)
    ):
        return TransportError(
            f"{label[0].upper()}{label[1:]} cannot create virtual MIDI ports.",
            NO_VIRTUAL_ADVICE,
        )
    if "alsa sequencer" in lowered or "/dev/snd/seq" in lowered:
        return TransportError(
            "No MIDI system found: the ALSA sequencer (/dev/snd/seq) is not available.",
            NO_SYSTEM_ADVICE,
        )
    if "jack server" in lowered:
        return TransportError(
            "No MIDI system found: the JACK server is not running.",
            "Start JACK (for example with QjackCtl), or unset MIDO_BACKEND to use ALSA.",
        )
    if "windows mm" in lowered and ("error creating" in lowered or "error starting" in lowered):
        return TransportError(_port_phrase(port, "is in use by another program"), BUSY_ADVICE)
    if kind == "NoDevicesError" or ("no midi" in lowered and "found" in lowered):
        return TransportError("No MIDI interface was found.", PLUG_IN_ADVICE)
    if kind == "InvalidPortError" or "invalid" in lowered:
        return TransportError(
            _port_phrase(port, "went away while it was being opened"), PLUG_IN_ADVICE
        )
    if kind == "MemoryAllocationError":
        return TransportError("The MIDI system ran out of memory.", BUSY_ADVICE)
    detail = text.rstrip(".!") or kind
    return TransportError(f"The MIDI system reported an error: {detail}.", GENERIC_ADVICE)


def _port_phrase(port: str | None, predicate: str) -> str:
    subject = f'The MIDI port "{port}"' if port else "The MIDI port"
    return f"{subject} {predicate}."
