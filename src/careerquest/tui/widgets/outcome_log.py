"""What happened: each decision's messages and stat changes, and each new turn's upkeep.

A choice's effects and the calendar's (pay, costs, study) are separate entries, so the
player can always tell what their decision did.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from careerquest.engine.game import Change
from careerquest.scenario.runtime import Scenario
from careerquest.tui.widgets.format import changes_content
from careerquest.tui.widgets.hanging import Hanging

#: Older entries are dropped: the journal keeps the whole story.
MAX_ENTRIES = 30


#: Messages and changes sit this far right of their heading, wrapped lines included.
INDENT = 2


def entry_content(
    heading: str, messages: Sequence[str], changes: Sequence[Change], scenario: Scenario
) -> Hanging:
    """A heading, the engine's messages, then every shown stat that moved."""
    lines = [(0, Content.styled(heading, "bold"))]
    lines += [(INDENT, Content(message)) for message in messages]
    stats = [(scenario.stat(c.stat), c.delta) for c in changes]
    shown = [(stat, delta) for stat, delta in stats if not stat.hidden]
    if shown:
        lines.append((INDENT, changes_content(shown, scenario.currency)))
    elif not messages:
        lines.append((INDENT, Content.styled("Nothing changed.", "italic")))
    return Hanging(lines)


class OutcomeLog(VerticalScroll):
    """A short, scrolling log; the newest entries are at the bottom.

    New entries are scrolled into view from their top: a decision's entry comes before the
    next turn's upkeep, and on a short screen showing the end of the log would show only the
    upkeep, leaving the player to scroll up to learn what their choice did.
    """

    def add(self, *entries: tuple[Content | Hanging, str]) -> None:
        """Append entries of ``(content, kind)``; the kind (``choice``, ``upkeep``, ``info``)
        becomes a CSS class, and the entries added last are marked ``-latest``."""
        self.query(".-latest").remove_class("-latest")
        new = [Static(text, classes=f"log-entry -{kind} -latest") for text, kind in entries]
        self.mount_all(new)
        old = list(self.query(".log-entry"))
        for widget in old[: max(0, len(old) - MAX_ENTRIES)]:
            widget.remove()
        if new:
            self._show_from(new[0])

    def on_resize(self) -> None:
        # A new size rewraps every entry: the latest would drift out of view.
        latest = self.query(".-latest")
        if latest:
            self._show_from(latest.first())

    def _show_from(self, entry: Widget) -> None:
        """Scroll ``entry`` to the top of the view once laid out (only then are the
        entries' heights and the log's own known)."""
        self.call_after_refresh(
            self.scroll_to_widget, entry, top=True, animate=False, immediate=True
        )
