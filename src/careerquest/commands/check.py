"""``careerquest check``: every problem in scenario files, located, in one run.

Exit status is what CI reads: 1 on any error (or any warning with ``--strict``), else 0.
Files that compile are also handed to the author tools' static analysis
(:func:`careerquest.authoring.analysis.analyse`) when that module is installed, so its
warnings (unreachable endings, events that never fire, …) come out of the same command.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from careerquest import catalog
from careerquest.commands import check_cache
from careerquest.engine.words import counted
from careerquest.scenario.diagnostics import Diagnostic
from careerquest.scenario.loader import check_data, read_file

if TYPE_CHECKING:
    from careerquest.scenario.runtime import Scenario

_ANALYSIS = "careerquest.authoring.analysis"

Analyser = Callable[["Scenario"], list[Diagnostic]]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="scenario files, folders to search for *.toml files, or scenario ids",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one 'file:line:col: severity: message' line each (default); json: one document",
    )
    parser.add_argument("--strict", action="store_true", help="fail on warnings too")


def run(args: argparse.Namespace) -> int:
    files, diagnostics = catalog.collect(args.paths)
    for path in files:
        diagnostics.extend(_findings(path))
    errors = sum(1 for d in diagnostics if d.severity == "error")
    warnings = len(diagnostics) - errors
    if args.format == "json":
        document = {
            "files": [str(p) for p in files],
            "diagnostics": [d.to_dict() for d in diagnostics],
            "errors": errors,
            "warnings": warnings,
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for diagnostic in diagnostics:
            print(diagnostic.format())
        print(
            f"{counted(len(files), 'file')} checked: "
            f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
        )
    return 1 if errors or (args.strict and warnings) else 0


def _findings(path: Path) -> list[Diagnostic]:
    """Everything wrong with one file. Bytes this very code checked before get what they got
    then, from the cache; others are checked and analysed now, and kept."""
    data = read_file(path)
    if isinstance(data, Diagnostic):
        return [data]
    found = check_cache.recall(data, str(path))
    if found is None:
        scenario, found = check_data(path, data)
        analyse = _analyser()
        if scenario is not None and analyse is not None:
            found.extend(analyse(scenario))
            found.sort(key=lambda d: (d.line, d.column))
        check_cache.remember(data, found)
    return found


@cache
def _analyser() -> Analyser | None:
    """The author tools' static analysis, if this installation has it."""
    if importlib.util.find_spec(_ANALYSIS) is None:
        return None
    analyse: Analyser = importlib.import_module(_ANALYSIS).analyse
    return analyse
