"""One module per ``careerquest`` subcommand, each with ``configure(parser)`` and ``run(args)``."""

from __future__ import annotations

import argparse


def whole_number(text: str) -> int:
    """An integer option's value, or a message that says so: argparse's own names the type
    function ("invalid _seed value")."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
