"""`m1-wizard restore FILE`: check the file, find the M1, back it up, send, read back, compare."""

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
from wizard.device.backup import SavedBackup, save_backup, take_backup
from wizard.device.detect import Detection, detect
from wizard.device.exchange import Exchange
from wizard.device.restore import (
    RestorePlan,
    RestoreRefused,
    RestoreState,
    plan_restore,
    read_back,
    send_plan,
    verify,
)
from wizard.errors import WizardError
from wizard.m1.syx_file import read_dump_file


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `restore`."""
    parser = sub.add_parser(
        "restore",
        help="send a dump file to the M1, acknowledged and read back",
        description="Check FILE, find the M1, re-address the data to the M1's channel, "
        "check its memory allocation, back the M1 up (verified), send one message at a "
        "time waiting for the M1's reply, then read everything back and compare it.",
    )
    parser.add_argument("file", type=Path, help="the .syx or .mid file to send")
    parser.add_argument("--yes", action="store_true", help="do not ask before overwriting")
    parser.add_argument(
        "--no-backup",
        action="store_true",
        help="skip the safety backup (the M1's current memory will be lost)",
    )
    parser.add_argument(
        "--backup-dir",
        type=Path,
        default=Path("."),
        help="folder for the safety backup (default: here)",
    )
    parser.add_argument(
        "--delay-after-f7",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="extra pause after each acknowledged message, for unusual interfaces",
    )
    add_connection_options(parser)
    parser.set_defaults(run=run)


def _confirm(plan: RestorePlan, args: argparse.Namespace) -> bool:
    print(f"This overwrites in the M1's memory: {plan.description}.")
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise RestoreRefused(
            "Nothing was sent: the overwrite needs a confirmation and there is no terminal "
            "to ask on.",
            "Run again with --yes to confirm on the command line.",
        )
    answer = input("Type yes to send it now: ").strip().lower()
    return answer == "yes"


def _safety_backup(
    exchange: Exchange, detection: Detection, args: argparse.Namespace
) -> SavedBackup | None:
    if args.no_backup:
        print("No safety backup (--no-backup): the M1's current memory will be lost.")
        return None
    progress = ProgressLine()
    try:
        backup = take_backup(exchange, detection, "all", progress)
    finally:
        progress.finish()
    saved = save_backup(backup, folder=args.backup_dir)
    print(f"Safety backup saved and verified: {saved.path}")
    return saved


def _restore(args: argparse.Namespace, state: RestoreState) -> SavedBackup | None:
    dump_file = read_dump_file(args.file)
    with open_transport(args) as transport:
        exchange = exchange_for(args, transport)
        detection = detect(exchange)
        print(f"Found the M1 on channel {detection.channel}.")
        plan = plan_restore(
            dump_file, detection.channel, detection.allocation, transport.max_message_size
        )
        if plan.rewritten_from:
            print(
                "The file was addressed to channel "
                + ", ".join(str(c) for c in plan.rewritten_from)
                + f"; every message is re-addressed to channel {detection.channel}."
            )
        if not args.no_backup and not args.backup_dir.is_dir():
            raise RestoreRefused(
                f"The backup folder {args.backup_dir} does not exist; nothing was sent.",
                "Create it, or choose another with --backup-dir.",
            )
        saved = _safety_backup(exchange, detection, args)
        if not _confirm(plan, args):
            print("Nothing was sent; the M1 is unchanged.")
            return saved
        progress = ProgressLine()
        try:
            send_plan(exchange, plan, state, progress, delay_after_f7=args.delay_after_f7)
            print("Do not switch the M1 off yet: reading the data back to compare ...")
            read = read_back(exchange, plan, progress)
        finally:
            progress.finish()
        verify(plan, read)
    print(f"Restored and verified: {plan.description}.")
    print("Safe to switch the M1 off.")
    return saved


def run(args: argparse.Namespace) -> int:
    """Restore; 0 sent and verified, 1 refused or mismatch, 2 bad file, 3 no answer."""
    state = RestoreState()
    try:
        _restore(args, state)
    except WizardError as error:
        code = fail("restore", error)
        if state.acknowledged or state.in_flight:
            print(f"m1-wizard restore: {state.describe()}", file=sys.stderr)
        return code
    except KeyboardInterrupt:
        print(f"\nm1-wizard restore: stopped (Ctrl-C). {state.describe()}", file=sys.stderr)
        if state.acknowledged or state.in_flight:
            print(
                "Send the file again to finish, or restore the safety backup saved above.",
                file=sys.stderr,
            )
        else:
            print("Run the command again when ready.", file=sys.stderr)
        return exit_codes.FAILED
    return exit_codes.OK
