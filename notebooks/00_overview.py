# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # NATO and Asia, 1949–2024: what five documents tell us
#
# NATO was built to face the Soviet Union in Europe, yet by the 2020s its leaders were
# inviting the heads of government of Japan, Australia, New Zealand and the Republic of Korea
# to its summits and naming China in its communiqués. This overview sets out the evidence the
# collection is built on: five analytical texts written between 2008 and 2024, and a timeline
# of every dated event they report, each row tied to the paragraph that reports it (one row,
# a date the documents lack, to a staged compilation of NATO texts). It shows
# where the documents concentrate, which periods they leave thin, and where they disagree,
# so that the three theme notebooks that follow can be read with the right amount of trust.
#
# **The question.** What do our sources record about how NATO's relations with Asia
# developed, when, and through which channels, and how far does the record they give us
# reach?

# %% [markdown]
# ## Learning objectives
#
# After working through this notebook you will be able to:
#
# - describe the three strands of NATO–Asia relations the collection follows (Central Asia
#   and Afghanistan, the Asia-Pacific Global Partners, China) and when each appears;
# - read a sourced timeline critically: date precision, approximate dates, and conflicts;
# - say which document supports which part of the story, and which parts rest on one source;
# - trace any number in the collection back to a table, a row and a paragraph locator.
#
# ## Prerequisites and time
#
# | Concept | Importance | Notes |
# | --- | --- | --- |
# | Reading a pandas DataFrame | Helpful | Tables are shown ready-made; code cells are short |
# | NATO's structure (Council, Secretary General, partnerships) | Helpful | Each term is glossed where it first matters |
# | Source criticism (primary vs. analytical sources) | Necessary | The documents here are analyses, not official records |
#
# *Time to work through:* about 30 minutes; 60 with the exercises.
#
# ## Sources
#
# The five seed documents: Weinrod (2008), Chan (2013), the Jamestown Foundation's *China
# Brief* (2013), Galic (2021) and Grand (2024). Their texts are not reproduced here: the
# collection ships only facts, dates, counts and paraphrases derived from them, each with a
# locator of the form `doc_id:¶N` (the N-th paragraph of the document's cleaned body).

# %% tags=["parameters"]
# Theme lanes of the timeline: any of central_asia, global_partners, china, general.
themes = ["central_asia", "global_partners", "china", "general"]
# Years shown, 1949 to 2024.
start_year = 1949
end_year = 2024
# None: the committed features of the five seed documents. Or the path of a folder of your
# own documents (UTF-8 .txt files and a documents.csv, see the README): section 1's corpus
# tables are then computed from it, here, and nothing is written.
corpus_dir = None

# %%
from natoasia.params import validate_overview

settings = validate_overview(themes=themes, start_year=start_year, end_year=end_year,
                             corpus_dir=corpus_dir)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from myst_nb import glue

from natoasia import data, events, plotting, sources
from natoasia.features import load_features
from natoasia.prose import Plain, count_noun, join_words, leaders, part_of, times
from natoasia.text import extract_features, mention_rates, read_entity_lexicon

plotting.use_house_style()
pd.set_option("display.max_colwidth", None)  # notes in full: the site wraps them

documents = data.load("sources").query("kind == 'seed_document'")
timeline = data.load("events")
doc_ids = documents.sort_values(["published", "source_id"])["source_id"].tolist()  # oldest first
doc_labels = sources.document_labels(documents, doc_ids)  # "Weinrod (2008-09)" in figures

# %% [markdown]
# ## 1. The five documents
#
# Each document is identified by a short `doc_id` used throughout the collection. The table
# gives the bibliographic record and how precisely each document is dated: only Grand (2024)
# to the day; Weinrod (2008) to the month; Chan (2013) to the month from internal evidence,
# the *China Brief* article to the month of its issue, Galic (2021) to the year (see the
# notes).

# %%
documents[["source_id", "author", "title", "published", "date_precision", "note"]].set_index(
    "source_id").loc[doc_ids]

# %% [markdown]
# The documents span sixteen years and four kinds of writing: a practitioner's survey (2008),
# two short analyses from 2013, a policy essay (2021) and an interview (2024).

# %% [markdown]
# ### What the documents talk about
#
# The texts themselves are not in the repository; what is, is a set of features derived
# from them (`corpus_paragraphs`, `corpus_mentions`, see `data/LEXICON.md`), regenerated
# from the texts by a test. (Rerun with `corpus_dir` set to your own folder of documents
# and this section describes those instead.) The first table gives each document's length
# in the cleaned body; the heatmap counts how often each document names each country, per
# 1,000 words so that long and short documents can be compared.

# %%
own_corpus = settings["corpus"]
if own_corpus is None:
    features = load_features()
    catalogue = documents.rename(columns={"source_id": "doc_id"})
    features_source = ("corpus_mentions.csv and corpus_paragraphs.csv (features derived from "
                       f"{sources.cite_many(doc_ids)})")
else:
    features = extract_features(own_corpus)
    catalogue = pd.DataFrame([vars(d) for d in own_corpus.documents])
    features_source = f"features computed from the documents in {own_corpus.root.name}/"
corpus_ids = catalogue.sort_values(["published", "doc_id"])["doc_id"].tolist()
lengths = features.paragraphs.groupby("doc_id").agg(paragraphs=("n", "size"),
                                                      words=("words", "sum"))
document_table = catalogue.set_index("doc_id").loc[corpus_ids, ["author", "published"]].join(
    lengths)
glue("nb00_corpus_words", f"{int(document_table['words'].sum()):,}", display=False)
document_table

# %%
country_rates = mention_rates(features.paragraphs, features.mentions, entity_type="country")
top_countries = (country_rates.groupby("entity_id")["mentions"].sum()
                 .sort_values(ascending=False, kind="stable").head(14).index)
matrix = (country_rates.pivot(index="doc_id", columns="entity_id", values="rate")
          .reindex(index=corpus_ids, columns=top_countries).fillna(0))
if matrix.columns.empty:  # possible with your own documents
    print("No document names a country of the lexicon (data/LEXICON.md): no figure.")
else:
    fig = plotting.heatmap(
        matrix.rename(index=doc_labels),  # your own documents keep their ids
        title="How often each document names each country",
        xlabel="Country (ISO 3166-1 alpha-3; SUN = Soviet Union), most mentioned first",
        ylabel="Document (oldest first)", colorbar_label="Mentions per 1,000 words",
        source=f"{features_source}; lexicon in data/LEXICON.md.", fmt="{:.1f}")
    plt.show()

# %%
central_asia = ["KAZ", "KGZ", "TJK", "TKM", "UZB"]
ca_mentions = int(country_rates.loc[country_rates["entity_id"].isin(central_asia),
                                    "mentions"].sum())
most_named = country_rates.groupby("entity_id")["mentions"].sum().sort_values(
    ascending=False, kind="stable")
entity_names = {entity.entity_id: entity.name for entity in read_entity_lexicon()}
years = sorted(int(p[:4]) for p in catalogue["published"])
gap = max(zip(years, years[1:], strict=False), key=lambda pair: pair[1] - pair[0],
          default=(years[0], years[0]))
named_most = leaders({entity_names[e]: int(n) for e, n in most_named.items()})
coverage_note = (
    f"Together the documents run to {int(document_table['words'].sum()):,} words. "
    + (f"The countries they name most are {named_most}." if (most_named > 0).sum() > 1
       else f"The only country they name is {named_most}." if named_most
       else "They name none of the countries in the lexicon.")
    + " The five Central Asian states are "
    + (f"named {times(ca_mentions, words=False)} in all" if ca_mentions else "never named")
    + (f", and no document falls between {gap[0]} and {gap[1]}." if gap[1] - gap[0] > 1
       else "."))
glue("nb00_coverage_note", Plain(coverage_note), display=False)
if own_corpus is None:  # what the seed corpus is, and is not, in numbers the text relies on
    assert (most_named.index[:2].tolist() == ["CHN", "JPN"] and gap == (2013, 2021)
            and ca_mentions < 20)

# %% [markdown]
# {glue:text}`nb00_coverage_note`
#
# For the seed documents, China and Japan dominate the country mentions and Afghanistan is
# central to the 2008 survey. What the corpus misses matters as much: the Central Asian
# states barely appear; none of the five was written between 2013 and 2021, so those eight
# years are seen only in retrospect; and none of the five is an official NATO or Asian
# government text. The theme notebooks fill part of these gaps from staged public datasets.

# %% [markdown]
# ## 2. The sourced timeline
#
# Every row of `events.csv` is one event as one document reports it. An event reported by
# two documents has two rows that share an `event_key`. Rows whose documents disagree about
# when something happened or began share a `conflict_group` and are drawn hollow, joined by a
# line; the rows of a group may describe different events (one document's "only contact"
# against another's earlier meeting), which is why the group is kept apart from the key.
# Where a staged public source dates an event differently from the document that reports
# it, the source gets a row of its own in the document's conflict group, cited by its row
# in the staged file: the NATO 2030 report, which Galic (2021) can date only to 2021, has a
# second row dated from the compilation of NATO texts (see section 5).

# %% tags=["landing"]
shown = events.select(timeline, settings["themes"], settings["start_year"], settings["end_year"])
n_rows, n_events = len(shown), shown["event_key"].nunique()
others = list(dict.fromkeys(shown.loc[~shown["source_id"].isin(doc_ids), "source_id"]))
n_other = int((~shown["source_id"].isin(doc_ids)).sum())  # rows dated from staged sources
glue("nb00_rows", count_noun(n_rows, "row", words=False), display=False)
glue("nb00_events", count_noun(n_events, "distinct event", words=False), display=False)
glue("nb00_span", events.year_span(int(shown["year"].min()), int(shown["year"].max())),
     display=False)
assert n_events <= n_rows and set(shown["theme"]) <= set(settings["themes"])
strand_opens = timeline.groupby("theme")["year"].min()  # "Over the whole record", below
assert strand_opens["global_partners"] < 1995 <= strand_opens["china"] < 2000

fig = plotting.timeline(
    shown, settings["themes"], settings["start_year"], settings["end_year"],
    title="NATO–Asia events on the collection's timeline, " + "–".join(
        dict.fromkeys(str(settings[k]) for k in ("start_year", "end_year"))),  # not 2008–2008
    source=f"events.csv ({n_rows} rows), coded from {sources.cite_many(doc_ids)}"
           + (f"; {count_noun(n_other, 'row', words=False)} dated from "
              f"{sources.cite_many(others)}" if others else "")
           + ". Hollow markers: rows of a group whose sources disagree about when something "
             "happened or began (see section 5).",
)
plt.show()

# %% [markdown]
# The timeline holds {glue:text}`nb00_rows` describing {glue:text}`nb00_events`
# {glue:text}`nb00_span`. Over the whole record, almost
# nothing is recorded before the end of the Cold War. The Global Partners strand opens in the
# early 1990s and the China strand at the end of that decade; the record thickens through the
# Afghanistan years, above all from 2005 to 2014, when both strands fill out, and thins
# again once ISAF has ended.

# %% [markdown]
# ## 3. Events per period
#
# Counting distinct events (not rows) per period and theme shows where the documents put
# their attention. The four periods are the collection's own, an analytic choice rather than
# a fact any one source states (they are defined, with these sources, in
# `natoasia.events.PERIODS`): each boundary sits where the sources place a turning point.
#
# - **The end of the Cold War (after 1991).** No document dates it. Weinrod (2008)
#   counts NATO's 1992 approach to Japan as early post-Cold War and ties the 1992 contacts
#   with Central Asia to the Soviet Union's break-up (weinrod2008:¶9, ¶10), and the staged
#   ATOP alliance data end the Warsaw Pact (ATOP alliance 3285) on 1 July 1991 (Leeds et
#   al. 2002; `file:atop/atop4_01_alliance_level.csv;row:275`). Chan (2013) places NATO's
#   turn outward after 1989 (chan2013:¶2), so a boundary there would be as defensible:
#   {glue:text}`nb00_boundary_1989`.
# - **The Afghanistan years (from 2001)** open with the attacks of September 2001 and NATO's
#   deployment that followed (jamestown2013:¶6; weinrod2008:¶14).
# - **After ISAF (from 2015).** The Afghanistan years end with ISAF, the NATO-led
#   International Security Assistance Force, in 2014: the route facts give an ISAF period
#   ending that year (`row:AFGLOG-111`) and date the expiry of the UN mandate's provisions
#   to 31 December 2014 (`row:AFGLOG-078`).

# %%
period_table = events.per_period(shown, settings["themes"])
per_period = period_table.sum(axis=1)
# A boundary after 1989 (Chan's reading) instead of after 1991 would move the events of 1990
# and 1991 from the Cold War to the years after it.
moved = shown.loc[shown["year"].between(1990, 1991), "event_key"].nunique()
glue("nb00_boundary_1989", Plain(
    f"it would move {count_noun(moved, 'distinct event', plural_for_zero=True)} of the "
    f"selection, {'the one' if moved == 1 else 'those'} dated 1990 or 1991, out of the Cold "
    "War period" if moved else
    "for the themes and years selected it would move no event, as none is dated 1990 or "
    "1991"), display=False)
afghan = "Afghanistan years (2001–2014)"
events_held = part_of(per_period[afghan], per_period.sum(), "distinct event")
if per_period.idxmax() == afghan and per_period[afghan] > per_period.drop(afghan).max():
    period_text = (f"The Afghanistan years hold {events_held} selected: the documents were "
                   "written in and about that war, so the record is densest there.")
else:
    busiest = per_period[per_period == per_period.max()].index.tolist()
    period_text = (f"The Afghanistan years hold {events_held} selected; for these themes and "
                   "years the record is densest in "
                   f"{join_words(events.period_phrase(p) for p in busiest)}"
                   f"{', equally' if len(busiest) > 1 else ''}.")
glue("nb00_period_text", Plain(period_text), display=False)
period_table

# %% [markdown]
# {glue:text}`nb00_period_text`

# %% [markdown]
# ## 4. Which document covers which years and themes
#
# A timeline built from analyses inherits their focus. The table gives, per document, how
# many rows it supports, the first and last year it dates, and its rows per theme.
# {glue:text}`nb00_other_rows`

# %%
coverage = events.coverage(shown, doc_ids, settings["themes"])
assert coverage["rows"].sum() + n_other == n_rows
glue("nb00_other_rows", Plain(
    f"{count_noun(n_other, 'row').capitalize()} of the selection "
    f"{'is' if n_other == 1 else 'are'} dated from a staged source, "
    f"{sources.cite_many(others)}, rather than from a document, and left out of the table."
    if others else "Every row of the selection comes from one of the documents."),
    display=False)
coverage

# %%
fig = plotting.heatmap(
    coverage[settings["themes"]].rename(index=doc_labels, columns=plotting.THEME_LABELS),
    title="Rows of the timeline each document supports, by theme",
    xlabel="Theme", ylabel="Document (oldest first)", colorbar_label="Timeline rows",
    source=f"events.csv; {sources.cite_many(doc_ids)}.",
)
plt.show()

# %%
def rows_from(theme: str, source_id: str, label: str) -> Plain:
    """How many of a theme's rows from the five documents (whole timeline, any years) one
    document supports, with the total ("7 of the 11 China rows"); rows dated from staged
    sources are not the documents' and not counted."""
    rows = timeline[(timeline["theme"] == theme) & timeline["source_id"].isin(doc_ids)]
    k, n = int((rows["source_id"] == source_id).sum()), len(rows)
    return Plain(f"all {n} {label} rows" if k == n else f"{k} of the {n} {label} rows")


glue("nb00_central_asia_weinrod", rows_from("central_asia", "weinrod2008", "Central Asia"),
     display=False)
glue("nb00_china_jamestown", rows_from("china", "jamestown2013", "China"), display=False)

# %% [markdown]
# Of the rows the documents give in the whole timeline, {glue:text}`nb00_central_asia_weinrod`
# come from Weinrod (2008) and {glue:text}`nb00_china_jamestown` from the 2013 *China
# Brief*: for those strands the timeline has, in effect, one main witness each, which is why
# the theme notebooks bring in staged public datasets to widen the base.

# %% [markdown]
# ## 5. Where the sources disagree
#
# Where sources disagree about when something happened or began, every row is kept and
# marked with a shared `conflict_group`; nothing is averaged or silently chosen. C1 is when
# NATO–China contact began, C2 when NATO–Japan relations began, and C3 the date of the NATO
# 2030 expert-group report: Galic (2021) calls it recent, which dates it only to 2021, while
# the staged compilation of NATO texts dates its title page 25 November 2020 (the date the
# timeline keeps) and its release to 1 December 2020 (its row 8) or 30 November 2020 (row
# 25). The compilation
# grades row 8 at verification level C, a press quotation rather than NATO's own page (see
# notebook 03, which shows the level of every compiled row it uses).

# %%
c3 = timeline[timeline["conflict_group"] == "C3"].set_index("source_id")["date"]
assert c3.to_dict() == {"galic2021": "2021", "nato_china_texts_compiled": "2020-11-25"}
claims = data.load("source_disagreements").set_index("locator")
assert claims.loc["file:nato_texts/china_in_nato_texts.csv;row:8", "verification"] == "C"
assert sorted(timeline["conflict_group"].dropna().unique()) == ["C1", "C2", "C3"]
conflict_rows = events.conflicts(shown)
glue("nb00_conflicts", count_noun(conflict_rows["conflict_group"].nunique(), "conflict group"),
     display=False)
if conflict_rows.empty:  # possible for some themes and years, such as 2001-2010
    print("No row of the selected themes and years belongs to a conflict group: no table.")
else:
    display(conflict_rows)

# %% [markdown]
# The timeline holds {glue:text}`nb00_conflicts` in the selected themes and
# years. Approximate dates (marked `approximate`) are a milder form of the same problem: a
# document that says "the mid-1990s" is placed at a year it does not state.

# %%
approximate = shown[shown["approximate"]][["event_id", "date", "description", "source_id",
                                           "locator", "note"]]
if approximate.empty:  # possible for some themes and years, such as China 2001-2010
    print("No row of the selected themes and years has an approximate date: no table.")
else:
    display(approximate)

# %% [markdown]
# ## Exercises
#
# 1. Rerun the notebook for China from 1990:
#    `natoasia run 00_overview --student -p themes '[china]' -p start_year 1990` (see the
#    README; `--student` runs the version without the worked solutions).
#    How many distinct China events does the timeline show, in which year does the first
#    fall, and which sources report them? Does starting in 1990 rather than in 1949 (the
#    default) leave out any China event, and what does that tell you about when the China
#    strand opens?
# 2. Find every event that more than one source reports (a shared `event_key` across
#    different `source_id`s). Do those sources agree on the date? (A date given only to the
#    month and the same date given to the day agree: one is just less precise.)
# 3. Which row of the timeline has the most entries in its `actors` column (the
#    `;`-separated codes)? List them, and compare them with the row's description: does the
#    column name every party the description mentions?

# %% tags=["solution"]
# Exercise 1: distinct China events from 1990, and their sources
china = events.select(timeline, ["china"], 1990, 2024)
every_china = events.select(timeline, ["china"], 1949, 2024)
left_out = every_china["event_key"].nunique() - china["event_key"].nunique()
print(f"{china['event_key'].nunique()} distinct China events from 1990, the first in "
      f"{china['year'].min()}. Starting in 1990 rather than 1949 leaves out "
      + (f"{left_out} of them." if left_out else
         f"none: the first China event is dated {every_china['year'].min()}, so any start "
         "year up to then shows the whole China strand."))
# per source: an event that two sources report counts once for each
display(china.groupby("source_id")["event_key"].nunique().rename("distinct China events")
        .to_frame())

# %% tags=["solution"]
# Exercise 2: events reported by more than one source, and whether the dates agree
multi = timeline.groupby("event_key")["source_id"].nunique()
shared = timeline[timeline["event_key"].isin(multi[multi > 1].index)]
display(shared.sort_values(["event_key", "source_id"])[
    ["event_key", "date", "date_precision", "source_id", "conflict_group"]])
for key, rows in shared.groupby("event_key"):
    dates = sorted(set(rows["date"]), key=lambda d: (len(d), d))  # coarsest first
    if len(dates) == 1:
        verdict = f"agree: {dates[0]} in every source"
    elif all(fine.startswith(f"{coarse}-")
             for coarse, fine in zip(dates, dates[1:], strict=False)):
        verdict = f"agree: {' and '.join(dates)} are one date at different precisions"
    else:
        groups = ", ".join(sorted(rows["conflict_group"].dropna().unique())) or "none"
        verdict = f"disagree: {' against '.join(dates)} (conflict group {groups})"
    print(f"{key}: the sources {verdict}.")

# %% tags=["solution"]
# Exercise 3: the row with the most entries in its actors column
actor_counts = timeline.assign(n_actors=timeline["actors"].str.split(";").str.len())
most = actor_counts[actor_counts["n_actors"] == actor_counts["n_actors"].max()]
for row in most.itertuples():
    print(f"{row.event_id} codes {row.n_actors} actors: {row.actors.replace(';', ', ')}.")
# The column codes the parties the row is about, not every party its description names.
display(most[["event_id", "date", "description", "actors"]])

# %% [markdown]
# ## Discussion questions
#
# 1. The documents are analyses written by practitioners and think-tank authors, not official
#    records. What kinds of event are they likely to over- and under-report?
# 2. Central Asia and China each rest mainly on one document. How should that change the
#    confidence with which the theme notebooks state their conclusions?
# 3. A timeline forces every event onto a date. Which events here are really processes, and
#    what is lost by drawing them as points?
#
# ## Summary
#
# The five documents give a sourced but uneven record: thin before 1992, dense in the
# Afghanistan years, and split by theme between documents. Every row can be traced to a
# paragraph or, once, to a staged source row; conflicts are shown rather than resolved, and the theme notebooks build on this
# record with public datasets.
#
# **What next:** [Central Asia logistics](01_central_asia_logistics.ipynb),
# [Global Partners](02_global_partners_constraints.ipynb), [China](03_china_engagement.ipynb).
#
# ## References

# %%
sources.References([*doc_ids, *dict.fromkeys(timeline["source_id"]), "leeds2002",
                    "natoasia_logistics_facts"])  # links on the site
