"""The save file format: a versioned TOML document, and its strict reading.

A game is its scenario, seed, setup and choice log; that is what a save needs to rebuild it.
The snapshot of the state is stored beside them so that loading can *verify* the replay (an
edited scenario would otherwise silently give a different game), and the display fields (turn,
date, role, titles, timestamp) let the save list show a slot without loading any scenario.

Layout (``SAVE_FORMAT = 2``)::

    format = 2
    saved_at = "2025-01-31T09:30:00.123456+00:00"   # UTC, ISO 8601
    written_by = "careerquest 0.1.0"

    [scenario]   id, version, hash (sha256 of its source), title, path
    [game]       seed, rules, log, turn, date, role
    [setup]      name, background?, short_goal?, long_goal?   (absent = none in the scenario)
    [snapshot]   Game.snapshot(), as is

Format 1 is format 2 without ``game.rules``: its games were all played by rules 1, which
is how they are read, and they replay as they were played.

Reading never trusts the file: every key is checked for presence and type, and every problem
found is reported at once, so a hand-edited or foreign file gives one clear message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli

from careerquest import __version__
from careerquest.engine.rules import KNOWN_RULES, RULES
from careerquest.engine.setup import Setup
from careerquest.saves.errors import SaveError

if TYPE_CHECKING:
    from careerquest.engine.game import Game

SAVE_FORMAT = 2
#: The rules of every game saved in format 1, which did not record them.
FORMAT_1_RULES = 1
#: TOML integers are signed 64-bit; a seed outside this range cannot be written faithfully.
_INT64 = range(-(2**63), 2**63)


@dataclass(frozen=True, slots=True)
class SaveFile:
    """One save, as plain data: enough to rebuild, verify and list a game."""

    scenario_id: str
    scenario_version: str
    scenario_hash: str
    scenario_title: str
    scenario_path: str
    seed: int
    setup: Setup
    log: tuple[str, ...]
    snapshot: dict[str, Any] = field(hash=False)
    turn: int
    date: str
    role: str
    saved_at: datetime
    #: The rules the game was played by, and is replayed by (see the engine's ``RULES``).
    rules: int
    written_by: str = f"careerquest {__version__}"
    format: int = SAVE_FORMAT

    @property
    def finished(self) -> bool:
        """Whether the saved game had reached its ending."""
        return bool(self.snapshot.get("ending"))


def from_game(game: Game, now: datetime | None = None) -> SaveFile:
    """Capture a game; ``now`` (default: the current UTC time) is the saved-at timestamp."""
    scenario = game.scenario
    if game.seed not in _INT64:
        raise SaveError(f"the seed {game.seed} does not fit in a save (64-bit integers only)")
    role = game.role_def()
    return SaveFile(
        scenario_id=scenario.id,
        scenario_version=scenario.version,
        scenario_hash=scenario.source_hash,
        scenario_title=scenario.title,
        scenario_path=_scenario_path(scenario.path),
        seed=game.seed,
        setup=game.setup,
        log=tuple(game.log),
        snapshot=game.snapshot(),
        turn=game.turn,
        date=game.date,
        role=role.title if role else "",
        saved_at=(now or datetime.now(UTC)).astimezone(UTC),
        rules=game.rules,
    )


def _scenario_path(path: str) -> str:
    """An absolute path when the scenario came from a file, so Continue works from any folder."""
    candidate = Path(path)
    try:
        return str(candidate.resolve()) if candidate.is_file() else path
    except OSError:
        return path


def to_dict(save: SaveFile) -> dict[str, Any]:
    """The save as the plain tables written to TOML (``None`` setup fields are left out)."""
    setup = {
        key: value
        for key, value in (
            ("name", save.setup.name),
            ("background", save.setup.background),
            ("short_goal", save.setup.short_goal),
            ("long_goal", save.setup.long_goal),
        )
        if value is not None
    }
    return {
        "format": save.format,
        "saved_at": save.saved_at.astimezone(UTC).isoformat(),
        "written_by": save.written_by,
        "scenario": {
            "id": save.scenario_id,
            "version": save.scenario_version,
            "hash": save.scenario_hash,
            "title": save.scenario_title,
            "path": save.scenario_path,
        },
        "game": {
            "seed": save.seed,
            "rules": save.rules,
            "log": list(save.log),
            "turn": save.turn,
            "date": save.date,
            "role": save.role,
        },
        "setup": setup,
        "snapshot": save.snapshot,
    }


#: The opening of every save :func:`dumps` writes, up to the writer's version.
_OPENING = b'\nwritten_by = "careerquest '


def looks_like_save(path: Path) -> bool:
    """Whether a file found among others (scenarios, a teacher's notes) is a CareerQuest
    save, from its opening lines alone: telling them apart must not mean reading them."""
    try:
        with path.open("rb") as file:
            head = file.read(512)
    except OSError:
        return False  # the tool that reads it will say what is wrong
    return _OPENING in head


def dumps(save: SaveFile) -> str:
    """The save as TOML text."""
    import tomli_w  # only writing needs it; the title screen reads saves to offer Continue

    try:
        return "# A CareerQuest save. Editing it by hand will most likely break it.\n" + (
            tomli_w.dumps(to_dict(save))
        )
    except (TypeError, ValueError) as exc:
        raise SaveError(f"the game state cannot be written as TOML: {exc}") from None


def loads(text: str) -> SaveFile:
    """Parse TOML text into a checked :class:`SaveFile`, or raise :class:`SaveError`."""
    try:
        data = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise SaveError(f"not a save file: the TOML is broken ({exc})") from None
    return from_dict(data)


def from_dict(data: Mapping[str, Any]) -> SaveFile:
    """Check a parsed save and build the :class:`SaveFile`; lists every problem at once."""
    version = data.get("format")
    if version is None:
        raise SaveError("not a CareerQuest save: the 'format' key is missing")
    if type(version) is not int:
        raise SaveError(
            f"not a CareerQuest save: 'format' should be a whole number, not {_kind(version)}"
        )
    if version > SAVE_FORMAT:
        raise SaveError(
            f"this save uses format {version}, newer than this version of CareerQuest "
            f"understands ({SAVE_FORMAT}); update the game to load it"
        )
    if version not in (1, SAVE_FORMAT):
        raise SaveError(f"save format {version} is not supported (expected {SAVE_FORMAT})")

    r = _Reader()
    scenario = r.table(data, "scenario")
    game = r.table(data, "game")
    setup = r.table(data, "setup")
    snapshot = r.table(data, "snapshot")
    saved_at = _timestamp(r, data)
    written_by = data.get("written_by", "")
    if not isinstance(written_by, str):
        r.problems.append(f"'written_by' should be text, not {_kind(written_by)}")
    log = r.get(game, "game.log", list)
    if isinstance(log, list):
        for i, item in enumerate(log):
            if not isinstance(item, str):
                r.problems.append(f"'game.log' item {i + 1} should be text, not {_kind(item)}")
    if snapshot is not None and not snapshot:
        r.problems.append("the table 'snapshot' is empty")
    save = SaveFile(
        scenario_id=r.get(scenario, "scenario.id", str),
        scenario_version=r.get(scenario, "scenario.version", str),
        scenario_hash=r.get(scenario, "scenario.hash", str),
        scenario_title=r.get(scenario, "scenario.title", str),
        scenario_path=r.get(scenario, "scenario.path", str),
        seed=r.get(game, "game.seed", int),
        setup=Setup(
            name=r.get(setup, "setup.name", str),
            background=r.get(setup, "setup.background", str, optional=True),
            short_goal=r.get(setup, "setup.short_goal", str, optional=True),
            long_goal=r.get(setup, "setup.long_goal", str, optional=True),
        ),
        log=tuple(log) if isinstance(log, list) else (),
        snapshot=dict(snapshot or {}),
        turn=r.get(game, "game.turn", int),
        date=r.get(game, "game.date", str),
        role=r.get(game, "game.role", str),
        saved_at=saved_at or datetime.min.replace(tzinfo=UTC),
        written_by=written_by if isinstance(written_by, str) else "",
        format=version,
        rules=FORMAT_1_RULES if version == 1 else r.get(game, "game.rules", int),
    )
    if r.problems:
        raise SaveError("the save is damaged: " + "; ".join(r.problems))
    if save.rules not in KNOWN_RULES:
        newer = save.rules > RULES
        raise SaveError(
            f"this game was played by rules {save.rules}, "
            + (
                f"newer than this version of CareerQuest knows ({RULES}); update the game "
                "to load it"
                if newer
                else f"which this version of CareerQuest does not know ({KNOWN_RULES})"
            )
        )
    return save


def _timestamp(r: _Reader, data: Mapping[str, Any]) -> datetime | None:
    text = r.get(data, "saved_at", str)
    if not isinstance(text, str):
        return None
    try:
        stamp = datetime.fromisoformat(text)
    except ValueError:
        r.problems.append(f"'saved_at' is not an ISO 8601 timestamp: {text!r}")
        return None
    if stamp.tzinfo is None:
        r.problems.append(f"'saved_at' has no time zone: {text!r}")
        return None
    try:
        return stamp.astimezone(UTC)
    except OverflowError:  # a year-1 stamp with a positive offset has no UTC form
        r.problems.append(f"'saved_at' is out of range: {text!r}")
        return None


class _Reader:
    """Collects every missing key and wrong type instead of stopping at the first."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def table(self, data: Mapping[str, Any], key: str) -> dict[str, Any] | None:
        value = data.get(key)
        if value is None:
            self.problems.append(f"the table '{key}' is missing")
            return None
        if not isinstance(value, dict):
            self.problems.append(f"'{key}' should be a table, not {_kind(value)}")
            return None
        return value

    def get(
        self, table: Mapping[str, Any] | None, dotted: str, kind: type, *, optional: bool = False
    ) -> Any:
        """The value at ``dotted`` (its last part is the key) if it has the right type."""
        if table is None:
            return None
        key = dotted.rpartition(".")[2]
        value = table.get(key)
        if value is None:
            if not optional:
                self.problems.append(f"the key '{dotted}' is missing")
            return None
        # bool is an int in Python but not in TOML: reject it where a number is expected.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problems.append(f"'{dotted}' should be {_NAMES[kind]}, not {_kind(value)}")
            return None
        return value


_NAMES: dict[type, str] = {str: "text", int: "a whole number", list: "a list", dict: "a table"}


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, str):
        return f"text ({value[:30]!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
