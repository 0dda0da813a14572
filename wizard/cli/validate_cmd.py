"""`m1-wizard validate [FILES...]`: check procedure files, the shipped ones by default."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli import exit_codes
from wizard.procedure.loader import ProcedureSet, load_all, load_files, shipped_folder


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `validate`."""
    parser = sub.add_parser(
        "validate",
        help="check procedure files (default: the procedures shipped with m1-wizard)",
        description="Load procedure files the way the wizard does and list every error as "
        "FILE:LINE:COLUMN: message. Includes may name the given files and the shipped "
        "procedures. Nothing is sent to the M1.",
    )
    parser.add_argument(
        "files", nargs="*", metavar="FILE", type=Path, help="a procedure .yaml file"
    )
    parser.set_defaults(run=run)


def _shown(path: Path) -> Path:
    """`path` relative to the current folder when it lies inside it (shorter messages)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def run(args: argparse.Namespace) -> int:
    """Validate `args.files` (or the shipped folder); exit 0 all valid, 1 errors, 2 usage."""
    files: list[Path] = args.files
    missing = [f for f in files if not f.is_file()]
    if missing:
        print(f"m1-wizard validate: {missing[0]} is not a file. Check the path.", file=sys.stderr)
        return exit_codes.USAGE
    shipped = shipped_folder()
    result: ProcedureSet
    if files:
        known = load_all(_shown(shipped)).procedures if shipped.is_dir() else {}
        result = load_files(files, known=known)
    elif shipped.is_dir():
        result = load_all(_shown(shipped))
    else:
        print(
            f"m1-wizard validate: the shipped procedures are not in {shipped}. "
            "Reinstall m1-wizard, or name the files to check.",
            file=sys.stderr,
        )
        return exit_codes.USAGE
    for error in result.errors:
        print(error)
    bad = {e.path for e in result.errors}
    count = len(result.files)
    noun = "file" if count == 1 else "files"
    if bad:
        print(f"{len(result.errors)} error(s) in {len(bad)} of {count} {noun}.")
        return exit_codes.FAILED
    print(f"{count} {noun} valid.")
    return exit_codes.OK
