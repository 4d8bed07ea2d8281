"""Turns as dates and ages, in the scenario's unit of time."""

from __future__ import annotations

from functools import cache

from careerquest.engine.words import counted
from careerquest.scenario.runtime import TURNS_PER_YEAR

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@cache  # every turn of every game asks, and a scenario has only so many turns
def date_label(turn: int, unit: str, start_year: int) -> str:
    """Turn 1 is the start: ``Jan 2026``, ``Q1 2026`` or ``2026``."""
    per_year = TURNS_PER_YEAR[unit]
    index = max(turn, 1) - 1
    year = start_year + index // per_year
    if unit == "month":
        return f"{MONTHS[index % 12]} {year}"
    if unit == "quarter":
        return f"Q{index % 4 + 1} {year}"
    return str(year)


def age_at(turn: int, unit: str, start_age: int) -> int:
    return start_age + (max(turn, 1) - 1) // TURNS_PER_YEAR[unit]


def span(turns: int, unit: str) -> str:
    """How long ``turns`` last, as people say it: ``8 years``, ``2.5 years``, ``9 months``."""
    years = turns / TURNS_PER_YEAR[unit]
    if years < 1:
        return counted(turns, unit)
    return counted(round(years, 1), "year")
