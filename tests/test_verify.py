"""``careerquest verify``: a teacher checks a class's saves by replaying them."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from careerquest.engine.game import replay
from careerquest.engine.rules import RULES
from careerquest.engine.verdict import verdict
from careerquest.saves import SaveStore
from careerquest.saves.slots import autosave_slot
from careerquest.scenario.loader import load_scenario
from cli_kit import careerquest

ROOT = Path(__file__).parent.parent
TINY = ROOT / "tests" / "data" / "tiny.toml"


def student_save(folder: Path, name: str, seed: int, answers: str) -> Path:
    """A game played in plain mode, as a student would, and its autosave copied to ``folder``."""
    own = folder / f"{name}-saves"
    result = careerquest(
        "play", str(TINY), "--plain", "--seed", str(seed), "--name", name,
        "--save-dir", str(own), stdin=answers,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    collected = folder / "class" / f"{name}.toml"
    collected.parent.mkdir(exist_ok=True)
    shutil.copy(own / f"{autosave_slot('tiny')}.toml", collected)
    return collected


def test_finished_and_unfinished_games_verify_with_their_results(tmp_path: Path) -> None:
    ana = student_save(tmp_path, "Ana", 3, "1\n" * 100)
    ben = student_save(tmp_path, "Ben", 4, "2\n")
    result = careerquest("verify", str(tmp_path / "class"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    store = SaveStore(ana.parent)
    game = replay(load_scenario(TINY), 3, store.read("Ana").setup, store.read("Ana").log)
    ending = verdict(game)
    assert lines[0] == (
        f"OK      {ana}: Ana, {game.scenario.title}, seed 3, {len(game.history)} of "
        f"{game.scenario.turns} turns played, ending {ending.title} ({ending.cls}), "
        f"{ending.career_factors} career factors"
    )
    assert lines[1].startswith(f"OK      {ben}: Ben, ")
    assert lines[1].endswith(", not finished")
    assert lines[2] == "2 saves from 2 players: 2 verified, 0 failed"
    # The seed the class shared is the most common one; Ana's is as common as Ben's.
    assert lines[3] == "Tiny: 2 players, seed 3 but for Ben (seed 4)"
    assert lines[4] == f"  Endings: {ending.title} ({ending.cls}) 1; 1 not finished"
    assert len(lines) == 5  # the tiny scenario has no factors to sum up


def test_a_save_changed_by_hand_fails_and_says_whose_it_is(tmp_path: Path) -> None:
    ana = student_save(tmp_path, "Ana", 3, "1\n" * 100)
    text = ana.read_text(encoding="utf-8")
    edited = re.sub(r"(?m)^skill = \d+$", "skill = 99", text, count=1)
    assert edited != text
    ana.write_text(edited, encoding="utf-8")
    result = careerquest("verify", str(ana))
    assert result.returncode == 1
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"FAILED  {ana}: Ana, ")
    assert "'stats.skill' was 99 in the save" in first
    assert result.stdout.splitlines()[-1] == "1 save from 1 player: 0 verified, 1 failed"


def test_csv_gives_a_spreadsheet_row_per_save(tmp_path: Path) -> None:
    student_save(tmp_path, "Ana", 3, "1\n" * 100)
    broken = student_save(tmp_path, "Ben", 4, "1\n" * 100)
    broken.write_text(broken.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    result = careerquest("verify", "--format", "csv", str(tmp_path / "class"))
    assert result.returncode == 1  # Ben's save is cut short
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["player"], r["status"], r["seed"], r["rules"]) for r in rows] == [
        ("Ana", "verified", "3", str(RULES)),
        ("", "failed", "", ""),
    ]
    assert rows[0]["ending"]
    assert rows[0]["turns_played"] == rows[0]["turns"] != ""
    assert rows[0]["scenario_id"] == "tiny"
    assert datetime.fromisoformat(rows[0]["saved_at"]).tzinfo is not None
    # A failed save counts no turns: blank, not a 0 that reads as "never played".
    assert (rows[1]["turns_played"], rows[1]["turns"]) == ("", "")
    assert rows[1]["problem"]


def test_csv_never_hands_a_spreadsheet_a_formula(tmp_path: Path) -> None:
    """A student types their own name; '=HYPERLINK(…)' must reach the sheet as text."""
    name = '=HYPERLINK("http://example.com","Ana")'
    played = careerquest(
        "play", str(TINY), "--plain", "--seed", "3", "--name", name, "--sign-in",
        "--save-dir", str(tmp_path), stdin="1\n" * 100,
    )  # fmt: skip
    assert played.returncode == 0, played.stderr
    result = careerquest("verify", "--format", "csv", str(tmp_path))
    (row,) = csv.DictReader(io.StringIO(result.stdout))
    assert row["player"] == "'" + name
    assert row["status"] == "verified"


def test_files_in_a_folder_that_are_not_saves_are_skipped_and_named(tmp_path: Path) -> None:
    """A teacher keeps a rubric or the scenario beside the saves: not a failed save."""
    ana = student_save(tmp_path, "Ana", 3, "1\n" * 100)
    rubric = tmp_path / "class" / "rubric.toml"
    rubric.write_text("[marks]\nending = 5\n", encoding="utf-8")
    shutil.copy(TINY, tmp_path / "class" / "tiny.toml")
    result = careerquest("verify", str(tmp_path / "class"))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == f"Skipped, not saves: {rubric}, {tmp_path / 'class' / 'tiny.toml'}"
    assert lines[1].startswith(f"OK      {ana}: Ana, ")
    assert lines[2] == "1 save from 1 player: 1 verified, 0 failed"
    # Named outright, it is verified, and fails as what it is.
    result = careerquest("verify", str(rubric))
    assert result.returncode == 1
    assert result.stdout.startswith(f"FAILED  {rubric}: not a CareerQuest save")


def test_a_path_that_is_not_there_is_a_mistake_on_the_command_line(tmp_path: Path) -> None:
    result = careerquest("verify", str(tmp_path / "clas"))
    assert result.returncode == 2
    assert result.stderr == f"careerquest: no such file or folder: {tmp_path / 'clas'}\n"
    empty = tmp_path / "empty"
    empty.mkdir()
    result = careerquest("verify", str(empty))
    assert result.returncode == 2
    assert result.stderr == f"careerquest: no save files (*.toml) found in {empty}\n"


def test_verify_never_imports_textual(tmp_path: Path) -> None:
    ana = student_save(tmp_path, "Ana", 3, "1\n" * 100)
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "careerquest", "verify", str(ana)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()]
    assert "careerquest.saves.format" in imported  # it did read the save
    assert not [name for name in imported if name.split(".")[0] == "textual"]


def test_a_signed_in_class_is_verified_from_its_folder(tmp_path: Path) -> None:
    # Lab machines share one folder; each student signs in, so each has a folder of their own.
    for name, seed in (("Ana María", 3), ("Ben", 4)):
        result = careerquest(
            "play", str(TINY), "--plain", "--seed", str(seed), "--name", name, "--sign-in",
            "--save-dir", str(tmp_path), stdin="1\n" * 100,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana-maria", "ben"]
    result = careerquest("verify", str(tmp_path))
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert lines[0].startswith(
        f"OK      {tmp_path / 'ana-maria' / 'autosave-tiny.toml'}: Ana María"
    )
    assert lines[1].startswith(f"OK      {tmp_path / 'ben' / 'autosave-tiny.toml'}: Ben")
    assert lines[2] == "2 saves from 2 players: 2 verified, 0 failed"


def test_plain_sign_in_needs_a_name(tmp_path: Path) -> None:
    result = careerquest("play", str(TINY), "--plain", "--sign-in", "--save-dir", str(tmp_path))
    assert result.returncode == 2
    assert (
        result.stderr == "careerquest: --sign-in with --plain needs --name: whose saves these are\n"
    )
    assert not any(tmp_path.iterdir())


def test_plain_sign_in_needs_a_name_with_a_letter_or_a_digit(tmp_path: Path) -> None:
    result = careerquest(
        "play", str(TINY), "--plain", "--sign-in", "--name", ".", "--save-dir", str(tmp_path),
        stdin="1\n",
    )  # fmt: skip
    assert result.returncode == 2
    assert result.stderr == (
        "careerquest: --name: a player's name needs a letter or a digit, not '.'\n"
    )
    assert not any(tmp_path.iterdir())


def test_a_player_with_several_saves_counts_once(tmp_path: Path) -> None:
    """An abandoned first try and a finished game: the class's summary counts the student
    once, by the finished game, whatever order the files come in."""
    finished = student_save(tmp_path, "Ana", 3, "1\n" * 100)
    tried = student_save(tmp_path, "ANA", 3, "1\n")  # saved later, and not finished
    renamed = tried.rename(tried.parent / "a-first-try.toml")
    result = careerquest("verify", str(tmp_path / "class"))
    lines = result.stdout.splitlines()
    by_file = {line.split(": ")[0]: line for line in lines[:2]}
    assert by_file.keys() == {f"OK      {renamed}", f"OK      {finished}"}
    assert by_file[f"OK      {renamed}"].endswith("not finished")
    ending = by_file[f"OK      {finished}"].split(", ending ")[1].split(", ")[0]
    assert lines[2:] == [
        "2 saves from 1 player: 2 verified, 0 failed",
        "Tiny: 1 player, seed 3",
        f"  Endings: {ending} 1",
    ]


def test_a_save_named_twice_counts_once(tmp_path: Path) -> None:
    ana = student_save(tmp_path, "Ana", 3, "1\n" * 100)
    result = careerquest("verify", str(tmp_path / "class"), str(ana), str(tmp_path / "class/"))
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("OK")] == [lines[0]]
    assert lines[1] == "1 save from 1 player: 1 verified, 0 failed"


def test_each_scenario_is_summed_up_on_its_own(tmp_path: Path) -> None:
    """A student who played another scenario does not add its ending to the class's."""
    for name, scenario, seed in (("Ana", "help-desk", 7), ("Ben", "help-desk", 7),
                                 ("Gus", "help-desk", 8), ("Finn", "wellness", 7)):  # fmt: skip
        result = careerquest(
            "play", scenario, "--plain", "--seed", str(seed), "--name", name, "--sign-in",
            "--save-dir", str(tmp_path), stdin="1\n" * 400,
        )  # fmt: skip
        assert "Ending: " in result.stdout
    lines = careerquest("verify", str(tmp_path)).stdout.splitlines()
    summary = lines[lines.index("4 saves from 4 players: 4 verified, 0 failed") + 1 :]
    help_desk = load_scenario(ROOT / "scenarios" / "help-desk.toml").title
    wellness = load_scenario(ROOT / "scenarios" / "wellness.toml").title
    assert summary[0] == f"{help_desk}: 3 players, seed 7 but for Gus (seed 8)"
    assert summary[1].startswith("  Endings: ")
    assert sum(int(n) for n in re.findall(r"\) (\d+)", summary[1])) == 3
    assert summary[2].startswith("  Career factors in 3 finished games: ")
    assert summary[3] == f"{wellness}: 1 player, seed 7"
    assert re.fullmatch(r"  Endings: [^,;]+ \((job|career|burnout)\) 1", summary[4])
    assert summary[5].startswith("  Career factors in 1 finished game: ")


def test_the_summary_says_which_career_factors_the_class_built(tmp_path: Path) -> None:
    for name, seed in (("Ana", 3), ("Ben", 4)):
        result = careerquest(
            "play", "help-desk", "--plain", "--seed", str(seed), "--name", name, "--sign-in",
            "--save-dir", str(tmp_path), stdin="1\n" * 400,
        )  # fmt: skip
        assert "Ending: " in result.stdout
    built: dict[str, int] = {}
    for folder in ("ana", "ben"):
        save = SaveStore(tmp_path / folder).read("autosave-help-desk")
        game = replay(load_scenario(save.scenario_path), save.seed, save.setup, save.log)
        for factor in verdict(game).factors:
            built[factor.label] = built.get(factor.label, 0) + factor.career
    result = careerquest("verify", str(tmp_path))
    counts = ", ".join(f"{label} {count}" for label, count in built.items())
    assert result.stdout.splitlines()[-1] == f"  Career factors in 2 finished games: {counts}"
