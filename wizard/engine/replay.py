"""Reading a run back out of the journal: which steps are done, the answers given, the
verified backup, the file sent, and whether the run completed (resume = replay)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from wizard.operations.journal import Entry, Event
from wizard.operations.records import BackupRecord, SentRecord

DONE_EVENTS = frozenset({Event.STEP_DONE, Event.STEP_SKIPPED})


def _frozen_answers() -> Mapping[str, str]:
    return MappingProxyType({})


@dataclass(frozen=True)
class RunReplay:
    """One run of a procedure as the journal tells it.

    Attributes:
        procedure: The procedure's id.
        run: The run's id.
        done: Paths of the steps done or skipped, in the order they were.
        answers: Answers of input steps, by variable name.
        backup: The latest verified backup taken in this run.
        sent: The file sent and verified last in this run.
        initialised_confirmed: The person confirmed the memory held only initialised data.
        irreversible: Paths of the irreversible steps passed, in order.
        transfer_unfinished: A transfer started and never finished (power cut, quit).
        completed: The run reached its end.
        stopped_at: The path of the step the run stopped at, when it stopped.
    """

    procedure: str
    run: str
    done: tuple[str, ...] = ()
    answers: Mapping[str, str] = field(default_factory=_frozen_answers)
    backup: BackupRecord | None = None
    sent: SentRecord | None = None
    initialised_confirmed: bool = False
    irreversible: tuple[str, ...] = ()
    transfer_unfinished: bool = False
    completed: bool = False
    stopped_at: str = ""


def _backup(entry: Entry) -> BackupRecord:
    return BackupRecord(Path(entry.file), entry.sha256, entry.what, entry.run, entry.at)


def replay_run(entries: Iterable[Entry], procedure: str) -> RunReplay | None:
    """The last run of `procedure` in `entries`, or None when it never ran."""
    mine = [e for e in entries if e.procedure == procedure]
    starts = [e for e in mine if e.event is Event.STARTED]
    if not starts:
        return None
    run = starts[-1].run
    done: list[str] = []
    answers: dict[str, str] = {}
    backup: BackupRecord | None = None
    sent: SentRecord | None = None
    confirmed = completed = unfinished = False
    irreversible: list[str] = []
    stopped_at = ""
    for entry in (e for e in mine if e.run == run):
        match entry.event:
            case Event.STEP_DONE | Event.STEP_SKIPPED:
                if entry.path not in done:
                    done.append(entry.path)
                if entry.name:
                    answers[entry.name] = entry.value
            case Event.WENT_BACK if entry.path in done:
                del done[done.index(entry.path) :]
            case Event.BACKUP_SAVED if entry.verified:
                backup = _backup(entry)
            case Event.TRANSFER_STARTED:
                unfinished = True
            case Event.TRANSFER_DONE:
                unfinished = False
                if entry.verified:
                    more = tuple((Path(f), h) for f, h in entry.more)
                    sent = SentRecord(Path(entry.file), entry.sha256, entry.what, more)
            case Event.IRREVERSIBLE_PASSED:
                irreversible.append(entry.path)
            case Event.INITIALISED_CONFIRMED:
                confirmed = True
            case Event.COMPLETED:
                completed = True
            case Event.STOPPED | Event.ABORTED:
                stopped_at = entry.path
            case _:
                pass
    return RunReplay(
        procedure,
        run,
        tuple(done),
        MappingProxyType(answers),
        backup,
        sent,
        confirmed,
        tuple(irreversible),
        unfinished,
        completed,
        stopped_at,
    )


def latest_unit_backup(entries: Iterable[Entry]) -> BackupRecord | None:
    """The newest verified backup in the journal, from any run of any procedure."""
    found: BackupRecord | None = None
    for entry in entries:
        if entry.event is Event.BACKUP_SAVED and entry.verified:
            found = _backup(entry)
    return found
