"""``careerquest simulate``: determinism, witnesses that replay, coverage, warnings, errors."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from careerquest.authoring.sim_report import (
    PolicyReport,
    Report,
    build_report,
    percentile,
)
from careerquest.authoring.sim_text import render
from careerquest.authoring.sim_warnings import find_warnings
from careerquest.authoring.simulate import SimConfig, default_setup, setup_cycle, simulate
from careerquest.cli import main
from careerquest.engine.errors import GameError
from careerquest.engine.game import Game, replay
from careerquest.engine.setup import Setup
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario
from cli_kit import careerquest

ROOT = Path(__file__).parent.parent
HELP_DESK = ROOT / "scenarios" / "help-desk.toml"


def report_of(scenario: Scenario, **config: Any) -> Report:
    return build_report(simulate(scenario, SimConfig(**config)), scenario.path)


def without_timing(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "timing"}


def run_cli(*args: str, save_dir: Path) -> subprocess.CompletedProcess[str]:
    return careerquest(*args, env={"CAREERQUEST_SAVE_DIR": str(save_dir)})


@pytest.fixture
def odd(tmp_path: Path, tiny_path: Path) -> Path:
    """Tiny, plus an event that cannot fire and an ending that cannot be reached."""
    text = tiny_path.read_text(encoding="utf-8")
    text = text.replace('id = "tiny"', 'id = "odd"')
    text = text.replace(
        "[goals.cover]",
        '[[events]]\nid = "comet"\nwhen = "turn > 99"\ntext = "A comet."\n'
        '[[events.choices]]\nlabel = "Look up"\n\n[goals.cover]',
    )
    text = text.replace(
        '[[endings]]\nid = "career"',
        '[[endings]]\nid = "astronaut"\ntitle = "Astronaut"\nclass = "career"\n'
        'when = "age > 90"\ntext = "Space."\n\n[[endings]]\nid = "career"',
    )
    path = tmp_path / "odd.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_same_seed_gives_the_same_report_whatever_the_jobs(tiny: Scenario) -> None:
    one = report_of(tiny, runs=120, seed=5, policies=("random", "coverage"), jobs=1)
    two = report_of(tiny, runs=120, seed=5, policies=("random", "coverage"), jobs=2)
    assert without_timing(one.to_dict()) == without_timing(two.to_dict())
    assert one.policies[0].runs == 120
    other = report_of(tiny, runs=120, seed=6, jobs=1)
    assert other.policies[0].endings != one.policies[0].endings


def test_cli_json_is_identical_for_one_and_two_jobs(tiny_path: Path, tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        args = ("simulate", str(tiny_path), "--runs", "60", "--jobs", jobs, "--format", "json")
        result = run_cli(*args, save_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""  # no progress bar when stderr is not a terminal
        outputs.append(without_timing(json.loads(result.stdout)))
    assert outputs[0] == outputs[1]
    assert outputs[0]["format"] == "careerquest-simulation"


def test_every_witness_replays_to_its_ending(tiny: Scenario, tmp_path: Path) -> None:
    report = report_of(tiny, runs=200, policies=("random", "learner"))
    assert {w.ending for w in report.witnesses} == {"career", "job"}
    for found in report.witnesses:
        w = found.witness
        setup = Setup(background=w.background, short_goal=w.short_goal, long_goal=w.long_goal)
        game = replay(tiny, w.seed, setup, w.choices)
        assert game.ending is not None
        assert game.ending.id == found.ending
        assert w.default_setup
        args = shlex.split(w.command)
        assert args[:2] == ["careerquest", "play"]
        result = run_cli("play", "--plain", *args[2:], save_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert f"Ending: {found.title} ({found.cls})" in result.stdout


def test_help_desk_witnesses_replay_with_their_setup() -> None:
    help_desk = load_scenario(HELP_DESK)
    terms = [g.term for g in help_desk.goals]
    combinations = len(help_desk.backgrounds) * terms.count("short") * terms.count("long")
    assert len(setup_cycle(help_desk, None)) == combinations > 1
    assert setup_cycle(help_desk, None)[0] == default_setup(help_desk)
    report = report_of(help_desk, runs=40, policies=("random", "balanced"), jobs=2)
    assert report.witnesses
    for found in report.witnesses:
        w = found.witness
        setup = Setup(background=w.background, short_goal=w.short_goal, long_goal=w.long_goal)
        game = replay(help_desk, w.seed, setup, w.choices)
        assert game.ending is not None
        assert game.ending.id == found.ending
        if w.default_setup:
            assert "--background" not in w.command


def test_a_witness_with_its_own_setup_replays_through_play(tmp_path: Path) -> None:
    """The replay command carries --background and --goals when the setup is not the
    default, so `careerquest play` reproduces the very same game."""
    help_desk = load_scenario(HELP_DESK)
    report = report_of(help_desk, runs=24, policies=("random",))
    found = next(f for f in report.witnesses if not f.witness.default_setup)
    args = shlex.split(found.witness.command)
    assert "--background" in args
    assert "--goals" in args
    result = run_cli("play", "--plain", *args[2:], save_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Ending: {found.title} ({found.cls})" in result.stdout


def test_report_names_what_never_happened(odd: Path) -> None:
    scenario = load_scenario(odd)
    report = report_of(scenario, runs=100)
    assert report.coverage.never_fired == ("comet",)
    kinds = {(w.kind, w.message.split("'")[1]) for w in report.warnings}
    assert ("never-fired-event", "comet") in kinds
    assert ("unreachable-ending", "astronaut") in kinds
    assert ("unreachable-ending", "burnout") in kinds
    text = render(report)
    assert "Never fired: comet" in text
    assert "unreachable-ending: ending 'astronaut' (Astronaut) was never reached in 100 games" in (
        text
    )


def test_never_available_and_never_taken_are_listed(tiny: Scenario) -> None:
    report = report_of(tiny, runs=30, policies=("earner",))
    cov = report.coverage
    assert "enroll:course" in cov.never_taken  # open, but an earner avoids paid programs
    assert "promote:lead" in cov.never_available  # an earner never studies up to skill 30
    course = next(o for o in cov.options if o.id == "enroll:course")
    assert course.open_runs == 30
    assert course.taken == 0


def test_a_dominant_ending_is_warned_about(tiny: Scenario) -> None:
    report = report_of(tiny, runs=50, policies=("earner",))
    assert report.policies[0].endings[-1].share == 1.0
    assert [w.kind for w in report.warnings].count("dominant-ending") == 1
    assert "ending 'job' (A job) closes 100% of the 50 finished games" in render(report)


def test_a_dominant_policy_is_warned_about(tiny: Scenario) -> None:
    report = report_of(tiny, runs=40, policies=("learner", "earner", "greedy:savings"))
    policies = report.policies
    assert policies[0].classes["career"] == 1.0
    assert policies[1].classes["career"] == 0.0
    warnings = find_warnings(tiny, policies, report.coverage)
    dominant = [w.message for w in warnings if w.kind == "dominant-policy"]
    assert dominant == [
        "policy learner reaches a career ending in 100% of its games, "
        "every other policy in less than 10%"
    ]
    alone = find_warnings(tiny, policies[:1], report.coverage)
    assert all(w.kind != "dominant-policy" for w in alone)


def with_end_medians(policy: PolicyReport, medians: list[int]) -> PolicyReport:
    stats = tuple(
        replace(s, points=(*s.points[:-1], replace(s.points[-1], p50=m)))
        for s, m in zip(policy.stats, medians, strict=True)
    )
    return replace(policy, stats=stats)


def test_a_policy_best_on_every_stat_dominates(tiny: Scenario) -> None:
    """Stats are skill, savings, debt and mood: for debt, lower is better."""
    report = report_of(tiny, runs=5, policies=("random", "coverage"))
    first, second = report.policies

    def dominant(a: list[int], b: list[int]) -> list[str]:
        policies = [with_end_medians(first, a), with_end_medians(second, b)]
        warnings = find_warnings(tiny, policies, report.coverage)
        return [w.message for w in warnings if w.kind == "dominant-policy"]

    assert dominant([50, 900, 0, 70], [40, 800, 10, 60]) == [
        "policy random ends with the best median on every shown stat: no trade-off between them"
    ]
    assert dominant([50, 900, 0, 70], [40, 800, 0, 60]) == []  # a tie on debt
    assert dominant([50, 900, 20, 70], [40, 800, 10, 60]) == []  # more debt is worse


def test_fail_on_sets_the_exit_status(
    odd: Path, tiny_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["simulate", str(odd), "--runs", "20", "--jobs", "1"]
    assert main(base) == 0
    assert main([*base, "--fail-on", "unreachable-ending"]) == 1
    assert main([*base, "--fail-on", "never-fired-event,errors"]) == 1
    assert main([*base, "--fail-on", "dominant-policy"]) == 0
    capsys.readouterr()
    with pytest.raises(SystemExit) as exc:
        main([*base, "--fail-on", "unreachable-endings"])
    assert exc.value.code == 2
    assert "did you mean 'unreachable-ending'?" in capsys.readouterr().err


def test_errors_are_collected_with_a_witness_and_exit_3(
    tiny_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    choose = Game.choose

    def flaky(self: Game, option_id: str) -> Any:
        if self.seed % 3 == 0 and len(self.log) == 2:
            raise GameError(f"boom at turn {self.turn}")
        return choose(self, option_id)

    monkeypatch.setattr(Game, "choose", flaky)
    args = ["simulate", str(tiny_path), "--runs", "30", "--jobs", "1", "--format", "json"]
    assert main(args) == 3
    document = json.loads(capsys.readouterr().out)
    errors = document["errors"]
    assert sum(e["count"] for e in errors) == 10
    assert {e["type"] for e in errors} == {"GameError"}
    first = errors[0]
    assert first["where"].startswith("test_simulate.py:")
    witness = first["witness"]
    assert witness["seed"] % 3 == 0
    assert len(witness["choices"]) == 2
    assert witness["command"] == (
        f"careerquest play {shlex.quote(str(tiny_path))} --seed {witness['seed']} "
        f"--replay {','.join(witness['choices'])}"
    )
    assert document["policies"][0]["errors"] == 10
    assert document["policies"][0]["completed"] == 20
    assert main(args[:-2]) == 3
    text = capsys.readouterr().out
    assert "Errors: 10 games raised an exception" in text
    assert "  GameError: boom at turn " in text


def test_text_report_reads_well(tiny: Scenario) -> None:
    text = render(report_of(tiny, runs=50, policies=("random",)))
    for heading in (
        "Endings (50 games finished)",
        "Stats: median (10th–90th percentile)",
        "Goals (met share of the games that chose it)",
        "Events, all policies together (50 games)",
        "Event choices:",
        "Turn options:",
        "Never fired: none",
        "Witnesses: one game per ending reached",
        "Errors: none",
        "Warnings",
    ):
        assert heading in text, heading
    assert re.search(r"^  Savings +-?\$[\d.]+k? \(", text, re.MULTILINE)
    long = [line for line in text.splitlines() if len(line) > 100]
    assert all(line.lstrip().startswith("careerquest play ") for line in long), long


def test_policy_all_compares_policies_side_by_side(
    tiny_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["simulate", str(tiny_path), "--runs", "10", "--jobs", "1", "--policy", "all"]) == 0
    text = capsys.readouterr().out
    assert "8 policies" in text
    assert "Endings: share of finished games per policy" in text
    assert "  greedy:mood " in text


def test_setup_flags_fix_or_refuse(tiny_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["simulate", str(tiny_path), "--runs", "5", "--jobs", "1", "--format", "json"]
    assert main([*base, "--goals", "grow,cover"]) == 0
    config = json.loads(capsys.readouterr().out)["config"]
    assert config["setup"] == "fixed"
    assert config["setups"][0]["short_goal"] == "cover"
    assert main([*base, "--goals", "grw"]) == 2
    assert "did you mean 'grow'?" in capsys.readouterr().err
    assert main([*base, "--goals", "cover", "--vary-setup"]) == 2
    assert main([*base, "--policy", "greedy:skil"]) == 2
    assert "did you mean 'skill'?" in capsys.readouterr().err


def test_percentiles_are_values_runs_had() -> None:
    values = sorted([5, 1, 4, 2, 3, 9, 8, 7, 6, 10])
    assert [percentile(values, p) for p in (10, 50, 90)] == [1, 5, 9]
    assert percentile([7], 90) == 7


def test_turn_options_are_worded_as_the_game_words_them() -> None:
    scenario = load_scenario(HELP_DESK)
    labels = {option_id: label for option_id, _, label in scenario.turn_options()}
    assert labels["apply:retail_associate"] == "Apply: Retail sales associate"
    assert labels["apply:cx_strategist"].startswith("Change jobs: ")
    assert labels["apply:support_agent"] == "Apply or change jobs: Customer support agent"
    assert labels["promote:team_lead"].startswith("Go for promotion: ")
    # Each verb the game shows for an option is in the report's label for it.
    game = Game(scenario, 1)
    assert game.decision is not None
    shown = [o for o in game.decision.options if o.kind in ("apply", "move", "promotion")]
    assert {o.kind for o in shown} >= {"move", "promotion"}
    for option in shown:
        verb = option.label.split(":")[0].lower()
        assert verb in labels[option.id].lower(), (option.label, labels[option.id])
