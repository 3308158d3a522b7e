"""Benchmark the collection as a whole; prints figures and ratios measured in the same run.

1. Executing every notebook (serially, as `natoasia execute` does) against a floor: the same
   execution of a notebook that only imports the modules the real notebook ended up with in
   ``sys.modules`` (its own imports and every library they load lazily, such as nbformat
   and jsonschema the first time a value is glued). Real and floor runs alternate and the
   best of each is kept, so a slow spell on a shared machine falls on both. Target: within 1.3x.
   The seconds beyond the floor are printed too: they are the notebooks' own work, and unlike
   the ratio they do not grow when the imports get cheaper.
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


def imports_only(modules: list[str], name: str, folder: Path) -> Path:
    """The floor: a notebook that imports exactly these modules and does nothing else."""
    code = ("import importlib\n"
            f"for name in {modules!r}:\n"
            "    try:\n"
            "        importlib.import_module(name)\n"
            "    except Exception:  # a module that only imports inside its parent's context\n"
            "        pass")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    target = folder / f"floor_{name}.py"
    jupytext.write(nb, target, fmt="py:percent")
    return target


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
        pairs = []
        for source in NOTEBOOKS:
            report = with_module_report(source, tmp)
            modules = loaded_modules(execute_notebook(report, tmp / "report.ipynb",
                                                      cwd=here))
            pairs.append((source, imports_only(modules, source.stem, tmp)))
        # Real and floor runs alternate, so a slow spell on this shared machine falls on both.
        runs = {source.stem: ([], []) for source, _ in pairs}
        for _ in range(args.repeats):
            for source, floor in pairs:
                real_times, floor_times = runs[source.stem]
                real_times.append(timed(lambda s=source: execute_notebook(
                    s, tmp / f"{s.stem}.ipynb")))
                floor_times.append(timed(lambda f=floor: execute_notebook(
                    f, tmp / f"{f.stem}.ipynb", cwd=here)))
        per_notebook = [(name, min(real), min(floor)) for name, (real, floor) in runs.items()]
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
        each = [sum(real[i] for real, _ in runs.values())
                / sum(floor[i] for _, floor in runs.values()) for i in range(args.repeats)]
        print("   each run's collection ratio: " + ", ".join(f"{r:.2f}" for r in each))

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
