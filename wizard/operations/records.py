"""What a backup or a restore leaves behind, as the journal tells it: the verified backup and
the file sent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
    """A file (or a set of files) sent to the M1 and verified by reading back.

    Attributes:
        path: The file (the first of a set).
        sha256: Hex SHA-256 of the file.
        description: What it held, in words.
        more: The other files of a set, each with its SHA-256.
    """

    path: Path
    sha256: str
    description: str
    more: tuple[tuple[Path, str], ...] = ()

    @property
    def files(self) -> tuple[tuple[Path, str], ...]:
        """Every file sent, with its SHA-256."""
        return ((self.path, self.sha256), *self.more)
