"""``careerquest verify``: check a class's saves and list their results.

A game is its seed, setup and choices, so a teacher can check a student's result without
trusting the file: each save is replayed on its scenario and must reach the state it
records, as Continue and Load demand. One line per save (or a CSV row, for a
spreadsheet): who played, which seed, how far, which ending, and whether it verified.
The exit status is 1 when any save does not.

The summary under the lines counts students, not files: a student leaves several saves (an
abandoned first try, a named slot), so each counts once per scenario, by their latest
finished game, else their latest. Each scenario is summed up on its own, and a student who
played another seed than the class is named.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from careerquest.engine.words import counted
from careerquest.saves.errors import OutdatedSave, SaveError
from careerquest.saves.format import looks_like_save
from careerquest.saves.store import load_scenario_of, read_save
from careerquest.saves.verify import restore_game

#: The columns of ``--format csv``, in order.
CSV_COLUMNS = (
    "file",
    "status",
    "player",
    "scenario",
    "seed",
    "rules",
    "turns_played",
    "turns",
    "ending",
    "class",
    "career_factors",
    "goals_met",
    "problem",
    "saved_at",
    "scenario_id",
)
#: A cell a spreadsheet would read as a formula: a student's name is typed by the student.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Result:
    """What one save file says, once replayed."""

    file: Path
    verified: bool
    player: str = ""
    scenario: str = ""
    seed: int | None = None
    #: The version of the game's rules it was played by: games by different rules
    #: (before and after an update) met their events differently.
    rules: int | None = None
    #: Known only once replayed: a failed save has no turns a teacher can count on.
    turns_played: int | None = None
    turns: int | None = None
    ending: str = ""
    cls: str = ""
    career_factors: int | None = None
    #: Every factor of the verdict, and whether it pointed to a career: for the class's
    #: summary of which factors the students built.
    factors: tuple[tuple[str, bool], ...] = ()
    goals_met: int | None = None
    problem: str = ""
    saved_at: datetime | None = None
    scenario_id: str = ""

    def row(self) -> dict[str, object]:
        """The CSV row; text that a spreadsheet would run as a formula is quoted with '."""
        return {
            "file": _cell(str(self.file)),
            "status": "verified" if self.verified else "failed",
            "player": _cell(self.player),
            "scenario": _cell(self.scenario),
            "seed": "" if self.seed is None else self.seed,
            "rules": "" if self.rules is None else self.rules,
            "turns_played": "" if self.turns_played is None else self.turns_played,
            "turns": "" if self.turns is None else self.turns,
            "ending": _cell(self.ending),
            "class": self.cls,
            "career_factors": "" if self.career_factors is None else self.career_factors,
            "goals_met": "" if self.goals_met is None else self.goals_met,
            "problem": _cell(self.problem),
            "saved_at": "" if self.saved_at is None else self.saved_at.isoformat(),
            "scenario_id": self.scenario_id,
        }

    def line(self) -> str:
        """``OK  alex.toml: Alex, From the Help Desk Up, seed 5, 32 of 32 turns, ending …``"""
        if not self.verified:
            whose = f"{self.player}, {self.scenario}, seed {self.seed}: " if self.player else ""
            return f"FAILED  {self.file}: {whose}{self.problem}"
        how_far = f"{self.turns_played} of {self.turns} turns played"
        result = "not finished"
        if self.ending:
            result = f"ending {self.ending} ({self.cls}), {self.career_factors} career factors"
        return (
            f"OK      {self.file}: {self.player}, {self.scenario}, seed {self.seed}, "
            f"{how_far}, {result}"
        )


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="save files, or folders of them, subfolders included (a class's collected saves)",
    )
    parser.add_argument(
        "--format",
        choices=("text", "csv"),
        default="text",
        help="text for people (default), csv for a spreadsheet",
    )


def run(args: argparse.Namespace) -> int:
    try:
        files, skipped = _save_files([Path(p) for p in args.paths])
    except FileNotFoundError as exc:
        print(f"careerquest: no such file or folder: {exc.filename}", file=sys.stderr)
        return 2
    if skipped:
        names = ", ".join(str(path) for path in skipped)
        note = sys.stderr if args.format == "csv" else sys.stdout
        print(f"Skipped, not saves: {names}", file=note)
    if not files:
        where = ", ".join(args.paths)
        print(f"careerquest: no save files (*.toml) found in {where}", file=sys.stderr)
        return 2
    results = [verify(path) for path in files]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result.row() for result in results)
    else:
        for result in results:
            print(result.line())
        failed = sum(1 for r in results if not r.verified)
        players = len({r.player.casefold() for r in results if r.player})
        whose = f" from {counted(players, 'player')}" if players else ""
        print(
            f"{counted(len(results), 'save')}{whose}: "
            f"{len(results) - failed} verified, {failed} failed"
        )
        for line in _summary(results):
            print(line)
    return 1 if any(not r.verified for r in results) else 0


def verify(path: Path) -> Result:
    """Replay one save on its scenario; any way it fails is the result's problem."""
    from careerquest.engine.verdict import verdict

    try:
        save = read_save(path)
    except SaveError as exc:
        return Result(path, False, problem=exc.problem)
    # Who and what, even for a save that fails: the teacher needs to know whose it is.
    said = Result(
        path,
        False,
        player=save.setup.name,
        scenario=save.scenario_title,
        seed=save.seed,
        rules=save.rules,
        saved_at=save.saved_at,
        scenario_id=save.scenario_id,
    )
    try:
        restored = restore_game(save, load_scenario_of(save, path))
    except OutdatedSave as exc:
        return replace(said, problem=f"the scenario has changed since: {exc.problem}")
    except SaveError as exc:
        return replace(said, problem=exc.problem)
    game = restored.game
    result = replace(said, verified=True, turns_played=len(game.history), turns=game.scenario.turns)
    if not game.over:
        return result
    explained = verdict(game)
    return replace(
        result,
        ending=explained.title,
        cls=explained.cls,
        career_factors=explained.career_factors,
        factors=tuple((f.label, f.career) for f in explained.factors),
        goals_met=sum(1 for g in explained.goals if g.met),
    )


def _summary(results: list[Result]) -> list[str]:
    """Per scenario: the players and their seed, the endings they reached and the career
    factors they built, one game per player (see the module's docstring)."""
    kept: dict[tuple[str, str], Result] = {}
    for result in results:
        if not result.verified:
            continue
        key = (result.scenario_id, result.player.casefold())
        if key not in kept or _rank(result) > _rank(kept[key]):
            kept[key] = result
    by_scenario: dict[str, list[Result]] = {}
    for (scenario, _), result in kept.items():
        by_scenario.setdefault(scenario, []).append(result)
    lines: list[str] = []
    for games in by_scenario.values():
        lines.append(f"{games[0].scenario}: {counted(len(games), 'player')}, {_seeds(games)}")
        lines += [f"  {line}" for line in (_endings(games), _factors(games)) if line]
    return lines


def _rank(result: Result) -> tuple[bool, datetime]:
    """A student's game that counts: a finished one before any other, then the latest."""
    return bool(result.ending), result.saved_at or datetime.min


def _seeds(games: list[Result]) -> str:
    """``seed 7``, or ``seed 7 but for Gus (seed 8)``: the class's seed, and who played another."""
    common, _ = Counter(r.seed for r in games).most_common(1)[0]
    others = [f"{r.player} (seed {r.seed})" for r in games if r.seed != common]
    return f"seed {common}" + (f" but for {', '.join(others)}" if others else "")


def _endings(games: list[Result]) -> str:
    """``Endings: Studio Founder (career) 2, Fit for Now (job) 1; 1 not finished``, most
    reached first: where a class discussion can start."""
    reached = Counter(f"{r.ending} ({r.cls})" for r in games if r.ending)
    unfinished = sum(1 for r in games if not r.ending)
    parts = ", ".join(f"{ending} {count}" for ending, count in reached.most_common())
    if unfinished:
        parts += f"{'; ' if parts else ''}{unfinished} not finished"
    return f"Endings: {parts}"


def _factors(games: list[Result]) -> str:
    """``Career factors in 3 finished games: Timeframe 2, Purpose 0, …``: which parts of a
    career the class built, and which none did, in the verdict's order."""
    finished = [r for r in games if r.factors]
    built: dict[str, int] = {}
    for result in finished:
        for label, career in result.factors:
            built[label] = built.get(label, 0) + career
    if not built:
        return ""
    counts = ", ".join(f"{label} {count}" for label, count in built.items())
    return f"Career factors in {counted(len(finished), 'finished game')}: {counts}"


def _cell(text: str) -> str:
    """``text`` for a spreadsheet cell: a leading ``=``, ``+``, ``-`` or ``@`` would make it a
    formula (a name typed as ``=HYPERLINK(…)``), so such text is quoted with ``'``."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def _save_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files named, and the saves in the folders named and in their subfolders (a
    signed-in class keeps one folder per student), each once and in order; and the other
    ``*.toml`` files found in those folders (a scenario or a rubric kept beside the saves),
    which are skipped. A file named outright is always verified."""
    files: dict[Path, Path] = {}
    skipped: dict[Path, Path] = {}
    for path in paths:
        if not path.exists():
            raise FileNotFoundError(2, "no such file or folder", str(path))
        if not path.is_dir():
            files.setdefault(path.resolve(), path)
            continue
        for found in sorted(path.rglob("*.toml")):
            if not looks_like_save(found):
                skipped.setdefault(found.resolve(), found)
            else:
                files.setdefault(found.resolve(), found)
    return list(files.values()), list(skipped.values())
