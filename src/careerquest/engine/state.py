"""The mutable state of one game: what expressions read and effects write."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class GameState:
    """Everything that changes during a game. It satisfies the expression ``Context``."""

    stats: list[int]
    flags: set[str] = field(default_factory=set)
    creds: set[str] = field(default_factory=set)
    held: set[str] = field(default_factory=set)
    done: set[str] = field(default_factory=set)
    goals: set[str] = field(default_factory=set)
    role: str = ""
    program: str = ""
    program_turns: int = 0
    background: str = ""
    turn: int = 1
    turns_left: int = 0
    age: int = 0
    tenure: int = 0
    income: int = 0
    promotions: int = 0
    career_moves: int = 0
    invest_turns: int = 0
    acted: int = 0
    fired: dict[str, int] = field(default_factory=dict)

    def snapshot(self, stat_ids: list[str]) -> dict[str, object]:
        """A plain, ordered, comparable picture of the state, for saves and replay checks."""
        return {
            "turn": self.turn,
            "stats": dict(zip(stat_ids, self.stats, strict=True)),
            "flags": sorted(self.flags),
            "creds": sorted(self.creds),
            "held": sorted(self.held),
            "done": sorted(self.done),
            "goals": sorted(self.goals),
            "role": self.role,
            "program": self.program,
            "program_turns": self.program_turns,
            "tenure": self.tenure,
            "promotions": self.promotions,
            "career_moves": self.career_moves,
            "invest_turns": self.invest_turns,
            "income": self.income,
            "background": self.background,
            "fired": dict(sorted(self.fired.items())),
        }
