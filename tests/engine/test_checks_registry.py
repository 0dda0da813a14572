"""The live-check registry and the procedure catalog name the same checks."""

from __future__ import annotations

from pathlib import Path

from wizard.engine.checks import REGISTRY, Verdict, run_check
from wizard.engine.session import Session
from wizard.operations.unit import UnitFolder
from wizard.procedure.checks_catalog import CHECKS


def test_registry_holds_exactly_the_catalog_names() -> None:
    assert set(REGISTRY) == set(CHECKS)


def test_an_unknown_check_cannot_tell_instead_of_crashing(tmp_path: Path) -> None:
    result = run_check("m1_dances", Session(UnitFolder(tmp_path, "x")), {})
    assert result.status is Verdict.CANNOT_TELL
    assert result.reason == "m1-wizard has no live check called 'm1_dances'."
