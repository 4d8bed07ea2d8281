"""The player's preferences, remembered across runs in a small TOML file.

Only what a player expects the game to remember lives here (today: the theme). The file is
written atomically like a save, and read forgivingly: a missing or damaged settings file
must never stop the game from starting, so it falls back to the defaults and says why.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import tomli
import tomli_w

from careerquest.saves.atomic import atomic_write_text

CONFIG_DIR_ENV = "CAREERQUEST_CONFIG_DIR"
SETTINGS_FILE = "settings.toml"
#: A signed-in player's settings, in their save folder: not ``*.toml``, which are saves there.
PLAYER_SETTINGS_FILE = "settings.cfg"
DEFAULT_THEME = "careerquest"


@dataclass(frozen=True, slots=True)
class Settings:
    theme: str = DEFAULT_THEME


def default_settings_path(env: Mapping[str, str] = os.environ) -> Path:
    """``$CAREERQUEST_CONFIG_DIR/settings.toml``, else the platform's per-user config folder."""
    override = env.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override).expanduser() / SETTINGS_FILE
    home = Path.home()
    if sys.platform == "win32":
        base = Path(env.get("APPDATA") or home / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = home / "Library" / "Application Support"
    else:
        base = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    return base / "careerquest" / SETTINGS_FILE


def load_settings(path: Path) -> tuple[Settings, str | None]:
    """The saved settings and, when the file could not be used, a sentence saying why."""
    try:
        data = tomli.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, tomli.TOMLDecodeError) as exc:
        return Settings(), f"Settings in {path} could not be read ({exc}); using the defaults."
    theme = data.get("theme", DEFAULT_THEME)
    if not isinstance(theme, str):
        return Settings(), f"Settings in {path}: 'theme' should be text; using the default."
    return Settings(theme=theme), None


def save_settings(path: Path, settings: Settings) -> None:
    """Write the settings atomically; raises :class:`OSError` when the disk refuses."""
    text = "# CareerQuest settings\n" + tomli_w.dumps({"theme": settings.theme})
    atomic_write_text(path, text)
