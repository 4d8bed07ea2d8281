"""``careerquest test``: the bundled scenarios' own [[tests]], and the runner's verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from careerquest.authoring.scenario_tests import ScenarioTestResult, run_test, run_tests
from careerquest.cli import main
from careerquest.engine.game import replay
from careerquest.engine.setup import Setup
from careerquest.scenario.loader import check_file, load_scenario
from minimal_scenario import write_scenario

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "scenarios").glob("*.toml"))


def bundled_tests() -> list[tuple[Path, int]]:
    """(file, test index) for every test; index -1 for a file that does not load."""
    cases: list[tuple[Path, int]] = []
    for path in BUNDLED:
        scenario, _ = check_file(path)
        if scenario is None:
            cases.append((path, -1))
        else:
            cases.extend((path, i) for i in range(len(scenario.tests)))
    return cases


CASES = bundled_tests()


@pytest.mark.parametrize(("path", "index"), CASES, ids=[f"{p.stem}-{i}" for p, i in CASES])
def test_bundled_scenario_test_passes(path: Path, index: int) -> None:
    scenario = load_scenario(path)  # raises with every error when the file does not load
    result = run_test(scenario, scenario.tests[index])
    assert result.passed, result.format()


def run(tmp_path: Path, test: str) -> ScenarioTestResult:
    scenario = load_scenario(write_scenario(tmp_path, "\n[[tests]]\n" + test))
    (result,) = run_tests(scenario)
    return result


def test_passing_test(tmp_path: Path) -> None:
    test = 'name = "studying pays"\nchoices = ["study", "study"]\nending = "career"\n'
    result = run(tmp_path, test + 'expect = "skill >= 30"\n')
    assert result.passed
    assert result.format() == "PASS mini: studying pays"
    assert result.log == ("study", "study", "work", "work")  # the "first" policy finished it


def test_wrong_ending_fails_with_a_replay_command(tmp_path: Path) -> None:
    result = run(tmp_path, 'name = "no study"\nseed = 5\nending = "career"\n')
    assert not result.passed
    assert result.problems == ("expected ending 'career', got 'job'",)
    path = tmp_path / "mini.toml"
    assert result.format() == (
        f"FAIL mini: no study — expected ending 'career', got 'job' "
        f"(replay: careerquest play {path} --plain --seed 5 --replay work,work,work,work)"
    )


def test_unmet_expectation_fails(tmp_path: Path) -> None:
    result = run(tmp_path, 'name = "rich"\nexpect = "cash >= 100000 and skill >= 0"\n')
    assert not result.passed
    assert "expected `cash >= 100000 and skill >= 0` at the end" in result.problems[0]
    assert "Cash at least $100,000" in result.problems[0]
    # What the stats it reads came to, so the author sees how far off the game was.
    game = replay(load_scenario(tmp_path / "mini.toml"), result.seed, Setup(), result.log)
    cash, skill = game.stat_value("cash"), game.stat_value("skill")
    assert result.problems[0].endswith(f"(the game ended with Cash {cash}, Skill {skill})")


@pytest.mark.parametrize(
    ("test", "problem"),
    [
        ('choices = ["work", "work", "work", "work", "work"]', "choice 5 ('work') comes after"),
        ('policy = "genius"', "unknown policy 'genius'"),
    ],
    ids=["after the end", "unknown policy"],
)
def test_bad_test_fails_with_a_reason(tmp_path: Path, test: str, problem: str) -> None:
    result = run(tmp_path, f'name = "bad"\n{test}\n')
    assert not result.passed
    assert problem in result.problems[0]


def test_locked_option_fails_with_a_replay_up_to_it(tmp_path: Path) -> None:
    extra = '\n[actions.rest]\nlabel = "Rest"\ncategory = "rest"\nrequires = "skill >= 50"\n'
    test = '\n[[tests]]\nname = "rest"\nchoices = ["work", "rest", "work"]\n'
    (result,) = run_tests(load_scenario(write_scenario(tmp_path, extra + test)))
    assert "choice 2: 'Rest' is locked: needs" in result.problems[0]
    # Replayed, the command stops at the decision where the test went wrong.
    assert result.log == ("work",)
    assert result.replay_command().endswith("--replay work")


def test_an_option_no_decision_offers_is_refused_when_loading(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, '\n[[tests]]\nname = "typo"\nchoices = ["work", "stdy"]\n')
    _, diagnostics = check_file(path)
    assert [(d.code, d.key_path, d.suggestion) for d in diagnostics] == [
        ("unknown-option", "tests[0].choices[1]", "study")
    ]


def test_a_test_with_two_goals_of_one_term_is_refused_when_loading(
    tmp_path: Path, tiny_path: Path
) -> None:
    """check said nothing, and test failed with a replay command that exited 2."""
    text = tiny_path.read_text(encoding="utf-8")
    tests = '\n[[tests]]\nname = "twice"\ngoals = ["grow", "cover", "grow"]\n'
    path = tmp_path / "tiny.toml"
    path.write_text(text + tests, encoding="utf-8")
    _, diagnostics = check_file(path)
    assert [(d.code, d.key_path, d.message) for d in diagnostics] == [
        (
            "value",
            "tests[0].goals[2]",
            "goals 'grow' and 'grow' are both long-term; a test, like a player, picks at most "
            "one goal of each term",
        )
    ]


def test_random_policy_is_seeded(tmp_path: Path) -> None:
    first = run(tmp_path, 'name = "monkey"\nseed = 3\npolicy = "random"\n')
    again = run(tmp_path, 'name = "monkey"\nseed = 3\npolicy = "random"\n')
    assert first.passed
    assert first.log == again.log


def test_command_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_scenario(tmp_path, '\n[[tests]]\nname = "fine"\n')
    assert main(["test", str(good)]) == 0
    assert capsys.readouterr().out.splitlines() == ["PASS mini: fine", "1 test: 1 passed, 0 failed"]

    (tmp_path / "bad").mkdir()
    bad = write_scenario(tmp_path / "bad", '\n[[tests]]\nname = "wrong"\nending = "career"\n')
    assert main(["test", "--format", "json", str(good), str(bad)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["passed"], document["failed"]) == (1, 1)
    failed = document["results"][1]
    assert failed["name"] == "wrong"
    assert failed["ending"] == "job"
    assert failed["replay"].startswith("careerquest play ")


def test_command_reports_files_that_do_not_load(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("[scenario\n", encoding="utf-8")
    assert main(["test", str(broken), str(tmp_path / "missing.toml")]) == 1
    out = capsys.readouterr().out
    assert "toml-syntax" in out
    assert "no such file or folder" in out
