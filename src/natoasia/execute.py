"""Execute notebooks from their ``.py`` sources into committed, byte-stable ``.ipynb`` files.

The ``.py`` (jupytext percent) file is the source of truth. Execution goes through nbclient
with timing records off and volatile metadata dropped, so a re-run on the same pins leaves
``git status`` clean. (Users rerunning with parameters use papermill and write elsewhere.)
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

KEPT_NOTEBOOK_METADATA = ("kernelspec",)
KERNEL_NAME = "python3"


def kernel_environment() -> None:
    """Settings the kernel inherits: fixed hash seed, inline figures (not a forced backend)."""
    os.environ["PYTHONHASHSEED"] = "0"
    os.environ.pop("MPLBACKEND", None)


def coalesce_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) outputs: how a kernel splits them depends on timing."""
    merged = []
    for output in outputs:
        previous = merged[-1] if merged else None
        if (output.get("output_type") == "stream" and previous is not None
                and previous.get("output_type") == "stream"
                and previous.get("name") == output.get("name")):
            previous["text"] += output["text"]
        else:
            merged.append(output)
    return merged


def strip_volatile(nb):
    """Drop metadata that changes run to run (timings, versions) and keep the rest."""
    nb.metadata = {k: v for k, v in nb.metadata.items() if k in KEPT_NOTEBOOK_METADATA}
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python",
                                 "name": KERNEL_NAME}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        cell.pop("id", None)
        if cell.cell_type == "code":
            cell.outputs = coalesce_streams(cell.outputs)
    nb.nbformat, nb.nbformat_minor = 4, 4
    return nb


def execute_notebook(source: str | Path, target: str | Path | None = None,
                     timeout: int = 900, cwd: str | Path | None = None) -> Path:
    """Run a notebook's ``.py`` in a fresh kernel in its folder; write its ``.ipynb``."""
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    source = Path(source).resolve()
    if source.suffix != ".py":
        raise ValueError(f"{source}: expected the notebook's .py source (jupytext percent format)")
    target = Path(target) if target else source.with_suffix(".ipynb")
    kernel_environment()
    nb = jupytext.read(source)
    client = NotebookClient(nb, timeout=timeout, kernel_name=KERNEL_NAME, record_timing=False,
                            resources={"metadata": {"path": str(cwd or source.parent)}})
    client.execute()
    nb = strip_volatile(nb)
    tmp = target.with_suffix(".ipynb.tmp")
    try:
        nbformat.write(nb, tmp)
        tmp.replace(target)  # never leave a half-written notebook behind
    finally:
        tmp.unlink(missing_ok=True)
    return target


def execute_many(sources: list[str | Path], jobs: int = 1,
                 out_dir: str | Path | None = None) -> list[Path]:
    """Execute several notebooks, ``jobs`` at a time (one kernel each), beside their sources
    or into ``out_dir``."""
    targets = [Path(out_dir) / f"{Path(s).stem}.ipynb" if out_dir else None for s in sources]
    if jobs <= 1 or len(sources) <= 1:
        return [execute_notebook(s, t) for s, t in zip(sources, targets, strict=True)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(execute_notebook, sources, targets))
