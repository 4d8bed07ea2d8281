"""Live reload in the app (``careerquest play --watch``): the timer, the worker and the swap.

The file of the game on screen is polled every ``watch_interval`` seconds (see
:mod:`careerquest.tui.watch`); once a change has settled, a thread worker loads it and
replays the choices so far, so a big scenario never freezes the game. A clean file swaps
the rebuilt game in at the same decision (or its new ending); a broken one leaves the last
good game playable under a banner that lists every located problem until a fix is saved.

Reloads happen only while the game's own screen is in front: a journal, a dialog or the
title is never replaced under the player. A change made meanwhile is picked up on return.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from careerquest.engine.game import Game
from careerquest.tui.screens.ending import EndingScreen
from careerquest.tui.screens.game import GameScreen
from careerquest.tui.watch import Broken, ChangeDetector, Reloaded, reload_game
from careerquest.tui.widgets.reload_banner import ReloadBanner

if TYPE_CHECKING:
    from careerquest.tui.app import CareerQuestApp


class LiveReload:
    """Watches the scenario file of whichever game is being played."""

    def __init__(self, app: CareerQuestApp, interval: float) -> None:
        self.app = app
        self._detector: ChangeDetector | None = None
        #: The located problems of the file's latest version; empty while it plays.
        self._problems: tuple[str, ...] = ()
        self._busy = False
        #: Load on the next look whatever the file's stamp says: a new game's file may have
        #: changed while it was loading, or a reload finished after the player moved on.
        self._again = False
        app.set_interval(interval, self.poll, name="live-reload")

    def _screen(self) -> GameScreen | EndingScreen | None:
        """The screen of the game being played, if it is the one in front."""
        # The timer can fire once more while the app closes and its screens are gone.
        if not self.app.is_running or not self.app.screen_stack:
            return None
        screen = self.app.screen
        if isinstance(screen, (GameScreen, EndingScreen)) and screen.game is self.app.game:
            return screen
        return None

    def poll(self) -> None:
        """Look at the file once (the timer's call): load it if it changed and has settled."""
        screen = self._screen()
        if screen is None:
            return
        game = screen.game
        path = Path(game.scenario.path)
        if self._detector is None or self._detector.path != path:
            self._detector = ChangeDetector(path)
            self._problems = ()
            # The file may have changed while the game was loading: check it once now.
            self._again = True
            self.app.notify(
                f"Save {path.name} and the game replays your choices on the new version.",
                title="Watching for changes",
                markup=False,
            )
        self._show_problems(screen)
        if not self._busy and (self._detector.poll() or self._again):
            self._load(game)

    def _load(self, game: Game) -> None:
        self._busy = True
        self._again = False
        scenario, seed, setup, log = game.scenario, game.seed, game.setup, list(game.log)
        rules = game.rules

        def work() -> None:
            result: Reloaded | Broken | None
            try:
                result = reload_game(
                    scenario.path, scenario.source_hash, seed, setup, log, rules=rules
                )
            except Exception as exc:  # a bug in a reload must not end the author's session
                result = Broken((f"{scenario.path}: the reload failed: {exc!r}",))
            self.app.call_from_thread(self._loaded, game, len(log), result)

        self.app.run_worker(work, name="live-reload", group="live-reload", thread=True)

    def _loaded(self, game: Game, choices: int, result: Reloaded | Broken | None) -> None:
        self._busy = False
        screen = self._screen()
        if screen is None or screen.game is not game or len(game.log) != choices:
            self._again = True
            return
        if isinstance(result, Reloaded):
            self._problems = ()
            summary = result.summary(Path(game.scenario.path).name)
            self.app.swap_game(result.game, summary)
            if result.diverged:
                self.app.notify(
                    summary, title="Reloaded", severity="warning", timeout=12, markup=False
                )
            else:
                self.app.notify(summary, title="Reloaded", markup=False)
            return
        if result is None:  # the same text as the game's: a fix that undid the breaking edit
            if self._problems:
                self.app.notify(
                    "The file is back to the version being played.", title="Fixed", markup=False
                )
            self._problems = ()
        else:
            self._problems = result.lines
        self._show_problems(screen)

    def _show_problems(self, screen: GameScreen | EndingScreen) -> None:
        """Keep the banner on the game's screen in step with the file's problems."""
        banners = screen.query(ReloadBanner)
        if not self._problems:
            if banners:
                banners.remove()
            return
        name = Path(screen.game.scenario.path).name
        if banners:
            banners.first().show(name, self._problems)
        else:
            screen.mount(ReloadBanner(name, self._problems), before=0)
