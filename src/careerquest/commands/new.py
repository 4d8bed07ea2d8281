"""``careerquest new``: write a playable scenario to start from."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PATH", type=Path, help="the .toml file to write")
    parser.add_argument(
        "--template",
        choices=("basic", "full"),
        default="basic",
        help="basic: a small commented scenario (default); full: every table and key, explained",
    )
    parser.add_argument("--force", action="store_true", help="replace PATH if it exists")


def run(args: argparse.Namespace) -> int:
    from careerquest.authoring.scaffold import ScaffoldError, write

    try:
        ident = write(args.path, args.template, force=args.force)
    except (ScaffoldError, OSError) as exc:
        print(f"careerquest new: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote scenario '{ident}' to {args.path}.")
    print(f"Next: careerquest play {shlex.quote(str(args.path))}   (or check, or test)")
    return 0
