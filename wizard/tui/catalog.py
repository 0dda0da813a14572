"""What the home screen lists: the procedures by group, and the run that can be resumed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wizard.errors import WizardError
from wizard.operations.unit import UnitFolder
from wizard.procedure.groups import Group
from wizard.procedure.summary import ProcedureSummary

if TYPE_CHECKING:
    from wizard.procedure.model import Procedure

GROUP_HEADINGS = {
    Group.REPAIR: "Repair",
    Group.SET_UP: "Set-up",
    Group.BACKUP_RESTORE: "Backup & restore",
    Group.REFERENCE: "Reference",
}
"""Headings in the order the home screen lists them."""


@dataclass(frozen=True)
class Resumable:
    """A run that stopped part way and can go on where it stopped.

    Attributes:
        procedure: The procedure's id.
        title: The procedure's title.
        number: 1-based number of the step it resumes at.
        total: Steps in all.
        step_title: The title of that step.
    """

    procedure: str
    title: str
    number: int
    total: int
    step_title: str

    def line(self) -> str:
        """The resume entry in words."""
        return f"Resume “{self.title}” at step {self.number} of {self.total}: {self.step_title}"


def grouped(
    procedures: Iterable[ProcedureSummary],
) -> list[tuple[str, list[ProcedureSummary]]]:
    """The procedures under their group headings, groups in home-screen order, empty
    groups left out."""
    by_group: dict[Group, list[ProcedureSummary]] = {group: [] for group in GROUP_HEADINGS}
    for procedure in procedures:
        by_group[procedure.group].append(procedure)
    return [(GROUP_HEADINGS[g], members) for g, members in by_group.items() if members]


def last_opened(unit: UnitFolder) -> str | None:
    """The id of the procedure the unit's journal last started or resumed; None without a
    journal or such an entry.

    Raises:
        WizardError: The journal exists but cannot be read.
    """
    if not unit.journal.exists():
        return None
    # Imported here: most starts have no journal yet, and the home screen appears sooner
    # without the journal's modules.
    from wizard.operations.journal import Event, Journal

    entries = Journal(unit.journal).read().entries
    opened = [e for e in entries if e.event in (Event.STARTED, Event.RESUMED)]
    return opened[-1].procedure if opened else None


def resumable(unit: UnitFolder, library: Mapping[str, Procedure]) -> Resumable | None:
    """The unit's last run when it stopped before its end and its procedure is known.

    Args:
        unit: The unit whose journal is read.
        library: The procedure last opened and those it includes (or more), by id.

    Raises:
        WizardError: The journal exists but cannot be read.
    """
    pid = last_opened(unit)
    procedure = None if pid is None else library.get(pid)
    if procedure is None:
        return None
    # Imported here, for the same reason as the journal's modules.
    from wizard.engine.plan import plan_steps
    from wizard.engine.replay import replay_run
    from wizard.operations.journal import Journal

    replay = replay_run(Journal(unit.journal).read().entries, procedure.id)
    if replay is None or replay.completed:
        return None
    try:
        plan = plan_steps(procedure, library)
    except WizardError:
        return None
    done = set(replay.done)
    index = next((i for i, p in enumerate(plan) if p.path not in done), len(plan))
    if index >= len(plan):
        return None
    # Imported here: the runner brings every step's actions.
    from wizard.engine.runner import title_of

    step_title = title_of(plan[index].step)
    return Resumable(procedure.id, procedure.title, index + 1, len(plan), step_title)
