"""Signing in: a class sharing one save folder, where each player's saves stay their own."""

from __future__ import annotations

import pytest
from shell_kit import settle, shell_app, studio_game
from textual import events
from textual.widgets import Input, OptionList, Static

from careerquest.engine.game import Game
from careerquest.saves import SaveStore
from careerquest.tui import themes
from careerquest.tui.screens.game import GameScreen
from careerquest.tui.screens.setup import SetupScreen
from careerquest.tui.screens.sign_in import SignInScreen
from careerquest.tui.screens.title import TitleScreen

pytestmark = pytest.mark.usefixtures("library")


async def _sign_in(pilot, name: str) -> None:
    assert isinstance(pilot.app.screen, SignInScreen)
    await pilot.press(*name, "enter")
    await settle(pilot)


async def _play_a_turn(pilot) -> Game:
    """Take the first option until the turn is over, and with it autosaved."""
    game: Game = pilot.app.screen.game
    while not game.history:
        await pilot.press("1")
        await settle(pilot)
    return game


async def test_two_players_keep_their_games_apart(make_app, save_dir):
    # Ana plays a turn and leaves; Ben, on the same folder, starts with nothing to continue.
    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Ana")
        assert isinstance(app.screen, TitleScreen)
        line = str(app.screen.query_one("#player-line", Static).visual)
        assert line == f"Signed in as Ana · saves in {save_dir / 'ana'}"
        await pilot.press("enter")  # New game
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        name = app.screen.query_one("#name", Input)
        assert name.value == "Ana"
        assert name.disabled  # the saves are filed under it: no one else's name
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        played = await _play_a_turn(pilot)
    assert [p.name for p in save_dir.iterdir()] == ["ana"]
    ana = SaveStore(save_dir / "ana").list_saves().saves
    assert [(s.player, s.turn) for s in ana] == [("Ana", played.turn)]

    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Ben")
        assert app.screen.query_one("#menu", OptionList).get_option("continue").disabled
    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        await _sign_in(pilot, " ana ")  # the same student, typing a little differently
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.snapshot() == played.snapshot()


async def test_a_name_is_needed(make_app, save_dir):
    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        await pilot.press("space", "enter")
        assert isinstance(app.screen, SignInScreen)
        problem = app.screen.query_one("#sign-in-problem", Static)
        assert str(problem.visual) == "Type your name first."
        await pilot.press(*"--", "enter")
        assert str(problem.visual) == "A player's name needs a letter or a digit, not '--'."
        await pilot.press("escape")  # no way around it: the shared folder is no one's
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.player is None


async def test_enter_pressed_twice_signs_in_once(make_app, save_dir):
    # A bouncy key, or a browser sending "Ana\r\r" in one message, used to pop the title too.
    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        await pilot.press(*"Ana")
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))
        await settle(pilot)
        assert [type(s) for s in app.screen_stack] == [TitleScreen]
        assert app.player == "Ana"


async def test_a_scenario_given_opens_after_signing_in(make_app, save_dir):
    app = shell_app(make_app, sign_in=True, scenario="studio", seed=9)
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)  # not the setup first
        await _sign_in(pilot, "Zoë Smith")
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.query_one("#name", Input).value == "Zoë Smith"
        await pilot.press("enter")
        await settle(pilot)
        await _play_a_turn(pilot)
    store = SaveStore(save_dir / "zoe-smith")
    [info] = store.list_saves().saves
    save = store.read(info.slot)
    assert (save.setup.name, save.seed) == ("Zoë Smith", 9)


async def test_the_command_palette_cannot_get_past_the_sign_in(make_app, save_dir):
    SaveStore(save_dir).autosave(studio_game(seed=3, turns=1), now=None)  # not theirs
    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        from careerquest.tui.commands import GameCommands

        names = [name for name, _, _ in GameCommands(app.screen).commands()]
        assert "How to play" in names
        assert "Quit" in names
        for way_in in ("New game", "Choose a scenario", "Continue", "Load a game"):
            assert way_in not in names
        assert "Back to the title" not in names
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"new game", "enter")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert [type(s) for s in app.screen_stack] == [TitleScreen, SignInScreen]
        await _sign_in(pilot, "Ana")
        names = [name for name, _, _ in GameCommands(app.screen).commands()]
        assert "New game" in names


async def test_each_player_keeps_their_own_theme(make_app, save_dir, settings_path):
    async def sign_in_and_read_theme(name: str, pick: str | None = None) -> str:
        app = shell_app(make_app, sign_in=True)
        async with app.run_test() as pilot:
            await _sign_in(pilot, name)
            if pick is not None:
                app.theme = pick
                await pilot.pause()
            return app.theme

    assert await sign_in_and_read_theme("Ana", themes.HIGH_CONTRAST) == themes.HIGH_CONTRAST
    assert (save_dir / "ana" / "settings.cfg").is_file()
    assert not settings_path.exists()  # the machine's own settings are left alone
    assert await sign_in_and_read_theme("Ben") == themes.DEFAULT
    assert await sign_in_and_read_theme("Ana") == themes.HIGH_CONTRAST
    # Ana's settings file sits among her saves without being taken for one.
    assert SaveStore(save_dir / "ana").list_saves().problems == []


async def test_a_returning_player_is_offered_their_game_not_a_new_one(make_app, save_dir):
    # Served with a scenario, a first sign-in opens its setup; a second one, the title
    # with Continue ready for Enter, and the name as the saves spell it.
    app = shell_app(make_app, sign_in=True, scenario="studio", seed=9)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "Zoë Ünal")
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("enter")
        await settle(pilot)
        played = await _play_a_turn(pilot)
    app = shell_app(make_app, sign_in=True, scenario="studio", seed=9)
    async with app.run_test() as pilot:
        await _sign_in(pilot, "  zoë   ünal ")
        assert isinstance(app.screen, TitleScreen)
        assert app.player == "Zoë Ünal"
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.highlighted_option is not None
        assert menu.highlighted_option.id == "continue"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.snapshot() == played.snapshot()


async def test_a_problem_goes_once_the_player_types(make_app):
    app = shell_app(make_app, sign_in=True)
    async with app.run_test() as pilot:
        await pilot.press("enter")
        problem = app.screen.query_one("#sign-in-problem", Static)
        assert str(problem.visual) == "Type your name first."
        await pilot.press("A")
        assert str(problem.visual) == ""
