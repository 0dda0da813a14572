"""Listing and opening real MIDI ports through python-rtmidi, errors mapped to advice.

Nothing here runs at import time: rtmidi is imported and its objects are created only
when a function is called, because creating them raises on a machine with no MIDI
system (no /dev/snd/seq, no JACK server).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from wizard.errors import TransportError
from wizard.transport.advice import advice_for
from wizard.transport.backend import SYSTEMS, MidiSystem, requested_api, system_for_api
from wizard.transport.base import PortPair
from wizard.transport.port_lock import PortLocks
from wizard.transport.port_names import PortChoice, choose_device_port, own_port_names, split_own
from wizard.transport.rtmidi_transport import RtMidiTransport, close_quietly

CLIENT_NAME = "m1-wizard"
INPUT_BUFFER_SIZE = 1024
"""Bytes per WinMM SysEx input buffer (python-rtmidi >= 1.6 only). Windows hands over a
buffer only when it is full or the message ends, so small buffers mean a piece every
0.33 s during a dump (which keeps the idle time-out from expiring); reassembly joins
them. A buffer as large as a dump would leave 5 s of silence before a program bank."""
INPUT_BUFFER_COUNT = 32
"""Buffers queued at once: many, so that WinMM never runs out while our callback is slow
(RtMidi's default of 4 leaves little room)."""
OPEN_ATTEMPTS = 3
"""Tries at opening a port whose position moved while it was opened."""
INPUT_QUEUE_LIMIT = 16_384
"""Messages rtmidi keeps until they are polled (see `polling`); realtime bytes are not
kept, and every request clears the queue first, so only keys played while a prompt
waits add up (some 8 000 notes before the newest would be dropped)."""


@dataclass(frozen=True)
class PortListing:
    """The ports a MIDI system offers."""

    system: MidiSystem
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]


def load_rtmidi() -> ModuleType:
    """The rtmidi module, or a TransportError saying why it cannot load."""
    try:
        import rtmidi as module
    except ImportError as error:
        raise TransportError(
            f"The MIDI library python-rtmidi cannot be loaded ({error}).",
            "Reinstall m1-wizard; on Linux also install the ALSA library (libasound2).",
        ) from error
    loaded: ModuleType = module
    return loaded


@contextmanager
def quiet_native_stderr() -> Iterator[None]:
    """Hide what the C libraries print to file descriptor 2 while opening ports.

    libjack and RtMidi print connection attempts there; the error that follows is
    turned into a plain sentence instead.
    """
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):
        yield
        return
    try:
        with open(os.devnull, "w", encoding="utf-8") as sink:
            os.dup2(sink.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _api_number(rtmidi: ModuleType) -> int:
    api = requested_api()
    # Without this, libjack tries to launch a JACK server of its own when none runs.
    os.environ.setdefault("JACK_NO_START_SERVER", "1")
    if api is None:
        return int(rtmidi.API_UNSPECIFIED)
    number = int(rtmidi.get_compiled_api_by_name(api))
    if number == rtmidi.API_UNSPECIFIED:
        built = [system_for_api(rtmidi.get_api_name(n)).label for n in rtmidi.get_compiled_api()]
        raise TransportError(
            f"This copy of python-rtmidi was built without {SYSTEMS[api].label}.",
            f"Set MIDO_BACKEND to one it has ({', '.join(built)}), or unset it.",
        )
    return number


def _create(rtmidi: ModuleType, client: str) -> tuple[Any, Any, MidiSystem]:
    api = _api_number(rtmidi)
    midi_in: Any = None
    try:
        with quiet_native_stderr():
            midi_in = rtmidi.MidiIn(api, client, INPUT_QUEUE_LIMIT)
            midi_out = rtmidi.MidiOut(api, client)
    except Exception as error:
        if midi_in is not None:
            close_quietly(midi_in)
        raise advice_for(error) from error
    system = system_for_api(rtmidi.get_api_name(midi_in.get_current_api()))
    return midi_in, midi_out, system


def prepare_input(midi_in: Any) -> None:
    """Let SysEx in (rtmidi drops it by default) and enlarge the input buffers where
    python-rtmidi can (1.6 and later); must run before the port opens."""
    if hasattr(midi_in, "set_buffer_size"):  # python-rtmidi >= 1.6; before open_port
        midi_in.set_buffer_size(INPUT_BUFFER_SIZE, INPUT_BUFFER_COUNT)
    midi_in.ignore_types(sysex=False, timing=True, active_sense=True)


def list_ports() -> PortListing:
    """The MIDI system in use and its input and output port names.

    Raises:
        TransportError: No MIDI system, or MIDO_BACKEND is wrong.
    """
    rtmidi = load_rtmidi()
    midi_in, midi_out, system = _create(rtmidi, CLIENT_NAME)
    try:
        with quiet_native_stderr():
            inputs = tuple(midi_in.get_ports())
            outputs = tuple(midi_out.get_ports())
    except Exception as error:
        raise advice_for(error, system) from error
    finally:
        close_quietly(midi_in)
        close_quietly(midi_out)
    return PortListing(system, inputs, outputs)


def open_ports(choice: PortChoice, client: str = CLIENT_NAME) -> RtMidiTransport:
    """Open the input and output ports whose names contain the chosen text.

    Ports are opened by name: each list is read again just before its port opens, and
    once more after, so that a port another program added or removed in between can
    never shift the choice onto another port (rtmidi opens by position). m1-wizard's
    own ports are never candidates, and each port is locked for this run (`port_lock`).

    Raises:
        TransportError: No MIDI system, no or several matching ports, a port is busy,
            in use by another m1-wizard run, or kept moving while it was opened.
    """
    rtmidi = load_rtmidi()
    midi_in, midi_out, system = _create(rtmidi, client)
    locks = PortLocks()
    own = own_port_names(CLIENT_NAME, client)
    try:
        with quiet_native_stderr():
            inputs, own_inputs = split_own(midi_in.get_ports(), own)
            outputs, own_outputs = split_own(midi_out.get_ports(), own)
        ports = PortPair(
            choose_device_port(inputs, own_inputs, choice.input, "input"),
            choose_device_port(outputs, own_outputs, choice.output, "output"),
        )
        locks.take(ports.input, "input")
        if ports.output != ports.input:
            locks.take(ports.output, "output")
        prepare_input(midi_in)
        _open_named(midi_in, ports.input, f"{client} in", system, "input")
        _open_named(midi_out, ports.output, f"{client} out", system, "output")
    except BaseException:
        close_quietly(midi_in)
        close_quietly(midi_out)
        locks.release()
        raise
    return RtMidiTransport(midi_in, midi_out, system, ports, on_close=locks.release)


def open_virtual_ports(name: str) -> RtMidiTransport:
    """Create a virtual port pair other programs can connect to, as a device would.

    The pair is named "<name> MIDI IN" (we receive there) and "<name> MIDI OUT" (we send
    there).

    Raises:
        TransportError: No MIDI system, or it has no virtual ports (Windows).
    """
    rtmidi = load_rtmidi()
    midi_in, midi_out, system = _create(rtmidi, name)
    ports = PortPair(f"{name} MIDI IN", f"{name} MIDI OUT")
    try:
        if not system.virtual_ports:
            raise advice_for(NotImplementedError(), system, virtual=True)
        prepare_input(midi_in)
        try:
            with quiet_native_stderr():
                midi_in.open_virtual_port(ports.input)
                midi_out.open_virtual_port(ports.output)
        except Exception as error:
            raise advice_for(error, system, ports.input, virtual=True) from error
    except BaseException:
        close_quietly(midi_in)
        close_quietly(midi_out)
        raise
    return RtMidiTransport(midi_in, midi_out, system, ports)


def _open_named(port: Any, name: str, own_name: str, system: MidiSystem, direction: str) -> None:
    """Open the port called `name`, proving that the position rtmidi opened held it."""
    for _ in range(OPEN_ATTEMPTS):
        with quiet_native_stderr():
            before = list(port.get_ports())
        if before.count(name) != 1:
            raise TransportError(
                f'The MIDI {direction} port "{name}" went away while it was being opened.',
                "Check that the interface is plugged in and the device on, then run the "
                "command again.",
            )
        index = before.index(name)
        try:
            with quiet_native_stderr():
                port.open_port(index, own_name)
                after = list(port.get_ports())
        except Exception as error:
            raise advice_for(error, system, name) from error
        # Same name at that position before and after: rtmidi's own look-up in between
        # found it there too (the lists only grow and shrink as programs come and go).
        if after[index : index + 1] == [name]:
            return
        port.close_port()
    raise TransportError(
        f'The MIDI {direction} ports kept changing while "{name}" was being opened (other '
        "programs were starting or stopping), so nothing was sent.",
        "Run the command again once the other programs have started or stopped.",
    )
