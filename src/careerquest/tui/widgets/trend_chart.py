"""A small block chart of one stat over the turns, with its top and bottom labelled.

Textual's Sparkline stretches whatever data it has across its width and scales it from the
data's own minimum to its maximum. Here the x axis is the whole game (so an unfinished game
leaves room on the right), a percent stat is drawn on its true 0-100 scale, and any other
scale reaches down to zero, as a bar chart's must: a rise of two points, or of $65 on
$1,865, does not look like a leap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

_BLOCKS = " ▁▂▃▄▅▆▇█"


class TrendChart(Widget):
    """Values drawn as columns of blocks, ``height`` rows tall, with min/max axis labels.

    Component classes: ``trend-chart--axis`` for the labels and the axis line.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"trend-chart--axis"}

    values: reactive[tuple[int, ...]] = reactive(())
    """The series, one value per point, oldest first."""

    def __init__(
        self,
        *,
        span: int,
        low: int | None = None,
        high: int | None = None,
        label: Callable[[int], str] = str,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """``span`` points fill the width; ``low``/``high`` fix the scale, else the data's
        range, stretched to take in zero."""
        super().__init__(id=id, classes=classes)
        self.span = max(span, 1)
        self.low = low
        self.high = high
        self.label = label

    def scale(self) -> tuple[int, int]:
        """The value at the bottom and at the top of the chart."""
        values = self.values or (0,)
        low = min(*values, 0) if self.low is None else self.low
        high = max(*values, 0) if self.high is None else self.high
        return low, max(high, low)

    def render(self) -> Content:
        low, high = self.scale()
        top, bottom = self.label(high), self.label(low)
        if top == bottom:  # one value so far, or a range the labels round away: say it once
            top = ""
        gutter = max(len(top), len(bottom))
        rows = max(self.content_size.height, 1)
        width = max(self.content_size.width - gutter - 1, 1)
        columns = _resample(self.values, self.span, width)
        eighths = rows * 8
        heights = [
            None if v is None else max(1, round((v - low) / max(high - low, 1) * eighths))
            for v in columns
        ]
        axis = self.get_visual_style("trend-chart--axis", partial=True)
        lines: list[Content] = []
        for row in range(rows):
            floor = (rows - 1 - row) * 8
            text = "".join(
                " " if h is None else _BLOCKS[min(8, max(0, h - floor))] for h in heights
            )
            if row == 0 and top:
                mark = top.rjust(gutter) + "┤"
            elif row == rows - 1:
                mark = bottom.rjust(gutter) + "┤"
            else:
                mark = " " * gutter + "│"
            lines.append(Content.assemble((mark, axis), text))
        return Content("\n").join(lines)


def _resample(values: Sequence[int], span: int, width: int) -> list[int | None]:
    """One value per column, or ``None`` for turns not played yet.

    Column ``c`` stands for the points from ``c * span // width`` up to the next column's
    first: a few columns per point when there is room, a sample when there is not. Each
    column shows the latest played point it stands for, so the chart ends on the present.
    """
    columns: list[int | None] = []
    for c in range(width):
        first = c * span // width
        last = max(first, (c + 1) * span // width - 1)
        columns.append(values[min(last, len(values) - 1)] if first < len(values) else None)
    return columns
