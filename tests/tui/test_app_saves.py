"""Continue, load, save and delete: saves never get lost, and bad ones never crash the list."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from shell_kit import STUDIO, settle, shell_app, studio_game
from textual.widgets import DataTable, Input, OptionList, Static

from careerquest.engine.game import Game
from careerquest.engine.setup import Setup
from careerquest.saves import SaveStore
from careerquest.tui.screens.game import GameScreen
from careerquest.tui.screens.notices import ConfirmScreen
from careerquest.tui.screens.saves import SavesScreen, saved_when, suggested_slot
from careerquest.tui.screens.title import TitleScreen

pytestmark = pytest.mark.usefixtures("library")
NOW = datetime(2025, 12, 1, 18, 45, tzinfo=UTC)


def _text(screen: SavesScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).visual)


async def _continue(app, pilot) -> Game:
    """Continue from the title, which must offer it; the game it opens."""
    menu = app.screen.query_one("#menu", OptionList)
    assert not menu.get_option("continue").disabled
    await pilot.press("c")
    await settle(pilot)
    assert isinstance(app.screen, GameScreen)
    return app.screen.game


async def test_continue_restores_exactly_where_the_player_was(make_app, save_dir):
    game = studio_game(seed=11, turns=3)
    SaveStore(save_dir).autosave(game, now=NOW)
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        restored = await _continue(app, pilot)
        assert restored.turn == game.turn
        assert restored.snapshot() == game.snapshot()
        assert restored.decision is not None
        assert game.decision is not None
        assert restored.decision.title == game.decision.title
        assert [o.id for o in restored.decision.options] == [o.id for o in game.decision.options]


async def test_continue_says_which_save_and_shows_the_turn_under_way(make_app, save_dir):
    """Quit while an event waits: Continue names the save it opened, and the log shows the
    action already taken that turn as well as the turn before."""
    game = studio_game(seed=11)
    while game.decision is not None and (game.decision.kind != "event" or not game.history):
        game.choose(game.decision.open_options()[0].id)
    assert game.decision is not None  # an event, after a turn played
    assert game.history
    under_way = game.turn_so_far
    assert under_way is not None
    SaveStore(save_dir).write("evening", game, now=NOW)
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        await _continue(app, pilot)
        log = [str(entry.visual).splitlines()[0] for entry in app.screen.query(".log-entry")]
        assert log == [
            f"{game.history[-1].date} · You chose: {game.history[-1].action_label}",
            f"{under_way.date} · You chose: {under_way.action_label}",
            f"{game.date} · Welcome back to the save 'evening'.",
        ]


async def test_continue_is_disabled_with_nothing_saved_and_its_key_says_why(make_app):
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        menu = app.screen.query_one("#menu", OptionList)
        assert menu.get_option("continue").disabled
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        said = [n.message for n in app._notifications]
        assert said == ["There is no game in progress to continue."]


def _finished_game(seed: int) -> Game:
    game = studio_game(seed=seed)
    while game.decision is not None:
        game.choose(game.decision.open_options()[0].id)
    return game


async def test_continue_opens_a_named_save_when_every_autosave_is_finished(make_app, save_dir):
    store = SaveStore(save_dir)
    store.write("mine", studio_game(seed=11, turns=3), now=NOW)
    finished = _finished_game(seed=12)
    store.autosave(finished, now=datetime(2025, 12, 2, tzinfo=UTC))
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        assert (await _continue(app, pilot)).seed == 11


async def test_continue_says_when_saves_exist_but_none_is_in_progress(make_app, save_dir):
    finished = _finished_game(seed=12)
    SaveStore(save_dir).autosave(finished, now=NOW)
    app = shell_app(make_app)
    async with app.run_test():
        continue_ = app.screen.query_one("#menu", OptionList).get_option("continue")
        assert continue_.disabled
        assert str(continue_.prompt) == "Continue — no game in progress"


async def test_load_lists_saves_and_problems_then_loads_a_slot(make_app, save_dir):
    store = SaveStore(save_dir)
    store.write("before-the-exam", studio_game(seed=4, turns=1, name="Robin"), now=NOW)
    store.autosave(studio_game(seed=5, turns=2), now=NOW)
    (save_dir / "scribbles.toml").write_text("not = [a save")
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        await pilot.press("l")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SavesScreen)
        assert list(screen.saves) == ["before-the-exam", "autosave-studio"]
        assert "scribbles.toml: not a save file" in _text(screen, "#save-problems")
        assert "Robin" in _text(screen, "#slot-detail")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game.setup.name == "Robin"
        assert app.screen.game.seed == 4


async def test_delete_asks_first(make_app, save_dir):
    store = SaveStore(save_dir)
    store.write("keep-me", studio_game(), now=NOW)
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert store.exists("keep-me")
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not store.exists("keep-me")
        screen = app.screen
        assert isinstance(screen, SavesScreen)
        assert not screen.query_one("#slots", DataTable).display
        assert "No saves yet" in _text(screen, "#slot-detail")


async def test_end_and_home_pick_the_last_and_the_first_save_to_delete(make_app, save_dir):
    store = SaveStore(save_dir)
    for hour, slot in enumerate(("oldest", "middle", "newest")):
        store.write(slot, studio_game(), now=NOW.replace(hour=hour))
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("end", "d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not store.exists("oldest")  # the list is newest first
        await pilot.press("end", "home", "d")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert (store.exists("middle"), store.exists("newest")) == (True, False)


async def test_saving_validates_the_name_inline_and_writes_the_slot(
    make_app, save_dir, fixed_clock
):
    app = shell_app(make_app, scenario=str(STUDIO), seed=6, setup=Setup(name="Sam"))
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SavesScreen)
        name = screen.query_one("#slot-name", Input)
        assert name.value == "studio-sam"
        name.value = "../escape"
        await pilot.pause()
        assert "The save name '../escape' cannot contain '/'" in _text(screen, "#slot-error")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        name.value = "my_run-1"
        await pilot.pause()
        assert _text(screen, "#slot-error") == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
    saved = SaveStore(save_dir).read("my_run-1")
    assert (saved.setup.name, saved.saved_at) == ("Sam", fixed_clock())


# On macOS and Windows 'Mine' and 'mine' are one file: a name differing only in case is the
# same slot, asked about like any other, and the slot keeps its one name everywhere.
@pytest.mark.parametrize("existing", ["mine", "Mine"])
async def test_saving_over_a_slot_asks_first(make_app, save_dir, existing):
    store = SaveStore(save_dir)
    store.write(existing, studio_game(seed=1, name="Old"), now=NOW)
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        app.open_save(studio_game(seed=2, name="New"))
        await pilot.pause()
        app.screen.query_one("#slot-name", Input).value = "mine"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
    assert [s.slot for s in store.list_saves().saves] == [existing]
    assert store.read(existing).setup.name == "New"


async def test_a_save_whose_scenario_changed_says_so(make_app, save_dir, tmp_path):
    edited = tmp_path / "studio.toml"
    edited.write_text(STUDIO.read_text())
    from careerquest.scenario.loader import load_scenario

    game = Game(load_scenario(edited), 3, Setup())
    for _ in range(2):
        game.choose(game.decision.open_options()[0].id)
    SaveStore(save_dir).write("old", game, now=NOW)
    edited.write_text(STUDIO.read_text().replace("living_cost = 2500", "living_cost = 900"))
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        app.load_slot("old")
        await settle(pilot)
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        assert "has changed since this save was made" in question.detail
        assert "2 choices of yours still fit" in question.detail
        await pilot.press("n")  # think again: back where the player was, nothing loaded
        await pilot.pause()
        assert app.game is None
        app.load_slot("old")
        await settle(pilot)
        await pilot.press("y")  # play on, under the new version
        await settle(pilot)
        assert isinstance(app.screen, GameScreen)
        assert app.game is not None
        assert app.game.log == game.log
        assert app.game.scenario.living_cost == 900  # the new version's rules


def test_suggested_slot_names_are_always_valid():
    assert suggested_slot(studio_game(name="Zoë O'Neil")) == "studio-zoe-o-neil"
    assert suggested_slot(studio_game(name="李雷")) == "studio"
    assert suggested_slot(studio_game(name="...")) == "studio"


def test_save_times_are_as_short_as_the_table_needs():
    now = datetime(2026, 3, 13, 20, 0, tzinfo=UTC)
    assert saved_when(datetime(2026, 3, 13, 18, 5, tzinfo=UTC), now) == "today 18:05"
    assert saved_when(datetime(2026, 1, 2, 9, 30, tzinfo=UTC), now) == "Jan 2 09:30"
    assert saved_when(datetime(2025, 12, 1, 18, 45, tzinfo=UTC), now) == "2025-12-01"
