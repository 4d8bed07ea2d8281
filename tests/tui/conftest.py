"""Generic fixtures for every UI test: calm, isolated and with a fixed clock.

Animations and cursor blink are off so screenshots are stable; saves and settings go to a
temporary folder so no test reads or writes the developer's own; the clock is fixed so
"saved at" stamps are the same on every run. Screen-specific setup stays in the test files.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import textual.constants

from careerquest import catalog
from careerquest.tui.app import CareerQuestApp, create_app

DATA = Path(__file__).parent / "data"

#: The moment every test save is made, and the "now" the app shows times against.
FIXED_NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)

AppFactory = Callable[..., CareerQuestApp]


@pytest.fixture(autouse=True)
def _calm(monkeypatch: pytest.MonkeyPatch) -> None:
    """No animations: Textual reads TEXTUAL_ANIMATIONS once, at import, so patch both."""
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.setattr(textual.constants, "TEXTUAL_ANIMATIONS", "none")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def save_dir(tmp_path: Path) -> Path:
    return tmp_path / "saves"


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.toml"


@pytest.fixture
def fixed_clock() -> Callable[[], datetime]:
    return lambda: FIXED_NOW


@pytest.fixture
def library(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The test scenarios in ``data/scenarios`` stand in for the bundled ones.

    The real bundled scenarios change as their authors work; screenshots must not.
    """
    monkeypatch.setattr(catalog, "bundled_dir", lambda: DATA / "scenarios")
    return DATA / "scenarios"


@pytest.fixture
def make_app(
    save_dir: Path, settings_path: Path, fixed_clock: Callable[[], datetime], tmp_path: Path
) -> AppFactory:
    """``create_app`` with temporary folders (saves, settings, ./scenarios) and a fixed clock."""

    def make(**options: Any) -> CareerQuestApp:
        options.setdefault("save_dir", save_dir)
        options.setdefault("settings_path", settings_path)
        app = create_app(**options)
        app.clock = fixed_clock
        app.scenarios_dir = tmp_path / "scenarios"
        return app

    return make
