"""``careerquest play``: the full-screen game, or ``--plain`` line-by-line play.

A scenario named on the command line is checked here, before any UI starts, so a typo or a
broken file gives a message and an exit status instead of a screen to quit. Textual is
imported only when the full-screen game is about to run.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from careerquest import catalog
from careerquest.commands import whole_number
from careerquest.commands.setup_args import add_setup_arguments, setup_from_args
from careerquest.engine.rules import KNOWN_RULES, RULES
from careerquest.engine.setup import DEFAULT_SEED, Setup
from careerquest.saves import SaveStore, player_save_dir, resolve_save_dir
from careerquest.saves.errors import SaveError
from careerquest.scenario.diagnostics import ScenarioError

if TYPE_CHECKING:
    # The title screen needs neither: both load once a scenario is named.
    from careerquest.engine.game import Game
    from careerquest.scenario.runtime import Scenario


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help=(
            "a scenario id (see 'careerquest list') or a path to a .toml file; "
            f"without it the game opens on the title screen ({catalog.DEFAULT_SCENARIO} "
            "in --plain mode)"
        ),
    )
    parser.add_argument(
        "--plain",
        action="store_true",
        help="play line by line on stdin/stdout: for screen readers and scripts",
    )
    parser.add_argument(
        "--seed",
        type=seed_argument,
        metavar="N",
        help="the game's random seed (default: a fresh one; 1 in --plain mode)",
    )
    parser.add_argument(
        "--save-dir",
        metavar="DIR",
        help="where saves go (default: $CAREERQUEST_SAVE_DIR, else ./saves)",
    )
    parser.add_argument(
        "--replay",
        metavar="CHOICES",
        help="comma-separated option ids to play first, as in a save's choice log",
    )
    parser.add_argument(
        "--rules",
        type=int,
        choices=KNOWN_RULES,
        help=(
            f"with --replay: the version of the game's rules the choices were played by "
            f"(default: {RULES}; 1 for a --replay line printed before rules 2)"
        ),
    )
    parser.add_argument(
        "--sign-in",
        action="store_true",
        help=(
            "for a class sharing one save folder: ask who is playing first, and keep each "
            "player's saves in a folder of their own inside it (in --plain mode, --name says who)"
        ),
    )
    parser.add_argument(
        "--watch",
        action="store_true",
        help="reload the scenario file when it changes, replaying your choices (for authors)",
    )
    add_setup_arguments(parser, name=True)


def run(args: argparse.Namespace) -> int:
    if args.plain and args.watch:
        print("careerquest: --watch works only in the full-screen game", file=sys.stderr)
        return 2
    if args.plain and args.sign_in and not (args.name or "").strip():
        print(
            "careerquest: --sign-in with --plain needs --name: whose saves these are",
            file=sys.stderr,
        )
        return 2
    replay = None if args.replay is None else parse_replay(args.replay)
    ref = args.scenario or (catalog.DEFAULT_SCENARIO if args.plain else None)
    scenario = None if ref is None else load_or_explain(ref)
    if isinstance(scenario, int):
        return scenario
    try:
        setup = None if scenario is None else setup_from_args(args, scenario)
    except ValueError as exc:
        print(f"careerquest: {exc}", file=sys.stderr)
        return 2
    if args.rules is not None and replay is None:
        print(
            "careerquest: --rules goes with --replay: new games use today's rules", file=sys.stderr
        )
        return 2
    rules = RULES if args.rules is None else args.rules
    if scenario is None and (args.background or args.goals or replay is not None):
        print("careerquest: --replay, --background and --goals need a SCENARIO", file=sys.stderr)
        return 2
    save_dir = resolve_save_dir(args.save_dir, os.environ)
    if scenario is not None and replay and not args.plain and not args.watch:
        # A replay that fails is a mistake on the command line, as in plain mode: say so
        # here, with exit status 2, rather than on a screen. (With --watch the author may
        # be about to fix the file, and the game waits for that.)
        from careerquest.engine.errors import GameError
        from careerquest.engine.game import replay as replay_log

        seed = DEFAULT_SEED if args.seed is None else args.seed
        try:
            replay_log(scenario, seed, setup or Setup(), replay, rules=rules)
        except GameError as exc:
            print(f"careerquest: --replay: {exc}", file=sys.stderr)
            return 2
    if scenario is None or not args.plain:
        if _no_terminal():
            print(
                "careerquest: the full-screen game needs a terminal, and standard input or "
                "output is not one; add --plain to play line by line",
                file=sys.stderr,
            )
            return 2
        from careerquest.tui.app import create_app, run_app

        return run_app(
            create_app(
                scenario=None if scenario is None else scenario.path,
                seed=args.seed,
                save_dir=save_dir,
                replay=replay,
                rules=rules,
                watch=args.watch,
                setup=setup if setup is not None else _named(args.name),
                sign_in=args.sign_in,
            )
        )
    from careerquest.plain import play

    try:
        store = SaveStore(player_save_dir(save_dir, args.name) if args.sign_in else save_dir)
    except SaveError as exc:
        print(f"careerquest: --name: {exc.problem}", file=sys.stderr)
        return 2

    def autosave(game: Game) -> Path:
        info = store.autosave(game)
        if info.kept:
            sys.stderr.write(
                f"careerquest: the earlier game saved as '{info.slot}' is kept as '{info.kept}'\n"
            )
        return info.path

    if isinstance(sys.stdin, io.TextIOWrapper):
        # A line that is not valid text must cost only that line: a strict decoder raises
        # after reading ahead, and what it read (maybe every answer that follows) is lost.
        sys.stdin.reconfigure(errors="replace")
    try:
        return play(
            scenario,
            seed=DEFAULT_SEED if args.seed is None else args.seed,
            setup=setup or Setup(),
            replay=replay or (),
            rules=rules,
            save=autosave,
            # With file descriptor 0 closed, Python has no sys.stdin: that is input that ended.
            stdin=sys.stdin if sys.stdin is not None else io.StringIO(),
            stdout=sys.stdout,
            stderr=sys.stderr,
        )
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


def _no_terminal() -> bool:
    """Whether the full-screen game would have no terminal to draw on and read keys from
    (it would wait forever for keys). A driver named in ``TEXTUAL_DRIVER`` brings its own."""
    if os.environ.get("TEXTUAL_DRIVER"):
        return False
    return not all(stream is not None and stream.isatty() for stream in (sys.stdin, sys.stdout))


def parse_replay(text: str) -> list[str]:
    """``"work, rest,apply:clerk"`` → option ids; empty entries (a trailing comma) are ignored."""
    return [part.strip() for part in text.split(",") if part.strip()]


def _named(name: str | None) -> Setup | None:
    return None if name is None else Setup(name=name)


def load_or_explain(ref: str) -> Scenario | int:
    """The scenario named on the command line, or the exit status after saying what is wrong."""
    # Imported here: the loader brings pydantic, which the title screen does without.
    from careerquest.scenario.loader import load_scenario

    try:
        path = catalog.resolve(ref)
    except catalog.CatalogError as exc:
        print(f"careerquest: {exc}", file=sys.stderr)
        return 2
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        if any(d.code != "not-a-scenario" for d in exc.diagnostics):
            print(f"careerquest: {path} cannot be played until these are fixed", file=sys.stderr)
        return 1


def seed_argument(text: str) -> int:
    """A seed that fits in a save file (a signed 64-bit integer)."""
    value = whole_number(text)
    if not -(2**63) <= value < 2**63:
        raise argparse.ArgumentTypeError("the seed must fit in 64 bits")
    return value
