"""Non-consumptive text features: who is named, which framing words, where.

Given a corpus (see :mod:`natoasia.corpus`), this module counts, paragraph by paragraph,
the entities of ``data/lexicon_entities.csv`` (countries, capitals, places, organisations,
frameworks) and the terms of ``data/lexicon_framing.csv``, and how often the two meet in
the same paragraph or sentence. Its outputs hold counts, codes, locators and hashes only,
never text, so they can be committed and shared (``data/LEXICON.md`` gives the rules).

Each lexicon is compiled into ONE regular expression (a trie of its aliases, longest
candidate first) that runs once over each paragraph. Documents are read one at a time, so
memory does not grow with the size of the corpus. Writing, loading and checking the
committed feature files is :mod:`natoasia.features`.
"""

from __future__ import annotations

import bisect
import csv
import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from natoasia.corpus import (
    Corpus,
    Document,
    Paragraph,
    read_catalogue,
    read_document,
    resolve_corpus_dir,
    words,
)

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
ENTITY_LEXICON = "lexicon_entities.csv"
FRAMING_LEXICON = "lexicon_framing.csv"
ENTITY_COLUMNS = ("entity_id", "entity_type", "name", "aliases", "exact_case_aliases", "note")
FRAMING_COLUMNS = ("term", "category", "patterns", "definition")
ENTITY_TYPES = ("country", "capital", "place", "organisation", "framework")
IGNORE = "ignore"  # matched (so a longer name can win) but never counted
WINDOWS = ("paragraph", "sentence")
ANY = "*"  # the entity_id / term of the marginal rows of the co-occurrence table

ENTITY_ID = {  # the form of an entity_id for each entity_type
    "country": re.compile(r"^[A-Z]{3}$"),  # ISO 3166-1 alpha-3 (former states: ISO 3166-3)
    "capital": re.compile(r"^capital:[A-Z]{3}$"),  # capital:<country code>
    "place": re.compile(r"^place:[A-Z0-9_]+$"),
    "organisation": re.compile(r"^org:[A-Z0-9_]+$"),
    "framework": re.compile(r"^framework:[A-Z0-9_]+$"),
    IGNORE: re.compile(r"^ignore:[A-Z0-9_]+$"),
}
TERM = re.compile(r"^[a-z]+(?:-[a-z]+)*$")
ACRONYM = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]{2,5}$")
SEPARATOR = r"[\s\-\u2010\u2011]+"  # a space or hyphen in an alias: spaces or hyphens in the text
APOSTROPHE = "['\u2019]"
SLASH_GAP = re.compile(r"\s*/\s*")

# A sentence ends at . ! ? (or an ellipsis), with any closing quotes or brackets, before
# whitespace and a capital, digit or opening quote -- unless the full stop closes an
# initial or a common abbreviation (U.S., W. Bruce, Mr., No. 3) or a leading list number.
_NO_SPLIT_AFTER = ("Mr", "Mrs", "Ms", "Dr", "St", "No", "Nos", "Vol", "Gen", "Lt", "Col", "Sgt",
                   "Adm", "Capt", "Prof", "Rev", "Jr", "Sr", "vs", "Fig", "Art", "Jan", "Feb",
                   "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
SENTENCE_END = re.compile(  # starts with the punctuation, so the search skips ahead fast
    r"(?:[.!?]+|\u2026)(?<!\b[A-Za-z]\.)(?<!\b[a-z]\.[a-z]\.)(?<!^\d\.)(?<!^\d\d\.)"
    + "".join(rf"(?<!\b{a}\.)" for a in _NO_SPLIT_AFTER)
    + r"[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)


class LexiconError(ValueError):
    """A lexicon file that cannot be used; the message names the file, row and column."""


@dataclass(frozen=True)
class Entity:
    entity_id: str
    entity_type: str
    name: str
    aliases: tuple[str, ...]
    exact_case_aliases: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class Term:
    term: str
    category: str
    patterns: tuple[str, ...]
    definition: str


# --------------------------------------------------------------------------- lexicons


def _rows(path: Path, columns: tuple[str, ...], required: tuple[str, ...]) -> Iterator[tuple]:
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in required if c not in (reader.fieldnames or [])]
            if missing:
                raise LexiconError(f"{path}: missing column(s) {', '.join(missing)}; "
                                   f"expected: {', '.join(columns)}")
            for line, row in enumerate(reader, start=2):
                if None in row or any(row.get(c) is None for c in required):
                    raise LexiconError(f"{path}: row {line}: wrong number of fields")
                yield line, {k: (row.get(k) or "").strip() for k in columns}
    except FileNotFoundError:
        raise LexiconError(f"{path}: lexicon file not found") from None
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path}: not UTF-8 (byte {exc.start})") from None


def _split(cell: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in cell.split("|") if a.strip())


def read_entity_lexicon(path: str | os.PathLike | None = None) -> list[Entity]:
    """The entity lexicon (default ``data/lexicon_entities.csv``), checked row by row."""
    path = Path(path) if path is not None else DATA_DIR / ENTITY_LEXICON
    required = ENTITY_COLUMNS[:4]
    entities, ids, owner = [], {}, {}
    for line, row in _rows(path, ENTITY_COLUMNS, required):
        where = f"{path}: row {line}"
        eid, etype = row["entity_id"], row["entity_type"]
        if etype not in ENTITY_TYPES + (IGNORE,):
            raise LexiconError(f"{where}, column 'entity_type': {etype!r} is not one of "
                               f"{', '.join(ENTITY_TYPES + (IGNORE,))}")
        if not ENTITY_ID[etype].match(eid):
            raise LexiconError(f"{where}, column 'entity_id': {eid!r} does not have the form of "
                               f"a {etype} id ({ENTITY_ID[etype].pattern.strip('^$')})")
        if eid in ids:
            raise LexiconError(f"{where}, column 'entity_id': duplicate {eid!r} "
                               f"(also row {ids[eid]})")
        ids[eid] = line
        aliases, exact = _split(row["aliases"]), _split(row["exact_case_aliases"])
        if not aliases and not exact:
            raise LexiconError(f"{where}, column 'aliases': no alias for {eid!r}")
        for alias in aliases + exact:
            key = _alias_key(alias, exact=alias in exact or is_acronym(alias))
            if key in owner and owner[key][0] != eid:
                raise LexiconError(f"{where}, column 'aliases': {alias!r} already belongs to "
                                   f"{owner[key][0]!r} (row {owner[key][1]})")
            owner[key] = (eid, line)
        entities.append(Entity(eid, etype, row["name"] or eid, aliases, exact, row["note"]))
    if not entities:
        raise LexiconError(f"{path}: no rows")
    return entities


def _split_patterns(cell: str) -> tuple[str, ...]:
    """Split on ``|`` outside parentheses and brackets: ``(?:a|b) c|d`` is two patterns."""
    parts, depth, start, escaped, in_class = [], 0, 0, False, False
    for i, ch in enumerate(cell):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(cell[start:i])
            start = i + 1
    parts.append(cell[start:])
    return tuple(p.strip() for p in parts if p.strip())


def read_framing_lexicon(path: str | os.PathLike | None = None) -> list[Term]:
    """The framing lexicon (default ``data/lexicon_framing.csv``), patterns compiled to check."""
    path = Path(path) if path is not None else DATA_DIR / FRAMING_LEXICON
    terms, seen = [], {}
    for line, row in _rows(path, FRAMING_COLUMNS, FRAMING_COLUMNS):
        where = f"{path}: row {line}"
        term = row["term"]
        if not TERM.match(term):
            raise LexiconError(f"{where}, column 'term': {term!r} must be lower-case words "
                               "joined by '-'")
        if term in seen:
            raise LexiconError(f"{where}, column 'term': duplicate {term!r} "
                               f"(also row {seen[term]})")
        seen[term] = line
        patterns = _split_patterns(row["patterns"])
        if not patterns:
            raise LexiconError(f"{where}, column 'patterns': no pattern for {term!r}")
        for pattern in patterns:
            try:
                groups = re.compile(pattern).groups
            except re.error as exc:
                raise LexiconError(f"{where}, column 'patterns': {pattern!r} is not a valid "
                                   f"regular expression ({exc})") from None
            if groups:
                raise LexiconError(f"{where}, column 'patterns': {pattern!r} has a capturing "
                                   "group; use (?:...)")
        for column in ("category", "definition"):
            if not row[column]:
                raise LexiconError(f"{where}, column {column!r}: empty")
        terms.append(Term(term, row["category"], patterns, row["definition"]))
    if not terms:
        raise LexiconError(f"{path}: no rows")
    return terms


def is_acronym(alias: str) -> bool:
    """2-5 letters once dots are removed, at least two capitals, no space: ROK, PfP, U.S."""
    return bool(ACRONYM.match(alias.replace(".", "")))


def _alias_key(alias: str, exact: bool) -> tuple:
    return tuple(_tokens(alias, exact))


def _tokens(alias: str, exact: bool) -> Iterator[tuple[str, str]]:
    """An alias as trie edges: ('s', c) exact char, ('i', c) either case, separators, quotes."""
    previous_sep = False
    for ch in alias:
        if ch in " -\u2010\u2011":
            if not previous_sep:
                yield ("sep", "")
            previous_sep = True
            continue
        previous_sep = False
        if ch in "'\u2019":
            yield ("apos", "")
        elif exact or ch.lower() == ch.upper():
            yield ("s", ch)
        else:
            yield ("i", ch.lower())


# --------------------------------------------------------------------------- matching

_META = set("\\.^$*+?{}[]()|")


def _literal_prefix(pattern: str) -> tuple[str, str]:
    """The plain letters a pattern starts with, and the regular expression after them."""
    i = 0
    while i < len(pattern) and pattern[i] not in _META:
        i += 1
    if i < len(pattern) and pattern[i] in "*+?{" and i > 0:
        i -= 1  # a quantifier applies to the letter before it
    return pattern[:i], pattern[i:]


def _edge_regex(edge: tuple[str, str]) -> str:
    kind, ch = edge
    if kind == "sep":
        return SEPARATOR
    if kind == "apos":
        return APOSTROPHE
    if kind == "i":
        return f"[{re.escape(ch)}{re.escape(ch.upper())}]"
    return re.escape(ch)


class _Node:
    __slots__ = ("children", "ends")

    def __init__(self) -> None:
        self.children: dict[tuple[str, str], _Node] = {}
        self.ends: list[tuple[str, int]] = []  # (regex tail, key index)


def _render(node: _Node, groups: list[int]) -> str:
    """Regex for a trie node: regex tails first, then longer continuations, then plain ends."""
    options = []
    for tail, key in sorted((e for e in node.ends if e[0]), key=lambda e: (-len(e[0]), e[0])):
        groups.append(key)
        options.append(f"(?:{tail})(?!\\w)()")
    for edge in sorted(node.children, key=lambda e: (e[0], e[1])):
        chain, child = [edge], node.children[edge]
        while len(child.children) == 1 and not child.ends:  # compress single-child chains
            (next_edge, next_child), = child.children.items()
            chain.append(next_edge)
            child = next_child
        options.append("".join(_edge_regex(e) for e in chain) + _render(child, groups))
    for _tail, key in (e for e in node.ends if not e[0]):
        groups.append(key)
        options.append("(?!\\w)()")
    if len(options) == 1:
        return options[0] if options[0].startswith("(?!") else f"(?:{options[0]})"
    return "(?:" + "|".join(options) + ")"


class Matcher:
    """One compiled alternation over many word forms; ``find`` runs it once over a text.

    ``entries`` are ``(key, literal, tail, exact)``: the literal part goes into a trie, the
    optional ``tail`` is a regular expression that must follow it. Matches are whole words;
    at each position the longest candidate is tried first, and matches do not overlap.
    """

    def __init__(self, entries: Iterable[tuple[str, str, str, bool]]):
        root, self.keys = _Node(), []
        index = {}
        for key, literal, tail, exact in entries:
            node = root
            for edge in _tokens(literal, exact):
                node = node.children.setdefault(edge, _Node())
            if key not in index:
                index[key] = len(self.keys)
                self.keys.append(key)
            node.ends.append((tail if not tail else f"(?i:{tail})", index[key]))
        groups: list[int] = []
        body = _render(root, groups)
        self.regex = re.compile(r"(?<!\w)" + body)
        self._group_key = [None] + [self.keys[g] for g in groups]

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, key)`` of every match, left to right."""
        keys = self._group_key
        return [(m.start(), m.end(), keys[m.lastindex]) for m in self.regex.finditer(text)]


class EntityMatcher(Matcher):
    def __init__(self, entities: list[Entity] | None = None):
        self.entities = entities if entities is not None else read_entity_lexicon()
        self.types = {e.entity_id: e.entity_type for e in self.entities}
        self.ignored = frozenset(e.entity_id for e in self.entities if e.entity_type == IGNORE)
        super().__init__(
            (e.entity_id, alias, "", exact or is_acronym(alias))
            for e in self.entities
            for alias, exact in [(a, False) for a in e.aliases]
            + [(a, True) for a in e.exact_case_aliases]
        )

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of entity names, ignore rows included; 'A/B' of one entity is one span."""
        spans = super().find(text)
        merged: list[tuple[int, int, str]] = []
        for span in spans:
            last = merged[-1] if merged else None
            if last and last[2] == span[2] and SLASH_GAP.fullmatch(text, last[1], span[0]):
                merged[-1] = (merged[-1][0], span[1], span[2])
            else:
                merged.append(span)
        return merged

    def counts(self, text: str) -> Counter:
        """Mentions per entity_id in a text (ignore rows left out)."""
        return Counter(k for _s, _e, k in self.find(text) if k not in self.ignored)


class FramingMatcher(Matcher):
    def __init__(self, terms: list[Term] | None = None):
        self.terms = terms if terms is not None else read_framing_lexicon()
        self.categories = {t.term: t.category for t in self.terms}
        entries = []
        for t in self.terms:
            for pattern in t.patterns:
                literal, tail = _literal_prefix(pattern)
                entries.append((t.term, literal, tail, False))
        super().__init__(entries)

    def find(self, text: str, mask: list[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
        """Term matches, leaving out any inside a masked span (an entity name)."""
        found = super().find(text)
        if not mask:
            return found
        starts = [s for s, _e, _k in mask]
        kept = []
        for span in found:
            i = bisect.bisect_right(starts, span[0]) - 1
            if i >= 0 and mask[i][1] > span[0]:
                continue
            if i + 1 < len(mask) and mask[i + 1][0] < span[1]:
                continue
            kept.append(span)
        return kept

    def counts(self, text: str, mask: list[tuple[int, int, str]] = ()) -> Counter:
        return Counter(k for _s, _e, k in self.find(text, mask))


def sentence_starts(text: str) -> list[int]:
    """Offsets at which the sentences of a paragraph start (the first is 0)."""
    return [0] + [m.end() for m in SENTENCE_END.finditer(text)]


def split_sentences(text: str) -> list[str]:
    starts = sentence_starts(text)
    return [text[a:b].strip() for a, b in zip(starts, starts[1:] + [len(text)], strict=True)]


# --------------------------------------------------------------------------- extraction


class Features(NamedTuple):
    paragraphs: pd.DataFrame
    mentions: pd.DataFrame
    framing: pd.DataFrame
    cooccurrence: pd.DataFrame


TABLES = {
    "paragraphs": ("corpus_paragraphs.csv", ("doc_id", "n", "locator", "kind", "words", "hash")),
    "mentions": ("corpus_mentions.csv", ("locator", "doc_id", "entity_id", "entity_type", "count")),
    "framing": ("corpus_framing.csv", ("locator", "doc_id", "term", "count")),
    "cooccurrence": ("corpus_cooccurrence.csv",
                     ("doc_id", "window", "entity_id", "term", "units", "count")),
}


def iter_documents(
    corpus: Corpus | str | os.PathLike | None,
) -> Iterator[tuple[Document, list[Paragraph]]]:
    """Documents in doc_id order with their paragraphs.

    Given an open :class:`Corpus`, its paragraphs; given a folder (or None for
    ``$NATOASIA_CORPUS``), one document is read and cleaned at a time, by the same
    functions ``Corpus.open`` uses, so memory stays at one document.
    """
    if isinstance(corpus, Corpus):
        for doc in sorted(corpus.documents, key=lambda d: d.doc_id):
            yield doc, corpus.paragraphs(doc.doc_id)
        return
    root = resolve_corpus_dir(corpus)
    for doc in sorted(read_catalogue(root), key=lambda d: d.doc_id):
        yield doc, read_document(root, doc)


class Extractor:
    """Paragraph-level features, one document at a time, as rows of the four tables."""

    def __init__(self, entities: list[Entity] | None = None, terms: list[Term] | None = None):
        self.entities = EntityMatcher(entities)
        self.framing = FramingMatcher(terms)

    def document_rows(self, doc: Document, paras: list[Paragraph]) -> dict[str, list[tuple]]:
        """The rows one document contributes to each table, sorted."""
        types, ignored = self.entities.types, self.entities.ignored
        find_entities, find_terms = self.entities.find, self.framing.find
        rows: dict[str, list[tuple]] = {name: [] for name in TABLES}
        paragraph, sentence = _WindowTally(), _WindowTally()
        entity_total, term_total, doc_words = Counter(), Counter(), 0
        for p in paras:
            text, locator, doc_id = p.text, p.locator, p.doc_id
            n_words = len(words(text))
            doc_words += n_words
            rows["paragraphs"].append((doc_id, p.n, locator, p.kind, n_words, p.hash))
            starts = sentence_starts(text)
            spans = find_entities(text)
            named = [(s, k) for s, _e, k in spans if k not in ignored]
            hits = [(s, k) for s, _e, k in find_terms(text, spans)]
            if not named and not hits:
                paragraph.windows += 1
                sentence.windows += len(starts)
                continue
            mentions = Counter(k for _s, k in named)
            terms = Counter(k for _s, k in hits)
            entity_total.update(mentions)
            term_total.update(terms)
            rows["mentions"].extend(
                (locator, doc_id, k, types[k], mentions[k]) for k in sorted(mentions)
            )
            rows["framing"].extend((locator, doc_id, k, terms[k]) for k in sorted(terms))
            paragraph.add(1, [(mentions.keys(), terms)])
            if len(starts) == 1:
                sentence.add(1, [(mentions.keys(), terms)])
                continue
            by_sentence: dict[int, tuple[set, Counter]] = {}
            for s, k in named:
                i = bisect.bisect_right(starts, s)
                if i not in by_sentence:
                    by_sentence[i] = (set(), Counter())
                by_sentence[i][0].add(k)
            for s, k in hits:
                i = bisect.bisect_right(starts, s)
                if i not in by_sentence:
                    by_sentence[i] = (set(), Counter())
                by_sentence[i][1][k] += 1
            sentence.add(len(starts), by_sentence.values())
        for window, tally in (("paragraph", paragraph), ("sentence", sentence)):
            out = tally.rows(doc_words, entity_total, term_total)
            rows["cooccurrence"].extend((doc.doc_id, window, *r) for r in out)
        return rows

    def rows(self, corpus: Corpus | str | os.PathLike | None) -> Iterator[dict[str, list[tuple]]]:
        """Per document, in doc_id order, the rows of each table (see document_rows)."""
        for doc, paras in iter_documents(corpus):
            yield self.document_rows(doc, paras)


class _WindowTally:
    """Co-occurrence counts of one document for one kind of window."""

    def __init__(self) -> None:
        self.windows = 0
        self.entity_units, self.term_units = Counter(), Counter()
        self.pair_units, self.pair_counts = Counter(), Counter()

    def add(self, n_windows: int, found: Iterable[tuple[Iterable[str], Counter]]) -> None:
        """``n_windows`` windows, of which those in ``found`` hold (entities, term counts)."""
        self.windows += n_windows
        entity_units, term_units = self.entity_units, self.term_units
        pair_units, pair_counts = self.pair_units, self.pair_counts
        for entities, terms in found:
            entity_units.update(entities)
            term_units.update(terms.keys())
            for e in entities:
                for t, c in terms.items():
                    pair_units[e, t] += 1
                    pair_counts[e, t] += c

    def rows(self, doc_words: int, entity_total: Counter, term_total: Counter) -> list[tuple]:
        """(entity_id, term, units, count) rows, marginals marked ANY, sorted."""
        out = [(ANY, ANY, self.windows, doc_words)]
        out += [(ANY, t, u, term_total[t]) for t, u in self.term_units.items()]
        out += [(e, ANY, u, entity_total[e]) for e, u in self.entity_units.items()]
        out += [(e, t, u, self.pair_counts[e, t]) for (e, t), u in self.pair_units.items()]
        return sorted(out)


def extract_features(corpus: Corpus | str | os.PathLike | None, *,
                     entities: list[Entity] | None = None,
                     terms: list[Term] | None = None) -> Features:
    """The four feature tables of a corpus as DataFrames (in memory; see write_features)."""
    collected: dict[str, list[tuple]] = {name: [] for name in TABLES}
    for doc_rows in Extractor(entities, terms).rows(corpus):
        for name, rows in doc_rows.items():
            collected[name].extend(rows)
    return Features(**{name: pd.DataFrame(collected[name], columns=list(TABLES[name][1]))
                       for name in TABLES})


# --------------------------------------------------------------------------- summaries


def _check_choice(name: str, value: str, accepted: Iterable[str]) -> None:
    accepted = list(accepted)
    if value not in accepted:
        raise ValueError(f"{name}={value!r} is not accepted; use one of: {', '.join(accepted)}")


def mention_rates(paragraphs: pd.DataFrame, mentions: pd.DataFrame, *,
                  entity_type: str | None = None, per: int = 1000) -> pd.DataFrame:
    """Mentions per document and entity, and per ``per`` words of the document.

    Columns: doc_id, entity_id, entity_type, mentions, paragraphs (that mention it),
    words (of the document), rate (mentions per ``per`` words). Sorted by doc_id, entity_id.
    """
    if entity_type is not None:
        _check_choice("entity_type", entity_type, ENTITY_TYPES)
        mentions = mentions[mentions["entity_type"] == entity_type]
    words_per_doc = paragraphs.groupby("doc_id")["words"].sum()
    out = (mentions.groupby(["doc_id", "entity_id", "entity_type"], as_index=False)
           .agg(mentions=("count", "sum"), paragraphs=("locator", "nunique")))
    out["words"] = out["doc_id"].map(words_per_doc).astype("int64")
    out["rate"] = out["mentions"] * per / out["words"]
    return out.sort_values(["doc_id", "entity_id"], ignore_index=True)


def framing_rates(paragraphs: pd.DataFrame, framing: pd.DataFrame,
                  terms: list[Term] | None = None, *, per: int = 1000) -> pd.DataFrame:
    """Framing-term counts per document and term, with category and rate per ``per`` words.

    Columns: doc_id, term, category, count, paragraphs, words, rate.
    """
    categories = {t.term: t.category for t in (terms or read_framing_lexicon())}
    words_per_doc = paragraphs.groupby("doc_id")["words"].sum()
    out = (framing.groupby(["doc_id", "term"], as_index=False)
           .agg(count=("count", "sum"), paragraphs=("locator", "nunique")))
    out.insert(2, "category", out["term"].map(categories))
    out["words"] = out["doc_id"].map(words_per_doc).astype("int64")
    out["rate"] = out["count"] * per / out["words"]
    return out.sort_values(["doc_id", "term"], ignore_index=True)


def cooccurring_terms(cooccurrence: pd.DataFrame, entity_id: str, *, window: str = "paragraph",
                      doc_ids: Iterable[str] | None = None,
                      terms: list[Term] | None = None) -> pd.DataFrame:
    """Which framing terms appear in the windows (paragraphs or sentences) naming an entity.

    Sums over the chosen documents (default: all). Columns: term, category, units (windows
    with both), count (the term's occurrences in them), entity_units (windows naming the
    entity), term_units (windows with the term), window_units (all windows), share
    (units / entity_units), baseline (term_units / window_units), lift (share / baseline).
    Sorted by units then term. Needs only the committed co-occurrence table.
    """
    _check_choice("window", window, WINDOWS)
    table = cooccurrence[cooccurrence["window"] == window]
    if doc_ids is not None:
        doc_ids, known_docs = list(doc_ids), sorted(set(table["doc_id"]))
        for doc_id in doc_ids:
            _check_choice("doc_ids", doc_id, known_docs)
        table = table[table["doc_id"].isin(doc_ids)]
    known = sorted(set(table["entity_id"]) - {ANY})
    if entity_id not in known:
        raise ValueError(f"entity_id={entity_id!r} is not mentioned in these documents; "
                         f"mentioned: {', '.join(known)}")
    total = int(table.loc[(table["entity_id"] == ANY) & (table["term"] == ANY), "units"].sum())
    entity_units = int(table.loc[(table["entity_id"] == entity_id) & (table["term"] == ANY),
                                 "units"].sum())
    term_units = (table[(table["entity_id"] == ANY) & (table["term"] != ANY)]
                  .groupby("term")["units"].sum())
    pairs = (table[(table["entity_id"] == entity_id) & (table["term"] != ANY)]
             .groupby("term", as_index=False)[["units", "count"]].sum())
    categories = {t.term: t.category for t in (terms or read_framing_lexicon())}
    pairs.insert(1, "category", pairs["term"].map(categories))
    pairs["entity_units"] = entity_units
    pairs["term_units"] = pairs["term"].map(term_units).astype("int64")
    pairs["window_units"] = total
    pairs["share"] = pairs["units"] / entity_units
    pairs["baseline"] = pairs["term_units"] / total
    pairs["lift"] = pairs["share"] / pairs["baseline"]
    return pairs.sort_values(["units", "term"], ascending=[False, True], ignore_index=True)
