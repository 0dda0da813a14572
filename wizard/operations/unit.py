"""Where one instrument's files live: the data folder, the unit's folder with its journal,
maintenance log and backups."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from wizard.errors import WizardError

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
