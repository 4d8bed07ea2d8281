"""The architecture's promises, checked from outside: no Textual below the UI, a working wheel.

Author tools and plain play must start fast and run where Textual cannot (CI, screen readers
on a dumb terminal), so everything but ``careerquest.tui`` and the command that opens it must
import without it. And the game must work when installed from a wheel, not only from a
source checkout: bundled scenarios live in a different place there.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
TINY = ROOT / "tests" / "data" / "tiny.toml"
UI_MODULES = ("careerquest.tui", "careerquest.commands.play", "careerquest.__main__")

#: Imports every module of the package except the UI ones, without importing a UI package
#: even to look inside it (``pkgutil.walk_packages`` would), then reports what was imported.
IMPORT_ALL = f"""
import importlib, pkgutil, sys
import careerquest

skip = {UI_MODULES!r}
names = []

def walk(package):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        if info.name.startswith(skip):
            continue
        module = importlib.import_module(info.name)
        names.append(info.name)
        if info.ispkg:
            walk(module)

walk(careerquest)
print(",".join(names))
print("textual" in sys.modules)
"""


def run_python(*args: str, cwd: Path = ROOT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def test_non_ui_modules_do_not_import_textual() -> None:
    result = run_python("-c", IMPORT_ALL)
    assert result.returncode == 0, result.stderr
    names, textual_loaded = result.stdout.splitlines()
    imported = names.split(",")
    for expected in ("careerquest.plain", "careerquest.commands.check", "careerquest.engine.game"):
        assert expected in imported
    assert textual_loaded == "False"


@pytest.mark.parametrize(
    ("args", "stdin"),
    [
        (("check", str(TINY)), ""),
        (("list",), ""),
        (("play", str(TINY), "--plain", "--save-dir", "{tmp}"), "1\n" * 100),
    ],
)
def test_commands_without_a_ui_never_import_textual(
    args: tuple[str, ...], stdin: str, tmp_path: Path
) -> None:
    argv = [arg.format(tmp=tmp_path) for arg in args]
    result = run_python("-X", "importtime", "-m", "careerquest", *argv, stdin=stdin)
    assert result.returncode == 0, result.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines()]
    assert "careerquest.cli" in imported
    assert not [name for name in imported if name.split(".")[0] == "textual"]


TITLE_ONLY = """
import asyncio, sys
from pathlib import Path
from careerquest.cli import build_parser
from careerquest.tui.app import create_app

async def main(folder):
    build_parser("play")
    app = create_app(save_dir=Path(folder, "saves"), settings_path=Path(folder, "settings.toml"))
    async with app.run_test() as pilot:
        await pilot.pause()
        print(type(app.screen).__name__)

asyncio.run(main(sys.argv[1]))
heavy = ("careerquest.engine.game", "careerquest.scenario.runtime", "pydantic")
print(",".join(sorted(m for m in sys.modules if m.startswith(heavy))))
"""


def test_the_title_screen_starts_without_the_engine_or_pydantic(tmp_path: Path) -> None:
    """Launch time is the time to the title screen: what only a game needs waits for one."""
    result = run_python("-c", TITLE_ONLY, str(tmp_path))
    assert result.returncode == 0, result.stderr
    screen, heavy = result.stdout.splitlines()
    assert screen == "TitleScreen"
    assert heavy == ""


@pytest.mark.slow
def test_installed_wheel_plays_from_another_folder(tmp_path: Path) -> None:
    """``pip install .`` (not editable) gives a working game, run from anywhere.

    The wheel is built once and installed with ``--no-deps`` into a fresh venv, whose
    dependencies come from this test environment through a ``.pth`` line naming its
    site-packages, so the test needs no network and stays fast. A ``.pth`` *path* line adds
    that folder only; the ``.pth`` files inside it are not run, so an editable install of
    careerquest there cannot shadow the wheel (which the test also checks). A plain
    ``venv --system-site-packages`` would not do: run from a venv, it exposes the base
    interpreter's packages, not this environment's.
    """
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels)]
    if importlib.util.find_spec("hatchling") is not None:
        build.append("--no-build-isolation")  # offline when the backend is already here
    subprocess.run([*build, str(ROOT)], check=True, timeout=300)
    (wheel,) = wheels.glob("careerquest-*.whl")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = ["install", "--no-deps", "--no-index", "-q", str(wheel)]
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), *install], check=True, timeout=300
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = dict.fromkeys(sysconfig.get_paths()[key] for key in ("purelib", "platlib"))
    (Path(site) / "_test_env.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["CAREERQUEST_SAVE_DIR"] = str(tmp_path / "saves")

    def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args,
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=elsewhere,
            timeout=120,
            check=False,
        )

    where = run(str(python), "-c", "import careerquest; print(careerquest.__file__)")
    assert where.stdout.startswith(str(venv)), where.stdout + where.stderr
    listed = run(str(venv / "bin" / "careerquest"), "list")
    assert listed.returncode == 0, listed.stderr
    assert "help-desk:" in listed.stdout
    played = run(
        str(venv / "bin" / "careerquest"), "play", "help-desk", "--plain", stdin="1\n" * 2000
    )
    assert played.returncode == 0, played.stderr
    assert any(line.startswith("Ending: ") for line in played.stdout.splitlines())
    assert (tmp_path / "saves" / "autosave-help-desk.toml").is_file()
