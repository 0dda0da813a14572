"""A procedure with its includes expanded into one list of steps, each with its path
through the includes ("used-m1-checklist/enable-midi/set-filters")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wizard.errors import ProcedureError
from wizard.procedure.model import IncludeStep, Procedure, Step


@dataclass(frozen=True)
class PlannedStep:
    """One step to run.

    Attributes:
        path: Procedure ids from the top one down to the step's own, then the step's id,
            joined by "/".
        step: The step.
        procedure: The id of the procedure the step is written in.
        chain: The procedure ids from the top one down to `procedure`.
    """

    path: str
    step: Step
    procedure: str
    chain: tuple[str, ...]


def plan_steps(root: Procedure, library: Mapping[str, Procedure]) -> tuple[PlannedStep, ...]:
    """Every step of `root` in order, each include replaced by the included steps.

    Args:
        root: The procedure to run.
        library: Every procedure by id, for the includes.

    Raises:
        ProcedureError: An include names no known procedure, or includes form a cycle
            (the loader refuses both; this guards procedures built in code).
    """
    planned: list[PlannedStep] = []
    _expand(root, library, (root.id,), root.id, planned)
    return tuple(planned)


def _expand(
    procedure: Procedure,
    library: Mapping[str, Procedure],
    chain: tuple[str, ...],
    prefix: str,
    out: list[PlannedStep],
) -> None:
    used: set[str] = set()
    for step in procedure.steps:
        if not isinstance(step, IncludeStep):
            out.append(PlannedStep(f"{prefix}/{step.id}", step, procedure.id, chain))
            continue
        included = library.get(step.procedure)
        if included is None:
            raise ProcedureError(
                f"step '{step.id}' includes '{step.procedure}', which is not a procedure.",
                step.location.path,
                step.location.line,
                step.location.column,
                "Name a procedure from the procedures folder.",
            )
        if included.id in chain:
            raise ProcedureError(
                f"step '{step.id}' includes '{included.id}', which includes this one again.",
                step.location.path,
                step.location.line,
                step.location.column,
                "Remove one of the includes so that they do not form a loop.",
            )
        segment = included.id if included.id not in used else f"{included.id}.{step.id}"
        used.add(included.id)
        _expand(included, library, (*chain, included.id), f"{prefix}/{segment}", out)
