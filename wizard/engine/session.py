"""What a run knows while it goes: the connection, the unit and its files, the detection,
answers given, the verified backup and the file sent (the engine's context)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from wizard.device.progress import ProgressReport, ignore_progress
from wizard.engine.facts import Facts
from wizard.operations.maintenance import MaintenanceEntry
from wizard.operations.records import BackupRecord, SentRecord
from wizard.operations.unit import UnitFolder

if TYPE_CHECKING:  # named in annotations only; the wizard's home screen needs neither
    from wizard.device.detect import Detection
    from wizard.device.exchange import Exchange
    from wizard.device.loopback import LoopbackResult


@dataclass
class Session:
    """The engine's context for one run of one procedure on one unit.

    Attributes:
        unit: The unit's files.
        exchange: The connection to the M1; None when the run has no MIDI.
        detection: What the M1 said about itself, once asked.
        run: The run's id (kept when a run resumes).
        variables: Answers of input steps, by `store_as`.
        run_backup: The latest verified backup taken in this run.
        unit_backup: The latest verified backup of this unit in any run.
        sent: The file sent last in this run.
        initialised_confirmed: The person confirmed the memory holds only initialised data.
        recalled: `run_backup` and `initialised_confirmed` were read from the journal on
            resume and not established again since, so they are checked before trusted.
        loop: Runs the interface test somewhere other than on the connection's ports (the
            demo's emulated loop cable); None for the connection's own ports.
        facts: What this run has already established (asked once, reused).
        logged: Maintenance-log lines its backups and sends wrote, in order (the end of
            the run lists them with the procedure's own lines).
        report: Where progress goes.
        now: The clock for journal entries and the maintenance log.
    """

    unit: UnitFolder
    exchange: Exchange | None = None
    detection: Detection | None = None
    run: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    run_backup: BackupRecord | None = None
    unit_backup: BackupRecord | None = None
    sent: SentRecord | None = None
    initialised_confirmed: bool = False
    recalled: bool = False
    loop: Callable[[], LoopbackResult] | None = None
    facts: Facts = field(default_factory=Facts)
    logged: list[MaintenanceEntry] = field(default_factory=list)
    report: ProgressReport = ignore_progress
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
