"""The options of the current decision, numbered for the digit keys.

Open options come first, in the engine's order, so their numbers match plain play and
pressing 1 always takes something; locked options follow, disabled, each with the reason it
is locked. A check's odds are shown on the option before the player commits. The digit and
the text are separate widgets, so that wrapped lines keep their indent.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Label, ListItem, ListView, Static

from careerquest.engine.game import Decision, Option
from careerquest.tui.widgets.format import MUTED_STYLE

CHECK_STYLE = "bold $text-warning"


def check_text(option: Option) -> str:
    """``Technical skills check: Risky — 35%``, or nothing for an option without a check."""
    check = option.check
    return "" if check is None else f"{check.stat} check: {check.describe()}"


class ChoiceItem(ListItem):
    """One option: its digit, then its label and what to know before taking it.

    Items are reused from one decision to the next (spare ones hidden and disabled): updating
    two texts is far cheaper than mounting a new list after every choice.
    """

    def __init__(self) -> None:
        super().__init__()
        self.number = 0
        self.option: Option | None = None
        self.detailed = False

    def compose(self) -> ComposeResult:
        yield Label(classes="choice-key")
        yield Static(classes="choice-body")

    def show(self, number: int, option: Option | None, *, detailed: bool) -> None:
        self.number, self.option, self.detailed = number, option, detailed
        self.display = option is not None
        self.disabled = option is None or not option.available
        self.set_class(self.disabled, "-locked")
        if option is not None:
            self.query_one(".choice-key", Label).update(str(number) if number <= 9 else "")
            self._fill_body()

    def watch_highlighted(self, value: bool) -> None:
        super().watch_highlighted(value)
        if self.option is not None:
            self._fill_body()

    def _fill_body(self) -> None:
        """The label, then the check, the lock and (when detailed) the description.

        Under the highlight the accent colours give way to the cursor's own, which every
        theme makes readable; bold and italics still set the parts apart.
        """
        option = self.option
        assert option is not None
        plain = self.highlighted
        lines = [Content(option.label)]
        if option.check is not None:
            lines.append(Content.styled(check_text(option), "bold" if plain else CHECK_STYLE))
        if not option.available:
            lines.append(Content.styled(f"Locked: {option.locked_reason}", "italic"))
        if self.detailed and option.description:
            lines.append(Content.styled(option.description, "" if plain else MUTED_STYLE))
        self.query_one(".choice-body", Static).update(Content("\n").join(lines))


class ChoiceList(ListView):
    """Numbered options; Enter or a click selects, as in any ListView."""

    detailed: reactive[bool] = reactive(False)
    """Show each option's description under it: on when the screen has the room."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[Option] = []

    async def show_decision(self, decision: Decision) -> None:
        """Show ``decision``'s options and highlight the first open one."""
        self.choices = order(decision.options)
        missing = len(self.choices) - len(self)
        if missing > 0:
            await self.extend(ChoiceItem() for _ in range(missing))
        self._fill()
        self.index = None  # so that the highlight message goes out even if it stays on 0
        self.index = next((i for i, o in enumerate(self.choices) if o.available), None)
        self.scroll_home(animate=False)

    def watch_detailed(self) -> None:
        self._fill()

    def _fill(self) -> None:
        for number, item in enumerate(self.query(ChoiceItem), 1):
            option = self.choices[number - 1] if number <= len(self.choices) else None
            item.show(number, option, detailed=self.detailed)

    def numbered(self, number: int) -> Option | None:
        """The option the digit ``number`` stands for."""
        return self.choices[number - 1] if 1 <= number <= min(9, len(self.choices)) else None

    def highlighted_choice(self) -> Option | None:
        item = self.highlighted_child
        return item.option if isinstance(item, ChoiceItem) and not item.disabled else None


def order(options: Sequence[Option]) -> list[Option]:
    """Open options first, then locked ones, each group in the engine's order."""
    return [o for o in options if o.available] + [o for o in options if not o.available]
