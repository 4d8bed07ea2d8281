"""Counted nouns and spans of time: one wording for every screen and command."""

from __future__ import annotations

import pytest

from careerquest.engine.calendar import span
from careerquest.engine.words import counted, titled


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


@pytest.mark.parametrize(
    ("turns", "unit", "shown"),
    [
        (32, "quarter", "8 years"),
        (30, "month", "2.5 years"),
        (12, "month", "1 year"),
        (9, "month", "9 months"),
        (3, "quarter", "3 quarters"),
        (5, "year", "5 years"),
    ],
)
def test_span_says_a_game_s_length_in_years_from_one_year(
    turns: int, unit: str, shown: str
) -> None:
    assert span(turns, unit) == shown


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("The network goes down", "The network goes down: Fix it yourself"),
        ("Where do you see yourself?", "Where do you see yourself? Fix it yourself"),
        ("Not again!", "Not again! Fix it yourself"),
    ],
)
def test_an_answer_follows_its_event_title(title: str, shown: str) -> None:
    assert titled(title, "Fix it yourself") == shown
