"""Benchmark the collection as a whole; prints figures and ratios measured in the same run.

1. Executing every notebook (serially, as `natoasia execute` does) against a floor: the same
   execution of a notebook that only imports the modules the real notebook ended up with in
   ``sys.modules`` (its own imports and every library they load lazily, such as nbformat
   and jsonschema the first time a value is glued). Real and floor runs alternate and the
   best of each is kept, so a slow spell on a shared machine falls on both. Target: within 1.3x.
   The seconds beyond the floor are printed too: they are the notebooks' own work, and unlike
   the ratio they do not grow when the imports get cheaper. They are then split three ways,
   with two more variants run in the same alternation: the floor followed by as many empty
   cells as the notebook has code cells (what the kernel and client cost per cell), and the
   notebook with its figures built but neither finished (title, source line) nor stored as
   PNG (what the figures' storing costs).
2. Serial against parallel execution (2 workers, one kernel each).
3. Building the site (Sphinx, myst-nb, no execution).
4. The test suite (`make test`'s pytest command), unless --skip-tests.
5. Importing the package against starting a bare interpreter.

Nothing in the repository is written: executed copies and the site go to a temporary folder.

Usage: .venv/bin/python bench/bench_collection.py [--repeats N] [--skip-tests]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jupytext
import nbformat

from natoasia.execute import execute_many, execute_notebook

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.py"))
PACKAGE_MODULES = "natoasia.data, natoasia.plotting, natoasia.sources, natoasia.params"


MODULES_CELL = ("import json, sys\n"
                "print('MODULES=' + json.dumps(sorted(m for m in sys.modules "
                "if not m.startswith('_') and '._' not in m)))")


def with_module_report(source: Path, folder: Path) -> Path:
    """A copy of the notebook with a last cell printing the modules its kernel loaded."""
    nb = jupytext.read(source)
    nb.cells.append(nbformat.v4.new_code_cell(MODULES_CELL))
    target = folder / f"modules_{source.stem}.py"
    jupytext.write(nb, target, fmt="py:percent")
    return target


def loaded_modules(executed: Path) -> list[str]:
    nb = nbformat.read(executed, as_version=4)
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
    return json.loads(text.split("MODULES=", 1)[1])


def imports_only(modules: list[str], name: str, folder: Path, empty_cells: int = 0) -> Path:
    """The floor: a notebook that imports exactly these modules and does nothing else (then
    runs ``empty_cells`` cells of ``pass``, to measure what a cell costs by itself)."""
    code = ("import importlib\n"
            f"for name in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(name)\n"
            "    except Exception:  # a module that only imports inside its parent's context\n"
            "        pass")
    cells = [nbformat.v4.new_code_cell(code)]
    cells += [nbformat.v4.new_code_cell("pass") for _ in range(empty_cells)]
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    target = folder / f"floor_{name}_{empty_cells}.py"
    jupytext.write(nb, target, fmt="py:percent")
    return target


UNSTORED_CELL = ("import matplotlib.pyplot as plt\n"
                 "from natoasia import plotting\n"
                 "plotting.finish = lambda fig, title, source: fig\n"
                 "plt.show = lambda *args, **kwargs: plt.close('all')")


def without_stored_figures(source: Path, folder: Path) -> Path:
    """A copy of the notebook whose figures are built but neither finished nor stored: right
    after the house style is set, ``finish`` does nothing and ``plt.show()`` closes them."""
    nb = jupytext.read(source)
    at = next(i for i, c in enumerate(nb.cells) if "use_house_style()" in c.source) + 1
    nb.cells.insert(at, nbformat.v4.new_code_cell(UNSTORED_CELL))
    target = folder / f"unstored_{source.stem}.py"
    jupytext.write(nb, target, fmt="py:percent")
    return target


def code_cells(source: Path) -> int:
    return sum(c.cell_type == "code" for c in jupytext.read(source).cells)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def best(action, repeats: int) -> float:
    return min(timed(action) for _ in range(repeats))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timing (best kept)")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    args = parser.parse_args()
    os.chdir(REPO)
    print(f"Collection benchmark: {len(NOTEBOOKS)} notebooks, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.machine()}; best of {args.repeats}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        here = REPO / "notebooks"  # every notebook, floor or real, runs in notebooks/
        variants = {}  # notebook -> {variant: notebook to run}
        for source in NOTEBOOKS:
            report = with_module_report(source, tmp)
            modules = loaded_modules(execute_notebook(report, tmp / "report.ipynb",
                                                      cwd=here))
            variants[source.stem] = {
                "real": source, "floor": imports_only(modules, source.stem, tmp),
                "cells": imports_only(modules, source.stem, tmp, code_cells(source)),
                "unstored": without_stored_figures(source, tmp)}
        # The variants alternate, so a slow spell on this shared machine falls on all of them.
        runs = {name: {variant: [] for variant in runnable} for name, runnable in variants.items()}
        for _ in range(args.repeats):
            for name, runnable in variants.items():
                for variant, notebook in runnable.items():
                    runs[name][variant].append(timed(lambda n=notebook: execute_notebook(
                        n, tmp / f"{n.stem}.ipynb", cwd=here)))
        best_of = {name: {v: min(t) for v, t in times.items()} for name, times in runs.items()}
        per_notebook = [(name, b["real"], b["floor"]) for name, b in best_of.items()]
        serial_floor = sum(b for _, _, b in per_notebook)
        serial = best(lambda: execute_many(NOTEBOOKS, jobs=1, out_dir=tmp), args.repeats)
        parallel_time = best(lambda: execute_many(NOTEBOOKS, jobs=2, out_dir=tmp), args.repeats)

        print("\n1. Executing the notebooks against an imports-only floor (seconds, best of "
              f"{args.repeats} alternating runs)")
        print(f"   {'notebook':34} {'real':>7} {'floor':>7} {'beyond':>7} {'ratio':>6}")
        for name, real, base in per_notebook:
            print(f"   {name:34} {real:7.1f} {base:7.1f} {real - base:7.1f} {real / base:6.2f}")
        total = sum(r for _, r, _ in per_notebook)
        ratio = total / serial_floor
        print(f"   {'collection':34} {total:7.1f} {serial_floor:7.1f} {total - serial_floor:7.1f} "
              f"{ratio:6.2f}  target <= 1.30: {'holds' if ratio <= 1.3 else 'MISSED'}")
        each = [sum(t["real"][i] for t in runs.values())
                / sum(t["floor"][i] for t in runs.values()) for i in range(args.repeats)]
        print("   each run's collection ratio: " + ", ".join(f"{r:.2f}" for r in each))

        print("\n   Where the seconds beyond the floor go (best of each variant):")
        print(f"   {'notebook':34} {'cells':>5} {'per cell':>8} {'storing figures':>15} "
              f"{'the rest':>8}")
        parts = {"cells": 0.0, "figures": 0.0, "rest": 0.0}
        for name, b in best_of.items():
            split = {"cells": b["cells"] - b["floor"], "figures": b["real"] - b["unstored"],
                     "rest": b["unstored"] - b["cells"]}
            parts = {k: parts[k] + v for k, v in split.items()}
            n = code_cells(variants[name]["real"])
            print(f"   {name:34} {n:5d} {split['cells']:8.1f} {split['figures']:15.1f} "
                  f"{split['rest']:8.1f}")
        print(f"   {'collection':34} {'':5} {parts['cells']:8.1f} {parts['figures']:15.1f} "
              f"{parts['rest']:8.1f}")
        unstored = sum(b["unstored"] for b in best_of.values())
        print(f"   Figures built but not stored: {unstored:.1f} s, {unstored / serial_floor:.2f}x "
              "the floor. 'per cell': the floor plus one empty cell per code cell, less the "
              "floor; 'the rest': analyses, tables and building the figures.")

        print("\n2. Serial against parallel execution of the collection (seconds)")
        print(f"   serial {serial:.1f}   parallel (2 workers) {parallel_time:.1f}   "
              f"speed-up {serial / parallel_time:.2f}x")

        site_out = tmp / "site"
        site = best(lambda: subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-b", "html", "-E", "site", str(site_out)],
            check=True, capture_output=True), args.repeats)
        print(f"\n3. Site build (Sphinx, all pages, no execution): {site:.1f} s")

        if args.skip_tests:
            print("\n4. Test suite: skipped (--skip-tests)")
        else:
            env = dict(os.environ, NATOASIA_OFFLINE="1",
                       PYTHONPATH=str(REPO / "tools" / "offline"))
            suite = timed(lambda: subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadfile",
                 "--nbval", "notebooks", "tests", "-p", "no:cacheprovider"],
                check=True, capture_output=True, env=env))
            print(f"\n4. Test suite (pytest -n 2, offline, as `make test`): {suite:.0f} s")

    bare = statistics.median(timed(lambda: subprocess.run(
        [sys.executable, "-c", "pass"], check=True)) for _ in range(5))
    package = statistics.median(timed(lambda: subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE_MODULES}"], check=True)) for _ in range(5))
    print(f"\n5. Import of {PACKAGE_MODULES}: {package:.2f} s against a bare interpreter "
          f"{bare:.2f} s (cost of the package and its libraries {package - bare:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
