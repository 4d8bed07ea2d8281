"""docs/AUTHORING.md cannot drift from the code.

* Every ```` ```toml scenario ```` block is a complete scenario that loads with no diagnostics.
* Every ```` ```toml broken ```` block, followed by a ```` ```text ```` block, reports exactly the
  lines of that text block.
* Every other ```` ```toml ```` block (a fragment) is merged into a complete scenario of the
  document (``base=<scenario id>`` in the info string picks which; the last one by default)
  and the result must load with no diagnostics.
* The reference tables (``<!-- keys: Model -->``) list exactly the fields of every format
  model, with the right required keys, defaults, allowed choices and numeric bounds.
* The example tables of expressions, effects and lock reasons say what the loader and the
  engine really say.
* Every ```` ```toml quote=PATH ```` block is copied verbatim from that file (``# ...`` marks
  the lines left out).
* Every ``](#anchor)`` link points to a heading of the document.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from careerquest.engine.game import Game
from careerquest.scenario import models
from careerquest.scenario.loader import check_source
from careerquest.scenario.runtime import Scenario
from careerquest.scenario.salvage import TABLES as KEYED_TABLES

DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "AUTHORING.md"
DOC = DOC_PATH.read_text(encoding="utf-8")
LINES = DOC.splitlines()


# ------------------------------------------------------------------ parsing the document


@dataclass(frozen=True)
class Block:
    info: str
    body: str
    line: int  # 1-based line of the opening fence

    @property
    def words(self) -> list[str]:
        return self.info.split()

    @property
    def lang(self) -> str:
        return self.words[0] if self.words else ""

    def option(self, key: str) -> str | None:
        for word in self.words[1:]:
            name, _, value = word.partition("=")
            if name == key:
                return value
        return None


def _blocks() -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(LINES):
        line = LINES[i]
        if line.startswith("```"):
            info = line[3:].strip()
            body: list[str] = []
            j = i + 1
            while j < len(LINES) and not LINES[j].startswith("```"):
                body.append(LINES[j])
                j += 1
            assert j < len(LINES), f"AUTHORING.md:{i + 1}: code block is never closed"
            blocks.append(Block(info, "\n".join(body) + "\n", i + 1))
            i = j + 1
        else:
            i += 1
    return blocks


BLOCKS = _blocks()
SCENARIOS = [b for b in BLOCKS if b.lang == "toml" and "scenario" in b.words[1:]]
BROKEN = [b for b in BLOCKS if b.lang == "toml" and "broken" in b.words[1:]]
QUOTES = [b for b in BLOCKS if b.lang == "toml" and b.option("quote")]
FRAGMENTS = [
    b
    for b in BLOCKS
    if b.lang == "toml" and not {"scenario", "broken"} & set(b.words[1:]) and b not in QUOTES
]


def _scenario_id(block: Block) -> str:
    return str(tomllib.loads(block.body)["scenario"]["id"])


SCENARIO_BY_ID = {_scenario_id(b): b for b in SCENARIOS}
QUICK_START = SCENARIOS[0]
FULL_EXAMPLE = SCENARIOS[-1]


def _table_after(marker: str) -> list[list[str]]:
    """The body rows of the markdown table that follows an HTML comment marker."""
    start = next((i for i, line in enumerate(LINES) if line.strip() == marker), None)
    assert start is not None, f"marker {marker} is missing from AUTHORING.md"
    rows: list[list[str]] = []
    i = start + 1
    assert LINES[i].startswith("|"), f"{marker} must be followed by a table"
    i += 2  # header and separator
    while i < len(LINES) and LINES[i].startswith("|"):
        cells = [cell.strip() for cell in LINES[i].strip().strip("|").split("|")]
        rows.append(cells)
        i += 1
    return rows


def _code(cell: str) -> str:
    """The text inside the first `code` span of a cell."""
    match = re.search(r"`([^`]*)`", cell)
    assert match, f"no `code` in table cell {cell!r}"
    return match[1]


def _load(source: str, name: str = "doc.toml") -> Scenario:
    scenario, diagnostics = check_source(source, name)
    assert not diagnostics, "\n".join(d.format() for d in diagnostics)
    assert scenario is not None
    return scenario


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, f"the example no longer contains {old!r}"
    return text.replace(old, new, 1)


# ------------------------------------------------------------------------ complete files


def test_the_document_has_its_examples() -> None:
    assert len(SCENARIOS) >= 2
    assert len(BROKEN) >= 3
    assert len(FRAGMENTS) >= 10
    assert QUICK_START.body.count("\n") < 100, "the quick start should stay short"


@pytest.mark.parametrize("block", SCENARIOS, ids=lambda b: f"line{b.line}")
def test_complete_scenarios_load_without_diagnostics(block: Block) -> None:
    _load(block.body, f"AUTHORING.md:{block.line}")


@pytest.mark.parametrize("block", BROKEN, ids=lambda b: f"line{b.line}")
def test_broken_examples_print_the_documented_errors(block: Block) -> None:
    following = BLOCKS[BLOCKS.index(block) + 1]
    assert following.lang == "text", (
        f"AUTHORING.md:{block.line}: a broken example must be followed by a ```text block"
    )
    scenario, diagnostics = check_source(block.body, "broken.toml")
    assert scenario is None
    printed = [d.format() for d in diagnostics]
    assert printed == following.body.strip().splitlines()


# ------------------------------------------------------------------------------ fragments


def _merge(base: dict[str, Any], fragment: dict[str, Any]) -> dict[str, Any]:
    """A fragment dropped into a complete scenario: same ids replace, new ones are added."""
    merged = copy.deepcopy(base)
    for key, value in fragment.items():
        if key in KEYED_TABLES:  # tables of items by id
            merged.setdefault(key, {}).update(value)
        elif key in ("scenario", "economy", "reflection"):
            merged[key] = value
        elif key in ("events", "endings", "factors", "tests"):
            items = merged.setdefault(key, [])
            for item in value:
                same = [
                    i for i, old in enumerate(items) if "id" in item and old.get("id") == item["id"]
                ]
                if same:
                    items[same[0]] = item
                elif key == "endings":
                    items.insert(0, item)  # the fallback stays last
                else:
                    items.append(item)
        elif key == "effects":
            merged["actions"]["doc_fragment"] = {
                "label": "Fragment",
                "category": "rest",
                "effects": value,
            }
        else:
            raise AssertionError(f"fragment key {key!r} is not part of the format")
    return merged


@pytest.mark.parametrize("block", FRAGMENTS, ids=lambda b: f"line{b.line}")
def test_fragments_load_inside_a_complete_scenario(block: Block) -> None:
    fragment = tomllib.loads(block.body)
    if not fragment:
        return  # a comment only, such as the #:schema line
    base_id = block.option("base")
    base_block = SCENARIO_BY_ID[base_id] if base_id else FULL_EXAMPLE
    merged = _merge(tomllib.loads(base_block.body), fragment)
    _load(tomli_w.dumps(merged), f"AUTHORING.md:{block.line}")


# --------------------------------------------------------------------------------- quotes

ROOT = DOC_PATH.parent.parent
ELISION = "# ..."


@pytest.mark.parametrize("block", QUOTES, ids=lambda b: f"line{b.line}")
def test_quotes_are_verbatim(block: Block) -> None:
    """A ``toml quote=PATH`` block is copied from that file; ``# ...`` marks left-out lines."""
    path = ROOT / str(block.option("quote"))
    assert path.is_file(), f"the doc quotes {path}, which is not in the project"
    text = path.read_text(encoding="utf-8")
    segments: list[list[str]] = [[]]
    for line in block.body.splitlines():
        if line.strip() == ELISION:
            segments.append([])
        else:
            segments[-1].append(line)
    position = 0
    for segment in filter(None, segments):
        excerpt = "\n".join(segment)
        found = text.find(excerpt, position)
        assert found >= 0, (
            f"AUTHORING.md:{block.line}: no longer in {block.option('quote')}, in this order:"
            f"\n{excerpt}"
        )
        position = found + len(excerpt)


# ------------------------------------------------------------------- reference tables


def _format_models() -> dict[str, type[BaseModel]]:
    return {
        name: obj
        for name, obj in vars(models).items()
        if isinstance(obj, type)
        and issubclass(obj, BaseModel)
        and obj.__module__ == models.__name__
        and obj is not models.Model
    }


def _documented_tables() -> dict[str, list[list[str]]]:
    tables = {}
    for line in LINES:
        match = re.fullmatch(r"<!-- keys: (\w+) -->", line.strip())
        if match:
            assert match[1] not in tables, f"{match[1]} is documented twice"
            tables[match[1]] = _table_after(line.strip())
    return tables


TABLES = _documented_tables()


def test_every_model_has_a_reference_table() -> None:
    assert set(TABLES) == set(_format_models())


def _unwrap(annotation: Any, metadata: list[Any]) -> Any:
    """The scalar type under Annotated[...] and `X | None`, collecting the constraints."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        for meta in args[1:]:
            metadata.append(meta)
            metadata.extend(getattr(meta, "metadata", []))
        return _unwrap(args[0], metadata)
    if origin in (typing.Union, types.UnionType):
        rest = [arg for arg in args if arg is not type(None)]
        if len(rest) == 1:
            return _unwrap(rest[0], metadata)
    return annotation


def _bound(metadata: list[Any], name: str) -> Any:
    return next((getattr(m, name) for m in metadata if getattr(m, name, None) is not None), None)


def _readable(bound: Any) -> Any:
    """The format's amount limit, 10**12, is written 10¹² in the reference tables."""
    if isinstance(bound, int) and abs(bound) == 10**12:
        return "-10¹²" if bound < 0 else "10¹²"
    return bound


def _expected_range(field: FieldInfo) -> str | None:
    metadata = list(field.metadata)
    scalar = _unwrap(field.annotation, metadata)
    if scalar not in (int, float):
        return None
    ge, gt, le = (_readable(_bound(metadata, name)) for name in ("ge", "gt", "le"))
    if gt is not None and le is not None:
        return f"> {gt}, ≤ {le}"
    if ge is not None and le is not None:
        return f"only {ge}" if ge == le else f"{ge} to {le}"
    if ge is not None:
        return f"≥ {ge}"
    return None


def _literal_options(field: FieldInfo) -> tuple[str, ...]:
    scalar = _unwrap(field.annotation, [])
    if typing.get_origin(scalar) is typing.Literal:
        return typing.get_args(scalar)
    return ()


def _doc_default(default: Any) -> str:
    if isinstance(default, BaseModel):
        return "{}"
    return json.dumps(default)


@pytest.mark.parametrize("model_name", sorted(_format_models()))
def test_reference_table_matches_the_model(model_name: str) -> None:
    model = _format_models()[model_name]
    rows = TABLES.get(model_name)
    assert rows is not None, f"no `<!-- keys: {model_name} -->` table in AUTHORING.md"
    documented = {_code(row[0]): row for row in rows}
    assert len(documented) == len(rows), f"{model_name}: a key is documented twice"
    fields = {(field.alias or name): field for name, field in model.model_fields.items()}
    missing = sorted(set(fields) - set(documented))
    unknown = sorted(set(documented) - set(fields))
    assert not missing, f"{model_name}: keys missing from AUTHORING.md: {missing}"
    assert not unknown, f"{model_name}: AUTHORING.md documents keys that do not exist: {unknown}"
    for key, field in fields.items():
        row = documented[key]
        assert len(row) == 5, f"{model_name}.{key}: a row has 5 cells"
        _, _type, default, allowed, meaning = row
        assert meaning, f"{model_name}.{key}: say what the key means"
        if field.is_required():
            assert default == "required", f"{model_name}.{key} is required"
        elif field.default is None:
            assert default == "—", f"{model_name}.{key} has no default: write —"
        else:
            assert _code(default) == _doc_default(field.default), f"{model_name}.{key} default"
        for option in _literal_options(field):
            assert f'"{option}"' in allowed, f"{model_name}.{key}: option {option!r} is missing"
        expected = _expected_range(field)
        if expected is not None:
            assert expected in allowed, f"{model_name}.{key}: write {expected!r} under Allowed"


# ------------------------------------------------------------ examples of messages


def _reported(source: str) -> str:
    """What the loader says about a source: 'loads', or its messages as the doc quotes them."""
    _scenario, diagnostics = check_source(source, "first-job.toml")
    if not diagnostics:
        return "loads"
    parts = []
    for d in diagnostics:
        text = d.message + (f"; did you mean '{d.suggestion}'?" if d.suggestion else "")
        parts.append(f"{text} [{d.code}]")
    return " / ".join(parts)


CAREER_WHEN = 'when = "held.shift_lead and (skill >= 40 or flag.side_gig)"'
REST_EFFECTS = 'effects = { energy = "+15" }'


@pytest.mark.parametrize(
    "row", _table_after("<!-- expression-examples -->"), ids=lambda row: _code(row[0])
)
def test_expression_examples_say_what_the_loader_says(row: list[str]) -> None:
    expression, said = _code(row[0]), row[1]
    source = _replace_once(QUICK_START.body, CAREER_WHEN, f"when = {json.dumps(expression)}")
    assert _reported(source) == said


def test_the_quoted_full_line_is_real() -> None:
    quoted = re.search(r"`(first-job\.toml:\d+:\d+: error: unknown name 'skil'[^`]*)`", DOC)
    assert quoted, "section 4.5 quotes one full diagnostic line"
    source = _replace_once(QUICK_START.body, CAREER_WHEN, 'when = "skil >= 40"')
    _scenario, diagnostics = check_source(source, "first-job.toml")
    assert [d.format() for d in diagnostics] == [quoted[1]]


@pytest.mark.parametrize(
    "row", _table_after("<!-- effect-examples -->"), ids=lambda row: _code(row[0])
)
def test_effect_examples_say_what_the_loader_says(row: list[str]) -> None:
    effects, said = _code(row[0]), row[1]
    source = _replace_once(QUICK_START.body, REST_EFFECTS, f"effects = {effects}")
    assert _reported(source) == said


@pytest.mark.parametrize("row", _table_after("<!-- lock-reasons -->"), ids=lambda row: row[0])
def test_lock_reasons_are_what_the_player_reads(row: list[str]) -> None:
    condition, reason = _code(row[0]), row[1]
    anchor = 'label = "Rest and see friends"\n'
    source = _replace_once(
        FULL_EXAMPLE.body, anchor, f"{anchor}requires = {json.dumps(condition)}\n"
    )
    game = Game(_load(source), seed=1)
    assert game.decision is not None
    option = game.decision.option("rest")
    assert option is not None
    assert not option.available
    assert option.locked_reason == reason


# ------------------------------------------------------------------ scenario [[tests]]


@pytest.mark.parametrize(
    "block",
    [b for b in SCENARIOS if "[[tests]]" in b.body]
    + [b for b in FRAGMENTS if "[[tests]]" in b.body],
    ids=lambda b: f"line{b.line}",
)
def test_documented_scenario_tests_pass(block: Block) -> None:
    from careerquest.authoring.scenario_tests import run_tests

    if block in SCENARIOS:
        source = block.body
    else:
        base = SCENARIO_BY_ID[block.option("base") or _scenario_id(FULL_EXAMPLE)]
        fragment = tomllib.loads(block.body)
        source = tomli_w.dumps(_merge(tomllib.loads(base.body), fragment))
    results = run_tests(_load(source))
    assert results
    for result in results:
        assert result.passed, result.format()


# ----------------------------------------------------------------------------- links


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[`*_]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def test_internal_links_point_to_headings() -> None:
    in_code = False
    anchors = set()
    for line in LINES:
        if line.startswith("```"):
            in_code = not in_code
        elif not in_code and line.startswith("#"):
            anchors.add(_slug(line.lstrip("#")))
    links = set(re.findall(r"\]\(#([^)]+)\)", DOC))
    assert links, "the document links to its own sections"
    broken = sorted(links - anchors)
    assert not broken, f"links to missing headings: {broken}"


def test_the_tools_document_is_linked() -> None:
    assert "[TOOLS.md](TOOLS.md)" in DOC
