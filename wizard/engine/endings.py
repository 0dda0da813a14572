"""What a step and a run end in, as values the engine passes around and returns."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from wizard.operations.maintenance import MaintenanceEntry


class StepEnd(Enum):
    """How one step ended."""

    DONE = "done"
    SKIPPED = "skipped"
    ABORTED = "aborted"


@dataclass(frozen=True)
class StepOutcome:
    """One step's end.

    Attributes:
        end: Done, skipped or aborted.
        reason: Why it was skipped or aborted (a check's reason, a refusal).
        name: For an input step, the variable it set.
        value: For an input step, the answer.
    """

    end: StepEnd
    reason: str = ""
    name: str = ""
    value: str = ""


DONE = StepOutcome(StepEnd.DONE)


class RunStatus(Enum):
    """How a run ended."""

    COMPLETED = "completed"
    ABORTED = "aborted"
    STOPPED = "stopped"


@dataclass(frozen=True)
class RunOutcome:
    """The end of a run.

    Attributes:
        status: Completed, aborted (the person chose to, after a failure) or stopped (the
            person quit; the next run resumes).
        procedure: The procedure's id.
        run: The run's id.
        path: The step the run ended at, empty when it completed.
        state: The M1's state in plain words: what was done, what cannot be undone,
            where the backup is, how to go on.
        maintenance: Maintenance-log entries this run added.
        sent_verified: Data went into the M1 in this run and was read back identical.
        send_unfinished: A send of this run started and was never read back identical.
    """

    status: RunStatus
    procedure: str
    run: str
    path: str = ""
    state: str = ""
    maintenance: tuple[MaintenanceEntry, ...] = ()
    sent_verified: bool = False
    send_unfinished: bool = False
