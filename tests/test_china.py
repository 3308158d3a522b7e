"""Notebook 03 (NATO and China): its tables, their citations, and the helpers in natoasia.china."""

from __future__ import annotations

import csv
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from conftest import DATA, NOTEBOOKS, REPO, shared_sources  # noqa: E402
from natoasia import china, data, params, text  # noqa: E402
from natoasia.features import load_features  # noqa: E402
from natoasia.prose import join_words, number_word  # noqa: E402

MY_TABLES = ("official_statements", "afghanistan_economic_stakes", "japan_2013_balancing",
             "nato_china_texts", "source_disagreements")
SEED_LOCATOR = re.compile(r"^[a-z0-9_]+:¶[1-9][0-9]*$")

# What each curated row must find in the paragraph it cites (checked against the corpus).
EXPECTED_IN_PARAGRAPH = {
    "official_statements": {
        "S01": ["like-minded", "values"], "S02": ["presence", "key partner"],
        "S03": ["direct threat", "peaceful"], "S04": ["structured dialogue", "misunderstandings"],
        "S05": ["no intention"], "S06": ["multilateral"],
    },
    "afghanistan_economic_stakes": {
        "ES01": ["$1 billion", "aid"], "ES02": ["$3.7 billion", "November 2007", "copper"],
        "ES03": ["$5 billion", "July 2012", "five-year"], "ES04": ["Balkans", "Afghanistan"],
        "ES05": ["Law and Order Trust Fund"], "ES06": ["basic human needs"],
    },
    "japan_2013_balancing": {
        "J01": ["counterweight"], "J02": ["three years", "declaration"],
        "J03": ["maritime disputes"], "J04": ["strategic ambiguity"], "J05": ["letter"],
        "J06": ["moral support"], "J07": ["Kishida", "Onodera"], "J08": ["first time"],
        "J09": ["like-minded"], "J10": ["key partner"], "J11": ["freedom of navigation"],
        "J12": ["did not mention China"], "J13": ["no intention"], "J14": ["conflict with China"],
        "J15": ["counter piracy", "small arms"], "J16": ["France"], "J17": ["resources"],
        "J18": ["demilitarization"], "J19": ["direct threat"], "J20": ["structured dialogue"],
        "J21": ["multilateral"], "J22": ["Xinhua"], "J23": ["People"],
    },
}


@pytest.fixture(scope="module")
def events():
    return data.load("events")


@pytest.fixture(scope="module")
def tables():
    return {name: data.load(name) for name in MY_TABLES}


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    from natoasia.corpus import Corpus

    return Corpus.open(corpus_dir)


def _key(table: str) -> str:
    return data.resource(table)["schema"]["primaryKey"][0]


# --------------------------------------------------------------------------- the tables


def test_tables_have_the_expected_rows(tables):
    assert {n: len(t) for n, t in tables.items()} == {
        "official_statements": 6, "afghanistan_economic_stakes": 6,
        "japan_2013_balancing": 23, "nato_china_texts": 5, "source_disagreements": 14}


def test_paraphrases_and_quotations_stay_short(tables):
    statements = tables["official_statements"]
    assert statements["paraphrase"].str.split().str.len().max() <= 25
    for name in ("official_statements", "japan_2013_balancing"):
        quoted = tables[name]["quoted"].dropna()
        assert (quoted.str.split().str.len() <= 4).all(), name


def test_every_seed_locator_is_a_committed_paragraph(tables):
    known = set(pd.read_csv(DATA / "corpus_paragraphs.csv")["locator"])
    cited = [loc for name in MY_TABLES[:3] for loc in tables[name]["locator"]]
    cited += [loc for loc in tables["source_disagreements"]["locator"] if SEED_LOCATOR.match(loc)]
    assert cited and not set(cited) - known


def test_stakes_keep_amounts_as_stated(tables):
    stakes = tables["afghanistan_economic_stakes"].set_index("stake_id")
    assert stakes.loc[["ES01", "ES02", "ES03"], "amount"].tolist() == [1.0, 3.7, 5.0]
    assert stakes.loc["ES01", "amount_qualifier"] == "more_than"
    assert stakes["amount"].isna().eq(stakes["amount_qualifier"].eq("not_stated")).all()
    assert stakes.loc["ES03", "period_years"] == 5
    # a stake tied to an event carries the event's date
    ev = data.load("events").set_index("event_id")
    for _, row in stakes[stakes["event_id"].notna()].iterrows():
        if row["date_basis"] == "event":
            assert ev.loc[row["event_id"], "date"] == row["date"], row.name


def test_balancing_rows_built_on_statements_cite_the_same_paragraph(tables):
    statements = tables["official_statements"].set_index("statement_id")
    linked = tables["japan_2013_balancing"].dropna(subset=["statement_id"])
    assert len(linked) == 6
    for _, row in linked.iterrows():
        assert statements.loc[row["statement_id"], "locator"] == row["locator"], row["item_id"]


def test_nato_texts_are_only_exactly_citable_rows(tables):
    texts = tables["nato_china_texts"]
    assert set(texts["verification"]) <= {"A", "B"}
    assert texts["paragraph"].notna().all() and texts["date"].notna().all()
    assert texts["verified_how"].str[1].eq(texts["verification"]).all()
    assert sorted(zip(texts["doc_id"], texts["paragraph"].astype(int), strict=True)) == [
        ("brussels2021_comm", 55), ("brussels2021_comm", 56), ("vilnius2023_comm", 23),
        ("vilnius2023_comm", 24), ("vilnius2023_comm", 25)]


def test_nato_texts_equal_the_staged_rows_they_cite(tables):
    with shared_sources("nato_texts", "china_in_nato_texts.csv").open(encoding="utf-8",
                                                                     newline="") as fh:
        staged = list(csv.DictReader(fh))
    citable = [i for i, r in enumerate(staged, start=1)
               if r["verified_how"][:3] in ("[A]", "[B]") and r["paragraph"] and r["date"]]
    texts = tables["nato_china_texts"]
    rows = [int(loc.rsplit(":", 1)[1]) for loc in texts["locator"]]
    assert rows == citable  # the filter keeps exactly these rows, in file order
    for row_number, (_, row) in zip(rows, texts.iterrows(), strict=True):
        original = staged[row_number - 1]
        for column in ("doc_id", "doc_title", "date", "paragraph", "characterisation",
                       "key_phrase", "verified_how", "source_url", "note"):
            assert str(row[column]) == original[column], (row["text_id"], column)


@pytest.mark.corpus
def test_cited_paragraphs_say_what_the_rows_say(tables, corpus):
    for name, expected in EXPECTED_IN_PARAGRAPH.items():
        frame = tables[name].set_index(_key(name))
        assert set(expected) == set(frame.index), name
        for row_id, needles in expected.items():
            paragraph = corpus.paragraph(frame.loc[row_id, "locator"]).text.replace("’", "'")
            for needle in needles:
                assert needle in paragraph, f"{name} {row_id}: {needle!r} not in the paragraph"


@pytest.mark.corpus
def test_quoted_words_are_the_documents_words(tables, corpus):
    for name in ("official_statements", "japan_2013_balancing"):
        for _, row in tables[name].dropna(subset=["quoted"]).iterrows():
            assert row["quoted"] in corpus.paragraph(row["locator"]).text, row.iloc[0]


@pytest.mark.corpus
def test_disputed_claims_cite_paragraphs_that_discuss_them(tables, corpus):
    needles = {"chan2013:¶8": "Ocean Shield", "jamestown2013:¶7": "piracy",
               "grand2024:¶4": "Madrid", "galic2021:¶2": "China", "galic2021:¶1": "report",
               "weinrod2008:¶35": "1999", "jamestown2013:¶6": "2002",
               "jamestown2013:¶4": "early 1990s", "weinrod2008:¶9": "1992"}
    seed = [loc for loc in tables["source_disagreements"]["locator"] if SEED_LOCATOR.match(loc)]
    assert sorted(set(seed)) == sorted(needles)
    for locator in seed:
        assert needles[locator] in corpus.paragraph(locator).text


@pytest.mark.corpus
def test_nothing_of_notebook_03_repeats_the_corpus(corpus):
    """No run of 12 words from a seed document in this notebook's files (the project rule)."""
    def shingles(words, n=12):
        return {" ".join(words[i:i + n]) for i in range(len(words) - n + 1)}

    tokens = re.compile(r"[a-z0-9]+")
    seed = set()
    for paragraph in corpus.paragraphs():
        seed |= shingles(tokens.findall(paragraph.text.lower()))
    files = [DATA / f"{name}.csv" for name in MY_TABLES] + [
        REPO / "src" / "natoasia" / "china.py", NOTEBOOKS / "03_china_engagement.py"]
    for path in files:
        found = shingles(tokens.findall(path.read_text(encoding="utf-8").lower())) & seed
        assert not found, f"{path.name} repeats the corpus: {sorted(found)[:1]}"


# --------------------------------------------------------------------------- tracks


def test_china_track_holds_the_nato_china_events(events):
    track = china.partner_track(events, "CHN")
    assert sorted(track["event_id"]) == ["E010", "E011", "E016", "E029", "E034", "E036",
                                         "E045", "E047", "E049", "E051"]
    assert track["decimal_year"].is_monotonic_increasing
    # China and Afghanistan (the copper deal) has no NATO actor, so it is not on the track
    assert "E023" not in set(track["event_id"])


def test_track_summary_counts_contacts_and_levels(events):
    summary = china.track_summary(events)
    assert summary.loc["China", ["contacts", "first_contact", "highest_level", "sg_or_higher"]
                       ].tolist() == [4, "2002", "secretary_general", 1]
    assert summary.loc["Japan", ["contacts", "first_contact", "highest_level", "sg_or_higher"]
                       ].tolist() == [8, "2005-04", "head_of_government", 7]
    assert summary.loc["China", "levels_reached"] == (
        "secretary_general; deputy_secretary_general; military")


def test_contacts_need_a_known_level(events):
    broken = events.copy()
    broken.loc[broken["event_id"] == "E016", "level"] = pd.NA
    with pytest.raises(ValueError, match="contacts need a level"):
        china.contacts(china.partner_track(broken, "CHN"))
    with pytest.raises(ValueError, match="partner 'RUS'"):
        china.partner_track(events, "RUS")


def test_contact_figure_plots_every_contact(events):
    fig = china.contact_figure(events, title="T", source="S")
    china_ax, japan_ax = fig.axes
    def plotted(ax):  # contact markers (size 70), not the rings around disputed ones
        return sum(len(c.get_offsets()) for c in ax.collections if c.get_sizes()[0] == 70)
    assert plotted(china_ax) == 4 and plotted(japan_ax) == 8
    assert fig._suptitle.get_text() == "T"
    plt.close(fig)


def test_contact_figure_says_which_milestones_are_dated_approximately(events):
    """Beijing's terms (E034) are dated only approximately; its label says so."""
    fig = china.contact_figure(events, title="T", source="S")
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert "2012 Beijing's terms (approx. date)" in labels
    assert "2022 Madrid summit" in labels  # a stated date gets no such note
    # two reports of the bombing, one in conflict group C1 (with another event): one line
    assert labels.count("1999 Belgrade embassy bombing") == 1
    plt.close(fig)


def test_contact_figure_draws_a_milestone_the_sources_date_differently_at_each_date(events):
    """The NATO 2030 report: Galic's approximate 2021 (E047) and the staged compilation's
    25 November 2020 (E051), conflict group C3. Both dates, joined, and both in the label."""
    fig = china.contact_figure(events, title="T", source="S")
    ax = fig.axes[0]
    assert "NATO 2030 report (sources differ: 2020-11-25 or approx. 2021)" in [
        t.get_text() for t in ax.texts]
    placed = china.partner_track(events, "CHN").set_index("event_id")["decimal_year"]
    lines = {round(line.get_xdata()[0], 6) for line in ax.lines
             if line.get_linestyle() == ":"}
    assert {round(placed["E051"], 6), round(placed["E047"], 6)} <= lines
    joined = [line for line in ax.lines if line.get_linestyle() == "-" and len(
        line.get_xdata()) == 2 and list(line.get_xdata()) == [placed["E051"], placed["E047"]]]
    assert len(joined) == 1
    # without the compilation's row there is one date again, marked approximate
    alone = china.contact_figure(events[events["event_id"] != "E051"], title="T", source="S")
    assert "NATO 2030 report (approx. date)" in [t.get_text() for t in alone.axes[0].texts]
    plt.close(fig)
    plt.close(alone)


# --------------------------------------------------------------------------- framing

PARAS = pd.DataFrame({"doc_id": ["a", "a", "b"], "n": [1, 2, 1], "locator": ["a:¶1", "a:¶2",
                      "b:¶1"], "kind": "text", "words": [300, 200, 400], "hash": "x"})
MENTIONS = pd.DataFrame({"locator": ["a:¶1", "a:¶2", "b:¶1"], "doc_id": ["a", "a", "b"],
                         "entity_id": ["CHN", "CHN", "JPN"],
                         "entity_type": "country", "count": [3, 2, 4]})
COOC = pd.DataFrame(
    [("a", "paragraph", "*", "*", 4, 500), ("a", "paragraph", "*", "threat", 2, 3),
     ("a", "paragraph", "*", "dialogue", 1, 1), ("a", "paragraph", "CHN", "*", 2, 5),
     ("a", "paragraph", "CHN", "threat", 1, 2), ("b", "paragraph", "*", "*", 5, 400),
     ("b", "paragraph", "*", "dialogue", 2, 2), ("a", "sentence", "CHN", "threat", 1, 9)],
    columns=["doc_id", "window", "entity_id", "term", "units", "count"])
CATS = {"threat": "threat_framing", "dialogue": "cooperative_framing"}


def test_entity_rates_per_thousand_words():
    rates = china.entity_rates(PARAS, MENTIONS, ["b", "a"])
    assert rates.index.tolist() == ["b", "a"]
    assert rates.loc["a", "CHN_rate"] == pytest.approx(1000 * 5 / 500)
    assert rates.loc["b", "CHN_rate"] == 0 and rates.loc["b", "JPN_rate"] == 10
    with pytest.raises(KeyError, match="no paragraphs for document"):
        china.entity_rates(PARAS, MENTIONS, ["a", "zzz"])


def test_framing_around_fills_the_grid_and_divides_by_china_windows():
    out = china.framing_around(COOC, "CHN", ["a", "b"], ["threat", "dialogue"], "paragraph",
                               CATS).set_index(["doc_id", "term"])
    assert out.loc[("a", "threat"), ["units", "count", "entity_units", "term_units",
                                     "window_units"]].tolist() == [1, 2, 2, 2, 4]
    assert out.loc[("a", "threat"), "share"] == 0.5 and out.loc[("a", "threat"),
                                                                "baseline"] == 0.5
    assert out.loc[("a", "dialogue"), "share"] == 0  # the term is in a, never near China
    assert pd.isna(out.loc[("b", "dialogue"), "share"])  # b never names China
    assert out.loc[("b", "dialogue"), "baseline"] == pytest.approx(0.4)
    assert out.loc[("a", "threat"), "category"] == "threat_framing"


def test_category_balance_sums_occurrences_per_china_window():
    framing = china.framing_around(COOC, "CHN", ["a"], ["threat", "dialogue"], "paragraph",
                                   CATS)
    balance = china.category_balance(framing)
    assert balance.loc["a", "threat_framing"] == pytest.approx(2 / 2)
    assert balance.loc["a", "cooperative_framing"] == 0


def test_framing_on_committed_features_agrees_with_natoasia_text():
    features = load_features()
    terms = [t.term for t in text.read_framing_lexicon()]
    cats = {t.term: t.category for t in text.read_framing_lexicon()}
    mine = china.framing_around(features.cooccurrence, "CHN", ["jamestown2013"], terms,
                                "sentence", cats)
    theirs = text.cooccurring_terms(features.cooccurrence, "CHN", window="sentence",
                                    doc_ids=["jamestown2013"])
    merged = mine.merge(theirs, on="term", suffixes=("", "_text"))
    assert len(merged) == len(theirs) > 0
    assert (merged["units"] == merged["units_text"]).all()
    assert (merged["share"] - merged["share_text"]).abs().max() < 1e-12
    assert mine.loc[~mine["term"].isin(theirs["term"]), "units"].eq(0).all()


def test_in_publication_order_orders_by_publication():
    catalogue = data.load("sources")
    assert china.in_publication_order(catalogue, ["grand2024", "chan2013", "weinrod2008"]) == [
        "weinrod2008", "chan2013", "grand2024"]
    with pytest.raises(KeyError, match="unknown document"):
        china.in_publication_order(catalogue, ["nobody2099"])


# --------------------------------------------------------------------------- 2013 and after


def test_stance_matrix_counts_each_occasion(tables):
    matrix = china.stance_matrix(tables["official_statements"], tables["nato_china_texts"])
    assert matrix.columns.tolist() == list(china.STANCES)
    rows = {k.split(":")[0] + (" China" if "on China" in k else ""): v.to_dict()
            for k, v in matrix.iterrows()}
    assert rows["Rasmussen, 2013-04 China"] == {"reassurance": 1, "values": 0,
                                                "dialogue_offer": 1, "warning": 0, "limits": 0}
    assert rows["Vilnius Summit Communiqué, 2023-07-11"]["warning"] == 2
    assert int(matrix.to_numpy().sum()) == 6 + 5


def test_balancing_table_follows_the_side_order(tables):
    table = china.balancing_table(tables["japan_2013_balancing"])
    sides = list(dict.fromkeys(table.index.get_level_values("side")))
    assert sides == [china.BALANCE_LABELS[s] for s in china.BALANCE_SIDES]


def test_stakes_figure_refuses_mixed_units(tables):
    stakes = tables["afghanistan_economic_stakes"].copy()
    fig = china.stakes_figure(stakes, "T", "S")
    assert len(fig.axes[0].patches) == 3
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert not any(re.search(r"\d{4}-\d{2}", label) for label in labels), labels  # no "2007-11"
    assert any(re.search(r"\((as of )?[A-Z][a-z]+ \d{4}", label) for label in labels), labels
    plt.close(fig)
    stakes.loc[stakes["stake_id"] == "ES01", "unit"] = "million"
    with pytest.raises(ValueError, match="different units"):
        china.stakes_figure(stakes, "T", "S")


# --------------------------------------------------------------------------- disagreements


def test_disagreements_show_both_sides_of_c1_and_match_events(events):
    table = china.disagreements(events)
    c1 = table[table["conflict_group"] == "C1"]
    assert sorted(c1["locator"]) == ["jamestown2013:¶6", "weinrod2008:¶35"]
    # the rows of events.csv in C1 are exactly the ones the table cites
    assert set(events.loc[events["conflict_group"] == "C1", "event_id"]) == set(c1["event_id"])
    assert table.groupby("issue")["source_id"].nunique().min() >= 2  # every issue has 2 sides


def test_disagreements_read_the_committed_table(events):
    with (DATA / "source_disagreements.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    table = china.disagreements(events)
    assert list(table.columns) == list(rows[0]) == list(china.DISAGREEMENT_COLUMNS)
    assert table.to_dict("records") == rows  # same rows, same order, empty cells as ""
    assert len(rows) == 14 and table["issue"].nunique() == 5
    assert table.loc[table["event_id"] != "", "event_id"].tolist() == [
        "E011", "E016", "E003", "E005", "E013", "E049", "E047", "E051"]
    grouped = table[table["conflict_group"] != ""]
    assert grouped.groupby("conflict_group")["event_id"].apply(sorted).to_dict() == {
        "C1": ["E011", "E016"], "C2": ["E003", "E005", "E013"], "C3": ["E047", "E051"]}


def test_the_events_row_dated_from_the_compilation_carries_its_rows_date(events):
    with shared_sources("nato_texts", "china_in_nato_texts.csv").open(encoding="utf-8",
                                                                     newline="") as fh:
        staged = list(csv.DictReader(fh))
    compiled = events[events["source_id"] == "nato_china_texts_compiled"]
    assert compiled["event_id"].tolist() == ["E051"]
    for _, row in compiled.iterrows():
        assert row["date"] == staged[int(row["locator"].rsplit(":", 1)[1]) - 1]["date"]


def test_compiled_claims_carry_the_staged_rows_verification_level(tables):
    """Notebook 03 keeps its own NATO-texts table to levels A/B; the disagreements also cite
    press quotations (C), so each compiled claim shows the level its staged row gives."""
    with shared_sources("nato_texts", "china_in_nato_texts.csv").open(encoding="utf-8",
                                                                     newline="") as fh:
        staged = list(csv.DictReader(fh))
    claims = tables["source_disagreements"]
    compiled = claims[claims["locator"].str.startswith("file:nato_texts/china_in_nato_texts")]
    seed = claims[claims["locator"].str.match(SEED_LOCATOR.pattern)]
    assert len(compiled) + len(seed) == len(claims) and seed["verification"].isna().all()
    levels = {}
    for locator, level in zip(compiled["locator"], compiled["verification"], strict=True):
        row = int(locator.rsplit(":", 1)[1])
        assert staged[row - 1]["verified_how"].startswith(f"[{level}]"), locator
        levels[row] = level
    assert levels == {7: "C", 24: "A", 10: "B", 8: "C"}


def test_disagreements_take_claims_and_keep_issue_order(events):
    claims = data.load("source_disagreements")
    shuffled = claims.iloc[[7, 0, 8, 1]]  # agenda, C1, agenda, C1
    table = china.disagreements(events, shuffled)
    assert table["issue"].tolist() == ["When did China get onto NATO's agenda?"] * 2 + [
        "When did NATO-China contact begin?"] * 2
    assert table["source_id"].tolist() == ["grand2024", "galic2021", "weinrod2008",
                                           "jamestown2013"]
    assert table.loc[1, "event_id"] == "" and table.loc[0, "conflict_group"] == ""


def test_disagreements_refuse_unknown_events_and_missing_columns(events):
    claims = data.load("source_disagreements")
    unknown = claims.copy()
    unknown.loc[unknown["event_id"] == "E049", "event_id"] = "E999"
    with pytest.raises(ValueError, match="E999: no such row in events.csv"):
        china.disagreements(events, unknown)
    with pytest.raises(ValueError, match="claims lack column.s. locator"):
        china.disagreements(events, claims.drop(columns="locator"))


def test_disagreements_fail_when_events_move(events):
    moved = events.copy()
    moved.loc[moved["event_id"] == "E016", "locator"] = "jamestown2013:¶7"
    with pytest.raises(ValueError, match="E016"):
        china.disagreements(moved)
    regrouped = events.copy()
    regrouped.loc[regrouped["event_id"] == "E011", "conflict_group"] = "C9"
    with pytest.raises(ValueError, match="conflict group"):
        china.disagreements(regrouped)


# --------------------------------------------------------------------------- prose claims


@pytest.fixture(scope="module")
def defaults():
    """The notebook's default parameters, read from its parameters cell."""
    import jupytext

    nb = jupytext.read(NOTEBOOKS / "03_china_engagement.py")
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    values: dict = {}
    exec(cell.source, {}, values)  # the cell holds literals only
    return values


@pytest.fixture(scope="module")
def default_framing(defaults):
    """Framing with the notebook's default parameters."""
    features = load_features()
    cats = {t.term: t.category for t in text.read_framing_lexicon()}
    docs = china.in_publication_order(data.load("sources"), defaults["documents"])
    framing = china.framing_around(features.cooccurrence, "CHN", docs,
                                   defaults["framing_terms"], defaults["window"], cats)
    return docs, framing, china.entity_rates(features.paragraphs, features.mentions, docs)


def _shares(framing):
    return framing.pivot(index="doc_id", columns="term", values="share")


def test_static_prose_of_section_3_holds_for_all_five_documents(default_framing):
    """The sentences written by hand (not glued) are about all five texts: check them."""
    docs, framing, rates = default_framing
    assert docs == ["weinrod2008", "chan2013", "jamestown2013", "galic2021", "grand2024"]
    assert rates["CHN_rate"].idxmax() == "jamestown2013"  # the text about NATO and China
    assert rates["CHN_rate"].idxmin() == "weinrod2008"
    assert set(rates.index[rates["JPN_rate"] > rates["CHN_rate"]]) == {"weinrod2008",
                                                                        "grand2024"}
    # Galic names China only in paragraphs that also name partners
    features = load_features()
    galic = china.framing_around(features.cooccurrence, "CHN", ["galic2021"], ["partner"],
                                 "paragraph", {"partner": "cooperative_framing"}).iloc[0]
    assert galic["units"] == galic["entity_units"] == 3


def test_glued_prose_of_section_3_at_the_defaults(default_framing):
    """What the computed sentences say with the defaults, checked against the shares."""
    docs, framing, rates = default_framing
    share = _shares(framing)
    # the reviewer's point: Weinrod has "conflict" in one of its two China paragraphs
    assert share.loc["weinrod2008", "conflict"] == 0.5
    contest = china.group_sentence(framing, china.CONTEST_TERMS, "contest", "paragraph")
    assert contest == (
        "Of the terms of contest (conflict, dispute, tension, encirclement), Chan (2013) uses "
        "all four (conflict, dispute, tension and encirclement) in its China paragraphs, "
        "Jamestown Foundation (2013) two (conflict and dispute) and Weinrod (2008) one "
        "(conflict); Galic (2021) and Grand (2024) use none.")
    everywhere = [t for t in share.columns if (share[t] > 0).all()]
    assert everywhere == ["security"]
    assert china.everywhere_sentence(framing, "paragraph") == (
        "Only “security” occurs in the China paragraphs of every selected document.")
    assert china.smallest_sample_sentence(framing, "paragraph").startswith(
        "The counts are small: Weinrod (2008) names China in only two paragraphs, so each of "
        "them moves that document's shares by 50 percentage points.")
    attention = china.attention_sentences(rates)
    assert "peaks in Jamestown Foundation (2013), at 20.0" in attention
    assert "lowest in Weinrod (2008), at 1.9" in attention
    assert attention.endswith("Weinrod (2008) and Grand (2024) name Japan more often than "
                              "China.")
    balance = china.category_balance(framing)
    text_ = china.balance_sentences(balance, "paragraph")
    threat = balance["threat_framing"]
    assert threat["weinrod2008"] == threat["chan2013"] == threat.max() == 1.5
    assert "Threat vocabulary is densest around China in Weinrod (2008) and Chan (2013)" in text_
    assert balance["cooperative_framing"].idxmax() == "galic2021"
    assert "run against the familiar story" in text_ and threat["grand2024"] < 1.5
    # With the framing table the ratios carry their counts, and the end points say how few
    # words they rest on: three threat terms in Weinrod's two China paragraphs, one in Grand's.
    counted = china.balance_sentences(balance, "paragraph", framing=framing)
    assert ("in Weinrod (2008) and Chan (2013), with 1.50 occurrences per China paragraph "
            "(3 in 2 and 9 in 6 paragraphs), and thinnest in Grand (2024), with 0.50 "
            "(1 in 2 paragraphs).") in counted
    assert counted.endswith(
        "than the earliest, Weinrod (2008): one occurrence of a threat term in two China "
        "paragraphs against three in two, too few words to show a change of view.")
    assert counted.replace(" (3 in 2 and 9 in 6 paragraphs)", "").startswith(text_[:150])


def test_glued_prose_of_section_3_with_sentence_windows(defaults):
    """Under window = sentence the default-specific claims would fail; the sentences adapt.

    The seminar guide's question A relies on the 2008 and 2024 texts coming out
    equal in threat vocabulary here."""
    features = load_features()
    cats = {t.term: t.category for t in text.read_framing_lexicon()}
    docs = list(params.china_documents())
    terms = defaults["framing_terms"]
    framing = china.framing_around(features.cooccurrence, "CHN", docs, terms, "sentence", cats)
    share = _shares(framing)
    assert share.loc["weinrod2008", "security"] == 0  # "security everywhere" is false here
    assert china.everywhere_sentence(framing, "sentence") == (
        "No chosen term occurs in the China sentences of every selected document.")
    contest = china.group_sentence(framing, china.CONTEST_TERMS, "contest", "sentence")
    assert "Chan (2013) uses two (tension and encirclement) in its China sentences" in contest
    balance = china.category_balance(framing)
    assert balance.loc["weinrod2008", "threat_framing"] == pytest.approx(
        balance.loc["grand2024", "threat_framing"])
    assert "equally dense in threat vocabulary" in china.balance_sentences(balance, "sentence")


def test_framing_prose_when_the_earliest_text_has_no_threat_term_or_no_term_occurs():
    """Chan (2013) and the China Brief by sentence: 'against none in nine', not 'against no
    in nine'; terms found in no selected document: 'of any', not 'of every'."""
    features = load_features()
    cats = {t.term: t.category for t in text.read_framing_lexicon()}
    docs = ["chan2013", "jamestown2013"]
    framing = china.framing_around(features.cooccurrence, "CHN", docs,
                                   ["counterweight", "challenge", "military"], "sentence", cats)
    counted = china.balance_sentences(china.category_balance(framing), "sentence",
                                      framing=framing)
    assert counted.endswith("one occurrence of a threat term in 40 China sentences against "
                            "none in nine, too few words to show a change of view.")
    nowhere = china.framing_around(features.cooccurrence, "CHN", docs, ["instability"],
                                   "sentence", cats)
    assert china.everywhere_sentence(nowhere, "sentence") == (
        "No chosen term occurs in the China sentences of any selected document.")


def test_every_share_falls_or_holds_from_paragraph_to_sentence():
    """Exercise 1's expected finding, for every lexicon term and document."""
    features = load_features()
    lexicon = text.read_framing_lexicon()
    cats = {t.term: t.category for t in lexicon}
    docs = list(params.china_documents())
    shares = {w: china.framing_around(features.cooccurrence, "CHN", docs, list(cats), w, cats)
              .set_index(["doc_id", "term"])["share"] for w in ("paragraph", "sentence")}
    assert (shares["sentence"] <= shares["paragraph"]).all()
    brief = (shares["paragraph"] - shares["sentence"]).loc["jamestown2013"]
    assert (brief[shares["paragraph"].loc["jamestown2013"] > 0] > 0).all()  # all present fall


# --------------------------------------------------------------------------- sentence helpers


def test_pinpoints():
    # counts, lists and dates in words: tests/test_prose.py
    assert china.pinpoint("chan2013:¶3") == "Chan (2013), ¶3"
    assert china.pinpoint("weinrod2008") == "Weinrod (2008)"


def _shown(events, docs):
    return events[events["source_id"].isin(docs)]


def test_track_sentences_with_every_document(events):
    prose = china.track_sentences(events, events)
    assert prose["count"] == ("The selected documents record four NATO–China contacts and "
                              "eight NATO–Japan contacts.")
    assert prose["china"].startswith(
        "The first NATO–China contact coded by level dates from 2002, and all four come from "
        "one document, Jamestown Foundation (2013): this track has a single witness. One of "
        "the four reached the Secretary General or a more senior level: China's ambassador")
    assert prose["china"].endswith("No NATO–China contact involved a head of government or "
                                   "a minister.")
    assert "Seven of the eight reached the Secretary General or a more senior level: three at " \
           "head-of-government level, two at minister level and two at Secretary General " \
           "level." in prose["japan"]
    assert "reported by Chan (2013), ¶3" in prose["letters"]
    assert prose["letters"].endswith("Leaving it out, six of Japan's contacts reached the "
                                     "Secretary General or a more senior level, not seven.")
    assert prose["shared"].startswith("One contact sits on both tracks: the 2013 Shangri-La")


def test_track_sentences_without_the_china_brief(events):
    """The reviewer's broken rerun: no 'dates from none', no 'only 0 of them'."""
    prose = china.track_sentences(_shown(events, ["weinrod2008", "grand2024"]), events)
    assert prose["count"] == ("The selected documents record no NATO–China contact and no "
                              "NATO–Japan contact.")
    assert prose["china"] == (
        "None of the selected documents reports a NATO–China contact: every one in "
        "events.csv comes from Jamestown Foundation (2013), which is not selected.")
    assert prose["japan"].endswith("comes from Chan (2013) and Jamestown Foundation (2013), "
                                   "which are not selected.")
    assert prose["letters"].endswith("none of the selected contacts is a letter.")
    assert prose["shared"] == "No contact sits on both tracks."
    only_chan = china.track_sentences(_shown(events, ["chan2013"]), events)
    assert only_chan["japan"].startswith("The only NATO–Japan contact coded by level, Prime "
                                         "Minister Abe's letter")
    assert "coded at head-of-government level" in only_chan["japan"]
    # not "Leaving it out, none of Japan's contacts reached ..., not one"
    assert only_chan["letters"].endswith("Leaving it out, no selected NATO–Japan contact "
                                         "reached the Secretary General or a more senior "
                                         "level.")


def test_letters_are_flagged_in_the_summary_and_the_figure(events):
    summary = china.track_summary(events)
    assert summary.loc["Japan", "sg_or_higher_letters"] == 1
    assert summary.loc["China", "sg_or_higher_letters"] == 0
    assert china.track_summary(_shown(events, ["jamestown2013"])).loc[
        "Japan", "sg_or_higher_letters"] == 0
    fig = china.contact_figure(events, title="T", source="S")
    japan_ax = fig.axes[1]
    # drawn see-through, so a meeting on nearly the same date (Tokyo, April 2013) still shows
    hollow = [c for c in japan_ax.collections if len(c.get_offsets())
              and c.get_sizes()[0] == 70 and not c.get_facecolor().size]
    assert sum(len(c.get_offsets()) for c in hollow) == 1
    plt.close(fig)


def test_letters_and_labels_match_events_csv(events):
    every = pd.concat([china.contacts(china.partner_track(events, p)) for p in china.PARTNERS])
    assert set(china.CONTACT_LABELS) <= set(every["event_key"])  # no label for a non-contact
    new = every.iloc[0].copy()
    new["event_key"], new["description"], new["date"] = "added_later", "A new meeting.", "2030"
    assert china.contact_label(new) == "A new meeting (2030)"  # unlabelled rows still read
    letters = every[every["event_key"].isin(china.LETTERS)]
    assert len(letters) == len(china.LETTERS)
    assert letters["description"].str.contains("wrote|letter").all()
    others = every[~every["event_key"].isin(china.LETTERS)]
    assert not others["description"].str.contains(r"\bwrote\b|\bletter\b").any()


def test_sentences_for_one_document_and_odd_selections():
    rates = pd.DataFrame({"CHN_rate": [4.24], "JPN_rate": [5.94]}, index=["grand2024"])
    assert china.attention_sentences(rates) == (
        "Grand (2024), the only document selected, names China 4.2 times per 1,000 words and "
        "Japan 5.9 times. It names Japan more often than China.")
    framing = china.framing_around(COOC, "CHN", ["a", "b"], ["threat", "dialogue"],
                                   "paragraph", CATS)
    fake = {"a": "Roe (2001)", "b": "Doe (2002)"}.get
    assert china.group_sentence(framing, ["tension"], "contest", "paragraph", cite=fake) == (
        "None of the terms of contest (tension) is among the chosen framing terms.")
    assert china.group_sentence(framing, ["threat"], "threat", "paragraph", cite=fake) == (
        "Of the terms of threat (threat), Roe (2001) uses one (threat) in its China "
        "paragraphs; Doe (2002) uses none.")
    assert china.everywhere_sentence(framing, "paragraph") == (  # b never names China
        "Only “threat” occurs in the China paragraphs of the selected document.")
    assert china.smallest_sample_sentence(framing, "paragraph", cite=fake) == (
        "The counts are small: Roe (2001) names China in only two paragraphs, so each of them "
        "moves that document's shares by 50 percentage points.")
    balance = china.category_balance(framing)
    assert china.balance_sentences(balance, "paragraph", cite=fake).endswith(
        "Fewer than two selected documents name China, so there are no two end points to "
        "compare over time.")


def test_balance_sentences_without_threat_terms_and_with_other_categories():
    """Five documents and no threat term chosen once gave 'There are no two end points'; and
    chosen capability terms, drawn in the figure, went unmentioned."""
    balance = pd.DataFrame({"cooperative_framing": [0.5, 0.0],
                            "capability_framing": [0.2, 0.4]}, index=["a", "b"])
    fake = {"a": "Roe (2001)", "b": "Doe (2002)"}.get
    text_ = china.balance_sentences(balance, "paragraph", cite=fake)
    assert text_.startswith("No threat term is among the chosen framing terms.")
    assert "end points" not in text_
    assert ("Capability vocabulary is densest around China in Doe (2002), with 0.40 "
            "occurrences per China paragraph, and thinnest in Roe (2001), with 0.20.") in text_


def test_balance_sentences_when_no_chosen_term_occurs():
    """A rerun whose terms never occur said 'equally dense ... at 0.00 occurrences'."""
    balance = pd.DataFrame({"threat_framing": [0.0, 0.0], "cooperative_framing": [0.0, 0.5]},
                           index=["a", "b"])
    fake = {"a": "Roe (2001)", "b": "Doe (2002)"}.get
    text_ = china.balance_sentences(balance, "sentence", cite=fake)
    assert text_.startswith("No threat term occurs around China in any selected document. "
                            "Cooperative vocabulary is densest around China in Doe (2002)")
    assert text_.endswith("Neither the earliest nor the latest selected text, Roe (2001) and "
                          "Doe (2002), uses threat vocabulary around China, so the end points "
                          "say nothing about a hardening view.")
    assert "0.00" not in text_ and "equally dense" not in text_
    fig = china.balance_figure(balance.assign(threat_framing=0.0, cooperative_framing=0.0),
                               "T", "a source")
    assert fig.axes[0].get_ylim() == (0.0, 1.0)  # not an axis below zero


def test_balance_sentence_for_one_document_without_a_category():
    balance = pd.DataFrame({"threat_framing": [0.0], "cooperative_framing": [0.25]}, index=["a"])
    text_ = china.balance_sentences(balance, "sentence", cite={"a": "Roe (2001)"}.get)
    assert text_.startswith("Roe (2001) uses no threat term around China. Roe (2001) has 0.25 "
                            "occurrences per China sentence of cooperative vocabulary.")


def test_verification_sentence_names_each_compiled_rows_level(events):
    disputes = china.disagreements(events)
    sentence = china.verification_sentence(disputes)
    compiled = china.compiled_rows(disputes)
    assert sentence.startswith(f"Of the {number_word(len(compiled))} compiled rows")
    # each level once, its rows in number order, singular or plural as the rows go
    for level, rows in compiled.groupby("verification"):
        numbers = sorted(rows["row"])
        one, several = china.VERIFICATION_PHRASES[level]
        phrase = (f"row {numbers[0]} rests on {one} ({level})" if len(numbers) == 1 else
                  f"rows {join_words(numbers)} rest on {several} ({level})")
        assert phrase in sentence
    assert "rows 7 and 8 rest on press quotations (C)" in sentence  # London 2019, NATO 2030


def test_verification_sentence_refuses_a_level_it_cannot_name(events):
    disputes = china.disagreements(events)
    odd = disputes.assign(verification=disputes["verification"].where(
        disputes["source_id"] != china.COMPILED, "E"))
    with pytest.raises(ValueError, match=r"verification level\(s\) 'E' unknown; accepted: "
                                         r"A, A-, B, B/C, C, D"):
        china.verification_sentence(odd)
