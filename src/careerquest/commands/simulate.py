"""``careerquest simulate``: play a scenario many times and report whether it is balanced.

Exit status, for CI: 3 when any game raised an exception (an engine or scenario error is
never acceptable, so this needs no flag); else 1 when a warning named by ``--fail-on``
occurred; else 0. A bad command line, scenario name, policy or setup gives 2, a scenario
that does not load gives 1, as ``careerquest play`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from careerquest import catalog
from careerquest.commands import whole_number

if TYPE_CHECKING:
    from careerquest.authoring.simulate import SimConfig
    from careerquest.engine.setup import Setup
    from careerquest.scenario.runtime import Scenario

#: ``--fail-on`` kinds: the warnings' kinds, plus ``errors`` (always exit 3; accepted so
#: that a CI line can say everything it cares about).
ERRORS = "errors"


def configure(parser: argparse.ArgumentParser) -> None:
    from careerquest.authoring.policies import POLICY_NAMES
    from careerquest.authoring.sim_warnings import KINDS

    parser.add_argument("scenario", metavar="SCENARIO", help="a scenario id or a .toml path")
    parser.add_argument(
        "--runs", type=_runs, default=1000, metavar="N", help="games per policy (1000)"
    )
    parser.add_argument(
        "--seed",
        type=_seed,
        default=0,
        metavar="S",
        help="game i plays seed S * 1000003 + i, whatever --jobs is (default 0)",
    )
    parser.add_argument(
        "--policy",
        default="random",
        metavar="NAME[,NAME]",
        help=f"how games are played: {', '.join(POLICY_NAMES)}, or all to compare the "
        "personas and greedy on every shown stat (default: random)",
    )
    parser.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="J",
        help="worker processes; the report is the same for any J (default: one per CPU)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text")
    setup = parser.add_argument_group(
        "setup", "by default games cycle through every background × short × long goal"
    )
    setup.add_argument("--background", metavar="ID", help="play every game with this background")
    setup.add_argument(
        "--goals", metavar="SHORT,LONG", help="play every game with these goals (one or both)"
    )
    setup.add_argument(
        "--vary-setup",
        action="store_true",
        help="cycle through every setup (the default; cannot be combined with the two above)",
    )
    parser.add_argument(
        "--fail-on",
        type=_kinds((*KINDS, ERRORS)),
        default=(),
        metavar="KIND[,KIND]",
        help=f"exit 1 when one of these warnings occurs: {', '.join((*KINDS, ERRORS))}",
    )


def _runs(text: str) -> int:
    """Runs stay below the seed stride, so the games of seed S and of S + 1 never overlap."""
    from careerquest.authoring.simulate import SEED_STRIDE

    value = _positive(text)
    if value >= SEED_STRIDE:
        raise argparse.ArgumentTypeError(f"must be below {SEED_STRIDE:,}")
    return value


def _seed(text: str) -> int:
    """A seed whose every game seed fits in 64 bits, as play and saves require."""
    from careerquest.authoring.simulate import SEED_STRIDE

    value = whole_number(text)
    limit = 2**63 // SEED_STRIDE - 1
    if not -limit <= value <= limit:
        raise argparse.ArgumentTypeError(f"must be between -{limit} and {limit}")
    return value


def _positive(text: str) -> int:
    value = whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _kinds(known: tuple[str, ...]) -> Callable[[str], tuple[str, ...]]:
    from careerquest.scenario.expr import suggest

    def parse(text: str) -> tuple[str, ...]:
        kinds = tuple(part.strip() for part in text.split(",") if part.strip())
        for kind in kinds:
            if kind not in known:
                match = suggest(kind, known)
                hint = f"; did you mean '{match}'?" if match else ""
                raise argparse.ArgumentTypeError(
                    f"unknown kind '{kind}' (known: {', '.join(known)}){hint}"
                )
        return kinds

    return parse


def run(args: argparse.Namespace) -> int:
    from careerquest.authoring.sim_report import build_report
    from careerquest.authoring.sim_text import render
    from careerquest.authoring.simulate import simulate
    from careerquest.scenario.diagnostics import ScenarioError
    from careerquest.scenario.loader import load_scenario

    try:
        path = catalog.resolve(args.scenario)
        scenario = load_scenario(path)
    except catalog.CatalogError as exc:
        return _usage_error(str(exc))
    except ScenarioError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        problem = f"{path} cannot be simulated until these are fixed"
        print(f"careerquest: {problem}", file=sys.stderr)
        if args.format == "json":  # a CI job reading stdout gets a document, not nothing
            document = {"error": problem, "diagnostics": [d.to_dict() for d in exc.diagnostics]}
            print(json.dumps(document, indent=2, ensure_ascii=False))
        return 1
    try:
        config = _config(args, scenario)
    except ValueError as exc:
        return _usage_error(str(exc))
    progress = _Progress() if sys.stderr.isatty() else None
    simulation = simulate(scenario, config, progress)
    if progress is not None:
        progress.clear()
    report = build_report(simulation, args.scenario)
    if args.format == "json":
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(render(report, scenario.currency))
    if report.errors:
        return 3
    return 1 if any(w.kind in args.fail_on for w in report.warnings) else 0


def _usage_error(message: str) -> int:
    print(f"careerquest simulate: {message}", file=sys.stderr)
    return 2


def _config(args: argparse.Namespace, scenario: Scenario) -> SimConfig:
    """The simulation asked for; ValueError explains a bad policy or setup."""
    from careerquest.authoring.policies import compared_policies, get_policy
    from careerquest.authoring.simulate import SimConfig

    policies: dict[str, None] = {}
    for name in (part.strip() for part in args.policy.split(",")):
        if name == "all":
            policies.update(dict.fromkeys(compared_policies(scenario)))
        elif name:
            get_policy(name, scenario)
            policies[name] = None
    if not policies:
        raise ValueError("--policy names no policy")
    return SimConfig(
        runs=args.runs,
        seed=args.seed,
        policies=tuple(policies),
        jobs=args.jobs,
        setup=_setup(args, scenario),
    )


def _setup(args: argparse.Namespace, scenario: Scenario) -> Setup | None:
    from careerquest.commands.setup_args import setup_from_args

    if args.vary_setup and (args.background is not None or args.goals is not None):
        raise ValueError("--vary-setup cannot be combined with --background or --goals")
    return setup_from_args(args, scenario)


class _Progress:
    """One line on a terminal's stderr, rewritten in place as chunks of games finish."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        rate = done / max(time.perf_counter() - self.started, 1e-9)
        line = f"simulating: {done:,}/{total:,} games, {rate:,.0f} games/s"
        self.width = max(self.width, len(line))
        sys.stderr.write("\r" + line.ljust(self.width))
        sys.stderr.flush()

    def clear(self) -> None:
        sys.stderr.write("\r" + " " * self.width + "\r")
        sys.stderr.flush()
