"""The runner: parameters read from the notebook, checked before a kernel starts; student copies."""

import hashlib
import os
import re

import nbformat
import papermill
import pytest

from conftest import NOTEBOOKS, REPO
from natoasia import cli, runner
from natoasia import params as params_module
from natoasia.params import ParameterError
from natoasia.student import (
    NOTE_TAG,
    exercise_number,
    glued_text,
    placeholder,
    student_version,
    with_glued_values,
    write_student_versions,
)


def test_list_shows_every_notebook_with_its_defaults(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for source in NOTEBOOKS.glob("[0-9][0-9]_*.py"):
        assert f"\n{source.stem}\n" in f"\n{out}"
    assert "    start_year = 1949\n" in out
    # each parameter's comment in the parameters cell says what it accepts
    assert ("    window = 'paragraph'\n        " in out and "    start_year = 1949\n        Years "
            "shown, 1949 to 2024.\n" in out)
    assert runner.find("01").notes["closed_countries"].startswith(
        'Countries closed to transit, for example ["Pakistan"]. Afghanistan must stay')
    assert runner.find("00").notes["end_year"] == ""  # shares the comment above start_year
    assert runner.find("02").notes["year"] == "year of the spending comparison, 2000-2023"
    assert "    metric = 'constant_usd'\n        \"constant_usd\" (constant 2022 US$)" in out


def test_specs_name_the_validator_the_notebook_calls():
    spec = runner.find("00")
    assert spec.validator == "validate_overview"
    assert spec.defaults == {"themes": ["central_asia", "global_partners", "china", "general"],
                             "start_year": 1949, "end_year": 2024, "corpus_dir": None}


@pytest.mark.parametrize(("text", "value"), [("1990", 1990), ("[china, general]",
                                             ["china", "general"]), ("china", "china")])
def test_values_are_read_as_yaml(text, value):
    assert runner.parse_value(text) == value


@pytest.mark.parametrize(("text", "message"), [
    ("[riga", "parameter 'origin': '[riga' is not valid YAML (while parsing a flow sequence: "
              "expected ',' or ']', but got '<stream end>'); accepted: a YAML value such as"),
    ("{rail: 1, rail: 2}", "parameter 'origin': '{rail: 1, rail: 2}' is not valid YAML (key "
                           "'rail' is given twice"),
])
def test_a_value_that_is_not_yaml_is_refused_naming_the_parameter(text, message):
    with pytest.raises(ValueError) as info:
        runner.parse_value(text, "origin")
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


@pytest.fixture
def no_kernel(monkeypatch):
    """Fail the test if papermill is reached: bad values must stop before any kernel."""
    def refuse(*args, **kwargs):
        raise AssertionError("papermill was started for an invalid run")
    monkeypatch.setattr(papermill, "execute_notebook", refuse)


@pytest.mark.parametrize(
    ("given", "message"),
    [({"start_year": 1800}, "parameter 'start_year': 1800 is outside"),
     ({"themes": ["space"]}, "unknown value(s) 'space'"),
     ({"start": 1990}, "00_overview: unknown parameter(s) start; accepted: corpus_dir, "
                       "end_year, start_year, themes")],
)
def test_bad_values_fail_before_the_kernel_and_write_nothing(tmp_path, no_kernel, given,
                                                             message):
    with pytest.raises(ParameterError) as info:
        runner.run("00_overview", given, tmp_path / "out")
    assert message in str(info.value)
    assert not (tmp_path / "out").exists()


def test_cli_reports_bad_values_in_one_line(tmp_path, no_kernel, capsys):
    assert cli.main(["run", "00", "-p", "end_year", "3000", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == ("natoasia: error: parameter 'end_year': 3000 is outside the accepted "
                   "range 1949 to 2024")


def test_unknown_notebook_lists_the_notebooks(no_kernel):
    with pytest.raises(ValueError, match="unknown notebook '07'; notebooks: 00_overview"):
        runner.find("07")


def test_a_run_writes_outside_the_repository_and_leaves_it_unchanged(tmp_path):
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS.iterdir()}
    params = tmp_path / "params.yaml"
    params.write_text("themes: [china]\nstart_year: 1995\n", encoding="utf-8")
    assert cli.main(["run", "00_overview", "-f", str(params), "-p", "end_year", "2013",
                     "--out", str(tmp_path / "runs")]) == 0
    executed = nbformat.read(tmp_path / "runs" / "00_overview.ipynb", as_version=4)
    injected = next(c for c in executed.cells if "injected-parameters" in c.metadata.get(
        "tags", []))
    assert 'themes = ["china"]' in injected.source and "end_year = 2013" in injected.source
    assert not [o for c in executed.cells for o in c.get("outputs", [])
                if o.output_type == "error"]
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["00_overview.ipynb"]
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS.iterdir()}


def test_student_version_blanks_only_the_solutions():
    teacher = nbformat.read(NOTEBOOKS / "00_overview.ipynb", as_version=4)
    student = student_version(teacher)
    assert student.cells[1].metadata["tags"] == [NOTE_TAG]  # the note under the title
    kept = student.cells[:1] + student.cells[2:]
    for old, new in zip(teacher.cells, kept, strict=True):
        if "solution" in old.metadata.get("tags", []):
            assert new.source == placeholder(exercise_number(old.source)) and new.outputs == []
            assert new.execution_count is None and new.metadata["tags"] == ["exercise"]
        elif "{glue:text}" in old.source:  # the same text, a value where each role was
            assert "{glue" not in new.source and new.source != old.source
            pattern = re.escape(old.source)
            pattern = re.sub(r"\\\{glue:text\\\}`[^`]+`", ".+?", pattern)
            assert re.fullmatch(pattern, new.source, re.S), new.source[:200]
        else:
            assert new == old


def test_each_student_placeholder_names_its_exercise():
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        teacher = nbformat.read(source, as_version=4)
        student = nbformat.read(REPO / "student" / source.name, as_version=4)
        solutions = [re.match(r"# Exercise (\d+):", c.source).group(1) for c in teacher.cells
                     if "solution" in c.metadata.get("tags", [])]
        placeholders = [c.source for c in student.cells
                        if "exercise" in c.metadata.get("tags", [])]
        assert solutions, f"{source.name}: no solution cells"
        assert placeholders == [f"# Exercise {n}: your answer here\n" for n in solutions], (
            f"student/{source.name}: placeholders do not name their exercises")


def test_placeholder_number_without_an_exercise_heading_follows_the_previous():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_code_cell("answer = 1", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("# Exercise 3: the third\nanswer = 3",
                                  metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("answer = 4", metadata={"tags": ["solution"]}),
    ])
    student = student_version(nb)
    assert [c.source for c in student.cells if c.cell_type == "code"] == [
        "# Exercise 1: your answer here\n", "# Exercise 3: your answer here\n",
        "# Exercise 4: your answer here\n"]


def test_glued_values_are_pasted_as_the_website_shows_them():
    values = {"n": "1550", "sentence": "'Costs rose from $17m to *$104m*.'", "none": None}
    text = ("{glue:text}`n:,d` troops; {glue:text}`sentence` {glue:text}`n` "
            "{glue:text}`missing` {glue:text}`none`")
    assert with_glued_values(text, values) == (
        "1,550 troops; Costs rose from \\$17m to \\*\\$104m\\*. 1550 "
        "{glue:text}`missing` {glue:text}`none`")


def test_committed_student_notebooks_show_values_not_glue_roles():
    for path in sorted((REPO / "student").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        text = "".join(c.source for c in nb.cells if c.cell_type == "markdown")
        assert "{glue" not in text, f"student/{path.name}: a glue role left in the Markdown"
    name = "02_global_partners_constraints.ipynb"  # exercise 2 asks about a span of years
    values = glued_text(nbformat.read(NOTEBOOKS / name, as_version=4))
    student = nbformat.read(REPO / "student" / name, as_version=4)
    exercises = next(c.source for c in student.cells if c.source.startswith("## Exercises"))
    span = f"from {values['nb02_first_year']} to {values['nb02_last_year']}"
    assert span in " ".join(exercises.split())


def test_student_notebooks_say_what_they_need_to_run():
    for path in sorted((REPO / "student").glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        assert nb.cells[0].source.startswith("# "), f"{path.name}: title first"
        note = nb.cells[1]
        assert note.cell_type == "markdown" and note.metadata["tags"] == [NOTE_TAG], path.name
        for needed in ["`natoasia` package", "`data/`", "clone of the repository",
                       "`make setup`", "Binder", "NATOASIA_REPOSITORY_URL",
                       "default parameters", "glue("]:
            assert needed in note.source, f"{path.name}: the note does not mention {needed}"


def test_committed_student_versions_are_in_step(tmp_path):
    for path in write_student_versions(out=tmp_path):
        committed = REPO / "student" / path.name
        assert committed.exists(), f"student/{path.name} missing: run `natoasia student`"
        assert committed.read_bytes() == path.read_bytes(), (
            f"student/{path.name} is stale: run `natoasia student`")


# --- parameter files (-f): one line naming the file, the line and the problem ------------


@pytest.mark.parametrize(("content", "message"), [
    ("origin: riga\nclosed_countries: [Pakistan\n",
     "bad.yaml, line 2: while parsing a flow sequence that starts at column 19: expected "
     "',' or ']', but got '<stream end>'; a parameters file holds YAML 'name: value' lines"),
    ("origin: riga\n\tclosed_countries: [Pakistan]\n",
     "bad.yaml, line 2: while scanning for the next token: found character '\\t' that cannot "
     "start any token (indent with spaces, not tabs)"),
    ("- origin\n- riga\n", "bad.yaml: holds a list, not a mapping of parameter names"),
    ("riga\n", "bad.yaml: holds a str, not a mapping of parameter names"),
    ("origin: riga\norigin: karachi\n",
     "bad.yaml, line 2: key 'origin' is given twice (first at line 1); give each key once"),
    ("mode_costs:\n  rail: 1\n  rail: 2\n",
     "bad.yaml, line 3: key 'rail' is given twice (first at line 2)"),
    ("origin: riga\n---\norigin: poti\n",
     "bad.yaml, line 2: expected a single document in the stream, but found another document"),
    ("1990: riga\n", "bad.yaml: 1990 is not a parameter name"),
    (b"origin: \xe9\n", "bad.yaml: not UTF-8 (byte 8)"),
], ids=["unclosed-list", "tab", "list", "scalar", "duplicate", "nested-duplicate",
        "two-documents", "number-key", "latin-1"])
def test_a_bad_parameter_file_is_one_line_naming_it(tmp_path, monkeypatch, no_kernel, capsys,
                                                    content, message):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "bad.yaml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert cli.main(["run", "01", "-f", "bad.yaml", "--out", "out"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natoasia: error: {message}"), err
    assert err.count("\n") == 1 and not (tmp_path / "out").exists()


def test_a_missing_parameter_file_is_named(tmp_path, monkeypatch, no_kernel, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["run", "01", "-f", "nope.yaml"]) == 2
    assert capsys.readouterr().err.startswith(
        "natoasia: error: nope.yaml: no such parameters file; a parameters file holds YAML")


def test_an_empty_parameter_file_sets_nothing(tmp_path):
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert runner.read_parameter_file(tmp_path / "empty.yaml") == {}


def test_a_parameter_given_twice_stops_the_cli(no_kernel, capsys):
    """Two -p of one name used to keep the last silently."""
    assert cli.main(["run", "00", "-p", "start_year", "1990", "-p", "start_year", "2000"]) == 2
    err = capsys.readouterr().err
    assert err == ("natoasia: error: parameter 'start_year' is given twice with -p; give each "
                   "once\n")


def test_a_value_that_is_not_yaml_stops_the_cli(no_kernel, capsys):
    assert cli.main(["run", "01", "-p", "origin", "[riga"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("natoasia: error: parameter 'origin': '[riga' is not valid YAML")
    assert err.count("\n") == 1


# --- --out -------------------------------------------------------------------------------


@pytest.mark.parametrize("out", ["a_file", "a_file/sub"])
def test_out_that_is_or_passes_through_a_file_is_one_line(tmp_path, monkeypatch, no_kernel,
                                                          capsys, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file").write_text("not a folder\n", encoding="utf-8")
    assert cli.main(["run", "02", "--out", out]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natoasia: error: --out {out}: ") and err.count("\n") == 1, err
    assert "folder" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_file"]


@pytest.mark.parametrize("inside", ["notebooks", "student", "."])
def test_out_inside_the_repository_is_refused(no_kernel, capsys, inside):
    out = runner.REPOSITORY / inside
    assert cli.main(["run", "02", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natoasia: error: --out {out}: is inside the repository")
    assert err.count("\n") == 1


# --- a notebook given by path -------------------------------------------------------------


def test_a_path_runs_that_file_not_the_collections_notebook_of_that_name(tiny, tmp_path):
    copy = tmp_path / "mine" / "00_tiny.py"
    copy.parent.mkdir()
    copy.write_text(TINY.replace("result = 10 / x", "result = 10 / x\nmarker = 'my copy'"),
                    encoding="utf-8")
    spec = runner.find(str(copy))
    assert spec.source == copy and spec.validator == "validate_tiny"
    assert runner.find("00").source == tiny / "00_tiny.py"  # a name still means the collection's
    target = runner.run(str(copy), {"x": 2}, tmp_path / "runs")
    executed = nbformat.read(target, as_version=4)
    assert "marker = 'my copy'" in executed.cells[-1].source
    assert executed.metadata.papermill["input_path"] == str(copy)


def test_a_student_run_leaves_the_solutions_out(tiny, tmp_path, capsys):
    """``--student``: a rerun set as an exercise must not print the exercise's answer, and
    its text shows the values of that run."""
    (tiny / "00_tiny.py").write_text(
        TINY + '\n# %%\nfrom myst_nb import glue\nglue("tiny_result", result, display=False)'
        '\n\n# %% [markdown]\n# The result is {glue:text}`tiny_result`.\n'
        '\n# %% tags=["solution"]\n# Exercise 1: the answer\nprint("answer", result)\n',
        encoding="utf-8")
    full = nbformat.read(runner.run("00", {"x": 2}, tmp_path / "full"), as_version=4)
    assert full.cells[-1].outputs[0]["text"] == "answer 5.0\n"
    assert cli.main(["run", "00", "--student", "-p", "x", "2", "--out",
                     str(tmp_path / "student")]) == 0
    executed = nbformat.read(tmp_path / "student" / "00_tiny_student.ipynb", as_version=4)
    text = nbformat.writes(executed)
    assert "answer" not in "".join(str(c.get("outputs", "")) for c in executed.cells)
    assert "print(\"answer\"" not in text and "Student version" in text
    assert executed.cells[-1].source.startswith("# Exercise 1") and not executed.cells[-1].outputs
    assert executed.cells[-2].source == "The result is 5.0."  # x = 2: 10 / x


# --- a cell that fails in the kernel -----------------------------------------------------

TINY = """\
# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A tiny notebook

# %% tags=["parameters"]
x = 1
corpus_dir = None

# %%
import os


def validate_tiny(x, corpus_dir=None):
    if corpus_dir is not None and not os.path.isdir(corpus_dir):
        raise ValueError(f"the kernel sees no folder {corpus_dir}")
    return {"x": x}


validate_tiny(x=x, corpus_dir=corpus_dir)

# %%
if x == 99:
    raise ValueError("a first line\\nx must not be 99")
assert x != 42
result = 10 / x
"""


@pytest.fixture
def tiny(tmp_path, monkeypatch):
    """A collection of one notebook, 00_tiny, whose fourth cell fails for x = 0, 42 or 99."""
    folder = tmp_path / "notebooks"
    folder.mkdir()
    (folder / "00_tiny.py").write_text(TINY, encoding="utf-8")
    monkeypatch.setattr(runner, "NOTEBOOK_DIR", folder)

    def validate_tiny(x, corpus_dir=None):  # the host-side check: the folder must exist
        if corpus_dir is not None and not os.path.isdir(corpus_dir):
            raise ParameterError(f"parameter 'corpus_dir': no folder {corpus_dir}")
        return {"x": x}

    monkeypatch.setattr(params_module, "validate_tiny", validate_tiny, raising=False)
    return folder


def test_a_failing_cell_is_one_line_and_leaves_nothing(tiny, tmp_path, capsys):
    out = tmp_path / "new" / "runs"
    assert cli.main(["run", "00", "-p", "x", "0", "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.err == ("natoasia: error: 00_tiny failed in cell 4: ZeroDivisionError: "
                            "division by zero\n")
    assert captured.out == ""
    assert not (tmp_path / "new").exists(), "the folders the run created are left behind"


def test_a_failed_run_keeps_an_earlier_result_and_adds_nothing(tiny, tmp_path):
    out = tmp_path / "runs"
    out.mkdir()
    (out / "00_tiny.ipynb").write_text("an earlier run\n", encoding="utf-8")
    with pytest.raises(runner.RunError) as info:
        runner.run("00", {"x": 99}, out)
    assert str(info.value) == "00_tiny failed in cell 4: ValueError: x must not be 99"
    assert sorted(p.name for p in out.iterdir()) == ["00_tiny.ipynb"]
    assert (out / "00_tiny.ipynb").read_text(encoding="utf-8") == "an earlier run\n"
    with pytest.raises(runner.RunError, match=r"cell 4: AssertionError: at 'assert x != 42'$"):
        runner.run("00", {"x": 42}, out)


def _execution_error(**fields):
    values = {"cell_index": 5, "exec_count": 3, "source": "", "ename": "KeyError",
              "evalue": "", "traceback": []}
    return papermill.PapermillExecutionError(**{**values, **fields})


@pytest.mark.parametrize(("error", "message"), [
    (_execution_error(evalue="\x1b[31m'theme'\nlast line: 'theme'\x1b[0m"),
     "00_overview failed in cell 5: KeyError: last line: 'theme'"),
    (_execution_error(cell_index=2, ename="NameError", evalue="name 'x' is not defined"),
     "00_overview failed in cell 3: NameError: name 'x' is not defined"),
    (_execution_error(ename="AssertionError",
                      traceback=["\x1b[0;31mAssertionError\x1b[0m  Traceback",
                                 "Cell \x1b[0;32mIn[3], line 2\x1b[0m\n\x1b[1;32m----> 2\x1b[0m "
                                 "\x1b[38;5;28;01massert\x1b[39;00m n \x1b[38;5;241m>\x1b[39m "
                                 "\x1b[38;5;241m0\x1b[39m"]),
     "00_overview failed in cell 5: AssertionError: at 'assert n > 0'"),
    (_execution_error(ename="AssertionError",  # line 12: IPython draws a shorter arrow
                      traceback=["Cell In[9], line 12\n     11 x = 1\n---> 12 assert x == 2\n"]),
     "00_overview failed in cell 5: AssertionError: at 'assert x == 2'"),
], ids=["last-line", "before-parameters", "bare-assert", "bare-assert-line-12"])
def test_a_failing_cell_is_described_and_cleaned_up(tmp_path, monkeypatch, error, message):
    """Without a kernel: what papermill reports becomes one line, the out folders go."""
    calls = []

    def fail(notebook, output_path, **kwargs):
        calls.append(output_path)
        assert (tmp_path / "new" / "runs").is_dir()
        raise error

    monkeypatch.setattr(papermill, "execute_notebook", fail)
    # the notebook's parameters cell is its cell 3 (index 2); papermill adds a cell after it
    with pytest.raises(runner.RunError) as info:
        runner.run("00_overview", {"start_year": 1990}, tmp_path / "new" / "runs")
    assert str(info.value) == message
    assert calls == [None], "papermill should execute in memory, writing no partial file"
    assert list(tmp_path.iterdir()) == [], "the folders the run created are left behind"


def test_a_relative_corpus_dir_is_the_folder_the_kernel_sees(tiny, tmp_path, monkeypatch):
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "my_corpus").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)  # not the notebooks' folder, where the kernel runs
    spec = runner.find("00")
    assert runner.check(spec, {"corpus_dir": "my_corpus"})["corpus_dir"] == str(
        elsewhere / "my_corpus")
    target = runner.run("00", {"corpus_dir": "my_corpus", "x": 2}, tmp_path / "runs")
    executed = nbformat.read(target, as_version=4)
    assert executed.metadata.papermill.parameters["corpus_dir"] == str(elsewhere / "my_corpus")
    assert executed.metadata.papermill.input_path == str(tiny / "00_tiny.py")
    assert executed.metadata.papermill.output_path == str(target)
    assert sorted(p.name for p in (tmp_path / "runs").iterdir()) == ["00_tiny.ipynb"]


def test_path_parameters_are_made_absolute_before_validation(tmp_path, monkeypatch, no_kernel):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ParameterError) as info:
        runner.check(runner.find("00"), {"corpus_dir": "no_such_corpus"})
    assert f"corpus folder {tmp_path / 'no_such_corpus'} does not exist" in str(info.value)


@pytest.mark.parametrize(("line", "message"), [
    ("a, b = 1, 2", "line 1 of the parameters cell is not 'name = value'"),
    ("print(1)", "line 1 of the parameters cell is not 'name = value'"),
    ("year = 2000 + 20", "parameter 'year' is not a literal value"),
])
def test_a_parameters_cell_that_is_not_plain_assignments_is_named(tmp_path, line, message):
    (tmp_path / "09_bad.py").write_text(
        f"# %% tags=[\"parameters\"]\n{line}\n\n# %%\nvalidate_overview()\n", encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        runner.notebooks(tmp_path)
