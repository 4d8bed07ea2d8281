"""``careerquest new`` writes scenarios that check clean and play to an ending."""

from __future__ import annotations

from pathlib import Path

import pytest

from careerquest.authoring.scaffold import render, scenario_id, title_of
from cli_kit import careerquest


@pytest.mark.parametrize("template", ["basic", "full"])
def test_new_scenario_checks_clean_tests_green_and_plays_to_an_ending(
    tmp_path: Path, template: str
) -> None:
    path = tmp_path / "stories" / "my_first-career.toml"
    made = careerquest("new", str(path), "--template", template, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert "my-first-career" in made.stdout

    checked = careerquest("check", "--strict", str(path), cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout
    assert "0 errors, 0 warnings" in checked.stdout

    tested = careerquest("test", str(path), cwd=tmp_path)
    assert tested.returncode == 0, tested.stdout
    assert "FAIL" not in tested.stdout

    played = careerquest(
        "play",
        "--plain",
        str(path),
        stdin="1\n" * 400,
        cwd=tmp_path,
        env={"CAREERQUEST_SAVE_DIR": str(tmp_path)},
    )
    assert "Ending: " in played.stdout, played.stdout[-2000:] + played.stderr


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("keep me", encoding="utf-8")
    refused = careerquest("new", str(path), cwd=tmp_path)
    assert refused.returncode == 1
    assert "already exists" in refused.stderr
    assert "--force" in refused.stderr
    assert path.read_text(encoding="utf-8") == "keep me"

    forced = careerquest("new", str(path), "--force", cwd=tmp_path)
    assert forced.returncode == 0
    assert path.read_text(encoding="utf-8").startswith("#:schema ")


def test_schema_directive_is_relative_to_the_new_file(tmp_path: Path) -> None:
    text = render("basic", tmp_path / "a" / "b" / "x.toml")
    first, blank = text.splitlines()[:2]
    assert first.startswith("#:schema ")
    assert blank == ""
    target = (tmp_path / "a" / "b" / first.removeprefix("#:schema ")).resolve()
    assert target.name == "scenario.schema.json"
    assert target.is_file()


@pytest.mark.parametrize(
    ("name", "ident", "title"),
    [
        ("help-desk.toml", "help-desk", "Help desk"),
        ("My Career_2.toml", "my-career-2", "My Career 2"),
        ("2026.toml", "scenario-2026", "2026"),
        ('quote"me\\.toml', "quote-me", 'Quote"me\\'),
    ],
)
def test_id_and_title_come_from_the_file_name(name: str, ident: str, title: str) -> None:
    path = Path(name)
    assert scenario_id(path) == ident
    assert title_of(path) == title
    text = render("basic", path)
    import tomllib

    info = tomllib.loads(text)["scenario"]
    assert (info["id"], info["title"]) == (ident, title)
