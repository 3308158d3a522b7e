"""What each notebook's figures cost in its kernel: the price list behind the collection's ratio.

`bench_collection.py` finds the notebooks about 1.8x their imports-only floor (5–7 s of work
beyond it), against a target of 1.3x. This script shows where that work goes, figure by figure,
so that a choice about content (which figures, how much text in them) can be made with the
costs in view.

Each notebook runs as `natoasia execute` runs it, with a first cell that times, for every
figure: **build**, from the figure's creation to its `plotting.finish` call (data, artists,
layout); **source line**, `plotting.finish` itself (title, and the source line placed under
everything already drawn, which lays out all the figure's text); **render**, the PNG the
notebook stores (`plotting._figure_png`: crop and draw). A last cell reports the times and the
kernel's own time for the whole notebook, so the figures' share of it is measured in the same
run. The first figure of each notebook also pays one-off costs (loading fonts, the first draw).

Nothing in the repository is written: the instrumented copies run in a temporary folder.

Usage: .venv/bin/python bench/bench_figures.py
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import jupytext
import nbformat

from natoasia.execute import execute_notebook

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.py"))

TIMERS = '''\
import time
import matplotlib.pyplot as _plt
from matplotlib.text import Text as _Text
import natoasia.plotting as _plotting

_kernel_start = time.perf_counter()
_figures = {}
_new_figure, _finish, _png = _plt.figure, _plotting.finish, _plotting._figure_png


def _timed_figure(*args, **kwargs):
    fig = _new_figure(*args, **kwargs)
    _figures[id(fig)] = {"created": time.perf_counter()}
    return fig


def _timed_finish(fig, title, source):
    start = time.perf_counter()
    _finish(fig, title, source)
    row = _figures.setdefault(id(fig), {"created": start})
    row.update(title=title, build=start - row["created"], note=time.perf_counter() - start,
               texts=len(fig.findobj(_Text)))
    return fig


def _timed_png(fig):
    start = time.perf_counter()
    png = _png(fig)
    _figures.setdefault(id(fig), {})["render"] = time.perf_counter() - start
    return png


_plt.figure, _plotting.finish, _plotting._figure_png = _timed_figure, _timed_finish, _timed_png
'''
REPORT = ("import json\n"
          "print('FIGURES=' + json.dumps({'kernel': time.perf_counter() - _kernel_start, "
          "'figures': [f for f in _figures.values() if 'render' in f]}))")


def instrumented(source: Path, folder: Path) -> Path:
    """A copy of the notebook that times its figures and reports them in a last cell."""
    nb = jupytext.read(source)
    nb.cells.insert(0, nbformat.v4.new_code_cell(TIMERS))
    nb.cells.append(nbformat.v4.new_code_cell(REPORT))
    target = folder / source.name
    jupytext.write(nb, target, fmt="py:percent")
    return target


def report(executed: Path) -> dict:
    nb = nbformat.read(executed, as_version=4)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    return json.loads(text.split("FIGURES=", 1)[1])


def main() -> int:
    print(f"Figure costs inside the kernels ({len(NOTEBOOKS)} notebooks, seconds)")
    print(f"   {'figure':58} {'texts':>5} {'build':>6} {'source':>6} {'render':>6} {'total':>6}")
    everything = kernels = 0.0
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        for source in NOTEBOOKS:
            copy = instrumented(source, Path(tmp))
            result = report(execute_notebook(copy, Path(tmp) / f"{source.stem}.ipynb",
                                             cwd=source.parent))
            spent = 0.0
            print(f" {source.stem}")
            for fig in result["figures"]:
                total = fig.get("build", 0.0) + fig.get("note", 0.0) + fig["render"]
                spent += total
                print(f"   {fig.get('title', '(no title)')[:58]:58} {fig.get('texts', 0):5d} "
                      f"{fig.get('build', 0.0):6.2f} {fig.get('note', 0.0):6.2f} "
                      f"{fig['render']:6.2f} {total:6.2f}")
            print(f"   {'figures / whole notebook in its kernel':58} {'':5} {'':6} {'':6} "
                  f"{spent:6.2f} / {result['kernel']:.2f}")
            everything += spent
            kernels += result["kernel"]
            count += len(result["figures"])
    print(f"\n{count} figures: {everything:.1f} s of the notebooks' {kernels:.1f} s in their "
          f"kernels ({everything / kernels:.0%}, imports included in the latter)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
