"""Everything about one option, for a screen too narrow to show it in the list.

Below :data:`~careerquest.tui.screens.chrome.WIDE` columns the list shows labels only, and
the line under it only the first lines of the highlighted option's description: a role's
benefits or a program's loan terms can be cut off. ``i`` on the game screen opens this
dialog with the whole of it: the check and its chance, why it is locked, what taking it
commits the player to, and the description. The player takes the option from here, or goes
back to the list.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from careerquest.engine.game import Option
from careerquest.tui.widgets.choice_list import CHECK_STYLE, check_text


class OptionDetailsScreen(ModalScreen[bool]):
    """One option in full; dismissed with ``True`` when the player takes it."""

    CSS_PATH = ["../widgets.tcss", "../game.tcss"]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,i", "back", "Back", id="details.back"),
        Binding("left", "app.focus_previous", "Previous", show=False, id="details.previous"),
        Binding("right", "app.focus_next", "Next", show=False, id="details.next"),
        # The buttons have the focus; the keys that read on still scroll a long text.
        *(
            Binding(key, f"read('{way}')", f"Scroll {way}", show=False, id=f"details.{way}")
            for key, way in (
                ("up", "up"),
                ("down", "down"),
                ("pageup", "page_up"),
                ("pagedown", "page_down"),
                ("home", "home"),
                ("end", "end"),
            )
        ),
    ]

    def __init__(self, option: Option) -> None:
        super().__init__()
        self.option = option

    def compose(self) -> ComposeResult:
        option = self.option
        with Vertical(id="details-dialog"):
            yield Label(Content(option.label), id="details-title")
            with VerticalScroll(id="details-text"):
                yield Static(details(option))
            with Horizontal(id="details-buttons"):
                if option.available:
                    yield Button("Choose (⏎)", variant="primary", id="take")
                yield Button("Back (esc)", id="back")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    def action_read(self, way: str) -> None:
        getattr(self.query_one("#details-text", VerticalScroll), f"scroll_{way}")()

    @on(Button.Pressed, "#take")
    def _take(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#back")
    def action_back(self) -> None:
        self.dismiss(False)


def details(option: Option) -> Content:
    """The check, the lock, the commitment and the description, a paragraph each."""
    parts: list[Content] = []
    if option.check is not None:
        parts.append(Content.styled(check_text(option), CHECK_STYLE))
    if not option.available:
        parts.append(Content.styled(f"Locked: {option.locked_reason}", "italic"))
    if option.commitment:
        parts.append(Content.styled(f"Taking it: {option.commitment}", "bold"))
    if option.description:
        parts.append(Content(option.description))
    if not parts:
        parts.append(Content.styled("Nothing more to say about this one.", "italic"))
    return Content("\n\n").join(parts)
