"""The `Operator` interface: every question the engine asks the person, as blocking calls,
so the same engine runs under the terminal, the TUI and a scripted operator in tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Protocol

from wizard.device.progress import Progress
from wizard.engine.checks.result import CheckResult
from wizard.operations.driver import Overwrite
from wizard.procedure.model import KeysStep, Step


class Recovery(Enum):
    """What the person wants after a check failed or a step went wrong."""

    RETRY = "retry"
    SKIP = "skip"
    ABORT = "abort"


class Navigation(Enum):
    """What the person wants at the start of a step."""

    PROCEED = "proceed"
    BACK = "back"


class OperatorQuit(Exception):
    """Raised by an operator when the person quits (closes the window, types q, Ctrl-D).

    The engine journals where it stopped; the next run of the same procedure for the same
    unit resumes at that step.
    """


@dataclass(frozen=True)
class StepPosition:
    """Where a step sits in the run.

    Attributes:
        number: 1-based number of the step among all steps, includes expanded.
        total: Number of steps in all.
        path: The step's path through includes, e.g. "used-m1-checklist/enable-midi/set-filters".
        procedure: Id of the procedure the step belongs to (the included one, if any).
        can_go_back: False at the first step and after an irreversible step passed.
    """

    number: int
    total: int
    path: str
    procedure: str
    can_go_back: bool


Validator = Callable[[str], str | None]
"""Checks an answer: None when it is accepted, else one sentence saying what is wrong."""


class Operator(Protocol):
    """The person at the instrument, as the engine sees them.

    Every method blocks until the person has answered. A method may raise `OperatorQuit`
    to stop the run; the engine then journals where it stopped.
    """

    def begin_step(self, step: Step, position: StepPosition) -> Navigation:
        """Show a new step (its title and text); BACK asks for the previous step."""
        ...

    def keys(self, step: KeysStep) -> bool:
        """Guide the person through a key sequence; True when it was done.

        The operator resolves each `Choice` (the person picks one of its keys).
        """
        ...

    def display_shown(self, step: KeysStep) -> bool:
        """After `keys` returned True: True when the display was seen (by the wizard, or
        by the person who said so) to show what the step wants, so questions about that
        display need not be asked again."""
        ...

    def confirm(self, question: str, expect: str) -> bool:
        """A yes/no question; `expect` says what the person should see for yes."""
        ...

    def ask(self, prompt: str, validate: Validator) -> str:
        """A typed answer, asked again until `validate` accepts it."""
        ...

    def acknowledge(self, warning: str, button: str) -> bool:
        """A warning the person must accept with `button`; False means they would not."""
        ...

    def confirm_overwrite(self, facts: Overwrite) -> bool:
        """Ask before the M1's memory is overwritten.

        Args:
            facts: Exactly what will be replaced, with what and from which file, the
                factory recognition, and what makes it safe.
        """
        ...

    def recover(self, result: CheckResult, can_skip: bool) -> Recovery:
        """After a failure: retry, skip (only when `can_skip`) or abort."""
        ...

    def choose_file(self, prompt: str) -> tuple[Path, ...] | None:
        """The files (or one zip or folder) to send as one set; None when the person chose
        none."""
        ...

    def progress(self, progress: Progress) -> None:
        """Show how far a transfer is."""
        ...

    def notice(self, text: str) -> None:
        """Show a state message (resuming, what was done, what state the M1 is in)."""
        ...
