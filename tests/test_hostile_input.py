"""Hostile input: every bad parameter or bad data file gives one clear error and changes nothing.

Bad parameters go through ``natoasia.runner.check``, which calls the very ``validate_*``
function each notebook calls in the cell after its parameters (tests/test_notebooks.py and
the tests/test_nb0*_parameters.py files show the same messages through papermill).
Bad data are made in a copy of ``data/`` (or of the corpus) and loaded the way the notebooks
and the pipeline load them. After the module, ``data/`` and ``notebooks/`` are unchanged.

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
P15  01_central_asia        four neighbours closed: unreachable              destination, reachable
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
D1   events.csv             column "theme" removed                          file (schema fields)
D2   events.csv             year "MMXIII"                                   file, row, column year
D3   events.csv             duplicate event_id                              file, row
D4   events.csv             source_id of an unknown source                  file, row (foreign key)
D5   events.csv             truncated mid-row                               file, row
D6   events.csv             Latin-1 bytes                                   file, row, not UTF-8
D7   events.csv             theme "arctic"                                  file, row, column theme
D8   events.csv             locator weinrod2008:¶999                        file, row, column
D9   events.csv             deleted                                         file, missing
D10  datapackage.json       broken JSON                                     file, line, column
D11  corpus (copy)          a document edited after its paragraphs hashed   file, differing rows
D12  corpus (copy)          a .txt file missing from documents.csv          the file
===  =====================  ==============================================  =====================
"""

import hashlib
import shutil

import pytest

from conftest import DATA, NOTEBOOKS
from natoasia import data, runner, sources
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
     "'destination': 'Afghanistan' cannot be reached from 'western_europe'"),
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


def _fingerprint():
    return {p: hashlib.sha256(p.read_bytes()).hexdigest()
            for folder in (DATA, NOTEBOOKS) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module", autouse=True)
def repository_unchanged():
    before = _fingerprint()
    yield
    assert _fingerprint() == before, "a hostile-input case changed data/ or notebooks/"


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
    with pytest.raises(DataError, match=r"events\.csv"):
        data.load("events", package)


def test_d2_wrong_type(package):
    row = _events_row(package, 2)
    _edit(package / "events.csv", row, row.replace(",false,1949,", ",false,MMXIII,"))
    with pytest.raises(DataError, match=r"events\.csv: row 2, column 'year'"):
        data.load("events", package)


def test_d3_duplicate_key(package):
    _edit(package / "events.csv", "\nE002,", "\nE001,")
    with pytest.raises(DataError, match=r"events\.csv: row 3"):
        data.load("events", package)


def test_d4_dangling_foreign_key(package):
    row = _events_row(package, 2)
    _edit(package / "events.csv", row, row.replace(",weinrod2008,", ",nobody1999,"))
    with pytest.raises(DataError, match=r"events\.csv.*row 2"):
        data.validate_package(package)


def test_d5_truncated_file(package):
    raw = (package / "events.csv").read_bytes()
    (package / "events.csv").write_bytes(raw[: raw.index(b"\nE003,") + 12])
    with pytest.raises(DataError, match=r"events\.csv: row 4"):
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
                        "paragraph in corpus_paragraphs.csv"]


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
