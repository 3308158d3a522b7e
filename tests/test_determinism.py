"""Re-executing a notebook gives outputs identical to the committed ones (text and images)."""

import nbformat
import pytest

from conftest import NOTEBOOKS
from natoasia.execute import execute_notebook

PAIRS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_reexecution_matches_committed_outputs(tmp_path, source):
    fresh = nbformat.read(execute_notebook(source, tmp_path / f"{source.stem}.ipynb"), 4)
    committed = nbformat.read(source.with_suffix(".ipynb"), 4)
    assert len(fresh.cells) == len(committed.cells)
    for index, (new, old) in enumerate(zip(fresh.cells, committed.cells, strict=True)):
        assert new.get("outputs") == old.get("outputs"), (
            f"{source.name} cell {index} output differs from the committed notebook")
    assert nbformat.writes(fresh) == nbformat.writes(committed)
