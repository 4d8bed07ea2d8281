"""Run a scenario's ``[[tests]]``: scripted playthroughs that must reach a given ending.

A test plays its ``choices`` (option ids, as in a save's choice log), then lets a policy
finish the game, and checks the ending and the ``expect`` condition. Everything is seeded,
so a failure comes with the exact ``careerquest play`` command that replays it.
"""

from __future__ import annotations

import random
import shlex
from dataclasses import asdict, dataclass

from careerquest.authoring.policies import get_policy
from careerquest.engine.errors import GameError
from careerquest.engine.game import Game, ReplayError, replay
from careerquest.engine.setup import Setup
from careerquest.scenario.runtime import Scenario, TestDef

DEFAULT_POLICY = "first"


@dataclass(frozen=True, slots=True)
class ScenarioTestResult:
    """One test's verdict, with what is needed to replay the game it played."""

    scenario: str
    path: str
    name: str
    passed: bool
    problems: tuple[str, ...]
    ending: str | None
    seed: int
    log: tuple[str, ...]
    background: str | None
    goals: tuple[str, ...]

    def replay_command(self) -> str:
        command = f"careerquest play {shlex.quote(self.path)} --plain --seed {self.seed}"
        if self.background is not None:
            command += f" --background {shlex.quote(self.background)}"
        if self.goals:
            command += f" --goals {shlex.quote(','.join(self.goals))}"
        if self.log:
            command += f" --replay {shlex.quote(','.join(self.log))}"
        return command

    def format(self) -> str:
        if self.passed:
            return f"PASS {self.scenario}: {self.name}"
        replay = f"replay: {self.replay_command()}"
        return f"FAIL {self.scenario}: {self.name} — {'; '.join(self.problems)} ({replay})"

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["replay"] = self.replay_command()
        return data


def run_tests(scenario: Scenario) -> list[ScenarioTestResult]:
    """Every ``[[tests]]`` entry of a scenario, in file order."""
    return [run_test(scenario, test) for test in scenario.tests]


def run_test(scenario: Scenario, test: TestDef) -> ScenarioTestResult:
    """Play one test to the end and judge it; never raises for a bad test."""
    problems: list[str] = []
    game: Game | None = None
    log = test.choices
    try:
        game = _play(scenario, test)
    except ReplayError as exc:
        problems.append(str(exc))
        # The log stops before the failed choice: replayed, it shows the decision it missed.
        log = tuple(exc.game.log)
    except GameError as exc:
        problems.append(str(exc))
    ending = game.ending.id if game is not None and game.ending is not None else None
    if game is not None:
        if test.ending is not None and ending != test.ending:
            problems.append(f"expected ending '{test.ending}', got '{ending}'")
        if test.expect is not None and not test.expect(game.state):
            unmet = "; ".join(test.expect.unmet(game.state))
            values = ", ".join(
                f"{scenario.stat(sid).label} {game.stat_value(sid)}" for sid in test.expect.stats
            )
            problems.append(
                f"expected `{test.expect.source.strip()}` at the end, but not {unmet}"
                + (f" (the game ended with {values})" if values else "")
            )
    return ScenarioTestResult(
        scenario=scenario.id,
        path=scenario.path,
        name=test.name,
        passed=not problems,
        problems=tuple(problems),
        ending=ending,
        seed=test.seed,
        log=tuple(game.log) if game is not None else log,
        background=test.background,
        goals=test.goals,
    )


def _play(scenario: Scenario, test: TestDef) -> Game:
    game = replay(scenario, test.seed, _setup(scenario, test), test.choices, where="")
    try:
        policy = get_policy(test.policy or DEFAULT_POLICY, scenario)
    except ValueError as exc:
        raise GameError(str(exc)) from None
    rng = random.Random(test.seed)  # the policy's own: the game's draws stay the game's
    while not game.over:
        game.choose(policy.choose(game, rng))
    return game


def _setup(scenario: Scenario, test: TestDef) -> Setup:
    terms = {goal.id: goal.term for goal in scenario.goals}
    chosen: dict[str, str] = {}
    for goal_id in test.goals:
        term = terms[goal_id]
        if term in chosen:
            raise GameError(f"goals '{chosen[term]}' and '{goal_id}' are both {term}-term")
        chosen[term] = goal_id
    return Setup(
        background=test.background, short_goal=chosen.get("short"), long_goal=chosen.get("long")
    )
