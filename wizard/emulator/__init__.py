"""A virtual Korg M1: SysEx rules of m1-sysex.md §5.6, timing, faults and scenarios."""

from wizard.emulator.behaviour import Behaviour, Protect, ProtectRules
from wizard.emulator.faults import Faults
from wizard.emulator.machine import M1Emulator
from wizard.emulator.preload import LoadSummary, load_messages
from wizard.emulator.scenarios import SCENARIOS, build_state
from wizard.emulator.timing import Reply, Slot, Timing, schedule

__all__ = [
    "SCENARIOS",
    "Behaviour",
    "Faults",
    "LoadSummary",
    "M1Emulator",
    "Protect",
    "ProtectRules",
    "Reply",
    "Slot",
    "Timing",
    "build_state",
    "load_messages",
    "schedule",
]
