"""Regressions for defects found in review: each test failed before its fix."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from careerquest.engine.game import Game
from careerquest.engine.verdict import FactorResult, verdict
from careerquest.scenario.loader import check_file, check_source, load_scenario

BASE = (Path(__file__).parent / "data" / "tiny.toml").read_text(encoding="utf-8")


def scenario_from(tmp_path: Path, *edits: tuple[str, str]) -> Path:
    text = BASE
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    return path


def play_randomly(path: Path, seeds: int = 20) -> None:
    scenario = load_scenario(path)
    for seed in range(seeds):
        game = Game(scenario, seed)
        rng = random.Random(seed)
        while not game.over:
            game.choose(rng.choice(game.decision.open_options()).id)


@pytest.mark.parametrize(
    "edit",
    [
        ('savings = "+200"', 'savings = "+1e999"'),
        ("pay = { salary = 40000 }", "pay = { salary = 9999999999999999999999999999 }"),
        ("start = 2000", "start = " + "9" * 40),
        ("hourly = 15", "hourly = inf"),
    ],
)
def test_huge_numbers_are_load_errors_not_crashes(tmp_path: Path, edit: tuple[str, str]) -> None:
    scenario, diagnostics = check_file(scenario_from(tmp_path, edit))
    assert scenario is None
    assert diagnostics


def test_runaway_growth_is_capped_instead_of_overflowing(tmp_path: Path) -> None:
    play_randomly(
        scenario_from(tmp_path, ('savings = "+200"', 'savings = "=savings * savings + 2"'))
    )


def test_deep_nesting_is_a_diagnostic(tmp_path: Path) -> None:
    _, diagnostics = check_source("x = " + "[" * 700 + "]" * 700, "deep.toml")
    assert [d.code for d in diagnostics] == ["toml-syntax"]
    assert "nested too deeply" in diagnostics[0].message


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.encode("utf-8"))
    assert check_file(path)[0] is not None


def test_the_chance_rolled_is_the_chance_shown(tmp_path: Path) -> None:
    path = scenario_from(
        tmp_path,
        (
            'effects = { skill = "%+10" }',
            'effects = { skill = "-40" }\ncheck = { stat = "skill", difficulty = 10 }',
        ),
        ('kind = "percent"\nstart = 10', 'kind = "percent"\nstart = 50'),
    )
    game = Game(load_scenario(path), seed=1)
    assert game.decision is not None
    shown = game.decision.option("study").check
    assert shown is not None
    assert shown.chance == 95  # skill 50 against 10, before the action's -40
    outcome = game.choose("study")
    assert f"Skill check ({shown.describe()})" in " ".join(outcome.messages)
    assert outcome.checks[0].chance == shown.chance


def test_a_role_listed_twice_is_an_error(tmp_path: Path) -> None:
    _, diagnostics = check_file(
        scenario_from(tmp_path, ('ladder = ["lead"]', 'ladder = ["lead"]\nlinks = ["lead"]'))
    )
    assert [d.code for d in diagnostics] == ["role-link"]
    assert "listed twice" in diagnostics[0].message


def test_an_early_ending_can_come_from_upkeep(tmp_path: Path) -> None:
    path = scenario_from(
        tmp_path,
        (
            'pay = { hourly = 15, hours = 40, benefits = ["Paid leave"] }',
            'pay = { hourly = 15, hours = 40 }\neffects = { mood = "-70" }',
        ),
    )
    game = Game(load_scenario(path), seed=3)
    game.choose("apply:clerk")
    while not game.over and game.decision.kind == "event":
        game.choose(game.decision.open_options()[0].id)
    assert game.over
    assert game.ending is not None
    assert game.ending.id == "burnout"


def test_invest_share_counts_turns_played(tmp_path: Path) -> None:
    path = scenario_from(tmp_path, ('requires = "mood < 90"', 'requires = "invest_share >= 100"'))
    game = Game(load_scenario(path), seed=4)
    game.choose("study")
    while game.decision.kind == "event":
        game.choose(game.decision.open_options()[0].id)
    rest = game.decision.option("rest")
    assert rest is not None
    assert rest.available


def test_conditions_may_span_lines(tmp_path: Path) -> None:
    path = scenario_from(
        tmp_path, ('when = "mood <= 0"', 'when = """\nmood <= 0 and\n  not flag.mentor"""')
    )
    assert check_file(path)[1] == []


def test_keywords_are_refused_as_ids(tmp_path: Path) -> None:
    _, diagnostics = check_file(scenario_from(tmp_path, ("[stats.mood]", "[stats.class]")))
    assert diagnostics[0].message == "'class' is a reserved word in expressions; choose another id"


def test_a_program_switched_by_its_own_effects_starts_afresh(tmp_path: Path) -> None:
    path = scenario_from(
        tmp_path,
        (
            'effects = { skill = "+5" }\ncredential',
            'effects = { skill = "+5", start_program = "night" }\ncredential',
        ),
        (
            "[actions.work]",
            '[programs.night]\ntitle = "Night school"\nkind = "course"\nturns = 3\n'
            "part_time = true\n\n[actions.work]",
        ),
    )
    game = Game(load_scenario(path), seed=5)
    game.choose("enroll:course")
    while game.decision is not None and game.decision.kind == "event":
        game.choose(game.decision.open_options()[0].id)
    assert game.state.program == "night"
    assert "course" not in game.state.done


def _one_factor(tmp_path: Path, career_when: str, *edits: tuple[str, str]) -> FactorResult:
    """The verdict's one factor, career when ``career_when``, of a game played through by
    always taking the first open option."""
    factor = (
        '[[factors]]\nkind = "fulfilment"\nlabel = "Fulfilment"\n'
        f'career_when = "{career_when}"\ncareer = "yes"\njob = "no"\n\n[[endings]]'
    )
    path = scenario_from(tmp_path, *edits, ("[[endings]]", factor))
    game = Game(load_scenario(path), seed=6)
    while not game.over:
        game.choose(game.decision.open_options()[0].id)
    (result,) = verdict(game).factors
    return result


def test_hidden_stats_stay_out_of_the_verdict(tmp_path: Path) -> None:
    hidden = ('label = "Wellbeing"', 'label = "Secret meter"\nhidden = true')
    factor = _one_factor(tmp_path, "mood > 50", hidden)
    assert not any("Secret meter" in line for line in factor.evidence)


def test_not_over_a_group_reads_as_a_group(tmp_path: Path) -> None:
    path = scenario_from(
        tmp_path, ('requires = "mood < 90"', 'requires = "not (skill > 5 and mood > 5)"')
    )
    game = Game(load_scenario(path), seed=7)
    rest = game.decision.option("rest")
    assert rest is not None
    assert rest.locked_reason == "needs not (Skill above 5 and Wellbeing above 5)"


def test_a_factor_says_what_counts_as_a_career(tmp_path: Path) -> None:
    """The line the author drew, in words: a player at 50 sees why it was not enough."""
    factor = _one_factor(tmp_path, "mood > 50 and savings >= 2500")
    assert factor.rule == "Wellbeing above 50 and Savings at least $2,500"
