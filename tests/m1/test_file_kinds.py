"""Any file as downloaded: the content decides. Hex listings, librarians' headers, files of
other kinds, other instruments' data, and names in any letter case."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.m1.files import make_fixtures as recipes
from tests.shared import shared_capture
from wizard.m1.report import Severity
from wizard.m1.syx_file import DumpFile, FileFormat, read_dump_bytes, read_dump_file

FILES = Path(__file__).resolve().parent / "files"
CHOOSE = "Choose a .syx or .mid file saved from an M1 or an M1 librarian."
SKIPPED = "Nothing to do: only the F0 ... F7 messages are read, the rest is skipped."


def h(text: str) -> bytes:
    """Bytes from a spaced hex string as m1-sysex.md writes them."""
    return bytes.fromhex(text)


def xxd_layout(data: bytes) -> str:
    """`data` as `xxd` lists it: offset, eight 2-byte groups, two spaces, the text."""
    lines = []
    for at in range(0, len(data), 16):
        row = data[at : at + 16]
        groups = " ".join(row[i : i + 2].hex() for i in range(0, len(row), 2))
        text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in row)
        lines.append(f"{at:08x}: {groups:<39}  {text}")
    return "\n".join(lines) + "\n"


def hexdump_c_layout(data: bytes) -> str:
    """`data` as `hexdump -C` lists it, "*" for repeated lines and the end offset last."""
    lines: list[str] = []
    previous = b""
    for at in range(0, len(data), 16):
        row = data[at : at + 16]
        if row == previous and len(row) == 16:
            if lines[-1] != "*":
                lines.append("*")
            continue
        left = " ".join(f"{b:02x}" for b in row[:8])
        right = " ".join(f"{b:02x}" for b in row[8:])
        text = "".join(chr(b) if 0x20 <= b < 0x7F else "." for b in row)
        lines.append(f"{at:08x}  {left:<23}  {right:<23}  |{text}|")
        previous = row
    lines.append(f"{len(data):08x}")
    return "\n".join(lines) + "\n"


def only_problem(dump: DumpFile) -> tuple[Severity, str, str]:
    """The single problem of `dump`."""
    (problem,) = dump.problems
    return problem.severity, problem.message, problem.next_action


# --- files of other kinds -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"ID3\x03\x00\x00\x00\x00\x00\x0a" + bytes(64), "an MP3 audio file"),
        (h("FF FB 90 64") + bytes(64), "an MP3 audio file"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
        (b"%PDF-1.4\n1 0 obj\n", "a PDF document"),
        (b"\x89PNG\r\n\x1a\n" + bytes(32), "a PNG image"),
        (h("FF D8 FF E0") + b"\x00\x10JFIF" + bytes(32), "a JPEG image"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(32), "a WAVE audio file"),
        (b"PK\x05\x06" + bytes(18), "a zip archive"),
    ],
)
def test_a_file_of_another_kind_is_named_in_one_sentence(data: bytes, kind: str) -> None:
    dump = read_dump_bytes(data, "download")
    assert dump.format is FileFormat.OTHER
    assert only_problem(dump) == (Severity.ERROR, f"The file is {kind}, not MIDI data.", CHOOSE)


def test_random_bytes_hold_no_midi_data_rather_than_a_cut_off_message() -> None:
    data = random.Random(11).randbytes(64 * 1024)
    assert data.count(0xF0) > 100  # F0 bytes occur; none of them starts a message
    assert only_problem(read_dump_bytes(data, "noise.bin")) == (
        Severity.ERROR,
        "The file holds no MIDI system-exclusive data: none of its bytes form an F0 ... F7 "
        "message.",
        CHOOSE,
    )


def test_a_text_file_is_text_not_midi_data() -> None:
    dump = read_dump_bytes(b"Korg M1 factory sounds, see the manual.\n", "readme.txt")
    assert only_problem(dump)[1] == (
        'The file is text, not MIDI data: "Korg" on line 1 is not a hex byte.'
    )


def test_a_utf16_byte_order_mark_is_not_an_mp3_frame() -> None:
    dump = read_dump_bytes("\ufeffF0 42 30 19 12 F7\n".encode("utf-16-le"), "u.txt")
    assert dump.format is FileFormat.HEX_TEXT and not dump.has_errors


# --- hex listings ---------------------------------------------------------------------

LISTING = (
    "The file is a hex dump (offsets, hex and text columns, as xxd or hexdump -C print "
    "them), not binary MIDI data; it spells out {} bytes (byte positions below count those "
    "bytes)."
)


def test_an_xxd_dump_of_a_midi_file_is_read_as_that_midi_file() -> None:
    smf = (FILES / "smf_notes_and_global.mid").read_bytes()
    dump = read_dump_bytes(xxd_layout(smf).encode(), "m1_all.mid.txt")
    assert dump.format is FileFormat.HEX_DUMP
    assert dump.problems[0].message == LISTING.format(len(smf))
    assert dump.summary == "global settings with drum kits"
    assert [m.data for m in dump.messages] == [m.data for m in read_dump_bytes(smf).messages]


def test_a_hexdump_c_listing_with_repeated_lines_is_read() -> None:
    data = recipes.global_dump() + bytes(64) + recipes.program_dump()
    text = hexdump_c_layout(data)
    assert "\n*\n" in text  # the zero padding collapses to "*"
    dump = read_dump_bytes(text.encode(), "dump.txt")
    assert (dump.format, len(dump.dumps), dump.problems[0].message) == (
        FileFormat.HEX_DUMP,
        2,
        LISTING.format(len(data)),
    )


def test_a_listing_with_a_line_out_of_place_names_the_line() -> None:
    lines = xxd_layout(recipes.global_dump()).splitlines()
    del lines[3]
    dump = read_dump_bytes(("\n".join(lines) + "\n").encode(), "cut.txt")
    assert only_problem(dump) == (
        Severity.ERROR,
        'The file is a hex dump, but line 4 ("00000040: 0328 4d72") does not follow the '
        "layout of the lines before it.",
        "Use a complete copy of the listing, or the binary file it was made from.",
    )


# --- librarians' headers --------------------------------------------------------------


def test_a_sysex_manager_header_is_named_and_skipped() -> None:
    header = bytearray(0x78)
    header[:14] = b"Sysex Manager-"
    header[0x40] = 0xF7  # a header byte that looks like a status byte stays in the header
    dump = read_dump_bytes(bytes(header) + recipes.global_dump(), "glob.syx")
    assert only_problem(dump) == (
        Severity.WARNING,
        'The first 120 bytes are the "Sysex Manager-" header that a librarian wrote before '
        "the data, not MIDI data.",
        SKIPPED,
    )
    assert [(m.offset, m.data[4]) for m in dump.messages] == [(0x78, 0x51)]  # type at 0x7C


def test_an_origkorg_header_that_is_not_macbinary_is_named_too() -> None:
    header = bytearray(0x80)
    header[2:10] = b"OrigKorg"
    header[0] = 0x01  # not a MacBinary header: its first byte must be 0
    dump = read_dump_bytes(bytes(header) + recipes.global_dump() + bytes(31), "o.syx")
    assert [p.message for p in dump.problems] == [
        'The first 128 bytes are an "OrigKorg" header that a Macintosh librarian wrote before '
        "the data, not MIDI data.",
        "The file has 31 bytes after the last message that belong to the Macintosh file "
        "around the data, not to any F0 ... F7 message, at byte 1119.",
    ]
    assert not dump.has_errors and dump.messages[0].data[4] == 0x51  # type at 0x84


def test_a_midi_file_in_a_riff_wrapper_is_read() -> None:
    smf = (FILES / "smf_notes_and_global.mid").read_bytes()
    riff = b"RIFF" + (len(smf) + 12).to_bytes(4, "little") + b"RMIDdata"
    dump = read_dump_bytes(riff + len(smf).to_bytes(4, "little") + smf, "song.rmi")
    assert (dump.format, dump.summary) == (FileFormat.SMF, "global settings with drum kits")


@pytest.mark.fixtures
def test_origprog_reads_with_its_header_named_as_harmless(tmp_path: Path) -> None:
    path = tmp_path / "ORIGPROG.SYX"
    path.write_bytes(shared_capture("ORIGPROG.SYX"))
    dump = read_dump_file(path)
    assert not dump.has_errors and dump.summary == "100 programs (Universe ... Surprise!!)"
    assert [(p.severity, p.message) for p in dump.problems] == [
        (
            Severity.WARNING,
            "The first 128 bytes are a Macintosh file header (MacBinary, file name "
            '"OrigKorg.M1"), not MIDI data.',
        ),
        (
            Severity.WARNING,
            "The file has 33 bytes after the last message that belong to the Macintosh file "
            "around the data, not to any F0 ... F7 message, at byte 16478.",
        ),
    ]


@pytest.mark.parametrize("name", ["M1_ALL.MID", "m1_all.Mid", "DUMP", "bank.SYX.bak"])
def test_names_and_letter_case_decide_nothing(tmp_path: Path, name: str) -> None:
    smf = (FILES / "smf_notes_and_global.mid").read_bytes()
    (tmp_path / name).write_bytes(smf)
    assert read_dump_file(tmp_path / name).format is FileFormat.SMF


# --- other instruments ----------------------------------------------------------------


def test_an_identity_reply_of_another_instrument_is_an_error() -> None:
    reply = h("F0 7E 00 06 02 42 58 00 00 00 01 00 02 00 F7")  # a Korg family 58 00
    dump = read_dump_bytes(reply, "id.syx")
    assert only_problem(dump) == (
        Severity.ERROR,
        "Message 1 at byte 0 is the identity reply of a Korg instrument (model ID 58 00), "
        "not an M1: nothing in it can be sent to an M1.",
        "Choose a file saved from an M1, M1R or M1EX.",
    )
    roland = read_dump_bytes(h("F0 7E 00 06 02 41 10 00 00 00 01 00 02 00 F7"))
    assert roland.errors[0].message.startswith(
        "Message 1 at byte 0 is the identity reply of a Roland instrument, not an M1"
    )


def test_an_m1_identity_reply_is_only_a_note() -> None:
    dump = read_dump_bytes(h("F0 7E 00 06 02 42 19 00 00 00 01 00 02 00 F7"))
    assert not dump.has_errors


def test_a_shared_korg_model_id_names_both_models() -> None:
    dump = read_dump_bytes(h("F0 42 30 03 40 00 01 02 F7"))
    assert dump.errors[0].message == (
        "Message 1 at byte 0: this is data for another Korg model (DW-8000/EX-8000), not an M1."
    )


def test_a_three_byte_korg_model_id_is_read_as_one() -> None:
    dump = read_dump_bytes(h("F0 42 30 00 01 2C 0E F7"))
    assert dump.errors[0].message == (
        "Message 1 at byte 0: this is data for another Korg model (model ID 00 01 2C), not an M1."
    )
