"""The scenario picker: every playable scenario, with what a player needs to choose one.

It lists what :mod:`careerquest.catalog` finds (bundled scenarios, then ``./scenarios``)
from each file's header alone, so opening it stays instant; the chosen file is compiled only
when the player commits, behind the app's loading screen.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from careerquest.catalog import Entry
from careerquest.engine.words import counted
from careerquest.scenario.runtime import TURNS_PER_YEAR
from careerquest.tui.screens.chrome import Masthead, ShellScreen, display_path

_EMPTY = (
    "No scenarios found.\n\nPut scenario files (.toml) in ./scenarios, "
    "or write one with `careerquest new`."
)


class ScenarioList(OptionList):
    """The scenarios; Enter (or a click) plays the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Play", id="picker.play"),
    ]


class ScenarioPickerScreen(ShellScreen):
    def __init__(self, entries: list[Entry], default_id: str) -> None:
        super().__init__()
        self.entries = {str(i): entry for i, entry in enumerate(entries)}
        self.default_id = default_id

    def compose(self) -> ComposeResult:
        yield Masthead("Choose a scenario")
        with Horizontal(id="picker-body"):
            yield ScenarioList(
                *(Option(_list_prompt(e), id=key) for key, e in self.entries.items()),
                id="scenario-list",
            )
            with VerticalScroll(id="scenario-detail"):
                yield Static(_EMPTY if not self.entries else "", id="scenario-text")
        yield Footer()

    def on_mount(self) -> None:
        listing = self.query_one("#scenario-list", ScenarioList)
        default = next((k for k, e in self.entries.items() if e.id == self.default_id), None)
        if default is not None:
            listing.highlighted = listing.get_option_index(default)
        elif self.entries:
            listing.highlighted = 0

    @on(OptionList.OptionHighlighted, "#scenario-list")
    def _describe(self, event: OptionList.OptionHighlighted) -> None:
        entry = self.entries[event.option.id or ""]
        self.query_one("#scenario-text", Static).update(_detail(entry))

    @on(OptionList.OptionSelected, "#scenario-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.game_app.new_game(self.entries[event.option.id or ""].path)


def _turns(entry: Entry) -> str:
    return counted(entry.turns, entry.turn_unit or "turn")


def _length(entry: Entry) -> str:
    text = _turns(entry)
    per_year = TURNS_PER_YEAR.get(entry.turn_unit)
    if per_year and entry.turn_unit != "year":
        years = entry.turns / per_year
        text += f" ({counted(years, 'year')})"
    return text


def _list_prompt(entry: Entry) -> Content:
    return Content.from_markup(
        "[b]$title[/b]\n[dim]$length · ~$minutes min[/dim]",
        title=entry.title,
        length=_turns(entry),
        minutes=entry.estimated_minutes,
    )


def _detail(entry: Entry) -> Content:
    facts = [
        ("Length", _length(entry)),
        ("Time", f"about {entry.estimated_minutes} minutes"),
        ("For", entry.audience or "everyone"),
        ("Source", "bundled with the game" if entry.bundled else display_path(entry.path)),
    ]
    text = Content.from_markup(
        "[b $primary]$title[/]\n\n$summary\n", title=entry.title, summary=entry.summary
    )
    for label, value in facts:
        text += Content.from_markup("\n[dim]$label[/dim] $value", label=f"{label:<7}", value=value)
    return text
