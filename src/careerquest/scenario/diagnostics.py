"""Located problems in a scenario file, in one format for every tool that reports them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]


def format_key_path(path: KeyPath) -> str:
    """``("events", 3, "choices", 1)`` → ``events[3].choices[1]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        elif text:
            text += f".{part}" if _bare(part) else f'."{part}"'
        else:
            text = part if _bare(part) else f'"{part}"'
    return text


def _bare(key: str) -> bool:
    return bool(key) and all(ch.isalnum() or ch in "_-" for ch in key)


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found before its position is known: the loader locates it in the source."""

    path: KeyPath
    message: str
    code: str
    suggestion: str | None = None
    offset: int | None = None
    severity: Severity = "error"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem at ``file:line:column``, with the key path and a "did you mean" hint."""

    file: str
    line: int
    column: int
    key_path: str
    message: str
    code: str
    severity: Severity = "error"
    suggestion: str | None = None

    def format(self) -> str:
        """One line an editor or terminal can jump to."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}: {self.message}"
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        if self.key_path:
            text += f" (at {self.key_path})"
        return f"{text} [{self.code}]"

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class ScenarioError(Exception):
    """A scenario that cannot be played, with every problem found in it."""

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))
