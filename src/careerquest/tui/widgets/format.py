"""How stat values and their changes read on screen, in one place so every panel agrees.

A change always carries an arrow and a sign (``▲+5``, ``▼-$1,200``): the direction must be
readable without colour. The colour says whether it is good news, which for a stat that is
``better = "lower"`` (debt) is a fall. The colours are theme variables, resolved when the
text is drawn, so they follow every theme, including ANSI and high-contrast ones; span-level
colour is the one kind of style that a ``.tcss`` file cannot reach.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from careerquest.engine.game import TurnRecord, event_answer
from careerquest.engine.money import stat_change
from careerquest.scenario.runtime import Scenario, StatDef

UP = "▲"
DOWN = "▼"
GOOD_STYLE = "bold $text-success"
BAD_STYLE = "bold $text-error"
MUTED_STYLE = "$foreground-muted"


def delta_text(kind: str, delta: int, currency: str) -> str:
    """``▲+5``, ``▼-$1,200``; empty when nothing moved."""
    if delta == 0:
        return ""
    arrow = UP if delta > 0 else DOWN
    return arrow + stat_change(kind, delta, currency)


def news_style(stat: StatDef, delta: int) -> str:
    """The colour of a change: good news, or bad news, for this stat."""
    return GOOD_STYLE if stat.improves(delta) else BAD_STYLE


def delta_content(stat: StatDef, delta: int, currency: str) -> Content:
    """:func:`delta_text`, coloured as good or bad news for this stat."""
    return Content.styled(delta_text(stat.kind, delta, currency), news_style(stat, delta))


def changes_content(changes: Iterable[tuple[StatDef, int]], currency: str) -> Content:
    """``Savings ▲+$400 · Wellbeing ▼-3`` from ``(stat, delta)`` pairs."""
    parts: list[Content] = []
    for stat, delta in changes:
        if delta:
            parts.append(Content.assemble(f"{stat.label} ", delta_content(stat, delta, currency)))
    return Content(" · ").join(parts)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in an ellipsis when cut."""
    if len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…" if width > 0 else ""


def clamp(text: str, width: int, lines: int) -> str:
    """``text`` wrapped to ``width`` and kept to ``lines`` lines, the last ending in an
    ellipsis when something was left out (a box that simply cuts text hides the cut)."""
    if width <= 0:
        return text
    wrapped = [str(line) for line in Content(text).wrap(width)]
    if len(wrapped) <= lines:
        return text
    kept = wrapped[:lines]
    kept[-1] = fit(kept[-1].rstrip() + " …", width)
    return "\n".join(kept)


def group_title(group: str) -> str:
    """A stat group id as a heading: ``soft_skills`` → ``Soft skills``."""
    return group.replace("_", " ").capitalize()


def event_text(scenario: Scenario, record: TurnRecord) -> str:
    """``The network goes down → Try to fix it yourself``, or nothing if no event came."""
    answer = event_answer(scenario, record)
    if answer is None:
        return ""
    title, choice = answer
    return f"{title} → {choice}"
