"""Notebook pairs: .py and .ipynb in step, the fixed skeleton, clean outputs, bad parameters.

nbval (``pytest --nbval notebooks``) re-executes each .ipynb and compares its outputs; the
checks here cover what nbval does not.
"""

import json
import re

import jupytext
import nbformat
import pytest

from conftest import NOTEBOOKS, assert_stops_in_validation, errors_in, glued, run_notebook

PAIRS = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.py"))
SKELETON = ["Learning objectives", "Prerequisites", "Sources", "Where the sources disagree",
            "Exercises", "Discussion questions", "Summary", "References"]


def _cells(nb):
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", []))) for c in nb.cells]


def test_there_are_notebooks():
    assert [p.stem for p in PAIRS][:1] == ["00_overview"]


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_py_and_ipynb_hold_the_same_cells(source):
    committed = source.with_suffix(".ipynb")
    assert committed.exists(), f"{committed.name} missing: run `make notebooks`"
    assert _cells(jupytext.read(source)) == _cells(nbformat.read(committed, as_version=4)), (
        f"{source.name} and {committed.name} differ: regenerate with `make notebooks`")


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_skeleton_parameters_then_validation(source):
    nb = jupytext.read(source)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    missing = [h for h in SKELETON if not re.search(rf"^#+ .*{h}", text, re.M | re.I)]
    assert not missing, f"{source.name}: missing sections {missing}"
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{source.name}: needs exactly one parameters cell"
    follower = nb.cells[tagged[0] + 1]
    assert follower.cell_type == "code" and "validate_" in follower.source
    assert any("solution" in c.metadata.get("tags", []) for c in nb.cells)


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_committed_outputs_are_clean(source):
    nb = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            assert output.output_type != "error", f"cell {index} holds an error"
            assert output.get("name") != "stderr", f"cell {index} wrote to stderr"
            plain = "".join(output.get("data", {}).get("text/plain", ""))
            assert not re.search(r"<(Figure|Axes)[ :]", plain), f"cell {index} stores {plain!r}"
            text = {k: v for k, v in output.get("data", {}).items() if not k.startswith("image/")}
            text = json.dumps([text, output.get("text", "")])  # base64 images can hold "0x..."
            assert not re.search(r"0x[0-9a-f]{8,}", text), f"cell {index}: address"
        if cell.cell_type == "code":
            assert "/work/" not in cell.source and "/home/" not in cell.source, "absolute path"


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_glued_text_reads_back_as_stored(source):
    """The site reads each glued value back with literal_eval ({glue:text}); "4,943" came out
    as "(4, 943)". Every stored value must read back as itself or be a quoted str."""
    from myst_nb.core.variables import format_plain_text

    nb = nbformat.read(source.with_suffix(".ipynb"), as_version=4)
    stored = {o.metadata["scrapbook"]["name"]: o.data[o.metadata["scrapbook"]["mime_prefix"]
                                                      + "text/plain"]
              for cell in nb.cells for o in cell.get("outputs", []) if "scrapbook" in
              o.get("metadata", {})}
    assert stored and stored.keys() == glued(nb).keys()
    for name, text in stored.items():
        shown = format_plain_text(text, "")
        assert shown == text or repr(shown) == text, f"{name}: {text!r} shows as {shown!r}"


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"start_year": 1800}, "parameter 'start_year': 1800 is outside the accepted range "
                               "1949 to 2024"),
        ({"themes": ["china", "arctic"]}, "parameter 'themes': unknown value(s) 'arctic'; "
                                          "accepted: central_asia, china, general, "
                                          "global_partners"),
        ({"themes": "china"}, "parameter 'themes': expected a list of values"),
        ({"start_year": 2010, "end_year": 2000}, "'start_year' must not be after 'end_year'"),
    ],
    ids=["year-1800", "unknown-theme", "string-not-list", "reversed-years"],
)
def test_overview_stops_on_bad_parameters(tmp_path, parameters, message):
    assert_stops_in_validation(NOTEBOOKS / "00_overview.py", tmp_path, parameters, message,
                               "validate_overview")


def test_overview_reruns_with_other_parameters(tmp_path):
    executed = run_notebook(NOTEBOOKS / "00_overview.py", tmp_path, themes=["china"],
                            start_year=1990)
    assert not errors_in(executed)


@pytest.mark.parametrize("source", PAIRS, ids=lambda p: p.stem)
def test_jupytext_writes_the_committed_ipynb_back_to_its_source(source, tmp_path):
    """The jupytext CLI, with the repository's jupytext.toml, turns the .ipynb into the .py."""
    import shutil
    import subprocess
    import sys

    shutil.copy(NOTEBOOKS.parent / "jupytext.toml", tmp_path)
    shutil.copy(source.with_suffix(".ipynb"), tmp_path)
    subprocess.run([sys.executable, "-m", "jupytext", "--quiet", "--to", "py:percent",
                    str(tmp_path / f"{source.stem}.ipynb")], check=True)
    assert (tmp_path / source.name).read_text(encoding="utf-8") == source.read_text(
        encoding="utf-8")


def test_overview_describes_your_own_corpus(tmp_path):
    """`corpus_dir` points section 1 at another folder of documents; nothing is written."""
    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "documents.csv").write_text(
        "file,doc_id,author,title,published,date_precision\n"
        "a.txt,mine2020,A. Author,First,2020,year\nb.txt,mine2023,B. Author,Second,2023,year\n",
        encoding="utf-8")
    (corpus / "a.txt").write_text("NATO officials met Japan and China in Brussels.\n\n"
                                  "Talks with Uzbekistan and Kazakhstan went on.\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Japan joined an exercise with NATO.\n", encoding="utf-8")
    executed = run_notebook(NOTEBOOKS / "00_overview.py", tmp_path, corpus_dir=str(corpus))
    assert glued(executed)["nb00_coverage_note"] == (
        "Together the documents run to 21 words. The countries they name most are Japan, "
        "then China, Kazakhstan and Uzbekistan, with one mention each. The five Central Asian "
        "states are named twice in all, and no "
        "document falls between 2020 and 2023.")
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt", "b.txt", "documents.csv"]


def test_overview_says_so_when_your_documents_name_no_country(tmp_path):
    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "documents.csv").write_text(
        "file,doc_id,author,title,published,date_precision\n"
        "a.txt,mine2020,A. Author,First,2020,year\n", encoding="utf-8")
    (corpus / "a.txt").write_text("The alliance met in Brussels.\n", encoding="utf-8")
    executed = run_notebook(NOTEBOOKS / "00_overview.py", tmp_path, corpus_dir=str(corpus))
    assert glued(executed)["nb00_coverage_note"] == (
        "Together the documents run to 5 words. They name none of the countries in the "
        "lexicon. The five Central Asian states are never named.")  # not "0 times"
    streams = [o for c in executed.cells for o in c.get("outputs", [])
               if o.output_type == "stream"]
    assert any("no figure" in o.text for o in streams)
    assert not any(o.name == "stderr" for o in streams)  # no warning from an empty heatmap


def test_overview_with_one_country_and_no_conflict_shows_no_empty_table(tmp_path):
    """China 2001-2010 holds no conflict group and no approximate date; a corpus naming only
    China has no 'countries they name most'."""
    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "documents.csv").write_text(
        "file,doc_id,author,title,published,date_precision\n"
        "a.txt,mine2021,A. Author,First,2021,year\n", encoding="utf-8")
    (corpus / "a.txt").write_text("China is a challenge.\nChina held talks.\n",
                                  encoding="utf-8")
    executed = run_notebook(NOTEBOOKS / "00_overview.py", tmp_path, themes=["china"],
                            start_year=2001, end_year=2010, corpus_dir=str(corpus))
    assert glued(executed)["nb00_coverage_note"].startswith(
        "Together the documents run to 7 words. The only country they name is China. ")
    shown = [o.get("text", "") + str(o.get("data", {}).get("text/plain", ""))
             for c in executed.cells for o in c.get("outputs", [])]
    assert not any("Empty DataFrame" in text for text in shown)
    assert any("belongs to a conflict group: no table" in text for text in shown)
    assert any("has an approximate date: no table" in text for text in shown)


def test_overview_refuses_a_folder_that_is_not_a_corpus(tmp_path):
    (tmp_path / "empty").mkdir()
    assert_stops_in_validation(NOTEBOOKS / "00_overview.py", tmp_path,
                               {"corpus_dir": str(tmp_path / "empty")},
                               "parameter 'corpus_dir': ", "validate_overview")
