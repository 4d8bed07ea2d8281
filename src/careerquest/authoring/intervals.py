"""Interval reasoning over condition expressions: can this ever hold, can it ever fail?

Each name an expression reads gets a *domain*: an :class:`Interval` for numbers (a stat's
declared bounds, a builtin's possible range) or a finite set of values for words and
true/false tests. :func:`refine` narrows the domains to the states in which an expression
has the wanted truth value, or answers ``None`` when there are none. Domains only ever
over-approximate what a game can reach, so ``None`` is a proof: a condition found
impossible really is, and one found certain really is. The converse does not hold; the
analysis stays silent when unsure.

Expressions reaching this module have been compiled already, so they are well typed and
every name is known.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from careerquest.scenario.expr import FLIPPED

INF = math.inf
Truth = Literal["never", "always", "maybe"]
Values = frozenset[object]


@dataclass(frozen=True, slots=True)
class Interval:
    """Whole or real numbers from ``low`` to ``high``, both included; infinite when unbounded."""

    low: float
    high: float

    @property
    def empty(self) -> bool:
        return self.low > self.high

    def meet(self, other: Interval) -> Interval:
        return Interval(max(self.low, other.low), min(self.high, other.high))

    def join(self, other: Interval) -> Interval:
        return Interval(min(self.low, other.low), max(self.high, other.high))

    def describe(self) -> str:
        low = "-∞" if self.low == -INF else f"{self.low:g}"
        high = "∞" if self.high == INF else f"{self.high:g}"
        return low if self.low == self.high else f"{low}..{high}"


Domain = Interval | Values
Env = dict[str, Domain]
ANY = Interval(-INF, INF)
BOOLS: Values = frozenset({True, False})


def parse(source: str) -> ast.expr:
    """The syntax tree of a compiled expression (the compiler strips leading blanks too)."""
    return ast.parse(source.strip(), mode="eval").body


def truth(node: ast.expr, env: Mapping[str, Domain]) -> Truth:
    """Whether a test can never hold, always holds, or depends on the game."""
    if refine(node, dict(env), True) is None:
        return "never"
    if refine(node, dict(env), False) is None:
        return "always"
    return "maybe"


def implies(premise: ast.expr, conclusion: ast.expr, env: Mapping[str, Domain]) -> bool:
    """True when every state in which ``premise`` holds also satisfies ``conclusion``."""
    narrowed = refine(premise, dict(env), True)
    return narrowed is None or refine(conclusion, narrowed, False) is None


def number(node: ast.expr, env: Mapping[str, Domain]) -> Interval:
    """The values a numeric expression can take."""
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return Interval(node.value, node.value)
    if isinstance(node, ast.Name):
        domain = env.get(node.id, ANY)
        return domain if isinstance(domain, Interval) else ANY
    if isinstance(node, ast.UnaryOp):
        inner = number(node.operand, env)
        return Interval(-inner.high, -inner.low) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        return _arithmetic(node.op, number(node.left, env), number(node.right, env))
    return ANY


def _arithmetic(op: ast.operator, a: Interval, b: Interval) -> Interval:
    if isinstance(op, ast.Add):
        return _hull([a.low + b.low, a.high + b.high])
    if isinstance(op, ast.Sub):
        return _hull([a.low - b.high, a.high - b.low])
    if isinstance(op, ast.Mult):
        # 0 × ∞ is nan in floats but 0 for intervals: zero times any real number is zero.
        products = [x * y for x in (a.low, a.high) for y in (b.low, b.high)]
        return _hull([0.0 if math.isnan(p) else p for p in products])
    if b.low <= 0 <= b.high:
        return ANY  # the engine divides by zero as 0; other divisors near 0 grow unbounded
    return _hull([x / y for x in (a.low, a.high) for y in (b.low, b.high)])


def _hull(points: list[float]) -> Interval:
    if any(math.isnan(p) for p in points):
        return ANY
    return Interval(min(points), max(points))


def values(node: ast.expr, env: Mapping[str, Domain]) -> Values:
    """The values a word or a test can take."""
    if isinstance(node, ast.Constant):
        return frozenset({node.value})
    if isinstance(node, ast.Name) and node.id in ("true", "false"):
        return frozenset({node.id == "true"})
    key = _key(node)
    if key is not None:
        domain = env.get(key, BOOLS)
        return domain if isinstance(domain, frozenset) else BOOLS
    return frozenset(want for want in (True, False) if refine(node, dict(env), want) is not None)


def _key(node: ast.expr) -> str | None:
    """The domain name of a plain name (``technical``, ``role``) or a test (``flag.mentor``)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return f"{node.value.id}.{node.attr}"
    return None


def refine(node: ast.expr, env: Env, want: bool) -> Env | None:
    """Narrow ``env`` to states where the test ``node`` equals ``want``; None if there are none.

    ``env`` may be modified and returned.
    """
    if isinstance(node, ast.Constant) or (
        isinstance(node, ast.Name) and node.id in ("true", "false")
    ):
        return env if want in values(node, env) else None
    if isinstance(node, ast.Attribute):
        return _narrow(env, node, values(node, env) & {want})
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return refine(node.operand, env, not want)
    if isinstance(node, ast.BoolOp):
        every = isinstance(node.op, ast.And) == want
        steps = [_step(operand, want) for operand in node.values]
        return _all(steps, env) if every else _any(steps, env)
    if isinstance(node, ast.Compare):
        operands = [node.left, *node.comparators]
        steps = [
            _pair_step(operands[i], op, operands[i + 1], want) for i, op in enumerate(node.ops)
        ]
        return _all(steps, env) if want else _any(steps, env)
    return env


Step = Callable[[Env], Env | None]


def _step(node: ast.expr, want: bool) -> Step:
    return lambda env: refine(node, env, want)


def _pair_step(left: ast.expr, op: ast.cmpop, right: ast.expr, want: bool) -> Step:
    return lambda env: _compare(left, op if want else _NEGATE[type(op)](), right, env)


def _all(steps: list[Step], env: Env) -> Env | None:
    """Every step must hold: narrow by each in turn, twice, so later facts inform earlier ones."""
    current: Env | None = env
    for _ in range(2):
        for step in steps:
            if current is None:
                return None
            current = step(current)
    return current


def _any(steps: list[Step], env: Env) -> Env | None:
    """At least one step must hold: the union of what each allows."""
    found: Env | None = None
    for step in steps:
        narrowed = step(dict(env))
        if narrowed is not None:
            found = narrowed if found is None else _union(found, narrowed)
    return found


def _union(a: Env, b: Env) -> Env:
    merged: Env = {}
    for key in a.keys() & b.keys():
        x, y = a[key], b[key]
        if isinstance(x, Interval) and isinstance(y, Interval):
            merged[key] = x.join(y)
        elif isinstance(x, frozenset) and isinstance(y, frozenset):
            merged[key] = x | y
    return merged


_NEGATE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.GtE,
    ast.LtE: ast.Gt,
    ast.Gt: ast.LtE,
    ast.GtE: ast.Lt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
}


def _is_number(node: ast.expr, env: Mapping[str, Domain]) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.Name):
        return isinstance(env.get(node.id, ANY), Interval) and node.id not in ("true", "false")
    return isinstance(node, ast.BinOp) or (
        isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not)
    )


def _compare(left: ast.expr, op: ast.cmpop, right: ast.expr, env: Env) -> Env | None:
    """Narrow ``env`` to states where ``left op right`` holds."""
    if _is_number(left, env):
        low, high = number(left, env), number(right, env)
        if not _possible(low, op, high):
            return None
        narrowed = _narrow_number(env, left, _allowed(op, high))
        if narrowed is None:
            return None
        return _narrow_number(
            narrowed, right, _allowed(FLIPPED[type(op)](), number(left, narrowed))
        )
    a, b = values(left, env), values(right, env)
    if isinstance(op, ast.Eq):
        both = a & b
        narrowed = _narrow(env, left, both)
        return None if narrowed is None else _narrow(narrowed, right, both)
    if len(a) == 1 and a == b:
        return None
    narrowed = _narrow(env, left, a - b if len(b) == 1 else a)
    return None if narrowed is None else _narrow(narrowed, right, b - a if len(a) == 1 else b)


def _possible(a: Interval, op: ast.cmpop, b: Interval) -> bool:
    if isinstance(op, ast.Lt):
        return a.low < b.high
    if isinstance(op, ast.LtE):
        return a.low <= b.high
    if isinstance(op, ast.Gt):
        return a.high > b.low
    if isinstance(op, ast.GtE):
        return a.high >= b.low
    if isinstance(op, ast.Eq):
        return a.low <= b.high and b.low <= a.high
    return not (a.low == a.high == b.low == b.high)


def _allowed(op: ast.cmpop, other: Interval) -> Interval | float:
    """Whole numbers ``x`` for which ``x op other`` can hold; a float means ``x != that``.

    Names always hold whole numbers (stats are rounded, builtins are counts), so a strict
    bound moves to the next whole number: ``x > 2.5`` and ``x > 2`` both mean ``x >= 3``.
    """
    if isinstance(op, ast.Lt):
        return Interval(-INF, _ceil(other.high) - 1)
    if isinstance(op, ast.LtE):
        return Interval(-INF, _floor(other.high))
    if isinstance(op, ast.Gt):
        return Interval(_floor(other.low) + 1, INF)
    if isinstance(op, ast.GtE):
        return Interval(_ceil(other.low), INF)
    if isinstance(op, ast.Eq):
        return Interval(_ceil(other.low), _floor(other.high))
    return other.low if other.low == other.high else ANY


def _floor(value: float) -> float:
    return value if math.isinf(value) else math.floor(value)


def _ceil(value: float) -> float:
    return value if math.isinf(value) else math.ceil(value)


def _narrow_number(env: Env, node: ast.expr, allowed: Interval | float) -> Env | None:
    if not isinstance(node, ast.Name):
        return env
    current = number(node, env)
    if isinstance(allowed, Interval):
        current = current.meet(allowed)
    elif current.low == allowed:
        current = Interval(current.low + 1, current.high)
    elif current.high == allowed:
        current = Interval(current.low, current.high - 1)
    if current.empty:
        return None
    env[node.id] = current
    return env


def _narrow(env: Env, node: ast.expr, allowed: Values) -> Env | None:
    """Keep only ``allowed`` values for a name or test; None when nothing is left."""
    if not allowed:
        return None
    key = _key(node)
    if key is not None:
        env[key] = values(node, env) & allowed
    return env
