"""One test per kind of scenario error: each is reported with file, line, column and message.

Each case edits the real tests/data/tiny.toml, writes it to disk and loads it. The expected
position is found independently, by searching the edited text for the marker where the
error must point.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from careerquest.scenario.diagnostics import Diagnostic, ScenarioError
from careerquest.scenario.loader import check_file, load_scenario
from careerquest.scenario.validate import _unclosed_string

BASE = (Path(__file__).parent / "data" / "tiny.toml").read_text(encoding="utf-8")


def position_of(text: str, marker: str) -> tuple[int, int]:
    """1-based line and column of the first occurrence of ``marker``."""
    index = text.index(marker)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def load_edited(tmp_path: Path, old: str, new: str) -> tuple[str, list[Diagnostic], Path]:
    assert old in BASE, f"test edit does not apply: {old!r}"
    text = BASE.replace(old, new, 1)
    path = tmp_path / "edited.toml"
    path.write_text(text, encoding="utf-8")
    scenario, diagnostics = check_file(path)
    assert scenario is None
    return text, diagnostics, path


CASES = [
    # (code, old, new, marker where the error points, message part, suggestion)
    ("toml-syntax", 'title = "Tiny"', 'title = "Tiny', None, "TOML syntax", None),
    (
        "unknown-key",
        "once = true",
        "once = true\noncee = 1",
        "oncee",
        "unknown key 'oncee'",
        "once",
    ),
    ("missing-key", 'label = "Skill"\n', "", "skill]", "missing required key 'label'", None),
    ("id", "[stats.mood]", "[stats.Mood]", "Mood", "'Mood' is not a valid id", "mood"),
    (
        "choice",
        'kind = "course"',
        'kind = "courses"',
        'kind = "courses',
        '"courses" is not one of',
        "course",
    ),
    ("value", "turns = 6", 'turns = "six"', 'turns = "six', "should be a whole number", None),
    ("value", "start = 60", "start = 160", "start = 160", "start (160) lies outside", None),
    ("value", "start = 60", "start = 60\nmin = 80\nmax = 70", "min = 80", "min (80) is", None),
    (
        "unknown-credential",
        'credential = "certificate"\n',
        'credential = "certificate"\n\n[credentials]\ncertifcate = "Night course certificate"\n',
        "certifcate =",
        "unknown credential 'certifcate'",
        "certificate",
    ),
    (
        "goals",
        'achieved = "held.lead"',
        'achieved = "held.lead"\nby = 40',
        "by = 40",
        "by = 40 comes after the last turn (6)",
        None,
    ),
    (
        "unknown-flag",
        'credential = "certificate"\n',
        'credential = "certificate"\n\n[flags]\nmentr = "a mentor"\n',
        "mentr =",
        "unknown flag 'mentr': no effect sets or clears it",
        "mentor",
    ),
    (
        "expression",
        'requires = "skill >= 30"',
        'requires = "skil >= 30"',
        "skil >= 30",
        "unknown name 'skil'",
        "skill",
    ),
    (
        "expression",
        'requires = "mood < 90"',
        'requires = "mood < 90 and ("',
        '("',
        "'(' was never closed",
        None,
    ),
    (
        "unknown-effect",
        'skill = "%+10"',
        'skil = "%+10"',
        "skil =",
        "unknown stat or effect 'skil'",
        "skill",
    ),
    ("type", 'savings = "+200"', "savings = 200", "savings = 200", 'write "+200" to add', None),
    ("range", 'mood = "3..8"', 'mood = "8..3"', "8..3", "runs backwards", None),
    ("effect", 'savings = "+200"', 'savings = "*2"', "*2", "is not a change", None),
    (
        "unknown-option",
        'text = "You held a job."',
        'text = "You held a job."\n\n[[tests]]\nname = "t"\nchoices = ["apply:lead"]\n',
        'apply:lead"',
        "'apply:lead' is not an option anywhere in this scenario",
        "apply:clerk",
    ),
    (
        "effect",
        'skill = "%+10"',
        'skill = "+10%"',
        '+10%"',
        "write '%+10' to move 10% of the way to the top (fairmath), or '+10' to add 10",
        None,
    ),
    (
        "unknown-effect",
        '"flag.mentor" = true',
        '"flg.mentor" = true',
        '"flg.mentor"',
        "unknown stat or effect 'flg.mentor'",
        "flag.mentor",
    ),
    (
        "effect",
        'savings = "+200"',
        'savings = "%+2"',
        'savings = "%+2',
        "needs a percent stat",
        None,
    ),
    (
        "unknown-stat",
        'stat = "skill"',
        'stat = "skills"',
        "skills",
        "unknown stat 'skills'",
        "skill",
    ),
    (
        "unknown-role",
        'ladder = ["lead"]',
        'ladder = ["leed"]',
        'leed"',
        "unknown role 'leed'",
        "lead",
    ),
    (
        "role-link",
        'ladder = ["lead"]',
        'ladder = ["clerk"]',
        '"clerk"]',
        "cannot lead to itself",
        None,
    ),
    (
        "unknown-program",
        'mood = "-2" }',
        'mood = "-2", start_program = "corse" }',
        "corse",
        "unknown program 'corse'",
        "course",
    ),
    (
        "duplicate-id",
        'id = "mentor"',
        'id = "mentor"\ntext = "x"\n[[events.choices]]\nlabel = "ok"\n\n[[events]]\nid = "mentor"',
        'id = "mentor"\ntext = "Someone',
        "used twice",
        None,
    ),
    ("goals", 'term = "long"', 'term = "short"', "goals.cover", "long-term goal", None),
    (
        "no-fallback-ending",
        'text = "You held a job."',
        'text = "You held a job."\nwhen = "skill > 5"',
        '[[endings]]\nid = "job"',
        "the last ending is the fallback",
        None,
    ),
    ("economy", 'wallet = "savings"', 'wallet = "mood"', 'mood"', "must be a money stat", None),
    (
        "early-ending",
        'when = "mood <= 0"\n',
        "",
        '[[endings]]\nid = "burnout',
        "an early ending needs a `when`",
        None,
    ),
    (
        "misplaced-fallback",
        'when = "held.lead or cred.certificate and flag.mentor"\n',
        "",
        '[[endings]]\nid = "career',
        "only the last ending may have no `when`",
        None,
    ),
    (
        "reserved-id",
        "[stats.mood]",
        "[stats.income]",
        "income]",
        "'income' is a built-in name",
        None,
    ),
    (
        "unknown-key",
        'text = "You held a job."',
        'text = "You held a job."\nreflection = ["Why?"]',
        "reflection =",
        "'reflection' is a top-level key, so write it above",
        None,
    ),
]


@pytest.mark.parametrize(
    ("code", "old", "new", "marker", "message", "suggestion"),
    CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)],
)
def test_error_is_located(
    tmp_path: Path,
    code: str,
    old: str,
    new: str,
    marker: str | None,
    message: str,
    suggestion: str | None,
) -> None:
    text, diagnostics, path = load_edited(tmp_path, old, new)
    matching = [d for d in diagnostics if d.code == code and message in d.message]
    assert matching, f"no {code} diagnostic with {message!r} in {[d.format() for d in diagnostics]}"
    found = matching[0]
    assert found.file == str(path)
    if marker is not None:
        line, column = position_of(text, marker)
        assert (found.line, found.column) == (line, column), found.format()
    assert found.suggestion == suggestion
    rendered = found.format()
    assert rendered.startswith(f"{path}:{found.line}:{found.column}: error: ")
    assert f"[{code}]" in rendered


def test_an_error_on_a_line_with_a_comment_is_located_in_the_value(tmp_path: Path) -> None:
    text, diagnostics, _ = load_edited(
        tmp_path, 'requires = "skill >= 30"', 'requires = "skil >= 30"  # the bar to clear'
    )
    (found,) = diagnostics
    assert (found.line, found.column) == position_of(text, "skil >=")


def test_syntax_error_position_comes_from_toml(tmp_path: Path) -> None:
    _, diagnostics, _ = load_edited(tmp_path, "turns = 6", "turns = = 6")
    (only,) = diagnostics
    assert (only.line, only.column) == (7, 9)
    assert only.code == "toml-syntax"


@pytest.mark.parametrize(
    ("old", "new", "opening", "message"),
    [
        (
            'summary = "A tiny scenario for tests."',
            'summary = "A tiny scenario for tests.',
            '"A tiny',
            'this string is not closed on its line: end it with " '
            '(text over several lines goes between """ and """)',
        ),
        (
            'summary = "A tiny scenario for tests."',
            "summary = 'A tiny scenario for tests.",
            "'A tiny",
            "this string is not closed on its line: end it with ' "
            "(text over several lines goes between ''' and ''')",
        ),
        (
            'text = "Someone offers to mentor you."',
            'text = """Someone offers to mentor you.\n# a "quoted" comment line\n\'"',
            '"""Someone',
            'this multi-line string is never closed: end it with """',
        ),
        (
            'text = "Someone offers to mentor you."',
            "text = '''Someone offers to mentor you.",
            "'''Someone",
            "this multi-line string is never closed: end it with '''",
        ),
    ],
    ids=["basic", "literal", "multi-line", "multi-line literal"],
)
def test_an_unclosed_string_is_found_where_it_opens(
    tmp_path: Path, old: str, new: str, opening: str, message: str
) -> None:
    # tomli reports the end of the line, or of the file, where the string ran out.
    text, diagnostics, _ = load_edited(tmp_path, old, new)
    (found,) = diagnostics
    assert found.message == f"TOML syntax: {message}"
    assert (found.line, found.column) == position_of(text, opening)


def test_no_string_is_unclosed_in_the_files_we_ship() -> None:
    # Every string kind, escape and quoted comment the bundled files hold is scanned right.
    root = Path(__file__).parent.parent
    files = [
        *(root / "scenarios").glob("*.toml"),
        *(root / "src" / "careerquest" / "authoring" / "templates").glob("*.toml"),
        *(root / "tests").rglob("*.toml"),
    ]
    assert len(files) >= 5
    for path in files:
        assert _unclosed_string(path.read_text(encoding="utf-8")) is None, path


def test_quotes_inside_strings_and_comments_do_not_hide_the_unclosed_one(tmp_path: Path) -> None:
    edited = 'summary = "say \\"hi\\" # not a comment"  # it\'s "fine"\nid2 = "open'
    text, diagnostics, _ = load_edited(tmp_path, 'summary = "A tiny scenario for tests."', edited)
    (found,) = diagnostics
    assert "not closed on its line" in found.message
    assert (found.line, found.column) == position_of(text, '"open')


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("turns = 6", "turns = 6\nturns = 8", "'turns' is given twice in this table; keep one"),
        (
            "[roles.lead]",
            '[roles.lead]\ntitle = "x"\n[roles.lead]',
            "the table [roles.lead] is declared twice; put its keys under one header",
        ),
    ],
    ids=["key", "table"],
)
def test_a_duplicate_is_named(tmp_path: Path, old: str, new: str, message: str) -> None:
    text, diagnostics, _ = load_edited(tmp_path, old, new)
    (found,) = diagnostics
    assert found.message == f"TOML syntax: {message}"
    assert found.line == text.count("\n", 0, text.rindex(new.splitlines()[-1])) + 1


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        (
            "[actions.study]",
            '[actions.study]\nwhen = "role == "clerk" and skill >= 40"',
            'clerk" and',
            'this string ends at its second ": to quote a word inside it, use single quotes '
            "(when = \"role == 'lead'\")",
        ),
        (
            "turns = 6",
            "turns = six",
            "six",
            "the value of 'turns' is not a TOML value: quote text (\"like this\"), and write "
            "numbers and true/false as they are",
        ),
        (
            "[actions.study]",
            '[actions.study]\nmood = { a = "+8", a = "+2" }',
            'a = "+2"',
            "'a' is given twice in this inline table; keep one",
        ),
        (
            "[actions.study]",
            "[actions.study]\nmood = { a = 1, a = 2, y = { a = 3 } }",
            "a = 2",
            "'a' is given twice in this inline table; keep one",
        ),
        (  # tomli: "Unclosed inline table", at the start of the next line
            'effects = { skill = "+5" }',
            'effects = { skill = "+5"',
            '{ skill = "+5"',
            "this inline table is never closed: end it with } on the same line (an inline "
            "table stays on one line)",
        ),
        (  # tomli: "Unclosed inline table", where the comma was left out
            'effects = { savings = "+200", mood = "-2" }',
            'effects = { savings = "+200" mood = "-2" }',
            'mood = "-2"',
            "write a ',' between the keys of this inline table, or end it with }",
        ),
        (
            'ladder = ["lead"]',
            'ladder = ["lead"',
            '["lead"',
            "this array is never closed: end it with ]",
        ),
    ],
    ids=[
        "quotes-inside",
        "bare-word",
        "inline-twice",
        "inline-twice-then-nested",
        "inline-table-open",
        "inline-table-comma",
        "array-open",
    ],
)
def test_common_toml_slips_get_the_fix(
    tmp_path: Path, old: str, new: str, marker: str, message: str
) -> None:
    """Not tomli's 'Expected newline or end of document after a statement', 'Invalid value'
    or 'Duplicate inline table key'."""
    text, diagnostics, _ = load_edited(tmp_path, old, new)
    (found,) = diagnostics
    assert found.message == f"TOML syntax: {message}"
    assert (found.line, found.column) == position_of(text, marker)


@pytest.mark.parametrize(
    ("old", "new", "marker", "message"),
    [
        (  # the first choice: tomli stopped at the second, with "Cannot overwrite a value"
            "[[events.choices]]",
            "[events.choices]",
            "[events.choices]",
            "TOML syntax: [events.choices] among [[events.choices]] headers: each entry of "
            "'events.choices' starts with [[events.choices]] (double brackets)",
        ),
        (  # the first ending: "Cannot overwrite a value", eight lines below
            "[[endings]]",
            "[endings]",
            "[endings]",
            "TOML syntax: [endings] among [[endings]] headers: each entry of 'endings' "
            "starts with [[endings]] (double brackets)",
        ),
        (  # a choice above its event: "Cannot overwrite a value" at the event's header
            "[[events]]",
            '[[events.choices]]\nlabel = "Early"\n\n[[events]]',
            "[[events.choices]]",
            "TOML syntax: [[events.choices]] comes before the first [[events]]: each entry "
            "of 'events' starts with [[events]], and its own tables follow it",
        ),
        (  # "Cannot mutate immutable namespace ('events', 'choices')"
            "[[events.choices]]",
            "choices = []\n[[events.choices]]",
            "choices = []",
            "TOML syntax: 'choices' is given a value here and also has [[events.choices]] "
            "headers: keep the headers, one for each entry, and remove this line",
        ),
        (  # valid TOML, but one table where an array of them is needed
            '[[events]]\nid = "mentor"',
            '[events]\nid = "mentor"',
            "events]",
            "[events] is one table: each entry of 'events' starts with [[events]] "
            "(double brackets)",
        ),
    ],
    ids=["choice", "ending", "choice-first", "value-and-tables", "one-event"],
)
def test_a_header_with_one_bracket_pair_too_few_is_found(
    tmp_path: Path, old: str, new: str, marker: str, message: str
) -> None:
    """Not tomli's words, at a later header, or advice to merge two entries into one."""
    text, diagnostics, _ = load_edited(tmp_path, old, new)
    (found,) = diagnostics
    assert found.message == message
    assert (found.line, found.column) == position_of(text, marker)


@pytest.mark.parametrize(
    ("old", "new", "unknown", "meant"),
    [
        ('label = "Skill"', 'lable = "Skill"', "lable", "label"),
        ("[economy]", "[econmy]", "econmy", "economy"),
        # Its [[events.choices]] made 'events' a table where an array was expected.
        ("[[events]]", "[[event]]", "event", "events"),
    ],
)
def test_a_misspelled_key_is_one_error(
    tmp_path: Path, old: str, new: str, unknown: str, meant: str
) -> None:
    """Not also 'missing required key', which pointed elsewhere (line 1 for [economy]), or
    an error at the meant key that only the misspelled table's sub-tables made."""
    text, diagnostics, _ = load_edited(tmp_path, old, new)
    assert [(d.code, d.message, d.suggestion) for d in diagnostics] == [
        ("unknown-key", f"unknown key '{unknown}'", meant)
    ]
    assert (diagnostics[0].line, diagnostics[0].column) == position_of(text, unknown)


def test_every_error_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = (
        BASE.replace('skill = "%+10"', 'skil = "%+10"')
        .replace('requires = "skill >= 30"', 'requires = "flag.mentr"')
        .replace('stat = "skill"', 'stat = "skills"')
    )
    path = tmp_path / "many.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    codes = sorted(d.code for d in caught.value.diagnostics)
    assert codes == ["expression", "unknown-effect", "unknown-stat"]
    lines = [d.line for d in caught.value.diagnostics]
    assert lines == sorted(lines)
    assert str(caught.value).count(str(path)) == 3


def test_unreadable_and_non_utf8_files(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    _, diagnostics = check_file(missing)
    assert diagnostics[0].code == "io"
    assert "cannot read the file" in diagnostics[0].message
    latin = tmp_path / "latin.toml"
    latin.write_bytes(b'[scenario]\ntitle = "Caf\xe9"\n')
    _, diagnostics = check_file(latin)
    assert (diagnostics[0].code, diagnostics[0].line) == ("encoding", 2)


def test_a_clean_file_loads(tiny_path: Path) -> None:
    scenario, diagnostics = check_file(tiny_path)
    assert diagnostics == []
    assert scenario is not None
    assert scenario.id == "tiny"
    assert [s.id for s in scenario.stats] == ["skill", "savings", "debt", "mood"]
    assert len(scenario.source_hash) == 64


def test_an_event_needs_a_choice_that_is_never_locked(tmp_path: Path) -> None:
    text = BASE.replace('label = "Accept"', 'label = "Accept"\nrequires = "skill > 1"').replace(
        'label = "Decline"', 'label = "Decline"\nrequires = "skill > 2"'
    )
    path = tmp_path / "locked.toml"
    path.write_text(text, encoding="utf-8")
    scenario, diagnostics = check_file(path)
    assert scenario is None
    (found,) = diagnostics
    assert found.code == "no-open-choice"
    assert found.key_path == "events[0].choices"
    assert (found.line, found.column) == position_of(text, "choices]]\nid")


def test_some_action_must_always_be_open(tmp_path: Path) -> None:
    text = BASE.replace('category = "work"', 'category = "work"\nwhen = "skill > 0"').replace(
        'category = "learning"', 'category = "learning"\nrequires = "skill > 0"'
    )
    path = tmp_path / "closed.toml"
    path.write_text(text, encoding="utf-8")
    scenario, diagnostics = check_file(path)
    assert scenario is None
    (found,) = diagnostics
    assert found.code == "no-open-action"
    assert "at least one action must always be open" in found.message
    assert (found.line, found.column) == position_of(text, "actions.work]")


def test_a_stat_without_start_begins_at_its_lower_bound(tmp_path: Path) -> None:
    text = BASE.replace(
        '[stats.mood]\nlabel = "Wellbeing"',
        '[stats.level]\nlabel = "Level"\nkind = "level"\n\n[stats.mood]\nlabel = "Wellbeing"',
    )
    path = tmp_path / "level.toml"
    path.write_text(text, encoding="utf-8")
    scenario = load_scenario(path)
    assert scenario.stat("level").start == 1
    assert scenario.stat("debt").start == 0


def test_shape_and_meaning_errors_are_reported_together(tmp_path: Path) -> None:
    """A broken program and event are set aside so the rest is still checked for meaning;
    references to what was set aside (the program's credential) are not reported twice."""
    text = (
        BASE.replace('kind = "course"', 'kind = "courses"')
        .replace('requires = "skill >= 30"', 'requires = "skil >= 30"')
        .replace('id = "yes"', 'id = "yes"\nlabl = "x"')
        .replace('ladder = ["lead"]', 'ladder = ["lead", "boss"]')
    )
    path = tmp_path / "mixed.toml"
    path.write_text(text, encoding="utf-8")
    scenario, diagnostics = check_file(path)
    assert scenario is None
    found = [(d.code, d.key_path, d.line) for d in diagnostics]
    assert found == [
        ("unknown-role", "roles.clerk.ladder[1]", position_of(text, '"boss"')[0]),
        ("expression", "roles.lead.requires", position_of(text, "skil >=")[0]),
        ("choice", "programs.course.kind", position_of(text, '"courses"')[0]),
        ("unknown-key", "events[0].choices[0].labl", position_of(text, "labl")[0]),
    ]


@pytest.mark.parametrize(
    ("old", "new", "meant"),
    [
        ("[stats.mood]", "[stats.Mood]", "mood"),
        ("[roles.lead]", '[roles."Team lead"]', "team_lead"),
    ],
)
def test_an_id_written_wrongly_is_one_error_not_one_per_reference(
    tmp_path: Path, old: str, new: str, meant: str
) -> None:
    """The rest of the file refers to the item as the author meant it: by its valid id.
    (For the role, the references say 'lead', so they are not what the author meant.)"""
    _, diagnostics, _ = load_edited(tmp_path, old, new)
    assert [(d.code, d.suggestion) for d in diagnostics if d.code == "id"] == [("id", meant)]
    others = [d.message for d in diagnostics if d.code != "id"]
    if meant == "mood":
        assert others == []
    else:
        assert others
        assert all("'lead'" in m for m in others)


BURNOUT = """[[endings]]
id = "burnout"
title = "Burned out"
class = "burnout"
early = true
when = "mood <= 0"
text = "You ran out of steam."

"""


def test_an_ending_id_written_wrongly_is_one_error_too(tmp_path: Path) -> None:
    path = tmp_path / "edited.toml"
    text = BASE.replace('id = "burnout"', 'id = "Burn out"', 1)
    path.write_text(text + '\n[[tests]]\nname = "Burns out"\nending = "burn_out"\n', "utf-8")
    _, diagnostics = check_file(path)
    assert [(d.code, d.suggestion) for d in diagnostics] == [("id", "burn_out")]


@pytest.mark.parametrize("written", ["Class", "Income", "Flag"])
def test_no_id_is_suggested_that_would_be_refused_in_turn(tmp_path: Path, written: str) -> None:
    """'class' is a Python word, 'income' and 'flag' built-in names of expressions."""
    _, diagnostics, _ = load_edited(tmp_path, "[stats.mood]", f"[stats.{written}]")
    [error] = [d for d in diagnostics if d.code == "id"]
    assert error.suggestion is None


def test_an_early_ending_after_the_fallback_is_one_error_that_says_the_fix(
    tmp_path: Path,
) -> None:
    assert BURNOUT in BASE
    path = tmp_path / "edited.toml"
    path.write_text(BASE.replace(BURNOUT, "") + "\n" + BURNOUT, encoding="utf-8")
    _, diagnostics = check_file(path)
    assert [(d.code, d.message) for d in diagnostics] == [
        (
            "misplaced-fallback",
            "the fallback ending 'job' must come last: move the early ending after it "
            "('burnout') above it",
        )
    ]
    assert (diagnostics[0].line, diagnostics[0].column) == position_of(
        path.read_text(encoding="utf-8"), '[[endings]]\nid = "job"'
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("5-8", "for a random change from 5 to 8, write '5..8'; to take away 3, write '-3'"),
        ("+5-8", "for a random change from 5 to 8, write '5..8'; to take away 3, write '-3'"),
        ("8 - 5", "for a random change from 5 to 8, write '5..8'; to add 3, write '+3'"),
        ("+5 to 8", "for a random change from 5 to 8, write '5..8'"),
        ("5\u20138", "for a random change from 5 to 8, write '5..8'"),
    ],
)
def test_a_range_written_as_people_write_one_is_explained(
    tmp_path: Path, amount: str, message: str
) -> None:
    """ "+5-8" used to add -3 without a word; the author meant a range."""
    text, diagnostics, _ = load_edited(tmp_path, 'mood = "3..8"', f'mood = "{amount}"')
    assert [(d.code, d.message) for d in diagnostics] == [
        ("range", f"'{amount}' is not a change: {message}")
    ]
    line, column = position_of(text, f'"{amount}"')
    assert (diagnostics[0].line, diagnostics[0].column) == (line, column + 1)  # in the quotes


def test_a_fallback_before_other_endings_names_those_it_hides(tmp_path: Path) -> None:
    """An early ending after the fallback still ends games; the final one cannot."""
    path = tmp_path / "edited.toml"
    late = (
        '\n[[endings]]\nid = "late"\ntitle = "Late"\nclass = "job"\nwhen = "mood > 5"\ntext = "."\n'
    )
    path.write_text(BASE.replace(BURNOUT, "") + "\n" + BURNOUT + late, encoding="utf-8")
    _, diagnostics = check_file(path)
    messages = [d.message for d in diagnostics if d.code == "misplaced-fallback"]
    assert messages == [
        "only the last ending may have no `when`: the endings after this one that are not "
        "early ('late') could never be reached"
    ]


def test_a_choice_without_id_that_meets_its_default_elsewhere_is_told_why(
    tmp_path: Path,
) -> None:
    text, diagnostics, _ = load_edited(tmp_path, 'id = "yes"', 'id = "c2"')
    assert [(d.code, d.message) for d in diagnostics] == [
        (
            "duplicate-id",
            "this choice has no id, so it gets 'c2' (c and its number), which choice 1 "
            "already has: give one of them another id",
        )
    ]
    assert (diagnostics[0].line, diagnostics[0].column) == position_of(
        text, '[[events.choices]]\nlabel = "Decline"'
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            '"flag.mentor" = true',
            '"flag.mentro" = true',
            "unknown flag 'mentor': no effect sets this flag ('mentro' is set at "
            "events[0].choices[0].effects)",
        ),
        (
            'credential = "certificate"',
            'credential = "certficate"',
            "unknown cred 'certificate': no program or effect grants this credential "
            "('certficate' is set at programs.course.credential)",
        ),
    ],
)
def test_a_name_misspelt_where_it_is_set_shows_both_places(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    """The typo may be where the flag is set: the error names that place too."""
    _, diagnostics, _ = load_edited(tmp_path, old, new)
    assert [d.message for d in diagnostics] == [message]


def test_a_credential_named_for_a_program_set_aside_is_not_an_error(tmp_path: Path) -> None:
    """The program that grants the credential has a shape error; naming its credential is
    not a second mistake."""
    text = BASE.replace('kind = "course"', 'kind = "courses"').replace(
        'credential = "certificate"\n',
        'credential = "certificate"\n\n[credentials]\ncertificate = "Night course certificate"\n',
    )
    path = tmp_path / "named.toml"
    path.write_text(text, encoding="utf-8")
    _, diagnostics = check_file(path)
    assert [(d.code, d.key_path) for d in diagnostics] == [("choice", "programs.course.kind")]


def test_a_key_written_after_a_sub_table_header_says_where_it_belongs(tmp_path: Path) -> None:
    _, diagnostics, _ = load_edited(
        tmp_path,
        'pay = { hourly = 15, hours = 40, benefits = ["Paid leave"] }\nladder = ["lead"]\n',
        '[roles.clerk.pay]\nhourly = 15\nhours = 40\nladder = ["lead"]\n',
    )
    (found,) = diagnostics
    assert found.key_path == "roles.clerk.pay.ladder"
    assert found.message == (
        "unknown key 'ladder' in [roles.clerk.pay]; 'ladder' is a key of [roles.clerk], "
        "so write it above the [roles.clerk.pay] header"
    )


def test_errors_in_the_scenario_table_stop_at_the_shape_pass(tmp_path: Path) -> None:
    text = BASE.replace("turns = 6", 'turns = "six"').replace('skill = "%+10"', 'skil = "%+10"')
    path = tmp_path / "header.toml"
    path.write_text(text, encoding="utf-8")
    _, diagnostics = check_file(path)
    assert [d.code for d in diagnostics] == ["value"]
