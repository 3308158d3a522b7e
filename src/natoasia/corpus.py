"""Read a corpus folder: catalogue, cleaned bodies, paragraphs and their locators.

A corpus is a folder of UTF-8 ``.txt`` files plus a ``documents.csv`` that names each file
and gives its ``doc_id``. This module is the one definition of a paragraph locator,
``<doc_id>:¶<N>``: N counts the paragraphs of a document's cleaned body from 1, and every
paragraph carries a content hash so that a citation can be checked against the text.

The seed texts are third-party writing: this module reads them at run time from a folder
the user names and never writes their sentences anywhere.
"""

from __future__ import annotations

import csv
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path

ENV_VAR = "NATOASIA_CORPUS"
CATALOGUE = "documents.csv"
REQUIRED_COLUMNS = ("file", "doc_id", "author", "title", "published", "date_precision")
# Optional documents.csv column: what ends a paragraph in the file. "newline": one paragraph
# per line, as web captures hold them (the default); "blank_line": paragraphs are separated
# by blank lines and may be hard-wrapped over several lines, which are joined.
PARAGRAPH_BREAKS = ("newline", "blank_line")
# ``published`` is a date of the precision ``date_precision`` names: YYYY with "year",
# YYYY-MM with "month", YYYY-MM-DD with "day" (and a real calendar date).
DATE_FORMS = {"year": "YYYY", "month": "YYYY-MM", "day": "YYYY-MM-DD"}
PUBLISHED = re.compile(r"^(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?$")
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
LOCATOR = re.compile(r"^(?P<doc_id>[A-Za-z0-9_.-]+):¶(?P<n>[1-9][0-9]*)$")
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
DOC_ID = re.compile(r"^[A-Za-z0-9_.-]+$")

# Capture residue, one named rule each (tested in tests/test_corpus.py).
# A trailer marker ends the article: it and every line after it are site furniture.
TRAILER_MARKERS = re.compile(r"^(back to issue|bottom of page|further reading)$", re.IGNORECASE)
HANGUL = re.compile(r"[\uac00-\ud7a3]")
UI_LINE_RULES = {
    "navigation": re.compile(r"^(skip to (container|content|main content)|top of page)$", re.I),
    # starts with '>' (then looks back for the space) so that search skips ahead to a '>'
    "section_breadcrumb": re.compile(r">(?<=\s>)\s(articles|news|commentary)$", re.I),
    "download_link": re.compile(r"^(.{0,40}\s)?download( print)? \(?pdf\)?$", re.I),
    "publication_banner": re.compile(r"^publication:\s", re.I),
    "image_caption": re.compile(r"^image:\s", re.I),
}
HEADING_MAX_WORDS = 6
FOOTNOTE = re.compile(r"^\[?\d{1,2}[.)\]]\s+")
QUESTION = re.compile(r"^question\s+\d+\s*:", re.I)


class CorpusError(ValueError):
    """A corpus folder that cannot be read as a corpus; the message names the file."""


@dataclass(frozen=True)
class Document:
    doc_id: str
    file: str
    author: str
    title: str
    published: str
    date_precision: str
    publisher: str = ""
    paragraph_break: str = "newline"  # one of PARAGRAPH_BREAKS


@dataclass(frozen=True)
class Paragraph:
    doc_id: str
    n: int
    text: str
    kind: str  # text | question | footnote
    section: str  # the heading above it, "" before any heading

    @property
    def locator(self) -> str:
        return make_locator(self.doc_id, self.n)

    @property
    def words(self) -> int:
        return len(words(self.text))

    @property
    def hash(self) -> str:
        return _digest(self.text)  # the reader has normalised the text already


def make_locator(doc_id: str, n: int) -> str:
    return f"{doc_id}:¶{n}"


def parse_locator(locator: str) -> tuple[str, int]:
    """Split ``doc:¶N`` into its parts; anything else is an error naming the form."""
    match = LOCATOR.match(str(locator))
    if not match:
        raise ValueError(f"locator {locator!r} is not of the form '<doc_id>:¶<N>' (N from 1)")
    return match["doc_id"], int(match["n"])


def words(text: str) -> list[str]:
    """Word tokens, the one definition used for counts and rates everywhere."""
    return WORD.findall(text)


def normalise(text: str) -> str:
    """NFC, one space between words: the form that hashes and matching see.

    Most lines already have it, and checking costs less than splitting them into words:
    every whitespace character but the space is unprintable.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def paragraph_hash(text: str) -> str:
    """First 16 hex digits of SHA-256 over the normalised paragraph."""
    return _digest(normalise(text))


def _digest(normalised: str) -> str:
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def resolve_corpus_dir(corpus: str | os.PathLike | None = None) -> Path:
    """The corpus folder from the argument, else ``$NATOASIA_CORPUS``; never a guess."""
    chosen = corpus if corpus not in (None, "") else os.environ.get(ENV_VAR)
    if not chosen:
        raise CorpusError(
            f"no corpus folder given: pass --corpus DIR, the 'corpus_dir' parameter, "
            f"or set {ENV_VAR}"
        )
    path = Path(chosen).expanduser()
    if not path.is_dir():
        raise CorpusError(f"corpus folder {path} does not exist or is not a folder")
    return path


def _check_date(catalogue: Path, line: int, published: str, precision: str) -> None:
    """``published`` a real date of one of DATE_FORMS, ``date_precision`` naming its form."""
    match = PUBLISHED.match(published)
    try:
        if match is None:
            raise ValueError
        date(int(match["year"]), int(match["month"] or 1), int(match["day"] or 1))
    except ValueError:
        raise CorpusError(f"{catalogue}: row {line}, column 'published': {published!r} is not "
                          f"a date; accepted: {', '.join(DATE_FORMS.values())}, a real "
                          "calendar date (e.g. 2013, 2013-02 or 2013-02-14)") from None
    form = "day" if match["day"] else "month" if match["month"] else "year"
    if precision not in DATE_FORMS:
        raise CorpusError(f"{catalogue}: row {line}, column 'date_precision': {precision!r} is "
                          f"not accepted; use {', '.join(DATE_FORMS)}, matching published "
                          f"(here {form}: {published!r} is {DATE_FORMS[form]})")
    if precision != form:
        raise CorpusError(f"{catalogue}: row {line}, column 'date_precision': {precision!r} "
                          f"does not match published {published!r}, which is "
                          f"{DATE_FORMS[form]}; use {form}, or give published as "
                          f"{DATE_FORMS[precision]}")


def _simplify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"[^a-z0-9']+", " ", text.lower()).strip()


def read_catalogue(corpus_dir: Path) -> list[Document]:
    """Check ``documents.csv`` against the folder's ``.txt`` files and return the documents."""
    corpus_dir = Path(corpus_dir)
    catalogue = corpus_dir / CATALOGUE
    if not catalogue.is_file():
        raise CorpusError(f"{catalogue}: missing; a corpus folder needs a {CATALOGUE}")
    try:
        with catalogue.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            rows = list(reader)
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{catalogue}: not UTF-8 (byte {exc.start})") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise CorpusError(f"{catalogue}: missing column(s) {', '.join(missing)}; "
                          f"required: {', '.join(REQUIRED_COLUMNS)}")
    if not rows:
        raise CorpusError(f"{catalogue}: no documents listed (header only)")
    texts = sorted(p.name for p in corpus_dir.glob("*.txt"))
    if not texts:
        raise CorpusError(f"{corpus_dir}: no .txt documents in the folder")
    documents, seen, files = [], {}, {}
    for line, row in enumerate(rows, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k is not None}
        empty = [c for c in REQUIRED_COLUMNS if not row.get(c)]
        if empty:
            raise CorpusError(f"{catalogue}: row {line}: empty {', '.join(empty)}")
        doc_id, file = row["doc_id"], row["file"]
        if not DOC_ID.match(doc_id):
            raise CorpusError(
                f"{catalogue}: row {line}: doc_id {doc_id!r} must be letters, digits, '_', '-', '.'"
            )
        if doc_id in seen:
            raise CorpusError(
                f"{catalogue}: row {line}: duplicate doc_id {doc_id!r} (also row {seen[doc_id]})"
            )
        seen[doc_id] = line
        if Path(file).name != file:
            raise CorpusError(f"{catalogue}: row {line}: file {file!r} must be a file name "
                              "inside the corpus folder, not a path")
        if file in files:
            raise CorpusError(f"{catalogue}: row {line}: file {file!r} is already listed "
                              f"in row {files[file]}")
        files[file] = line
        if not (corpus_dir / file).is_file():
            raise CorpusError(f"{catalogue}: row {line}: file {file!r} is not in {corpus_dir}")
        _check_date(catalogue, line, row["published"], row["date_precision"])
        paragraph_break = row.get("paragraph_break") or PARAGRAPH_BREAKS[0]
        if paragraph_break not in PARAGRAPH_BREAKS:
            raise CorpusError(f"{catalogue}: row {line}: paragraph_break {paragraph_break!r} "
                              f"is not accepted; use {' or '.join(PARAGRAPH_BREAKS)} "
                              f"(empty means {PARAGRAPH_BREAKS[0]})")
        documents.append(
            Document(
                doc_id=doc_id,
                file=file,
                author=row["author"],
                title=row["title"],
                published=row["published"],
                date_precision=row["date_precision"],
                publisher=row.get("publisher", ""),
                paragraph_break=paragraph_break,
            )
        )
    listed = {d.file for d in documents}
    unlisted = [t for t in texts if t not in listed]
    if unlisted:
        raise CorpusError(
            f"{corpus_dir / unlisted[0]}: text file not listed in {CATALOGUE} "
            f"(add a row for it or remove it)"
        )
    return documents


def read_text(path: Path) -> str:
    """A document's text; a UTF-8 byte-order mark is dropped, other non-UTF-8 bytes refused."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 (invalid byte at offset {exc.start})") from None


def _is_front_matter(line: str, doc: Document) -> bool:
    """Title, byline, author line or author note: catalogue data repeated in the capture."""
    if doc.author and line.startswith((f"{doc.author},", f"{doc.author} is ")):
        return True
    if len(line) > 2 * max(len(doc.title), len(doc.author)) + 80:
        return False  # far longer than any title or byline: body text (the common case)
    simple = _simplify(line)
    author = _simplify(doc.author)
    if simple == _simplify(doc.title):
        return True
    return bool(author) and (simple == author or simple.startswith(f"by {author}"))


def _mostly_hangul(line: str) -> bool:
    """Korean site furniture in an English capture: most letters are Hangul syllables."""
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and len(HANGUL.findall(line)) > len(letters) / 2


def _is_heading(line: str) -> bool:
    """A short line without closing punctuation (tested first: it rules out most body text)."""
    if line.endswith((".", ":", ",")):
        return False
    beyond = islice(WORD.finditer(line), HEADING_MAX_WORDS, None)  # stops at one word too many
    return next(beyond, None) is None


def _unwrap(block: str) -> str:
    """The lines of a hard-wrapped paragraph as one line ('co-' then 'operation' join)."""
    joined = ""
    for line in block.split("\n"):
        line = line.strip()
        if line:
            word_broken = joined.endswith("-") and joined[-2:-1].isalpha()
            joined += ("" if not joined or word_broken else " ") + line
    return joined


def _raw_paragraphs(text: str, paragraph_break: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if paragraph_break == "blank_line":
        return [_unwrap(block) for block in BLANK_LINE.split(text)]
    return text.split("\n")


def clean_lines(text: str, doc: Document) -> list[tuple[str, str]]:
    """Label every non-blank line (paragraph) of a capture: ``(rule, line)``; ``body`` is kept.

    A line is a paragraph of the file, as ``doc.paragraph_break`` says where they end.
    """
    labelled, in_trailer = [], False
    for raw in _raw_paragraphs(text, doc.paragraph_break):
        line = normalise(raw)
        if not line:
            continue
        if in_trailer or TRAILER_MARKERS.match(line):
            in_trailer = True
            labelled.append(("trailer", line))
            continue
        rule = next((name for name, rx in UI_LINE_RULES.items() if rx.search(line)), None)
        if rule is None and not line.isascii() and HANGUL.search(line) and _mostly_hangul(line):
            rule = "hangul_ui"
        if rule is None and _is_front_matter(line, doc):
            rule = "front_matter"
        labelled.append((rule or "body", line))
    return labelled


def paragraphs(doc: Document, text: str) -> list[Paragraph]:
    """Split a cleaned body into numbered paragraphs; headings label, they are not counted."""
    out, section = [], ""
    for rule, line in clean_lines(text, doc):
        if rule != "body":
            continue
        if _is_heading(line):
            section = line
            continue
        kind = ("footnote" if FOOTNOTE.match(line) else
                "question" if QUESTION.match(line) else "text")
        out.append(Paragraph(doc.doc_id, len(out) + 1, line, kind, section))
    return out


def read_document(root: Path, doc: Document) -> list[Paragraph]:
    """One document's paragraphs; an empty body is an error naming the file."""
    path = Path(root) / doc.file
    text = read_text(path)
    found = paragraphs(doc, text)
    if not found:
        body = [line for rule, line in clean_lines(text, doc) if rule == "body"]
        why = (f"every one of its {len(body)} lines left after cleaning reads as a heading: "
               f"{HEADING_MAX_WORDS} words or fewer, not ending in '.', ':' or ','" if body else
               "no body paragraphs after cleaning")
        raise CorpusError(f"{path}: empty document ({why})")
    return found


@dataclass
class Corpus:
    """A checked corpus folder: its documents and their paragraphs, read once."""

    root: Path
    documents: list[Document]
    _paragraphs: dict[str, list[Paragraph]]

    @classmethod
    def open(cls, corpus: str | os.PathLike | None = None) -> Corpus:
        root = resolve_corpus_dir(corpus)
        documents = read_catalogue(root)
        return cls(root, documents, {d.doc_id: read_document(root, d) for d in documents})

    @property
    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.documents]

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.doc_id == doc_id:
                return doc
        raise KeyError(f"unknown document {doc_id!r}; known: {', '.join(self.doc_ids)}")

    def paragraphs(self, doc_id: str | None = None) -> list[Paragraph]:
        if doc_id is None:
            return [p for d in self.doc_ids for p in self._paragraphs[d]]
        self.document(doc_id)
        return self._paragraphs[doc_id]

    def paragraph(self, locator: str) -> Paragraph:
        doc_id, n = parse_locator(locator)
        paras = self.paragraphs(doc_id)
        if n > len(paras):
            raise KeyError(f"locator {locator!r}: {doc_id} has only {len(paras)} paragraphs")
        return paras[n - 1]
