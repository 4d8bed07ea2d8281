"""SourceMap must point at the same spot an author would, for every shape TOML allows."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from careerquest.scenario.locate import Path, Position, SourceMap


def text_at(source: str, position: Position | None) -> str:
    """The rest of the line from `position`, so asserts read like the source."""
    assert position is not None
    line = source.replace("\r\n", "\n").split("\n")[position.line - 1]
    return line[position.column - 1 :]


SCENARIO = """\
#:schema ../schema/scenario.json
# A comment, then a blank line

title = "Junior dev"
meta.version.major = 2

[stats]
energy = 10

[stats.technical]
python = 3

[[events]]
id = "standup"

[[events.choices]]
label = "Speak up"
effects = { soft = 1, stats.energy = -2 }

[[events.choices]]
label = 'Stay quiet'

[[events]]
id = "review"

[[events.choices]]
label = "Accept"

[events.meta]
weight = 5
"""


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        (("title",), Position(4, 1), Position(4, 9)),
        (("meta",), Position(5, 1), Position(5, 1)),
        (("meta", "version"), Position(5, 6), Position(5, 6)),
        (("meta", "version", "major"), Position(5, 14), Position(5, 22)),
        (("stats",), Position(7, 2), Position(7, 1)),
        (("stats", "energy"), Position(8, 1), Position(8, 10)),
        (("stats", "technical"), Position(10, 8), Position(10, 1)),
        (("stats", "technical", "python"), Position(11, 1), Position(11, 10)),
        (("events",), Position(13, 3), Position(13, 1)),
        (("events", 0), Position(13, 1), Position(13, 1)),
        (("events", 0, "id"), Position(14, 1), Position(14, 6)),
        (("events", 0, "choices"), Position(16, 10), Position(16, 1)),
        (("events", 0, "choices", 0), Position(16, 1), Position(16, 1)),
        (("events", 0, "choices", 0, "label"), Position(17, 1), Position(17, 9)),
        (("events", 0, "choices", 0, "effects"), Position(18, 1), Position(18, 11)),
        (("events", 0, "choices", 0, "effects", "soft"), Position(18, 13), Position(18, 20)),
        (("events", 0, "choices", 0, "effects", "stats"), Position(18, 23), Position(18, 23)),
        (
            ("events", 0, "choices", 0, "effects", "stats", "energy"),
            Position(18, 29),
            Position(18, 38),
        ),
        (("events", 0, "choices", 1), Position(20, 1), Position(20, 1)),
        (("events", 0, "choices", 1, "label"), Position(21, 1), Position(21, 9)),
        (("events", 1), Position(23, 1), Position(23, 1)),
        (("events", 1, "id"), Position(24, 1), Position(24, 6)),
        (("events", 1, "choices", 0), Position(26, 1), Position(26, 1)),
        (("events", 1, "choices", 0, "label"), Position(27, 1), Position(27, 9)),
        (("events", 1, "meta"), Position(29, 9), Position(29, 1)),
        (("events", 1, "meta", "weight"), Position(30, 1), Position(30, 10)),
    ],
)
def test_scenario_layout(path: Path, key: Position, value: Position) -> None:
    assert tomllib.loads(SCENARIO)  # the fixture itself must be valid TOML
    source_map = SourceMap.parse(SCENARIO)
    assert source_map.key(path) == key
    assert source_map.value(path) == value


@pytest.mark.parametrize(
    "path",
    [
        ("events", 2),
        ("events", 1, "choices", 1),
        ("stats", "social"),
        ("schema",),
        ("events", "0"),
    ],
)
def test_absent_paths(path: Path) -> None:
    source_map = SourceMap.parse(SCENARIO)
    assert source_map.key(path) is None
    assert source_map.value(path) is None


QUOTED = """\
"flag.mentor" = true
'x.y' = 1
"a\\u0041" = 2
[stats."tech nical"]
'raw' = "v"
[[ "quoted.events" ]]
id = 1
"""


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("flag.mentor",), '"flag.mentor" = true'),
        (("x.y",), "'x.y' = 1"),
        (("aA",), '"a\\u0041" = 2'),
        (("stats", "tech nical"), '"tech nical"]'),
        (("stats", "tech nical", "raw"), "'raw' = \"v\""),
        (("quoted.events",), '"quoted.events" ]]'),
        (("quoted.events", 0), '[[ "quoted.events" ]]'),
        (("quoted.events", 0, "id"), "id = 1"),
    ],
)
def test_quoted_keys_are_single_names(path: Path, text: str) -> None:
    assert text_at(QUOTED, SourceMap.parse(QUOTED).key(path)) == text


def test_quoted_key_is_not_split() -> None:
    source_map = SourceMap.parse(QUOTED)
    assert source_map.key(("flag",)) is None
    assert source_map.key(("flag", "mentor")) is None


ARRAYS = """\
scores = [1, 2]
choices = [{label="a"}, {label="b", next = { id = "c" }}]
nested = [[1, 2], [3]]
tall = [
  # a comment inside
  "first",   # trailing comment

  { x = 1 },
]
"""


@pytest.mark.parametrize(
    ("path", "key", "value"),
    [
        (("scores",), "scores = [1, 2]", "[1, 2]"),
        (("scores", 0), "1, 2]", "1, 2]"),
        (("scores", 1), "2]", "2]"),
        (("choices", 0), '{label="a"}, {label', '{label="a"}, {label'),
        (("choices", 0, "label"), 'label="a"}, {', '"a"}, {'),
        (("choices", 1), '{label="b"', '{label="b"'),
        (("choices", 1, "label"), 'label="b", next', '"b", next'),
        (("choices", 1, "next", "id"), 'id = "c" }}]', '"c" }}]'),
        (("nested", 1), "[3]]", "[3]]"),
        (("nested", 0, 1), "2], [3]]", "2], [3]]"),
        (("tall", 0), '"first",   # trailing comment', '"first",   # trailing comment'),
        (("tall", 1), "{ x = 1 },", "{ x = 1 },"),
        (("tall", 1, "x"), "x = 1 },", "1 },"),
    ],
)
def test_arrays_index_their_elements(path: Path, key: str, value: str) -> None:
    source_map = SourceMap.parse(ARRAYS)
    assert text_at(ARRAYS, source_map.key(path)).startswith(key)
    assert text_at(ARRAYS, source_map.value(path)).startswith(value)


def test_array_does_not_count_comments() -> None:
    assert SourceMap.parse(ARRAYS).key(("tall", 2)) is None


def test_a_comment_after_a_value_leaves_its_position_alone() -> None:
    source = '[roles.lead]\nrequires = "skill >= 40"   # a condition\nladder = ["boss"] # up\n'
    source_map = SourceMap.parse(source)
    assert source_map.value(("roles", "lead", "requires")) == Position(2, 12)
    assert source_map.inside_string(("roles", "lead", "requires"), 0) == Position(2, 13)
    assert source_map.value(("roles", "lead", "ladder", 0)) == Position(3, 11)


def test_crlf_line_endings() -> None:
    source = SCENARIO.replace("\n", "\r\n")
    source_map = SourceMap.parse(source)
    assert source_map.key(("events", 1, "meta", "weight")) == Position(30, 1)
    assert source_map.value(("events", 0, "choices", 0, "effects", "soft")) == Position(18, 20)


def test_columns_count_characters_not_bytes() -> None:
    source = 'intro = { text = "héllo 😀 €", mood = 1 }\n'
    source_map = SourceMap.parse(source)
    assert source_map.key(("intro", "mood")) == Position(1, 31)
    assert text_at(source, source_map.key(("intro", "mood"))) == "mood = 1 }"
    assert source_map.value(("intro", "mood")) == Position(1, 38)


@pytest.mark.parametrize(
    ("source", "path", "text"),
    [
        # [a.b] after [a] extends a; a stays at its own header.
        ("[a]\nx = 1\n[a.b]\ny = 2\n", ("a",), "a]"),
        ("[a]\nx = 1\n[a.b]\ny = 2\n", ("a", "b"), "b]"),
        ("[a]\nx = 1\n[a.b]\ny = 2\n", ("a", "b", "y"), "y = 2"),
        # [a] after [a.b]: the explicit header wins over the implicit prefix.
        ("[a.b]\ny = 2\n[a]\nx = 1\n", ("a",), "a]"),
        ("[a.b]\ny = 2\n[a]\nx = 1\n", ("a", "x"), "x = 1"),
        # A sub-table added under a table that dotted keys defined.
        (
            '[fruit]\napple.color = "red"\n[fruit.apple.texture]\nsmooth = true\n',
            ("fruit", "apple"),
            'apple.color = "red"',
        ),
        (
            '[fruit]\napple.color = "red"\n[fruit.apple.texture]\nsmooth = true\n',
            ("fruit", "apple", "texture", "smooth"),
            "smooth = true",
        ),
        # Dotted keys inside a table.
        ("[t]\nx.y.z = 1\n", ("t", "x", "y", "z"), "z = 1"),
    ],
)
def test_headers_extend_existing_tables(source: str, path: Path, text: str) -> None:
    tomllib.loads(source)
    source_map = SourceMap.parse(source)
    assert text_at(source, source_map.key(path)) == text


def test_header_value_is_the_bracket() -> None:
    source = "[a]\nx = 1\n[a.b]\ny = 2\n"
    source_map = SourceMap.parse(source)
    assert source_map.value(("a", "b")) == Position(3, 1)
    assert source_map.value(("a",)) == Position(1, 1)


@pytest.mark.parametrize(
    ("broken_line", "path", "text"),
    [
        ("bad = = 3", ("before",), "before = 1"),
        ("bad = = 3", ("t", "after"), "after = 2"),
        ('oops = "unterminated', ("before",), "before = 1"),
        ("this is junk", ("t", "after"), "after = 2"),
        ("[unclosed", ("before",), "before = 1"),
        ("x = { y = }", ("t", "after"), "after = 2"),
    ],
)
def test_syntax_errors_still_map_other_lines(broken_line: str, path: Path, text: str) -> None:
    source = f"before = 1\n{broken_line}\n\n[t]\nafter = 2\n"
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(source)
    source_map = SourceMap.parse(source)
    assert text_at(source, source_map.key(path)) == text


def test_repaired_pair_keeps_key_without_value() -> None:
    source = "x = { y = }\n"
    source_map = SourceMap.parse(source)
    assert source_map.key(("x", "y")) == Position(1, 7)
    assert source_map.value(("x", "y")) is None


@pytest.mark.parametrize(
    ("path", "prefix", "position"),
    [
        (("events", 0, "choices", 1, "effects"), ("events", 0, "choices", 1), Position(20, 1)),
        (
            ("events", 0, "choices", 0, "effects", "x"),
            ("events", 0, "choices", 0, "effects"),
            Position(18, 1),
        ),
        (("stats", "technical", "rust"), ("stats", "technical"), Position(10, 8)),
        (("title",), ("title",), Position(4, 1)),
        (("missing", "deeper"), (), Position(1, 1)),
        ((), (), Position(1, 1)),
    ],
)
def test_nearest_existing_prefix(path: Path, prefix: Path, position: Position) -> None:
    assert SourceMap.parse(SCENARIO).nearest(path) == (prefix, position)


STRINGS = (
    'plain = "hello wörld"\n'  # 1
    "literal = 'C:\\path'\n"  # 2
    'escaped = "tab\\there"\n'  # 3
    'block = """\n'  # 4
    "first line\n"  # 5
    '  second"""\n'  # 6
    "inline_block = '''no newline trimmed\n"  # 7
    "next'''\n"  # 8
    'continued = """\\\n'  # 9
    '  joined"""\n'  # 10
    "number = 5\n"  # 11
    'empty = ""\n'  # 12
    'quoted = "role == \\"lead\\" or skil"\n'  # 13
    'unicode = "\\u00e9t\\u00e9"\n'  # 14
)


@pytest.mark.parametrize(
    ("path", "offset", "position"),
    [
        (("plain",), 0, (1, 10)),
        (("plain",), 7, (1, 17)),
        (("plain",), 11, (1, 21)),  # one past the end: the closing quote
        (("plain",), 99, (1, 21)),  # clamped
        (("literal",), 3, (2, 15)),  # backslashes are literal here
        (("escaped",), 2, (3, 14)),
        (("escaped",), 3, (3, 15)),  # the escape itself
        (("escaped",), 5, (3, 18)),  # past it: two characters written for one
        (("quoted",), 15, (13, 28)),  # 'role == "lead" or skil', at 'or'
        (("unicode",), 2, (14, 19)),  # \u00e9 is six characters for one
        (("block",), 0, (5, 1)),  # newline after the opening delimiter is trimmed
        (("block",), 10, (5, 11)),  # the newline ending "first line"
        (("block",), 13, (6, 3)),
        (("inline_block",), 3, (7, 22)),
        (("inline_block",), 19, (8, 1)),
        (("continued",), 2, (9, 16)),  # line-ending backslash is an escape
        (("empty",), 0, (12, 10)),
    ],
)
def test_inside_string(path: Path, offset: int, position: tuple[int, int]) -> None:
    assert SourceMap.parse(STRINGS).inside_string(path, offset) == Position(*position)


def test_inside_string_matches_decoded_text() -> None:
    decoded = tomllib.loads(STRINGS)
    source_map = SourceMap.parse(STRINGS)
    checked = [(("plain",), 7), (("block",), 13), (("inline_block",), 19), (("quoted",), 18)]
    for path, offset in checked:
        text = decoded[path[0]]
        assert text_at(STRINGS, source_map.inside_string(path, offset)).startswith(text[offset])


def test_inside_string_crlf_multiline() -> None:
    source = 'block = """\r\nab\r\ncd"""\r\n'
    assert tomllib.loads(source)["block"] == "ab\ncd"
    source_map = SourceMap.parse(source)
    assert source_map.inside_string(("block",), 2) == Position(2, 3)
    assert source_map.inside_string(("block",), 3) == Position(3, 1)


@pytest.mark.parametrize("path", [("number",), ("missing",), ()])
def test_inside_string_needs_a_string(path: Path) -> None:
    assert SourceMap.parse(STRINGS).inside_string(path, 0) is None


# Cross-check against a real serializer: whatever tomli_w writes, every key and value maps.

_names = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True) | st.sampled_from(
    ["flag.mentor", "has space", "é"]
)
_text = st.text(alphabet="ab é€😀\"\\\n\t'", max_size=12)
_scalars = st.integers(-1000, 1000) | st.booleans() | _text
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.lists(st.dictionaries(_names, inner, max_size=3), min_size=1, max_size=3)
        | st.dictionaries(_names, inner, max_size=3)
    ),
    max_leaves=12,
)
_documents = st.dictionaries(_names, _values, max_size=5)


def _paths(value: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    """Every key path in `value` that a scenario check could report, with what it holds."""
    found: list[tuple[Path, Any]] = [(path, value)] if path else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*path, index))
    return found


def _value_starts(value: Any) -> tuple[str, ...]:
    if isinstance(value, bool):
        return ("true",) if value else ("false",)
    if isinstance(value, int):
        return (str(value),)
    if isinstance(value, str):
        return ('"',)
    # Tables and arrays of tables are headers ([a], [[a]]) or inline ({, [).
    return ("[", "{")


@settings(max_examples=150, deadline=None)
@given(_documents, st.booleans())
def test_every_serialized_path_maps(document: dict[str, Any], multiline: bool) -> None:
    source = tomli_w.dumps(document, multiline_strings=multiline)
    assert tomllib.loads(source) == document
    source_map = SourceMap.parse(source)
    for path, value in _paths(document):
        name = path[-1]
        key_text = text_at(source, source_map.key(path))
        if isinstance(name, str):
            assert key_text.startswith((name, tomli_w.dumps({name: 0}).split(" = ")[0])), path
        value_text = text_at(source, source_map.value(path))
        assert value_text.startswith(_value_starts(value)), path
        if isinstance(value, str) and _written_verbatim(value, multiline):
            for offset, char in enumerate(value):
                rest = text_at(source, source_map.inside_string(path, offset))
                assert (rest[:1] or "\n") == char, (path, offset)


def _written_verbatim(text: str, multiline: bool) -> bool:
    """Whether tomli_w writes `text` without escapes, so offsets must map exactly."""
    return not {'"', "\\"} & set(text) and ("\n" not in text or multiline)
