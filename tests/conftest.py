"""Shared fixtures: where the repository, its data and the seed corpus are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
NOTEBOOKS = REPO / "notebooks"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def corpus_location() -> Path:
    return Path(os.environ.get("NATOASIA_CORPUS") or DEFAULT_CORPUS)


def missing(message: str) -> None:
    """A check whose inputs are absent: in CI (CI set, as .ci/run sets it) that fails the
    test; elsewhere it skips, saying what is missing."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def shared_sources(*parts: str) -> Path:
    """A path under ../shared/sources, the staged datasets; see :func:`missing` if absent."""
    path = REPO.parent.joinpath("shared", "sources", *parts)
    if not path.exists():
        missing(f"staged sources not found at {path}; this check needs them")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The seed corpus; see :func:`missing` if absent."""
    path = corpus_location()
    if not (path / "documents.csv").is_file():
        missing(f"seed corpus not found at {path} (set NATOASIA_CORPUS or place ../shared "
                "beside the repository); this check needs the full texts")
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


# --- corpus pipeline (issue 3): synthetic corpus folders and the opened seed corpus -------


def _write_corpus(folder: Path, texts: dict, rows: list | None = None,
                  header: tuple = ("file", "doc_id", "author", "title", "published",
                                   "date_precision")) -> Path:
    """A corpus folder: the given files (str or bytes) plus a documents.csv (a row per file)."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if rows is None:
        rows = [{"file": name, "doc_id": Path(name).stem, "author": "Jane Roe",
                 "title": f"Title of {Path(name).stem}", "published": "2020",
                 "date_precision": "year"} for name in texts]
    with (folder / "documents.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(header), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return folder


@pytest.fixture
def make_corpus():
    """``make_corpus(folder, {name: text}, rows=None, header=...)`` writes a corpus folder."""
    return _write_corpus


@pytest.fixture(scope="session")
def seed_corpus(corpus_dir):
    """The seed corpus, opened (skips or fails like ``corpus_dir`` when it is missing)."""
    from natoasia.corpus import Corpus

    return Corpus.open(corpus_dir)


def data_fingerprint() -> str:
    """One hash over every file in data/ and notebooks/, to prove a run wrote nothing there
    (runs execute with notebooks/ as their working folder)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted([*DATA.rglob("*"), *NOTEBOOKS.rglob("*")]):
        if path.is_file() and ".ipynb_checkpoints" not in path.parts:
            digest.update(str(path.relative_to(REPO)).encode() + path.read_bytes())
    return digest.hexdigest()


def run_notebook(source: Path, tmp_path: Path, **parameters):
    """Execute a notebook's .py through papermill into ``tmp_path/out.ipynb`` and read it."""
    import jupytext
    import nbformat
    import papermill

    notebook = tmp_path / f"{source.stem}.ipynb"
    jupytext.write(jupytext.read(source), notebook)
    papermill.execute_notebook(str(notebook), str(tmp_path / "out.ipynb"),
                               parameters=parameters, cwd=str(NOTEBOOKS),
                               kernel_name="python3", progress_bar=False)
    return nbformat.read(tmp_path / "out.ipynb", as_version=4)


def assert_stops_in_validation(source: Path, tmp_path: Path, parameters: dict, message: str,
                               validator: str) -> None:
    """A bad parameter stops the run in the validation cell, with ``message``, writing nothing."""
    import nbformat
    import papermill

    before = data_fingerprint()
    with pytest.raises(papermill.PapermillExecutionError) as info:
        run_notebook(source, tmp_path, **parameters)
    assert info.value.ename == "ParameterError"
    assert message in info.value.evalue
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    failing = [c for c in executed.cells
               if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert len(failing) == 1 and validator in failing[0].source
    assert data_fingerprint() == before, "a failed run changed data/"


def glued(notebook) -> dict[str, str]:
    """What a notebook glued with ``myst_nb.glue``, by name, as the site shows it: the stored
    ``text/plain`` read back as ``{glue:text}`` reads it."""
    from myst_nb.core.variables import format_plain_text

    values = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                stored = output["data"][record["mime_prefix"] + "text/plain"]
                values[record["name"]] = format_plain_text(stored, "")
    return values


def errors_in(notebook) -> list:
    """The error outputs of an executed notebook (empty when every cell ran)."""
    return [o for c in notebook.cells for o in c.get("outputs", []) if o.output_type == "error"]
