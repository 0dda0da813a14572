"""`m1-wizard inspect`: human and JSON reports, exit codes, unreadable paths."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.m1.files import make_fixtures as recipes
from tests.shared import SHARED_FIXTURES, shared_capture
from wizard.cli import main
from wizard.m1 import (
    AllCombinationsDump,
    AllDataDump,
    Bank,
    Combination,
    CombinationDump,
    Function,
    GlobalData,
    IdentityReply,
    IdentityRequest,
    ModeChange,
    ModeData,
    Program,
    Request,
    SequenceData,
    Status,
)

FILES = recipes.HERE


def run_json(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    """Exit code and parsed output of `inspect --json`."""
    code = main(["inspect", "--json", str(path)])
    report: dict[str, Any] = json.loads(capsys.readouterr().out)
    return code, report


def test_clean_file_exits_0_and_lists_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bank.syx"
    path.write_bytes(recipes.all_programs() + recipes.global_dump())
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Contents: 100 programs (Synth 00 ... Synth 99), global settings with drum kits\n" in out
    assert (
        "Message 1 at byte 0: ALL PROGRAMS DUMP (4C), channel 1, 16350 bytes (expected 16350)\n"
        "  memory 100/100, internal bank\n"
        "  Programs:\n"
        "    00 Synth 00     01 Synth 01     02 Synth 02     03 Synth 03\n"
    ) in out
    assert "    96 Synth 96     97 Synth 97     98 Synth 98     99 Synth 99\n" in out
    assert "Message 2 at byte 16350: GLOBAL DUMP (51), channel 1, 991 bytes (expected 991)\n" in out
    assert out.endswith("\nNo problems found.\n")


def test_file_with_an_error_exits_1_and_says_why(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(FILES / "truncated_4c.syx")]) == 1
    out = capsys.readouterr().out
    assert "  Not usable: see the problems below.\n" in out
    assert (
        "Problems: 1 error(s), 0 warning(s)\n"
        "  error: Message 1 at byte 0: this ALL PROGRAMS DUMP (4C) for 100/100 memory is 16349 "
        "bytes where 16350 were expected: 1 byte is missing (truncated).\n"
        "         Use a complete copy of the data;"
    ) in out


def test_warnings_alone_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect", str(FILES / "mode_change_then_global.syx")]) == 0
    out = capsys.readouterr().out
    assert "  warning: Message 1 at byte 0 is a MODE CHANGE (4E);" in out


def test_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(FILES / "junk_between_messages.syx", capsys)
    assert code == 0
    assert report["format"] == "syx"
    assert report["ok"] is True
    assert report["summary"] == 'global settings with drum kits, program "Synth 05"'
    first, second = report["messages"]
    assert {k: first[k] for k in ("kind", "function", "channel", "length", "expected_length")} == {
        "kind": "global",
        "function": "51",
        "channel": 1,
        "length": 991,
        "expected_length": 991,
    }
    assert (first["programs"], first["combinations"], first["global"]) == ([], [], True)
    assert (second["kind"], second["function"], second["programs"]) == (
        "program",
        "40",
        ["Synth 05"],
    )
    assert (second["offset"], second["allocation"], second["bank"]) == (994, None, None)
    assert report["problems"] == [
        {
            "severity": "warning",
            "message": "The file has 3 bytes between messages 1 and 2 that are not part of any "
            "F0 ... F7 message, at byte 991.",
            "next_action": "Nothing to do: only the F0 ... F7 messages are read, the rest is "
            "skipped.",
            "offset": 991,
            "message_index": None,
        }
    ]


def test_json_report_of_a_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = run_json(FILES / "unterminated_before_next_f0.syx", capsys)
    assert code == 1
    assert report["ok"] is False
    assert [m["ok"] for m in report["messages"]] == [False, True]
    assert [(p["severity"], p["message_index"]) for p in report["problems"]] == [
        ("error", 0),
        ("warning", 1),
    ]


def test_json_of_a_sequence_lists_songs_and_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "songs.syx"
    path.write_bytes(recipes.sequence_dump(20))
    code, report = run_json(path, capsys)
    (message,) = report["messages"]
    assert code == 0
    assert (message["kind"], message["events"], len(message["songs"])) == ("sequence", 20, 10)
    assert (message["allocation"], message["bank"]) == ("100/100", "internal")


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.syx"
    assert main(["inspect", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        f"m1-wizard inspect: There is no file at {path}. Check the path and try again.\n"
    )


def test_a_folder_without_dumps_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("nothing here\n")
    assert main(["inspect", "--json", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"m1-wizard inspect: {tmp_path} holds no file with MIDI system-exclusive data (1 "
        'file looked at; notes.txt is text, not MIDI data: "nothing" on line 1 is not a '
        "hex byte). Give the downloaded .syx or .mid file, or the folder it was unpacked "
        "into.\n"
    )


def test_no_file_argument_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["inspect"]) == 2
    assert "the following arguments are required: PATH" in capsys.readouterr().err


def test_too_large_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 10: it exited 1 ("the file has errors") where the README promises 2 for an
    # unusable file.
    path = tmp_path / "huge.syx"
    with path.open("wb") as stream:
        stream.truncate(6 * 1024 * 1024)
    code, report = run_json(path, capsys)
    assert code == 2
    assert report["messages"] == []
    assert report["problems"][0]["message"] == (
        f"{path} is 6 MiB, over the 4 MiB limit for M1 data (a complete ALL DATA dump is at "
        "most 53361 bytes)."
    )
    assert main(["inspect", str(path)]) == 2
    assert capsys.readouterr().err.startswith(f"m1-wizard inspect: {path} is 6 MiB")


@pytest.mark.fixtures
def test_real_program_bank_in_json(capsys: pytest.CaptureFixture[str]) -> None:
    shared_capture("ORIGPROG.SYX")  # skips when the captures are absent
    code, report = run_json(SHARED_FIXTURES / "ORIGPROG.SYX", capsys)
    assert code == 0
    (message,) = report["messages"]
    assert (message["kind"], message["function"], message["offset"]) == ("all_programs", "4C", 128)
    assert message["programs"][:2] == ["Universe", "Piano 16'"]
    assert message["programs"][-1] == "Surprise!!"
    assert [p["severity"] for p in report["problems"]] == ["warning", "warning"]
    assert report["sha256"] == "ea71ea07b980eac96dd3df425c15daa0acaa57cd44a46c7d4273b9d1c780ace3"


@pytest.mark.fixtures
def test_real_sequence_dump_in_text(capsys: pytest.CaptureFixture[str]) -> None:
    shared_capture("ORIGSEQS.SYX")
    assert main(["inspect", str(SHARED_FIXTURES / "ORIGSEQS.SYX")]) == 0
    out = capsys.readouterr().out
    assert "  memory 100/100, internal bank, 3619 sequencer events\n" in out
    assert "    0 Oh Yes!1     1 Out There    2 Harmony1     3 Harmony2\n" in out


def test_json_writes_message_kinds_as_the_same_plain_strings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The kinds are an enum inside the wizard; in the JSON they must stay the plain
    # strings scripts already read, so the raw text is checked, not the parsed value.
    programs = tuple(Program(bytes(143)) for _ in range(100))
    combinations = tuple(Combination(bytes(124)) for _ in range(100))
    everything = AllDataDump(
        1, GlobalData(bytes(861)), combinations, programs, SequenceData(bytes(1522))
    )
    path = tmp_path / "mixed.syx"
    path.write_bytes(
        IdentityReply(1).to_bytes()
        + IdentityRequest().to_bytes()
        + Request(1, Function.ALL_PROGRAMS_REQUEST, Bank.INTERNAL).to_bytes()
        + Status(1).to_bytes()
        + ModeData(1).to_bytes()
        + ModeChange(1).to_bytes()
        + recipes.program_dump()
        + CombinationDump(1, combinations[0]).to_bytes()
        + recipes.all_programs()
        + AllCombinationsDump(1, combinations).to_bytes()
        + recipes.sequence_dump(0)
        + recipes.global_dump()
        + everything.to_bytes()
    )
    main(["inspect", "--json", str(path)])
    out = capsys.readouterr().out
    assert re.findall(r'"kind": (.*),\n', out) == [
        '"identity_reply"',
        '"other"',
        '"other"',
        '"other"',
        '"mode_data"',
        '"other"',
        '"program"',
        '"combination"',
        '"all_programs"',
        '"all_combinations"',
        '"sequence"',
        '"global"',
        '"all_data"',
    ]


def test_the_same_problem_of_many_messages_is_printed_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "DW8000.SYX"
    path.write_bytes(bytes.fromhex("F0 42 30 03 40 00 01 02 F7") * 128)
    assert main(["inspect", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.endswith(
        "Problems: 128 error(s), 0 warning(s)\n"
        "  error: Messages 1-128: this is data for another Korg model (DW-8000/EX-8000), "
        "not an M1.\n"
        "         Choose a file made for the Korg M1, M1R or M1EX.\n"
    )


def test_a_zip_is_reported_with_each_file_in_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "M1_PRELOAD.ZIP"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("M1/GLOBAL.SYX", recipes.global_dump())
        archive.writestr("M1/manual.pdf", b"%PDF-1.4\n")
    assert main(["inspect", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"File:     {path}\nFormat:   zip archive, ")
    assert (
        "Contents: 1 file(s) with MIDI data: M1/GLOBAL.SYX\n\nNo problems found.\n"
        f"Passed over: {path}:M1/manual.pdf is a PDF document, not MIDI data.\n\n"
        f"File:     {path}:M1/GLOBAL.SYX\n"
    ) in out
    code, report = run_json(path, capsys)
    assert (code, report["format"], [m["file"] for m in report["members"]]) == (
        0,
        "zip",
        [f"{path}:M1/GLOBAL.SYX"],
    )


def test_a_refused_zip_exits_1_with_the_limit_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.syx", bytes(20 * 1024 * 1024))
    assert main(["inspect", str(path)]) == 1
    assert (
        '  error: The zip archive is not opened: its member "big.syx" would unpack 1028 times '
        "larger than it is stored, over the limit of 100 times (a zip bomb).\n"
    ) in capsys.readouterr().out
