"""Zip archives read by content: members named by where they came from, and every refusal
(zip bomb, too many members, names pointing outside, encryption) with its words."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import pytest

from tests.m1.files import make_fixtures as recipes
from tests.shared import shared_capture
from wizard.m1.report import Severity
from wizard.m1.sources import read_sources
from wizard.m1.syx_file import DumpFile, FileFormat, read_dump_bytes, read_dump_file

UNPACK = "Unpack it with an archive tool you trust, then choose the .syx or .mid files in it."
CHOOSE = "Choose a .syx or .mid file saved from an M1 or an M1 librarian."
CAPTURES = ("ORIGPROG.SYX", "ORIGGLOB.SYX", "ORIGSEQS.SYX")


def zipped(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive holding `members`, made in memory."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def refusal(dump: DumpFile) -> tuple[Severity, str, str]:
    """The single problem of a refused archive."""
    assert dump.format is FileFormat.ZIP and dump.members == ()
    (problem,) = dump.problems
    return problem.severity, problem.message, problem.next_action


def test_members_are_read_with_their_place_in_the_archive() -> None:
    data = zipped(
        {
            "M1/PROGS.SYX": recipes.all_programs(),
            "M1/GLOBAL.SYX": recipes.global_dump(),
            "M1/readme.txt": b"Korg M1 sounds\n",
            "M1/": b"",
            "__MACOSX/M1/._PROGS.SYX": b"\x00\x05\x16\x07",
        }
    )
    dump = read_dump_bytes(data, "M1_Preload.zip")
    assert dump.format is FileFormat.ZIP and not dump.has_errors
    assert [(m.path, m.summary) for m in dump.members] == [
        ("M1_Preload.zip:M1/PROGS.SYX", "100 programs (Synth 00 ... Synth 99)"),
        ("M1_Preload.zip:M1/GLOBAL.SYX", "global settings with drum kits"),
    ]
    assert dump.passed_over == (
        (
            "M1_Preload.zip:M1/readme.txt",
            'is text, not MIDI data: "Korg" on line 1 is not a hex byte',
        ),
    )
    assert dump.files == dump.members


def test_a_zip_bomb_is_refused_with_the_ratio_named() -> None:
    dump = read_dump_bytes(zipped({"big.syx": bytes(20 * 1024 * 1024)}), "bomb.zip")
    assert refusal(dump) == (
        Severity.ERROR,
        'The zip archive is not opened: its member "big.syx" would unpack 1028 times larger '
        "than it is stored, over the limit of 100 times (a zip bomb).",
        UNPACK,
    )


def test_a_header_that_understates_the_size_unpacks_no_more_than_it_says() -> None:
    data = bytearray(zipped({"small.syx": bytes(200_000)}))
    # Say 1000 bytes in both headers; the deflated stream still holds 200 000.
    local = data.index(b"PK\x03\x04")
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 1000)
    struct.pack_into("<I", data, central + 24, 1000)
    dump = read_dump_bytes(bytes(data), "liar.zip")
    # Only the 1000 bytes announced are unpacked; their checksum then fails.
    assert refusal(dump) == (
        Severity.ERROR,
        "The zip archive is not opened: it is damaged (Bad CRC-32 for file 'small.syx').",
        "Download it again: this copy is incomplete or damaged.",
    )


def test_ten_thousand_members_are_refused() -> None:
    data = zipped({f"f{n}.syx": b"" for n in range(10_000)}, zipfile.ZIP_STORED)
    assert refusal(read_dump_bytes(data, "many.zip")) == (
        Severity.ERROR,
        "The zip archive is not opened: it has 10000 members, over the limit of 1000 for an "
        "archive of M1 dumps.",
        UNPACK,
    )


@pytest.mark.parametrize("name", ["../../x", "/etc/passwd", "M1/../../x", "C:\\x.syx"])
def test_a_member_named_to_leave_the_archive_is_refused(name: str) -> None:
    data = zipped({name: recipes.global_dump()}, zipfile.ZIP_STORED)
    assert refusal(read_dump_bytes(data, "evil.zip")) == (
        Severity.ERROR,
        f'The zip archive is not opened: it has a member named "{name}", a name that points '
        "outside the archive.",
        UNPACK,
    )


def test_an_encrypted_member_is_refused() -> None:
    data = bytearray(zipped({"secret.syx": recipes.global_dump()}))
    # Set bit 0 of the general-purpose flags (encrypted) in the local and central headers.
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flags_at
        data[at] |= 0x01
    assert refusal(read_dump_bytes(bytes(data), "locked.zip")) == (
        Severity.ERROR,
        'The zip archive is not opened: its member "secret.syx" is encrypted (password-protected).',
        UNPACK,
    )


def test_too_much_unpacked_data_is_refused() -> None:
    # Random-looking bytes do not compress, so no ratio is at fault: only the total is.
    chunk = bytes((n * 7919) % 251 for n in range(3 * 1024 * 1024))
    members = {f"part{n}.bin": chunk for n in range(12)}
    dump = read_dump_bytes(zipped(members, zipfile.ZIP_STORED), "huge.zip")
    assert refusal(dump)[1] == (
        "The zip archive is not opened: it would unpack to 36 MiB, over the 32 MiB limit for "
        "an archive of M1 dumps."
    )


def test_a_zip_without_m1_data_says_so_in_one_sentence() -> None:
    data = zipped(
        {"manual.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "cover.png": b"\x89PNG\r\n\x1a\n"}
    )
    dump = read_dump_bytes(data, "manuals.zip")
    assert refusal(dump) == (
        Severity.ERROR,
        "The zip archive holds no MIDI system-exclusive data: none of its 2 files holds any.",
        CHOOSE,
    )
    assert dump.passed_over == (
        ("manuals.zip:manual.pdf", "is a PDF document, not MIDI data"),
        ("manuals.zip:cover.png", "is a PNG image, not MIDI data"),
    )


def test_a_zip_inside_a_zip_is_not_opened() -> None:
    inner = zipped({"GLOBAL.SYX": recipes.global_dump()})
    dump = read_dump_bytes(zipped({"inner.zip": inner}), "outer.zip")
    assert refusal(dump)[1] == (
        "The zip archive holds no MIDI system-exclusive data: its one file holds none."
    )
    assert dump.passed_over == (
        ("outer.zip:inner.zip", "is itself a zip archive; archives inside archives are not opened"),
    )


def test_a_damaged_zip_is_not_called_a_cut_off_message() -> None:
    data = zipped({"M1/PROGS.SYX": recipes.all_programs()})
    dump = read_dump_bytes(data[:600], "download.zip")
    assert refusal(dump) == (
        Severity.ERROR,
        "The zip archive is not opened: it is cut short: the list of files at its end is missing.",
        "Download it again: this copy is incomplete or damaged.",
    )


def test_read_sources_expands_zips_named_and_found_in_folders(tmp_path: Path) -> None:
    (tmp_path / "DL").mkdir()
    (tmp_path / "DL" / "FACTORY.ZIP").write_bytes(
        zipped({"PROGS.SYX": recipes.all_programs(), "notes.txt": b"hello\n"})
    )
    (tmp_path / "GLOBAL.zip").write_bytes(zipped({"G/GLOBAL.SYX": recipes.global_dump()}))
    sources = read_sources([tmp_path / "GLOBAL.zip", tmp_path / "DL"])
    assert [f.path for f in sources.files] == [
        f"{tmp_path / 'GLOBAL.zip'}:G/GLOBAL.SYX",
        f"{tmp_path / 'DL' / 'FACTORY.ZIP'}:PROGS.SYX",
    ]
    assert sources.passed_over == (
        (
            f"{tmp_path / 'DL' / 'FACTORY.ZIP'}:notes.txt",
            'is text, not MIDI data: "hello" on line 1 is not a hex byte',
        ),
    )


def test_a_refused_zip_named_is_reported_and_one_in_a_folder_passed_over(tmp_path: Path) -> None:
    bomb = zipped({"big.syx": bytes(20 * 1024 * 1024)})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bomb.zip").write_bytes(bomb)
    (tmp_path / "in" / "glob.syx").write_bytes(recipes.global_dump())
    (tmp_path / "named.zip").write_bytes(bomb)
    sources = read_sources([tmp_path / "named.zip", tmp_path / "in"])
    assert [(f.path, f.has_errors) for f in sources.files] == [
        (str(tmp_path / "named.zip"), True),
        (str(tmp_path / "in" / "glob.syx"), False),
    ]
    assert sources.passed_over == (
        (
            str(tmp_path / "in" / "bomb.zip"),
            'is not opened: its member "big.syx" would unpack 1028 times larger than it is '
            "stored, over the limit of 100 times (a zip bomb)",
        ),
    )


@pytest.mark.fixtures
def test_the_real_captures_zipped_with_upper_case_names(tmp_path: Path) -> None:
    members = {f"M1/{name}": shared_capture(name) for name in CAPTURES}
    path = tmp_path / "M1_PRELOAD.ZIP"
    path.write_bytes(zipped(members))
    dump = read_dump_file(path)
    assert [(m.path.rsplit(":", 1)[1], m.summary, m.has_errors) for m in dump.members] == [
        ("M1/ORIGPROG.SYX", "100 programs (Universe ... Surprise!!)", False),
        ("M1/ORIGGLOB.SYX", "global settings with drum kits", False),
        ("M1/ORIGSEQS.SYX", "songs (3619 sequencer events)", False),
    ]
    assert all(m.path.startswith(f"{path}:") for m in dump.members)
