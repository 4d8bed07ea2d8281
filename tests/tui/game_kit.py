"""Helpers for the game-screen tests (``test_game_*.py``): a small host app and a scenario.

The host implements :class:`~careerquest.tui.host.GameHost` and records what the screens
ask of it, so the game, journal and ending screens are tested without the app shell.
``game_quest.toml`` is this suite's own scenario: the bundled ones change as their authors
work, and the screenshots must not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.pilot import Pilot

from careerquest.engine.game import Game
from careerquest.scenario.loader import load_scenario
from careerquest.tui.screens.ending import EndingScreen
from careerquest.tui.screens.game import GameScreen

QUEST = Path(__file__).parent / "game_quest.toml"
TINY = Path(__file__).parent.parent / "data" / "tiny.toml"
#: With this seed the first turn's event is "The network goes down", whose second choice
#: carries a check.
OUTAGE_SEED = 4


class HostApp(App[None]):
    """Opens the game (or, for a finished one, its ending) and records the screens' calls."""

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.autosaves: list[int] = []
        """The number of turns played at each autosave."""
        self.calls: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(EndingScreen(self.game) if self.game.over else GameScreen(self.game))

    def autosave(self, game: Game) -> None:
        self.autosaves.append(len(game.history))

    def open_save(self, game: Game) -> None:
        self.calls.append("open_save")

    def play_again(self, game: Game) -> None:
        self.calls.append("play_again")

    def go_title(self) -> None:
        self.calls.append("go_title")

    def show_help(self) -> None:
        self.calls.append("show_help")

    def show_glossary(self) -> None:
        self.calls.append("show_glossary")


def quest(seed: int = OUTAGE_SEED, path: Path = QUEST) -> HostApp:
    return HostApp(Game(load_scenario(path), seed))


def finished(seed: int = OUTAGE_SEED, path: Path = QUEST) -> HostApp:
    """A game played to its end by always taking the first open option, as pressing 1 does."""
    game = Game(load_scenario(path), seed)
    while game.decision is not None:
        game.choose(game.decision.open_options()[0].id)
    return HostApp(game)


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys one at a time, letting each decision's screen update settle."""
    for key in keys:
        await pilot.press(key)
        await pilot.pause()


async def play_to_end(pilot: Pilot[Any], limit: int = 200) -> None:
    """Press 1 until the ending screen is up, as a script would."""
    for _ in range(limit):
        if isinstance(pilot.app.screen, EndingScreen):
            await pilot.pause()
            return
        await press(pilot, "1")
    raise AssertionError("pressing 1 never reached the ending")
