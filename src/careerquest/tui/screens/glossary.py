"""The glossary: the scenario's own terms first, then the game's, filtered as you type.

A player meets words like "vested stock" in the middle of a decision; typing a few letters
should find the definition faster than scrolling past thirty others.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Input, Static

from careerquest.scenario.runtime import Scenario
from careerquest.tui.screens.chrome import Masthead, ShellScreen
from careerquest.tui.terms import GAME_TERMS


class GlossaryScreen(ShellScreen):
    def __init__(self, scenario: Scenario | None) -> None:
        super().__init__()
        self.scenario = scenario
        self._entries: list[tuple[Static, Static, str]] = []

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(heading, terms) pairs: the scenario's glossary and its stats, if there is a
        scenario, then the game's terms, less those the scenario defines its own way."""
        found = []
        own: set[str] = set()
        sc = self.scenario
        if sc is not None:
            if sc.glossary:
                found.append((sc.title, sorted(sc.glossary.items())))
                own = {term.casefold() for term in sc.glossary}
            stats = [(s.label, s.description) for s in sc.stats if s.description and not s.hidden]
            if stats:
                found.append(("What the numbers on screen mean", stats))
        game_terms = [(t, d) for t, d in GAME_TERMS if t.casefold() not in own]
        found.append(("Job or career: the game's terms", game_terms))
        return found

    def compose(self) -> ComposeResult:
        yield Masthead("Glossary")
        yield Input(placeholder="Type to filter terms…", id="glossary-filter")
        with VerticalScroll(id="glossary-body", classes="reading"):
            for heading, terms in self.sections():
                title = Static(heading, classes="glossary-heading")
                yield title
                for term, definition in terms:
                    entry = Content.from_markup(
                        "[b $primary]$term[/]  $definition", term=term, definition=definition
                    )
                    widget = Static(entry, classes="glossary-entry")
                    self._entries.append((title, widget, f"{term}\n{definition}".lower()))
                    yield widget
            yield Static("No term matches.", id="glossary-none")
        yield Footer()

    def on_mount(self) -> None:
        search = self.query_one("#glossary-filter", Input)
        search.cursor_blink = self.app.animation_level != "none"
        search.focus()
        self.query_one("#glossary-none").display = False

    @on(Input.Changed, "#glossary-filter")
    def _filter(self, event: Input.Changed) -> None:
        needle = event.value.strip().lower()
        headings: dict[Static, bool] = {}
        for heading, widget, text in self._entries:
            widget.display = needle in text
            headings[heading] = headings.get(heading, False) or widget.display
        for heading, any_shown in headings.items():
            heading.display = any_shown  # no heading over an empty section
        self.query_one("#glossary-none").display = not any(headings.values())
