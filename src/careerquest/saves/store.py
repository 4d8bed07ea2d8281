"""The save folder: named slots as ``<slot>.toml`` files, written atomically, listed robustly.

A :class:`SaveStore` is the only thing front ends need: write a game to a slot (or to the
scenario's autosave slot), list the slots, find the latest for "Continue", restore one, delete
one. Listing never fails because of one bad file: good saves come back as :class:`SaveInfo`,
bad files as :class:`SaveProblem` entries that say what is wrong, so one corrupt file never
hides the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple
from weakref import WeakKeyDictionary

from careerquest import catalog
from careerquest.saves.atomic import atomic_write_text, fsync_dir
from careerquest.saves.errors import OutdatedSave, SaveError
from careerquest.saves.format import SaveFile, dumps, from_game, loads
from careerquest.saves.slots import (
    AUTOSAVE_PREFIX,
    MAX_SLOT_LENGTH,
    SAVE_SUFFIX,
    autosave_slot,
    validate_slot,
)
from careerquest.saves.verify import Restored, restore_game

if TYPE_CHECKING:
    from careerquest.engine.game import Game
    from careerquest.scenario.runtime import Scenario

#: Far above any real save (a few KB); a bigger file is not ours and is not read into memory.
MAX_SAVE_BYTES = 5_000_000


@dataclass(frozen=True, slots=True)
class SaveInfo:
    """What the save list shows for one slot, read from the file alone (no scenario needed)."""

    slot: str
    path: Path
    scenario_id: str
    scenario_title: str
    scenario_path: str
    scenario_version: str
    player: str
    turn: int
    date: str
    role: str
    saved_at: datetime
    finished: bool
    #: Set by :meth:`SaveStore.autosave` when the slot held another game, which it moved to
    #: this slot rather than overwrite it.
    kept: str = ""

    @property
    def is_autosave(self) -> bool:
        return self.slot.startswith(AUTOSAVE_PREFIX)

    @classmethod
    def of(cls, slot: str, path: Path, save: SaveFile) -> SaveInfo:
        return cls(
            slot=slot,
            path=path,
            scenario_id=save.scenario_id,
            scenario_title=save.scenario_title,
            scenario_path=save.scenario_path,
            scenario_version=save.scenario_version,
            player=save.setup.name,
            turn=save.turn,
            date=save.date,
            role=save.role,
            saved_at=save.saved_at,
            finished=save.finished,
        )


@dataclass(frozen=True, slots=True)
class SaveProblem:
    """A file in the save folder that could not be read as a save, and why."""

    path: Path
    message: str


class SaveListing(NamedTuple):
    """Good saves, newest first, and the files that are not usable saves."""

    saves: list[SaveInfo]
    problems: list[SaveProblem]


class SaveStore:
    """Named save slots in one folder; the folder is created on the first write."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        #: The autosave slot each game was last saved to or loaded from: its own file,
        #: which its next autosave looks at first (and usually only).
        self._homes: WeakKeyDictionary[Game, str] = WeakKeyDictionary()

    def path_for(self, slot: str) -> Path:
        """The file of a slot; raises :class:`SaveError` for a name that is not safe."""
        return self.folder / (validate_slot(slot) + SAVE_SUFFIX)

    def exists(self, slot: str) -> bool:
        return self.path_for(slot).is_file()

    def write(self, slot: str, game: Game, *, now: datetime | None = None) -> SaveInfo:
        """Save ``game`` to ``slot`` atomically, replacing what was there."""
        path = self.path_for(slot)
        save = from_game(game, now)
        text = dumps(save)
        # A save that would not read back identically is refused now rather than lost later.
        if loads(text) != save:
            raise SaveError("the save did not read back identically; it was not written", path)
        try:
            atomic_write_text(path, text)
        except UnicodeEncodeError:
            # A name read from a terminal in a foreign encoding can hold unpaired surrogates.
            message = "the game could not be saved: the player's name is not valid text"
            raise SaveError(message, path) from None
        except OSError as exc:
            raise SaveError(f"the game could not be saved: {_reason(exc)}", path) from None
        return SaveInfo.of(slot, path, save)

    def autosave(self, game: Game, *, now: datetime | None = None) -> SaveInfo:
        """Save to the scenario's own autosave slot (``autosave-<scenario id>``).

        A new game of the same scenario must not destroy the autosave of an earlier one
        (played in the other front end, say, or abandoned for a fresh start): whatever the
        slot holds that is not an earlier point of this very game is first moved to a free
        slot of its own, reported in :attr:`SaveInfo.kept`, and stays in the save list.
        A game goes on saving to the file it was last saved to or loaded from (a kept
        game loaded again from ``<slot>_2`` stays there); a game moved aside by a game
        started in another window on the same folder goes on saving where it was moved,
        so two games played at once keep one file each.
        """
        slot = autosave_slot(game.scenario.id)
        home = self._homes.get(game)
        if home is not None and self._progress(home, game) is not None:
            return self._write_home(home, game, now)
        held = self._progress(slot, game)
        aside = self._moved_aside(slot, game)
        if aside is not None and (held is None or aside[1] > held):
            return self._write_home(aside[0], game, now)
        empty = held is None and not self.path_for(slot).is_file()
        kept = "" if held is not None or empty else self._keep_other_game(slot)
        info = self._write_home(slot, game, now)
        return replace(info, kept=kept) if kept else info

    def _write_home(self, slot: str, game: Game, now: datetime | None) -> SaveInfo:
        info = self.write(slot, game, now=now)
        self._homes[game] = slot
        return info

    def _progress(self, slot: str, game: Game) -> int | None:
        """How many of ``game``'s choices ``slot`` holds, if it holds an earlier point of it."""
        if not self.path_for(slot).is_file():
            return None
        try:
            save = self.read(slot)
        except SaveError:
            return None  # unreadable here, but maybe precious: it is someone else's
        return len(save.log) if _same_game(save, game) else None

    def _moved_aside(self, slot: str, game: Game) -> tuple[str, int] | None:
        """The ``<slot>_N`` that holds the furthest earlier point of ``game``, if one does."""
        found: tuple[str, int] | None = None
        for path in sorted(self.folder.glob(f"*_*{SAVE_SUFFIX}")):
            aside = path.stem
            if not _is_aside(aside, slot):
                continue
            progress = self._progress(aside, game)
            if progress is not None and (found is None or progress > found[1]):
                found = (aside, progress)
        return found

    def _keep_other_game(self, slot: str) -> str:
        """Move the file in ``slot`` to a free slot of its own; the new slot's name."""
        path = self.path_for(slot)
        try:
            kept = self._claim_free_slot(slot)
            try:
                os.replace(path, self.path_for(kept))
            except FileNotFoundError:
                # Another game (in another window) moved it aside first: nothing to keep.
                self.path_for(kept).unlink(missing_ok=True)
                return ""
            fsync_dir(self.folder)
        except OSError as exc:
            message = f"the earlier game in this slot could not be kept aside: {_reason(exc)}"
            raise SaveError(message, path) from None
        return kept

    def _claim_free_slot(self, slot: str) -> str:
        """``<slot>_2``, ``<slot>_3``…: the first unused, claimed by creating its file, so
        that two windows keeping games at once never pick the same name. Scenario ids have
        no ``_``, so these names never meet another scenario's autosave slot."""
        number = 2
        while True:
            candidate = _aside(slot, number)
            try:
                os.close(os.open(self.path_for(candidate), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            except FileExistsError:
                number += 1
                continue
            return candidate

    def read(self, slot: str) -> SaveFile:
        """Read and check one slot, without replaying it."""
        path = self.path_for(slot)
        if not path.exists():
            raise SaveError(f"there is no save named '{slot}'", path)
        return read_save(path)

    def restore(
        self, slot: str, scenario: Scenario | None = None, *, local_dir: Path | None = None
    ) -> Restored:
        """Rebuild the game of ``slot`` and verify it against the saved state.

        Without ``scenario``, the scenario the save was made with is loaded (Continue),
        found by id among the bundled and ``local_dir`` scenarios if it has moved.
        Raises :class:`SaveError` if the scenario changed in a way that alters the game.
        """
        path = self.path_for(slot)
        save = self.read(slot)
        if scenario is None:
            scenario = load_scenario_of(save, path, local_dir)
        try:
            restored = restore_game(save, scenario)
        except OutdatedSave as exc:
            raise OutdatedSave(exc.problem, exc.game, exc.replayed, path) from None
        except SaveError as exc:
            raise SaveError(exc.problem, path) from None
        if _autosave_family(slot, scenario.id):
            self._homes[restored.game] = slot  # played on, it saves back where it was
        return restored

    def list_saves(self) -> SaveListing:
        return list_saves(self.folder)

    def latest(self, scenario_id: str | None = None) -> SaveInfo | None:
        """The most recently saved slot (of one scenario, if given), finished or not.
        Continue wants :func:`newest_unfinished` instead."""
        saves = self.list_saves().saves
        return next((s for s in saves if scenario_id in (None, s.scenario_id)), None)

    def delete(self, slot: str) -> bool:
        """Delete a slot; ``False`` if there was none."""
        path = self.path_for(slot)
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise SaveError(f"the save could not be deleted: {_reason(exc)}", path) from None
        fsync_dir(self.folder)
        return True


def newest_unfinished(saves: list[SaveInfo]) -> SaveInfo | None:
    """The newest save of an unfinished game; of two saved at once, the autosave, which a
    game in progress keeps up to date."""
    unfinished = [s for s in saves if not s.finished]
    return max(unfinished, key=lambda s: (s.saved_at, s.is_autosave), default=None)


def read_save(path: str | Path) -> SaveFile:
    """Read and check a save file; every failure is a :class:`SaveError` naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_SAVE_BYTES:
            raise SaveError("the file is too large to be a save", path)
        data = path.read_bytes()
    except OSError as exc:
        raise SaveError(f"the save cannot be read: {_reason(exc)}", path) from None
    try:
        text = data.decode("utf-8-sig")  # an editor may have added a byte-order mark
    except UnicodeDecodeError:
        raise SaveError("not a save file: it is not UTF-8 text", path) from None
    try:
        return loads(text)
    except SaveError as exc:
        raise SaveError(exc.problem, path) from None


def list_saves(folder: str | Path) -> SaveListing:
    """Every ``*.toml`` in ``folder``: good saves newest first, and the problems of the rest.

    A missing folder lists nothing. Only a folder that cannot be read at all raises.
    """
    folder = Path(folder)
    try:
        entries = sorted(folder.iterdir()) if folder.exists() else []
    except OSError as exc:
        raise SaveError(f"the save folder cannot be read: {_reason(exc)}", folder) from None
    saves: list[SaveInfo] = []
    problems: list[SaveProblem] = []
    for path in entries:
        if path.name.startswith(".") or path.suffix != SAVE_SUFFIX:
            continue  # hidden files and interrupted writes' temp files
        try:
            if not path.is_file():
                continue
            slot = validate_slot(path.stem)
            saves.append(SaveInfo.of(slot, path, read_save(path)))
        except SaveError as exc:
            problems.append(SaveProblem(path, f"{path}: {exc.problem}"))
        except OSError as exc:
            problems.append(SaveProblem(path, f"{path}: {_reason(exc)}"))
    saves.sort(key=lambda s: (s.saved_at, s.slot), reverse=True)
    return SaveListing(saves, problems)


def load_scenario_of(
    save: SaveFile, path: Path | None = None, local_dir: Path | None = None
) -> Scenario:
    """Load the scenario a save was made with: from the path recorded in it, or, when the
    file has moved since (a reinstall, a renamed folder), the scenario with the same id."""
    from careerquest.scenario.diagnostics import ScenarioError  # the loader pulls in pydantic
    from careerquest.scenario.loader import load_scenario

    source = Path(save.scenario_path)
    if not source.is_file():
        try:
            source = catalog.resolve(save.scenario_id, local_dir)
        except catalog.CatalogError:
            raise SaveError(
                f"the scenario '{save.scenario_title}' is no longer at {save.scenario_path}, "
                f"and no scenario with the id '{save.scenario_id}' was found",
                path,
            ) from None
    try:
        return load_scenario(source)
    except ScenarioError as exc:
        raise SaveError(
            f"the scenario '{save.scenario_title}' cannot be loaded from {source}: {exc}",
            path,
        ) from None


def _autosave_family(slot: str, scenario_id: str) -> bool:
    """Whether ``slot`` is the scenario's autosave slot or one of the slots kept aside from
    it: a game loaded from a slot the player named saves to the autosave, not over it."""
    own = autosave_slot(scenario_id)
    return slot == own or _is_aside(slot, own)


def _is_aside(name: str, slot: str) -> bool:
    """Whether ``name`` is one of the ``<slot>_N`` slots for games kept aside from ``slot``."""
    number = name.rpartition("_")[2]
    return number.isdigit() and name == _aside(slot, int(number))


def _aside(slot: str, number: int) -> str:
    """The ``number``-th slot for games moved aside from ``slot``, cut to fit if need be."""
    suffix = f"_{number}"
    return slot[: MAX_SLOT_LENGTH - len(suffix)] + suffix


def _same_game(save: SaveFile, game: Game) -> bool:
    """Whether ``save`` is ``game`` at an earlier (or the same) point: nothing would be lost."""
    return (
        save.scenario_id == game.scenario.id
        and save.seed == game.seed
        and save.setup == game.setup
        and tuple(game.log[: len(save.log)]) == save.log
    )


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileExistsError | NotADirectoryError) and exc.filename:
        # Making the save folder, or a file in it, found a file where a folder must be.
        path = Path(exc.filename)
        file = next((p for p in (path, *path.parents) if p.exists() and not p.is_dir()), path)
        return f"{file} is a file, so it cannot be the save folder or hold one"
    return exc.strerror or str(exc)
