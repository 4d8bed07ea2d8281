"""Atomic file writes: a reader sees the old file or the new one, never half of either.

Saves must never get lost, so they (and the settings file) are written
to a temporary file in the *same* folder (a rename across file systems is not atomic),
flushed and fsynced, then moved over the target with :func:`os.replace`, and finally
the folder itself is fsynced so the rename survives a power cut (where the platform allows it).
If anything fails, the temporary file is removed and the old file is untouched.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

#: Temporary files start with a dot and end with this, so listings can skip them.
TEMP_SUFFIX = ".tmp"
_DEFAULT_MODE = 0o644


def atomic_write_text(path: str | Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically, creating its folder if needed.

    Raises :class:`OSError` on failure, with the old file (if any) left as it was. An existing
    file keeps its permission bits; a new one gets ``0o644``.
    """
    atomic_write_bytes(path, text.encode(encoding))


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; see :func:`atomic_write_text`."""
    target = Path(path)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = _DEFAULT_MODE
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    fsync_dir(folder)


def fsync_dir(folder: str | Path) -> None:
    """Flush a folder's entries (renames, deletions) to disk; a no-op where unsupported."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:  # Windows cannot open a folder this way; its renames are durable enough.
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)
