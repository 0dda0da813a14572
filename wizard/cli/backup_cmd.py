"""`m1-wizard backup`: take the M1's memory and save it as a verified .syx with a manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli import exit_codes
from wizard.cli.connection import (
    ProgressLine,
    add_connection_options,
    exchange_for,
    fail,
    open_transport,
)
from wizard.device.backup import WHATS, Backup, SavedBackup, save_backup, take_backup
from wizard.device.detect import detect
from wizard.device.manual import MANUAL_KEYS, receive_panel_dump
from wizard.device.store import SaveError, taken
from wizard.errors import WizardError
from wizard.m1.report import contents_of, describe_contents


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `backup`."""
    parser = sub.add_parser(
        "backup",
        help="save the M1's memory to a .syx file (never over an existing file)",
        description="Request the M1's memory, check every byte count, and save it as a "
        "binary .syx file with a .json manifest beside it. The file is read back to prove "
        "it is whole. An existing file is never overwritten.",
    )
    parser.add_argument("-o", "--output", type=Path, help="the file to create")
    parser.add_argument(
        "--backup-dir",
        type=Path,
        default=Path("."),
        help="folder for the default time-stamped name (default: here)",
    )
    parser.add_argument(
        "--what", choices=WHATS, default="all", help="which part of memory (default all)"
    )
    parser.add_argument(
        "--manual",
        action="store_true",
        help="wait for a dump started on the M1's own panel (works with exclusive disabled)",
    )
    parser.add_argument(
        "--wait",
        type=float,
        default=180.0,
        metavar="SECONDS",
        help="with --manual: how long to wait for the dump to start (default 180)",
    )
    add_connection_options(parser)
    parser.set_defaults(run=run)


def _check_output(args: argparse.Namespace) -> None:
    """Refuse an existing -o file before anything is asked of the M1."""
    output: Path | None = args.output
    if output is not None and (taken(output) or taken(output.with_suffix(".json"))):
        there = output if taken(output) else output.with_suffix(".json")
        raise SaveError(
            f"{there} already exists and m1-wizard never writes over a file.",
            "Choose another name with -o, or leave -o out for a time-stamped name.",
        )
    folder: Path = args.backup_dir
    if output is None and not folder.is_dir():
        raise SaveError(
            f"The backup folder {folder} does not exist.",
            "Create it, or choose another with --backup-dir.",
        )


def _take(args: argparse.Namespace) -> Backup:
    progress = ProgressLine()
    try:
        with open_transport(args) as transport:
            exchange = exchange_for(args, transport)
            if args.manual:
                print(f"On the M1, press: {MANUAL_KEYS}")
                print('(UP until the display shows "ALL DATA"; G starts the dump.)')
                print(f"Waiting up to {args.wait:.0f} s for the M1 to send ...", flush=True)
                return receive_panel_dump(exchange, args.wait, progress)
            detection = detect(exchange)
            return take_backup(exchange, detection, args.what, progress)
    finally:
        progress.finish()


def _report(saved: SavedBackup) -> None:
    print(f"Backup saved: {saved.path}")
    print(f"Manifest:     {saved.manifest}")
    print(f"SHA-256:      {saved.sha256}")
    for dump in saved.backup.dumps:
        print(f"  {len(dump.to_bytes()):6,} bytes  {describe_contents(contents_of(dump))}")
    print("The file was read back and is complete.")


def run(args: argparse.Namespace) -> int:
    """Back up; 0 saved and verified, 1 refused or not saved, 3 no answer."""
    try:
        _check_output(args)
        backup = _take(args)
        saved = save_backup(backup, args.output, args.backup_dir)
    except WizardError as error:
        return fail("backup", error)
    except KeyboardInterrupt:
        print(
            "\nm1-wizard backup: stopped (Ctrl-C) before the backup was saved; no file was "
            "written. Run the command again when ready.",
            file=sys.stderr,
        )
        return exit_codes.FAILED
    _report(saved)
    return exit_codes.OK
