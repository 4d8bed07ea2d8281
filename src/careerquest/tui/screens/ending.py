"""The ending: the verdict, why, and the whole game drawn out, to discuss and to replay.

Everything comes from :func:`verdict`: the factors in the seed article's terms (each marked
career or job, with the evidence from the player's own game), pay beside savings and debt,
the trajectory of the main stats, the turning points, the goals, the role path and the
scenario's reflection questions.
"""

from __future__ import annotations

from typing import ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Footer, Static

from careerquest.engine.game import Game
from careerquest.engine.money import money, stat_value
from careerquest.engine.verdict import Series, Verdict, verdict
from careerquest.engine.words import counted
from careerquest.scenario.runtime import Scenario
from careerquest.tui.host import GameHost
from careerquest.tui.screens.journal import JournalScreen
from careerquest.tui.widgets.format import MUTED_STYLE, news_style
from careerquest.tui.widgets.trend_chart import TrendChart

#: Markers that read without colour: a filled circle leans career, a hollow one job.
CAREER_MARK = "●"
JOB_MARK = "○"
#: Money is charted, then up to this many percent stats.
PERCENT_CHARTS = 4


class EndingScreen(Screen[None]):
    """The verdict, big and clear, then the reasons and the story; Play again or Title."""

    CSS_PATH = ["../widgets.tcss", "../ending.tcss"]  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("p", "play_again", "Play again", id="ending.play_again"),
        Binding("t", "title", "Title screen", id="ending.title"),
        Binding("j", "journal", "Journal", id="ending.journal"),
        Binding("escape", "title", "Title", show=False, id="ending.leave"),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game
        self.verdict: Verdict = verdict(game)

    @property
    def host(self) -> GameHost:
        return cast(GameHost, self.app)

    def compose(self) -> ComposeResult:
        result, sc = self.verdict, self.game.scenario
        with VerticalScroll(id="ending-scroll"):
            yield self._banner()
            with Container(id="ending-columns"):
                with Vertical(id="ending-left"):
                    if result.factors:
                        yield _section("Why", self._factors())
                    if result.goals:
                        yield _section("Goals", self._goals())
                    yield _section(
                        "Money at the end",
                        [Static(Content("\n".join(result.money)), id="ending-money")],
                    )
                    yield _section("Role path", self._path())
                with Vertical(id="ending-right"):
                    yield _section("Trajectory", [Container(*self._charts(), id="ending-charts")])
                    if result.turning_points:
                        yield _section(
                            "Turning points",
                            [_hanging(p.date, p.text) for p in result.turning_points],
                        )
            if sc.reflection:
                yield _section(
                    "Questions to reflect on",
                    [_hanging(f"{n}.", q) for n, q in enumerate(sc.reflection, 1)],
                )
            with Horizontal(id="ending-buttons"):
                yield Button("Play again", id="play-again", variant="primary")
                yield Button("Title screen", id="title")
                yield Button("Journal", id="journal")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#ending-scroll").focus()

    # -------------------------------------------------------------- the parts

    def _banner(self) -> Vertical:
        result, game = self.verdict, self.game
        sc = game.scenario
        kicker = (
            f"Ending · after {counted(result.turns_played, sc.turn_unit)}, at {game.age}"
            f" · seed {game.seed}"
        )
        summary = []
        if result.factors:
            summary.append(
                f"{result.career_factors} of {len(result.factors)} factors point to a career"
            )
        if result.goals:
            met = sum(1 for g in result.goals if g.met)
            summary.append(f"{met} of {len(result.goals)} goals met")
        cls = result.cls if result.cls in ("career", "job") else "other"
        return Vertical(
            Static(kicker, id="ending-kicker"),
            Horizontal(
                Static(" ".join(result.cls.replace("_", " ").upper()), id="ending-class"),
                Static(result.title, id="ending-title"),
                id="ending-headline",
            ),
            Static(result.text, id="ending-text"),
            Static(" · ".join(summary), id="ending-summary"),
            id="ending-verdict",
            classes=f"-{cls}",
        )

    def _factors(self) -> list[Widget]:
        rows: list[Widget] = []
        for factor in self.verdict.factors:
            side = "career" if factor.career else "job"
            mark = CAREER_MARK if factor.career else JOB_MARK
            body = [Content.styled(factor.label, "bold"), Content(factor.text)]
            body += [Content.styled("· " + line, MUTED_STYLE) for line in factor.evidence]
            body.append(Content.styled(f"Career when: {factor.rule}", f"italic {MUTED_STYLE}"))
            rows.append(
                Horizontal(
                    Static(f"{mark} {side}", classes="factor-side"),
                    Static(Content("\n").join(body), classes="factor-body"),
                    classes=f"factor -{side}",
                )
            )
        return rows

    def _goals(self) -> list[Widget]:
        rows: list[Widget] = []
        for goal in self.verdict.goals:
            term = "Short-term" if goal.term == "short" else "Long-term"
            text = Content.assemble(
                (CAREER_MARK if goal.met else JOB_MARK, "bold"),
                f" {term}: ",
                (goal.label, "bold"),
                (f" — {goal.status}", MUTED_STYLE),
            )
            rows.append(Static(text, classes="goal -met" if goal.met else "goal -missed"))
        return rows

    def _path(self) -> list[Widget]:
        path = self.verdict.path
        if not path:
            return [Static(Content.styled("You held no job during the game.", MUTED_STYLE))]
        return [
            _hanging("" if i == 0 else "→", step, lead_style=MUTED_STYLE)
            for i, step in enumerate(path)
        ]

    def _charts(self) -> list[Widget]:
        sc = self.game.scenario
        return [_chart(series, sc) for series in chart_series(self.verdict, sc)]

    # ----------------------------------------------------------------- actions

    @on(Button.Pressed, "#play-again")
    def action_play_again(self) -> None:
        self.host.play_again(self.game)

    @on(Button.Pressed, "#title")
    def action_title(self) -> None:
        self.host.go_title()

    @on(Button.Pressed, "#journal")
    def action_journal(self) -> None:
        self.app.push_screen(JournalScreen(self.game))


def chart_series(result: Verdict, scenario: Scenario) -> list[Series]:
    """The wallet first, then the percent stats, then other money that ever moved."""
    wallet = scenario.stats[scenario.wallet].id
    by_kind = [s for s in result.series if s.stat == wallet]
    by_kind += [s for s in result.series if s.kind == "percent"][:PERCENT_CHARTS]
    by_kind += [
        s for s in result.series if s.kind == "money" and s.stat != wallet and any(s.values)
    ]
    return by_kind


def _chart(series: Series, scenario: Scenario) -> Vertical:
    stat = scenario.stat(series.stat)
    first, last = series.values[0], series.values[-1]
    cur = scenario.currency
    bounded = stat.low is not None and stat.high is not None and stat.kind == "percent"
    chart = TrendChart(
        span=len(series.values),
        low=stat.low if bounded else None,
        high=stat.high if bounded else None,
        label=lambda v: money(v, cur) if stat.kind == "money" else str(v),
    )
    chart.values = series.values
    box = Vertical(chart, classes="ending-chart")
    box.border_title = series.label
    # The end value in the colour of its news: debt that grew reads as bad, not as growth.
    end = Content(stat_value(stat.kind, last, cur))
    if last != first:
        end = end.stylize(news_style(stat, last - first))
    box.border_subtitle = Content.assemble(f"{stat_value(stat.kind, first, cur)} → ", end)
    return box


def _hanging(lead: str, text: str, *, lead_style: str = "bold") -> Horizontal:
    """``lead`` in a column of its own and ``text`` wrapped under itself, not under it."""
    return Horizontal(
        Static(Content.styled(lead, lead_style), classes="hanging-lead"),
        Static(Content(text), classes="hanging-text"),
        classes="hanging",
    )


def _section(title: str, children: list[Widget]) -> Vertical:
    return Vertical(Static(title, classes="section-title"), *children, classes="ending-section")
