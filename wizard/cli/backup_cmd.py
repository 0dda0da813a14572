"""`m1-wizard backup`: take the M1's memory and save it as a verified .syx with a manifest."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wizard.cli import exit_codes
from wizard.cli.command_driver import CommandDriver
from wizard.cli.connection import (
    add_connection_options,
    add_unit_options,
    connect,
    fail,
    unit_of,
)
from wizard.cli.option_values import seconds
from wizard.cli.signals import how_stopped
from wizard.device.backup import WHATS, SavedBackup
from wizard.device.detect import detect
from wizard.device.manual import MANUAL_KEYS, receive_panel_dump
from wizard.device.store import SaveError, taken
from wizard.errors import WizardError
from wizard.m1.report import contents_of, describe_contents
from wizard.operations.backup import BackupPlace, back_up, keep_backup
from wizard.operations.driver import Run, Target, local_now
from wizard.operations.ledger import command_ledger


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `backup`."""
    parser = sub.add_parser(
        "backup",
        help="save the M1's memory to a .syx file (never over an existing file)",
        description="Request the M1's memory, check every byte count, and save it as a "
        "binary .syx file with a .json manifest beside it. The file is read back to prove "
        "it is whole. An existing file is never overwritten. The backup is kept in the "
        "unit's backups folder unless -o or --backup-dir name another place, and recorded "
        "in the unit's journal and maintenance log either way.",
    )
    parser.add_argument("-o", "--output", type=Path, help="the file to create")
    parser.add_argument(
        "--backup-dir",
        type=Path,
        help="folder for the default time-stamped name (default: the unit's backups folder)",
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
        type=seconds(1.0, 3600.0),
        default=180.0,
        metavar="SECONDS",
        help="with --manual: how long to wait for the dump to start (1 to 3600; default 180)",
    )
    add_unit_options(parser)
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
    folder: Path | None = args.backup_dir
    if output is None and folder is not None and not folder.is_dir():
        raise SaveError(
            f"The backup folder {folder} does not exist.",
            "Create it, or choose another with --backup-dir.",
        )


def _report(saved: SavedBackup) -> None:
    print(f"Backup saved: {saved.path}")
    print(f"Manifest:     {saved.manifest}")
    print(f"SHA-256:      {saved.sha256}")
    for dump in saved.backup.dumps:
        print(f"  {len(dump.to_bytes()):6,} bytes  {describe_contents(contents_of(dump))}")
    print("The file was read back and is complete.")


def _back_up(args: argparse.Namespace) -> SavedBackup:
    _check_output(args)
    unit = unit_of(args)
    place = BackupPlace(args.backup_dir or unit.backups, args.output)
    driver = CommandDriver(yes=False)
    run = Run(driver, command_ledger(unit, "backup", local_now))
    try:
        with connect(args) as connection:
            exchange = connection.exchange
            if not args.manual:
                return back_up(Target(exchange, detect(exchange)), args.what, place, run).saved
            print(f"On the M1, press: {MANUAL_KEYS}")
            print('(UP until the display shows "ALL DATA"; G starts the dump.)')
            print(f"Waiting up to {args.wait:.0f} s for the M1 to send ...", flush=True)
            backup = receive_panel_dump(exchange, args.wait, driver.progress)
    finally:
        driver.progress_line.finish()
    return keep_backup(backup, place, run).saved


def run(args: argparse.Namespace) -> int:
    """Back up; 0 saved and verified, 1 refused or not saved, 3 no answer."""
    try:
        saved = _back_up(args)
    except WizardError as error:
        return fail("backup", error)
    except KeyboardInterrupt as interrupt:
        print(
            f"\nm1-wizard backup: stopped ({how_stopped(interrupt)}) before the backup was "
            "saved; no file was written. Run the command again when ready.",
            file=sys.stderr,
        )
        return exit_codes.FAILED
    _report(saved)
    return exit_codes.OK
