"""What every shell screen shares: the band at the top, the way back, the too-small notice.

Every screen outside the game wears the same masthead and leaves with Escape, so a player
always knows where they are and how to get out, whichever screen they reached first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

if TYPE_CHECKING:
    from careerquest.tui.app import CareerQuestApp

#: From this many columns, screens spread out (the app's ``-wide`` breakpoint).
WIDE = 120


def display_path(path: str | Path) -> str:
    """A path as a player would want to read it: relative to here, or to their home."""
    path = Path(path)
    if not path.is_absolute():
        return str(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + str(path.relative_to(base))
        except ValueError:
            continue
    return str(path)


def sentence(text: str) -> str:
    """The engine's and the store's messages are clauses; show them as sentences."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


class Masthead(Static):
    """One line: the game's name, then where the player is."""

    def __init__(self, where: str) -> None:
        super().__init__(
            Content.from_markup("[b]CareerQuest[/b] [dim]›[/dim] $where", where=where),
            classes="masthead",
        )


class AppScreen(Screen[None]):
    """A screen that calls the CareerQuest app's own API (``self.app`` is typed as any app)."""

    @property
    def game_app(self) -> CareerQuestApp:
        return cast("CareerQuestApp", self.app)


class ShellScreen(AppScreen):
    """A screen of the shell: Escape goes back to the one below it.

    Its styles are read when the first shell screen opens, not with the app's: the title
    comes up sooner without them.
    """

    CSS_PATH = "../shell.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="shell.back"),
    ]

    def action_back(self) -> None:
        self.dismiss()


class TooSmallScreen(ModalScreen[None]):
    """Covers everything while the terminal is too small for the layout to make sense."""

    def __init__(self, min_width: int, min_height: int) -> None:
        super().__init__()
        self.min_width = min_width
        self.min_height = min_height

    def compose(self) -> ComposeResult:
        yield Static(self._text(), id="too-small-text")

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#too-small-text", Static).update(self._text())

    def on_screen_resume(self) -> None:
        # Something pushed over the notice may have been closed after the terminal grew.
        cast("CareerQuestApp", self.app).check_size()

    def _text(self) -> Content:
        width, height = self.app.size
        return Content.from_markup(
            "[b]Terminal too small[/b]\n\n"
            "CareerQuest needs at least [b]$need[/b]; now $now.\n"
            "Make the window bigger or the font smaller.",
            need=f"{self.min_width}×{self.min_height}",
            now=f"{width}×{height}",
        )
