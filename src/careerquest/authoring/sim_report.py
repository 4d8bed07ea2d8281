"""A simulation's report: plain, ordered data for JSON and for the text an author reads.

Rows follow the scenario file's order, never a set's or a counter's, so the same simulation
always gives the same document. Timing lives apart, in :attr:`Report.timing`, because it is
the one thing that differs between two identical simulations.
"""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from careerquest.authoring.sim_tally import CHECKPOINTS, Tally, Witness, checkpoint_turns
from careerquest.authoring.sim_warnings import SimWarning, find_warnings
from careerquest.authoring.simulate import Simulation
from careerquest.scenario.runtime import Scenario

FORMAT = "careerquest-simulation"
VERSION = 1
PERCENTILES = (10, 50, 90)


@dataclass(frozen=True, slots=True)
class EndingRow:
    id: str
    title: str
    cls: str
    count: int
    share: float


@dataclass(frozen=True, slots=True)
class PointRow:
    """One stat at one point of the game: its 10th, 50th and 90th percentiles."""

    point: str
    turn: int
    p10: int
    p50: int
    p90: int


@dataclass(frozen=True, slots=True)
class StatRow:
    id: str
    label: str
    kind: str
    points: tuple[PointRow, ...]


@dataclass(frozen=True, slots=True)
class GoalRow:
    id: str
    term: str
    label: str
    chosen: int
    met: int
    share: float


@dataclass(frozen=True, slots=True)
class PolicyReport:
    policy: str
    runs: int
    completed: int
    errors: int
    decisions: int
    endings: tuple[EndingRow, ...]
    classes: dict[str, float]
    stats: tuple[StatRow, ...]
    goals: tuple[GoalRow, ...]


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    title: str
    fired: int
    runs: int
    share: float


@dataclass(frozen=True, slots=True)
class ChoiceRow:
    event: str
    id: str
    label: str
    offered: int
    available: int
    taken: int


@dataclass(frozen=True, slots=True)
class OptionRow:
    """A turn option (an action, an application, a promotion, an enrolment)."""

    id: str
    kind: str
    label: str
    open_runs: int
    taken: int


@dataclass(frozen=True, slots=True)
class CountRow:
    id: str
    label: str
    runs: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the runs of every policy together reached: the author's "is it ever seen?"."""

    events: tuple[EventRow, ...]
    choices: tuple[ChoiceRow, ...]
    options: tuple[OptionRow, ...]
    roles_held: tuple[CountRow, ...]
    programs_done: tuple[CountRow, ...]
    never_fired: tuple[str, ...]
    never_available: tuple[str, ...]
    never_taken: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WitnessRow:
    """A run to replay: for an ending reached, or for an error."""

    policy: str
    run: int
    seed: int
    background: str | None
    short_goal: str | None
    long_goal: str | None
    default_setup: bool
    choices: tuple[str, ...]
    command: str


@dataclass(frozen=True, slots=True)
class EndingWitness:
    ending: str
    title: str
    cls: str
    witness: WitnessRow


@dataclass(frozen=True, slots=True)
class ErrorRow:
    type: str
    message: str
    where: str
    count: int
    witness: WitnessRow


@dataclass(frozen=True, slots=True)
class Report:
    format: str
    version: int
    scenario: dict[str, str]
    config: dict[str, Any]
    policies: tuple[PolicyReport, ...]
    coverage: Coverage
    witnesses: tuple[EndingWitness, ...]
    errors: tuple[ErrorRow, ...]
    warnings: tuple[SimWarning, ...]
    timing: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_report(sim: Simulation, ref: str) -> Report:
    """The report of a simulation. ``ref`` names the scenario in replay commands."""
    sc, config = sim.scenario, sim.config
    policies = tuple(_policy(sc, tally) for tally in sim.tallies.values())
    total = combine(sc, list(sim.tallies.values()))
    coverage = _coverage(sc, total)
    seconds = max(sim.seconds, 1e-9)

    def witness(w: Witness) -> WitnessRow:
        return _witness_row(w, ref)

    return Report(
        format=FORMAT,
        version=VERSION,
        scenario={"id": sc.id, "title": sc.title, "version": sc.version, "ref": ref},
        config={
            "runs": config.runs,
            "seed": config.seed,
            "policies": list(config.policies),
            "setup": "varied" if config.setup is None else "fixed",
            "setups": [asdict(s) for s in sim.setups],
        },
        policies=policies,
        coverage=coverage,
        witnesses=tuple(
            EndingWitness(e.id, e.title, e.cls, witness(total.witnesses[e.id]))
            for e in sc.endings
            if e.id in total.witnesses
        ),
        errors=tuple(
            ErrorRow(f.type, f.message, f.where, f.count, witness(f.witness))
            for f in sorted(total.failures.values(), key=lambda f: (-f.count, f.witness.key()))
        ),
        warnings=tuple(find_warnings(sc, policies, coverage)),
        timing={
            "seconds": round(sim.seconds, 3),
            "runs_per_second": round(total.runs / seconds, 1),
            "decisions_per_second": round(total.decisions / seconds, 1),
        },
    )


def _share(count: int, total: int) -> float:
    return round(count / total, 4) if total else 0.0


def percentile(ordered: list[int], p: int) -> int:
    """Nearest-rank percentile of sorted whole numbers: always a value some game really had."""
    rank = max(1, -(-p * len(ordered) // 100))
    return ordered[rank - 1]


def _policy(sc: Scenario, tally: Tally) -> PolicyReport:
    completed = tally.completed
    endings = tuple(
        EndingRow(e.id, e.title, e.cls, tally.endings[e.id], _share(tally.endings[e.id], completed))
        for e in sc.endings
    )
    by_class: Counter[str] = Counter()
    for row in endings:
        by_class[row.cls] += row.count
    classes = {cls: _share(count, completed) for cls, count in by_class.items()}
    names = [f"{share}%" for share in CHECKPOINTS] + ["end"]
    turns = [*checkpoint_turns(sc.turns), sc.turns]
    stats = []
    for column, index in enumerate(tally.shown):
        stat = sc.stats[index]
        points = []
        for p, (name, turn) in enumerate(zip(names, turns, strict=True)):
            values = sorted(tally.samples[p][column])
            if values:
                p10, p50, p90 = (percentile(values, q) for q in PERCENTILES)
                points.append(PointRow(name, turn, p10, p50, p90))
        stats.append(StatRow(stat.id, stat.label, stat.kind, tuple(points)))
    goals = tuple(
        GoalRow(
            g.id,
            g.term,
            g.label,
            tally.goals_chosen[g.id],
            tally.goals_met[g.id],
            _share(tally.goals_met[g.id], tally.goals_chosen[g.id]),
        )
        for g in sc.goals
    )
    errors = sum(f.count for f in tally.failures.values())
    return PolicyReport(
        tally.policy,
        tally.runs,
        completed,
        errors,
        tally.decisions,
        endings,
        classes,
        tuple(stats),
        goals,
    )


def combine(sc: Scenario, tallies: list[Tally]) -> Tally:
    """The tallies of every policy as one, for coverage, witnesses and errors."""
    total = Tally.start(sc, "all", 0)
    for tally in tallies:
        total.merge(tally)
    return total


def _coverage(sc: Scenario, total: Tally) -> Coverage:
    runs = total.runs
    events = tuple(
        EventRow(
            e.id,
            e.title,
            total.fired[e.id],
            total.fired_runs[e.id],
            _share(total.fired_runs[e.id], runs),
        )
        for e in sc.events
    )
    choices = tuple(
        ChoiceRow(
            e.id,
            c.id,
            c.label,
            total.fired[e.id],
            total.choice_open[e.id, c.id],
            total.choice_taken[e.id, c.id],
        )
        for e in sc.events
        for c in e.choices
    )
    options = tuple(
        OptionRow(oid, kind, label, total.option_open_runs[oid], total.option_taken[oid])
        for oid, kind, label in sc.turn_options()
    )
    # Choices of events that never fired are left out: "never fired" already says it.
    never_available = [f"{c.event}/{c.id}" for c in choices if c.offered and not c.available]
    never_available += [o.id for o in options if not o.open_runs]
    never_taken = [f"{c.event}/{c.id}" for c in choices if c.available and not c.taken]
    never_taken += [o.id for o in options if o.open_runs and not o.taken]
    return Coverage(
        events=events,
        choices=choices,
        options=options,
        roles_held=tuple(CountRow(r.id, r.title, total.held[r.id]) for r in sc.roles.values()),
        programs_done=tuple(
            CountRow(p.id, p.title, total.done[p.id]) for p in sc.programs.values()
        ),
        never_fired=tuple(e.id for e in events if not e.fired),
        never_available=tuple(never_available),
        never_taken=tuple(never_taken),
    )


def _witness_row(w: Witness, ref: str) -> WitnessRow:
    setup = w.setup
    parts = ["careerquest", "play", ref, "--seed", str(w.seed)]
    if not w.default_setup:
        if setup.background is not None:
            parts += ["--background", setup.background]
        goals = [g for g in (setup.short_goal, setup.long_goal) if g is not None]
        if goals:
            parts += ["--goals", ",".join(goals)]
    if w.choices:
        parts += ["--replay", ",".join(w.choices)]
    command = shlex.join(parts)
    return WitnessRow(
        policy=w.policy,
        run=w.run,
        seed=w.seed,
        background=setup.background,
        short_goal=setup.short_goal,
        long_goal=setup.long_goal,
        default_setup=w.default_setup,
        choices=w.choices,
        command=command,
    )
