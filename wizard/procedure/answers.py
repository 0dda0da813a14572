"""Checking a typed answer to an input step against the step's rule."""

from __future__ import annotations

import re

from wizard.procedure.model import InputRule, InputStep

SERIAL_DIGITS = 6
"""M1 serial numbers are six digits (unit-identification.md, "Serial format")."""

YES_WORDS = frozenset({"yes", "y"})
NO_WORDS = frozenset({"no", "n"})


def answer_problem(step: InputStep, answer: str) -> str | None:
    """What is wrong with `answer` as a sentence to show, None when it is acceptable.

    Leading and trailing spaces are ignored.

    Args:
        step: The input step asked.
        answer: What the person typed.
    """
    text = answer.strip()
    if not text:
        return "Type an answer first."
    match step.validate:
        case InputRule.SERIAL:
            if len(text) != SERIAL_DIGITS or not text.isascii() or not text.isdigit():
                return "A serial number is six digits, e.g. 013537."
        case InputRule.YES_NO:
            if text.lower() not in YES_WORDS | NO_WORDS:
                return "Answer yes or no."
        case InputRule.NUMBER:
            if not text.isascii() or not text.isdigit():
                return "Type digits only."
        case InputRule.REGEX:
            if re.fullmatch(step.pattern, text) is None:
                return "That answer does not have the form asked for."
        case InputRule.TEXT:
            pass
    return None
