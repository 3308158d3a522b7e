"""Student versions of the notebooks: the same notebook with exercise solutions taken out.

Generated from the executed solution notebook, never edited by hand; a test regenerates them
and requires them to equal what is committed in ``student/``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

SOLUTION_TAG = "solution"
PLACEHOLDER = "# Your answer here: this cell held a worked solution in the teacher's version.\n"
REPO = Path(__file__).resolve().parents[2]


def student_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose solution cells are empty exercise cells (no source, no output)."""
    out = nbformat.from_dict(nb)
    for cell in out.cells:
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            cell.source = PLACEHOLDER
            cell.metadata["tags"] = ["exercise"]
            cell.outputs = []
            cell.execution_count = None
    return out


def write_student_versions(notebooks: Path = REPO / "notebooks",
                           out: Path = REPO / "student") -> list[Path]:
    """Write ``student/NN_name.ipynb`` for every executed notebook; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        target = out / source.name
        nbformat.write(student_version(nbformat.read(source, as_version=4)), target)
        written.append(target)
    return written
