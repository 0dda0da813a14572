"""The live checks a procedure names, by name: each `check(session, params) -> CheckResult`.

The registry holds exactly the names of `wizard.procedure.checks_catalog.CHECKS` (a test
keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from wizard.engine.checks.interface import interface_loopback
from wizard.engine.checks.memory import matches_backup, matches_file, memory_initialised
from wizard.engine.checks.mode import allocation_is, card_present, card_writable
from wizard.engine.checks.protect import memory_unprotected
from wizard.engine.checks.reach import exclusive_enabled, m1_responds
from wizard.engine.checks.result import CheckResult, Verdict, cannot_tell
from wizard.engine.session import Session
from wizard.procedure.model import ParamValue

Check = Callable[[Session, Mapping[str, ParamValue]], CheckResult]
"""A live check: asks the M1 over the session's connection, never raises a WizardError."""

REGISTRY: Mapping[str, Check] = MappingProxyType(
    {
        "m1_responds": m1_responds,
        "allocation_is": allocation_is,
        "memory_unprotected": memory_unprotected,
        "memory_initialised": memory_initialised,
        "matches_backup": matches_backup,
        "matches_file": matches_file,
        "card_present": card_present,
        "card_writable": card_writable,
        "exclusive_enabled": exclusive_enabled,
        "interface_loopback": interface_loopback,
    }
)


def run_check(name: str, session: Session, params: Mapping[str, ParamValue]) -> CheckResult:
    """Run the check called `name`; an unknown name is CANNOT_TELL (the loader rejects
    such files, so this only happens with procedures built in code)."""
    check = REGISTRY.get(name)
    if check is None:
        return cannot_tell(
            name,
            f"m1-wizard has no live check called {name!r}.",
            "Report the procedure that names it.",
        )
    return check(session, params)


__all__ = ["REGISTRY", "Check", "CheckResult", "Verdict", "run_check"]
