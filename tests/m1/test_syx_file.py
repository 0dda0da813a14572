"""Reading dump files: defect fixtures, real captures, hex text, headers, paths."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.m1.files import make_fixtures as recipes
from tests.shared import shared_capture
from wizard.errors import FileFormatError, WizardError
from wizard.m1.constants import Allocation, Bank, Function
from wizard.m1.messages import AllCombinationsDump, AllDataDump
from wizard.m1.records import Combination, GlobalData, SequenceData
from wizard.m1.report import Severity
from wizard.m1.syx_file import (
    MAX_FILE_BYTES,
    DumpFile,
    FileFormat,
    FileUnreadableError,
    read_dump_bytes,
    read_dump_file,
)

FILES = Path(__file__).resolve().parent / "files"
SKIPPED = "Nothing to do: only the F0 ... F7 messages are read, the rest is skipped."
CHOOSE = "Choose a .syx or .mid file saved from an M1 or an M1 librarian."
LOST_END = "Use a complete copy of the file; the end of this message was lost."


def h(text: str) -> bytes:
    """Bytes from a spaced hex string as m1-sysex.md writes them."""
    return bytes.fromhex(text)


def fixture(name: str) -> DumpFile:
    """Read one of the defect fixtures from disk."""
    return read_dump_file(FILES / name)


def only_problem(dump: DumpFile) -> tuple[Severity, str, str]:
    """The single problem of `dump` as (severity, message, next action)."""
    assert len(dump.problems) == 1, dump.problems
    p = dump.problems[0]
    return p.severity, p.message, p.next_action


# --- the committed fixtures are what their recipes make ------------------------------


@pytest.mark.parametrize("name", sorted(recipes.RECIPES))
def test_committed_fixture_matches_its_recipe(name: str) -> None:
    assert (FILES / name).read_bytes() == recipes.RECIPES[name]()


# --- errors, asserted verbatim -------------------------------------------------------

ERRORS = {
    "empty.syx": ("The file is empty.", CHOOSE),
    "truncated_4c.syx": (
        "Message 1 at byte 0: this ALL PROGRAMS DUMP (4C) for 100/100 memory is 16349 bytes "
        "where 16350 were expected: 1 byte is missing (truncated).",
        "Use a complete copy of the data; if it came over MIDI, take the dump again and run "
        "the interface loopback test.",
    ),
    "overlong_51.syx": (
        "Message 1 at byte 0: this GLOBAL DUMP (51) is 992 bytes where 991 were expected: "
        "1 byte too many (over-long).",
        "The data is damaged or was made for other memory settings; use another copy.",
    ),
    "unterminated_at_eof.syx": (
        "Message 1 at byte 0 is unterminated: it stops after 491 bytes without the F7 that "
        "ends a message (this GLOBAL DUMP (51) should be 991 bytes).",
        LOST_END,
    ),
    "status_byte_inside_51.syx": (
        "Message 1 at byte 0: byte 100 of the message is 90, a MIDI status byte that cannot "
        "appear inside M1 data: the message is damaged.",
        "Use another copy; if it came over MIDI, run the interface loopback test and take "
        "the dump again.",
    ),
    "damaged_packing_40.syx": (
        "Message 1 at byte 0: the packed data has bits set where 7-in-8 packing leaves none: "
        "the data is damaged.",
        "Use another copy; if it came over MIDI, run the interface loopback test.",
    ),
    "too_many_events_48.syx": (
        "Message 1 at byte 0: the sequencer data holds 4401 events, more than the 4400 that "
        "100/100 memory has room for.",
        "The data is damaged or not M1 data; use another copy.",
    ),
    "other_korg_model_t1.syx": (
        "Message 1 at byte 0: this is data for another Korg model (T1/T2/T3), not an M1.",
        "Choose a file made for the Korg M1, M1R or M1EX.",
    ),
    "not_korg_roland.syx": (
        "Message 1 at byte 0: this message is not Korg data: it comes from Roland.",
        "Choose a file made for the Korg M1.",
    ),
    "no_sysex_at_all.syx": (
        "The file holds no system-exclusive message (no F0 ... F7 data at all).",
        CHOOSE,
    ),
    "not_hex_text.txt": (
        'The file is text, not MIDI data: "Please" on line 2 is not a hex byte.',
        "Choose a .syx or .mid file, or a text file of hex pairs such as F0 42 30 19.",
    ),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_defect_fixture_gives_its_error(name: str) -> None:
    dump = fixture(name)
    assert only_problem(dump) == (Severity.ERROR, *ERRORS[name])
    assert dump.has_errors
    assert dump.dumps == ()


def test_unterminated_message_is_reported_and_the_next_one_still_read() -> None:
    dump = fixture("unterminated_before_next_f0.syx")
    first, second = dump.messages
    assert [(p.severity, p.message) for p in first.problems] == [
        (
            Severity.ERROR,
            "Message 1 at byte 0 is unterminated: it stops after 5 bytes without the F7 that "
            "ends a message (this MODE REQUEST (12) should be 6 bytes).",
        )
    ]
    assert first.message is None
    assert second.offset == 5
    assert second.data == h("F0 42 30 19 12 F7")
    assert not second.has_errors


def test_a_damaged_message_does_not_hide_the_good_ones() -> None:
    good = recipes.global_dump()
    dump = read_dump_bytes(recipes.truncated_4c() + good, "mixed.syx")
    assert dump.has_errors
    assert [m.has_errors for m in dump.messages] == [True, False]
    assert [m.to_bytes() for m in dump.dumps] == [good]
    assert dump.errors[0].message_index == 0


# --- warnings ------------------------------------------------------------------------


def test_mode_change_is_a_warning_and_is_left_out_of_the_dumps() -> None:
    dump = fixture("mode_change_then_global.syx")
    assert only_problem(dump) == (
        Severity.WARNING,
        "Message 1 at byte 0 is a MODE CHANGE (4E); it holds no sounds and will not be sent.",
        "Nothing to do: the wizard puts the M1 in the right mode itself.",
    )
    assert not dump.has_errors
    assert [m.function for m in dump.m1_messages] == [Function.MODE_CHANGE, Function.GLOBAL_DUMP]
    assert [m.function for m in dump.dumps] == [Function.GLOBAL_DUMP]


def test_bytes_between_messages_are_a_warning() -> None:
    dump = fixture("junk_between_messages.syx")
    assert only_problem(dump) == (
        Severity.WARNING,
        "The file has 3 bytes between messages 1 and 2 that are not part of any F0 ... F7 "
        "message, at byte 991.",
        SKIPPED,
    )
    assert [m.offset for m in dump.messages] == [0, 994]
    assert dump.summary == 'global settings with drum kits, program "Synth 05"'


def test_messages_on_different_channels_are_a_warning() -> None:
    dump = fixture("two_channels.syx")
    assert only_problem(dump) == (
        Severity.WARNING,
        "The messages are addressed to different global MIDI channels (1, 2).",
        "Nothing to do: m1-wizard addresses each message to the M1's own channel when it sends it.",
    )
    assert [m.channel for m in dump.messages] == [1, 2]


def test_dumps_for_different_allocations_are_a_warning() -> None:
    half = AllCombinationsDump(
        1,
        tuple(Combination(bytes(124)) for _ in range(50)),
        allocation=Allocation.P50_C50,
    ).to_bytes()
    dump = read_dump_bytes(recipes.all_programs() + half)
    assert [(p.severity, p.message) for p in dump.problems] == [
        (
            Severity.WARNING,
            "The dumps are laid out for different memory allocations (100/100 and 50/50); "
            "the M1 takes only those matching its own.",
        )
    ]
    assert len(half) == 7093  # §3.4: 4D for 50 combinations


def test_hex_text_reads_like_the_binary_and_is_a_warning() -> None:
    dump = fixture("hex_text_global.txt")
    assert dump.format is FileFormat.HEX_TEXT
    assert only_problem(dump) == (
        Severity.WARNING,
        "The file is hex text, not binary MIDI data; it spells out 991 bytes (byte positions "
        "below count those bytes).",
        "Nothing to do; save it as binary .syx if another tool needs that.",
    )
    assert [m.to_bytes() for m in dump.dumps] == [recipes.global_dump()]


@pytest.mark.parametrize(
    "text",
    [
        "F0 42 30 19 12 F7",
        "f0,42,30,19,12,f7",
        "0xF0 0x42 0x30 0x19 0x12 0xF7\r\n",
        "\ufeffF0 42 30\n19 12 F7\n",
        "  F0\t42 ,30 , 19\n\n12 F7  ",
    ],
)
def test_hex_text_spellings(text: str) -> None:
    dump = read_dump_bytes(text.encode("utf-8"))
    assert dump.format is FileFormat.HEX_TEXT
    assert [m.data for m in dump.messages] == [h("F0 42 30 19 12 F7")]


@pytest.mark.parametrize("text", ["F04230191 2F7", "F0 42 30 19 12 F7 G1", "F0 0x 42", "F0:42"])
def test_text_that_is_not_hex_pairs(text: str) -> None:
    dump = read_dump_bytes(text.encode("ascii"))
    assert dump.format is FileFormat.TEXT
    assert dump.has_errors and dump.messages == ()


def test_blank_text() -> None:
    dump = read_dump_bytes(b" \n,\n")
    assert only_problem(dump)[1] == (
        "The file is text, not MIDI data: it holds nothing but spaces, commas and line breaks."
    )


def test_macintosh_header_is_recognised_by_its_content() -> None:
    header = bytearray(128)
    name = b"Factory.syx"
    header[1] = len(name)
    header[2 : 2 + len(name)] = name
    header[65:73] = b"TEXTMDIX"
    header[100] = 0xF0  # a header byte that looks like F0 must not start a message
    dump = read_dump_bytes(bytes(header) + recipes.global_dump())
    assert only_problem(dump) == (
        Severity.WARNING,
        'The first 128 bytes are a Macintosh file header (MacBinary, file name "Factory.syx"), '
        "not MIDI data.",
        SKIPPED,
    )
    assert [m.offset for m in dump.messages] == [128]


def test_padding_is_named_as_padding() -> None:
    dump = read_dump_bytes(recipes.global_dump() + bytes(40))
    assert only_problem(dump)[1] == (
        "The file has 40 bytes of padding (zero bytes) after the last message, at byte 991."
    )


# --- what each message reports -------------------------------------------------------


def test_all_data_dump_reports_everything_it_holds() -> None:
    programs = tuple(recipes.synthetic_program(n) for n in range(100))
    combis = tuple(
        Combination(f"Combi {n:02d}".ljust(10).encode() + bytes(114)) for n in range(100)
    )
    sequence = SequenceData(recipes.synthetic_raw(1522 + 4 * 3619, 3))
    message = AllDataDump(3, GlobalData(bytes(861)), combis, programs, sequence, Bank.INTERNAL)
    data = message.to_bytes()
    assert len(data) == 49791  # §3.4: ALL DATA, 100/100, 3619 events (the factory size)
    dump = read_dump_bytes(data)
    (found,) = dump.messages
    assert (found.kind, found.function_code, found.channel) == ("all_data", 0x50, 3)
    assert (found.length, found.expected_length) == (len(data), len(data))
    assert (found.allocation, found.bank, found.events) == (
        Allocation.P100_C100,
        Bank.INTERNAL,
        3619,
    )
    assert found.contents.programs[0] == "Synth 00"
    assert found.contents.combinations[-1] == "Combi 99"
    assert len(found.contents.songs) == 10
    assert dump.summary == (
        "global settings with drum kits, 100 combinations (Combi 00 ... Combi 99), "
        "100 programs (Synth 00 ... Synth 99), songs (3619 sequencer events)"
    )


def test_identity_reply_and_unknown_function() -> None:
    reply = h("F0 7E 00 06 02 42 19 00 00 00 01 00 02 00 F7")  # §1.2, channel 1
    unknown = h("F0 42 30 19 7A F7")
    dump = read_dump_bytes(reply + unknown)
    first, second = dump.messages
    assert (first.kind, first.channel, first.function_code, first.has_errors) == (
        "identity_reply",
        1,
        None,
        False,
    )
    assert (second.kind, second.function_code, second.expected_length) == ("other", 0x7A, None)
    assert dump.errors[0].message == (
        "Message 2 at byte 15: the message type 7A (byte 4) is not one the M1 uses."
    )


# --- real captures (../shared/fixtures/m1, skipped when absent) ----------------------


@pytest.mark.fixtures
def test_origprog_holds_the_factory_programs() -> None:
    dump = read_dump_bytes(shared_capture("ORIGPROG.SYX"), "ORIGPROG.SYX")
    (message,) = dump.messages
    names = message.contents.programs
    assert len(names) == 100
    assert (names[0], names[1], names[-1]) == ("Universe", "Piano 16'", "Surprise!!")
    assert (message.offset, message.length, message.expected_length) == (128, 16350, 16350)
    assert [(p.severity, p.offset) for p in dump.problems] == [
        (Severity.WARNING, 0),
        (Severity.WARNING, 128 + 16350),
    ]
    assert dump.problems[0].message == (
        'The first 128 bytes are a Macintosh file header (MacBinary, file name "OrigKorg.M1"), '
        "not MIDI data."
    )
    assert dump.problems[1].message.startswith("The file has 33 bytes after the last message")
    assert dump.summary == "100 programs (Universe ... Surprise!!)"
    assert not dump.has_errors


@pytest.mark.fixtures
def test_origglob_is_one_global_dump() -> None:
    dump = read_dump_bytes(shared_capture("ORIGGLOB.SYX"))
    (message,) = dump.messages
    assert (message.kind, message.length, message.expected_length) == ("global", 991, 991)
    assert dump.problems == ()
    assert dump.summary == "global settings with drum kits"


@pytest.mark.fixtures
def test_origseqs_is_one_sequence_dump_with_3619_events() -> None:
    dump = read_dump_bytes(shared_capture("ORIGSEQS.SYX"))
    (message,) = dump.messages
    assert (message.kind, message.events, message.length) == ("sequence", 3619, 18293)
    assert message.contents.songs[:3] == ("Oh Yes!1", "Out There", "Harmony1")
    assert dump.problems == ()


@pytest.mark.fixtures
@pytest.mark.parametrize("name", ["ORIGPROG.SYX", "ORIGGLOB.SYX", "ORIGSEQS.SYX"])
def test_real_captures_re_encode_byte_identical(name: str) -> None:
    data = shared_capture(name)
    dump = read_dump_bytes(data)
    for found, message in zip(dump.messages, dump.dumps, strict=True):
        assert message.to_bytes() == found.data
        assert data[found.offset : found.offset + found.length] == found.data


@pytest.mark.fixtures
@pytest.mark.parametrize("name", ["ORIGPROG.SYX", "ORIGSEQS.SYX"])
def test_hex_text_of_a_capture_reads_the_same(name: str) -> None:
    data = shared_capture(name)
    text = "\n".join(data[i : i + 24].hex(" ").upper() for i in range(0, len(data), 24))
    binary, hexed = read_dump_bytes(data), read_dump_bytes(text.encode("ascii"))
    assert hexed.format is FileFormat.HEX_TEXT
    assert hexed.dumps == binary.dumps
    assert [p.message for p in hexed.problems[1:]] == [p.message for p in binary.problems]


# --- reading from disk ---------------------------------------------------------------


def test_file_over_the_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.syx"
    with big.open("wb") as stream:
        stream.truncate(5 * 1024 * 1024)  # sparse: costs no disk space
    with pytest.raises(FileFormatError) as caught:
        read_dump_file(big)
    assert not isinstance(caught.value, FileUnreadableError)
    assert caught.value.message == (
        f"{big} is 5 MiB, over the 4 MiB limit for M1 data (a complete ALL DATA dump is at "
        "most 53361 bytes)."
    )
    assert caught.value.next_action == (
        "Check that this is the right file; split it if it holds many dumps."
    )


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "padded.syx"
    data = recipes.global_dump()
    path.write_bytes(data + bytes(MAX_FILE_BYTES - len(data)))
    assert len(read_dump_file(path).dumps) == 1


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "missing.syx"
    with pytest.raises(FileUnreadableError) as caught:
        read_dump_file(path)
    assert str(caught.value) == f"There is no file at {path}. Check the path and try again."


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(FileUnreadableError) as caught:
        read_dump_file(tmp_path)
    assert str(caught.value) == (
        f"{tmp_path} is a folder, not a file. Give the path of a .syx or .mid file in it."
    )


def test_reading_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "dump.syx"
    path.write_bytes(recipes.truncated_4c())
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    dump = read_dump_file(path)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert dump.sha256 == hashlib.sha256(before[0]).hexdigest()
    assert dump.path == str(path)


def test_only_project_errors_escape_read_dump_file(tmp_path: Path) -> None:
    with pytest.raises(WizardError):
        read_dump_file(tmp_path / "nothing-here")
