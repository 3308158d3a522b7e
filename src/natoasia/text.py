"""Non-consumptive text features: who is named, which framing words, where.

Given a corpus (see :mod:`natoasia.corpus`), this module counts, paragraph by paragraph,
the entities of ``data/lexicon_entities.csv`` (countries, capitals, places, organisations,
frameworks) and the terms of ``data/lexicon_framing.csv``, and how often the two meet in
the same paragraph or sentence. Its outputs hold counts, codes, locators and hashes only,
never text, so they can be committed and shared (``data/LEXICON.md`` gives the rules).

The two lexicons are compiled into a trie of their forms (longest candidate first), and
extraction makes ONE regular-expression pass over each paragraph (:class:`Scanner`) that
finds names, terms, sentence ends and words at once. :class:`EntityMatcher` and
:class:`FramingMatcher` run each lexicon on its own and give spans; they define the
matching rules the tests check, and the scanner is tested to agree with them. Documents are
read one at a time, so memory does not grow with the size of the corpus. Writing, loading
and checking the committed feature files is :mod:`natoasia.features`.
"""

from __future__ import annotations

import bisect
import csv
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from natoasia.corpus import (
    WORD,
    Corpus,
    Document,
    Paragraph,
    read_catalogue,
    read_document,
    resolve_corpus_dir,
)
from natoasia.data import DATA_DIR

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
# A name starts a word: no word character before it, nor a letter and an apostrophe (the
# "s" of "NATO's" belongs to the word before it, as in corpus.WORD).
NOT_AFTER_APOSTROPHE = r"(?<![^\W_]['\u2019])"
WORD_START = r"(?<!\w)" + NOT_AFTER_APOSTROPHE

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
            if "(?=" in pattern:  # the scanner must be able to tell a term from its own text
                raise LexiconError(f"{where}, column 'patterns': {pattern!r} has a lookahead "
                                   "(?=...); a term must match on its own words (to leave "
                                   "out a context, use (?!...))")
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


@cache  # a trie has thousands of edges but few distinct ones, and each is rendered twice
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


def _render(node: _Node, groups: list[int] | None) -> str:
    """Regex for a trie node: regex tails first, then longer continuations, then plain ends.

    With ``groups`` (a list), each end gets an empty group ``()`` whose number is recorded,
    so that ``match.lastindex`` tells which key matched; with None, no groups at all.
    """
    mark = "()" if groups is not None else ""
    options = []
    for tail, key in sorted((e for e in node.ends if e[0]), key=lambda e: (-len(e[0]), e[0])):
        if groups is not None:
            groups.append(key)
        options.append(f"(?:{tail})(?!\\w){mark}")
    for edge in sorted(node.children, key=lambda e: (e[0], e[1])):
        chain, child = [edge], node.children[edge]
        while len(child.children) == 1 and not child.ends:  # compress single-child chains
            (next_edge, next_child), = child.children.items()
            chain.append(next_edge)
            child = next_child
        options.append("".join(_edge_regex(e) for e in chain) + _render(child, groups))
    for _tail, key in (e for e in node.ends if not e[0]):
        if groups is not None:
            groups.append(key)
        options.append(f"(?!\\w){mark}")
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
        self.regex = re.compile(WORD_START + _render(root, groups))
        self._group_key = [None] + [self.keys[g] for g in groups]
        self.unmarked = WORD_START + _render(root, None)  # the same matching, no groups

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, end, key)`` of every match, left to right."""
        keys = self._group_key
        return [(m.start(), m.end(), keys[m.lastindex]) for m in self.regex.finditer(text)]


def _entity_entries(entities: list[Entity]) -> list[tuple[str, str, str, bool]]:
    return [(e.entity_id, alias, "", exact or is_acronym(alias))
            for e in entities
            for alias, exact in [(a, False) for a in e.aliases]
            + [(a, True) for a in e.exact_case_aliases]]


def _framing_entries(terms: list[Term]) -> list[tuple[str, str, str, bool]]:
    return [(t.term, *_literal_prefix(pattern), False) for t in terms for pattern in t.patterns]


def _slash_continues(text: str, last: tuple[int, str], start: int, key: str) -> bool:
    """'A/B' naming one entity twice is one mention: does the name of ``key`` at ``start``
    continue the last name, (end, key), across nothing but a slash?"""
    return last[1] == key and SLASH_GAP.fullmatch(text, last[0], start) is not None


class EntityMatcher(Matcher):
    def __init__(self, entities: list[Entity] | None = None):
        self.entities = entities if entities is not None else read_entity_lexicon()
        self.types = {e.entity_id: e.entity_type for e in self.entities}
        self.ignored = frozenset(e.entity_id for e in self.entities if e.entity_type == IGNORE)
        super().__init__(_entity_entries(self.entities))

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Spans of entity names, ignore rows included; 'A/B' of one entity is one span."""
        merged: list[tuple[int, int, str]] = []
        for start, end, key in super().find(text):
            if merged and _slash_continues(text, merged[-1][1:], start, key):
                merged[-1] = (merged[-1][0], end, key)
            else:
                merged.append((start, end, key))
        return merged

    def counts(self, text: str) -> Counter:
        """Mentions per entity_id in a text (ignore rows left out)."""
        return Counter(k for _s, _e, k in self.find(text) if k not in self.ignored)


class FramingMatcher(Matcher):
    def __init__(self, terms: list[Term] | None = None):
        self.terms = terms if terms is not None else read_framing_lexicon()
        self.categories = {t.term: t.category for t in self.terms}
        super().__init__(_framing_entries(self.terms))

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


END, NAME, IGNORED, HIT = "end", "name", "ignored", "hit"  # kinds of scanned token


class _Remembered(dict):
    """What ``work_out(key)`` gives, worked out on first use and remembered: a lookup that
    C-level ``map`` can run over a list."""

    def __init__(self, work_out: Callable[[str], Any]):
        super().__init__()
        self.work_out = work_out

    def __missing__(self, key: str) -> Any:
        value = self[key] = self.work_out(key)
        return value


class Scanner:
    """A paragraph's features in ONE compiled-regex pass: names, terms, sentence ends, words.

    The regex tokenises the paragraph into entity names and framing terms (one trie of both
    lexicons: at any position the longest form wins, and a name beats a term spelt the same,
    so a term inside a name is not counted), sentence ends (SENTENCE_END) and other words
    (corpus.WORD). ``findall`` returns '' for a plain word and the text of anything else, so
    Python only looks at the few tokens that matter; what a token is -- its kind, key and
    number of words -- is worked out once per distinct text.
    """

    def __init__(self, entities: list[Entity] | None = None, terms: list[Term] | None = None):
        entities = entities if entities is not None else read_entity_lexicon()
        terms = terms if terms is not None else read_framing_lexicon()
        self.types = {e.entity_id: e.entity_type for e in entities}
        self.lexicon = Matcher(_entity_entries(entities) + _framing_entries(terms))
        self.regex = re.compile(f"({self.lexicon.unmarked}|{SENTENCE_END.pattern})"
                                f"|(?<![^\\W_]){NOT_AFTER_APOSTROPHE}{WORD.pattern}")
        self._known = _Remembered(self._describe)

    def describe(self, token: str) -> tuple[str, str, int]:
        """``(kind, key, words)`` of a token the regex's group matched."""
        return self._known[token]

    def _describe(self, token: str) -> tuple[str, str, int]:
        if token[0] in ".!?\u2026":
            return (END, "", 0)
        # the key is the group the lexicon's own regex marks (no context needed: every
        # name ends before a non-word character, and the token is all of it)
        (_start, _end, key), = self.lexicon.find(token)
        etype = self.types.get(key)
        kind = HIT if etype is None else IGNORED if etype == IGNORE else NAME
        return (kind, key, len(WORD.findall(token)))

    def scan(self, text: str) -> tuple[int, list[tuple[str, str, int]]]:
        """Plain words, then the names, terms and sentence ends in order as (kind, key, words).

        'A/B' naming one entity twice is one mention (as in EntityMatcher.find); that needs
        positions, so a paragraph with a slash goes through ``finditer``.
        """
        if "/" not in text:
            tokens = self.regex.findall(text)
            marked = list(filter(None, tokens))
            return len(tokens) - len(marked), list(map(self._known.__getitem__, marked))
        plain, found, last = 0, [], None  # last: (end, key) of the last name
        for match in self.regex.finditer(text):
            token = match.group(1)
            if token is None:
                plain += 1
                continue
            kind, key, n = self.describe(token)
            if kind in (NAME, IGNORED):
                merge = last is not None and _slash_continues(text, last, match.start(), key)
                last = (match.end(), key)
                if merge:
                    plain += n
                    continue
            found.append((kind, key, n))
        return plain, found


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


class _Notes(NamedTuple):
    """A scanned document: its paragraph rows and words, and per kind of window (WINDOWS)
    its names (window * base + entity), terms (window * base + term) and number of windows;
    windows are numbered through the document."""

    paragraph_rows: list[tuple]
    names: dict[str, list[int]]
    hits: dict[str, list[int]]
    windows: dict[str, int]
    words: int


class Extractor:
    """Paragraph-level features, one document at a time, as rows of the four tables.

    While a document is counted, a key (entity_id or term) is its number in the sorted
    list of keys, and a key in a window, or a pair of keys, is one number ``a * base + b``:
    numbers count and sort several times faster than tuples of strings, and in the same
    order as the strings they stand for.
    """

    def __init__(self, entities: list[Entity] | None = None, terms: list[Term] | None = None):
        self.scanner = Scanner(entities, terms)
        self.keys = sorted({ANY, *self.scanner.lexicon.keys})
        self.code = {key: i for i, key in enumerate(self.keys)}
        self.entity_type = [self.scanner.types.get(key) for key in self.keys]

    def document_rows(self, doc: Document, paras: list[Paragraph]) -> dict[str, list[tuple]]:
        """The rows one document contributes to each table, sorted.

        Every name and term found is noted with its paragraph and its sentence (see
        ``_notes``); the notes are counted once, at the end of the document.
        """
        notes = self._notes(doc, paras)
        names, hits = notes.names["paragraph"], notes.hits["paragraph"]
        keys, entity_type, base, doc_id = self.keys, self.entity_type, len(self.keys), doc.doc_id
        locator = {p.n: p.locator for p in paras}
        mentions, framing = Counter(names), Counter(hits)
        totals = Counter([c % base for c in names]), Counter([c % base for c in hits])
        return {
            "paragraphs": notes.paragraph_rows,
            "mentions": [(locator[n // base], doc_id, keys[n % base], entity_type[n % base],
                          mentions[n]) for n in sorted(mentions)],
            "framing": [(locator[n // base], doc_id, keys[n % base], framing[n])
                        for n in sorted(framing)],
            "cooccurrence": [row for window in WINDOWS for row in self._cooccurrence(
                doc_id, window, notes.names[window], notes.hits[window], notes.windows[window],
                notes.words, *totals)],
        }

    def _notes(self, doc: Document, paras: list[Paragraph]) -> _Notes:
        """Scan a document's paragraphs: their rows, and its names and terms in each window."""
        scan, code, base = self.scanner.scan, self.code, len(self.keys)
        paragraph_rows = []
        para_names, sent_names, para_hits, sent_hits = [], [], [], []
        sentence = doc_words = 0  # sentence: the number of the current sentence
        for p in paras:
            n_words, found = scan(p.text)
            for kind, key, n in found:
                n_words += n
                if kind is END:
                    sentence += 1
                elif kind is NAME:
                    para_names.append(p.n * base + code[key])
                    sent_names.append(sentence * base + code[key])
                elif kind is HIT:
                    para_hits.append(p.n * base + code[key])
                    sent_hits.append(sentence * base + code[key])
            sentence += 1  # the paragraph's last sentence ends with it
            doc_words += n_words
            paragraph_rows.append((doc.doc_id, p.n, p.locator, p.kind, n_words, p.hash))
        return _Notes(paragraph_rows,
                      names={"paragraph": para_names, "sentence": sent_names},
                      hits={"paragraph": para_hits, "sentence": sent_hits},
                      windows={"paragraph": len(paras), "sentence": sentence}, words=doc_words)

    def _cooccurrence(self, doc_id: str, window: str, names: list[int], hits: list[int],
                      windows: int, doc_words: int, entity_total: Counter,
                      term_total: Counter) -> list[tuple]:
        """The co-occurrence rows of one document for one kind of window, sorted.

        ``names`` holds window * base + entity per mention and ``hits`` window * base + term
        per occurrence. units: windows with the entity, the term or both; count: occurrences
        of the entity or term (for a pair, the term's in the windows naming the entity).
        Marginal rows are marked ANY. Pairs (entity * base + term) are listed, then
        counted, which keeps the loops in C.
        """
        keys, base, margin = self.keys, len(self.keys), self.code[ANY]
        named, with_term = set(names), set(hits)
        entities_in: dict[int, list[int]] = {}  # window -> entity * base, per entity named
        for w, entity in map(divmod, named, repeat(base)):
            entities_in.setdefault(w, []).append(entity * base)
        units = Counter([e + t for w, t in map(divmod, with_term, repeat(base))
                         for e in entities_in.get(w, ())])
        counts = Counter([e + t for w, t in map(divmod, hits, repeat(base))
                          for e in entities_in.get(w, ())])
        units[margin * base + margin], counts[margin * base + margin] = windows, doc_words
        for t, u in Counter([c % base for c in with_term]).items():
            units[margin * base + t], counts[margin * base + t] = u, term_total[t]
        for e, u in Counter([c % base for c in named]).items():
            units[e * base + margin], counts[e * base + margin] = u, entity_total[e]
        return [(doc_id, window, keys[pair // base], keys[pair % base], units[pair], counts[pair])
                for pair in sorted(units)]

    def rows(self, corpus: Corpus | str | os.PathLike | None) -> Iterator[dict[str, list[tuple]]]:
        """Per document, in doc_id order, the rows of each table (see document_rows)."""
        for doc, paras in iter_documents(corpus):
            yield self.document_rows(doc, paras)


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


def cooccurrence_grid(cooccurrence: pd.DataFrame, entity_id: str, doc_ids: list[str],
                      terms: list[str], window: str) -> pd.DataFrame:
    """Per document and term: how many windows naming the entity also hold the term.

    Read from the co-occurrence table (one row per doc, window, entity, term with ``units`` =
    windows and ``count`` = occurrences; ``*`` marks the marginals). Every (document, term)
    pair of the arguments is a row, in their order, with zeros where the two never meet:
    doc_id, term, units, count, entity_units (windows naming the entity), term_units
    (windows with the term), window_units (all windows). The shared base of
    :func:`cooccurring_terms` and :func:`natoasia.china.framing_around`.
    """
    table = cooccurrence[(cooccurrence["window"] == window)
                         & cooccurrence["doc_id"].isin(doc_ids)]
    grid = pd.MultiIndex.from_product([doc_ids, terms], names=["doc_id", "term"])

    def on_grid(rows: pd.DataFrame, column: str) -> pd.Series:
        return rows.set_index(["doc_id", "term"])[column].reindex(grid).fillna(0).astype("int64")

    def per_document(rows: pd.DataFrame) -> pd.Series:
        per_doc = rows.set_index("doc_id")["units"]
        return grid.get_level_values("doc_id").map(per_doc).fillna(0).astype("int64")

    pairs = table[(table["entity_id"] == entity_id) & (table["term"] != ANY)]
    out = pd.DataFrame(index=grid).reset_index()
    out["units"] = on_grid(pairs, "units").to_numpy()
    out["count"] = on_grid(pairs, "count").to_numpy()
    out["entity_units"] = per_document(
        table[(table["entity_id"] == entity_id) & (table["term"] == ANY)]).to_numpy()
    out["term_units"] = on_grid(
        table[(table["entity_id"] == ANY) & (table["term"] != ANY)], "units").to_numpy()
    out["window_units"] = per_document(
        table[(table["entity_id"] == ANY) & (table["term"] == ANY)]).to_numpy()
    return out


def cooccurring_terms(cooccurrence: pd.DataFrame, entity_id: str, *, window: str = "paragraph",
                      doc_ids: Iterable[str] | None = None,
                      terms: list[Term] | None = None) -> pd.DataFrame:
    """Which framing terms appear in the windows (paragraphs or sentences) naming an entity.

    Sums :func:`cooccurrence_grid` over the chosen documents (default: all). Columns: term,
    category, units (windows with both), count (the term's occurrences in them),
    entity_units (windows naming the entity), term_units (windows with the term),
    window_units (all windows), share (units / entity_units), baseline (term_units /
    window_units), lift (share / baseline). Only terms that meet the entity; sorted by units
    then term. Needs only the committed co-occurrence table.
    """
    _check_choice("window", window, WINDOWS)
    table = cooccurrence[cooccurrence["window"] == window]
    known_docs = sorted(set(table["doc_id"]))
    if doc_ids is None:
        doc_ids = known_docs
    else:
        doc_ids = list(doc_ids)
        for doc_id in doc_ids:
            _check_choice("doc_ids", doc_id, known_docs)
        table = table[table["doc_id"].isin(doc_ids)]
    known = sorted(set(table["entity_id"]) - {ANY})
    if entity_id not in known:
        raise ValueError(f"entity_id={entity_id!r} is not mentioned in these documents; "
                         f"mentioned: {', '.join(known)}")
    grid = cooccurrence_grid(table, entity_id, doc_ids, sorted(set(table["term"]) - {ANY}),
                             window)
    pairs = grid.drop(columns="doc_id").groupby("term", as_index=False).sum()
    pairs = pairs[pairs["units"] > 0]
    categories = {t.term: t.category for t in (terms or read_framing_lexicon())}
    pairs.insert(1, "category", pairs["term"].map(categories))
    pairs["share"] = pairs["units"] / pairs["entity_units"]
    pairs["baseline"] = pairs["term_units"] / pairs["window_units"]
    pairs["lift"] = pairs["share"] / pairs["baseline"]
    return pairs.sort_values(["units", "term"], ascending=[False, True], ignore_index=True)
