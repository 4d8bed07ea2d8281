"""The last few turns, newest first, for screens wide enough to keep history in view."""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widgets import Static

from careerquest.engine.game import TurnRecord
from careerquest.scenario.runtime import Scenario
from careerquest.tui.widgets.format import MUTED_STYLE, event_text

#: More than fit on a tall screen; the rest is in the journal.
LIMIT = 12
INDENT = " " * 9


class RecentTurns(Static):
    """Two lines per turn: the date and what the player did, then the event they answered.

    Lines are cut rather than wrapped (see the CSS), so the columns stay aligned.
    """

    def show(self, scenario: Scenario, history: Sequence[TurnRecord]) -> None:
        if not history:
            self.update(Content.styled("No turns played yet.", MUTED_STYLE))
            return
        lines = []
        for record in reversed(history[-LIMIT:]):
            lines.append(Content.assemble((f"{record.date:<8}", "bold"), " ", record.action_label))
            event = event_text(scenario, record)
            if event:
                lines.append(Content.styled(INDENT + event, MUTED_STYLE))
        self.update(Content("\n").join(lines))
