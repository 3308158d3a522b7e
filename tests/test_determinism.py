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


def test_stream_outputs_split_by_timing_are_joined():
    from nbformat.v4 import new_output

    from natoasia.execute import coalesce_streams

    outputs = [new_output("stream", name="stdout", text="a\n"),
               new_output("stream", name="stdout", text="b\n"),
               new_output("stream", name="stderr", text="c\n"),
               new_output("display_data", data={"text/plain": "d"}),
               new_output("stream", name="stdout", text="e\n")]
    merged = coalesce_streams(outputs)
    assert [(o.output_type, o.get("name"), o.get("text")) for o in merged] == [
        ("stream", "stdout", "a\nb\n"), ("stream", "stderr", "c\n"),
        ("display_data", None, None), ("stream", "stdout", "e\n")]
