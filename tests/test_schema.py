"""The committed JSON Schema matches the models, and accepts exactly what the loader accepts."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from careerquest.authoring.scaffold import render as render_template
from careerquest.authoring.schema import render, scenario_schema
from careerquest.cli import main
from minimal_scenario import scenario_text

ROOT = Path(__file__).resolve().parent.parent
COMMITTED = ROOT / "schema" / "scenario.schema.json"
BUNDLED = sorted((ROOT / "scenarios").glob("*.toml"))
DIRECTIVE = "#:schema ../schema/scenario.schema.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def errors(validator: Draft202012Validator, data: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == render(), (
        "schema/scenario.schema.json is out of date with the models: "
        "run `careerquest schema > schema/scenario.schema.json`"
    )


def test_schema_command_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert capsys.readouterr().out == render()


def test_schema_identifies_itself() -> None:
    schema = scenario_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:careerquest:")
    assert schema["title"]
    assert schema["description"]
    assert "class" in schema["$defs"]["Ending"]["properties"]
    assert "class" in schema["$defs"]["Ending"]["required"]
    assert "null" not in COMMITTED.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenario_validates(validator: Draft202012Validator, path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert errors(validator, data) == []


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_scenario_points_at_the_schema(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == [DIRECTIVE, ""], (
        f"{path.name} must start with '{DIRECTIVE}' and a blank line"
    )


@pytest.mark.parametrize("template", ["basic", "full"])
def test_templates_validate(validator: Draft202012Validator, tmp_path: Path, template: str) -> None:
    text = render_template(template, tmp_path / "mine.toml")
    assert errors(validator, tomllib.loads(text)) == []


def test_tiny_scenario_validates(validator: Draft202012Validator) -> None:
    data = tomllib.loads((ROOT / "tests" / "data" / "tiny.toml").read_text(encoding="utf-8"))
    assert errors(validator, data) == []


@pytest.mark.parametrize(
    ("extra", "replace", "where"),
    [
        ("\n[bonus]\npoints = 3\n", {}, "bonus"),
        ("", {'label = "Work"': 'label = "Work"\ncolour = "red"'}, "colour"),
        ("", {"[stats.skill]": "[stats.Skill]"}, "Skill"),
        ("", {'class = "job"': 'class_ = "job"'}, "class"),
        ("", {'effects = { cash = "+100" }': "effects = { cash = 100 }"}, "100"),
        ("", {"turns = 4": 'turns = "4"'}, "4"),
    ],
    ids=["unknown table", "unknown key", "bad id", "python name", "bare number", "wrong type"],
)
def test_schema_rejects(
    validator: Draft202012Validator, extra: str, replace: dict[str, str], where: str
) -> None:
    found = errors(validator, tomllib.loads(scenario_text(extra, replace)))
    assert found, "the schema accepted a broken scenario"
    assert any(where in message for message in found), found


def test_effects_accept_every_spelling(validator: Draft202012Validator) -> None:
    effects = (
        'effects = { skill = "%+10", "flag.a" = true, cred = { b = true }, leave_role = true }'
    )
    text = scenario_text(replace={'effects = { skill = "+10" }': effects})
    assert errors(validator, tomllib.loads(text)) == []
