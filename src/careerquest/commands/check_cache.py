"""What ``careerquest check`` found in a file, kept by the file's bytes.

Checking a file in full costs half a second, most of it importing pydantic and analysing;
a folder of scenarios where one file changed should cost that file's check, not all of
them. What a file gets (its errors, or its analysis warnings) depends only on its bytes and
on the code that checks it, so the findings are kept in CareerQuest's cache
(:mod:`careerquest.diskcache`) and the next check of the same bytes with the same code
prints them again without checking anything. The findings are stored without the file's
name, which is filled in from wherever the file is now.
"""

from __future__ import annotations

from typing import Any

from careerquest import diskcache
from careerquest.scenario.diagnostics import Diagnostic

#: Bumped when the layout of an entry changes.
FORMAT = 1
#: The packages whose code decides the findings: the checker, the analysis, the rules, and
#: the command that merges them.
_PACKAGES = ("scenario", "authoring", "engine", "commands")
_FIELDS = frozenset(Diagnostic.__dataclass_fields__) - {"file"}


def recall(data: bytes, name: str) -> list[Diagnostic] | None:
    """The findings of a file with these bytes, named ``name``; None when none are kept."""
    entry = diskcache.entry_path(data, _code())
    stored = None if entry is None else diskcache.read(entry)
    if not isinstance(stored, dict) or not isinstance(stored.get("findings"), list):
        return None
    try:
        return [Diagnostic(file=name, **_fields(found)) for found in stored["findings"]]
    except TypeError:  # a damaged entry is no entry
        return None


def remember(data: bytes, findings: list[Diagnostic]) -> None:
    """Keep what checking a file with these bytes found."""
    entry = diskcache.entry_path(data, _code())
    if entry is not None:
        documents = [{k: v for k, v in d.to_dict().items() if k != "file"} for d in findings]
        diskcache.write(entry, {"findings": documents})


def _fields(found: Any) -> dict[str, Any]:
    if not isinstance(found, dict) or set(found) != _FIELDS:
        raise TypeError("not a finding")
    return found


def _code() -> str:
    return diskcache.fingerprint(f"check/{FORMAT}", _PACKAGES)
