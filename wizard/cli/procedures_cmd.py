"""`m1-wizard procedures`: the shipped procedures, grouped as the home screen groups them,
with title, duration and summary."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterable
from pathlib import Path

from wizard.cli import exit_codes
from wizard.procedure.loader import ProcedureSet, load_all, shipped_folder
from wizard.procedure.model import Group, Procedure

GROUP_HEADINGS = {
    Group.REPAIR: "Repair",
    Group.SET_UP: "Set-up",
    Group.BACKUP_RESTORE: "Backup & restore",
    Group.REFERENCE: "Reference",
}
"""Headings in the order they are listed."""

WIDTH = 88
ID_COLUMN = 26


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `procedures`."""
    parser = sub.add_parser(
        "procedures",
        help="list the guided procedures (run one with `m1-wizard run ID`)",
        description="List the procedures shipped with m1-wizard, grouped: repair, set-up, "
        "backup & restore, reference. Each shows its id, title, duration and summary.",
    )
    parser.add_argument(
        "--folder",
        type=Path,
        help="read the procedures from this folder instead of the shipped one",
    )
    parser.set_defaults(run=run)


def load_procedures(folder: Path | None) -> ProcedureSet | str:
    """The procedures of `folder` (the shipped ones by default), or why there are none."""
    where = folder if folder is not None else shipped_folder()
    if not where.is_dir():
        return f"there is no procedures folder at {where}. Check the path, or reinstall m1-wizard."
    return load_all(where)


def lines_for(procedures: Iterable[Procedure]) -> list[str]:
    """The listing, group by group, one entry per procedure."""
    by_group: dict[Group, list[Procedure]] = {group: [] for group in GROUP_HEADINGS}
    for procedure in procedures:
        by_group[procedure.group].append(procedure)
    out: list[str] = []
    indent = " " * ID_COLUMN
    for group, members in by_group.items():
        if not members:
            continue
        if out:
            out.append("")
        out.append(GROUP_HEADINGS[group])
        for procedure in members:
            out.append(f"  {procedure.id:<{ID_COLUMN - 3}} {procedure.title}")
            about = f"{procedure.duration}. {' '.join(procedure.summary.split())}"
            out.extend(textwrap.wrap(about, WIDTH, initial_indent=indent, subsequent_indent=indent))
    return out


def run(args: argparse.Namespace) -> int:
    """List; 0 when every file loaded, 1 when some have errors (the rest are listed)."""
    loaded = load_procedures(args.folder)
    if isinstance(loaded, str):
        print(f"m1-wizard procedures: {loaded}", file=sys.stderr)
        return exit_codes.USAGE
    for line in lines_for(loaded.procedures.values()):
        print(line)
    if not loaded.procedures:
        print("No procedures found.")
    if loaded.errors:
        for error in loaded.errors:
            print(f"m1-wizard procedures: {error}", file=sys.stderr)
        return exit_codes.FAILED
    print("\nRun one with: m1-wizard run ID")
    return exit_codes.OK
