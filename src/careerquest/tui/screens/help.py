"""How to play: the keys, the turn in plain words, job vs career, and how chances read.

The text lives in ``text/help.md`` beside the code so it can be edited as prose.
"""

from __future__ import annotations

from importlib.resources import files

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown

from careerquest.tui.screens.chrome import Masthead, ShellScreen


def help_text() -> str:
    return files("careerquest.tui").joinpath("text/help.md").read_text(encoding="utf-8")


class HelpScreen(ShellScreen):
    def compose(self) -> ComposeResult:
        yield Masthead("How to play")
        with VerticalScroll(id="help-body", classes="reading", can_focus=True):
            yield Markdown(help_text())
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-body").focus()
