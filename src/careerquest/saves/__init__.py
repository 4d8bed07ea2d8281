"""Saves: a game written to a named slot as versioned TOML, and restored by verified replay.

A game is its scenario, seed, setup and choice log, so that is what a save stores — plus a
snapshot of the state, to prove on loading that the replay rebuilt the same game (a scenario
edited since the save is reported, never silently played differently), and display fields for
the save list. Writes are atomic; a corrupt or foreign file is a clear :class:`SaveError` and
never hides the other saves.

Typical use::

    store = SaveStore(resolve_save_dir(args.save_dir, os.environ))
    store.autosave(game)
    info = newest_unfinished(store.list_saves().saves)  # "Continue"
    restored = store.restore(info.slot)       # loads the scenario recorded in the save
    if restored.warning: ...                  # edited scenario, same game
    # OutdatedSave (a SaveError): edited so that the choices lead elsewhere; .game is
    # the game the new version makes of them, to offer to play on from.
    game = restored.game

This package never imports Textual.
"""

from careerquest.saves.atomic import atomic_write_bytes, atomic_write_text, fsync_dir
from careerquest.saves.errors import OutdatedSave, SaveError
from careerquest.saves.format import SAVE_FORMAT, SaveFile, dumps, from_game, loads
from careerquest.saves.location import (
    SAVE_DIR_ENV,
    player_folder,
    player_save_dir,
    resolve_save_dir,
)
from careerquest.saves.slots import MAX_SLOT_LENGTH, autosave_slot, validate_slot
from careerquest.saves.store import (
    SaveInfo,
    SaveListing,
    SaveProblem,
    SaveStore,
    list_saves,
    load_scenario_of,
    newest_unfinished,
    read_save,
)
from careerquest.saves.verify import Restored, first_difference, restore_game

__all__ = [
    "MAX_SLOT_LENGTH",
    "SAVE_DIR_ENV",
    "SAVE_FORMAT",
    "OutdatedSave",
    "Restored",
    "SaveError",
    "SaveFile",
    "SaveInfo",
    "SaveListing",
    "SaveProblem",
    "SaveStore",
    "atomic_write_bytes",
    "atomic_write_text",
    "autosave_slot",
    "dumps",
    "first_difference",
    "from_game",
    "fsync_dir",
    "list_saves",
    "load_scenario_of",
    "loads",
    "newest_unfinished",
    "player_folder",
    "player_save_dir",
    "read_save",
    "resolve_save_dir",
    "restore_game",
    "validate_slot",
]
