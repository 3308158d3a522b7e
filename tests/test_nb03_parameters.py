"""Notebook 03 parameters: the validator, and bad values stopping the notebook in one place.

Papermill runs the notebook's .py (converted to a temporary .ipynb) with bad parameters and
must stop in the validation cell with a ParameterError that names the parameter and what is
accepted; outputs go to tmp_path only and nothing in data/ changes.
"""

from __future__ import annotations

import pytest

from conftest import DATA, NOTEBOOKS, assert_stops_in_validation, errors_in, glued, run_notebook
from natoasia import data, params
from natoasia.params import ParameterError, validate_china_engagement

SOURCE = NOTEBOOKS / "03_china_engagement.py"
DEFAULTS = {"documents": ["weinrod2008", "chan2013", "jamestown2013", "galic2021", "grand2024"],
            "framing_terms": ["threat", "dialogue"], "window": "paragraph"}


def _with(**changes):
    return {**DEFAULTS, **changes}


def test_accepted_documents_are_the_seed_documents_in_publication_order():
    sources = data.load("sources").set_index("source_id")
    documents = params.china_documents()
    assert documents == tuple(DEFAULTS["documents"])  # read from sources.csv, oldest first
    assert set(sources.loc[list(documents), "kind"]) == {"seed_document"}
    assert len(documents) == int((sources["kind"] == "seed_document").sum())
    published = [sources.loc[d, "published"] for d in documents]
    assert published == sorted(published)


def test_accepted_documents_follow_the_data(tmp_path):
    """A new seed document in sources.csv becomes an accepted value, no code change."""
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    with (folder / "sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("roe2030,seed_document,Jane Roe,A title,A publisher,2030,year,,"
                 "third-party text; not redistributed (derived features only),\n")
    assert params.china_documents(folder)[-1] == "roe2030"
    with pytest.raises(ParameterError, match="accepted: chan2013, galic2021, grand2024, "
                                             "jamestown2013, roe2030, weinrod2008"):
        validate_china_engagement(**_with(documents=["zed1999"]), folder=folder)


def test_framing_terms_come_from_the_lexicon():
    terms = params.framing_lexicon_terms()
    assert terms == data.load("lexicon_framing")["term"].tolist()
    assert len(terms) == len(set(terms)) == 45
    assert terms[:2] == ["threat", "challenge"] and terms[-1] == "pivot"  # file order


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
    assert_stops_in_validation(SOURCE, tmp_path, parameters, message,
                               "validate_china_engagement")


def test_notebook_reruns_with_other_parameters(tmp_path):
    executed = run_notebook(SOURCE, tmp_path, documents=["grand2024", "chan2013", "galic2021"],
                            framing_terms=["challenge", "dialogue", "engagement", "security"],
                            window="sentence")
    assert not errors_in(executed)
    prose = glued(executed)
    # without the China Brief the documents record no NATO-China contact, and say so plainly
    assert prose["nb03_tracks_count"] == ("The selected documents record no NATO–China contact "
                                          "and one NATO–Japan contact.")
    assert prose["nb03_tracks_china"].startswith("None of the selected documents reports a "
                                                 "NATO–China contact")
    assert "Chan (2013)" in prose["nb03_attention"].split("peaks in ")[1][:15]
    assert prose["nb03_contest"].startswith("None of the terms of contest")
    # documents are named by author and year, never by their ids
    ids = set(DEFAULTS["documents"])
    leaks = {name: doc for name, text in prose.items() for doc in ids if doc in text}
    assert not leaks


def test_exercise_1_when_no_chosen_term_occurs_near_china(tmp_path):
    """framing_terms ["instability"]: the solution said 'Of the 0 terms found near China,
    none rise and 0 fall; the most any keeps of its paragraph share is nan% ()'."""
    executed = run_notebook(SOURCE, tmp_path, documents=["chan2013"],
                            framing_terms=["instability"], window="sentence")
    assert not errors_in(executed)
    printed = "".join(o.get("text", "") for c in executed.cells for o in c.get("outputs", []))
    assert "None of the chosen framing terms occurs in a China paragraph of the China Brief" \
        in printed
    assert "nan%" not in printed and "Of the 0 terms" not in printed
    assert glued(executed)["nb03_everywhere"] == (
        "No chosen term occurs in the China sentences of the selected document.")
