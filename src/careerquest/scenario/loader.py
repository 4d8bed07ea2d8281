"""Load or check a scenario file: from the compiled-scenario cache when it has this very
file, otherwise by checking it in full (:mod:`.validate`), which reports every problem at
once.

Checking needs pydantic and the models, the slowest import in CareerQuest, so this module
imports them only when a file must be checked, and the compiled form only when a file is
loaded. A bad scenario never raises anything but
:class:`ScenarioError`, whose text is for people.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from careerquest.scenario.diagnostics import Diagnostic, ScenarioError

if TYPE_CHECKING:
    from careerquest.scenario.runtime import Scenario

MAX_FILE_BYTES = 2_000_000


def load_scenario(path: str | Path) -> Scenario:
    """Load and compile a scenario file, or raise ScenarioError listing every problem."""
    scenario, diagnostics = check_file(path)
    if scenario is None:
        raise ScenarioError(diagnostics)
    return scenario


def check_file(path: str | Path) -> tuple[Scenario | None, list[Diagnostic]]:
    """Read a file and check it: the scenario (None on any error) and all diagnostics.

    A file that checked clean before, byte for byte, comes from the cache with no
    diagnostics, which is exactly what checking it again would give: the checker reports
    nothing but errors, and an entry exists only for a file that had none.
    """
    data = read_file(path)
    if isinstance(data, Diagnostic):
        return None, [data]
    return check_data(path, data)


def check_data(path: str | Path, data: bytes) -> tuple[Scenario | None, list[Diagnostic]]:
    """:func:`check_file` on bytes already read from ``path``."""
    from careerquest.scenario import cache

    cached = cache.recall(data, str(path))
    if cached is not None:
        return cached, []
    scenario, diagnostics = _check(path, data)
    if scenario is not None and not diagnostics:
        cache.remember(data, scenario)
    return scenario, diagnostics


def check_source(source: str, name: str = "<scenario>") -> tuple[Scenario | None, list[Diagnostic]]:
    """Check scenario text; ``name`` is the file name used in diagnostics."""
    from careerquest.scenario.validate import check_source as check

    return check(source, name)


def read_file(path: str | Path) -> bytes | Diagnostic:
    """A scenario file's bytes, or the diagnostic saying why they cannot be had."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Diagnostic(name, 1, 1, "", f"cannot read the file: {exc.strerror}", "io")
    if len(data) > MAX_FILE_BYTES:
        return Diagnostic(name, 1, 1, "", "the file is larger than 2 MB", "io")
    return data


def _check(path: str | Path, data: bytes) -> tuple[Scenario | None, list[Diagnostic]]:
    try:
        source = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        message = "the file is not valid UTF-8 text"
        return None, [Diagnostic(str(path), line, 1, "", message, "encoding")]
    return check_source(source, str(path))
