"""The compiled, plain form of a scenario that the engine plays.

The loader validates a file with the pydantic models, then compiles it into these frozen
dataclasses: ids resolved, expressions turned into closures, stats addressed by index. The
engine's hot loop touches only this form, which keeps simulation fast and keeps pydantic out
of the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from careerquest.scenario.expr import Compiled, Names

StatOp = Literal["add", "sub", "set", "fair_up", "fair_down", "range"]

#: Action categories that invest in the future rather than the present (the seed's
#: "career focus"): they feed the ``invest_share`` figure and the timeframe factor.
INVESTING_CATEGORIES = frozenset({"study", "training", "networking", "learning", "side_project"})

#: No stat ever leaves ±LIMIT, so every sum stays exact in a float (< 2**53).
LIMIT = 10**12

TURNS_PER_YEAR = {"month": 12, "quarter": 4, "year": 1}

#: The title of an event that has none: what players see above its text, and what every
#: later mention of it (recaps, the journal, the turning points) calls it.
UNTITLED_EVENT = "Something happens"


@dataclass(frozen=True, slots=True)
class StatDef:
    """A stat, addressed by its index in the state's list of values."""

    id: str
    index: int
    label: str
    kind: str
    low: int | None
    high: int | None
    start: int
    group: str
    description: str
    hidden: bool
    #: ``"lower"`` for a stat whose rise is bad news (debt, stress).
    better: Literal["higher", "lower"] = "higher"

    @property
    def sign(self) -> int:
        """+1 if the stat is better higher, -1 if better lower: a change times the sign is
        positive when it is good news (what policies maximise, what is drawn green)."""
        return -1 if self.better == "lower" else 1

    def improves(self, delta: float) -> bool:
        """Whether moving by ``delta`` is good news for the player."""
        return self.sign * delta > 0

    def clamp(self, value: float) -> int:
        """Round to a whole number and keep within the bounds (and within ±LIMIT).

        Every effect of every game ends here, so the usual case (within bounds) costs two
        comparisons and a ``round``; NaN fails every comparison and is handled last.
        """
        low, high = self.low, self.high
        if low is not None and value <= low:
            return low
        if high is not None and value >= high:
            return high
        if -LIMIT < value < LIMIT:
            return round(value)
        if value != value:  # NaN: leave the stat at 0, or the bound nearest it
            return self.clamp(0)
        return LIMIT if value > 0 else -LIMIT


@dataclass(frozen=True, slots=True)
class StatEffect:
    """A change to one stat: a delta, a set, a fairmath step, or a random delta in a range."""

    stat: int
    op: StatOp
    amount: Compiled | None = None
    low: int = 0
    high: int = 0


@dataclass(frozen=True, slots=True)
class EffectList:
    """Everything one effects table does, in the order the engine applies it."""

    stats: tuple[StatEffect, ...] = ()
    flags: tuple[tuple[str, bool], ...] = ()
    creds: tuple[tuple[str, bool], ...] = ()
    leave_role: bool = False
    take_role: str | None = None
    start_program: str | None = None

    def __bool__(self) -> bool:
        return bool(
            self.stats
            or self.flags
            or self.creds
            or self.leave_role
            or self.take_role
            or self.start_program
        )


@dataclass(frozen=True, slots=True)
class CheckDef:
    """A stat against a difficulty."""

    stat: int
    difficulty: int
    success: EffectList
    failure: EffectList
    success_text: str
    failure_text: str


@dataclass(frozen=True, slots=True)
class PayDef:
    salary: int
    hourly: float
    hours: int
    bonus: int
    stock: int
    benefits: tuple[str, ...]
    #: The share of every payment withheld as tax.
    tax: float


@dataclass(frozen=True, slots=True)
class RoleDef:
    id: str
    title: str
    employer: str
    description: str
    entry: bool
    requires: Compiled | None
    interview: CheckDef | None
    min_tenure: int
    pay: PayDef
    ladder: tuple[str, ...]
    links: tuple[str, ...]
    effects: EffectList
    loss_chance: float


@dataclass(frozen=True, slots=True)
class ProgramDef:
    id: str
    title: str
    kind: str
    description: str
    turns: int
    cost: int
    loan: bool
    part_time: bool
    prerequisites: Compiled | None
    effects: EffectList
    on_complete: EffectList
    credential: str | None


@dataclass(frozen=True, slots=True)
class ActionDef:
    id: str
    label: str
    category: str
    description: str
    when: Compiled | None
    requires: Compiled | None
    check: CheckDef | None
    effects: EffectList
    result: str


@dataclass(frozen=True, slots=True)
class ChoiceDef:
    id: str
    label: str
    requires: Compiled | None
    check: CheckDef | None
    effects: EffectList
    result: str


@dataclass(frozen=True, slots=True)
class EventDef:
    id: str
    title: str
    text: str
    when: Compiled | None
    weight: float
    once: bool
    cooldown: int
    milestone: bool
    choices: tuple[ChoiceDef, ...]


@dataclass(frozen=True, slots=True)
class BackgroundDef:
    id: str
    label: str
    description: str
    effects: EffectList


@dataclass(frozen=True, slots=True)
class GoalDef:
    id: str
    term: str
    label: str
    description: str
    achieved: Compiled
    #: The last turn on which it can be met, if the goal has a deadline.
    by: int | None = None


@dataclass(frozen=True, slots=True)
class EndingDef:
    id: str
    title: str
    cls: str
    when: Compiled | None
    early: bool
    text: str


@dataclass(frozen=True, slots=True)
class FactorDef:
    kind: str
    label: str
    career_when: Compiled
    career: str
    job: str


@dataclass(frozen=True, slots=True)
class TestDef:
    name: str
    seed: int
    choices: tuple[str, ...]
    policy: str | None
    background: str | None
    goals: tuple[str, ...]
    ending: str | None
    expect: Compiled | None


@dataclass(frozen=True, slots=True)
class Scenario:
    """A loaded, checked and compiled scenario, ready to play."""

    id: str
    title: str
    version: str
    authors: tuple[str, ...]
    summary: str
    audience: str
    estimated_minutes: int
    learning_objectives: tuple[str, ...]
    turns: int
    turn_unit: str
    start_age: int
    start_year: int
    currency: str
    event_chance: float
    stats: tuple[StatDef, ...]
    wallet: int
    debt: int | None
    living_cost: int
    debt_interest: float
    debt_payment: float
    backgrounds: tuple[BackgroundDef, ...]
    roles: dict[str, RoleDef]
    programs: dict[str, ProgramDef]
    actions: tuple[ActionDef, ...]
    events: tuple[EventDef, ...]
    goals: tuple[GoalDef, ...]
    endings: tuple[EndingDef, ...]
    factors: tuple[FactorDef, ...]
    reflection: tuple[str, ...]
    #: Every credential a program or an effect grants, by id, with the name players read.
    credentials: dict[str, str]
    glossary: dict[str, str]
    tests: tuple[TestDef, ...]
    source_hash: str
    path: str
    #: What its expressions may name: kept so that they can be compiled again from their
    #: text (see :mod:`careerquest.scenario.cache`).
    names: Names
    stat_index: dict[str, int] = field(default_factory=dict)

    @property
    def turns_per_year(self) -> int:
        return TURNS_PER_YEAR[self.turn_unit]

    def stat(self, stat_id: str) -> StatDef:
        return self.stats[self.stat_index[stat_id]]

    def goal(self, goal_id: str) -> GoalDef:
        return next(g for g in self.goals if g.id == goal_id)

    def turn_options(self) -> list[tuple[str, str, str]]:
        """Every turn option a game can offer, as (id, kind, label), in file order."""
        ladders = {target for role in self.roles.values() for target in role.ladder}
        links = {target for role in self.roles.values() for target in role.links}
        options = [(a.id, "action", a.label) for a in self.actions]
        for role in self.roles.values():
            # Worded as the game words them: an entry role is applied for, a linked one is a
            # change of jobs, and one option id stands for both when a role is each.
            verb = {
                (True, False): "Apply",
                (False, True): "Change jobs",
                (True, True): "Apply or change jobs",
            }.get((role.entry, role.id in links))
            if verb is not None:
                options.append((f"apply:{role.id}", "apply", f"{verb}: {role.title}"))
            if role.id in ladders:
                options.append(
                    (f"promote:{role.id}", "promotion", f"Go for promotion: {role.title}")
                )
        programs = self.programs.values()
        options.extend((f"enroll:{p.id}", "enroll", f"Enroll: {p.title}") for p in programs)
        return options

    def option_ids(self) -> set[str]:
        """Every id a choice log may hold: the turn options and the events' choices."""
        ids = {option_id for option_id, _, _ in self.turn_options()}
        return ids | {choice.id for event in self.events for choice in event.choices}
