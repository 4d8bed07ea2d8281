"""A minimal scenario that checks clean, for tests that add one problem at a time."""

from __future__ import annotations

from pathlib import Path

MINIMAL = """\
[scenario]
id = "mini"
title = "Mini"
summary = "A minimal scenario."
turns = 4
turn_unit = "year"
start_age = 20

[economy]
wallet = "cash"

[stats.cash]
label = "Cash"
kind = "money"
start = 100

[stats.skill]
label = "Skill"
kind = "percent"
start = 10

[actions.work]
label = "Work"
category = "work"
effects = { cash = "+100" }

[actions.study]
label = "Study"
category = "study"
effects = { skill = "+10" }

[[endings]]
id = "career"
title = "Career"
class = "career"
when = "skill >= 30"
text = "Skilled."

[[endings]]
id = "job"
title = "Job"
class = "job"
text = "A job."
"""


def scenario_text(extra: str = "", replace: dict[str, str] | None = None) -> str:
    """MINIMAL with each ``replace`` key swapped for its value, then ``extra`` appended."""
    text = MINIMAL
    for old, new in (replace or {}).items():
        assert old in text, f"{old!r} is not in the minimal scenario"
        text = text.replace(old, new, 1)
    return text + extra


def write_scenario(folder: Path, extra: str = "", replace: dict[str, str] | None = None) -> Path:
    path = folder / "mini.toml"
    path.write_text(scenario_text(extra, replace), encoding="utf-8")
    return path


def position(text: str, snippet: str, offset: int = 0) -> tuple[int, int]:
    """1-based line and column of ``snippet`` (plus ``offset`` characters) in ``text``."""
    index = text.index(snippet) + offset
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
