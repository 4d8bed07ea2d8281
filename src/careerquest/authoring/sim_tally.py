"""Compact, mergeable counts of many simulated games.

Workers fold each finished game into a :class:`Tally` at once and send only tallies back,
never games, so little crosses process boundaries. Every part merges without depending on
order — counters add, samples are sorted before use, witnesses and failures keep the best
by a total order — so a report is the same however runs were split between workers.
"""

from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from careerquest.engine.game import Game
from careerquest.engine.setup import Setup
from careerquest.scenario.runtime import Scenario

#: Where in the game stats are sampled, as a share of the scenario's turns; the end is added.
CHECKPOINTS = (25, 50, 75)


@dataclass(frozen=True, slots=True)
class Witness:
    """A run that reproduces something: its seed, its setup and every choice it made."""

    policy: str
    rank: int
    run: int
    seed: int
    setup: Setup
    default_setup: bool
    choices: tuple[str, ...]

    def key(self) -> tuple[bool, int, int, int]:
        """Best first: replayable with the default setup, then shortest, then earliest."""
        return (not self.default_setup, len(self.choices), self.rank, self.run)


@dataclass(slots=True)
class Failure:
    """One kind of exception raised during runs (same type and message), with a witness."""

    type: str
    message: str
    where: str
    count: int
    witness: Witness


def checkpoint_turns(turns: int) -> tuple[int, ...]:
    """The turns sampled before the end: 25%, 50% and 75% of the way, rounded up."""
    return tuple(max(1, -(-turns * share // 100)) for share in CHECKPOINTS)


@dataclass(slots=True)
class Tally:
    """Everything a report needs from the runs of one policy."""

    policy: str
    rank: int
    points: tuple[int, ...]
    shown: tuple[int, ...]
    runs: int = 0
    decisions: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    goals_chosen: Counter[str] = field(default_factory=Counter)
    goals_met: Counter[str] = field(default_factory=Counter)
    fired: Counter[str] = field(default_factory=Counter)
    fired_runs: Counter[str] = field(default_factory=Counter)
    choice_open: Counter[tuple[str, str]] = field(default_factory=Counter)
    choice_taken: Counter[tuple[str, str]] = field(default_factory=Counter)
    option_open_runs: Counter[str] = field(default_factory=Counter)
    option_taken: Counter[str] = field(default_factory=Counter)
    held: Counter[str] = field(default_factory=Counter)
    done: Counter[str] = field(default_factory=Counter)
    #: ``samples[p][s]``: the values of shown stat ``s`` at point ``p`` (the last is the end).
    samples: list[list[list[int]]] = field(default_factory=list)
    witnesses: dict[str, Witness] = field(default_factory=dict)
    failures: dict[tuple[str, str], Failure] = field(default_factory=dict)

    @classmethod
    def start(cls, scenario: Scenario, policy: str, rank: int) -> Tally:
        points = checkpoint_turns(scenario.turns)
        shown = tuple(s.index for s in scenario.stats if not s.hidden)
        tally = cls(policy, rank, points, shown)
        tally.samples = [[[] for _ in shown] for _ in range(len(points) + 1)]
        return tally

    @property
    def completed(self) -> int:
        return sum(self.endings.values())

    def add(
        self,
        game: Game,
        run: int,
        default_setup: bool,
        open_options: set[str],
        event_options: list[tuple[str, ...]],
    ) -> None:
        """Fold in one finished game; ``event_options`` are the open choices of each event
        it answered, in order."""
        assert game.ending is not None
        self.runs += 1
        self.decisions += len(game.log)
        ending = game.ending.id
        self.endings[ending] += 1
        setup, state = game.setup, game.state
        for goal in (setup.short_goal, setup.long_goal):
            if goal is not None:
                self.goals_chosen[goal] += 1
                self.goals_met[goal] += goal in state.goals
        history = game.history
        events = [(record.event, record.choice) for record in history if record.event]
        self.fired.update(event for event, _ in events)
        self.fired_runs.update({event for event, _ in events})
        self.choice_taken.update(events)
        for (event, _), open_ids in zip(events, event_options, strict=True):
            self.choice_open.update((event, choice) for choice in open_ids)
        self.option_open_runs.update(open_options)
        self.option_taken.update(record.action for record in history)
        self.held.update(state.held)
        self.done.update(state.done)
        last = len(history)
        rows = [history[min(turn, last) - 1].stats for turn in self.points]
        rows.append(tuple(state.stats))
        for values, row in zip(self.samples, rows, strict=True):
            for column, index in zip(values, self.shown, strict=True):
                column.append(row[index])
        best = self.witnesses.get(ending)
        if best is None or (not default_setup, len(game.log), self.rank, run) < best.key():
            log = tuple(game.log)
            self.witnesses[ending] = Witness(
                self.policy, self.rank, run, game.seed, game.setup, default_setup, log
            )

    def fail(self, exc: Exception, witness: Witness) -> None:
        """Record a run that raised; its witness replays up to the failing choice."""
        self.runs += 1
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno} in {frame.name}"
        self._add_failure(Failure(type(exc).__name__, str(exc), where, 1, witness))

    def merge(self, other: Tally) -> None:
        """Add another tally of the same policy and scenario into this one."""
        self.runs += other.runs
        self.decisions += other.decisions
        self.endings.update(other.endings)
        self.goals_chosen.update(other.goals_chosen)
        self.goals_met.update(other.goals_met)
        self.fired.update(other.fired)
        self.fired_runs.update(other.fired_runs)
        self.choice_open.update(other.choice_open)
        self.choice_taken.update(other.choice_taken)
        self.option_open_runs.update(other.option_open_runs)
        self.option_taken.update(other.option_taken)
        self.held.update(other.held)
        self.done.update(other.done)
        for values, more in zip(self.samples, other.samples, strict=True):
            for column, extra in zip(values, more, strict=True):
                column.extend(extra)
        for ending, witness in other.witnesses.items():
            best = self.witnesses.get(ending)
            if best is None or witness.key() < best.key():
                self.witnesses[ending] = witness
        for failure in other.failures.values():
            self._add_failure(failure)

    def _add_failure(self, failure: Failure) -> None:
        key = (failure.type, failure.message)
        found = self.failures.get(key)
        if found is None:
            self.failures[key] = replace(failure)  # a copy: counts grow here, not there
            return
        found.count += failure.count
        if failure.witness.key() < found.witness.key():
            found.witness, found.where = failure.witness, failure.where
