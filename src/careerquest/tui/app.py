"""The CareerQuest application: the shell around the game and the one factory that builds it.

The CLI and the tests build the app the same way, with :func:`create_app`, so what the tests
drive is what players run. The app owns navigation (the title is always at the bottom of the
stack), saving (every game in progress is autosaved before the player leaves it), slow work
(scenario files and saves are loaded in a thread behind a loading screen, so a big scenario
never freezes the terminal) and the player's settings. The game screens reach it only
through :class:`~careerquest.tui.host.GameHost`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import Reactive
from textual.screen import Screen
from textual.theme import Theme

from careerquest import catalog
from careerquest.engine.errors import GameError
from careerquest.engine.rules import RULES
from careerquest.engine.setup import DEFAULT_SEED, Setup
from careerquest.engine.words import counted
from careerquest.saves import (
    OutdatedSave,
    Restored,
    SaveError,
    SaveInfo,
    SaveStore,
    player_save_dir,
)
from careerquest.saves.store import newest_unfinished
from careerquest.tui import themes
from careerquest.tui.commands import GameCommands
from careerquest.tui.screens.chrome import WIDE, TooSmallScreen
from careerquest.tui.screens.title import TitleScreen
from careerquest.tui.settings import (
    PLAYER_SETTINGS_FILE,
    Settings,
    default_settings_path,
    load_settings,
    save_settings,
)

if TYPE_CHECKING:
    # The title screen needs neither the engine nor a scenario: both load with the first game.
    from careerquest.engine.game import Game
    from careerquest.scenario.runtime import Scenario
    from careerquest.tui.live_reload import LiveReload

MIN_WIDTH, MIN_HEIGHT = 80, 24
T = TypeVar("T")


class CareerQuestApp(App[None]):
    """The game's shell. It implements :class:`~careerquest.tui.host.GameHost`."""

    CSS_PATH = "app.tcss"
    TITLE = "CareerQuest"
    COMMANDS = App.COMMANDS | {GameCommands}
    #: Screens get ``-wide`` from 120 columns so layouts can use the room. (Textual types
    #: this as an instance attribute, so a ClassVar annotation would not type-check.)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    #: The game's own look from the very start: Textual reads the stylesheet with it, where
    #: a theme set after start-up would make it parse all of the CSS a second time (a tenth
    #: of the launch). A player who chose another theme still gets it, at that cost.
    theme: Reactive[str] = Reactive(themes.DEFAULT)
    _known_themes: dict[str, Theme] | None = None
    BINDINGS: ClassVar[list[BindingType]] = [
        # Hidden like Textual's own: screens list their own way out, and the game's footer
        # is full. The help screen names Ctrl+Q.
        Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit", priority=True),
        # Not in the footer's list: the footer shows the palette key at its right end.
        Binding(
            "ctrl+p", "command_palette", "Commands", show=False, id="app.commands", priority=True
        ),
        Binding("question_mark", "help", "Help", id="app.help"),
    ]

    def __init__(
        self,
        *,
        scenario: str | None,
        seed: int | None,
        save_dir: Path,
        replay: list[str] | None,
        watch: bool,
        setup: Setup | None,
        settings_path: Path,
        sign_in: bool = False,
        rules: int = RULES,
    ) -> None:
        super().__init__()
        self.start_scenario = scenario
        self.seed = seed
        self.store = SaveStore(save_dir)
        #: ``--sign-in``: the folder a class shares, where each player signs in to a folder
        #: of their own; ``None`` when the save folder is the player's alone.
        self.class_dir: Path | None = save_dir if sign_in else None
        #: The name the player signed in with.
        self.player: str | None = None
        #: The title menu's item to highlight when it next comes up, instead of New game.
        self.title_choice: str | None = None
        self.replay_log = replay
        #: The rules the ``replay`` choices were played by.
        self.replay_rules = rules
        #: ``--watch``: reload the game's scenario file when it changes (authors' live reload).
        self.watch_path_enabled = watch
        #: Seconds between two looks at the watched file; a change is loaded once two looks
        #: agree, so within a second. Tests shorten it.
        self.watch_interval = 0.5
        #: What watches the file once the app runs with ``watch``.
        self.live_reload: LiveReload | None = None
        #: The setup asked for on the command line: its name fills the setup screen, and a
        #: replay uses all of it (a different background or goal is a different game).
        self.start_setup = setup
        self.settings_path = settings_path
        self.settings, self._settings_problem = load_settings(settings_path)
        #: The scenario that "New game" and Enter on the title start: the bundled default,
        #: then the scenario of the game played last (:meth:`start_game`).
        self.default_scenario = catalog.DEFAULT_SCENARIO
        #: The folder of the player's own scenarios; ``None`` is ``./scenarios``.
        self.scenarios_dir: Path | None = None
        #: Now, as an aware datetime: stamps saves and shows their times (tests fix it).
        self.clock: Callable[[], datetime] = lambda: datetime.now().astimezone()
        #: The game being played, so it can be autosaved whenever the player leaves it.
        self.game: Game | None = None
        for theme in themes.REGISTERED:
            self.register_theme(theme)
        wanted = self.settings.theme
        self.theme = wanted if wanted in self.available_themes else themes.DEFAULT

    @property
    def available_themes(self) -> dict[str, Theme]:
        return dict(self._themes_by_name())

    def get_theme(self, theme_name: str) -> Theme | None:
        # Textual looks the theme up by name for every segment it draws in an ANSI colour,
        # hundreds of times a keypress; its own lookup copies the registry each time.
        if "," in theme_name:  # a list of names to choose from: rare, and Textual's to parse
            return super().get_theme(theme_name)
        return self._themes_by_name().get(theme_name)

    def register_theme(self, theme: Theme) -> None:
        super().register_theme(theme)
        self._known_themes = None

    def unregister_theme(self, theme_name: str) -> None:
        super().unregister_theme(theme_name)
        self._known_themes = None

    def _themes_by_name(self) -> dict[str, Theme]:
        """Textual's themes and ours, remembered until a theme is (un)registered.

        Ours are in it before ``__init__`` can register them, for the class's default theme.
        """
        known = self._known_themes
        if known is None:
            known = {**super().available_themes, **{t.name: t for t in themes.REGISTERED}}
            self._known_themes = known
        return known

    # ---------------------------------------------------------------- startup

    def get_default_screen(self) -> Screen[Any]:
        # The breakpoint class Textual would give the title on its first resize, given now:
        # that resize then changes no class and restyles nothing (a hundredth of the launch).
        width = self.size.width
        _, name = max(b for b in self.HORIZONTAL_BREAKPOINTS or [] if b[0] <= width)
        return TitleScreen(classes=name)

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self._settings_problem:
            self.notify(self._settings_problem, severity="warning", markup=False)
        if self.watch_path_enabled:
            from careerquest.tui.live_reload import LiveReload

            self.live_reload = LiveReload(self, self.watch_interval)
        if self.class_dir is not None:
            from careerquest.tui.screens.sign_in import SignInScreen

            self.push_screen(SignInScreen(), self._signed_in)
        else:
            self._open_start()
        self.call_after_refresh(self.check_size)

    @property
    def signing_in(self) -> bool:
        """Whether the sign-in is still to come: until then, nothing may open a game."""
        return self.class_dir is not None and self.player is None

    def _open_start(self) -> None:
        """What the command line asked to open over the title: a scenario's setup, or a replay."""
        if self.start_scenario is not None:
            if self.replay_log is not None:
                self._replay(self.start_scenario, self.replay_log)
            else:
                self.new_game(self.start_scenario)

    def _signed_in(self, name: str | None) -> None:
        """From now on, saves are the player's own, and their name fills the setup. A
        returning player finds their game in progress first, not a new game's setup."""
        assert name
        assert self.class_dir is not None
        folder = player_save_dir(self.class_dir, name)
        self.store = SaveStore(folder)
        saves = self.saved_games()
        # "zoë ünal" today is the "Zoë Ünal" of the saves: one spelling for the teacher.
        self.player = name = saves[0].player if saves else name
        self.start_setup = replace(self.start_setup or Setup(), name=name)
        # The theme is the player's too: a class shares one machine's settings otherwise,
        # and one student's high contrast would become the next one's.
        self.settings_path = folder / PLAYER_SETTINGS_FILE
        if self.settings_path.exists():
            self.settings, problem = load_settings(self.settings_path)
            if problem:
                self.notify(problem, severity="warning", markup=False)
            elif self.settings.theme in self.available_themes:
                self.theme = self.settings.theme
        if self.replay_log is None and newest_unfinished(saves) is not None:
            self.title_choice = "continue"
        else:
            self._open_start()

    def on_resize(self, event: events.Resize) -> None:
        # Runs before Textual's own handler has updated ``self.size``.
        self.check_size(event.size)

    def check_size(self, size: Size | None = None) -> None:
        """Cover the screen with a notice while the terminal is below 80×24."""
        width, height = size or self.size
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        on_top = isinstance(self.screen, TooSmallScreen)
        if small and not on_top:
            self.push_screen(TooSmallScreen(MIN_WIDTH, MIN_HEIGHT))
        elif on_top and not small:
            self.pop_screen()

    # ------------------------------------------------------------- navigation

    async def _goto(self, *screens: Screen[Any]) -> None:
        """Leave whatever is open (saving a game in progress) for the title plus ``screens``."""
        self._save_progress()
        self.game = None
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        for screen in screens:
            await self.push_screen(screen)
        self.check_size()

    def goto(self, *screens: Screen[Any]) -> None:
        self.call_later(self._goto, *screens)

    def go_title(self) -> None:
        self.goto()

    # The screens past the title are imported when first shown, and the scenario loader (and
    # pydantic with it) in the background jobs that load a scenario: the title comes up sooner.

    def pick_scenario(self) -> None:
        from careerquest.tui.screens.picker import ScenarioPickerScreen

        self.push_screen(
            ScenarioPickerScreen(catalog.scenarios(self.scenarios_dir), self.default_scenario)
        )

    def new_game(self, ref: str | Path | None = None) -> None:
        """Load a scenario (the default one without ``ref``) and open its setup over the
        current screen, so that Escape goes back there (the picker, or a game in progress)."""
        from careerquest.scenario.loader import load_scenario

        name = str(ref or self.default_scenario)
        self._in_background(
            f"Opening {Path(name).stem}…",
            lambda: load_scenario(catalog.resolve(name, self.scenarios_dir)),
            lambda scenario: self.call_later(self._open_setup, scenario),
        )

    async def _open_setup(self, scenario: Scenario) -> None:
        from careerquest.tui.screens.setup import SetupScreen

        await self.push_screen(SetupScreen(scenario, preset=self.start_setup, seed=self.seed))
        self.check_size()

    def start_game(self, game: Game, *, note: str = "") -> None:
        """Show ``game`` over the title: its game screen (``note`` opening its log), or its
        ending if it is over."""
        # The game screens are the biggest part of the UI: load them when first needed.
        from careerquest.tui.screens.ending import EndingScreen
        from careerquest.tui.screens.game import GameScreen

        async def show() -> None:
            await self._goto(EndingScreen(game) if game.over else GameScreen(game, note=note))
            self.game = game

        self.call_later(show)
        # A player who picked another scenario and comes back to the title means to go on
        # with it: New game follows, when the catalog can find it again by its id.
        played = game.scenario.id
        if played != self.default_scenario and any(
            e.id == played for e in catalog.scenarios(self.scenarios_dir)
        ):
            self.default_scenario = played

    def swap_game(self, game: Game, note: str) -> None:
        """Put ``game``, rebuilt from an edited scenario, in place of the one on screen."""
        from careerquest.tui.screens.ending import EndingScreen
        from careerquest.tui.screens.game import GameScreen

        self.game = game
        self.switch_screen(EndingScreen(game) if game.over else GameScreen(game, note=note))

    def play_again(self, game: Game) -> None:
        """The setup of ``game`` again, ready for Enter or for another background or goal:
        a second game is where a class tries the other road."""
        from careerquest.tui.screens.setup import SetupScreen

        self.goto(SetupScreen(game.scenario, preset=game.setup, seed=None))

    def _replay(self, ref: str, log: list[str]) -> None:
        seed = DEFAULT_SEED if self.seed is None else self.seed
        setup = self.start_setup or Setup()

        def job() -> Game:
            from careerquest.engine.game import replay
            from careerquest.scenario.loader import load_scenario

            scenario = load_scenario(catalog.resolve(ref, self.scenarios_dir))
            return replay(scenario, seed, setup, log, rules=self.replay_rules)

        self._in_background("Replaying your choices…", job, self.start_game)

    # ------------------------------------------------------------------ saves

    def saved_games(self) -> list[SaveInfo]:
        """Every readable save, newest first; none when the folder cannot be read."""
        try:
            return self.store.list_saves().saves
        except SaveError:
            return []

    def latest_in_progress(self) -> SaveInfo | None:
        """What Continue resumes: the most recent save of a game not yet finished (an
        autosave, or a slot the player named when no later autosave exists)."""
        return newest_unfinished(self.saved_games())

    def continue_game(self) -> None:
        info = self.latest_in_progress()
        if info is None:
            self.notify(
                "There is no game in progress to continue.", severity="warning", markup=False
            )
            return
        self.load_slot(info.slot)

    def load_slot(self, slot: str) -> None:
        """Restore a save in the background, then play it. A save whose scenario has
        changed under it (an update of a bundled one, say) is explained, and the player
        may play on from what the new version makes of their choices."""

        def job() -> tuple[Restored | None, OutdatedSave | None]:
            # Returned, not raised: a raised error would be shown as a problem and no more.
            try:
                return self.store.restore(slot, local_dir=self.scenarios_dir), None
            except OutdatedSave as exc:
                return None, exc

        def play(result: tuple[Restored | None, OutdatedSave | None]) -> None:
            restored, outdated = result
            if outdated is not None:
                self._offer_outdated(outdated)
                return
            assert restored is not None
            if restored.warning:
                self.notify(restored.warning, timeout=10, markup=False)
            # Which save it was: after a finished game, Continue opens the newest game still
            # in progress, perhaps a named save the player had forgotten.
            self.start_game(restored.game, note=f"Welcome back to the save '{slot}'.")

        self._in_background(f"Loading {slot}…", job, play)

    def _offer_outdated(self, outdated: OutdatedSave) -> None:
        from careerquest.tui.screens.notices import ConfirmScreen

        game = outdated.game
        detail = (
            f"{outdated.problem[0].upper()}{outdated.problem[1:]}.\n\n"
            f"Played by the new version, {counted(outdated.replayed, 'choice')} of yours still "
            + (
                "fit, and they bring the game to its end: play on to see how it ends now."
                if game.over
                else f"fit, and your game goes on from {game.date} with the numbers the new "
                "version gives them."
            )
        )

        def answered(yes: bool | None) -> None:
            if yes:
                self.start_game(game)

        self.push_screen(
            ConfirmScreen("This save was made with an earlier version", detail, "Play on"),
            answered,
        )

    def open_load(self) -> None:
        from careerquest.tui.screens.saves import SavesScreen

        self.push_screen(SavesScreen(None))

    def open_save(self, game: Game) -> None:
        from careerquest.tui.screens.saves import SavesScreen

        self.push_screen(SavesScreen(game))

    def autosave(self, game: Game) -> None:
        try:
            info = self.store.autosave(game, now=self.clock())
        except SaveError as exc:
            self.notify(f"Autosave failed: {exc}", severity="error", timeout=10, markup=False)
            return
        if info.kept:
            self.notify(
                f"Your earlier game is kept in Load as '{info.kept}'.",
                title="Autosave",
                timeout=8,
                markup=False,
            )

    def _save_progress(self) -> None:
        if self.game is not None and not self.game.over:
            self.autosave(self.game)

    def quit_game(self) -> None:
        """Leave the game (:meth:`on_exit_app` autosaves a game in progress first)."""
        self.exit()

    def on_exit_app(self) -> None:
        """However the app is told to stop (Ctrl+Q, the palette, or a served browser tab
        whose server is shutting down), the turn in progress is saved on the way out."""
        self._save_progress()

    async def action_quit(self) -> None:
        self.quit_game()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's commands but its Quit, Theme and Keys: the game's palette has its own
        Quit (which saves first); Textual's Theme would offer themes Settings does not know;
        and its Keys panel squeezed the game into a dozen columns at 80x24, where Escape
        then left the game instead of closing it. The game's Help lists every key."""
        for command in super().get_system_commands(screen):
            if command.title not in ("Quit", "Theme", "Keys"):
                yield command

    # ---------------------------------------------------------- other screens

    def show_help(self) -> None:
        from careerquest.tui.screens.help import HelpScreen  # markdown_it: slow to import

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_help(self) -> None:
        self.show_help()

    def show_glossary(self, scenario: Scenario | None = None) -> None:
        from careerquest.tui.screens.glossary import GlossaryScreen

        if not isinstance(self.screen, GlossaryScreen):
            scenario = scenario or (self.game.scenario if self.game else None)
            self.push_screen(GlossaryScreen(scenario))

    def open_settings(self) -> None:
        from careerquest.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def _remember_theme(self, theme: Theme) -> None:
        if theme.name == self.settings.theme:
            return
        self.settings = Settings(theme=theme.name)
        try:
            save_settings(self.settings_path, self.settings)
        except OSError as exc:
            self.notify(
                f"The theme could not be remembered: {exc}", severity="warning", markup=False
            )

    # ---------------------------------------------------------- slow work

    def _in_background(self, label: str, job: Callable[[], T], then: Callable[[T], object]) -> None:
        """Run ``job`` in a thread behind a loading screen; show its problem if it fails."""
        from careerquest.tui.screens.notices import LoadingScreen, ProblemScreen

        loading = LoadingScreen(label)
        self.push_screen(loading)

        async def finish(outcome: T | Exception) -> None:
            if loading.cancelled:
                return
            await self._close(loading)
            if isinstance(outcome, Exception):
                await self.push_screen(ProblemScreen.explain(outcome))
                self.check_size()
            else:
                then(outcome)

        def work() -> None:
            from careerquest.scenario.diagnostics import ScenarioError

            try:
                outcome: T | Exception = job()
            except (ScenarioError, catalog.CatalogError, SaveError, GameError) as exc:
                outcome = exc
            self.call_from_thread(self.call_later, finish, outcome)

        self.run_worker(work, name=label, group="load", thread=True)

    async def _close(self, screen: Screen[Any]) -> None:
        """Pop ``screen`` and whatever was pushed over it (such as the too-small notice)."""
        if screen in self.screen_stack:
            while self.screen is not screen:
                await self.pop_screen()
            await self.pop_screen()


def create_app(
    *,
    scenario: str | None = None,
    seed: int | None = None,
    save_dir: Path,
    replay: list[str] | None = None,
    watch: bool = False,
    setup: Setup | None = None,
    settings_path: Path | None = None,
    sign_in: bool = False,
    rules: int = RULES,
) -> CareerQuestApp:
    """The app, as the CLI runs it and the tests drive it.

    ``scenario`` (an id or a path) skips the title and opens that scenario's setup; with
    ``replay`` it plays those choices (with ``seed``, default 1 as in plain mode, and by
    ``rules``) and opens the game. ``seed`` fixes the seed of new games. ``settings_path``
    defaults to the per-user config folder (``$CAREERQUEST_CONFIG_DIR`` overrides it).
    ``sign_in`` asks who is playing first and keeps their saves in a folder of their own in
    ``save_dir``.
    """
    return CareerQuestApp(
        scenario=scenario,
        seed=seed,
        save_dir=save_dir,
        replay=replay,
        watch=watch,
        setup=setup,
        settings_path=settings_path or default_settings_path(),
        sign_in=sign_in,
        rules=rules,
    )


def run_app(app: CareerQuestApp) -> int:
    """Run the game full-screen until the player quits; the exit status for the CLI."""
    app.run()
    return app.return_code or 0
