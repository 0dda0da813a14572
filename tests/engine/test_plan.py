"""Include expansion: step paths through includes, repeated includes, bad includes."""

from __future__ import annotations

import pytest

from tests.engine.helpers import library, procedure
from wizard.engine.plan import plan_steps
from wizard.errors import ProcedureError
from wizard.procedure.model import IncludeStep, InstructionStep


def note(step_id: str) -> InstructionStep:
    """An instruction step."""
    return InstructionStep(id=step_id, text=f"Do {step_id}.")


INNER = procedure("enable-midi", note("connect"), note("set-filters"))
DEEPER = procedure("wrapper", note("hello"), IncludeStep(id="midi", procedure="enable-midi"))


def test_includes_are_expanded_with_paths_through_them() -> None:
    top = procedure(
        "used-m1-checklist",
        note("overview"),
        IncludeStep(id="wrap", procedure="wrapper"),
        note("end"),
    )
    planned = plan_steps(top, library(top, DEEPER, INNER))
    assert [p.path for p in planned] == [
        "used-m1-checklist/overview",
        "used-m1-checklist/wrapper/hello",
        "used-m1-checklist/wrapper/enable-midi/connect",
        "used-m1-checklist/wrapper/enable-midi/set-filters",
        "used-m1-checklist/end",
    ]
    assert planned[3].procedure == "enable-midi"
    assert planned[3].chain == ("used-m1-checklist", "wrapper", "enable-midi")


def test_the_same_procedure_included_twice_gets_distinct_paths() -> None:
    top = procedure(
        "twice",
        IncludeStep(id="first", procedure="enable-midi"),
        IncludeStep(id="again", procedure="enable-midi"),
    )
    paths = [p.path for p in plan_steps(top, library(top, INNER))]
    assert paths == [
        "twice/enable-midi/connect",
        "twice/enable-midi/set-filters",
        "twice/enable-midi.again/connect",
        "twice/enable-midi.again/set-filters",
    ]


def test_an_unknown_include_is_a_procedure_error() -> None:
    top = procedure("top", IncludeStep(id="x", procedure="nowhere"))
    with pytest.raises(ProcedureError) as caught:
        plan_steps(top, library(top))
    assert caught.value.message == "step 'x' includes 'nowhere', which is not a procedure."


def test_an_include_cycle_is_a_procedure_error() -> None:
    a = procedure("a", IncludeStep(id="to-b", procedure="b"))
    b = procedure("b", IncludeStep(id="to-a", procedure="a"))
    with pytest.raises(ProcedureError) as caught:
        plan_steps(a, library(a, b))
    assert caught.value.message == "step 'to-a' includes 'a', which includes this one again."
