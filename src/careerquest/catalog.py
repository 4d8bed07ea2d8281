"""Where scenarios are found: the bundled ones and those in ``./scenarios``.

A scenario is named on the command line either by its id (``help-desk``) or by a path.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli

if TYPE_CHECKING:
    from careerquest.scenario.diagnostics import Diagnostic

_PACKAGE = Path(__file__).resolve().parent
DEFAULT_SCENARIO = "help-desk"


def bundled_dir() -> Path:
    """The bundled scenarios: inside the installed wheel, or at the top of a source checkout."""
    installed = _PACKAGE / "_bundled" / "scenarios"
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / "scenarios"


def schema_path() -> Path:
    installed = _PACKAGE / "_bundled" / "schema" / "scenario.schema.json"
    if installed.is_file():
        return installed
    return _PACKAGE.parent.parent / "schema" / "scenario.schema.json"


@dataclass(frozen=True, slots=True)
class Entry:
    """What a scenario picker or ``careerquest list`` shows, read without compiling the file."""

    id: str
    title: str
    turns: int
    turn_unit: str
    summary: str
    estimated_minutes: int
    audience: str
    path: Path
    bundled: bool


class CatalogError(Exception):
    """A scenario name that matches no file."""


#: The ``[scenario]`` header, and any table header after it.
_SCENARIO_TABLE = re.compile(r"^[ \t]*\[[ \t]*scenario[ \t]*\][ \t]*(#.*)?$", re.MULTILINE)
_NEXT_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _info(text: str) -> Any:
    """The ``[scenario]`` table, parsed alone when it can be: the picker and the title screen
    list every scenario, and a whole file costs many times more to parse than its header.

    The slice runs from the header to the next table header. It is used only when the text
    before the header parses on its own (so the header is not inside a multi-line string)
    and the slice does too (so it was not cut inside one); otherwise the whole file is read.
    """
    start = _SCENARIO_TABLE.search(text)
    following = _NEXT_TABLE.search(text, start.end()) if start else None
    if start is not None and following is not None:
        try:
            if "scenario" not in tomli.loads(text[: start.start()]):
                return tomli.loads(text[start.start() : following.start()])["scenario"]
        except tomli.TOMLDecodeError:
            pass
    return tomli.loads(text).get("scenario", {})


def _entry(path: Path, bundled: bool) -> Entry | None:
    try:
        info = _info(path.read_text(encoding="utf-8"))
        return Entry(
            id=str(info["id"]),
            title=str(info["title"]),
            turns=int(info["turns"]),
            turn_unit=str(info.get("turn_unit", "")),
            summary=str(info.get("summary", "")),
            estimated_minutes=int(info.get("estimated_minutes", 20)),
            audience=str(info.get("audience", "")),
            path=path,
            bundled=bundled,
        )
    except (
        OSError,
        UnicodeDecodeError,
        tomli.TOMLDecodeError,
        KeyError,
        TypeError,
        ValueError,
        OverflowError,  # `turns = inf`: int() of an infinite float
    ):
        return None


def scenarios(local_dir: Path | None = None) -> list[Entry]:
    """Bundled scenarios first, then those in ``./scenarios``. A file whose ``[scenario]``
    table cannot be read is skipped (``careerquest check`` explains it); one with problems
    further down is listed, and loading it shows them."""
    local = (local_dir or Path.cwd() / "scenarios").resolve()
    found: list[Entry] = []
    seen: set[Path] = set()
    for folder, bundled in ((bundled_dir().resolve(), True), (local, False)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            if path in seen or not path.is_file():  # a folder, or a pipe that would block
                continue
            seen.add(path)
            entry = _entry(path, bundled)
            if entry is not None:
                found.append(entry)
    return found


def resolve(ref: str, local_dir: Path | None = None) -> Path:
    """A scenario id or a path to a ``.toml`` file → the file's path.

    A bare name (no ``.toml``, no folder) is an id first: a folder or file that happens to
    share a scenario's name in the current directory must not hide the scenario.
    """
    candidate = Path(ref)
    if candidate.suffix == ".toml" or candidate.name != ref:
        if not candidate.is_file():
            raise CatalogError(f"no scenario file at {ref}")
        return candidate
    for entry in scenarios(local_dir):
        if entry.id == ref:
            return entry.path
    if candidate.is_file():
        return candidate
    known = ", ".join(sorted({e.id for e in scenarios(local_dir)})) or "none"
    raise CatalogError(f"no scenario named '{ref}' (known: {known})")


def collect(refs: Iterable[str | Path]) -> tuple[list[Path], list[Diagnostic]]:
    """Files named on a command line: files, folders (searched recursively) or scenario ids.

    They come in order and without repeats (one file named twice, by a relative path and
    an absolute one, is one file), with an ``io`` diagnostic for each name that leads
    nowhere, so tools report a bad path like any other problem. A folder's saved games
    (``check .`` where ``play`` keeps its saves) are left out: they are not scenarios.
    """
    from careerquest.saves.format import looks_like_save  # the saves import this module

    files: dict[Path, Path] = {}  # by where each really is
    problems: list[Diagnostic] = []
    for ref in refs:
        path = Path(ref)
        if not str(ref):  # Path("") is the current folder, which nobody typing "" meant
            problems.append(_missing(path, "an empty name is no file, folder or scenario"))
        elif path.is_dir():
            found = sorted(
                p for p in path.rglob("*.toml") if p.is_file() and not looks_like_save(p)
            )
            if not found:  # a folder that only shares a scenario's name
                found = [e.path for e in scenarios() if e.id == str(path)][:1]
            if not found:
                problems.append(_missing(path, "no scenario files (*.toml) in this folder"))
            for each in found:
                files.setdefault(each.resolve(), each)
        elif path.exists():
            files.setdefault(path.resolve(), path)
        elif path.suffix != ".toml" and path.name == str(path):
            try:
                resolved = resolve(str(path))
                files.setdefault(resolved.resolve(), resolved)
            except CatalogError as exc:
                problems.append(_missing(path, f"no such file or folder, and {exc}"))
        else:
            problems.append(_missing(path, "no such file or folder"))
    return list(files.values()), problems


def _missing(path: Path, message: str) -> Diagnostic:
    from careerquest.scenario.diagnostics import Diagnostic  # for commands, not the title

    return Diagnostic(str(path), 1, 1, "", message, "io")
