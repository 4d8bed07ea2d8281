"""Results kept on disk under a digest of their input and of the code that made them.

Work that CareerQuest has done once for the same bytes with the same code need not be done
again: a compiled scenario (:mod:`careerquest.scenario.cache`), what ``careerquest check``
found in a file (:mod:`careerquest.commands.check_cache`). An entry's name is a digest of
the input's bytes and of a fingerprint of the code: CareerQuest's version, the source of the
packages that decide the result, and the files (names and sizes) of the installed pydantic,
pydantic-core and tomli. So an edited input or a changed program never meets a stale entry.

An entry is only ever a shortcut: one that cannot be found, read or written is ignored, and
the work is done as if there were none. ``CAREERQUEST_CACHE_DIR`` moves the cache; set to an
empty string, it turns it off. Imports only the standard library, so that a hit costs no
more than reading the entry.
"""

from __future__ import annotations

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

CACHE_DIR_ENV = "CAREERQUEST_CACHE_DIR"
#: Entries kept at most; the oldest go first (every saved edit of a scenario makes some).
MAX_ENTRIES = 128
#: The installed libraries whose versions change what a check accepts.
_CHECKERS = ("pydantic", "pydantic_core", "tomli")
_ROOT = Path(__file__).parent


def cache_dir() -> Path | None:
    """Where entries live: ``$CAREERQUEST_CACHE_DIR``, else the user's cache folder."""
    chosen = os.environ.get(CACHE_DIR_ENV)
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder to find: no cache
            return None
    return Path(base) / "careerquest" / "scenarios"


def entry_path(data: bytes, code: str) -> Path | None:
    """Where the entry for ``data`` made by the code ``code`` (a :func:`fingerprint`) lives;
    None when the cache is off."""
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(code.encode() + b"\0" + data).hexdigest()[:40]
    return folder / f"{key}.json"


def read(entry: Path) -> Any:
    """An entry's JSON document; None if it is missing or unreadable."""
    try:
        return json.loads(entry.read_bytes())
    except (OSError, ValueError):
        return None


def write(entry: Path, document: Any) -> None:
    """Keep ``document`` as the entry, whole or not at all, then prune the oldest entries.
    Any failure leaves the cache as it was."""
    temporary: str | None = None
    try:
        text = json.dumps(document, separators=(",", ":"))
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, entry)
        temporary = None
        _prune(entry.parent)
    except (OSError, ValueError, TypeError):
        return
    finally:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


@cache
def fingerprint(kind: str, packages: tuple[str, ...]) -> str:
    """The code that makes one kind of entry: CareerQuest's version, ``kind`` (with its
    layout version), the source of these CareerQuest packages, and the installed checkers."""
    digest = hashlib.sha256(f"{__version__}/{kind}".encode())
    for package in packages:
        for module in sorted((_ROOT / package).glob("*.py")):
            digest.update(f"{package}/{module.name}".encode() + module.read_bytes())
    for checker in _CHECKERS:
        spec = importlib.util.find_spec(checker)  # found, not imported
        for folder in (spec.submodule_search_locations or []) if spec else []:
            for file in sorted(Path(folder).iterdir()):
                if file.is_file():
                    digest.update(f"{checker}/{file.name}:{file.stat().st_size}".encode())
    return digest.hexdigest()


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[MAX_ENTRIES:]:
        old.unlink(missing_ok=True)
    # Left by a process that stopped between writing and renaming, more than a day ago.
    for stray in folder.glob("*.tmp"):
        if time.time() - stray.stat().st_mtime > 86_400:
            stray.unlink(missing_ok=True)
