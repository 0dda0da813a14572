"""The step screen, where a procedure runs: the screen (`screen`), the run it starts and the
messages its worker posts (`run`), what it shows (`page`), the questions it asks
(`questions`) and their words (`text`). The modules import downwards only, never the
screen back."""

from wizard.tui.screens.step.run import RunSetup
from wizard.tui.screens.step.screen import StepScreen

__all__ = ["RunSetup", "StepScreen"]
