"""Turn a shape-checked scenario file into the runtime form, collecting every problem.

The pydantic models guarantee types; this pass checks meaning: that names refer to things
that exist, that expressions parse and are well typed, that every game can always go on
(an action that is always open, a choice in every event that is never locked) and always
end (a fallback ending). It never stops at the first problem: each one becomes an
:class:`Issue` with its key path, and the loader locates them all in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from careerquest.scenario import models as m
from careerquest.scenario.diagnostics import Issue, KeyPath, format_key_path
from careerquest.scenario.expr import (
    RESERVED,
    Compiled,
    ExprError,
    Names,
    Type,
    compile_expression,
    suggest,
)
from careerquest.scenario.runtime import (
    UNTITLED_EVENT,
    ActionDef,
    BackgroundDef,
    CheckDef,
    ChoiceDef,
    EffectList,
    EndingDef,
    EventDef,
    FactorDef,
    GoalDef,
    PayDef,
    ProgramDef,
    RoleDef,
    Scenario,
    StatDef,
    StatEffect,
    StatOp,
    TestDef,
)

SPECIAL_EFFECTS = ("start_program", "take_role", "leave_role")
_RANGE = re.compile(r"^\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*$")
_SIGNED_RANGE = re.compile(r"^\s*\+\s*(-?\d+\s*\.\.\s*-?\d+)\s*$")
_OP = re.compile(r"^\s*(%\+|%-|\+|-|=)\s*")
#: A percentage written the everyday way, "+8%": meant as fairmath or as a plain change.
_PERCENT = re.compile(r"^\s*([+-])\s*(\d+)\s*%\s*$")
#: "5-8", "+5 to 8", "5–8": a range written the way people write one; "+5-8" would add -3.
_WORDED_RANGE = re.compile(r"^\s*\+?\s*(\d+)\s*(-|–|—|to)\s*(\d+)\s*$")
_OPS: dict[str, StatOp] = {"+": "add", "-": "sub", "=": "set", "%+": "fair_up", "%-": "fair_down"}


class _Compiler:
    def __init__(self, file: m.ScenarioFile) -> None:
        self.file = file
        self.issues: list[Issue] = []
        # The same condition often appears many times (`wellbeing < 30` on several events).
        self._compiled: dict[tuple[str, Type], Compiled] = {}
        self.names = self._names()

    def issue(self, path: KeyPath, message: str, code: str, **extra: Any) -> None:
        self.issues.append(Issue(path, message, code, **extra))

    # ----------------------------------------------------------------- names

    def _names(self) -> Names:
        f = self.file
        flags: dict[str, str] = {}
        creds: dict[str, str] = {}
        set_at: dict[str, str] = {}
        for pid, program in f.programs.items():
            if program.credential:
                creds[program.credential] = program.credential.replace("_", " ")
                where = format_key_path(("programs", pid, "credential"))
                set_at.setdefault(f"cred.{program.credential}", where)
        for path, effects in self._all_effects():
            for key, value in effects.items():
                namespace, _, member = key.partition(".")
                members = value if isinstance(value, dict) and not member else {member: value}
                if namespace in ("flag", "cred"):
                    target = flags if namespace == "flag" else creds
                    for name in members:
                        if name:
                            target.setdefault(name, name.replace("_", " "))
                            set_at.setdefault(f"{namespace}.{name}", format_key_path(path))
        for fid in [fid for fid in f.flags if fid not in flags]:
            self.issue(  # at the key, which is the mistake, not at the name
                ("flags", fid),
                f"unknown flag '{fid}': no effect sets or clears it",
                "unknown-flag",
                suggestion=suggest(fid, flags),
            )
        flags = {k: f.flags.get(k) or humane for k, humane in flags.items()}
        # An author's name for a credential is said as it is; an id needs the word to read.
        cred_words = {
            k: f.credentials.get(k) or f"credential {humane}" for k, humane in creds.items()
        }
        return Names(
            money=("income", *(sid for sid, stat in f.stats.items() if stat.kind == "money")),
            currency=f.scenario.currency,
            turn_unit=f.scenario.turn_unit,
            set_at=set_at,
            stats={sid: i for i, sid in enumerate(f.stats)},
            stat_labels={sid: stat.label for sid, stat in f.stats.items()},
            namespaces={
                "flag": flags,
                "cred": cred_words,
                "held": {k: f"has been {r.title}" for k, r in f.roles.items()},
                "done": {k: f"completed {p.title}" for k, p in f.programs.items()},
                "goal": {k: f"goal '{g.label}' met" for k, g in f.goals.items()},
            },
            words={
                "role": {k: r.title for k, r in f.roles.items()},
                "program": {k: p.title for k, p in f.programs.items()},
                "background": {k: b.label for k, b in f.backgrounds.items()},
            },
        )

    def _all_effects(self) -> Iterator[tuple[KeyPath, dict[str, Any]]]:
        """Every effects table in the file with its key path, for name collection."""
        f = self.file

        def check_tables(path: KeyPath, check: m.Check | None) -> Iterator[tuple[KeyPath, Any]]:
            if check is not None:
                yield (*path, "check", "success"), check.success
                yield (*path, "check", "failure"), check.failure

        for bid, background in f.backgrounds.items():
            yield ("backgrounds", bid, "effects"), background.effects
        for rid, role in f.roles.items():
            yield ("roles", rid, "effects"), role.effects
            if role.interview is not None:
                yield ("roles", rid, "interview", "success"), role.interview.success
                yield ("roles", rid, "interview", "failure"), role.interview.failure
        for pid, program in f.programs.items():
            yield ("programs", pid, "effects"), program.effects
            yield ("programs", pid, "on_complete"), program.on_complete
        for aid, action in f.actions.items():
            yield ("actions", aid, "effects"), action.effects
            yield from check_tables(("actions", aid), action.check)
        for e, event in enumerate(f.events):
            for c, choice in enumerate(event.choices):
                yield ("events", e, "choices", c, "effects"), choice.effects
                yield from check_tables(("events", e, "choices", c), choice.check)

    # ---------------------------------------------------------- expressions

    def expr(self, path: KeyPath, source: str | None, expect: Type = "bool") -> Compiled | None:
        if source is None:
            return None
        cached = self._compiled.get((source, expect))
        if cached is not None:
            return cached
        try:
            compiled = self._compiled[source, expect] = compile_expression(
                source, self.names, expect
            )
            return compiled
        except ExprError as exc:
            self._expression_issues(path, exc)
            return None

    def _expression_issues(self, path: KeyPath, exc: ExprError, start: int = 0) -> None:
        """Every problem found in an expression that begins ``start`` characters into the
        value at ``path``."""
        for each in exc.all():
            self.issue(
                path,
                each.message,
                "expression",
                suggestion=each.suggestion,
                offset=start + each.offset,
            )

    def ref(self, path: KeyPath, value: str, known: Mapping[str, object], what: str) -> bool:
        if value in known:
            return True
        self.issue(
            path,
            f"unknown {what} '{value}'",
            f"unknown-{what}",
            suggestion=suggest(value, known),
            offset=0,
        )
        return False

    # -------------------------------------------------------------- effects

    def effects(self, path: KeyPath, table: dict[str, Any]) -> EffectList:
        stats: list[StatEffect] = []
        flags: list[tuple[str, bool]] = []
        creds: list[tuple[str, bool]] = []
        leave_role = False
        take_role: str | None = None
        start_program: str | None = None
        for key, value in table.items():
            here = (*path, key)
            namespace, dot, member = key.partition(".")
            if namespace in ("flag", "cred") and (dot or isinstance(value, dict)):
                members = {member: value} if dot else value
                for name, flag in members.items():
                    where = here if dot else (*here, name)
                    if not isinstance(flag, bool):
                        self.issue(where, f"'{namespace}.{name}' takes true or false", "type")
                    elif not re.fullmatch(r"[a-z][a-z0-9_]*", name):
                        self.issue(where, f"'{name}' is not a valid {namespace} name", "id")
                    else:
                        (flags if namespace == "flag" else creds).append((name, flag))
            elif key == "leave_role":
                if value is not True:
                    self.issue(here, "leave_role takes true", "type")
                leave_role = True
            elif key in ("take_role", "start_program"):
                known = self.file.roles if key == "take_role" else self.file.programs
                what = "role" if key == "take_role" else "program"
                if not isinstance(value, str):
                    self.issue(here, f"{key} takes a {what} id in quotes", "type")
                elif self.ref(here, value, known, what):
                    if key == "take_role":
                        take_role = value
                    else:
                        start_program = value
            elif key in self.names.stats:
                effect = self.stat_effect(here, key, value)
                if effect is not None:
                    stats.append(effect)
            else:
                self.issue(
                    here,
                    f"unknown stat or effect '{key}'",
                    "unknown-effect",
                    suggestion=self.effect_suggestion(key),
                )
        return EffectList(
            stats=tuple(stats),
            flags=tuple(flags),
            creds=tuple(creds),
            leave_role=leave_role,
            take_role=take_role,
            start_program=start_program,
        )

    def effect_suggestion(self, key: str) -> str | None:
        """A close stat or effect, or for a misspelt namespace (``flg.x``) the same name in
        the right one."""
        prefix, dot, member = key.partition(".")
        if dot and member:
            namespace = suggest(prefix, ("flag", "cred"))
            return f"{namespace}.{member}" if namespace else None
        return suggest(key, [*self.names.stats, *SPECIAL_EFFECTS])

    def stat_effect(self, path: KeyPath, stat_id: str, value: object) -> StatEffect | None:
        index = self.names.stats[stat_id]
        stat = self.file.stats[stat_id]
        if not isinstance(value, str):
            message = 'a stat change is a string such as "+5"'
            if isinstance(value, int) and not isinstance(value, bool):
                message += f'; write "+{value}" to add or "={value}" to set'
            self.issue(path, message, "type")
            return None
        if match := _RANGE.match(value):
            low, high = int(match[1]), int(match[2])
            if low > high:
                self.issue(
                    path,
                    f"range {low}..{high} runs backwards; write {high}..{low}",
                    "range",
                    offset=0,
                )
                return None
            return StatEffect(index, "range", low=low, high=high)
        if signed := _SIGNED_RANGE.match(value):
            message = f"a range has no leading sign: write '{signed[1]}'"
            self.issue(path, message, "range", offset=0)
            return None
        if worded := _WORDED_RANGE.match(value):
            first, second = int(worded[1]), int(worded[3])
            low, high = sorted((first, second))
            message = (
                f"'{value}' is not a change: for a random change from {low} to {high}, "
                f"write '{low}..{high}'"
            )
            if worded[2] == "-":  # it also reads as a subtraction, which may be what was meant
                change = first - second
                message += (
                    f"; to add {change}, write '+{change}'"
                    if change >= 0
                    else (f"; to take away {-change}, write '{change}'")
                )
            self.issue(path, message, "range", offset=0)
            return None
        if percent := _PERCENT.match(value):
            sign, amount = percent[1], percent[2]
            self.issue(
                path,
                f"'{value}' is not a change: write '%{sign}{amount}' to move {amount}% of the way "
                f"to the {'top' if sign == '+' else 'bottom'} (fairmath), or '{sign}{amount}' "
                f"to {'add' if sign == '+' else 'take away'} {amount}",
                "effect",
                offset=0,
            )
            return None
        op_match = _OP.match(value)
        if op_match is None:
            self.issue(
                path,
                f"'{value}' is not a change: use +N, -N, =N, %+N, %-N or A..B",
                "effect",
                offset=0,
            )
            return None
        op = _OPS[op_match[1]]
        if op in ("fair_up", "fair_down") and stat.kind != "percent":
            self.issue(
                path,
                f"fairmath (%+, %-) needs a percent stat; '{stat_id}' is {stat.kind}",
                "effect",
            )
            return None
        try:
            amount = compile_expression(value[op_match.end() :], self.names, "num")
        except ExprError as exc:
            self._expression_issues(path, exc, start=op_match.end())
            return None
        return StatEffect(index, op, amount)

    def check(self, path: KeyPath, check: m.Check | None) -> CheckDef | None:
        if check is None:
            return None
        if not self.ref((*path, "stat"), check.stat, self.names.stats, "stat"):
            return None
        return CheckDef(
            stat=self.names.stats[check.stat],
            difficulty=check.difficulty,
            success=self.effects((*path, "success"), check.success),
            failure=self.effects((*path, "failure"), check.failure),
            success_text=check.success_text,
            failure_text=check.failure_text,
        )

    # ------------------------------------------------------------- sections

    def stats(self) -> tuple[StatDef, ...]:
        for sid in self.file.stats:
            if sid in RESERVED:
                self.issue(
                    ("stats", sid),
                    f"'{sid}' is a built-in name in expressions; give the stat another id",
                    "reserved-id",
                )
        return tuple(
            StatDef(
                id=sid,
                index=i,
                label=stat.label,
                kind=stat.kind,
                low=stat.bounds()[0],
                high=stat.bounds()[1],
                start=stat.initial(),
                group=stat.group,
                description=stat.description,
                hidden=stat.hidden,
                better=stat.better,
            )
            for i, (sid, stat) in enumerate(self.file.stats.items())
        )

    def money_stat(self, key: str, stat_id: str | None) -> int | None:
        if stat_id is None:
            return None
        path = ("economy", key)
        if not self.ref(path, stat_id, self.names.stats, "stat"):
            return None
        if self.file.stats[stat_id].kind != "money":
            message = f"'{stat_id}' must be a money stat to hold {key}"
            self.issue(path, message, "economy", offset=0)
        return self.names.stats[stat_id]

    def roles(self) -> dict[str, RoleDef]:
        roles: dict[str, RoleDef] = {}
        for rid, role in self.file.roles.items():
            path: KeyPath = ("roles", rid)
            seen: set[str] = set()
            for key in ("ladder", "links"):
                for i, target in enumerate(getattr(role, key)):
                    if target in seen:
                        message = f"'{target}' is listed twice in this role's ladder and links"
                        self.issue((*path, key, i), message, "role-link", offset=0)
                    seen.add(target)
                    if target == rid:
                        self.issue(
                            (*path, key, i), f"role '{rid}' cannot lead to itself", "role-link"
                        )
                    else:
                        self.ref((*path, key, i), target, self.file.roles, "role")
            pay = role.pay
            roles[rid] = RoleDef(
                id=rid,
                title=role.title,
                employer=role.employer,
                description=role.description,
                entry=role.entry,
                requires=self.expr((*path, "requires"), role.requires),
                interview=self.check((*path, "interview"), role.interview),
                min_tenure=role.min_tenure,
                pay=PayDef(
                    pay.salary,
                    pay.hourly,
                    pay.hours,
                    pay.bonus,
                    pay.stock,
                    tuple(pay.benefits),
                    pay.tax,
                ),
                ladder=tuple(role.ladder),
                links=tuple(role.links),
                effects=self.effects((*path, "effects"), role.effects),
                loss_chance=role.loss_chance,
            )
        return roles

    def programs(self) -> dict[str, ProgramDef]:
        return {
            pid: ProgramDef(
                id=pid,
                title=p.title,
                kind=p.kind,
                description=p.description,
                turns=p.turns,
                cost=p.cost,
                loan=p.loan,
                part_time=p.part_time,
                prerequisites=self.expr(("programs", pid, "prerequisites"), p.prerequisites),
                effects=self.effects(("programs", pid, "effects"), p.effects),
                on_complete=self.effects(("programs", pid, "on_complete"), p.on_complete),
                credential=p.credential,
            )
            for pid, p in self.file.programs.items()
        }

    def actions(self) -> tuple[ActionDef, ...]:
        actions = tuple(
            ActionDef(
                id=aid,
                label=a.label,
                category=a.category,
                description=a.description,
                when=self.expr(("actions", aid, "when"), a.when),
                requires=self.expr(("actions", aid, "requires"), a.requires),
                check=self.check(("actions", aid, "check"), a.check),
                effects=self.effects(("actions", aid, "effects"), a.effects),
                result=a.result,
            )
            for aid, a in self.file.actions.items()
        )
        if not any(a.when is None and a.requires is None for a in self.file.actions.values()):
            self.issue(
                ("actions",),
                "at least one action must always be open (no `when`, no `requires`), "
                "so that a turn can always be played",
                "no-open-action",
            )
        return actions

    def events(self) -> tuple[EventDef, ...]:
        events: list[EventDef] = []
        seen: set[str] = set()
        for e, event in enumerate(self.file.events):
            path: KeyPath = ("events", e)
            if event.id in seen:
                self.issue((*path, "id"), f"event id '{event.id}' is used twice", "duplicate-id")
            seen.add(event.id)
            choices: list[ChoiceDef] = []
            choice_ids: dict[str, int] = {}  # → the choice's number in the event
            for c, choice in enumerate(event.choices):
                cpath: KeyPath = (*path, "choices", c)
                cid = choice.id or f"c{c + 1}"
                if cid in choice_ids and choice.id is None:
                    # The id it has by default: the author wrote none, so say where it is from.
                    self.issue(
                        cpath,
                        f"this choice has no id, so it gets '{cid}' (c and its number), which "
                        f"choice {choice_ids[cid]} already has: give one of them another id",
                        "duplicate-id",
                    )
                elif cid in choice_ids:
                    self.issue(
                        (*cpath, "id"),
                        f"choice id '{cid}' is used twice in this event",
                        "duplicate-id",
                    )
                choice_ids.setdefault(cid, c + 1)
                choices.append(
                    ChoiceDef(
                        id=cid,
                        label=choice.label,
                        requires=self.expr((*cpath, "requires"), choice.requires),
                        check=self.check((*cpath, "check"), choice.check),
                        effects=self.effects((*cpath, "effects"), choice.effects),
                        result=choice.result,
                    )
                )
            if all(choice.requires is not None for choice in event.choices):
                self.issue(
                    (*path, "choices"),
                    f"event '{event.id}' needs at least one choice without `requires`, "
                    "so that the player can always answer it",
                    "no-open-choice",
                )
            events.append(
                EventDef(
                    id=event.id,
                    title=event.title or UNTITLED_EVENT,
                    text=event.text,
                    when=self.expr((*path, "when"), event.when),
                    weight=event.weight,
                    once=event.once,
                    cooldown=event.cooldown,
                    milestone=event.milestone,
                    choices=tuple(choices),
                )
            )
        return tuple(events)

    def goals(self) -> tuple[GoalDef, ...]:
        goals = self.file.goals
        terms = {g.term for g in goals.values()}
        if goals and terms != {"short", "long"}:
            missing = ({"short", "long"} - terms).pop()
            self.issue(
                ("goals",),
                f"add at least one {missing}-term goal: the player picks one of each",
                "goals",
            )
        compiled: list[GoalDef] = []
        turns = self.file.scenario.turns
        for gid, g in goals.items():
            if g.by is not None and g.by > turns:
                self.issue(
                    ("goals", gid, "by"),
                    f"by = {g.by} comes after the last turn ({turns}): omit 'by' for a goal "
                    "the whole game may meet",
                    "goals",
                )
            achieved = self.expr(("goals", gid, "achieved"), g.achieved)
            if achieved is not None:
                compiled.append(GoalDef(gid, g.term, g.label, g.description, achieved, g.by))
        return tuple(compiled)

    def endings(self) -> tuple[EndingDef, ...]:
        endings: list[EndingDef] = []
        seen: set[str] = set()
        fallback_placed = False  # a fallback followed only by early endings: said once
        for i, ending in enumerate(self.file.endings):
            path: KeyPath = ("endings", i)
            if ending.id in seen:
                self.issue((*path, "id"), f"ending id '{ending.id}' is used twice", "duplicate-id")
            seen.add(ending.id)
            if ending.early and ending.when is None:
                self.issue(
                    path,
                    "an early ending needs a `when`: it ends the game once that holds",
                    "early-ending",
                )
            elif ending.when is None and i < len(self.file.endings) - 1:
                later = self.file.endings[i + 1 :]
                finals = [e.id for e in later if not e.early]
                if not finals:
                    # They could end games early; only their place is wrong. One error, the
                    # fix in it, rather than this one and "the last ending is the fallback".
                    names = ", ".join(f"'{e.id}'" for e in later)
                    message = (
                        f"the fallback ending '{ending.id}' must come last: move the early "
                        f"ending{'s' if len(later) > 1 else ''} after it ({names}) above it"
                    )
                    fallback_placed = True
                elif len(finals) == len(later):
                    message = (
                        "only the last ending may have no `when`: every ending after this "
                        "one could never be reached"
                    )
                else:
                    message = (
                        "only the last ending may have no `when`: the endings after this one "
                        f"that are not early ({', '.join(map(repr, finals))}) could never be "
                        "reached"
                    )
                self.issue(path, message, "misplaced-fallback")
            endings.append(
                EndingDef(
                    id=ending.id,
                    title=ending.title,
                    cls=ending.class_,
                    when=self.expr((*path, "when"), ending.when),
                    early=ending.early,
                    text=ending.text,
                )
            )
        last = self.file.endings[-1]
        if last.when is not None and not fallback_placed:
            self.issue(
                ("endings", len(self.file.endings) - 1),
                "the last ending is the fallback: give it no `when`, "
                "so that every game ends somewhere",
                "no-fallback-ending",
            )
        return tuple(endings)

    def factors(self) -> tuple[FactorDef, ...]:
        factors: list[FactorDef] = []
        for i, factor in enumerate(self.file.factors):
            when = self.expr(("factors", i, "career_when"), factor.career_when)
            if when is not None:
                factors.append(
                    FactorDef(factor.kind, factor.label, when, factor.career, factor.job)
                )
        return tuple(factors)

    def tests(self) -> tuple[TestDef, ...]:
        tests: list[TestDef] = []
        ending_ids = {e.id for e in self.file.endings}
        for i, test in enumerate(self.file.tests):
            path: KeyPath = ("tests", i)
            if test.background is not None:
                self.ref(
                    (*path, "background"), test.background, self.file.backgrounds, "background"
                )
            picked: dict[str, str] = {}  # a player picks one goal of each term
            for g, goal in enumerate(test.goals):
                if not self.ref((*path, "goals", g), goal, self.file.goals, "goal"):
                    continue
                term = self.file.goals[goal].term
                if term in picked:
                    self.issue(
                        (*path, "goals", g),
                        f"goals '{picked[term]}' and '{goal}' are both {term}-term; a test, "
                        f"like a player, picks at most one goal of each term",
                        "value",
                        offset=0,
                    )
                picked.setdefault(term, goal)
            if test.ending is not None:
                self.ref((*path, "ending"), test.ending, dict.fromkeys(ending_ids), "ending")
            tests.append(
                TestDef(
                    name=test.name,
                    seed=test.seed,
                    choices=tuple(test.choices),
                    policy=test.policy,
                    background=test.background,
                    goals=tuple(test.goals),
                    ending=test.ending,
                    expect=self.expr((*path, "expect"), test.expect),
                )
            )
        return tuple(tests)

    def backgrounds(self) -> tuple[BackgroundDef, ...]:
        return tuple(
            BackgroundDef(
                bid,
                b.label,
                b.description,
                self.effects(("backgrounds", bid, "effects"), b.effects),
            )
            for bid, b in self.file.backgrounds.items()
        )

    def credentials(self) -> dict[str, str]:
        """What players call each credential a program or an effect grants."""
        known = self.names.namespaces["cred"]
        for cid in [cid for cid in self.file.credentials if cid not in known]:
            self.issue(  # at the key, which is the mistake, not at the name
                ("credentials", cid),
                f"unknown credential '{cid}': no program or effect grants it",
                "unknown-credential",
                suggestion=suggest(cid, known),
            )
        return {
            cid: self.file.credentials.get(cid) or cid.replace("_", " ") for cid in sorted(known)
        }

    def loans(self) -> None:
        for pid, program in self.file.programs.items():
            if program.loan and self.file.economy.debt is None:
                self.issue(
                    ("programs", pid, "loan"),
                    "a loan needs a debt stat: set economy.debt",
                    "economy",
                )

    def build(self, source_hash: str, path: str) -> Scenario | None:
        info = self.file.scenario
        economy = self.file.economy
        stats = self.stats()
        wallet = self.money_stat("wallet", economy.wallet)
        debt = self.money_stat("debt", economy.debt)
        self.loans()
        scenario = Scenario(
            id=info.id,
            title=info.title,
            version=info.version,
            authors=tuple(info.authors),
            summary=info.summary,
            audience=info.audience,
            estimated_minutes=info.estimated_minutes,
            learning_objectives=tuple(info.learning_objectives),
            turns=info.turns,
            turn_unit=info.turn_unit,
            start_age=info.start_age,
            start_year=info.start_year,
            currency=info.currency,
            event_chance=info.event_chance,
            stats=stats,
            wallet=wallet if wallet is not None else 0,
            debt=debt,
            living_cost=economy.living_cost,
            debt_interest=economy.debt_interest,
            debt_payment=economy.debt_payment,
            backgrounds=self.backgrounds(),
            roles=self.roles(),
            programs=self.programs(),
            actions=self.actions(),
            events=self.events(),
            goals=self.goals(),
            endings=self.endings(),
            factors=self.factors(),
            reflection=tuple(self.file.reflection),
            credentials=self.credentials(),
            glossary=dict(self.file.glossary),
            tests=self.tests(),
            source_hash=source_hash,
            path=path,
            names=self.names,
            stat_index=dict(self.names.stats),
        )
        self.test_choices(scenario)
        if any(issue.severity == "error" for issue in self.issues):
            return None
        return scenario

    def test_choices(self, scenario: Scenario) -> None:
        """Each choice of a test must be an option somewhere, or the test can never pass."""
        known = scenario.option_ids()
        for t, test in enumerate(scenario.tests):
            for c, choice in enumerate(test.choices):
                if choice not in known:
                    self.issue(
                        ("tests", t, "choices", c),
                        f"'{choice}' is not an option anywhere in this scenario",
                        "unknown-option",
                        suggestion=suggest(choice, known),
                        offset=0,
                    )


def compile_scenario(
    file: m.ScenarioFile, source_hash: str, path: str
) -> tuple[Scenario | None, list[Issue]]:
    """Compile a validated file; the scenario is None when any error was found."""
    compiler = _Compiler(file)
    scenario = compiler.build(source_hash, path)
    return scenario, compiler.issues
