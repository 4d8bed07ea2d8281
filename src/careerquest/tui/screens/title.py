"""The title screen: the game's name, its question, and the way into everything else.

Enter starts a new game at once (New game is highlighted first), so a player, or a script
driving the terminal, gets from the title to a game with Enter alone: of the scenario played
last, or at first of the default one.
The menu is rebuilt whenever the title comes back to the front, because Continue depends on
what has been saved since.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from careerquest import catalog
from careerquest.engine.words import counted
from careerquest.saves.store import newest_unfinished
from careerquest.tui.screens.chrome import AppScreen, display_path
from careerquest.tui.themes import CHOICES

_GLYPHS = {
    "C": ("┏━╸", "┃  ", "┗━╸"),
    "A": ("┏━┓", "┣━┫", "╹ ╹"),
    "R": ("┏━┓", "┣┳┛", "╹┗╸"),
    "E": ("┏━╸", "┣╸ ", "┗━╸"),
    "Q": ("┏━┓", "┃┓┃", "┗┻┛"),
    "U": ("╻ ╻", "┃ ┃", "┗━┛"),
    "S": ("┏━┓", "┗━┓", "┗━┛"),
    "T": ("╺┳╸", " ┃ ", " ╹ "),
}


def logo() -> Content:
    """CAREERQUEST in three-row box-drawing letters: CAREER in teal, QUEST in gold."""

    def word(text: str, row: int) -> str:
        return " ".join(_GLYPHS[letter][row] for letter in text)

    rows = [
        Content.assemble(
            (word("CAREER", row), "bold $primary"), "   ", (word("QUEST", row), "bold $accent")
        )
        for row in range(3)
    ]
    return Content("\n").join(rows)


PITCH = "A job pays for today. A career builds tomorrow. Which will you build?"
_MENU_WIDTH = 34


class TitleScreen(AppScreen):
    """The first screen, and the one every game returns to."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "menu('new')", "New", id="title.new"),
        Binding("p", "menu('pick')", "Pick", id="title.pick"),
        Binding("c", "menu('continue')", "Continue", id="title.continue"),
        Binding("l", "menu('load')", "Load", id="title.load"),
        Binding("s", "menu('settings')", "Settings", id="title.settings"),
        Binding("q", "menu('quit')", "Quit", id="title.quit"),
    ]

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._hints: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="title-stage"):
            yield Static(logo(), id="logo")
            yield Static(PITCH, id="pitch")
            with Center():
                yield OptionList(id="menu")
            yield Static(id="menu-hint")
            yield Static(id="player-line")
        yield Footer()

    def on_screen_resume(self) -> None:
        self._build_menu()

    def _build_menu(self) -> None:
        app = self.game_app
        menu = self.query_one("#menu", OptionList)
        saves = app.saved_games()
        latest = newest_unfinished(saves)
        self._hints = {
            "new": "",  # filled in after the first frame: see _fill_new_game_hint
            "pick": "Browse the bundled scenarios and those in ./scenarios.",
            "continue": (
                f"{latest.player} · {latest.scenario_title} · {latest.date}, turn {latest.turn}"
                if latest
                else ""
            ),
            "load": "Open one of your saved games.",
            "help": "The keys, how a turn works, and what job vs career means here.",
            "settings": f"Theme: {_theme_label(app.theme)}.",
            "quit": "Your game is saved automatically.",
        }
        options = [
            _item("New game", "n", "new"),
            _item("Choose a scenario", "p", "pick"),
            _item("Continue", "c", "continue")
            if latest
            else Option(
                Content.assemble(
                    "Continue ",
                    ("— no game in progress" if saves else "— nothing saved yet", "italic"),
                ),
                id="continue",
                disabled=True,
            ),
            _item("Load a game", "l", "load"),
            _item("How to play", "?", "help"),
            _item("Settings", "s", "settings"),
            _item("Quit", "q", "quit"),
        ]
        highlighted = menu.highlighted_option
        menu.clear_options()
        menu.add_options(options)
        keep = highlighted.id if highlighted and not highlighted.disabled else "new"
        if app.title_choice is not None:  # asked for once: Continue, for a returning player
            keep = app.title_choice if not menu.get_option(app.title_choice).disabled else keep
            app.title_choice = None
        menu.highlighted = menu.get_option_index(keep or "new")
        player = self.query_one("#player-line", Static)
        player.display = app.player is not None
        if app.player is not None:
            player.update(
                Content.assemble(
                    "Signed in as ",
                    (app.player, "bold"),
                    f" · saves in {display_path(app.store.folder)}",
                )
            )
        menu.focus()
        self.call_after_refresh(self._fill_new_game_hint)

    def _fill_new_game_hint(self) -> None:
        """Describe the default scenario, once the menu is on screen.

        Finding it reads every scenario file, which would hold up the title's first frame.
        """
        self._hints["new"] = hint = self._new_game_hint()
        menu = self.query("#menu").results(OptionList)
        highlighted = next((m.highlighted_option for m in menu), None)  # none once closed
        if highlighted is not None and highlighted.id == "new":
            self.query_one("#menu-hint", Static).update(hint)

    def _new_game_hint(self) -> str:
        app = self.game_app
        entry = next(
            (e for e in catalog.scenarios(app.scenarios_dir) if e.id == app.default_scenario),
            None,
        )
        if entry is None:
            return "Pick a scenario to play."
        return (
            f"Play “{entry.title}”: {counted(entry.turns, entry.turn_unit)}, "
            f"about {entry.estimated_minutes} min."
        )

    @on(OptionList.OptionHighlighted, "#menu")
    def _show_hint(self, event: OptionList.OptionHighlighted) -> None:
        hint = self._hints.get(event.option.id or "", "")
        self.query_one("#menu-hint", Static).update(hint)

    @on(OptionList.OptionSelected, "#menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.action_menu(event.option.id or "")

    def action_menu(self, choice: str) -> None:
        app = self.game_app
        actions = {
            "new": app.new_game,
            "pick": app.pick_scenario,
            "continue": app.continue_game,
            "load": app.open_load,
            "help": app.show_help,
            "settings": app.open_settings,
            "quit": app.quit_game,
        }
        actions[choice]()


def _item(label: str, key: str, option_id: str) -> Option:
    gap = _MENU_WIDTH - 2 - len(label) - len(key)
    return Option(
        Content(label + " " * gap + key),
        id=option_id,
    )


def _theme_label(name: str) -> str:
    return next((c.label for c in CHOICES if c.name == name), name)
