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


async def test_a_rising_series_is_labelled_at_its_top_and_bottom() -> None:
    drawn = await lines((1800, 2400, 3500))
    assert [line[:6] for line in drawn] == ["$3.5k┤", "     │", "$1.8k┤"]


async def test_a_single_value_is_labelled_once() -> None:
    """The first turn has one point: '$1.9k' at the top and again at the bottom read as two."""
    drawn = await lines((1865,))
    assert [line[:6] for line in drawn] == ["     │", "     │", "$1.9k┤"]
