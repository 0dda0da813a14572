"""`m1-wizard run ID`: run one guided procedure, resuming where the last run for the same
unit stopped: in the Textual wizard when standard input and output are a terminal, with
plain prompts otherwise (pipes, scripts) or with `--plain`."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from wizard.cli import exit_codes
from wizard.cli.connection import add_connection_options, add_unit_options, connect, fail, unit_of
from wizard.cli.procedures_cmd import load_procedures
from wizard.cli.signals import default_signals, received
from wizard.cli.terminal_operator import TerminalOperator
from wizard.device.connection import Connection
from wizard.device.exchange import Timeouts
from wizard.engine.endings import RunOutcome, RunStatus
from wizard.engine.plan import plan_steps
from wizard.engine.runner import Engine
from wizard.engine.session import Session
from wizard.errors import WizardError
from wizard.operations.maintenance import read_log
from wizard.operations.unit import UnitFolder
from wizard.procedure.loader import ProcedureSet
from wizard.procedure.model import BackupStep, CheckStep, Procedure, TransferStep
from wizard.transport.port_names import PortChoice

MIDI_STEPS = (CheckStep, BackupStep, TransferStep)
EXIT_OF = {
    RunStatus.COMPLETED: exit_codes.OK,
    RunStatus.ABORTED: exit_codes.FAILED,
    RunStatus.STOPPED: exit_codes.FAILED,
}


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `run`."""
    parser = sub.add_parser(
        "run",
        help="run a guided procedure (the wizard on a terminal; --plain for plain prompts)",
        description="Run the procedure ID (see `m1-wizard procedures`) step by step. On a "
        "terminal it opens in the wizard; with --plain, or when input or output is not a "
        "terminal, it asks with plain prompts. Every step is written to the unit's "
        "journal, so quitting (q, Ctrl-D or Ctrl-C) and running the same command again "
        "resumes at the same step. Answers may be piped in, one per line.",
    )
    parser.add_argument("procedure", metavar="ID", help="the procedure to run")
    parser.add_argument(
        "--restart",
        action="store_true",
        help="start at the first step even when the last run stopped part way",
    )
    parser.add_argument("--folder", type=Path, help="read the procedures from this folder instead")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="plain prompts instead of the wizard, even on a terminal (works over SSH too)",
    )
    add_unit_options(parser)
    add_connection_options(parser)
    parser.set_defaults(run=run)


def _unknown(wanted: str, loaded: ProcedureSet) -> int:
    broken = [e for e in loaded.errors if Path(e.path).stem == wanted]
    if broken:
        for error in broken:
            print(f"m1-wizard run: {error}", file=sys.stderr)
        return exit_codes.FAILED
    close = difflib.get_close_matches(wanted, list(loaded.procedures), n=1, cutoff=0.6)
    hint = f"Did you mean '{close[0]}'?" if close else "Run `m1-wizard procedures` to list them."
    print(f"m1-wizard run: there is no procedure called '{wanted}'. {hint}", file=sys.stderr)
    return exit_codes.USAGE


def _needs_midi(procedure: Procedure, loaded: ProcedureSet) -> bool:
    steps = plan_steps(procedure, loaded.procedures)
    return any(isinstance(p.step, MIDI_STEPS) for p in steps)


def _header(procedure: Procedure, unit: UnitFolder) -> None:
    print(f"{procedure.title} ({procedure.duration})")
    print(f"Unit: {unit.unit} (files in {unit.folder})")
    if procedure.needs:
        print("You need: " + "; ".join(procedure.needs))
    for risk in procedure.risk:
        print(f"Risk: {' '.join(risk.split())}")
    print("Type q at any prompt to stop; the same command resumes where you stopped.")


def _footer(outcome: RunOutcome, procedure: Procedure, unit: UnitFolder) -> None:
    print()
    if outcome.status is RunStatus.ABORTED:
        print(f"Aborted at step {outcome.path}.")
    elif outcome.status is RunStatus.STOPPED:
        by = received()  # a closed terminal or `kill` stops a run as Ctrl-C does
        print(
            f"Stopped by {by} at step {outcome.path}." if by else f"Stopped at step {outcome.path}."
        )
    log = read_log(unit.maintenance)
    if log:
        print(f"Maintenance log of {unit.unit}:")
        for entry in log:
            print(f"  {entry.line()}")


def _in_wizard(args: argparse.Namespace, procedure: str, home: Path) -> int:
    """Open the wizard straight into `procedure`; the exit code follows how its last run
    ended (1 when the person left before the end). The wizard always keeps a MIDI log of
    its own under the data folder, so `--log` is not needed there."""
    from wizard.tui.app import run_app
    from wizard.tui.launch import Launch

    named = args.port or args.in_port or args.out_port
    ports = PortChoice.from_options(args.port, args.in_port, args.out_port) if named else None
    launch = Launch(
        home=home,
        unit=args.unit,
        demo=args.emulated,
        procedure=procedure,
        ports=ports,
        folder=args.folder,
        restart=args.restart,
        connect_at_start=bool(args.emulated or ports),
        timeouts=Timeouts(first_reply=args.timeout),
    )
    with default_signals():
        outcome = run_app(launch).last_outcome
    return exit_codes.FAILED if outcome is None else EXIT_OF[outcome.status]


def run(args: argparse.Namespace) -> int:
    """Run; 0 completed, 1 aborted or stopped, 2 usage (unknown id), 3 no MIDI device."""
    loaded = load_procedures(args.folder)
    if isinstance(loaded, str):
        print(f"m1-wizard run: {loaded}", file=sys.stderr)
        return exit_codes.USAGE
    procedure = loaded.procedures.get(args.procedure)
    if procedure is None:
        return _unknown(args.procedure, loaded)
    try:
        unit = unit_of(args)
    except WizardError as error:
        print(f"m1-wizard run: {error}", file=sys.stderr)
        return exit_codes.USAGE
    if not args.plain and sys.stdin.isatty() and sys.stdout.isatty():
        return _in_wizard(args, procedure.id, unit.home)
    wants_port = args.emulated or args.port or args.in_port or args.out_port
    connection: Connection | None = None
    try:
        if wants_port or _needs_midi(procedure, loaded):
            connection = connect(args)
        _header(procedure, unit)
        operator = TerminalOperator(connection.link if connection else None)
        session = Session(unit, connection.exchange if connection else None)
        if args.emulated:
            from wizard.demo.loop_cable import loop_test

            session.loop = loop_test  # no cable to loop with the emulated M1: emulate one
        outcome = Engine(
            procedure, loaded.procedures, session, operator, restart=args.restart
        ).run()
    except WizardError as error:
        return fail("run", error)
    finally:
        if connection is not None:
            connection.close()
    _footer(outcome, procedure, unit)
    return EXIT_OF[outcome.status]
