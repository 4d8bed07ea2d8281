"""``careerquest serve``: a class plays in browsers, each tab a signed-in game of its own."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from careerquest.commands.serve import _late_reaping, public_url, served_command
from careerquest.saves import SaveStore
from cli_kit import ROOT, careerquest

TINY = ROOT / "tests" / "data" / "tiny.toml"
#: Terminal escape sequences: what is left is the text on the screen.
ESCAPES = re.compile(
    r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)"
)


def test_each_tab_runs_a_signed_in_game_with_the_teachers_choices(tmp_path: Path) -> None:
    command = served_command("/class/help desk.toml", 5, tmp_path / "our saves")
    assert shlex.split(command) == [
        sys.executable, "-m", "careerquest", "play", "/class/help desk.toml",
        "--seed", "5", "--save-dir", str(tmp_path / "our saves"), "--sign-in",
    ]  # fmt: skip
    assert shlex.split(served_command(None, None, tmp_path))[3:] == [
        "play", "--save-dir", str(tmp_path), "--sign-in",
    ]  # fmt: skip


def test_on_windows_the_command_is_quoted_for_cmd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(r"C:\Class 3b")  # made before os.name changes: pathlib reads it
    monkeypatch.setattr(os, "name", "nt")
    argv = [sys.executable, "-m", "careerquest", "play", "--save-dir", r"C:\Class 3b", "--sign-in"]
    assert served_command(None, None, folder) == subprocess.list2cmdline(argv)


def test_students_are_given_an_address_they_can_open() -> None:
    assert public_url("localhost", 8000) == "http://localhost:8000"
    assert public_url("::1", 8080) == "http://[::1]:8080"
    # Listening on every interface: the machine's own address, which other machines reach.
    everywhere = public_url("0.0.0.0", 8000)
    assert everywhere.startswith("http://")
    assert everywhere.endswith(":8000")
    assert "0.0.0.0" not in everywhere


def test_a_port_in_use_is_said_at_once() -> None:
    with socket.socket() as taken:
        taken.bind(("localhost", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = careerquest("serve", "--port", str(port))
    assert result.returncode == 1
    assert result.stdout == ""
    reason = os.strerror(errno.EADDRINUSE)
    assert result.stderr == f"careerquest: cannot listen on localhost:{port}: {reason}\n"


def test_a_broken_scenario_is_refused_before_serving(tmp_path: Path) -> None:
    result = careerquest("serve", str(tmp_path / "nowhere.toml"), "--port", "1")
    assert result.returncode == 2
    assert "nowhere.toml" in result.stderr


class Browser:
    """What a browser tab does with the page's websocket: sends keys, reads the screen."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket
        self.screen = ""

    async def shows(self, text: str, timeout: float = 30) -> None:
        """Wait until ``text`` has been drawn since the last wait."""
        async with asyncio.timeout(timeout):
            while text not in ESCAPES.sub("", self.screen):
                message = await self.socket.receive()
                assert message.type == aiohttp.WSMsgType.BINARY, message
                self.screen += message.data.decode("utf-8", "replace")
        self.screen = ""

    async def type(self, keys: str) -> None:
        await self.socket.send_json(["stdin", keys])

    async def closed(self) -> None:
        """Read on until the server closes the page's websocket, as a browser does."""
        while not self.socket.closed:
            await self.socket.receive()


def serve(save_dir: Path) -> tuple[subprocess.Popen[str], str]:
    """``careerquest serve`` of the tiny scenario, seed 3, saving to ``save_dir``: the
    process and its URL, once it is about to listen."""
    with socket.socket() as probe:
        probe.bind(("localhost", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "careerquest", "serve", str(TINY), "--seed", "3",
         "--port", str(port), "--save-dir", str(save_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert server.stdout is not None
    first = server.stdout.readline()  # printed just before it listens
    assert first == f"Serving CareerQuest (Tiny, seed 3) at http://localhost:{port}\n"
    return server, f"http://localhost:{port}"


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[str]:
    """The URL of a class server (:func:`serve`), stopped after the test."""
    server, url = serve(tmp_path)
    try:
        yield url
    finally:
        server.terminate()
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0, err


async def open_page(session: aiohttp.ClientSession, url: str) -> aiohttp.ClientResponse:
    for _ in range(100):  # until the server listens
        try:
            return await session.get(url)
        except aiohttp.ClientConnectionError:
            await asyncio.sleep(0.1)
    raise AssertionError(f"{url} never answered")


async def start_playing(session: aiohttp.ClientSession, url: str, name: str) -> Browser:
    """A tab that signs in as ``name`` and starts the teacher's game."""
    tab = Browser(await session.ws_connect(f"{url}/ws?width=80&height=24"))
    await tab.shows("Who is playing?")
    await tab.type(f"{name}\r")
    await tab.shows("seed 3")  # the setup, with the teacher's seed
    await tab.type("\r")
    await tab.shows("what will you do?")
    return tab


async def test_a_student_plays_in_a_browser_and_the_teacher_verifies(
    served: str, tmp_path: Path
) -> None:
    async with aiohttp.ClientSession() as session:
        page = await open_page(session, served)
        assert page.status == 200
        assert f"ws://{served.removeprefix('http://')}/ws" in await page.text()
        tab = await start_playing(session, served, "Ana")
        store = SaveStore(tmp_path / "ana")
        for _ in range(20):  # until the first turn is over, and autosaved
            if store.list_saves().saves:
                break
            await tab.type("1")
            await asyncio.sleep(0.5)
        await tab.socket.close()
    [info] = store.list_saves().saves
    assert info.player == "Ana"
    result = careerquest("verify", str(tmp_path))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith(f"OK      {info.path}: Ana, Tiny, seed 3, ")


def test_a_port_out_of_range_is_a_usage_error() -> None:
    result = careerquest("serve", "--port", "70000")
    assert result.returncode == 2
    assert "argument --port: the port must be between 1 and 65535" in result.stderr


async def test_stopping_the_server_saves_every_open_game_and_says_so(tmp_path: Path) -> None:
    """Ctrl+C with two students mid-turn: both games are saved with the turn in progress,
    and the teacher reads what is happening (it used to wait silently for 20 s)."""
    server, url = serve(tmp_path)
    async with aiohttp.ClientSession() as session:
        await open_page(session, url)
        tabs = [await start_playing(session, url, name) for name in ("Ana", "Ben")]
        for tab in tabs:
            await tab.type("1")  # the action of the first turn; its event is still to come
        await asyncio.sleep(1)
        closed = [asyncio.create_task(tab.closed()) for tab in tabs]
        server.send_signal(signal.SIGINT)
        out, err = await asyncio.to_thread(server.communicate, timeout=60)
        await asyncio.gather(*closed)
    assert server.returncode == 0, err
    assert out.splitlines()[-2:] == ["Stopping: saving and closing 2 open games.", "Stopped."]
    for name in ("ana", "ben"):
        [info] = SaveStore(tmp_path / name).list_saves().saves
        assert info.turn == 1
        assert len(SaveStore(tmp_path / name).read(info.slot).log) == 1


def test_only_the_warning_about_a_game_reaped_late_is_left_out() -> None:
    """Its process had already saved and exited; other asyncio warnings still show."""

    def record(message: str, *args: object) -> logging.LogRecord:
        return logging.LogRecord("asyncio", logging.WARNING, __file__, 1, message, args, None)

    assert not _late_reaping(record("Loop %r that handles pid %r is closed", None, 7488))
    assert _late_reaping(record("Executing %s took %.3f seconds", "task", 0.2))
