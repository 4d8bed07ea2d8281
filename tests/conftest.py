"""Shared fixtures: real scenario files on disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def tiny_path() -> Path:
    return DATA / "tiny.toml"


@pytest.fixture(scope="session")
def tiny(tiny_path: Path) -> Scenario:
    return load_scenario(tiny_path)
