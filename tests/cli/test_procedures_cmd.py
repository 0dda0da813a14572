"""`m1-wizard procedures`: the shipped procedures grouped with title, duration and summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from wizard.cli import main
from wizard.procedure.loader import load_all, shipped_folder

HEADINGS = ["Repair", "Set-up", "Backup & restore", "Reference"]


def test_every_shipped_procedure_is_listed_once_under_its_group(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["procedures"]) == 0
    out = capsys.readouterr().out.splitlines()
    headings = [line for line in out if line in HEADINGS]
    assert headings == HEADINGS
    procedures = load_all(shipped_folder()).procedures
    listed = [line.split()[0] for line in out if line.startswith("  ") and line[2] != " "]
    assert sorted(listed) == sorted(procedures)
    battery = procedures["battery-replacement"]
    at = out.index(f"  {'battery-replacement':<23} {battery.title}")
    assert out.index("Repair") < at < out.index("Set-up")
    assert out[at + 1].strip().startswith(f"{battery.duration}. ")
    assert out[-1] == "Run one with: m1-wizard run ID"


PROCEDURE = """\
schema: 1
id: {id}
title: {title}
summary: A procedure for a test.
group: {group}
applies_to: [M1]
duration: about 1 minute
steps:
  - id: only
    kind: instruction
    text: Nothing to do.
"""


def write(folder: Path, pid: str, title: str, group: str) -> None:
    """A one-step procedure file."""
    text = PROCEDURE.format(id=pid, title=title, group=group)
    (folder / f"{pid}.yaml").write_text(text, encoding="utf-8")


def test_a_folder_is_listed_in_group_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "zz-reference", "Look it up", "reference")
    write(tmp_path, "aa-repair", "Fix it", "repair")
    assert main(["procedures", "--folder", str(tmp_path)]) == 0
    assert capsys.readouterr().out == (
        "Repair\n"
        "  aa-repair               Fix it\n"
        "                          about 1 minute. A procedure for a test.\n"
        "\n"
        "Reference\n"
        "  zz-reference            Look it up\n"
        "                          about 1 minute. A procedure for a test.\n"
        "\n"
        "Run one with: m1-wizard run ID\n"
    )


def test_a_broken_file_is_reported_and_the_rest_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path, "good", "Good one", "set-up")
    (tmp_path / "bad.yaml").write_text("schema: 1\nid: bad\n", encoding="utf-8")
    assert main(["procedures", "--folder", str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "  good                    Good one\n" in captured.out
    assert captured.err.startswith("m1-wizard procedures: ")
    assert "bad.yaml" in captured.err


def test_a_missing_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert main(["procedures", "--folder", str(missing)]) == 2
    assert capsys.readouterr().err == (
        f"m1-wizard procedures: there is no procedures folder at {missing}. Check the path, "
        "or reinstall m1-wizard.\n"
    )
