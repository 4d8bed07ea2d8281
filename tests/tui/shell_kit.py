"""Helpers for the app-shell tests (``test_app_*.py``): the test library and waiting.

The shell's default scenario is pointed at ``studio`` (in ``data/scenarios``, which the
``library`` fixture makes the bundled folder), so New game and Enter on the title are stable
whatever happens to the real bundled scenarios.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from careerquest.engine.game import Game
from careerquest.engine.setup import Setup
from careerquest.scenario.loader import load_scenario
from careerquest.tui.app import CareerQuestApp

DATA = Path(__file__).parent / "data"
STUDIO = DATA / "scenarios" / "studio.toml"
BROKEN = DATA / "broken" / "typos.toml"
TINY = Path(__file__).parent.parent / "data" / "tiny.toml"


def shell_app(make_app: Any, **options: Any) -> CareerQuestApp:
    app: CareerQuestApp = make_app(**options)
    app.default_scenario = "studio"
    return app


def studio_game(seed: int = 7, turns: int = 0, **setup: Any) -> Game:
    """A studio game after ``turns`` choices of the first open option."""
    game = Game(load_scenario(STUDIO), seed, Setup(**setup))
    for _ in range(turns):
        assert game.decision is not None
        game.choose(game.decision.open_options()[0].id)
    return game


async def settle(pilot: Pilot[Any]) -> None:
    """Let background loading finish and the screens it opens settle."""
    await pilot.app.workers.wait_for_complete()
    for _ in range(3):
        await pilot.pause()


async def accept_setup(pilot: Pilot[Any]) -> Game:
    """From the start of an app opened on a scenario: every setup default, then the game."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    game: Game = pilot.app.screen.game
    return game
