"""The scenario catalog reads each file's ``[scenario]`` table, alone when it can."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import tomli

from careerquest import catalog
from careerquest.scenario.diagnostics import ScenarioError
from careerquest.scenario.loader import load_scenario

ROOT = Path(__file__).resolve().parent.parent


def local_entries(tmp_path: Path, **files: str) -> list[catalog.Entry]:
    """The catalog's entries for a ./scenarios folder holding ``files`` (stem → text)."""
    folder = tmp_path / "scenarios"
    folder.mkdir()
    for stem, text in files.items():
        (folder / f"{stem}.toml").write_text(text, encoding="utf-8")
    return [e for e in catalog.scenarios(folder) if not e.bundled]


def test_bundled_entries_match_their_whole_files() -> None:
    entries = [e for e in catalog.scenarios() if e.bundled]
    assert {e.id for e in entries} == {"help-desk", "wellness"}
    for entry in entries:
        info = tomli.loads(entry.path.read_text(encoding="utf-8"))["scenario"]
        assert (entry.id, entry.title, entry.turns, entry.summary, entry.audience) == (
            info["id"],
            info["title"],
            info["turns"],
            info["summary"],
            info["audience"],
        )


def test_a_table_header_inside_a_multiline_string_does_not_cut_the_header(
    tmp_path: Path,
) -> None:
    (entry,) = local_entries(
        tmp_path,
        odd='[scenario]\nid = "odd"\ntitle = "Odd"\nturns = 4\nsummary = """Line one\n'
        '[not a table] but text\n"""\n\n[[stats]]\nid = "x"\n',
    )
    assert entry.summary == "Line one\n[not a table] but text\n"
    assert entry.turns == 4


def test_a_file_without_a_scenario_table_is_skipped(tmp_path: Path) -> None:
    assert local_entries(tmp_path, notes='[[stats]]\nid = "x"\n', bad="[scenario\nid = 1") == []


def test_a_header_like_line_in_a_string_before_the_table_is_not_taken_for_it(
    tmp_path: Path,
) -> None:
    (entry,) = local_entries(
        tmp_path,
        tricky='note = """\n[scenario]\nid = "fake"\ntitle = "Fake"\nturns = 1\n"""\n\n'
        '[scenario]\nid = "real"\ntitle = "Real"\nturns = 6\n\n[[stats]]\nid = "x"\n',
    )
    assert (entry.id, entry.title, entry.turns) == ("real", "Real", 6)


def test_a_file_broken_below_its_header_is_listed_and_fails_when_loaded(tmp_path: Path) -> None:
    (entry,) = local_entries(
        tmp_path, half='[scenario]\nid = "half"\ntitle = "Half"\nturns = 4\n\n[[stats]\nid = "x"\n'
    )
    assert entry.id == "half"
    with pytest.raises(ScenarioError, match="TOML syntax"):
        load_scenario(entry.path)


def test_a_folder_or_file_named_like_a_scenario_does_not_hide_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "wellness").mkdir()
    (tmp_path / "help-desk").write_text("notes, not a scenario", encoding="utf-8")
    bundled = {e.id: e.path for e in catalog.scenarios() if e.bundled}
    assert catalog.resolve("wellness") == bundled["wellness"]
    assert catalog.resolve("help-desk") == bundled["help-desk"]
    assert catalog.collect(["wellness"]) == ([bundled["wellness"]], [])
    # A path is still a path, and a bare name that is no id still finds its file.
    with pytest.raises(catalog.CatalogError, match=r"no scenario file at \./wellness"):
        catalog.resolve("./wellness")
    (tmp_path / "mine").write_text("x", encoding="utf-8")
    assert catalog.resolve("mine") == Path("mine")


def test_only_regular_files_are_listed(tmp_path: Path) -> None:
    local = tmp_path / "scenarios"
    local.mkdir()
    os.mkfifo(local / "pipe.toml")  # reading it would wait for a writer forever
    (local / "folder.toml").mkdir()
    ids = {e.id for e in catalog.scenarios(local)}
    assert {"help-desk", "wellness"} <= ids
