"""Typed answers are accepted or refused by the input step's rule."""

from __future__ import annotations

import pytest

from wizard.procedure.answers import answer_problem
from wizard.procedure.model import InputRule, InputStep


def step(rule: InputRule, pattern: str = "") -> InputStep:
    """An input step with `rule`."""
    return InputStep(id="ask", prompt="?", validate=rule, pattern=pattern, store_as="answer")


@pytest.mark.parametrize(
    ("rule", "answer"),
    [
        (InputRule.SERIAL, "013537"),
        (InputRule.SERIAL, " 215725 "),
        (InputRule.YES_NO, "Yes"),
        (InputRule.YES_NO, "n"),
        (InputRule.NUMBER, "42"),
        (InputRule.TEXT, "anything at all"),
    ],
)
def test_accepted(rule: InputRule, answer: str) -> None:
    assert answer_problem(step(rule), answer) is None


@pytest.mark.parametrize(
    ("rule", "answer", "problem"),
    [
        (InputRule.SERIAL, "13537", "A serial number is six digits, e.g. 013537."),
        (InputRule.SERIAL, "0135370", "A serial number is six digits, e.g. 013537."),
        (InputRule.SERIAL, "01353A", "A serial number is six digits, e.g. 013537."),
        # Arabic-Indic digits are digits to str.isdigit, not to a serial plate.
        (InputRule.SERIAL, "\u0660" * 6, "A serial number is six digits, e.g. 013537."),
        (InputRule.YES_NO, "maybe", "Answer yes or no."),
        (InputRule.NUMBER, "4 2", "Type digits only."),
        (InputRule.TEXT, "   ", "Type an answer first."),
    ],
)
def test_refused(rule: InputRule, answer: str, problem: str) -> None:
    assert answer_problem(step(rule), answer) == problem


def test_regex_must_match_the_whole_answer() -> None:
    card = step(InputRule.REGEX, "MCR-[0-9]{2}")
    assert answer_problem(card, "MCR-03") is None
    assert answer_problem(card, "MCR-03x") == "That answer does not have the form asked for."
