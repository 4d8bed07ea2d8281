"""Compiled scenarios kept on disk, so that playing a file already checked skips pydantic.

Checking a scenario takes pydantic and its models: about a third of a second to import and
build, and a fifth of the game's memory. Playing needs only the compiled form. So once a
file loads cleanly, its compiled form is kept (:mod:`careerquest.diskcache`) as JSON, each
expression as its text (compiled again on reading, with the scenario's names, as the
compiler did); the next load of the same bytes reads that instead. The entry's code is this
package's source and the installed pydantic and tomli, which decide what passes the check.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from careerquest import diskcache
from careerquest.scenario import runtime
from careerquest.scenario.expr import Compiled, Names, Type, compile_expression

#: Bumped when the layout of an entry changes.
FORMAT = 1

#: Every dataclass an entry may hold, by name.
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (*vars(runtime).values(), Names)
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}


def recall(data: bytes, path: str) -> runtime.Scenario | None:
    """The compiled scenario of this file's bytes, if an entry has it; ``path`` is where the
    file is now, which may differ from where it was first loaded."""
    entry = _entry_path(data)
    stored = None if entry is None else diskcache.read(entry)
    if not isinstance(stored, dict):
        return None
    try:
        names = _Decoder(None).decode(stored["names"])
        if not isinstance(names, Names):
            return None
        scenario = _Decoder(names).decode(stored)
    except Exception:  # an entry damaged in any way is no entry
        return None
    if not isinstance(scenario, runtime.Scenario):
        return None
    return dataclasses.replace(scenario, path=path, names=names)


def remember(data: bytes, scenario: runtime.Scenario) -> None:
    """Keep the compiled form of a file that has just loaded cleanly."""
    entry = _entry_path(data)
    if entry is not None:
        diskcache.write(entry, _encode(scenario))


def _entry_path(data: bytes) -> Path | None:
    return diskcache.entry_path(data, diskcache.fingerprint(f"scenario/{FORMAT}", ("scenario",)))


def _encode(value: Any) -> Any:
    """Plain JSON: dataclasses tagged with their class, expressions as their text."""
    if isinstance(value, Compiled):
        return {"$": "expr", "source": value.source, "type": value.type}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": type(value).__name__, **fields}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {"$": "dict", "items": {key: _encode(item) for key, item in value.items()}}
    return value


class _Decoder:
    """The inverse of :func:`_encode`; arrays come back as tuples, as the runtime form has
    them, and each expression text is compiled once, as the compiler does."""

    def __init__(self, names: Names | None) -> None:
        self.names = names
        self._compiled: dict[tuple[str, Type], Compiled] = {}

    def decode(self, value: Any) -> Any:
        if isinstance(value, list):
            return tuple(self.decode(item) for item in value)
        if not isinstance(value, dict):
            return value
        tag = value["$"]
        if tag == "dict":
            return {key: self.decode(item) for key, item in value["items"].items()}
        if tag == "expr":
            return self._expression(value["source"], value["type"])
        fields = {key: self.decode(item) for key, item in value.items() if key != "$"}
        return _CLASSES[tag](**fields)

    def _expression(self, source: str, expect: Type) -> Compiled:
        compiled = self._compiled.get((source, expect))
        if compiled is None:
            if self.names is None:
                raise ValueError("an expression outside a scenario")
            compiled = compile_expression(source, self.names, expect)
            self._compiled[source, expect] = compiled
        return compiled
