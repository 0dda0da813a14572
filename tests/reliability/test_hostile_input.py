"""Hostile input: files far larger than any M1 dump or that never end, YAML built to
explode or to name Python, and backup paths with odd characters."""

from __future__ import annotations

import io
import json
import os
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from tests.device.helpers import connect, ready_state
from wizard.cli import main
from wizard.device.backup import Backup, save_backup, take_backup
from wizard.device.detect import detect
from wizard.device.store import SaveError
from wizard.errors import FileFormatError
from wizard.m1.syx_file import read_dump_bytes, read_dump_file
from wizard.procedure.loader import read_file

NEVER_ENDS = Path("/dev/zero")
needs_dev_zero = pytest.mark.skipif(not NEVER_ENDS.exists(), reason="no /dev/zero here")

HEAD = (
    "schema: 1\nid: hostile\ntitle: Hostile\nsummary: Built to break the loader.\n"
    "group: set-up\napplies_to: [M1]\nduration: about 1 minute\nsteps:\n"
)


def errors_of(path: Path) -> list[str]:
    """Every error `read_file` reports for `path`, without the file name."""
    reading = read_file(path)
    assert reading.procedure is None
    return [str(e).removeprefix(f"{path}:") for e in reading.errors]


# --- sizes ---------------------------------------------------------------------------


@needs_dev_zero
def test_a_dump_file_that_never_ends_is_refused_with_the_limit() -> None:
    # /dev/zero has no size and no end: only a bounded read can come back from it.
    with pytest.raises(FileFormatError) as caught:
        read_dump_file(NEVER_ENDS)
    assert str(caught.value) == (
        "/dev/zero is more than 4 MiB, over the 4 MiB limit for M1 data (a complete ALL "
        "DATA dump is at most 53361 bytes). Check that this is the right file; split it if "
        "it holds many dumps."
    )


def test_a_huge_dump_file_is_refused_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.syx"
    with huge.open("wb") as handle:
        handle.truncate(1024**3)  # sparse: a gigabyte that takes no room on disk
    with pytest.raises(FileFormatError) as caught:
        read_dump_file(huge)
    assert caught.value.message == (
        f"{huge} is 1024 MiB, over the 4 MiB limit for M1 data (a complete ALL DATA dump "
        "is at most 53361 bytes)."
    )


@needs_dev_zero
def test_restoring_an_endless_file_is_a_usage_error_before_any_midi() -> None:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        code = main(["restore", str(NEVER_ENDS), "--yes", "--emulated", "factory"])
    assert code == 2
    assert err.getvalue().startswith("m1-wizard restore: /dev/zero is more than 4 MiB")


@needs_dev_zero
def test_a_procedure_file_that_never_ends_is_refused_with_the_limit() -> None:
    # Found by this test: the loader trusted the size the file system reported (0 for a
    # device or a pipe) and then read without bound.
    assert errors_of(NEVER_ENDS) == [
        "1:1: the file holds more than 262144 bytes; a procedure file may hold at most "
        "262144 bytes (256 KiB). Check that this is a procedure file, or split it into "
        "several procedures."
    ]


def test_a_huge_procedure_file_is_refused_by_its_size(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(300 * 1024)
    assert errors_of(huge) == [
        "1:1: the file is 307200 bytes; a procedure file may hold at most 262144 bytes "
        "(256 KiB). Check that this is a procedure file, or split it into several procedures."
    ]


def test_megabytes_of_junk_around_one_dump_still_read_quickly() -> None:
    junk = bytes(range(0x80)) * (3 * 1024 * 1024 // 0x80)
    found = read_dump_bytes(junk + bytes.fromhex("F0 42 30 19 12 F7"), "junk.syx")
    assert len(found.messages) == 1


# --- YAML built to explode -----------------------------------------------------------

LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    bomb = tmp_path / "alias_bomb.yaml"
    bomb.write_text(LAUGHS)  # nine levels of nine: 387 million strings if expanded
    assert errors_of(bomb) == [
        "1:4: the anchor '&a' is not allowed in a procedure file. Remove the anchor and "
        "write repeated values out in full."
    ]


@pytest.mark.parametrize("depth", [9, 10_000, 120_000])
def test_deep_nesting_is_refused_without_recursing(tmp_path: Path, depth: int) -> None:
    deep = tmp_path / "deep_nesting.yaml"
    deep.write_text("steps: " + "[" * depth + "]" * depth + "\n")
    assert errors_of(deep) == [
        "1:15: the data is nested more than 8 levels deep. Flatten it; "
        "procedures/SCHEMA.md shows the format."
    ]


# --- procedures that try to name Python ----------------------------------------------


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:subprocess.Popen",
        "!!python/name:os.system",
        "!!python/module:os",
        "!ruby/object",
    ],
)
def test_tags_naming_code_are_refused_and_nothing_runs(tmp_path: Path, tag: str) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "python_tag.yaml"
    evil.write_text(
        HEAD + f'  - id: a\n    kind: instruction\n    text: {tag} ["touch {marker}"]\n'
    )
    assert errors_of(evil) == [
        f"11:11: the tag '{tag}' is not allowed: a procedure file holds plain data only. "
        "Remove the tag (quote the value if it is text)."
    ]
    assert not marker.exists()


CHECKS = (
    "m1_responds, allocation_is, memory_unprotected, memory_initialised, matches_backup, "
    "matches_file, card_present, card_writable, exclusive_enabled, interface_loopback"
)
KINDS = "instruction, keys, confirm, input, check, backup, transfer, include, safety"


@pytest.mark.parametrize(
    ("step", "error"),
    [
        (
            "kind: check\n    check: os.system",
            f"11:12: step 'a': 'os.system' is not a known check. The checks are: {CHECKS}.",
        ),
        (
            "kind: check\n    check: __import__",
            f"11:12: step 'a': '__import__' is not a known check. The checks are: {CHECKS}.",
        ),
        (
            "kind: wizard.engine.runner.Engine",
            f"10:11: step 'a': 'wizard.engine.runner.Engine' is not a step kind. The step "
            f"kinds are: {KINDS}.",
        ),
        (
            "kind: include\n    procedure: /etc/passwd",
            "11:16: step 'a': '/etc/passwd' is not a valid id. Use lower-case letters, digits "
            "and hyphens, e.g. 'send-factory'.",
        ),
    ],
)
def test_names_that_could_reach_code_or_files_are_refused(
    tmp_path: Path, step: str, error: str
) -> None:
    evil = tmp_path / "names_python.yaml"
    evil.write_text(HEAD + f"  - id: a\n    {step}\n")
    assert errors_of(evil) == [error]


# --- backup paths with odd characters -------------------------------------------------


@pytest.fixture(scope="module")
def backup() -> Backup:
    """The global block of the factory emulator, checked."""
    _, exchange = connect(ready_state("factory"))
    return take_backup(exchange, detect(exchange), "global")


@pytest.mark.parametrize(
    "name",
    [
        "my backup (1).syx",
        "bäckup—ñ 🎹.syx",
        "semi;colon'quote\".syx",
        "back\\slash.syx",
        "-starts-with-dash.syx",
        "$(touch pwned).syx",
        "two.dots.syx",
        "x" * 240 + ".syx",  # found by this test: the temporary name was too long for it
    ],
)
def test_odd_backup_names_are_saved_exactly_and_read_back(
    tmp_path: Path, backup: Backup, name: str
) -> None:
    folder = tmp_path / "odd folder & ünïcode"
    folder.mkdir()
    saved = save_backup(backup, folder / name)
    assert saved.path.name == name
    assert saved.path.read_bytes() == backup.data
    manifest = json.loads(saved.manifest.read_text())
    assert manifest["file"] == name
    assert sorted(p.name for p in folder.iterdir()) == sorted([name, saved.manifest.name])
    assert not (tmp_path / "pwned").exists()


def test_a_name_too_long_for_the_file_system_is_refused_not_a_crash(
    tmp_path: Path, backup: Backup
) -> None:
    # Found by this test: Path.exists() raised a bare OSError (a traceback) for it.
    name = "y" * 300 + ".syx"
    with pytest.raises(SaveError) as caught:
        save_backup(backup, tmp_path / name)
    assert str(caught.value) == (
        f"Could not save {tmp_path / name}: File name too long. Choose a shorter name, or "
        "another folder, with -o or --backup-dir."
    )
    assert list(tmp_path.iterdir()) == []


def test_a_backup_named_like_its_own_manifest_is_refused(tmp_path: Path, backup: Backup) -> None:
    # Found by this test: the backup was written, then the manifest was refused because
    # the backup itself held its name.
    with pytest.raises(SaveError) as caught:
        save_backup(backup, tmp_path / "backup.json")
    assert str(caught.value) == (
        f"{tmp_path / 'backup.json'} cannot hold a backup: the manifest saved beside it "
        "takes that name. Choose a name ending in .syx with -o."
    )
    assert list(tmp_path.iterdir()) == []


def test_the_backup_command_takes_an_odd_folder(tmp_path: Path) -> None:
    folder = tmp_path / "M1 backups; 'quoted' & ünïcode"
    folder.mkdir()
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        code = main(["backup", "--emulated", "factory", "--backup-dir", str(folder)])
    assert code == 0
    (syx,) = folder.glob("*.syx")
    assert f"Backup saved: {syx}" in out.getvalue()
    assert not read_dump_file(syx).has_errors
    assert sorted(os.listdir(folder)) == sorted([syx.name, syx.with_suffix(".json").name])
