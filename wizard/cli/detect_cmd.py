"""`m1-wizard detect`: find the M1 and say what it told about itself."""

from __future__ import annotations

import argparse

from wizard.cli import exit_codes
from wizard.cli.connection import add_connection_options, connect, fail
from wizard.device.detect import detect
from wizard.errors import WizardError


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `detect`."""
    parser = sub.add_parser(
        "detect",
        help="find the M1 and show its channel, mode, memory allocation and cards",
        description="Send an identity request to every channel, then a MODE REQUEST on each "
        "of the 16 channels, and report what the M1 answers.",
    )
    add_connection_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Detect; exit 0 when found, 3 when nothing answered."""
    try:
        with connect(args) as connection:
            detection = detect(connection.exchange)
    except WizardError as error:
        return fail("detect", error)
    for line in detection.lines():
        print(line)
    return exit_codes.OK
