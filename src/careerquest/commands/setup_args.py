"""The ``--name``, ``--background`` and ``--goals`` options shared by ``play`` and ``simulate``.

A witness or a failing scenario test is replayed by ``careerquest play --seed N --replay
...``; it reproduces the game only with the same setup, so both commands spell it alike.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from careerquest.engine.setup import Setup

if TYPE_CHECKING:
    from careerquest.scenario.runtime import Scenario


def add_setup_arguments(parser: argparse.ArgumentParser, *, name: bool) -> None:
    group = parser.add_argument_group("setup (defaults: the scenario's first of each)")
    if name:
        group.add_argument("--name", help="the player's name (default: Alex)")
    group.add_argument("--background", metavar="ID", help="the background to start from")
    group.add_argument(
        "--goals", metavar="SHORT,LONG", help="the short- and long-term goal ids (one or both)"
    )


def setup_from_args(args: argparse.Namespace, scenario: Scenario) -> Setup | None:
    """The setup the options ask for, None when they ask for nothing; ValueError if unknown."""
    name = getattr(args, "name", None)
    if args.background is None and args.goals is None and name is None:
        return None
    if name is not None:
        # Bytes of argv that are not text in this locale arrive as lone surrogates, which no
        # save can hold: they become U+FFFD here rather than fail every autosave.
        name = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    from careerquest.scenario.expr import suggest

    def check(value: str, known: list[str], what: str) -> str:
        if not known:
            raise ValueError(f"unknown {what} '{value}': this scenario has no {what}s")
        if value not in known:
            match = suggest(value, known)
            hint = f"; did you mean '{match}'?" if match else ""
            raise ValueError(f"unknown {what} '{value}' (known: {', '.join(known)}){hint}")
        return value

    background = args.background
    if background is not None:
        check(background, [b.id for b in scenario.backgrounds], "background")
    terms = {g.id: g.term for g in scenario.goals}
    chosen: dict[str, str] = {}
    for goal in (part.strip() for part in (args.goals or "").split(",")):
        if goal:
            term = terms[check(goal, list(terms), "goal")]
            if term in chosen:
                raise ValueError(f"--goals names two {term}-term goals: {chosen[term]}, {goal}")
            chosen[term] = goal
    return Setup(
        **({"name": name} if name is not None else {}),
        background=background,
        short_goal=chosen.get("short"),
        long_goal=chosen.get("long"),
    )
