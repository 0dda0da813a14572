"""Atomic, never-overwriting saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from wizard.device.store import SaveError, free_path, save_new


def test_save_new_writes_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.syx"
    save_new(target, b"\xf0\x42\xf7")
    assert target.read_bytes() == b"\xf0\x42\xf7"
    assert [p.name for p in tmp_path.iterdir()] == ["a.syx"]


def test_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "a.syx"
    target.write_bytes(b"old")
    with pytest.raises(SaveError) as caught:
        save_new(target, b"new")
    assert str(caught.value) == (
        f"{target} already exists and m1-wizard never writes over a file. Choose another "
        "name with -o, or move the old file away first."
    )
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.syx"]


def test_read_only_folder_gives_advice_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests run as root in CI, where chmod cannot make a folder read-only: imitate the
    # error the OS gives instead.
    def refuse(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("builtins.open", refuse)
    with pytest.raises(SaveError) as caught:
        save_new(tmp_path / "a.syx", b"data")
    assert str(caught.value) == (
        f"Could not save {tmp_path / 'a.syx'}: Permission denied. Choose a folder you can "
        "write to with enough free space (--backup-dir or -o)."
    )
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_reported(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as caught:
        save_new(tmp_path / "nope" / "a.syx", b"data")
    assert caught.value.message.startswith(f"Could not save {tmp_path / 'nope' / 'a.syx'}:")


def test_free_path_counts_up_past_taken_names(tmp_path: Path) -> None:
    (tmp_path / "b.syx").write_bytes(b"")
    (tmp_path / "b-2.json").write_bytes(b"")
    assert free_path(tmp_path, "b.syx") == tmp_path / "b-3.syx"


def test_disk_full_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(_: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(SaveError) as caught:
        save_new(tmp_path / "a.syx", b"data")
    assert caught.value.message == (
        f"Could not save {tmp_path / 'a.syx'}: No space left on device."
    )
    assert list(tmp_path.iterdir()) == []
