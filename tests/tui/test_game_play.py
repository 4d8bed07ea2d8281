"""Playing through the game screen with the keyboard and the mouse, as a player would."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from game_kit import OUTAGE_SEED, QUEST, HostApp, finished, play_to_end, press, quest
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Label, Static
from textual.widgets._toast import Toast

from careerquest.engine.game import Decision, Game, Option, replay
from careerquest.engine.setup import Setup
from careerquest.engine.verdict import verdict
from careerquest.scenario.loader import load_scenario
from careerquest.tui.screens.ending import EndingScreen
from careerquest.tui.screens.game import GameScreen, LeaveScreen
from careerquest.tui.screens.journal import JournalScreen
from careerquest.tui.screens.notices import ConfirmScreen
from careerquest.tui.screens.option_details import OptionDetailsScreen
from careerquest.tui.widgets.choice_list import (
    OPTION_KEYS,
    ChoiceList,
    body_content,
    check_text,
)
from careerquest.tui.widgets.hanging import Hanging
from careerquest.tui.widgets.header_bar import HeaderBar
from careerquest.tui.widgets.outcome_log import INDENT, OutcomeLog
from careerquest.tui.widgets.program_progress import ProgramProgress
from careerquest.tui.widgets.stat_panel import StatRow
from minimal_scenario import write_scenario


def text_of(widget: Static) -> str:
    return str(widget.render())


def option_line(choices: ChoiceList, index: int) -> int:
    """The line of the list, as on screen, where option ``index`` begins."""
    return choices._index_to_line[index] - choices.scroll_offset.y


async def test_pressing_1_plays_a_whole_game_to_the_ending() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await play_to_end(pilot)
        assert isinstance(app.screen, EndingScreen)
        assert app.game.over
        assert app.autosaves == list(range(1, len(app.game.history) + 1))
        result = verdict(app.game)
        kicker = text_of(app.screen.query_one("#ending-kicker", Static))
        assert "Ending" in kicker
        assert kicker.endswith(f" · seed {app.game.seed}")  # what a teacher checks it by
        assert text_of(app.screen.query_one("#ending-title", Static)) == result.title
        screenshot = app.export_screenshot()
        assert "Ending" in screenshot
        assert result.title.replace(" ", "&#160;") in screenshot


async def test_every_completed_turn_is_autosaved() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")  # the action; the turn's event is still to answer
        assert app.autosaves == []
        await press(pilot, "1")
        assert app.autosaves == [1]
        await press(pilot, "1", "1")
        assert app.autosaves == [1, 2]


async def test_a_locked_choice_cannot_be_taken() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        locked = choices.keyed("8")  # after the locked promotion and career move
        assert locked is not None
        assert locked.label == "Build a side project"
        assert not locked.available
        assert locked.locked_reason == "needs Technical skills at least 45"
        await press(pilot, "8")
        assert app.game.log == []
        assert [n.message for n in app._notifications] == [
            "Locked: needs Technical skills at least 45"
        ]
        await pilot.click(choices, offset=(5, option_line(choices, 7)))
        assert app.game.log == []


async def test_locked_options_stay_visible_with_their_reason() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)):
        choices = app.screen.query_one(ChoiceList)
        locked = [n for n, option in enumerate(choices.choices, 1) if not option.available]
        assert locked == [6, 7, 8]
        body = body_content(choices.choices[7], detailed=False, plain=False)
        assert str(body) == "Build a side project\nLocked: needs Technical skills at least 45"
        prompt = str(choices.options[7].prompt)
        assert prompt.startswith(" 8  Build a side project\n    Locked: needs")


async def test_options_past_nine_have_letter_keys(tmp_path: Path) -> None:
    """A turn of a dozen options: the tenth is "a", the eleventh "b"; the letters that mean
    something else on this screen (g for the glossary) keep their meaning."""
    hobbies = "".join(
        f'\n[actions.hobby_{n}]\nlabel = "Hobby {n}"\ncategory = "rest"\n' for n in range(1, 11)
    )
    app = HostApp(Game(load_scenario(write_scenario(tmp_path, hobbies)), 1))
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        assert [o.label for o in choices.choices[8:]] == [f"Hobby {n}" for n in range(7, 11)]
        keys = [str(option.prompt)[:4] for option in choices.options[8:]]
        assert keys == [" 9  ", " a  ", " b  ", " c  "]
        await press(pilot, "g")
        assert app.calls == ["show_glossary"]
        assert app.game.log == []
        await press(pilot, "b")
        assert app.game.log == ["hobby_9"]


async def test_a_goal_met_and_a_job_lost_are_announced(tmp_path: Path) -> None:
    """What happens to the player, not what they chose, comes in a toast: in the log it sits
    below the choice's own lines, often out of sight at 80x24."""
    goals = (
        # Brackets are the author's text, not markup: "[/]" once crashed the toast.
        '\n[goals.rich]\nterm = "short"\nlabel = "Save [/] up [now]"\nachieved = "cash >= 200"\n'
        '\n[goals.skilled]\nterm = "long"\nlabel = "Get skilled"\nachieved = "skill >= 90"\n'
        '\n[roles.temp]\ntitle = "Temp"\nentry = true\nloss_chance = 1.0\n'
        "[roles.temp.pay]\nsalary = 1000\n"
    )
    app = HostApp(Game(load_scenario(write_scenario(tmp_path, goals)), 1))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await press(pilot, "2")  # work: cash 100 → 200
        assert app.game.log == ["work"]
        assert [(n.message, n.severity) for n in app._notifications] == [
            ("Goal met: Save [/] up [now]", "information")
        ]
        # Over the side panel, not over the log's newest lines, which tell it in full.
        await pilot.pause()
        (toast,) = app.screen.query(Toast)
        side, log = app.screen.query_one("#side").region, app.screen.query_one(OutcomeLog).region
        assert side.x <= toast.region.x
        assert toast.region.right <= side.right
        assert not toast.region.overlaps(log)
        app.clear_notifications()
        await press(pilot, "1")  # apply as a temp, lost at the start of the next turn
        assert app.game.log[-1] == "apply:temp"
        assert [(n.message, n.severity) for n in app._notifications] == [
            ("Lost the job as Temp", "warning")
        ]


async def test_the_goals_stay_in_view_with_where_they_stand(tmp_path: Path) -> None:
    """On a tall screen the side panel lists both goals; the journal does on any screen."""
    goals = (
        '\n[goals.rich]\nterm = "short"\nlabel = "Save up"\nachieved = "cash >= 200"\n'
        '\n[goals.skilled]\nterm = "long"\nlabel = "Get skilled"\nachieved = "skill >= 90"\n'
        "by = 2\n"
    )
    game = Game(load_scenario(write_scenario(tmp_path, goals)), 1)
    app = HostApp(game)
    async with app.run_test(size=(120, 40)) as pilot:
        shown = app.screen.query_one("#goals", Static)
        assert shown.display
        assert str(shown.render()).splitlines() == ["○ Save up", "○ Get skilled — due by 2027"]
        await press(pilot, "1")  # work: cash 100 → 200
        assert str(shown.render()).splitlines() == [
            "● Save up — met 2026",
            "○ Get skilled — due by 2027",
        ]
        await press(pilot, "1", "j")  # the deadline passes unmet
        assert isinstance(app.screen, JournalScreen)
        journal = app.screen.query_one("#journal-goals", Static)
        assert str(journal.render()).splitlines() == [
            "● Save up — met 2026",
            "✕ Get skilled — missed",
        ]


async def test_the_goals_box_gives_way_on_a_short_screen(tmp_path: Path) -> None:
    """Below the stats and the trend there is no room on a short screen, however wide: the
    journal shows the goals there."""
    goals = (
        '\n[goals.rich]\nterm = "short"\nlabel = "Save up"\nachieved = "cash >= 200"\n'
        '\n[goals.skilled]\nterm = "long"\nlabel = "Get skilled"\nachieved = "skill >= 90"\n'
    )
    app = HostApp(Game(load_scenario(write_scenario(tmp_path, goals)), 1))
    async with app.run_test(size=(120, 24)):
        assert not app.screen.query_one("#goals").display


async def test_the_keyboard_reaches_locked_options_to_read_why() -> None:
    """The cursor goes past the open options, scrolling the locked ones into view; Enter on
    one says why it is locked and takes nothing."""
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        await press(pilot, "end")
        last = len(choices.choices) - 1
        assert choices.highlighted == last
        assert not choices.choices[last].available
        assert 0 <= option_line(choices, last) < choices.scrollable_content_region.height
        await press(pilot, "enter")
        assert app.game.log == []
        assert [n.message for n in app._notifications] == [
            f"Locked: {choices.choices[last].locked_reason}"
        ]


async def test_enter_takes_the_highlighted_option() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "down", "enter")
        assert app.game.log == ["study"]


async def test_enter_takes_the_first_open_option_when_the_list_is_not_focused() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one(OutcomeLog).focus()
        await press(pilot, "enter")
        assert app.game.log == ["work"]


async def test_clicking_an_option_takes_it() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        await pilot.click(choices, offset=(5, option_line(choices, 2)))
        await pilot.pause()
        assert app.game.log == ["network"]


async def test_clicking_choose_in_the_footer_takes_the_highlighted_option() -> None:
    # Not option 1: the footer's entry is Enter's, so a click takes what the player sees.
    from textual.widgets._footer import FooterKey

    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        first = app.screen.query_one(ChoiceList).keyed("1")
        await press(pilot, "down", "down")
        highlighted = app.screen.query_one(ChoiceList).highlighted_choice()
        assert highlighted is not None
        assert first is not None
        assert highlighted.id != first.id
        choose = next(k for k in app.screen.query(FooterKey) if k.description == "Choose")
        assert choose.key_display == "1-9/⏎"
        await pilot.click(choose)
        await pilot.pause()
        assert app.game.log == [highlighted.id]


async def test_an_event_shows_a_checks_chance_before_the_player_commits() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        decision = app.game.decision
        assert decision is not None
        assert decision.title == "The network goes down"
        panel = app.screen.query_one("#decision")
        assert panel.border_subtitle == "Event"
        choices = app.screen.query_one(ChoiceList)
        body = body_content(choices.choices[1], detailed=False, plain=False)
        assert str(body) == "Try to fix it yourself\nTechnical skills check: Risky — 25%"
        assert "Risky — 25%" in str(choices.options[1].prompt)


async def test_the_log_shows_what_a_decision_changed_and_the_upkeep_apart() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        latest = [text_of(entry) for entry in app.screen.query(".log-entry.-latest")]
        assert latest == [
            "Q1 2027 · You chose: Put in the hours\n"
            "  Soft skills ▲+2 · Wellbeing ▼-3 · Savings ▲+$400"
        ]
        await press(pilot, "1")  # escalate and wait: the turn ends, the next one begins
        latest = [text_of(entry) for entry in app.screen.query(".log-entry.-latest")]
        assert latest[0].startswith("Q1 2027 · The network goes down: Escalate and wait")
        assert latest[1].startswith("Q2 2027 · A new quarter begins")
        assert "Pay from Support agent: +$9,880." in latest[1]
        assert "Living costs: -$6,500." in latest[1]
        assert "Savings ▲+$3,380" in latest[1]


async def test_the_stat_panel_marks_each_change_with_an_arrow_and_a_number() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        rows = {row.stat.id: row for row in app.screen.query(StatRow)}
        line = {stat: str(row.render()) for stat, row in rows.items()}
        # A percent stat reads as one, as in the journal, the charts and plain play.
        assert line["soft"].endswith(" 27% ▲+2")
        assert line["savings"].endswith("$6,780 ▲+$400")
        assert line["technical"].endswith(" 20% ")
        assert rows["soft"].delta == 2
        assert "luck" not in rows  # hidden stats stay hidden


async def test_changed_stats_flash_when_animations_are_on() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        app.animation_level = "full"
        await press(pilot, "1")
        rows = list(app.screen.query(StatRow))
        flashed = {row.stat.id for row in rows if row.flashing}
        assert flashed == {"soft", "wellbeing", "savings"}
        # The highlight covers the whole line.
        for row in rows:
            line = row.render()
            assert isinstance(line, Content)
            lit = [
                span
                for span in line.spans
                if getattr(span.style, "background", None) is not None and span.style.background.a
            ]
            if row.flashing:
                assert line.cell_length == row.content_size.width
                assert [(s.start, s.end) for s in lit] == [(0, len(line.plain))]
            else:
                assert lit == []


async def test_the_journal_lists_every_turn_and_escape_goes_back() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1", "1", "1", "1", "j")
        assert isinstance(app.screen, JournalScreen)
        headings = [text_of(h) for h in app.screen.query(".journal-heading")]
        assert headings == [
            "Q1 2027 · turn 1 · age 22 · Support agent",
            "Q2 2027 · turn 2 · age 22 · Support agent",
        ]
        body = text_of(app.screen.query(".journal-body").first(Static))
        assert "Action Put in the hours" in body
        assert "Event  The network goes down → Escalate and wait" in body
        # What the choices did, in amounts: from the turn's start to its end.
        first = app.game.history[0]
        moved = [
            f"{stat.label} {after - before:+d}"
            for stat, before, after in zip(
                app.game.scenario.stats, first.start, first.stats, strict=True
            )
            if after != before and stat.kind != "money" and not stat.hidden
        ]
        assert moved
        changes = next(line for line in body.splitlines() if line.startswith("Your choices "))
        for change in moved:
            assert change.replace(" +", " ▲+").replace(" -", " ▼-") in changes
        await press(pilot, "escape")
        assert isinstance(app.screen, GameScreen)


async def test_keys_reach_the_host() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "s", "g", "question_mark")
        assert app.calls == ["open_save", "show_glossary", "show_help"]


async def test_escape_asks_before_leaving_and_saves_on_the_way_out() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "escape")
        assert isinstance(app.screen, LeaveScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, GameScreen)
        assert app.calls == []
        await press(pilot, "escape", "right", "left", "enter")  # the arrows move between
        assert isinstance(app.screen, GameScreen)  # the buttons: back on Keep playing
        await press(pilot, "escape", "right", "enter")
        assert app.calls == ["go_title"]
        assert app.autosaves == [0]


async def test_the_ending_offers_play_again_and_title() -> None:
    app = finished()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "p", "t")
        button = app.screen.query_one("#title", Button)
        button.scroll_visible(animate=False)
        await pilot.pause()
        await pilot.click(button)
        assert app.calls == ["play_again", "go_title", "go_title"]


async def test_escape_on_the_ending_goes_to_the_title() -> None:
    app = finished()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "escape")
        assert app.calls == ["go_title"]


async def test_the_role_path_turning_points_and_questions_wrap_under_their_text() -> None:
    app = finished()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        rows = list(app.screen.query(".hanging"))
        result = verdict(app.game)
        lists = (result.path, result.turning_points, app.game.scenario.reflection)
        assert len(rows) == sum(len(items) for items in lists)
        for row in rows:
            lead, text = row.query_one(".hanging-lead"), row.query_one(".hanging-text")
            # The text is a column of its own, right of the lead: its wrapped lines start
            # under its first word, not at the lead's column.
            assert text.region.x > lead.region.right - 1


async def test_the_ending_explains_the_verdict_factor_by_factor() -> None:
    app = finished()
    async with app.run_test(size=(120, 40)):
        result = verdict(app.game)
        sides = [text_of(s) for s in app.screen.query(".factor-side")]
        assert sides == [("● career" if f.career else "○ job") for f in result.factors]
        assert len(sides) == 6
        bodies = [text_of(b) for b in app.screen.query(".factor-body")]
        assert [b.splitlines()[-1] for b in bodies] == [
            f"Career when: {f.rule}" for f in result.factors
        ]
        # Pay, savings and debt, as the verdict words them.
        assert text_of(app.screen.query_one("#ending-money")).splitlines() == list(result.money)
        assert result.money[0].startswith("Pay: ")
        charts = [c.border_title for c in app.screen.query(".ending-chart")]
        assert charts[0] == "Savings"
        assert {"Technical skills", "Wellbeing"} <= set(charts)
        sections = [text_of(title) for title in app.screen.query(".section-title")]
        assert sections == [
            "Why",
            "Goals",
            "Money at the end",
            "Role path",
            "Trajectory",
            "Turning points",
            "Questions to reflect on",
        ]


async def test_a_resumed_game_opens_on_its_current_decision() -> None:
    game = quest().game
    for _ in range(3):
        assert game.decision is not None
        game.choose(game.decision.open_options()[0].id)
    app = HostApp(game)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        log = [text_of(entry) for entry in app.screen.query(".log-entry")]
        assert log[0].startswith("Q1 2027 · You chose: Put in the hours")
        # Saved with an event to answer: the action already taken this turn shows too.
        assert game.turn_so_far is not None
        assert log[1].startswith("Q2 2027 · You chose: Put in the hours")
        assert log[2] == f"{game.date} · Welcome back."
        await press(pilot, "1")
        assert len(game.log) == 4


async def test_an_ending_without_factors_or_reflection(tiny_path: Path) -> None:
    """The tiny scenario has no stat groups, factors or reflection questions."""
    app = finished(seed=1, path=tiny_path)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, EndingScreen)
        assert not app.screen.query(".factor")
        sections = [text_of(title) for title in app.screen.query(".section-title")]
        # The first open option is the tiny scenario's one job: its hiring is a turning point.
        assert sections == [
            "Goals",
            "Money at the end",
            "Role path",
            "Trajectory",
            "Turning points",
        ]


async def test_the_header_gives_the_role_room_before_the_scenario_title() -> None:
    for size, shows_title in (((80, 24), False), ((120, 40), True)):
        app = quest()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            header = str(app.screen.query_one(HeaderBar).render())
            assert "Support agent $" in header
            assert ("From the Help Desk Up" in header) is shows_title
            assert "…" not in header  # never a stub of the title
            assert header.rstrip().endswith("Savings $6,380")


async def test_a_long_role_stays_whole_in_the_header_while_closer_parts_allow() -> None:
    """First the word "turn" goes, then the gaps narrow, and only then is the role cut."""
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(HeaderBar)
        assert bar.info is not None
        assert str(bar.render()).startswith("Q1 2027 · turn 1/8  Age 22  Support agent $")
        bar.info = replace(bar.info, role="Customer support agent")
        header = str(bar.render())
        assert header.startswith("Q1 2027 · 1/8  Age 22  Customer support agent $")
        bar.info = replace(bar.info, role="Customer support agent, late")
        header = str(bar.render())
        assert header.startswith("Q1 2027 · 1/8 Age 22 Customer support agent, late $")
        bar.info = replace(bar.info, role="Senior customer support operations agent")
        header = str(bar.render())
        assert "Age 22 Senior customer support oper… $" in header
        assert header.rstrip().endswith("Savings $6,380")  # money always whole


def _deltas(app: HostApp) -> dict[str, int]:
    return {row.id or "": row.delta for row in app.screen.query(StatRow)}


async def test_the_first_turns_changes_are_its_upkeep_not_the_background() -> None:
    scenario = load_scenario(Path(__file__).parents[2] / "scenarios" / "wellness.toml")
    game = Game(scenario, seed=1, setup=Setup(background="dropout"))
    app = HostApp(game)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        upkeep = {c.stat: c.after - c.before for c in game.opening.changes}
        assert upkeep  # the first month's costs
        assert _deltas(app) == {f"stat-{s.id}": upkeep.get(s.id, 0) for s in scenario.stats}
        # The background set these (coaching from 20 to 28, ...); no month has changed them.
        assert all(_deltas(app)[f"stat-{s}"] == 0 for s in ("coaching", "business", "wellbeing"))


async def test_on_a_tall_screen_the_log_keeps_its_rows_above_the_footer() -> None:
    """The option list takes what the log can spare: never the log's last rows, which a
    fixed cap once pushed under the footer at 120×40."""
    help_desk = load_scenario(Path(__file__).parents[2] / "scenarios" / "help-desk.toml")
    for size in ((120, 40), (100, 32), (200, 60)):
        game = Game(help_desk, seed=7)
        app = HostApp(game)
        async with app.run_test(size=size) as pilot:
            for turn in range(16):
                await pilot.pause()
                log = app.screen.query_one(OutcomeLog)
                footer_row = size[1] - 1
                assert log.region.bottom <= footer_row, (size, log.region)
                assert log.region.height >= 10, (size, log.region)
                assert game.decision is not None
                if turn >= 12 and game.decision.kind == "action":
                    break
                await press(pilot, "1")
            if size == (200, 60):  # the room goes to the options when they need it
                assert game.decision is not None
                assert len(game.decision.options) > 13
                assert app.screen.query_one(ChoiceList).region.height > 26


async def test_a_resumed_game_shows_the_changes_the_player_saw() -> None:
    """After Continue or Load, each stat's ▲/▼ is what it was when the player left: on an
    event, the action's effect; on an action, the whole last turn."""
    for kind in ("event", "action"):
        app = quest()
        async with app.run_test(size=(80, 24)) as pilot:
            game = app.game
            for _ in range(40):
                decision = game.decision
                assert decision is not None
                if len(game.history) >= 2 and decision.kind == kind:
                    break
                await press(pilot, "1")
            seen = _deltas(app)
            log = list(app.game.log)
        assert any(seen.values())
        resumed = HostApp(replay(app.game.scenario, app.game.seed, app.game.setup, log))
        async with resumed.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert _deltas(resumed) == seen, kind


async def test_the_log_shows_what_a_decision_did_before_the_new_turn() -> None:
    """On a short screen the new entries come into view from the top: the decision's own
    entry first, the next turn's upkeep below it."""
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        log = app.screen.query_one(OutcomeLog)
        for _ in range(6):
            await press(pilot, "1")
            await pilot.pause()
            first = log.query(".-latest").first()
            assert log.scroll_offset.y == min(first.virtual_region.y, log.max_scroll_y)
        assert log.max_scroll_y > 0  # the log overflowed, so scrolling was needed


async def test_a_long_description_under_the_list_ends_in_an_ellipsis() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        hint = app.screen.query_one("#choice-hint", Static)
        assert str(hint.render()) == choices.choices[0].description  # short: shown whole
        choices.choices[1].description = "Evening classes in networking and scripting. " * 4
        choices.highlighted = 1
        await pilot.pause()
        shown = str(hint.render()).splitlines()
        assert len(shown) == 2
        assert shown[-1].endswith("…")
        assert all(len(line) <= hint.content_region.width for line in shown)


async def test_i_shows_the_highlighted_option_in_full_and_takes_it() -> None:
    """At 80 columns the line under the list is cut after two lines; ``i`` shows it all."""
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        long = "Evening classes in networking and scripting. " * 4
        choices.choices[1].description = long
        choices.highlighted = 1
        await press(pilot, "i")
        details = app.screen
        assert isinstance(details, OptionDetailsScreen)
        assert details.option is choices.choices[1]
        shown = str(details.query_one("#details-text Static", Static).render())
        assert " ".join(shown.split()) == long.strip()
        await press(pilot, "escape")
        assert isinstance(app.screen, GameScreen)
        assert app.game.log == []
        await press(pilot, "i", "enter")  # Choose has the focus
        assert isinstance(app.screen, GameScreen)
        assert app.game.log == ["study"]


async def test_the_details_show_a_long_label_whole_and_scroll_a_long_text() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        label = "Study in the evenings, at the library, after every shift you work this year"
        choices.choices[1] = replace(
            choices.choices[1], label=label, description="A paragraph of detail. " * 60
        )
        choices.highlighted = 1
        await press(pilot, "i")
        details = app.screen
        assert isinstance(details, OptionDetailsScreen)
        title = details.query_one("#details-title", Label)
        assert title.size.height == 2
        assert " ".join(str(title.render()).split()) == label
        text = details.query_one("#details-text", VerticalScroll)
        assert text.max_scroll_y > 0
        await press(pilot, "end")
        assert text.scroll_y == text.max_scroll_y
        await press(pilot, "up")
        assert text.scroll_y == text.max_scroll_y - 1
        await press(pilot, "home")
        assert text.scroll_y == 0


async def test_the_details_of_a_locked_option_say_why_and_offer_no_choice() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        choices.highlighted = 7  # Build a side project, locked
        await pilot.pause()
        await pilot.click("#choice-hint")  # a click on the cut description opens it too
        await pilot.pause()
        details = app.screen
        assert isinstance(details, OptionDetailsScreen)
        text = str(details.query_one("#details-text Static", Static).render())
        assert "Locked: needs Technical skills at least 45" in text
        assert not details.query("#take")
        await press(pilot, "enter")  # on Back
        assert isinstance(app.screen, GameScreen)
        assert app.game.log == []


async def test_the_details_of_a_check_show_its_chance_first() -> None:
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")  # the outage: its second answer carries a check
        choices = app.screen.query_one(ChoiceList)
        choices.highlighted = 1
        await press(pilot, "i")
        details = app.screen
        assert isinstance(details, OptionDetailsScreen)
        text = str(details.query_one("#details-text Static", Static).render())
        assert text.startswith(check_text(choices.choices[1]))


async def test_program_progress_keeps_its_count_beside_a_long_title(tmp_path: Path) -> None:
    """At 80 columns a long program title gives way (with an ellipsis) to the count."""
    long_title = "Coding bootcamp in full-stack web development and cloud services"
    source = QUEST.read_text(encoding="utf-8").replace('"Coding bootcamp"', f'"{long_title}"')
    path = tmp_path / "quest.toml"
    path.write_text(source, encoding="utf-8")
    app = quest(path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        number = next(n for n, o in enumerate(choices.choices, 1) if o.id == "enroll:bootcamp")
        await press(pilot, str(number), str(number))  # the digit again confirms the loan
        while app.game.decision is not None and app.game.decision.kind == "event":
            await press(pilot, "1")
        progress = app.screen.query_one(ProgramProgress)
        count = progress.query_one(".program-count", Static)
        assert str(count.render()) == "1/3"
        assert count.region.right <= progress.region.right
        label = str(progress.query_one(".program-label", Static).render())
        assert label.startswith("Studying Coding bootcamp")
        # Once the program is completed, the bar goes, and the panel it leaves is redrawn.
        while app.game.program_progress() is not None:
            await press(pilot, "1")
        assert not progress.display
        assert "Studying" not in app.export_screenshot()


async def test_after_a_long_situation_the_list_gives_way_to_the_description(
    tmp_path: Path,
) -> None:
    """At 80x24 a situation of several lines (a long program title) leaves the option list
    fewer rows, so the highlighted option's description shows whole under it and the log
    stays above the footer."""
    long_title = "Coding bootcamp in full-stack web development and cloud services"
    source = QUEST.read_text(encoding="utf-8").replace('"Coding bootcamp"', f'"{long_title}"')
    source += "".join(  # a dozen options, as a real scenario's turn offers
        f"""
[actions.extra_{n}]
label = "Another way to spend the quarter, number {n}"
category = "rest"
description = "What it costs and what it gives, in words long enough to need two lines."
"""
        for n in range(8)
    )
    path = tmp_path / "quest.toml"
    path.write_text(source, encoding="utf-8")
    app = quest(path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        index = next(i for i, o in enumerate(choices.choices) if o.id == "enroll:bootcamp")
        await press(pilot, OPTION_KEYS[index], OPTION_KEYS[index])  # again: take the loan
        while app.game.decision is not None and app.game.decision.kind == "event":
            await press(pilot, "1")
        text = app.screen.query_one("#decision-text", Static)
        assert text.region.height >= 4  # "You are studying Coding bootcamp in full-stack …"
        assert choices.max_scroll_y > 0  # more options than rows
        panel = app.screen.query_one("#decision")
        hint = app.screen.query_one("#choice-hint", Static)
        log = app.screen.query_one(OutcomeLog)
        footer = app.screen.query_one(Footer)
        for index in range(len(choices.choices)):
            choices.highlighted = index
            await pilot.pause()
            described = choices.choices[index].description
            assert str(hint.render()).replace("\n", " ").startswith(described[:20])
            assert hint.region.bottom <= panel.content_region.bottom
            assert panel.region.bottom <= log.region.y
            assert log.region.bottom <= footer.region.y  # the log is not pushed under it


def arrow_styles(content: Content) -> dict[str, str]:
    """Each change shown in ``content`` (``▲+$6,000``) with the style it is drawn in."""
    return {
        content.plain[span.start : span.end]: str(span.style)
        for span in content.spans
        if content.plain[span.start : span.end][:1] in ("▲", "▼")
    }


async def test_colour_says_good_or_bad_news_so_a_new_loan_is_red() -> None:
    """Debt is ``better = "lower"``: its ▲ is drawn as bad news, a pay rise's as good."""
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        number = next(n for n, o in enumerate(choices.choices, 1) if o.id == "enroll:bootcamp")
        await press(pilot, str(number), str(number))  # the digit again confirms the loan
        rows = {row.stat.id: row for row in app.screen.query(StatRow)}
        assert rows["debt"].delta > 0
        row_content = rows["debt"].render()
        assert isinstance(row_content, Content)
        assert list(arrow_styles(row_content).values()) == ["bold $text-error"]
        entries = [w.render() for w in app.screen.query(".log-entry").results(Static)]
        lines = [line for e in entries if isinstance(e, Hanging) for _, line in e.parts]
        shown = {k: v for line in lines for k, v in arrow_styles(line).items()}
        assert shown["▲+$6,000"] == "bold $text-error"
        assert any(k.startswith("▲") and v == "bold $text-success" for k, v in shown.items())
        # The highlight of a change just made agrees: bad news for the debt.
        rows["debt"].show(rows["debt"].value, rows["debt"].delta, flash=True)
        lit = rows["debt"].render()
        assert isinstance(lit, Content)
        bad = rows["debt"].get_visual_style("stat-row--bad", partial=True)
        assert lit.spans[-1].style == bad


async def test_the_ending_charts_colour_the_end_value_by_its_news() -> None:
    """A debt that grew ends in the bad-news colour; a skill that grew in the good one."""
    game = Game(load_scenario(QUEST), OUTAGE_SEED)
    game.choose("enroll:bootcamp")
    while game.decision is not None:
        game.choose(game.decision.open_options()[0].id)
    assert game.stat_value("debt") > game.start_stats[game.scenario.stat_index["debt"]]
    app = HostApp(game)
    async with app.run_test(size=(120, 40)):
        subtitles = {c.border_title: c.border_subtitle for c in app.screen.query(".ending-chart")}
        assert "[bold $text-error]" in (subtitles["Debt"] or "")
        assert "[bold $text-success]" in (subtitles["Technical skills"] or "")


async def test_a_long_log_message_wraps_under_its_own_first_letter() -> None:
    """Messages sit two cells right of their entry's heading, and so do their wrapped lines."""
    app = quest()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        entry = app.screen.query(".log-entry").first(Static)
        # As drawn: the entry's left border (a cell), its padding, then its lines.
        lines = [strip.text[1:] for strip in entry.render_lines(entry.region.reset_offset)]
        heading, *body = [line.rstrip() for line in lines if line.strip()]
        indent = len(heading) - len(heading.lstrip())
        assert body, "the opening entry has messages"
        assert any(len(m) > entry.content_region.width - 4 for m in app.game.opening.messages), (
            "a message long enough to wrap"
        )
        for line in body:
            assert len(line) - len(line.lstrip()) == indent + INDENT, line


async def test_options_are_wrapped_to_the_width_they_get_with_or_without_a_scrollbar() -> None:
    """A decision that fits is followed by one that scrolls: the scrollbar must not take the
    width its options were wrapped to, or each wrapped line loses a word to a line of its
    own, at the list's left edge ("More" / "money" / "now, less of you left")."""
    description = "Cover shifts, book extra sessions, say yes to everything. More money now."

    def decision(count: int) -> Decision:
        options = [
            Option(f"o{i}", f"Option {i}", "action", "work", description) for i in range(count)
        ]
        return Decision("action", 1, "A decision", "", options)

    app = quest()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        widths = []
        for count in (1, 25):
            await choices.show_decision(decision(count))
            await pilot.pause()
            widths.append(choices.scrollable_content_region.width)
        assert choices.show_vertical_scrollbar
        assert widths[0] == widths[1]
        lines = [choices.render_line(y).text for y in range(choices.size.height)]
        assert [line for line in lines if line.strip() and not line.startswith(" ")] == []


@pytest.mark.parametrize("key", ["enter", "1", "escape"])
async def test_the_last_choice_is_told_before_the_ending(key: str) -> None:
    """The last decision's outcome stays on screen, with the one way on: Enter, 1 or
    Escape (nothing is left to keep playing)."""
    app = quest()
    game = app.game
    while game.decision is not None and not _one_away(game):
        game.choose(game.decision.open_options()[0].id)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        assert game.over
        assert isinstance(app.screen, GameScreen)
        panel = app.screen.query_one("#decision")
        assert str(panel.border_title) == "The end"
        assert not app.screen.query_one(ChoiceList).display
        latest = [text_of(e) for e in app.screen.query(".log-entry.-latest").results(Static)]
        assert latest[0].startswith(f"{game.history[-1].date} · ")  # the last choice, told
        await press(pilot, "2")  # no option 2 any more: nothing happens
        assert isinstance(app.screen, GameScreen)
        await press(pilot, key)
        assert isinstance(app.screen, EndingScreen)


def _one_away(game: Game) -> bool:
    """Whether taking the first open option now ends the game."""
    trial = replay(game.scenario, game.seed, game.setup, game.log)
    assert trial.decision is not None
    trial.choose(trial.decision.open_options()[0].id)
    return trial.over


@pytest.mark.parametrize(("size", "presses"), [((120, 40), 3), ((200, 60), 6), ((80, 24), 6)])
async def test_after_a_resize_the_log_still_shows_the_latest_entry(
    size: tuple[int, int], presses: int
) -> None:
    app = quest()
    async with app.run_test(size=size) as pilot:
        await press(pilot, *["1"] * presses)
        log = app.screen.query_one(OutcomeLog)
        await pilot.resize_terminal(*((80, 40) if size == (80, 24) else (80, 24)))
        for _ in range(3):
            await pilot.pause()
        latest = app.screen.query(".log-entry.-latest").first()
        # Its first line is in view: the log was scrolled to it again after the rewrap.
        assert log.content_region.y <= latest.region.y < log.content_region.bottom


async def test_a_loan_is_confirmed_before_it_is_taken() -> None:
    """Enrolling on a loan asks first, saying what it commits the player to: Escape or n
    thinks again, the same digit again (or y) says yes."""
    app = quest()
    game = app.game
    async with app.run_test(size=(80, 24)) as pilot:
        choices = app.screen.query_one(ChoiceList)
        number = next(n for n, o in enumerate(choices.choices, 1) if o.id == "enroll:bootcamp")
        await press(pilot, str(number))
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.detail == "Coding bootcamp, 3 quarters: you borrow $6,000."
        await press(pilot, "escape")
        assert isinstance(app.screen, GameScreen)
        assert game.log == []
        await press(pilot, str(number))
        await press(pilot, str(number))
        assert isinstance(app.screen, GameScreen)
        assert game.log == ["enroll:bootcamp"]


async def test_the_end_shows_no_hint_of_the_hidden_options(tmp_path: Path) -> None:
    """A game whose last decision is an action (no event drawn): the list is hidden at the
    end, and the hint under it must not keep the last option's description."""
    path = tmp_path / "quest.toml"
    text = QUEST.read_text(encoding="utf-8")
    path.write_text(text.replace("[scenario]\n", "[scenario]\nevent_chance = 0.0\n", 1), "utf-8")
    app = quest(path=path)
    game = app.game
    while game.decision is not None and not _one_away(game):
        game.choose(game.decision.open_options()[0].id)
    assert game.decision is not None
    assert game.decision.open_options()[0].description  # it has a hint to leave behind
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "1")
        assert game.over
        assert text_of(app.screen.query_one("#choice-hint", Static)) == ""


async def test_scenario_text_on_the_ending_is_shown_as_written(tmp_path: Path) -> None:
    """Brackets in a title are the author's words, not markup to interpret (or fail on)."""
    tiny = Path(__file__).parents[1] / "data" / "tiny.toml"
    path = tmp_path / "tiny.toml"
    text = tiny.read_text(encoding="utf-8").replace("#:schema ../../schema", "#:schema ../schema")
    path.write_text(text.replace('title = "Clerk"', 'title = "Clerk [nights] [/b]"'), "utf-8")
    app = finished(seed=1, path=path)
    async with app.run_test(size=(80, 24)):
        assert isinstance(app.screen, EndingScreen)
        money = text_of(app.screen.query_one("#ending-money", Static))
        path_steps = [text_of(t) for t in app.screen.query(".hanging-text").results(Static)]
        assert "Clerk [nights] [/b]" in money + "".join(path_steps)
