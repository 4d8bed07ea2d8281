"""Screens that interrupt: loading, a problem explained, a question, a terminal too small.

Each says one thing in plain words and tells the player the key that gets them out, so
nothing that goes wrong (a broken scenario, a save that no longer fits) ever shows a
traceback or leaves the player stuck.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, LoadingIndicator, Static

from careerquest.catalog import CatalogError
from careerquest.engine.errors import GameError
from careerquest.engine.words import counted
from careerquest.saves import SaveError
from careerquest.scenario.diagnostics import Diagnostic, ScenarioError
from careerquest.tui.screens.chrome import Masthead, ShellScreen, display_path, sentence


class LoadingScreen(ModalScreen[None]):
    """Shown while a thread loads a scenario or a save; Escape abandons the wait."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="loading.cancel"),
    ]

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label
        self.cancelled = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog loading-dialog"):
            yield Static(self.label, classes="dialog-title")
            yield LoadingIndicator()
            yield Static("Escape cancels.", classes="dialog-hint")

    def action_cancel(self) -> None:
        self.cancelled = True
        self.dismiss()


class ProblemScreen(ShellScreen):
    """Why something cannot be opened, line by line, instead of a traceback."""

    def __init__(self, title: str, summary: str, lines: list[Content] | None = None) -> None:
        super().__init__()
        self.problem_title = title
        self.summary = summary
        self.lines = lines or []

    @classmethod
    def explain(cls, exc: Exception) -> ProblemScreen:
        """The screen for one of the errors that loading a scenario or a save can raise."""
        if isinstance(exc, ScenarioError):
            files = sorted({d.file for d in exc.diagnostics})
            count = len(exc.diagnostics)
            where = display_path(files[0]) if len(files) == 1 else "The scenario"
            summary = (
                f"{where} has {counted(count, 'problem')}. Fix "
                f"{'it' if count == 1 else 'them'} and open it again "
                "(careerquest check lists them too)."
            )
            return cls(
                "This scenario can't be played yet",
                summary,
                [_diagnostic(d) for d in exc.diagnostics],
            )
        if isinstance(exc, SaveError):
            lines = []
            if exc.path is not None:
                path = display_path(exc.path)
                lines.append(Content.from_markup("[dim]File:[/dim] $path", path=path))
            return cls("This save can't be loaded", sentence(exc.problem), lines)
        if isinstance(exc, CatalogError):
            return cls("Scenario not found", sentence(str(exc)))
        if isinstance(exc, GameError):
            return cls("The replayed choices don't fit this game", sentence(str(exc)))
        raise TypeError(f"no explanation for {type(exc).__name__}") from exc

    def compose(self) -> ComposeResult:
        yield Masthead("Problem")
        with Vertical(classes="problem-card"):
            yield Static(self.problem_title, classes="problem-title")
            yield Static(self.summary, classes="problem-summary")
            with VerticalScroll(classes="problem-lines", can_focus=True):
                for line in self.lines:
                    yield Static(line, classes="problem-line")
        yield Footer()


def _diagnostic(diagnostic: Diagnostic) -> Content:
    text = Content.from_markup(
        "[b]line $line:$column[/b]  $message",
        line=diagnostic.line,
        column=diagnostic.column,
        message=diagnostic.message,
    )
    if diagnostic.suggestion:
        text += Content.from_markup(
            " — did you mean [b]$suggestion[/b]?", suggestion=diagnostic.suggestion
        )
    if diagnostic.key_path:
        text += Content.from_markup("\n[dim]at $key[/dim]", key=diagnostic.key_path)
    return text


class ConfirmScreen(ModalScreen[bool]):
    """A yes-or-no question for anything that cannot be undone.

    With ``again``, the key that asked for the action also confirms it, and Enter does: a
    player (or a script) who picked an option with its key says yes with the same key,
    after the question has made them look.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
        Binding("left", "app.focus_previous", "Previous", show=False, id="confirm.previous"),
        Binding("right", "app.focus_next", "Next", show=False, id="confirm.next"),
    ]

    def __init__(self, question: str, detail: str, confirm: str, *, again: str = "") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.confirm = confirm
        self.again = again

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            yield Static(Content(self.detail), classes="dialog-text")
            with Horizontal(classes="dialog-buttons"):
                keys = f"{self.again}, y" if self.again and self.again != "enter" else "y"
                yield Button(f"{self.confirm} ({keys})", variant="error", id="yes")
                yield Button("Cancel (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes" if self.again else "#no", Button).focus()

    def on_key(self, event: events.Key) -> None:
        # Enter reaches the focused Confirm button first, which answers it.
        if self.again not in ("", "enter") and event.key == self.again:
            event.stop()
            self.dismiss(True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
