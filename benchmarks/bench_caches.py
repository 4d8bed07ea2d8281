"""The caches a player's machine has after the first run, for the processes a benchmark starts.

* Bytecode: an installed CareerQuest has ``.pyc`` files, as its dependencies have in
  site-packages; a checkout run with ``PYTHONDONTWRITEBYTECODE`` (as on the project's
  machines) or from a read-only tree would compile all of CareerQuest from source in every
  child process and charge that to CareerQuest's figures.
* Compiled scenarios (``careerquest.scenario.cache``): a scenario played before loads
  without pydantic. Benchmarks give it a temporary folder, never the user's cache.

Imports only the standard library: benchmark child processes import it too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

#: The variable that moves CareerQuest's compiled-scenario cache.
SCENARIO_CACHE_ENV = "CAREERQUEST_CACHE_DIR"


@contextmanager
def scenario_cache() -> Iterator[None]:
    """A temporary compiled-scenario cache for every child process started inside."""
    saved = os.environ.get(SCENARIO_CACHE_ENV)
    with tempfile.TemporaryDirectory(prefix="careerquest_bench_scenarios_") as folder:
        os.environ[SCENARIO_CACHE_ENV] = folder
        try:
            yield
        finally:
            if saved is None:
                os.environ.pop(SCENARIO_CACHE_ENV, None)
            else:
                os.environ[SCENARIO_CACHE_ENV] = saved


@contextmanager
def bytecode_cache() -> Iterator[None]:
    """Let child processes keep compiled bytecode, in a temporary folder.

    The cache is warmed by each benchmark's discarded first runs and deleted afterwards, so
    nothing is written to the checkout.
    """
    saved = {
        name: os.environ.get(name) for name in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")
    }
    with tempfile.TemporaryDirectory(prefix="careerquest_bench_pyc_") as folder:
        os.environ["PYTHONPYCACHEPREFIX"] = folder
        os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
        try:
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
