"""Lines that keep their indent when they wrap.

Textual wraps a line of :class:`Content` back to the widget's left edge, so an indented
message that wraps breaks the column it was indented to. :class:`Hanging` indents each line
as a whole, its wrapped parts included, in one widget: a log entry stays one widget however
many lines it has.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Spacing
from textual.strip import Strip
from textual.style import Style
from textual.visual import Padding, RenderOptions, Visual


class Hanging(Visual):
    """``(indent, content)`` lines, each wrapped within the width left by its indent.

    An indent gives way on a screen too narrow for it (while the terminal is resized): every
    line keeps at least one cell for its text.
    """

    def __init__(self, lines: Sequence[tuple[int, Content]]) -> None:
        self.parts = tuple(lines)
        self.plain = "\n".join(" " * indent + content.plain for indent, content in lines)

    def __str__(self) -> str:
        return self.plain

    def _padded(self, width: int) -> list[Padding]:
        return [
            Padding(content, Spacing(0, 0, 0, max(0, min(indent, width - 1))))
            for indent, content in self.parts
        ]

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(
            (
                content.get_optimal_width(rules, container_width) + indent
                for indent, content in self.parts
            ),
            default=0,
        )

    def get_height(self, rules: RulesMap, width: int) -> int:
        if width < 1:
            return 0
        return sum(line.get_height(rules, width) for line in self._padded(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if width < 1:
            return []
        lines = self._padded(width)
        strips = [s for line in lines for s in line.render_strips(width, None, style, options)]
        return strips if height is None else strips[:height]
