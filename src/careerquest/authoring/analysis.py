"""Static analysis of a compiled scenario: what can never happen, what always does, what is unused.

The compiler rejects scenarios that cannot be played; this pass warns about scenarios that
play but not as the author meant: an event that never fires, an ending no game reaches or an
earlier ending always steals, a role no path leads to, an effect that changes nothing, a
stat or flag nothing reads. It reasons over the declared bounds with
:mod:`careerquest.authoring.intervals`, so it needs no playthroughs, and it only reports what
it can prove. The one thing it plays is the opening (each background's first upkeep, before
any decision), where an early ending or a goal that already holds shows up as a fact, not a
range. ``careerquest check`` prints these as warnings (errors with ``--strict``);
``docs/TOOLS.md`` lists every code and how to fix it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from careerquest.authoring.intervals import (
    ANY,
    BOOLS,
    INF,
    Domain,
    Env,
    Interval,
    implies,
    number,
    parse,
    truth,
)
from careerquest.authoring.usage import Site, Usage, checks, collect, names_in
from careerquest.engine.calendar import age_at
from careerquest.engine.checks import MIN_CHANCE, chance
from careerquest.engine.game import Game, role_income
from careerquest.engine.setup import Setup
from careerquest.scenario.diagnostics import Diagnostic, KeyPath, format_key_path
from careerquest.scenario.locate import Position, SourceMap
from careerquest.scenario.runtime import Scenario, StatEffect

#: Seeds whose openings are played per background: random ranges and the chance of losing
#: a role can make an opening differ from one game to the next.
OPENING_SEEDS = range(1, 17)

#: Every finding code, with what it means; docs/TOOLS.md explains how to fix each.
CODES: dict[str, str] = {
    "never-true": "a condition that can never hold",
    "always-true": "a condition that always holds, so it changes nothing",
    "true-at-start": "an early ending or a goal that holds before the first decision",
    "never-fires": "an event whose `when` can never hold",
    "unreachable-ending": "an ending whose `when` can never hold",
    "shadowed-ending": "an ending an earlier ending always takes first",
    "unreachable-goal": "a goal whose `achieved` can never hold",
    "unreachable-program": "a program nobody can ever enrol in",
    "unreachable-role": "a role no path leads to",
    "dead-end-ladder": "a ladder or link to a role nobody can get",
    "no-op-effect": "an effect that can never change anything",
    "clamped-effect": "an effect that always overshoots a bound",
    "ambiguous-minus": "a subtraction whose amount is itself a sum or difference",
    "fixed-check": "a check whose chance is the same whatever the stat is",
    "unused-stat": "a stat nothing reads",
    "constant-stat": "a stat conditions read but nothing changes",
    "debt-not-lower": "a debt stat whose rises would read as good news",
    "unread-flag": "a flag that is set but never read",
    "unread-credential": "a credential that is granted but never read",
    "unset-flag": "a flag or credential that is cleared but never set",
}


@dataclass(frozen=True, slots=True)
class _Finding:
    #: Where the finding is; several when the file may spell it either way (a flag set as
    #: ``"flag.x" = true`` or as ``flag = { x = true }``): the first the source has wins.
    paths: tuple[KeyPath, ...]
    code: str
    message: str
    #: Point inside the string value (conditions, effect amounts) rather than at the key.
    in_value: bool = False


def analyse(scenario: Scenario, source: str | None = None) -> list[Diagnostic]:
    """Warnings about a scenario that compiled cleanly, sorted by position.

    ``source`` is the text the scenario was compiled from; without it, ``scenario.path`` is
    read again.
    """
    findings = _Analysis(scenario).run()
    if not findings:
        return []  # a clean file is common, and mapping its source costs more than the analysis
    if source is None:
        source = Path(scenario.path).read_text(encoding="utf-8")
    return _locate(findings, SourceMap.parse(source), scenario.path)


def _locate(findings: list[_Finding], source_map: SourceMap, name: str) -> list[Diagnostic]:
    diagnostics = []
    for finding in findings:
        path = next((p for p in finding.paths if source_map.key(p)), finding.paths[0])
        position: Position | None = None
        if finding.in_value:
            position = source_map.inside_string(path, 0)
        position = position or source_map.key(path) or source_map.nearest(path)[1]
        diagnostics.append(
            Diagnostic(
                file=name,
                line=position.line,
                column=position.column,
                key_path=format_key_path(path),
                message=finding.message,
                code=finding.code,
                severity="warning",
            )
        )
    diagnostics.sort(key=lambda d: (d.line, d.column, d.code))
    return diagnostics


class _Analysis:
    def __init__(self, scenario: Scenario) -> None:
        self.sc = scenario
        self.usage: Usage = collect(scenario)
        self.findings: list[_Finding] = []
        money = (scenario.wallet, scenario.debt)
        self.engine_stats = {scenario.stats[i].id for i in money if i is not None}
        self.fixed = self._fixed_stats()
        self.reachable_roles: set[str] = set()
        self.reachable_programs: set[str] = set()
        #: Endings no game can reach, found by the condition and ending passes: a scenario
        #: test expecting one can never pass.
        self.dead_endings: set[str] = set()
        #: Conditions already found to always hold: the opening need not say it again.
        self.always: set[KeyPath] = set()
        self.env = self._settle()

    def run(self) -> list[_Finding]:
        for site in self.usage.sites:
            self._condition(site)
        self._endings()
        self._opening()
        self._tests()
        self._roles()
        self._effects()
        self._checks()
        self._stats()
        self._flags()
        return self.findings

    def warn(self, path: KeyPath, code: str, message: str, *, in_value: bool = False) -> None:
        self.findings.append(_Finding((path,), code, message, in_value))

    # ------------------------------------------------------------ what can be

    def _fixed_stats(self) -> set[str]:
        """Stats no effect changes (the engine moves the wallet and debt itself)."""
        return {s.id for s in self.sc.stats} - self.usage.writes - self.engine_stats

    def _base_env(self) -> Env:
        sc = self.sc
        env: Env = {}
        for stat in sc.stats:
            if stat.id in self.fixed:
                env[stat.id] = Interval(stat.start, stat.start)
            else:
                low = -INF if stat.low is None else stat.low
                env[stat.id] = Interval(low, INF if stat.high is None else stat.high)
        turns = sc.turns
        pay = [role_income(sc.roles[r], sc.turns_per_year) for r in self.reachable_roles]
        env.update(
            turn=Interval(1, turns),
            turns_left=Interval(0, turns - 1),
            age=Interval(sc.start_age, age_at(turns, sc.turn_unit, sc.start_age)),
            tenure=Interval(0, turns),
            income=Interval(0, max(pay, default=0)),
            promotions=Interval(0, INF),
            career_moves=Interval(0, INF),
            roles_held=Interval(0, len(self.reachable_roles)),
            programs_done=Interval(0, len(self.reachable_programs)),
            goals_met=Interval(0, 2 if sc.goals else 0),
            invest_share=Interval(0, 100),
            role=frozenset({"", *self.reachable_roles}),
            program=frozenset({"", *self.reachable_programs}),
            background=frozenset(b.id for b in sc.backgrounds) or frozenset({""}),
        )
        for key in self.usage.set_false.keys() - self.usage.set_true.keys():
            env[key] = frozenset({False})
        for rid in sc.roles.keys() - self.reachable_roles:
            env[f"held.{rid}"] = frozenset({False})
        for pid in sc.programs.keys() - self.reachable_programs:
            env[f"done.{pid}"] = frozenset({False})
        return env

    def _settle(self) -> Env:
        """Reachable roles and programs depend on conditions, which depend on them: iterate.

        The sets start empty and grow, each round widening what the conditions may see, so
        a program that needs itself done first (or two that need each other) stays out.
        """
        while True:
            env = self._base_env()
            roles = self._reach_roles(env)
            programs = self._reach_programs(env)
            if roles == self.reachable_roles and programs == self.reachable_programs:
                for goal in self.sc.goals:
                    if truth(parse(goal.achieved.source), env) == "never":
                        env[f"goal.{goal.id}"] = frozenset({False})
                return env
            self.reachable_roles, self.reachable_programs = roles, programs

    def _blocked(self, rid: str, env: Env) -> str | None:
        """Why no player can ever apply for or be promoted into a role, if so."""
        role = self.sc.roles[rid]
        if role.requires is not None and truth(parse(role.requires.source), env) == "never":
            return "its `requires` can never hold"
        if role.min_tenure > self.sc.turns:
            return f"its min_tenure ({role.min_tenure}) is longer than the game"
        return None

    def _reach_roles(self, env: Env) -> set[str]:
        roles = self.sc.roles
        found = set(self.usage.taken_roles)
        found |= {rid for rid, role in roles.items() if role.entry and not self._blocked(rid, env)}
        frontier = list(found)
        while frontier:
            role = roles[frontier.pop()]
            for target in (*role.ladder, *role.links):
                if target not in found and not self._blocked(target, env):
                    found.add(target)
                    frontier.append(target)
        return found

    def _reach_programs(self, env: Env) -> set[str]:
        return set(self.usage.started_programs) | {
            pid
            for pid, program in self.sc.programs.items()
            if program.prerequisites is None
            or truth(parse(program.prerequisites.source), env) != "never"
        }

    def _end_env(self) -> Env:
        """At the final verdict the clock has run out."""
        sc = self.sc
        end = age_at(sc.turns, sc.turn_unit, sc.start_age)
        return {
            **self.env,
            "turn": Interval(sc.turns, sc.turns),
            "turns_left": Interval(0, 0),
            "age": Interval(end, end),
        }

    def _env_for(self, site: Site) -> Env:
        if site.kind == "ending" and not self.sc.endings[_ending_index(site)].early:
            return self._end_env()
        return self.env

    # ------------------------------------------------------------- conditions

    def _condition(self, site: Site) -> None:
        env = self._env_for(site)
        verdict = truth(site.tree, env)
        if verdict == "maybe":
            return
        if verdict == "always":
            self.always.add(site.path)
        why = _given(site.tree, env)
        code, text = _WORDS[site.kind][0 if verdict == "never" else 1]
        started = site.subject in self.usage.started_programs
        if verdict == "never" and site.kind == "program" and started:
            code, text = "never-true", "program '{}' can only be started by an effect"
        if verdict == "always" and site.kind == "ending":
            text = self._always_ending(site)
        if site.kind == "ending":
            self._mark_dead_endings(site, verdict)
        holds = "can never hold" if verdict == "never" else "always holds"
        message = f"{text.format(site.subject)}: `{site.expr.source.strip()}` {holds}{why}"
        own = {"program": f"done.{site.subject}", "role": f"held.{site.subject}"}.get(site.kind)
        if verdict == "never" and own is not None and self._needs_itself(site, own):
            message += f": '{site.subject}' would have to come before itself"
        self.warn(site.path, code, message, in_value=True)

    def _needs_itself(self, site: Site, own: str) -> bool:
        """Whether a condition that never holds would hold if ``own`` (``done.x`` on program
        x, ``held.x`` on role x) could already be true: it needs itself first."""
        if own not in set(names_in(site.tree)):
            return False
        return truth(site.tree, {**self.env, own: BOOLS}) != "never"

    def _mark_dead_endings(self, site: Site, verdict: str) -> None:
        """An ending that never holds is dead, and so is every final ending after one that
        always holds (the first that holds wins)."""
        index = _ending_index(site)
        if verdict == "never":
            self.dead_endings.add(self.sc.endings[index].id)
        elif not self.sc.endings[index].early:
            self.dead_endings.update(e.id for e in self.sc.endings[index + 1 :] if not e.early)

    def _always_ending(self, site: Site) -> str:
        if self.sc.endings[_ending_index(site)].early:
            return "early ending '{}' ends every game after its first turn"
        return "ending '{}' catches every game, so no later ending is ever reached"

    def _endings(self) -> None:
        endings = self.sc.endings
        for j, later in enumerate(endings):
            env = self.env if later.early else self._end_env()
            premise = parse(later.when.source) if later.when is not None else _TRUE
            if later.when is not None and truth(premise, env) == "never":
                continue
            for i in range(j):
                earlier = endings[i]
                if later.early and not earlier.early:
                    continue
                conclusion = parse(earlier.when.source) if earlier.when is not None else _TRUE
                if implies(premise, conclusion, env):
                    how = "has the same condition" if _same(premise, conclusion) else "holds too"
                    self.warn(
                        ("endings", j),
                        "shadowed-ending",
                        f"ending '{later.id}' is never reached: whenever it holds, the earlier "
                        f"ending '{earlier.id}' (endings[{i}]) {how} and wins",
                    )
                    self.dead_endings.add(later.id)
                    break

    def _opening(self) -> None:
        """Early endings and goals that hold once the first upkeep is done, before the player
        decides anything: the game is over before it starts, or the goal is a gift."""
        sc = self.sc
        #: (where, what holds) → background → the seeds whose openings it holds in.
        held: dict[tuple[KeyPath, str], dict[str | None, list[int]]] = {}
        backgrounds: list[str | None] = [b.id for b in sc.backgrounds] or [None]
        for background in backgrounds:
            for seed in OPENING_SEEDS:
                try:
                    game = Game(sc, seed, Setup(background=background), quiet=True)
                except Exception:  # simulate reports errors met in play, with a witness
                    continue
                found: list[tuple[KeyPath, str]] = [
                    (("goals", goal.id, "achieved"), f"goal '{goal.id}' is met")
                    for goal in sc.goals
                    if goal.achieved.fn(game.state)
                ]
                if game.ending is not None:
                    where = ("endings", sc.endings.index(game.ending), "when")
                    found.append((where, f"early ending '{game.ending.id}' ends the game"))
                for key in found:
                    held.setdefault(key, {}).setdefault(background, []).append(seed)
        for (path, what), seen in held.items():
            if path not in self.always:
                message = f"{what} before the player's first decision: "
                message += _openings(seen, backgrounds)
                self.warn(path, "true-at-start", message, in_value=True)

    def _tests(self) -> None:
        for i, test in enumerate(self.sc.tests):
            if test.ending is not None and test.ending in self.dead_endings:
                self.warn(
                    ("tests", i, "ending"),
                    "never-true",
                    f"test '{test.name}' can never pass: it expects ending '{test.ending}', "
                    "which no game reaches (see that ending's warning)",
                    in_value=True,
                )

    # ------------------------------------------------------------------ roles

    def _roles(self) -> None:
        for rid, role in self.sc.roles.items():
            for key in ("ladder", "links"):
                for i, target in enumerate(getattr(role, key)):
                    why = self._blocked(target, self.env)
                    if why is not None and target not in self.usage.taken_roles:
                        self.warn(
                            ("roles", rid, key, i),
                            "dead-end-ladder",
                            f"'{rid}' leads to '{target}', which nobody can get: {why}",
                            in_value=True,  # inside the quotes, where the loader points too
                        )
            if rid in self.reachable_roles:
                continue
            why = self._blocked(rid, self.env)
            if why is not None and why.startswith("its `requires`"):
                continue  # the never-true finding on `requires` already says it
            where: KeyPath = ("roles", rid, "min_tenure") if why else ("roles", rid)
            reason = why or (
                "it is not an entry role, no effect gives it (take_role), and no reachable "
                "role's ladder or links lead to it"
            )
            self.warn(where, "unreachable-role", f"no player can ever hold '{rid}': {reason}")

    # ---------------------------------------------------------------- effects

    def _effects(self) -> None:
        #: Changes to a stat whose min is its max: one warning at the stat says it for all.
        stuck: dict[str, list[KeyPath]] = {}
        for path, effects in self.usage.tables:
            for effect in effects.stats:
                stat = self.sc.stats[effect.stat]
                if stat.low is not None and stat.low == stat.high:
                    stuck.setdefault(stat.id, []).append((*path, stat.id))
                    continue
                message = self._effect_problem(effect)
                if message is not None:
                    code, text = message
                    self.warn((*path, stat.id), code, f"'{stat.id}': {text}", in_value=True)
        for sid, paths in stuck.items():
            stat = self.sc.stat(sid)
            where = ", ".join(format_key_path(p) for p in paths)
            changes = "the change at" if len(paths) == 1 else f"the {len(paths)} changes at"
            self.warn(
                ("stats", sid, "max"),
                "no-op-effect",
                f"'{sid}': min and max are both {stat.low}, so nothing can move it: "
                f"{changes} {where} do nothing",
            )

    def _checks(self) -> None:
        for path, check in checks(self.sc):
            stat = self.sc.stats[check.stat]
            if stat.low is None or stat.high is None:
                continue
            best = chance(stat, stat.high, check.difficulty)
            if best == chance(stat, stat.low, check.difficulty):
                hard = "out of reach" if best == MIN_CHANCE else "no test"
                self.warn(
                    (*path, "difficulty"),
                    "fixed-check",
                    f"the chance is {best}% whatever {stat.label} is: difficulty "
                    f"{check.difficulty} is {hard} for a stat that runs {stat.low}..{stat.high}",
                )

    def _effect_problem(self, effect: StatEffect) -> tuple[str, str] | None:
        stat = self.sc.stats[effect.stat]
        if effect.op == "range":
            if effect.low == effect.high == 0:
                return "no-op-effect", "the range 0..0 always adds 0"
            return None
        assert effect.amount is not None
        tree = parse(effect.amount.source)
        if effect.op == "sub" and _unbracketed_sum(tree, effect.amount.source):
            source = effect.amount.source.strip()
            return (
                "ambiguous-minus",
                f"'-{source}' subtracts the whole of '{source}', which is "
                f"'{_negated(tree)}'; write '-({source})' if that is meant",
            )
        amount = number(tree, self.env)
        if effect.op != "set" and amount.low == amount.high == 0:
            return "no-op-effect", "this change is always 0"
        bounds = Interval(
            -INF if stat.low is None else stat.low, INF if stat.high is None else stat.high
        )
        if effect.op == "set" and (amount.low > bounds.high or amount.high < bounds.low):
            edge = bounds.high if amount.low > bounds.high else bounds.low
            return (
                "clamped-effect",
                f"sets a value outside its bounds {bounds.describe()}, so it always "
                f"lands on {edge:g}; write ={edge:g}",
            )
        if effect.op in ("fair_up", "fair_down") and amount.low > 100:
            return (
                "clamped-effect",
                "fairmath above 100% always overshoots and lands on the bound; use %+100 at most",
            )
        return None

    # ----------------------------------------------------------- stats, flags

    def _stats(self) -> None:
        reads = self.usage.reads
        debt = None if self.sc.debt is None else self.sc.stats[self.sc.debt]
        # A hidden debt shows no change, so it has no colour to get wrong.
        if debt is not None and not debt.hidden and debt.better != "lower":
            self.warn(
                ("stats", debt.id),
                "debt-not-lower",
                f"stat '{debt.id}' is the debt (economy.debt) but not better = \"lower\": "
                "players will see a new loan as good news",
            )
        for stat in self.sc.stats:
            if stat.id in self.engine_stats:
                continue
            path: KeyPath = ("stats", stat.id)
            written = stat.id not in self.fixed
            if stat.id not in reads and not written:
                self.warn(path, "unused-stat", f"stat '{stat.id}' is never read or changed")
            elif stat.id not in reads and stat.hidden:
                self.warn(
                    path,
                    "unused-stat",
                    f"hidden stat '{stat.id}' is changed but never read: players cannot see "
                    "it and no condition, amount or check uses it",
                )
            elif stat.id in reads and not written:
                self.warn(
                    path,
                    "constant-stat",
                    f"stat '{stat.id}' never changes from its start ({stat.start}): no effect "
                    "writes it, so every condition on it always gives the same answer",
                )

    def _flags(self) -> None:
        usage = self.usage
        for key, spellings in usage.set_true.items():
            if key not in usage.reads:
                kind = "flag" if key.startswith("flag.") else "credential"
                name = key.partition(".")[2]
                message = f"{kind} '{name}' is set but no condition ever reads it"
                self.findings.append(_Finding(spellings, f"unread-{kind}", message))
        for key in usage.set_false.keys() - usage.set_true.keys():
            message = (
                f"'{key}' is only ever cleared, never set: clearing it does nothing and any "
                "condition reading it is always false"
            )
            self.findings.append(_Finding(usage.set_false[key], "unset-flag", message))


_TRUE = ast.Constant(True)


def _ending_index(site: Site) -> int:
    """Where an ending's condition sits among the endings: its path is (endings, i, when)."""
    index = site.path[1]
    assert isinstance(index, int)
    return index


#: Per kind of condition: (code, text) when it can never hold, then when it always holds.
_WORDS: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "action_when": (
        ("never-true", "action '{}' is never offered"),
        ("always-true", "action '{}' has a redundant `when`"),
    ),
    "action_requires": (
        ("never-true", "action '{}' is always locked"),
        ("always-true", "action '{}' has a redundant `requires`"),
    ),
    "event": (
        ("never-fires", "event '{}' never fires"),
        ("always-true", "event '{}' has a redundant `when`"),
    ),
    "choice": (
        ("never-true", "choice '{}' is always locked"),
        ("always-true", "choice '{}' has a redundant `requires`"),
    ),
    "role": (
        ("never-true", "nobody can ever meet the requirements of role '{}'"),
        ("always-true", "role '{}' has a redundant `requires`"),
    ),
    "program": (
        ("unreachable-program", "nobody can ever enrol in program '{}'"),
        ("always-true", "program '{}' has redundant `prerequisites`"),
    ),
    "goal": (
        ("unreachable-goal", "goal '{}' can never be achieved"),
        ("always-true", "goal '{}' is met on the first turn"),
    ),
    "ending": (("unreachable-ending", "ending '{}' is never reached"), ("always-true", "")),
    "factor": (
        ("never-true", "factor '{}' always reads as a job"),
        ("always-true", "factor '{}' always reads as a career"),
    ),
    "test": (
        ("never-true", "test '{}' can never pass"),
        ("always-true", "test '{}' checks nothing"),
    ),
}


def _openings(seen: dict[str | None, list[int]], backgrounds: list[str | None]) -> str:
    """Which openings a finding holds in, the way an author would try it again."""
    tries = len(OPENING_SEEDS)
    if len(seen) == len(backgrounds) and all(len(s) == tries for s in seen.values()):
        each = " for each background" if backgrounds != [None] else ""
        return f"in every opening tried ({tries} seeds{each})"
    parts = []
    for background, seeds in seen.items():
        how = "every seed tried" if len(seeds) == tries else f"{len(seeds)} of {tries} seeds"
        again = f"--seed {seeds[0]}"
        if background is not None:
            how += f" with background '{background}'"
            again += f" --background {background}"
        parts.append(f"{how} (try play {again})")
    return "; ".join(parts)


def _given(tree: ast.expr, env: Env) -> str:
    """The ranges the verdict rests on, so the author sees why."""
    parts: list[str] = []
    for name in dict.fromkeys(names_in(tree)):
        domain: Domain | None = env.get(name)
        if isinstance(domain, Interval) and domain.low == domain.high:
            parts.append(f"{name} is always {domain.describe()}")
        elif isinstance(domain, Interval) and domain != ANY:
            parts.append(f"{name} is {domain.describe()}")
        elif isinstance(domain, frozenset) and domain != BOOLS and domain <= {True, False}:
            parts.append(f"{name} is always {'true' if True in domain else 'false'}")
    return f" ({'; '.join(parts)})" if parts else ""


def _same(a: ast.expr, b: ast.expr) -> bool:
    return ast.dump(a) == ast.dump(b)


def _unbracketed_sum(tree: ast.expr, source: str) -> bool:
    """Whether an amount is ``a + b`` or ``a - b`` at its top, without brackets round it all.

    The author of ``"-a - b"`` means minus a, minus b; the effect subtracts ``a - b``.
    """
    if not (isinstance(tree, ast.BinOp) and isinstance(tree.op, ast.Add | ast.Sub)):
        return False
    text = source.strip()
    if not (text.startswith("(") and text.endswith(")")):
        return True
    depth = 0
    for i, char in enumerate(text):  # is the first bracket's partner the very last one?
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i != len(text) - 1
    return True


def _negated(tree: ast.expr) -> str:
    """``-(a - b + c)`` spelt out term by term: ``-a + b - c``."""
    terms: list[tuple[str, ast.expr]] = []
    node = tree
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
        terms.append(("+" if isinstance(node.op, ast.Sub) else "-", node.right))
        node = node.left
    parts = [f"-{ast.unparse(node)}"]
    parts += [f"{sign} {ast.unparse(term)}" for sign, term in reversed(terms)]
    return " ".join(parts)
