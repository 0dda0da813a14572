"""`m1-wizard restore FILE`: the restore operation on the command line (check the file, find
the M1, back it up, ask, send, read back, compare, record in the unit's folder)."""

from __future__ import annotations

import argparse
import shlex
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
from wizard.device.detect import detect
from wizard.device.outcomes import ADVICE, DeviceError, Outcome
from wizard.device.restore import PART_OPTIONS, RestoreRefused, RestoreState
from wizard.errors import WizardError
from wizard.m1.sources import read_sources
from wizard.operations import words
from wizard.operations.backup import BackupPlace
from wizard.operations.driver import Run, Target, local_now
from wizard.operations.ledger import command_ledger
from wizard.operations.restore import RestoreDeclined, RestoreJob, check, restore
from wizard.operations.safety import Safety

LEAVE_OUT = {word: part for part, word in PART_OPTIONS.items()}
"""`--leave-out` words to the parts of memory they name."""


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `restore`."""
    parser = sub.add_parser(
        "restore",
        help="send dump files to the M1, acknowledged and read back",
        description="Check the files (all the M1 dumps in the PATHs form one set: each part "
        "of memory at most once), find the M1, re-address the data to the M1's channel, "
        "check its memory allocation, back the M1 up (verified), send one message at a "
        "time waiting for the M1's reply, then read everything back and compare it. The "
        "safety backup, the restore and where each file is are recorded in the unit's "
        "journal and maintenance log.",
    )
    parser.add_argument(
        "paths",
        type=Path,
        nargs="+",
        metavar="PATH",
        help="the files to send (.syx, .mid or hex text, any name; or a folder of them)",
    )
    parser.add_argument("--yes", action="store_true", help="do not ask before overwriting")
    parser.add_argument(
        "--check-only",
        action="store_true",
        help="send nothing: read the M1's memory back and compare it with the files (after a "
        "restore whose read-back was cut short)",
    )
    parser.add_argument(
        "--no-backup",
        action="store_true",
        help="skip the safety backup (the M1's current memory will be lost)",
    )
    parser.add_argument(
        "--backup-dir",
        type=Path,
        help="folder for the safety backup (default: the unit's backups folder)",
    )
    parser.add_argument(
        "--delay-after-f7",
        type=seconds(0.0, 10.0),
        default=0.0,
        metavar="SECONDS",
        help="extra pause after each acknowledged message, for unusual interfaces "
        "(0 to 10; default 0)",
    )
    parser.add_argument(
        "--leave-out",
        action="append",
        default=[],
        choices=sorted(LEAVE_OUT),
        metavar="PART",
        help="do not send this part of the files (global, combinations, programs, songs); "
        "for a MIDI system that cannot carry it in one message. May be given more than once",
    )
    add_unit_options(parser)
    add_connection_options(parser)
    parser.set_defaults(run=run)


def _restore(args: argparse.Namespace, state: RestoreState, driver: CommandDriver) -> None:
    sources = read_sources(args.paths)  # a missing or unreadable file: before any MIDI
    unit = unit_of(args)
    folder: Path = args.backup_dir or unit.backups
    if not args.no_backup and args.backup_dir is not None and not folder.is_dir():
        raise RestoreRefused(
            f"The backup folder {folder} does not exist; nothing was sent.",
            "Create it, or choose another with --backup-dir.",
        )
    run = Run(driver, command_ledger(unit, "restore", local_now))
    with connect(args) as connection:
        detection = detect(connection.exchange)
        driver.notice(words.found(detection.channel))
        job = RestoreJob(
            tuple(args.paths),
            Safety(no_backup=args.no_backup),
            BackupPlace(folder, choose="--backup-dir"),
            delay_after_f7=args.delay_after_f7,
            read=sources,
            leave_out=frozenset(LEAVE_OUT[word] for word in args.leave_out),
        )
        try:
            target = Target(connection.exchange, detection, detection.allocation)
            restore(job, target, run, state)
        finally:
            driver.progress_line.finish()
    print(words.SAFE_TO_SWITCH_OFF)


def _check_only(args: argparse.Namespace, driver: CommandDriver) -> None:
    sources = read_sources(args.paths)  # a missing or unreadable file: before any MIDI
    run = Run(driver, command_ledger(unit_of(args), "restore", local_now))
    with connect(args) as connection:
        detection = detect(connection.exchange)
        driver.notice(words.found(detection.channel))
        job = RestoreJob(
            tuple(args.paths),
            Safety(),
            BackupPlace(Path(".")),
            read=sources,
            leave_out=frozenset(LEAVE_OUT[word] for word in args.leave_out),
        )
        try:
            plan = check(job, Target(connection.exchange, detection, detection.allocation), run)
        except DeviceError as error:
            if error.outcome is not Outcome.READBACK_MISMATCH:
                raise
            # The shared words speak of data just sent; here nothing was.
            detail = error.message.removeprefix(ADVICE[Outcome.READBACK_MISMATCH].sentence)
            raise RestoreRefused(
                f"The M1 does not hold what {_named(args)} holds.{detail} Nothing was sent.",
                f"To put it in, run `{_command(args)}`.",
            ) from error
        finally:
            driver.progress_line.finish()
    print(f"Checked: the M1 holds exactly what {_named(args)} holds ({plan.description}).")
    print("Nothing was sent.")


def _named(args: argparse.Namespace) -> str:
    """The paths as the person gave them, for a sentence."""
    return ", ".join(str(p) for p in args.paths)


def _command(args: argparse.Namespace, *options: str) -> str:
    """The restore command for the same paths, ready to copy."""
    return shlex.join(["m1-wizard", "restore", *options, *(str(p) for p in args.paths)])


def _stopped(args: argparse.Namespace, state: RestoreState, driver: CommandDriver) -> None:
    """What to do next after Ctrl-C or a signal, by how far the restore got."""
    if state.reading_back:
        check_command = _command(args, "--check-only")
        print(
            f"To check it, run `{check_command}` with the same connection options; it "
            "sends nothing.",
            file=sys.stderr,
        )
    elif state.acknowledged or state.in_flight:
        again = "Send the file again to finish"
        if driver.kept is not None:
            again += f", or restore the safety backup {driver.kept.path}"
        print(f"{again}.", file=sys.stderr)
    else:
        print("Run the command again when ready.", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    """Restore; 0 sent and verified, 1 refused or mismatch, 2 bad file, 3 no answer."""
    state = RestoreState()
    driver = CommandDriver(args.yes)
    try:
        if args.check_only:
            _check_only(args, driver)
            return exit_codes.OK
        _restore(args, state, driver)
    except RestoreDeclined:
        print(words.NOTHING_SENT)
        return exit_codes.OK
    except WizardError as error:
        code = fail("restore", error)
        if state.acknowledged or state.in_flight or state.reading_back:
            print(f"m1-wizard restore: {state.describe()}", file=sys.stderr)
        return code
    except KeyboardInterrupt as interrupt:
        driver.progress_line.finish()
        print(
            f"\nm1-wizard restore: stopped ({how_stopped(interrupt)}). {state.describe()}",
            file=sys.stderr,
        )
        _stopped(args, state, driver)
        return exit_codes.FAILED
    return exit_codes.OK
