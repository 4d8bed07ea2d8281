"""The main game screen: the stats, the decision at hand, and what the last one did.

The screen drives a :class:`Game` through its public API only. Every decision is followed
by an entry in the log that says what changed and by how much, the turn's upkeep (pay,
costs, study) in an entry of its own, and a flash of the stats that moved. After a completed
turn the app autosaves. When the game ends, the last choice's outcome stays on screen with
the way on to the ending, so the player reads what their last decision did (a burnout, say)
before the verdict.
"""

from __future__ import annotations

from typing import ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Label, OptionList, Static

from careerquest.engine.errors import GameError
from careerquest.engine.game import Game, Milestone, Option, Outcome
from careerquest.engine.money import short_money
from careerquest.engine.words import counted, titled
from careerquest.tui.host import GameHost
from careerquest.tui.screens.chrome import WIDE
from careerquest.tui.screens.ending import EndingScreen
from careerquest.tui.screens.journal import JournalScreen
from careerquest.tui.screens.notices import ConfirmScreen
from careerquest.tui.screens.option_details import OptionDetailsScreen
from careerquest.tui.widgets.choice_list import OPTION_KEYS, ChoiceList
from careerquest.tui.widgets.format import MUTED_STYLE, clamp
from careerquest.tui.widgets.goal_list import GoalList
from careerquest.tui.widgets.header_bar import HeaderBar, HeaderInfo
from careerquest.tui.widgets.outcome_log import OutcomeLog, entry_content
from careerquest.tui.widgets.program_progress import ProgramProgress
from careerquest.tui.widgets.recent_turns import RecentTurns
from careerquest.tui.widgets.stat_panel import StatPanel
from careerquest.tui.widgets.trend_chart import TrendChart

#: Below this height the option list scrolls sooner, to leave the log some room.
TALL = 32
#: The milestones a toast announces: a job lost or ended (a layoff, a failed check), a
#: program completed, a goal met. The ones the player chose outright are in the log.
ANNOUNCED = frozenset({"lost", "left", "completed", "goal"})
#: Lines of the highlighted option's description under a narrow screen's list (game.tcss).
HINT_LINES = 2
#: The log's least height on a tall screen and on a short one (game.tcss), which the option
#: list leaves it.
TALL_LOG_LINES = 10
SHORT_LOG_LINES = 6
#: The most rows the option list takes on a short screen, and the fewest on any.
SHORT_LIST_LINES = 9
MIN_LIST_LINES = 3


def _choose_bindings() -> list[Binding]:
    """Each of :data:`OPTION_KEYS` takes its option; Enter, the highlighted one. The footer
    shows them as one entry, ``1-9/⏎ Choose``, which is Enter's: a click on it takes the
    option the player can see highlighted, where a digit's entry took option 1 unseen. The
    list itself shows every option's key, letters included."""
    return [
        Binding("enter", "accept", "Choose", key_display="1-9/⏎", id="game.accept", priority=True),
        *(
            Binding(key, f"pick('{key}')", f"Choose option {n}", show=False, id=f"game.choose_{n}")
            for n, key in enumerate(OPTION_KEYS, 1)
        ),
    ]


class GameScreen(Screen[None]):
    """One game, from its first decision to its ending."""

    CSS_PATH = ["../widgets.tcss", "../game.tcss"]  # noqa: RUF012
    # From WIDE columns, option descriptions and recent turns come into view.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (TALL, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *_choose_bindings(),
        Binding("i", "details", "Details", id="game.details"),
        Binding("j", "journal", "Journal", id="game.journal"),
        Binding("s", "save", "Save", id="game.save"),
        Binding("g", "glossary", "Glossary", id="game.glossary"),
        Binding("question_mark", "help", "Help", id="game.help"),
        Binding("escape", "leave", "Title", id="game.leave"),
    ]

    def __init__(self, game: Game, *, note: str = "") -> None:
        """``note`` opens the log in place of the greeting: what a live reload did."""
        super().__init__()
        self.game = game
        self.note = note
        sc = game.scenario
        history = game.history
        # What the stat deltas are measured from, as in play: on an event, the start of this
        # turn (the action's effect); on a turn's action, the start of the turn before (the
        # whole last turn); on the first, where the player started (the background applied),
        # so the first ▲/▼ are the first turn's pay and costs.
        decision = game.decision
        if decision is not None and decision.kind == "event":
            self._turn_start = game.turn_start
        elif history:
            self._turn_start = history[-1].start
        else:
            before = {change.stat: change.before for change in game.opening.changes}
            self._turn_start = tuple(
                before.get(stat.id, value)
                for stat, value in zip(sc.stats, game.values(), strict=True)
            )
        self._wallet = sc.stats[sc.wallet]

    @property
    def host(self) -> GameHost:
        return cast(GameHost, self.app)

    def compose(self) -> ComposeResult:
        sc = self.game.scenario
        yield HeaderBar(id="header")
        with Horizontal(id="game-body"):
            with Vertical(id="side"):
                yield StatPanel(sc, id="stats")
                yield TrendChart(
                    span=sc.turns + 1,
                    label=lambda value: short_money(value, sc.currency),
                    id="trend",
                )
                yield ProgramProgress(id="program")
                yield GoalList(id="goals")
                yield RecentTurns(id="recent")
            with Vertical(id="main"):
                with Vertical(id="decision"):
                    yield Static(id="decision-text")
                    yield ChoiceList(id="choices")
                    yield Static(id="choice-hint")
                yield OutcomeLog(id="log")
        # Compact: at 80 columns the spaced-out footer lost its last keys off the edge.
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        game = self.game
        self.query_one("#stats").border_title = game.setup.name
        self.query_one("#trend").border_title = f"{self._wallet.label} trend"
        self.query_one("#log").border_title = "What happened"
        self.query_one("#recent").border_title = "Recent turns"
        self.query_one("#goals").border_title = "Your goals"
        log = self.query_one(OutcomeLog)
        greeting = (Content.styled(f"{game.date} · {self.note or 'Welcome back.'}", "bold"), "info")
        # A resumed game: remind the player where they left off, the last turn played and
        # the action of the turn under way when it was saved (its event is still to answer).
        played = [r for r in (*game.history[-1:], game.turn_so_far) if r is not None]
        if played:
            log.add(
                *(
                    (
                        entry_content(
                            f"{record.date} · You chose: {record.action_label}",
                            record.messages,
                            [],
                            game.scenario,
                        ),
                        "choice",
                    )
                    for record in played
                ),
                greeting,
            )
        else:
            opening = game.opening
            first = entry_content(
                f"{game.date} · Your first {game.scenario.turn_unit} begins",
                opening.messages,
                opening.changes,
                game.scenario,
            )
            log.add((first, "upkeep"), *([greeting] if self.note else []))
        await self._show(flash=False)
        self.query_one(ChoiceList).focus()

    def on_resize(self) -> None:
        self.query_one(ChoiceList).detailed = self.size.width >= WIDE
        self.call_after_refresh(self._hint)  # its lines depend on the width
        self.call_after_refresh(self._fit_choices)

    def _fit_choices(self) -> None:
        """Let the option list take the rows the log can spare, and no more.

        A fixed cap either pushed the log under the footer (a long event text and a long
        list at 40 rows) or left half of a big screen to an empty log while the options
        scrolled. On a short screen the list takes at most a few rows, and fewer after a
        long event text: otherwise the panel overflowed and cut the highlighted option's
        description under it in half.
        """
        choices = self.query_one(ChoiceList)
        main = self.query_one("#main")
        width = self.query_one("#decision-text").content_region.width
        decision = self.game.decision
        if not width or decision is None:
            choices.styles.max_height = None
            return
        tall = self.has_class("-tall")
        text_lines = len(Content(decision.text).wrap(width)) + (1 if tall else 0)  # margin
        hint_lines = 0 if self.size.width >= WIDE else HINT_LINES
        log_lines = TALL_LOG_LINES if tall else SHORT_LOG_LINES
        border = 2
        spare = main.size.height - log_lines - border - text_lines - hint_lines
        if not tall:
            spare = min(spare, SHORT_LIST_LINES)
        choices.styles.max_height = max(spare, MIN_LIST_LINES)

    # ------------------------------------------------------------------ showing

    async def _show(self, *, flash: bool) -> None:
        """Bring every panel up to date with the game."""
        game = self.game
        decision = game.decision
        values = game.values()
        self.query_one(HeaderBar).info = HeaderInfo.from_game(game)
        self.query_one(StatPanel).show(values, self._turn_start, flash=flash)
        if decision is not None and decision.kind == "action":
            self._turn_start = values
        wallet = self._wallet.index
        series = (game.start_stats[wallet], *(r.stats[wallet] for r in game.history))
        self.query_one(TrendChart).values = (*series, values[wallet])
        progress = game.program_progress()
        if progress is None:
            self.query_one(ProgramProgress).show("", 0, 0)
        else:
            program, done = progress
            self.query_one(ProgramProgress).show(program.title, done, program.turns)
        self.query_one(RecentTurns).show(game.scenario, game.history)
        self.query_one(GoalList).show(game.goal_standing(), game.date_of)
        if decision is None:
            return
        # An event is told apart by its title's colour and subtitle, not by a class: a class
        # on the panel would restyle everything in it, the slowest part of a keypress.
        event = decision.kind == "event"
        panel = self.query_one("#decision")
        panel.border_title = Content.styled(decision.title, "$text-warning" if event else "")
        panel.border_subtitle = "Event" if event else ""
        self.query_one("#decision-text", Static).update(decision.text)
        self._fit_choices()
        await self.query_one(ChoiceList).show_decision(decision)
        self._hint()

    @on(OptionList.OptionHighlighted, "#choices")
    def _hint(self) -> None:
        """Under the list, the highlighted option's description: a narrow screen's details."""
        option = self.query_one(ChoiceList).highlighted_choice()
        hint = self.query_one("#choice-hint", Static)
        over = self.game.decision is None  # the list is hidden; its last options linger
        text = option.description if option is not None and not over else ""
        text = clamp(text, hint.content_region.width, HINT_LINES)
        if str(hint.content) != text:
            hint.update(Content.styled(text, MUTED_STYLE))

    @on(events.Click, "#choice-hint")
    def _hint_clicked(self) -> None:
        self.action_details()

    # ---------------------------------------------------------------- choosing

    @on(OptionList.OptionSelected, "#choices")
    async def _selected(self) -> None:
        option = self.query_one(ChoiceList).highlighted_choice()
        if option is not None:
            await self._take(option)

    async def action_pick(self, key: str) -> None:
        if self.game.over:
            if key == "1":  # the one way on, as option 1 is everywhere else
                self._to_ending()
            return
        option = self.query_one(ChoiceList).keyed(key)
        if option is not None:
            await self._take(option, key=key)

    async def action_accept(self) -> None:
        if self.game.over:
            self._to_ending()
            return
        choices = self.query_one(ChoiceList)
        option = choices.highlighted_choice()
        if option is None:
            option = next((o for o in choices.choices if o.available), None)
        if option is not None:
            await self._take(option, key="enter")

    async def _take(self, option: Option, *, key: str = "enter") -> None:
        """Choose an open option; for a locked one, say why it is locked instead. An option
        that commits the player (a loan, leaving a job) asks first; ``key``, the key that
        picked it, says yes."""
        if self.game.decision is None:
            return
        if not option.available:
            self.notify(
                f"Locked: {option.locked_reason}",
                title=option.label,
                severity="warning",
                markup=False,
            )
            return
        if option.commitment:

            async def answered(yes: bool | None) -> None:
                if yes:
                    await self._choose(option)

            question = f"{option.label}?"
            self.app.push_screen(
                ConfirmScreen(question, option.commitment, "Yes", again=key), answered
            )
            return
        await self._choose(option)

    async def _choose(self, option: Option) -> None:
        game = self.game
        decision = game.decision
        if decision is None:
            return
        date = game.date
        seen = len(game.milestones)
        try:
            outcome = game.choose(option.id)
        except GameError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        heading = (
            f"{date} · You chose: {option.label}"
            if decision.kind == "action"
            else f"{date} · {titled(decision.title, option.label)}"
        )
        self._log(heading, outcome)
        self._announce(game.milestones[seen:])
        if outcome.turn_ended:
            self.host.autosave(game)
        await self._show(flash=self.app.animation_level != "none")
        if game.over:
            await self._show_the_end()

    def _announce(self, milestones: list[Milestone]) -> None:
        """Say the turning points the player did not choose, where they cannot be missed:
        a job lost or a program finished at the start of a turn, a goal met. In the log
        they come after the choice's own lines, often below the panel's fold."""
        for milestone in milestones:
            if milestone.kind in ANNOUNCED:
                bad = milestone.kind in ("lost", "left")
                self.notify(
                    milestone.text, severity="warning" if bad else "information", markup=False
                )

    async def _show_the_end(self) -> None:
        """In place of a decision, where the game stopped and the way on to the ending."""
        game, sc = self.game, self.game.scenario
        played = len(game.history)
        if played < sc.turns:
            text = f"Your game ends here, after {counted(played, sc.turn_unit)}."
        else:
            text = f"That was your last {sc.turn_unit}."
        panel = self.query_one("#decision")
        panel.border_title = "The end"
        panel.border_subtitle = ""
        self.query_one("#decision-text", Static).update(
            f"{text} Read what your last choice did, then see what you built."
        )
        self.query_one(ChoiceList).display = False
        self.query_one("#choice-hint", Static).update("")
        button = Button("See your ending ▶", id="to-ending", variant="primary")
        await panel.mount(button)
        button.focus()

    @on(Button.Pressed, "#to-ending")
    def _to_ending(self) -> None:
        self.app.switch_screen(EndingScreen(self.game))

    def _log(self, heading: str, outcome: Outcome) -> None:
        sc = self.game.scenario
        entries = [(entry_content(heading, outcome.messages, outcome.changes, sc), "choice")]
        upkeep = outcome.upkeep
        if upkeep is not None:
            heading = f"{self.game.date} · A new {sc.turn_unit} begins"
            entries.append((entry_content(heading, upkeep.messages, upkeep.changes, sc), "upkeep"))
        self.query_one(OutcomeLog).add(*entries)

    # ------------------------------------------------------------ other screens

    def action_details(self) -> None:
        """The highlighted option in full: on a narrow screen the list shows only its start."""
        option = self.query_one(ChoiceList).highlighted_choice()
        if option is None or self.game.decision is None:
            return

        async def answered(take: bool | None) -> None:
            if take:
                await self._take(option)

        self.app.push_screen(OptionDetailsScreen(option), answered)

    def action_journal(self) -> None:
        self.app.push_screen(JournalScreen(self.game))

    def action_save(self) -> None:
        self.host.open_save(self.game)

    def action_glossary(self) -> None:
        self.host.show_glossary()

    def action_help(self) -> None:
        self.host.show_help()

    def action_leave(self) -> None:
        if self.game.over:  # nothing left to keep playing: on to the ending
            self._to_ending()
            return

        def leave(confirmed: bool | None) -> None:
            if confirmed:
                self.host.autosave(self.game)
                self.host.go_title()

        self.app.push_screen(LeaveScreen(), leave)


class LeaveScreen(ModalScreen[bool]):
    """Escape asks before leaving, and says that the game is kept."""

    CSS_PATH = ["../widgets.tcss", "../game.tcss"]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stay", "Keep playing", id="leave.stay"),
        Binding("t", "leave", "Title screen", id="leave.title"),
        # Between the two buttons with the arrows too, as a dialog's buttons are in a row.
        Binding("left", "app.focus_previous", "Previous", show=False, id="leave.previous"),
        Binding("right", "app.focus_next", "Next", show=False, id="leave.next"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-dialog"):
            yield Label("Leave to the title screen?", id="leave-question")
            yield Static(
                "Your game is saved now, as after every turn: Continue picks it up again.",
                id="leave-note",
            )
            with Horizontal(id="leave-buttons"):
                yield Button("Keep playing (esc)", id="stay", variant="primary")
                yield Button("Title screen (t)", id="title")

    @on(Button.Pressed, "#stay")
    def action_stay(self) -> None:
        self.dismiss(False)

    @on(Button.Pressed, "#title")
    def action_leave(self) -> None:
        self.dismiss(True)
