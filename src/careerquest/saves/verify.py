"""Restoring a save: replay its choices, then prove the replay reached the saved state.

The engine is deterministic, so a save's seed, setup and log rebuild the game exactly — as long
as the scenario is the one the save was made with. Scenario files get edited, so the replayed
state is compared with the saved snapshot:

* same state, same source hash: the normal case;
* same state, different hash: the edit did not touch this game (a comment, text, an event it
  never met); it loads, with a warning saying so;
* different state, or a choice the edited scenario no longer offers: an :class:`OutdatedSave`
  that says the scenario changed and shows the first difference, instead of a silently other
  game, and carries the game the new version makes of the choices, for the player to take
  or leave;
* different state with the same scenario: the save itself was changed, a :class:`SaveError`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NoReturn

from careerquest.engine.errors import GameError
from careerquest.saves.errors import OutdatedSave, SaveError
from careerquest.saves.format import SaveFile

if TYPE_CHECKING:
    # Only restoring plays the engine; listing saves (the title screen) must not load it.
    from careerquest.engine.game import Game
    from careerquest.scenario.runtime import Scenario

_MISSING = object()


@dataclass(slots=True)
class Restored:
    """A restored game, the save it came from, and a warning for the player (or ``None``)."""

    game: Game
    save: SaveFile
    warning: str | None = None


def restore_game(save: SaveFile, scenario: Scenario) -> Restored:
    """Replay ``save`` on ``scenario`` and verify it; raise :class:`SaveError` if it diverges."""
    if save.scenario_id != scenario.id:
        raise SaveError(
            f"this save belongs to the scenario '{save.scenario_id}', "
            f"not '{scenario.id}' ({scenario.title})"
        )
    from careerquest.engine.game import ReplayError, replay

    edited = save.scenario_hash != scenario.source_hash
    try:
        game = replay(scenario, save.seed, save.setup, save.log, rules=save.rules)
    except ReplayError as exc:
        detail = f"replaying the choices failed: {exc}"
        _refuse(save, scenario, edited, detail, exc.game)
    except GameError as exc:  # the setup itself does not fit any more
        raise SaveError(
            _diverged(save, scenario, edited, f"the game cannot start: {exc}")
        ) from None
    difference = first_difference(save.snapshot, game.snapshot())
    if difference is not None:
        _refuse(save, scenario, edited, difference, game)
    warning = None
    if edited:
        versions = (
            f" (version {save.scenario_version} then, {scenario.version} now)"
            if save.scenario_version != scenario.version
            else ""
        )
        warning = (
            f"The scenario '{scenario.title}' has been edited since this save was made"
            f"{versions}, but your choices replay to exactly the saved state, so the game "
            "goes on from there."
        )
    return Restored(game, save, warning)


def _refuse(save: SaveFile, scenario: Scenario, edited: bool, detail: str, game: Game) -> NoReturn:
    problem = _diverged(save, scenario, edited, detail)
    if edited:
        raise OutdatedSave(problem, game, len(game.log))
    raise SaveError(problem)


def _diverged(save: SaveFile, scenario: Scenario, edited: bool, detail: str) -> str:
    if edited:
        return (
            f"the scenario '{scenario.title}' ({scenario.path}) has changed since this save was "
            f"made, and the saved choices no longer lead to the saved game: {detail}"
        )
    return (
        "the saved choices do not lead to the saved game although the scenario is unchanged "
        f"(the save was edited by hand, or made by another version of CareerQuest): {detail}"
    )


def first_difference(saved: Mapping[str, Any], replayed: Mapping[str, Any]) -> str | None:
    """Describe the first key where two snapshots differ, in the replayed snapshot's order."""
    return _compare(saved, replayed, "")


def _compare(saved: object, replayed: object, where: str) -> str | None:
    if isinstance(saved, Mapping) and isinstance(replayed, Mapping):
        # The engine's key order (turn, stats, ...) reads better than TOML's tables-last order.
        for key in [*replayed, *(k for k in saved if k not in replayed)]:
            path = f"{where}.{key}" if where else str(key)
            found = _compare(saved.get(key, _MISSING), replayed.get(key, _MISSING), path)
            if found is not None:
                return found
        return None
    if saved is _MISSING:
        return f"'{where}' is {_show(replayed)} now but is not in the save"
    if replayed is _MISSING:
        return f"'{where}' was {_show(saved)} in the save but no longer exists"
    if _plain(saved) != _plain(replayed):
        return f"'{where}' was {_show(saved)} in the save but is {_show(replayed)} after replay"
    return None


def _plain(value: object) -> object:
    """Tuples come back from TOML as lists; compare them as such."""
    return [_plain(v) for v in value] if isinstance(value, tuple | list) else value


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
