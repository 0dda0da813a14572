"""What a run knows while it goes: the connection, the unit and its files, the detection,
answers given, the verified backup and the file sent (the engine's context)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.device.progress import ProgressReport, ignore_progress
from wizard.errors import WizardError

if TYPE_CHECKING:  # named in annotations only; the wizard's home screen needs neither
    from wizard.device.detect import Detection
    from wizard.device.exchange import Exchange

HOME_VARIABLE = "M1_WIZARD_HOME"
DEFAULT_UNIT = "my-m1"
_UNSAFE = re.compile(r"[^a-z0-9._-]+")


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """The per-user folder for m1-wizard's files.

    `$M1_WIZARD_HOME` when set; else `$XDG_DATA_HOME/m1-wizard`, `%LOCALAPPDATA%\\m1-wizard`
    on Windows, or `~/.local/share/m1-wizard`.
    """
    env = os.environ if environ is None else environ
    if env.get(HOME_VARIABLE):
        return Path(env[HOME_VARIABLE]).expanduser()
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"]) / "m1-wizard"
    if os.name == "nt" and env.get("LOCALAPPDATA"):
        return Path(env["LOCALAPPDATA"]) / "m1-wizard"
    return Path("~/.local/share/m1-wizard").expanduser()


def unit_slug(name: str) -> str:
    """The unit's name as a folder name: lower case, runs of other characters as "-".

    Raises:
        WizardError: Nothing usable is left of the name.
    """
    slug = _UNSAFE.sub("-", name.strip().lower()).strip("-.")
    if not slug:
        raise WizardError(
            f"{name!r} cannot name a unit.",
            "Give the unit a name with letters or digits, e.g. --unit studio-m1.",
        )
    return slug


@dataclass(frozen=True)
class UnitFolder:
    """One instrument's files: `units/<unit>/` with the journal, maintenance log and backups.

    Attributes:
        home: The data folder (see `data_home`).
        unit: The unit's folder name (see `unit_slug`).
    """

    home: Path
    unit: str

    @property
    def folder(self) -> Path:
        """`<home>/units/<unit>`."""
        return self.home / "units" / self.unit

    @property
    def journal(self) -> Path:
        """The append-only record of every run."""
        return self.folder / "journal.jsonl"

    @property
    def maintenance(self) -> Path:
        """The append-only maintenance log."""
        return self.folder / "maintenance.jsonl"

    @property
    def backups(self) -> Path:
        """Where backups taken during procedures are saved."""
        return self.folder / "backups"

    def create(self) -> None:
        """Make the unit's folders (nothing happens when they exist).

        Raises:
            WizardError: The folder cannot be created.
        """
        try:
            self.backups.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WizardError(
                f"Could not create {self.folder}: {error.strerror or error}.",
                f"Choose a folder you can write to with --data-dir or ${HOME_VARIABLE}.",
            ) from error


@dataclass(frozen=True)
class BackupRecord:
    """A backup saved and read back during a procedure.

    Attributes:
        path: The .syx file.
        sha256: Hex SHA-256 of its bytes.
        what: The part of memory it holds ("all", "programs", ...).
        run: The run that took it.
        at: When, ISO 8601.
    """

    path: Path
    sha256: str
    what: str
    run: str
    at: str


@dataclass(frozen=True)
class SentRecord:
    """A file sent to the M1 and verified by reading back.

    Attributes:
        path: The file.
        sha256: Hex SHA-256 of the file.
        description: What it held, in words.
    """

    path: Path
    sha256: str
    description: str


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
    report: ProgressReport = ignore_progress
    now: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
