"""Errors raised by the rules package.

Both are ``ValueError`` subclasses so callers that only know "bad value" still catch them. An
out-of-range date is a kind of bad input, so ``OutOfRangeError`` is also a ``RulesInputError``:
a view that catches ``RulesInputError`` never sees a calendar error escape.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One thing wrong with the input, tied to the field (event key, flag or argument) at fault."""

    field: str | None
    message: str


class RulesInputError(ValueError):
    """The facts given to the rules are unusable: unknown keys, impossible order, bad dates.

    ``problems`` lists every problem found (not just the first), each with the field it is about,
    so a form can show each message next to the right field. ``str(error)`` joins the messages.
    """

    problems: tuple[InputProblem, ...]

    def __init__(self, problems: InputProblem | str | tuple[InputProblem, ...]) -> None:
        if isinstance(problems, str):
            problems = (InputProblem(None, problems),)
        elif isinstance(problems, InputProblem):
            problems = (problems,)
        self.problems = problems
        super().__init__(" ".join(p.message for p in problems))


class OutOfRangeError(RulesInputError):
    """A date falls outside the years a working-day calendar was built for."""
