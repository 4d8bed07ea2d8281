"""Check scenario text, reporting every problem in it at once, each located.

Three passes, each collecting rather than stopping: TOML syntax (``tomli``), shape (the
pydantic models), meaning (:mod:`careerquest.scenario.compiler`). Key paths from the last two
are mapped to ``line:column`` with :class:`~careerquest.scenario.locate.SourceMap`. A bad
scenario raises nothing here: its problems come back as diagnostics, whose text is for
people. This is the only module of the scenario layer that needs pydantic.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import types
import typing
from typing import Any

import tomli
from pydantic import BaseModel, ValidationError

from careerquest.scenario.compiler import compile_scenario
from careerquest.scenario.diagnostics import (
    Diagnostic,
    Issue,
    KeyPath,
    format_key_path,
)
from careerquest.scenario.expr import RESERVED, suggest
from careerquest.scenario.locate import SourceMap
from careerquest.scenario.models import ScenarioFile, as_id
from careerquest.scenario.runtime import Scenario
from careerquest.scenario.salvage import salvage


def check_source(source: str, name: str = "<scenario>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Check scenario text; ``name`` is the file name used in diagnostics."""
    try:
        raw = tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        return None, [_syntax_diagnostic(source, name, exc)]
    except RecursionError:
        message = "TOML syntax: arrays or inline tables are nested too deeply"
        return None, [Diagnostic(name, 1, 1, "", message, "toml-syntax")]
    if _is_a_save(raw):
        message = (
            "this is a saved game, not a scenario: open it with Load on the title screen "
            "('careerquest', then l)"
        )
        return None, [Diagnostic(name, 1, 1, "", message, "not-a-scenario")]
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    try:
        file = ScenarioFile.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        issues = _misspelled_once([_shape_issue(error, raw) for error in errors], raw)
        issues.extend(_meaning_of_the_rest(raw, errors, digest, name))
        return None, _locate(issues, source, name)
    scenario, issues = compile_scenario(file, digest, name)
    return scenario, _locate(issues, source, name)


def _misspelled_once(issues: list[Issue], raw: dict[str, Any]) -> list[Issue]:
    """A misspelled key (``lable``, ``[econmy]``, ``[[event]]``) is one mistake: its unknown
    key, with "did you mean 'label'?", says it all.

    The 'missing required key' beside it counted it twice, and pointed elsewhere (at the
    table's header, or at line 1). So did the error at the meant key that only its
    sub-tables made: after ``[[event]]``, the ``[[events.choices]]`` under it make
    ``events`` a table of arrays where an array was expected.
    """
    meant = {(*i.path[:-1], i.suggestion) for i in issues if i.code == "unknown-key"}

    def echo(issue: Issue) -> bool:
        if issue.path not in meant or issue.code == "unknown-key":
            return False
        if issue.code == "missing-key":
            return True
        value = _value_at(raw, issue.path)
        return isinstance(value, dict) and all(isinstance(v, list) for v in value.values())

    return [i for i in issues if not echo(i)]


def _value_at(raw: dict[str, Any], path: KeyPath) -> object:
    value: Any = raw
    for part in path:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def _is_a_save(raw: dict[str, Any]) -> bool:
    """A CareerQuest save (see :mod:`careerquest.saves.format`), named where a scenario was
    expected: a dozen missing and unknown keys would only hide that."""
    written_by = raw.get("written_by")
    return isinstance(written_by, str) and written_by.startswith("careerquest") and "game" in raw


def _meaning_of_the_rest(raw: dict[str, Any], errors: Any, digest: str, name: str) -> list[Issue]:
    """Meaning errors in the items whose shape is sound (see :mod:`.salvage`)."""
    pruned = salvage(raw, (tuple(e["loc"]) for e in errors))
    if pruned is None:
        return []
    try:
        file = ScenarioFile.model_validate(pruned.data)
    except ValidationError:
        return []
    _, issues = compile_scenario(file, digest, name)
    return pruned.restore(issues)


def _syntax_diagnostic(source: str, name: str, exc: tomli.TOMLDecodeError) -> Diagnostic:
    line, column, message = exc.lineno, exc.colno, exc.msg
    text = source.splitlines()[line - 1] if 0 < line <= len(source.splitlines()) else ""
    slip = None
    if message == "Cannot overwrite a value" or _DECLARED_TWICE.match(message):
        slip = _bracket_slip(source)
    if slip is not None:
        # tomli stops at a later header, which is right; the slip is elsewhere.
        offset, message = slip
        line, column = _line_and_column(source, offset)
    elif (namespace := _VALUE_AND_TABLES.match(message)) is not None:
        # 'choices = []' in an event, then [[events.choices]] below it.
        names = _key_names(namespace[1])
        field = names[-1]
        above = source.splitlines()[: max(line - 1, 0)]
        found = [i for i, t in enumerate(above) if re.match(rf"\s*{re.escape(field)}\s*=", t)]
        if found:
            line, column = found[-1] + 1, above[found[-1]].index(field) + 1
        message = (
            f"'{field}' is given a value here and also has [[{'.'.join(names)}]] headers: "
            "keep the headers, one for each entry, and remove this line"
        )
    elif message == "Cannot overwrite a value" and (key := _KEY_AT_START.match(text)):
        # tomli's words name neither the key nor the fix.
        column = key.start(1) + 1
        message = f"'{key[1]}' is given twice in this table; keep one"
    elif message == _AFTER_A_STATEMENT and _ENDED_EARLY.match(text):
        # 'requires = "role == "lead" and ..."': the string ended at the second quote.
        message = (
            'this string ends at its second ": to quote a word inside it, use single '
            "quotes (when = \"role == 'lead'\")"
        )
    elif (inline := _DUPLICATE_INLINE.match(message)) is not None:
        # tomli points past the second value; the second key is what to delete.
        pattern = rf"[{{,]\s*({re.escape(inline[1])})\s*="
        keys = [m.start(1) for m in re.finditer(pattern, text) if m.start(1) < column - 1]
        column = keys[-1] + 1 if len(keys) > 1 else column
        message = f"'{inline[1]}' is given twice in this inline table; keep one"
    elif message in _UNCLOSED:
        close, what, entries = _UNCLOSED[message]
        if text[: column - 1].strip():  # stopped mid-line: the comma between was left out
            message = f"write a ',' between the {entries} of this {what}, or end it with {close}"
        elif (opened := _opening(source.splitlines()[: line - 1], close)) is not None:
            # tomli ran on to the next line; the bracket that is never closed is above.
            line, column = opened
            message = f"this {what} is never closed: end it with {close}"
            if close == "}":
                message += " on the same line (an inline table stays on one line)"
    elif message == "Invalid value" and (key := _KEY_AT_START.match(text)):
        message = (
            f"the value of '{key[1]}' is not a TOML value: quote text (\"like this\"), and "
            "write numbers and true/false as they are"
        )
    elif declared := _DECLARED_TWICE.match(message):
        table = ".".join(_key_names(declared[1]))
        message = f"the table [{table}] is declared twice; put its keys under one header"
    elif message in _STRING_ENDS and (unclosed := _unclosed_string(source)):
        # tomli stops where the string ran out (the line's end, or the file's for a literal
        # or multi-line string), which can be hundreds of lines below the missing quote.
        offset, quote = unclosed
        line, column = _line_and_column(source, offset)
        if len(quote) == 3:
            message = f"this multi-line string is never closed: end it with {quote}"
        else:
            other = '"""' if quote == '"' else "'''"
            message = (
                f"this string is not closed on its line: end it with {quote} "
                f"(text over several lines goes between {other} and {other})"
            )
    return Diagnostic(name, line, column, "", f"TOML syntax: {message}", "toml-syntax")


def _line_and_column(source: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of ``offset`` in ``source``."""
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _key_names(keys: str) -> list[str]:
    """tomli's key tuple as it writes it in a message, ``'events', 'choices'``, as names."""
    return [part.strip("'\"") for part in keys.split(", ") if part]


#: tomli's words for text left over after a value, and the line that most often causes it:
#: a double-quoted string with a double-quoted word inside, then more text and a quote.
_AFTER_A_STATEMENT = "Expected newline or end of document after a statement"
_ENDED_EARLY = re.compile(r'^\s*[\w."\'-]+\s*=\s*"[^"\\]*"\s*[^\s#,}\]][^#]*"')
_DUPLICATE_INLINE = re.compile(r"Duplicate inline table key '([^']*)'")

#: tomli's words for an inline table or array that its line does not close: the closing
#: bracket, what it closes, and what a comma separates in it.
_UNCLOSED = {
    "Unclosed inline table": ("}", "inline table", "keys"),
    "Unclosed array": ("]", "array", "items"),
}


def _opening(lines: list[str], close: str) -> tuple[int, int] | None:
    """The line and column (1-based) of the last bracket in ``lines`` that its line leaves
    open (quoted text aside), looking upward."""
    opener = "{" if close == "}" else "["
    for index in range(len(lines) - 1, -1, -1):
        bare = _QUOTED_TEXT.sub(lambda m: " " * len(m[0]), lines[index].split("#")[0])
        depth = 0
        for column in range(len(bare) - 1, -1, -1):
            if bare[column] == close:
                depth += 1
            elif bare[column] == opener:
                if depth == 0:
                    return index + 1, column + 1
                depth -= 1
    return None


_QUOTED_TEXT = re.compile(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'')

#: tomli's words for a string that runs into the end of its line or of the file.
_STRING_ENDS = frozenset(
    {"Illegal character '\\n'", "Unterminated string", 'Expected "\'"', "Expected \"'''\""}
)


def _unclosed_string(source: str) -> tuple[int, str] | None:
    """The offset and quote of the first string in ``source`` that is never closed.

    A light scan of TOML's four kinds of string (and comments, which may hold quotes): a
    one-line string must close before its line ends, a multi-line one before the file does.
    """
    i, end = 0, len(source)
    while i < end:
        char = source[i]
        if char == "#":
            newline = source.find("\n", i)
            i = end if newline < 0 else newline + 1
        elif char not in "\"'":
            i += 1
        elif source.startswith(char * 3, i):
            closing = _close(source, i + 3, char * 3, escapes=char == '"')
            if closing < 0:
                return i, char * 3
            i = closing + 3
            while i < end and source[i] == char:  # up to two quotes may end the text itself
                i += 1
        else:
            closing = _close(source, i + 1, char, escapes=char == '"')
            if closing < 0 or "\n" in source[i:closing]:
                return i, char
            i = closing + 1
    return None


def _close(source: str, start: int, quote: str, *, escapes: bool) -> int:
    """Where ``quote`` next closes a string whose text begins at ``start``; -1 if never."""
    i = start
    while True:
        found = source.find(quote, i)
        if found < 0 or not escapes:
            return found
        backslashes = len(source[i:found]) - len(source[i:found].rstrip("\\"))
        if backslashes % 2 == 0:
            return found
        i = found + 1


_KEY_AT_START = re.compile(r"^\s*([A-Za-z0-9_\-.\"']+?)\s*=")
_VALUE_AND_TABLES = re.compile(r"^Cannot mutate immutable namespace \((.*?),?\)$")
#: A table header: ``[name]`` or ``[[name]]``, a comment allowed after it.
_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([^\[\]#\n]+?)[ \t]*\]\]?[ \t]*(?:#.*)?$", re.M)


def _bracket_slip(source: str) -> tuple[int, str] | None:
    """Where a header lost a bracket pair, and the fix: ``[events.choices]`` among
    ``[[events.choices]]`` headers, or an entry's table before the first entry
    (``[[events.choices]]`` above every ``[[events]]``). tomli stops at a later header,
    with words ('Cannot overwrite a value', 'declared twice') that point away from it."""
    single: dict[str, int] = {}
    double: dict[str, int] = {}
    for header in _HEADER.finditer(source):
        name = re.sub(r"\s*\.\s*", ".", header[2])
        (double if header[1] == "[[" else single).setdefault(name, header.start(1))
    for name, offset in single.items():
        if name in double:
            return offset, (
                f"[{name}] among [[{name}]] headers: each entry of '{name}' starts with "
                f"[[{name}]] (double brackets)"
            )
    for name, offset in double.items():
        parent = name.rpartition(".")[0]
        if parent in double and offset < double[parent]:
            return offset, (
                f"[[{name}]] comes before the first [[{parent}]]: each entry of '{parent}' "
                f"starts with [[{parent}]], and its own tables follow it"
            )
    return None


_DECLARED_TWICE = re.compile(r"^Cannot declare \((.*?),?\) twice$")


def _locate(issues: list[Issue], source: str, name: str) -> list[Diagnostic]:
    """Positions for issues; the source is parsed for positions only when there are some."""
    if not issues:
        return []
    source_map = SourceMap.parse(source)
    diagnostics = []
    for issue in issues:
        position = None
        if issue.offset is not None:
            position = source_map.inside_string(issue.path, issue.offset)
        if position is None:
            position = source_map.key(issue.path) or source_map.nearest(issue.path)[1]
        diagnostics.append(
            Diagnostic(
                file=name,
                line=position.line,
                column=position.column,
                key_path=format_key_path(issue.path),
                message=issue.message,
                code=issue.code,
                severity=issue.severity,
                suggestion=issue.suggestion,
            )
        )
    diagnostics.sort(key=lambda d: (d.line, d.column))
    return diagnostics


# ---------------------------------------------------------------- shape errors


def _shape_issue(error: Any, raw: dict[str, Any]) -> Issue:
    """Turn one pydantic error into an author-facing issue with a key path and a hint."""
    loc: KeyPath = tuple(part for part in error["loc"] if part != "[key]")
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "extra_forbidden":
        key = str(loc[-1])
        known = _fields_at(loc[:-1])
        message = f"unknown key '{key}'"
        if len(loc) > 1 and key in _fields_at(()):
            # In TOML, a key belongs to the last [table] above it.
            message += (
                f" here; '{key}' is a top-level key, so write it above the first [table] header"
            )
            return Issue(loc, message, "unknown-key")
        if len(loc) > 2 and key not in known and key in _fields_at(loc[:-2]):
            # The same trap one level down: a key written after a sub-table's header.
            table, sub = _header(loc[:-2]), _header(loc[:-1])
            message += f" in {sub}; '{key}' is a key of {table}, so write it above the {sub} header"
            return Issue(loc, message, "unknown-key")
        return Issue(loc, message, "unknown-key", suggestion=suggest(key, known))
    if kind == "missing":
        return Issue(loc, f"missing required key '{loc[-1]}'", "missing-key")
    if kind == "stat_bounds":
        return Issue((*loc, ctx["key"]), message, "value")
    if kind == "value_error":
        return Issue(loc, message, "id" if "[key]" in error["loc"] else "value")
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return Issue(loc, f"'{value}' is longer than {limit} characters", "value")
    if "[key]" in error["loc"] or kind == "string_pattern_mismatch":
        what = "hyphens" if loc == ("scenario", "id") else "_"
        name = str(loc[-1] if "[key]" in error["loc"] else value)
        return Issue(
            loc,
            f"'{name}' is not a valid id: use lower-case letters, digits and {what}",
            "id",
            suggestion=_meant_id(loc, name),
        )
    if kind == "literal_error":
        options = re.findall(r"'([^']*)'", ctx.get("expected", ""))
        return Issue(
            loc,
            f"{_toml(value)} is not one of: {', '.join(options)}",
            "choice",
            suggestion=suggest(str(value), options),
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return Issue(loc, f"'{loc[-1]}' should be a table, not {_toml(value)}", "type")
    if kind in ("too_short", "too_long"):
        low, high = _length_bounds(loc)
        count = len(value) if isinstance(value, list | dict) else 0
        return Issue(loc, f"'{loc[-1]}' needs {low} to {high} entries; this has {count}", "value")
    if loc == ("scenario", "format") and kind == "less_than_equal":
        return Issue(
            loc,
            f"this file uses format {value}; this CareerQuest reads format {ctx.get('le')} "
            "and older: update CareerQuest",
            "format",
        )
    if kind == "list_type" and isinstance(value, dict) and _fields_at((*loc, 0)):
        # One [events] table where each entry needed its own [[events]] header.
        entry = _header((*loc, 0))
        return Issue(
            loc,
            f"{_header(loc)} is one table: each entry of '{loc[-1]}' starts with {entry} "
            "(double brackets)",
            "type",
        )
    words = _PLAIN.get(kind)
    if words is not None:
        message = words.format(**ctx)
    return Issue(loc, f"{_toml(value)}: {message[0].lower()}{message[1:]}", "value")


#: Pydantic's messages for the commonest mistakes, in the words of a TOML author.
_PLAIN = {
    "int_type": "should be a whole number, such as 3",
    "int_from_float": "should be a whole number, such as 3",
    "float_type": "should be a number, such as 0.5",
    "string_type": "should be text in quotes",
    "bool_type": "should be true or false",
    "list_type": 'should be an array, such as ["a", "b"]',
    "greater_than_equal": "should be at least {ge}",
    "greater_than": "should be above {gt}",
    "less_than_equal": "should be at most {le}",
    "less_than": "should be below {lt}",
    "string_too_short": "should not be empty",
    "finite_number": "should be a finite number",
}


def _length_bounds(loc: KeyPath) -> tuple[int, str]:
    """The declared min/max length of the list or table at ``loc``, for a plain message."""
    annotation: Any = ScenarioFile
    for part in loc:
        annotation = _step(annotation, part)
    low, high = 0, "any number of"
    for meta in typing.get_args(annotation)[1:]:
        low = getattr(meta, "min_length", None) or low
        high = str(getattr(meta, "max_length", None) or high)
    return low, high


def _toml(value: object) -> str:
    """A value as the author wrote it in TOML, not as Python prints it."""
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _header(path: KeyPath) -> str:
    """The TOML header of the table at ``path``: ``[roles.clerk.pay]``, ``[[events.choices]]``."""
    names = ".".join(str(part) for part in path if not isinstance(part, int))
    return f"[[{names}]]" if isinstance(path[-1], int) else f"[{names}]"


def _fields_at(path: KeyPath) -> list[str]:
    """The keys a table at ``path`` accepts, for "did you mean" on an unknown key."""
    annotation: Any = ScenarioFile
    for part in path:
        annotation = _step(annotation, part)
        if annotation is None:
            return []
    model = _model_of(annotation)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _step(annotation: Any, part: str | int) -> Any:
    model = _model_of(annotation)
    if model is not None:
        for name, field in model.model_fields.items():
            if part in (name, field.alias):
                return field.annotation
        return None
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _step(args[0], part)
    if origin is dict:
        return args[1]
    if origin is list:
        return args[0]
    return None


def _model_of(annotation: Any) -> type[BaseModel] | None:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_of(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _model_of(arg)
            if found is not None:
                return found
        return None
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return None


def _meant_id(loc: KeyPath, name: str) -> str | None:
    """The valid id an invalid one most likely meant, if that id may be used there."""
    if loc == ("scenario", "id"):
        return as_id(name, "-")
    meant = as_id(name)
    return None if loc[0] == "stats" and meant in RESERVED else meant
