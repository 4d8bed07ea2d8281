"""Counted nouns as people read them, in one place so every screen and command agrees."""

from __future__ import annotations


def counted(count: float, noun: str) -> str:
    """``1 quarter``, ``3 quarters``, ``1.5 years``, ``10,000 games``; the noun's plural
    takes an ``s``."""
    number = f"{count:,g}" if isinstance(count, float) else f"{count:,}"
    return f"{number} {noun}" if count == 1 else f"{number} {noun}s"
