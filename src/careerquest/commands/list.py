"""``careerquest list``: the scenarios a player can name on the command line.

It reads only each file's ``[scenario]`` table (no compiling), so it stays instant however
many scenarios there are; ``careerquest check`` is the place to learn why a file is broken.
"""

from __future__ import annotations

import argparse
import json
import shutil
import textwrap
from pathlib import Path

from careerquest import catalog
from careerquest.engine.words import counted

_INDENT = "    "


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text for people (default), json for scripts",
    )


def run(args: argparse.Namespace) -> int:
    entries = catalog.scenarios()
    if args.format == "json":
        print(json.dumps([_as_dict(e) for e in entries], indent=2, ensure_ascii=False))
        return 0
    if not entries:
        print("No scenarios found (looked in the bundled scenarios and in ./scenarios).")
        return 0
    width = max(40, shutil.get_terminal_size().columns)
    seen: set[str] = set()
    for entry in entries:
        heading = _heading(entry)
        if entry.id in seen:
            # `careerquest play ID` takes the first file with that id; this one needs its path.
            heading += f"; play it by its path, as the id '{entry.id}' is taken"
        seen.add(entry.id)
        print("\n".join(textwrap.wrap(heading, width=width - 1, subsequent_indent=_INDENT)))
        if entry.summary:
            lines = textwrap.wrap(
                entry.summary,
                width=width - 1,
                initial_indent=_INDENT,
                subsequent_indent=_INDENT,
                max_lines=3,
                placeholder=" …",
            )
            print("\n".join(lines))
    print()
    print(f"Play one with: careerquest play ID (default: {catalog.DEFAULT_SCENARIO}).")
    return 0


def _heading(entry: catalog.Entry) -> str:
    turns = counted(entry.turns, entry.turn_unit or "turn")
    where = "" if entry.bundled else f", from {_shown(entry.path)}"
    return f"{entry.id}: {entry.title} ({turns}, about {entry.estimated_minutes} min{where})"


def _shown(path: Path) -> Path:
    """A local scenario's path as the player would type it: relative to here when inside."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def _as_dict(entry: catalog.Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "title": entry.title,
        "turns": entry.turns,
        "turn_unit": entry.turn_unit,
        "summary": entry.summary,
        "estimated_minutes": entry.estimated_minutes,
        "audience": entry.audience,
        "path": str(entry.path),
        "bundled": entry.bundled,
    }
