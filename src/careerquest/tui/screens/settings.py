"""Settings: the theme, applied at once and remembered in the settings file.

The app itself writes the file whenever the theme changes (from here or from the command
palette), so this screen only sets ``app.theme``. Colour and motion also follow the
standard environment variables, which Textual honours; the screen says so, because a
player who set ``NO_COLOR`` should not hunt for a colour switch.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, RadioButton, RadioSet, Static

from careerquest.tui.screens.chrome import Masthead, ShellScreen, display_path
from careerquest.tui.themes import CHOICES

SAMPLE = (
    "[b $primary]Skills[/] [$success]▲+5[/]   [b $accent]Savings[/] [$error]▼-$200[/]   "
    "[$warning]Risky — 32%[/]"
)


class SettingsScreen(ShellScreen):
    def compose(self) -> ComposeResult:
        yield Masthead("Settings")
        with Vertical(id="settings-body"):
            yield Static("Theme", classes="shell-section")
            with RadioSet(id="themes"):
                for choice in CHOICES:
                    yield RadioButton(
                        Content.from_markup(
                            "[b]$label[/b]  [dim]$text[/dim]",
                            label=choice.label,
                            text=choice.description,
                        ),
                        value=choice.name == self.app.theme,
                        name=choice.name,
                    )
            yield Static(Content.from_markup(SAMPLE), id="theme-sample")
            yield Static(self._environment(), id="settings-notes")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#themes", RadioSet).focus()

    def _environment(self) -> Content:
        colour = "off (NO_COLOR is set)" if self.app.no_color else "on (set NO_COLOR to turn off)"
        motion = self.app.animation_level
        facts = [
            ("Saved in", display_path(self.game_app.settings_path)),
            ("Colour", colour),
            ("Animations", f"{motion} (TEXTUAL_ANIMATIONS=none turns them off)"),
        ]
        return Content("\n").join(
            Content.from_markup("[dim]$label[/dim]$value", label=f"{label:<12}", value=value)
            for label, value in facts
        )

    @on(RadioSet.Changed, "#themes")
    def _pick(self, event: RadioSet.Changed) -> None:
        if event.pressed.name:
            self.app.theme = event.pressed.name
