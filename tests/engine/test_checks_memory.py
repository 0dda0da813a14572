"""`memory_initialised`, `matches_backup` and `matches_file` against the emulated M1."""

from __future__ import annotations

import hashlib
from pathlib import Path

from tests.device.helpers import ready_state, with_faults
from tests.engine.helpers import session_for, verified_backup
from wizard.emulator import Faults
from wizard.engine.checks import Verdict
from wizard.engine.checks.memory import (
    SILENT_REASON,
    matches_backup,
    matches_file,
    memory_initialised,
)
from wizard.m1 import Bank, Function, Request
from wizard.operations.records import SentRecord

NO_PARAMS: dict[str, str] = {}


def test_battery_dead_memory_looks_initialised(tmp_path: Path) -> None:
    _, session = session_for(ready_state("battery-dead"), tmp_path)
    result = memory_initialised(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason == (
        'All 100 programs are one and the same sound (program 00 is "Init Prog"): the memory '
        "looks wiped, as when the M1 loses its memory (a flat battery) and every program "
        "becomes the same blank sound."
    )


def test_a_used_memory_is_not_initialised(tmp_path: Path) -> None:
    _, session = session_for(ready_state("used"), tmp_path)
    result = memory_initialised(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert result.reason == (
        'The memory is not wiped: its 50 programs are not all one sound (program 00 is "Gig '
        'EP 1"), as they would be after a lost memory.'
    )


def test_memory_initialised_cannot_tell_on_silence_or_damage(tmp_path: Path) -> None:
    _, silent = session_for(ready_state("battery-dead", excl_enabled=False), tmp_path)
    result = memory_initialised(silent, NO_PARAMS)
    assert (result.status, result.reason) == (Verdict.CANNOT_TELL, SILENT_REASON)
    _, damaged = session_for(ready_state("battery-dead"), tmp_path, Faults(drop_output=1))
    result = memory_initialised(damaged, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert "m1-wizard loopback" in result.fix


def test_matches_backup_passes_right_after_the_backup(tmp_path: Path) -> None:
    _, session = session_for(ready_state("used"), tmp_path)
    session.run_backup = verified_backup(session)
    result = matches_backup(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason.startswith(
        "Read back from the M1, the global settings, the combinations, the programs and the "
        "songs (sequencer data) are the same as in the backup "
    )


def test_matches_backup_names_the_programs_that_changed(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    session.run_backup = verified_backup(session)
    state.memory.programs[3] = state.memory.programs[4]
    result = matches_backup(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert "1 program(s) differ: 03 'Honky Bar'" in result.reason
    # Limited to the global data, the same memory matches.
    assert matches_backup(session, {"what": "global"}).status is Verdict.PASS


def test_matches_backup_cannot_tell_without_a_backup_or_with_a_changed_file(
    tmp_path: Path,
) -> None:
    _, session = session_for(ready_state("factory"), tmp_path)
    result = matches_backup(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == (
        "No verified backup of this unit exists, so there is nothing to compare with."
    )
    backup = verified_backup(session)
    session.unit_backup = backup
    backup.path.write_bytes(backup.path.read_bytes()[:-1] + b"\x00")
    result = matches_backup(session, NO_PARAMS)
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == (
        f"The file {backup.path} has changed since it was saved or sent (it no longer matches "
        "the checksum the journal recorded)."
    )


def test_matches_backup_cannot_tell_when_the_read_back_is_damaged(tmp_path: Path) -> None:
    emulator, session = session_for(ready_state("factory"), tmp_path)
    session.run_backup = verified_backup(session)
    with_faults(emulator, corrupt_output=2)
    result = matches_backup(session, NO_PARAMS)
    # Changed bytes keep the length, so the damage shows as a difference, not a parse
    # error: only dropped bytes are certain damage.
    assert result.status is Verdict.FAIL
    with_faults(emulator, corrupt_output=0, drop_output=2)
    assert matches_backup(session, NO_PARAMS).status is Verdict.CANNOT_TELL


def test_matches_file_compares_with_the_file_sent(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    assert matches_file(session, NO_PARAMS).status is Verdict.CANNOT_TELL
    backup = verified_backup(session)
    sha = hashlib.sha256(backup.path.read_bytes()).hexdigest()
    session.sent = SentRecord(backup.path, sha, "everything")
    assert matches_file(session, NO_PARAMS).status is Verdict.PASS
    state.memory.combinations[0] = state.memory.combinations[1]
    result = matches_file(session, NO_PARAMS)
    assert result.status is Verdict.FAIL
    assert "1 combination(s) differ: 00" in result.reason


def test_matches_file_names_every_file_of_a_set_in_plain_words(tmp_path: Path) -> None:
    state = ready_state("factory")
    _, session = session_for(state, tmp_path)
    exchange = session.exchange
    assert exchange is not None
    programs = tmp_path / "ORIGPROG.SYX"
    combinations = tmp_path / "ORIGCOMB.SYX"
    programs.write_bytes(
        exchange.request(
            Request(exchange.channel, Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL),
            Function.ALL_PROGRAMS_DUMP,
        ).to_bytes()
    )
    combinations.write_bytes(
        exchange.request(
            Request(exchange.channel, Function.ALL_COMBINATIONS_REQUEST, Bank.INTERNAL),
            Function.ALL_COMBINATIONS_DUMP,
        ).to_bytes()
    )

    def sha(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    more = ((combinations, sha(combinations)),)
    session.sent = SentRecord(programs, sha(programs), "a set", more)
    result = matches_file(session, NO_PARAMS)
    assert result.status is Verdict.PASS
    assert result.reason == (
        "Read back from the M1, the combinations and the programs are the same as in the "
        "files ORIGPROG.SYX and ORIGCOMB.SYX."
    )
