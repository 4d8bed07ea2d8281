"""One game: the turn pipeline and the narrow API that every front end drives.

A game is fully determined by its scenario, its seed, its setup, its choice log and the
rules it was played by: all randomness comes from ``random.Random`` generators seeded from
the seed and drawn in a fixed order, and nothing iterates an unordered set where order
matters. So a save (or anything else that must be verified later) need only store those,
and replaying them rebuilds the same game on any machine.

The rules are versioned (:data:`RULES`) so that a change to them never breaks a saved
game: a save records its rules and replays by them. Rules 2 draw events from a stream of
their own, the same draws every turn whatever the player does, so that students given one
seed get the same event on the same turn as long as the same events are open to them
(under rules 1 every check and job-loss roll shifted all later events); and they test the
goals after the upkeep too, so a goal that a completed program meets counts from that turn.

The turn pipeline, in order:

1. **Upkeep** (start of the turn): pay, year-end bonus and vested stock, living costs,
   debt interest and repayment, the role's per-turn effects, program progress and
   completion, the chance of losing the role. An ``early`` ending that then holds ends
   the game before the player decides anything.
2. **Action**: the player picks one option (an authored action, a promotion, a job
   application or an enrolment); a check is rolled if it carries one.
3. **Event**: with the scenario's ``event_chance``, one eligible event is drawn by weight
   and the player answers it (checks again).
4. **Goals**: the player's goals are tested (by rules 2, after the upkeep too), a goal
   with a deadline only up to its turn; once met they stay met.
5. **Ending test**: an ``early`` ending that holds ends the game; after the last turn the
   first ending whose condition holds is the verdict.

Front ends use :attr:`Game.decision`, :meth:`Game.choose` and the read-only views; they
never touch :class:`GameState` directly.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, cast

from careerquest.engine.calendar import age_at, date_label
from careerquest.engine.checks import CheckPreview, preview
from careerquest.engine.errors import GameError
from careerquest.engine.money import money, rate, signed_money, stat_change
from careerquest.engine.rules import KNOWN_RULES, RULES
from careerquest.engine.setup import DEFAULT_NAME, Setup
from careerquest.engine.state import GameState
from careerquest.engine.words import counted, titled
from careerquest.scenario.expr import Compiled, suggest
from careerquest.scenario.runtime import (
    INVESTING_CATEGORIES,
    TURNS_PER_YEAR,
    CheckDef,
    EffectList,
    EndingDef,
    EventDef,
    GoalDef,
    ProgramDef,
    RoleDef,
    Scenario,
    StatEffect,
)

DecisionKind = Literal["action", "event"]
OptionKind = Literal["action", "promotion", "move", "apply", "enroll", "choice"]


@dataclass(slots=True)
class Option:
    """One thing the player may pick; a locked option says why."""

    id: str
    label: str
    kind: OptionKind
    category: str
    description: str = ""
    available: bool = True
    locked_reason: str = ""
    check: CheckPreview | None = None
    #: What taking it commits the player to, for a UI to confirm first: "Computer science
    #: degree, 12 quarters: you borrow $27,000 and leave your job as Barista." Empty for
    #: everyday choices.
    commitment: str = ""


@dataclass(slots=True)
class Decision:
    """What the game is waiting for: a prompt and its options."""

    kind: DecisionKind
    turn: int
    title: str
    text: str
    options: list[Option]
    #: The id of the event being answered; empty for the turn's action.
    event: str = ""

    def open_options(self) -> list[Option]:
        return [option for option in self.options if option.available]

    def option(self, option_id: str) -> Option | None:
        for option in self.options:
            if option.id == option_id:
                return option
        return None


@dataclass(slots=True)
class Change:
    """How one stat moved during a decision."""

    stat: str
    label: str
    kind: str
    before: int
    after: int

    @property
    def delta(self) -> int:
        return self.after - self.before


@dataclass(slots=True)
class CheckResult:
    stat: str
    chance: int
    roll: int
    success: bool


@dataclass(slots=True)
class Outcome:
    """What one decision did: the lines to read and every stat it moved.

    When the decision ends a turn, ``upkeep`` holds what the next turn's upkeep did (pay,
    costs, study progress), kept apart so that a player can tell a choice's effect from
    the calendar's.
    """

    messages: list[str]
    changes: list[Change]
    checks: list[CheckResult]
    turn_ended: bool
    game_over: bool
    upkeep: Outcome | None = None


@dataclass(frozen=True, slots=True)
class GoalStanding:
    """Where one of the player's goals stands: met (on which turn), missed, or still open."""

    goal: GoalDef
    met_turn: int | None
    #: Its deadline has passed unmet: it can no longer be met.
    missed: bool


@dataclass(slots=True)
class Milestone:
    """A moment the ending screen lists among the turning points."""

    turn: int
    kind: str
    text: str


@dataclass(slots=True)
class TurnRecord:
    """One played turn, as the journal and the ending charts show it."""

    turn: int
    date: str
    age: int
    role: str
    action: str = ""
    action_label: str = ""
    category: str = ""
    event: str = ""
    choice: str = ""
    messages: list[str] = field(default_factory=list)
    #: Every stat when the turn's first decision opened, after its upkeep.
    start: tuple[int, ...] = ()
    #: Every stat when the turn ended.
    stats: tuple[int, ...] = ()


class _Shared:
    """What every game of one scenario can share: lists drawn from it, and the words of
    options, worked out by the first game that needs them rather than by each of the
    thousands a simulation plays."""

    def __init__(self, scenario: Scenario) -> None:
        self.early = [e for e in scenario.endings if e.early]
        self.goals = {g.id: g for g in scenario.goals}
        self.entry = [r for r in scenario.roles.values() if r.entry]
        self.role_text: dict[tuple[str, OptionKind], tuple[str, str]] = {}
        self.program_text: dict[tuple[str, bool], tuple[str, str, str]] = {}
        #: Per action, its changes to the wallet: the few that have any say what they cost.
        self.wallet_effects = {
            a.id: tuple(e for e in a.effects.stats if e.stat == scenario.wallet)
            for a in scenario.actions
        }
        #: "Costs $500." of the actions whose cost is a constant, worked out once.
        self.price_text: dict[str, str] = {}


#: By scenario identity; each entry holds its scenario, so an id is never reused while in
#: here. A few entries suffice: a process plays one scenario, or reloads one (--watch).
_SHARED: dict[int, tuple[Scenario, _Shared]] = {}


def _shared(scenario: Scenario) -> _Shared:
    entry = _SHARED.get(id(scenario))
    if entry is not None and entry[0] is scenario:
        return entry[1]
    shared = _Shared(scenario)
    if len(_SHARED) >= 8:
        del _SHARED[next(iter(_SHARED))]
    _SHARED[id(scenario)] = (scenario, shared)
    return shared


class Game:
    """A game in progress. Drive it with :meth:`choose` until :attr:`over`."""

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        setup: Setup | None = None,
        *,
        quiet: bool = False,
        rules: int = RULES,
    ) -> None:
        #: A quiet game plays identically but writes no words: no messages, no lock reasons,
        #: no decision titles and no stat changes in outcomes. Simulations play thousands of
        #: games and read none of them.
        self.quiet = quiet
        self.scenario = scenario
        self.seed = seed
        if rules not in KNOWN_RULES:
            raise GameError(f"rules {rules} are unknown to this version (it knows {KNOWN_RULES})")
        self.rules = rules
        self.setup = self._resolve_setup(setup or Setup())
        self.rng = random.Random(seed)
        #: Rules 2: the events' own stream (a str seed is hashed with SHA-512: the same on
        #: every machine). Rules 1 draw events from :attr:`rng`.
        self.event_rng = random.Random(f"events {seed}") if rules >= 2 else self.rng
        self.log: list[str] = []
        self.history: list[TurnRecord] = []
        self.milestones: list[Milestone] = []
        self.goal_turns: dict[str, int] = {}
        self.ending: EndingDef | None = None
        self._stat_ids = [s.id for s in scenario.stats]
        shared = _shared(scenario)
        self._early = shared.early
        self._goals = shared.goals
        self._entry = shared.entry
        self._role_text = shared.role_text
        self._program_text = shared.program_text
        self._wallet_effects = shared.wallet_effects
        self._price_text = shared.price_text
        self.state = GameState(stats=[s.start for s in scenario.stats])
        self._messages: list[str] = []
        self._checks: list[CheckResult] = []
        self._record = self._new_record()
        self.decision: Decision | None = None
        self.opening = self._start()

    # ------------------------------------------------------------------ setup

    def _resolve_setup(self, setup: Setup) -> Setup:
        sc = self.scenario

        def first(term: str) -> str | None:
            return next((g.id for g in sc.goals if g.term == term), None)

        background = setup.background
        if background is None and sc.backgrounds:
            background = sc.backgrounds[0].id
        if background is not None and background not in {b.id for b in sc.backgrounds}:
            raise GameError(f"unknown background '{background}'")
        short_goal = setup.short_goal or first("short")
        long_goal = setup.long_goal or first("long")
        for goal, term in ((short_goal, "short"), (long_goal, "long")):
            if goal is not None and goal not in {g.id for g in sc.goals if g.term == term}:
                raise GameError(f"'{goal}' is not a {term}-term goal of this scenario")
        name = " ".join(setup.name.split())[:40].strip() or DEFAULT_NAME
        return Setup(name, background, short_goal, long_goal)

    def _start(self) -> Outcome:
        """Apply the background, then play the first turn's upkeep.

        The opening's changes are the upkeep's alone: the background is where the player
        starts, not something that happened to them (it never showed as a change).
        """
        state = self.state
        state.turns_left = self.scenario.turns - 1
        state.age = self.scenario.start_age
        if self.setup.background is not None:
            state.background = self.setup.background
            background = next(b for b in self.scenario.backgrounds if b.id == self.setup.background)
            self._apply(background.effects)
        before = list(state.stats)
        self._record = self._new_record()
        self._upkeep()
        self._open_turn()
        return self._outcome(before, turn_ended=False)

    # -------------------------------------------------------------- public API

    @property
    def over(self) -> bool:
        return self.ending is not None

    @property
    def turn(self) -> int:
        return self.state.turn

    def choose(self, option_id: str) -> Outcome:
        """Take one open option of the current decision and play on to the next decision."""
        decision = self.decision
        if decision is None:
            raise GameError("the game is over")
        option = decision.option(option_id)
        if option is None:
            # Only the open options: a locked one offered here would fail in turn.
            ids = [o.id for o in decision.open_options()]
            close = suggest(option_id, ids)
            hint = f"; did you mean '{close}'?" if close else ""
            message = f"'{option_id}' is not an option now (open options: {', '.join(ids)}){hint}"
            raise GameError(message)
        if not option.available:
            raise GameError(f"'{option.label}' is locked: {option.locked_reason}")
        before = list(self.state.stats)
        self.log.append(option_id)
        if decision.kind == "action":
            self._take_action(option)
            event = self._draw_event()
            if event is not None:
                self.decision = self._event_decision(event)
                return self._outcome(before, turn_ended=False)
        else:
            self._answer_event(option)
        self._end_turn()
        outcome = self._outcome(before, turn_ended=True)
        if not self.over:
            before = list(self.state.stats)
            self._next_turn()
            outcome.upkeep = self._outcome(before, turn_ended=False)
        return outcome

    def stat_value(self, stat_id: str) -> int:
        return self.state.stats[self.scenario.stat_index[stat_id]]

    def snapshot(self) -> dict[str, object]:
        """The state as plain data, compared after a replay to detect an edited scenario."""
        data = self.state.snapshot(self._stat_ids)
        data["ending"] = self.ending.id if self.ending else ""
        # The generator's position: two games that drew differently are different games.
        data["rng"] = _digest(self.rng)
        if self.rules >= 2:
            data["event_rng"] = _digest(self.event_rng)
        return data

    @property
    def date(self) -> str:
        return self.date_of(self.state.turn)

    def date_of(self, turn: int) -> str:
        """A turn of this game as a date in the scenario's unit: ``Q3 2026``."""
        sc = self.scenario
        return date_label(turn, sc.turn_unit, sc.start_year)

    @property
    def age(self) -> int:
        """The player's age in whole years this turn."""
        return self.state.age

    @property
    def income(self) -> int:
        """The current role's regular pay for one turn (0 without a role)."""
        return self.state.income

    def values(self) -> tuple[int, ...]:
        """Every stat's current value, in the scenario's order."""
        return tuple(self.state.stats)

    @property
    def start_stats(self) -> tuple[int, ...]:
        """Every stat when the first turn opened: the first values the player sees, where a
        game's charts and trends start."""
        return (self.history[0] if self.history else self._record).start

    @property
    def turn_so_far(self) -> TurnRecord | None:
        """The turn in progress once its action is taken (an event is waiting): the record
        it will join :attr:`history` as, so far. ``None`` before the action and at the end."""
        return self._record if self.decision is not None and self._record.action else None

    @property
    def turn_start(self) -> tuple[int, ...]:
        """Every stat as the current turn opened, after its upkeep: what the turn's own
        decisions have changed is measured from here."""
        return self._record.start

    def goal_standing(self) -> list[GoalStanding]:
        """The player's goals as they stand now, short-term first."""
        standing = []
        for goal_id in (self.setup.short_goal, self.setup.long_goal):
            if goal_id is None:
                continue
            goal = self._goals[goal_id]
            met = self.goal_turns.get(goal_id)
            # Past its deadline, or the game is over: it can no longer be met.
            late = self.over or (goal.by is not None and self.state.turn > goal.by)
            standing.append(GoalStanding(goal, met, met is None and late))
        return standing

    def program_progress(self) -> tuple[ProgramDef, int] | None:
        """The program in progress and how many of its turns are done."""
        program = self.program_def()
        return None if program is None else (program, self.state.program_turns)

    def role_def(self) -> RoleDef | None:
        return self.scenario.roles.get(self.state.role)

    def program_def(self) -> ProgramDef | None:
        return self.scenario.programs.get(self.state.program)

    def check_preview(self, check: CheckDef) -> CheckPreview:
        stat = self.scenario.stats[check.stat]
        return preview(stat, self.state.stats[check.stat], check.difficulty)

    # ------------------------------------------------------------ the pipeline

    def _upkeep(self) -> None:
        sc, state = self.scenario, self.state
        role = self.role_def()
        per_year = sc.turns_per_year
        told = not self.quiet  # a quiet game skips formatting what no one reads
        if role is not None:
            state.tenure += 1
            paid = 0
            if state.income:
                paid += state.income
                if told:
                    self._say(f"Pay from {role.title}: {signed_money(state.income, sc.currency)}.")
            if role.pay.bonus and state.turn % per_year == 0:
                paid += role.pay.bonus
                if told:
                    self._say(f"Year-end bonus: {signed_money(role.pay.bonus, sc.currency)}.")
            if role.pay.stock and state.tenure % per_year == 0:
                paid += role.pay.stock
                if told:
                    self._say(f"Stock vested: {signed_money(role.pay.stock, sc.currency)}.")
            if paid:
                tax = round(paid * role.pay.tax)
                self._add(sc.wallet, paid - tax)
                if tax and told:
                    self._say(
                        f"Tax withheld ({_percent(role.pay.tax)}): {money(tax, sc.currency)}."
                    )
        if sc.living_cost:
            self._add(sc.wallet, -sc.living_cost)
            if told:
                self._say(f"Living costs: {signed_money(-sc.living_cost, sc.currency)}.")
        if sc.debt is not None and state.stats[sc.debt] > 0:
            debt = state.stats[sc.debt]
            interest = round(debt * sc.debt_interest / per_year)
            if interest:
                self._add(sc.debt, interest)
                if told:
                    self._say(f"Interest added to your debt: {money(interest, sc.currency)}.")
            payment = min(round(state.stats[sc.debt] * sc.debt_payment), state.stats[sc.wallet])
            if payment > 0:
                self._add(sc.wallet, -payment)
                self._add(sc.debt, -payment)
                if told:
                    self._say(f"Loan repayment: {money(payment, sc.currency)} off your debt.")
        if role is not None:
            self._apply_told(role.effects, f"Your work as {role.title}")
        program = self.program_def()
        if program is not None:
            self._apply_told(program.effects, f"Studying {program.title}")
            # A per-turn effect may have switched programs: the new one starts from zero.
            if state.program == program.id:
                state.program_turns += 1
                if state.program_turns >= program.turns:
                    self._complete_program(program)
        # Only the job the turn began with can be lost: finishing a program may have given
        # the player a new one since, which this risk is not about. Nor is it lost before the
        # player's first choice (a job the background gave), though the roll is still made,
        # so that every later roll of a game stays where it was.
        if (
            role is not None
            and state.role == role.id
            and role.loss_chance
            and self.rng.random() < role.loss_chance
            and state.turn > 1
        ):
            self._milestone("lost", f"Lost the job as {role.title}")
            self._say(
                f"Bad news: your job as {role.title} has ended. Work like this can stop at any "
                f"time: {_risk(role.loss_chance, sc.turn_unit)}."
            )
            self._leave_role()

    def _take_action(self, option: Option) -> None:
        sc = self.scenario
        record = self._record
        record.action = option.id
        record.action_label = option.label
        self.state.acted += 1
        kind, _, target = option.id.partition(":")
        if option.kind == "action":
            action = next(a for a in sc.actions if a.id == option.id)
            record.category = action.category
            if action.category in INVESTING_CATEGORIES:
                self.state.invest_turns += 1
            if action.result:
                self._say(action.result)
            self._apply(action.effects)
            if action.check is not None:
                self._roll(action.check, option.check)
        elif kind == "enroll":
            record.category = "study"
            self.state.invest_turns += 1
            self._enroll(sc.programs[target])
        else:
            record.category = "work"
            self._apply_for(sc.roles[target])

    def _apply_for(self, role: RoleDef) -> None:
        hired = True
        if role.interview is not None:
            hired = self._roll(role.interview)
        if hired:
            self._take_role(role.id)
        else:
            self._say(f"You did not get the {role.title} position this time; you can apply again.")

    def _enroll(self, program: ProgramDef) -> None:
        sc, state = self.scenario, self.state
        enrolled = f"Enrolled in {program.title}"
        if program.cost:
            if program.loan and sc.debt is not None:
                self._add(sc.debt, program.cost)
                self._say(f"You borrowed {money(program.cost, sc.currency)} for {program.title}.")
                enrolled += f", borrowing {money(program.cost, sc.currency)}"
            else:
                self._add(sc.wallet, -program.cost)
                self._say(f"You paid {money(program.cost, sc.currency)} for {program.title}.")
        if not program.part_time and state.role:
            title = self._role_title()
            self._say(f"You left your job as {title} to study full-time.")
            self._milestone("left", f"Left the job as {title} to study full-time")
            self._leave_role()
        state.program = program.id
        state.program_turns = 0
        self._milestone("enrolled", enrolled)
        self._say(f"You enrolled in {program.title} ({counted(program.turns, sc.turn_unit)}).")

    def _complete_program(self, program: ProgramDef) -> None:
        state = self.state
        state.done.add(program.id)
        state.program = ""
        state.program_turns = 0
        moved = self._apply_listing(program.on_complete)
        text = f"Completed {program.title}"
        if program.credential:
            state.creds.add(program.credential)
            text += f" — credential earned: {self.scenario.credentials[program.credential]}"
        self._milestone("completed", text)
        # What completing it brought, beside it: an upkeep's summary line counts it too.
        self._say(f"{text}. {moved}." if moved else f"{text}.")

    def _draw_event(self) -> EventDef | None:
        sc, state = self.scenario, self.state
        chance = self.event_rng.random()
        # Rules 2 draw the pick every turn, used or not: what the player did never moves
        # the stream, so one seed gives every player the same draws on the same turns.
        pick = self.event_rng.random() if self.rules >= 2 else None
        if chance >= sc.event_chance:
            return None
        eligible: list[EventDef] = []
        total = 0.0
        for event in sc.events:
            last = state.fired.get(event.id)
            if last is not None and (event.once or state.turn - last <= event.cooldown):
                continue
            if event.when is not None and not event.when.fn(state):
                continue
            eligible.append(event)
            total += event.weight
        if not eligible:
            return None
        target = (self.event_rng.random() if pick is None else pick) * total
        for event in eligible:
            target -= event.weight
            if target < 0:
                return event
        return eligible[-1]

    def _answer_event(self, option: Option) -> None:
        record = self._record
        event = next(e for e in self.scenario.events if e.id == record.event)
        choice = next(c for c in event.choices if c.id == option.id)
        record.choice = choice.id
        if choice.result:
            self._say(choice.result)
        # The event's own milestone goes before those of its effects (a job ended, a program
        # begun): the cause before what it caused. Its verdict is known only after the roll.
        at = len(self.milestones)
        self._apply(choice.effects)
        success = None
        if choice.check is not None:
            success = self._roll(choice.check, option.check)
        if event.milestone:
            verdict = "" if success is None else (" — it worked" if success else " — it failed")
            text = titled(event.title, choice.label + verdict)
            self.milestones.insert(at, Milestone(self.state.turn, "event", text))

    def _end_turn(self) -> None:
        sc, state = self.scenario, self.state
        self._record.stats = tuple(state.stats)
        self.history.append(self._record)
        self._test_goals()
        ending = self._early_ending()
        if ending is None and state.turn >= sc.turns:
            ending = next(e for e in sc.endings if e.when is None or e.when.fn(state))
        if ending is not None:
            self.ending = ending
            self.decision = None

    def _test_goals(self) -> None:
        """Mark the player's goals that now hold; once met, a goal stays met."""
        state = self.state
        for goal_id in (self.setup.short_goal, self.setup.long_goal):
            if goal_id is None or goal_id in state.goals:
                continue
            goal = self._goals[goal_id]
            if goal.by is not None and state.turn > goal.by:
                continue  # too late
            if goal.achieved.fn(state):
                state.goals.add(goal_id)
                self.goal_turns[goal_id] = state.turn
                self._milestone("goal", f"Goal met: {goal.label}")
                self._say(f"Goal met: {goal.label}!")

    def _early_ending(self) -> EndingDef | None:
        """The first early ending whose condition holds now, if any."""
        return next((e for e in self._early if e.when is not None and e.when.fn(self.state)), None)

    def _next_turn(self) -> None:
        sc, state = self.scenario, self.state
        state.turn += 1
        state.turns_left = sc.turns - state.turn
        state.age = age_at(state.turn, sc.turn_unit, sc.start_age)
        self._record = self._new_record()
        self._upkeep()
        self._open_turn()

    def _open_turn(self) -> None:
        """After a turn's upkeep, the first turn's included: an early ending that now holds
        ends the game before the player decides anything; otherwise, the turn's action."""
        if self.rules >= 2:  # what the upkeep did (a program completed) counts this turn
            self._test_goals()
        self._record.start = tuple(self.state.stats)
        early = self._early_ending()
        if early is not None:
            self._record.stats = tuple(self.state.stats)
            self.history.append(self._record)
            self.ending, self.decision = early, None
            return
        self.decision = self._action_decision()

    # ---------------------------------------------------------------- options

    def _action_decision(self) -> Decision:
        """The turn's options. The ways into a role come first, where no player can miss
        them among a dozen actions: with a job, its promotions and career moves (rare, and
        what the game is about); without one, the applications. Then the actions, then, for
        someone with a job, the other openings they qualify for, then the enrolments."""
        sc, state = self.scenario, self.state
        options: list[Option] = []
        role = self.role_def()
        if role is not None:
            for target in role.ladder:
                options.append(self._role_option(sc.roles[target], "promotion"))
            for target in role.links:
                options.append(self._role_option(sc.roles[target], "move"))
        else:
            options.extend(self._role_option(c, "apply") for c in self._entry)
        for action in sc.actions:
            if action.when is not None and not action.when.fn(state):
                continue
            option = Option(action.id, action.label, "action", action.category, action.description)
            self._lock(option, action.requires)
            if action.check is not None:
                option.check = self.check_preview(action.check)
            if not self.quiet:
                option.commitment = self._borrowing(action.effects)
                if wallet := self._wallet_effects[action.id]:
                    price = self._price_text.get(action.id)
                    if price is None:
                        price = self._price(wallet)
                        if all(_constant(e) for e in wallet):
                            self._price_text[action.id] = price
                    option.description = _joined(option.description, price)
            options.append(option)
        if role is not None:
            linked = (*role.ladder, *role.links)
            for candidate in self._entry:
                # Someone with a job sees only the entry roles they qualify for now.
                if candidate.id == state.role or candidate.id in linked:
                    continue
                if not self._role_barriers(candidate, words=False):
                    options.append(self._role_option(candidate, "apply"))
        if not state.program:
            for program in sc.programs.values():
                if program.id not in state.done:
                    options.append(self._program_option(program))
        if self.quiet:
            return Decision("action", state.turn, "", "", options)
        title = f"{self.date} — what will you do?"
        return Decision("action", state.turn, title, self._situation(), options)

    def _situation(self) -> str:
        role = self.role_def()
        program = self.program_def()
        parts = [f"You are {self.state.age}."]
        parts.append(f"You work as {role.title}." if role else "You have no job right now.")
        if program is not None:
            parts.append(
                f"You are studying {program.title} ({self.state.program_turns}/{program.turns})."
            )
        return " ".join(parts)

    def _role_option(self, role: RoleDef, kind: OptionKind) -> Option:
        text = self._role_text.get((role.id, kind))
        if text is None:
            verb = {"promotion": "Go for promotion", "move": "Change jobs", "apply": "Apply"}[kind]
            label = f"{verb}: {role.title}" + (f" at {role.employer}" if role.employer else "")
            text = self._role_text[role.id, kind] = (
                label,
                _pay_text(role, self.scenario.currency, self.scenario.turn_unit),
            )
        prefix = "promote" if kind == "promotion" else "apply"
        option = Option(f"{prefix}:{role.id}", text[0], kind, "career", text[1])
        reasons = self._role_barriers(role, words=not self.quiet)
        if reasons:
            option.available = False
            option.locked_reason = "needs " + "; ".join(reasons)
        if role.interview is not None:
            option.check = self.check_preview(role.interview)
        return option

    def _role_barriers(self, role: RoleDef, *, words: bool) -> list[str]:
        """What stands between the player and a role; without words, one marker is enough."""
        state = self.state
        reasons = []
        program = self.program_def()
        if program is not None and not program.part_time:
            reasons.append(f"you to finish {program.title} first: it is full-time" if words else "")
        if state.role and role.min_tenure and state.tenure < role.min_tenure:
            reasons.append(
                f"{counted(role.min_tenure, self.scenario.turn_unit)} in your current role "
                f"(you have {state.tenure})"
                if words
                else ""
            )
        if role.requires is not None and not role.requires.fn(state):
            reasons.extend(role.requires.unmet(state) if words else [""])
        return reasons

    def _program_option(self, program: ProgramDef) -> Option:
        sc = self.scenario
        key = (program.id, not program.part_time and bool(self.state.role))
        text = self._program_text.get(key)
        if text is None:
            cost = money(program.cost, sc.currency) if program.cost else "free"
            details = [
                program.kind.capitalize(),
                counted(program.turns, sc.turn_unit),
                cost + (" on a loan" if program.loan else ""),
            ]
            if key[1]:
                details.append("full-time: you leave your job")
            text = self._program_text[key] = (
                f"enroll:{program.id}",
                f"Enroll: {program.title}",
                ", ".join(details),
            )
        option = Option(text[0], text[1], "enroll", "study", text[2])
        if not self.quiet:
            option.commitment = self._commitment(program)
        pre = program.prerequisites
        reasons = []
        if pre is not None and not pre.fn(self.state):
            reasons = [""] if self.quiet else pre.unmet(self.state)
        wallet = self.state.stats[sc.wallet]
        if program.cost and not program.loan and wallet < program.cost:
            reasons.append(
                ""
                if self.quiet
                else f"{money(program.cost, sc.currency)} (you have {money(wallet, sc.currency)})"
            )
        if reasons:
            option.available = False
            option.locked_reason = "needs " + "; ".join(reasons)
        return option

    def _commitment(self, program: ProgramDef) -> str:
        """The lasting costs of enrolling: a loan, and the job a full-time program ends."""
        sc = self.scenario
        costs = []
        borrows = program.loan and bool(program.cost) and sc.debt is not None
        if borrows:
            costs.append(f"borrow {money(program.cost, sc.currency)}")
        if not program.part_time and self.state.role:
            if program.cost and not borrows:  # the fee, beside the pay it gives up
                costs.append(f"pay {money(program.cost, sc.currency)}")
            costs.append(f"leave your job as {self._role_title()}")
        if not costs:
            return ""
        length = counted(program.turns, sc.turn_unit)
        # The title leads: "to study Computer science degree" read as a slip.
        return f"{program.title}, {length}: you {' and '.join(costs)}."

    def _borrowing(self, effects: EffectList) -> str:
        """An answer that adds to the debt asks first, as a loan for a program does: "You
        take on $3,300 of debt." Only a sure change counts, not a check's outcome."""
        sc = self.scenario
        if sc.debt is None:
            return ""
        owed = 0.0
        for effect in effects.stats:
            if effect.stat == sc.debt and effect.op == "add" and effect.amount is not None:
                owed += float(effect.amount(self.state))
        return f"You take on {money(round(owed), sc.currency)} of debt." if owed > 0 else ""

    def _price(self, wallet: tuple[StatEffect, ...]) -> str:
        """What an action's changes to the wallet surely take from it: "Costs $500." A cost
        the label does not name (a weekend away) must not come as a surprise in the log."""
        sc, total, low, high = self.scenario, 0.0, 0, 0
        for effect in wallet:
            if effect.op == "range":
                low, high = low + effect.low, high + effect.high
            elif effect.op in ("add", "sub") and effect.amount is not None:
                amount = float(effect.amount(self.state))
                total += amount if effect.op == "add" else -amount
        most, least = round(total + low), round(total + high)
        if least >= 0:
            return ""
        if most == least:
            return f"Costs {money(-most, sc.currency)}."
        return f"Costs {money(-least, sc.currency)} to {money(-most, sc.currency)}."

    def _event_decision(self, event: EventDef) -> Decision:
        state = self.state
        state.fired[event.id] = state.turn
        self._record.event = event.id
        options = []
        for choice in event.choices:
            option = Option(choice.id, choice.label, "choice", "event")
            self._lock(option, choice.requires)
            if choice.check is not None:
                option.check = self.check_preview(choice.check)
            if not self.quiet:
                option.commitment = self._borrowing(choice.effects)
            options.append(option)
        return Decision("event", state.turn, event.title, event.text, options, event.id)

    def _lock(self, option: Option, requires: Compiled | None) -> None:
        if requires is not None and not requires.fn(self.state):
            option.available = False
            if not self.quiet:
                option.locked_reason = "needs " + "; ".join(requires.unmet(self.state))

    # ---------------------------------------------------------------- effects

    def _roll(self, check: CheckDef, shown: CheckPreview | None = None) -> bool:
        shown = shown or self.check_preview(check)
        roll = self.rng.randint(1, 100)
        success = roll <= shown.chance
        stat = self.scenario.stats[check.stat]
        self._checks.append(CheckResult(stat.id, shown.chance, roll, success))
        if not self.quiet:
            verdict = "success" if success else "failure"
            self._say(f"{stat.label} check ({shown.describe()}): {verdict}.")
        text = check.success_text if success else check.failure_text
        if text:
            self._say(text)
        self._apply(check.success if success else check.failure)
        return success

    def _apply(self, effects: EffectList) -> None:
        if not effects:
            return
        state, stats = self.state, self.scenario.stats
        values = state.stats
        for effect in effects.stats:
            stat = stats[effect.stat]
            value = values[effect.stat]
            op = effect.op
            if op == "range":
                new: float = value + self.rng.randint(effect.low, effect.high)
            else:
                assert effect.amount is not None
                amount = cast(float, effect.amount.fn(state))  # a number: checked at load
                if op == "add":
                    new = value + amount
                elif op == "sub":
                    new = value - amount
                elif op == "set":
                    new = amount
                elif op == "fair_up":
                    new = value + ((stat.high or 0) - value) * amount / 100
                else:
                    new = value - (value - (stat.low or 0)) * amount / 100
            values[effect.stat] = stat.clamp(new)
        for name, on in effects.flags:
            (state.flags.add if on else state.flags.discard)(name)
        for name, on in effects.creds:
            (state.creds.add if on else state.creds.discard)(name)
        if effects.leave_role and state.role:
            title = self._role_title()
            self._milestone("left", f"The job as {title} ended")
            self._say(f"Your job as {title} has ended.")
            self._leave_role()
        if effects.take_role is not None:
            self._take_role(effects.take_role)
        if effects.start_program is not None and effects.start_program != state.program:
            self._enroll(self.scenario.programs[effects.start_program])

    def _apply_told(self, effects: EffectList, source: str) -> None:
        """Apply per-turn effects and say what they moved, so no change goes unexplained
        (a job's running costs, a program's toll on wellbeing)."""
        moved = self._apply_listing(effects)
        if moved:
            self._say(f"{source}: {moved}.")

    def _apply_listing(self, effects: EffectList) -> str:
        """Apply ``effects``; the shown stats they moved, as ``Reputation +2, Fulfilment +1``
        (nothing in a quiet game)."""
        if self.quiet or not effects.stats:
            self._apply(effects)
            return ""
        touched = sorted({effect.stat for effect in effects.stats})  # in the panel's order
        stats = self.state.stats
        before = [stats[i] for i in touched]
        self._apply(effects)
        sc = self.scenario
        return ", ".join(
            f"{stat.label} {stat_change(stat.kind, stats[i] - old, sc.currency)}"
            for i, old in zip(touched, before, strict=True)
            if stats[i] != old and not (stat := sc.stats[i]).hidden
        )

    def _add(self, index: int, amount: int) -> None:
        stat = self.scenario.stats[index]
        self.state.stats[index] = stat.clamp(self.state.stats[index] + amount)

    def _take_role(self, role_id: str) -> None:
        state = self.state
        if role_id == state.role:
            return
        role = self.scenario.roles[role_id]
        current = self.role_def()
        if current is not None and role_id in current.ladder:
            state.promotions += 1
            how, text = "promotion", f"Promoted to {role.title}"
        elif current is not None and role_id in current.links:
            state.career_moves += 1
            how, text = "move", f"Moved from {current.title} to {role.title}"
        elif current is not None:  # applied elsewhere while employed: a change, not a step
            how, text = "switch", f"Left {current.title} for {role.title}"
        else:
            how, text = "hired", f"Hired as {role.title}"
        state.role = role_id
        state.held.add(role_id)
        state.tenure = 0
        state.income = role_income(role, self.scenario.turns_per_year)
        self._milestone(how, text)
        self._say(text + ".")

    def _role_title(self) -> str:
        role = self.role_def()
        return role.title if role else self.state.role

    def _leave_role(self) -> None:
        self.state.role = ""
        self.state.tenure = 0
        self.state.income = 0

    # ---------------------------------------------------------------- records

    def _say(self, text: str) -> None:
        if self.quiet:
            return
        self._messages.append(text)
        self._record.messages.append(text)

    def _milestone(self, kind: str, text: str) -> None:
        self.milestones.append(Milestone(self.state.turn, kind, text))

    def _new_record(self) -> TurnRecord:
        state = self.state
        role = self.role_def()
        return TurnRecord(state.turn, self.date, state.age, role.title if role else "")

    def _outcome(self, before: Sequence[int], *, turn_ended: bool) -> Outcome:
        if self.quiet:
            self._checks = []
            return Outcome([], [], [], turn_ended, self.over)
        stats, after = self.scenario.stats, self.state.stats
        changes = [
            Change(stats[i].id, stats[i].label, stats[i].kind, before[i], after[i])
            for i in range(len(after))
            if after[i] != before[i]
        ]
        outcome = Outcome(self._messages, changes, self._checks, turn_ended, self.over)
        self._messages = []
        self._checks = []
        return outcome


def _digest(rng: random.Random) -> str:
    """A generator's position, short: two games that drew differently are different games."""
    return hashlib.sha256(repr(rng.getstate()).encode()).hexdigest()[:16]


def event_answer(scenario: Scenario, record: TurnRecord) -> tuple[str, str] | None:
    """The title of the event a turn met and the label of the answer given, or None when no
    event came or it awaits its answer."""
    event = next((e for e in scenario.events if e.id == record.event), None)
    if event is None or not record.choice:
        return None
    choice = next((c.label for c in event.choices if c.id == record.choice), record.choice)
    return event.title, choice


def _constant(effect: StatEffect) -> bool:
    """Whether a change's amount is the same in every state: a range, or a bare number."""
    if effect.amount is None:
        return True
    try:
        float(effect.amount.source)
    except ValueError:
        return False
    return True


def _joined(*sentences: str) -> str:
    """Sentences in one paragraph, the empty ones left out."""
    return " ".join(s for s in sentences if s)


def role_income(role: RoleDef, turns_per_year: int) -> int:
    """A role's regular pay for one turn: salary plus hourly wages."""
    yearly = role.pay.salary + role.pay.hourly * role.pay.hours * 52
    return round(yearly / turns_per_year)


def _pay_text(role: RoleDef, currency: str, turn_unit: str) -> str:
    """``$19/hour, 40h a week: $9,880 a quarter; bonus $3,000; …``: the regular pay as the
    role states it, then for one turn, the figure the header shows for the current job."""
    pay = role.pay
    parts = []
    regular = []
    if pay.salary:
        regular.append(f"{money(pay.salary, currency)}/year")
    if pay.hourly:
        regular.append(f"{rate(pay.hourly, currency)}/hour, {pay.hours}h a week")
    if regular:
        text = " + ".join(regular)
        if turn_unit != "year" or pay.hourly:
            income = role_income(role, TURNS_PER_YEAR[turn_unit])
            text += f": {money(income, currency)} a {turn_unit}"
        if pay.tax:
            text += f" before {_percent(pay.tax)} tax"
        parts.append(text)
    if pay.bonus:
        parts.append(f"bonus {money(pay.bonus, currency)} a year")
    if pay.stock:
        parts.append(f"stock {money(pay.stock, currency)}/year")
    if pay.tax and not regular:
        parts.append(f"{_percent(pay.tax)} tax withheld")
    if pay.benefits:
        parts.append(", ".join(pay.benefits))
    if role.loss_chance:
        parts.append(_risk(role.loss_chance, turn_unit))
    return "; ".join(parts)


def _risk(chance: float, turn_unit: str) -> str:
    """``a 2% chance each quarter of losing it``."""
    return f"a {_percent(chance)} chance each {turn_unit} of losing it"


def _percent(share: float) -> str:
    """``0.12`` → ``12%``; ``0.025`` → ``2.5%``."""
    return f"{share:.0%}" if round(share * 100, 6).is_integer() else f"{share:.1%}"


class ReplayError(GameError):
    """A choice of a log that cannot be made; ``game`` is the game just before it."""

    def __init__(self, message: str, game: Game) -> None:
        super().__init__(message)
        self.game = game


def replay(
    scenario: Scenario,
    seed: int,
    setup: Setup,
    log: Sequence[str],
    *,
    where: str = " of the log",
    rules: int = RULES,
) -> Game:
    """Rebuild a game from its identity: the same choices (by the same rules) give the same
    game. A choice that cannot be made is a :class:`ReplayError` naming it: "choice 3 of
    the log: …" (``where`` words it), which carries the game as it stood before that
    choice."""
    game = Game(scenario, seed, setup, rules=rules)
    for step, option_id in enumerate(log, 1):
        if game.over:
            raise ReplayError(f"choice {step} ('{option_id}') comes after the game ended", game)
        try:
            game.choose(option_id)
        except GameError as exc:
            raise ReplayError(f"choice {step}{where}: {exc}", game) from None
    return game
