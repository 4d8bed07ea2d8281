"""Themes are remembered across runs; the terminal's size and environment are respected."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest
from shell_kit import settle, shell_app
from textual.widgets import Static

from careerquest.tui import themes
from careerquest.tui.screens.chrome import TooSmallScreen
from careerquest.tui.screens.settings import SettingsScreen
from careerquest.tui.screens.title import TitleScreen
from careerquest.tui.settings import default_settings_path

pytestmark = pytest.mark.usefixtures("library")


async def test_a_theme_switch_is_remembered_by_the_next_run(make_app, settings_path):
    app = shell_app(make_app)
    assert app.theme == themes.DEFAULT
    async with app.run_test() as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.theme == themes.HIGH_CONTRAST
    assert tomllib.loads(settings_path.read_text()) == {"theme": themes.HIGH_CONTRAST}
    assert shell_app(make_app).theme == themes.HIGH_CONTRAST


async def test_the_terminal_theme_comes_from_the_palette(make_app, settings_path):
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        app.theme = themes.TERMINAL
        await pilot.pause()
        assert app.current_theme.ansi
    assert shell_app(make_app).theme == themes.TERMINAL


def test_themes_registered_later_are_found_and_forgotten_when_unregistered(make_app):
    # The app remembers its theme lookup (Textual asks for it while drawing); registering
    # or unregistering a theme must still show at once.
    from textual.theme import Theme

    app = shell_app(make_app)
    assert app.get_theme(themes.HIGH_CONTRAST) is not None
    assert app.get_theme("textual-light") is app.available_themes["textual-light"]
    late = Theme(name="late-test-theme", primary="#123456")
    app.register_theme(late)
    assert app.get_theme("late-test-theme") is late
    assert app.get_theme("no-such-theme, late-test-theme") is late
    app.available_themes.pop("late-test-theme")  # a copy: the app's own list is untouched
    assert "late-test-theme" in app.available_themes
    app.unregister_theme("late-test-theme")
    assert app.get_theme("late-test-theme") is None


def test_a_damaged_settings_file_falls_back_to_the_defaults(make_app, settings_path):
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text("theme = [broken")
    app = shell_app(make_app)
    assert app.theme == themes.DEFAULT
    assert "could not be read" in (app._settings_problem or "")
    settings_path.write_text('theme = "no-such-theme"')
    assert shell_app(make_app).theme == themes.DEFAULT


def test_the_config_environment_variable_moves_the_settings_file(tmp_path):
    env = {"CAREERQUEST_CONFIG_DIR": str(tmp_path), "XDG_CONFIG_HOME": "/elsewhere"}
    assert default_settings_path(env) == tmp_path / "settings.toml"


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="XDG is for Linux and BSD")
def test_the_settings_file_follows_xdg(tmp_path):
    path = default_settings_path({"XDG_CONFIG_HOME": str(tmp_path)})
    assert path == tmp_path / "careerquest" / "settings.toml"


async def test_too_small_terminal_shows_a_notice_until_it_grows(make_app):
    app = shell_app(make_app)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = str(app.screen.query_one("#too-small-text", Static).visual)
        assert "needs at least 80×24; now 60×20" in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)


async def test_the_notice_stays_on_top_of_screens_that_open_behind_it(make_app):
    app = shell_app(make_app, scenario="studio")
    async with app.run_test(size=(70, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        assert type(app.screen_stack[-2]).__name__ == "SetupScreen"
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"


async def test_no_color_and_no_animations_are_respected(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.no_color
        assert app.animation_level == "none"
        await pilot.press("s")
        await pilot.pause()
        notes = str(app.screen.query_one("#settings-notes", Static).visual)
        assert "off (NO_COLOR is set)" in notes


async def test_the_glossary_explains_the_stats_and_hides_empty_sections(make_app):
    from careerquest.scenario.loader import load_scenario
    from careerquest.tui.screens.glossary import GlossaryScreen

    scenario = load_scenario(Path(__file__).parents[2] / "scenarios" / "help-desk.toml")
    app = shell_app(make_app)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(GlossaryScreen(scenario))
        await pilot.pause()
        screen = app.screen
        headings = [str(h.render()) for h in screen.query(".glossary-heading")]
        assert headings[1] == "What the numbers on screen mean"
        entries = [str(e.render()) for e in screen.query(".glossary-entry")]
        described = [s for s in scenario.stats if s.description and not s.hidden]
        assert described
        for stat in described:
            assert f"{stat.label}  {stat.description}" in entries
        # A term the scenario defines its own way is not defined twice.
        assert "Career" in scenario.glossary
        assert sum(entry.startswith("Career  ") for entry in entries) == 1
        await pilot.press(*"tenure")
        await pilot.pause()
        shown = [str(h.render()) for h in screen.query(".glossary-heading") if h.display]
        assert shown == ["Job or career: the game's terms"]
        # The reflection questions send players here for both kinds of step up.
        for term in ("promotion", "career move"):
            await pilot.press(*["backspace"] * 12, *term)
            await pilot.pause()
            shown = [str(e.render()) for e in screen.query(".glossary-entry") if e.display]
            assert any(entry.lower().startswith(term) for entry in shown), term
        await pilot.press(*["backspace"] * 12, *"zzz")
        await pilot.pause()
        assert not any(h.display for h in screen.query(".glossary-heading"))
        assert screen.query_one("#glossary-none").display


async def test_the_terminal_theme_draws_quiet_borders_that_show_on_a_dark_terminal(make_app):
    app = shell_app(make_app)
    async with app.run_test() as pilot:
        app.theme = themes.TERMINAL
        await pilot.pause()
        border = app.get_css_variables()["border-blurred"]
        assert border == "ansi_bright_black"
        assert border != app.get_css_variables()["background"]
