"""Rerun a notebook with new parameters: checked before any kernel starts, written elsewhere.

The parameters and their defaults are read from the notebook's own ``parameters`` cell, and
the values are checked by the same ``natoasia.params.validate_*`` call the notebook makes in
the cell after it, so the runner and the notebook can never disagree about what is valid.
Papermill then executes a copy; the repository's notebooks are never written.
"""

from __future__ import annotations

import ast
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from natoasia import params as params_module
from natoasia.params import ParameterError

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
DEFAULT_OUT = Path(tempfile.gettempdir()) / "natoasia-runs"


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    source: Path
    defaults: dict
    validator: str  # name of the natoasia.params function the notebook calls


def _parameters_and_validator(source: Path) -> tuple[dict, str]:
    import jupytext

    cells = jupytext.read(source).cells
    index = next((i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])),
                 None)
    if index is None or index + 1 >= len(cells):
        raise ValueError(f"{source}: no cell tagged 'parameters' followed by a validation cell")
    defaults = {}
    for node in ast.parse(cells[index].source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            defaults[node.targets[0].id] = ast.literal_eval(node.value)
    calls = [n.func.id for n in ast.walk(ast.parse(cells[index + 1].source))
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id.startswith("validate_")]
    if not calls:
        raise ValueError(f"{source}: the cell after 'parameters' calls no validate_* function")
    return defaults, calls[0]


def notebooks(folder: Path = NOTEBOOK_DIR) -> list[NotebookSpec]:
    """Every notebook of the collection with its parameters and defaults."""
    specs = []
    for source in sorted(folder.glob("[0-9][0-9]_*.py")):
        defaults, validator = _parameters_and_validator(source)
        specs.append(NotebookSpec(source.stem, source, defaults, validator))
    return specs


def find(name: str, folder: Path = NOTEBOOK_DIR) -> NotebookSpec:
    """A notebook by stem (``00_overview``), number (``00``) or path."""
    wanted = Path(name).stem
    specs = notebooks(folder)
    for spec in specs:
        if wanted in (spec.name, spec.name[:2]):
            return spec
    raise ValueError(f"unknown notebook {name!r}; notebooks: {', '.join(s.name for s in specs)}")


def parse_value(text: str):
    """A command-line value as YAML: ``1990`` is a number, ``[china]`` a list, ``x`` text."""
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        return text


def check(spec: NotebookSpec, given: dict) -> dict:
    """Defaults overlaid with ``given``, validated as the notebook validates them."""
    unknown = sorted(set(given) - set(spec.defaults))
    if unknown:
        raise ParameterError(
            f"{spec.name}: unknown parameter(s) {', '.join(unknown)}; "
            f"accepted: {', '.join(sorted(spec.defaults))}")
    merged = {**spec.defaults, **given}
    getattr(params_module, spec.validator)(**merged)
    return merged


def run(name: str, given: dict | None = None, out: Path | None = None) -> Path:
    """Validate, then execute a copy of the notebook with papermill; return the output path."""
    import jupytext
    import papermill

    spec = find(name)
    values = check(spec, given or {})
    out = Path(out) if out else DEFAULT_OUT
    out.mkdir(parents=True, exist_ok=True)
    staged = out / f"{spec.name}.input.ipynb"
    jupytext.write(jupytext.read(spec.source), staged)
    target = out / f"{spec.name}.ipynb"
    papermill.execute_notebook(str(staged), str(target), parameters=values,
                               cwd=str(spec.source.parent), kernel_name="python3",
                               progress_bar=False)
    staged.unlink()
    return target
