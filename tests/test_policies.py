"""Policies: they only pick open options, always finish a game, and do what they promise."""

from __future__ import annotations

import random
import statistics
from pathlib import Path

import pytest

from careerquest.authoring.policies import (
    POLICY_NAMES,
    compared_policies,
    get_policy,
)
from careerquest.engine.game import Game
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario
from minimal_scenario import write_scenario

ROOT = Path(__file__).parent.parent
SCENARIOS = [
    path
    for path in (ROOT / "tests" / "data" / "tiny.toml", ROOT / "scenarios" / "help-desk.toml")
    if path.exists()
]


@pytest.fixture(scope="module", params=SCENARIOS, ids=lambda p: p.stem)
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return load_scenario(request.param)


def names(scenario: Scenario) -> list[str]:
    return ["first", *compared_policies(scenario), *(f"greedy:{s.id}" for s in scenario.stats)]


def play(scenario: Scenario, name: str, seed: int) -> Game:
    """Play a game with a policy, checking that every pick is open when it is made."""
    policy = get_policy(name, scenario)
    game, rng = Game(scenario, seed), random.Random(seed)
    while game.decision is not None:
        choice = policy.choose(game, rng)
        assert choice in {o.id for o in game.decision.open_options()}, (name, seed, choice)
        game.choose(choice)
    return game


def test_every_policy_picks_open_options_and_reaches_an_ending(scenario: Scenario) -> None:
    for name in dict.fromkeys(names(scenario)):
        for seed in range(3):
            game = play(scenario, name, seed)
            assert game.ending is not None
            assert len(game.history) <= scenario.turns


def test_a_policy_replays_the_same_game_from_the_same_seeds(scenario: Scenario) -> None:
    for name in ("random", "coverage", "balanced"):
        assert play(scenario, name, 7).log == play(scenario, name, 7).log


def test_coverage_forgets_between_games(tiny: Scenario) -> None:
    """Counts are per game: a reused policy object plays a game as a fresh one does."""
    reused = get_policy("coverage", tiny)
    for seed in range(2):
        game, rng = Game(tiny, seed), random.Random(seed)
        while game.decision is not None:
            game.choose(reused.choose(game, rng))
        assert game.log == play(tiny, "coverage", seed).log


def test_greedy_raises_its_stat_more_than_random(tiny: Scenario) -> None:
    def median(name: str) -> float:
        return statistics.median(play(tiny, name, seed).stat_value("skill") for seed in range(60))

    assert median("greedy:skill") >= median("random") + 15


def test_greedy_on_money_takes_the_paid_job_first(tiny: Scenario) -> None:
    game = Game(tiny, 1)
    assert get_policy("greedy:savings", tiny).choose(game, random.Random(1)) == "apply:clerk"


def test_personas_lean_their_own_way(tiny: Scenario) -> None:
    def categories(name: str) -> list[str]:
        return [r.category for seed in range(20) for r in play(tiny, name, seed).history]

    learner, earner = categories("learner"), categories("earner")
    assert learner.count("work") < earner.count("work")
    assert learner.count("study") + learner.count("learning") > earner.count("learning")
    assert "enroll:course" not in {r.action for r in play(tiny, "earner", 0).history}


def test_unknown_names_list_the_known_ones_and_suggest(tiny: Scenario) -> None:
    with pytest.raises(ValueError, match=r"known: random, first.*did you mean 'random'"):
        get_policy("randon", tiny)
    with pytest.raises(ValueError, match=r"stats: skill, savings.*did you mean 'skill'"):
        get_policy("greedy:skil", tiny)
    assert "greedy:STAT" in POLICY_NAMES


def test_all_compares_personas_and_greedy_on_shown_stats_but_debt(tiny: Scenario) -> None:
    assert compared_policies(tiny) == [
        "random",
        "coverage",
        "learner",
        "earner",
        "balanced",
        "greedy:skill",
        "greedy:savings",
        "greedy:mood",
    ]


def test_greedy_on_money_counts_a_jobs_bonus_and_stock(tmp_path: Path) -> None:
    """Two jobs with the same salary: the one with a bonus and stock pays more per year."""
    jobs = """
[roles.plain]
title = "Plain job"
entry = true
pay = { salary = 40000 }

[roles.perks]
title = "Job with perks"
entry = true
pay = { salary = 40000, bonus = 3000, stock = 2000 }
"""
    scenario = load_scenario(write_scenario(tmp_path, jobs))
    greedy = get_policy("greedy:cash", scenario)
    choices = {greedy.choose(Game(scenario, seed), random.Random(seed)) for seed in range(5)}
    assert choices == {"apply:perks"}


OWED = """
[stats.owed]
label = "Owed"
kind = "money"
min = 0
start = 1000
better = "lower"

[actions.borrow]
label = "Borrow"
category = "work"
effects = { cash = "+300", owed = "+300" }

[actions.repay]
label = "Repay"
category = "work"
effects = { cash = "-200", owed = "-200" }

[[events]]
id = "offer"
text = "A card offer arrives."
[[events.choices]]
id = "take"
label = "Take the card"
effects = { owed = "+500" }
[[events.choices]]
id = "pay"
label = "Pay something off"
effects = { owed = "-100" }
"""


@pytest.fixture
def owing(tmp_path: Path) -> Scenario:
    """A stat that is better lower but not the debt: what ``better`` says, nothing else."""
    return load_scenario(write_scenario(tmp_path, OWED))


def test_greedy_on_a_stat_better_lower_pushes_it_down(owing: Scenario) -> None:
    game = Game(owing, 1)
    assert get_policy("greedy:owed", owing).choose(game, random.Random(1)) == "repay"
    assert get_policy("greedy:cash", owing).choose(game, random.Random(1)) == "borrow"


def test_balanced_counts_a_rise_of_debt_as_a_setback(owing: Scenario) -> None:
    game = Game(owing, 1)
    game.choose("work")
    assert game.decision is not None
    assert game.decision.event == "offer"
    assert get_policy("balanced", owing).choose(game, random.Random(1)) == "pay"


def test_all_leaves_out_stats_better_lower(owing: Scenario) -> None:
    assert "greedy:owed" not in compared_policies(owing)
    assert "greedy:cash" in compared_policies(owing)


STRESS = """
[stats.stress]
label = "Stress"
kind = "percent"
start = 50
better = "lower"

[[events]]
id = "deadline"
text = "A deadline looms."
[[events.choices]]
id = "push"
label = "Push through"
effects = { stress = "+10" }
[[events.choices]]
id = "breathe"
label = "Take a breath"
effects = { stress = "-10" }
"""


def test_learner_lowers_what_is_better_lower(tmp_path: Path) -> None:
    scenario = load_scenario(write_scenario(tmp_path, STRESS))
    game = Game(scenario, 1)
    game.choose("work")
    assert game.decision is not None
    assert game.decision.event == "deadline"
    assert get_policy("learner", scenario).choose(game, random.Random(1)) == "breathe"
