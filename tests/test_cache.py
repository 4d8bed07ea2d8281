"""The compiled-scenario cache: a file loaded once plays from its entry, exactly the same."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from careerquest import diskcache
from careerquest.diskcache import CACHE_DIR_ENV
from careerquest.engine.game import Game
from careerquest.scenario import cache
from careerquest.scenario.loader import check_file, load_scenario
from careerquest.scenario.runtime import Scenario

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "scenarios").glob("*.toml"))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache of this test's own."""
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def transcript(scenario: Scenario, seed: int) -> tuple[object, ...]:
    """A whole game of random open choices: every message, every state, the ending."""
    game = Game(scenario, seed)
    rng = random.Random(seed)
    while game.decision is not None:
        game.choose(rng.choice(game.decision.open_options()).id)
    return (
        game.snapshot(),
        [(r.messages, r.stats) for r in game.history],
        [m.text for m in game.milestones],
    )


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_cached_scenario_plays_exactly_as_the_checked_one(path: Path, folder: Path) -> None:
    checked, diagnostics = check_file(path)
    assert checked is not None
    assert diagnostics == []
    load_scenario(path)  # checks the file and writes its entry
    assert len(list(folder.glob("*.json"))) == 1
    recalled = cache.recall(path.read_bytes(), str(path))
    assert recalled is not None
    assert recalled is not checked
    assert (recalled.id, recalled.path, recalled.source_hash) == (
        checked.id,
        checked.path,
        checked.source_hash,
    )
    assert recalled.stats == checked.stats
    assert [t.name for t in recalled.tests] == [t.name for t in checked.tests]
    for seed in range(12):
        assert transcript(recalled, seed) == transcript(checked, seed)


def test_the_second_load_skips_pydantic(folder: Path) -> None:
    code = (
        "import sys; from careerquest.scenario.loader import load_scenario; "
        f"s = load_scenario({str(BUNDLED[0])!r}); print(s.id, 'pydantic' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0][1] == "True"  # the first load checks the file
    assert runs[1][1] == "False"
    assert runs[0][0] == runs[1][0]


def test_an_edited_file_is_checked_again(tmp_path: Path, folder: Path, tiny_path: Path) -> None:
    copy = tmp_path / "tiny.toml"
    copy.write_text(tiny_path.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_scenario(copy).title == "Tiny"
    text = copy.read_text(encoding="utf-8").replace('title = "Tiny"', 'title = "Tinier"', 1)
    copy.write_text(text, encoding="utf-8")
    assert load_scenario(copy).title == "Tinier"
    assert len(list(folder.glob("*.json"))) == 2


def test_a_damaged_entry_is_ignored_and_replaced(folder: Path, tiny_path: Path) -> None:
    load_scenario(tiny_path)
    (entry,) = folder.glob("*.json")
    for damage in ("{not json", json.dumps({"$": "Scenario", "id": 3}), '{"$": "dict"}'):
        entry.write_text(damage, encoding="utf-8")
        assert cache.recall(tiny_path.read_bytes(), str(tiny_path)) is None
        assert load_scenario(tiny_path).id == "tiny"
        assert cache.recall(tiny_path.read_bytes(), str(tiny_path)) is not None


def test_an_empty_setting_turns_the_cache_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_path: Path
) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, "")
    monkeypatch.chdir(tmp_path)
    assert load_scenario(tiny_path).id == "tiny"
    assert diskcache.cache_dir() is None
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_cache_does_not_stop_a_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_ENV, str(blocker / "cache"))
    assert load_scenario(tiny_path).id == "tiny"
    assert load_scenario(tiny_path).id == "tiny"


def test_old_entries_are_pruned(
    tmp_path: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, tiny_path: Path
) -> None:
    monkeypatch.setattr(diskcache, "MAX_ENTRIES", 2)
    text = tiny_path.read_text(encoding="utf-8")
    for n in range(4):
        copy = tmp_path / f"v{n}.toml"
        copy.write_text(text.replace('title = "Tiny"', f'title = "Tiny {n}"', 1), encoding="utf-8")
        load_scenario(copy)
    assert len(list(folder.glob("*.json"))) == 2
    newest = tmp_path / "v3.toml"
    assert cache.recall(newest.read_bytes(), str(newest)) is not None


def test_a_machine_without_a_home_folder_loads_without_a_cache(
    monkeypatch: pytest.MonkeyPatch, tiny_path: Path
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv(CACHE_DIR_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert load_scenario(tiny_path).id == "tiny"
    assert load_scenario(tiny_path).id == "tiny"


def test_check_of_a_file_checked_clean_before_reports_the_same_without_pydantic(
    tmp_path: Path, folder: Path
) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), CACHE_DIR_ENV: str(folder)}
    scenario = ROOT / "scenarios" / "help-desk.toml"
    runs = [
        subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "careerquest", "check", str(scenario)],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for _ in range(2)
    ]
    imported = [
        {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()} for run in runs
    ]
    assert "pydantic" in imported[0]
    assert "pydantic" not in imported[1]
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].returncode == runs[1].returncode == 0


def test_a_file_with_errors_is_never_cached(tmp_path: Path, folder: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('[scenario]\nid = "broken"\n', encoding="utf-8")
    for _ in range(2):
        scenario, diagnostics = check_file(broken)
        assert scenario is None
        assert diagnostics
    assert not folder.exists() or list(folder.glob("*.json")) == []
