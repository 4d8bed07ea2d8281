"""Where saves live: the command line wins, then the environment, then ``./saves``.

Kept apart from the store so the CLI can resolve the folder before anything is read, and so a
teacher's lab machines can point every student at one folder with an environment variable.
A class sharing one folder (lab machines, or a game served to browsers) signs in: each
player's saves then go to a folder of their own inside it (:func:`player_save_dir`), where
one student's autosave can never overwrite another's.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from careerquest.saves.errors import SaveError
from careerquest.saves.slots import MAX_SLOT_LENGTH, validate_slot

SAVE_DIR_ENV = "CAREERQUEST_SAVE_DIR"
DEFAULT_SAVE_DIR = "saves"


def resolve_save_dir(cli_value: str | None, env: Mapping[str, str]) -> Path:
    """``--save-dir``, else ``$CAREERQUEST_SAVE_DIR``, else ``<cwd>/saves``; always absolute.

    Blank values count as unset; ``~`` is expanded (an environment value is not shell-expanded).
    """
    for value in (cli_value, env.get(SAVE_DIR_ENV)):
        if value is not None and value.strip():
            return Path(value).expanduser().absolute()
    return Path.cwd() / DEFAULT_SAVE_DIR


def player_folder(name: str) -> str:
    """The folder name of a player's saves: ``"Ana María"`` → ``ana-maria``.

    The same name typed again, in any case or with or without accents, finds the same
    folder. A name with no letter or digit in ASCII (``"李雷"``) gets ``player-`` and a
    digest of the name, which keeps it apart from every other such name.
    """
    name = name.strip()
    if not name:
        raise SaveError("a player's name cannot be empty")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    folder = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:MAX_SLOT_LENGTH]
    try:
        return validate_slot(folder.rstrip("-"))
    except SaveError:  # nothing left, or a name Windows reserves (CON, NUL, …)
        return "player-" + hashlib.sha256(name.casefold().encode("utf-8")).hexdigest()[:12]


def player_save_dir(save_dir: Path, name: str) -> Path:
    """The folder of ``name``'s saves inside the class's ``save_dir``."""
    return save_dir / player_folder(name)
