"""``careerquest new`` writes scenarios that check clean and play to an ending."""

from __future__ import annotations

import json
import tomllib
import types
import typing
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from careerquest.authoring.scaffold import render, scenario_id, title_of
from careerquest.scenario.models import ScenarioFile
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


@pytest.mark.parametrize("template", ["basic", "full"])
def test_new_scenarios_are_balanced_enough_to_teach_with(tmp_path: Path, template: str) -> None:
    """Every ending is reached, every option opens and every goal can be met, so the
    simulate line of docs/TOOLS.md passes on a scenario fresh from ``new``."""
    path = tmp_path / "fresh.toml"
    assert careerquest("new", str(path), "--template", template, cwd=tmp_path).returncode == 0
    done = careerquest(
        "simulate",
        str(path),
        "--runs",
        "200",
        "--policy",
        "all",
        "--format",
        "json",
        "--fail-on",
        "unreachable-ending,dominant-ending,errors",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr
    report = json.loads(done.stdout)
    assert report["warnings"] == []
    coverage = report["coverage"]
    assert (coverage["never_fired"], coverage["never_available"]) == ([], [])
    met: dict[str, int] = {}
    for policy in report["policies"]:
        for goal in policy["goals"]:
            met[goal["id"]] = met.get(goal["id"], 0) + goal["met"]
    assert met
    assert all(met.values()), met


def test_new_wants_a_toml_file_and_prints_a_command_that_works(tmp_path: Path) -> None:
    refused = careerquest("new", str(tmp_path / "notes.txt"), cwd=tmp_path)
    assert refused.returncode == 1
    assert "does not end in .toml; try" in refused.stderr
    assert not (tmp_path / "notes.txt").exists()
    made = careerquest("new", "My Career.toml", cwd=tmp_path)
    assert "Next: careerquest play 'My Career.toml'" in made.stdout


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
        ("café crème.toml", "cafe-creme", "Café crème"),
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


def _used_keys(
    model: type[BaseModel], values: list[Any], used: dict[type[BaseModel], set[str]]
) -> None:
    """Add to ``used`` the keys of ``model`` (and of the models inside it) that ``values``,
    its tables in a file, set."""
    tables = [v for v in values if isinstance(v, dict)]
    for name, field in model.model_fields.items():
        key = field.alias or name
        inner = [table[key] for table in tables if key in table]
        if inner:
            used.setdefault(model, set()).add(key)
        for kind in _models_in(field.annotation):
            nested: list[Any] = []
            for value in inner:
                if isinstance(value, dict) and kind.model_fields.keys() & value.keys():
                    nested.append(value)
                elif isinstance(value, dict):
                    nested.extend(value.values())
                elif isinstance(value, list):
                    nested.extend(value)
            _used_keys(kind, nested, used)


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The format models an annotation holds: ``Role`` in ``dict[Id, Role]``, and so on."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) is typing.Annotated:
        args = args[:1]
    elif isinstance(annotation, types.UnionType):
        args = typing.get_args(annotation)
    return [kind for arg in args for kind in _models_in(arg)]


def _all_models(model: type[BaseModel]) -> set[type[BaseModel]]:
    found = {model}
    for field in model.model_fields.values():
        for kind in _models_in(field.annotation):
            found |= _all_models(kind)
    return found


def test_the_full_template_shows_every_key_of_the_format() -> None:
    used: dict[type[BaseModel], set[str]] = {}
    _used_keys(ScenarioFile, [tomllib.loads(render("full", Path("demo.toml")))], used)
    unused = {
        model.__name__: sorted(
            {field.alias or name for name, field in model.model_fields.items()}
            - used.get(model, set())
        )
        for model in _all_models(ScenarioFile)
    }
    assert len(unused) > 10  # the walk reaches the nested models, not just the file's
    assert {model: keys for model, keys in unused.items() if keys} == {}
