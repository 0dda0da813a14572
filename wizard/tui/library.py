"""The procedures the wizard offers: what the home screen shows of them at once (from the
shipped folder's index where it matches the files), the procedures themselves when first
needed."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from wizard.operations.unit import UnitFolder
from wizard.procedure.summary import ProcedureSummary, read_index
from wizard.tui.catalog import Resumable, last_opened, resumable

# The loader and YAML are imported when the procedures are first read in full: with an
# index, the home screen appears without them.
if TYPE_CHECKING:
    from wizard.errors import ProcedureError
    from wizard.procedure.loader import ProcedureSet


class Library:
    """The procedures of one folder.

    Args:
        folder: The procedures folder (the shipped one, or one named on the command line).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.summaries: Mapping[str, ProcedureSummary] = {}
        self._loaded: ProcedureSet | None = None

    def open(self) -> tuple[ProcedureError, ...]:
        """Read the summaries: from the folder's index when it matches the files, otherwise
        from the procedures read in full. Returns the errors of the files (none with an
        index: one is only written for a folder without errors)."""
        index = read_index(self.folder)
        if index is not None:
            self.summaries = index
            return ()
        from wizard.procedure.index import summaries

        self.summaries = summaries(self.procedures)
        return self.procedures.errors

    @property
    def procedures(self) -> ProcedureSet:
        """Every procedure of the folder, read in full the first time they are asked for."""
        if self._loaded is None:
            from wizard.procedure.loader import load_all

            self._loaded = load_all(self.folder)
        return self._loaded

    @property
    def read_in_full(self) -> bool:
        """True once every procedure of the folder has been read (not only the summaries)."""
        return self._loaded is not None

    def needs_midi(self, procedure_id: str) -> bool:
        """True when the procedure (or one it includes) talks to the M1 over MIDI; also for
        an id without a summary, so that the connection is offered rather than missed."""
        summary = self.summaries.get(procedure_id)
        return summary is None or summary.midi

    def resumable(self, unit: UnitFolder) -> Resumable | None:
        """The unit's last run, when it stopped part way; reads only the procedure to resume
        and those it includes when the others have not been read yet.

        Raises:
            WizardError: The journal exists but cannot be read.
        """
        pid = last_opened(unit)
        if pid is None or pid not in self.summaries:
            return None
        if self._loaded is not None:
            return resumable(unit, self._loaded.procedures)
        from wizard.procedure.loader import load_files

        wanted: dict[str, ProcedureSummary] = {}
        waiting = [pid]
        while waiting:
            summary = self.summaries.get(waiting.pop())
            if summary is not None and summary.id not in wanted:
                wanted[summary.id] = summary
                waiting.extend(summary.includes)
        files = [self.folder / s.file for s in wanted.values()]
        return resumable(unit, load_files(files).procedures)
