"""Saves: round trips, verified replay, corrupt files, atomic writes, safe slot names."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careerquest.engine.game import Game, replay
from careerquest.engine.rules import RULES
from careerquest.engine.setup import Setup
from careerquest.saves import (
    SAVE_DIR_ENV,
    SAVE_FORMAT,
    OutdatedSave,
    SaveError,
    SaveFile,
    SaveStore,
    atomic_write_text,
    autosave_slot,
    dumps,
    first_difference,
    from_game,
    list_saves,
    loads,
    player_folder,
    player_save_dir,
    read_save,
    resolve_save_dir,
    restore_game,
    validate_slot,
)
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario

TINY = Path(__file__).parent / "data" / "tiny.toml"
ROOT = Path(__file__).parent.parent
T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def tiny_scenario() -> Scenario:
    return load_scenario(TINY)


@pytest.fixture
def store(tmp_path: Path) -> SaveStore:
    return SaveStore(tmp_path / "saves")


@pytest.fixture
def tiny_copy(tmp_path: Path) -> Path:
    """A private copy of tiny.toml that a test may edit."""
    path = tmp_path / "scenarios" / "tiny.toml"
    path.parent.mkdir()
    shutil.copyfile(TINY, path)
    return path


def play(game: Game, steps: int, rng: random.Random | None = None) -> Game:
    """Make ``steps`` choices (the first open option, or a random one) or stop at the end."""
    for _ in range(steps):
        if game.over:
            break
        assert game.decision is not None
        options = game.decision.open_options()
        game.choose((rng.choice(options) if rng else options[0]).id)
    return game


def play_choosing(game: Game, action: str, turns: int) -> Game:
    """Take ``action`` every turn, answering events with their first open choice."""
    for _ in range(turns):
        if game.over:
            break
        assert game.decision is not None
        if game.decision.kind == "event":
            game.choose(game.decision.open_options()[0].id)
        game.choose(action)
    if game.decision is not None and game.decision.kind == "event":
        game.choose(game.decision.open_options()[0].id)
    return game


def decision_view(game: Game) -> object:
    decision = game.decision
    if decision is None:
        return None
    options = [(o.id, o.available, o.locked_reason) for o in decision.options]
    return (decision.kind, decision.turn, decision.title, decision.text, options)


# ------------------------------------------------------------------ round trip


def test_round_trip_gives_the_same_game(store: SaveStore, tiny_scenario: Scenario) -> None:
    game = play(Game(tiny_scenario, seed=7, setup=Setup(name="  Sam   Lee ")), 5)
    info = store.write("first", game, now=T0)

    assert info.path == store.folder / "first.toml"
    assert (info.slot, info.player, info.turn, info.date) == (
        "first",
        "Sam Lee",
        game.turn,
        game.date,
    )
    assert info.scenario_title == "Tiny"
    save = store.read("first")
    assert save.scenario_id == "tiny"
    assert save.scenario_version == tiny_scenario.version
    assert save.scenario_hash == tiny_scenario.source_hash
    assert save.seed == 7
    assert save.setup == game.setup
    assert save.log == tuple(game.log)
    assert save.snapshot == game.snapshot()
    assert save.saved_at == T0

    restored = store.restore("first", tiny_scenario)
    assert restored.warning is None
    assert restored.game.snapshot() == game.snapshot()
    assert restored.game.log == game.log
    assert decision_view(restored.game) == decision_view(game)
    # Both play on identically: the random stream was rebuilt too.
    rng_a, rng_b = random.Random(1), random.Random(1)
    assert play(restored.game, 40, rng_a).snapshot() == play(game, 40, rng_b).snapshot()


def test_the_file_is_versioned_toml_with_display_metadata(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    game = play_choosing(Game(tiny_scenario, seed=3), "apply:clerk", 1)
    store.write("meta", game)
    data = tomllib.loads((store.folder / "meta.toml").read_text("utf-8"))
    assert data["format"] == SAVE_FORMAT
    saved_at = datetime.fromisoformat(data["saved_at"])
    assert saved_at.utcoffset() == timedelta(0)
    assert abs(datetime.now(UTC) - saved_at) < timedelta(minutes=5)
    assert data["scenario"]["path"] == str(TINY.resolve())
    assert data["scenario"]["hash"] == tiny_scenario.source_hash
    assert data["game"]["role"] == "Clerk"
    assert data["game"]["date"] == game.date
    assert data["setup"] == {"name": "Alex", "short_goal": "cover", "long_goal": "grow"}
    assert data["snapshot"] == game.snapshot()


def test_a_finished_game_round_trips(store: SaveStore, tiny_scenario: Scenario) -> None:
    game = play(Game(tiny_scenario, seed=11), 100)
    assert game.over
    info = store.write("done", game)
    assert info.finished
    restored = store.restore("done", tiny_scenario)
    assert restored.game.over
    assert restored.game.ending == game.ending


def test_continue_finds_the_scenario_from_any_folder(
    tmp_path: Path, tiny_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tiny_copy.parent)
    scenario = load_scenario("tiny.toml")  # a relative path, as a player would type it
    game = play(Game(scenario, seed=5), 4)
    store = SaveStore(tmp_path / "saves")
    store.write("rel", game)
    monkeypatch.chdir(tmp_path)
    latest = store.latest()
    assert latest is not None
    assert latest.scenario_path == str(tiny_copy.resolve())
    restored = store.restore(latest.slot)  # no scenario given: loaded from the save
    assert restored.game.snapshot() == game.snapshot()


def test_continue_with_a_vanished_scenario_is_a_clear_error(
    store: SaveStore, tiny_copy: Path
) -> None:
    game = play(Game(load_scenario(tiny_copy), seed=5), 2)
    store.write("gone", game)
    tiny_copy.unlink()
    with pytest.raises(SaveError, match=r"gone\.toml: the scenario 'Tiny' is no longer at"):
        store.restore("gone")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**63 - 1),
    picks=st.lists(st.integers(min_value=0, max_value=20), max_size=40),
    short_goal=st.sampled_from([None, "cover"]),
)
def test_property_save_then_restore_is_identical(
    tiny_scenario: Scenario, seed: int, picks: list[int], short_goal: str | None
) -> None:
    game = Game(tiny_scenario, seed, Setup(short_goal=short_goal))
    for pick in picks:
        if game.over:
            break
        assert game.decision is not None
        options = game.decision.open_options()
        game.choose(options[pick % len(options)].id)
    with tempfile.TemporaryDirectory() as folder:
        store = SaveStore(folder)
        store.write("prop", game)
        restored = store.restore("prop", tiny_scenario)
    assert restored.warning is None
    assert restored.game.snapshot() == game.snapshot()
    assert restored.game.log == game.log
    assert decision_view(restored.game) == decision_view(game)


def test_a_seed_too_large_for_toml_is_refused(store: SaveStore, tiny_scenario: Scenario) -> None:
    with pytest.raises(SaveError, match="64-bit"):
        store.write("big", Game(tiny_scenario, seed=2**70))
    assert not store.folder.exists()


# ------------------------------------------------------------- edited scenario


def test_an_edited_effect_is_detected(store: SaveStore, tiny_copy: Path) -> None:
    game = play_choosing(Game(load_scenario(tiny_copy), seed=9), "work", 3)
    store.write("edited", game)
    source = tiny_copy.read_text("utf-8")
    tiny_copy.write_text(source.replace('savings = "+200"', 'savings = "+300"'), "utf-8")

    with pytest.raises(OutdatedSave) as caught:
        store.restore("edited", load_scenario(tiny_copy))
    message = str(caught.value)
    assert "edited.toml" in message
    assert "has changed since this save was made" in message
    assert "'stats.savings' was" in message
    # The game the new version makes of the same choices, to play on from if wanted.
    assert caught.value.replayed == len(game.log)
    assert caught.value.game.log == game.log
    assert caught.value.game.stat_value("savings") != game.stat_value("savings")


def test_a_removed_action_is_detected(store: SaveStore, tiny_copy: Path) -> None:
    game = play_choosing(Game(load_scenario(tiny_copy), seed=9), "study", 2)
    store.write("removed", game)
    source = tiny_copy.read_text("utf-8")
    tiny_copy.write_text(source.replace("[actions.study]", "[actions.learn]"), "utf-8")

    with pytest.raises(
        OutdatedSave, match=r"has changed since.*replaying the choices failed.*study"
    ) as caught:
        store.restore("removed", load_scenario(tiny_copy))
    assert caught.value.replayed == 0  # the first choice already no longer fits


def test_a_comment_edit_loads_with_a_warning(store: SaveStore, tiny_copy: Path) -> None:
    game = play(Game(load_scenario(tiny_copy), seed=4), 6)
    store.write("comment", game)
    with tiny_copy.open("a", encoding="utf-8") as handle:
        handle.write("\n# An author's note that changes nothing.\n")
    edited = load_scenario(tiny_copy)
    assert edited.source_hash != game.scenario.source_hash

    restored = store.restore("comment", edited)
    assert restored.game.snapshot() == game.snapshot()
    assert restored.warning is not None
    assert "edited since this save was made" in restored.warning


def test_a_tampered_save_with_the_same_scenario_is_detected(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    game = play(Game(tiny_scenario, seed=4), 6)
    path = store.write("tamper", game).path
    data = tomllib.loads(path.read_text("utf-8"))
    data["snapshot"]["stats"]["savings"] += 1_000_000
    path.write_text(tomli_w.dumps(data), "utf-8")
    with pytest.raises(
        SaveError, match="do not lead to the saved game although the scenario"
    ) as caught:
        store.restore("tamper", tiny_scenario)
    assert not isinstance(caught.value, OutdatedSave)  # nothing to offer: the save was changed
    with pytest.raises(SaveError, match=r"'stats\.savings' was \d+ in the save"):
        store.restore("tamper", tiny_scenario)


def test_a_save_of_another_scenario_is_refused(store: SaveStore, tiny_copy: Path) -> None:
    game = play(Game(load_scenario(tiny_copy), seed=1), 2)
    store.write("other", game)
    tiny_copy.write_text(
        tiny_copy.read_text("utf-8").replace('id = "tiny"', 'id = "tinier"'), "utf-8"
    )
    with pytest.raises(SaveError, match="belongs to the scenario 'tiny', not 'tinier'"):
        store.restore("other", load_scenario(tiny_copy))


def test_first_difference_names_the_first_key() -> None:
    saved = {"turn": 3, "stats": {"skill": 10, "mood": 50}, "flags": []}
    assert first_difference(saved, dict(saved)) is None
    found = first_difference(saved, {**saved, "stats": {"skill": 10, "mood": 49}})
    assert found == "'stats.mood' was 50 in the save but is 49 after replay"
    assert "no longer exists" in str(first_difference(saved, {"turn": 3, "stats": saved["stats"]}))
    assert "not in the save" in str(first_difference(saved, {**saved, "new": 1}))


# --------------------------------------------------------------- corrupt files


def _valid_text(store: SaveStore, game: Game) -> str:
    return store.write("source", game).path.read_text("utf-8")


def _edited(change: Callable[[dict[str, Any]], object]) -> Callable[[str], bytes]:
    """A corruption made by editing the parsed save, then writing valid TOML back."""

    def corrupt(text: str) -> bytes:
        data = tomllib.loads(text)
        change(data)
        return tomli_w.dumps(data).encode()

    return corrupt


def _wrong_types(data: dict[str, Any]) -> None:
    data["game"]["turn"] = "x"
    data["game"]["log"][0] = 1
    data["scenario"]["hash"] = ["a"]


CORRUPTIONS: dict[str, tuple[Callable[[str], bytes], tuple[str, ...]]] = {
    "garbage": (lambda text: b"\xff\xfe\x00\x81 not a save \x00", ("not UTF-8",)),
    "binary-ascii": (lambda text: b"\x00\x01\x02 = = =", ("TOML is broken",)),
    "truncated": (
        lambda text: text[: text.index('title = "') + len('title = "T')].encode(),
        ("TOML is broken",),
    ),
    "empty": (lambda text: b"", ("'format' key is missing",)),
    "newer-version": (_edited(lambda d: d.update(format=99)), ("format 99, newer than",)),
    "older-version": (_edited(lambda d: d.update(format=0)), ("format 0 is not supported",)),
    "version-as-text": (
        _edited(lambda d: d.update(format="1")),
        ("'format' should be a whole number",),
    ),
    "missing-keys": (
        _edited(lambda d: (d["game"].pop("seed"), d.pop("setup"))),
        ("the key 'game.seed' is missing", "the table 'setup' is missing"),
    ),
    "wrong-types": (
        _edited(_wrong_types),
        (
            "'game.turn' should be a whole number, not text ('x')",
            "'game.log' item 1 should be text, not a number (1)",
            "'scenario.hash' should be text, not a list",
        ),
    ),
    "not-a-table": (_edited(lambda d: d.update(game=3)), ("'game' should be a table",)),
    "bad-timestamp": (
        _edited(lambda d: d.update(saved_at="yesterday")),
        ("'saved_at' is not an ISO 8601 timestamp",),
    ),
    "naive-timestamp": (
        _edited(lambda d: d.update(saved_at="2025-01-01T10:00:00")),
        ("'saved_at' has no time zone",),
    ),
    "foreign-toml": (lambda text: TINY.read_bytes(), ("not a CareerQuest save",)),
}


def test_a_save_an_editor_gave_a_byte_order_mark_still_loads(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    game = play(Game(tiny_scenario, seed=2), 3)
    path = store.write("marked", game).path
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert store.restore("marked", tiny_scenario).game.log == game.log


@pytest.mark.parametrize("kind", CORRUPTIONS)
def test_a_corrupt_file_is_a_clear_error_and_others_still_list(
    store: SaveStore, tiny_scenario: Scenario, kind: str
) -> None:
    corrupt, expected = CORRUPTIONS[kind]
    game = play(Game(tiny_scenario, seed=2), 3)
    text = _valid_text(store, game)
    store.write("good", game)
    (store.folder / "bad.toml").write_bytes(corrupt(text))

    with pytest.raises(SaveError) as caught:
        store.read("bad")
    assert "bad.toml" in str(caught.value)
    for fragment in expected:
        assert fragment in str(caught.value)
    with pytest.raises(SaveError, match=r"bad\.toml"):
        store.restore("bad", tiny_scenario)

    listing = store.list_saves()
    assert sorted(s.slot for s in listing.saves) == ["good", "source"]
    assert [p.path.name for p in listing.problems] == ["bad.toml"]
    assert "bad.toml" in listing.problems[0].message
    assert expected[0] in listing.problems[0].message
    latest = store.latest()
    assert latest is not None
    assert latest.slot in {"good", "source"}


def test_wrong_types_are_all_reported(store: SaveStore, tiny_scenario: Scenario) -> None:
    text = _valid_text(store, play(Game(tiny_scenario, seed=2), 3))
    text = text.replace("seed = ", "seed = true\nold = ", 1).replace('name = "Alex"', "name = 3.5")
    (store.folder / "types.toml").write_text(text, "utf-8")
    with pytest.raises(SaveError) as caught:
        store.read("types")
    message = str(caught.value)
    assert "'game.seed' should be a whole number, not a boolean (true)" in message
    assert "'setup.name' should be text, not a decimal number (3.5)" in message


def test_listing_skips_temp_files_and_reports_odd_names(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    store.write("ok", play(Game(tiny_scenario, seed=2), 1))
    (store.folder / ".ok.toml.abc123.tmp").write_text("half a save", "utf-8")
    (store.folder / "notes.txt").write_text("not a save", "utf-8")
    (store.folder / "my save.toml").write_text("", "utf-8")
    (store.folder / "sub.toml").mkdir()
    listing = list_saves(store.folder)
    assert [s.slot for s in listing.saves] == ["ok"]
    assert [p.path.name for p in listing.problems] == ["my save.toml"]


def test_a_missing_folder_lists_nothing(tmp_path: Path) -> None:
    store = SaveStore(tmp_path / "nowhere")
    assert store.list_saves() == ([], [])
    assert store.latest() is None
    with pytest.raises(SaveError, match="there is no save named 'x'"):
        store.read("x")


# ---------------------------------------------------------------- atomic writes


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_folder_is_created_on_first_write(tmp_path: Path, tiny_scenario: Scenario) -> None:
    store = SaveStore(tmp_path / "deep" / "er" / "saves")
    store.write("one", Game(tiny_scenario, seed=1))
    assert _leftovers(store.folder) == ["one.toml"]


def test_a_failed_replace_keeps_the_old_save(
    store: SaveStore, tiny_scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write("slot", play(Game(tiny_scenario, seed=1), 1))
    path = store.folder / "slot.toml"
    before = path.read_bytes()

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(SaveError, match=r"slot\.toml: the game could not be saved: No space left"):
        store.write("slot", play(Game(tiny_scenario, seed=1), 5))
    assert path.read_bytes() == before
    assert _leftovers(store.folder) == ["slot.toml"]


def test_an_interrupted_write_keeps_the_old_save(
    store: SaveStore, tiny_scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write("slot", play(Game(tiny_scenario, seed=1), 1))
    path = store.folder / "slot.toml"
    before = path.read_bytes()
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)  # the temp file holds the new data; then the "power goes"
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write("slot", play(Game(tiny_scenario, seed=1), 5))
    assert path.read_bytes() == before
    assert _leftovers(store.folder) == ["slot.toml"]
    monkeypatch.undo()
    assert store.read("slot").log == tuple(play(Game(tiny_scenario, seed=1), 1).log)


def test_atomic_write_text_replaces_and_keeps_the_mode(tmp_path: Path) -> None:
    target = tmp_path / "results" / "class.toml"
    atomic_write_text(target, "a = 1\n")
    assert target.read_text("utf-8") == "a = 1\n"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
    atomic_write_text(target, "a = 2\n")
    assert target.read_text("utf-8") == "a = 2\n"
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert _leftovers(target.parent) == ["class.toml"]


# ------------------------------------------------------------------- slot names

BAD_SLOTS = [
    "../x",
    "/etc/passwd",
    "a/b",
    "..",
    "",
    "x" * 41,
    "CON",
    "con",
    "LPT1",
    ".hidden",
    "a\\b",
    "nul\0",
    "C:\\saves\\x",
    "with space",
    "dot.toml",
    "-flag",
    "é",
]


@pytest.mark.parametrize("slot", BAD_SLOTS)
def test_unsafe_slot_names_are_refused(
    store: SaveStore, tiny_scenario: Scenario, tmp_path: Path, slot: str
) -> None:
    game = Game(tiny_scenario, seed=1)
    with pytest.raises(SaveError, match="save name"):
        store.write(slot, game)
    with pytest.raises(SaveError, match="save name"):
        store.read(slot)
    with pytest.raises(SaveError, match="save name"):
        store.restore(slot, tiny_scenario)
    with pytest.raises(SaveError, match="save name"):
        store.delete(slot)
    assert not store.folder.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("slot", "fragment"),
    [
        ("", "cannot be empty"),
        ("../x", "must stay inside the save folder"),
        ("x" * 41, "the limit is 40"),
        ("CON", "reserved by Windows"),
        (".hidden", "cannot start with a dot"),
        ("nul\0", "NUL character"),
        ("a b", "contains ' '"),
        (
            "Zoë",
            r"contains 'ë'; use only the letters a-z, digits, '-' and '_' \(no spaces or accents",
        ),
    ],
)
def test_slot_errors_say_why(slot: str, fragment: str) -> None:
    with pytest.raises(SaveError, match=fragment):
        validate_slot(slot)


@pytest.mark.parametrize("slot", ["a", "slot-1", "My_Save_2", "x" * 40, "CONSOLE", "com10", "_x"])
def test_safe_slot_names_are_accepted(store: SaveStore, tiny_scenario: Scenario, slot: str) -> None:
    assert validate_slot(slot) == slot
    info = store.write(slot, Game(tiny_scenario, seed=1))
    assert info.path.parent == store.folder
    assert store.read(slot).seed == 1


def test_autosave_has_one_slot_per_scenario(store: SaveStore, tiny_scenario: Scenario) -> None:
    game = Game(tiny_scenario, seed=1)
    info = store.autosave(game)
    assert info.slot == "autosave-tiny"
    assert info.is_autosave
    store.autosave(play(game, 2))
    assert [s.slot for s in store.list_saves().saves] == ["autosave-tiny"]
    long_a, long_b = "a" * 35 + "-one", "a" * 35 + "-two"
    assert len(autosave_slot(long_a)) <= 40
    assert autosave_slot(long_a) != autosave_slot(long_b)
    assert validate_slot(autosave_slot(long_a))


def test_a_new_game_keeps_the_autosave_of_an_earlier_one(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    first = play(Game(tiny_scenario, seed=1), 2)
    store.autosave(first)
    second = Game(tiny_scenario, seed=2)
    info = store.autosave(second)
    assert (info.slot, info.kept) == ("autosave-tiny", "autosave-tiny_2")
    kept = store.restore("autosave-tiny_2", tiny_scenario)
    assert kept.game.log == first.log
    assert kept.game.snapshot() == first.snapshot()
    assert store.read("autosave-tiny").seed == 2
    # The new game goes on in its own slot without moving anything again.
    assert store.autosave(play(second, 2)).kept == ""
    # A third game, even with the first one's seed but other choices, is another game.
    third = play_choosing(Game(tiny_scenario, seed=1), "rest", 1)
    assert third.log[: len(first.log)] != first.log
    assert store.autosave(third).kept == "autosave-tiny_3"
    slots = sorted(s.slot for s in store.list_saves().saves)
    assert slots == ["autosave-tiny", "autosave-tiny_2", "autosave-tiny_3"]


def test_a_kept_game_loaded_again_goes_on_saving_in_its_own_file(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    """The slot holds a newer game just begun with the same seed: an earlier point of any
    game of that seed, but the kept game's file is further on, so the game saves there and
    leaves no copy of itself behind "in progress"."""
    first = play(Game(tiny_scenario, seed=1), 2)
    store.autosave(first)
    assert store.autosave(Game(tiny_scenario, seed=1)).kept == "autosave-tiny_2"
    loaded = store.restore("autosave-tiny_2", tiny_scenario).game
    info = store.autosave(play(loaded, 1))
    assert (info.slot, info.kept) == ("autosave-tiny_2", "")
    assert store.read("autosave-tiny_2").log == tuple(loaded.log)
    assert store.read("autosave-tiny").log == ()  # the new game, untouched
    latest = store.latest()
    assert latest is not None
    assert latest.slot == "autosave-tiny_2"


def test_a_new_game_that_retraces_a_kept_one_stays_in_its_own_file(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    """Same seed, same first choices: the kept game's file holds an earlier point of the new
    game too, but the new game's own file is the main slot, and it stays there."""
    kept = play(Game(tiny_scenario, seed=1), 3)
    store.autosave(kept)
    again = Game(tiny_scenario, seed=1)
    assert store.autosave(again).kept == "autosave-tiny_2"
    for _ in range(4):
        info = store.autosave(play(again, 1))
        assert info.slot == "autosave-tiny"
    assert store.read("autosave-tiny").log == tuple(again.log)
    assert store.read("autosave-tiny_2").log == tuple(kept.log)


def test_after_its_first_autosave_a_game_reads_only_its_own_file(
    store: SaveStore, tiny_scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each turn's autosave runs while the player waits: however many games are kept
    aside, it looks at one file."""
    for seed in range(2, 8):  # six kept games: autosave-tiny_2 … _6, and the main slot
        store.autosave(play(Game(tiny_scenario, seed=seed), 1))
    game = Game(tiny_scenario, seed=1)
    store.autosave(game)
    read: list[str] = []
    real = SaveStore.read

    def counted(self: SaveStore, slot: str) -> SaveFile:
        read.append(slot)
        return real(self, slot)

    monkeypatch.setattr(SaveStore, "read", counted)
    store.autosave(play(game, 1))
    assert read == ["autosave-tiny"]


def test_a_game_loaded_from_a_named_slot_autosaves_beside_it(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    game = play(Game(tiny_scenario, seed=1), 2)
    store.write("before-the-exam", game)
    loaded = store.restore("before-the-exam", tiny_scenario).game
    assert store.autosave(play(loaded, 1)).slot == "autosave-tiny"
    assert store.read("before-the-exam").log == tuple(game.log)


@pytest.mark.parametrize("scenario_id", ["tiny", "a" * 40])
def test_two_games_played_at_once_keep_one_file_each(
    store: SaveStore, tiny_copy: Path, scenario_id: str
) -> None:
    """Two windows, one save folder: each game, once moved aside, goes on saving there."""
    text = tiny_copy.read_text(encoding="utf-8")
    tiny_copy.write_text(text.replace('id = "tiny"', f'id = "{scenario_id}"', 1), "utf-8")
    scenario = load_scenario(tiny_copy)
    one, two = Game(scenario, seed=1), Game(scenario, seed=2)
    kept = [store.autosave(one).kept, store.autosave(two).kept]
    for _ in range(3):
        one, two = play(one, 1), play(two, 1)
        kept += [store.autosave(one).kept, store.autosave(two).kept]
    assert [k for k in kept if k] == [_aside_of(scenario_id)]  # moved once, at the start
    assert len(store.list_saves().saves) == 2
    assert store.read(_aside_of(scenario_id)).log == tuple(one.log)
    assert store.read(autosave_slot(scenario_id)).log == tuple(two.log)


def _aside_of(scenario_id: str) -> str:
    slot = autosave_slot(scenario_id)
    return slot[: 40 - 2] + "_2"


def test_an_earlier_game_moved_away_meanwhile_leaves_no_stray_file(
    store: SaveStore, tiny_scenario: Scenario, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another window kept the earlier game between our look at it and our move."""
    store.autosave(play(Game(tiny_scenario, seed=1), 2))
    read = SaveStore.read

    def read_then_lose_it(self: SaveStore, slot: str) -> SaveFile:
        found = read(self, slot)
        self.path_for(slot).rename(self.folder / "elsewhere.toml")
        return found

    monkeypatch.setattr(SaveStore, "read", read_then_lose_it)
    info = store.autosave(Game(tiny_scenario, seed=2))
    assert info.kept == ""
    assert sorted(p.name for p in store.folder.iterdir()) == [
        "autosave-tiny.toml",
        "elsewhere.toml",
    ]


def test_continuing_a_restored_game_overwrites_its_own_autosave(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    store.autosave(play(Game(tiny_scenario, seed=4), 1))
    game = store.restore("autosave-tiny", tiny_scenario).game
    assert store.autosave(play(game, 2)).kept == ""
    assert [s.slot for s in store.list_saves().saves] == ["autosave-tiny"]


def test_an_unreadable_file_in_the_autosave_slot_is_kept_not_overwritten(
    store: SaveStore, tiny_scenario: Scenario
) -> None:
    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / "autosave-tiny.toml").write_text("not a save = [", encoding="utf-8")
    info = store.autosave(Game(tiny_scenario, seed=1))
    assert info.kept == "autosave-tiny_2"
    assert (store.folder / "autosave-tiny_2.toml").read_text(encoding="utf-8") == "not a save = ["


def test_kept_autosaves_of_a_long_scenario_id_stay_valid_slots(
    store: SaveStore, tiny_copy: Path
) -> None:
    long_id = "a" * 40
    text = tiny_copy.read_text(encoding="utf-8").replace('id = "tiny"', f'id = "{long_id}"', 1)
    tiny_copy.write_text(text, encoding="utf-8")
    scenario = load_scenario(tiny_copy)
    store.autosave(Game(scenario, seed=1))
    store.autosave(Game(scenario, seed=2))
    kept = store.autosave(Game(scenario, seed=3)).kept
    assert len(kept) == 40
    assert kept.endswith("_3")
    assert validate_slot(kept) == kept
    assert len(store.list_saves().saves) == 3


# ------------------------------------------------------------- latest, delete


def test_latest_returns_the_newest(store: SaveStore, tiny_scenario: Scenario) -> None:
    game = Game(tiny_scenario, seed=1)
    store.write("middle", game, now=T0)
    store.write("newest", game, now=T0 + timedelta(hours=1))
    store.write("oldest", game, now=T0 - timedelta(days=1))
    latest = store.latest()
    assert latest is not None
    assert latest.slot == "newest"
    assert [s.slot for s in store.list_saves().saves] == ["newest", "middle", "oldest"]
    assert store.latest("tiny") == latest
    assert store.latest("another-scenario") is None
    store.write("oldest", game, now=T0 + timedelta(days=1))
    assert store.latest() == store.list_saves().saves[0]
    assert store.list_saves().saves[0].slot == "oldest"


def test_latest_compares_instants_not_clock_text(store: SaveStore, tiny_scenario: Scenario) -> None:
    game = Game(tiny_scenario, seed=1)
    store.write("utc", game, now=T0)  # 12:00 UTC
    earlier = datetime(2025, 3, 1, 20, 0, tzinfo=timezone(timedelta(hours=9)))  # 11:00 UTC
    store.write("tokyo", game, now=earlier)
    latest = store.latest()
    assert latest is not None
    assert latest.slot == "utc"
    assert store.read("tokyo").saved_at == earlier
    assert store.read("tokyo").saved_at.tzinfo == UTC


def test_delete_works_and_refuses_bad_names(store: SaveStore, tiny_scenario: Scenario) -> None:
    store.write("keep", Game(tiny_scenario, seed=1))
    store.write("drop", Game(tiny_scenario, seed=2))
    assert store.delete("drop") is True
    assert not store.exists("drop")
    assert store.delete("drop") is False
    assert [s.slot for s in store.list_saves().saves] == ["keep"]
    for bad in ("../keep", "/etc/passwd", "keep.toml", ""):
        with pytest.raises(SaveError):
            store.delete(bad)
    assert store.exists("keep")


# ----------------------------------------------------------------- save folder


def test_save_dir_cli_wins_then_env_then_cwd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {SAVE_DIR_ENV: str(tmp_path / "from-env")}
    assert resolve_save_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert resolve_save_dir(None, env) == tmp_path / "from-env"
    assert resolve_save_dir(None, {}) == tmp_path / "saves"
    assert resolve_save_dir(None, {SAVE_DIR_ENV: "  "}) == tmp_path / "saves"
    assert resolve_save_dir("rel", {}) == tmp_path / "rel"
    assert resolve_save_dir("~/cq", {}) == Path.home() / "cq"


def test_saves_import_neither_textual_nor_pydantic() -> None:
    code = (
        "import sys, careerquest.saves; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('textual', 'pydantic')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_restore_finds_a_moved_scenario_by_id(tmp_path: Path) -> None:
    """A save remembers where its scenario was; after a reinstall or a renamed folder the
    scenario with the same id is used, and the replay check still guards the game."""
    first = tmp_path / "first"
    first.mkdir()
    original = first / "tiny.toml"
    original.write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    store = SaveStore(tmp_path / "saves")
    game = Game(load_scenario(original), seed=4)
    game.choose(game.decision.open_options()[0].id)
    store.write("moved", game)
    local = tmp_path / "scenarios"
    local.mkdir()
    original.rename(local / "tiny.toml")
    restored = store.restore("moved", local_dir=local)
    assert restored.game.snapshot() == game.snapshot()
    (local / "tiny.toml").unlink()
    with pytest.raises(SaveError, match="no scenario with the id 'tiny' was found"):
        store.restore("moved", local_dir=local)


@pytest.mark.parametrize(
    ("name", "folder"),
    [
        ("Ana María", "ana-maria"),
        ("  ana maria ", "ana-maria"),  # typed again, a little differently: the same folder
        ("Ana-Maria", "ana-maria"),
        ("O'Brien, Sam", "o-brien-sam"),
        ("Straße", "strasse"),
    ],
)
def test_a_player_folder_is_the_name_made_safe(name: str, folder: str) -> None:
    assert player_folder(name) == folder


def test_letters_with_no_ascii_form_keep_players_apart() -> None:
    # Dropping 李 and 韩梅梅 would file two students under "li".
    li, han = player_folder("李雷 Li"), player_folder("韩梅梅 Li")
    assert li != han
    assert re.fullmatch(r"li-[0-9a-f]{8}", li)
    assert re.fullmatch(r"ukasz-[0-9a-f]{8}", player_folder("Łukasz"))
    assert re.fullmatch(r"player-[0-9a-f]{12}", player_folder("李雷"))
    assert len({player_folder(n) for n in ("李雷", "韩梅梅", "李雷 Li")}) == 3


def test_the_same_name_typed_again_finds_the_same_folder_in_any_script() -> None:
    nfc, nfd = "Йоко", "И\u0306око"
    assert nfc != nfd
    assert player_folder(nfc) == player_folder(nfd)
    assert len({player_folder(n) for n in ("Иван Петров", "иван  петров", "Иван-Петров")}) == 1


def test_a_name_too_long_for_a_folder_is_cut_and_kept_apart() -> None:
    long_a, long_b = "x" * 50 + " Jones", "x" * 50 + " Smith"
    assert re.fullmatch(r"x{31}-[0-9a-f]{8}", player_folder(long_a))
    assert player_folder(long_a) != player_folder(long_b)
    assert player_folder("x" * 40) == "x" * 40  # one that fits is left whole


def test_a_device_name_of_windows_is_no_folder() -> None:
    for name in ("CON", "con", "LPT0", "com9"):
        folder = player_folder(name)
        assert re.fullmatch(rf"{name.lower()}-[0-9a-f]{{8}}", folder)


def test_a_name_needs_a_letter_or_a_digit() -> None:
    for name in ("  ", "---", "!?", "_", "._."):
        with pytest.raises(SaveError, match="needs a letter or a digit"):
            player_folder(name)
    # An underscore separates words, as a space or a hyphen does.
    assert player_folder("ana_maria") == player_folder("Ana María") == "ana-maria"


def test_a_player_save_dir_is_inside_the_class_folder(tmp_path: Path) -> None:
    assert player_save_dir(tmp_path, "Ben") == tmp_path / "ben"


def test_a_save_from_before_rules_2_replays_as_it_was_played() -> None:
    # Written by careerquest at e2779f3 (save format 1, which did not record the rules):
    # `play studio.toml --plain --seed 11`, answers 2 1 2 1 2 1 2 1 3 1.
    studio = load_scenario(ROOT / "tests" / "tui" / "data" / "scenarios" / "studio.toml")
    old = read_save(Path(__file__).parent / "data" / "saves" / "format-1-studio.toml")
    assert (old.format, old.rules) == (1, 1)
    restored = restore_game(old, studio)
    assert restored.game.rules == 1
    assert restored.game.snapshot() == old.snapshot
    # By today's rules the same choices make another game: events come from their own stream.
    today = replay(studio, old.seed, old.setup, old.log).snapshot()
    del today["event_rng"]
    assert today != old.snapshot
    # Saved again, it keeps its rules.
    again = loads(dumps(from_game(restored.game)))
    assert (again.format, again.rules) == (SAVE_FORMAT, 1)
    assert restore_game(again, studio).game.snapshot() == old.snapshot


def test_a_save_records_its_rules(tiny_scenario: Scenario) -> None:
    save = from_game(play(Game(tiny_scenario, seed=3), 3))
    assert save.rules == RULES
    assert f"rules = {RULES}\n" in dumps(save)
    text = dumps(save).replace(f"rules = {RULES}\n", "rules = 99\n")
    with pytest.raises(SaveError, match=r"played by rules 99, newer than .* update the game"):
        loads(text)
    with pytest.raises(SaveError, match=r"the key 'game\.rules' is missing"):
        loads(dumps(save).replace(f"rules = {RULES}\n", ""))


def test_a_replay_line_from_before_rules_2_replays_with_rules_1(tmp_path: Path) -> None:
    old = read_save(Path(__file__).parent / "data" / "saves" / "format-1-studio.toml")
    studio = ROOT / "tests" / "tui" / "data" / "scenarios" / "studio.toml"
    result = subprocess.run(
        [sys.executable, "-m", "careerquest", "play", str(studio), "--plain", "--seed", "11",
         "--name", "Old", "--replay", ",".join(old.log), "--rules", "1",
         "--save-dir", str(tmp_path)],
        capture_output=True, text=True, input="", check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    # The hint to go on keeps the rules, or the next run would make another game.
    assert f"--replay {','.join(old.log)} --rules 1" in result.stdout
    again = SaveStore(tmp_path).read("autosave-studio")
    assert again.rules == 1
    assert again.snapshot == old.snapshot
