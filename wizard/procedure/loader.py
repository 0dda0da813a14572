"""Loading procedure files: one file, a list of files or a folder, with includes resolved
across them (dangling includes, include cycles and repeated ids are errors)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from wizard.errors import ProcedureError
from wizard.procedure.fields import Problems, did_you_mean
from wizard.procedure.model import IncludeStep, Location, Procedure
from wizard.procedure.reader import FileReading, read_procedure
from wizard.procedure.steps import IncludeRef
from wizard.procedure.summary import shipped_folder
from wizard.procedure.yaml_nodes import compose, read_text

# shipped_folder is defined with the index reader (which needs it without the loader) and
# offered here too, where it always was.
__all__ = [
    "SUFFIX",
    "ProcedureSet",
    "load_all",
    "load_file",
    "load_files",
    "read_file",
    "shipped_folder",
]

SUFFIX = ".yaml"


def read_file(path: Path | str, shown: str | None = None) -> FileReading:
    """Everything one file says and everything wrong with it; never raises.

    Includes are not resolved here (see `load_files`).

    Args:
        path: The file.
        shown: How the file is named in errors; `path` as given by default.
    """
    shown = str(path) if shown is None else shown
    try:
        text = read_text(Path(path), shown)
        root = compose(text, shown)
    except ProcedureError as failure:
        return FileReading(shown, None, None, Location(shown, 1, 1), (), (failure,))
    reading = read_procedure(root, Problems(shown, text))
    in_file_order = tuple(sorted(reading.errors, key=lambda e: (e.line, e.column)))
    return replace(reading, errors=in_file_order)


def load_file(path: Path | str) -> Procedure:
    """The procedure in one file, without resolving its includes.

    Raises:
        ProcedureError: The first error in the file.
    """
    reading = read_file(path)
    if reading.procedure is None:
        raise reading.errors[0]
    return reading.procedure


@dataclass(frozen=True)
class ProcedureSet:
    """Procedures loaded together.

    Attributes:
        procedures: Every procedure without errors whose includes all resolve, by id,
            in file order.
        errors: Every error of every file, file by file.
        files: The files read, as named in errors.
    """

    procedures: Mapping[str, Procedure]
    errors: tuple[ProcedureError, ...]
    files: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no file had an error."""
        return not self.errors

    def errors_in(self, shown: str) -> tuple[ProcedureError, ...]:
        """The errors of one file."""
        return tuple(e for e in self.errors if e.path == shown)

    def require(self) -> ProcedureSet:
        """This set, when it has no errors.

        Raises:
            ProcedureError: The first error.
        """
        if self.errors:
            raise self.errors[0]
        return self


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return a == b


class _Resolver:
    """Include resolution over the files being loaded plus procedures known already."""

    def __init__(self, readings: list[FileReading], known: Mapping[str, Procedure]) -> None:
        self.readings = readings
        self.extra: dict[str, list[ProcedureError]] = {r.path: [] for r in readings}
        self.by_id: dict[str, FileReading] = {}
        for reading in readings:
            if reading.id is None:
                continue
            if reading.id in self.by_id:
                self._add(
                    reading.path,
                    reading.id_location.line,
                    reading.id_location.column,
                    f"procedure id '{reading.id}' is also used by {self.by_id[reading.id].path}.",
                    "Give each procedure an id of its own.",
                )
            else:
                self.by_id[reading.id] = reading
        self.known = {
            pid: p
            for pid, p in known.items()
            if pid not in self.by_id or _same_file(p.location.path, self.by_id[pid].path)
        }
        for pid, reading in self.by_id.items():
            other = known.get(pid)
            if other is not None and pid not in self.known:
                self._add(
                    reading.path,
                    reading.id_location.line,
                    reading.id_location.column,
                    f"procedure id '{pid}' is also used by {other.location.path}.",
                    "Give each procedure an id of its own.",
                )
                self.known.pop(pid, None)

    def _add(self, path: str, line: int, column: int, message: str, hint: str) -> None:
        self.extra[path].append(ProcedureError(message, path, line, column, hint))

    def _ref_error(self, ref: IncludeRef, message: str, hint: str) -> None:
        where = ref.location
        self._add(where.path, where.line, where.column, f"step '{ref.step}': {message}", hint)

    def _edges(self, pid: str) -> tuple[IncludeRef, ...]:
        reading = self.by_id.get(pid)
        if reading is not None:
            return reading.includes
        procedure = self.known.get(pid)
        if procedure is None:
            return ()
        return tuple(
            IncludeRef(s.procedure, s.id, s.location)
            for s in procedure.steps
            if isinstance(s, IncludeStep)
        )

    @staticmethod
    def _include_hint(written: str, ids: list[str]) -> str:
        hint = did_you_mean(written, ids, "")
        if hint.startswith("Did you mean"):
            return hint
        return "Check the id, or validate the file that defines it together with this one."

    def dangling(self) -> None:
        """Report includes naming no procedure."""
        ids = sorted(set(self.by_id) | set(self.known))
        for reading in self.readings:
            for ref in reading.includes:
                if ref.procedure not in self.by_id and ref.procedure not in self.known:
                    self._ref_error(
                        ref,
                        f"no procedure has the id '{ref.procedure}'.",
                        self._include_hint(ref.procedure, ids),
                    )

    def cycles(self) -> None:
        """Report each include cycle once, at the include that closes it."""
        done: set[str] = set()
        for start in self.by_id:
            if start not in done:
                self._walk(start, [], done)

    def _walk(self, pid: str, path: list[str], done: set[str]) -> None:
        path.append(pid)
        for ref in self._edges(pid):
            target = ref.procedure
            if target in path:
                cycle = [*path[path.index(target) :], target]
                if ref.location.path in self.extra:
                    self._ref_error(
                        ref,
                        f"including '{target}' makes a cycle: {' -> '.join(cycle)}.",
                        "Remove one of these includes.",
                    )
            elif target not in done and (target in self.by_id or target in self.known):
                self._walk(target, path, done)
        path.pop()
        done.add(pid)

    def result(self) -> ProcedureSet:
        """The set: procedures with errors, or including one with errors, left out."""
        good = {
            r.id: r.procedure
            for r in self.readings
            if r.id is not None
            and r.procedure is not None
            and not self.extra[r.path]
            and self.by_id.get(r.id) is r
        }
        changed = True
        while changed:
            changed = False
            for pid in list(good):
                for ref in self.by_id[pid].includes:
                    if ref.procedure in self.by_id and ref.procedure not in good:
                        self._ref_error(
                            ref,
                            f"the included procedure '{ref.procedure}' has errors.",
                            f"Fix the errors reported for '{ref.procedure}' first.",
                        )
                        del good[pid]
                        changed = True
                        break
        errors: list[ProcedureError] = []
        for reading in self.readings:
            found = [*reading.errors, *self.extra[reading.path]]
            errors.extend(sorted(found, key=lambda e: (e.line, e.column)))
        return ProcedureSet(
            MappingProxyType(good), tuple(errors), tuple(r.path for r in self.readings)
        )


def load_files(
    paths: Iterable[Path | str], known: Mapping[str, Procedure] | None = None
) -> ProcedureSet:
    """The procedures in `paths`, with includes resolved among them and `known`.

    Args:
        paths: The files, in the order errors are reported.
        known: Procedures loaded before (e.g. the shipped ones) that includes may name;
            they are not part of the result.
    """
    readings = [read_file(p) for p in paths]
    resolver = _Resolver(readings, known or {})
    resolver.dangling()
    resolver.cycles()
    return resolver.result()


def load_all(folder: Path | str) -> ProcedureSet:
    """Every `*.yaml` procedure in `folder` (not its sub-folders), in name order."""
    return load_files(sorted(Path(folder).glob("*" + SUFFIX)))
