"""Setup: who the player is and what they are aiming for, before the first turn.

Everything has a default (the name, the scenario's first background and first goal of each
term), and the name field has the focus, so Enter alone starts a game; in a list, Enter
picks the item under the cursor, and on the item already picked starts the game too. The
two goal lists carry the seed article's framing: a short-term goal meets today's needs, a
long-term goal shapes the years ahead; the ending judges the game against both.
"""

from __future__ import annotations

import secrets
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, RadioButton, RadioSet, Static

from careerquest.engine.calendar import date_label, span
from careerquest.engine.errors import GameError
from careerquest.engine.game import Game
from careerquest.engine.setup import DEFAULT_NAME, Setup
from careerquest.engine.words import counted
from careerquest.scenario.runtime import GoalDef, Scenario
from careerquest.tui.screens.chrome import Masthead, ShellScreen

SHORT_FRAMING = "What you need now, in the next year or so."


def long_framing(scenario: Scenario) -> str:
    """The long-term goal's horizon is the game's own: five years in one game, two in another."""
    horizon = span(scenario.turns, scenario.turn_unit)
    return f"Where you want to be when the game ends, {horizon} from now."


def fresh_seed() -> int:
    """A new game's seed when none was given: different every game, and fits in a save."""
    return secrets.randbelow(2**31)


class SetupScreen(ShellScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", id="setup.start"),
    ]

    def __init__(self, scenario: Scenario, *, preset: Setup | None, seed: int | None) -> None:
        """``preset``: what the command line asked for (``--name``, ``--background``,
        ``--goals``), chosen here already; the player may still change it."""
        super().__init__()
        self.scenario = scenario
        self.preset = preset or Setup()
        self.seed = seed

    def compose(self) -> ComposeResult:
        sc = self.scenario
        yield Masthead(f"New game · {sc.title}")
        with VerticalScroll(id="setup-body"):
            yield Static(Content(sc.summary), id="setup-summary")
            with Horizontal(id="setup-columns"):
                with Vertical(id="setup-you", classes="setup-column"):
                    yield Static("Your name", classes="field-label")
                    # Signed in, the name is the one the saves are filed under: a result
                    # must not reach the teacher under someone else's name.
                    player = self.game_app.player
                    yield Input(
                        player or self.preset.name,
                        placeholder=DEFAULT_NAME,
                        max_length=40,
                        id="name",
                        disabled=player is not None,
                    )
                    if sc.backgrounds:
                        chosen = next(
                            (b for b in sc.backgrounds if b.id == self.preset.background),
                            sc.backgrounds[0],
                        )
                        yield Static("Background", classes="field-label")
                        items = [(b.id, b.label) for b in sc.backgrounds]
                        yield _choices("backgrounds", items, chosen.id)
                        yield Static(Content(chosen.description), id="background-text")
                with Vertical(id="setup-goals", classes="setup-column"):
                    for term, label, framing in (
                        ("short", "Short-term goal", SHORT_FRAMING),
                        ("long", "Long-term goal", long_framing(sc)),
                    ):
                        goals = [g for g in sc.goals if g.term == term]
                        if goals:
                            preset = (
                                self.preset.short_goal if term == "short" else self.preset.long_goal
                            )
                            chosen_goal = next((g for g in goals if g.id == preset), goals[0])
                            yield Static(label, classes="field-label")
                            yield Static(framing, classes="field-hint")
                            items = [(g.id, g.label) for g in goals]
                            yield _choices(f"{term}-goals", items, chosen_goal.id)
                            described = Static(
                                Content(self._goal_text(chosen_goal)),
                                id=f"{term}-goals-text",
                                classes="goal-text",
                            )
                            described.display = bool(self._goal_text(chosen_goal))
                            yield described
            with Horizontal(id="setup-actions"):
                yield Static(self._facts(), id="setup-facts")
                yield Button("Start ▶", variant="primary", id="start")
        yield Footer()

    def on_mount(self) -> None:
        name = self.query_one("#name", Input)
        name.cursor_blink = self.app.animation_level != "none"
        if not name.disabled:
            name.focus()
            return
        # Signed in: the first list, near the top, where Enter on the item picked starts
        # the game too (the Start button would scroll the summary out of a short screen).
        lists = self.query(RadioSet)
        (lists.first() if lists else self.query_one("#start", Button)).focus()

    def _facts(self) -> Content:
        sc = self.scenario
        seed = "a fresh seed" if self.seed is None else f"seed {self.seed}"
        return Content.from_markup(
            "[dim]$turns, starting at age $age · $seed[/dim]",
            turns=counted(sc.turns, sc.turn_unit),
            age=sc.start_age,
            seed=seed,
        )

    @on(RadioSet.Changed, "#backgrounds")
    def _describe_background(self, event: RadioSet.Changed) -> None:
        chosen = _chosen(event.radio_set)
        background = next(b for b in self.scenario.backgrounds if b.id == chosen)
        text = self.query_one("#background-text", Static)
        text.update(Content(background.description))
        self._bring_into_view(text)

    @on(RadioSet.Changed, "#short-goals, #long-goals")
    def _describe_goal(self, event: RadioSet.Changed) -> None:
        chosen = _chosen(event.radio_set)
        goal = next(g for g in self.scenario.goals if g.id == chosen)
        text = self.query_one(f"#{event.radio_set.id}-text", Static)
        text.update(Content(self._goal_text(goal)))
        text.display = bool(self._goal_text(goal))
        self._bring_into_view(text)

    def _bring_into_view(self, text: Static) -> None:
        """Scroll to a description once it has its new height: scrolled at once, to its old
        one, a longer text kept its last line under the Start row of a narrow screen."""
        self.call_after_refresh(text.scroll_visible, animate=False)

    def _goal_text(self, goal: GoalDef) -> str:
        """What the goal asks, and its deadline: the player reads this before choosing it
        and the ending judges the game against it."""
        sc = self.scenario
        due = (
            ""
            if goal.by is None
            else f" Due by {date_label(goal.by, sc.turn_unit, sc.start_year)}."
        )
        return (goal.description + due).strip()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A choice in focus brings what belongs to it into view: on a short terminal the
        description below its list is otherwise under the fold."""
        below = {
            "backgrounds": "#background-text",
            "short-goals": "#short-goals-text",
            "long-goals": "#long-goals-text",
        }.get(event.widget.id or "")
        if below is not None:
            self.query_one(below).scroll_visible(animate=False)

    @on(Input.Submitted, "#name")
    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        setup = Setup(
            name=self.query_one("#name", Input).value,
            background=self._picked("backgrounds"),
            short_goal=self._picked("short-goals"),
            long_goal=self._picked("long-goals"),
        )
        seed = fresh_seed() if self.seed is None else self.seed
        try:
            game = Game(self.scenario, seed, setup)
        except GameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.game_app.start_game(game)

    def _picked(self, set_id: str) -> str | None:
        sets = self.query(f"#{set_id}").results(RadioSet)
        return next((_chosen(s) for s in sets), None)


class ChoiceButton(RadioButton):
    """A radio button whose label wraps: authors write labels longer than a narrow column."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # ToggleButton pins the height to one line; a plain widget measures the wrapped label.
        return Widget.get_content_height(self, container, viewport, width)


class ChoiceSet(RadioSet):
    """Enter picks the item under the cursor, as in any radio set; on the item already
    picked it starts the game, as Enter does everywhere else on this screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "pick_or_start", "Pick", show=False, id="setup.pick"),
    ]

    def on_mount(self) -> None:
        # RadioSet puts its cursor on the first item when mounted (after this handler); a
        # game set up again (Play again, or --background) has another picked, and Enter
        # there would change it.
        self.call_later(self._cursor_on_pick)

    def _cursor_on_pick(self) -> None:
        if self.pressed_index >= 0:
            self._selected = self.pressed_index

    async def action_pick_or_start(self) -> None:
        cursor = self._selected  # RadioSet's own cursor: it has no public name for it
        if cursor is not None and not self.query(RadioButton)[cursor].value:
            self.action_toggle_button()
        else:
            await self.run_action("screen.start")


def _choices(set_id: str, items: list[tuple[str, str]], chosen: str | None) -> RadioSet:
    """The items as radio buttons, ``chosen`` pressed (the first one if it is not there)."""
    chosen = chosen if chosen in {item_id for item_id, _ in items} else items[0][0]
    buttons = [
        ChoiceButton(Content(label), value=item_id == chosen, id=f"{set_id}-{item_id}")
        for item_id, label in items
    ]
    return ChoiceSet(*buttons, id=set_id)


def _chosen(radio_set: RadioSet) -> str | None:
    """The id of the item behind the pressed button (button ids are ``<set>-<item>``)."""
    button = radio_set.pressed_button
    if button is None or button.id is None:
        return None
    return button.id.removeprefix(f"{radio_set.id}-")
