"""A one-line bar for a value within known bounds: a stat, or a program's progress."""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

_PARTS = " ▏▎▍▌▋▊▉"


class Meter(Widget):
    """Full blocks for the filled part and shade for the rest, so it reads without colour.

    The filled part takes the widget's ``color``; the rest, the ``meter--empty`` component.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {"meter--empty"}

    fraction: reactive[float] = reactive(0.0)
    """How full the bar is, from 0 to 1."""

    def __init__(self, fraction: float = 0.0, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fraction = fraction

    def validate_fraction(self, fraction: float) -> float:
        return min(1.0, max(0.0, fraction))

    def render(self) -> Content:
        filled, empty = bar(self.fraction, self.content_size.width)
        return Content.assemble(
            filled, (empty, self.get_visual_style("meter--empty", partial=True))
        )


def bar(fraction: float, width: int) -> tuple[str, str]:
    """The filled and the empty part of a bar ``width`` cells long, in eighths of a cell."""
    full, part = divmod(round(fraction * width * 8), 8)
    filled = "█" * full + (_PARTS[part] if part else "")
    # Any progress at all shows at least a sliver: 1% must not look like nothing.
    if not filled and fraction > 0 and width:
        filled = _PARTS[1]
    return filled, "░" * (width - len(filled))
