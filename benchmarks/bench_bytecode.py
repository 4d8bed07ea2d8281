"""Compiled bytecode for the processes a benchmark starts, as an installed copy has it.

An installed CareerQuest has ``.pyc`` files, as its dependencies have in site-packages; a
checkout run with ``PYTHONDONTWRITEBYTECODE`` (as on the project's machines) or from a
read-only tree would compile all of CareerQuest from source in every child process and
charge that to CareerQuest's figures. Imports only the standard library: benchmark child
processes import it too.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager


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
