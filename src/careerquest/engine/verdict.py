"""Why a game ended as it did: the verdict, factor by factor, from the player's own history.

The scenario's ``[[factors]]`` say *whether* each of the seed article's factors (timeframe,
purpose, growth plan, education, benefits, fulfilment) leaned towards a career; this module
adds the *evidence* from the game that was actually played: the turns spent investing, the
role path with its promotions and moves, the programs completed, the pay package, how the
stats the factor looks at moved. Beside them it puts pay next to savings and debt, so that a
loan taken for a degree is weighed against what the degree pays. The ending screen and plain
play both read it.
"""

from __future__ import annotations

from dataclasses import dataclass

from careerquest.engine.errors import GameError
from careerquest.engine.game import Game
from careerquest.engine.money import money, rate
from careerquest.engine.words import counted
from careerquest.scenario.runtime import INVESTING_CATEGORIES, FactorDef, StatDef


@dataclass(frozen=True, slots=True)
class FactorResult:
    kind: str
    label: str
    career: bool
    text: str
    evidence: tuple[str, ...]
    #: What the scenario counts as a career on this factor, in words ("Fulfilment at least
    #: 55"): a player whose fulfilment rose to 50 can see why it was not enough, and a class
    #: can argue with the line the author drew.
    rule: str = ""


@dataclass(frozen=True, slots=True)
class GoalResult:
    id: str
    term: str
    label: str
    met: bool
    date: str | None
    #: Whether the goal still holds at the end: a goal met stays met, but the savings that
    #: met "cover expenses" may have run out since.
    kept: bool
    #: The date by which it had to be met, for a goal with a deadline.
    deadline: str | None = None

    @property
    def status(self) -> str:
        """``met in Q3 2026``, ``met in Q3 2026, but lost by the end``, ``missed``, or
        ``missed: it was due by Q4 2030``."""
        if not self.met:
            return "missed" + (f": it was due by {self.deadline}" if self.deadline else "")
        return f"met in {self.date}" + ("" if self.kept else ", but lost by the end")


@dataclass(frozen=True, slots=True)
class Series:
    """A stat's value at the start and at the end of every played turn, for charts."""

    stat: str
    label: str
    kind: str
    values: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TurningPoint:
    turn: int
    date: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Verdict:
    ending: str
    title: str
    cls: str
    text: str
    factors: tuple[FactorResult, ...]
    goals: tuple[GoalResult, ...]
    turning_points: tuple[TurningPoint, ...]
    series: tuple[Series, ...]
    path: tuple[str, ...]
    turns_played: int
    #: Pay at the end beside savings and debt, one sentence each.
    money: tuple[str, ...]

    @property
    def career_factors(self) -> int:
        return sum(1 for f in self.factors if f.career)


def verdict(game: Game) -> Verdict:
    """Explain a finished game."""
    ending = game.ending
    if ending is None:
        raise GameError("the game has not ended yet")
    sc = game.scenario
    date = game.date_of
    series = tuple(
        Series(
            s.id,
            s.label,
            s.kind,
            (game.start_stats[s.index], *(r.stats[s.index] for r in game.history)),
        )
        for s in sc.stats
        if not s.hidden
    )
    goals = tuple(
        GoalResult(
            g.id,
            g.term,
            g.label,
            g.id in game.state.goals,
            date(game.goal_turns[g.id]) if g.id in game.goal_turns else None,
            bool(g.achieved(game.state)),
            None if g.by is None else date(g.by),
        )
        for goal_id in (game.setup.short_goal, game.setup.long_goal)
        if goal_id is not None
        for g in (sc.goal(goal_id),)
    )
    points = tuple(TurningPoint(m.turn, date(m.turn), m.kind, m.text) for m in game.milestones)
    return Verdict(
        ending=ending.id,
        title=ending.title,
        cls=ending.cls,
        text=ending.text,
        factors=tuple(_factor(game, f, goals) for f in sc.factors),
        goals=goals,
        turning_points=points,
        series=series,
        path=_role_path(game),
        turns_played=len(game.history),
        money=_money(game),
    )


def _role_path(game: Game) -> tuple[str, ...]:
    steps = []
    for milestone in game.milestones:
        if milestone.kind in ("hired", "promotion", "move", "switch", "lost", "left"):
            steps.append(f"{game.date_of(milestone.turn)}: {milestone.text}")
    return tuple(steps)


def _money(game: Game) -> tuple[str, ...]:
    """What the player earns, has and owes at the end; debt also in turns of that pay."""
    sc, state = game.scenario, game.state
    cur = sc.currency
    role = game.role_def()
    if role is None:
        lines = ["Pay: none, with no job at the end."]
    elif not state.income:
        extras = role.pay.bonus + role.pay.stock
        lines = [
            f"Pay: {money(extras, cur)} a year in bonus and stock as {role.title}, and no "
            "regular pay."
            if extras
            else f"Pay: none as {role.title}."
        ]
    else:
        lines = [f"Pay: {money(state.income, cur)} a {sc.turn_unit} as {role.title}."]
    wallet = sc.stats[sc.wallet]
    if not wallet.hidden:
        red = " (in the red)" if state.stats[wallet.index] < 0 else ""
        lines.append(f"{_stat_trend(game, wallet)}{red}.")
    debt = None if sc.debt is None else sc.stats[sc.debt]
    if debt is not None and not debt.hidden:
        owed = state.stats[debt.index]
        start = game.start_stats[debt.index]
        peak = max([start, *(r.stats[debt.index] for r in game.history)])
        line = f"{debt.label}: none" if peak <= 0 else _stat_trend(game, debt)
        turns = round(owed / state.income, 1) if state.income else 0
        if owed > 0 and turns:
            line += f" ({counted(turns, sc.turn_unit)} of pay)"
        if peak > max(start, owed):
            line += f"; it peaked at {money(peak, cur)}"
        lines.append(line + ".")
    return tuple(lines)


def _factor(game: Game, factor: FactorDef, goals: tuple[GoalResult, ...]) -> FactorResult:
    career = bool(factor.career_when(game.state))
    evidence = list(_EVIDENCE[factor.kind](game, goals))
    for stat_id in factor.career_when.stats:
        stat = game.scenario.stat(stat_id)
        if not stat.hidden:
            evidence.append(_stat_trend(game, stat))
    return FactorResult(
        factor.kind,
        factor.label,
        career,
        factor.career if career else factor.job,
        tuple(dict.fromkeys(evidence)),
        factor.career_when.text,
    )


def _stat_trend(game: Game, stat: StatDef) -> str:
    start, end = game.start_stats[stat.index], game.state.stats[stat.index]
    if stat.kind == "money":
        cur = game.scenario.currency
        return f"{stat.label}: {money(start, cur)} → {money(end, cur)}"
    return f"{stat.label}: {start} → {end}"


def _timeframe(game: Game, goals: tuple[GoalResult, ...]) -> list[str]:
    turns = len(game.history)
    invested = sum(1 for r in game.history if r.category in INVESTING_CATEGORIES)
    worked = sum(1 for r in game.history if r.category == "work")
    rested = sum(1 for r in game.history if r.category == "rest")
    rest = f"; {rested} to rest" if rested else ""
    return [
        f"{invested} of {turns} turns went to study, training, networking, learning or projects; "
        f"{worked} went to work{rest}."
    ]


def _purpose(game: Game, goals: tuple[GoalResult, ...]) -> list[str]:
    lines = []
    for goal in goals:
        term = "Long-term" if goal.term == "long" else "Short-term"
        lines.append(f"{term} goal '{goal.label}': {goal.status}.")
    return lines


def _growth(game: Game, goals: tuple[GoalResult, ...]) -> list[str]:
    state = game.state
    # A job taken by applying elsewhere is neither a promotion nor a career move: counted
    # apart, so that the numbers add up to the roles held.
    switches = sum(1 for m in game.milestones if m.kind == "switch")
    counts = [counted(state.promotions, "promotion"), counted(state.career_moves, "career move")]
    if switches:
        counts.append(counted(switches, "other job change"))
    lines = [f"{', '.join(counts)}, {counted(len(state.held), 'role')} held."]
    lines.extend(_role_path(game))
    return lines


def _education(game: Game, goals: tuple[GoalResult, ...]) -> list[str]:
    sc = game.scenario
    done = [m for m in game.milestones if m.kind == "completed"]
    if not done:
        lines = ["No program completed."]
    else:
        lines = [f"{game.date_of(m.turn)}: {m.text}." for m in done]
    if game.state.program:
        program = sc.programs[game.state.program]
        lines.append(
            f"Still studying {program.title} ({game.state.program_turns}/{program.turns})."
        )
    return lines


def _benefits(game: Game, goals: tuple[GoalResult, ...]) -> list[str]:
    role = game.role_def()
    if role is None:
        return ["No job at the end: no pay, no benefits."]
    pay = role.pay
    kinds = []
    cur = game.scenario.currency
    if pay.salary:
        kinds.append(f"a salary of {money(pay.salary, cur)} a year")
    if pay.hourly:
        kinds.append(f"an hourly wage of {rate(pay.hourly, cur)}")
    if pay.bonus:
        kinds.append(f"a bonus of {money(pay.bonus, cur)}")
    if pay.stock:
        kinds.append(f"stock worth {money(pay.stock, cur)} a year")
    lines = [f"As {role.title}: " + (", ".join(kinds) or "no regular pay") + "."]
    lines.append("Benefits: " + (", ".join(pay.benefits) if pay.benefits else "none") + ".")
    return lines


def _fulfilment(game: Game, goals: tuple[GoalResult, ...]) -> list[str]:
    return []


_EVIDENCE = {
    "timeframe": _timeframe,
    "purpose": _purpose,
    "growth": _growth,
    "education": _education,
    "benefits": _benefits,
    "fulfilment": _fulfilment,
}
