"""Where a compiled scenario reads and writes each thing, with the key paths to point at.

The static analysis asks "is this stat ever read?", "is this flag ever set?", "which roles
does an effect hand out?"; this module walks the runtime form once and answers with key
paths that :class:`~careerquest.scenario.locate.SourceMap` can place in the source.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from careerquest.authoring.intervals import parse
from careerquest.scenario.diagnostics import KeyPath
from careerquest.scenario.expr import Compiled
from careerquest.scenario.runtime import CheckDef, EffectList, Scenario

SiteKind = Literal[
    "action_when",
    "action_requires",
    "event",
    "choice",
    "role",
    "program",
    "goal",
    "ending",
    "factor",
    "test",
]


@dataclass(frozen=True, slots=True)
class Site:
    """One condition in the file: where it is, what it guards, and its syntax tree."""

    path: KeyPath
    kind: SiteKind
    subject: str
    expr: Compiled

    @property
    def tree(self) -> ast.expr:
        return parse(self.expr.source)


@dataclass(slots=True)
class Usage:
    """What the scenario reads and writes, gathered from every condition and effect."""

    sites: list[Site] = field(default_factory=list)
    tables: list[tuple[KeyPath, EffectList]] = field(default_factory=list)
    #: Stat ids and ``ns.name`` tests read by a condition, an effect amount or a check.
    reads: set[str] = field(default_factory=set)
    #: Stat ids some effect changes.
    writes: set[str] = field(default_factory=set)
    #: ``flag.x`` / ``cred.x`` → the key paths that could spell where it is first set or cleared.
    set_true: dict[str, tuple[KeyPath, ...]] = field(default_factory=dict)
    set_false: dict[str, tuple[KeyPath, ...]] = field(default_factory=dict)
    taken_roles: set[str] = field(default_factory=set)
    started_programs: set[str] = field(default_factory=set)


def collect(scenario: Scenario) -> Usage:
    """Walk every condition and effects table of a compiled scenario."""
    usage = Usage(sites=list(_sites(scenario)), tables=list(_tables(scenario)))
    for site in usage.sites:
        usage.reads.update(names_in(site.tree))
    for path, effects in usage.tables:
        _effects(usage, scenario, path, effects)
    for _path, check in checks(scenario):
        usage.reads.add(scenario.stats[check.stat].id)
    for pid, program in scenario.programs.items():
        if program.credential:
            usage.set_true.setdefault(
                f"cred.{program.credential}", (("programs", pid, "credential"),)
            )
    return usage


def names_in(tree: ast.expr) -> Iterator[str]:
    """The names (``technical``) and tests (``flag.mentor``) an expression reads."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            yield node.id
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            yield f"{node.value.id}.{node.attr}"


def _effects(usage: Usage, scenario: Scenario, path: KeyPath, effects: EffectList) -> None:
    for effect in effects.stats:
        usage.writes.add(scenario.stats[effect.stat].id)
        if effect.amount is not None:
            usage.reads.update(names_in(parse(effect.amount.source)))
    for namespace, members in (("flag", effects.flags), ("cred", effects.creds)):
        for name, on in members:
            spellings = ((*path, f"{namespace}.{name}"), (*path, namespace, name))
            (usage.set_true if on else usage.set_false).setdefault(f"{namespace}.{name}", spellings)
    if effects.take_role is not None:
        usage.taken_roles.add(effects.take_role)
    if effects.start_program is not None:
        usage.started_programs.add(effects.start_program)


def _sites(sc: Scenario) -> Iterator[Site]:
    for action in sc.actions:
        if action.when is not None:
            yield Site(("actions", action.id, "when"), "action_when", action.id, action.when)
        if action.requires is not None:
            path: KeyPath = ("actions", action.id, "requires")
            yield Site(path, "action_requires", action.id, action.requires)
    for e, event in enumerate(sc.events):
        if event.when is not None:
            yield Site(("events", e, "when"), "event", event.id, event.when)
        for c, choice in enumerate(event.choices):
            if choice.requires is not None:
                path = ("events", e, "choices", c, "requires")
                yield Site(path, "choice", f"{event.id}/{choice.id}", choice.requires)
    for rid, role in sc.roles.items():
        if role.requires is not None:
            yield Site(("roles", rid, "requires"), "role", rid, role.requires)
    for pid, program in sc.programs.items():
        if program.prerequisites is not None:
            path = ("programs", pid, "prerequisites")
            yield Site(path, "program", pid, program.prerequisites)
    for goal in sc.goals:
        yield Site(("goals", goal.id, "achieved"), "goal", goal.id, goal.achieved)
    for i, ending in enumerate(sc.endings):
        if ending.when is not None:
            yield Site(("endings", i, "when"), "ending", ending.id, ending.when)
    for i, factor in enumerate(sc.factors):
        yield Site(("factors", i, "career_when"), "factor", factor.label, factor.career_when)
    for i, test in enumerate(sc.tests):
        if test.expect is not None:
            yield Site(("tests", i, "expect"), "test", test.name, test.expect)


def checks(sc: Scenario) -> Iterator[tuple[KeyPath, CheckDef]]:
    """Every check (interviews too), with the key path of its table."""
    for rid, role in sc.roles.items():
        if role.interview is not None:
            yield ("roles", rid, "interview"), role.interview
    for action in sc.actions:
        if action.check is not None:
            yield ("actions", action.id, "check"), action.check
    for e, event in enumerate(sc.events):
        for c, choice in enumerate(event.choices):
            if choice.check is not None:
                yield ("events", e, "choices", c, "check"), choice.check


def _tables(sc: Scenario) -> Iterator[tuple[KeyPath, EffectList]]:
    """Every effects table, with the key path the file spells it at."""
    for background in sc.backgrounds:
        yield ("backgrounds", background.id, "effects"), background.effects
    for rid, role in sc.roles.items():
        yield ("roles", rid, "effects"), role.effects
    for pid, program in sc.programs.items():
        yield ("programs", pid, "effects"), program.effects
        yield ("programs", pid, "on_complete"), program.on_complete
    for action in sc.actions:
        yield ("actions", action.id, "effects"), action.effects
    for e, event in enumerate(sc.events):
        for c, choice in enumerate(event.choices):
            yield ("events", e, "choices", c, "effects"), choice.effects
    for path, check in checks(sc):
        yield (*path, "success"), check.success
        yield (*path, "failure"), check.failure
