"""``careerquest verify``: check a class's saves and list their results.

A game is its seed, setup and choices, so a teacher can check a student's result without
trusting the file: each save is replayed on its scenario and must reach the state it
records, as Continue and Load demand. One line per save (or a CSV row, for a
spreadsheet): who played, which seed, how far, which ending, and whether it verified.
The exit status is 1 when any save does not.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from careerquest.engine.words import counted
from careerquest.saves.errors import OutdatedSave, SaveError
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
)


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

    def row(self) -> dict[str, object]:
        return {
            "file": str(self.file),
            "status": "verified" if self.verified else "failed",
            "player": self.player,
            "scenario": self.scenario,
            "seed": "" if self.seed is None else self.seed,
            "rules": "" if self.rules is None else self.rules,
            "turns_played": "" if self.turns_played is None else self.turns_played,
            "turns": "" if self.turns is None else self.turns,
            "ending": self.ending,
            "class": self.cls,
            "career_factors": "" if self.career_factors is None else self.career_factors,
            "goals_met": "" if self.goals_met is None else self.goals_met,
            "problem": self.problem,
        }

    def line(self) -> str:
        """``OK  alex.toml: Alex, From the Help Desk Up, seed 5, 32 of 32 turns, ending …``"""
        if not self.verified:
            whose = f"{self.player}, {self.scenario}, seed {self.seed}: " if self.player else ""
            return f"FAILED  {self.file}: {whose}{self.problem}"
        how_far = f"{self.turns_played} of {self.turns} turns"
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
    files = _save_files([Path(p) for p in args.paths])
    if not files:
        print("careerquest: no save files (*.toml) found there", file=sys.stderr)
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
        # A student leaves several saves (autosaves of earlier games, named slots).
        players = len({r.player.casefold() for r in results if r.player})
        whose = f" from {counted(players, 'player')}" if players else ""
        print(
            f"{counted(len(results), 'save')}{whose}: "
            f"{len(results) - failed} verified, {failed} failed"
        )
        for summary in (_endings(results), _factors(results)):
            if summary:
                print(summary)
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


def _endings(results: list[Result]) -> str:
    """``Endings: Studio Founder (career) 2, Fit for Now (job) 1; 1 not finished``, over the
    verified saves, most reached first: where a class discussion can start."""
    verified = [r for r in results if r.verified]
    reached = Counter(f"{r.ending} ({r.cls})" for r in verified if r.ending)
    unfinished = sum(1 for r in verified if not r.ending)
    parts = ", ".join(f"{ending} {count}" for ending, count in reached.most_common())
    if unfinished:
        parts += f"{'; ' if parts else ''}{unfinished} not finished"
    return f"Endings: {parts}" if parts else ""


def _factors(results: list[Result]) -> str:
    """``Career factors in 3 finished games: Timeframe 2, Purpose 0, …``: which parts of a
    career the class built, and which none did, in the verdict's order."""
    finished = [r for r in results if r.verified and r.factors]
    built: dict[str, int] = {}
    for result in finished:
        for label, career in result.factors:
            built[label] = built.get(label, 0) + career
    if not built:
        return ""
    counts = ", ".join(f"{label} {count}" for label, count in built.items())
    return f"Career factors in {counted(len(finished), 'finished game')}: {counts}"


def _save_files(paths: list[Path]) -> list[Path]:
    """The files named, and the ``*.toml`` files in the folders named and in their
    subfolders (a signed-in class keeps one folder per student), in order."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.rglob("*.toml")) if path.is_dir() else [path])
    return files
