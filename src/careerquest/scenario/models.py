"""The scenario file format, version 1, as closed pydantic models.

These models check the *shape* of a scenario file: which keys exist, their types and ranges.
Whether names refer to things that exist, and whether expressions parse, is checked by
:mod:`careerquest.scenario.compiler`, which turns a validated file into the runtime form the
engine plays. Every model forbids unknown keys so that a typo is an error, not a silent default.
The JSON Schema that editors use is generated from these models (``careerquest schema``).
"""

from __future__ import annotations

import keyword
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from careerquest.scenario.runtime import LIMIT

FORMAT_VERSION = 1


def _not_a_keyword(value: str) -> str:
    if keyword.iskeyword(value):
        raise ValueError(f"'{value}' is a reserved word in expressions; choose another id")
    return value


def as_id(name: str, sep: str = "_") -> str | None:
    """The valid id an author most likely meant: ``Savings`` → ``savings``, ``Sales Lead``
    → ``sales_lead``; ``None`` when nothing id-like is left (or ``name`` is one already)."""
    words = re.findall(r"[a-z0-9]+", name.lower())
    meant = sep.join(words)[:40].strip(sep)
    valid = meant[:1].isalpha() and not keyword.iskeyword(meant)
    return meant if valid and meant != name else None


Amount = Annotated[int, Field(ge=0, le=LIMIT)]
Bound = Annotated[int, Field(ge=-LIMIT, le=LIMIT)]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=40,
        description="A lower-case identifier: letters, digits and underscores.",
    ),
    AfterValidator(_not_a_keyword),
]
ScenarioId = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9-]*$",
        max_length=40,
        description="The scenario's id: lower-case letters, digits and hyphens.",
    ),
]
Condition = Annotated[
    str,
    Field(
        min_length=1,
        max_length=400,
        description="A condition such as `technical >= 40 and flag.mentor` (see AUTHORING.md).",
    ),
]
Text = Annotated[str, Field(max_length=4000)]
Label = Annotated[str, Field(min_length=1, max_length=120)]
Probability = Annotated[float, Field(ge=0, le=1)]

Effects = Annotated[
    dict[str, Any],
    Field(
        json_schema_extra={
            "additionalProperties": {
                "anyOf": [
                    {"type": "string"},
                    {"type": "boolean"},
                    {"type": "object", "additionalProperties": {"type": "boolean"}},
                ]
            }
        },
        description=(
            'Changes to apply: `stat = "+5"` (also `-200`, `=50`, `%+10`, `%-10`, `3..8`), '
            '`"flag.name" = true`, `"cred.name" = true`, `start_program = "id"`, '
            '`take_role = "id"`, `leave_role = true`.'
        ),
    ),
]

TurnUnit = Literal["month", "quarter", "year"]
StatKind = Literal["percent", "money", "count", "level"]
Better = Literal["higher", "lower"]
ProgramKind = Literal[
    "degree", "vocational", "apprenticeship", "bootcamp", "certification", "course"
]
ActionCategory = Literal[
    "work", "study", "training", "networking", "learning", "side_project", "rest"
]
GoalTerm = Literal["short", "long"]
FactorKind = Literal["timeframe", "purpose", "growth", "education", "benefits", "fulfilment"]


class Model(BaseModel):
    """Base of every format model: closed, so an unknown key is reported, never ignored."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)


class ScenarioInfo(Model):
    """The ``[scenario]`` table: what the scenario is and how long a game lasts."""

    id: ScenarioId
    title: Label
    version: Annotated[str, Field(max_length=40)] = "1.0"
    format: Annotated[int, Field(ge=1, le=FORMAT_VERSION)] = FORMAT_VERSION
    authors: list[Annotated[str, Field(max_length=120)]] = []
    summary: Text
    audience: Annotated[str, Field(max_length=200)] = ""
    estimated_minutes: Annotated[int, Field(ge=1, le=600)] = 20
    learning_objectives: list[Text] = []
    turns: Annotated[int, Field(ge=1, le=600)]
    turn_unit: TurnUnit
    start_age: Annotated[int, Field(ge=10, le=90)]
    start_year: Annotated[int, Field(ge=1900, le=2200)] = 2026
    currency: Annotated[str, Field(max_length=8)] = "$"
    event_chance: Probability = Field(
        default=1.0, description="Chance that a life event is drawn after each turn's action."
    )


def _at(key: str, low: int | None, high: int | None) -> dict[str, object]:
    """The context of a bounds error: the key it is about, and the bounds as words."""
    return {
        "key": key,
        "low": "any" if low is None else low,
        "high": "any" if high is None else high,
    }


class Stat(Model):
    """A number the game tracks. Bounds default by kind; every change is clamped to them."""

    label: Label
    kind: StatKind
    min: Bound | None = None
    max: Bound | None = None
    start: Bound | None = Field(
        default=None, description="Value at the start; defaults to min, or 0 when unbounded."
    )
    group: Annotated[str, Field(max_length=40)] = "general"
    description: Text = ""
    hidden: bool = False
    better: Better = Field(
        default="higher",
        description="Which way is good news: `lower` for debt or stress. Colours its changes.",
    )

    def bounds(self) -> tuple[int | None, int | None]:
        """The declared bounds, with each kind's defaults filled in."""
        defaults: dict[str, tuple[int | None, int | None]] = {
            "percent": (0, 100),
            "money": (None, None),
            "count": (0, None),
            "level": (1, 10),
        }
        low, high = defaults[self.kind]
        return (low if self.min is None else self.min, high if self.max is None else self.max)

    def initial(self) -> int:
        """The starting value: ``start``, else the lower bound, else 0."""
        if self.start is not None:
            return self.start
        low = self.bounds()[0]
        return 0 if low is None else low

    @model_validator(mode="after")
    def _start_within_bounds(self) -> Stat:
        # The error names the key at fault, so that it is located there, not at the table.
        low, high = self.bounds()
        if low is not None and high is not None and low > high:
            key = "min" if self.min is not None else "max"
            raise PydanticCustomError(
                "stat_bounds", "min ({low}) is greater than max ({high})", _at(key, low, high)
            )
        start = self.initial()
        if (low is not None and start < low) or (high is not None and start > high):
            raise PydanticCustomError(
                "stat_bounds",
                "start ({start}) lies outside the bounds {low}..{high}",
                {**_at("start", low, high), "start": start},
            )
        return self


class Economy(Model):
    """How money moves each turn: pay lands in the wallet, living costs leave it."""

    wallet: Id = Field(description="The money stat that pay goes into and costs come out of.")
    debt: Id | None = Field(default=None, description="The money stat that loans add to.")
    living_cost: Amount = Field(
        default=0, description="What living costs each turn, taken from the wallet."
    )
    debt_interest: Annotated[float, Field(ge=0, le=1)] = Field(
        default=0.0, description="Yearly interest on debt, added each turn in proportion."
    )
    debt_payment: Annotated[float, Field(ge=0, le=1)] = Field(
        default=0.0,
        description="Share of the debt repaid from the wallet each turn while the wallet allows.",
    )


class Check(Model):
    """A roll of a stat against a difficulty; the player sees the chance before committing."""

    stat: Id
    difficulty: Bound
    success: Effects = {}
    failure: Effects = {}
    success_text: Text = ""
    failure_text: Text = ""


class Pay(Model):
    """A role's pay in the seed article's terms: salary, hourly, bonus, stock, benefits."""

    salary: Amount = Field(default=0, description="Fixed pay per year.")
    hourly: Annotated[float, Field(ge=0, le=10_000)] = Field(
        default=0, description="Pay per hour worked."
    )
    hours: Annotated[int, Field(ge=0, le=100)] = Field(
        default=0, description="Hours worked per week, for hourly pay."
    )
    bonus: Amount = Field(
        default=0, description="Yearly bonus, paid at the end of each calendar year in the role."
    )
    stock: Amount = Field(
        default=0, description="Yearly stock grant, vesting at each full year in the role."
    )
    benefits: list[Label] = Field(default=[], description="Healthcare, leave, pension, ...")
    tax: Annotated[float, Field(ge=0, le=1)] = Field(
        default=0,
        description="Share of every payment (pay, bonus, stock) withheld as tax: 0.12 is 12%.",
    )


class Role(Model):
    """A job: pay, requirements, and the roles it leads to."""

    title: Label
    employer: Annotated[str, Field(max_length=80)] = ""
    description: Text = ""
    entry: bool = Field(
        default=False, description="Open to anyone without a role (an entry-level opening)."
    )
    requires: Condition | None = None
    interview: Check | None = Field(
        default=None, description="A check made when applying; without it, applying succeeds."
    )
    min_tenure: Annotated[int, Field(ge=0)] = Field(
        default=0, description="Turns in your current role before you may move into this one."
    )
    pay: Pay = Pay()
    ladder: list[Id] = Field(default=[], description="Promotions within the same employer.")
    links: list[Id] = Field(
        default=[], description="Career moves: other companies, industries or specialities."
    )
    effects: Effects = Field(default={}, description="Applied every turn you hold the role.")
    loss_chance: Probability = Field(
        default=0.0, description="Chance each turn of losing the role (layoffs, contract ends)."
    )


class Program(Model):
    """Education or training: takes turns and money, gives skills and a credential."""

    title: Label
    kind: ProgramKind
    description: Text = ""
    turns: Annotated[int, Field(ge=1, le=200)]
    cost: Amount = 0
    loan: bool = Field(default=False, description="The cost is borrowed (added to the debt stat).")
    part_time: bool = Field(
        default=False, description="Can be done while working; a full-time program ends your role."
    )
    prerequisites: Condition | None = None
    effects: Effects = Field(default={}, description="Applied every turn while enrolled.")
    on_complete: Effects = {}
    credential: Id | None = Field(default=None, description="Credential granted on completion.")


class Action(Model):
    """Something the player can spend a turn on."""

    label: Label
    category: ActionCategory
    description: Text = ""
    when: Condition | None = Field(
        default=None, description="The action is offered only when true."
    )
    requires: Condition | None = Field(
        default=None, description="Shown but locked, with the reason, while false."
    )
    check: Check | None = None
    effects: Effects = {}
    result: Text = Field(default="", description="What the player reads after choosing it.")


class Choice(Model):
    """One answer to a life event."""

    id: Id | None = Field(default=None, description="Stable id for saves; defaults to c1, c2, ...")
    label: Label
    requires: Condition | None = None
    check: Check | None = None
    effects: Effects = {}
    result: Text = ""


class Event(Model):
    """A storylet: drawn by weight when its condition holds, it asks the player to decide."""

    id: Id
    title: Annotated[str, Field(max_length=120)] = ""
    text: Text
    when: Condition | None = None
    weight: Annotated[float, Field(gt=0, le=1000)] = 1.0
    once: bool = False
    cooldown: Annotated[int, Field(ge=0)] = 0
    milestone: bool = Field(default=False, description="Listed among the ending's turning points.")
    choices: Annotated[list[Choice], Field(min_length=1, max_length=9)]


class Background(Model):
    """A starting point the player may pick at setup."""

    label: Label
    description: Text = ""
    effects: Effects = {}


class Goal(Model):
    """A short- or long-term goal from the seed's goal table; the player picks one of each."""

    term: GoalTerm
    label: Label
    description: Text = ""
    achieved: Condition
    by: Annotated[int, Field(ge=1, le=600)] | None = Field(
        default=None,
        description=(
            "The last turn on which the goal can be met: 'within 5 years' of a game in "
            "quarters is `by = 20`. Omit for a goal the whole game may meet."
        ),
    )


class Ending(Model):
    """A verdict. The first ending, in file order, whose condition holds is the one reached."""

    id: Id
    title: Label
    class_: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)] = Field(
        alias="class", description="`job`, `career`, or a class of your own such as `burnout`."
    )
    when: Condition | None = Field(default=None, description="Omit on the last, fallback ending.")
    early: bool = Field(
        default=False, description="Checked every turn: reaching it ends the game at once."
    )
    text: Text


class Factor(Model):
    """One line of the ending's explanation, in the seed's terms, judged on the player's game."""

    kind: FactorKind
    label: Label
    career_when: Condition
    career: Text
    job: Text


class ScenarioTest(Model):
    """A playthrough the scenario must pass, run by `careerquest test`."""

    name: Label
    seed: int = 0
    choices: list[Annotated[str, Field(max_length=80)]] = []
    policy: Annotated[str, Field(max_length=40)] | None = None
    background: Id | None = None
    goals: list[Id] = []
    ending: Id | None = None
    expect: Condition | None = Field(default=None, description="Must hold at the end.")


class ScenarioFile(Model):
    """A whole scenario file."""

    model_config = ConfigDict(title="CareerQuest scenario")

    scenario: ScenarioInfo
    economy: Economy
    stats: Annotated[dict[Id, Stat], Field(min_length=1)]
    backgrounds: dict[Id, Background] = {}
    roles: dict[Id, Role] = {}
    programs: dict[Id, Program] = {}
    credentials: dict[Id, Label] = Field(
        default={},
        description=(
            'Display names of credentials, by id: `it_support_certificate = "IT support '
            'certificate"`. Players read them in lock reasons and messages; a credential '
            "without one is shown as its id with spaces for underscores."
        ),
    )
    flags: dict[Id, Label] = Field(
        default={},
        description=(
            'What players read for flags, by id: `mentor = "a mentor"`. Lock reasons and the '
            'ending\'s reasons say a tested flag in these words ("needs a mentor"); a flag '
            "without them is shown as its id with spaces for underscores."
        ),
    )
    actions: Annotated[dict[Id, Action], Field(min_length=1)]
    events: list[Event] = []
    goals: dict[Id, Goal] = {}
    endings: Annotated[list[Ending], Field(min_length=1)]
    factors: list[Factor] = []
    reflection: list[Text] = []
    glossary: dict[Annotated[str, Field(max_length=60)], Text] = {}
    tests: list[ScenarioTest] = []
