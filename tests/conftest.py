"""Shared fixtures: real scenario files on disk."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from careerquest.diskcache import CACHE_DIR_ENV
from careerquest.scenario.loader import load_scenario
from careerquest.scenario.runtime import Scenario

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session", autouse=True)
def scenario_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The compiled-scenario cache of this test run, in a folder of its own (commands run
    in subprocesses inherit it), never the user's."""
    folder = tmp_path_factory.mktemp("scenario-cache")
    saved = os.environ.get(CACHE_DIR_ENV)
    os.environ[CACHE_DIR_ENV] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop(CACHE_DIR_ENV, None)
    else:
        os.environ[CACHE_DIR_ENV] = saved


@pytest.fixture(scope="session")
def tiny_path() -> Path:
    return DATA / "tiny.toml"


@pytest.fixture(scope="session")
def tiny(tiny_path: Path) -> Scenario:
    return load_scenario(tiny_path)
