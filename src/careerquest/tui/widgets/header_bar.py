"""The one-line header: where the player is in the game and in life, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from careerquest.engine.game import Game
from careerquest.engine.money import money
from careerquest.tui.widgets.format import fit

GAP = "  "
NARROW_GAP = " "
#: The fewest cells worth giving the scenario's title; with less it is left out.
MIN_TITLE = 12
UNITS = {"month": "mo", "quarter": "qtr", "year": "yr"}


@dataclass(frozen=True, slots=True)
class HeaderInfo:
    """What the header shows, read from the game's public views."""

    scenario: str
    date: str
    turn: int
    turns: int
    age: int
    role: str
    pay: str
    savings: str

    @classmethod
    def from_game(cls, game: Game) -> HeaderInfo:
        sc = game.scenario
        turn = game.turn
        role = game.role_def()
        pay = ""
        if role is not None:
            pay = f"{money(game.income, sc.currency)}/{UNITS.get(sc.turn_unit, sc.turn_unit)}"
        wallet = sc.stats[sc.wallet]
        return cls(
            scenario=sc.title,
            date=game.date,
            turn=turn,
            turns=sc.turns,
            age=game.age,
            role=role.title if role else "No job",
            pay=pay,
            savings=money(game.stat_value(wallet.id), sc.currency),
        )


class HeaderBar(Widget):
    """Scenario, date and turn, age, role and pay, savings.

    When the line is too long the scenario title gives way first (left out rather than cut
    to a stub); then the word "turn" (``Aug 2027 · 20/30``), then the gaps between the
    parts, and last the role title is shortened; the date, age, pay and savings always
    stay whole. The word goes before the gaps: with single spaces, "turn 20/30 Age 21"
    read as one phrase.
    Component classes: ``header-bar--title``, ``header-bar--date``, ``header-bar--key``.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "header-bar--title",
        "header-bar--date",
        "header-bar--key",
    }

    info: reactive[HeaderInfo | None] = reactive(None)

    def render(self) -> Content:
        info = self.info
        if info is None:
            return Content("")
        key = self.get_visual_style("header-bar--key", partial=True)
        turn = f" · turn {info.turn}/{info.turns}"
        age = Content.assemble(("Age ", key), str(info.age))
        pay = Content(" " + info.pay) if info.pay else Content("")
        savings = Content.assemble(("Savings ", key), info.savings)
        fixed = sum(part.cell_length for part in (Content(info.date + turn), age, pay, savings))
        room = self.content_size.width - fixed - 4 * len(GAP)
        # The role is the player's own news and comes first; the scenario's title, which
        # the player chose, gets what is left, or nothing rather than a stub ("From th…").
        gap = GAP
        if room < len(info.role):
            short = f" · {info.turn}/{info.turns}"
            room += len(turn) - len(short)
            turn = short
        date = Content.assemble(
            (info.date, self.get_visual_style("header-bar--date", partial=True)), (turn, key)
        )
        if room < len(info.role):
            # Too tight even without the title: closer parts keep the role whole if they can
            # (the muted labels still set them apart), and cut it only when that fails.
            gap = NARROW_GAP
            room += 3 * (len(GAP) - len(NARROW_GAP))
        role = fit(info.role, max(room, 12))
        title_room = room - len(role)
        title = fit(info.scenario, title_room) if title_room >= MIN_TITLE else ""
        parts = [date, age, Content.assemble(role, pay), savings]
        if title:
            parts.insert(0, Content.styled(title, self.get_visual_style("header-bar--title")))
        return Content(gap).join(parts)
