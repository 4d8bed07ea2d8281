"""The panel that tells an author why their last save of the scenario did not reload.

It sits above the game, never takes the focus (the keys keep playing the last version that
worked), scrolls with the mouse when there are many problems, and goes away by itself once
the file is fixed.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from careerquest.engine.words import counted


class ReloadBanner(Static, can_focus=False):
    DEFAULT_CSS = """
    ReloadBanner {
        height: auto;
        max-height: 8;
        overflow-y: auto;
        padding: 0 1;
        border-left: outer $error;
        background: $error-muted;
        color: $foreground;
    }
    """

    def __init__(self, file: str, lines: tuple[str, ...]) -> None:
        super().__init__()
        self.lines: tuple[str, ...] = ()
        self.show(file, lines)

    def show(self, file: str, lines: tuple[str, ...]) -> None:
        """``lines`` are the located problems, ``file:line:column: message``."""
        if lines == self.lines:
            return
        self.lines = lines
        count = len(lines)
        heading = Content.styled(
            f"{counted(count, 'problem')} in {file}: playing the last good "
            "version until a fix is saved.",
            "bold",
        )
        self.update(Content("\n").join([heading, *(Content(line) for line in lines)]))
