"""Notebook 03 parameters: the validator, and bad values stopping the notebook in one place.

Papermill runs the notebook's .py (converted to a temporary .ipynb) with bad parameters and
must stop in the validation cell with a ParameterError that names the parameter and what is
accepted; outputs go to tmp_path only and nothing in data/ changes.
"""

from __future__ import annotations

import hashlib

import jupytext
import nbformat
import papermill
import pytest

from conftest import DATA, NOTEBOOKS
from natoasia import data, params
from natoasia.params import ParameterError, validate_china_engagement

SOURCE = NOTEBOOKS / "03_china_engagement.py"
DEFAULTS = {"documents": list(params.CHINA_DOCUMENTS), "framing_terms": ["threat", "dialogue"],
            "window": "paragraph"}


def _with(**changes):
    return {**DEFAULTS, **changes}


def test_accepted_documents_are_the_seed_documents():
    seed = data.load("sources").query("kind == 'seed_document'")["source_id"]
    assert sorted(params.CHINA_DOCUMENTS) == sorted(seed)


def test_framing_terms_come_from_the_lexicon():
    terms = params.framing_lexicon_terms()
    assert len(terms) == len(set(terms)) > 10
    assert {"threat", "dialogue", "values", "rules-based"} <= set(terms)


def test_valid_parameters_pass_unchanged():
    settings = validate_china_engagement(**_with(documents=["grand2024", "chan2013"],
                                                 window="sentence"))
    assert settings == {"documents": ["grand2024", "chan2013"],
                        "framing_terms": ["threat", "dialogue"], "window": "sentence"}


@pytest.mark.parametrize(
    ("changes", "fragments"),
    [
        ({"documents": ["chan2013", "kissinger1994"]},
         ["parameter 'documents'", "'kissinger1994'",
          "accepted: chan2013, galic2021, grand2024, jamestown2013, weinrod2008"]),
        ({"documents": "chan2013"}, ["parameter 'documents'", "expected a list", "got str"]),
        ({"documents": []}, ["parameter 'documents'", "empty"]),
        ({"framing_terms": ["threat", "menace"]},
         ["parameter 'framing_terms'", "'menace'", "accepted: capability, challenge"]),
        ({"framing_terms": ["threat", "threat"]}, ["parameter 'framing_terms'", "repeated"]),
        ({"window": "page"}, ["parameter 'window'", "'page'", "accepted: paragraph, sentence"]),
        ({"window": 1}, ["parameter 'window'", "got int 1"]),
    ],
    ids=["unknown-document", "string-not-list", "empty-list", "unknown-term", "repeated-term",
         "unknown-window", "wrong-type"],
)
def test_validator_names_parameter_and_accepted_values(changes, fragments):
    with pytest.raises(ParameterError) as info:
        validate_china_engagement(**_with(**changes))
    for fragment in fragments:
        assert fragment in str(info.value)


def _run(tmp_path, **parameters):
    notebook = tmp_path / "03_china_engagement.ipynb"
    jupytext.write(jupytext.read(SOURCE), notebook)
    return papermill.execute_notebook(
        str(notebook), str(tmp_path / "out.ipynb"), parameters=parameters, cwd=str(NOTEBOOKS),
        kernel_name="python3", progress_bar=False)


def _data_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(DATA.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"documents": ["jamestown2013", "nobody2099"]},
         "parameter 'documents': unknown value(s) 'nobody2099'; accepted: chan2013, galic2021, "
         "grand2024, jamestown2013, weinrod2008"),
        ({"framing_terms": ["threat", "menace"]},
         "parameter 'framing_terms': unknown value(s) 'menace'; accepted: capability"),
        ({"window": "chapter"},
         "parameter 'window': unknown value 'chapter'; accepted: paragraph, sentence"),
    ],
    ids=["unknown-document", "unknown-framing-term", "unknown-window"],
)
def test_notebook_stops_in_the_validation_cell(tmp_path, parameters, message):
    before = _data_digest()
    with pytest.raises(papermill.PapermillExecutionError) as info:
        _run(tmp_path, **parameters)
    assert info.value.ename == "ParameterError"
    assert message in info.value.evalue
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    failing = [c for c in executed.cells
               if any(o.output_type == "error" for o in c.get("outputs", []))]
    assert len(failing) == 1 and "validate_china_engagement" in failing[0].source
    assert _data_digest() == before, "a failed run changed data/"


def test_notebook_reruns_with_other_parameters(tmp_path):
    _run(tmp_path, documents=["grand2024", "chan2013", "galic2021"],
         framing_terms=["challenge", "dialogue", "engagement", "security"], window="sentence")
    executed = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    errors = [o for c in executed.cells for o in c.get("outputs", [])
              if o.output_type == "error"]
    assert not errors
    glued = {}
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook", {})
            if record.get("name"):
                glued[record["name"]] = output["data"][record["mime_prefix"] + "text/plain"]
    # without the China Brief the documents record no NATO-China contact
    assert glued["nb03_china_contacts"] == "0"
    assert glued["nb03_peak_doc"] == "'chan2013'"
