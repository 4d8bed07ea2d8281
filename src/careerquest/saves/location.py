"""Where saves live: the command line wins, then the environment, then ``./saves``.

Kept apart from the store so the CLI can resolve the folder before anything is read, and so a
teacher's lab machines can point every student at one folder with an environment variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

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
