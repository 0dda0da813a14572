"""`inspect` and file reading meet what an unlucky owner hands them (issue 10): a pipe with
no writer, a folder or a missing file under --json, hex text written together or with
comments, and hex text saved as UTF-16."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wizard.cli import main
from wizard.m1.syx_file import FileFormat, read_dump_bytes

GLOBAL_REQUEST = "F0 42 30 19 0E F7"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_nothing_writes_to_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Before: open() waited for a writer that never came (the command hung).
    pipe = tmp_path / "dump.syx"
    os.mkfifo(pipe)
    assert main(["inspect", str(pipe)]) == 2
    assert capsys.readouterr().err == (
        f"m1-wizard inspect: {pipe} is a pipe (FIFO) and nothing is writing to it. Start "
        "the program that writes to it first, or give the path of a file.\n"
    )


@pytest.mark.parametrize("kind", ["folder", "missing"])
def test_json_is_printed_for_a_folder_or_a_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    path = tmp_path if kind == "folder" else tmp_path / "nope.syx"
    assert main(["inspect", "--json", str(path)]) == 2
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    assert report["messages"] == []
    expected = (
        f"{path} holds no file with MIDI system-exclusive data (0 files looked at)."
        if kind == "folder"
        else f"There is no file at {path}."
    )
    assert report["problems"][0]["message"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "F0423019 4EF7",  # pairs written together
        "# the M1's mode request\nF0 42 30 19 4E F7  # mode\n",
        "F0 42 30 19 # channel 1\n4E F7",
    ],
)
def test_hex_text_without_spaces_or_with_comments_is_read(text: str) -> None:
    dump = read_dump_bytes(text.encode(), "request.txt")
    assert dump.format is FileFormat.HEX_TEXT
    assert [m.data for m in dump.messages] == [bytes.fromhex("F0 42 30 19 4E F7")]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_hex_text_is_read(encoding: str) -> None:
    bom = {"utf-16": "", "utf-16-le": "\ufeff", "utf-16-be": "\ufeff"}[encoding]
    dump = read_dump_bytes((bom + "F0 42 30 19 4E F7\r\n").encode(encoding), "unicode.txt")
    assert dump.format is FileFormat.HEX_TEXT
    assert [m.data for m in dump.messages] == [bytes.fromhex("F0 42 30 19 4E F7")]


def test_an_odd_run_of_hex_digits_is_still_not_hex() -> None:
    dump = read_dump_bytes(b"F0 add F7", "words.txt")
    assert dump.format is FileFormat.TEXT
    assert (
        dump.errors[0].message
        == 'The file is text, not MIDI data: "add" on line 1 is not a hex byte.'
    )
