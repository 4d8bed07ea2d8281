"""Seeded playing policies: how simulations and scenario tests play without a player.

A policy sees what a player sees — the open options of the current decision, the stats, the
checks' shown chances — plus the scenario's definitions, which it reads to estimate what an
option would do. It draws every random number from the ``rng`` it is handed and never from
the game's, so a game seed and a policy seed always give the same game. Ties between equally
good options are broken by that ``rng``, so that seeded runs of one policy still differ.

A policy may keep memory across the decisions of one game (``coverage`` counts what it has
taken); that memory starts afresh whenever it is handed a different :class:`Game`, so a
policy object can be reused for many games and a game never depends on the ones before it.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Protocol

from careerquest.engine.errors import GameError
from careerquest.engine.game import Game, Option, role_income
from careerquest.engine.state import GameState
from careerquest.scenario.expr import suggest
from careerquest.scenario.runtime import (
    INVESTING_CATEGORIES,
    CheckDef,
    EffectList,
    EventDef,
    ProgramDef,
    RoleDef,
    Scenario,
    StatDef,
)

#: Every policy name; ``greedy:STAT`` takes a stat id, as in ``greedy:savings``.
POLICY_NAMES = ("random", "first", "coverage", "greedy:STAT", "learner", "earner", "balanced")
#: The policies ``--policy all`` compares, before the ``greedy:STAT`` ones.
COMPARED = ("random", "coverage", "learner", "earner", "balanced")

#: Option kinds that lead to a role.
ROLE_KINDS = frozenset({"apply", "promotion", "move"})

Score = tuple[float, float]
#: An option's immediate outcomes: each effects table with the probability it applies.
Outcomes = list[tuple[float, EffectList]]


class Policy(Protocol):
    """Picks the id of one open option of ``game.decision``."""

    name: str

    def choose(self, game: Game, rng: random.Random) -> str: ...


def get_policy(name: str, scenario: Scenario) -> Policy:
    """The policy called ``name`` for this scenario; ValueError names the known ones."""
    kind, colon, stat_id = name.partition(":")
    if kind == "greedy" and colon:
        if stat_id not in scenario.stat_index:
            hint = _did_you_mean(stat_id, scenario.stat_index)
            known = ", ".join(scenario.stat_index)
            raise ValueError(f"unknown stat '{stat_id}' in '{name}' (stats: {known}){hint}")
        return Greedy(scenario, scenario.stat(stat_id))
    factory = _FACTORIES.get(name)
    if factory is None:
        candidates = [*_FACTORIES, *(f"greedy:{s.id}" for s in scenario.stats)]
        hint = _did_you_mean(name, candidates)
        raise ValueError(f"unknown policy '{name}' (known: {', '.join(POLICY_NAMES)}){hint}")
    return factory(scenario)


def compared_policies(scenario: Scenario) -> list[str]:
    """What ``--policy all`` runs: the personas, then greedy on every shown stat that is better
    higher (a player pays debt off on the way to something else, rarely as a plan)."""
    stats = [s for s in scenario.stats if not s.hidden and s.better == "higher"]
    return [*COMPARED, *(f"greedy:{s.id}" for s in stats)]


def _did_you_mean(name: str, known: object) -> str:
    match = suggest(name, known)
    return f"; did you mean '{match}'?" if match else ""


def _open(game: Game) -> list[Option]:
    decision = game.decision
    if decision is None:
        raise GameError("the game is over: there is nothing to choose")
    options = decision.open_options()
    if not options:
        raise GameError(f"no option is open at '{decision.title}'")
    return options


class RandomPolicy:
    """Any open option, uniformly: the baseline a human tester would call monkey testing."""

    name = "random"

    def choose(self, game: Game, rng: random.Random) -> str:
        return rng.choice(_open(game)).id


class FirstPolicy:
    """Always the first open option: no randomness at all, for scripted scenario tests."""

    name = "first"

    def choose(self, game: Game, rng: random.Random) -> str:
        return _open(game)[0].id


class Effects:
    """Reads the scenario's definitions to say what an option would do, in expectation.

    The API shows an option's label and check chance but not its effects; simulating each
    option on a copy of the game would cost a game per option. So estimates are static: a
    range counts as its midpoint, fairmath is taken at the current value, a check weighs its
    success and failure by the chance the player is shown, and amounts are evaluated on the
    current state.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.actions = {a.id: a for a in scenario.actions}
        self.events = {e.id: e for e in scenario.events}

    def outcomes(self, game: Game, option: Option) -> Outcomes:
        """The effects tables an option applies at once, each with its probability."""
        if option.kind == "action":
            action = self.actions[option.id]
            return [(1.0, action.effects), *_checked(action.check, option)]
        if option.kind == "choice":
            choice = next(c for c in self.current_event(game).choices if c.id == option.id)
            return [(1.0, choice.effects), *_checked(choice.check, option)]
        if option.kind in ROLE_KINDS:
            return _checked(self.role(option).interview, option)
        return []

    def current_event(self, game: Game) -> EventDef:
        """The event being answered."""
        assert game.decision is not None
        return self.events[game.decision.event]

    def gain(self, outcomes: Outcomes, stat: StatDef, state: GameState) -> float:
        return sum(p * _gain(effects, stat, state) for p, effects in outcomes)

    def per_turn(self, role: RoleDef | None, stat: StatDef, state: GameState) -> float:
        """What holding a role adds to a stat each turn: its effects, and if the stat is the
        wallet its pay after tax, with the year's bonus and stock spread over the year's turns
        (a greedy policy weighs a job over the rest of the game, when those are paid too)."""
        if role is None:
            return 0.0
        value = _gain(role.effects, stat, state)
        if stat.index == self.scenario.wallet:
            per_year = self.scenario.turns_per_year
            yearly = role.pay.bonus + role.pay.stock
            value += (role_income(role, per_year) + yearly / per_year) * (1 - role.pay.tax)
        return value

    def role(self, option: Option) -> RoleDef:
        """The role an apply, move or promotion option leads to."""
        return self.scenario.roles[option.id.partition(":")[2]]

    def program(self, option: Option) -> ProgramDef:
        """The program an enroll option starts."""
        return self.scenario.programs[option.id.partition(":")[2]]

    def pay(self, option: Option) -> int:
        """The regular pay of a job option: what an earner, who wants money now, compares."""
        return role_income(self.role(option), self.scenario.turns_per_year)


def _checked(check: CheckDef | None, option: Option) -> Outcomes:
    if check is None or option.check is None:
        return []
    chance = option.check.chance / 100
    return [(chance, check.success), (1 - chance, check.failure)]


def _gain(effects: EffectList, stat: StatDef, state: GameState) -> float:
    """How far one effects table moves one stat from its current value."""
    start = value = float(state.stats[stat.index])
    for effect in effects.stats:
        if effect.stat != stat.index:
            continue
        if effect.op == "range":
            value += (effect.low + effect.high) / 2
        else:
            assert effect.amount is not None
            amount = float(effect.amount.fn(state))
            if effect.op == "add":
                value += amount
            elif effect.op == "sub":
                value -= amount
            elif effect.op == "set":
                value = amount
            elif effect.op == "fair_up":
                value += ((stat.high or 0) - value) * amount / 100
            else:
                value -= (value - (stat.low or 0)) * amount / 100
        if stat.low is not None:
            value = max(value, stat.low)
        if stat.high is not None:
            value = min(value, stat.high)
    return value - start


class Scored:
    """Takes the best-scored open option, breaking ties with the rng."""

    name = ""

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.effects = Effects(scenario)

    def choose(self, game: Game, rng: random.Random) -> str:
        best: list[Option] = []
        top: Score | None = None
        for option in _open(game):
            score = self.score(game, option)
            if top is None or score > top:
                top, best = score, [option]
            elif score == top:
                best.append(option)
        return (best[0] if len(best) == 1 else rng.choice(best)).id

    def score(self, game: Game, option: Option) -> Score:
        raise NotImplementedError

    def better_paid(self, game: Game, option: Option) -> bool:
        return self.effects.pay(option) > game.state.income


class Greedy(Scored):
    """``greedy:STAT``: the option with the best expected change of one stat: the largest
    rise, or for a stat that is better lower (debt), the largest fall.

    The change counts the option's immediate effects and, for a job or a program, what it
    does every turn for the rest of the game (or the program's length): per-turn effects,
    pay when STAT is the wallet, a program's cost and completion effects, and what a
    full-time program or a new job gives up from the current role. A look-ahead of one
    decision, so it shows what chasing one number does, not how to play well.
    """

    def __init__(self, scenario: Scenario, stat: StatDef) -> None:
        super().__init__(scenario)
        self.stat = stat
        self.name = f"greedy:{stat.id}"

    def score(self, game: Game, option: Option) -> Score:
        fx, stat, state = self.effects, self.stat, game.state
        value = fx.gain(fx.outcomes(game, option), stat, state)
        if option.kind in ROLE_KINDS:
            hired = option.check.chance / 100 if option.check is not None else 1.0
            role, current = fx.role(option), game.role_def()
            swing = fx.per_turn(role, stat, state) - fx.per_turn(current, stat, state)
            value += hired * swing * state.turns_left
        elif option.kind == "enroll":
            value += self._program(game, fx.program(option))
        return (stat.sign * value, 0.0)

    def _program(self, game: Game, program: ProgramDef) -> float:
        sc, fx, stat, state = self.scenario, self.effects, self.stat, game.state
        turns = min(program.turns, state.turns_left)
        value = _gain(program.effects, stat, state) * turns
        if program.turns <= state.turns_left:
            value += _gain(program.on_complete, stat, state)
        if program.loan and stat.index == sc.debt:
            value += program.cost
        elif not program.loan and stat.index == sc.wallet:
            value -= program.cost
        if not program.part_time:
            value -= fx.per_turn(game.role_def(), stat, state) * turns
        return value


class Coverage(Scored):
    """The option this game has taken least so far, to reach rarely seen content.

    Counts are kept per game, not across games, so that a run's choices never depend on which
    runs the same worker played before it: results stay identical whatever ``--jobs`` is.
    Across runs, ties broken by the rng spread the first picks.
    """

    name = "coverage"

    def __init__(self, scenario: Scenario) -> None:
        super().__init__(scenario)
        self.game: Game | None = None
        self.taken: dict[str, int] = {}
        self.prefix = ""

    def choose(self, game: Game, rng: random.Random) -> str:
        if game is not self.game:
            self.game, self.taken = game, {}
        decision = game.decision
        event = decision is not None and decision.kind == "event"
        # Event choice ids repeat across events ("c1"), so they are counted per event.
        self.prefix = self.effects.current_event(game).id + "/" if event else ""
        option_id = super().choose(game, rng)
        key = self.prefix + option_id
        self.taken[key] = self.taken.get(key, 0) + 1
        return option_id

    def score(self, game: Game, option: Option) -> Score:
        return (-self.taken.get(self.prefix + option.id, 0), 0.0)


class Learner(Scored):
    """Invests: programs first, then promotions and moves, then study-like actions; in events,
    the choice that most raises the non-money stats."""

    name = "learner"

    def score(self, game: Game, option: Option) -> Score:
        kind = option.kind
        if kind == "choice":
            return (0.0, self._growth(game, option))
        if kind == "enroll":
            return (5.0, 0.0)
        if kind in ("promotion", "move"):
            return (4.0, self.effects.pay(option))
        if kind == "apply":
            return (4.0 if not game.state.role else 1.0, self.effects.pay(option))
        if option.category in INVESTING_CATEGORIES:
            return (3.0, 0.0)
        return (2.0 if option.category == "rest" else 1.5, 0.0)

    def _growth(self, game: Game, option: Option) -> float:
        fx = self.effects
        outcomes = fx.outcomes(game, option)
        stats = (s for s in self.scenario.stats if s.kind != "money")
        return sum(s.sign * fx.gain(outcomes, s, game.state) for s in stats)


class Earner(Scored):
    """Earns now: better-paid jobs (best pay first), then work; avoids programs that cost
    money; in events, the choice that most raises the wallet net of debt."""

    name = "earner"

    def score(self, game: Game, option: Option) -> Score:
        kind = option.kind
        if kind == "choice":
            return (0.0, self._net_worth(game, option))
        if kind in ROLE_KINDS:
            pay = self.effects.pay(option)
            return (5.0 if self.better_paid(game, option) else 0.0, pay)
        if kind == "enroll":
            cost = self.effects.program(option).cost
            return (1.0, 0.0) if cost == 0 else (-1.0, -cost)
        if option.category == "work":
            return (4.0, 0.0)
        return (2.0 if option.category == "rest" else 1.0, 0.0)

    def _net_worth(self, game: Game, option: Option) -> float:
        sc, fx = self.scenario, self.effects
        outcomes = fx.outcomes(game, option)
        value = fx.gain(outcomes, sc.stats[sc.wallet], game.state)
        if sc.debt is not None:
            value -= fx.gain(outcomes, sc.stats[sc.debt], game.state)
        return value


class Balanced(Scored):
    """Works, invests and rests in turn so as not to burn out; always takes a better-paid job;
    in events, the choice that sets back the fewest stats."""

    name = "balanced"
    CYCLE = ("work", "invest", "rest")

    def score(self, game: Game, option: Option) -> Score:
        kind, state = option.kind, game.state
        if kind == "choice":
            return (0.0, -self._losses(game, option))
        if kind in ROLE_KINDS:
            wanted = self.better_paid(game, option) or not state.role
            return (5.0 if wanted else 0.0, self.effects.pay(option))
        phase = self.CYCLE[state.turn % len(self.CYCLE)]
        if kind == "enroll":
            program = self.effects.program(option)
            keeps_job = program.part_time or not state.role
            return (4.0 if phase == "invest" and keeps_job else 1.0, 0.0)
        category = option.category
        invests = category in INVESTING_CATEGORIES
        if (phase == "invest" and invests) or category == phase:
            return (4.0, 0.0)
        return (2.0 if category == "work" or invests else 1.0, 0.0)

    def _losses(self, game: Game, option: Option) -> float:
        fx = self.effects
        outcomes = fx.outcomes(game, option)
        gains = ((s, fx.gain(outcomes, s, game.state)) for s in self.scenario.stats)
        return sum(1 for s, gain in gains if gain and not s.improves(gain))


_FACTORIES: dict[str, Callable[[Scenario], Policy]] = {
    "random": lambda _scenario: RandomPolicy(),
    "first": lambda _scenario: FirstPolicy(),
    "coverage": Coverage,
    "learner": Learner,
    "earner": Earner,
    "balanced": Balanced,
}
