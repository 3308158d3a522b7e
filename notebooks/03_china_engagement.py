# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # NATO and China, from the Belgrade embassy bombing to systemic challenge
#
# For most of its history NATO had no dealings with China at all. The first encounter that
# the documents record was a disaster: in 1999 a NATO aircraft bombed China's embassy in
# Belgrade. Contacts followed in the 2000s, carried by a shared stake in Afghanistan; in 2013 the
# Secretary General chose his words about China with great care while visiting Japan, a
# partner that wanted NATO's political backing against Beijing; and by the 2020s the Allies'
# own summit texts described China as a systemic challenge. This notebook follows that path
# through the five seed documents and a small set of NATO texts that can be cited paragraph by
# paragraph. It places every contact on a timeline by the level at which it took place, beside
# the much denser NATO–Japan track; measures how often each author names China and which
# framing words surround it; and takes apart the 2013 visit to Tokyo: what Japan asked for,
# what it got, what was held back, and what was said about China.
#
# **The question.** When and at what level did NATO and China meet; how does each author frame
# China, and does that framing shift between 2008 and 2024; and how did NATO balance Japan's
# hopes against reassurance to Beijing?

# %% [markdown]
# ## Learning objectives
#
# After working through this notebook you will be able to:
#
# - date NATO's contacts with China and with Japan and compare the two tracks by the level at
#   which the meetings took place;
# - compute and read a simple framing measure (mentions per 1,000 words, and the share of the
#   paragraphs or sentences naming China that also hold a given framing term), and say what
#   it cannot show;
# - code statements by stance (reassurance, shared values, dialogue offer, warning, limits)
#   and compare NATO's language in 2013 with the Allies' summit texts of 2021 and 2023;
# - keep disagreeing sources side by side and judge a claim that only one document makes.
#
# ## Prerequisites and time
#
# | Concept | Importance | Notes |
# | --- | --- | --- |
# | The [overview](00_overview.ipynb) notebook | Helpful | How `events.csv` and its conflicts work |
# | Reading a pandas DataFrame | Helpful | Code is short; logic is in `natoasia.china` |
# | Counting words in texts (rates, co-occurrence) | Helpful | Defined where first used |
# | Source criticism | Necessary | Five analytical documents are not a record of NATO's diplomacy |
#
# *Time to work through:* about 40 minutes; 75 with the exercises.
#
# ## Sources
#
# The five seed documents: Weinrod (2008), Chan (2013), the Jamestown Foundation's *China
# Brief* (2013), Galic (2021) and Grand (2024). Their texts are not reproduced: the notebook
# uses the dated events coded from them (`events.csv`), the derived corpus features
# (paragraph word counts, mentions of countries, framing terms and their co-occurrence,
# computed by `natoasia.text` and committed as `corpus_*.csv`), and three tables coded for this
# notebook, all with paragraph locators `doc_id:¶N`: statements by NATO officials coded by
# stance (`official_statements.csv`), the 2013 visit item by item (`japan_2013_balancing.csv`),
# and the economic stakes in Afghanistan the documents quantify
# (`afghanistan_economic_stakes.csv`). NATO's own characterisations of China after 2013 come
# from a compilation of public pages: the stance table uses only the summit paragraphs that
# can be cited exactly by document, date and paragraph number (`nato_china_texts.csv`), while
# one timeline date and the disagreements table also draw on compiled rows of lower
# verification levels, each marked with its level.

# %% tags=["parameters"]
# Documents whose events and corpus features enter sections 1 and 3 (always shown in order
# of publication). The 2013 case study and the NATO texts (sections 2, 4, 5) are fixed, and so
# are the events.csv rows dated from a staged source rather than a document (section 1).
documents = ["weinrod2008", "chan2013", "jamestown2013", "galic2021", "grand2024"]
# Framing terms from data/lexicon_framing.csv to look for around mentions of China.
framing_terms = ["threat", "challenge", "conflict", "dispute", "tension", "encirclement",
                 "counterweight", "piracy", "dialogue", "cooperation", "engagement", "partner",
                 "trust", "values", "rules-based", "peaceful", "security", "stability"]
# Co-occurrence window: "paragraph" or "sentence".
window = "paragraph"

# %%
from natoasia.params import validate_china_engagement

settings = validate_china_engagement(documents=documents, framing_terms=framing_terms,
                                     window=window)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from myst_nb import glue

from natoasia import china, data, plotting, sources, text
from natoasia.features import load_features
from natoasia.params import china_documents
from natoasia.prose import Plain, count_noun, join_words

plotting.use_house_style()
pd.set_option("display.max_colwidth", None)  # notes in full: the site wraps them

catalogue = data.load("sources")
docs = china.in_publication_order(catalogue, settings["documents"])  # oldest first
labels = sources.document_labels(catalogue, docs)
timeline = data.load("events")
# The selected documents' rows, and the rows dated from a staged source, which every selection
# keeps (the NATO 2030 report's second date, conflict group C3).
staged = ~timeline["source_id"].isin(china_documents())
shown = timeline[timeline["source_id"].isin(docs) | staged]
features = load_features()  # committed corpus features: no corpus needed
categories = {t.term: t.category for t in text.read_framing_lexicon()}
statements = data.load("official_statements")
balancing = data.load("japan_2013_balancing")
nato_texts = data.load("nato_china_texts")
stakes = data.load("afghanistan_economic_stakes")

# %% [markdown]
# ## 1. Two tracks: contacts with China and with Japan, by level
#
# A *contact* in `events.csv` is a meeting, visit or letter between NATO and another
# government, coded with the highest level taking part on either side. Taking every event
# that has NATO and China (or NATO and Japan) among its actors, the figure places each contact
# at its date and level. Events that are not contacts (such as the embassy bombing, the 2013
# declaration and summits) are drawn as milestones in the strip below each panel; a milestone
# whose sources date it differently (the NATO 2030 report, conflict group C3: see "Where the
# sources disagree") is drawn at each of its dates, the two joined.

# %%
china_contacts = china.contacts(china.partner_track(shown, "CHN"))
summary = china.track_summary(shown)

fig = china.contact_figure(
    shown,
    title="NATO's contacts with China and with Japan, by level, 1989–2024",
    source=f"events.csv, rows from {sources.cite_many(docs)}"
           + (f" and, dated from a staged source, from "
              f"{sources.cite_many(timeline.loc[staged, 'source_id'])}" if staged.any() else "")
           + f"; dialogue notes from {sources.cite('jamestown2013')}, ¶4 and ¶6.",
)
plt.show()

# %%
n_china = int(summary.loc["China", "contacts"])
prose = china.track_sentences(shown, timeline, cite=sources.cite)
for key, sentence in prose.items():
    glue(f"nb03_tracks_{key}", sentence, display=False)

# Checked on whatever rows the selected documents contribute: no China contact before 2002,
# none at minister or head-of-government level; contacts counted once per event.
assert (china_contacts["year"] >= 2002).all()
assert not set(china_contacts["level"]) & {"head_of_government", "minister"}
assert n_china == china_contacts["event_key"].nunique()
# Checked on all of events.csv (the prose below and discussion question 3 rely on it): every
# NATO-China contact comes from the China Brief, and no contact is coded at academic level.
every_china_contact = china.contacts(china.partner_track(timeline, "CHN"))
assert set(every_china_contact["source_id"]) == {"jamestown2013"}
assert not (timeline["level"] == "academic").any()
summary

# %% [markdown]
# {glue:text}`nb03_tracks_count` {glue:text}`nb03_tracks_china` {glue:text}`nb03_tracks_japan`
# {glue:text}`nb03_tracks_shared`
#
# **Letters.** {glue:text}`nb03_tracks_letters` The column
# `sg_or_higher_letters` of the table says how many of each track's contacts at Secretary
# General level or above are letters, and the figure draws letters as hollow markers.
#
# Two things hold whatever documents are selected. No contact at the academic level is dated
# in `events.csv`, although the *China Brief* mentions two proposed Chinese institutes for the
# study of NATO (jamestown2013:¶8); and every NATO–China contact in the file comes from that
# one document, so the China track never has a second witness. The two tracks also differ in
# kind, as the panel titles of the figure note: Japan had a standing dialogue of senior
# officials from the early 1990s, whereas by mid-2013 no Secretary General had ever visited
# China and NATO had no structured strategic dialogue with it, only high-level meetings from
# 2002 on (jamestown2013:¶4, ¶6).

# %% [markdown]
# ## 2. Afghanistan, the shared interest
#
# What brought NATO and China into the same room was Afghanistan. The 2013 *China Brief*
# counts the stability of Afghanistan and Central Asia, the fight against piracy and
# non-proliferation among the interests the two share, notes China's political support in
# the UN Security Council, and argues that friction with Beijing could endanger NATO's
# operations (jamestown2013:¶7); Weinrod had already argued in 2008 that NATO's presence on
# China's borders made lines of communication sensible (weinrod2008:¶36). The documents also
# put figures on the money involved. The table lists every stake they report; the figure
# shows those that carry an amount, exactly as stated.

# %%
stake_table = stakes.set_index("stake_id")[
    ["actor", "kind", "description", "amount", "amount_qualifier", "unit", "currency",
     "date", "date_basis", "locator"]].astype(object).fillna("")
stake_table

# %%
fig = china.stakes_figure(
    stakes,
    title="Economic stakes in Afghanistan that the documents quantify",
    source=f"afghanistan_economic_stakes.csv, coded from {sources.cite('jamestown2013')}, "
           "¶5 and ¶7. Nominal amounts of different kinds and years; not to be added.",
)
plt.show()

# %%
amount = stakes.set_index("stake_id")["amount"]
glue("nb03_aynak_deal", f"{amount['ES02']:g}", display=False)
glue("nb03_china_aid", f"{amount['ES01']:g}", display=False)
glue("nb03_japan_pledge", f"{amount['ES03']:g}", display=False)
assert (amount["ES02"], amount["ES01"], amount["ES03"]) == (3.7, 1.0, 5.0)
assert stakes.loc[stakes["stake_id"] == "ES01", "amount_qualifier"].item() == "more_than"

# %% [markdown]
# As the *China Brief* tells it (jamestown2013:¶7), China's stake was mainly commercial: a
# single {glue:text}`nb03_aynak_deal`-billion-dollar copper-mine deal in 2007 beside total
# aid estimated at more than {glue:text}`nb03_china_aid` billion. Japan's was the donor's
# stake of a NATO partner: years of funding for Allied operations and a
# {glue:text}`nb03_japan_pledge`-billion-dollar pledge over five years made at the 2012
# Tokyo conference. The three figures are of different kinds
# (an estimate, a deal's headline value, a pledge) and are shown side by side, never summed.

# %% [markdown]
# ## 3. How each author frames China
#
# Two simple measures come from the committed corpus features. The first is attention: how
# often a document names China (as "China", "Chinese", "PRC" …) per 1,000 words, beside the
# same rate for Japan. The second is framing: of the windows (paragraphs or sentences, the
# `window` parameter) that name China, what share also hold a given framing term from the
# project's lexicon (`data/LEXICON.md` defines each term and what it does not count).
#
# **Caveat.** Five documents, let alone the subset a rerun selects, are a tiny sample, not a
# corpus that represents "the debate" in any year. They differ in genre (a survey, two short
# analyses, an essay, an interview), in length and in topic: the 2013 *China Brief* is about
# China, the others mostly are not. A document names China in only a handful of paragraphs
# (the `n` in the labels below counts the windows that name it), so in the shorter texts one
# window more or less moves a share by tens of percentage points. Read the figures as a
# description of the selected texts, not as a trend.

# %%
rates = china.entity_rates(features.paragraphs, features.mentions, docs)
fig = china.rates_figure(
    rates, labels,
    title="How often each document names China and Japan",
    source=f"corpus_mentions.csv and corpus_paragraphs.csv (natoasia.text), from "
           f"{sources.cite_many(docs)}. Capitals (Beijing, Tokyo) not counted.",
)
plt.show()

# %%
# Recompute one rate straight from the committed tables, as a check on the helper.
check = docs[0]
chn = features.mentions.query("doc_id == @check and entity_id == 'CHN'")["count"].sum()
words = features.paragraphs.query("doc_id == @check")["words"].sum()
assert abs(rates.loc[check, "CHN_rate"] - 1000 * chn / words) < 1e-9

glue("nb03_attention", china.attention_sentences(rates, cite=sources.cite), display=False)

# Facts about all five documents, whatever the selection (the prose below states them).
all_rates = china.entity_rates(features.paragraphs, features.mentions,
                               list(china_documents()))
assert all_rates["CHN_rate"].idxmax() == "jamestown2013"
assert all_rates["CHN_rate"].idxmin() == "weinrod2008"
rates.round(2)

# %% [markdown]
# {glue:text}`nb03_attention` Of all five documents, the *China Brief*, the one text written
# about NATO and China, names China most often and Weinrod (2008) least often; the others
# come in between.

# %%
framing = china.framing_around(features.cooccurrence, "CHN", docs, settings["framing_terms"],
                               settings["window"], categories)
assert (framing["units"] <= framing["entity_units"]).all()
assert (framing["units"] <= framing["term_units"]).all()
shares = china.share_matrix(framing, labels)
fig = plotting.heatmap(
    shares,
    title=f"Framing terms in the {settings['window']}s that name China",
    xlabel="Framing term (data/lexicon_framing.csv)",
    ylabel="Document (oldest first)",
    colorbar_label=f"% of China {settings['window']}s holding the term",
    source=f"corpus_cooccurrence.csv (natoasia.text), window = {settings['window']}, "
           f"from {sources.cite_many(docs)}; n: the document's {settings['window']}s "
           "naming China.",
)
plt.show()

# %%
window_name = settings["window"]
glue("nb03_contest", china.group_sentence(framing, china.CONTEST_TERMS, "contest", window_name,
                                          cite=sources.cite), display=False)
glue("nb03_everywhere", china.everywhere_sentence(framing, window_name), display=False)
written_2013 = [d for d in docs if str(catalogue.set_index("source_id").loc[d, "published"])
                .startswith("2013")]
glue("nb03_island_disputes", Plain(
    "Both 2013 texts were written amid the island disputes in the East China Sea."
    if len(written_2013) == 2 else
    f"{sources.cite(written_2013[0])} was written amid the island disputes in the East China "
    "Sea." if written_2013 else ""), display=False)
glue("nb03_smallest", china.smallest_sample_sentence(framing, window_name, cite=sources.cite),
     display=False)

# %% [markdown]
# Each cell is the per cent of a document's China windows that contain the term.
# {glue:text}`nb03_contest` {glue:text}`nb03_island_disputes` {glue:text}`nb03_everywhere`
# {glue:text}`nb03_smallest`

# %%
balance = china.category_balance(framing)
glue("nb03_balance", china.balance_sentences(balance, window_name, cite=sources.cite,
                                             framing=framing), display=False)
balance.index = [labels[d] for d in balance.index]
fig = china.balance_figure(
    balance,
    title="Framing of China by category, document by document",
    source=f"corpus_cooccurrence.csv, window = {settings['window']}, terms chosen by the "
           f"framing_terms parameter; from {sources.cite_many(docs)}.",
)
plt.show()

# %%
top = (framing.groupby("term")[["units", "entity_units"]].sum()
       .assign(share=lambda t: t["units"] / t["entity_units"]).sort_values(
           ["share", "units"], ascending=False))
glue("nb03_top_term", Plain(
    f"Across the selected documents, the term found in the largest share of China "
    f"{window_name}s is “{top.index[0]}”." if top["units"].iloc[0] > 0 else
    f"None of the chosen terms occurs in the selected documents' China {window_name}s."),
    display=False)
# Galic's China paragraphs all name NATO's partners (checked on the paragraph window, whatever
# the parameters): the prose below uses it as an example of a text's purpose.
galic = china.framing_around(features.cooccurrence, "CHN", ["galic2021"], ["partner"],
                             "paragraph", categories).iloc[0]
assert galic["units"] == galic["entity_units"] > 0
balance.round(2)

# %% [markdown]
# Summing the chosen terms' occurrences by category and dividing by the number of China
# windows gives a rough balance of framings per document. Two cautions: the value depends on
# how many terms of each category you select (the parameter), and it counts words, not
# stances: "threat" in a sentence saying China is *not* a threat counts as threat framing.
# {glue:text}`nb03_top_term` {glue:text}`nb03_balance`
#
# Whichever way the end points lean, a handful of texts of different kinds is not a time
# series, and the balance says more about what each text is for than about NATO's view of
# China (section 5 turns to NATO's own words). Galic (2021), for example, names China only in
# paragraphs that also name NATO's partners, because its subject is what the Alliance should
# do with them; its cooperative vocabulary follows from that subject. What these measures do
# show reliably is where to read: the cells with high shares point to the paragraphs that
# carry each author's view of China.

# %% [markdown]
# ## 4. The 2013 balancing act: Japan's hopes and reassurance to Beijing
#
# In April 2013 Secretary General Rasmussen finally made the visit to Tokyo that Japan had
# sought for years, and signed the first joint NATO–Japan document. The *China Brief* reports
# the visit in detail. Coding it item by item shows the balance NATO struck: what Japan sought,
# what NATO offered, what it withheld or narrowed and why, what it said about China, and how
# Chinese media answered.

# %%
sides = balancing["side"].value_counts()
for side in china.BALANCE_SIDES:
    glue(f"nb03_n_{side}", int(sides.get(side, 0)), display=False)
assert sides.sum() == len(balancing) == 23
assert set(balancing["source_id"]) == {"jamestown2013", "chan2013"}
china.balancing_table(balancing).astype(object).fillna("")

# %% [markdown]
# Japan sought political backing in its maritime disputes with China, and some Japanese
# scholars wanted NATO to leave Beijing guessing whether it might take sides
# ({glue:text}`nb03_n_japan_sought` items). It received the symbols of partnership: the
# visit, the declaration, the language of shared values and a place as a key partner
# ({glue:text}`nb03_n_offered`). What it did not get
# ({glue:text}`nb03_n_withheld` items) was any hint of support in a conflict: NATO ruled out a
# presence in Asia, the speech left China unmentioned, and in the joint statement maritime
# security was narrowed to counter-piracy, reportedly at France's insistence. A Japanese
# official's own expectations, moral support rather than action, were modest enough to be met
# (jamestown2013:¶12).
#
# The same visit can be read through the statements themselves. Each of Rasmussen's reported
# statements is coded with one stance:

# %%
n_statements = len(statements)
glue("nb03_n_statements", n_statements, display=False)
assert n_statements == 6 and set(statements["speaker"]) == {"Anders Fogh Rasmussen"}
assert "warning" not in set(statements["stance"])  # in 2013 nothing was phrased as a warning
on_china = statements.loc[statements["subject"] == "china", "stance"]
assert sorted(on_china) == ["dialogue_offer", "reassurance"]  # the two about China
statements.set_index("statement_id")[
    ["setting", "subject", "stance", "paraphrase", "quoted", "locator"]].astype(object).fillna("")

# %% [markdown]
# Of the {glue:text}`nb03_n_statements` statements, the two about China are a reassurance
# (China is not regarded as a direct threat, with the hope that it uses its influence
# peacefully) and an offer of a more structured dialogue, like the ones NATO had with the
# other permanent members of the Security Council. Nothing is phrased as a warning. The
# statements about Japan and the region mix shared values with repeated limits on NATO's role.

# %% [markdown]
# ## 5. After 2013: from careful language to systemic challenge
#
# The documents say little about NATO's official view of China after 2013: Galic (2021)
# reports the NATO 2030 experts' call for more attention to China (galic2021:¶2), and Grand
# (2024) dates NATO's growing interest from the 2022 Madrid summit (grand2024:¶4). For the
# Allies' own words, this notebook uses a compilation of public pages on how NATO texts
# characterised China, keeping **only** rows that can be cited exactly: verified against
# NATO's page or a faithful reproduction of its wording (levels A or B), with a date and a
# printed paragraph number. Press quotations and inferences are left out here (the table of
# disagreements at the end cites a few, each with its level), and no wording is
# reconstructed from memory. In the table, "SC2022" is NATO's 2022 Strategic Concept, whose
# wording on China the 2023 communiqué repeats.

# %%
n_texts = len(nato_texts)
glue("nb03_n_texts", n_texts, display=False)
assert set(nato_texts["verification"]) <= {"A", "B"} and nato_texts["paragraph"].notna().all()
nato_texts.set_index("text_id")[
    ["doc_title", "date", "paragraph", "key_phrase", "characterisation", "stance",
     "verification"]]

# %%
stance_table = china.stance_matrix(statements, nato_texts)
fig = china.stance_figure(
    stance_table,
    title="Stances towards China and Asia: Tokyo 2013 against the 2021 and 2023 communiqués",
    source=f"official_statements.csv (coded from {sources.cite('jamestown2013')}); "
           f"nato_china_texts.csv (paragraphs cited exactly, from "
           f"{sources.cite('nato_china_texts_compiled')}); stances coded for this project.",
)
plt.show()

# %%
warnings_after = int((nato_texts["stance"] == "warning").sum())
glue("nb03_warnings_after", warnings_after, display=False)
assert warnings_after == 3
assert (stance_table["dialogue_offer"] > 0).all()  # offered on every occasion, and the
assert [s for s in stance_table if (stance_table[s] > 0).all()] == ["dialogue_offer"]  # only one
stance_table

# %% [markdown]
# Only {glue:text}`nb03_n_texts` summit paragraphs pass the bar for exact citation, from the
# Brussels communiqué of 2021 and the Vilnius communiqué of 2023. Of these,
# {glue:text}`nb03_warnings_after` are warnings (systemic challenges to the rules-based
# order; ambitions and coercive policies that challenge Allied interests; the deepening
# partnership with Russia), while both communiqués keep an offer of dialogue or engagement.
# The comparison is between different kinds of text, a Secretary General's remarks on a visit
# to Japan, as the *China Brief* reports them, and the Allies' negotiated communiqués, so it
# cannot tell a change in NATO's view from a change of genre (discussion question 1). Both
# sides of it rest on stances coded for this project, one per statement or paragraph, with
# no measure of agreement between coders (exercise 3 shows what recoding one statement
# changes). The dialogue offer is the one stance present on every occasion.

# %% [markdown]
# ## Where the sources disagree
#
# Disagreements are kept side by side. Three are dating conflicts already marked in
# `events.csv` (C1: when NATO–China contact began; C2: when NATO–Japan relations began; C3:
# when the NATO 2030 report came out); the others are claims that only one source makes or
# that sources date differently. Some claims come from the compilation of NATO texts that
# section 5 uses, and this table does not hold them to section 5's bar (levels A or B): its
# `verification` column gives each compiled row's level, so that a press quotation (C) or an
# inference (D) is not read as NATO's own wording.

# %%
disputes = china.disagreements(timeline)
assert set(disputes.loc[disputes["conflict_group"] == "C1", "source_id"]) == {
    "weinrod2008", "jamestown2013"}
assert set(disputes.loc[disputes["conflict_group"] == "C3", "source_id"]) == {
    "galic2021", "nato_china_texts_compiled"}
glue("nb03_n_issues", count_noun(disputes["issue"].nunique(), "issue"), display=False)
compiled = china.compiled_rows(disputes)
assert (compiled["verification"] != "").all() and (
    disputes.loc[disputes["source_id"] != china.COMPILED, "verification"] == ""
).all()  # a level for every compiled row, and only for them
glue("nb03_levels", Plain(china.verification_sentence(disputes)), display=False)
weak = compiled.loc[compiled["verification"].isin(["C", "D"]), "row"]
assert sorted(weak) == [7, 8]  # the prose below names them: London 2019, NATO 2030
disputes.set_index(["issue", "source_id"])[
    ["locator", "verification", "conflict_group", "event_id", "claim"]]

# %% [markdown]
# The table lists {glue:text}`nb03_n_issues`. {glue:text}`nb03_levels`
#
# - **When contact began (C1).** Weinrod, writing in 2008, sees no meaningful NATO–China
#   interaction beyond the 1999 bombing; the *China Brief* dates a first meeting to 2002 and
#   several high-level ones after it. The two may differ on what counts as "meaningful" rather
#   than on facts: the *China Brief* itself finds no structured strategic dialogue. Both rows
#   stay.
# - **China and Ocean Shield.** Only Chan (2013) says that China took part in NATO's
#   counter-piracy operation. The *China Brief*, written five months later about NATO–China
#   relations, lists piracy as a shared interest and reports no joint operation. The claim is
#   uncorroborated here; it should be checked against an operational record before use, and
#   it is not in the timeline.
# - **When China reached NATO's agenda.** Grand (2024) dates NATO's growing interest from
#   Madrid 2022, but in 2021 Galic already describes the experts' call for attention to China.
#   The compiled NATO texts go further back: by their reckoning China is first named in a
#   summit text at London in December 2019, when the Secretary General said the leaders were
#   discussing its rise for the first time, and the Brussels communiqué of June 2021
#   (para. 55) speaks of systemic challenges. The levels matter here: the Secretary
#   General's remark comes from NATO's own transcript and the Brussels paragraph from a
#   faithful reproduction, but the London Declaration's China wording reached the
#   compilation only through press quotations (level C), and its claim that no earlier
#   summit text names China is an inference from statements about those texts (level D in
#   the compilation's rows for the earlier declarations). "Growing interest since 2022" and "on the agenda by
#   2019" can both be true; the timeline should not put the start at Madrid.
# - **The NATO 2030 report (C3).** Galic's "recent" dates it only to 2021; the compilation
#   dates its title page 25 November 2020 and its release to 30 November or 1 December 2020,
#   by two different rows, both resting on press reports (level C). `events.csv` keeps one
#   row for each source in conflict group C3 (Galic's year marked approximate), and with the
#   default documents the contacts figure draws the report at both dates. The year is probably
#   2020, but no NATO page read for the compilation confirms it.
# - **NATO–Japan (C2).** Weinrod and the *China Brief* place the start in the early 1990s,
#   Galic's "two decades" around 2001; Galic is probably describing the main growth of the
#   partnerships rather than their first contact.

# %% [markdown]
# ## Exercises
#
# 1. Rerun the notebook with `window="sentence"` (`natoasia run 03 --student -p window
#    sentence`; see the README), or compute
#    it here: for the *China Brief* (`jamestown2013`), put each framing term's share of the
#    China windows under the paragraph window beside its share under the sentence window.
#    Before you look, predict: will the shares rise, fall or stay about the same, and why?
#    Then check your prediction against the figures. (Hint: a sentence is a much smaller
#    window than a paragraph. What happens to the number of windows that name China, and to
#    the chance that a given word shares a window with the name, when a paragraph is cut into
#    sentences?) Could a share rise in principle? Which terms keep the largest part of their
#    paragraph share, and what does that suggest about which words are really said *about*
#    China?
# 2. The attention measure leaves out capitals. Add mentions of Beijing (`capital:CHN`) to
#    those of China and recompute the rate per 1,000 words. Does the order of the documents
#    change?
# 3. Recode statement S03 as a *warning* (the hope that China will act peacefully can be read
#    as a conditional). Redraw the stance table. Which conclusion of section 5 survives?
# 4. Section 1 compares the tracks by their first contact and their number of contacts.
#    Compare them two other ways, for the documents selected: the number of distinct years
#    with any contact, and the longest gap between two consecutive years with a contact,
#    counted as the later year minus the earlier (contacts in 2005 and 2007 make a gap of
#    two, with one year, 2006, without a contact). Do these yardsticks rank the tracks as
#    the count of contacts does, and what does each say about how steady a relationship was?

# %% tags=["solution"]
# Exercise 1: paragraph against sentence windows for the China Brief
by_window = {
    w: china.framing_around(features.cooccurrence, "CHN", ["jamestown2013"],
                            settings["framing_terms"], w, categories).set_index("term")
    for w in ("paragraph", "sentence")
}
windows = {w: int(t["entity_units"].iloc[0]) for w, t in by_window.items()}
print(f"Windows naming China: {windows['paragraph']} paragraphs, {windows['sentence']} "
      "sentences. A term must now sit in the very sentence that names China, and the "
      "denominator has grown.")
change = (pd.DataFrame({w: t["share"] for w, t in by_window.items()}) * 100).assign(
    difference=lambda t: t["sentence"] - t["paragraph"],
    kept_percent=lambda t: 100 * t["sentence"] / t["paragraph"].where(t["paragraph"] > 0))
assert windows["sentence"] > windows["paragraph"]
found = change[change["paragraph"] > 0]  # terms in at least one China paragraph
rises, falls = found[found["difference"] > 0], found[found["difference"] < 0]
best = found["kept_percent"].max()
if found.empty:  # possible when no chosen term occurs in a China paragraph of the Brief
    print("None of the chosen framing terms occurs in a China paragraph of the China Brief: "
          "there is no share to compare.")
else:
    print(f"Of the {count_noun(len(found), 'term', words=False)} found near China, "
          f"{len(rises) or 'none'} rise{'s' if len(rises) == 1 else ''} and {len(falls)} "
          f"fall{'s' if len(falls) == 1 else ''}; the most any keeps of its paragraph share "
          f"is {best:.0f}% ({join_words(found.index[found['kept_percent'] == best])}).")
# A share can rise in principle: a term in 1 of 2 China paragraphs (50%) that sits in all
# three China sentences of its paragraph, the other paragraph having one, is in 3 of 4 (75%).
display(change.sort_values(["kept_percent", "paragraph"], ascending=False).round(1))

# %% tags=["solution"]
# Exercise 2: China and Beijing together
with_capital = china.entity_rates(features.paragraphs, features.mentions, docs,
                                  entities=("CHN", "capital:CHN"))
with_capital["China_and_Beijing_rate"] = (with_capital["CHN_rate"]
                                          + with_capital["capital:CHN_rate"])
order = {m: with_capital.sort_values([m, "CHN_rate"], ascending=False).index.tolist()
         for m in ("CHN_rate", "China_and_Beijing_rate")}
print("Adding Beijing", "leaves the order of the documents unchanged."
      if order["CHN_rate"] == order["China_and_Beijing_rate"] else "changes the order.")
display(with_capital[["CHN_rate", "China_and_Beijing_rate"]].round(2).sort_values(
    "China_and_Beijing_rate", ascending=False))

# %% tags=["solution"]
# Exercise 3: S03 recoded as a warning
recoded = statements.assign(stance=statements["stance"].mask(
    statements["statement_id"] == "S03", "warning"))
recoded_table = china.stance_matrix(recoded, nato_texts)
display(recoded_table)
everywhere = [s for s in recoded_table if (recoded_table[s] > 0).all()]
warned_2013 = int(recoded_table.loc[recoded_table.index.str.startswith("Rasmussen"),
                                    "warning"].sum())
print(("The dialogue offer is still the one stance on every occasion: that conclusion "
       "survives. " if everywhere == ["dialogue_offer"] else
       f"Stances on every occasion now: {join_words(everywhere) or 'none'}. ")
      + (f"But {count_noun(warned_2013, '2013 statement')} now "
         f"{'reads' if warned_2013 == 1 else 'read'} as a warning, so 'nothing in 2013 was "
         "phrased as a warning' (section 4) no longer holds, and warnings no longer appear "
         "only in the communiqués." if warned_2013 else "Nothing in 2013 is a warning yet."))

# %% tags=["solution"]
# Exercise 4: years with a contact, and the longest gap between contacts, per track
steadiness = {}
for partner in ("CHN", "JPN"):
    met = china.contacts(china.partner_track(shown, partner)).drop_duplicates("event_key")
    years = sorted(set(met["date"].str[:4].astype(int)))
    gaps = [b - a for a, b in zip(years, years[1:], strict=False)]
    longest = max(gaps, default=0)
    steadiness[china.PARTNERS[partner]] = {
        "contacts": len(met), "distinct_years": len(years),
        "years": ", ".join(map(str, years)), "longest_gap": longest,
        "years_without_contact_in_it": max(longest - 1, 0)}
steadiness = pd.DataFrame(steadiness).T
display(steadiness)


def ranking(column: str, more_is_steadier: bool = True) -> str:
    """Which track the yardstick puts ahead, or 'a tie'."""
    values = steadiness[column].astype(int)
    if values.nunique() == 1:
        return "a tie"
    best = values.idxmax() if more_is_steadier else values.idxmin()
    return f"{best} ahead"


print(f"Contacts: {ranking('contacts')}; distinct years with a contact: "
      f"{ranking('distinct_years')}; longest gap (the shorter, the steadier): "
      f"{ranking('longest_gap', more_is_steadier=False)}.")

# %% [markdown]
# ## Discussion questions
#
# 1. In 2013 Rasmussen said NATO did not see China as a direct threat; in 2021 and 2023 the
#    Allies wrote of systemic challenges. Did China change, did NATO change, or did the kind
#    of text change? What evidence would separate these explanations?
# 2. Japan received a visit, a declaration and the language of shared values, but no backing
#    against China. Was this a failure for Tokyo, given what its own official said it
#    expected (jamestown2013:¶12)?
# 3. The whole NATO–China contact record here rests on one document. How would you
#    corroborate it, and which kinds of contact (military, academic) are most likely missing?
# 4. Mentions per 1,000 words measure attention, not attitude. Design a better measure of how
#    an author frames China, and say what it would need that these features do not provide.
#
# ## Summary
#
# NATO and China had no contact in the Cold War; the first event the documents record is the
# 1999 embassy bombing, and the contacts that followed from 2002, driven by Afghanistan, were
# few and never reached the level of a Secretary General's visit to China. NATO's ties with
# Japan were older, denser and structured. In 2013 NATO gave Japan the symbols of partnership
# while reassuring Beijing and offering it dialogue; by 2021 and 2023 the Allies' own texts
# named China's systemic challenges while still offering dialogue. In five documents, each of
# its own topic and genre, the framing of China cannot be separated into an effect of date
# and one of topic or genre, and the words behind the framing measures are too few to show a
# trend.
#
# **What next:** back to the [overview](00_overview.ipynb), or compare the constraints on the
# Asia-Pacific partnerships in [Global Partners](02_global_partners_constraints.ipynb).
#
# ## References

# %%
sources.References([*docs, "jamestown2013", "nato_china_texts_compiled"])  # linked on the site
