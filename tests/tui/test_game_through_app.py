"""The game screens inside the real app shell, from a replayed game to its ending."""

from __future__ import annotations

from typing import Any

from game_kit import OUTAGE_SEED, QUEST, finished, play_to_end
from shell_kit import accept_setup

from careerquest.engine.setup import Setup
from careerquest.tui.screens.ending import EndingScreen
from careerquest.tui.screens.game import GameScreen
from careerquest.tui.screens.setup import SetupScreen

#: `careerquest play help-desk --name Sam --background college --goals emergency_fund,...`
SAM = Setup("Sam", "college", "emergency_fund", "become_dev")


async def test_the_app_runs_the_game_to_its_ending_and_saves_it(make_app: Any) -> None:
    log = finished().game.log
    app = make_app(scenario=str(QUEST), seed=OUTAGE_SEED, replay=log[:-2])
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        for _ in range(3):
            await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        await play_to_end(pilot)
        assert isinstance(app.screen, EndingScreen)
        assert "Ending" in app.export_screenshot()
        saves = app.store.list_saves().saves
        assert [save.finished for save in saves if save.is_autosave] == [True]


async def test_the_setup_the_command_line_asked_for_is_chosen_in_setup(make_app: Any) -> None:
    app = make_app(scenario="help-desk", seed=3, setup=SAM)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert "associate degree" in str(app.screen.query_one("#background-text").render())
        await pilot.press("enter")  # Enter in the name field starts, as always
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.setup == SAM


async def test_play_again_opens_the_setup_of_the_game_just_played(make_app: Any) -> None:
    """Play again keeps the choices of setup but lets the player change them first."""
    app = make_app(scenario="help-desk", seed=3, setup=SAM)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await accept_setup(pilot)
        await play_to_end(pilot)
        await pilot.press("p")  # Play again
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        assert app.screen_stack[0] is not app.screen  # over the title: Escape leads there
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.seed != first.seed  # a fresh seed: another game
        assert app.screen.game.setup == SAM
