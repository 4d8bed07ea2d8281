"""Save and load: the save folder as a table of slots, plus a name field when saving.

One screen serves both ways in, because a player saving wants to see what they would
overwrite and a player loading wants to tidy up old slots. Files that are not usable saves
are listed as problems under the table rather than hidden or allowed to break the list, and
every destructive step (overwrite, delete) asks first.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.validation import ValidationResult, Validator
from textual.widgets import Button, DataTable, Footer, Input, Static

from careerquest.engine.game import Game
from careerquest.engine.words import counted
from careerquest.saves import MAX_SLOT_LENGTH, SaveError, SaveInfo, validate_slot
from careerquest.saves.slots import transliterate
from careerquest.tui.screens.chrome import WIDE, Masthead, ShellScreen, display_path, sentence
from careerquest.tui.screens.notices import ConfirmScreen
from careerquest.tui.widgets.format import fit

_NOT_SLOT = re.compile(r"[^a-z0-9_-]+")


def saved_when(saved: datetime, now: datetime) -> str:
    """A save's time as short as the table needs: ``today 18:45``, ``Dec 1 18:45``, or a
    date alone for another year, in the player's time zone."""
    local = saved.astimezone(now.tzinfo)
    clock = local.strftime("%H:%M")
    if local.date() == now.date():
        return f"today {clock}"
    if local.year == now.year:
        return f"{local.strftime('%b')} {local.day} {clock}"
    return local.strftime("%Y-%m-%d")


class SlotName(Validator):
    """A save name the store accepts; the store's own sentence is the error shown."""

    def validate(self, value: str) -> ValidationResult:
        try:
            validate_slot(value)
        except SaveError as exc:
            return self.failure(sentence(exc.problem))
        return self.success()


def suggested_slot(game: Game) -> str:
    """``<scenario>-<player>``, made safe: the name offered when saving."""
    # "Zoë Ünal" → zoe-unal, as her folder is named when she signs in.
    player = _NOT_SLOT.sub("-", transliterate(game.setup.name).lower()).strip("-")
    slot = f"{game.scenario.id}-{player}".strip("-")[:MAX_SLOT_LENGTH].rstrip("-")
    return slot if SlotName().validate(slot).is_valid else "my-game"


class SlotTable(DataTable[str]):
    """The slots; Enter loads the highlighted one. Home and End go to the first and the
    last (a DataTable's own scroll sideways, which a table this narrow never needs)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Load", id="saves.load"),
        Binding("home", "first_row", "First", show=False, id="saves.first"),
        Binding("end", "last_row", "Last", show=False, id="saves.last"),
    ]

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=self.row_count - 1)


class NameSlotTable(SlotTable):
    """The slots when saving; Enter copies the highlighted name, to overwrite it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Use this name", id="saves.use_name"),
    ]


class SavesScreen(ShellScreen):
    """Load a game (``game`` is None) or save ``game`` to a named slot."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d,delete", "delete", "Delete", id="saves.delete"),
    ]

    def __init__(self, game: Game | None) -> None:
        super().__init__()
        self.game = game
        self.saves: dict[str, SaveInfo] = {}
        self._wide = False

    def compose(self) -> ComposeResult:
        yield Masthead("Save your game" if self.game else "Load a game")
        if self.game is not None:
            with Horizontal(id="slot-row"):
                yield Static("Save as", id="slot-label")
                yield Input(
                    suggested_slot(self.game),
                    max_length=MAX_SLOT_LENGTH,
                    validators=[SlotName()],
                    id="slot-name",
                )
                yield Button("Save", variant="primary", id="save")
            yield Static(id="slot-error")
        table = SlotTable if self.game is None else NameSlotTable
        yield table(id="slots", cursor_type="row", zebra_stripes=True)
        yield Static(id="slot-detail")
        yield Static(id="save-problems")
        yield Static(
            Content.from_markup("[dim]Save folder: $folder[/dim]", folder=self._folder),
            id="save-folder",
        )
        yield Footer()

    @property
    def _folder(self) -> str:
        return display_path(self.game_app.store.folder)

    def on_mount(self) -> None:
        self.refresh_slots()
        if self.game is not None:
            name = self.query_one("#slot-name", Input)
            name.cursor_blink = self.app.animation_level != "none"
            name.focus()
        else:
            self.query_one("#slots", SlotTable).focus()

    def on_resize(self, event: events.Resize) -> None:
        if (event.size.width >= WIDE) != self._wide:
            self._fill_table(event.size.width >= WIDE)

    def refresh_slots(self) -> None:
        """Read the save folder again and show what is in it."""
        try:
            listing = self.game_app.store.list_saves()
        except SaveError as exc:
            self.saves = {}
            self._problems([str(exc)])
        else:
            self.saves = {info.slot: info for info in listing.saves}
            # The folder is shown below the table: name each bad file by its name alone.
            self._problems(
                [
                    f"{bad.path.name}: {bad.message.removeprefix(f'{bad.path}: ')}"
                    for bad in listing.problems
                ]
            )
        self._fill_table(self.app.size.width >= WIDE)
        self._describe(self._highlighted())

    def _fill_table(self, wide: bool) -> None:
        """One row per save; from 120 columns the player and their role get columns too."""
        table = self.query_one("#slots", SlotTable)
        keep = self._highlighted()
        self._wide = wide
        table.clear(columns=True)
        extra = ["Player", "Role"] if wide else []
        table.add_columns("Name", "Scenario", *extra, "Progress", "Saved")
        now = self.game_app.clock()
        for info in self.saves.values():
            progress = "finished" if info.finished else f"{info.date} · turn {info.turn}"
            saved = saved_when(info.saved_at, now)
            people = [fit(info.player, 16), fit(info.role or "no job", 22)] if wide else []
            title = fit(info.scenario_title, 30 if wide else 18)
            table.add_row(info.slot, title, *people, progress, saved, key=info.slot)
        if keep in self.saves:
            table.move_cursor(row=table.get_row_index(keep))
        table.display = bool(self.saves)

    def _problems(self, messages: list[str]) -> None:
        widget = self.query_one("#save-problems", Static)
        widget.display = bool(messages)
        if messages:
            count = len(messages)
            head = f"{counted(count, 'file')} in the save folder could not be read:"
            widget.update(Content("\n").join([Content(head), *(Content(m) for m in messages)]))

    def _describe(self, slot: str | None) -> None:
        detail = self.query_one("#slot-detail", Static)
        info = self.saves.get(slot or "")
        if info is None:
            detail.update("No saves yet. Your games are saved automatically as you play.")
            return
        state = "finished" if info.finished else "in progress"
        kind = " · autosave" if info.is_autosave else ""
        detail.update(
            Content.from_markup(
                "[b]$player[/b] · $role · $state$kind",
                player=info.player,
                role=info.role or "no job",
                state=state,
                kind=kind,
            )
        )

    def _highlighted(self) -> str | None:
        table = self.query_one("#slots", SlotTable)
        if not self.saves or not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowHighlighted, "#slots")
    def _highlight(self, event: DataTable.RowHighlighted) -> None:
        self._describe(str(event.row_key.value))

    @on(DataTable.RowSelected, "#slots")
    def _selected(self) -> None:
        slot = self._highlighted()
        if slot is None:
            return
        if self.game is None:
            self.game_app.load_slot(slot)
        else:
            name = self.query_one("#slot-name", Input)
            name.value = slot
            name.focus()

    # ----------------------------------------------------------------- saving

    @on(Input.Changed, "#slot-name")
    def _check_name(self, event: Input.Changed) -> None:
        result = event.validation_result
        problem = "" if result is None or result.is_valid else result.failure_descriptions[0]
        self.query_one("#slot-error", Static).update(problem)

    @on(Input.Submitted, "#slot-name")
    @on(Button.Pressed, "#save")
    def _save(self) -> None:
        assert self.game is not None
        slot = self.query_one("#slot-name", Input).value
        result = SlotName().validate(slot)
        if not result.is_valid:
            self.query_one("#slot-error", Static).update(result.failure_descriptions[0])
            return
        # Names that differ only in case are one file on macOS and Windows: treat them as
        # the same slot everywhere, so that no save is ever replaced without a question.
        existing = next(
            (info for name, info in self.saves.items() if name.casefold() == slot.casefold()),
            None,
        )
        if existing is None:
            self._write(slot)
            return
        slot = existing.slot
        detail = (
            f"It holds {existing.player}'s game of {existing.scenario_title} ({existing.date})."
        )
        self.app.push_screen(
            ConfirmScreen(f"Overwrite the save '{slot}'?", detail, "Overwrite"),
            lambda yes: self._write(slot) if yes else None,
        )

    def _write(self, slot: str) -> None:
        assert self.game is not None
        app = self.game_app
        try:
            app.store.write(slot, self.game, now=app.clock())
        except SaveError as exc:
            self.query_one("#slot-error", Static).update(sentence(exc.problem))
            return
        self.notify(f"Saved as '{slot}'.", markup=False)
        self.dismiss()

    # --------------------------------------------------------------- deleting

    def action_delete(self) -> None:
        slot = self._highlighted()
        if slot is None:
            return
        self.app.push_screen(
            ConfirmScreen(f"Delete the save '{slot}'?", "This cannot be undone.", "Delete"),
            lambda yes: self._delete(slot) if yes else None,
        )

    def _delete(self, slot: str) -> None:
        try:
            self.game_app.store.delete(slot)
        except SaveError as exc:
            self.notify(sentence(exc.problem), severity="error", markup=False)
        else:
            self.notify(f"Deleted '{slot}'.", markup=False)
        self.refresh_slots()
