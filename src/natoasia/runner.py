"""Rerun a notebook with new parameters: checked before any kernel starts, written elsewhere.

The parameters and their defaults are read from the notebook's own ``parameters`` cell, and
the values are checked by the same ``natoasia.params.validate_*`` call the notebook makes in
the cell after it, so the runner and the notebook can never disagree about what is valid.
Papermill then executes a copy held in memory; the repository's notebooks are never written.
The executed notebook reaches ``--out`` only when every cell ran: a failed run leaves nothing
there (not even the folder, if the run created it) and is reported in one line.
"""

from __future__ import annotations

import ast
import io
import os
import re
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

import yaml

from natoasia import params as params_module
from natoasia.folders import missing_folders, remove_empty_folders
from natoasia.params import ParameterError

REPOSITORY = Path(__file__).resolve().parents[2]
NOTEBOOK_DIR = REPOSITORY / "notebooks"
DEFAULT_OUT = Path(tempfile.gettempdir()) / "natoasia-runs"
# Parameters that name a folder: made absolute before validation, because the kernel runs in
# the notebook's folder, not in the caller's, and both must see the same folder.
PATH_PARAMETERS = ("corpus_dir",)
FILE_FORM = "a parameters file holds YAML 'name: value' lines, e.g. 'start_year: 1990'"
VALUE_FORM = "a YAML value such as 1990, '[china, general]' or plain text"
# The kernel's own log (a warning at every start, a KeyboardInterrupt logged when it is shut
# down after a failed cell) is not the user's business: a failure is reported in one line.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
ARROW = re.compile(r"\s*-+>\s*\d+\s(.*)")  # IPython's pointer to the failing line


class RunError(RuntimeError):
    """The notebook failed in the kernel; the message is one line naming notebook and cell."""


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    source: Path
    defaults: dict
    validator: str  # name of the natoasia.params function the notebook calls
    notes: dict  # parameter -> its comment in the parameters cell, above or after (what it accepts)


def _comment_above(lines: list[str], lineno: int) -> str:
    """The comment lines right above line ``lineno`` (1-based), joined, without ``#``."""
    above = []
    for line in reversed(lines[:lineno - 1]):
        if not line.lstrip().startswith("#"):
            break
        above.append(line.lstrip()[1:].strip())
    return " ".join(reversed(above))


def _trailing_comments(source: str) -> dict[int, str]:
    """Line number (1-based) -> the comment that ends that line, without ``#``."""
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    return {tok.start[0]: tok.string[1:].strip() for tok in tokens
            if tok.type == tokenize.COMMENT and tok.line.split("#")[0].strip()}


def _parameters_and_validator(source: Path) -> tuple[dict, str, dict]:
    import jupytext

    cells = jupytext.read(source).cells
    index = next((i for i, c in enumerate(cells) if "parameters" in c.metadata.get("tags", [])),
                 None)
    if index is None or index + 1 >= len(cells):
        raise ValueError(f"{source}: no cell tagged 'parameters' followed by a validation cell")
    defaults, notes = {}, {}
    lines = cells[index].source.splitlines()
    trailing = _trailing_comments(cells[index].source)
    for node in ast.parse(cells[index].source).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)):
            raise ValueError(f"{source}: line {node.lineno} of the parameters cell is not "
                             "'name = value'; the cell holds only such lines and comments")
        try:
            defaults[node.targets[0].id] = ast.literal_eval(node.value)
        except ValueError:
            raise ValueError(f"{source}: parameter {node.targets[0].id!r} is not a literal "
                             "value (a number, text, list, mapping or None)") from None
        notes[node.targets[0].id] = " ".join(filter(None, [
            _comment_above(lines, node.lineno),
            *(trailing.get(n, "") for n in range(node.lineno, node.end_lineno + 1))]))
    calls = [n.func.id for n in ast.walk(ast.parse(cells[index + 1].source))
             if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
             and n.func.id.startswith("validate_")]
    if not calls:
        raise ValueError(f"{source}: the cell after 'parameters' calls no validate_* function")
    return defaults, calls[0], notes


def notebooks(folder: Path | None = None) -> list[NotebookSpec]:
    """Every notebook of the collection (default: ``NOTEBOOK_DIR``) with its defaults."""
    specs = []
    for source in sorted(Path(folder or NOTEBOOK_DIR).glob("[0-9][0-9]_*.py")):
        defaults, validator, notes = _parameters_and_validator(source)
        specs.append(NotebookSpec(source.stem, source, defaults, validator, notes))
    return specs


def find(name: str, folder: Path | None = None) -> NotebookSpec:
    """A notebook by stem (``00_overview``), number (``00``) or path.

    A path to an existing ``.py`` file runs that file (a researcher's edited copy, say),
    checked by the validator its own parameters cell is followed by.
    """
    path = Path(name).expanduser()
    if path.suffix == ".py" and path.is_file():
        path = path.resolve()
        return NotebookSpec(path.stem, path, *_parameters_and_validator(path))
    wanted = path.stem
    specs = notebooks(folder)
    for spec in specs:
        if wanted in (spec.name, spec.name[:2]):
            return spec
    raise ValueError(f"unknown notebook {name!r}; notebooks: {', '.join(s.name for s in specs)}")


class _UniqueKeyLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that refuses a key given twice in one mapping (YAML says last wins)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _value in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag.endswith(":merge"):
                continue
            key, line = self.construct_object(key_node, deep=True), key_node.start_mark.line + 1
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} is given twice (first at line {seen[key]}); give "
                                "each key once", key_node.start_mark)
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _yaml_problem(exc: yaml.YAMLError) -> tuple[int | None, str]:
    """(line from 1 or None, one-line description) of a YAML error."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    if (context and context.startswith("while ") and start is not None and mark is not None
            and start.line < mark.line):
        line = start.line + 1  # report where the unfinished construct (a '[', a quote) began
        problem = f"{context} that starts at column {start.column + 1}: {problem}"
    elif context:
        problem = f"{context}{',' if problem.startswith('but ') else ':'} {problem}"
    if "'\\t'" in problem:
        problem += " (indent with spaces, not tabs)"
    return line, " ".join(problem.split())


def parse_value(text: str, name: str | None = None):
    """A command-line value as YAML: ``1990`` is a number, ``[china]`` a list, ``x`` text.

    Text that is not valid YAML (``[riga``) is refused, naming the parameter, rather than
    passed on as a string the user did not mean.
    """
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        _line, problem = _yaml_problem(exc)
        who = f"parameter '{name}'" if name else "value"
        raise ValueError(f"{who}: {text!r} is not valid YAML ({problem}); "
                         f"accepted: {VALUE_FORM}") from None


def read_parameter_file(path: str | os.PathLike) -> dict:
    """The mapping of parameter names to values in a YAML file; any problem is one line."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ValueError(f"{path}: no such parameters file; {FILE_FORM}") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 (byte {exc.start}); {FILE_FORM}") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the parameters file "
                         f"({exc.strerror or exc}); {FILE_FORM}") from None
    try:
        loaded = yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader: no arbitrary objects
    except yaml.YAMLError as exc:
        line, problem = _yaml_problem(exc)
        where = f"{path}, line {line}" if line else str(path)
        raise ValueError(f"{where}: {problem}; {FILE_FORM}") from None
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise ValueError(f"{path}: holds a {type(loaded).__name__}, not a mapping of parameter "
                         f"names to values; {FILE_FORM}")
    names = [k for k in loaded if not isinstance(k, str)]
    if names:
        raise ValueError(f"{path}: {names[0]!r} is not a parameter name; {FILE_FORM}")
    return loaded


def _absolute_paths(given: dict) -> dict:
    """Path-valued parameters as absolute paths (``~`` expanded), as the caller meant them."""
    return {name: (os.path.abspath(os.path.expanduser(value))
                   if name in PATH_PARAMETERS and isinstance(value, str) and value else value)
            for name, value in given.items()}


def check(spec: NotebookSpec, given: dict) -> dict:
    """Defaults overlaid with ``given``, validated as the notebook validates them.

    Path-valued parameters (``PATH_PARAMETERS``) are made absolute first, so the values
    returned, which the kernel receives, name the folder that was checked.
    """
    unknown = sorted(set(map(str, given)) - set(spec.defaults))
    if unknown:
        raise ParameterError(
            f"{spec.name}: unknown parameter(s) {', '.join(unknown)}; "
            f"accepted: {', '.join(sorted(spec.defaults))}")
    merged = _absolute_paths({**spec.defaults, **given})
    getattr(params_module, spec.validator)(**merged)
    return merged


def _last_line(text: str) -> str:
    lines = [line.strip() for line in ANSI.sub("", text or "").splitlines() if line.strip()]
    return lines[-1] if lines else ""


def _failure(spec: NotebookSpec, exc: Exception, parameters_cell: int) -> str:
    """One line for a cell that raised: the cell's place in the notebook and the error."""
    # papermill counts its injected-parameters cell, which sits after the parameters cell
    index = exc.cell_index - (1 if exc.cell_index > parameters_cell else 0)
    message = _last_line(exc.evalue)
    if not message:  # e.g. a bare assert: show the failing line the traceback points at
        # IPython marks the failing line "---->", or "--->" when its number has more digits
        arrows = [m.group(1) for t in exc.traceback or [] for line in t.splitlines()
                  if (m := ARROW.match(ANSI.sub("", line)))]
        message = arrows[-1].strip() if arrows else ""
        message = f"at '{message}'" if message else "(no message)"
    return f"{spec.name} failed in cell {index + 1}: {exc.ename}: {message}"


def _check_out(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out}: exists and is not a folder; give a folder for the "
                         "executed notebook (it is created if missing)")
    if out.resolve().is_relative_to(REPOSITORY):
        raise ValueError(f"--out {out}: is inside the repository ({REPOSITORY}), whose "
                         "notebooks are the committed results; give a folder outside it")


def _prepare_out(out: Path) -> list[Path]:
    """Create ``out`` if needed; return the folders created (outermost first)."""
    created = missing_folders(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        remove_empty_folders(created)
        raise ValueError(f"--out {out}: cannot create the folder ({exc.strerror or exc}); give "
                         "a folder you can write") from None
    return created


def run(name: str, given: dict | None = None, out: Path | None = None,
        student: bool = False) -> Path:
    """Validate, then execute a copy of the notebook with papermill; return the output path.

    ``student=True`` runs the student version instead (:func:`natoasia.student.student_version`:
    the exercise solutions taken out), so a rerun set as an exercise does not print its answers;
    it is written as ``<notebook>_student.ipynb``.

    Bad parameters or an unusable ``out`` raise ``ValueError`` (``ParameterError``) before
    a kernel starts. A cell that fails raises ``RunError``, whose one-line message names the
    notebook, the cell (counted from 1 in the notebook, as ``jupytext`` and Jupyter order
    them) and the kernel's error. Either way nothing is left in ``out`` (nor ``out`` itself
    if the run created it): the notebook is executed in memory, written to a hidden file
    in ``out`` and renamed to ``<notebook>.ipynb`` only when every cell ran.
    """
    import jupytext
    import nbformat
    import papermill
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    spec = find(name)
    out = Path(out).expanduser() if out else DEFAULT_OUT
    _check_out(out)  # before the (slower) validation
    values = check(spec, given or {})
    created = _prepare_out(out)
    target = out / f"{spec.name}{'_student' if student else ''}.ipynb"  # neither overwrites
    partial = None
    try:
        try:  # made before the kernel starts, so an unwritable folder costs no run
            partial = out / f".{spec.name}.ipynb.{os.getpid()}.partial"
            partial.touch()
        except OSError as exc:
            raise ValueError(f"--out {out}: cannot write there ({exc.strerror or exc}); give "
                             "a folder you can write") from None
        notebook = jupytext.read(spec.source)
        if student:
            from natoasia.student import fill_glued_values, student_version

            notebook = student_version(notebook)
        parameters_cell = next(i for i, c in enumerate(notebook.cells)
                               if "parameters" in c.metadata.get("tags", []))
        try:
            executed = papermill.execute_notebook(
                notebook, None, parameters=values, cwd=str(spec.source.parent),
                kernel_name="python3", language="python", progress_bar=False,
                extra_arguments=KERNEL_ARGUMENTS)
        except papermill.PapermillExecutionError as exc:
            raise RunError(_failure(spec, exc, parameters_cell)) from None
        except (DeadKernelError, CellTimeoutError) as exc:
            raise RunError(f"{spec.name} failed: {type(exc).__name__}: "
                           f"{_last_line(str(exc)) or 'the kernel stopped'}") from None
        if student:  # the text gets this run's values, as the committed copies get theirs
            executed = fill_glued_values(executed)
        executed.metadata.papermill["input_path"] = str(spec.source)
        executed.metadata.papermill["output_path"] = str(target)
        partial.write_text(nbformat.writes(executed), encoding="utf-8")
        os.replace(partial, target)
        partial = None
    except BaseException:
        if partial is not None:
            partial.unlink(missing_ok=True)
        remove_empty_folders(created)
        raise
    return target
