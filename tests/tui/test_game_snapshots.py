"""Screenshots of the game, journal and ending screens, at 80×24 and at 120×40.

The quest scenario and fixed seeds keep them stable; conftest turns animations off.
"""

from __future__ import annotations

from typing import Any

import pytest
from game_kit import finished, quest

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@SIZES
def test_game_start(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(quest(), terminal_size=size)


@SIZES
def test_game_event_with_a_check(snap_compare: Any, size: tuple[int, int]) -> None:
    """After the first action: its outcome in the log, and an event whose choice has odds."""
    assert snap_compare(quest(), press=["1"], terminal_size=size)


@SIZES
def test_game_after_turns(snap_compare: Any, size: tuple[int, int]) -> None:
    """Three turns in: deltas over a whole turn, the trend, recent turns when wide."""
    assert snap_compare(quest(), press=["1", "2", "2", "1", "3", "1"], terminal_size=size)


@SIZES
def test_journal(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(quest(), press=["1", "2", "2", "1", "j"], terminal_size=size)


@SIZES
def test_ending(snap_compare: Any, size: tuple[int, int]) -> None:
    assert snap_compare(finished(), terminal_size=size)


@SIZES
def test_option_details(snap_compare: Any, size: tuple[int, int]) -> None:
    """``i`` on the outage's answer with a check: the chance, then the description."""
    assert snap_compare(quest(), press=["1", "down", "i"], terminal_size=size)
