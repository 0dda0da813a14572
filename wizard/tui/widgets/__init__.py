"""Reusable widgets of the wizard's screens: M1 front panel and display, transfer progress,
MIDI traffic, the step list and a check's verdict."""

from wizard.tui.widgets.check_status import CheckState, CheckStatus
from wizard.tui.widgets.front_panel import FrontPanel
from wizard.tui.widgets.lcd import Lcd, LcdMode
from wizard.tui.widgets.midi_log import Direction, MidiLog
from wizard.tui.widgets.sequence_guide import PressOutcome
from wizard.tui.widgets.step_list import StepList, StepMark
from wizard.tui.widgets.transfer_text import Banner
from wizard.tui.widgets.transfer_view import TransferView

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
