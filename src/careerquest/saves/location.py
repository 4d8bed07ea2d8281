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
from careerquest.saves.slots import MAX_SLOT_LENGTH, transliterate, validate_slot

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

    The same name typed again, in any case, with or without accents, spaces or hyphens,
    finds the same folder. Letters with no ASCII form cannot simply be dropped, or "李雷 Li"
    and "韩梅梅 Li" would share ``li``: such a name keeps what ASCII it has and gets a
    digest of the whole name (``li-3fa9c2d1``), or ``player-`` and the digest when no
    ASCII is left. A name too long for a folder is cut, and gets the digest too.
    """
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", name).casefold())
    if not words:
        raise SaveError(f"a player's name needs a letter or a digit, not {name.strip()!r}")
    spoken = " ".join(words)
    digest = hashlib.sha256(spoken.encode("utf-8")).hexdigest()
    folder = re.sub(r"[^a-z0-9]+", "-", transliterate(spoken)).strip("-")
    # Letters lost on the way (Ł, 李), not only marks (the accent of í, which NFKD splits off).
    lost = any(not transliterate(c) for c in spoken if c.isalnum())
    if not folder:
        return "player-" + digest[:12]
    if lost or len(folder) > MAX_SLOT_LENGTH:  # cut short, it could be another's name too
        return folder[: MAX_SLOT_LENGTH - 9].rstrip("-") + "-" + digest[:8]
    try:
        return validate_slot(folder)
    except SaveError:  # a name Windows reserves for a device (CON, NUL, …)
        return f"{folder}-{digest[:8]}"


def player_save_dir(save_dir: Path, name: str) -> Path:
    """The folder of ``name``'s saves inside the class's ``save_dir``."""
    return save_dir / player_folder(name)
