"""The player's goals and where they stand, kept in view while playing.

The ending judges a game against the two goals chosen at setup, so a player should not have
to remember them: each shows as met (and when), still open (and by when, for a goal with a
deadline) or missed. A mark and a word carry the status, never colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.content import Content
from textual.widgets import Static

from careerquest.engine.game import GoalStanding
from careerquest.tui.widgets.format import GOOD_STYLE, MUTED_STYLE


def goal_line(standing: GoalStanding, date: Callable[[int], str]) -> Content:
    """``● Save an emergency fund — met Q3 2026``; ``○ Lead a team — due by Q4 2030``."""
    goal = standing.goal
    if standing.met_turn is not None:
        return Content.assemble(
            ("● ", GOOD_STYLE), goal.label, (f" — met {date(standing.met_turn)}", MUTED_STYLE)
        )
    if standing.missed:
        return Content.assemble(("✕ ", MUTED_STYLE), (f"{goal.label} — missed", MUTED_STYLE))
    due = "" if goal.by is None else f" — due by {date(goal.by)}"
    return Content.assemble("○ ", goal.label, (due, MUTED_STYLE))


class GoalList(Static):
    """One line per goal (wrapped where narrow); hidden, by class ``-none``, for a scenario
    without goals."""

    DEFAULT_CSS = """
    GoalList {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] | None = None

    def show(self, standing: Sequence[GoalStanding], date: Callable[[int], str]) -> None:
        # Goals change a few times a game; redrawing them at every keypress would cost a
        # layout each time.
        key = tuple((s.goal.id, s.met_turn, s.missed) for s in standing)
        if key == self._shown:
            return
        self._shown = key
        self.set_class(not standing, "-none")
        self.update(Content("\n").join(goal_line(s, date) for s in standing))
