"""Live reload (``play --watch``): an author edits the scenario while playing it.

The first tests drive the parts without a screen (change detection, replaying what still
fits); the rest play through the app with a copy of ``game_quest.toml`` in ``tmp_path`` and
a poll interval short enough that nothing waits long.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from game_kit import OUTAGE_SEED, QUEST, finished, press
from textual.pilot import Pilot
from textual.widgets import Static

from careerquest.engine.setup import Setup
from careerquest.scenario.loader import check_file, load_scenario
from careerquest.tui.app import CareerQuestApp
from careerquest.tui.screens.ending import EndingScreen
from careerquest.tui.screens.game import GameScreen
from careerquest.tui.screens.journal import JournalScreen
from careerquest.tui.watch import Broken, ChangeDetector, Reloaded, reload_game, replay_prefix
from careerquest.tui.widgets.choice_list import ChoiceList
from careerquest.tui.widgets.reload_banner import ReloadBanner

#: With OUTAGE_SEED, pressing 1, 1, 2 plays these: work, answer the outage, study.
PLAYED = ["work", "escalate", "study"]
LOCK_STUDY = (
    'description = "Online courses after your shift."',
    'description = "Online courses after your shift."\nrequires = "technical >= 90"',
)
RENAME_WORK = ('label = "Put in the hours"', 'label = "Work overtime"')
TYPO = ('effects = { network = "+8", soft = "+3" }', 'effects = { netwrk = "+8", soft = "+3" }')


def typo_at(scenario: Path) -> str:
    """``FILE:LINE:COLUMN`` of the misspelt stat in the edited scenario."""
    line = scenario.read_text(encoding="utf-8").splitlines().index(TYPO[1]) + 1
    return f"{scenario}:{line}:{TYPO[1].index('netwrk') + 1}"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "quest.toml"
    shutil.copyfile(QUEST, path)
    return path


def edit(path: Path, old: str, new: str) -> None:
    """Replace text, and move the file's time on so that even a coarse clock sees a change."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


# ------------------------------------------------------------- change detection


def test_a_change_is_reported_once_it_has_settled(scenario: Path) -> None:
    detector = ChangeDetector(scenario)
    assert not detector.poll()
    edit(scenario, *RENAME_WORK)
    assert not detector.poll()  # just changed: it may be half written
    assert detector.poll()
    assert not detector.poll()  # reported once


def test_a_file_still_being_written_is_not_reported(scenario: Path) -> None:
    detector = ChangeDetector(scenario)
    with scenario.open("a", encoding="utf-8") as file:
        for _ in range(3):
            file.write("# more\n")
            file.flush()
            assert not detector.poll()
    assert detector.poll()


def test_a_change_undone_before_it_settled_is_not_reported(scenario: Path) -> None:
    before = scenario.read_text(encoding="utf-8")
    info = scenario.stat()
    detector = ChangeDetector(scenario)
    scenario.write_text(before + "# more\n", encoding="utf-8")
    assert not detector.poll()
    scenario.write_text(before, encoding="utf-8")
    os.utime(scenario, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert not detector.poll()
    assert not detector.poll()


def test_a_deleted_file_is_a_change_and_so_is_its_return(scenario: Path) -> None:
    detector = ChangeDetector(scenario)
    text = scenario.read_text(encoding="utf-8")
    scenario.unlink()
    assert not detector.poll()
    assert detector.poll()
    assert not detector.poll()
    scenario.write_text(text, encoding="utf-8")
    assert not detector.poll()
    assert detector.poll()


# ---------------------------------------------------------- rebuilding the game


def test_the_same_text_is_no_reload(scenario: Path) -> None:
    digest = load_scenario(scenario).source_hash
    bump(scenario)
    assert reload_game(str(scenario), digest, OUTAGE_SEED, Setup(), PLAYED) is None


def test_an_edit_replays_every_choice_that_still_fits(scenario: Path) -> None:
    edit(scenario, *RENAME_WORK)
    result = reload_game(str(scenario), "old", OUTAGE_SEED, Setup(), PLAYED)
    assert isinstance(result, Reloaded)
    assert (result.game.log, result.replayed, result.total) == (PLAYED, 3, 3)
    assert result.game.history[0].action_label == "Work overtime"
    assert result.summary("quest.toml") == "Reloaded quest.toml — replayed 3 choices."


def test_a_choice_that_no_longer_fits_stops_the_replay_and_says_why(scenario: Path) -> None:
    edit(scenario, *LOCK_STUDY)
    game, diverged = replay_prefix(load_scenario(scenario), OUTAGE_SEED, Setup(), PLAYED)
    assert game.log == PLAYED[:2]
    assert diverged == "choice 3 'study' is locked now (needs Technical skills at least 90)"
    edit(scenario, "[actions.study]", "[actions.learn]")
    game, diverged = replay_prefix(load_scenario(scenario), OUTAGE_SEED, Setup(), PLAYED)
    assert diverged.startswith("choice 3 'study' is not an option any more (now: Q2 2027")


def test_choices_after_a_new_ending_are_not_replayed(scenario: Path) -> None:
    log = finished().game.log
    edit(scenario, "turns = 8", "turns = 2")
    game, diverged = replay_prefix(load_scenario(scenario), OUTAGE_SEED, Setup(), log)
    played = len(game.log)
    assert game.over
    assert played < len(log)
    assert diverged == f"choice {played + 1} '{log[played]}' comes after the game's end now"


def test_a_broken_file_gives_its_located_problems(scenario: Path) -> None:
    edit(scenario, *TYPO)
    result = reload_game(str(scenario), "old", OUTAGE_SEED, Setup(), PLAYED)
    assert isinstance(result, Broken)
    assert result.lines == tuple(d.format() for d in check_file(scenario)[1])
    where = typo_at(scenario)
    assert result.lines[0].startswith(f"{where}: error: unknown stat or effect 'netwrk'")


def test_a_setup_that_no_longer_fits_is_a_problem_not_a_crash(scenario: Path) -> None:
    edit(scenario, "[backgrounds.desk]", "[backgrounds.fresh]")
    result = reload_game(str(scenario), "old", OUTAGE_SEED, Setup(background="desk"), PLAYED)
    assert result == Broken(
        (f"{scenario}: this game cannot start any more: unknown background 'desk'",)
    )


# -------------------------------------------------------------------- in the app


async def until(pilot: Pilot[Any], condition: Callable[[], object], timeout: float = 5) -> None:
    """Let the app run (its timers are real) until ``condition`` holds."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("the app never got there")


def watching(
    make_app: Any, scenario: Path, replay: list[str], watch: bool = True
) -> CareerQuestApp:
    app: CareerQuestApp = make_app(
        scenario=str(scenario), seed=OUTAGE_SEED, replay=replay, watch=watch
    )
    app.watch_interval = 0.05  # faster would keep Pilot's pauses from ever seeing it idle
    return app


async def playing(pilot: Pilot[Any], *keys: str) -> None:
    """Wait for the replayed game to open, then press ``keys``."""
    await until(pilot, lambda: isinstance(pilot.app.screen, GameScreen))
    await press(pilot, *keys)


def messages(app: CareerQuestApp) -> list[str]:
    return [n.message for n in app._notifications]


def banner(app: CareerQuestApp) -> ReloadBanner | None:
    found = app.screen.query(ReloadBanner)
    return found.first() if found else None


async def test_an_edit_reloads_the_game_at_the_same_decision(make_app: Any, scenario: Path) -> None:
    app = watching(make_app, scenario, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1", "1", "2")
        before = app.game
        assert before is not None
        assert before.log == PLAYED
        edit(scenario, *RENAME_WORK)
        await until(pilot, lambda: app.game is not before)
        await pilot.pause()
        game = app.game
        assert game is not None
        assert (game.log, game.turn) == (PLAYED, before.turn)
        assert isinstance(app.screen, GameScreen)
        assert app.screen.game is game
        assert "Reloaded quest.toml — replayed 3 choices." in messages(app)
        await press(pilot, "1")  # answer the turn's event: the actions come up, renamed
        labels = [option.label for option in app.screen.query_one(ChoiceList).choices]
        assert labels[0] == "Work overtime"
        assert app.game is game
        assert game.log == [*PLAYED, "ok"]


async def test_a_look_at_the_file_while_the_app_closes_does_nothing(
    make_app: Any, scenario: Path
) -> None:
    """The timer may fire once more after the app's screens are gone (seen in CI)."""
    app = watching(make_app, scenario, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1")
    watcher = app.live_reload
    assert watcher is not None
    assert not app.screen_stack
    edit(scenario, *RENAME_WORK)
    watcher.poll()
    watcher.poll()  # a settled change, but no game in front: nothing is loaded
    assert not app.workers


async def test_a_broken_edit_shows_its_problems_and_the_game_plays_on(
    make_app: Any, scenario: Path
) -> None:
    app = watching(make_app, scenario, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1", "1")
        game = app.game
        assert game is not None
        edit(scenario, *TYPO)
        await until(pilot, lambda: banner(app) is not None)
        shown = banner(app)
        assert shown is not None
        assert shown.lines == tuple(d.format() for d in check_file(scenario)[1])
        text = str(shown.render())
        assert "1 problem in quest.toml" in text
        assert f"{typo_at(scenario)}: error: unknown stat or effect 'netwrk'" in text
        await press(pilot, "2")  # the keys still play the last version that worked
        assert app.game is game
        assert game.log == ["work", "escalate", "study"]
        edit(scenario, TYPO[1], 'effects = { network = "+9", soft = "+3" }')
        await until(pilot, lambda: app.game is not game)
        await pilot.pause()
        assert banner(app) is None
        assert app.game is not None
        assert app.game.log == game.log


async def test_undoing_a_broken_edit_hides_the_problems(make_app: Any, scenario: Path) -> None:
    app = watching(make_app, scenario, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1")
        game = app.game
        text = scenario.read_text(encoding="utf-8")
        scenario.unlink()
        await until(pilot, lambda: banner(app) is not None)
        shown = banner(app)
        assert shown is not None
        assert "cannot read the file" in str(shown.render())
        scenario.write_text(text, encoding="utf-8")
        await until(pilot, lambda: banner(app) is None)
        assert app.game is game  # the same text: nothing to replay
        assert "The file is back to the version being played." in messages(app)


async def test_an_edit_that_locks_a_choice_replays_up_to_it(make_app: Any, scenario: Path) -> None:
    app = watching(make_app, scenario, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1", "1", "2")
        before = app.game
        edit(scenario, *LOCK_STUDY)
        await until(pilot, lambda: app.game is not before)
        await pilot.pause()
        assert app.game is not None
        assert app.game.log == PLAYED[:2]
        expected = (
            "Reloaded quest.toml — replayed 2 of 3 choices: choice 3 'study' is locked now "
            "(needs Technical skills at least 90)."
        )
        assert expected in messages(app)
        entries = app.screen.query(".log-entry")
        assert str(entries.last(Static).render()).endswith(expected)  # in the log too


async def test_the_ending_is_replaced_when_an_edit_changes_it(
    make_app: Any, scenario: Path
) -> None:
    log = finished().game.log
    app = watching(make_app, scenario, log)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, EndingScreen) and app.game is not None)
        assert app.game is not None
        assert app.game.ending is not None
        assert app.game.ending.id == "job"
        edit(scenario, 'when = "held.lead or held.developer', 'when = "savings > 0 or held.lead')
        await until(pilot, lambda: app.game is not None and app.game.ending.id == "career")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        title = app.screen.query_one("#ending-title", Static)
        assert str(title.render()) == "The start of a career"


async def test_an_edit_waits_while_another_screen_is_open(make_app: Any, scenario: Path) -> None:
    app = watching(make_app, scenario, [])
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1", "1", "j")
        assert isinstance(app.screen, JournalScreen)
        before = app.game
        edit(scenario, *RENAME_WORK)
        await pilot.pause(0.2)
        assert app.game is before
        await press(pilot, "escape")
        await until(pilot, lambda: app.game is not before)
        assert app.game is not None
        assert app.game.log == ["work", "escalate"]


async def test_without_watch_edits_change_nothing(make_app: Any, scenario: Path) -> None:
    app = watching(make_app, scenario, [], watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await playing(pilot, "1")
        game = app.game
        edit(scenario, *TYPO)
        await pilot.pause(0.2)
        assert app.game is game
        assert banner(app) is None
        assert messages(app) == []
