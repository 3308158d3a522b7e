"""Output folders a command creates, so that a failed command can remove them again.

``natoasia run`` and ``natoasia corpus features`` write into a folder the user names, which
may not exist yet; if the command fails, it leaves no folder behind that it created.
"""

from __future__ import annotations

import os
from pathlib import Path


def missing_folders(folder: str | os.PathLike) -> list[Path]:
    """``folder`` and those of its parents that do not exist yet, outermost first."""
    missing, folder = [], Path(folder).absolute()
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    return missing[::-1]


def remove_empty_folders(folders: list[Path]) -> None:
    """Remove ``folders`` (as ``missing_folders`` lists them), innermost first, while empty."""
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            return
