"""Map TOML key paths to line:column positions in the scenario source.

Pydantic and the semantic checks report problems as key paths such as
``("events", 3, "choices", 1, "effects", "soft")``; the TOML parser throws positions away, so
the loader re-reads the text with tree-sitter-toml to point authors at the exact spot.
tree-sitter also recovers from syntax errors, so a broken file still maps the parts it
could make sense of.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tomli
import tree_sitter_toml
from tree_sitter import Language, Node, Parser, Point

Path = tuple[str | int, ...]

_KEY_TYPES = frozenset({"bare_key", "quoted_key", "dotted_key"})
_PARSER = Parser(Language(tree_sitter_toml.language()))


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, counted in characters (not bytes) of the line


@dataclass(frozen=True, slots=True)
class _StringSpan:
    """Where a string's content starts, and its text as written in the source."""

    start: Position
    text: str | None  # None when the source cannot be mapped (a multi-line string's escapes)
    #: The escapes of a one-line string, by their index in ``text``: how many characters
    #: each takes in the source, and how many it stands for (``\"`` is two for one).
    escapes: dict[int, tuple[int, int]] = field(default_factory=dict)

    def at(self, offset: int) -> Position:
        if self.text is None:
            return self.start
        written = decoded = 0
        while decoded < offset and written < len(self.text):
            source_length, length = self.escapes.get(written, (1, 1))
            written += source_length
            decoded += length
        before = self.text[:written]
        newlines = before.count("\n")
        if newlines == 0:
            return Position(self.start.line, self.start.column + len(before))
        return Position(self.start.line + newlines, len(before) - before.rfind("\n"))


class SourceMap:
    """Where each key and value of a TOML document stands, by key path."""

    __slots__ = ("_keys", "_strings", "_values")

    def __init__(
        self,
        keys: dict[Path, Position],
        values: dict[Path, Position],
        strings: dict[Path, _StringSpan],
    ) -> None:
        self._keys = keys
        self._values = values
        self._strings = strings

    @classmethod
    def parse(cls, source: str) -> SourceMap:
        builder = _Builder(source)
        builder.statements(_PARSER.parse(builder.data).root_node, ())
        return cls(builder.keys, builder.values, builder.strings)

    def key(self, path: Path) -> Position | None:
        """Position of the key that introduces `path`; for a table introduced by a header
        ([a.b] or [[a]]) the position of the header's key name; for an element of an array
        of tables, the `[[` header of that element; for an element of an inline array, the
        element's start."""
        return self._keys.get(path)

    def value(self, path: Path) -> Position | None:
        """Start of the value stored at `path` (the opening quote of a string, the `{` of an
        inline table, ...); for a header-introduced table, the header position (also for
        `a` in `[a.b]`). A table that only a dotted key implies (`a` in `a.b = 1`) has no
        text of its own and answers its key position."""
        return self._values.get(path)

    def nearest(self, path: Path) -> tuple[Path, Position]:
        """Longest prefix of `path` that exists (key position), falling back to (),
        Position(1, 1). Used when a required key is missing: point at the table that
        lacks it."""
        for end in range(len(path), 0, -1):
            prefix = path[:end]
            position = self._keys.get(prefix)
            if position is not None:
                return prefix, position
        return (), Position(1, 1)

    def inside_string(self, path: Path, offset: int) -> Position | None:
        """Position of character `offset` (0-based, clamped to the string) of the decoded
        string value at `path`, so a check can point inside a long text. When escapes make
        decoded offsets disagree with the source, the string's first content character.
        None if `path` is not a string."""
        span = self._strings.get(path)
        return None if span is None else span.at(offset)


class _Builder:
    """One pass over the syntax tree, resolving headers the way a TOML decoder does."""

    def __init__(self, source: str) -> None:
        self.data = source.encode()
        self.lines = self.data.split(b"\n")
        self.keys: dict[Path, Position] = {}
        self.values: dict[Path, Position] = {}
        self.strings: dict[Path, _StringSpan] = {}
        self.defined: set[Path] = set()
        # Elements seen so far per array of tables; the path includes parent indexes, so a
        # nested array counts per element of its parent.
        self.table_arrays: dict[Path, int] = {}

    def position(self, point: Point) -> Position:
        """tree-sitter columns count UTF-8 bytes; authors count characters."""
        row, column = point
        return Position(row + 1, len(self.lines[row][:column].decode()) + 1)

    def define(self, path: Path, key: Position, value: Position | None) -> None:
        """Record an explicit definition; the first wins, as redefinitions are TOML errors."""
        if path in self.defined:
            return
        self.defined.add(path)
        self.keys[path] = key
        if value is not None:
            self.values[path] = value

    def imply(self, path: Path, key: Position, value: Position) -> None:
        """Record a table met as a prefix, unless something already placed it."""
        self.keys.setdefault(path, key)
        self.values.setdefault(path, value)

    def statements(self, node: Node, table: Path) -> Path:
        """Map the pairs and tables under `node`; returns the table in force at its end, so
        pairs that error recovery put outside their table still land in it."""
        for child in node.children:
            if child.type == "pair":
                self.pair(child, table)
            elif child.type in ("table", "table_array_element"):
                header = self.header(child)
                if header is not None:
                    table = self.statements(child, header)
            elif child.type == "ERROR":
                table = self.statements(child, table)
        return table

    def header(self, node: Node) -> Path | None:
        """Resolve `[a.b]` / `[[a.b]]`: a prefix naming an array of tables means its last
        element, and a `[[...]]` header appends a new element."""
        key = next((child for child in node.named_children if child.type in _KEY_TYPES), None)
        if key is None:
            return None
        bracket = self.position(node.start_point)
        parts = self.key_parts(key)
        path: Path = ()
        for name, position in parts[:-1]:
            path = (*path, name)
            self.imply(path, position, bracket)
            if path in self.table_arrays:
                path = (*path, self.table_arrays[path] - 1)
        name, position = parts[-1]
        path = (*path, name)
        if node.type == "table":
            self.define(path, position, bracket)
            return path
        index = self.table_arrays.get(path, 0)
        self.table_arrays[path] = index + 1
        self.imply(path, position, bracket)
        path = (*path, index)
        self.define(path, bracket, bracket)
        return path

    def pair(self, node: Node, table: Path) -> None:
        # A comment at the end of the line belongs to the pair in tree-sitter's tree.
        named = [child for child in node.named_children if child.type != "comment"]
        if not named or named[0].type not in _KEY_TYPES:
            return
        *prefix, (name, position) = self.key_parts(named[0])
        path = table
        for part, part_position in prefix:
            path = (*path, part)
            self.imply(path, part_position, part_position)
        path = (*path, name)
        # A pair tree-sitter had to repair (an ERROR child, or a zero-width stand-in for a
        # missing value) keeps its key but has no trustworthy value.
        value = named[-1]
        if len(named) != 2 or value.type == "ERROR" or value.end_byte == value.start_byte:
            self.define(path, position, None)
            return
        self.define(path, position, self.position(value.start_point))
        self.value(value, path)

    def value(self, node: Node, path: Path) -> None:
        if node.type == "inline_table":
            self.statements(node, path)
        elif node.type == "array":
            elements = (c for c in node.named_children if c.type not in ("comment", "ERROR"))
            for index, element in enumerate(elements):
                element_path = (*path, index)
                start = self.position(element.start_point)
                self.define(element_path, start, start)
                self.value(element, element_path)
        elif node.type == "string":
            self.strings.setdefault(path, self.string(node))

    def string(self, node: Node) -> _StringSpan:
        opening = node.children[0]
        delimiter = opening.end_byte - opening.start_byte
        start = self.position(opening.end_point)
        content = self.data[opening.end_byte : node.end_byte - delimiter].decode()
        if delimiter == 3:
            # TOML drops a newline right after the opening delimiter and reads CRLF as LF.
            if content.startswith(("\n", "\r\n")):
                content = content.partition("\n")[2]
                start = Position(start.line + 1, 1)
            content = content.replace("\r\n", "\n")
        escapes = [child for child in node.children if child.type == "escape_sequence"]
        if not escapes:
            return _StringSpan(start, content)
        if delimiter == 3:
            return _StringSpan(start, None)  # rare; its first character will do
        # An error inside 'role == \"lead\" or skil > 3' points at 'skil', not the string's
        # start: each escape is one character of the text, or none for a line's end.
        mapped: dict[int, tuple[int, int]] = {}
        for escape in escapes:
            index = len(self.data[opening.end_byte : escape.start_byte].decode())
            written = self.data[escape.start_byte : escape.end_byte].decode()
            mapped[index] = (len(written), 0 if written[1:2].isspace() else 1)
        return _StringSpan(start, content, mapped)

    def key_parts(self, node: Node) -> list[tuple[str, Position]]:
        """Split a dotted key into its names; a quoted name keeps its dots."""
        if node.type == "dotted_key":
            return [
                part
                for child in node.named_children
                if child.type in _KEY_TYPES
                for part in self.key_parts(child)
            ]
        raw = self.data[node.start_byte : node.end_byte].decode()
        name = raw if node.type == "bare_key" else _unquote(raw)
        return [(name, self.position(node.start_point))]


def _unquote(raw: str) -> str:
    """Decode a quoted key exactly as TOML does; keep the raw text if it is malformed."""
    try:
        return str(tomli.loads(f"k = {raw}")["k"])
    except tomli.TOMLDecodeError:
        return raw[1:-1]
