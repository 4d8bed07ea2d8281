"""The game's commands in the command palette (Ctrl+P), next to Textual's own.

Every menu item and key of the shell is here as well, so a player who forgets a key can
type what they want instead. Commands that make no sense at the moment (Save with no game,
Continue with nothing saved) are left out rather than shown and refused.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from careerquest.tui.themes import CHOICES

if TYPE_CHECKING:
    from careerquest.tui.app import CareerQuestApp

Command = tuple[str, str, Callable[[], object]]


class GameCommands(Provider):
    def commands(self) -> list[Command]:
        app = cast("CareerQuestApp", self.app)
        if app.signing_in:
            # Nothing that opens a game or the title: it would play in the shared folder.
            return [*self._reading(app), ("Quit", "Leave without signing in", app.quit_game)]
        game = app.game
        found: list[Command] = [
            ("New game", "Start the default scenario", app.new_game),
            ("Choose a scenario", "Browse every scenario you can play", app.pick_scenario),
        ]
        if game is None and app.latest_in_progress() is not None:
            found.append(("Continue", "Resume your latest game", app.continue_game))
        found.append(("Load a game", "Open a saved game", app.open_load))
        if game is not None and not game.over:
            found.append(("Save the game", "Save to a named slot", partial(app.open_save, game)))
        details = getattr(self.screen, "action_details", None)
        if details is not None:
            found.append(("Option details", "The highlighted option in full", details))
        journal = getattr(self.screen, "action_journal", None)
        if journal is not None:
            found.append(("Journal", "Every turn you have played", journal))
        found += self._reading(app)
        found += [
            ("Back to the title", "Your game is saved first", app.go_title),
            ("Quit", "Your game is saved first", app.quit_game),
        ]
        return found

    @staticmethod
    def _reading(app: CareerQuestApp) -> list[Command]:
        """Help, the glossary and the look of the game: open to anyone at any time."""
        return [
            ("How to play", "Keys, turns, chances, job vs career", app.show_help),
            ("Glossary", "What the game's words mean", app.show_glossary),
            ("Settings", "Theme and where settings live", app.open_settings),
            *(
                (f"Theme: {c.label}", c.description, partial(setattr, app, "theme", c.name))
                for c in CHOICES
            ),
        ]

    async def discover(self) -> Hits:
        for name, text, run in self.commands():
            yield DiscoveryHit(name, run, help=text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, text, run in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=text)
