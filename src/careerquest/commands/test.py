"""``careerquest test``: run the ``[[tests]]`` playthroughs of scenario files.

Exit status is what CI reads: 1 when any test fails or any file does not load, else 0.
"""

from __future__ import annotations

import argparse
import json

from careerquest import catalog
from careerquest.engine.words import counted
from careerquest.scenario.loader import check_file


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="scenario files, folders of *.toml files, or scenario ids",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one PASS/FAIL line per test (default); json: one document",
    )


def run(args: argparse.Namespace) -> int:
    from careerquest.authoring.scenario_tests import ScenarioTestResult, run_tests

    results: list[ScenarioTestResult] = []
    files, errors = catalog.collect(args.paths)
    for path in files:
        scenario, diagnostics = check_file(path)
        if scenario is None:
            errors.extend(d for d in diagnostics if d.severity == "error")
        else:
            results.extend(run_tests(scenario))
    failed = sum(1 for r in results if not r.passed)
    if args.format == "json":
        document = {
            "results": [r.to_dict() for r in results],
            "passed": len(results) - failed,
            "failed": failed,
            "errors": [d.to_dict() for d in errors],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        for diagnostic in errors:
            print(diagnostic.format())
        for result in results:
            print(result.format())
        summary = (
            f"{counted(len(results), 'test')}: {len(results) - failed} passed, {failed} failed"
        )
        if errors:
            summary += f"; {counted(len(errors), 'error')} in files that do not load"
        print(summary)
    return 1 if failed or errors else 0
