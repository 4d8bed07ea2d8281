"""The options of the current decision, each with the key that takes it.

A turn often offers a dozen options or more, so the digits 1-9 go on with letters (see
:data:`OPTION_KEYS`) and every option has a key of its own. Open options come first, in
the engine's order, so the digits match plain play's numbers and pressing 1 always takes
something; locked options follow, greyed, each with the reason it is locked. They are not
disabled: the cursor reaches them, so a keyboard player can scroll to them and read why,
and selecting one says it is locked. A check's odds are shown on the option before the
player commits.

The list is one :class:`OptionList`, each option's key and text drawn into its prompt:
a decision can have twenty options, and a widget per option made every new decision restyle
dozens of widgets (most of a keypress's time). Wrapped lines are indented under the text by
hand, so the keys stay in a column of their own.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option as ListOption

from careerquest.engine.game import Decision, Option
from careerquest.tui.widgets.format import MUTED_STYLE

CHECK_STYLE = "bold $text-warning"
KEY_STYLE = "bold $text-accent"
#: The keys that take options, in order: the digits, then the letters that no other key of
#: the game screen or of its confirmation dialog means (g, i, j and s open screens; y and n
#: answer "are you sure?"; q reads as quit everywhere).
OPTION_KEYS = "123456789abcdefhklmoprtuvwxz"
#: The key's column: the key in the middle of three cells, then a space before the text.
KEY_WIDTH = 4
#: Prompts kept for reuse; a scenario offers a few dozen options, each in a few forms.
MAX_REMEMBERED = 512


def check_text(option: Option) -> str:
    """``Technical skills check: Risky — 35%``, or nothing for an option without a check."""
    check = option.check
    return "" if check is None else f"{check.stat} check: {check.describe()}"


def body_content(option: Option, *, detailed: bool, plain: bool) -> Content:
    """The label, then the check, the lock and (when ``detailed``) the description.

    ``plain`` (under the highlight) drops the accent colours for the cursor's own, which
    every theme makes readable; bold and italics still set the parts apart.
    """
    locked = not option.available
    lines = [Content.styled(option.label, MUTED_STYLE if locked and not plain else "")]
    if option.check is not None:
        lines.append(Content.styled(check_text(option), "bold" if plain else CHECK_STYLE))
    if not option.available:
        lines.append(Content.styled(f"Locked: {option.locked_reason}", "italic"))
    if detailed and option.description:
        lines.append(Content.styled(option.description, "" if plain else MUTED_STYLE))
    return Content("\n").join(lines)


class ChoiceList(OptionList):
    """Numbered options; Enter or a click selects, as in any OptionList."""

    detailed: reactive[bool] = reactive(False)
    """Show each option's description under it: on when the screen has the room."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.choices: list[Option] = []
        self._prompts: dict[tuple[object, ...], Content] = {}
        self._wrap_width = 0
        self._plain: int | None = None  # the option drawn for the highlight

    async def show_decision(self, decision: Decision) -> None:
        """Show ``decision``'s options and highlight the first open one."""
        self.choices = order(decision.options)
        self._fill()
        self.highlighted = next((i for i, o in enumerate(self.choices) if o.available), None)
        self.scroll_home(animate=False)

    def watch_detailed(self) -> None:
        self._fill()

    def _fill(self) -> None:
        highlighted = self.highlighted
        self._wrap_width = self._body_width()
        self._plain = highlighted
        self.set_options(
            ListOption(self.prompt(n, o, plain=n - 1 == highlighted))
            for n, o in enumerate(self.choices, 1)
        )
        self.highlighted = highlighted

    def _body_width(self) -> int:
        return max(0, self.scrollable_content_region.width - KEY_WIDTH)

    def prompt(self, number: int, option: Option, *, plain: bool = False) -> Content:
        """The key (none past the last of :data:`OPTION_KEYS`) in its column, then the body,
        wrapped under itself.

        Remembered: most options come back turn after turn unchanged, and wrapping their
        text again was a third of a keypress's work.
        """
        key = (
            number,
            option.label,
            option.available,
            option.locked_reason,
            option.description if self.detailed else "",
            option.check,
            plain,
            self._wrap_width,
        )
        prompt = self._prompts.get(key)
        if prompt is None:
            if len(self._prompts) >= MAX_REMEMBERED:
                self._prompts.clear()
            prompt = self._prompts[key] = self._make_prompt(number, option, plain=plain)
        return prompt

    def _make_prompt(self, number: int, option: Option, *, plain: bool) -> Content:
        key_style = "bold" if plain or not option.available else KEY_STYLE
        key = OPTION_KEYS[number - 1] if number <= len(OPTION_KEYS) else " "
        digit = Content.styled(f"{key}  ", key_style)
        body = body_content(option, detailed=self.detailed, plain=plain)
        lines = body.wrap(self._wrap_width) if self._wrap_width else body.split("\n")
        indent = Content(" " * KEY_WIDTH)
        return Content("\n").join(
            [Content(" ") + digit + lines[0], *(indent + line for line in lines[1:])]
        )

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Redraw the options the highlight leaves and reaches, plain under the cursor."""
        for index in {self._plain, highlighted} - {None}:
            assert index is not None
            if index < min(len(self.choices), self.option_count):
                prompt = self.prompt(index + 1, self.choices[index], plain=index == highlighted)
                self.replace_option_prompt_at_index(index, prompt)
        self._plain = highlighted
        super().watch_highlighted(highlighted)

    def on_resize(self) -> None:
        if self._body_width() != self._wrap_width:
            self._fill()

    def keyed(self, key: str) -> Option | None:
        """The option that ``key`` (one of :data:`OPTION_KEYS`) takes now, if any."""
        index = OPTION_KEYS.find(key) if len(key) == 1 else -1
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def highlighted_choice(self) -> Option | None:
        """The option under the cursor, open or locked."""
        index = self.highlighted
        return None if index is None or index >= len(self.choices) else self.choices[index]


def order(options: Sequence[Option]) -> list[Option]:
    """Open options first, then locked ones, each group in the engine's order."""
    return [o for o in options if o.available] + [o for o in options if not o.available]
