"""The journal: the whole game so far, turn by turn, to read back at any time."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from careerquest.engine.game import Game, TurnRecord
from careerquest.engine.money import stat_value
from careerquest.engine.words import counted
from careerquest.tui.widgets.format import MUTED_STYLE, changes_content, event_text
from careerquest.tui.widgets.goal_list import GoalList


class JournalScreen(Screen[None]):
    """Every played turn: date, age, role, action, event and choice, and what happened."""

    CSS_PATH = ["../widgets.tcss", "../journal.tcss"]  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="journal.back"),
        Binding("j", "back", "Back", show=False, id="journal.close"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        game = self.game
        played = len(game.history)
        yield Static(
            Content.assemble(
                ("Journal", "bold"),
                f" · {game.scenario.title} · {counted(played, game.scenario.turn_unit)} played",
            ),
            id="journal-title",
        )
        goals = GoalList(id="journal-goals")
        goals.border_title = "Your goals"
        goals.show(game.goal_standing(), game.date_of)
        yield goals
        with VerticalScroll(id="journal-entries"):
            if not game.history:
                yield Static("No turns played yet: your story starts with your first choice.")
            for record in game.history:
                yield self._entry(record)
        yield Footer()

    def on_mount(self) -> None:
        scroll = self.query_one("#journal-entries", VerticalScroll)
        scroll.focus()
        scroll.scroll_end(animate=False)

    def _entry(self, record: TurnRecord) -> Vertical:
        game = self.game
        role = record.role or "no job"
        heading = Content.assemble(
            (record.date, "bold"), (f" · turn {record.turn} · age {record.age} · {role}", "")
        )
        lines = [Content.assemble(("Action ", MUTED_STYLE), record.action_label or "none")]
        event = event_text(game.scenario, record)
        if event:
            lines.append(Content.assemble(("Event  ", MUTED_STYLE), event))
        lines += [Content("• " + message) for message in record.messages]
        sc = game.scenario
        # The messages say what the choices did in words; these are the amounts, so the
        # money adds up (the upkeep, before the first choice, says its own).
        moved = [
            (stat, after - before)
            for stat, before, after in zip(sc.stats, record.start, record.stats, strict=False)
            if not stat.hidden and after != before
        ]
        if moved:
            lines.append(
                Content.assemble(
                    ("Your choices ", MUTED_STYLE), changes_content(moved, sc.currency)
                )
            )
        stats = " · ".join(
            f"{stat.label} {stat_value(stat.kind, record.stats[stat.index], sc.currency)}"
            for stat in sc.stats
            if not stat.hidden and stat.index < len(record.stats)
        )
        return Vertical(
            Static(heading, classes="journal-heading"),
            Static(Content("\n").join(lines), classes="journal-body"),
            Static(Content.styled(stats, MUTED_STYLE), classes="journal-stats"),
            classes="journal-entry",
        )

    def action_back(self) -> None:
        self.app.pop_screen()
