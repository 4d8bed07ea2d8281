"""``careerquest serve``: a teacher serves the game, and a class plays it in their browsers.

Every browser tab that opens the address gets a game of its own: textual-serve starts one
``careerquest play --sign-in`` process per tab and carries its screen and keys over a
websocket. Each student signs in with their name, so their saves go to a folder of their own
inside the save folder; afterwards ``careerquest verify`` on that folder lists the class's
results. The scenario and seed given here are every student's, as when a teacher hands out
a command line.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careerquest.commands import whole_number
from careerquest.commands.play import load_or_explain, seed_argument
from careerquest.engine.words import counted
from careerquest.saves import resolve_save_dir

if TYPE_CHECKING:
    import textual_serve.server
    from aiohttp import web

DEFAULT_PORT = 8000
#: Addresses that listen on every network interface: students' machines cannot open them.
_EVERY_INTERFACE = {"0.0.0.0", "::", ""}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "scenario",
        nargs="?",
        metavar="SCENARIO",
        help="the scenario a new game starts with (default: students choose on the title)",
    )
    parser.add_argument(
        "--seed",
        type=seed_argument,
        metavar="N",
        help="every student's seed (default: a fresh one each game)",
    )
    parser.add_argument(
        "--save-dir",
        metavar="DIR",
        help="the class's save folder (default: $CAREERQUEST_SAVE_DIR, else ./saves)",
    )
    parser.add_argument(
        "--host",
        default="localhost",
        help="the address to listen on: 0.0.0.0 lets other machines connect (default: localhost)",
    )
    parser.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"the port to listen on (default: {DEFAULT_PORT})",
    )
    parser.add_argument(
        "--public-url",
        metavar="URL",
        help="the address students open, when it is not http://HOST:PORT (behind a proxy)",
    )


def run(args: argparse.Namespace) -> int:
    scenario = None
    if args.scenario is not None:
        loaded = load_or_explain(args.scenario)
        if isinstance(loaded, int):
            return loaded
        scenario = loaded
    save_dir = resolve_save_dir(args.save_dir, os.environ)
    url = args.public_url or public_url(args.host, args.port)
    problem = _cannot_listen(args.host, args.port)
    if problem:
        print(f"careerquest: cannot listen on {args.host}:{args.port}: {problem}", file=sys.stderr)
        return 1
    server = _server(
        served_command(None if scenario is None else scenario.path, args.seed, save_dir),
        host=args.host,
        port=args.port,
        title="CareerQuest",
        public_url=url,
    )
    playing = (
        ""
        if scenario is None
        else f" ({scenario.title}" + (")" if args.seed is None else f", seed {args.seed})")
    )
    lines = [f"Serving CareerQuest{playing} at {url}"]
    if args.public_url is None and args.host in ("localhost", "127.0.0.1", "::1"):
        lines.append("This address works on this machine only: --host 0.0.0.0 lets a class in.")
    lines += [
        "Each student opens that address in a browser and signs in with their name.",
        f"Their saves go to {save_dir}, in a folder for each name. To check the class's results:",
        f"  careerquest verify {shlex.quote(str(save_dir))}",
        "Press Ctrl+C to stop serving.",
    ]
    print("\n".join(lines) + "\n", flush=True)
    try:
        server.serve()
    except OSError as exc:  # the port was taken since it was tried
        print(f"careerquest: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    print("Stopped.", flush=True)
    return 0


def _server(
    command: str, *, host: str, port: int, title: str, public_url: str
) -> textual_serve.server.Server:
    """textual-serve's server, introduced by the message above instead of its own banner
    (which shows the internal command line, and before it knows the port is free)."""
    from textual_serve.server import Server

    class ClassServer(Server):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            #: The students' open tabs: the task serving each one's websocket.
            self.tabs: set[asyncio.Task[Any]] = set()
            self.stopping = False

        async def on_startup(self, app: web.Application) -> None:
            pass

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            tab = asyncio.current_task()
            assert tab is not None
            self.tabs.add(tab)
            try:
                return await super().handle_websocket(request)
            finally:
                self.tabs.discard(tab)

        def request_exit(self) -> None:
            """Ctrl+C: say what happens while it happens; a second one only says it again."""
            if self.stopping:
                print("Still stopping: the students' games are being saved.", flush=True)
                return
            self.stopping = True
            games = f"saving and closing {counted(len(self.tabs), 'open game')}"
            print(f"Stopping: {games}." if self.tabs else "Stopping.", flush=True)
            super().request_exit()

        async def on_shutdown(self, app: web.Application) -> None:
            """Close every tab now, rather than wait for the server's own timeout: each
            game is told to quit, which saves it, and the tab's page says it has ended."""
            tabs = list(self.tabs)
            for tab in tabs:
                tab.cancel()
            await asyncio.gather(*tabs, return_exceptions=True)

        def initialize_logging(self) -> None:
            # One line per file a browser fetches would scroll the address off the screen
            # while a class connects: problems only.
            super().initialize_logging()
            logging.getLogger("aiohttp.access").setLevel(logging.WARNING)
            logging.getLogger("asyncio").addFilter(_late_reaping)

    return ClassServer(command, host=host, port=port, title=title, public_url=public_url)


def _late_reaping(record: logging.LogRecord) -> bool:
    """Leave out asyncio's "Loop … that handles pid … is closed". On Ctrl+C each tab's game
    saves and exits; its pipe closes, which is what the server waits for, and the process
    is reaped a moment later, sometimes after the loop has closed. Nothing is lost, and the
    warning would be the teacher's last line instead of "Stopped."."""
    return not str(record.msg).startswith("Loop %r that handles pid")


def _cannot_listen(host: str, port: int) -> str:
    """Why the server could not listen there (taken, or not this machine's), if it could not:
    said in one line before anything starts, rather than after a banner."""
    try:
        infos = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as exc:
        return f"unknown address ({exc.strerror})"
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as trial:
            trial.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                trial.bind(address)
            except OSError as exc:
                return exc.strerror or str(exc)
    return ""


def served_command(scenario: str | None, seed: int | None, save_dir: Path) -> str:
    """The command each browser tab runs: this Python and this careerquest, signing in."""
    argv = [sys.executable, "-m", "careerquest", "play"]
    if scenario is not None:
        argv.append(str(scenario))
    if seed is not None:
        argv += ["--seed", str(seed)]
    argv += ["--save-dir", str(save_dir), "--sign-in"]
    # textual-serve hands it to the shell: cmd.exe on Windows, which has its own quoting.
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def public_url(host: str, port: int) -> str:
    """Where students' browsers reach this machine. Listening on every interface, that is
    this machine's address on its network, not the listening address."""
    if host in _EVERY_INTERFACE:
        host = _network_address()
    if ":" in host:  # an IPv6 address
        host = f"[{host}]"
    return f"http://{host}:{port}"


def _network_address() -> str:
    """The address of the interface that leads to other machines; no packet is sent (a UDP
    socket's connect only picks the route)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: routed like any outside address
            return str(probe.getsockname()[0])
        except OSError:  # no network at all
            return socket.gethostname()


def _port(text: str) -> int:
    value = whole_number(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError("the port must be between 1 and 65535")
    return value
