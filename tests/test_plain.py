"""Plain play end to end, as scripts and screen-reader users run it: a real subprocess."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from careerquest.saves import SaveStore, autosave_slot
from careerquest.scenario.loader import load_scenario
from cli_kit import careerquest

ROOT = Path(__file__).parent.parent
TINY = ROOT / "tests" / "data" / "tiny.toml"
#: Far more answers than any bundled game needs: every prompt is answered with 1.
ALL_ONES = "1\n" * 2000
#: Work the first turn rather than apply for the job (option 1 for someone without one).
WORK_FIRST = "2\n" + ALL_ONES


def play(
    *args: str,
    stdin: str,
    save_dir: Path,
    hash_seed: str = "0",
    cwd: Path = ROOT,
) -> subprocess.CompletedProcess[str]:
    return careerquest(
        "play",
        *args,
        "--plain",
        "--save-dir",
        str(save_dir),
        cwd=cwd,
        stdin=stdin,
        env={"PYTHONHASHSEED": hash_seed},
    )


def ending_line(stdout: str) -> str:
    return next(line for line in stdout.splitlines() if line.startswith("Ending: "))


@pytest.mark.parametrize("scenario", [str(TINY), "help-desk"])
def test_answering_1_to_everything_reaches_an_ending(scenario: str, tmp_path: Path) -> None:
    result = play(scenario, stdin=ALL_ONES, save_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert ending_line(result.stdout).endswith(")")
    lines = result.stdout.splitlines()
    assert lines.count("--- The end ---") == 1
    assert any(line.startswith("--- Q1 2026 (turn 1 of ") for line in lines)
    assert "\x1b" not in result.stdout  # no colour or cursor codes for screen readers
    # The ending puts pay next to savings and debt.
    money = lines.index("Money at the end:")
    labels = [line.split(":")[0] for line in lines[money + 1 : money + 4]]
    assert labels == ["Pay", "Savings", "Debt"]
    if scenario == "help-desk":  # the goals say what they ask and by when
        long_goal = next(line for line in lines if line.startswith("Long-term goal: "))
        assert long_goal.endswith(" Due by Q4 2030.")
    if scenario == "help-desk":  # each factor ends on what counts as a career there
        assert "  Career when: Fulfilment at least 55." in lines
        assert sum(line.startswith("  Career when: ") for line in lines) == 6


def test_turn_shows_stats_with_signed_changes_and_separates_upkeep(tmp_path: Path) -> None:
    result = play(str(TINY), stdin=WORK_FIRST, save_dir=tmp_path)
    lines = result.stdout.splitlines()
    turn2 = lines.index("--- Q2 2026 (turn 2 of 6) ---")
    assert lines[turn2 + 1] == "You are 20. You have no job right now."
    assert "Savings $200 (-$800)" in lines[turn2 + 2]
    assert "Wellbeing 58% (-2)" in lines[turn2 + 2]
    assert "Your decision changed: Savings +$200, Wellbeing -2." in lines
    assert "The new quarter changed: Savings -$1,000." in lines


def test_locked_options_are_listed_with_a_reason_but_not_numbered(tmp_path: Path) -> None:
    result = play(str(TINY), stdin=WORK_FIRST, save_dir=tmp_path)
    assert "Locked: Enroll: Night course — needs $500 (you have $200)." in result.stdout
    assert "5. Enroll: Night course" not in result.stdout.split("turn 2 of 6")[1]


def test_checks_show_their_chance_before_the_choice(tmp_path: Path) -> None:
    result = play(str(TINY), stdin=ALL_ONES, save_dir=tmp_path)
    assert "2. Decline (Skill check: Long shot — 5%)." in result.stdout


@pytest.mark.parametrize("bad", ["abc", "0", "99", "", "²", "1" * 30])
def test_invalid_input_re_prompts_with_a_message(bad: str, tmp_path: Path) -> None:
    result = play(str(TINY), stdin=f"{bad}\n" + ALL_ONES, save_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Your choice"))
    assert lines[first] == f"Your choice (1 to 5): {bad}"
    assert lines[first + 1] in (
        f"There is no option {bad}. Type a number from 1 to 5.",
        "Type a number from 1 to 5, then press Enter.",
    )
    assert lines[first + 2] == "Your choice (1 to 5): 1"
    assert ending_line(result.stdout)


def test_piped_input_that_names_no_option_stops_and_saves(tmp_path: Path) -> None:
    """`yes 3` into a two-option prompt once re-prompted for ever, filling the disk."""
    result = play(str(TINY), stdin="1\n" + "99\n" * 1000, save_dir=tmp_path)
    assert result.returncode == 2
    assert "named no option 20 times in a row" in result.stderr
    assert result.stdout.count("There is no option 99.") == 20
    assert "20 answers in a row named no option." in result.stdout
    assert (tmp_path / "autosave-tiny.toml").is_file()
    assert "--replay " in result.stdout.splitlines()[-1]


def test_end_of_input_saves_and_the_save_restores(tmp_path: Path) -> None:
    # Without a job, option 1 is the application: 2 works, 4 rests.
    result = play(str(TINY), stdin="2\n1\n4\n", save_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    save = tmp_path / f"{autosave_slot('tiny')}.toml"
    assert f"Saved to {save}" in result.stdout.splitlines()
    assert "Ending: " not in result.stdout
    scenario = load_scenario(TINY)
    restored = SaveStore(tmp_path).restore(autosave_slot("tiny"), scenario)
    assert restored.warning is None
    assert restored.game.log == ["work", "yes", "rest"]
    assert not restored.game.over
    assert "--replay work,yes,rest" in result.stdout


def test_every_turn_is_autosaved(tmp_path: Path) -> None:
    result = play(str(TINY), stdin=ALL_ONES, save_dir=tmp_path)
    assert result.returncode == 0
    store = SaveStore(tmp_path)
    info = store.latest("tiny")
    assert info is not None
    assert info.finished


def test_a_second_game_keeps_the_first_games_autosave(tmp_path: Path) -> None:
    first = play(str(TINY), stdin=ALL_ONES, save_dir=tmp_path)
    assert "kept" not in first.stderr
    other = play(str(TINY), stdin="2\n" * 200, save_dir=tmp_path)
    assert other.returncode == 0
    message = "careerquest: the earlier game saved as 'autosave-tiny' is kept as 'autosave-tiny_2'"
    assert message in other.stderr
    assert other.stdout.count("Ending: ") == first.stdout.count("Ending: ") == 1
    store = SaveStore(tmp_path)
    assert store.read("autosave-tiny_2").log != store.read("autosave-tiny").log


@pytest.mark.parametrize("scenario", [str(TINY), "help-desk"])
def test_same_seed_and_input_give_byte_identical_output(scenario: str, tmp_path: Path) -> None:
    stdin = "2\n1\n3\n" * 400
    outputs = {
        play(
            scenario, "--seed", "7", stdin=stdin, save_dir=tmp_path / h, hash_seed=h
        ).stdout.encode()
        for h in ("0", "1", "12345")
    }
    assert len(outputs) == 1
    assert b"Ending: " in outputs.pop()


def test_default_seed_is_1(tmp_path: Path) -> None:
    implicit = play(str(TINY), stdin=ALL_ONES, save_dir=tmp_path / "a")
    explicit = play(str(TINY), "--seed", "1", stdin=ALL_ONES, save_dir=tmp_path / "b")
    assert "Seed 1." in implicit.stdout
    assert implicit.stdout == explicit.stdout


def test_the_ending_gives_the_seed_and_choices_that_replay_it(tmp_path: Path) -> None:
    """A teacher checks a student's result by replaying what the ending printed."""
    first = play("help-desk", "--seed", "3", stdin="2\n1\n" * 500, save_dir=tmp_path / "a")
    line = next(x for x in first.stdout.splitlines() if x.startswith("Seed 3. To replay"))
    choices = line.rsplit("--replay ", 1)[1]
    again = play("help-desk", "--seed", "3", "--replay", choices, stdin="", save_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    assert ending_line(again.stdout) == ending_line(first.stdout)


def test_replay_of_a_witness_reproduces_the_ending(tmp_path: Path) -> None:
    first = play("help-desk", "--seed", "3", stdin="2\n1\n" * 500, save_dir=tmp_path / "a")
    log = SaveStore(tmp_path / "a").read(autosave_slot("help-desk")).log
    assert log
    again = play(
        "help-desk", "--seed", "3", "--replay", ",".join(log), stdin="", save_dir=tmp_path / "b"
    )
    assert again.returncode == 0, again.stderr
    assert f"Replayed {len(log)} choices from --replay:" in again.stdout
    recap = again.stdout.split("from --replay:\n")[1].split("\n\n")[0].splitlines()
    turns = int(again.stdout.split("Turns played: ")[1].split()[0])
    assert len(recap) == turns  # a line per turn: this game was replayed to its end
    assert recap[0].startswith("  Q1 2026: ")
    assert ending_line(again.stdout) == ending_line(first.stdout)


def test_replay_then_play_on(tmp_path: Path) -> None:
    result = play(str(TINY), "--replay", "work,yes", stdin=ALL_ONES, save_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    recap = "Replayed 2 choices from --replay:\n  Q1 2026: Work hard; Something happens: Accept.\n"
    assert recap in result.stdout
    assert "--- Q2 2026 (turn 2 of 6) ---" in result.stdout
    assert "--- Q1 2026" not in result.stdout
    assert ending_line(result.stdout)


def test_a_replay_that_stops_at_an_event_recaps_the_action_taken(tmp_path: Path) -> None:
    # The turn's action is made, its event is waiting: the recap names every choice.
    result = play(str(TINY), "--replay", "work", stdin="", save_dir=tmp_path)
    recap = result.stdout.split("from --replay:\n")[1].split("\n\n")[0]
    assert recap == "  Q1 2026: Work hard."
    assert "Something happens" in result.stdout.split(recap)[1]  # the event, asked next


@pytest.mark.parametrize(
    ("replay", "message"),
    [
        ("work,fly", "choice 2 of the log: 'fly' is not an option now"),
        ("promote:lead", "is not an option now"),
        ("work,yes," + "work," * 10, "comes after the game ended"),
    ],
)
def test_bad_replay_exits_2_with_a_message(replay: str, message: str, tmp_path: Path) -> None:
    result = play(str(TINY), "--replay", replay, stdin=ALL_ONES, save_dir=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith("careerquest: --replay: ")


def test_a_bad_replay_lists_only_the_open_options(tmp_path: Path) -> None:
    result = play("help-desk", "--replay", "work", stdin="", save_dir=tmp_path)
    assert result.returncode == 2
    listed = result.stderr.split("(open options: ")[1].split(")")[0].split(", ")
    assert "do_the_job" in listed
    assert "promote:shift_supervisor" not in listed  # locked on the first turn


def test_the_full_screen_game_refuses_a_bad_replay_before_it_starts(tmp_path: Path) -> None:
    # No terminal is needed to find the mistake: the replay is checked first.
    result = careerquest(str(TINY), "--replay", "work,fly", "--save-dir", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("careerquest: --replay: choice 2 of the log: 'fly'")
    result = careerquest("--replay", "work", "--save-dir", str(tmp_path))
    assert result.returncode == 2
    assert "--replay, --background and --goals need a SCENARIO" in result.stderr


def test_name_is_used(tmp_path: Path) -> None:
    result = play(str(TINY), "--name", "Sam Lee", stdin=ALL_ONES, save_dir=tmp_path)
    assert "You play Sam Lee." in result.stdout


def test_a_save_that_fails_is_reported_and_exits_1(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    result = play(str(TINY), stdin="1\n1\n", save_dir=not_a_folder)
    assert result.returncode == 1
    assert "careerquest: warning: could not autosave: " in result.stderr
    reason = f"the game could not be saved: {not_a_folder} is a file, so it cannot be the save"
    assert f"careerquest: {not_a_folder / 'autosave-tiny.toml'}: {reason}" in result.stderr
    assert "Saved to" not in result.stdout
    # A file higher up is the one named, not the folder that cannot be made under it.
    result = play(str(TINY), stdin="1\n", save_dir=not_a_folder / "saves")
    assert result.returncode == 1
    assert f"saved: {not_a_folder} is a file" in result.stderr


def test_rules_go_with_a_replay_only() -> None:
    result = careerquest("play", "--plain", "--rules", "1")
    assert result.returncode == 2
    assert result.stderr == (
        "careerquest: --rules goes with --replay: new games use today's rules\n"
    )
