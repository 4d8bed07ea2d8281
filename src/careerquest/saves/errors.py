"""The one exception the saves package raises, so front ends can show it instead of crashing.

Every problem with a save — a bad slot name, a corrupt or foreign file, a scenario edited since
the save was made, a disk that refused the write — becomes a :class:`SaveError` whose text is
for people: it names the file (when there is one) and says what is wrong.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from careerquest.engine.game import Game


class SaveError(Exception):
    """A save that cannot be written, read or restored; ``str()`` is a sentence for players."""

    def __init__(self, problem: str, path: str | Path | None = None) -> None:
        self.problem = problem
        self.path = Path(path) if path is not None else None
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


class OutdatedSave(SaveError):
    """A save whose scenario has changed so that its choices lead elsewhere now.

    It still carries the player's game as the new version plays it (as far as the choices
    fit), which a front end may offer to play on from: after an update of a bundled
    scenario, that is the only way on for a game in progress.
    """

    def __init__(
        self, problem: str, game: Game, replayed: int, path: str | Path | None = None
    ) -> None:
        super().__init__(problem, path)
        self.game = game
        self.replayed = replayed
