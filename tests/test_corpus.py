"""Unit tests of natoasia.corpus on small synthetic captures (never the seed texts)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from natoasia.corpus import (
    ENV_VAR,
    Corpus,
    CorpusError,
    Document,
    clean_lines,
    make_locator,
    normalise,
    paragraph_hash,
    paragraphs,
    parse_locator,
    read_catalogue,
    resolve_corpus_dir,
    words,
)

DOC = Document(doc_id="doc1", file="doc1.txt", author="Jane Roe",
               title="Alliances in the Pacific Today", published="2020", date_precision="year")
BODY = ("Partners in the region met several times during the year to compare notes on "
        "maritime questions.")
BODY2 = "A second body paragraph continues the argument with more detail about exercises."


def labels(text: str, doc: Document = DOC) -> list[tuple[str, str]]:
    return clean_lines(text, doc)


# ------------------------------------------------------------------ cleaning rules


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("팝업레이어 알림", "hangul_ui"),
        ("사이트 내 전체검색 search", "hangul_ui"),
        ("Skip to container", "navigation"),
        ("Skip to main content", "navigation"),
        ("top of page", "navigation"),
        ("Alliances in the Pacific Today > Articles", "section_breadcrumb"),
        ("Something > News", "section_breadcrumb"),
        ("April 4, 2024 Download (PDF)", "download_link"),
        ("Download print PDF", "download_link"),
        ("Publication: Some Brief Volume: 1 Issue: 2", "publication_banner"),
        ("Image: Leaders shake hands at a summit. AGENCY/Photographer", "image_caption"),
    ],
)
def test_each_ui_rule_removes_its_line(line, rule):
    got = labels(f"{line}\n\n{BODY}\n")
    assert got == [(rule, line), ("body", BODY)]


@pytest.mark.parametrize(
    "line",
    ["The islets Seoul calls Dokdo (독도) are also claimed by Japan and were discussed again.",
     "Readers can download the full report as a PDF from the institute, the author says."],
)
def test_body_text_that_merely_resembles_furniture_is_kept(line):
    assert labels(f"{line}\n") == [("body", line)]


def test_byte_order_marks_are_dropped(tmp_path):
    (tmp_path / "a.txt").write_bytes(("\ufeff" + BODY + "\n").encode("utf-8"))
    (tmp_path / "documents.csv").write_bytes(
        "\ufefffile,doc_id,author,title,published,date_precision\n"
        "a.txt,a,Ann Author,A Title,2020,year\n".encode("utf-8"))
    corpus = Corpus.open(tmp_path)
    assert corpus.paragraphs("a")[0].text == BODY


@pytest.mark.parametrize(
    ("catalogue", "message"),
    [("file,doc_id,author,title,published,date_precision\n", "no documents listed"),
     ("file,doc_id,author,title,published,date_precision\na.txt,a\n",
      "row 2: empty author, title, published, date_precision"),
     ("file,doc_id,author,title,published,date_precision\n../a.txt,a,X,T,2020,year\n",
      "must be a file name inside the corpus folder"),
     ("file,doc_id,author,title,published,date_precision\na.txt,a,X,T,2020,year\n"
      "a.txt,b,X,T,2020,year\n", "row 3: file 'a.txt' is already listed in row 2")],
    ids=["header-only", "short-row", "path-escape", "file-twice"],
)
def test_catalogue_problems_name_file_and_row(tmp_path, catalogue, message):
    (tmp_path / "a.txt").write_text(BODY + "\n", encoding="utf-8")
    (tmp_path / "documents.csv").write_text(catalogue, encoding="utf-8")
    with pytest.raises(CorpusError, match="documents.csv") as info:
        Corpus.open(tmp_path)
    assert message in str(info.value)


@pytest.mark.parametrize("marker", ["Back to Issue", "bottom of page", "Further reading",
                                    "BACK TO ISSUE"])
def test_trailer_marker_drops_it_and_everything_after(marker):
    text = f"{BODY}\n\n{marker}\n\nA summary of the article that must not count.\nAbout us\n"
    got = labels(text)
    assert got[0] == ("body", BODY)
    assert [rule for rule, _line in got[1:]] == ["trailer"] * 3
    assert [p.text for p in paragraphs(DOC, text)] == [BODY]


def test_trailer_marker_must_be_the_whole_line():
    line = "Readers may go back to issue one of the series for the earlier discussion."
    assert labels(line) == [("body", line)]


@pytest.mark.parametrize(
    "line",
    [
        "Alliances in the Pacific Today",  # the title
        "ALLIANCES IN THE PACIFIC — TODAY",  # the title, other case and punctuation
        "Jane Roe",  # the author
        "By Jane Roe",
        "By Jane Roe, Senior Fellow",
        "Jane Roe, Senior Fellow at an institute",
        "Jane Roe is a senior fellow at an institute and writes on security.",
    ],
)
def test_front_matter_repeating_the_catalogue_is_dropped(line):
    assert labels(f"{line}\n{BODY}")[0] == ("front_matter", line)


def test_front_matter_rule_keeps_body_lines_that_mention_the_author_later():
    line = "As Jane Roe argued in an earlier paper, partners matter a great deal here."
    assert labels(line) == [("body", line)]


def test_blank_lines_crlf_and_whitespace_are_normalised():
    text = "  Partners   met\tthere today, as planned.  \r\n\r\n\r\nSecond line here, too.\rThird."
    got = labels(text)
    assert got == [("body", "Partners met there today, as planned."),
                   ("body", "Second line here, too."), ("body", "Third.")]


@pytest.mark.parametrize("space", [chr(c) for c in range(0x110000) if chr(c).isspace()])
def test_every_whitespace_character_is_normalised_to_one_space(space):
    # normalise skips splitting a printable line: it relies on no other space being printable
    assert normalise(f"{space}a{space}{space}b {space}") == "a b"


def test_lines_are_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", "Türkiye and Pétain were mentioned in passing.")
    (rule, line), = labels(decomposed)
    assert line == unicodedata.normalize("NFC", decomposed)


# ------------------------------------------------------------------ paragraphs


def test_paragraphs_are_numbered_from_one_and_headings_label_them():
    text = "\n\n".join([
        "Alliances in the Pacific Today",  # front matter: dropped
        BODY,
        "A Short Heading",  # <= 6 words, no final punctuation: a heading
        BODY2,
        "Question 2: What did the partners decide to do about it?",
        "1. A footnote giving the source of the claim above.",
        "[2] Another footnote with a bracketed number.",
        "Essentially, the role could be twofold:",  # short but ends with ':' -> a paragraph
    ])
    got = paragraphs(DOC, text)
    assert [(p.n, p.kind, p.section) for p in got] == [
        (1, "text", ""),
        (2, "text", "A Short Heading"),
        (3, "question", "A Short Heading"),
        (4, "footnote", "A Short Heading"),
        (5, "footnote", "A Short Heading"),
        (6, "text", "A Short Heading"),
    ]
    assert [p.locator for p in got] == [f"doc1:¶{n}" for n in range(1, 7)]
    assert got[0].words == len(BODY.split())


@pytest.mark.parametrize(
    ("line", "is_heading"),
    [
        ("NATO and Japan", True),
        ("Values-Based Diplomacy?", True),  # a question mark does not end a paragraph
        ("Six words make a heading here", True),
        ("Seven words are too many for a heading", False),
        ("Short but ends with a full stop.", False),
        ("Short, ends with a comma,", False),
    ],
)
def test_heading_rule(line, is_heading):
    got = paragraphs(DOC, f"{line}\n{BODY}")
    assert len(got) == (1 if is_heading else 2)
    assert got[-1].section == (line if is_heading else "")


def test_word_definition_keeps_apostrophes_and_splits_hyphens():
    assert words("NATO’s Asia-Pacific partners don't_split 3.5") == [
        "NATO’s", "Asia", "Pacific", "partners", "don't", "split", "3", "5"]


def wrapped(text: str, width: int = 30) -> str:
    """Hard-wrap text at about ``width`` characters, as plain-text exports do."""
    import textwrap

    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False))


def test_blank_line_paragraphs_unwrap_hard_wrapped_lines():
    doc = Document(**{**DOC.__dict__, "paragraph_break": "blank_line"})
    text = "\n\n".join(["A Short Heading", wrapped(BODY), wrapped(BODY2)]) + "\n\n\n"
    assert text.count("\n") > 8  # really wrapped
    got = paragraphs(doc, text)
    assert [(p.n, p.text, p.section) for p in got] == [
        (1, BODY, "A Short Heading"), (2, BODY2, "A Short Heading")]
    # read line by line (the default), the same file falls apart: short lines become headings
    assert [p.text for p in paragraphs(DOC, text)] == ["questions.",
                                                        "more detail about exercises."]


def test_blank_line_paragraphs_rejoin_a_word_broken_at_a_hyphen():
    doc = Document(**{**DOC.__dict__, "paragraph_break": "blank_line"})
    text = "Allies sought closer co-\noperation and a\n  well-\nknown route - \nthrough Termez."
    (p,) = paragraphs(doc, text)
    assert p.text == "Allies sought closer co-operation and a well-known route - through Termez."


def test_paragraph_break_comes_from_the_catalogue(tmp_path, make_corpus):
    header = ("file", "doc_id", "author", "title", "published", "date_precision",
              "paragraph_break")
    rows = [{"file": "w.txt", "doc_id": "w", "author": "A", "title": "T", "published": "2020",
             "date_precision": "year", "paragraph_break": "blank_line"},
            {"file": "l.txt", "doc_id": "l", "author": "A", "title": "T", "published": "2020",
             "date_precision": "year", "paragraph_break": ""}]
    folder = make_corpus(tmp_path / "c", {"w.txt": wrapped(BODY), "l.txt": f"{BODY}\n{BODY2}"},
                         rows=rows, header=header)
    corpus = Corpus.open(folder)
    assert [d.paragraph_break for d in corpus.documents] == ["blank_line", "newline"]
    assert [p.text for p in corpus.paragraphs("w")] == [BODY]
    assert [p.text for p in corpus.paragraphs("l")] == [BODY, BODY2]
    rows[1]["paragraph_break"] = "paragraph"
    make_corpus(folder, {}, rows=rows, header=header)
    with pytest.raises(CorpusError) as info:
        Corpus.open(folder)
    assert str(info.value) == (
        f"{folder / 'documents.csv'}: row 3: paragraph_break 'paragraph' is not accepted; "
        "use newline or blank_line (empty means newline)")


# ------------------------------------------------------------------ locators and hashes


def test_locator_round_trip():
    assert make_locator("weinrod2008", 12) == "weinrod2008:¶12"
    assert parse_locator("weinrod2008:¶12") == ("weinrod2008", 12)
    assert parse_locator("a.b-c_d:¶1") == ("a.b-c_d", 1)


@pytest.mark.parametrize("bad", ["doc:¶0", "doc:¶01", "doc:12", "doc ¶1", "doc:¶", ":¶1",
                                 "doc id:¶1", "doc:¶1 ", "doc:¶-1", "", "doc:P1"])
def test_parse_locator_rejects_other_forms(bad):
    with pytest.raises(ValueError, match=r"is not of the form '<doc_id>:¶<N>'"):
        parse_locator(bad)


def test_hash_is_pinned_and_ignores_whitespace_and_unicode_form():
    text = "NATO met its partners in Brussels."
    assert paragraph_hash(text) == "255e5b0cb305924a"  # changing this breaks citations
    assert paragraph_hash("  NATO met its   partners\tin Brussels. ") == "255e5b0cb305924a"
    accented = "Türkiye hosted the meeting."
    assert paragraph_hash(unicodedata.normalize("NFD", accented)) == paragraph_hash(accented)
    assert paragraph_hash("NATO met its partners in Brussels!") != paragraph_hash(text)
    assert re.fullmatch(r"[0-9a-f]{16}", paragraph_hash("x"))  # 64 bits as lower-case hex


def test_corpus_open_gives_documents_paragraphs_and_locators(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {"b.txt": f"{BODY}\n\n{BODY2}\n", "a.txt": BODY})
    corpus = Corpus.open(folder)
    assert corpus.doc_ids == ["b", "a"]  # catalogue order
    assert [p.locator for p in corpus.paragraphs()] == ["b:¶1", "b:¶2", "a:¶1"]
    assert corpus.paragraph("b:¶2").text == BODY2
    assert corpus.paragraph("b:¶2").hash == paragraph_hash(BODY2)
    with pytest.raises(KeyError, match="b has only 2 paragraphs"):
        corpus.paragraph("b:¶3")
    with pytest.raises(KeyError, match="unknown document 'zz'; known: b, a"):
        corpus.paragraphs("zz")


# ------------------------------------------------------------------ corpus errors


def test_folder_with_no_text_files(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {}, rows=[{"file": "x.txt", "doc_id": "x",
                                                     "author": "a", "title": "t",
                                                     "published": "2020",
                                                     "date_precision": "year"}])
    with pytest.raises(CorpusError, match=r"c: no \.txt documents in the folder"):
        Corpus.open(folder)


def test_folder_without_catalogue(tmp_path):
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "a.txt").write_text(BODY, encoding="utf-8")
    with pytest.raises(CorpusError, match=r"documents\.csv: missing"):
        Corpus.open(tmp_path / "c")


def test_text_file_missing_from_catalogue(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY})
    (folder / "extra.txt").write_text(BODY, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        Corpus.open(folder)
    assert str(err.value).startswith(str(folder / "extra.txt"))
    assert "not listed in documents.csv" in str(err.value)


def test_catalogue_row_without_its_file(tmp_path, make_corpus):
    rows = [{"file": "a.txt", "doc_id": "a", "author": "x", "title": "t", "published": "2020",
             "date_precision": "year"},
            {"file": "gone.txt", "doc_id": "gone", "author": "x", "title": "t",
             "published": "2020", "date_precision": "year"}]
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY}, rows=rows)
    with pytest.raises(CorpusError, match=r"documents\.csv: row 3: file 'gone\.txt' is not in"):
        Corpus.open(folder)


def test_non_utf8_text(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": b"Caf\xe9 society met."})
    with pytest.raises(CorpusError) as err:
        Corpus.open(folder)
    assert str(err.value) == f"{folder / 'b.txt'}: not UTF-8 (invalid byte at offset 3)"


def test_non_utf8_catalogue(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY})
    (folder / "documents.csv").write_bytes(b"file,doc_id\n\xff\xfe,x\n")
    with pytest.raises(CorpusError, match=r"documents\.csv: not UTF-8"):
        Corpus.open(folder)


def test_empty_document(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": "Skip to container\n\n\n"})
    with pytest.raises(CorpusError) as err:
        Corpus.open(folder)
    assert str(err.value) == (f"{folder / 'b.txt'}: empty document "
                              "(no body paragraphs after cleaning)")


def test_a_document_of_short_lines_says_they_read_as_headings(tmp_path, make_corpus):
    """Short unpunctuated lines are headings, so such a file had 'no body paragraphs' with no
    word on why."""
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": "NATO meets Japan in Tokyo\n"
                                          "China watches the talks closely\n"})
    with pytest.raises(CorpusError) as err:
        Corpus.open(folder)
    assert str(err.value) == (
        f"{folder / 'b.txt'}: empty document (every one of its 2 lines left after cleaning "
        "reads as a heading: 6 words or fewer, not ending in '.', ':' or ',')")


def test_duplicate_doc_id(tmp_path, make_corpus):
    rows = [{"file": "a.txt", "doc_id": "same", "author": "x", "title": "t", "published": "2020",
             "date_precision": "year"},
            {"file": "b.txt", "doc_id": "same", "author": "x", "title": "t", "published": "2020",
             "date_precision": "year"}]
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY2}, rows=rows)
    with pytest.raises(CorpusError, match=r"documents\.csv: row 3: duplicate doc_id 'same' "
                                          r"\(also row 2\)"):
        Corpus.open(folder)


def test_bad_doc_id_and_missing_columns(tmp_path, make_corpus):
    rows = [{"file": "a.txt", "doc_id": "has space", "author": "x", "title": "t",
             "published": "2020", "date_precision": "year"}]
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY}, rows=rows)
    with pytest.raises(CorpusError, match=r"row 2: doc_id 'has space' must be"):
        read_catalogue(folder)
    folder = make_corpus(tmp_path / "d", {"a.txt": BODY}, header=("file", "doc_id", "author"))
    with pytest.raises(CorpusError, match=r"documents\.csv: missing column\(s\) title, "
                                          r"published, date_precision"):
        read_catalogue(folder)


@pytest.mark.parametrize(("published", "precision"), [
    ("2008", "year"), ("2013-02", "month"), ("2024-04-04", "day"), ("2024-02-29", "day"),
])
def test_dates_of_each_accepted_form_are_read(tmp_path, make_corpus, published, precision):
    rows = [{"file": "a.txt", "doc_id": "a", "author": "x", "title": "t",
             "published": published, "date_precision": precision}]
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY}, rows=rows)
    (doc,) = read_catalogue(folder)
    assert (doc.published, doc.date_precision) == (published, precision)


FORMS = "accepted: YYYY, YYYY-MM, YYYY-MM-DD, a real calendar date"


@pytest.mark.parametrize(("published", "precision", "message"), [
    ("November 2012", "month", f"column 'published': 'November 2012' is not a date; {FORMS}"),
    ("2012-13-45", "day", f"column 'published': '2012-13-45' is not a date; {FORMS}"),
    ("2023-02-29", "day", f"column 'published': '2023-02-29' is not a date; {FORMS}"),
    ("2012-1", "month", f"column 'published': '2012-1' is not a date; {FORMS}"),
    ("12", "year", f"column 'published': '12' is not a date; {FORMS}"),
    ("0000", "year", f"column 'published': '0000' is not a date; {FORMS}"),
    ("2012", "quarter", "column 'date_precision': 'quarter' is not accepted; use year, month, "
                        "day, matching published (here year: '2012' is YYYY)"),
    ("2013-02", "day", "column 'date_precision': 'day' does not match published '2013-02', "
                       "which is YYYY-MM; use month, or give published as YYYY-MM-DD"),
    ("2013-02-14", "year", "column 'date_precision': 'year' does not match published "
                           "'2013-02-14', which is YYYY-MM-DD; use day, or give published as "
                           "YYYY"),
], ids=["words", "month-13", "not-a-leap-year", "short-month", "short-year", "year-zero",
        "quarter", "day-for-month", "year-for-day"])
def test_bad_dates_name_file_row_and_column(tmp_path, make_corpus, published, precision,
                                            message):
    rows = [{"file": "a.txt", "doc_id": "a", "author": "x", "title": "t", "published": "2020",
             "date_precision": "year"},
            {"file": "b.txt", "doc_id": "b", "author": "x", "title": "t",
             "published": published, "date_precision": precision}]
    folder = make_corpus(tmp_path / "c", {"a.txt": BODY, "b.txt": BODY2}, rows=rows)
    with pytest.raises(CorpusError) as err:
        read_catalogue(folder)
    assert str(err.value).startswith(f"{folder / 'documents.csv'}: row 3, {message}")
    assert "\n" not in str(err.value)


def test_seed_catalogue_dates_are_accepted(corpus_dir):
    """The seed rows hold year, month and day dates; all of them read."""
    precisions = {d.date_precision for d in read_catalogue(corpus_dir)}
    assert precisions == {"year", "month", "day"}


# ------------------------------------------------------------------ corpus location


def test_resolve_corpus_dir_argument_env_and_neither(tmp_path, monkeypatch):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    monkeypatch.setenv(ENV_VAR, str(b))
    assert resolve_corpus_dir(a) == a  # the argument wins
    assert resolve_corpus_dir(None) == b  # else the environment variable
    assert resolve_corpus_dir("") == b
    monkeypatch.delenv(ENV_VAR)
    with pytest.raises(CorpusError, match=f"no corpus folder given: .*set {ENV_VAR}"):
        resolve_corpus_dir(None)
    with pytest.raises(CorpusError, match="does not exist or is not a folder"):
        resolve_corpus_dir(tmp_path / "missing")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(CorpusError, match="missing does not exist"):
        resolve_corpus_dir(None)
