"""Counted nouns as people read them, in one place so every screen and command agrees."""

from __future__ import annotations


def counted(count: float, noun: str) -> str:
    """``1 quarter``, ``3 quarters``, ``1.5 years``, ``10,000 games``; the noun's plural
    takes an ``s``."""
    number = f"{count:,g}" if isinstance(count, float) else f"{count:,}"
    return f"{number} {noun}" if count == 1 else f"{number} {noun}s"


def titled(title: str, text: str) -> str:
    """An event's title, then what was chosen: ``The network goes down: Fix it yourself``. A
    title that is a question or an exclamation ends its own sentence: ``Why this? Write it
    down``, not ``Why this?: Write it down``."""
    return f"{title} {text}" if title.endswith(("?", "!", ".", "…")) else f"{title}: {text}"
