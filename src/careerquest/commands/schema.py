"""``careerquest schema``: print the JSON Schema that editors use to check scenario files."""

from __future__ import annotations

import argparse
import sys


def configure(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Save it with: careerquest schema > schema/scenario.schema.json"


def run(args: argparse.Namespace) -> int:
    from careerquest.authoring.schema import render

    sys.stdout.write(render())
    return 0
