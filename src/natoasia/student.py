"""Student versions of the notebooks: the same notebook with exercise solutions taken out.

Generated from the executed solution notebook, never edited by hand; a test regenerates them
and requires them to equal what is committed in ``student/``. Each solution cell becomes an
empty exercise cell naming its exercise, and a note under the title says what the notebook
needs to run (the ``natoasia`` package and ``data/``, that is a clone of the repository).
JupyterLab does not render myst-nb's ``{glue:text}`` roles, so the values the executed
notebook stored for them are written into the Markdown, as the website shows them.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from natoasia.prose import markdown_literal

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
NOTE_TAG = "student-note"
PLACEHOLDER = "# Exercise {number}: your answer here\n"
GLUE_TEXT = re.compile(r"\{glue:text\}`([^`]+)`")
# A solution cell opens with "# Exercise N: ..." (CONTRIBUTING); the number is read from it.
EXERCISE_HEADING = re.compile(r"\A\s*#\s*Exercise\s+(\d+)\b", re.IGNORECASE)
REPO = Path(__file__).resolve().parents[2]

NOTE = """\
**Student version.** The worked solutions are taken out: each exercise has an empty code \
cell that starts `# Exercise N: your answer here`.

**What it needs to run.** This notebook imports the collection's `natoasia` package and \
reads the tables in `data/`, so it does not run on its own (a downloaded copy, or Colab, \
stops at the first import). Work in a clone of the repository: run `make setup` at its \
root, which creates `.venv` with the package and its pinned dependencies, then start \
`.venv/bin/jupyter lab` there and open this notebook from `student/`. Binder builds the \
same environment when the repository is public on GitHub: the collection's website offers \
a "student version on Binder" link on each notebook page when it is built with \
`NATOASIA_REPOSITORY_URL` set.

**Numbers in the text** are those of the run this copy comes from (the default parameters for \
the copy in `student/`, yours for a `natoasia run --student` output): the code computes them \
and hands them to the text with `glue("name", value)`. When you change a parameter here, the \
code cells compute new values but the text keeps these: print the expression a `glue` call \
is given to see the value for your run.
"""


def exercise_number(source: str) -> int | None:
    """The exercise a solution cell answers, from its opening ``# Exercise N`` comment."""
    match = EXERCISE_HEADING.match(source)
    return int(match.group(1)) if match else None


def placeholder(number: int) -> str:
    return PLACEHOLDER.format(number=number)


def note_cell() -> nbformat.NotebookNode:
    """The Markdown cell under a student notebook's title: what changed, what it needs."""
    return nbformat.from_dict({"cell_type": "markdown", "metadata": {"tags": [NOTE_TAG]},
                               "source": NOTE})


def glued_text(nb: nbformat.NotebookNode) -> dict[str, str]:
    """The text/plain each ``glue()`` call stored in an executed notebook, by name."""
    values = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                values[record["name"]] = output["data"].get(record["mime_prefix"] + "text/plain")
    return values


def with_glued_values(markdown: str, values: dict[str, str]) -> str:
    """Markdown with each ``{glue:text}`key[:format]``` role replaced by its stored value,
    formatted as myst-nb formats it on the website; a role with no stored value stays."""
    from myst_nb.core.variables import format_plain_text

    def paste(match: re.Match) -> str:
        role = match.group(1)
        key, fmt = role.rsplit(":", 1) if ":" in role else (role, "s")  # as myst-nb reads it
        if values.get(key) is None:
            return match.group(0)
        return markdown_literal(format_plain_text(values[key], fmt))

    return GLUE_TEXT.sub(paste, markdown)


def fill_glued_values(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """``nb`` (executed) with the values its ``glue()`` calls stored written into its Markdown."""
    values = glued_text(nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown" and values:
            cell.source = with_glued_values(cell.source, values)
    return nb


def student_version(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` whose solution cells are empty exercise cells (no output), each naming
    its exercise, with :func:`note_cell` under the title (the first cell) and, when ``nb`` has
    been executed, the glued values in its Markdown (:func:`with_glued_values`).

    A solution cell without a ``# Exercise N`` opening takes the number after the previous
    exercise's."""
    out = fill_glued_values(nbformat.from_dict(nb))
    number = 0
    for cell in out.cells:
        if SOLUTION_TAG in cell.metadata.get("tags", []):
            number = exercise_number(cell.source) or number + 1
            cell.source = placeholder(number)
            cell.metadata["tags"] = [EXERCISE_TAG]
            cell.outputs = []
            cell.execution_count = None
    note = note_cell()
    if (out.nbformat, out.nbformat_minor) >= (4, 5):  # cells carry ids from nbformat 4.5 on
        note["id"] = NOTE_TAG
    out.cells.insert(1 if out.cells else 0, note)
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
