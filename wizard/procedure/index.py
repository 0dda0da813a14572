"""Summaries of loaded procedures, and the index file of the shipped ones that lets the home
screen appear without reading YAML.

Regenerate the index after changing a shipped procedure with
`uv run python -m wizard.procedure.index` (a test fails while it is out of date, and the
wizard then loads the procedures in full instead of reading it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from wizard.errors import ProcedureError
from wizard.procedure.loader import ProcedureSet, load_all, shipped_folder
from wizard.procedure.model import BackupStep, CheckStep, IncludeStep, Procedure, TransferStep
from wizard.procedure.summary import INDEX_FORMAT, INDEX_NAME, ProcedureSummary, folder_digests

MIDI_STEPS = (CheckStep, BackupStep, TransferStep)
"""The step kinds that talk to the M1."""


def talks_midi(procedure: Procedure, library: Mapping[str, Procedure]) -> bool:
    """True when a step of the procedure, or of a procedure it includes, talks to the M1
    over MIDI; also when an include names no known procedure or closes a loop (what it
    would run cannot be known, so the connection is offered)."""
    return _talks_midi(procedure, library, (procedure.id,))


def _talks_midi(
    procedure: Procedure, library: Mapping[str, Procedure], chain: tuple[str, ...]
) -> bool:
    for step in procedure.steps:
        if isinstance(step, MIDI_STEPS):
            return True
        if isinstance(step, IncludeStep):
            included = library.get(step.procedure)
            if included is None or included.id in chain:
                return True
            if _talks_midi(included, library, (*chain, included.id)):
                return True
    return False


def summarize(procedure: Procedure, library: Mapping[str, Procedure]) -> ProcedureSummary:
    """What the home screen shows of `procedure`; `library` holds the procedures it may
    include."""
    return ProcedureSummary(
        id=procedure.id,
        title=procedure.title,
        summary=procedure.summary,
        group=procedure.group,
        duration=procedure.duration,
        needs=procedure.needs,
        risk=procedure.risk,
        midi=talks_midi(procedure, library),
        file=Path(procedure.location.path).name,
        includes=procedure.includes,
    )


def summaries(loaded: ProcedureSet) -> Mapping[str, ProcedureSummary]:
    """The summary of every procedure loaded without errors, by id in file order."""
    library = loaded.procedures
    return MappingProxyType({pid: summarize(p, library) for pid, p in library.items()})


def index_text(folder: Path) -> str:
    """The index file `folder`'s procedures call for, as text.

    Raises:
        ProcedureError: A procedure file has an error (an index lists only a clean folder).
    """
    loaded = load_all(folder).require()
    index = {
        "format": INDEX_FORMAT,
        "files": folder_digests(folder),
        "procedures": [s.to_json() for s in summaries(loaded).values()],
    }
    return json.dumps(index, indent=1, ensure_ascii=False) + "\n"


def write_index(folder: Path) -> Path:
    """Write `folder`'s index file; returns its path.

    Raises:
        ProcedureError: A procedure file has an error.
    """
    path = folder / INDEX_NAME
    path.write_text(index_text(folder), encoding="utf-8")
    return path


def main() -> int:
    """Rewrite the shipped procedures' index; prints where it went, or the first error of
    the procedure files (exit code 1, the index left as it was)."""
    try:
        path = write_index(shipped_folder())
    except ProcedureError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
