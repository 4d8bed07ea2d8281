"""Slot names: the only part of a save's path that a player types, so the only one checked.

A slot becomes ``<slot>.toml`` inside the save folder. The rules are strict enough that no name
can leave the folder, hide itself, or collide with a device name on Windows, on any platform:
1–40 ASCII letters, digits, ``-`` and ``_``, not starting with ``-`` (it would read as a
command-line flag).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from careerquest.saves.errors import SaveError

MAX_SLOT_LENGTH = 40
SAVE_SUFFIX = ".toml"
AUTOSAVE_PREFIX = "autosave-"

_SLOT = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_BAD_CHAR = re.compile(r"[^A-Za-z0-9_-]")
#: Device names Windows refuses as file names whatever the extension (CON.toml included).
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL"} | {f"COM{i}" for i in range(10)} | {f"LPT{i}" for i in range(10)}
)


def validate_slot(slot: str) -> str:
    """Return ``slot`` unchanged if it is a safe save name, else raise :class:`SaveError`."""
    if not isinstance(slot, str):
        raise SaveError(f"a save name must be text, not {type(slot).__name__}")
    if not slot:
        raise SaveError("a save name cannot be empty")
    if "\0" in slot:
        raise SaveError(f"the save name {slot!r} contains a NUL character")
    if "/" in slot or "\\" in slot or ".." in slot:
        raise SaveError(
            f"the save name {slot!r} cannot contain '/', '\\' or '..': "
            "a save must stay inside the save folder"
        )
    if len(slot) > MAX_SLOT_LENGTH:
        raise SaveError(
            f"the save name {slot[:MAX_SLOT_LENGTH]!r}... is {len(slot)} characters long; "
            f"the limit is {MAX_SLOT_LENGTH}"
        )
    if slot.startswith("."):
        raise SaveError(f"the save name {slot!r} cannot start with a dot")
    if slot.startswith("-"):
        raise SaveError(f"the save name {slot!r} cannot start with '-'")
    bad = _BAD_CHAR.search(slot)
    if bad is not None:
        raise SaveError(
            f"the save name {slot!r} contains {bad.group()!r}; "
            "use only the letters a-z, digits, '-' and '_' (no spaces or accents)"
        )
    if slot.upper() in _WINDOWS_RESERVED:
        raise SaveError(f"the save name {slot!r} is reserved by Windows; pick another")
    assert _SLOT.fullmatch(slot)
    return slot


def transliterate(text: str) -> str:
    """``"Zoë Ünal"`` → ``"Zoe Unal"``: accents dropped, and letters with no ASCII form
    (``Ł``, ``李``) with them. Folders and suggested slot names are made from this."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def autosave_slot(scenario_id: str) -> str:
    """The autosave slot of a scenario: ``autosave-<id>``, one per scenario.

    Scenario ids may be up to 40 characters, so a long one is shortened and given a short
    digest of the full id, keeping two long ids with a common prefix apart.
    """
    safe = _BAD_CHAR.sub("-", scenario_id) or "scenario"
    slot = AUTOSAVE_PREFIX + safe
    if len(slot) > MAX_SLOT_LENGTH:
        digest = hashlib.sha256(scenario_id.encode("utf-8")).hexdigest()[:8]
        room = MAX_SLOT_LENGTH - len(AUTOSAVE_PREFIX) - len(digest) - 1
        slot = f"{AUTOSAVE_PREFIX}{safe[:room]}-{digest}"
    return validate_slot(slot)
