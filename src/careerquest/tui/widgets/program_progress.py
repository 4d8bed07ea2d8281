"""The program the player is enrolled in, as ``Studying Coding bootcamp 2/3`` and a bar."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label

from careerquest.tui.widgets.meter import Meter


class ProgramProgress(Horizontal):
    """Hidden while the player studies nothing."""

    def compose(self) -> ComposeResult:
        yield Label("", classes="program-label")
        yield Label("", classes="program-count")
        yield Meter()

    def show(self, title: str, done: int, total: int) -> None:
        """``total`` 0 means no program."""
        visible = total != 0
        if visible != self.display:
            self.display = visible
            if not visible and self.parent is not None:
                # Textual may leave a hidden widget's last frame on a terminal (textual#5056):
                # the bar of a program just completed stayed under the trend chart. Repainting
                # the panel it leaves clears it.
                self.parent.refresh()
        if total:
            self.query_one(".program-label", Label).update(f"Studying {title}")
            self.query_one(".program-count", Label).update(f"{done}/{total}")
            self.query_one(Meter).fraction = done / total
