"""How fast ``careerquest simulate`` plays: the target is 10,000 games in 3 s with 2 jobs.

Run from a checkout: ``PYTHONPATH=src python benchmarks/bench_simulate.py``. For every
bundled scenario it prints games/s and decisions/s for ``--runs`` games of the random
policy over ``--jobs`` processes, then every policy's speed on one core. ``--profile``
adds the engine functions that take the most time, to show where to optimise.

Wall time is what an author waits, but on a busy machine it measures the neighbours too;
so each line also gives the CPU time the games took (the workers' own, for ``--jobs``),
and what the wall time would be on idle cores: CPU time divided by the jobs.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import time
from pathlib import Path

from careerquest import catalog
from careerquest.authoring.policies import compared_policies
from careerquest.authoring.simulate import SimConfig, Simulation, simulate
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario

TARGET_SECONDS = 3.0
TARGET_RUNS = 10_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=TARGET_RUNS, help="games with --jobs")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--policy-runs", type=int, default=500, help="games per policy, one core")
    parser.add_argument("--profile", action="store_true", help="print the top hot spots")
    parser.add_argument("scenarios", nargs="*", type=Path, help="default: the bundled ones")
    args = parser.parse_args()
    paths = args.scenarios or [e.path for e in catalog.scenarios() if e.bundled]
    for path in paths:
        scenario = load_scenario(path)
        print(f"{scenario.id} ({scenario.turns} turns)")
        sim, cpu = _timed(scenario, SimConfig(runs=args.runs, jobs=args.jobs))
        idle = cpu / args.jobs * TARGET_RUNS / args.runs
        verdict = "met" if idle <= TARGET_SECONDS else "missed"
        print(f"  {args.runs:,} games, random, --jobs {args.jobs}: {_speed(sim, cpu)}")
        print(
            f"  on idle cores: {idle:.1f} s per {TARGET_RUNS:,} games "
            f"(target {TARGET_SECONDS:g} s: {verdict})"
        )
        print(f"  one core, {args.policy_runs:,} games each:")
        for name in ("first", *compared_policies(scenario)):
            sim, cpu = _timed(scenario, SimConfig(runs=args.policy_runs, policies=(name,)))
            print(f"    {name:<20} {_speed(sim, cpu)}")
        if args.profile:
            print(_profile(scenario, args.policy_runs))
    return 0


def _timed(scenario: Scenario, config: SimConfig) -> tuple[Simulation, float]:
    """A simulation and the CPU seconds it used, in this process and in finished workers."""
    before = time.process_time() + _children_cpu()
    sim = simulate(scenario, config)
    return sim, time.process_time() + _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _speed(sim: Simulation, cpu: float) -> str:
    games = sum(t.runs for t in sim.tallies.values())
    decisions = sum(t.decisions for t in sim.tallies.values())
    wall, cpu = max(sim.seconds, 1e-9), max(cpu, 1e-9)
    return (
        f"wall {sim.seconds:6.2f} s, {games / wall:6,.0f} games/s, "
        f"{decisions / wall:7,.0f} decisions/s; CPU {cpu:6.2f} s, "
        f"{games / cpu:6,.0f} games/s, {decisions / cpu:7,.0f} decisions/s"
    )


def _profile(scenario: Scenario, runs: int) -> str:
    profiler = cProfile.Profile()
    profiler.runcall(simulate, scenario, SimConfig(runs=runs))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
