"""A file that replaces one part of memory twice: two different dumps of one part are
refused before anything is sent (only the last would stay in the M1), an ALL DATA with a
part it contains too, and an exact repeat is sent once with a note."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.device.restore import RestoreRefused, plan_restore
from wizard.emulator import build_state
from wizard.emulator.dumps import bank_dump
from wizard.m1 import Bank, Function
from wizard.m1.constants import Allocation
from wizard.m1.parts import DOUBLE_PART_NEXT
from wizard.m1.report import Severity
from wizard.m1.syx_file import read_dump_bytes

FACTORY = build_state("factory").memory
WIPED = build_state("battery-dead").memory


def dump(memory: object, function: Function, channel: int = 1) -> bytes:
    """One bank dump of an emulated memory as bytes."""
    return bank_dump(memory, function, Bank.INTERNAL, channel).to_bytes()  # type: ignore[arg-type]


TWO_PROGRAM_BANKS = dump(FACTORY, Function.ALL_PROGRAMS_DUMP) + dump(
    WIPED, Function.ALL_PROGRAMS_DUMP
)
ALL_THEN_PROGRAMS = dump(FACTORY, Function.ALL_DATA_DUMP) + dump(WIPED, Function.ALL_PROGRAMS_DUMP)
FACTORY_PROGRAMS = "100 programs (Grand Hall ... Orch Hit)"
WIPED_PROGRAMS = "100 programs (Init Prog ... Init Prog)"


def plan(data: bytes, name: str = "two.syx") -> object:
    return plan_restore(read_dump_bytes(data, name), 1, Allocation.P100_C100, None)


def test_two_different_program_banks_are_refused_naming_both() -> None:
    with pytest.raises(RestoreRefused) as refused:
        plan(TWO_PROGRAM_BANKS)
    assert refused.value.message == (
        f"two.syx cannot be sent: Message 1 ({FACTORY_PROGRAMS}) and message 2 "
        f"({WIPED_PROGRAMS}) both hold the programs; sent together, only the last would "
        "stay in the M1. Nothing was sent."
    )
    assert refused.value.next_action == DOUBLE_PART_NEXT


def test_all_data_then_a_program_bank_is_a_conflict_in_the_programs() -> None:
    with pytest.raises(RestoreRefused) as refused:
        plan(ALL_THEN_PROGRAMS)
    assert "both hold the programs; sent together" in refused.value.message
    assert refused.value.message.startswith("two.syx cannot be sent: Message 1 (")


def test_an_exact_repeat_is_sent_once_with_a_note() -> None:
    programs = dump(FACTORY, Function.ALL_PROGRAMS_DUMP)
    again_on_channel_5 = dump(FACTORY, Function.ALL_PROGRAMS_DUMP, channel=5)
    planned = plan(programs + again_on_channel_5)
    assert len(planned.loads) == 1  # type: ignore[attr-defined]
    assert planned.notes == ("Message 2 repeats message 1 exactly; it is sent once.",)  # type: ignore[attr-defined]


def test_inspect_warns_about_the_conflict_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = read_dump_bytes(TWO_PROGRAM_BANKS + dump(WIPED, Function.ALL_PROGRAMS_DUMP))
    warnings = [p.message for p in report.problems if p.severity is Severity.WARNING]
    assert not any("repeats" in w for w in warnings)  # an exact repeat is harmless
    assert (
        f"Message 1 ({FACTORY_PROGRAMS}) and message 2 ({WIPED_PROGRAMS}) both hold the "
        "programs; sent together, only the last would stay in the M1."
    ) in warnings
    path = tmp_path / "two.syx"
    path.write_bytes(TWO_PROGRAM_BANKS)
    assert main(["inspect", str(path)]) == 0
    assert "both hold the programs" in capsys.readouterr().out


def test_the_command_refuses_before_anything_is_sent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "two.syx"
    path.write_bytes(ALL_THEN_PROGRAMS)
    assert main(["restore", str(path), "--emulated", "factory", "--yes"]) == 1
    err = capsys.readouterr().err
    assert "both hold the programs; sent together, only the last would stay in the M1." in err
    assert "Nothing was sent." in err
    home = Path(os.environ["M1_WIZARD_HOME"])
    assert list(home.rglob("*.syx")) == []  # refused before the safety backup
    assert list(home.rglob("journal.jsonl")) == []  # nothing started


def test_a_part_left_out_on_purpose_is_not_sent_and_is_named() -> None:
    planned = plan_restore(
        read_dump_bytes(dump(FACTORY, Function.ALL_DATA_DUMP), "ALL.SYX"),
        1,
        Allocation.P100_C100,
        None,
        frozenset({"sequence"}),
    )
    assert planned.image.parts == ("global", "combinations", "programs")
    assert planned.notes == ("Left out, as asked: songs (976 sequencer events) from ALL.SYX.",)


def test_a_part_too_large_for_the_midi_system_stops_the_whole_set() -> None:
    with pytest.raises(RestoreRefused) as refused:
        plan_restore(
            read_dump_bytes(TWO_PROGRAM_BANKS[: len(TWO_PROGRAM_BANKS) // 2], "P.SYX"),
            1,
            Allocation.P100_C100,
            16_000,
        )
    assert refused.value.message == (
        "The 100 programs (Grand Hall ... Orch Hit) message is 16,350 bytes but this MIDI "
        "system carries at most 16,000 bytes in one message, so the set cannot go in whole; "
        "nothing was sent."
    )
    assert refused.value.next_action.endswith(
        "Or leave that part out on purpose with --leave-out programs (the rest goes in)."
    )
