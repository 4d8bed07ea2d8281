"""Screenshots of every shell screen at 80×24 and 120×40, with fixed seeds and a fixed clock.

Update them with ``--snapshot-update`` only after looking at the new pictures.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from shell_kit import TINY, settle, shell_app, studio_game

from careerquest.saves import SaveStore
from careerquest.scenario.diagnostics import Diagnostic, ScenarioError
from careerquest.tui import themes
from careerquest.tui.screens.notices import ProblemScreen

pytestmark = pytest.mark.usefixtures("library", "home")
SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
SAVED = datetime(2026, 3, 13, 18, 5, tzinfo=UTC)


@pytest.fixture
def home(monkeypatch, tmp_path):
    """Paths on screen are shown from ``~``: make it the test's folder so they are stable."""
    monkeypatch.setenv("HOME", str(tmp_path))


@pytest.fixture
def saves(save_dir):
    """Two saves and a file that is not one."""
    store = SaveStore(save_dir)
    store.write("before-the-exam", studio_game(seed=4, turns=1, name="Robin"), now=SAVED)
    store.autosave(studio_game(seed=5, turns=3, name="Sam"), now=SAVED)
    (save_dir / "scribbles.toml").write_text("not = [a save")


async def _settle(pilot):
    await settle(pilot)


@SIZES
def test_title(snap_compare, make_app, size):
    assert snap_compare(shell_app(make_app), terminal_size=size)


@pytest.mark.usefixtures("saves")
@SIZES
def test_title_with_a_game_to_continue(snap_compare, make_app, size):
    assert snap_compare(shell_app(make_app), press=["down", "down"], terminal_size=size)


@SIZES
def test_sign_in(snap_compare, make_app, size):
    app = shell_app(make_app, sign_in=True)
    assert snap_compare(app, press=["space", "enter"], terminal_size=size)


@SIZES
def test_title_signed_in(snap_compare, make_app, size):
    app = shell_app(make_app, sign_in=True)
    assert snap_compare(app, press=[*"Ana María", "enter"], terminal_size=size)


@pytest.mark.parametrize("theme", [themes.TERMINAL, themes.HIGH_CONTRAST])
def test_title_in_other_themes(snap_compare, make_app, theme):
    app = shell_app(make_app)
    app.theme = theme
    assert snap_compare(app, terminal_size=(80, 24))


@SIZES
def test_picker(snap_compare, make_app, size, tmp_path):
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "tiny.toml").write_text(TINY.read_text())
    assert snap_compare(shell_app(make_app), press=["p", "down"], terminal_size=size)


@SIZES
def test_setup(snap_compare, make_app, size):
    app = shell_app(make_app, scenario="studio", seed=42)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.usefixtures("saves")
@SIZES
def test_load(snap_compare, make_app, size):
    assert snap_compare(shell_app(make_app), press=["l"], terminal_size=size)


@pytest.mark.usefixtures("saves")
@SIZES
def test_save_with_a_bad_name(snap_compare, make_app, size):
    app = shell_app(make_app)

    async def open_save(pilot):
        app.open_save(studio_game(seed=8, turns=2, name="Kim"))
        await pilot.pause()
        await pilot.press("end", *"/x")

    assert snap_compare(app, terminal_size=size, run_before=open_save)


@pytest.mark.usefixtures("saves")
def test_delete_confirmation(snap_compare, make_app):
    assert snap_compare(shell_app(make_app), press=["l", "d"], terminal_size=(80, 24))


@SIZES
def test_help(snap_compare, make_app, size):
    assert snap_compare(shell_app(make_app), press=["question_mark"], terminal_size=size)


@SIZES
def test_glossary_of_a_scenario(snap_compare, make_app, size):
    app = shell_app(make_app)

    async def open_glossary(pilot):
        app.show_glossary(studio_game().scenario)
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_glossary)


def test_glossary_filtered(snap_compare, make_app):
    app = shell_app(make_app)

    async def search(pilot):
        app.show_glossary()
        await pilot.pause()
        await pilot.press(*"bonus")

    assert snap_compare(app, terminal_size=(80, 24), run_before=search)


@SIZES
def test_settings(snap_compare, make_app, size, settings_path):
    app = shell_app(make_app, settings_path=settings_path.with_name("cq.toml"))
    assert snap_compare(app, press=["s"], terminal_size=size)


@SIZES
def test_scenario_problems(snap_compare, make_app, size):
    """Fixed diagnostics: the loader's wording may change, this screen's layout should not."""
    error = ScenarioError(
        [
            Diagnostic(
                "typos.toml",
                6,
                1,
                "scenario.turn_unit",
                "'quater' is not a turn unit",
                "choice",
                suggestion="quarter",
            ),
            Diagnostic("typos.toml", 15, 1, "stats.savings.colour", "unknown key", "unknown-key"),
        ]
    )
    app = shell_app(make_app)

    async def explain(pilot):
        await app.push_screen(ProblemScreen.explain(error))

    assert snap_compare(app, terminal_size=size, run_before=explain)


def test_terminal_too_small(snap_compare, make_app):
    assert snap_compare(shell_app(make_app), terminal_size=(60, 20))
