"""The log's hanging lines: their height agrees with what they draw, at every width."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style
from textual.visual import RenderOptions

from careerquest.tui.widgets.hanging import Hanging


def test_every_width_draws_as_many_lines_as_it_measures_and_never_fails() -> None:
    """Dragging a window edge passes through widths narrower than the indent."""
    entry = Hanging([(0, Content("Q1 2027 · You chose")), (2, Content("a message that wraps"))])
    options = RenderOptions(get_style=Style.parse, rules={})
    for width in range(40):
        strips = entry.render_strips(width, None, Style(), options)
        assert len(strips) == entry.get_height({}, width), width
        assert all(strip.cell_length <= width for strip in strips), width


def test_wrapped_lines_keep_their_indent() -> None:
    entry = Hanging([(0, Content("Heading")), (2, Content("one two three four"))])
    options = RenderOptions(get_style=Style.parse, rules={})
    lines = [s.text.rstrip() for s in entry.render_strips(10, None, Style(), options)]
    assert lines == ["Heading", "  one two", "  three", "  four"]
