# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # NATO's Asia-Pacific Global Partners and what constrains them
#
# Japan, Australia, the Republic of Korea and New Zealand have worked with NATO for two
# decades: in Afghanistan, off the Horn of Africa, and lately at NATO summits. Every one of
# our five sources, from 2008 to 2024, also finds the partnerships limited. This notebook
# rebuilds the record three ways. First, a partnership timeline per partner, from first
# contacts to the tailored programmes of 2023, with the sources' conflicting dates left
# visible. Second, a coding of every constraint the five documents name, by who imposes it
# and how it works, to see which limits persist over sixteen years. Third, a check of one
# claim against SIPRI's military expenditure data: that three of these partners field
# militaries stronger than those of most NATO Allies.
#
# **The question.** Who is a NATO partner in Asia and the Pacific, since when and through
# which instruments; which constraints does each author name, and which persist from 2008
# to 2024; and does the claim that these partners out-class most Allies hold up in spending
# data?

# %% [markdown]
# ## Learning objectives
#
# After working through this notebook you will be able to:
#
# - trace each partner's relationship with NATO through its instruments (dialogues, tailored
#   cooperation, IPCPs, joint declarations, ITPPs) and say how well each date is attested;
# - read a coded table of qualitative claims: what a codebook decides, where coding is open
#   to dispute, and how a document x category matrix shows persistence;
# - test a quantitative claim in a text against a public dataset, and say what the dataset
#   can and cannot show (spending is an input, not military quality);
# - handle missing data codes and membership dating honestly when ranking countries.
#
# ## Prerequisites and time
#
# | Concept | Importance | Notes |
# | --- | --- | --- |
# | Reading a pandas DataFrame | Helpful | Tables arrive ready-made; code cells are short |
# | NATO partnership formats (PfP, Global Partners, IPCP, ITPP) | Helpful | Glossed in section 1 |
# | Qualitative coding (codebook, unit of coding) | Helpful | See `data/CODEBOOK_constraints.md` |
# | Ranks and shares; constant prices | Necessary | Used in section 5 |
# | [Overview notebook](00_overview.ipynb) | Helpful | Introduces the five documents |
#
# *Time to work through:* about 45 minutes; 90 with the exercises.
#
# ## Sources
#
# - The five seed documents: Weinrod (2008), Chan (2013), the Jamestown Foundation's *China
#   Brief* (2013), Galic (2021) and Grand (2024), cited by paragraph (`doc_id:¶N`). Their
#   texts are not reproduced; the tables hold dates, codes and paraphrases written here.
# - NATO–Asia partnership milestones and ISAF troop snapshots, compiled for the project from
#   NATO pages and press reports (each row names its page).
# - SIPRI Military Expenditure Database 2024 (Stockholm International Peace Research
#   Institute): a subset of about 3 per cent of its data cells, shipped under SIPRI's terms.
# - ATOP v4.01 (Leeds et al. 2002) for the year each Ally entered NATO; Correlates of War
#   country codes to read it; Natural Earth v4.0.0 for ISO country codes.

# %% tags=["parameters"]
partners = ["AUS", "JPN", "KOR", "NZL"]  # ISO3 codes of the partners to show
year = 2020  # year of the spending comparison, 2000-2023
metric = "constant_usd"  # "constant_usd" (constant 2022 US$) or "share_gdp"

# %%
from natoasia.params import validate_global_partners

settings = validate_global_partners(partners=partners, year=year, metric=metric)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from myst_nb import glue

from natoasia import data, plotting, sources, spending
from natoasia import partners as gp
from natoasia.prose import Plain, count_noun, join_words, number_word

plotting.use_house_style()
pd.set_option("display.max_colwidth", None)  # notes in full: the site wraps them
pd.set_option("display.width", 200)

tables = gp.load_all()
milestones, contributions = tables["partner_milestones"], tables["partner_contributions"]
constraints, ladder = tables["constraints"], tables["exercise_options"]
crosswalk, milex = spending.load_crosswalk(), spending.load_subset()
documents = gp.seed_document_table(data.load("sources"))
doc_ids = documents["source_id"].tolist()  # oldest first
names = dict(zip(crosswalk["iso3"], crosswalk["name"], strict=True))
chosen = settings["partners"]
CLAIM_PARTNERS = ["JPN", "KOR", "AUS", "NZL"]  # the four galic2021:¶1 discusses

# %% [markdown]
# ## 1. Who is a partner, since when, and through which instruments
#
# NATO's partnerships outside Europe grew in layers. The first were contacts and dialogues:
# NATO's 1992 decision to seek an informal tie with Japan, followed by an invitation to a
# policy conference (weinrod2008:¶9), and a senior-official strategic dialogue
# (jamestown2013:¶4). By 2008 five Asia-Pacific states had joined a *tailored
# cooperation* programme for "global partners" (weinrod2008:¶26), and NATO's 2010 Strategic
# Concept sought partners around the world (jamestown2013:¶13). Unlike the Partnership for
# Peace, which served partners in Europe and Central Asia, these global partners had no
# regional framework of their own (galic2021:¶3). From 2012 each of the four main partners
# signed an **Individual Partnership and Cooperation Programme (IPCP)**; Australia and Japan
# also signed **joint political declarations**. In 2023 came **Individually Tailored
# Partnership Programmes (ITPPs)**. The table gives, per partner and instrument, the earliest
# evidence any source gives: a date for an event, *c.* for an approximate one, *by* when a
# source only reports that the instrument already existed; where such a report predates the
# first dated event, both are given, since the sources disagree. Earliest evidence is not
# always the first time: Grand (2024) dates the partners' summit attendance to Vilnius in
# 2023 but calls it customary by then (grand2024:¶7).

# %%
n_milestones = int(milestones["partner_iso3"].isin(chosen).sum())
dated = gp.placed(milestones)  # milestones with a date
signed = dated[dated["instrument"].isin(gp.SIGNED_INSTRUMENTS) & (dated["date_basis"] == "event")
               & dated["partner_iso3"].isin(CLAIM_PARTNERS)]
signed_years = sorted(set(signed["date"].str[:4].astype(int)))
contacts = milestones[milestones["instrument"].isin(["first_contact", "strategic_dialogue"])
                      & milestones["partner_iso3"].isin(CLAIM_PARTNERS)]
first_contact = int(contacts["date"].str[:4].astype(int).min())
first_burst = [y for y in signed_years if y - signed_years[0] <= 2]
assert signed_years[-1] - first_burst[-1] > 5  # a second, separate burst
assert 18 <= signed_years[0] - first_contact <= 22  # "some two decades"
glue("nb02_first_signed", signed_years[0], display=False)
glue("nb02_first_burst_end", first_burst[-1], display=False)
glue("nb02_last_signed", signed_years[-1], display=False)
glue("nb02_n_milestones", len(milestones), display=False)
glue("nb02_n_milestone_partners", milestones["partner_iso3"].nunique(), display=False)
assert milestones["milestone_id"].is_unique and n_milestones <= len(milestones)
first_evidence = gp.first_by_instrument(milestones, chosen).rename(index=names).T
if first_evidence.empty:  # possible for partners with no milestone, such as Malaysia
    print("The record holds no milestone for "
          f"{join_words(gp.in_sentence(names[p]) for p in chosen)}: no table.")
else:
    display(first_evidence)

# %% [markdown]
# The record holds {glue:text}`nb02_n_milestones` milestone rows for
# {glue:text}`nb02_n_milestone_partners` partners. Dialogue came first and formal programmes
# late: for the four main partners the earliest signature our sources date is from
# {glue:text}`nb02_first_signed`, some two decades after the first contacts of the early 1990s.
# The table and the timeline below show the chosen partners only.

# %%
glue("nb02_timeline", gp.describe_timeline(milestones, chosen, names), display=False)
glue("nb02_undated", gp.describe_undated(milestones, chosen), display=False)
glue("nb02_proposals", gp.describe_proposals(milestones, chosen, names), display=False)
fig = gp.plot_timeline(
    milestones, chosen, names,
    source=f"partner_milestones.csv ({len(milestones)} rows): {sources.cite_many(doc_ids)}; "
           "NATO partnership milestones compiled for the project from nato.int and press "
           "pages. Hollow markers: a source reports the instrument as already in place, a "
           "page date, or an approximate date.")
plt.show()

# %% [markdown]
# {glue:text}`nb02_timeline` For the four main partners the record comes in two bursts: a
# thin line of visits and dialogues before {glue:text}`nb02_first_signed`, then signed
# programmes and declarations from {glue:text}`nb02_first_signed` to
# {glue:text}`nb02_first_burst_end` and again in {glue:text}`nb02_last_signed`. Grey bars
# join dates the sources dispute; where the dates lie days or months apart the bar hides
# under the markers, so every dispute is listed in "Where the sources disagree".
# {glue:text}`nb02_undated` {glue:text}`nb02_proposals`

# %%
gp.undated(milestones, chosen)

# %% [markdown]
# ## 2. What the partners contributed to NATO-led operations
#
# The partnerships were built in Afghanistan. The sources report contributions in different
# currencies: troops (Australia, New Zealand, the Republic of Korea, Singapore, Mongolia,
# Malaysia), money and reconstruction (Japan), and naval patrols against piracy. Troop
# figures from the compiled press snapshots are flagged as *press-reported*: they come from
# news factboxes and NATO news pages, are rounded, and are not official figures of ISAF, the
# NATO-led International Security Assistance Force in Afghanistan.

# %%
troops = gp.troop_figures(contributions, chosen)
glue("nb02_n_contributions", len(contributions), display=False)
glue("nb02_n_press", int(contributions["press_reported"].sum()), display=False)
assert (contributions.loc[contributions["press_reported"], "source_id"]
        == "isaf_press_snapshots").all()
glue("nb02_troop_peaks", gp.describe_troop_peaks(troops, chosen, names), display=False)
all_troops = gp.troop_figures(contributions, CLAIM_PARTNERS)
aus = all_troops[all_troops["partner_iso3"] == "AUS"]
main_peaks = gp.troop_peaks(all_troops).set_index("partner_iso3")
peaks = main_peaks["peak"]
assert peaks.index[0] == "AUS" and "JPN" not in peaks.index  # Japan: no troop figure at all
# Discussion question 4: Korea's peak tops New Zealand's in one and the same snapshot.
assert peaks["KOR"] > peaks["NZL"] and main_peaks.loc["KOR", "figures"] == 1
assert main_peaks.loc["KOR", "date"] == main_peaks.loc["NZL", "date"] == "2010-11"
assert gp.troop_figures(contributions, ["JPN"]).empty
# The caption below: the inferred dates are exactly those of the November 2010 figures.
assert set(contributions.loc[contributions["date_basis"] == "inferred", "date"]) == {"2010-11"}
glue("nb02_aus_2008", int(aus.loc[aus["date"] == "2008-09", "troops"].iloc[0]), display=False)
glue("nb02_aus_max", int(peaks["AUS"]), display=False)
glue("nb02_aus_ratio", round(peaks["AUS"] / peaks.iloc[1]), display=False)
fig = gp.plot_troops(
    troops, names,
    source=f"partner_contributions.csv: {sources.cite_many(['weinrod2008'])} (filled) and "
           "ISAF troop snapshots reported in the press, compiled for the project (hollow; "
           "AFP, NATO news, a blog). Dates of the November 2010 figures are inferred.")
plt.show()

# %% [markdown]
# {glue:text}`nb02_troop_peaks` Each figure is one report on one date, so the peaks of
# different partners need not coincide. Among the four main partners, Australia's contingent
# was by far the largest: about {glue:text}`nb02_aus_2008:,d` in 2008 and up to
# {glue:text}`nb02_aus_max:,d` later, some {glue:text}`nb02_aus_ratio` times the highest
# figure reported for any of the other three. Japan sent money, built roads and refuelled US
# forces instead: no source gives it a troop figure. {glue:text}`nb02_kinds_intro`

# %%
kinds = gp.contribution_kinds(contributions, chosen).rename(index=names)
glue("nb02_kinds_intro", Plain(
    "The next table counts each chosen partner's contributions by kind." if len(kinds) else
    "No contribution of the chosen partners is recorded, so the next table is empty."),
    display=False)
kinds

# %% [markdown]
# Of the {glue:text}`nb02_n_contributions` contribution rows, {glue:text}`nb02_n_press` are
# press-reported troop figures. The table counts rows, not effort: each row is one kind of
# contribution in one report, so a partner that several sources mention appears larger than
# one mentioned once.

# %% [markdown]
# ## 3. What constrains the partnerships: the document x constraint matrix
#
# Every constraint the five documents name was coded once per document, with the paragraph
# that states it (`constraints.csv`; the codebook is `data/CODEBOOK_constraints.md`). Two
# codes matter here. **Side** says who imposes the limit: NATO's institutions, the Allies,
# the United States, the partners, or an *external* actor (chiefly China). **Category** says
# how the limit works: resources, consensus, strategy, geography and access, partner
# capacity and interest, coordination, competing frameworks, and so on. The matrix counts
# the constraints each author names, documents ordered by date.

# %%
matrix = gp.constraint_matrix(constraints, doc_ids)
labels = dict(zip(documents["source_id"], documents["label"], strict=True))
glue("nb02_n_constraints", len(constraints), display=False)
glue("nb02_n_categories", count_noun(int((matrix.sum(axis=1) > 0).sum()), "category",
                                     "categories"), display=False)
assert int(matrix.to_numpy().sum()) == len(constraints)
by_side = gp.constraint_matrix(constraints, doc_ids, by="side")
assert by_side["weinrod2008"].idxmax() == "partners" and by_side["grand2024"].idxmax() == "allies"
assert int(by_side.loc["united_states"].sum()) == 2
nato_side = by_side.loc[["nato_institutions", "allies", "united_states"]].sum()
other_side = by_side.loc[["partners", "external"]].sum()
assert (nato_side[["galic2021", "grand2024"]] > other_side[["galic2021", "grand2024"]]).all()
rows_per_doc = by_side.sum()
for doc in ("weinrod2008", "galic2021", "grand2024"):
    glue(f"nb02_rows_{doc}", int(rows_per_doc[doc]), display=False)
    glue(f"nb02_nato_side_{doc}", int(nato_side[doc]), display=False)
glue("nb02_partner_side_weinrod2008", int(by_side.loc["partners", "weinrod2008"]),
     display=False)
assert (constraints["locator"].str.split(":").str[0] == constraints["source_id"]).all()
fig = plotting.heatmap(
    matrix.rename(columns=labels),
    title="Constraints on NATO's Asian partnerships named by each document",
    xlabel="Document (oldest first)", ylabel="Category of constraint (codebook)",
    colorbar_label="Constraints coded", source=f"constraints.csv ({len(constraints)} rows), "
    f"coded for this project from {sources.cite_many(doc_ids)}.")
plt.show()

# %% [markdown]
# The {glue:text}`nb02_n_constraints` coded constraints fall into
# {glue:text}`nb02_n_categories`. Weinrod (2008) puts the limits mostly on the
# partners' side (interest, capacity); the 2013 texts add European budgets and priorities
# and China's reaction; Galic (2021) and Grand (2024) shift the weight to NATO's own
# machinery and to the Allies: consensus, strategy, resources, leadership. The same shift is
# visible by side:

# %%
by_side.rename(columns=labels)

# %% [markdown]
# By side, Weinrod puts {glue:text}`nb02_partner_side_weinrod2008` of his
# {glue:text}`nb02_rows_weinrod2008` coded constraints on the partners' side, while Galic and
# Grand put {glue:text}`nb02_nato_side_galic2021` of {glue:text}`nb02_rows_galic2021` and
# {glue:text}`nb02_nato_side_grand2024` of {glue:text}`nb02_rows_grand2024` on the side of
# NATO, the Allies or the United States, which is singled out only twice in all. The counts
# are small, coded for this project by one coder with no second coding to measure agreement
# (the codebook's note on reliability), and come from texts of different kinds: a journal
# article in 2008, an Atlantic Council piece in 2021 and a written interview in 2024. They
# show where these authors put the limits, not a measured trend in the partnerships
# (discussion question 2).

# %% [markdown]
# ## 4. What persists from 2008 to 2024
#
# A constraint *persists* if documents written far apart name it. The table counts, for
# each category, the documents naming it (current or expected limits only: Weinrod's
# historical remarks, on the Cold War and on 1992, do not count) in the scopes that bear on
# the Asia-Pacific partnerships (the Central Asian rows belong to notebook 01). Its counts
# can therefore differ from the matrix above, which counts every coded row.

# %%
persist = gp.persistence(constraints, documents, gp.PARTNERSHIP_SCOPES)
spanning = persist[persist["spans_2008_2024"]]["category"].tolist()
glue("nb02_n_spanning", len(spanning), display=False)
glue("nb02_n_recurring", int((persist["documents"] >= 3).sum()), display=False)
assert set(persist["category"]) <= set(gp.CATEGORIES)
assert sorted(spanning) == ["competing_frameworks", "expertise", "partner_interest"]
assert {"consensus", "resources"} <= set(persist.loc[persist["first_year"] == 2013, "category"])
weinrod_consensus = constraints[(constraints["source_id"] == "weinrod2008")
                                & (constraints["category"] == "consensus")]
assert set(weinrod_consensus["scope"]) == {"central_asia"}  # as the prose below says
persist

# %% [markdown]
# Named by both the first (2008) and the last (2024) document are
# {glue:text}`nb02_n_spanning` categories: partners' limited interest, competing frameworks
# (US bilateral ties then, AUKUS and the EU now) and too little mutual expertise. In all,
# {glue:text}`nb02_n_recurring` categories recur in three or more documents, among them
# consensus among Allies and resources, named by every document from 2013 on. The limits
# that span the whole period concern what each side wants from, and knows about, the other;
# Allied consensus and NATO's resources enter this record only in 2013 (Weinrod's consensus
# row in the matrix above concerns the Central Asian republics).

# %% [markdown]
# ## 5. The claim check: do these partners outspend most Allies?
#
# Galic (2021, galic2021:¶1) claims that the armed forces of Japan, South Korea (the Republic
# of Korea) and Australia are among the most advanced anywhere and better than those of
# nearly all Allies, citing "global military rankings" without naming them. SIPRI's data
# cannot measure sophistication, but they can test a necessary condition: do these countries
# *spend* more than most Allies? Each partner is ranked on its own against the Allies of the
# chosen year, where an Ally is a member a cited source dates as in NATO by that year (ATOP's
# signature-based entry year; Finland from SIPRI's footnote). Allies with no SIPRI figure
# are left out and counted.

# %%
claim = spending.rank_among_allies(milex, crosswalk, CLAIM_PARTNERS, settings["year"],
                                   settings["metric"]).set_index("iso3")
first_year, last_year = spending.year_range(milex=milex)
glue("nb02_first_year", first_year, display=False)
glue("nb02_last_year", last_year, display=False)
glue("nb02_year", settings["year"], display=False)
glue("nb02_metric", spending.METRIC_LABELS[settings["metric"]], display=False)
glue("nb02_n_allies", int(claim["allies_with_data"].iloc[0]), display=False)
for iso3 in CLAIM_PARTNERS:
    glue(f"nb02_{iso3.lower()}_below", int(claim.loc[iso3, "allies_below"]), display=False)
assert (claim["allies_above"] + claim["allies_below"] <= claim["allies_with_data"]).all()
assert (claim["rank"] == claim["allies_above"] + 1).all()
iceland = milex[milex["iso3"] == "ISL"]  # 0 in US$, no share of GDP (the text below says so)
assert (iceland["milex_const2022_usd_m"] == 0).all() and iceland["milex_share_gdp"].isna().all()

rank_table = spending.rank_among_allies(milex, crosswalk, chosen, settings["year"],
                                        settings["metric"])
glue("nb02_year_ranks", spending.describe_year_ranks(rank_table, names), display=False)
comparison = spending.year_comparison(milex, crosswalk, chosen, settings["year"],
                                      settings["metric"])
accession_undated = crosswalk.loc[crosswalk["nato_entry_basis"] == "not_in_cited_source", "name"]
fig = spending.plot_year(comparison, settings["year"], settings["metric"],
                         source=f"{sources.cite('sipri_milex_2024')}, SIPRI Military "
                                "Expenditure Database (subset); Allies of the year dated by "
                                "ATOP v4.01 (Leeds et al. 2002) and SIPRI. Countries "
                                "without a figure are omitted; "
                                f"{join_words(accession_undated)} are not counted as Allies, "
                                "since no cited source dates their accession (see the "
                                "sensitivity check below).")
plt.show()

# %% [markdown]
# The chart ranks the chosen partners among that year's Allies.
# {glue:text}`nb02_year_ranks` For the four partners Galic
# discusses, chosen or not, the counts that year are these: Japan ranked above
# {glue:text}`nb02_jpn_below` of the {glue:text}`nb02_n_allies` Allies with data, the
# Republic of Korea above {glue:text}`nb02_kor_below`, Australia above
# {glue:text}`nb02_aus_below` and New Zealand above {glue:text}`nb02_nzl_below`. The table
# gives each chosen partner's rank as if it were one more Ally. The set of Allies compared is
# not quite the same in the two measures: Iceland, which has no standing military and so no
# military expenditure (`file:sipri_milex/sipri_milex_footnotes.csv;footnote:86`), enters
# the US$ comparison at 0 and so is always among the Allies a partner outspends, while as a
# share of GDP it has no figure and is left out.

# %%
flagged = spending.rank_among_allies(milex, crosswalk, chosen, settings["year"],
                                     settings["metric"], include_flagged=True)
rank_table["rank_if_flagged_members_counted"] = flagged["rank"].to_numpy()
unflagged = crosswalk["nato_entry_basis"] == "not_in_cited_source"
assert sorted(crosswalk.loc[unflagged, "iso3"]) == ["MKD", "SWE"]  # named in the text below
spending.shown_ranks(rank_table, names)

# %% [markdown]
# The last column is a sensitivity check. The crosswalk flags North Macedonia and Sweden:
# both entered NATO after ATOP's data end (2016) and no data file staged here dates their
# accession (the staging notes mention North Macedonia as a member from 2020 in passing,
# without a source), so the main ranks leave them out. Counting them as Allies in every
# year (an upper bound on their effect) moves a rank by at most the number of them that
# outspend the partner.
#
# One year is a snapshot. The next figure repeats the comparison for every year from
# {glue:text}`nb02_first_year` to {glue:text}`nb02_last_year`, as the share of that year's
# Allies each partner outspends.

# %%
ranks = spending.ranks_over_time(milex, crosswalk, chosen, settings["metric"])
glue("nb02_rank_series", spending.describe_rank_series(ranks, names), display=False)
fig = spending.plot_ranks(ranks, names, settings["metric"],
                          source=f"{sources.cite('sipri_milex_2024')} (subset); Allies of "
                                 "each year dated by ATOP v4.01 (Leeds et al. 2002) and SIPRI.")
plt.show()

# %% [markdown]
# {glue:text}`nb02_rank_series` Whether a partner outspends most Allies also depends on the
# measure: the table summarises both measures, US$ and share of GDP, for the four partners
# Galic discusses, whatever the parameters.

# %%
n_years = last_year - first_year + 1
summary = spending.claim_summary(milex, crosswalk, CLAIM_PARTNERS)
usd = summary[summary["metric"] == "constant_usd"].set_index("iso3")
gdp = summary[summary["metric"] == "share_gdp"].set_index("iso3")
three_min = float(usd.loc[["JPN", "KOR", "AUS"], "min_share_below"].min())
glue("nb02_three_min_usd", round(100 * three_min), display=False)
glue("nb02_jpn_max_gdp", round(100 * float(gdp.loc["JPN", "max_share_below"])), display=False)
glue("nb02_nzl_max_usd", round(100 * float(usd.loc["NZL", "max_share_below"])), display=False)
jpn_gdp = float(milex.loc[milex["iso3"] == "JPN", "milex_share_gdp"].max())
glue("nb02_jpn_gdp_pct", round(100 * jpn_gdp, 1), display=False)
claim_flags = spending.flagged_values(milex, "constant_usd")
glue("nb02_claim_flags", spending.describe_flagged(
    claim_flags[claim_flags["iso3"].isin(CLAIM_PARTNERS)], names), display=False)
# Key results (ThinkStats style): they fail loudly if the data change.
assert (usd.loc[["JPN", "KOR", "AUS"], "years_outspending_most"] == n_years).all()
assert usd.loc["NZL", "years_outspending_most"] == 0
assert gdp.loc["JPN", "years_outspending_most"] == 0
assert (gdp.loc[["KOR", "AUS"], "years_outspending_most"] == n_years).all()
summary.assign(name=summary["iso3"].map(names),  # shares as whole per cent, as in the text
               **{f"{end} % of Allies below": (100 * summary[f"{end}_share_below"]).round()
                  .astype("Int64") for end in ("min", "max")}).set_index(
    ["metric", "name"]).drop(columns=["iso3", "min_share_below", "max_share_below"])

# %% [markdown]
# In constant dollars the spending condition holds for the three countries Galic names: in
# every year from {glue:text}`nb02_first_year` to {glue:text}`nb02_last_year` each outspent
# at least {glue:text}`nb02_three_min_usd`% of the Allies of that year, and New Zealand,
# which Galic leaves out, never more than {glue:text}`nb02_nzl_max_usd`%. As a share of GDP
# the picture splits: the Republic of Korea and Australia still outspend most Allies every
# year, but Japan never outspent more than {glue:text}`nb02_jpn_max_gdp`% of them (its
# spending never exceeded {glue:text}`nb02_jpn_gdp_pct`% of GDP in these years). Japan's
# rank comes from the size of its economy, not from its defence effort.
#
# Not every figure is a measurement. {glue:text}`nb02_claim_flags` The `years_flagged` column
# counts them, and the rank chart draws a partner's flagged years with hollow markers. The
# Allies' flagged figures enter the ranks too, unmarked; section 6 lists them.

# %% [markdown]
# ## 6. Spending is not sophistication
#
# The check above is necessary, not sufficient. Money buys capability only through what it
# is spent on, and the data cannot see that:
#
# - **Inputs, not outputs.** SIPRI measures expenditure. Training, equipment quality,
#   readiness, combat experience and the ability to work with Allied forces are not in it;
#   Galic's claim is about sophistication, which needs evidence of those.
# - **Prices and exchange rates.** Constant 2022 US$ at market exchange rates make a
#   soldier in a low-wage country look cheap; the same dollar buys different amounts of
#   force in Seoul, Warsaw and Washington.
# - **Definitions differ by country.** SIPRI's notes say Japan's figures leave out military
#   pensions (footnote 56), the Republic of Korea's leave out three special funds (footnote
#   58), the US figures are for its fiscal year (footnote 44) and Iceland, with no armed
#   forces, has no military spending (footnote 86; SIPRI enters 0 in US$ and no share of
#   GDP).
#   Locators: `file:sipri_milex/sipri_milex_footnotes.csv;footnote:N`.
# - **Where the money goes.** A budget spent on defending one's own territory (the Republic
#   of Korea faces North Korea, chan2013:¶4) says little about forces able to act with NATO
#   far away.
# - **Unnamed rankings.** The rankings Galic cites are not identified, so their method
#   cannot be checked; composite indices of "military strength" mix spending with counts of
#   equipment and personnel.
#
# SIPRI marks missing figures with codes rather than leaving them blank. The subset keeps
# them for each measure; these are the gaps among the countries in this notebook:

# %%
share = spending.subset_share(milex)
glue("nb02_share_cells", round(100 * float(share["cells"]), 1), display=False)
assert share["cells"] < 0.10 and share["rows"] < 0.10
gaps = spending.missing_codes(milex)
assert set(gaps["iso3"]) == {"AFG", "IRQ", "ISL", "MNE"} and set(gaps["code"]) == {"..."}
assert set(gaps.loc[gaps["iso3"] == "MNE", "which"]) == {"2000–2004"}
gaps

# %% [markdown]
# Only Afghanistan, Iraq, Montenegro (before 2005) and Iceland (share of GDP) have gaps, all
# coded `...` (data unavailable); none touches the four main partners. The shipped subset
# is {glue:text}`nb02_share_cells`% of the SIPRI table's data cells.
#
# SIPRI also marks figures it is not sure of, by colour in its workbook: blue for its own
# estimates, red for highly uncertain data. The staged long table drops the colours, so
# the subset reads them from the workbook and keeps them per measure (`flag_const2022_usd`,
# `flag_share_gdp`), and the charts above draw the flagged figures they show hollow. These
# are all the flagged figures of the subset in the chosen measure, most of them in no chart
# at the default parameters: a member counts as an Ally only from its entry year, and
# Afghanistan, Iraq and Pakistan appear only if chosen as partners.

# %%
flags = spending.flagged_values(milex, settings["metric"])
which = flags.set_index(["iso3", "flag"])["which"]
assert set(flags.loc[flags["flag"] == "uncertain", "iso3"]) == {"IRQ"}  # named below
assert which["IRQ", "uncertain"] == "2004–2023" and which["TUR", "estimate"] == "2020–2023"
glue("nb02_n_flagged_countries", number_word(flags["iso3"].nunique()), display=False)
glue("nb02_n_flagged_figures", int(flags["years"].sum()), display=False)
flags.assign(country=flags["iso3"].map(names)).set_index("country").drop(
    columns="iso3").sort_index()

# %% [markdown]
# In all, {glue:text}`nb02_n_flagged_figures` figures of {glue:text}`nb02_n_flagged_countries`
# countries carry a flag. Türkiye's figures for 2020 to 2023 are SIPRI estimates, so the
# one-year chart draws Türkiye hollow at the default year. Iraq's figures from 2004 on are
# all highly uncertain: rerun with Iraq among the partners and its rank rests on them.

# %% [markdown]
# ## 7. The ladder of exercise options
#
# Galic (galic2021:¶4) sets out what it would take to bring NATO exercises within reach of
# the Asia-Pacific partners, from sending observers to holding formal NATO exercises outside
# Europe, and which NATO bodies would have to approve each step.

# %%
glue("nb02_n_rungs", number_word(len(ladder) - 1), display=False)
assert ladder["rung"].is_monotonic_increasing
ladder.set_index("rung")[["option", "needs_military_committee",
                          "needs_north_atlantic_council", "approval", "assessment"]]

# %% [markdown]
# The {glue:text}`nb02_n_rungs` rungs above the status quo trade ambition against the
# approvals needed: the higher the rung, the more NATO bodies must agree, and the top rung
# needs the consensus of every Ally in the North Atlantic Council. The rungs above the
# status quo run one way: the first sends NATO observers to the partners' exercises. Three
# years later Grand counts cross-participation in exercises, mostly by observers and experts,
# among the ways the partnership can grow (grand2024:¶8). He also warns that few Allies have
# the means to be more than symbolically present in the Indo-Pacific, and that this holds
# back NATO's part in exercises (grand2024:¶10).

# %% [markdown]
# ## Where the sources disagree
#
# **Dates.** Rows that date one milestone differently share a conflict group and are kept
# side by side:

# %%
date_conflicts = gp.conflicts(milestones, "milestone_id", ["instrument", "date", "date_basis"])
glue("nb02_n_date_conflicts", count_noun(date_conflicts["conflict_group"].nunique(),
                                         "conflict group"), display=False)
date_conflicts

# %% [markdown]
# - When NATO–Japan contacts began: 1992 (weinrod2008:¶9), "the early 1990s"
#   (jamestown2013:¶4), or about two decades before 2021 (galic2021:¶1, a looser phrase
#   that may describe growth rather than a start).
# - Australia's IPCP: signed in February 2013 by NATO's own news, yet a NATO item of June
#   2012 already calls it existing.
# - The Japan declaration: signed on 15 April 2013 by both sources, while NATO's page for
#   its text is dated two days earlier: a page date, not a conflict about the event.
# - Korea's ITPP: 11 July 2023 (Yonhap) or 13 July 2023 (a CSDS policy brief), both
#   recorded in the compiled file.
#
# That makes {glue:text}`nb02_n_date_conflicts` in all.
#
# **Figures.** For New Zealand in June 2012 the press gives {glue:text}`nb02_nzl_press`
# troops and NATO "over {glue:text}`nb02_nzl_nato`":

# %%
figure_conflicts = gp.conflicts(contributions, "contribution_id",
                                ["date", "troops", "troops_qualifier"])
nzl_2012 = figure_conflicts[(figure_conflicts["partner_iso3"] == "NZL")
                            & (figure_conflicts["date"] == "2012-06-04")]
press = nzl_2012[nzl_2012["troops_qualifier"].isna()]
nato = nzl_2012[nzl_2012["troops_qualifier"] == "over"]
assert len(press) == 1 and len(nato) == 1 and figure_conflicts["conflict_group"].nunique() == 1
glue("nb02_nzl_press", int(press["troops"].iloc[0]), display=False)
glue("nb02_nzl_nato", int(nato["troops"].iloc[0]), display=False)
data.blank_missing(figure_conflicts)

# %% [markdown]
# **Interpretations.** The documents also disagree about substance:
#
# - *Are the partners keen?* Chan finds them receptive (chan2013:¶10); Grand sees little
#   appetite in New Zealand and the Republic of Korea (grand2024:¶12); Weinrod called
#   Seoul's link embryonic (weinrod2008:¶30).
# - *What did Japan give to ISAF?* Chan and the *China Brief* count Japan among ISAF's
#   contributors (chan2013:¶3, jamestown2013:¶1); Weinrod describes refuelling for US forces
#   and trust-fund money (weinrod2008:¶28). No source gives a Japanese troop figure.
# - *How will China react?* Chan warns that Beijing may read engagement as encirclement
#   (chan2013:¶5); the *China Brief* suggests NATO's thin commitment may reassure it
#   (jamestown2013:¶1); Galic argues that a broader strategy would undercut China's story
#   (galic2021:¶9).
# - *Is Asia outside NATO's remit?* Grand points to the treaty's Euro-Atlantic area
#   (grand2024:¶2); Weinrod saw NATO becoming a global security forum because threats are no
#   longer bounded by geography (weinrod2008:¶36–¶37).

# %% [markdown]
# ## Exercises
#
# 1. Rerun the notebook with `partners=["SGP", "PAK", "MNG", "MYS"]` and
#    `metric="share_gdp"` (`natoasia run 02 --student -p partners '[SGP, PAK, MNG, MYS]'
#    -p metric share_gdp`; see the README). Which of these partners outspend most Allies in 2020 as a share of
#    GDP, and which do in constant dollars?
# 2. In how many years from {glue:text}`nb02_first_year` to {glue:text}`nb02_last_year` did
#    the Republic of Korea and Australia each rank among the top five spenders if it were an
#    Ally, in constant dollars? Which Allies stay ahead of them? (Japan's count can be read off the
#    claim summary of section 5: how?)
# 3. Re-code grand2024:¶13 yourself with the codebook (`data/CODEBOOK_constraints.md`), then
#    compare your rows with the table. The paragraph is the last one of Grand's written
#    interview, the end of his answer to its third question. Its text is not shipped with these notebooks; read it at the address
#    the next cell prints from the bibliography. Where do you differ from our coding, and
#    which codebook rule decided? Offline, work from the coded rows instead: hide their
#    `side` and `category` columns, code each paraphrase yourself, then compare.
# 4. ATOP dates NATO entry at the signature of the accession protocol. Which Allies enter
#    the comparison in 2003 on that basis? Recompute the 2003 ranks as if they counted only
#    from the following year, and the 2023 ranks with the flagged members counted.

# %%
# For exercise 3: where to read Grand's interview (the entry in data/references.bib)
print(sources.reference("grand2024"))

# %% tags=["solution"]
# Exercise 1: other partners, both measures, 2020
others = ["SGP", "PAK", "MNG", "MYS"]
others_2020 = {measure: spending.rank_among_allies(milex, crosswalk, others, 2020,
                                                   measure).set_index("iso3")
               for measure in spending.METRICS}
display(pd.concat({spending.METRIC_LABELS[measure]: table[["rank", "allies_with_data",
                                                           "outspends_most_allies"]]
                   for measure, table in others_2020.items()}, axis=1))
for measure, table in others_2020.items():
    most = table.index[table["outspends_most_allies"]]
    print(f"Outspend most Allies in 2020 {spending.METRIC_PHRASES[measure]}:",
          join_words([gp.in_sentence(names[c]) for c in most], empty="none of them") + ".")

# %% tags=["solution"]
# Exercise 2: years in the top five, and which Allies stay ahead, over every year
pair = ["KOR", "AUS"]
top = spending.ranks_over_time(milex, crosswalk, pair, "constant_usd")
top5 = top[top["rank"] <= 5].groupby("iso3")["year"].apply(list)
ahead = spending.allies_ahead(milex, crosswalk, pair, "constant_usd")
display(ahead.assign(partner=ahead["iso3"].map(names), ally=ahead["ally"].map(names))
        .set_index(["partner", "ally"]).drop(columns="iso3"))
for iso3 in pair:
    mine, years = ahead[ahead["iso3"] == iso3], top5.get(iso3, [])
    always = [gp.in_sentence(names[c]) for c in mine.loc[mine["every_year"], "ally"]]
    some = [f"{gp.in_sentence(names[c])} ({which})" for c, which
            in mine.loc[~mine["every_year"], ["ally", "which"]].itertuples(index=False)]
    print(f"{names[iso3]}: in the top five in {len(years)} of {n_years} years "
          f"({spending.year_spans(years) or 'none'}); ahead of it in every year: "
          f"{join_words(always, empty='none')}; only in some years: "
          f"{join_words(some, empty='none')}.")
# Japan from the claim summary of section 5 (constant US$): its worst rank over all years
# is at most five, so every year with a figure is a year in the top five.
jpn = usd.loc["JPN"]
assert jpn["worst_rank"] <= 5
assert jpn["years_with_data"] == (spending.ranks_over_time(
    milex, crosswalk, ["JPN"], "constant_usd")["rank"] <= 5).sum()
print(f"Japan: worst rank {jpn['worst_rank']} (best {jpn['best_rank']}) in the claim summary, "
      f"so in the top five in all {jpn['years_with_data']} years with a figure.")

# %% tags=["solution"]
# Exercise 3: the coded rows for grand2024:¶13 (compare with your own coding)
coded = constraints[constraints["locator"] == "grand2024:¶13"]
display(coded[["side", "category", "paraphrase"]])
categories = coded["category"].value_counts(sort=False)
print(f"Our coding: {count_noun(len(coded), 'row')} (rule 1: one per distinct constraint), "
      f"side {join_words(sorted(set(coded['side'])), 'or')}; categories "
      + join_words(f"{c} ({n})" if n > 1 else c for c, n in categories.items()) + ".")

# %% tags=["solution"]
# Exercise 4: signature-year dating and the flagged members
entering = sorted(set(spending.allies_in_year(crosswalk, 2003))
                  - set(spending.allies_in_year(crosswalk, 2002)))
print("Enter in 2003 (signature basis):", join_words(names[c] for c in entering) + ".")
later = crosswalk.copy()
later.loc[later["iso3"].isin(entering), "nato_entry_year"] += 1
compare = pd.DataFrame({
    "2003, signature basis": spending.rank_among_allies(
        milex, crosswalk, CLAIM_PARTNERS, 2003, "constant_usd")["rank"].to_numpy(),
    "2003, one year later": spending.rank_among_allies(
        milex, later, CLAIM_PARTNERS, 2003, "constant_usd")["rank"].to_numpy(),
    "2023": spending.rank_among_allies(
        milex, crosswalk, CLAIM_PARTNERS, 2023, "constant_usd")["rank"].to_numpy(),
    "2023, flagged counted": spending.rank_among_allies(
        milex, crosswalk, CLAIM_PARTNERS, 2023, "constant_usd",
        include_flagged=True)["rank"].to_numpy(),
}, index=CLAIM_PARTNERS)
display(compare)
for label, base, other in [("2003, counting them from 2004", "2003, signature basis",
                            "2003, one year later"),
                           ("2023, counting the flagged members", "2023",
                            "2023, flagged counted")]:
    moved = compare.index[compare[base] != compare[other]]
    changes = [f"{gp.in_sentence(names[c])} from {compare.loc[c, base]} to "
               f"{compare.loc[c, other]}" for c in moved]
    print(f"{label}: {join_words(changes, empty='no rank changes')}.")

# %% [markdown]
# ## Discussion questions
#
# 1. Galic's claim rests on unnamed "global military rankings". What would a ranking have
#    to measure to support the word *sophisticated*, and could any single number do it?
# 2. The constraints that persist from 2008 to 2024 are about what each side wants and
#    knows, while Allied consensus and NATO's resources enter the record only in 2013. Is
#    that a change in the partnerships, or in who was writing about them and for whom?
# 3. (After Exercise 3, whose paragraph it cites.) Galic treats the lack of consensus among
#    Allies as the root problem (galic2021:¶5–¶6); Grand describes Allies who agree in public
#    and doubt in private (grand2024:¶13). Is consensus a cause or a symptom?
# 4. The troop figure in section 2 mixes rounded figures from a seed document with press
#    snapshots taken on different dates, some with an inferred month. Which comparisons
#    between partners can it support (who sent most, whether a contingent grew), and which
#    would need official ISAF data? Would you rank the Republic of Korea above New Zealand
#    on the strength of one November 2010 snapshot?
# 5. Galic's first rung above the status quo sends NATO observers to the partners'
#    exercises; Grand writes of cross-participation, mostly by observers and experts, and of
#    few Allies able to be more than symbolically present. Is observing a starting point, as
#    Galic hoped, or where the partnership settles?
#
# ## Summary
#
# The partnerships grew from dialogues and visits in the 1990s through the Afghanistan
# years to signed programmes from {glue:text}`nb02_first_signed` to
# {glue:text}`nb02_first_burst_end` and tailored programmes in {glue:text}`nb02_last_signed`;
# several dates are disputed and are shown as such. The five documents name many
# constraints; in our coding, those on the Allied and NATO side (consensus, resources,
# strategy) dominate after 2013, but the ones named in both 2008 and 2024 concern the
# partners' interest, rival frameworks and mutual knowledge. In spending, Japan, the
# Republic of Korea and Australia outspent most Allies in every year from
# {glue:text}`nb02_first_year` to {glue:text}`nb02_last_year` in constant dollars; as a share
# of GDP, Japan never outspent more than {glue:text}`nb02_jpn_max_gdp`% of them. Spending
# supports the premise of Galic's claim, not its conclusion about sophistication.
#
# **What next:** [China and NATO](03_china_engagement.ipynb) takes up the external constraint that
# runs through these documents; [Central Asia logistics](01_central_asia_logistics.ipynb) covers
# the Partnership for Peace partners left out here.
#
# ## References

# %%
used = doc_ids + ["nato_partnership_milestones", "isaf_press_snapshots", "sipri_milex_2024",
                  "leeds2002", "cow2017", "natural_earth_v4", "okabe2008"]
sources.References(used)  # a list with links on the site
