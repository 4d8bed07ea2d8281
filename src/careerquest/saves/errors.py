"""The one exception the saves package raises, so front ends can show it instead of crashing.

Every problem with a save — a bad slot name, a corrupt or foreign file, a scenario edited since
the save was made, a disk that refused the write — becomes a :class:`SaveError` whose text is
for people: it names the file (when there is one) and says what is wrong.
"""

from __future__ import annotations

from pathlib import Path


class SaveError(Exception):
    """A save that cannot be written, read or restored; ``str()`` is a sentence for players."""

    def __init__(self, problem: str, path: str | Path | None = None) -> None:
        self.problem = problem
        self.path = Path(path) if path is not None else None
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)
