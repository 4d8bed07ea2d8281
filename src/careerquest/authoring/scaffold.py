"""Write a new scenario from a template, ready to play and to edit.

Templates are real TOML files in ``templates/`` (so they can be read, checked and tested as
they are) with three placeholders: ``"@ID@"`` and ``"@TITLE@"``, replaced by JSON-escaped strings
(JSON's escapes are all valid in TOML basic strings, so any file name is safe),
and ``@SCHEMA@``, replaced by the schema's path relative to the new file so that editors
find it.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from importlib import resources
from pathlib import Path

from careerquest import catalog

TEMPLATES = ("basic", "full")
MAX_ID = 40
MAX_TITLE = 120


class ScaffoldError(Exception):
    """A scenario that cannot be written where it was asked for."""


def scenario_id(path: Path) -> str:
    """The id a file name suggests: ``My Career.toml`` → ``my-career``, ``café`` → ``cafe``."""
    # Accented letters keep their base letter rather than vanishing.
    ascii_stem = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_stem.lower()).strip("-")
    if not words or not words[0].isalpha():
        words = f"scenario-{words}".rstrip("-")
    return words[:MAX_ID].rstrip("-")


def title_of(path: Path) -> str:
    """The title a file name suggests: ``my_career.toml`` → ``My career``."""
    words = " ".join(re.split(r"[-_\s]+", path.stem)).strip()
    words = "".join(ch for ch in words if ch.isprintable())[:MAX_TITLE] or "New scenario"
    return words[0].upper() + words[1:]


def render(template: str, path: Path) -> str:
    """The template's text for a scenario written at ``path``."""
    if template not in TEMPLATES:
        raise ScaffoldError(f"unknown template '{template}': use one of {', '.join(TEMPLATES)}")
    text = (
        resources.files("careerquest.authoring")
        .joinpath("templates", f"{template}.toml")
        .read_text("utf-8")
    )
    return (
        text.replace("@SCHEMA@", _schema_ref(path), 1)
        .replace('"@ID@"', json.dumps(scenario_id(path)), 1)
        .replace('"@TITLE@"', json.dumps(title_of(path), ensure_ascii=False), 1)
    )


def write(path: Path, template: str = "basic", *, force: bool = False) -> str:
    """Write a new scenario file; refuses to replace one unless ``force``. Returns its id."""
    if path.suffix != ".toml":
        # check, list and the picker look only at .toml files: another name would be lost.
        raise ScaffoldError(f"{path} does not end in .toml; try {path.with_suffix('.toml')}")
    if path.exists() and not force:
        raise ScaffoldError(f"{path} already exists; pass --force to replace it")
    if path.is_dir():
        raise ScaffoldError(f"{path} is a folder; give a file name such as {path}/my-career.toml")
    text = render(template, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return scenario_id(path)


def _schema_ref(path: Path) -> str:
    """The schema as editors should find it from the new file: relative when possible."""
    schema = catalog.schema_path().resolve()
    try:
        return Path(os.path.relpath(schema, path.resolve().parent)).as_posix()
    except ValueError:  # another drive on Windows
        return schema.as_uri()
