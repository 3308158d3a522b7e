"""Citations into the corpus resolve, the committed features are what the corpus produces,
and nothing in the repository repeats the corpus's sentences.

(a) runs without the corpus; (b) and (c) need it (``corpus_dir`` in conftest.py: they are
skipped with a reason when it is missing, and fail when ``CI`` is set).
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from natoasia.corpus import LOCATOR, make_locator, parse_locator
from natoasia.features import check_features
from natoasia.sources import check_locators

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
PARAGRAPHS = DATA / "corpus_paragraphs.csv"


def read_rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def data_csvs() -> list[Path]:
    return sorted(p for p in DATA.rglob("*.csv") if p.is_file())


def locator_columns(fields: list[str]) -> list[str]:
    return [f for f in fields if f == "locator" or f.endswith("_locator")]


@pytest.fixture(scope="module")
def paragraph_index() -> dict[str, dict]:
    _fields, rows = read_rows(PARAGRAPHS)
    return {row["locator"]: row for row in rows}


# ------------------------------------------------------------------ (a) without the corpus


def test_paragraph_index_is_consistent(paragraph_index):
    assert paragraph_index, f"{PARAGRAPHS} has no rows"
    per_doc: dict[str, list[int]] = {}
    for locator, row in paragraph_index.items():
        doc_id, n = parse_locator(locator)
        assert (doc_id, str(n)) == (row["doc_id"], row["n"]), locator
        assert re.fullmatch(r"[0-9a-f]{16}", row["hash"]), locator
        assert int(row["words"]) > 0, locator
        per_doc.setdefault(doc_id, []).append(n)
    for doc_id, numbers in per_doc.items():
        assert numbers == list(range(1, len(numbers) + 1)), f"{doc_id}: paragraphs not 1..N"


def test_every_corpus_citation_in_data_resolves(paragraph_index):
    """Locator cells, `doc:¶N` in free text, and seed-document rows (natoasia.sources)."""
    assert not check_locators(DATA), "\n".join(check_locators(DATA))
    cited = {path.name: sum(1 for row in read_rows(path)[1]
                            for column in locator_columns(list(row)) if "¶" in (row[column] or ""))
             for path in data_csvs()}
    assert cited.pop("corpus_paragraphs.csv") == len(paragraph_index)  # one locator a paragraph
    coded = ["events.csv", "constraints.csv", "central_asia_cooperation.csv",
             "partner_milestones.csv"]
    assert all(cited[name] > 0 for name in coded), cited  # the coded tables do cite paragraphs


def test_an_unknown_locator_is_reported_with_file_row_and_column(tmp_path):
    import shutil

    shutil.copy(PARAGRAPHS, tmp_path)
    (tmp_path / "t.csv").write_text("source_id,locator,note\nchan2013,chan2013:¶99,\n"
                                    "chan2013,chan2013:¶1,see galic2021:¶77\n"
                                    "chan2013,row:7,\n"
                                    "chan2013,chan2013:¶1,nobody1999:¶1\n", encoding="utf-8")
    assert check_locators(tmp_path) == [
        "t.csv: row 2, column 'locator': 'chan2013:¶99' is not a paragraph in "
        "corpus_paragraphs.csv; accepted: chan2013:¶1 to chan2013:¶10",
        "t.csv: row 3, column 'note': 'galic2021:¶77' is not a paragraph in "
        "corpus_paragraphs.csv; accepted: galic2021:¶1 to galic2021:¶10",
        "t.csv: row 4: source_id 'chan2013' is a seed document but locator 'row:7' cites "
        "none of its paragraphs; accepted: chan2013:¶1 to chan2013:¶10",
        "t.csv: row 5, column 'note': 'nobody1999:¶1' is not a paragraph in "
        "corpus_paragraphs.csv; accepted: a paragraph of chan2013, galic2021, grand2024, "
        "jamestown2013, weinrod2008"]


def test_citations_without_a_paragraph_index_are_named(tmp_path):
    from natoasia.data import DataError

    (tmp_path / "t.csv").write_text("source_id,note\ns1,plain text\n", encoding="utf-8")
    assert check_locators(tmp_path) == []  # nothing cites a paragraph: no index needed
    (tmp_path / "t.csv").write_text("source_id,note\ns1,see chan2013:¶1\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"corpus_paragraphs\.csv: missing; it is needed to "
                                        r"check the locators of t\.csv$"):
        check_locators(tmp_path)


def test_locator_format_matches_the_reader():
    assert make_locator("doc", 3) == "doc:¶3" and LOCATOR.match("doc:¶3")


# ------------------------------------------------------------------ (b) with the corpus


@pytest.mark.corpus
def test_committed_features_equal_regenerated_ones(corpus_dir):
    differences = check_features(corpus_dir, DATA)
    assert not differences, (
        "committed features differ from the corpus; if the change is intended, regenerate "
        "with 'natoasia corpus features --corpus DIR --out data' and update the tables that "
        "cite the paragraphs:\n" + "\n".join(differences))


@pytest.mark.corpus
def test_committed_hashes_match_the_corpus(seed_corpus, paragraph_index):
    in_corpus = {p.locator: p for p in seed_corpus.paragraphs()}
    assert sorted(in_corpus) == sorted(paragraph_index), "paragraph numbering changed"
    wrong = [f"{loc}: committed {row['hash']}, corpus {in_corpus[loc].hash}"
             for loc, row in paragraph_index.items() if in_corpus[loc].hash != row["hash"]]
    assert not wrong, "paragraph text changed under these locators:\n" + "\n".join(wrong)


# ------------------------------------------------------------------ (c) no verbatim text


@pytest.mark.corpus
def test_no_file_repeats_twelve_words_of_the_corpus(corpus_dir):
    candidates = [corpus_dir.parent / "tools" / "check_no_verbatim.py",
                  REPO.parent / "shared" / "tools" / "check_no_verbatim.py"]
    tool = next((p for p in candidates if p.is_file()), None)
    if tool is None:
        message = f"check_no_verbatim.py not found (looked at {', '.join(map(str, candidates))})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run([sys.executable, str(tool), str(REPO), "--corpus", str(corpus_dir)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
