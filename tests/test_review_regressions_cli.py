"""Regressions for defects found in review of saves, plain play and the commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerquest.engine.game import Game
from careerquest.engine.setup import Setup
from careerquest.saves import SaveError, SaveStore, list_saves
from careerquest.scenario.runtime import Scenario
from cli_kit import careerquest

ROOT = Path(__file__).parent.parent


def run(*args: str, cwd: Path, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return careerquest(*args, cwd=cwd, stdin=stdin, env={"PYTHONIOENCODING": "utf-8:strict"})


def test_an_out_of_range_timestamp_is_a_problem_not_a_crash(tiny: Scenario, tmp_path: Path) -> None:
    store = SaveStore(tmp_path)
    store.write("good", Game(tiny, seed=1))
    text = (tmp_path / "good.toml").read_text(encoding="utf-8")
    stamp = next(line for line in text.splitlines() if line.startswith("saved_at"))
    bad = text.replace(stamp, 'saved_at = "0001-01-01T00:00:00+01:00"')
    (tmp_path / "bad.toml").write_text(bad, encoding="utf-8")
    listing = list_saves(tmp_path)
    assert [s.slot for s in listing.saves] == ["good"]
    assert "out of range" in listing.problems[0].message


def test_one_bad_local_scenario_does_not_break_list_or_play(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "x.toml").write_text(
        '[scenario]\nid = "x"\ntitle = "X"\nturns = inf\n', encoding="utf-8"
    )
    listed = run("list", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert b"help-desk" in listed.stdout
    played = run("play", "help-desk", "--plain", "--save-dir", str(tmp_path / "s"), cwd=tmp_path)
    assert played.returncode == 0, played.stderr


def test_a_name_that_is_not_text_gives_a_save_error(tiny: Scenario, tmp_path: Path) -> None:
    game = Game(tiny, seed=1, setup=Setup(name="A\udcffB"))
    with pytest.raises(SaveError, match="not valid text"):
        SaveStore(tmp_path).write("odd", game)
    assert not list(tmp_path.glob("*.tmp*"))


def test_a_name_on_the_command_line_that_is_not_text_is_saved_as_text(tmp_path: Path) -> None:
    name = os.fsdecode(b"Bad\xffName")  # what Python makes of such bytes in argv
    played = run(
        "play",
        "help-desk",
        "--plain",
        "--name",
        name,
        "--save-dir",
        ".",
        cwd=tmp_path,
        stdin=b"1\n1\n",
    )
    assert played.returncode == 0, played.stderr
    assert b"could not autosave" not in played.stderr
    assert "You play Bad\ufffdName.".encode() in played.stdout
    assert SaveStore(tmp_path).read("autosave-help-desk").setup.name == "Bad\ufffdName"


def test_bytes_that_are_not_text_are_asked_again(tmp_path: Path) -> None:
    played = run(
        "play",
        "help-desk",
        "--plain",
        "--save-dir",
        str(tmp_path),
        cwd=tmp_path,
        # Only that line is lost: the answers after it (read ahead by the decoder) still count.
        stdin=b"caf\xe9\n" + b"1\n" * 200,
    )
    assert played.returncode == 0, played.stderr
    assert b"Traceback" not in played.stderr
    assert b"Type a number from 1 to" in played.stdout
    assert b"Ending: " in played.stdout


def test_simulate_refuses_seeds_whose_witnesses_could_not_replay(tmp_path: Path) -> None:
    result = run("simulate", "help-desk", "--seed", "10000000000000", cwd=tmp_path)
    assert result.returncode == 2
    assert b"--seed: must be between" in result.stderr
    result = run("simulate", "help-desk", "--runs", "2000000", cwd=tmp_path)
    assert result.returncode == 2
    assert b"--runs: must be below" in result.stderr


def test_plain_play_with_stdin_closed_saves_and_exits(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = (
        "import os, sys, runpy; os.close(0); sys.stdin = None; "
        "sys.argv = ['careerquest', 'play', 'help-desk', '--plain', '--save-dir', sys.argv[1]]; "
        "runpy.run_module('careerquest', run_name='__main__')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert b"Saved to" in result.stdout


def test_a_file_name_that_is_not_text_is_printed_escaped(tmp_path: Path) -> None:
    (tmp_path / os.fsdecode(b"b\xffd.toml")).write_text("x", encoding="utf-8")
    for args in (("check", "."), ("check", ".", "--format", "json")):
        result = run(*args, cwd=tmp_path)  # stdout is strict UTF-8 here
        assert result.returncode == 1
        assert b"Traceback" not in result.stderr
        assert b"b\\udcffd.toml" in result.stdout
        result.stdout.decode("utf-8")  # valid text, JSON included


def test_output_that_cannot_be_written_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "careerquest", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr.decode().startswith("careerquest: the output could not be written: ")
    closed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, runpy; sys.stdout = None; sys.argv = ['careerquest', 'list']; "
            "runpy.run_module('careerquest', run_name='__main__')",
        ],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert closed.returncode == 1
    assert b"Traceback" not in closed.stderr
