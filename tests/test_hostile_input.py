"""Hostile input: every bad parameter or bad data file gives one clear error and changes nothing.

Bad parameters go through ``natoasia.runner.check``, which calls the very ``validate_*``
function each notebook calls in the cell after its parameters (tests/test_notebooks.py and
the tests/test_nb0*_parameters.py files show the same messages through papermill).
Bad data are made in a copy of ``data/`` (or of the corpus) and loaded the way the notebooks
and the pipeline load them (``data.load`` checks a table's own foreign keys and locators
too; D4 and D8 also go through the whole-package checks). Bad command lines (R) go through
``natoasia.cli.main``: one ``natoasia: error:`` line, exit status 2 (1 for a cell that
fails in the kernel), and nothing left in ``--out``, not even a folder the command created.
No case writes anything into ``data/`` or ``notebooks/`` (``repository_unchanged``).

===  =====================  ==============================================  =====================
 #   notebook / target      input                                           error names
===  =====================  ==============================================  =====================
P1   00_overview            start_year 1800                                 start_year, range
P2   00_overview            themes "china" (string, not list)               themes, list expected
P3   00_overview            themes []                                       themes, accepted values
P4   00_overview            themes ["arctic"]                               themes, accepted values
P5   00_overview            end_year "2020" (string)                        end_year, whole number
P6   00_overview            start_year True (boolean)                       start_year, whole number
P7   00_overview            start_year 2015 > end_year 2010                 both years
P8   00_overview            themes [code injection string]                  themes, unknown value
P9   00_overview            unknown parameter "theme"                       accepted parameter names
P9b  00_overview            corpus_dir a folder that does not exist         corpus_dir, the folder
P9c  00_overview            corpus_dir 7 (not a path)                       corpus_dir, expected
P10  01_central_asia        origin "atlantis"                               origin, accepted nodes
P11  01_central_asia        closed_countries ["Narnia"]                     closed_countries
P12  01_central_asia        mode_costs {"rail": -1}                         mode_costs['rail']
P13  01_central_asia        circuity {"road": 0.5}                          circuity['road'], range
P14  01_central_asia        mode_costs {"teleport": 1}                      mode_costs key, modes
P15  01_central_asia        four neighbours closed: unreachable              closed_countries
P16  01_central_asia        closed_nodes ["karachi", "karachi"]             closed_nodes, repeated
P17  01_central_asia        mode_costs "cheap" (not a mapping)              mode_costs, mapping
P18  02_global_partners     partners ["XXX"]                                partners, accepted
P19  02_global_partners     year 1999                                       year, range 2000-2023
P20  02_global_partners     year 2024 (after the data)                      year, range 2000-2023
P21  02_global_partners     metric "gdp"                                    metric, accepted
P22  02_global_partners     year 2020.0 (float)                             year, whole number
P23  03_china_engagement    documents ["nato2030"]                          documents, accepted
P24  03_china_engagement    framing_terms ["bogus"]                         framing_terms
P25  03_china_engagement    window "page"                                   window, accepted
P26  03_china_engagement    documents []                                    documents, empty
D1   events.csv             column "theme" removed                          file, column, expected
D2   events.csv             year "MMXIII"                                   file, row, column, value
D3   events.csv             duplicate event_id                              file, row, duplicate key
D4   events.csv             source_id of an unknown source                  file, row, column, ids
D5   events.csv             truncated mid-row                               file, row, cut short
D6   events.csv             Latin-1 bytes                                   file, row, not UTF-8
D7   events.csv             theme "arctic"                                  file, row, column theme
D8   events.csv             locator weinrod2008:¶999                        file, row, column, range
D9   events.csv             deleted                                         file, missing
D10  datapackage.json       broken JSON                                     file, line, column
D11  corpus (copy)          a document edited after its paragraphs hashed   file, differing rows
D12  corpus (copy)          a .txt file missing from documents.csv          the file
D13  corpus (copy)          documents.csv published "November 2012"         file, row, column, forms
D14  corpus (copy)          documents.csv published "2012-13-45"            file, row, column, forms
D15  corpus (copy)          documents.csv date_precision "quarter"          file, row, accepted
D16  corpus (copy)          date_precision "day" for published "2013-02"    file, row, the form
D17  corpus features --out  /proc/nope (a folder that cannot be made)       --out as given
D18  corpus features --out  newparent/sub, a corpus text not UTF-8          the text; no newparent/
R1   run -f FILE            'closed_countries: [Pakistan' ('[' not closed)  file, line 2, problem
R2   run -f FILE            a line indented with a tab                      file, line, tabs
R3   run -f FILE            a YAML list, not a mapping                      file, mapping expected
R4   run -f FILE            a file that does not exist                      file, no such file
R5   run -f FILE            origin given twice                              file, line, the key
R6   run -p NAME VALUE      -p origin '[riga' (not YAML)                    parameter, YAML value
R7   run --out              an existing file                                --out path, folder
R8   run (kernel)           a cell raises                                   notebook, cell, error
R9   00_overview            corpus_dir relative, caller in another folder   none: made absolute
===  =====================  ==============================================  =====================
"""

import csv
import os
import re
import shutil
from pathlib import Path

import papermill
import pytest

from conftest import DATA, NOTEBOOKS
from natoasia import cli, data, runner, sources
from natoasia.corpus import CorpusError
from natoasia.data import DataError
from natoasia.features import check_features
from natoasia.params import ParameterError

INJECTION = "china'); __import__('os').system('touch PWNED'); ('"
PARAMETER_CASES = [
    ("P1", "00", {"start_year": 1800}, "'start_year': 1800 is outside the accepted range"),
    ("P2", "00", {"themes": "china"}, "'themes': expected a list of values"),
    ("P3", "00", {"themes": []}, "'themes': the list is empty; give at least one of"),
    ("P4", "00", {"themes": ["arctic"]}, "accepted: central_asia, china, general"),
    ("P5", "00", {"end_year": "2020"}, "'end_year': expected a whole number from 1949"),
    ("P6", "00", {"start_year": True}, "'start_year': expected a whole number"),
    ("P7", "00", {"start_year": 2015, "end_year": 2010}, "'start_year' must not be after"),
    ("P8", "00", {"themes": [INJECTION]}, "'themes': unknown value(s)"),
    ("P9", "00", {"theme": ["china"]}, "unknown parameter(s) theme; accepted: corpus_dir, "
                                       "end_year, start_year, themes"),
    ("P9b", "00", {"corpus_dir": "/nonexistent/corpus"}, "parameter 'corpus_dir': corpus "
                                                         "folder /nonexistent/corpus does not "
                                                         "exist"),
    ("P9c", "00", {"corpus_dir": 7}, "parameter 'corpus_dir': expected None or the path"),
    ("P10", "01", {"origin": "atlantis"}, "'origin': unknown value 'atlantis'; accepted: "),
    ("P11", "01", {"closed_countries": ["Narnia"]}, "'closed_countries': unknown value(s) "
                                                    "'Narnia'; accepted: Afghanistan"),
    ("P12", "01", {"mode_costs": {"rail": -1}}, "'mode_costs['rail']': -1 is outside"),
    ("P13", "01", {"circuity": {"road": 0.5}}, "'circuity['road']': 0.5 is outside the "
                                               "accepted range 1.0"),
    ("P14", "01", {"mode_costs": {"teleport": 1}}, "unknown value 'teleport'; accepted: air, "
                                                   "ferry, rail, road, sea"),
    ("P15", "01", {"closed_countries": ["Pakistan", "Uzbekistan", "Tajikistan",
                                        "Turkmenistan"]},
     "'closed_countries': 'Afghanistan' cannot be reached from 'western_europe'"),
    ("P16", "01", {"closed_nodes": ["karachi", "karachi"]}, "'closed_nodes': repeated"),
    ("P17", "01", {"mode_costs": "cheap"}, "'mode_costs': expected a mapping"),
    ("P18", "02", {"partners": ["XXX"]}, "'partners': unknown value(s) 'XXX'; accepted: "),
    ("P19", "02", {"year": 1999}, "'year': 1999 is outside the accepted range 2000 to 2023"),
    ("P20", "02", {"year": 2024}, "'year': 2024 is outside the accepted range 2000 to 2023"),
    ("P21", "02", {"metric": "gdp"}, "accepted: constant_usd, share_gdp"),
    ("P22", "02", {"year": 2020.0}, "'year': expected a whole number"),
    ("P23", "03", {"documents": ["nato2030"]}, "'documents': unknown value(s) 'nato2030'"),
    ("P24", "03", {"framing_terms": ["bogus"]}, "'framing_terms': unknown value(s) 'bogus'"),
    ("P25", "03", {"window": "page"}, "'window': unknown value 'page'; accepted: paragraph, "
                                      "sentence"),
    ("P26", "03", {"documents": []}, "'documents': the list is empty"),
]


# data/ and notebooks/ of this checkout, and of the checkout the code under test was imported
# from (the folders it writes by default), should an installed natoasia be another one's.
WATCHED = sorted({DATA, NOTEBOOKS, data.DATA_DIR.resolve(), runner.NOTEBOOK_DIR.resolve()})


def _snapshot() -> dict[Path, tuple[int, int, int, int]]:
    """Mode, size, modification and change time of every entry under the watched folders,
    the folders included. Any write shows, even one that leaves the bytes as they were (a
    content hash misses that), and so do a folder left behind and a file made and removed
    again (its folder's times change)."""
    return {path: (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
            for folder in WATCHED for path in [folder, *folder.rglob("*")]
            for info in [path.lstat()]}


@pytest.fixture(autouse=True)
def repository_unchanged():
    """Around every case (so a failure names the case that wrote): nothing written into the
    watched folders."""
    before = _snapshot()
    yield
    after = _snapshot()
    written = sorted(str(p) for p in before.keys() | after.keys() if before.get(p) != after.get(p))
    assert not written, f"the case wrote into data/ or notebooks/: {', '.join(written)}"


@pytest.mark.parametrize(("case", "notebook", "given", "message"), PARAMETER_CASES,
                         ids=[c[0] for c in PARAMETER_CASES])
def test_bad_parameter_gives_one_clear_error(case, notebook, given, message):
    with pytest.raises(ParameterError) as info:
        runner.check(runner.find(notebook), given)
    text = str(info.value)
    assert message in text, f"{case}: {text}"
    assert "\n" not in text, f"{case}: the message should be one line"


def test_the_catalogue_is_large_enough():
    assert len(PARAMETER_CASES) >= 20 and len({c[1] for c in PARAMETER_CASES}) == 4
    data_cases = [name for name in globals() if re.match(r"test_d\d+_", name)]
    assert len(data_cases) >= 10, data_cases


@pytest.fixture
def package(tmp_path):
    """A private copy of the data package to break."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    data._descriptor.cache_clear()
    yield folder
    data._descriptor.cache_clear()


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _events_row(folder, n):
    return (folder / "events.csv").read_text(encoding="utf-8").splitlines()[n - 1]


def test_d1_missing_column(package):
    path = package / "events.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    col = header.index("theme")
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:col] + r[col + 1:] for r in rows])
    path.write_text(out.getvalue(), encoding="utf-8")
    with pytest.raises(DataError, match=r"events\.csv: header: missing column 'theme'; "
                                        r"expected columns: event_id, .*theme"):
        data.load("events", package)


def test_d2_wrong_type(package):
    row = _events_row(package, 2)
    _edit(package / "events.csv", row, row.replace(",false,1949,", ",false,MMXIII,"))
    with pytest.raises(DataError, match=r"events\.csv: row 2, column 'year': 'MMXIII' is not "
                                        r"a valid integer"):
        data.load("events", package)


def test_d3_duplicate_key(package):
    _edit(package / "events.csv", "\nE002,", "\nE001,")
    with pytest.raises(DataError, match=r"events\.csv: row 3, column 'event_id': duplicate "
                                        r"key"):
        data.load("events", package)


def test_d4_dangling_foreign_key(package):
    row = _events_row(package, 2)
    _edit(package / "events.csv", row, row.replace(",weinrod2008,", ",nobody1999,"))
    with pytest.raises(DataError, match=r"events\.csv.*row 2"):
        data.validate_package(package)
    with pytest.raises(DataError) as info:  # what the notebooks call
        data.load("events", package)
    message = str(info.value)
    assert message.startswith(f"{package.resolve() / 'events.csv'}: row 2, column 'source_id': "
                              "'nobody1999' is not in column 'source_id' of sources.csv; "
                              "accepted: 'chan2013', "), message
    assert "'weinrod2008'" in message and "\n" not in message
    assert len(data.load("sources", package)) > 0  # the referenced table itself is sound


def test_d5_truncated_file(package):
    raw = (package / "events.csv").read_bytes()
    (package / "events.csv").write_bytes(raw[: raw.index(b"\nE003,") + 12])
    with pytest.raises(DataError, match=r"events\.csv: row 4 has \d+ of 16 columns and no line "
                                        r"end: the file looks cut short"):
        data.load("events", package)


def test_d6_wrong_encoding(package):
    raw = (package / "events.csv").read_text(encoding="utf-8")
    (package / "events.csv").write_bytes(raw.replace("¶", "§").encode("latin-1", "replace"))
    with pytest.raises(DataError, match=r"events\.csv: row 2: not UTF-8"):
        data.load("events", package)


def test_d7_value_outside_enum(package):
    row = _events_row(package, 2)
    _edit(package / "events.csv", row, row.replace(",general,", ",arctic,"))
    with pytest.raises(DataError, match=r"events\.csv: row 2, column 'theme'"):
        data.load("events", package)


def test_d8_unknown_locator(package):
    row = _events_row(package, 2)
    _edit(package / "events.csv", row, row.replace("weinrod2008:¶1,", "weinrod2008:¶999,"))
    problems = sources.check_locators(package)
    assert problems == ["events.csv: row 2, column 'locator': 'weinrod2008:¶999' is not a "
                        "paragraph in corpus_paragraphs.csv; accepted: weinrod2008:¶1 to "
                        "weinrod2008:¶40"]
    with pytest.raises(DataError) as info:  # what the notebooks call
        data.load("events", package)
    assert str(info.value) == f"{package.resolve()}/{problems[0]}"


def test_d9_missing_file(package):
    (package / "events.csv").unlink()
    with pytest.raises(DataError, match=r"events\.csv: missing"):
        data.load("events", package)


def test_d10_broken_descriptor(package):
    path = package / "datapackage.json"
    path.write_text(path.read_text(encoding="utf-8")[:-40], encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage\.json: not valid JSON \(line \d+"):
        data.load("events", package)


def test_d11_corpus_edited_after_hashing(corpus_dir, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir, copy)
    text = (copy / "003_610a90f6e4cef161.txt").read_text(encoding="utf-8")
    (copy / "003_610a90f6e4cef161.txt").write_text(text.replace("NATO", "N.A.T.O.", 1),
                                                   encoding="utf-8")
    differences = check_features(copy, DATA)
    assert any("corpus_paragraphs.csv" in d for d in differences), differences
    assert any("chan2013" in d for d in differences), differences


def test_d12_corpus_file_not_in_catalogue(corpus_dir, tmp_path):
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir, copy)
    (copy / "extra.txt").write_text("An unlisted document.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"extra\.txt: text file not listed in documents\.csv"):
        check_features(copy, DATA)



# --- D13-D18: the corpus catalogue's dates, and where `natoasia corpus features` writes ---


def _catalogue_edit(corpus_dir, tmp_path, doc_id, **changes):
    """A copy of the corpus whose documents.csv row for ``doc_id`` has ``changes``."""
    copy = tmp_path / "corpus"
    shutil.copytree(corpus_dir, copy)
    path = copy / "documents.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        header, rows = reader.fieldnames, list(reader)
    line = next(i for i, row in enumerate(rows, start=2) if row["doc_id"] == doc_id)
    rows[line - 2].update(changes)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    return copy, line


def _one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    assert captured.err.startswith("natoasia: error: ") and captured.err.count("\n") == 1, (
        captured.err)
    return captured.err.removeprefix("natoasia: error: ").rstrip("\n")


FORMS = "accepted: YYYY, YYYY-MM, YYYY-MM-DD, a real calendar date"
DATE_CASES = [
    ("D13", "galic2021", {"published": "November 2012"},
     f"column 'published': 'November 2012' is not a date; {FORMS}"),
    ("D14", "grand2024", {"published": "2012-13-45"},
     f"column 'published': '2012-13-45' is not a date; {FORMS}"),
    ("D15", "galic2021", {"date_precision": "quarter"},
     "column 'date_precision': 'quarter' is not accepted; use year, month, day"),
    ("D16", "chan2013", {"date_precision": "day"},
     "column 'date_precision': 'day' does not match published '2013-02', which is YYYY-MM; "
     "use month, or give published as YYYY-MM-DD"),
]


@pytest.mark.parametrize(("case", "doc_id", "changes", "message"), DATE_CASES,
                         ids=[c[0] for c in DATE_CASES])
def test_bad_catalogue_dates(corpus_dir, tmp_path, capsys, case, doc_id, changes, message):
    copy, line = _catalogue_edit(corpus_dir, tmp_path, doc_id, **changes)
    out = tmp_path / "new" / "features"
    assert cli.main(["corpus", "features", "--corpus", str(copy), "--out", str(out)]) == 2
    error = _one_error_line(capsys)
    assert error.startswith(f"{copy / 'documents.csv'}: row {line}, {message}"), f"{case}: {error}"
    assert not (tmp_path / "new").exists()


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc")
def test_d17_features_out_that_cannot_be_made_names_the_folder(corpus_dir, capsys):
    assert cli.main(["corpus", "features", "--corpus", str(corpus_dir),
                     "--out", "/proc/nope"]) == 2
    error = _one_error_line(capsys)
    assert error.startswith("--out /proc/nope: cannot write the feature tables there ("), error
    assert ".corpus-features" not in error


def test_d18_failed_features_run_leaves_no_folder(tmp_path, monkeypatch, make_corpus, capsys):
    corpus = make_corpus(tmp_path / "corpus", {"a.txt": "A body paragraph of plain text.\n",
                                               "b.txt": b"Caf\xe9 society met.\n"})
    monkeypatch.chdir(tmp_path)
    assert cli.main(["corpus", "features", "--corpus", "corpus",
                     "--out", "newparent/sub"]) == 2
    assert _one_error_line(capsys) == "corpus/b.txt: not UTF-8 (invalid byte at offset 3)"
    assert sorted(p.name for p in tmp_path.iterdir()) == [corpus.name]


# --- R1-R9: the command line of `natoasia run` ---------------------------------------------


@pytest.fixture
def no_kernel(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("papermill was started for an invalid run")
    monkeypatch.setattr(papermill, "execute_notebook", refuse)


RUN_CASES = [
    ("R1", "origin: riga\nclosed_countries: [Pakistan\n", ["-f", "bad.yaml"],
     "bad.yaml, line 2: while parsing a flow sequence that starts at column 19: expected ',' "
     "or ']', but got '<stream end>'; a parameters file holds YAML 'name: value' lines"),
    ("R2", "origin: riga\n\tclosed_countries: [Pakistan]\n", ["-f", "bad.yaml"],
     "bad.yaml, line 2: while scanning for the next token: found character '\\t' that cannot "
     "start any token (indent with spaces, not tabs)"),
    ("R3", "- riga\n- Pakistan\n", ["-f", "bad.yaml"],
     "bad.yaml: holds a list, not a mapping of parameter names to values; a parameters file "
     "holds YAML 'name: value' lines, e.g. 'start_year: 1990'"),
    ("R4", None, ["-f", "absent.yaml"], "absent.yaml: no such parameters file"),
    ("R5", "origin: riga\nclosed_countries: []\norigin: karachi\n", ["-f", "bad.yaml"],
     "bad.yaml, line 3: key 'origin' is given twice (first at line 1); give each key once"),
    ("R6", None, ["-p", "origin", "[riga"],
     "parameter 'origin': '[riga' is not valid YAML (while parsing a flow sequence: expected "
     "',' or ']', but got '<stream end>'); accepted: a YAML value such as 1990"),
    ("R7", None, ["--out", "bad.yaml"],
     "--out bad.yaml: exists and is not a folder; give a folder for the executed notebook"),
]


@pytest.mark.parametrize(("case", "content", "arguments", "message"), RUN_CASES,
                         ids=[c[0] for c in RUN_CASES])
def test_bad_run_command_lines(tmp_path, monkeypatch, no_kernel, capsys, case, content,
                               arguments, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.yaml").write_text(content or "origin: riga\n", encoding="utf-8")
    out = ["--out", "runs"] if "--out" not in arguments else []
    assert cli.main(["run", "01", *arguments, *out]) == 2
    error = _one_error_line(capsys)
    assert error.startswith(message), f"{case}: {error}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_r8_a_failing_cell_is_one_line_and_leaves_nothing(tmp_path, monkeypatch, capsys):
    """Without a kernel (tests/test_runner.py runs a real one): papermill's error, reported."""
    def fail(*args, **kwargs):
        raise papermill.PapermillExecutionError(
            cell_index=9, exec_count=5, source="timeline.loc['x']", ename="KeyError",
            evalue="'x'", traceback=["\x1b[0;31mKeyError\x1b[0m: 'x'"])
    monkeypatch.setattr(papermill, "execute_notebook", fail)
    out = tmp_path / "new" / "runs"
    assert cli.main(["run", "00", "-p", "themes", "[china]", "--out", str(out)]) == 1
    assert _one_error_line(capsys) == "00_overview failed in cell 9: KeyError: 'x'"
    assert not (tmp_path / "new").exists()


def test_r9_relative_corpus_dir_reaches_the_kernel_absolute(corpus_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # neither the notebooks' folder nor the corpus's
    relative = os.path.relpath(corpus_dir, tmp_path)
    seen = {}

    def record(notebook, output_path, parameters, cwd, **kwargs):
        seen.update(parameters=parameters, cwd=cwd)
        raise papermill.PapermillExecutionError(0, 1, "", "Stop", "recorded", [])
    monkeypatch.setattr(papermill, "execute_notebook", record)
    with pytest.raises(runner.RunError):
        runner.run("00", {"corpus_dir": relative}, tmp_path / "runs")
    assert seen["cwd"] == str(NOTEBOOKS)
    assert Path(seen["parameters"]["corpus_dir"]).is_absolute()
    assert Path(seen["parameters"]["corpus_dir"]).samefile(corpus_dir)
