"""Money as people read it."""

from __future__ import annotations


def money(amount: int, currency: str = "$") -> str:
    """``12400`` → ``$12,400``; ``-1200`` → ``-$1,200``."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{currency}{abs(amount):,}"


def rate(amount: float, currency: str = "$") -> str:
    """An hourly rate: ``$17``, or ``$18.50`` when it has cents."""
    return f"{currency}{amount:,.0f}" if amount == int(amount) else f"{currency}{amount:,.2f}"


def stat_value(kind: str, value: int, currency: str = "$") -> str:
    """A stat's value as players read it: ``$1,200``, ``45%``, ``3``."""
    if kind == "money":
        return money(value, currency)
    return f"{value}%" if kind == "percent" else str(value)


def stat_change(kind: str, delta: int, currency: str = "$") -> str:
    """A stat's change, always signed: ``+$300``, ``-5``."""
    return signed_money(delta, currency) if kind == "money" else f"{delta:+d}"


def signed_money(amount: int, currency: str = "$") -> str:
    """A change of money, always with its sign: ``+$300``, ``-$1,200``."""
    return ("+" if amount >= 0 else "") + money(amount, currency)


def short_money(amount: int, currency: str = "$") -> str:
    """Money in a few characters, for axes and tables: ``$950``, ``$4.9k``, ``$12k``,
    ``-$1.2M``, ``$3B``; always two or three significant digits."""
    sign = "-" if amount < 0 else ""
    size = abs(amount)
    if size < 1000:
        return f"{sign}{currency}{size}"
    for scale, unit in ((1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")):
        value = size / scale
        if value < 9.95:
            return f"{sign}{currency}{value:.1f}{unit}"
        if value < 999.5:
            return f"{sign}{currency}{value:.0f}{unit}"
    return f"{sign}{currency}{size / 1e12:.0f}T"
