"""The odds of a check, in integer arithmetic so every machine agrees on them."""

from __future__ import annotations

from dataclasses import dataclass

from careerquest.scenario.runtime import StatDef

MIN_CHANCE = 5
MAX_CHANCE = 95
#: Chance labels, from the top: a player reads these before committing.
LABELS = (
    (85, "Almost certain"),
    (65, "Likely"),
    (45, "Even odds"),
    (25, "Risky"),
    (0, "Long shot"),
)


@dataclass(frozen=True, slots=True)
class CheckPreview:
    """What the player sees before committing: the stat, the chance and its label."""

    stat: str
    chance: int
    label: str

    def describe(self) -> str:
        return f"{self.label} — {self.chance}%"


def chance(stat: StatDef, value: int, difficulty: int) -> int:
    """Percent chance of success: 50 at the difficulty, rising 2.5 points per 1% of range."""
    span = 100
    if stat.low is not None and stat.high is not None and stat.high > stat.low:
        span = stat.high - stat.low
    raw = 50 + ((value - difficulty) * 250) // span
    return max(MIN_CHANCE, min(MAX_CHANCE, raw))


def label(percent: int) -> str:
    return next(text for floor, text in LABELS if percent >= floor)


_LABEL_BY_PERCENT = tuple(label(p) for p in range(101))
_PREVIEWS: dict[tuple[str, int | None, int | None, int, int], CheckPreview] = {}


def preview(stat: StatDef, value: int, difficulty: int) -> CheckPreview:
    key = (stat.label, stat.low, stat.high, value, difficulty)
    cached = _PREVIEWS.get(key)
    if cached is None:
        percent = chance(stat, value, difficulty)
        cached = CheckPreview(stat.label, percent, _LABEL_BY_PERCENT[percent])
        if len(_PREVIEWS) < 65536:
            _PREVIEWS[key] = cached
    return cached
