"""The runner: parameters read from the notebook, checked before a kernel starts; student copies."""

import hashlib

import nbformat
import papermill
import pytest

from conftest import NOTEBOOKS, REPO
from natoasia import cli, runner
from natoasia.params import ParameterError
from natoasia.student import PLACEHOLDER, student_version, write_student_versions


def test_list_shows_every_notebook_with_its_defaults(capsys):
    assert cli.main(["list"]) == 0
    out = capsys.readouterr().out
    for source in NOTEBOOKS.glob("[0-9][0-9]_*.py"):
        assert f"\n{source.stem}\n" in f"\n{out}"
    assert "    start_year = 1949\n" in out


def test_specs_name_the_validator_the_notebook_calls():
    spec = runner.find("00")
    assert spec.validator == "validate_overview"
    assert spec.defaults == {"themes": ["central_asia", "global_partners", "china", "general"],
                             "start_year": 1949, "end_year": 2024, "corpus_dir": None}


@pytest.mark.parametrize(("text", "value"), [("1990", 1990), ("[china, general]",
                                             ["china", "general"]), ("china", "china")])
def test_values_are_read_as_yaml(text, value):
    assert runner.parse_value(text) == value


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
    assert before == {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in NOTEBOOKS.iterdir()}


def test_student_version_blanks_only_the_solutions():
    teacher = nbformat.read(NOTEBOOKS / "00_overview.ipynb", as_version=4)
    student = student_version(teacher)
    assert len(student.cells) == len(teacher.cells)
    for old, new in zip(teacher.cells, student.cells, strict=True):
        if "solution" in old.metadata.get("tags", []):
            assert new.source == PLACEHOLDER and new.outputs == []
        else:
            assert new == old


def test_committed_student_versions_are_in_step(tmp_path):
    for path in write_student_versions(out=tmp_path):
        committed = REPO / "student" / path.name
        assert committed.exists(), f"student/{path.name} missing: run `natoasia student`"
        assert committed.read_bytes() == path.read_bytes(), (
            f"student/{path.name} is stale: run `natoasia student`")
