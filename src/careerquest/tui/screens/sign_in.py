"""Sign-in: who is playing, when a class shares one save folder (``play --sign-in``, and
every game ``careerquest serve`` runs in a browser).

Each player's saves go to a folder of their own named after them, so one student's
autosave never overwrites another's, Continue finds their own game again, even in a new
browser tab, and the teacher finds each result under its owner's name. There is no way
past this screen but a name: a game played without one would write into the shared folder.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from careerquest.saves import SaveError, player_folder
from careerquest.tui.screens.chrome import sentence
from careerquest.tui.screens.title import PITCH, logo

WHY = (
    "Your games are saved under your name: type the same name next time to continue. "
    "Your teacher collects the results from there."
)


class SignInScreen(Screen[str]):
    """Asks for the player's name and returns it, stripped and never empty."""

    CSS_PATH = "../shell.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "sign_in", "Sign in", id="sign_in.go"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="sign-in-stage"):
            yield Static(logo(), id="logo")
            yield Static(PITCH, id="pitch")
            with Center(), Vertical(id="sign-in-card"):
                yield Static(
                    "Who is playing? Type your name and press Enter.", classes="dialog-title"
                )
                yield Static(WHY, classes="dialog-text")
                yield Input(placeholder="Your name", max_length=40, id="player-name")
                yield Static("", id="sign-in-problem")
        yield Footer()

    def on_mount(self) -> None:
        name = self.query_one("#player-name", Input)
        name.cursor_blink = self.app.animation_level != "none"
        name.focus()

    @on(Input.Changed, "#player-name")
    def _forget_problem(self) -> None:
        self.query_one("#sign-in-problem", Static).update("")

    @on(Input.Submitted, "#player-name")
    def action_sign_in(self) -> None:
        if not self.is_current:  # a second Enter, come before the first one's dismissal
            return
        name = " ".join(self.query_one("#player-name", Input).value.split())
        problem = "Type your name first." if not name else ""
        if name:
            try:
                player_folder(name)
            except SaveError as exc:
                problem = sentence(str(exc))
        if problem:
            self.query_one("#sign-in-problem", Static).update(problem)
            return
        self.dismiss(name)
