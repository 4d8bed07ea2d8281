"""The expression language of conditions and effect amounts.

Author text is parsed with :func:`ast.parse` in ``eval`` mode and only a whitelist of nodes is
accepted (names, numbers, strings, booleans, comparisons, ``and``/``or``/``not``, ``+ - * /``
and parentheses). Nothing is ever passed to ``eval`` or ``exec``: each node becomes a small
closure, so a compiled expression is a plain function of the game state. Every name is
resolved and every operand type-checked when the scenario loads, so a typo or a comparison
of a number with a word is a load error with a position, never a crash in play.
"""

from __future__ import annotations

import ast
import difflib
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, Protocol

from careerquest.engine.money import money
from careerquest.engine.words import counted

MAX_LENGTH = 400
MAX_DEPTH = 24
MAX_NODES = 160

Type = Literal["num", "bool", "str"]
Value = int | float | bool | str


class Context(Protocol):
    """What an expression may read: the engine's game state provides these attributes."""

    stats: list[int]
    flags: set[str]
    creds: set[str]
    held: set[str]
    done: set[str]
    goals: set[str]
    role: str
    program: str
    background: str
    turn: int
    turns_left: int
    age: int
    tenure: int
    income: int
    promotions: int
    career_moves: int
    invest_turns: int
    acted: int


Fn = Callable[[Context], Value]

#: Numbers every expression may read, besides the scenario's stats.
BUILTIN_NUMBERS: dict[str, str] = {
    "turn": "the current turn, from 1",
    "turns_left": "turns left after this one",
    "age": "the player's age in whole years",
    "tenure": "turns spent in the current role",
    "income": "the current role's pay for one turn",
    "promotions": "promotions won so far",
    "career_moves": "moves to a role outside the current ladder",
    "roles_held": "how many different roles the player has held",
    "programs_done": "how many programs the player has completed",
    "goals_met": "how many of the player's goals are achieved",
    "invest_share": "percent of turns spent on study, training, networking, learning or projects",
}
#: How players read the built-in numbers in lock reasons ("needs tenure at least 2" was
#: the name itself); a number not listed reads as its name.
NUMBER_WORDS: dict[str, str] = {
    "turns_left": "turns left",
    "tenure": "turns in your current role",
    "income": "pay per turn",
    "career_moves": "career moves",
    "roles_held": "roles held",
    "programs_done": "programs completed",
    "goals_met": "goals met",
    "invest_share": "share of turns invested in the future",
}
#: ``role == "x"`` and ``role != "x"`` in words: "the role of Team lead", "a role other
#: than Team lead"; and the same with "" ("no role", "a role").
_WORD_TESTS: dict[str, tuple[str, str, str, str]] = {
    "role": ("the role of", "a role other than", "no job", "a job"),
    "program": (
        "studying",
        "a program other than",
        "no program in progress",
        "a program in progress",
    ),
    "background": ("the background", "a background other than", "no background", "a background"),
}
#: Words every expression may read, compared with ``==`` and ``!=``.
BUILTIN_WORDS: dict[str, str] = {
    "role": 'the current role\'s id, or "" without one',
    "program": 'the program in progress, or ""',
    "background": "the background chosen at setup",
}
#: ``ns.name`` tests, true or false.
NAMESPACES: dict[str, str] = {
    "flag": "a flag set by an effect",
    "cred": "a credential held",
    "held": "a role held at some point",
    "done": "a program completed",
    "goal": "a goal achieved",
}
#: Names a stat may not take: expressions read them as built-ins.
RESERVED = frozenset({*BUILTIN_NUMBERS, *BUILTIN_WORDS, *NAMESPACES, "true", "false"})


class ExprError(Exception):
    """A problem in one expression, located by character offset within its text.

    ``more`` holds the expression's other unknown names, so an author fixes them all in one
    go rather than one per ``check``.
    """

    def __init__(self, message: str, offset: int = 0, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.suggestion = suggestion
        self.more: tuple[ExprError, ...] = ()

    def all(self) -> tuple[ExprError, ...]:
        """This problem and the others found with it, in the order of the text."""
        return (self, *self.more)


@dataclass(frozen=True)
class Names:
    """Everything an expression may name in one scenario, with labels for descriptions."""

    stats: Mapping[str, int]
    stat_labels: Mapping[str, str]
    namespaces: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    words: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: The numbers that are sums of money (money stats, ``income``), which players read in
    #: the scenario's currency: "needs Savings at least $900", not "at least 900".
    money: tuple[str, ...] = ()
    currency: str = "$"
    #: What a turn is called ("quarter"): ``tenure >= 2`` reads "quarters in your current
    #: role at least 2", as the game's other texts count time.
    turn_unit: str = "turn"
    #: ``flag.x`` / ``cred.x`` → the key path of the first effect that sets it: when a
    #: condition reads a near miss, the author sees both spellings' places.
    set_at: Mapping[str, str] = field(default_factory=dict)


def suggest(name: str, known: object) -> str | None:
    """The closest known name, for a "did you mean" hint."""
    candidates = [str(k) for k in known]  # type: ignore[attr-defined]
    matches = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return matches[0] if matches else None


@dataclass(frozen=True, slots=True)
class Compiled:
    """A checked expression: its function, its type, and words for players."""

    source: str
    fn: Fn
    type: Type
    text: str
    parts: tuple[tuple[Fn, str], ...]
    stats: tuple[str, ...] = ()

    def __call__(self, ctx: Context) -> Value:
        return self.fn(ctx)

    def unmet(self, ctx: Context) -> list[str]:
        """The parts of an ``and`` chain that are false now, in words, for lock reasons."""
        return [text for fn, text in self.parts if not fn(ctx)]


_COMPARE: dict[type[ast.cmpop], tuple[Callable[[Value, Value], bool], str, str]] = {
    ast.Lt: (operator.lt, "<", "below"),
    ast.LtE: (operator.le, "<=", "at most"),
    ast.Gt: (operator.gt, ">", "above"),
    ast.GtE: (operator.ge, ">=", "at least"),
    ast.Eq: (operator.eq, "==", "is"),
    ast.NotEq: (operator.ne, "!=", "is not"),
}
#: The same test seen from the other side: ``20 <= age`` is ``age >= 20``. The wording of
#: lock reasons and the author tools' interval reasoning both turn comparisons round.
FLIPPED: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.Gt,
    ast.LtE: ast.GtE,
    ast.Gt: ast.Lt,
    ast.GtE: ast.LtE,
    ast.Eq: ast.Eq,
    ast.NotEq: ast.NotEq,
}
_ARITH: dict[type[ast.operator], str] = {
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.Div: "/",
}
#: Habits from other languages that Python reads as bitwise arithmetic: the word meant.
_BITWISE: dict[type[ast.operator], str] = {ast.BitAnd: "and", ast.BitOr: "or"}


def _divide(a: Value, b: Value) -> Value:
    """Division that yields 0 rather than crashing a game when the divisor is 0."""
    return 0 if b == 0 else a / b  # type: ignore[operator]


class _Compiler:
    def __init__(self, source: str, names: Names) -> None:
        self.source = source
        self.names = names
        self.nodes = 0
        self.top_parts: tuple[tuple[Fn, str], ...] = ()
        self.stat_refs: dict[str, None] = {}
        self._line_starts = [0]
        for i, ch in enumerate(source):
            if ch == "\n":
                self._line_starts.append(i + 1)

    def offset(self, node: ast.AST) -> int:
        """Character offset of a node within the author's text (ast counts UTF-8 bytes)."""
        lineno = getattr(node, "lineno", 1)
        col = getattr(node, "col_offset", 0)
        start = self._line_starts[min(lineno, len(self._line_starts)) - 1]
        line = self.source[start:]
        prefix = line.encode("utf-8")[:col].decode("utf-8", errors="ignore")
        return start + len(prefix)

    def fail(self, node: ast.AST, message: str, suggestion: str | None = None) -> ExprError:
        return ExprError(message, self.offset(node), suggestion)

    def unknown_names(self, tree: ast.AST) -> list[ExprError]:
        """Every name in ``tree`` that does not resolve: compiling stops at the first."""
        found = []
        # A namespace is checked with its name (flag.x), and a call is refused whole.
        skip = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        skip |= {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            try:
                if isinstance(node, ast.Attribute):
                    self._attribute(node)
                elif isinstance(node, ast.Name):
                    self._name(node)
            except ExprError as exc:
                found.append(exc)
        return found

    def compile(self, node: ast.AST, depth: int = 0) -> tuple[Fn, Type, str]:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise self.fail(node, "expression is too deeply nested or too long")
        if isinstance(node, ast.Constant):
            return self._constant(node)
        if isinstance(node, ast.Name):
            return self._name(node)
        if isinstance(node, ast.Attribute):
            return self._attribute(node)
        if isinstance(node, ast.BoolOp):
            return self._boolop(node, depth)
        if isinstance(node, ast.UnaryOp):
            return self._unary(node, depth)
        if isinstance(node, ast.BinOp):
            return self._binop(node, depth)
        if isinstance(node, ast.Compare):
            return self._compare(node, depth)
        raise self.fail(node, f"'{ast.unparse(node)}' is not allowed in an expression")

    def _constant(self, node: ast.Constant) -> tuple[Fn, Type, str]:
        value = node.value
        if isinstance(value, bool):
            return (lambda _c: value), "bool", "true" if value else "false"
        if isinstance(value, int | float):
            if not abs(value) <= 1e12:  # also refuses inf and nan
                written = ast.get_source_segment(self.source, node) or ast.unparse(node)
                raise self.fail(node, f"'{written}' is too large: numbers go up to 10**12")
            return (lambda _c: value), "num", repr(value)
        if isinstance(value, str):
            return (lambda _c: value), "str", f'"{value}"'
        raise self.fail(node, f"'{ast.unparse(node)}' is not a number, word or true/false")

    def _name(self, node: ast.Name) -> tuple[Fn, Type, str]:
        name = node.id
        if name in ("true", "false"):
            value = name == "true"
            return (lambda _c: value), "bool", name
        index = self.names.stats.get(name)
        if index is not None:
            i = index
            self.stat_refs[name] = None
            return (lambda c: c.stats[i]), "num", self.names.stat_labels[name]
        if name in BUILTIN_NUMBERS:
            words = NUMBER_WORDS.get(name, name.replace("_", " "))
            if name in ("tenure", "turns_left"):
                words = words.replace("turns", f"{self.names.turn_unit}s")
            elif name == "income":
                words = f"pay per {self.names.turn_unit}"
            return _builtin_number(name), "num", words
        if name in BUILTIN_WORDS:
            return operator.attrgetter(name), "str", name
        if name in NAMESPACES:
            raise self.fail(node, f"'{name}' needs a name after it, as in '{name}.something'")
        for word, ids in self.names.words.items():
            if name in ids:
                raise self.fail(
                    node, f"unknown name '{name}': a {word} id is a word, so quote it: '{name}'"
                )
        for ns in ("flag", "cred", "goal", "done", "held"):
            if name in self.names.namespaces.get(ns, {}):
                raise self.fail(node, f"unknown name '{name}'", f"{ns}.{name}")
        known = [*self.names.stats, *BUILTIN_NUMBERS, *BUILTIN_WORDS, "true", "false"]
        raise self.fail(node, f"unknown name '{name}'", suggest(name, known))

    def _attribute(self, node: ast.Attribute) -> tuple[Fn, Type, str]:
        base = node.value
        if not isinstance(base, ast.Name) or base.id not in NAMESPACES:
            where = ast.unparse(base)
            hint = suggest(where, NAMESPACES) if isinstance(base, ast.Name) else None
            raise self.fail(
                node,
                f"'{where}.' is not a namespace; use one of {', '.join(NAMESPACES)}",
                hint,
            )
        ns, key = base.id, node.attr
        known = self.names.namespaces.get(ns, {})
        if key not in known:
            detail = {
                "flag": "no effect sets this flag",
                "cred": "no program or effect grants this credential",
                "held": "no role has this id",
                "done": "no program has this id",
                "goal": "no goal has this id",
            }[ns]
            hint = suggest(key, known)
            if hint is not None and f"{ns}.{hint}" in self.names.set_at:
                detail += f" ('{hint}' is set at {self.names.set_at[f'{ns}.{hint}']})"
            raise self.fail(node, f"unknown {ns} '{key}': {detail}", hint)
        label = known[key]
        member = key
        if ns == "flag":
            return (lambda c: member in c.flags), "bool", label
        if ns == "cred":
            return (lambda c: member in c.creds), "bool", label
        if ns == "held":
            return (lambda c: member in c.held), "bool", label
        if ns == "done":
            return (lambda c: member in c.done), "bool", label
        return (lambda c: member in c.goals), "bool", label

    def _boolop(self, node: ast.BoolOp, depth: int) -> tuple[Fn, Type, str]:
        fns: list[Fn] = []
        texts: list[str] = []
        grouped: list[str] = []  # the texts, any with and/or of its own in brackets
        for operand in node.values:
            fn, typ, text = self.compile(operand, depth + 1)
            if typ != "bool":
                raise self.fail(operand, f"'{ast.unparse(operand)}' is a {_noun(typ)}, not a test")
            fns.append(fn)
            texts.append(text)
            nested = (
                isinstance(operand, ast.BoolOp) and type(operand.op) is not type(node.op)
            ) or (isinstance(operand, ast.Compare) and len(operand.ops) > 1)
            grouped.append(f"({text})" if nested else text)
        if isinstance(node.op, ast.And):
            if depth == 0:
                # Lock reasons list these apart, so each stands without brackets.
                self.top_parts = tuple(zip(fns, texts, strict=True))
            return _chain(fns, conjunction=True), "bool", " and ".join(grouped)
        return _chain(fns, conjunction=False), "bool", " or ".join(grouped)

    def _unary(self, node: ast.UnaryOp, depth: int) -> tuple[Fn, Type, str]:
        fn, typ, text = self.compile(node.operand, depth + 1)
        if isinstance(node.op, ast.Not):
            if typ != "bool":
                raise self.fail(node, "'not' needs a test after it")
            grouped = f"({text})" if " and " in text or " or " in text else text
            return (lambda c: not fn(c)), "bool", f"not {grouped}"
        if isinstance(node.op, ast.USub | ast.UAdd):
            if typ != "num":
                raise self.fail(node, "a sign needs a number after it")
            if isinstance(node.op, ast.UAdd):
                return fn, "num", text
            return (lambda c: -fn(c)), "num", f"-{text}"  # type: ignore[operator]
        raise self.fail(node, f"'{ast.unparse(node)}' is not allowed in an expression")

    def _binop(self, node: ast.BinOp, depth: int) -> tuple[Fn, Type, str]:
        symbol = _ARITH.get(type(node.op))
        if symbol is None:
            if word := _BITWISE.get(type(node.op)):  # Python reads 'a & b' as arithmetic
                sign = "&" if word == "and" else "|"
                at = self.source.rfind(sign, 0, self.offset(node.right))
                raise ExprError(f"write '{word}' instead of '{sign}'", at)
            raise self.fail(node, "only + - * / are allowed in arithmetic")
        left, ltype, ltext = self.compile(node.left, depth + 1)
        right, rtype, rtext = self.compile(node.right, depth + 1)
        for typ, part in ((ltype, node.left), (rtype, node.right)):
            if typ != "num":
                raise self.fail(part, f"'{ast.unparse(part)}' is a {_noun(typ)}, not a number")
        text = f"{ltext} {symbol} {rtext}"
        if symbol == "+":
            return (lambda c: left(c) + right(c)), "num", text  # type: ignore[operator]
        if symbol == "-":
            return (lambda c: left(c) - right(c)), "num", text  # type: ignore[operator]
        if symbol == "*":
            # float(): a product of products overflows to inf, not to a 10**400 int that
            # later raises OverflowError when divided or rounded.
            return (lambda c: float(left(c)) * right(c)), "num", text  # type: ignore[operator]
        return (lambda c: _divide(left(c), right(c))), "num", text

    def _compare(self, node: ast.Compare, depth: int) -> tuple[Fn, Type, str]:
        operands = [node.left, *node.comparators]
        compiled = [self.compile(part, depth + 1) for part in operands]
        steps: list[Fn] = []
        texts: list[str] = []  # one phrase per subject
        subject_of: list[str] = []
        for i, op in enumerate(node.ops):
            entry = _COMPARE.get(type(op))
            if entry is None:
                raise self.fail(node, "only < <= > >= == != are allowed in comparisons")
            func, symbol, words = entry
            (lfn, ltype, ltext), (rfn, rtype, rtext) = compiled[i], compiled[i + 1]
            if ltype != rtype:
                raise self.fail(
                    operands[i + 1],
                    f"cannot compare a {_noun(ltype)} with a {_noun(rtype)}",
                )
            if ltype != "num" and symbol not in ("==", "!="):
                raise self.fail(operands[i], f"'{symbol}' compares numbers; use == or !=")
            if ltype == "num":
                ltext = self._amount_text(operands[i], ltext, operands[i + 1])
                rtext = self._amount_text(operands[i + 1], rtext, operands[i])
            if ltype == "str":
                self._check_word(operands[i], operands[i + 1])
                ltext, rtext = (
                    self._word_text(operands[i], ltext),
                    self._word_text(operands[i + 1], rtext),
                )
            steps.append(self._comparison(operands[i], func, operands[i + 1], lfn, rfn))
            said = _word_test(operands[i], operands[i + 1], symbol, rtext) or _word_test(
                operands[i + 1], operands[i], symbol, ltext
            )
            if said:
                texts.append(said)
                subject_of.append("")
                continue
            subject, other = operands[i], operands[i + 1]
            if _fixed(operands[i]) and not _fixed(operands[i + 1]):
                # The subject first, as people say it: "20 <= age" reads "age at least 20".
                ltext, rtext, words = rtext, ltext, _COMPARE[FLIPPED[type(op)]][2]
                subject, other = other, subject
            said = self._time_test(subject, other, words)
            if said:  # "at least 2 quarters in your current role"
                texts.append(said)
                subject_of.append("")
                continue
            if texts and subject_of[-1] == ltext:
                texts[-1] += f" and {words} {rtext}"  # "age at least 20 and below 30"
            else:
                texts.append(f"{ltext} {words} {rtext}")
                subject_of.append(ltext)
        return _chain(steps, conjunction=True), "bool", " and ".join(texts)

    def _comparison(
        self,
        left: ast.AST,
        func: Callable[[Value, Value], bool],
        right: ast.AST,
        lfn: Fn,
        rfn: Fn,
    ) -> Fn:
        """One comparison; `stat OP number`, the commonest shape, reads the stat directly."""
        if isinstance(right, ast.Constant) and isinstance(right.value, int | float | str):
            constant: Value = right.value
            if isinstance(left, ast.Name) and left.id in self.names.stats:
                i = self.names.stats[left.id]
                return lambda c: func(c.stats[i], constant)
            return lambda c: func(lfn(c), constant)
        return lambda c: func(lfn(c), rfn(c))

    def _amount_text(self, node: ast.AST, text: str, subject: ast.AST) -> str:
        """A number compared with a sum of money reads as money, and with a share as a
        percentage: ``savings >= 900`` is "Savings at least $900", ``invest_share >= 35``
        "share of turns invested in the future at least 35%"."""
        if not isinstance(subject, ast.Name):
            return text
        if subject.id not in self.names.money and subject.id != "invest_share":
            return text
        sign = 1
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
            sign = -1 if isinstance(node.op, ast.USub) else 1
            node = node.operand
        if not isinstance(node, ast.Constant) or not isinstance(node.value, int | float):
            return text
        if isinstance(node.value, bool) or not float(node.value).is_integer():
            return text  # a fraction is said as written: rounding it would move the line
        amount = round(sign * node.value)
        if subject.id == "invest_share":
            return f"{amount}%"
        return money(amount, self.names.currency)

    def _time_test(self, subject: ast.AST, other: ast.AST, words: str) -> str:
        """``tenure >= 2`` as people say it, in the scenario's unit: "at least 2 quarters in
        your current role"; ``turns_left >= 12``, "at least 12 quarters left"; "" for other
        tests."""
        if not (isinstance(subject, ast.Name) and subject.id in ("tenure", "turns_left")):
            return ""
        if not isinstance(other, ast.Constant) or type(other.value) is not int:
            return ""
        span = counted(other.value, self.names.turn_unit)
        words = {"above": "more than", "below": "fewer than", "is": "exactly"}.get(words, words)
        return f"{words} {span} {'in your current role' if subject.id == 'tenure' else 'left'}"

    def _word_text(self, node: ast.AST, text: str) -> str:
        """A role or program id in quotes reads better to players as its title."""
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for titles in self.names.words.values():
                if node.value in titles:
                    return titles[node.value]
        return text

    def _check_word(self, left: ast.AST, right: ast.AST) -> None:
        """In `role == "x"`, the word must be a known id of that kind."""
        for name_node, literal in ((left, right), (right, left)):
            if isinstance(name_node, ast.Name) and isinstance(literal, ast.Constant):
                known = self.names.words.get(name_node.id)
                value = str(literal.value)
                if known is not None and value != "" and value not in known:
                    raise self.fail(
                        literal,
                        f"'{value}' is not a known {name_node.id}",
                        suggest(str(value), known),
                    )


def _chain(fns: list[Fn], *, conjunction: bool) -> Fn:
    """``and``/``or`` over closures, without a generator per call for the usual one or two."""
    if len(fns) == 1:
        return fns[0]
    if len(fns) == 2:
        a, b = fns
        if conjunction:
            return lambda c: bool(a(c)) and bool(b(c))
        return lambda c: bool(a(c)) or bool(b(c))
    head, rest = fns[0], _chain(fns[1:], conjunction=conjunction)
    if conjunction:
        return lambda c: bool(head(c)) and bool(rest(c))
    return lambda c: bool(head(c)) or bool(rest(c))


def _builtin_number(name: str) -> Fn:
    if name == "roles_held":
        return lambda c: len(c.held)
    if name == "programs_done":
        return lambda c: len(c.done)
    if name == "goals_met":
        return lambda c: len(c.goals)
    if name == "invest_share":
        return lambda c: (100 * c.invest_turns) // max(1, c.acted)
    return lambda c: int(getattr(c, name))


def _fixed(node: ast.AST) -> bool:
    """Whether ``node`` names nothing (``500``, ``-500``, ``2 * 10``): the side of a comparison
    that players read second."""
    return not any(isinstance(n, ast.Name | ast.Attribute) for n in ast.walk(node))


def _word_test(name: ast.AST, literal: ast.AST, symbol: str, title: str) -> str:
    """``role == "lead"`` as players read it, "the role of Team lead"; "" for other tests."""
    if not (isinstance(name, ast.Name) and isinstance(literal, ast.Constant)):
        return ""
    words = _WORD_TESTS.get(name.id)
    if words is None or symbol not in ("==", "!="):
        return ""
    is_, is_not, none, some = words
    if literal.value == "":
        return none if symbol == "==" else some
    return f"{is_ if symbol == '==' else is_not} {title}"


def _noun(typ: Type) -> str:
    return {"num": "number", "bool": "test", "str": "word"}[typ]


#: Habits from other languages that Python's parser only calls "invalid syntax": the
#: pattern, then what to write instead. Tried in order on the text outside quotes.
_FOREIGN_SYNTAX: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"==="), "write '==' to compare; '===' is from another language"),
    (re.compile(r"&&"), "write 'and' instead of '&&'"),
    (re.compile(r"\|\|"), "write 'or' instead of '||'"),
    (re.compile(r"&"), "write 'and' instead of '&'"),
    (re.compile(r"\|"), "write 'or' instead of '|'"),
    (re.compile(r"≥"), "write '>=' instead of '≥'"),
    (re.compile(r"≤"), "write '<=' instead of '≤'"),
    (re.compile(r"≠"), "write '!=' instead of '≠'"),
    (re.compile(r"[‘’“”]"), "quote words with straight quotes ('lead'), not curly ones"),
    (re.compile(r"=>"), "write '>=' instead of '=>'"),
    (re.compile(r"=<"), "write '<=' instead of '=<'"),
    (re.compile(r"<>"), "write '!=' instead of '<>'"),
    (re.compile(r"!(?!=)"), "write 'not' instead of '!'"),
    (re.compile(r"(?<![=<>!])=(?!=)"), "write '==' to compare; a single '=' is not a test"),
    (re.compile(r"\b(AND|OR|NOT)\b"), "write 'and', 'or' and 'not' in lower case"),
    (re.compile(r"\b\d+(?:\.\d+)?[kKmM]\b"), "write numbers in full: 4000, not 4k"),
    (re.compile(r"\d%|%(?![+-])"), "write a share as a plain number (40, not 40%)"),
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
#: ``1,000``: Python reads it as two numbers in a tuple, and only says a tuple is not
#: allowed, so the habit is caught before parsing.
_GROUPED_NUMBER = re.compile(r"\d,\d{3}(?!\d)")


#: One token of an expression: a name (dotted), a number, a quoted word, or a symbol.
_TOKEN = re.compile(r"[A-Za-z_][\w.]*|\d[\d.]*|'[^']*'?|\"[^\"]*\"?|[<>=!]=|\S")
#: Tokens after which a value must come.
_OPERATORS = frozenset(
    ["and", "or", "not", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "("]
)


def _unexpected(text: str, offset: int) -> str:
    """Python's bare "invalid syntax" at ``offset``, said in the author's terms: what was
    found there, and what was expected instead."""
    found = _TOKEN.match(text, offset)
    token = found[0] if found else text[offset : offset + 1]
    before = _TOKEN.findall(text[:offset])
    previous = before[-1] if before else ""
    is_value = token[:1].isalnum() or token[:1] in ("_", "'", '"')
    if token == ";":
        return "';' does not join tests: write 'and' or 'or' between them"
    if not is_value and token not in _OPERATORS and token != ")":
        return f"'{token}' has no meaning in an expression"
    if previous in _OPERATORS:
        return f"expected a value after '{previous}', found '{token}'"
    if is_value and previous and previous not in _OPERATORS:
        return f"'{previous}' and '{token}' need an operator between them, such as 'and' or '>='"
    return f"'{token}' is not expected here"


def _foreign_syntax(text: str) -> tuple[str, int] | None:
    """What to write instead, and where, when ``text`` fails on a habit of another language."""
    unquoted = _QUOTED.sub(lambda m: " " * len(m[0]), text)
    for pattern, advice in _FOREIGN_SYNTAX:
        if match := pattern.search(unquoted):
            return advice, match.start()
    return None


def compile_expression(source: str, names: Names, expect: Type) -> Compiled:
    """Compile author text to a checked closure of the expected type, or raise ExprError."""
    if len(source) > MAX_LENGTH:
        raise ExprError(f"expression is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    if not source.strip():
        raise ExprError("expression is empty")
    stripped = source.lstrip().replace("\r", " ").replace("\n", " ")
    lead = len(source) - len(stripped)
    unquoted = _QUOTED.sub(lambda m: " " * len(m[0]), stripped)
    if grouped := _GROUPED_NUMBER.search(unquoted):
        message = "cannot read the expression: write numbers without commas (1000, not 1,000)"
        raise ExprError(message, lead + grouped.start())
    try:
        tree = ast.parse(stripped, mode="eval")
    except SyntaxError as exc:
        if habit := _foreign_syntax(stripped):
            raise ExprError(f"cannot read the expression: {habit[0]}", lead + habit[1]) from None
        if not exc.offset:
            # Python reports input that stops mid-expression at offset 0: point at the end.
            message = "it ends before it is complete"
            raise ExprError(f"cannot read the expression: {message}", len(source)) from None
        column = exc.offset - 1
        line_starts = [0] + [i + 1 for i, ch in enumerate(stripped) if ch == "\n"]
        line = min(max(exc.lineno or 1, 1), len(line_starts))
        offset = lead + min(line_starts[line - 1] + column, len(stripped))
        message = exc.msg
        if message.startswith("invalid syntax"):  # also "invalid syntax. Perhaps you forgot…"
            message = _unexpected(stripped, offset - lead)
        raise ExprError(f"cannot read the expression: {message}", offset) from None
    compiler = _Compiler(stripped, names)
    try:
        fn, typ, text = compiler.compile(tree.body)
    except ExprError as exc:
        seen = {(exc.offset, exc.message)}
        others = [e for e in compiler.unknown_names(tree.body) if (e.offset, e.message) not in seen]
        exc.more = tuple(sorted(others, key=lambda e: e.offset))
        for each in exc.all():
            each.offset += lead
        raise
    if typ != expect:
        raise ExprError(f"expected a {_noun(expect)} here, but this is a {_noun(typ)}", lead)
    parts = compiler.top_parts or ((fn, text),)
    return Compiled(source, fn, typ, text, parts, tuple(compiler.stat_refs))
