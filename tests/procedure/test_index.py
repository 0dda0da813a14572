"""The index of the shipped procedures: it says what the YAML files say, it is refused as soon
as a file differs from those it was made from, and it is only written for a clean folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from wizard.engine.plan import plan_steps
from wizard.errors import ProcedureError
from wizard.procedure.groups import Group
from wizard.procedure.index import index_text, summaries, talks_midi, write_index
from wizard.procedure.loader import load_all, shipped_folder
from wizard.procedure.model import (
    BackupStep,
    CheckStep,
    IncludeStep,
    InstructionStep,
    Procedure,
    TransferStep,
)
from wizard.procedure.summary import INDEX_NAME, read_index


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the shipped procedures with its index."""
    copy = tmp_path / "procedures"
    shutil.copytree(shipped_folder(), copy)
    return copy


def test_the_committed_index_matches_the_shipped_procedures() -> None:
    committed = (shipped_folder() / INDEX_NAME).read_text(encoding="utf-8")
    assert committed == index_text(shipped_folder()), (
        "procedures/index.json is out of date: run `uv run python -m wizard.procedure.index`"
    )


def test_the_index_holds_what_the_loader_reads() -> None:
    loaded = load_all(shipped_folder()).require()
    index = read_index(shipped_folder())
    assert index is not None
    assert dict(index) == dict(summaries(loaded))
    assert list(index) == list(loaded.procedures)
    battery = index["battery-replacement"]
    assert battery.title == loaded.procedures["battery-replacement"].title
    assert battery.file == "battery-replacement.yaml"


def test_midi_is_what_the_planned_steps_say() -> None:
    library = load_all(shipped_folder()).require().procedures
    index = read_index(shipped_folder())
    assert index is not None
    for pid, procedure in library.items():
        planned = plan_steps(procedure, library)
        talks = any(isinstance(p.step, (CheckStep, BackupStep, TransferStep)) for p in planned)
        assert index[pid].midi is talks, pid
    assert {p for p, s in index.items() if not s.midi} >= {"sticky-keys", "keyboard-commands"}


def test_a_changed_file_makes_the_index_unusable(folder: Path) -> None:
    assert read_index(folder) is not None
    path = folder / "sticky-keys.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sticky", "Stuck"), "utf-8")
    assert read_index(folder) is None


def test_an_added_or_removed_file_makes_the_index_unusable(folder: Path) -> None:
    shutil.copy(folder / "sticky-keys.yaml", folder / "extra.yaml")
    assert read_index(folder) is None
    (folder / "extra.yaml").unlink()
    assert read_index(folder) is not None
    (folder / "sticky-keys.yaml").unlink()
    assert read_index(folder) is None


def test_windows_line_endings_keep_the_index(folder: Path) -> None:
    path = folder / "backup.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert read_index(folder) is not None


@pytest.mark.parametrize("text", ["", "{", '{"format": 2}', "[]", '{"format": 1}'])
def test_an_unreadable_index_is_not_used(folder: Path, text: str) -> None:
    (folder / INDEX_NAME).write_text(text, encoding="utf-8")
    assert read_index(folder) is None


def test_a_folder_without_an_index_has_none(folder: Path) -> None:
    (folder / INDEX_NAME).unlink()
    assert read_index(folder) is None


def test_writing_the_index_makes_it_match_again(folder: Path) -> None:
    path = folder / "sticky-keys.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Sticky", "Stuck"), "utf-8")
    assert write_index(folder) == folder / INDEX_NAME
    index = read_index(folder)
    assert index is not None
    assert index["sticky-keys"].title.startswith("Stuck")


def test_no_index_is_written_for_a_folder_with_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("schema: 1\nid: broken\n", encoding="utf-8")
    with pytest.raises(ProcedureError):
        write_index(tmp_path)
    assert not (tmp_path / INDEX_NAME).exists()


def _procedure(pid: str, *steps: object) -> Procedure:
    return Procedure(
        id=pid,
        title=pid,
        summary="",
        group=Group.REFERENCE,
        applies_to=(),
        duration="",
        steps=steps,  # type: ignore[arg-type]
    )


def test_an_include_that_cannot_be_followed_counts_as_midi() -> None:
    # The connection is offered rather than missed when what would run is unknown.
    plain = _procedure("plain", InstructionStep(id="read"))
    dangling = _procedure("dangling", IncludeStep(id="inc", procedure="nowhere"))
    looped = _procedure("looped", IncludeStep(id="inc", procedure="looped"))
    library = {p.id: p for p in (plain, dangling, looped)}
    assert talks_midi(plain, library) is False
    assert talks_midi(dangling, library) is True
    assert talks_midi(looped, library) is True
