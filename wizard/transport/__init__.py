"""The only package that talks to MIDI (python-rtmidi, directly): real ports, the
in-process emulator link, and a spy that logs traffic, all behind one `Transport` interface.

Import the real-port functions from `wizard.transport.rtmidi_ports` and the emulator
link from `wizard.transport.link`; this module only names the interface, so importing
it loads neither rtmidi nor the emulator.
"""

from wizard.transport.base import DamagedMessageError, PortPair, Transport

__all__ = ["DamagedMessageError", "PortPair", "Transport"]
