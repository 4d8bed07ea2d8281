"""Live reload for authors, the part without a screen: notice a changed file, rebuild the game.

As in Inky, an author plays while they write: when the scenario file changes, the game is
rebuilt from the new file with the same seed, setup and choices, so they see their edit at
the very decision they were looking at. Nothing here touches Textual, so it is tested
directly and runs in a thread worker (:mod:`careerquest.tui.live_reload` is the glue).

The file is polled, not watched with inotify and the like: a stat call twice a second costs
nothing, works on every system and file system, and lets tests drive it without waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from careerquest.engine.errors import GameError
from careerquest.engine.game import Game
from careerquest.engine.rules import RULES
from careerquest.engine.setup import Setup
from careerquest.engine.words import counted
from careerquest.scenario.loader import check_file
from careerquest.scenario.runtime import Scenario

#: What identifies a version of the file cheaply: its modification time and size, or
#: ``None`` while it cannot be read (deleted, or being replaced).
Stamp = tuple[int, int] | None


def stamp(path: Path) -> Stamp:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


class ChangeDetector:
    """Says when a file has changed and then held still for one more poll.

    Editors often save in steps (truncate then write, or write a temporary file then rename
    it); waiting for the stamp to stay the same across two polls skips the half-written
    versions that would otherwise flash errors at the author.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._settled = stamp(path)
        self._moving = self._settled

    def poll(self) -> bool:
        """True once per change, when the file has settled."""
        now = stamp(self.path)
        if now == self._settled or now != self._moving:
            self._moving = now
            return False
        self._settled = now
        return True


@dataclass(frozen=True, slots=True)
class Reloaded:
    """The game rebuilt from the new file, and how much of the old game it could replay."""

    game: Game
    total: int
    """How many choices the old game had made."""
    diverged: str
    """Why the first choice not replayed no longer fits; empty when every choice replayed."""
    warnings: int

    @property
    def replayed(self) -> int:
        return len(self.game.log)

    def summary(self, name: str) -> str:
        """What the author is told: never a lost place without saying where and why."""
        if not self.diverged:
            text = f"Reloaded {name} — replayed {counted(self.total, 'choice')}."
        else:
            text = (
                f"Reloaded {name} — replayed {self.replayed} of "
                f"{counted(self.total, 'choice')}: {self.diverged}."
            )
        if self.warnings:
            text += f" {counted(self.warnings, 'warning')}: careerquest check lists them."
        return text


@dataclass(frozen=True, slots=True)
class Broken:
    """The new file cannot be played: the located problems to show, one per line."""

    lines: tuple[str, ...]


def reload_game(
    path: str, digest: str, seed: int, setup: Setup, log: Sequence[str], *, rules: int = RULES
) -> Reloaded | Broken | None:
    """Load ``path`` and replay the game whose identity is given; ``None`` if the text is
    unchanged (``digest`` is the playing scenario's ``source_hash``)."""
    scenario, diagnostics = check_file(path)
    if scenario is None:
        return Broken(tuple(d.format() for d in diagnostics))
    if scenario.source_hash == digest:
        return None
    try:
        game, diverged = replay_prefix(scenario, seed, setup, log, rules=rules)
    except GameError as exc:  # the setup itself no longer fits, such as a removed background
        return Broken((f"{path}: this game cannot start any more: {exc}",))
    return Reloaded(game, len(log), diverged, len(diagnostics))


def replay_prefix(
    scenario: Scenario, seed: int, setup: Setup, log: Sequence[str], *, rules: int = RULES
) -> tuple[Game, str]:
    """The game replayed for as long as the logged choices still fit, and where they stopped
    fitting (empty if they all did). Raises :class:`GameError` if the setup does not fit."""
    game = Game(scenario, seed, setup, rules=rules)
    for step, option_id in enumerate(log, 1):
        misfit = _misfit(game, option_id)
        if misfit:
            return game, f"choice {step} '{option_id}' {misfit}"
        game.choose(option_id)
    return game, ""


def _misfit(game: Game, option_id: str) -> str:
    decision = game.decision
    if decision is None:
        return "comes after the game's end now"
    option = decision.option(option_id)
    if option is None:
        return f"is not an option any more (now: {decision.title})"
    if not option.available:
        return f"is locked now ({option.locked_reason})"
    return ""
