"""Compiled scenarios kept on disk, so that playing a file already checked skips pydantic.

Checking a scenario takes pydantic and its models: about a third of a second to import and
build, and a fifth of the game's memory. Playing needs only the compiled form. So once a
file loads cleanly, its compiled form is written here as JSON, each expression as its text
(compiled again on reading, with the scenario's names, as the compiler did); the next load
of the same bytes reads that instead, and so does ``careerquest check``, which would find no
problem in a file that had none.

An entry's name is a digest of the file's bytes, CareerQuest's version, the source of this
package and the installed pydantic and tomli (which decide what passes the check), so an
edited scenario or a changed checker never meets a stale entry. The cache is only ever a
shortcut: an entry that cannot be found, read or written is ignored, and the file is
checked as if there were none. ``CAREERQUEST_CACHE_DIR`` moves the cache; set to an
empty string, it turns it off.
"""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.util
import json
import os
import tempfile
import time
from functools import cache
from pathlib import Path
from typing import Any

from careerquest import __version__
from careerquest.scenario import runtime
from careerquest.scenario.expr import Compiled, Names, Type, compile_expression

CACHE_DIR_ENV = "CAREERQUEST_CACHE_DIR"
#: Entries kept at most; the oldest go first (every saved edit of a scenario makes one).
MAX_ENTRIES = 64
#: Bumped when the layout of an entry changes.
FORMAT = 1

#: Every dataclass an entry may hold, by name.
_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (*vars(runtime).values(), Names)
    if isinstance(cls, type) and dataclasses.is_dataclass(cls)
}


def cache_dir() -> Path | None:
    """Where entries live: ``$CAREERQUEST_CACHE_DIR``, else the user's cache folder."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "careerquest" / "scenarios"


def recall(data: bytes, path: str) -> runtime.Scenario | None:
    """The compiled scenario of this file's bytes, if an entry has it; ``path`` is where the
    file is now, which may differ from where it was first loaded."""
    try:
        entry = _entry_path(data)
        if entry is None:
            return None
        stored = json.loads(entry.read_bytes())
        names = _Decoder(None).decode(stored["names"])
        if not isinstance(names, Names):
            return None
        scenario = _Decoder(names).decode(stored)
        if not isinstance(scenario, runtime.Scenario):
            return None
        return dataclasses.replace(scenario, path=path, names=names)
    except Exception:
        return None


def remember(data: bytes, scenario: runtime.Scenario) -> None:
    """Keep the compiled form of a file that has just loaded cleanly."""
    temporary: str | None = None
    try:
        entry = _entry_path(data)
        if entry is None:
            return
        document = json.dumps(_encode(scenario), separators=(",", ":"))
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(document)
        os.replace(temporary, entry)
        temporary = None
        _prune(entry.parent)
    except Exception:
        return
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def _entry_path(data: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(_code_fingerprint().encode() + b"\0" + data).hexdigest()[:40]
    return folder / f"{key}.json"


@cache
def _code_fingerprint() -> str:
    """CareerQuest's version, the entry format, the scenario package's own source, and the
    files (names and sizes) of the installed pydantic, pydantic-core and tomli."""
    digest = hashlib.sha256(f"{__version__}/{FORMAT}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode() + module.read_bytes())
    for package in ("pydantic", "pydantic_core", "tomli"):
        spec = importlib.util.find_spec(package)  # found, not imported
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for file in sorted(Path(folder).iterdir()):
                if file.is_file():
                    digest.update(f"{package}/{file.name}:{file.stat().st_size}".encode())
    return digest.hexdigest()


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
    # Left by a process that stopped between writing and renaming, more than a day ago.
    for stray in folder.glob("*.tmp"):
        if time.time() - stray.stat().st_mtime > 86_400:
            stray.unlink(missing_ok=True)


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
