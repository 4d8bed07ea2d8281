"""The static analysis: one small scenario per finding, each located at line:column."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerquest.authoring.analysis import CODES, analyse
from careerquest.authoring.intervals import Interval, parse, truth
from careerquest.engine.game import Game
from careerquest.engine.setup import Setup
from careerquest.scenario.diagnostics import Diagnostic
from careerquest.scenario.loader import check_file
from minimal_scenario import position, scenario_text, write_scenario

ROOT = Path(__file__).resolve().parent.parent

REST = '\n[actions.rest]\nlabel = "Rest"\ncategory = "rest"\n'
GOALS = """
[goals.short]
term = "short"
label = "Short"
achieved = "{short}"

[goals.long]
term = "long"
label = "Long"
achieved = "skill >= 50"
"""
LATE_ENDING = """[[endings]]
id = "late"
title = "Late"
class = "job"
when = "{when}"
text = "Late."

[[endings]]
id = "job\""""

# (case id, extra text, replacements, expected code, snippet, offset of the position)
CASES: list[tuple[str, str, dict[str, str], str, str, int]] = [
    ("beyond bounds", REST + 'when = "skill > 100"\n', {}, "never-true", "skill > 100", 0),
    (
        "contradiction",
        REST + 'requires = "skill > 50 and skill < 20"\n',
        {},
        "never-true",
        "skill > 50 and",
        0,
    ),
    (
        "whole numbers",
        REST + 'requires = "skill > 50 and skill < 51"\n',
        {},
        "never-true",
        "skill > 50 and",
        0,
    ),
    ("always", REST + 'when = "skill >= 0 or cash > 5"\n', {}, "always-true", "skill >= 0", 0),
    (
        "event",
        '\n[[events]]\nid = "late"\ntext = "Late."\nwhen = "turn > 4"\n'
        '[[events.choices]]\nlabel = "Ok"\n',
        {},
        "never-fires",
        "turn > 4",
        0,
    ),
    (
        "ending",
        "",
        {'when = "skill >= 30"': 'when = "skill * 2 > 200"'},
        "unreachable-ending",
        "skill * 2",
        0,
    ),
    (
        "shadowed",
        "",
        {'[[endings]]\nid = "job"': LATE_ENDING.format(when="skill >= 40")},
        "shadowed-ending",
        '[[endings]]\nid = "late"',
        0,
    ),
    (
        "identical",
        "",
        {'[[endings]]\nid = "job"': LATE_ENDING.format(when="skill >= 30")},
        "shadowed-ending",
        '[[endings]]\nid = "late"',
        0,
    ),
    ("goal", GOALS.format(short="skill < 0"), {}, "unreachable-goal", "skill < 0", 0),
    ("goal met at once", GOALS.format(short="cash >= 100"), {}, "true-at-start", "cash >= 100", 0),
    (
        "program",
        '\n[programs.phd]\ntitle = "PhD"\nkind = "degree"\nturns = 2\nprerequisites = "age > 90"\n',
        {},
        "unreachable-program",
        "age > 90",
        0,
    ),
    (
        "program needing itself",
        '\n[programs.night]\ntitle = "Night"\nkind = "course"\nturns = 1\n'
        'prerequisites = "done.night"\n',
        {},
        "unreachable-program",
        "done.night",
        0,
    ),
    ("role", '\n[roles.hermit]\ntitle = "Hermit"\n', {}, "unreachable-role", "hermit]", 0),
    (
        "ladder",
        '\n[roles.clerk]\ntitle = "Clerk"\nentry = true\nladder = ["boss"]\n'
        '\n[roles.boss]\ntitle = "Boss"\nrequires = "skill > 200"\n',
        {},
        "dead-end-ladder",
        '["boss"]',
        2,  # inside the quotes, where an unknown role in a ladder is reported too
    ),
    (
        "zero change",
        "",
        {'skill = "+10" }': 'skill = "+10", cash = "+0" }'},
        "no-op-effect",
        '"+0"',
        1,
    ),
    ("empty range", "", {'cash = "+100"': 'cash = "0..0"'}, "no-op-effect", '"0..0"', 1),
    ("zero fairmath", "", {'skill = "+10"': 'skill = "%+0"'}, "no-op-effect", '"%+0"', 1),
    ("clamped", "", {'skill = "+10"': 'skill = "=150"'}, "clamped-effect", '"=150"', 1),
    (
        "ambiguous minus",
        "",
        {'cash = "+100"': 'cash = "-skill - 5"'},
        "ambiguous-minus",
        '"-skill - 5"',
        1,
    ),
    (
        "unused stat",
        '\n[stats.luck]\nlabel = "Luck"\nkind = "count"\n',
        {},
        "unused-stat",
        "luck]",
        0,
    ),
    (
        "hidden and unread",
        '\n[stats.calm]\nlabel = "Calm"\nkind = "percent"\nhidden = true\n',
        {'skill = "+10"': 'skill = "+10", calm = "+1"'},
        "unused-stat",
        "calm]",
        0,
    ),
    (
        "constant",
        '\n[stats.luck]\nlabel = "Luck"\nkind = "count"\n',
        {'when = "skill >= 30"': 'when = "skill >= 30 or luck > 0"'},
        "constant-stat",
        "luck]",
        0,
    ),
    (
        "debt shown as a gain",
        '\n[stats.owed]\nlabel = "Owed"\nkind = "money"\nmin = 0\n',
        {'wallet = "cash"': 'wallet = "cash"\ndebt = "owed"'},
        "debt-not-lower",
        "owed]",
        0,
    ),
    (
        "unread flag",
        "",
        {'skill = "+10"': 'skill = "+10", "flag.tired" = true'},
        "unread-flag",
        '"flag.tired"',
        0,
    ),
    (
        "unread credential",
        '\n[programs.course]\ntitle = "Course"\nkind = "course"\nturns = 1\ncredential = "badge"\n',
        {},
        "unread-credential",
        'credential = "badge"',
        0,
    ),
    (
        "unset flag",
        "",
        {
            'skill = "+10"': 'skill = "+10", flag = { ghost = false }',
            'when = "skill >= 30"': 'when = "skill >= 30 or flag.ghost"',
        },
        "unset-flag",
        "ghost = false",
        0,
    ),
    (
        "hopeless check",
        "",
        {
            'effects = { skill = "+10" }': 'effects = { skill = "+10" }\n'
            'check = { stat = "skill", difficulty = 300 }'
        },
        "fixed-check",
        "difficulty = 300",
        0,
    ),
]


@pytest.mark.parametrize(
    ("amount", "warned"),
    [
        ("-skill - 5", "'-skill - 5' subtracts the whole of 'skill - 5', which is '-skill + 5'"),
        ("-skill + 5 - cash", "which is '-skill - 5 + cash'"),
        ("-(skill - 5)", ""),
        ("-(skill) - (5)", "which is '-skill + 5'"),
        ("-skill * 2", ""),
        ("+skill - 5", ""),
    ],
)
def test_a_minus_before_a_sum_is_pointed_out(tmp_path: Path, amount: str, warned: str) -> None:
    path = write_scenario(tmp_path, "", {'cash = "+100"': f'cash = "{amount}"'})
    found = [d.message for d in findings(path) if d.code == "ambiguous-minus"]
    assert [m for m in found if warned in m] == found
    assert bool(found) == bool(warned)


@pytest.mark.parametrize(
    ("difficulty", "warned"),
    [
        (300, "the chance is 5% whatever Skill is: difficulty 300 is out of reach"),
        (-100, "the chance is 95% whatever Skill is: difficulty -100 is no test"),
        (90, ""),
        (10, ""),
    ],
)
def test_a_check_the_stat_cannot_sway_is_pointed_out(
    tmp_path: Path, difficulty: int, warned: str
) -> None:
    check = f'check = {{ stat = "skill", difficulty = {difficulty} }}'
    edit = {'effects = { skill = "+10" }': 'effects = { skill = "+10" }\n' + check}
    found = [d.message for d in findings(write_scenario(tmp_path, "", edit))]
    fixed = [m for m in found if "whatever Skill is" in m]
    assert fixed == ([f"{warned} for a stat that runs 0..100"] if warned else [])


def findings(path: Path) -> list[Diagnostic]:
    scenario, errors = check_file(path)
    assert scenario is not None, [e.format() for e in errors]
    return analyse(scenario)


@pytest.mark.parametrize(
    ("extra", "replace", "code", "snippet", "offset"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_finding_is_located(
    tmp_path: Path, extra: str, replace: dict[str, str], code: str, snippet: str, offset: int
) -> None:
    path = write_scenario(tmp_path, extra, replace)
    found = [d for d in findings(path) if d.code == code]
    assert len(found) == 1, [d.format() for d in findings(path)]
    line, column = position(scenario_text(extra, replace), snippet, offset)
    assert (found[0].line, found[0].column) == (line, column), found[0].format()
    assert found[0].severity == "warning"
    assert found[0].file == str(path)


@pytest.mark.parametrize(
    "replace",
    [
        {'when = "skill >= 30"': 'when = "skill * 2 > 200"'},  # never holds
        {
            'when = "skill >= 30"': 'when = "skill >= 30"\n',
            '[[endings]]\nid = "career"': (
                '[[endings]]\nid = "all"\ntitle = "All"\nclass = "job"\nwhen = "skill >= 0"\n'
                'text = "All."\n\n'
                '[[endings]]\nid = "career"'
            ),
        },  # an earlier ending catches every game
    ],
    ids=["never-holds", "after-a-catch-all"],
)
def test_a_scenario_test_expecting_a_dead_ending_can_never_pass(
    tmp_path: Path, replace: dict[str, str]
) -> None:
    extra = '\n[[tests]]\nname = "reaches a career"\nending = "career"\n'
    path = write_scenario(tmp_path, extra, replace)
    found = [d for d in findings(path) if d.key_path == "tests[0].ending"]
    assert [(d.code, d.message) for d in found] == [
        (
            "never-true",
            "test 'reaches a career' can never pass: it expects ending 'career', which no game "
            "reaches (see that ending's warning)",
        )
    ]
    line, column = position(scenario_text(extra, replace), 'ending = "career"', 10)
    assert (found[0].line, found[0].column) == (line, column)


def test_every_code_is_exercised_and_documented() -> None:
    assert {case[3] for case in CASES} == set(CODES)
    tools = (ROOT / "docs" / "TOOLS.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in tools, f"docs/TOOLS.md does not explain {code}"


@pytest.mark.parametrize(
    "data", [ROOT / "tests" / "data" / "tiny.toml", None], ids=["tiny", "minimal"]
)
def test_clean_scenario_has_no_findings(tmp_path: Path, data: Path | None) -> None:
    path = data or write_scenario(tmp_path)
    assert findings(path) == []


def test_analyse_reads_the_file_when_not_given_the_source(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, REST + 'when = "skill > 100"\n')
    scenario, _ = check_file(path)
    assert scenario is not None
    source = path.read_text(encoding="utf-8")
    assert analyse(scenario) == analyse(scenario, source)


PROGRAMS_IN_A_CIRCLE = """
[programs.a]
title = "A"
kind = "course"
turns = 1
prerequisites = "done.b"

[programs.b]
title = "B"
kind = "course"
turns = 1
prerequisites = "done.a or skill > 200"
"""


def test_programs_that_need_each_other_first_are_unreachable(tmp_path: Path) -> None:
    found = findings(write_scenario(tmp_path, PROGRAMS_IN_A_CIRCLE))
    assert [(d.key_path, d.code) for d in found] == [
        ("programs.a.prerequisites", "unreachable-program"),
        ("programs.b.prerequisites", "unreachable-program"),
    ]
    assert found[1].message == (
        "nobody can ever enrol in program 'b': `done.a or skill > 200` can never hold "
        "(done.a is always false; skill is 0..100)"
    )


def test_a_program_started_by_an_effect_opens_the_circle(tmp_path: Path) -> None:
    replace = {'skill = "+10" }': 'skill = "+10", start_program = "b" }'}
    found = findings(write_scenario(tmp_path, PROGRAMS_IN_A_CIRCLE, replace))
    assert found == []  # b is started by the effect, and a can follow it


def test_a_role_that_needs_itself_held_is_out_of_reach(tmp_path: Path) -> None:
    extra = '\n[roles.chief]\ntitle = "Chief"\nentry = true\nrequires = "held.chief"\n'
    found = findings(write_scenario(tmp_path, extra))
    assert [(d.key_path, d.code, d.message) for d in found] == [
        (
            "roles.chief.requires",
            "never-true",
            "nobody can ever meet the requirements of role 'chief': `held.chief` can never "
            "hold (held.chief is always false): 'chief' would have to come before itself",
        )
    ]


EARLY_ENDING = """[[endings]]
id = "broke"
title = "Broke"
class = "job"
early = true
when = "skill < 20"
text = "Out of luck."

[[endings]]
id = "career\""""

BACKGROUNDS = """
[backgrounds.dropout]
label = "Dropout"
effects = {{ skill = "{dropout}" }}

[backgrounds.graduate]
label = "Graduate"
effects = {{ skill = "=50" }}
"""


@pytest.mark.parametrize(
    ("dropout", "opening"),
    [
        (
            "=5",
            "every seed tried with background 'dropout' (try play --seed 1 --background dropout)",
        ),
        (
            "0..39",
            "{n} of 16 seeds with background 'dropout' (try play --seed {first} --background "
            "dropout)",
        ),
    ],
    ids=["always", "sometimes"],
)
def test_an_early_ending_that_holds_before_the_first_decision_is_found(
    tmp_path: Path, dropout: str, opening: str
) -> None:
    replace = {'[[endings]]\nid = "career"': EARLY_ENDING}
    path = write_scenario(tmp_path, BACKGROUNDS.format(dropout=dropout), replace)
    scenario, _ = check_file(path)
    assert scenario is not None
    ended = [
        seed
        for seed in range(1, 17)
        if Game(scenario, seed, Setup(background="dropout"), quiet=True).over
    ]
    assert ended
    graduate = [Game(scenario, s, Setup(background="graduate"), quiet=True) for s in range(1, 17)]
    assert not any(game.over for game in graduate)
    found = [d for d in findings(path) if d.code == "true-at-start"]
    assert [(d.key_path, d.message) for d in found] == [
        (
            "endings[0].when",
            "early ending 'broke' ends the game before the player's first decision: "
            + opening.format(n=len(ended), first=ended[0]),
        )
    ]


def test_a_goal_every_opening_meets_says_so(tmp_path: Path) -> None:
    path = write_scenario(tmp_path, GOALS.format(short="cash >= 100"))
    found = [d for d in findings(path) if d.code == "true-at-start"]
    assert [d.message for d in found] == [
        "goal 'short' is met before the player's first decision: in every opening tried (16 seeds)"
    ]


def test_a_role_out_of_reach_for_another_reason_does_not_blame_itself(tmp_path: Path) -> None:
    extra = (
        '\n[roles.chief]\ntitle = "Chief"\nentry = true\n'
        'requires = "not held.chief and skill > 200"\n'
    )
    [found] = findings(write_scenario(tmp_path, extra))
    assert found.code == "never-true"
    assert "before itself" not in found.message


def test_a_stat_that_cannot_move_is_one_warning_for_all_its_changes(tmp_path: Path) -> None:
    extra = '\n[stats.calm]\nlabel = "Calm"\nkind = "count"\nmin = 3\nmax = 3\nstart = 3\n'
    replace = {
        'effects = { cash = "+100" }': 'effects = { cash = "+100", calm = "+1" }',
        'effects = { skill = "+10" }': 'effects = { skill = "+10", calm = "-1" }',
    }
    path = write_scenario(tmp_path, extra, replace)
    found = [d for d in findings(path) if d.code == "no-op-effect"]
    assert [(d.key_path, d.message) for d in found] == [
        (
            "stats.calm.max",
            "'calm': min and max are both 3, so nothing can move it: the 2 changes at "
            "actions.work.effects.calm, actions.study.effects.calm do nothing",
        )
    ]


def test_role_given_by_an_effect_is_reachable(tmp_path: Path) -> None:
    extra = '\n[roles.hermit]\ntitle = "Hermit"\nrequires = "skill > 200"\n'
    replace = {'skill = "+10" }': 'skill = "+10", take_role = "hermit" }'}
    codes = {d.code for d in findings(write_scenario(tmp_path, extra, replace))}
    assert "unreachable-role" not in codes
    assert "never-true" in codes  # nobody can apply: only the effect hands it out


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("skill > 50 and skill < 51", "never"),
        ("not (skill > 5) and skill > 5", "never"),
        ("skill >= 0", "always"),
        ("skill > 5 or skill <= 5", "always"),
        ("skill + skill > 200", "never"),
        ("skill / 2 <= 50", "always"),
        ("0 < skill < 10", "maybe"),
        ('role == "a" and role == "b"', "never"),
        ('role != "a" or role != "b"', "always"),
        ("flag.x and not flag.x", "never"),
        ("flag.x == true and flag.x != true", "never"),
        ("cash * 0 == 0", "always"),
        ("cash > 1e9", "maybe"),
    ],
)
def test_interval_reasoning(condition: str, expected: str) -> None:
    env = {
        "skill": Interval(0, 100),
        "cash": Interval(float("-inf"), float("inf")),
        "role": frozenset({"", "a", "b"}),
    }
    assert truth(parse(condition), env) == expected


def test_strict_turns_warnings_into_a_failure(tmp_path: Path) -> None:
    noisy = write_scenario(tmp_path, REST + 'when = "skill > 100"\n')
    (tmp_path / "clean").mkdir()
    clean = write_scenario(tmp_path / "clean")

    def check(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "careerquest", "check", *args]
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    loose, strict = check(str(noisy)), check("--strict", str(noisy))
    assert loose.returncode == 0, loose.stdout + loose.stderr
    assert strict.returncode == 1
    assert "warning:" in strict.stdout
    assert "[never-true]" in strict.stdout
    assert check("--strict", str(clean)).returncode == 0


def test_a_hidden_debt_needs_no_direction(tmp_path: Path) -> None:
    """A hidden stat shows no change, so its colour cannot mislead anyone."""
    extra = '\n[stats.owed]\nlabel = "Owed"\nkind = "money"\nmin = 0\nhidden = true\n'
    path = write_scenario(tmp_path, extra, {'wallet = "cash"': 'wallet = "cash"\ndebt = "owed"'})
    assert "debt-not-lower" not in {d.code for d in findings(path)}
