"""Keep checking a scenario whose shape is partly wrong, so authors see every error at once.

When some items fail the shape pass (a role with a misspelt key, an event without text),
the meaning pass cannot run on the file as it is. Instead we drop just those items, check
the rest, and then remove the meaning errors that only exist because of the drop (a
reference to a dropped role is not the author's second mistake). Errors in ``[scenario]``
or ``[economy]``, or in a section as a whole, leave nothing sound to check: then only the
shape errors are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from careerquest.scenario.diagnostics import Issue, KeyPath
from careerquest.scenario.models import as_id

TABLES = frozenset(
    {
        "stats",
        "backgrounds",
        "roles",
        "programs",
        "credentials",
        "flags",
        "actions",
        "goals",
        "glossary",
    }
)
LISTS = frozenset({"events", "endings", "factors", "tests", "reflection"})
#: Whole-scenario rules whose verdict a dropped item of that section could change.
_SECTION_RULES = {
    "actions": {"no-open-action"},
    "goals": {"goals"},
    "endings": {"no-fallback-ending", "misplaced-fallback", "early-ending"},
    "stats": {"economy"},
}
_NAME_ERROR = re.compile(r"^unknown (?:name|stat|role|program|background|goal|ending|held|done)")
_FLAG_ERROR = re.compile(r"^unknown (?:flag|cred) ")


@dataclass
class Salvage:
    """The file without its broken items, and what is needed to map issues back."""

    data: dict[str, Any]
    removed: set[str] = field(default_factory=set)
    sections: set[str] = field(default_factory=set)
    positions: dict[str, list[int]] = field(default_factory=dict)

    def restore(self, issues: Iterable[Issue]) -> list[Issue]:
        """Issues of the pruned file, in the original file's key paths, minus consequences."""
        kept = []
        for issue in issues:
            if self._consequence(issue):
                continue
            path = issue.path
            if len(path) > 1 and isinstance(path[1], int) and path[0] in self.positions:
                original: KeyPath = (path[0], self.positions[str(path[0])][path[1]], *path[2:])
                path = original
            kept.append(
                Issue(
                    path, issue.message, issue.code, issue.suggestion, issue.offset, issue.severity
                )
            )
        return kept

    def _consequence(self, issue: Issue) -> bool:
        if any(issue.code in _SECTION_RULES.get(section, ()) for section in self.sections):
            return True
        if _FLAG_ERROR.match(issue.message) or issue.code in ("unknown-credential", "unknown-flag"):
            return True  # a dropped item may have been what set it
        if issue.code == "unknown-option":  # a dropped item may have been what offered it
            return bool(self.sections & {"roles", "programs", "actions", "events"})
        if issue.code.startswith("unknown-") or _NAME_ERROR.match(issue.message):
            return any(f"'{name}'" in issue.message for name in self.removed)
        return "is not a known" in issue.message and any(
            issue.message.startswith(f"'{name}'") for name in self.removed
        )


def salvage(raw: dict[str, Any], locations: Iterable[KeyPath]) -> Salvage | None:
    """Drop the items at these error locations, or None when an error is not in an item."""
    doomed: dict[str, set[Any]] = {}
    for loc in locations:
        if len(loc) < 2 or loc[0] not in TABLES | LISTS:
            return None
        if not isinstance(raw.get(str(loc[0])), dict | list):
            return None
        doomed.setdefault(str(loc[0]), set()).add(loc[1])
    result = Salvage(data=dict(raw))
    for section, keys in doomed.items():
        result.sections.add(section)
        value = raw[section]
        if isinstance(value, dict):
            result.data[section] = {k: v for k, v in value.items() if k not in keys}
            for key in keys:
                result.removed.update(_spellings(str(key)))
        else:
            kept = [i for i in range(len(value)) if i not in keys]
            result.data[section] = [value[i] for i in kept]
            result.positions[section] = kept
            for i in keys:
                item = value[i] if isinstance(i, int) and i < len(value) else None
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    result.removed.update(_spellings(item["id"]))
    return result


def _spellings(item_id: str) -> set[str]:
    """The names the rest of the file may use for a dropped item: its id, and, for an id
    that is not valid (`[stats.Savings]`), the id the author meant (`savings`)."""
    meant = as_id(item_id)
    return {item_id} if meant is None else {item_id, meant}
