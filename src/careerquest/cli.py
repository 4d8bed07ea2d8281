"""The ``careerquest`` command.

Each subcommand lives in its own module under :mod:`careerquest.commands`, imported only when
that subcommand runs, so that ``check``, ``simulate`` or ``list`` never pay for importing the
Textual UI they do not use.
"""

from __future__ import annotations

import argparse
import errno
import importlib
import io
import os
import sys
from collections.abc import Sequence

from careerquest import __version__

#: name → (module, one-line help). Order is the order of ``careerquest --help``.
COMMANDS: dict[str, tuple[str, str]] = {
    "play": ("careerquest.commands.play", "play a scenario (the default command)"),
    "list": ("careerquest.commands.list", "list the scenarios you can play"),
    "check": ("careerquest.commands.check", "check scenario files and report every problem"),
    "simulate": ("careerquest.commands.simulate", "play a scenario many times and report balance"),
    "test": ("careerquest.commands.test", "run the [[tests]] playthroughs in scenario files"),
    "serve": ("careerquest.commands.serve", "serve the game to a class, to play in their browsers"),
    "verify": ("careerquest.commands.verify", "replay saved games to check them, and list results"),
    "schema": ("careerquest.commands.schema", "print the JSON Schema of scenario files"),
    "new": ("careerquest.commands.new", "write a new, playable scenario to start from"),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; only the chosen subcommand's module is imported to configure it."""
    parser = argparse.ArgumentParser(
        prog="careerquest",
        description="CareerQuest: will you build a job or a career?",
    )
    parser.add_argument("--version", action="version", version=f"careerquest {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        sub = subparsers.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.configure(sub)
            sub.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # pydantic otherwise scans every installed package for plugins at import: ~70 ms of a
    # `careerquest check` that should feel instant. The command owns its process.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.stdout is None:  # started with its output closed (`>&-`): nowhere to say anything
        return 1
    if isinstance(sys.stdout, io.TextIOWrapper):
        # A file name that is not text in this locale (it reaches Python as lone surrogates)
        # is printed escaped, where a strict UTF-8 terminal would crash on it.
        sys.stdout.reconfigure(errors="backslashreplace")
    args_in = list(sys.argv[1:] if argv is None else argv)
    named = next((i for i, a in enumerate(args_in) if a in COMMANDS), None)
    asks = {"-h", "--help", "--version"}  # about careerquest itself, not the command
    if named and args_in[0].startswith("-") and not asks & set(args_in[:named]):
        # `careerquest --save-dir X play SCENARIO`: options written before the command are
        # the command's own (argparse would read X as the command).
        args_in = [args_in[named], *args_in[:named], *args_in[named + 1 :]]
    command = next((a for a in args_in if not a.startswith("-")), None)
    if command not in COMMANDS:
        if command is None and not any(a in ("-h", "--help", "--version") for a in args_in):
            args_in.insert(0, "play")
            command = "play"
        elif command is not None and not any(a in ("-h", "--help") for a in args_in):
            # `careerquest SCENARIO` is short for `careerquest play SCENARIO`.
            args_in.insert(0, "play")
            command = "play"
    parser = build_parser(command)
    args = parser.parse_args(args_in)
    if not hasattr(args, "run"):
        parser.print_help()
        return 0
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `careerquest list | head` closed our output early: not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except OSError as exc:
        if exc.errno not in (errno.ENOSPC, errno.EIO):
            raise
        # The output could not be written (a full disk, a vanished terminal). Whatever the
        # command saved was written atomically before, so only the report is lost.
        print(f"careerquest: the output could not be written: {exc.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
