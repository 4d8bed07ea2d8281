"""The ``careerquest`` command as users and CI run it: subprocesses, exit codes, output."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from careerquest import __version__
from cli_kit import careerquest

ROOT = Path(__file__).parent.parent
TINY = ROOT / "tests" / "data" / "tiny.toml"
LOCATION = re.compile(r"^(?P<file>.+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): ")


def cq(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return careerquest(*args, cwd=cwd, stdin=stdin, env={"COLUMNS": "80"})


@pytest.fixture
def broken(tmp_path: Path) -> dict[str, Path]:
    """One file per kind of mistake an author makes, next to a copy of a good scenario."""
    good = TINY.read_text(encoding="utf-8")
    files = {
        "syntax": good.replace('title = "Tiny"', 'title = "Tiny'),
        "unknown_key": good.replace('label = "Skill"', 'label = "Skill"\nlabell = "x"'),
        "unknown_stat": good.replace('requires = "skill >= 30"', 'requires = "skil >= 30"'),
    }
    paths = {}
    for name, text in files.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(text, encoding="utf-8")
        paths[name] = path
    return paths


def test_version() -> None:
    result = cq("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"careerquest {__version__}"


def test_help_lists_every_subcommand() -> None:
    result = cq("--help")
    assert result.returncode == 0
    for name in ("play", "list", "check", "simulate", "test", "schema", "new"):
        assert name in result.stdout


def test_list_shows_help_desk(tmp_path: Path) -> None:
    result = cq("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^help-desk: .+ \(\d+ (quarter|month|year)s", result.stdout, re.M)
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_list_includes_local_scenarios_and_json(tmp_path: Path) -> None:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "scenarios" / "tiny.toml").write_text(TINY.read_text(encoding="utf-8"))
    result = cq("list", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    entries = {e["id"]: e for e in json.loads(result.stdout)}
    assert entries["help-desk"]["bundled"] is True
    assert entries["tiny"] == {
        "id": "tiny",
        "title": "Tiny",
        "turns": 6,
        "turn_unit": "quarter",
        "summary": "A tiny scenario for tests.",
        "estimated_minutes": 20,
        "audience": "",
        "path": str((tmp_path / "scenarios" / "tiny.toml").resolve()),
        "bundled": False,
    }


def test_check_good_file() -> None:
    result = cq("check", str(TINY))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("1 file checked: 0 errors")


@pytest.mark.parametrize("kind", ["syntax", "unknown_key", "unknown_stat"])
def test_check_broken_file(kind: str, broken: dict[str, Path]) -> None:
    result = cq("check", str(broken[kind]))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    located = [m for m in map(LOCATION.match, lines) if m]
    assert located, result.stdout
    assert all(m["file"] == str(broken[kind]) for m in located)
    assert lines[-1] == "1 file checked: 1 error, 0 warnings"


def test_check_reports_the_line_and_column(broken: dict[str, Path]) -> None:
    result = cq("check", str(broken["unknown_key"]))
    text = broken["unknown_key"].read_text(encoding="utf-8").splitlines()
    match = LOCATION.match(result.stdout)
    assert match is not None
    assert text[int(match["line"]) - 1][int(match["col"]) - 1 :].startswith("labell")
    assert "did you mean 'label'" in result.stdout


def test_check_of_a_folder_skips_its_saved_games_and_reads_each_file_once(
    tmp_path: Path,
) -> None:
    """``check .`` where plain play kept its saves: the saves are not scenarios, and a file
    named again by another path is still one file."""
    (tmp_path / "mine.toml").write_text(TINY.read_text(encoding="utf-8"), encoding="utf-8")
    played = cq("play", "mine.toml", "--plain", "--seed", "3", cwd=tmp_path, stdin="1\n" * 3)
    assert played.returncode == 0, played.stderr
    assert list((tmp_path / "saves").glob("*.toml"))  # plain play left a save here
    result = cq("check", ".", "mine.toml", str(tmp_path / "mine.toml"), cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1] == "1 file checked: 0 errors, 0 warnings"


def test_check_folder_json(broken: dict[str, Path], tmp_path: Path) -> None:
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "good.toml").write_text(TINY.read_text(encoding="utf-8"))
    result = cq("check", str(tmp_path), str(tmp_path / "missing.toml"), "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["files"] == [
        str(tmp_path / "nested" / "good.toml"),
        str(broken["syntax"]),
        str(broken["unknown_key"]),
        str(broken["unknown_stat"]),
    ]
    assert document["errors"] == 4
    assert document["warnings"] == 0
    missing = document["diagnostics"][0]
    assert missing["file"] == str(tmp_path / "missing.toml")
    assert missing["severity"] == "error"
    assert {"file", "line", "column", "key_path", "message", "code", "suggestion"} <= set(missing)


def test_unknown_scenario_exits_2_listing_known_ids(tmp_path: Path) -> None:
    result = cq("play", "no-such-thing", "--plain", "--save-dir", str(tmp_path))
    assert result.returncode == 2
    assert "no scenario named 'no-such-thing'" in result.stderr
    assert "help-desk" in result.stderr
    assert "Traceback" not in result.stderr


def test_broken_scenario_exits_1_with_every_diagnostic(
    broken: dict[str, Path], tmp_path: Path
) -> None:
    path = broken["unknown_stat"]
    result = cq("play", str(path), "--plain", "--save-dir", str(tmp_path / "saves"))
    assert result.returncode == 1
    assert LOCATION.match(result.stderr)
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_simulate_json_of_a_broken_file_is_still_a_json_document(
    broken: dict[str, Path],
) -> None:
    result = cq("simulate", str(broken["unknown_stat"]), "--runs", "5", "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["error"].endswith("cannot be simulated until these are fixed")
    assert [d["code"] for d in document["diagnostics"]] == ["expression"]
    assert LOCATION.match(result.stderr)


def test_a_background_for_a_scenario_without_any_is_explained(tmp_path: Path) -> None:
    result = cq("simulate", str(TINY), "--runs", "5", "--background", "nope")
    assert result.returncode == 2
    assert "unknown background 'nope': this scenario has no backgrounds" in result.stderr


def test_bare_scenario_argument_means_play(tmp_path: Path) -> None:
    result = cq(str(TINY), "--plain", "--save-dir", str(tmp_path), stdin="1\n" * 50)
    assert result.returncode == 0, result.stderr
    assert "Ending: " in result.stdout


def test_options_before_the_command_are_the_commands(tmp_path: Path) -> None:
    result = cq("--save-dir", str(tmp_path), "play", str(TINY), "--plain", stdin="1\n")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "autosave-tiny.toml").is_file()
    # but --version and --help before a command are about careerquest itself
    result = cq("--version", "play")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"careerquest {__version__}"


def test_watch_is_for_the_full_screen_game_only(tmp_path: Path) -> None:
    result = cq("play", str(TINY), "--plain", "--watch", "--save-dir", str(tmp_path))
    assert result.returncode == 2
    assert "--watch" in result.stderr


@pytest.mark.parametrize("args", [(), ("help-desk",)], ids=["title", "scenario"])
def test_the_full_screen_game_without_a_terminal_says_so(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    # Input and output are pipes here: the game would wait for keys that never come.
    env = {"TEXTUAL_DRIVER": ""}
    result = careerquest(*args, "--save-dir", str(tmp_path), cwd=tmp_path, env=env)
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr
    assert "--plain" in result.stderr
    assert result.stdout == ""


def test_save_dir_from_the_environment(tmp_path: Path) -> None:
    result = careerquest(
        "play", str(TINY), "--plain", stdin="1\n", env={"CAREERQUEST_SAVE_DIR": str(tmp_path)}
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "autosave-tiny.toml").is_file()


def test_readme_commands_match_ci() -> None:
    """The README's test command is the one CI runs, so a green CI means the README works."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = "pip install -e '.[test]'"
    assert f"python3 -m venv .venv && . .venv/bin/activate && {install} && python -m pytest" in (
        readme
    )
    assert "python3 -m venv .venv && . .venv/bin/activate && pip install . && careerquest" in (
        readme
    )
    ci_lines = [line.strip() for line in ci.splitlines()]
    assert install in ci_lines
    assert "python -m pytest" in ci_lines
    assert os.access(ROOT / ".ci" / "run", os.X_OK)


def test_argument_mistakes_are_named_in_the_users_words(tmp_path: Path) -> None:
    for option in ("--runs", "--jobs", "--seed"):
        result = cq("simulate", "help-desk", option, "abc")
        assert result.returncode == 2
        assert f"argument {option}: 'abc' is not a whole number" in result.stderr
    # "" is not the current folder, whose every .toml (saves too) would be checked.
    (tmp_path / "notes.toml").write_text("x = [", encoding="utf-8")
    for command in ("check", "test"):
        result = careerquest(command, "", cwd=tmp_path)
        assert result.returncode == 1
        assert "an empty name is no file, folder or scenario" in result.stdout
        assert "notes.toml" not in result.stdout


def test_a_save_named_as_a_scenario_is_recognised(tmp_path: Path) -> None:
    played = cq("play", "help-desk", "--plain", "--save-dir", str(tmp_path), stdin="1\n")
    save = tmp_path / "autosave-help-desk.toml"
    assert played.returncode == 0
    assert save.is_file()
    for args in (("check", str(save)), ("play", "--plain", str(save))):
        result = cq(*args)
        assert result.returncode == 1
        out = result.stdout + result.stderr
        assert "this is a saved game, not a scenario: open it with Load" in out
        assert "[not-a-scenario]" in out
        assert "unknown key" not in out
        assert "until these are fixed" not in out
