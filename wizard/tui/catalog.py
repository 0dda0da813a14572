"""What the home screen lists: the procedures by group, and the run that can be resumed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from wizard.engine.plan import plan_steps
from wizard.engine.replay import replay_run
from wizard.errors import WizardError
from wizard.operations.journal import Event, Journal
from wizard.operations.unit import UnitFolder
from wizard.procedure.model import BackupStep, CheckStep, Group, Procedure, TransferStep

GROUP_HEADINGS = {
    Group.REPAIR: "Repair",
    Group.SET_UP: "Set-up",
    Group.BACKUP_RESTORE: "Backup & restore",
    Group.REFERENCE: "Reference",
}
"""Headings in the order the home screen lists them."""

MIDI_STEPS = (CheckStep, BackupStep, TransferStep)


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


def grouped(procedures: Iterable[Procedure]) -> list[tuple[str, list[Procedure]]]:
    """The procedures under their group headings, groups in home-screen order, empty
    groups left out."""
    by_group: dict[Group, list[Procedure]] = {group: [] for group in GROUP_HEADINGS}
    for procedure in procedures:
        by_group[procedure.group].append(procedure)
    return [(GROUP_HEADINGS[g], members) for g, members in by_group.items() if members]


def needs_midi(procedure: Procedure, library: Mapping[str, Procedure]) -> bool:
    """True when a step of the procedure (includes too) talks to the M1 over MIDI."""
    try:
        steps = plan_steps(procedure, library)
    except WizardError:
        return True
    return any(isinstance(p.step, MIDI_STEPS) for p in steps)


def resumable(unit: UnitFolder, library: Mapping[str, Procedure]) -> Resumable | None:
    """The unit's last run when it stopped before its end and its procedure is known."""
    entries = Journal(unit.journal).read().entries
    opened = [e for e in entries if e.event in (Event.STARTED, Event.RESUMED)]
    if not opened:
        return None
    procedure = library.get(opened[-1].procedure)
    if procedure is None:
        return None
    replay = replay_run(entries, procedure.id)
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
    # Imported here: the runner brings every step's actions, and most starts have no run
    # to resume.
    from wizard.engine.runner import title_of

    step_title = title_of(plan[index].step)
    return Resumable(procedure.id, procedure.title, index + 1, len(plan), step_title)
