"""Bounds on graph walks: they grow fast with depth, so callers get a clear refusal."""
from __future__ import annotations


class LimitExceededError(ValueError):
    """A request asked for more than a walk allows; the message names the maximum."""


def check_limit(name: str, value: int, maximum: int, minimum: int = 1) -> None:
    """Refuse ``value`` outside ``minimum..maximum``, saying what to ask for instead."""
    if value > maximum:
        raise LimitExceededError(f"{name} must be between {minimum} and {maximum}; "
                                 f"{maximum} is the maximum")
    if value < minimum:
        raise ValueError(f"{name} must be between {minimum} and {maximum}; got {value}")
