"""``check`` keeps what it found per file's bytes: a file checked before is not checked again,
and what it prints is exactly what a full check prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careerquest.diskcache import CACHE_DIR_ENV
from cli_kit import ROOT, careerquest
from minimal_scenario import write_scenario

#: A warning (a condition that never holds) and an error (an unknown stat) to find.
NEVER = ('effects = { skill = "+10" }', 'effects = { skill = "+10" }\nwhen = "skill > 200"')
TYPO = ('effects = { cash = "+100" }', 'effects = { csh = "+100" }')
#: Runs ``check`` in-process and says whether it had to load the checker or the analysis.
PROBE = """
import sys
from careerquest.cli import main
status = main(sys.argv[1:])
checked = {"pydantic", "careerquest.authoring.analysis"} & set(sys.modules)
print("CHECKED" if checked else "RECALLED", status)
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A cache of this test's own."""
    return tmp_path / "cache"


def check(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), CACHE_DIR_ENV: str(folder)}
    return subprocess.run(
        [sys.executable, "-c", PROBE, "check", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(("edit", "status"), [(NEVER, 0), (TYPO, 1)], ids=["warning", "error"])
def test_a_file_checked_before_gets_the_same_report_without_a_check(
    tmp_path: Path, folder: Path, edit: tuple[str, str], status: int
) -> None:
    path = write_scenario(tmp_path, replace=dict([edit]))
    first, again = check(folder, str(path)), check(folder, str(path))
    assert first.stdout.splitlines()[-1] == f"CHECKED {status}"
    assert again.stdout.splitlines()[-1] == f"RECALLED {status}"
    assert again.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]
    assert "(at " in first.stdout  # there was something located to report
    uncached = careerquest("check", str(path), env={CACHE_DIR_ENV: ""})
    assert uncached.stdout.splitlines() == first.stdout.splitlines()[:-1]


def test_the_json_report_is_the_same_and_names_the_file_where_it_is_now(
    tmp_path: Path, folder: Path
) -> None:
    path = write_scenario(tmp_path, replace=dict([NEVER]))
    first = check(folder, str(path), "--format", "json")
    moved = tmp_path / "moved.toml"
    path.rename(moved)
    again = check(folder, str(moved), "--format", "json")
    assert again.stdout.splitlines()[-1] == "RECALLED 0"
    before = json.loads(first.stdout.rsplit("\n", 2)[0])
    after = json.loads(again.stdout.rsplit("\n", 2)[0])
    assert [d["file"] for d in after["diagnostics"]] == [str(moved)]
    for found in before["diagnostics"]:
        found["file"] = str(moved)
    assert after["diagnostics"] == before["diagnostics"]
    assert after["warnings"] == 1


def test_an_edited_file_is_checked_again(tmp_path: Path, folder: Path) -> None:
    path = write_scenario(tmp_path)
    assert check(folder, str(path)).stdout.splitlines()[-2:] == [
        "1 file checked: 0 errors, 0 warnings",
        "CHECKED 0",
    ]
    write_scenario(tmp_path, replace=dict([TYPO]))
    result = check(folder, str(path))
    assert result.stdout.splitlines()[-2:] == ["1 file checked: 1 error, 0 warnings", "CHECKED 1"]


def test_a_damaged_entry_is_no_entry(tmp_path: Path, folder: Path) -> None:
    path = write_scenario(tmp_path, replace=dict([NEVER]))
    first = check(folder, str(path))
    for entry in folder.glob("*.json"):
        entry.write_text('{"findings": [{"line": "x"}]}', encoding="utf-8")
    again = check(folder, str(path))
    assert again.stdout.splitlines()[-1] == "CHECKED 0"
    assert again.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]
