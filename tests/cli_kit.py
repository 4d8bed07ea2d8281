"""Run the real ``careerquest`` command in a subprocess, as a user or a script would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent.parent


def careerquest(
    *args: str,
    cwd: Path = ROOT,
    stdin: str | bytes = "",
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[Any]:
    """``python -m careerquest ARGS`` from this checkout; text in and out unless given bytes."""
    as_text = isinstance(stdin, str)
    return subprocess.run(
        [sys.executable, "-m", "careerquest", *args],
        input=stdin,
        capture_output=True,
        text=as_text,
        encoding="utf-8" if as_text else None,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})},
        cwd=cwd,
        timeout=120,
        check=False,
    )
