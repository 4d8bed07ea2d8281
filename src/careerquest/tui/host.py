"""What the game screens need from the app around them.

The game, journal and ending screens call these through ``self.app``; the app implements
them. Keeping the contract this narrow lets the screens be tested on their own (with a
small host in the tests) and lets the app change how saving or navigation works without
touching them.
"""

from __future__ import annotations

from typing import Protocol

from careerquest.engine.game import Game


class GameHost(Protocol):
    def autosave(self, game: Game) -> None:
        """Called after every completed turn and when the game ends."""

    def open_save(self, game: Game) -> None:
        """The player pressed ``s``: let them save to a named slot."""

    def play_again(self, game: Game) -> None:
        """Set up a new game of the same scenario, the last setup chosen, a fresh seed."""

    def go_title(self) -> None:
        """Back to the title screen."""

    def show_help(self) -> None:
        """The player pressed ``?``."""

    def show_glossary(self) -> None:
        """The scenario's glossary plus the game's own terms."""
