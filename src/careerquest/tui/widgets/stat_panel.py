"""Every shown stat as a labelled bar with its value and its change over the last turn."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from careerquest.engine.money import stat_value
from careerquest.scenario.runtime import Scenario, StatDef
from careerquest.tui.widgets.format import (
    delta_content,
    fit,
    group_title,
)
from careerquest.tui.widgets.meter import bar

#: How long a changed row stays highlighted, in seconds; off when animations are off.
FLASH_SECONDS = 1.5
#: Cells kept after the bar for the value and its change (``100% ▲+10``).
BOUNDED_TAIL = 9
#: The value's column: ``100%`` at the most.
VALUE_WIDTH = 4
#: The shortest bar worth drawing; labels are cut before the bar gets shorter.
MIN_BAR = 5
#: Cells kept for a change of money (``▼-$12,400``), so money values line up.
OPEN_TAIL = 9


class StatRow(Widget):
    """One stat on one line: label, bar (for a bounded stat), value, change.

    Drawn as a single line of text rather than a row of widgets: the panel updates after
    every decision, and redrawing a line is far cheaper than laying out four widgets. For
    the same reason a change is marked in the drawing, not with CSS classes, which would
    restyle the row (most of the panel's time per keypress). Component classes:
    ``stat-row--bar`` and ``stat-row--empty`` for the two parts of the bar;
    ``stat-row--good`` and ``stat-row--bad`` for the whole line while it flashes, by whether
    the change is good news for the stat (a rise, or for debt a fall).
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "stat-row--bar",
        "stat-row--empty",
        "stat-row--good",
        "stat-row--bad",
    }

    def __init__(self, stat: StatDef, currency: str, label_width: int) -> None:
        super().__init__(id=f"stat-{stat.id}")
        self.stat = stat
        self.currency = currency
        self.label_width = label_width
        self.bounded = _bounded(stat)
        self.value = stat.start
        self.delta = 0
        #: Whether the line is highlighted for a change just made.
        self.flashing = False
        self.tooltip = stat.description or None

    def show(self, value: int, delta: int, *, flash: bool = False) -> None:
        """Show ``value`` and its ``delta``; ``flash`` highlights a change (when there is one)."""
        flashing = flash and delta != 0
        if (value, delta, flashing) != (self.value, self.delta, self.flashing):
            self.value, self.delta, self.flashing = value, delta, flashing
            self.refresh()

    def end_flash(self) -> None:
        if self.flashing:
            self.flashing = False
            self.refresh()

    def render(self) -> Content:
        stat, width = self.stat, self.content_size.width
        value_style = "bold" if self.delta else ""
        delta = delta_content(stat, self.delta, self.currency)
        if stat.kind == "money":
            # Money has no top and wide values: no bar, and the values line up on the right.
            value = stat_value(stat.kind, self.value, self.currency)
            tail = max(OPEN_TAIL, delta.cell_length)
            label = fit(stat.label, width - len(value) - tail - 2)
            gap = width - len(label) - len(value) - 1 - tail
            line = Content.assemble(label, " " * max(gap, 1), (value, value_style), " ", delta)
            return self._flash(line, width)
        head_width = width - BOUNDED_TAIL - 1
        if self.bounded:
            assert stat.low is not None
            assert stat.high is not None
            label_width = min(self.label_width, max(head_width - 1 - MIN_BAR, 4))
            filled, empty = bar(
                (self.value - stat.low) / (stat.high - stat.low), head_width - label_width - 1
            )
            head = Content.assemble(
                fit(stat.label, label_width).ljust(label_width),
                " ",
                (filled, self.get_visual_style("stat-row--bar", partial=True)),
                (empty, self.get_visual_style("stat-row--empty", partial=True)),
            )
        else:  # a count: no top to fill towards, but its value keeps the column
            head = Content(fit(stat.label, head_width).ljust(head_width))
        # A percent stat reads "46%" here as in the journal, the charts and plain play.
        value = stat_value(stat.kind, self.value, self.currency).rjust(VALUE_WIDTH)
        line = Content.assemble(head, " ", (value, value_style), " ", delta)
        return self._flash(line, width)

    def _flash(self, line: Content, width: int) -> Content:
        """The whole line on the good- or bad-news colour while it flashes."""
        if not self.flashing:
            return line
        part = "stat-row--good" if self.stat.improves(self.delta) else "stat-row--bad"
        style = self.get_visual_style(part, partial=True)
        return line.pad_right(max(0, width - line.cell_length)).stylize(style)


class StatPanel(Vertical):
    """The player's stats, grouped by the scenario's stat groups; hidden stats stay hidden."""

    def __init__(self, scenario: Scenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.shown = [stat for stat in scenario.stats if not stat.hidden]

    def compose(self) -> ComposeResult:
        groups = [(g, list(stats)) for g, stats in groupby(self.shown, key=lambda s: s.group)]
        # Only rows with a bar need their labels aligned.
        label_width = max((len(s.label) for s in self.shown if _bounded(s)), default=0)
        for group, stats in groups:
            if len(groups) > 1:
                yield Static(group_title(group), classes="stat-group")
            for stat in stats:
                yield StatRow(stat, self.scenario.currency, label_width)

    def show(self, values: Sequence[int], before: Sequence[int], *, flash: bool) -> None:
        """Show ``values``, each with its change since ``before``; ``flash`` marks the moved."""
        for row in self.query(StatRow):
            index = row.stat.index
            delta = values[index] - before[index]
            row.show(values[index], delta, flash=flash)
        if flash:
            self.set_timer(FLASH_SECONDS, self._end_flash)

    def _end_flash(self) -> None:
        for row in self.query(StatRow):
            row.end_flash()


def _bounded(stat: StatDef) -> bool:
    """Whether the stat has a top and a bottom, and so a bar."""
    return stat.low is not None and stat.high is not None and stat.high > stat.low
