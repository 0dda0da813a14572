"""A virtual Korg M1: SysEx rules of m1-sysex.md §5.6, timing, faults and scenarios.

The names below are imported from their modules when first used: `from wizard.emulator
import Timing` then loads the timing model alone, not the emulator and its factory sounds,
which a program that only names a speed (the wizard's home screen) does not need.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.emulator.behaviour import Behaviour, Protect, ProtectRules
    from wizard.emulator.faults import Faults
    from wizard.emulator.machine import M1Emulator
    from wizard.emulator.preload import LoadSummary, load_messages
    from wizard.emulator.scenarios import build_state
    from wizard.emulator.timing import Reply, Slot, Timing, schedule

from wizard.emulator.scenario_names import SCENARIOS

_HOMES = {
    "Behaviour": "behaviour",
    "Protect": "behaviour",
    "ProtectRules": "behaviour",
    "Faults": "faults",
    "LoadSummary": "preload",
    "load_messages": "preload",
    "M1Emulator": "machine",
    "build_state": "scenarios",
    "Reply": "timing",
    "Slot": "timing",
    "Timing": "timing",
    "schedule": "timing",
}
"""Where each exported name lives, under wizard.emulator."""

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


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use (PEP 562); a name must not
    be the name of a module here, or importing that module would bind it instead."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
