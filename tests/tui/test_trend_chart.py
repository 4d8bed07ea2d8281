"""The trend chart: the whole game along the x axis, the top and bottom labelled."""

from __future__ import annotations

from textual.app import App, ComposeResult

from careerquest.engine.money import short_money
from careerquest.tui.widgets.trend_chart import TrendChart


class ChartApp(App[None]):
    def __init__(self, values: tuple[int, ...]) -> None:
        super().__init__()
        self.values = values

    def compose(self) -> ComposeResult:
        chart = TrendChart(span=8, label=short_money)
        chart.styles.height = 3
        chart.styles.width = 20
        yield chart

    def on_mount(self) -> None:
        self.query_one(TrendChart).values = self.values


async def lines(values: tuple[int, ...]) -> list[str]:
    app = ChartApp(values)
    async with app.run_test(size=(30, 5)) as pilot:
        await pilot.pause()
        return str(app.query_one(TrendChart).render()).splitlines()


async def test_a_rising_series_is_drawn_from_zero_and_labelled_at_its_top_and_bottom() -> None:
    drawn = await lines((1800, 2400, 3500))
    assert [line[:6] for line in drawn] == ["$3.5k┤", "     │", "   $0┤"]


async def test_a_small_change_does_not_look_like_a_leap() -> None:
    """$65 more on $1,865: scaled from the data's own minimum, the chart went from its
    bottom row to its top; from zero, both turns stand almost as tall."""
    drawn = await lines((1865, 1930))
    bars = [line[6:] for line in drawn]
    assert [row[:2] for row in bars] == ["▇▇", "██", "██"]
    assert {row[2:3] for row in bars} == {"█"}


async def test_debt_reaches_below_zero() -> None:
    drawn = await lines((-4000, 0, 4000))
    assert [line.split("┤")[0].strip() for line in drawn[::2]] == ["$4.0k", "-$4.0k"]


async def test_nothing_but_zero_is_labelled_once() -> None:
    """A game that never saved a cent: '$0' at the top and again at the bottom read as two."""
    drawn = await lines((0,))
    assert [line[:3] for line in drawn] == ["  │", "  │", "$0┤"]
