"""`m1-wizard validate`: exit codes and one line per error."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.cli import main
from wizard.procedure.loader import shipped_folder

TESTS = Path(__file__).resolve().parent.parent / "procedure"
DEFECTS = TESTS / "defects"
GOOD = TESTS / "good"


def test_no_files_validates_the_shipped_folder(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["validate"])
    out = capsys.readouterr().out
    count = len(list(shipped_folder().glob("*.yaml")))
    noun = "file" if count == 1 else "files"
    assert out == f"{count} {noun} valid.\n"
    assert code == 0


def test_valid_files_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD / "every_kind.yaml"), str(GOOD / "uses_include.yaml")]) == 0
    assert capsys.readouterr().out == "2 files valid.\n"


def test_each_error_on_its_own_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    wrong = DEFECTS / "wrong_type.yaml"
    good = GOOD / "every_kind.yaml"
    assert main(["validate", str(wrong), str(good)]) == 1
    assert capsys.readouterr().out == (
        f"{wrong}:6:13: 'applies_to' must be a list, not text. "
        "Write one '- item' per line under 'applies_to:', or [item, item].\n"
        f"{wrong}:12:16: step 'answers': 'skippable' must be true or false, not text. "
        "Write true or false.\n"
        "2 error(s) in 1 of 2 files.\n"
    )


def test_cycle_across_the_files_given(capsys: pytest.CaptureFixture[str]) -> None:
    a, b = DEFECTS / "include_cycle_a.yaml", DEFECTS / "include_cycle_b.yaml"
    assert main(["validate", str(a), str(b)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[1] == (
        f"{b}:9:5: step 'back-to-a': including 'include-cycle-a' makes a cycle: "
        "include-cycle-a -> include-cycle-b -> include-cycle-a. Remove one of these includes."
    )
    assert lines[2] == "2 error(s) in 2 of 2 files."


def test_a_user_file_may_include_a_shipped_procedure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(
        "schema: 1\nid: my-set-up\ntitle: Mine\nsummary: My own set-up.\ngroup: set-up\n"
        "applies_to: [M1]\nduration: 5 minutes\nsteps:\n"
        "  - id: midi\n    kind: include\n    procedure: enable-midi\n",
        encoding="utf-8",
    )
    assert main(["validate", str(mine)]) == 0
    assert capsys.readouterr().out == "1 file valid.\n"


def test_relative_paths_are_shown_as_given(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(DEFECTS)
    assert main(["validate", "unknown_check.yaml"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        "unknown_check.yaml:11:12: step 'answers': 'm1_respond' is not a known check. "
        "Did you mean 'm1_responds'?"
    )


def test_missing_file_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert main(["validate", str(GOOD / "every_kind.yaml"), str(missing)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"m1-wizard validate: {missing} is not a file. Check the path.\n"


def test_a_folder_is_not_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(GOOD)]) == 2
    assert capsys.readouterr().err == f"m1-wizard validate: {GOOD} is not a file. Check the path.\n"


def test_a_shipped_file_named_explicitly_is_not_its_own_duplicate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(shipped_folder() / "enable-midi.yaml")]) == 0
    assert capsys.readouterr().out == "1 file valid.\n"
