"""Backups from the emulated M1: every part, splitting on small MIDI systems, saving."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from tests.device.helpers import JACK_LIMIT, connect, ready_state, with_faults
from wizard.device.backup import save_backup, take_backup
from wizard.device.detect import detect
from wizard.device.manual import receive_panel_dump
from wizard.device.outcomes import DeviceError, Outcome
from wizard.device.store import SaveError
from wizard.m1 import (
    AllCombinationsDump,
    AllDataDump,
    AllProgramsDump,
    GlobalDump,
    SequenceDump,
    parse,
)
from wizard.m1.records import decode_name

NOON = datetime(2026, 11, 21, 12, 0, 0)


@pytest.mark.parametrize(
    ("what", "kind", "length"),
    [
        ("programs", AllProgramsDump, 16_350),
        ("combinations", AllCombinationsDump, 14_179),
        ("global", GlobalDump, 991),
    ],
)
def test_each_part_has_its_exact_size(what: str, kind: type, length: int) -> None:
    _, exchange = connect(ready_state())
    backup = take_backup(exchange, detect(exchange), what)
    (dump,) = backup.dumps
    assert isinstance(dump, kind)
    assert len(dump.to_bytes()) == length


def test_sequence_backup_matches_the_memory() -> None:
    emulator, exchange = connect(ready_state())
    (dump,) = take_backup(exchange, detect(exchange), "sequence").dumps
    assert isinstance(dump, SequenceDump)
    assert dump.sequence.raw == emulator.state.memory.sequence


def test_all_is_one_message_where_the_system_carries_it() -> None:
    emulator, exchange = connect(ready_state())
    (dump,) = take_backup(exchange, detect(exchange), "all").dumps
    assert isinstance(dump, AllDataDump)
    names = [decode_name(p) for p in emulator.state.memory.programs]
    assert [p.name for p in dump.programs] == names


def test_all_is_requested_in_parts_on_a_system_with_a_size_limit() -> None:
    _, exchange = connect(ready_state(), limit=JACK_LIMIT)
    dumps = take_backup(exchange, detect(exchange), "all").dumps
    assert [type(d) for d in dumps] == [
        GlobalDump,
        AllCombinationsDump,
        AllProgramsDump,
        SequenceDump,
    ]


def test_damaged_dump_is_reported_not_saved() -> None:
    emulator, exchange = connect(ready_state())
    found = detect(exchange)
    with_faults(emulator, drop_output=3)
    with pytest.raises(DeviceError) as caught:
        take_backup(exchange, found, "programs")
    assert caught.value.outcome is Outcome.DAMAGED_REPLY
    assert caught.value.message == (
        "The M1's reply arrived damaged: bytes were lost or changed on the way. The ALL "
        "PROGRAMS DUMP (4C) came back as 16347 bytes where 16350 were expected."
    )


def test_save_writes_syx_and_manifest_and_never_overwrites(tmp_path: Path) -> None:
    _, exchange = connect(ready_state())
    backup = take_backup(exchange, detect(exchange), "programs")
    saved = save_backup(backup, folder=tmp_path, now=NOON)
    assert saved.path.name == "m1-backup-20261121-120000-programs.syx"
    assert saved.path.read_bytes() == backup.data
    manifest = json.loads(saved.manifest.read_text())
    assert manifest["channel"] == 1
    assert manifest["allocation"] == "100/100"
    assert manifest["size"] == 16_350
    assert manifest["messages"][0]["function"] == "4C"
    assert len(manifest["messages"][0]["programs"]) == 100
    again = save_backup(backup, folder=tmp_path, now=NOON)
    assert again.path.name == "m1-backup-20261121-120000-programs-2.syx"
    assert saved.path.read_bytes() == backup.data
    with pytest.raises(SaveError) as caught:
        save_backup(backup, saved.path, now=NOON)
    assert str(caught.value).startswith(f"{saved.path} already exists")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "m1-backup-20261121-120000-programs-2.json",
        "m1-backup-20261121-120000-programs-2.syx",
        "m1-backup-20261121-120000-programs.json",
        "m1-backup-20261121-120000-programs.syx",
    ]


def test_panel_dump_arrives_even_with_exclusive_disabled() -> None:
    _, exchange = connect(ready_state("used", excl_enabled=False))
    link = exchange.transport
    for key in ("GLOBAL", "7", "UP", "UP", "UP", "UP", "G"):
        link.press(key)  # type: ignore[attr-defined]
    backup = receive_panel_dump(exchange, wait=0.5)
    (dump,) = backup.dumps
    assert isinstance(dump, AllDataDump)
    assert dump.channel == 5 == exchange.channel
    assert parse(dump.to_bytes()) == dump


def test_panel_dump_wait_ends_in_silence_when_nothing_is_pressed() -> None:
    _, exchange = connect(ready_state("used"))
    with pytest.raises(DeviceError) as caught:
        receive_panel_dump(exchange, wait=0.1)
    assert caught.value.outcome is Outcome.SILENT


@pytest.mark.parametrize(
    ("what", "kinds"),
    [
        ("all", ['"all_data"']),
        ("programs", ['"all_programs"']),
        ("combinations", ['"all_combinations"']),
        ("global", ['"global"']),
        ("sequence", ['"sequence"']),
    ],
)
def test_manifest_writes_message_kinds_as_plain_strings(
    tmp_path: Path, what: str, kinds: list[str]
) -> None:
    # The raw text is checked: the kinds are an enum in the wizard, a plain string on disk.
    _, exchange = connect(ready_state())
    saved = save_backup(take_backup(exchange, detect(exchange), what), folder=tmp_path, now=NOON)
    assert re.findall(r'"kind": (.*),\n', saved.manifest.read_text()) == kinds


def test_the_progress_names_what_is_being_backed_up_in_plain_words() -> None:
    _, exchange = connect(ready_state("factory"), limit=JACK_LIMIT)
    labels: list[str] = []
    take_backup(exchange, detect(exchange), "all", lambda p: labels.append(p.label))
    assert list(dict.fromkeys(labels)) == [
        "the global settings and drum kits",
        "the global settings and drum kits, read again to compare",
        "the combinations",
        "the combinations, read again to compare",
        "the programs",
        "the programs, read again to compare",
        "the songs (sequencer memory)",
        "the songs (sequencer memory), read again to compare",
    ]
