"""Live checks on what the M1's memory holds: `memory_initialised` (all programs alike, as
after a battery loss, m1-sysex.md §6.2) and `matches_backup` / `matches_file` (read back
and compared record by record, §3.6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from wizard.device.image import MemoryImage, differences, image_of
from wizard.device.outcomes import TEST_INTERFACE
from wizard.device.restore import BANK_DUMPS, RestorePlan, read_back
from wizard.engine.checks.asking import detected, exchange_of, failure, unsolicited_count
from wizard.engine.checks.result import CheckResult, cannot_tell, failed, passed
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.m1 import AllProgramsDump, Bank, Function, KorgMessage, Request
from wizard.m1.inspection import look_at_memory
from wizard.m1.parts import PART_WORDS, Part
from wizard.m1.report import listed
from wizard.m1.syx_file import read_dump_file
from wizard.operations import words
from wizard.operations.safety import file_problem
from wizard.procedure.model import BackupScope, ParamValue

SILENT_REASON = "The M1 did not answer, so its memory could not be read."
SILENT_FIX = "Make sure the M1 answers over MIDI (the m1_responds check), then retry."
PARTS_OF_SCOPE = {
    BackupScope.ALL: frozenset(Part.ALL),
    BackupScope.PROGRAMS: frozenset({Part.PROGRAMS}),
    BackupScope.COMBINATIONS: frozenset({Part.COMBINATIONS}),
    BackupScope.GLOBAL: frozenset({Part.GLOBAL}),
    BackupScope.SEQUENCE: frozenset({Part.SEQUENCE}),
}


def memory_initialised(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when (nearly) every program is the same record, as after initialisation;
    FAIL when the programs differ (the memory holds someone's sounds). The words say "one
    and the same sound" and "wiped": record and initialised mean nothing to a musician."""
    name = "memory_initialised"
    before = unsolicited_count(session)
    try:
        detected(session)
        exchange = exchange_of(session)
        dump = exchange.request(
            Request(exchange.channel, Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL),
            Function.ALL_PROGRAMS_DUMP,
        )
    except WizardError as error:
        return failure(name, session, error, before, (SILENT_REASON, SILENT_FIX))
    assert isinstance(dump, AllProgramsDump)
    look = look_at_memory(dump.programs)
    first = dump.programs[0].name
    if look.initialised:
        same = (
            f"All {look.programs}"
            if look.same_programs == look.programs
            else f"{look.same_programs} of the {look.programs}"
        )
        return passed(
            name,
            f'{same} programs are one and the same sound (program 00 is "{first}"): the memory '
            "looks wiped, as when the M1 loses its memory (a flat battery) and every program "
            "becomes the same blank sound.",
        )
    return failed(
        name,
        f"The memory is not wiped: its {look.programs} programs are not all one sound (program "
        f'00 is "{first}"), as they would be after a lost memory.',
        "If these sounds matter, take a backup before anything overwrites them.",
    )


def _on_disk(path: Path) -> Path:
    """The file on disk a recorded path is in: "M1.zip:M1/ORIGPROG.SYX" is in M1.zip."""
    if path.exists():
        return path
    text = str(path)
    cut = text.find(":")
    while cut != -1:
        if Path(text[:cut]).is_file():
            return Path(text[:cut])
        cut = text.find(":", cut + 1)
    return path


def _image_of_set(files: Sequence[tuple[Path, str]], what: BackupScope) -> MemoryImage | str:
    """The parts of the files (members of zips too) that `what` names, or why one of them
    cannot be used (gone, or no longer the bytes sent)."""
    dumps: list[KorgMessage] = []
    for path, sha256 in files:
        on_disk = _on_disk(path)
        if on_disk == path:
            problem = file_problem(path, sha256)
            if problem is not None:
                return problem
            dumps += read_dump_file(path).dumps
            continue
        try:
            inside = read_dump_file(on_disk).files
        except WizardError:
            return words.file_gone(path)
        same = [f for f in inside if f.path == str(path) and f.sha256 == sha256]
        if not same:
            return words.file_changed(path)
        dumps += same[0].dumps
    image = image_of([d for d in dumps if isinstance(d, BANK_DUMPS)])
    return image.only(PARTS_OF_SCOPE[what])


def _compare(
    name: str,
    session: Session,
    path: Path,
    sha256: str,
    *,
    what: BackupScope,
    label: str,
    more: Sequence[tuple[Path, str]] = (),
) -> CheckResult:
    image = _image_of_set(((path, sha256), *more), what)
    if isinstance(image, str):
        return cannot_tell(name, image, "Take a new backup (or choose the file again), then retry.")
    if not image.parts:
        return cannot_tell(
            name,
            f"The {label} {path.name} holds none of the memory to compare ({what.value}).",
            "Take a backup of that part of memory first, then retry.",
        )
    before = unsolicited_count(session)
    try:
        detected(session)
        read = read_back(exchange_of(session), RestorePlan((), image, ""), session.report)
    except WizardError as error:
        return failure(name, session, error, before, (SILENT_REASON, SILENT_FIX))
    found = differences(image, read)
    parts = listed([PART_WORDS[part] for part in image.parts])
    if not found:
        source = f"{label} {path.name}"
        if more:
            source = f"{label}s " + listed([path.name, *(p.name for p, _ in more)])
        return passed(name, f"Read back from the M1, {parts} are the same as in the {source}.")
    return failed(
        name,
        f"The M1's memory differs from the {label} {path.name}: " + "; ".join(found) + ".",
        "If nothing was changed on purpose, the MIDI interface may be damaging data: "
        f"{TEST_INTERFACE}, then retry.",
    )


def matches_backup(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when the M1 holds what the latest verified backup holds (`what` limits it)."""
    name = "matches_backup"
    backup = session.run_backup or session.unit_backup
    if backup is None:
        return cannot_tell(
            name,
            "No verified backup of this unit exists, so there is nothing to compare with.",
            "Take a backup first (the backup procedure), then retry.",
        )
    what = BackupScope(str(params.get("what", BackupScope.ALL.value)))
    return _compare(name, session, backup.path, backup.sha256, what=what, label="backup")


def matches_file(session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """PASS when the M1 holds what the file sent last in this run holds."""
    name = "matches_file"
    sent = session.sent
    if sent is None:
        return cannot_tell(
            name,
            "No file was sent to the M1 in this run, so there is nothing to compare with.",
            "Send the file first (the transfer step), then retry.",
        )
    return _compare(
        name, session, sent.path, sent.sha256, what=BackupScope.ALL, label="file", more=sent.more
    )
