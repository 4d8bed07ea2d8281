"""Figures for the terminal UI's performance targets: launch, keypress latency, peak memory.

Run from the project root: ``python benchmarks/bench_tui.py`` (about two minutes; ``--quick``
for a rough look in one, ``--profile`` to add a cProfile of the keypresses). Like the other
benchmarks it prints each figure with its target and PASS or MISS and asserts nothing: the
figures depend on the machine, and the project's machines are shared, so the CPU count and
load average are printed with them. Each app runs in fresh processes that keep compiled
bytecode in a temporary cache, as an installed copy would (see :mod:`bench_caches`).

What is measured, and how:

* **Launch to the title screen**, against the smallest Textual app (one ``Static``) timed in
  the same run, alternately, after one discarded warm-up launch of each (target ≤ 1.25×).
  CareerQuest starts through its real entry point, ``python -m careerquest``, with temporary
  save and settings folders. Neither app gets a terminal: ``TEXTUAL_DRIVER`` selects
  ``FirstFrameDriver`` (built here), which swallows the output like the headless driver
  but, unlike it, lets Textual encode every frame to ANSI as for a terminal, and exits the
  app once a frame showing the first screen's content (the title's menu; the minimal app's
  text) has been written. The figure is process start to exit, timed here with
  ``perf_counter``; the child also reports when that frame was written. To show where a
  difference comes from, the import time of ``careerquest.tui.app`` and ``textual.app`` is
  printed too, with what CareerQuest imports beyond Textual, by package.
* **Keypress to the next decision** at 80×24 and 200×60 (target median ≤ 16 ms): the
  bundled help-desk scenario, a fixed seed, driven by Pilot (``run_test``). Each press is
  the digit of an open option picked by a seeded RNG; the time runs from sending the key to
  the first frame in which the game screen shows the next decision. Frames are timed where
  Textual hands them to the driver, and encoded to ANSI there as a terminal driver would
  (the headless driver skips that step); they come from Textual's refresh timer, as in the
  real app. "Settled" is the first frame of the screen as it then stays (the new log
  entries mounted and scrolled into view). The time is also split into Textual's steps
  (the action, restyling, layout, paint), by wrapping those methods in the measured
  process, and the same measure of the minimal app shows Textual's own floor on this
  machine. Presses follow each other once the screen settles, like a fast player (so the
  stats' 1.5 s highlight may end during a later press); every turn is autosaved to a
  temporary folder, as in a real game.
* **Peak memory while playing**: the peak resident size of a fresh process that played the
  same number of presses under Pilot at 80×24, against the minimal app given as many key
  presses (target ≤ 1.5×). The peak is Linux's ``VmHWM``; ``ru_maxrss``, printed beside it,
  would do but for carrying over the peak of the process that started the child. The
  figure is for a scenario played before, loaded from CareerQuest's compiled-scenario cache
  as on every game but a player's first; that first game, which checks the file with
  pydantic, is printed beside it. The cache is a temporary folder (see :mod:`bench_caches`).
"""

from __future__ import annotations

# Only modules that Textual imports anyway are imported here: the child processes import
# this module too (the launch driver, the minimal app, the measured plays), and must not
# carry the parent's own imports into the figures. The rest are imported where used.
import os
import re
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from bench_caches import SCENARIO_CACHE_ENV, bytecode_cache, scenario_cache

if TYPE_CHECKING:
    from rich.console import RenderableType
    from textual.app import App
    from textual.drivers.headless_driver import HeadlessDriver
    from textual.pilot import Pilot
    from textual.screen import Screen

    from careerquest.engine.game import Game
    from careerquest.tui.app import CareerQuestApp

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

LAUNCH_RATIO_TARGET = 1.25
LATENCY_TARGET_MS = 16.0
MEMORY_RATIO_TARGET = 1.5

SCENARIO = "help-desk"
SEED = 7
PRESSES = 30
SIZES = ((80, 24), (200, 60))
#: A keypress has settled when no frame has come for this long and nothing is pending.
QUIET_SECONDS = 0.05
#: What the first frame of each app must show for the app to count as launched.
TITLE_MARKER = "New game"
MINIMAL_TEXT = "The smallest Textual app"

#: The child processes' answers come on a line of their own, after this.
ANSWER = "BENCH_TUI_ANSWER "
DRIVER_SPEC = "bench_tui:FirstFrameDriver"
MARKER_ENV = "BENCH_TUI_MARKER"
FRAME_FILE_ENV = "BENCH_TUI_FRAME_FILE"
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])")


# ---------------------------------------------------------------- the apps


def minimal_app() -> App[None]:
    """The smallest Textual app: one ``Static``, and a key (1) that changes its text.

    The baseline for launch and memory, and the measure of Textual's own keypress latency.
    """
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.widgets import Static

    class MinimalApp(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("1", "press", "Press")]
        presses = 0

        def compose(self) -> ComposeResult:
            yield Static(MINIMAL_TEXT)

        def action_press(self) -> None:
            self.presses += 1
            self.query_one(Static).update(f"{MINIMAL_TEXT}: {self.presses} presses")

    return MinimalApp()


def _first_frame_driver() -> type[HeadlessDriver]:
    from textual.drivers.headless_driver import HeadlessDriver

    class FirstFrameDriver(HeadlessDriver):
        """No terminal, but every frame is encoded as for one; exits once the marker shows."""

        _seen = ""
        _done = False

        @property
        def is_headless(self) -> bool:
            return False  # so that App._display renders frames to ANSI and writes them here

        def write(self, data: str) -> None:
            if self._done:
                return
            self._seen += _ESCAPE.sub("", data)
            if os.environ.get(MARKER_ENV, TITLE_MARKER) in self._seen:
                self._done = True
                frame_file = os.environ.get(FRAME_FILE_ENV)
                if frame_file:
                    Path(frame_file).write_text(repr(time.monotonic()), encoding="utf-8")
                self._app.exit()

    return FirstFrameDriver


def __getattr__(name: str) -> Any:
    # ``TEXTUAL_DRIVER=bench_tui:FirstFrameDriver`` imports the driver from this module; it is
    # built on demand so that importing the module does not import Textual.
    if name == "FirstFrameDriver":
        return _first_frame_driver()
    raise AttributeError(name)


# ------------------------------------------------------------------- launch


@dataclass
class Launch:
    wall: float
    """Process start to exit, seconds, as timed by this script."""
    first_frame: float
    """Process start to the first frame showing the screen's content, seconds."""


def _child_env(folder: Path) -> dict[str, str]:
    path = os.pathsep.join([str(HERE), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")])
    return {
        **os.environ,
        "PYTHONPATH": path.rstrip(os.pathsep),
        "CAREERQUEST_SAVE_DIR": str(folder / "saves"),
        "CAREERQUEST_CONFIG_DIR": str(folder / "config"),
        "COLUMNS": "80",
        "LINES": "24",
    }


def launch_once(argv: Sequence[str], marker: str, folder: Path) -> Launch:
    import subprocess

    frame_file = folder / "first-frame"
    frame_file.unlink(missing_ok=True)
    env = {
        **_child_env(folder),
        "TEXTUAL_DRIVER": DRIVER_SPEC,
        MARKER_ENV: marker,
        FRAME_FILE_ENV: str(frame_file),
    }
    started = time.monotonic()
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=folder, capture_output=True, timeout=60, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0 or not frame_file.exists():
        raise RuntimeError(
            f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}"
        )
    return Launch(wall, float(frame_file.read_text(encoding="utf-8")) - started)


def measure_launch(repeats: int) -> dict[str, list[Launch]]:
    """Both apps, alternately, after one discarded warm-up each (disk caches, .pyc files)."""
    import tempfile

    apps: dict[str, tuple[list[str], str]] = {
        "careerquest": ([sys.executable, "-m", "careerquest"], TITLE_MARKER),
        "minimal": (
            [sys.executable, "-c", "import bench_tui; bench_tui.minimal_app().run()"],
            MINIMAL_TEXT,
        ),
    }
    results: dict[str, list[Launch]] = {name: [] for name in apps}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(repeats + 1):
            order = list(apps) if round_ % 2 == 0 else list(reversed(apps))
            for name in order:
                argv, marker = apps[name]
                launch = launch_once(argv, marker, Path(tmp))
                if round_:
                    results[name].append(launch)
    return results


def import_seconds(module: str, folder: Path) -> float:
    """The time ``import module`` takes in a fresh interpreter, measured inside it."""
    import subprocess

    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=_child_env(folder),
        cwd=folder,
        capture_output=True,
        check=True,
        timeout=60,
    )
    return float(done.stdout.decode().split()[-1])


def measure_imports(repeats: int) -> dict[str, list[float]]:
    import tempfile

    modules = ("textual.app", "careerquest.tui.app")
    results: dict[str, list[float]] = {m: [] for m in modules}
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(repeats):
            for module in modules if round_ % 2 == 0 else reversed(modules):
                results[module].append(import_seconds(module, Path(tmp)))
    return results


def import_breakdown(module: str, baseline: str) -> tuple[list[tuple[str, float]], float]:
    """What ``module`` imports beyond ``baseline``: the self time (ms) of each top-level
    package, largest first, and the total, from ``python -X importtime`` (which inflates
    every figure a little, but not their proportions)."""
    import subprocess
    import tempfile

    def self_times(name: str) -> dict[str, float]:
        with tempfile.TemporaryDirectory() as tmp:
            done = subprocess.run(
                [sys.executable, "-X", "importtime", "-c", f"import {name}"],
                env=_child_env(Path(tmp)),
                cwd=tmp,
                capture_output=True,
                check=True,
                timeout=60,
            )
        times: dict[str, float] = {}
        for line in done.stderr.decode().splitlines():
            parts = line.removeprefix("import time:").split("|")
            if len(parts) == 3 and parts[0].strip().isdigit():
                times[parts[2].strip()] = int(parts[0]) / 1000
        return times

    extra = self_times(module)
    for name in self_times(baseline):
        extra.pop(name, None)
    groups: dict[str, float] = {}
    for name, ms in extra.items():
        parts = name.split(".")
        key = ".".join(parts[:3]) if parts[0] == "careerquest" else parts[0]
        groups[key] = groups.get(key, 0.0) + ms
    ranked = sorted(groups.items(), key=lambda item: -item[1])
    return ranked, sum(extra.values())


# ------------------------------------------------------------ keypress latency


@dataclass
class Frame:
    wall: float
    cpu: float
    state: tuple[object, ...]
    """What the screen showed. ``state[0]`` counts the presses handled and ``state[1]`` says
    whether the screen shows what the last one led to; the rest is whatever else settles
    afterwards (for the game: the log's entries and scroll position, and the hint)."""


@dataclass
class Press:
    shown_ms: float
    """Key sent → first frame showing what the key led to (the game's next decision)."""
    settled_ms: float
    """Key sent → first frame of the screen as it stays (new log entries in view)."""
    cpu_ms: float
    """Process CPU time from the key to the first frame showing the next decision."""
    frames: int
    phases: dict[str, float]
    """Milliseconds spent in each of Textual's steps between the key and the screen settling."""


#: Textual's steps, timed by wrapping these methods in the measuring process: (module,
#: class, method) → name. The action includes the restyles it causes.
PHASES: dict[tuple[str, str, str], str] = {
    ("textual.app", "App", "run_action"): "action (the game's handler)",
    ("textual.css.stylesheet", "Stylesheet", "update_nodes"): "restyle (CSS classes changed)",
    ("textual._compositor", "Compositor", "reflow"): "layout",
    ("textual._compositor", "Compositor", "render_update"): "paint (widgets render lines)",
}
ENCODE = "encode to ANSI"


def _probe_phases(spent: dict[str, float]) -> None:
    """Add the time spent in each of :data:`PHASES` to ``spent`` as it happens."""
    import importlib
    import inspect

    for (module, cls_name, method), label in PHASES.items():
        cls = getattr(importlib.import_module(module), cls_name)
        original = getattr(cls, method)
        if inspect.iscoroutinefunction(original):

            async def async_probe(
                *args: Any, _original: Any = original, _label: str = label, **kwargs: Any
            ) -> Any:
                start = time.perf_counter()
                try:
                    return await _original(*args, **kwargs)
                finally:
                    spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - start

            setattr(cls, method, async_probe)
        else:

            def probe(
                *args: Any, _original: Any = original, _label: str = label, **kwargs: Any
            ) -> Any:
                start = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - start

            setattr(cls, method, probe)


def _watch_frames(
    app: App[Any],
    screen: Screen[Any],
    state: Callable[[], tuple[object, ...]],
    frames: list[Frame],
    spent: dict[str, float],
) -> None:
    """Record every frame ``screen`` hands to the driver, encoded as a terminal driver would."""
    from textual._compositor import CompositorUpdate

    display = app._display
    console = app.console

    def timed_display(target: Screen[Any], renderable: RenderableType | None) -> None:
        display(target, renderable)
        if renderable is None or target is not screen:
            return
        if isinstance(renderable, CompositorUpdate):
            start = time.perf_counter()
            renderable.render_segments(console)  # the headless driver skips this step
            spent[ENCODE] = spent.get(ENCODE, 0.0) + time.perf_counter() - start
        frames.append(Frame(time.perf_counter(), time.process_time(), state()))

    app._display = timed_display  # type: ignore[method-assign, assignment]


async def _timed_presses(
    pilot: Pilot[Any],
    presses: int,
    next_key: Callable[[], str | None],
    state: Callable[[], tuple[object, ...]],
) -> list[Press]:
    """Press keys one at a time on the current screen; time each until its frames settle."""
    import asyncio

    app = pilot.app
    screen = app.screen
    frames: list[Frame] = []
    spent: dict[str, float] = {}
    _probe_phases(spent)
    _watch_frames(app, screen, state, frames, spent)
    results: list[Press] = []
    for _ in range(presses):
        key = next_key()
        if key is None or app.screen is not screen:
            break
        before = state()[0]
        frames.clear()
        spent.clear()
        cpu = time.process_time()
        start = time.perf_counter()
        await pilot.press(key)
        deadline = start + 10
        while True:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            shown = [f for f in frames if f.state[0] != before and f.state[1]]
            pending = (  # Textual 8.2's own record of work still to draw
                screen._dirty_widgets
                or screen._layout_required
                or screen._repaint_required
                or screen._scroll_required
            )
            if shown and now - frames[-1].wall >= QUIET_SECONDS and not pending:
                break
            if app.screen is not screen:
                return results  # the game ended: its last press is not a next decision
            if now > deadline:
                raise TimeoutError(f"the screen never showed what {key!r} led to")
        final = frames[-1].state
        settled = next(f for f in frames if f.state == final)
        results.append(
            Press(
                shown_ms=(shown[0].wall - start) * 1000,
                settled_ms=(settled.wall - start) * 1000,
                cpu_ms=(shown[0].cpu - cpu) * 1000,
                frames=len(frames),
                phases={name: seconds * 1000 for name, seconds in spent.items()},
            )
        )
    return results


def _play_app(folder: Path) -> CareerQuestApp:
    from careerquest.tui.app import create_app

    return create_app(
        scenario=SCENARIO,
        seed=SEED,
        save_dir=folder / "saves",
        settings_path=folder / "config" / "settings.toml",
    )


async def _until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    deadline = time.perf_counter() + 30
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await pilot.pause(0.01)


async def _start_game(pilot: Pilot[Any]) -> Game:
    """From the app's start to the first decision of a game on screen."""
    from careerquest.tui.screens.game import GameScreen
    from careerquest.tui.screens.setup import SetupScreen

    app = pilot.app
    await _until(pilot, lambda: isinstance(app.screen, SetupScreen), "the setup screen")
    await pilot.press("enter")
    await _until(pilot, lambda: isinstance(app.screen, GameScreen), "the game screen")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, GameScreen)
    return screen.game


def _digits(game: Game) -> Callable[[], str | None]:
    """Digits of open options, picked by a seeded RNG (open options are numbered first).

    Options that ask for confirmation first (a loan, a job given up) are left out: their
    first press opens a question, not the next decision.
    """
    import random

    rng = random.Random(SEED)

    def next_key() -> str | None:
        decision = game.decision
        if decision is None:
            return None
        numbered = list(enumerate(decision.open_options()[:9], 1))
        plain = [n for n, option in numbered if not option.commitment]
        return str(rng.choice(plain)) if plain else None  # None ends the presses

    return next_key


def _game_state(screen: Screen[Any]) -> Callable[[], tuple[object, ...]]:
    """The choices made; whether the choice list shows the current decision; the log; the hint."""
    from textual.widgets import Static

    from careerquest.tui.screens.game import GameScreen
    from careerquest.tui.widgets.choice_list import ChoiceList, order
    from careerquest.tui.widgets.outcome_log import OutcomeLog

    assert isinstance(screen, GameScreen)
    game = screen.game
    choices = screen.query_one(ChoiceList)
    log = screen.query_one(OutcomeLog)
    hint = screen.query_one("#choice-hint", Static)

    def state() -> tuple[object, ...]:
        decision = game.decision
        wanted = [] if decision is None else [o.id for o in order(decision.options)]
        current = [o.id for o in choices.choices] == wanted
        entries = sum(1 for child in log.children if child.is_mounted)
        return (len(game.log), current, entries, log.scroll_y, log.max_scroll_y, str(hint.content))

    return state


async def latency_child(size: tuple[int, int], presses: int, profile: bool) -> dict[str, Any]:
    """The game's keypresses, timed; with ``profile``, a cProfile of them instead."""
    import cProfile
    import io
    import pstats

    app = _play_app(Path.cwd())
    async with app.run_test(size=size) as pilot:
        game = await _start_game(pilot)
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        samples = await _timed_presses(pilot, presses, _digits(game), _game_state(app.screen))
        if profiler:
            profiler.disable()
    answer: dict[str, Any] = {"presses": [vars(p) for p in samples]}
    if profiler:
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(r"careerquest|textual", 30)
        stats.sort_stats("tottime").print_stats(20)
        answer["profile"] = out.getvalue()
    return answer


async def floor_child(size: tuple[int, int], presses: int) -> dict[str, Any]:
    """The minimal app's keypresses, timed the same way: Textual's own cost on this machine."""
    app = minimal_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        samples = await _timed_presses(
            pilot,
            presses,
            lambda: "1",
            lambda: (app.presses, True),  # type: ignore[attr-defined]
        )
    return {"presses": [vars(p) for p in samples]}


# ------------------------------------------------------------------- memory


async def memory_child(which: str, presses: int) -> dict[str, Any]:
    """Play ``presses`` turns (or press as many keys in the minimal app), then read the peak.

    Runs in a fresh process whose working folder is a temporary one, for the saves.
    """
    import resource

    made = 0
    if which == "careerquest":
        app: App[None] = _play_app(Path.cwd())
        async with app.run_test(size=SIZES[0]) as pilot:
            next_key = _digits(await _start_game(pilot))
            while made < presses and (key := next_key()) is not None:
                await pilot.press(key)
                await pilot.pause()
                made += 1
            peak = peak_rss_kb()
    else:
        app = minimal_app()
        async with app.run_test(size=SIZES[0]) as pilot:
            await pilot.pause()
            made = presses + 1  # as many as the game's, and the Enter that starts it
            for _ in range(made):
                await pilot.press("1")
                await pilot.pause()
            peak = peak_rss_kb()
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"which": which, "presses": made, "peak_kb": peak, "ru_maxrss_kb": maxrss}


def peak_rss_kb() -> int:
    """This process's peak resident set size, KiB: ``VmHWM`` where Linux gives it.

    ``getrusage(RUSAGE_SELF).ru_maxrss`` would be the obvious source, but Linux carries the
    high-water mark over ``execve`` from the process that forked the child: every child of
    this script would report at least this script's own size. ``VmHWM`` is the new
    program's own.
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    assert match is not None
    return int(match[1])


def _run_child(
    args: Sequence[str], timeout: float = 120, env: dict[str, str] | None = None
) -> dict[str, Any]:
    import json
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--child", *args],
            env={**_child_env(Path(tmp)), **(env or {})},
            cwd=tmp,
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    for line in reversed(done.stdout.decode().splitlines()):
        if line.startswith(ANSWER):
            answer: dict[str, Any] = json.loads(line.removeprefix(ANSWER))
            return answer
    raise RuntimeError(f"child {args} failed ({done.returncode}): {done.stderr.decode()[-3000:]}")


def python_baseline_kb() -> int:
    """The peak RSS of ``python -c`` reading its own, as a floor for both apps."""
    import subprocess

    code = "import bench_tui; print(bench_tui.peak_rss_kb())"
    with_path = {**os.environ, "PYTHONPATH": str(HERE)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=with_path, capture_output=True, check=True
    )
    return int(done.stdout.decode())


# ------------------------------------------------------------------ report


def p90(values: Sequence[float]) -> float:
    import statistics

    return statistics.quantiles(values, n=10, method="inclusive")[8]


@dataclass
class Row:
    name: str
    value: str
    target: str
    ok: bool | None


def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("PASS" if ok else "MISS")


def print_table(rows: Sequence[Row]) -> None:
    width = max(len(r.name) for r in rows)
    print(f"{'figure':<{width}}  {'value':>24}  {'target':<16} result")
    print("-" * (width + 52))
    for r in rows:
        print(f"{r.name:<{width}}  {r.value:>24}  {r.target:<16} {_verdict(r.ok)}")


def environment() -> str:
    import textual

    cpus = os.cpu_count()
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else cpus
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"Python {sys.version.split()[0]}, Textual {textual.__version__}, "
        f"{cpus} CPUs ({usable} usable), load average {load} "
        "(a shared machine: other jobs' load shows in these figures)"
    )


def _median(values: Sequence[float]) -> float:
    import statistics

    return statistics.median(values)


def launch_section(launches: int) -> list[Row]:
    print(f"Launch to the first frame, {launches} launches of each app, alternating …")
    launch = measure_launch(launches)
    walls = {name: _median([x.wall for x in runs]) for name, runs in launch.items()}
    firsts = {name: _median([x.first_frame for x in runs]) for name, runs in launch.items()}
    for name, runs in launch.items():
        print(
            f"  {name:<12} process start → exit: median {walls[name] * 1000:6.0f} ms "
            f"(min {min(x.wall for x in runs) * 1000:.0f}, max "
            f"{max(x.wall for x in runs) * 1000:.0f}); → first frame: median "
            f"{firsts[name] * 1000:.0f} ms"
        )
    imports = {m: _median(v) for m, v in measure_imports(launches).items()}
    for module, seconds in imports.items():
        print(f"  import {module:<22} {seconds * 1000:6.0f} ms (median, timed in a fresh process)")
    ranked, total = import_breakdown("careerquest.tui.app", "textual.app")
    print(
        f"  careerquest.tui.app imports {total:.0f} ms more than textual.app "
        "(-X importtime self times, inflated; by package):"
    )
    for name, ms in ranked[:10]:
        print(f"    {ms:6.1f} ms  {name}")
    print()
    ratio = walls["careerquest"] / walls["minimal"]
    return [
        Row("launch: careerquest, start → exit", f"{walls['careerquest'] * 1000:.0f} ms", "", None),
        Row("launch: minimal app, start → exit", f"{walls['minimal'] * 1000:.0f} ms", "", None),
        Row(
            "launch ratio, start → exit",
            f"{ratio:.2f}×",
            f"≤ {LAUNCH_RATIO_TARGET:g}×",
            ratio <= LAUNCH_RATIO_TARGET,
        ),
        Row(
            "launch ratio, start → first frame",
            f"{firsts['careerquest'] / firsts['minimal']:.2f}×",
            "(information)",
            None,
        ),
        Row(
            "import: careerquest.tui.app / textual.app",
            f"{imports['careerquest.tui.app'] / imports['textual.app']:.2f}×",
            "(information)",
            None,
        ),
    ]


def latency_section(presses: int) -> list[Row]:
    rows: list[Row] = []
    for width, height in SIZES:
        label = f"{width}x{height}"
        print(f"Keypress latency at {label}, {presses} presses …")
        game = [Press(**p) for p in _run_child(["latency", label, str(presses)])["presses"]]
        floor = [Press(**p) for p in _run_child(["floor", label, str(presses)])["presses"]]
        for field, title in (
            ("shown_ms", "next decision on screen"),
            ("settled_ms", "screen settled"),
            ("cpu_ms", "CPU to next decision"),
        ):
            values = [getattr(p, field) for p in game]
            print(
                f"  {title:<30} median {_median(values):6.1f} ms, p90 {p90(values):6.1f} ms, "
                f"max {max(values):6.1f} ms"
            )
        print(f"  frames per press: median {_median([p.frames for p in game]):.0f}")
        print("  where the time goes, median ms per press (the action includes its restyles):")
        for name in [*PHASES.values(), ENCODE]:
            print(f"    {_median([p.phases.get(name, 0.0) for p in game]):7.1f}  {name}")
        floor_ms = _median([p.shown_ms for p in floor])
        print(f"  the minimal app, key → frame:  median {floor_ms:6.1f} ms (Textual's own floor)")
        shown = [p.shown_ms for p in game]
        rows += [
            Row(
                f"keypress → next decision {label}, median",
                f"{_median(shown):.1f} ms",
                f"≤ {LATENCY_TARGET_MS:g} ms",
                _median(shown) <= LATENCY_TARGET_MS,
            ),
            Row(f"keypress → next decision {label}, p90", f"{p90(shown):.1f} ms", "", None),
            Row(
                f"keypress → settled {label}, median",
                f"{_median([p.settled_ms for p in game]):.1f} ms",
                "(information)",
                None,
            ),
            Row(
                f"minimal app, key → frame {label}, median",
                f"{floor_ms:.1f} ms",
                "(information)",
                None,
            ),
        ]
    print()
    return rows


def memory_section(presses: int) -> list[Row]:
    """CareerQuest with its scenario cache warm (the help-desk scenario was played by the
    latency children), as for every game after a player's first; and, for information, a
    first game ever, which checks the scenario with pydantic."""
    import tempfile

    print(f"Peak memory after {presses} presses under Pilot at 80x24 …")
    memory = {w: _run_child(["memory", w, str(presses)]) for w in ("careerquest", "minimal")}
    with tempfile.TemporaryDirectory() as empty:
        cold = _run_child(["memory", "careerquest", str(presses)], env={SCENARIO_CACHE_ENV: empty})
    memory["careerquest, first game"] = cold
    for which, answer in memory.items():
        print(
            f"  {which:<23} peak RSS (VmHWM) {answer['peak_kb'] / 1024:6.1f} MiB; ru_maxrss "
            f"{answer['ru_maxrss_kb'] / 1024:6.1f} MiB (Linux: at least the parent's peak)"
        )
    python_kb = python_baseline_kb()
    print(f"  {'python -c':<23} peak RSS (VmHWM) {python_kb / 1024:6.1f} MiB (the floor of all)")
    print()
    game, minimal = memory["careerquest"]["peak_kb"], memory["minimal"]["peak_kb"]
    return [
        Row(
            "peak RSS: careerquest / minimal",
            f"{game / 1024:.1f} / {minimal / 1024:.1f} MiB",
            "",
            None,
        ),
        Row(
            "peak RSS ratio",
            f"{game / minimal:.2f}×",
            f"≤ {MEMORY_RATIO_TARGET:g}×",
            game / minimal <= MEMORY_RATIO_TARGET,
        ),
    ]


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--launches", type=int, default=7, help="launches of each app")
    parser.add_argument("--presses", type=int, default=PRESSES, help="keypresses per size")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: rough figures")
    parser.add_argument("--profile", action="store_true", help="add a cProfile of the keypresses")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return _child(args.child)

    launches = 3 if args.quick else args.launches
    presses = 12 if args.quick else args.presses
    began = time.perf_counter()
    print(environment())
    print()
    with bytecode_cache(), scenario_cache():
        rows = launch_section(launches) + latency_section(presses) + memory_section(presses)
        print_table(rows)
        print()
        print(environment())
        print(f"benchmark time: {time.perf_counter() - began:.0f} s")
        if args.profile:
            print("\n--- cProfile of the keypresses at 80x24 (inflated by the profiler) ---")
            print(_run_child(["latency", "80x24", str(presses), "profile"])["profile"])
    return 0


def _child(argv: list[str]) -> int:
    import asyncio
    import json

    kind = argv[0]
    answer: dict[str, Any]
    if kind in ("latency", "floor"):
        width, height = (int(n) for n in argv[1].split("x"))
        if kind == "latency":
            profile = argv[3:] == ["profile"]
            answer = asyncio.run(latency_child((width, height), int(argv[2]), profile))
        else:
            answer = asyncio.run(floor_child((width, height), int(argv[2])))
    elif kind == "memory":
        answer = asyncio.run(memory_child(argv[1], int(argv[2])))
    else:
        raise SystemExit(f"unknown child: {argv}")
    print(ANSWER + json.dumps(answer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
