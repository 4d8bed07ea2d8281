"""Plain play: the whole game as lines of text on stdin and stdout.

This is the game for screen readers, for scripts and for terminals where a full-screen UI
is no use. So it is written as sentences, without box drawing, colour or cursor movement;
every prompt is a numbered menu answered by one number on a line, and every number shown can
be taken (locked options are listed with their reason but get no number), so answering 1 to
every prompt always reaches an ending. Output depends only on the scenario, the seed, the
name and the input, which makes a transcript a reproducible record of a game.

It must not import Textual: ``careerquest play --plain`` starts as fast as ``check`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from careerquest.engine.errors import GameError
from careerquest.engine.game import (
    Change,
    Decision,
    Game,
    Option,
    Outcome,
    TurnRecord,
    event_answer,
)
from careerquest.engine.game import replay as replay_log
from careerquest.engine.money import stat_change, stat_value
from careerquest.engine.rules import RULES
from careerquest.engine.setup import DEFAULT_SEED, Setup
from careerquest.engine.verdict import Verdict, verdict
from careerquest.engine.words import counted, titled
from careerquest.saves.errors import SaveError
from careerquest.scenario.runtime import Scenario, StatDef

Saver = Callable[[Game], Path]


#: Answers in a row that name no option before a game fed by a script or a file stops: a
#: pipe that repeats a bad answer would otherwise fill the disk with re-prompts.
MAX_BAD_ANSWERS = 20


class _InputEnded(Exception):
    """Stdin closed before the game did."""


class _NoUsableInput(Exception):
    """Piped input kept naming no option (see :data:`MAX_BAD_ANSWERS`)."""


class PlainGame:
    """Drives one :class:`Game` over a pair of text streams."""

    def __init__(
        self, game: Game, *, save: Saver, stdin: TextIO, stdout: TextIO, stderr: TextIO
    ) -> None:
        self.game = game
        self.save = save
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        # A terminal echoes what the player types; a pipe does not, so echo the answer to
        # keep a piped transcript readable (answer on the prompt's line).
        self.echo = not stdin.isatty()
        self.sc = game.scenario
        self.shown: tuple[int, ...] | None = None

    # ------------------------------------------------------------------ flow

    def play(self, *, resumed: int = 0) -> int:
        """Play to the end or to the end of input; the exit status of ``careerquest play``.

        ``resumed`` is how many choices were replayed before, so the opening is not told twice.
        """
        self.introduce()
        if resumed:
            self.say(f"Replayed {counted(resumed, 'choice')} from --replay:")
            for record in self.game.history:
                self.say(f"  {self.recap(record)}")
            if self.game.turn_so_far is not None:
                self.say(f"  {self.recap(self.game.turn_so_far)}")
            self.autosave()
        else:
            self.tell(self.game.opening.messages)
            self.tell_changes("Before the first turn", self.game.opening.changes)
        header_due = True
        while self.game.decision is not None:
            decision = self.game.decision
            if decision.kind == "action" or header_due:
                self.header(decision)
            header_due = False
            try:
                option = self.ask(decision)
            except _InputEnded:
                return self.stop()
            except _NoUsableInput:
                status = self.stop(f"{MAX_BAD_ANSWERS} answers in a row named no option.")
                self.stdout.flush()
                self.stderr.write(
                    f"careerquest: the input named no option {MAX_BAD_ANSWERS} times in a row\n"
                )
                return status or 2
            outcome = self.game.choose(option.id)
            self.report(option, outcome)
        self.ending(verdict(self.game))
        return 0

    def stop(self, why: str = "The input ended before the game did.") -> int:
        """Stop mid-game: save it and say where, so nothing is lost."""
        self.say("")
        self.say(why)
        try:
            path = self.save(self.game)
        except SaveError as exc:
            self.stdout.flush()
            self.stderr.write(f"careerquest: {exc}\n")  # it says the game was not saved
            return 1
        self.say(f"Saved to {path}")
        if self.game.log:
            self.say(
                "To go on from here in plain mode, run the same command with "
                f"--replay {self._replay_option()}"
            )
        return 0

    def _replay_option(self) -> str:
        """The choices so far for ``--replay``, and the rules when they are not today's."""
        choices = ",".join(self.game.log)
        return choices if self.game.rules == RULES else f"{choices} --rules {self.game.rules}"

    def autosave(self) -> None:
        """Save after every turn; a failed autosave is reported but does not stop play."""
        try:
            self.save(self.game)
        except SaveError as exc:
            self.stdout.flush()
            self.stderr.write(f"careerquest: warning: could not autosave: {exc}\n")

    # ------------------------------------------------------------ the screens

    def introduce(self) -> None:
        sc, setup = self.sc, self.game.setup
        self.say(sc.title)
        if sc.summary:
            self.say(sc.summary)
        self.say(
            f"The game lasts {counted(sc.turns, sc.turn_unit)}, from age {sc.start_age} in "
            f"{sc.start_year}. Seed {self.game.seed}."
        )
        who = [f"You play {setup.name}."]
        background = next((b for b in sc.backgrounds if b.id == setup.background), None)
        if background is not None:
            who.append(f"Background: {background.label}.")
        self.say(" ".join(who))
        for goal_id, term in ((setup.short_goal, "Short-term"), (setup.long_goal, "Long-term")):
            if goal_id is None:
                continue
            goal = sc.goal(goal_id)
            line = [f"{term} goal: {goal.label}.", goal.description]
            if goal.by is not None:
                line.append(f"Due by {self.game.date_of(goal.by)}.")
            self.say(" ".join(part for part in line if part))
        self.say(
            "Each prompt lists numbered options: type a number and press Enter. "
            "Locked options are listed with the reason and have no number. "
            "End the input (Ctrl+D) to save and stop."
        )

    def recap(self, record: TurnRecord) -> str:
        """One replayed turn in a line: its date, the action, the event and its answer."""
        parts = [record.action_label] if record.action_label else []
        answer = event_answer(self.sc, record)
        if answer is not None:
            title, choice = answer
            parts.append(titled(title, choice))
        return _sentence(f"{record.date}: {'; '.join(parts) or 'nothing chosen'}")

    def header(self, decision: Decision) -> None:
        """The start of a turn: date, situation and stats with their change since last shown."""
        game = self.game
        self.say("")
        self.say(f"--- {game.date} (turn {game.turn} of {self.sc.turns}) ---")
        if decision.kind == "action":
            self.say(decision.text)
        values = game.values()
        groups: dict[str, list[StatDef]] = {}
        for stat in self.sc.stats:
            if not stat.hidden:
                groups.setdefault(stat.group, []).append(stat)
        for group, stats in groups.items():
            parts = []
            for stat in stats:
                text = f"{stat.label} {self.value(stat, values[stat.index])}"
                if self.shown is not None and values[stat.index] != self.shown[stat.index]:
                    text += f" ({self.delta(stat, values[stat.index] - self.shown[stat.index])})"
                parts.append(text)
            self.say(f"{group.replace('_', ' ').capitalize()}: {', '.join(parts)}.")
        self.shown = values

    def ask(self, decision: Decision) -> Option:
        """Show a decision and read answers until one names an open option."""
        if decision.kind == "action":
            self.say("What will you do?")
        else:
            self.say(f"Event: {decision.title}.")
            self.say(decision.text)
        choices = decision.open_options()
        for number, option in enumerate(choices, 1):
            self.say(f"{number}. {_option_text(option)}")
        for option in decision.options:
            if not option.available:
                self.say(f"Locked: {option.label} — {option.locked_reason}.")
        if not choices:
            raise GameError(f"nothing can be chosen at '{decision.title}'")
        span = "1" if len(choices) == 1 else f"1 to {len(choices)}"
        hint = "Type 1" if len(choices) == 1 else f"Type a number from {span}"
        bad = 0
        while True:
            if self.echo and bad >= MAX_BAD_ANSWERS:
                raise _NoUsableInput
            self.stdout.write(f"Your choice ({span}): ")
            self.stdout.flush()
            try:
                line = self.stdin.readline()
            except UnicodeDecodeError:
                line = "?\n"  # bytes that are not text are not a number: ask again
            if not line:
                raise _InputEnded
            answer = line.strip()
            if self.echo:
                self.stdout.write(answer + "\n")
            if answer.isascii() and answer.isdigit():
                number = int(answer) if len(answer) <= 9 else 0
                if 1 <= number <= len(choices):
                    return choices[number - 1]
                self.say(f"There is no option {answer}. {hint}.")
            else:
                self.say(f"{hint}, then press Enter.")
            bad += 1

    def report(self, option: Option, outcome: Outcome) -> None:
        """What the choice did, then (on a turn's end) what the new turn's upkeep did."""
        self.say(f"You chose: {option.label}.")
        self.tell(outcome.messages)
        self.tell_changes("Your decision changed", outcome.changes)
        if not outcome.turn_ended:
            return
        self.autosave()
        if outcome.upkeep is not None:
            self.say(f"A new {self.sc.turn_unit} begins.")
            self.tell(outcome.upkeep.messages)
            self.tell_changes(f"The new {self.sc.turn_unit} changed", outcome.upkeep.changes)

    def ending(self, result: Verdict) -> None:
        sc = self.sc
        self.say("")
        self.say("--- The end ---")
        self.say(f"Ending: {result.title} ({result.cls})")
        if result.text:
            self.say(result.text)
        self.say(f"Turns played: {result.turns_played} of {sc.turns}.")
        # What a teacher needs to check the game: its identity is its seed and choices.
        self.say(
            f"Seed {self.game.seed}. To replay this game, run the same command with "
            f"--replay {self._replay_option()}"
        )
        if result.factors:
            self.say("")
            self.say(
                f"Why: {result.career_factors} of {len(result.factors)} factors point to a career."
            )
            for factor in result.factors:
                side = "career" if factor.career else "job"
                self.say(_sentence(f"{factor.label}, {side}: {factor.text}"))
                for line in factor.evidence:
                    # "30 → 34" is read out as "right arrow" by screen readers.
                    self.say(_sentence(f"  Evidence: {line.replace(' → ', ' to ')}"))
                self.say(_sentence(f"  Career when: {factor.rule}"))
        if result.goals:
            self.say("")
            self.say("Goals:")
            for goal in result.goals:
                term = "Short-term" if goal.term == "short" else "Long-term"
                self.say(f"{term} goal, {goal.label}: {goal.status}.")
        self.say("")
        self.say("Money at the end:")
        self.tell(result.money)
        if result.turning_points:
            self.say("")
            self.say("Turning points:")
            for point in result.turning_points:
                self.say(_sentence(f"{point.date}: {point.text}"))
        if sc.reflection:
            self.say("")
            self.say("Questions to reflect on:")
            for number, question in enumerate(sc.reflection, 1):
                self.say(f"{number}. {question}")

    # ---------------------------------------------------------------- helpers

    def say(self, line: str) -> None:
        self.stdout.write(line + "\n")

    def tell(self, messages: Sequence[str]) -> None:
        for message in messages:
            self.say(message)

    def tell_changes(self, heading: str, changes: Sequence[Change]) -> None:
        shown = [c for c in changes if not self.sc.stat(c.stat).hidden]
        if shown:
            parts = [f"{c.label} {self.delta(self.sc.stat(c.stat), c.delta)}" for c in shown]
            self.say(f"{heading}: {', '.join(parts)}.")

    def value(self, stat: StatDef, value: int) -> str:
        return stat_value(stat.kind, value, self.sc.currency)

    def delta(self, stat: StatDef, delta: int) -> str:
        return stat_change(stat.kind, delta, self.sc.currency)


def _option_text(option: Option) -> str:
    text = option.label
    if option.check is not None:
        text += f" ({option.check.stat} check: {option.check.describe()})"
    if option.description:
        text = _sentence(text) + " " + option.description[0].upper() + option.description[1:]
    return _sentence(text)


def _sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?", ":")) else text + "."


def play(
    scenario: Scenario,
    *,
    seed: int = DEFAULT_SEED,
    setup: Setup | None = None,
    replay: Sequence[str] = (),
    rules: int = RULES,
    save: Saver,
    stdin: TextIO,
    stdout: TextIO,
    stderr: TextIO,
) -> int:
    """Play a scenario in plain mode: 0 at the ending or on end of input, 2 on a bad replay."""
    setup = setup or Setup()
    try:
        game = replay_log(scenario, seed, setup, replay, rules=rules)
    except GameError as exc:
        stderr.write(f"careerquest: --replay: {exc}\n")
        return 2
    session = PlainGame(game, save=save, stdin=stdin, stdout=stdout, stderr=stderr)
    try:
        return session.play(resumed=len(replay))
    except GameError as exc:
        stdout.flush()
        stderr.write(f"careerquest: the scenario cannot go on: {exc}\n")
        return 1
