"""The demo's sound bank: the emulated factory M1's memory saved as one dump file, standing
in for Korg's factory file (m1-wizard ships no Korg data)."""

from __future__ import annotations

from pathlib import Path

from wizard.emulator import build_state
from wizard.emulator.dumps import bank_dump
from wizard.errors import WizardError
from wizard.m1 import Bank, Function

DEMO_BANK_NAME = "demo-factory-sounds.syx"


def write_demo_bank(folder: Path) -> Path:
    """Save the emulated factory M1's memory as one ALL DATA dump file for the demo.

    The bank is the emulator's own synthetic factory set (made-up sounds laid out like the
    factory bank).

    Raises:
        WizardError: The file cannot be written.
    """
    memory = build_state("factory").memory
    data = bank_dump(memory, Function.ALL_DATA_DUMP, Bank.INTERNAL, 1).to_bytes()
    path = folder / DEMO_BANK_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as error:
        raise WizardError(
            f"Could not write the demo sound bank {path}: {error.strerror or error}.",
            "Choose a data folder you can write to with $M1_WIZARD_HOME.",
        ) from error
    return path
