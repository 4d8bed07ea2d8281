"""What the player decides before the first turn.

Saves and the setup screen handle setups without playing, so this lives apart from the turn
engine: reading the save list at the title screen need not load the engine.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_NAME = "Alex"
#: The seed of a plain game, and of a replay, when none is given: the same input then
#: always gives the same game; pass ``--seed`` for a different one.
DEFAULT_SEED = 1


@dataclass(frozen=True, slots=True)
class Setup:
    """The player's name, background and goals. ``None`` means the scenario's first."""

    name: str = DEFAULT_NAME
    background: str | None = None
    short_goal: str | None = None
    long_goal: str | None = None
