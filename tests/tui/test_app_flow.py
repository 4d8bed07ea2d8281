"""Getting from the command line or the title into a game, and out again with nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from shell_kit import BROKEN, STUDIO, TINY, accept_setup, settle, shell_app, studio_game
from textual.messages import ExitApp
from textual.widgets import Input, OptionList, RadioSet, Static

from careerquest.saves import SaveStore
from careerquest.tui.screens.game import GameScreen
from careerquest.tui.screens.notices import ProblemScreen
from careerquest.tui.screens.picker import ScenarioPickerScreen
from careerquest.tui.screens.setup import SetupScreen
from careerquest.tui.screens.title import TitleScreen

pytestmark = pytest.mark.usefixtures("library")


async def test_enter_enter_plays_the_default_scenario(make_app):
    app = shell_app(make_app, seed=5)
    async with app.run_test() as pilot:
        assert isinstance(app.screen, TitleScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        game = app.screen.game
        assert (game.scenario.id, game.seed, game.setup.name) == ("studio", 5, "Alex")
        assert (game.setup.background, game.setup.short_goal) == ("degree", "cover")
        assert app.game is game


async def test_setup_choices_reach_the_game(make_app):
    app = shell_app(make_app, scenario=str(STUDIO), seed=1)
    async with app.run_test() as pilot:
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        setup.query_one("#name", Input).value = "Robin"
        await pilot.click("#backgrounds-self_taught")
        await pilot.click("#long-goals-agency")
        await pilot.click("#start")
        await settle(pilot)
        game = app.screen.game
        assert game.setup.name == "Robin"
        assert (game.setup.background, game.setup.long_goal) == ("self_taught", "agency")


async def test_escape_from_setup_goes_back_to_the_title(make_app):
    app = shell_app(make_app, scenario="studio")
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_escape_from_setup_goes_back_where_it_was_opened(make_app):
    """From the picker, back to the picker; from a game (New game in the palette), back to
    that game, still in progress."""
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioPickerScreen)
    app = shell_app(make_app, scenario=str(STUDIO), seed=2)
    async with app.run_test() as pilot:
        game = await accept_setup(pilot)
        await pilot.press("1")
        await pilot.pause()
        app.new_game()
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game is game
        assert app.game is game


async def test_a_focused_background_list_brings_its_description_into_view(make_app):
    help_desk = Path(__file__).parents[2] / "scenarios" / "help-desk.toml"
    app = shell_app(make_app, scenario=str(help_desk))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#setup-body")
        await pilot.press("tab")
        await pilot.pause()
        assert app.focused is not None
        assert app.focused.id == "backgrounds"
        text = app.screen.query_one("#background-text")
        assert body.region.contains_region(text.region)
        assert body.region.contains_region(app.focused.region)


async def test_a_goal_picked_on_a_short_screen_shows_its_whole_description(make_app):
    """At 80x24 the description of the goal just picked comes into view whole, however many
    lines longer it is than the one before; it was cut off under the Start bar."""
    wellness = Path(__file__).parents[2] / "scenarios" / "wellness.toml"
    app = shell_app(make_app, scenario=str(wellness))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        body = app.screen.query_one("#setup-body")
        goals = app.screen.query_one("#long-goals", RadioSet)
        goals.focus()
        await pilot.pause()
        text = app.screen.query_one("#long-goals-text", Static)
        actions = app.screen.query_one("#setup-actions")
        for _ in range(len(goals.query("RadioButton")) - 1):
            before = str(text.render())
            await pilot.press("down", "enter")
            await pilot.pause()
            assert str(text.render()) != before
            assert body.region.contains_region(text.region), str(text.render())
            # Not under the Start row, which stays at the foot of a narrow screen.
            assert text.region.bottom <= actions.region.y, str(text.render())


async def test_each_goal_list_says_what_the_picked_goal_asks_and_by_when(make_app):
    from careerquest.engine.calendar import date_label
    from careerquest.scenario.loader import load_scenario

    help_desk = Path(__file__).parents[2] / "scenarios" / "help-desk.toml"
    sc = load_scenario(help_desk)
    long_goals = [g for g in sc.goals if g.term == "long"]
    first, second = long_goals[0], long_goals[1]
    assert first.by is not None  # the first has a deadline
    assert second.by is None
    app = shell_app(make_app, scenario=str(help_desk))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        text = app.screen.query_one("#long-goals-text", Static)
        assert str(text.render()).startswith(first.description)
        due = date_label(first.by, sc.turn_unit, sc.start_year)
        assert str(text.render()).endswith(f" Due by {due}.")
        app.screen.query_one("#long-goals").focus()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert str(text.render()) == second.description


async def test_setup_shows_brackets_in_scenario_text_as_written(make_app, tmp_path):
    """An author's brackets are text, not markup: "[/]" once crashed the setup screen."""
    from minimal_scenario import write_scenario

    goals = (
        '\n[goals.rich]\nterm = "short"\nlabel = "Save [/] up"\n'
        'description = "Keep [at least] 200 [/] in cash."\nachieved = "cash >= 200"\n'
        '\n[goals.skilled]\nterm = "long"\nlabel = "Get [skilled]"\nachieved = "skill >= 90"\n'
    )
    app = shell_app(make_app, scenario=str(write_scenario(tmp_path, goals)))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        text = app.screen.query_one("#short-goals-text", Static)
        assert str(text.render()) == "Keep [at least] 200 [/] in cash."
        labels = [str(b.label) for b in app.screen.query("#long-goals RadioButton")]
        assert labels == ["Get [skilled]"]


async def test_enter_on_a_choice_picks_it_and_enter_again_starts(make_app):
    """In a list of choices Enter picks the item under the cursor; on the picked one it
    starts the game, as it does in the name field."""
    help_desk = Path(__file__).parents[2] / "scenarios" / "help-desk.toml"
    app = shell_app(make_app, scenario=str(help_desk))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # from the name to the backgrounds
        assert app.focused is not None
        assert app.focused.id == "backgrounds"
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)
        second = app.screen.scenario.backgrounds[1].id
        picked = app.screen.query_one("#backgrounds", RadioSet).pressed_button
        assert picked is not None
        assert picked.id == f"backgrounds-{second}"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.setup.background == second


async def test_enter_on_a_list_with_another_item_picked_keeps_it(make_app):
    """Set up again with the second background picked, Enter in its list starts that game."""
    from careerquest.engine.setup import Setup
    from careerquest.scenario.loader import load_scenario

    help_desk = Path(__file__).parents[2] / "scenarios" / "help-desk.toml"
    second = load_scenario(help_desk).backgrounds[1].id
    app = shell_app(make_app, scenario=str(help_desk), setup=Setup(background=second))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.setup.background == second


async def test_the_picker_opens_the_chosen_scenario(make_app, tmp_path):
    app = shell_app(make_app)
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "tiny.toml").write_text(TINY.read_text())
    async with app.run_test() as pilot:
        await pilot.press("p")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, ScenarioPickerScreen)
        titles = [e.title for e in picker.entries.values()]
        assert titles == ["The Design Studio", "Tiny"]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.scenario.id == "tiny"
        # The long-term goal looks as far ahead as this game goes: 6 quarters.
        hints = [str(hint.render()) for hint in app.screen.query(".field-hint").results(Static)]
        assert hints[-1] == "Where you want to be when the game ends, 1.5 years from now."


async def test_replay_opens_the_game_after_the_choices(make_app):
    expected = studio_game(seed=3, turns=2)
    app = shell_app(make_app, scenario=str(STUDIO), seed=3, replay=list(expected.log))
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.snapshot() == expected.snapshot()
        assert app.screen.game.log == expected.log


async def test_a_replay_that_does_not_fit_is_explained(make_app):
    app = shell_app(make_app, scenario=str(STUDIO), replay=["fly_to_the_moon"])
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "fly_to_the_moon" in app.screen.summary


async def test_a_broken_scenario_shows_every_diagnostic(make_app):
    app = shell_app(make_app, scenario=str(BROKEN))
    async with app.run_test() as pilot:
        await settle(pilot)
        problem = app.screen
        assert isinstance(problem, ProblemScreen)
        assert problem.problem_title == "This scenario can't be played yet"
        lines = [line.plain for line in problem.lines]
        assert len(lines) == 2
        assert lines[0].startswith("line 6:1  ")
        assert "quater" in lines[0]
        assert "did you mean quarter?" in lines[0]
        assert lines[1].startswith("line 15:1  ")
        assert "colour" in lines[1]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_an_unknown_scenario_is_explained(make_app):
    app = shell_app(make_app, scenario="no-such-scenario")
    async with app.run_test() as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ProblemScreen)
        assert "No scenario named 'no-such-scenario'" in app.screen.summary


async def test_quitting_mid_game_autosaves(make_app, save_dir):
    app = shell_app(make_app, scenario=str(STUDIO), seed=9)
    async with app.run_test() as pilot:
        await accept_setup(pilot)
        await pilot.press("1")
        await pilot.pause()
        log = list(app.screen.game.log)
        await pilot.press("ctrl+q")
    saved = SaveStore(save_dir).read("autosave-studio")
    assert list(saved.log) == log


async def test_an_app_told_to_exit_autosaves_the_turn_in_progress(make_app, save_dir):
    """A served tab gets ExitApp from its server when the teacher stops serving."""
    app = shell_app(make_app, scenario=str(STUDIO), seed=9)
    async with app.run_test() as pilot:
        game = await accept_setup(pilot)
        await pilot.press("1")  # the turn's action: its event is still to answer
        await pilot.pause()
        assert not game.history
        app.post_message(ExitApp())
        await pilot.pause()
    assert SaveStore(save_dir).read("autosave-studio").log == tuple(game.log)


async def test_leaving_for_the_title_autosaves_and_offers_continue(make_app, save_dir):
    app = shell_app(make_app, scenario=str(STUDIO), seed=9)
    async with app.run_test() as pilot:
        game = await accept_setup(pilot)
        app.go_title()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.game is None
        menu = app.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled
    assert SaveStore(save_dir).read("autosave-studio").log == tuple(game.log)


async def test_loading_can_be_abandoned(make_app):
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        app.new_game()
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)


async def test_command_palette_offers_the_game_commands(make_app):
    app = shell_app(make_app, scenario=str(STUDIO), seed=2)
    async with app.run_test() as pilot:
        await accept_setup(pilot)
        from careerquest.tui.commands import GameCommands

        names = [name for name, _, _ in GameCommands(app.screen).commands()]
        wanted = ("New game", "Load a game", "Save the game", "Option details", "Journal")
        for name in (*wanted, "Glossary"):
            assert name in names
        assert "Theme: High contrast" in names
        # Textual's own Quit, Theme and Keys are left out: one Quit, only the game's themes,
        # and the game's Help for its keys.
        system = [c.title for c in app.get_system_commands(app.screen)]
        assert not {"Quit", "Theme", "Keys"} & set(system)
        assert "Screenshot" in system  # the rest of Textual's stay
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"glossary", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "GlossaryScreen"
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"option details", "enter")
        await settle(pilot)
        assert type(app.screen).__name__ == "OptionDetailsScreen"


async def test_a_new_game_keeps_the_unfinished_autosave_of_an_earlier_one(make_app, save_dir):
    earlier = studio_game(seed=3, turns=2)
    SaveStore(save_dir).autosave(earlier)
    app = shell_app(make_app, scenario=str(STUDIO), seed=9)
    async with app.run_test() as pilot:
        game = await accept_setup(pilot)
        while not game.history:  # play on to the end of the first turn: its autosave
            await pilot.press("1")
            await pilot.pause()
        notes = [n.message for n in app._notifications]
        assert "Your earlier game is kept in Load as 'autosave-studio_2'." in notes
    store = SaveStore(save_dir)
    assert store.read("autosave-studio_2").log == tuple(earlier.log)
    assert store.read("autosave-studio").seed == game.seed == 9


async def test_new_game_follows_the_scenario_played_last(make_app, tmp_path: Path) -> None:
    """Back on the title after a game of another scenario, New game offers that one again."""
    (tmp_path / "tiny.toml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    app = shell_app(make_app, seed=1)
    app.scenarios_dir = tmp_path
    async with app.run_test() as pilot:
        app.new_game("tiny")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.game.scenario.id == "tiny"
        app.go_title()
        await settle(pilot)
        assert isinstance(app.screen, TitleScreen)
        hint = app.screen.query_one("#menu-hint", Static)
        assert str(hint.render()).startswith("Play “Tiny”: 6 quarters")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert app.screen.scenario.id == "tiny"
        # The long-term goal looks as far ahead as this game goes: 6 quarters.
        hints = [str(hint.render()) for hint in app.screen.query(".field-hint").results(Static)]
        assert hints[-1] == "Where you want to be when the game ends, 1.5 years from now."
