"""Sources: the bibliography in ``data/references.bib`` and the citations drawn from it.

Every curated row names a ``source_id`` that is a key here, so a figure's source line and a
notebook's reference list come from the same entries the site's bibliography renders.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from natoasia.data import data_dir
from natoasia.prose import markdown_literal

BIBFILE = "references.bib"


@lru_cache(maxsize=4)
def _bibliography(path: Path):
    from pybtex.database import parse_file

    return parse_file(str(path), bib_format="bibtex")


def bibliography(folder: str | Path | None = None):
    """The parsed ``references.bib`` (a pybtex ``BibliographyData``)."""
    return _bibliography((data_dir(folder) / BIBFILE).resolve())


def _entry(key: str, folder=None):
    entries = bibliography(folder).entries
    if key not in entries:
        raise KeyError(f"unknown source {key!r}; known: {', '.join(sorted(entries))}")
    return entries[key]


def _clean(text: str) -> str:
    return re.sub(r"[{}]", "", text).replace("\\&", "&").replace("--", "–")


def _authors(entry) -> str:
    people = entry.persons.get("author", [])
    if not people:
        return _clean(entry.fields.get("organization", entry.fields.get("publisher", "Anon.")))
    names = [_clean(" ".join(p.last_names)) for p in people]
    if len(names) > 2:
        return f"{names[0]} et al."
    return " and ".join(names)


def cite(key: str, folder: str | Path | None = None) -> str:
    """Author–year citation, e.g. ``Weinrod (2008)``."""
    entry = _entry(key, folder)
    return f"{_authors(entry)} ({entry.fields.get('year', 'n.d.')})"


def document_labels(catalogue, doc_ids, folder: str | Path | None = None) -> dict[str, str]:
    """``Author (YYYY-MM)`` for each document: one label in every notebook's tables and axes.

    The author part is the citation's (:func:`cite`), the date is the catalogue's
    ``published`` (``data/sources.csv``) to the month at most, so the two 2013 texts stay
    apart and in order and every label has the same form.
    """
    published = catalogue.set_index("source_id")["published"]
    return {d: f"{_authors(_entry(d, folder))} ({published[d][:7]})" for d in doc_ids}


def cite_many(keys, folder: str | Path | None = None) -> str:
    """Several author–year citations in key order, without repeats."""
    return "; ".join(cite(k, folder) for k in dict.fromkeys(keys))


def _reference_parts(key: str, folder: str | Path | None = None) -> tuple[str, str]:
    """A reference's text (author, year, title, container) and its URL ('' if none)."""
    entry = _entry(key, folder)
    fields = {k: _clean(v) for k, v in entry.fields.items()}
    parts = [f"{_authors(entry)} ({fields.get('year', 'n.d.')}).", f"{fields.get('title', '')}."]
    container = fields.get("journal") or fields.get("publisher") or fields.get("organization")
    if container:
        parts.append(f"{container}.")
    return " ".join(parts), fields.get("url", "")


def reference(key: str, folder: str | Path | None = None) -> str:
    """One full reference line (author, year, title, container, URL)."""
    return _reference_line(*_reference_parts(key, folder))


def _reference_line(text: str, url: str) -> str:
    return f"{text} {url}" if url else text


class References:
    """A notebook's reference list as the reader sees it: one line per reference as text, and
    on the site a bulleted list whose URLs are links (``_repr_markdown_``), not a block of
    printed text. Each key once, sorted by the reference line."""

    def __init__(self, keys, folder: str | Path | None = None):
        self.parts = sorted((_reference_parts(k, folder) for k in set(keys)),
                            key=lambda part: _reference_line(*part).lower())

    def __repr__(self) -> str:
        return "\n".join(_reference_line(*part) for part in self.parts)

    def _repr_markdown_(self) -> str:
        items = []
        for text, url in self.parts:
            escaped = markdown_literal(text)
            items.append(f"- {escaped} <{url}>" if url else f"- {escaped}")
        return "\n".join(items)


CORPUS_TOKEN = re.compile(r"(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]+:¶[0-9]+")  # doc:¶N in any text
PARAGRAPH_INDEX = "corpus_paragraphs.csv"


@lru_cache(maxsize=4)
def _paragraph_index(raw: bytes) -> tuple[frozenset, frozenset, dict[str, tuple[int, int]]]:
    """The locators of ``corpus_paragraphs.csv``, its documents, and each document's first
    and last paragraph number (parsed once per content: an edited index is read afresh)."""
    import csv
    import io

    from natoasia.corpus import LOCATOR

    index = frozenset(row["locator"] for row in
                      csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    numbers: dict[str, list[int]] = {}
    for match in filter(None, map(LOCATOR.match, index)):
        numbers.setdefault(match["doc_id"], []).append(int(match["n"]))
    return (index, frozenset(loc.split(":¶")[0] for loc in index),
            {doc: (min(ns), max(ns)) for doc, ns in numbers.items()})


def _paragraphs(doc: str, documents: frozenset, spans: dict[str, tuple[int, int]]) -> str:
    """What a citation of ``doc`` may be, for an error message."""
    if doc in spans:
        first, last = spans[doc]
        return f"{doc}:¶{first} to {doc}:¶{last}"
    return f"a paragraph of {', '.join(sorted(documents))}"


def table_locator_problems(text: str, where: str | Path,
                           folder: str | Path | None = None) -> list[str]:
    """The corpus citations of one table (its CSV ``text``) that do not resolve, one line
    each, starting with ``where`` (the file as the message should name it).

    Looks at every ``locator`` / ``*_locator`` cell (``;``-separated) and every ``doc:¶N``
    written anywhere else in the table, against the paragraph index of ``folder``; and at
    rows whose ``source_id`` is a seed document but whose locator cites none of its
    paragraphs. Locators of other sources (``row:…``, pages, tables) are not corpus citations.
    """
    import csv
    import io

    from natoasia.corpus import LOCATOR
    from natoasia.data import DataError

    reader = csv.DictReader(io.StringIO(text, newline=""))
    fields = reader.fieldnames or []
    cites = "¶" in text
    if not cites and not {"source_id", "locator"} <= set(fields):
        return []  # nothing here can cite a paragraph
    path = data_dir(folder) / PARAGRAPH_INDEX
    try:
        index, documents, spans = _paragraph_index(path.read_bytes())
    except FileNotFoundError:
        raise DataError(f"{path}: missing; it is needed to check the locators of "
                        f"{where}") from None
    if not cites and not any(doc in text for doc in documents):
        return []  # no citation, and no row of a seed document
    columns = [f for f in fields if f == "locator" or f.endswith("_locator")]
    # a cell's tokens are among the whole text's: look for them cell by cell only if some
    # token is unknown (a token holds no comma, quote or line end, so never spans cells)
    unknown = cites and any(token not in index for token in CORPUS_TOKEN.findall(text))
    problems = []
    for line, row in enumerate(reader, start=2):
        here = f"{where}: row {line}"
        for column in fields if unknown else columns:
            cell = row.get(column) or ""
            if column in columns:
                for value in (v.strip() for v in cell.split(";")):
                    if "¶" in value and not LOCATOR.match(value):
                        problems.append(f"{here}, column {column!r}: {value!r} is not "
                                        "of the form '<doc_id>:¶<N>'")
            for token in CORPUS_TOKEN.findall(cell) if unknown else ():
                if token not in index:
                    problems.append(f"{here}, column {column!r}: {token!r} is not a "
                                    f"paragraph in {PARAGRAPH_INDEX}; accepted: "
                                    f"{_paragraphs(token.split(':¶')[0], documents, spans)}")
        source = row.get("source_id")
        if source in documents and "locator" in fields and not any(
                v.strip().startswith(f"{source}:¶")
                for v in (row["locator"] or "").split(";")):
            problems.append(f"{here}: source_id {source!r} is a seed document but "
                            f"locator {row['locator']!r} cites none of its paragraphs; "
                            f"accepted: {_paragraphs(source, documents, spans)}")
    return problems


def check_locators(folder: str | Path | None = None) -> list[str]:
    """Every corpus citation in the data tables that does not resolve, one line each
    (:func:`table_locator_problems` for every CSV file under ``folder``)."""
    folder = data_dir(folder)
    return [problem for path in sorted(folder.rglob("*.csv"))
            for problem in table_locator_problems(path.read_bytes().decode("utf-8-sig"),
                                                  path.name, folder)]
