"""Counted nouns: one wording for every screen and command."""

from __future__ import annotations

import pytest

from careerquest.engine.words import counted


@pytest.mark.parametrize(
    ("count", "noun", "shown"),
    [
        (1, "quarter", "1 quarter"),
        (0, "error", "0 errors"),
        (3, "month", "3 months"),
        (1.5, "year", "1.5 years"),
        (2.0, "year", "2 years"),
        (1234567, "run", "1,234,567 runs"),
    ],
)
def test_counted(count: float, noun: str, shown: str) -> None:
    assert counted(count, noun) == shown
