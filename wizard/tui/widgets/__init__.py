"""Reusable widgets of the wizard's screens: M1 front panel and display, transfer progress,
MIDI traffic, the step list and a check's verdict.

The names below are imported from their modules when first used: the home screen's MIDI
traffic feed needs the MIDI log's module alone, and Python runs this file before any
module of the package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wizard.tui.widgets.check_status import CheckState, CheckStatus
    from wizard.tui.widgets.front_panel import FrontPanel
    from wizard.tui.widgets.lcd import Lcd, LcdMode
    from wizard.tui.widgets.midi_log import Direction, MidiLog
    from wizard.tui.widgets.sequence_guide import PressOutcome
    from wizard.tui.widgets.step_list import StepList, StepMark
    from wizard.tui.widgets.transfer_text import Banner
    from wizard.tui.widgets.transfer_view import TransferView

_HOMES = {
    "Banner": "transfer_text",
    "CheckState": "check_status",
    "CheckStatus": "check_status",
    "Direction": "midi_log",
    "FrontPanel": "front_panel",
    "Lcd": "lcd",
    "LcdMode": "lcd",
    "MidiLog": "midi_log",
    "PressOutcome": "sequence_guide",
    "StepList": "step_list",
    "StepMark": "step_list",
    "TransferView": "transfer_view",
}
"""Where each exported name lives, under wizard.tui.widgets."""

__all__ = [
    "Banner",
    "CheckState",
    "CheckStatus",
    "Direction",
    "FrontPanel",
    "Lcd",
    "LcdMode",
    "MidiLog",
    "PressOutcome",
    "StepList",
    "StepMark",
    "TransferView",
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
