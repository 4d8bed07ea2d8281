"""Play a scenario many times with seeded policies, in parallel, and tally what happened.

Run ``i`` of a simulation always plays seed ``seed * 1_000_003 + i`` with the ``i``-th setup
of the cycle, and its policy draws from its own generator seeded from the same number, so a
run is the same game whichever process plays it and whatever ``--jobs`` is. Every policy
plays the same seeds and setups, so policies are compared on the same luck. Runs are split
into chunks; each worker process loads the scenario once, from its path, and plays chunks
with the engine alone (no pydantic, no I/O), returning only a :class:`Tally`.

A run that raises is counted as an error with its witness and the simulation goes on.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import cache

from careerquest.authoring.policies import get_policy
from careerquest.authoring.sim_tally import Tally, Witness
from careerquest.engine.game import Game
from careerquest.engine.setup import DEFAULT_NAME, Setup
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario

SEED_STRIDE = 1_000_003
#: Added to a run's seed for its policy's generator, so the policy's draws are not the
#: game's own draws replayed.
POLICY_SALT = 0x9E3779B97F4A7C15
#: Runs per chunk at most: small enough for a lively progress bar, large enough that
#: process round trips cost nothing next to the games.
MAX_CHUNK = 250

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class SimConfig:
    """What to simulate. ``setup=None`` cycles through every background × goal pair."""

    runs: int = 1000
    seed: int = 0
    policies: tuple[str, ...] = ("random",)
    jobs: int = 1
    setup: Setup | None = None


@dataclass(slots=True)
class Simulation:
    """The merged tallies, one per policy in the order asked, and the wall time taken."""

    scenario: Scenario
    config: SimConfig
    tallies: dict[str, Tally]
    setups: list[Setup]
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Chunk:
    """Runs ``start`` to ``stop - 1`` of one policy: the unit of work sent to a process."""

    path: str
    config: SimConfig
    policy: str
    rank: int
    start: int
    stop: int


def run_seed(seed: int, run: int) -> int:
    return seed * SEED_STRIDE + run


def default_setup(scenario: Scenario) -> Setup:
    """The setup a game gets when none is chosen: each list's first entry."""
    return resolve_setup(scenario, Setup())


def resolve_setup(scenario: Scenario, setup: Setup) -> Setup:
    """Fill in what a setup leaves open as the game would, so setups compare equal."""

    def first(term: str) -> str | None:
        return next((g.id for g in scenario.goals if g.term == term), None)

    background = setup.background or next((b.id for b in scenario.backgrounds), None)
    return Setup(
        DEFAULT_NAME,
        background,
        setup.short_goal or first("short"),
        setup.long_goal or first("long"),
    )


def setup_cycle(scenario: Scenario, fixed: Setup | None) -> list[Setup]:
    """The setups runs take in turn: the fixed one, or every background × short × long goal
    in file order (so run 0 has the default setup)."""
    if fixed is not None:
        return [resolve_setup(scenario, fixed)]
    none: list[str | None] = [None]
    backgrounds: list[str | None] = [b.id for b in scenario.backgrounds] or none
    shorts: list[str | None] = [g.id for g in scenario.goals if g.term == "short"] or none
    longs: list[str | None] = [g.id for g in scenario.goals if g.term == "long"] or none
    return [
        Setup(DEFAULT_NAME, background, short, long)
        for background in backgrounds
        for short in shorts
        for long in longs
    ]


def simulate(scenario: Scenario, config: SimConfig, progress: Progress | None = None) -> Simulation:
    """Play ``config.runs`` games per policy and merge their tallies."""
    for name in config.policies:
        get_policy(name, scenario)  # a bad name fails here, not in every worker
    chunks = _plan(scenario, config)
    total = config.runs * len(config.policies)
    started = time.perf_counter()
    results: dict[int, Tally] = {}
    done = 0
    for index, result in _play_all(scenario, config, chunks):
        results[index] = result
        done += chunks[index].stop - chunks[index].start
        if progress is not None:
            progress(done, total)
    tallies = {name: Tally.start(scenario, name, rank) for rank, name in enumerate(config.policies)}
    for index, chunk in enumerate(chunks):
        tallies[chunk.policy].merge(results[index])
    cycle = setup_cycle(scenario, config.setup)
    return Simulation(scenario, config, tallies, cycle, time.perf_counter() - started)


def _plan(scenario: Scenario, config: SimConfig) -> list[Chunk]:
    size = max(1, min(MAX_CHUNK, -(-config.runs // (max(1, config.jobs) * 4))))
    return [
        Chunk(scenario.path, config, name, rank, start, min(start + size, config.runs))
        for rank, name in enumerate(config.policies)
        for start in range(0, config.runs, size)
    ]


def _play_all(
    scenario: Scenario, config: SimConfig, chunks: Sequence[Chunk]
) -> Iterator[tuple[int, Tally]]:
    """Each chunk's index and tally, as chunks finish."""
    if config.jobs <= 1:
        for index, chunk in enumerate(chunks):
            yield index, play_chunk(scenario, chunk)
        return
    with ProcessPoolExecutor(max_workers=config.jobs) as pool:
        futures = {pool.submit(_play_in_worker, chunk): i for i, chunk in enumerate(chunks)}
        try:
            for future in as_completed(futures):
                yield futures[future], future.result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _play_in_worker(chunk: Chunk) -> Tally:
    return play_chunk(_load(chunk.path), chunk)


@cache
def _load(path: str) -> Scenario:
    """A worker loads the scenario from its file once, however many chunks it plays."""
    return load_scenario(path)


def play_chunk(scenario: Scenario, chunk: Chunk) -> Tally:
    """Play one chunk of runs: the hot loop."""
    config = chunk.config
    policy = get_policy(chunk.policy, scenario)
    choose = policy.choose
    cycle = setup_cycle(scenario, config.setup)
    usual = default_setup(scenario)
    tally = Tally.start(scenario, chunk.policy, chunk.rank)
    for run in range(chunk.start, chunk.stop):
        seed = run_seed(config.seed, run)
        setup = cycle[run % len(cycle)]
        rng = random.Random(seed + POLICY_SALT)
        game: Game | None = None
        open_options: set[str] = set()
        event_options: list[tuple[str, ...]] = []
        try:
            game = Game(scenario, seed, setup, quiet=True)
            while (decision := game.decision) is not None:
                if decision.kind == "action":
                    open_options.update([o.id for o in decision.options if o.available])
                else:
                    event_options.append(tuple(o.id for o in decision.options if o.available))
                game.choose(choose(game, rng))
        except Exception as exc:  # every failure is collected and reported, none is fatal
            log = tuple(game.log) if game is not None else ()
            witness = Witness(chunk.policy, chunk.rank, run, seed, setup, setup == usual, log)
            tally.fail(exc, witness)
            continue
        tally.add(game, run, setup == usual, open_options, event_options)
    return tally
