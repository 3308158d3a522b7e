"""Feature extraction: lexicon matching, exact counts, writing/checking files, the CLI."""

from __future__ import annotations

import bisect
import csv
import io
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from natoasia.cli import main
from natoasia.corpus import Corpus, CorpusError, words
from natoasia.features import check_features, load_features, write_features
from natoasia.text import (
    END,
    HIT,
    NAME,
    TABLES,
    Entity,
    EntityMatcher,
    Extractor,
    FramingMatcher,
    LexiconError,
    Scanner,
    cooccurrence_grid,
    cooccurring_terms,
    extract_features,
    framing_rates,
    is_acronym,
    iter_documents,
    mention_rates,
    read_entity_lexicon,
    read_framing_lexicon,
    sentence_starts,
)

P1 = "The Republic of Korea and South Korea met China. Beijing warned of a threat to partners."
P2 = ("Chinese officials praised the Partnership for Peace and mutual trust. The US and "
      "NATO-led forces, not us, held dialogue in Washington, DC.")
B1 = "China Brief reported on the Senkaku/Diaoyu Islands dispute and on cooperation."


@pytest.fixture(scope="module")
def entities() -> EntityMatcher:
    return EntityMatcher()


@pytest.fixture(scope="module")
def framing() -> FramingMatcher:
    return FramingMatcher()


@pytest.fixture
def small_corpus(tmp_path, make_corpus) -> Path:
    rows = [{"file": "b.txt", "doc_id": "beta", "author": "Jane Roe", "title": "Beta Paper",
             "published": "2021", "date_precision": "year"},
            {"file": "a.txt", "doc_id": "alpha", "author": "John Doe", "title": "Alpha Paper",
             "published": "2020", "date_precision": "year"}]
    return make_corpus(tmp_path / "corpus", {
        "a.txt": f"Alpha Paper\nBy John Doe\n\n{P1}\n\nA Heading\n\n{P2}\n\nBack to Issue\nChina.",
        "b.txt": f"{B1}\n",
    }, rows=rows)


def matched(matcher: EntityMatcher, text: str) -> list[tuple[str, str]]:
    return [(text[s:e], k) for s, e, k in matcher.find(text) if not k.startswith("ignore:")]


# ------------------------------------------------------------------ entity matching


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # aliases of one country, longest match first: not also counted as 'Korea'
        ("The Republic of Korea, South Korea and the ROK met.",
         [("Republic of Korea", "KOR"), ("South Korea", "KOR"), ("ROK", "KOR")]),
        ("North Korean and North Korea but not Korea or Korean.",
         [("North Korean", "PRK"), ("North Korea", "PRK")]),
        # acronyms are case-sensitive, names are not
        ("The US, the U.S. and the USA, but not us or Us.",
         [("US", "USA"), ("U.S.", "USA"), ("USA", "USA")]),
        ("PfP, PFP and pfp; JAPAN and japan.",
         [("PfP", "framework:PFP"), ("PFP", "framework:PFP"), ("JAPAN", "JPN"), ("japan", "JPN")]),
        ("The Alliance and an alliance; intra-Alliance talks.",
         [("Alliance", "org:NATO"), ("Alliance", "org:NATO")]),
        # capitals are their own entities, distinct from the country
        ("Beijing and China; Seoul and South Korea; Brussels.",
         [("Beijing", "capital:CHN"), ("China", "CHN"), ("Seoul", "capital:KOR"),
          ("South Korea", "KOR"), ("Brussels", "capital:BEL")]),
        ("Washington, DC and the Washington Treaty and Washington.",
         [("Washington, DC", "capital:USA"), ("Washington Treaty", "framework:WASHINGTON_TREATY"),
          ("Washington", "capital:USA")]),
        # demonyms count toward the country; regions take precedence over their parts
        ("Chinese, Japanese and Australian officials; Central Asian and Asian states.",
         [("Chinese", "CHN"), ("Japanese", "JPN"), ("Australian", "AUS"),
          ("Central Asian", "place:CENTRAL_ASIA"), ("Asian", "place:ASIA")]),
        ("The Indian Ocean, India and Indians.",
         [("Indian Ocean", "place:INDIAN_OCEAN"), ("India", "IND"), ("Indians", "IND")]),
        # whole words only; hyphenated compounds count their named part
        ("Chinatown, Indiana, USB, NATOs and non-NATO, NATO-led, anti-Japan, China’s.",
         [("NATO", "org:NATO"), ("NATO", "org:NATO"), ("Japan", "JPN"), ("China", "CHN")]),
        # a name of a council is not also NATO and Russia
        ("The NATO-Russia Council and the North Atlantic Treaty Organization.",
         [("NATO-Russia Council", "org:NRC"), ("North Atlantic Treaty Organization", "org:NATO")]),
        # hyphen or space, straight or curly apostrophe
        ("Asia-Pacific, Asia Pacific, five-eyes, Five Eyes, People's and People’s Liberation Army.",
         [("Asia-Pacific", "place:ASIA_PACIFIC"), ("Asia Pacific", "place:ASIA_PACIFIC"),
          ("five-eyes", "framework:FIVE_EYES"), ("Five Eyes", "framework:FIVE_EYES"),
          ("People’s Liberation Army", "org:PLA")]),
        # A/B of the same place counts once; different entities stay apart
        ("Senkaku/Diaoyu Islands, Liancourt Rocks/Dokdo/Takeshima, China/Japan.",
         [("Senkaku/Diaoyu Islands", "place:SENKAKU"),
          ("Liancourt Rocks/Dokdo/Takeshima", "place:DOKDO"), ("China", "CHN"), ("Japan", "JPN")]),
        # publication names are matched but not counted
        ("China Brief and China Daily cited the New York Times about New York.",
         [("New York", "place:NEW_YORK")]),
    ],
)
def test_entity_matching(entities, text, expected):
    assert matched(entities, text) == expected


def test_entity_counts_exclude_ignored_names(entities):
    text = "China Brief wrote about China, Chinese aid and Beijing; the PRC replied."
    assert entities.counts(text) == {"CHN": 3, "capital:CHN": 1}


@pytest.mark.parametrize(("alias", "acronym"), [("ROK", True), ("PfP", True), ("U.S.", True),
                                               ("ISAF", True), ("AUKUS", True), ("NATO", True),
                                               ("Japan", False), ("Turkey", False),
                                               ("ABCDEF", False), ("U", False),
                                               ("Five Eyes", False)])
def test_acronym_rule(alias, acronym):
    assert is_acronym(alias) is acronym


def test_committed_lexicon_covers_the_issue_examples():
    by_id = {e.entity_id: e for e in read_entity_lexicon()}
    for eid in ("CHN", "JPN", "KOR", "PRK", "AUS", "NZL", "KAZ", "KGZ", "TJK", "TKM", "UZB",
                "AFG", "PAK", "IND", "RUS", "USA", "GBR", "FRA", "DEU", "SGP", "MNG", "MYS",
                "UKR", "FIN", "SWE", "ISR", "IRQ", "capital:KOR", "capital:CHN", "capital:BEL",
                "org:NATO", "org:ISAF", "framework:PFP", "org:EAPC", "org:NACC", "org:NAC",
                "framework:ICI", "framework:MD", "org:UN", "org:UNSC", "org:EU",
                "framework:AUKUS", "org:SCO", "org:CSTO", "org:OSCE", "org:ASEAN", "org:ARF",
                "framework:FIVE_EYES", "place:CENTRAL_ASIA", "place:BALKANS", "place:KOSOVO",
                "place:GULF_OF_ADEN", "place:INDIAN_OCEAN", "place:EAST_CHINA_SEA",
                "place:SOUTH_CHINA_SEA", "place:SENKAKU", "place:DOKDO", "place:MEDITERRANEAN",
                "place:BALTIC", "place:ASIA_PACIFIC", "place:INDO_PACIFIC"):
        assert eid in by_id, eid
    assert {"Republic of Korea", "South Korea", "ROK"} <= set(by_id["KOR"].aliases)
    terms = {t.term for t in read_framing_lexicon()}
    assert {"threat", "challenge", "partner", "dialogue", "cooperation", "values", "deterrence",
            "security", "rivalry", "competition", "risk", "stability", "trust", "rules-based",
            "coercion", "peaceful", "containment", "counterweight", "engagement",
            "interoperability", "like-minded"} <= terms


# ------------------------------------------------------------------ framing


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A threat, threats, THREATENED and threatening.", {"threat": 4}),
        ("Partners and a partnership, but the Partnership for Peace is a name.", {"partner": 2}),
        ("Mutual trust, not a trust fund, nor the Law and Order Trust Fund.", {"trust": 1}),
        ("The UN Security Council discussed security and International Security Assistance "
         "Force stability.", {"security": 1, "stability": 1}),
        ("The rules-based international order and a world order.",
         {"rules-based": 1, "international-order": 2}),
        ("Deterrence, to deter, deterrent; like-minded democracies.",
         {"deterrence": 3, "like-minded": 1, "democracy": 1}),
        ("It contains a clause; they could contain the rival.", {"containment": 1, "rivalry": 1}),
        ("Values Diplomacy, added value, valued support.", {"values": 1}),
    ],
)
def test_framing_counts(entities, framing, text, expected):
    assert framing.counts(text, entities.find(text)) == expected


def test_framing_without_mask_counts_inside_names(framing):
    assert framing.counts("the Partnership for Peace") == {"partner": 1, "peace": 1}


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One here. Two there! Three? Four.", ["One here.", "Two there!", "Three?", "Four."]),
        ("The U.S. Secretary met W. Bruce. Then Mr. Smith left.",
         ["The U.S. Secretary met W. Bruce.", "Then Mr. Smith left."]),
        ("1. A footnote here. Then more.", ["1. A footnote here.", "Then more."]),
        ("He said “we agree.” Then he left (briefly.) Next, $3.7 billion.",
         ["He said “we agree.”", "Then he left (briefly.)", "Next, $3.7 billion."]),
        ("Lower case after a stop. does not split. No. 3 neither.",
         ["Lower case after a stop. does not split.", "No. 3 neither."]),
    ],
)
def test_sentences_start_where_expected(text, sentences):
    starts = sentence_starts(text)
    ends = [*starts[1:], len(text)]
    assert [text[a:b].strip() for a, b in zip(starts, ends, strict=True)] == sentences


# ------------------------------------------------------------------ the one-pass scanner


def scanned(scanner: Scanner, text: str) -> tuple[int, int, list, list]:
    """Words, sentences, (sentence, entity) and (sentence, term) as the scanner finds them."""
    n_words, found = scanner.scan(text)
    sentence, names, hits = 0, [], []
    for kind, key, n in found:
        n_words += n
        sentence += kind is END
        if kind in (NAME, HIT):
            (names if kind is NAME else hits).append((sentence, key))
    return n_words, sentence + 1, names, hits


def matched_separately(entities: EntityMatcher, framing: FramingMatcher, text: str):
    """The same from the separate matchers, the sentence splitter and corpus.words."""
    starts = sentence_starts(text)
    spans = entities.find(text)

    def where(start: int) -> int:
        return bisect.bisect_right(starts, start) - 1

    names = [(where(s), k) for s, _e, k in spans if k not in entities.ignored]
    hits = [(where(s), k) for s, _e, k in framing.find(text, spans)]
    return len(words(text)), len(starts), names, hits


TRICKY = [
    P1, P2, B1,
    "NATO's partners and the ROK/South Korea alliance; ROK / Japan and China/China.",
    "snake_Korea and 1990's China; the U.S. and the U.S.A. met in Washington, D.C. Then Japan.",
    "Mutual trust, not a trust fund. The Partnership for Peace, the Asia-Pacific partners.",
    "“China’s rise,” he said. (Japan.) Next: the PRC’s threat? No. 3 partner!",
    "A global order... or the Indo-Pacific! Korea-Japan co-operation, non-NATO allies.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_one_pass_scan_agrees_with_the_separate_matchers(entities, framing, text):
    scanner = Scanner(entities.entities, framing.terms)
    assert scanned(scanner, text) == matched_separately(entities, framing, text)


def test_one_pass_scan_agrees_on_generated_text(entities, framing):
    """Seeded random paragraphs: every alias and term form, glued by awkward punctuation."""
    rng = random.Random(7)
    forms = sorted({a for e in entities.entities for a in e.aliases + e.exact_case_aliases}
                   | {p for t in framing.terms for p in t.patterns if p.isalpha()})
    glue = [" ", " ", " ", ", ", ". ", "/", " / ", "'s ", "’s ", "-", "_", " (", ") ", "? ",
            "! ", " “", "” ", " 1990 ", " a. ", " U.S. "]
    filler = ["the", "of", "talks", "and", "We", "It", "x", "9"]
    scanner = Scanner(entities.entities, framing.terms)
    for _ in range(400):
        parts = [rng.choice(forms if rng.random() < 0.5 else filler) + rng.choice(glue)
                 for _ in range(rng.randint(1, 25))]
        text = "".join(parts).strip()
        assert scanned(scanner, text) == matched_separately(entities, framing, text), text


# ------------------------------------------------------------------ exact tables


def test_extracted_tables_are_exact(small_corpus):
    f = extract_features(small_corpus)
    assert f.paragraphs.to_dict("list") == {
        "doc_id": ["alpha", "alpha", "beta"],
        "n": [1, 2, 1],
        "locator": ["alpha:¶1", "alpha:¶2", "beta:¶1"],
        "kind": ["text", "text", "text"],
        "words": [16, 23, 12],
        "hash": [Corpus.open(small_corpus).paragraph(loc).hash
                 for loc in ("alpha:¶1", "alpha:¶2", "beta:¶1")],
    }
    assert list(f.mentions.itertuples(index=False, name=None)) == [
        ("alpha:¶1", "alpha", "CHN", "country", 1),
        ("alpha:¶1", "alpha", "KOR", "country", 2),
        ("alpha:¶1", "alpha", "capital:CHN", "capital", 1),
        ("alpha:¶2", "alpha", "CHN", "country", 1),
        ("alpha:¶2", "alpha", "USA", "country", 1),
        ("alpha:¶2", "alpha", "capital:USA", "capital", 1),
        ("alpha:¶2", "alpha", "framework:PFP", "framework", 1),
        ("alpha:¶2", "alpha", "org:NATO", "organisation", 1),
        ("beta:¶1", "beta", "place:SENKAKU", "place", 1),
    ]
    assert list(f.framing.itertuples(index=False, name=None)) == [
        ("alpha:¶1", "alpha", "partner", 1),
        ("alpha:¶1", "alpha", "threat", 1),
        ("alpha:¶2", "alpha", "dialogue", 1),
        ("alpha:¶2", "alpha", "trust", 1),
        ("beta:¶1", "beta", "cooperation", 1),
        ("beta:¶1", "beta", "dispute", 1),
    ]
    co = f.cooccurrence
    sentence = co[(co["doc_id"] == "alpha") & (co["window"] == "sentence")]
    assert list(sentence.iloc[:, 2:].itertuples(index=False, name=None)) == [
        ("*", "*", 4, 39),
        ("*", "dialogue", 1, 1), ("*", "partner", 1, 1), ("*", "threat", 1, 1),
        ("*", "trust", 1, 1),
        ("CHN", "*", 2, 2), ("CHN", "trust", 1, 1),
        ("KOR", "*", 1, 2),
        ("USA", "*", 1, 1), ("USA", "dialogue", 1, 1),
        ("capital:CHN", "*", 1, 1), ("capital:CHN", "partner", 1, 1),
        ("capital:CHN", "threat", 1, 1),
        ("capital:USA", "*", 1, 1), ("capital:USA", "dialogue", 1, 1),
        ("framework:PFP", "*", 1, 1), ("framework:PFP", "trust", 1, 1),
        ("org:NATO", "*", 1, 1), ("org:NATO", "dialogue", 1, 1),
    ]
    paragraph = co[(co["doc_id"] == "alpha") & (co["window"] == "paragraph")]
    rows = {(e, t): (u, c) for e, t, u, c in paragraph.iloc[:, 2:].itertuples(index=False)}
    assert rows[("*", "*")] == (2, 39)
    assert rows[("CHN", "*")] == (2, 2)
    assert rows[("KOR", "*")] == (1, 2)
    assert {t for e, t in rows if e == "CHN"} == {"*", "dialogue", "partner", "threat", "trust"}
    assert {t for e, t in rows if e == "KOR"} == {"*", "partner", "threat"}
    assert len(rows) == 5 + 5 + 3 + 5 * 3  # marginals, CHN, KOR, five one-paragraph entities
    beta = co[co["doc_id"] == "beta"]
    assert list(beta.iloc[:, 1:].itertuples(index=False, name=None)) == [
        (w, e, t, 1, c) for w in ("paragraph", "sentence") for e, t, c in
        [("*", "*", 12), ("*", "cooperation", 1), ("*", "dispute", 1),
         ("place:SENKAKU", "*", 1), ("place:SENKAKU", "cooperation", 1),
         ("place:SENKAKU", "dispute", 1)]
    ]


def test_streaming_and_open_corpus_give_the_same_rows(small_corpus):
    from_folder = extract_features(small_corpus)
    from_corpus = extract_features(Corpus.open(small_corpus))
    for a, b in zip(from_folder, from_corpus, strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert [d.doc_id for d, _p in iter_documents(small_corpus)] == ["alpha", "beta"]


def test_summaries(small_corpus):
    f = extract_features(small_corpus)
    rates = mention_rates(f.paragraphs, f.mentions, entity_type="country")
    row = rates[(rates["doc_id"] == "alpha") & (rates["entity_id"] == "KOR")].iloc[0]
    assert (row["mentions"], row["paragraphs"], row["words"]) == (2, 1, 39)
    assert row["rate"] == pytest.approx(2 * 1000 / 39)
    assert set(rates["entity_type"]) == {"country"}
    terms = framing_rates(f.paragraphs, f.framing)
    assert terms.loc[terms["term"] == "threat", "category"].item() == "threat_framing"
    chn = cooccurring_terms(f.cooccurrence, "CHN", window="sentence")
    assert chn.to_dict("records") == [{
        "term": "trust", "category": "cooperative_framing", "units": 1, "count": 1,
        "entity_units": 2, "term_units": 1, "window_units": 5, "share": 0.5, "baseline": 0.2,
        "lift": 2.5}]
    para = cooccurring_terms(f.cooccurrence, "CHN", window="paragraph", doc_ids=["alpha"])
    assert list(para["term"]) == ["dialogue", "partner", "threat", "trust"]
    assert set(para["share"]) == {0.5}
    with pytest.raises(ValueError, match=r"window='word' is not accepted; use one of: "
                                         r"paragraph, sentence"):
        cooccurring_terms(f.cooccurrence, "CHN", window="word")
    with pytest.raises(ValueError, match=r"entity_id='JPN' is not mentioned"):
        cooccurring_terms(f.cooccurrence, "JPN")
    with pytest.raises(ValueError, match=r"doc_ids='gamma' is not accepted"):
        cooccurring_terms(f.cooccurrence, "CHN", doc_ids=["gamma"])


# ------------------------------------------------------------------ lexicon errors


def write_lexicon(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join((header,) + rows) + "\n", encoding="utf-8")
    return path


ENTITY_HEADER = "entity_id,entity_type,name,aliases,exact_case_aliases,note"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (["CHN,country,China,China,,", "TWN,country,Taiwan,china,,"],
         r"row 3, column 'aliases': 'china' already belongs to 'CHN' \(row 2\)"),
        (["capital:CHN,country,Beijing,Beijing,,"],
         r"row 2, column 'entity_id': 'capital:CHN' does not have the form of a country id"),
        (["CHN,nation,China,China,,"], r"row 2, column 'entity_type': 'nation' is not one of"),
        (["CHN,country,China,China,,", "CHN,country,China,PRC,,"],
         r"row 3, column 'entity_id': duplicate 'CHN' \(also row 2\)"),
        (["CHN,country,China,,,"], r"row 2, column 'aliases': no alias for 'CHN'"),
    ],
)
def test_entity_lexicon_errors_name_file_row_column(tmp_path, rows, message):
    path = write_lexicon(tmp_path / "entities.csv", ENTITY_HEADER, *rows)
    with pytest.raises(LexiconError, match=message) as err:
        read_entity_lexicon(path)
    assert str(err.value).startswith(str(path))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("threat,threat_framing,(threat)s?,Harm.", r"has a capturing group; use \(\?:\.\.\.\)"),
        ("threat,threat_framing,threat[,Harm.", r"is not a valid regular expression"),
        ("threat,threat_framing,threat(?=s),Harm.", r"has a lookahead \(\?=\.\.\.\)"),
        ("Threat,threat_framing,threat,Harm.", r"column 'term': 'Threat' must be lower-case"),
        ("threat,threat_framing,threat,", r"column 'definition': empty"),
    ],
)
def test_framing_lexicon_errors(tmp_path, row, message):
    path = write_lexicon(tmp_path / "framing.csv", "term,category,patterns,definition", row)
    with pytest.raises(LexiconError, match=message):
        read_framing_lexicon(path)


def test_lexicon_missing_column_and_file(tmp_path):
    path = write_lexicon(tmp_path / "e.csv", "entity_id,entity_type,name", "CHN,country,China")
    with pytest.raises(LexiconError, match=r"e\.csv: missing column\(s\) aliases"):
        read_entity_lexicon(path)
    with pytest.raises(LexiconError, match=r"nope\.csv: lexicon file not found"):
        read_framing_lexicon(tmp_path / "nope.csv")


def test_framing_pattern_with_bar_inside_brackets_is_one_pattern(tmp_path):
    path = write_lexicon(tmp_path / "f.csv", "term,category,patterns,definition",
                         "order,normative_framing,(?:world|global) order|orders,Order.")
    (term,) = read_framing_lexicon(path)
    assert term.patterns == ("(?:world|global) order", "orders")


# ------------------------------------------------------------------ writing and checking


def test_write_is_atomic_when_extraction_fails(small_corpus, tmp_path):
    # 'beta' is read after 'alpha' (doc_id order): it fails half-way through the corpus
    (small_corpus / "b.txt").write_bytes(b"Valid start.\n\xff\xfe broken")
    out = tmp_path / "out"
    with pytest.raises(CorpusError, match=r"b\.txt: not UTF-8"):
        write_features(small_corpus, out)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]  # no temporary folder left

    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "corpus_mentions.csv").write_text("old\n", encoding="utf-8")
    (existing / "other.csv").write_text("keep\n", encoding="utf-8")
    with pytest.raises(CorpusError):
        write_features(small_corpus, existing)
    assert sorted(p.name for p in existing.iterdir()) == ["corpus_mentions.csv", "other.csv"]
    assert (existing / "corpus_mentions.csv").read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("entity_id", ["CHN", 'C,"N"'])
def test_written_files_are_what_csv_writer_writes(small_corpus, tmp_path, entity_id):
    # rows are formatted directly unless a field needs quoting (an id from a lexicon given
    # in code, not read from a file): either way the bytes are csv.writer's
    entities = [Entity(entity_id, "country", "China", ("China", "Chinese")),
                Entity("capital:CHN", "capital", "Beijing", ("Beijing",))]
    written = write_features(small_corpus, tmp_path / "f", entities=entities)
    tables = extract_features(small_corpus, entities=entities)
    for name, (_file, columns) in TABLES.items():
        expected = io.StringIO()
        writer = csv.writer(expected, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(getattr(tables, name).itertuples(index=False, name=None))
        assert written[name].read_text(encoding="utf-8") == expected.getvalue()


def test_write_into_existing_folder_keeps_other_files(small_corpus, tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    (out / "other.csv").write_text("keep\n", encoding="utf-8")
    paths = write_features(small_corpus, out)
    assert sorted(p.name for p in out.iterdir()) == sorted(
        ["other.csv"] + [file for file, _c in TABLES.values()])
    assert paths["mentions"].read_text(encoding="utf-8").splitlines()[0] == (
        "locator,doc_id,entity_id,entity_type,count")
    loaded = load_features(out)
    assert loaded.paragraphs["words"].dtype == "int64"
    assert list(loaded.paragraphs["locator"]) == ["alpha:¶1", "alpha:¶2", "beta:¶1"]
    assert check_features(small_corpus, out) == []


def test_check_lists_each_difference(small_corpus, tmp_path):
    out = tmp_path / "data"
    write_features(small_corpus, out)
    path = out / "corpus_mentions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "alpha:¶1,alpha,KOR,country,2", "alpha:¶1,alpha,KOR,country,3"), encoding="utf-8")
    (out / "corpus_framing.csv").unlink()
    differences = check_features(small_corpus, out)
    assert differences[0] == (f"{path}: 1 line(s) differ; committed 9 rows, regenerated 9 rows")
    assert differences[1] == ("  line 3: committed 'alpha:¶1,alpha,KOR,country,3', "
                              "regenerated 'alpha:¶1,alpha,KOR,country,2'")
    assert differences[2].startswith(f"{out / 'corpus_framing.csv'}: missing")
    assert len(differences) == 3


def test_extractor_rows_stream_one_document_at_a_time(small_corpus):
    chunks = list(Extractor().rows(small_corpus))
    assert [c["paragraphs"][0][0] for c in chunks] == ["alpha", "beta"]


# ------------------------------------------------------------------ command line


def test_cli_writes_and_checks(small_corpus, tmp_path, capsys):
    out = tmp_path / "feat"
    assert main(["corpus", "features", "--corpus", str(small_corpus), "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    assert main(["corpus", "features", "--corpus", str(small_corpus), "--out", str(out),
                 "--check"]) == 0
    assert "features match" in capsys.readouterr().out
    path = out / "corpus_framing.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",threat,1", ",threat,2"),
                    encoding="utf-8")
    assert main(["corpus", "features", "--corpus", str(small_corpus), "--out", str(out),
                 "--check"]) == 1
    captured = capsys.readouterr()
    assert f"{path}: 1 line(s) differ" in captured.out
    assert "differ from those the corpus" in captured.err


def test_cli_uses_env_var_for_the_corpus(small_corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NATOASIA_CORPUS", str(small_corpus))
    assert main(["corpus", "features", "--out", str(tmp_path / "f")]) == 0
    assert (tmp_path / "f" / "corpus_paragraphs.csv").is_file()


def bad_corpora(tmp: Path, write_corpus) -> dict[str, tuple[Path, str]]:
    """name -> (corpus folder, the file the error must name)."""
    cases = {}
    empty = tmp / "empty"
    write_corpus(empty, {}, rows=[{"file": "x.txt", "doc_id": "x", "author": "a", "title": "t",
                                   "published": "2020", "date_precision": "year"}])
    cases["no documents"] = (empty, str(empty))
    unlisted = write_corpus(tmp / "unlisted", {"a.txt": P1})
    (unlisted / "b.txt").write_text(P2, encoding="utf-8")
    cases["text file not in documents.csv"] = (unlisted, str(unlisted / "b.txt"))
    rows = [{"file": f, "doc_id": f[0], "author": "a", "title": "t", "published": "2020",
             "date_precision": "year"} for f in ("a.txt", "z.txt")]
    cases["documents.csv row without file"] = (
        write_corpus(tmp / "gone", {"a.txt": P1}, rows=rows), str(tmp / "gone" / "documents.csv"))
    cases["non-UTF-8"] = (write_corpus(tmp / "latin1", {"a.txt": "Café".encode("latin-1")}),
                          str(tmp / "latin1" / "a.txt"))
    cases["empty document"] = (write_corpus(tmp / "blank", {"a.txt": "\n\nSkip to content\n"}),
                               str(tmp / "blank" / "a.txt"))
    rows = [{"file": f, "doc_id": "same", "author": "a", "title": "t", "published": "2020",
             "date_precision": "year"} for f in ("a.txt", "b.txt")]
    cases["duplicate doc_id"] = (write_corpus(tmp / "dup", {"a.txt": P1, "b.txt": P2}, rows=rows),
                                 str(tmp / "dup" / "documents.csv"))
    return cases


@pytest.mark.parametrize("check", [False, True])
def test_cli_bad_input_is_one_line_naming_the_file(tmp_path, capsys, make_corpus, check):
    for name, (folder, named) in bad_corpora(tmp_path / "bad", make_corpus).items():
        argv = ["corpus", "features", "--corpus", str(folder), "--out", str(tmp_path / "o")]
        assert main(argv + (["--check"] if check else [])) == 2, name
        err = capsys.readouterr().err
        assert err.count("\n") == 1, (name, err)
        assert err.startswith(f"natoasia: error: {named}"), (name, err)
        assert not (tmp_path / "o").exists()


def test_cli_missing_corpus_and_missing_out(tmp_path, monkeypatch, capsys, make_corpus):
    monkeypatch.delenv("NATOASIA_CORPUS", raising=False)
    assert main(["corpus", "features", "--out", str(tmp_path)]) == 2
    assert "no corpus folder given" in capsys.readouterr().err
    assert main(["corpus", "features", "--corpus", str(tmp_path / "nope"), "--check"]) == 2
    assert "nope does not exist" in capsys.readouterr().err
    folder = make_corpus(tmp_path / "c", {"a.txt": P1})
    assert main(["corpus", "features", "--corpus", str(folder)]) == 2
    assert "--out DIR is required" in capsys.readouterr().err


def test_cli_as_a_program(tmp_path, make_corpus):
    folder = make_corpus(tmp_path / "c", {"a.txt": b"\xff"})
    done = subprocess.run([sys.executable, "-m", "natoasia.cli", "corpus", "features",
                           "--corpus", str(folder), "--out", str(tmp_path / "o")],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr == (f"natoasia: error: {folder / 'a.txt'}: "
                           "not UTF-8 (invalid byte at offset 0)\n")


def test_cooccurrence_grid_has_every_pair_in_the_order_asked(small_corpus):
    f = extract_features(small_corpus)
    grid = cooccurrence_grid(f.cooccurrence, "CHN", ["beta", "alpha"], ["trust", "threat"],
                             "sentence")
    assert list(zip(grid["doc_id"], grid["term"], strict=True)) == [
        ("beta", "trust"), ("beta", "threat"), ("alpha", "trust"), ("alpha", "threat")]
    alpha = grid[grid["doc_id"] == "alpha"].set_index("term")
    # 'Chinese officials ... mutual trust' is one of alpha's two China sentences out of four;
    # 'Beijing warned of a threat' names China's capital, not China: threat never meets it
    assert alpha.loc["trust"].tolist() == ["alpha", 1, 1, 2, 1, 4]
    assert alpha.loc["threat"].tolist() == ["alpha", 0, 0, 2, 1, 4]
    beta = grid[grid["doc_id"] == "beta"]  # the China Brief's title is not China
    assert beta[["units", "count", "entity_units", "term_units"]].eq(0).all().all()
    assert beta["window_units"].eq(1).all()
