# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Central Asia and the supply of NATO forces in Afghanistan
#
# Afghanistan has no coast. For most of the war some 90 per cent of the supplies of the
# international force arrived by ship at Karachi and went on by truck across Pakistan
# (`row:AFGLOG-018`). When that line was threatened,
# and again when Pakistan shut it from November 2011 to July 2012, the alliance leaned on
# routes through Russia, the Caucasus and the five Central Asian republics, states it had
# drawn into its partnership programmes since the early 1990s. This notebook puts the two
# halves of that story side by side. It first lays out, state by state, the forms of
# cooperation our sources record. It then builds the supply routes as a network from sourced
# facts, prices them under openly stated assumptions, and closes countries one and two at a
# time to see which closures raise the cost and which leave no route at all.
#
# **The question.** Which routes into Afghanistan existed, how long and how costly was each
# under stated assumptions, what happens when a country or a crossing closes, and on which
# states did NATO's supply depend most?

# %% [markdown]
# ## Learning objectives
#
# After working through this notebook you will be able to:
#
# - name the kinds of cooperation (partnership, transit, overflight, basing, training,
#   science) the Central Asian states, Afghanistan, Pakistan and Russia had with NATO, and
#   say which rest on a named statement and which on a statement about the region as a whole;
# - read a transport network built from sources: what each node and link stands on, and which
#   numbers are **assumptions** rather than facts;
# - compute cheapest routes, country-disjoint routes and each country's criticality with
#   `networkx`, and explain why every result is **relative**;
# - set the model's output against reported route lengths and cost ratios, and explain why
#   the reports disagree with each other and with the model.
#
# ## Prerequisites and time
#
# | Concept | Importance | Notes |
# | --- | --- | --- |
# | Reading a pandas DataFrame | Helpful | Tables are shown ready-made |
# | Shortest paths in a weighted graph (Dijkstra) | Helpful | Explained where it is used |
# | NATO's partnership frameworks (NACC/EAPC, PfP) | Helpful | Glossed in section 1 |
# | Map reading: great-circle distance | Helpful | Distances are on a sphere; see section 2 |
#
# *Time to work through:* about 45 minutes; 90 with the exercises.
#
# ## Sources
#
# - Weinrod (2008), the seed document that covers Central Asia: the cooperation table cites
#   its paragraphs as `weinrod2008:¶N`. Its text is not reproduced here.
# - *NATO–Asia partnership milestones* (compiled for the project from NATO's pages): the
#   Partnership for Peace dates.
# - *Supply routes into Afghanistan, 2001–2015* (compiled for the project from official
#   documents, wire services and specialist outlets, one row per fact per source): every
#   node and link of the network, cited as `row:AFGLOG-nnn`. Its README ranks kinds of source;
#   that ranking is carried into the `source_strength` column, and a weak source (a blog, a
#   forum, a Wikipedia mirror) is used only where a stronger row backs it.
# - Natural Earth (v4.0.0, public domain): country outlines and the coordinates of places.

# %% tags=["parameters"]
origin = "western_europe"  # a node_id of logistics_nodes
destination = "Afghanistan"  # "Afghanistan" (any point of entry) or a node_id
closed_countries = []  # countries closed to transit, e.g. ["Pakistan"]
closed_nodes = []  # nodes closed, e.g. ["termez"] (the Friendship Bridge)
mode_costs = {"sea": 0.1, "ferry": 0.3, "rail": 0.5, "road": 1.0, "air": 5.0}  # per tonne-km
circuity = {"sea": 1.1, "ferry": 1.1, "rail": 1.25, "road": 1.3, "air": 1.05}  # >= 1

# %%
from natoasia.params import validate_central_asia_logistics

settings = validate_central_asia_logistics(
    origin=origin, destination=destination, closed_countries=closed_countries,
    closed_nodes=closed_nodes, mode_costs=mode_costs, circuity=circuity)

# %%
import matplotlib.pyplot as plt
import pandas as pd
from myst_nb import glue

from natoasia import data, geo, logistics, plotting, sources

plotting.use_house_style()
pd.set_option("display.max_colwidth", 70)
pd.set_option("display.precision", 2)


class Plain(str):
    """Text glued into prose without quotation marks."""

    def __repr__(self) -> str:
        return str(self)


def listing(items) -> Plain:
    items = list(items)
    return Plain(", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else
                 "".join(items) or "none")


cooperation = data.load("central_asia_cooperation")
network = logistics.load_network()
facts = data.load("logistics_facts")
assumptions = data.load("logistics_assumptions")
graph = logistics.build_graph(network, settings["mode_costs"], settings["circuity"])
ORIGIN, DEST = settings["origin"], settings["destination"]

# %% [markdown]
# ## 1. Why Central Asia mattered: cooperation by state
#
# When the Soviet Union broke up, NATO offered its successor states two frameworks: the
# North Atlantic Cooperation Council (NACC, from 1992; later the Euro-Atlantic Partnership
# Council, EAPC) for dialogue, and the Partnership for Peace (PfP), which the Central Asian
# states began to sign in 1994, for practical military cooperation chosen by each partner.
# After 2001 the same states were asked for something more concrete: the right to fly over
# them, to base aircraft, and to move cargo across their territory. The table
# `central_asia_cooperation` records each kind of cooperation per state with the source that
# reports it. The matrix shows the first year a source gives for each cell.

# %%
years, labels = logistics.cooperation_matrix(cooperation)
n_states = int((labels != "").any(axis=1).sum())
n_cells = int((labels != "").to_numpy().sum())
n_collective = int(labels.apply(lambda col: col.str.contains("†")).to_numpy().sum())
glue("nb01_coop_rows", len(cooperation), display=False)
glue("nb01_coop_cells", n_cells, display=False)
glue("nb01_coop_collective", n_collective, display=False)
assert n_states == len(logistics.STATES) and n_cells <= len(cooperation)

fig = plotting.year_matrix(
    years, labels,
    title="Cooperation with NATO by state and kind: first year a source gives",
    xlabel="Kind of cooperation", ylabel="State",
    colorbar_label="First year (earliest in-place row)",
    source=f"central_asia_cooperation.csv ({len(cooperation)} rows) from Weinrod (2008), the "
           "NATO–Asia partnership milestones and the supply-route facts compiled for the project. "
           "* sources disagree on the date; † stated for the Central Asian states as a group.",
)
plt.show()

# %% [markdown]
# The matrix has {glue:text}`nb01_coop_cells` filled cells drawn from
# {glue:text}`nb01_coop_rows` sourced rows. The Central Asian states share the early
# political frameworks (NACC from 1992, PfP from 1994, except Tajikistan in 2002), but the
# practical help that mattered for Afghanistan (basing, overflight and transit) is uneven:
# Uzbekistan, Kyrgyzstan and Tajikistan hosted air bases, Kazakhstan, Uzbekistan, Tajikistan
# and Kyrgyzstan carried cargo by rail or road, and Turkmenistan, beyond its entry into the
# PfP, appears only in statements about the region as a whole.
# {glue:text}`nb01_coop_collective` cells rest only on such collective statements (marked †)
# and say less about any one state than they seem to.

# %% [markdown]
# ## 2. The supply routes as a network
#
# Each **node** is a sea port, a border crossing, an air base or a hub; each **link** is one
# leg in the direction cargo moved, with a mode (sea, rail, road, air or ferry) and a route
# family. Every node and link cites its source: a row of the compiled route facts
# (`locator`), with stronger rows that back it (`backing`) wherever that row comes from a weak
# source; the sea-lane waypoints cite Natural Earth, since they are geography.
#
# Node positions are the coordinates of Natural Earth populated places. Several nodes (border
# crossings, air bases, the Caspian port of Aktau) are not in Natural Earth; no staged source
# gives their coordinates, so each stands at the nearest Natural Earth place and its
# `position_basis` says so. Link lengths are great-circle distances on a sphere of radius
# 6,371.0088 km (the haversine formula), later multiplied by a circuity factor per mode.

# %%
nodes, links = network.nodes, network.links
glue("nb01_n_nodes", len(nodes), display=False)
glue("nb01_n_links", len(links), display=False)
stand_ins = nodes[nodes["position_basis"] == "nearest_natural_earth_place"]
glue("nb01_n_stand_ins", len(stand_ins), display=False)
baseline = logistics.cheapest_route(graph, ORIGIN, DEST, settings["closed_countries"],
                                    settings["closed_nodes"])
assert baseline is not None  # the validation cell has already checked reachability

fig = geo.plot_network(
    nodes, links,
    title="Supply routes into Afghanistan by route family, with the cheapest route shaded",
    source=f"logistics_nodes.csv and logistics_links.csv ({len(nodes)} nodes, {len(links)} "
           "links) from the supply-route facts compiled for the project; boundaries and places: "
           f"{sources.cite('natural_earth_v4')}. Links drawn as great circles; "
           "positions of crossings and air bases approximate (see position_basis).",
    route=list(baseline.nodes), highlight=logistics.STATES[:7],
    label_offsets=logistics.LABEL_OFFSETS,
)
plt.show()

# %% [markdown]
# The map shows {glue:text}`nb01_n_nodes` nodes and {glue:text}`nb01_n_links` links in five
# families beside the sea approach: the Pakistan routes from Karachi, the northern route by
# rail from Riga through Russia, Kazakhstan and Uzbekistan, the Caucasus route across the
# Caspian, the branch through Kyrgyzstan and Tajikistan, and airlift. Every surface route
# except Pakistan's crosses Kazakhstan. The {glue:text}`nb01_n_stand_ins` nodes placed at
# a stand-in place are listed below, with what that does to distances.

# %%
stand_ins[["node_id", "name", "country", "ne_place", "position_note"]].set_index("node_id")

# %% [markdown]
# Most stand-ins are within tens of km of the real site; Termez shares Mazar-e Sharif's
# position (so the Friendship Bridge leg has zero length) and Aktau sits at Atyrau, which
# lengthens the Caspian and Kazakh legs.

# %% [markdown]
# ## 3. What the model assumes
#
# No staged source gives a cost per tonne-km for any mode, or the true length of each leg.
# Those numbers are therefore **assumptions**, listed in one table with their rationale and
# exposed as the parameters `mode_costs` and `circuity`. Costs are in relative units: one
# unit is the cost of moving one tonne one kilometre by road. **Every cost in this notebook
# is relative**: it can say that one route costs about twice another under these
# assumptions, never what a route cost in dollars.

# %%
shown = logistics.assumptions_table(assumptions, settings["mode_costs"], settings["circuity"])
shown[["assumption_id", "parameter", "key", "default_value", "value_used", "unit",
       "statement"]].set_index("assumption_id")

# %% [markdown]
# The table lists all {glue:text}`nb01_n_assumptions` assumptions: ten numbers that are
# parameters of this notebook and seven modelling rules (sea lanes, open straits, great-circle
# flights, stand-in positions, the border as the end point, no fees or capacity limits, a
# single origin). The rationale for each, and what it is set against, is in the data file.

# %%
glue("nb01_n_assumptions", len(assumptions), display=False)
assert set(assumptions.loc[assumptions["parameter"] == "mode_costs", "key"]) == set(
    logistics.MODES)

# %% [markdown]
# ## 4. How long and how costly is each route?
#
# A *corridor* here is one named route from the origin to a point of entry into
# Afghanistan, fixed node by node. The table gives each corridor's modelled length, its cost
# in relative units, the cost as a multiple of the cheapest corridor (`cost_index`) and the
# countries it needs. Corridors start at the default origin.

# %%
corridors = logistics.corridor_table(graph, closed_countries=settings["closed_countries"])
cheapest = corridors.iloc[0]
glue("nb01_cheapest_corridor", Plain(cheapest["corridor"]), display=False)
north = corridors.set_index("corridor").loc["Northern: Riga–Russia–Kazakhstan–Uzbekistan"]
pak = corridors.set_index("corridor").loc["Pakistan via Chaman"]
air = corridors.set_index("corridor").loc["Air to Bagram"]
glue("nb01_north_vs_pak", Plain(f"{north['cost'] / pak['cost']:.1f}"), display=False)
glue("nb01_air_vs_pak", Plain(f"{air['cost'] / pak['cost']:.0f}"), display=False)
assert (corridors["cost_index"] >= 1).all() and corridors["cost_index"].min() == 1
corridors[["corridor", "entry", "length_km", "cost", "cost_index", "countries", "open"]].round(
    {"length_km": 0, "cost": 0, "cost_index": 2}).set_index("corridor")

# %% [markdown]
# Before any closure, and under the stated assumptions, the cheapest corridor is
# {glue:text}`nb01_cheapest_corridor` (the `open` column marks corridors that cross a country
# closed in the parameters).
# The northern rail route costs {glue:text}`nb01_north_vs_pak` times the Pakistan route via
# Chaman, although it is only about half as long, because most of the Pakistan route is by
# sea, the cheapest mode; airlift to Bagram costs about {glue:text}`nb01_air_vs_pak` times as
# much as the Pakistan route.
#
# Are the modelled lengths reasonable? The sources report a few lengths, and they do not
# agree with each other. The comparison below sets them beside the model (ground legs only,
# with the default circuity unless you changed it).

# %%
def leg_km(path):
    return logistics.path_route(graph, path).length_km


length_check = pd.DataFrame([
    {"leg": "Riga to the Afghan border at Termez (rail)",
     "modelled_km": leg_km(["riga", "moscow", "samara", "termez"]),
     "reported": "about 4,000 km", "locator": "row:AFGLOG-048"},
    {"leg": "Karachi to Kabul via Torkham (road)",
     "modelled_km": leg_km(["karachi", "torkham", "kabul"]),
     "reported": "2,000 km (blog); 1,200 miles ≈ 1,930 km (contributor post)",
     "locator": "row:AFGLOG-001; row:AFGLOG-002"},
    {"leg": "Karachi to Chaman (road)", "modelled_km": leg_km(["karachi", "chaman"]),
     "reported": "1,089 km itinerary (leg not stated)", "locator": "row:AFGLOG-026"},
])
glue("nb01_riga_km", Plain(f"{length_check['modelled_km'].iloc[0]:,.0f}"), display=False)
glue("nb01_karachi_kabul_km", Plain(f"{length_check['modelled_km'].iloc[1]:,.0f}"),
     display=False)
length_check.round({"modelled_km": 0}).set_index("leg")

# %% [markdown]
# The model puts the Riga–Termez rail leg at {glue:text}`nb01_riga_km` km against a wire
# report's round "4,000 km", and Karachi–Kabul at {glue:text}`nb01_karachi_kabul_km` km
# against two weak sources' 1,930 and 2,000 km. The circuity factors are plausible, not
# calibrated, and the reported lengths are themselves round numbers of uncertain scope.

# %% [markdown]
# ## 5. The cheapest route under your parameters
#
# Dijkstra's algorithm finds the cheapest path through the network given the closures in the
# parameters. The table breaks the route into legs, with each leg's share of the cost.

# %%
legs = logistics.route_table(graph, baseline)
glue("nb01_route_cost", Plain(f"{baseline.cost:,.0f}"), display=False)
glue("nb01_route_km", Plain(f"{baseline.length_km:,.0f}"), display=False)
glue("nb01_route_path", Plain(baseline.path), display=False)
assert abs(legs["cost"].sum() - baseline.cost) < 1e-6 and abs(
    legs["cost_share_pct"].sum() - 100) < 1e-6
legs.round({"great_circle_km": 0, "length_km": 0, "cost": 0, "cost_share_pct": 1})

# %% [markdown]
# With the parameters of this run the route is {glue:text}`nb01_route_path`: about
# {glue:text}`nb01_route_km` km for {glue:text}`nb01_route_cost` relative cost units.

# %% [markdown]
# ## 6. What happens when a country closes?
#
# Each scenario closes one or two countries: their nodes disappear and so does every link
# that crosses them, including flights over them. The table gives the cheapest route left,
# its cost relative to the unrestricted baseline (`cost_index`, 1 = no change) and the route
# families it uses; an empty row means Afghanistan can no longer be reached at all. The
# scenarios include the one that happened: Pakistan closed its routes from November 2011 to
# July 2012 (`row:AFGLOG-008`, `row:AFGLOG-010`).

# %%
SCENARIOS = {
    "baseline": [],
    "Pakistan closed": ["Pakistan"],
    "Uzbekistan closed": ["Uzbekistan"],
    "Russia closed": ["Russia"],
    "Kazakhstan closed": ["Kazakhstan"],
    "Pakistan + Russia closed": ["Pakistan", "Russia"],
    "Pakistan + Uzbekistan closed": ["Pakistan", "Uzbekistan"],
    "Pakistan + Kazakhstan closed": ["Pakistan", "Kazakhstan"],
}
if settings["closed_countries"]:
    SCENARIOS["your parameters"] = settings["closed_countries"]
scenarios = logistics.scenario_table(graph, ORIGIN, SCENARIOS, DEST)
pak_closed = scenarios.set_index("scenario").loc["Pakistan closed"]
glue("nb01_pak_closed_pct", Plain(f"{pak_closed['cost_increase_pct']:.0f}"), display=False)
glue("nb01_pak_closed_families", Plain(pak_closed["families"].replace(";", ", ")),
     display=False)
singles = scenarios[scenarios["scenario"].str.endswith(" closed")
                    & ~scenarios["scenario"].str.contains(r"\+")]
glue("nb01_single_matter", listing(singles.loc[singles["cost_index"].round(9) != 1, "scenario"]
                                   .str.replace(" closed", "")), display=False)
scenarios[["scenario", "reachable", "cost", "cost_index", "length_km", "families", "path"]].round(
    {"cost": 0, "cost_index": 2, "length_km": 0}).set_index("scenario")

# %% [markdown]
# Closing Pakistan alone raises the cost of the cheapest route by
# {glue:text}`nb01_pak_closed_pct` % in the model, and the route then uses the families
# {glue:text}`nb01_pak_closed_families`. Among the single closures in the table, only
# closing {glue:text}`nb01_single_matter` raises the cost: the cheapest route does not need
# the others, whose weight shows only once Pakistan is closed.

# %% [markdown]
# ## 7. Which states did NATO depend on most?
#
# A country's **criticality** is the increase in the cost of the cheapest route when that
# country closes; a closure that leaves no route at all is marked *cut off*. The chart shows it
# twice: for each country closed on its own, and for each country closed while Pakistan is
# also closed, as in 2011–12.

# %%
alone = logistics.criticality(graph, ORIGIN, DEST)
with_pak = logistics.criticality(graph, ORIGIN, DEST, given=["Pakistan"])
no_effect = sorted(set(alone.loc[(alone["increase_pct"].fillna(1) < 1e-9) & ~alone["cut_off"],
                                 "country"]) & set(with_pak.loc[(with_pak["increase_pct"].fillna(
                                     1) < 1e-9) & ~with_pak["cut_off"], "country"]))
glue("nb01_no_effect", listing(no_effect), display=False)
glue("nb01_cut_with_pak", listing(with_pak.loc[with_pak["cut_off"], "country"]), display=False)
raising = with_pak[~with_pak["cut_off"] & (with_pak["increase_pct"] > 1e-9)]
glue("nb01_raise_with_pak", listing(f"{r.country} (+{r.increase_pct:.0f} %)"
                                    for r in raising.itertuples()), display=False)

fig = logistics.plot_criticality(
    alone, with_pak, given_label="closed while Pakistan is also closed",
    title="How much each country's closure raises the cost of supplying Afghanistan",
    source="Route model on logistics_nodes.csv and logistics_links.csv (supply-route facts "
           "compiled for the project) with the assumptions of logistics_assumptions.csv; relative "
           "costs. Countries whose closure changes nothing in either case are omitted.",
)
plt.show()

# %% [markdown]
# Closed on its own, only {glue:text}`nb01_single_matter` raises the cost. With Pakistan
# closed, closing {glue:text}`nb01_cut_with_pak` cuts every route, while closing
# {glue:text}`nb01_raise_with_pak` raises the cost. Closing any of
# {glue:text}`nb01_no_effect` changes nothing in either case: they lie only under flights or
# on routes that are never the cheapest.
#
# Another way to ask the question: how many routes are there that share no country at all,
# apart from the origin's and Afghanistan? The model finds them greedily: the cheapest route,
# then the cheapest route avoiding every country the first one used, and so on.

# %%
disjoint = logistics.country_disjoint_routes(graph, ORIGIN, DEST, settings["closed_countries"],
                                             settings["closed_nodes"])
glue("nb01_n_disjoint", len(disjoint), display=False)
pd.DataFrame([{"route": i + 1, "path": r.path, "countries": ";".join(r.countries),
               "cost": round(r.cost)} for i, r in enumerate(disjoint)]).set_index("route")

# %% [markdown]
# There are {glue:text}`nb01_n_disjoint` such routes. Closing one country on each of them is
# enough to cut Afghanistan off, which the full sweep below confirms: because every flight
# from Western Europe passes over Russia and Kazakhstan along its great circle (assumption
# A13), airlift offers no way around such a pair.

# %% [markdown]
# ## 8. Every single and pairwise closure
#
# The sweep closes each country on the network, and then each pair of countries, and records
# the cheapest route left. It is the full table behind sections 6 and 7; the command
# `natoasia sweep logistics --out FILE.csv` writes the same table for any assumptions.

# %%
sweep = logistics.closure_sweep(graph, ORIGIN, DEST, closed_nodes=settings["closed_nodes"])
pool = logistics.closable_countries(graph, ORIGIN, DEST)
n = len(pool)
assert len(sweep) == 1 + n + n * (n - 1) // 2
assert (sweep["cost_index"].dropna() >= 1 - 1e-9).all()  # closing never makes a route cheaper
cut = sweep[~sweep["reachable"]]
glue("nb01_sweep_n", len(sweep) - 1, display=False)
glue("nb01_sweep_countries", n, display=False)
glue("nb01_sweep_cut", len(cut), display=False)
worst = sweep[sweep["reachable"]].sort_values(["cost_index", "scenario"],
                                              ascending=[False, True]).head(5)
pd.concat([cut, worst])[["scenario", "reachable", "cost_index", "families"]].round(
    {"cost_index": 2}).set_index("scenario")

# %% [markdown]
# Of the {glue:text}`nb01_sweep_n` closures of one or two of the
# {glue:text}`nb01_sweep_countries` countries on the network, {glue:text}`nb01_sweep_cut`
# leave no route at all; the table lists them first, then the costliest closures that still
# leave a route.

# %%
# Key results at the default parameters, asserted so that a change to the data or the model
# that moves them fails here (ThinkStats style); other parameters skip these checks.
defaults = (ORIGIN == logistics.DEFAULT_ORIGIN and DEST == logistics.AFGHANISTAN
            and not settings["closed_countries"] and not settings["closed_nodes"]
            and settings["mode_costs"] == logistics.DEFAULT_MODE_COSTS
            and settings["circuity"] == logistics.DEFAULT_CIRCUITY)
if defaults:
    assert baseline.families == ("sea_approach", "pakistan") and baseline.nodes[-1] == "chaman"
    assert round(pak_closed["cost_increase_pct"]) == 34 and pak_closed["families"] == (
        "sea_approach;northern")
    assert cut["scenario"].tolist() == ["Kazakhstan + Pakistan"] and len(disjoint) == 2
    assert with_pak.loc[with_pak["cut_off"], "country"].tolist() == ["Kazakhstan"]

# %% [markdown]
# ## Where the sources disagree
#
# **Dates of cooperation.** Two cells of the matrix rest on rows that disagree. For
# Kazakhstan's entry into the Partnership for Peace, NATO's country page gives 1995 while
# secondary literature gives a signature on 27 May 1994 (flagged as unverified in the staged
# file); the matrix shows the earlier year and marks the cell with *. Weinrod (2008) only
# says that four of the five states joined in the mid-1990s, which fits either year. For the
# French air detachment at Dushanbe, one report dates it from 2002 and another from the end
# of 2001.

# %%
cooperation[cooperation["conflict_group"].notna()][
    ["conflict_group", "country", "kind", "date", "description", "source_id", "locator"]
].set_index("conflict_group")

# %% [markdown]
# **Route facts.** The compiled route facts keep one row per source, so disagreements stay
# visible. The table lists, for each conflict the notebook touches, what each source says and
# how far to trust it.

# %%
conflicts = facts[facts["conflict_group"].notna()].sort_values(["conflict_group", "fact_id"])
glue("nb01_fact_conflicts", conflicts["conflict_group"].nunique(), display=False)
conflicts[["conflict_group", "fact_id", "value", "unit", "date_or_period", "source_publisher",
           "source_strength"]].set_index(["conflict_group", "fact_id"])

# %% [markdown]
# Three of these {glue:text}`nb01_fact_conflicts` conflicts bear directly on the model:
#
# - *Relative cost of the routes.* An analyst put the northern network at about twice the
#   cost of the Pakistan route and airlift at about ten times (`row:AFGLOG-145`, specialist);
#   Pakistani officials claimed their route was up to five times cheaper (`row:AFGLOG-144`);
#   a blog put northern rail at a tenth of the cost of air (`row:AFGLOG-155`, weak). The model
#   gives {glue:text}`nb01_north_vs_pak` and {glue:text}`nb01_air_vs_pak` for the first two
#   ratios. It moves only distance; the reports include transit fees, tariffs, handling at
#   each border and security, which the model leaves out (assumption A16).
# - *The cost of Pakistan's closure.* Reported figures range from about $38 million to about
#   $100 million a month extra, and $17 million against $104 million a month before and during
#   the closure (`row:AFGLOG-146` to `row:AFGLOG-149`). The model's rise of
#   {glue:text}`nb01_pak_closed_pct` % is far smaller than the last ratio: during the closure
#   much cargo also went by air, and the northern routes carried fees that no distance-based
#   model sees.
# - *Length of the Pakistan route*: 2,000 km, 1,200 miles and 1,089 km in three sources
#   (section 4); the figures probably measure different legs.
#
# The model does not settle any of these disagreements. What it does is show how far distance
# alone explains the differences between routes, and so how much of the reported gap must
# come from fees, handling, security and capacity.

# %% [markdown]
# ## Exercises
#
# 1. Rerun the notebook with `closed_countries=["Pakistan"]`, or call
#    `logistics.cheapest_route` with that closure. Which route takes over, and which country,
#    closed as well, would then cut Afghanistan off? With papermill (outside the repository):
#
#    ```bash
#    .venv/bin/jupytext --to ipynb --output /tmp/nb01.ipynb notebooks/01_central_asia_logistics.py
#    .venv/bin/papermill /tmp/nb01.ipynb /tmp/nb01-pakistan.ipynb -y 'closed_countries: [Pakistan]'
#    ```
# 2. The analyst in `row:AFGLOG-145` put the northern route at about twice the cost of the
#    Pakistan route. Keeping the other assumptions, what rail cost per tonne-km would make
#    the model's northern corridor cost exactly twice the Pakistan corridor via Chaman? Is
#    that a plausible price for rail, or does the gap point to something else?
# 3. Close only the node `termez` (the Friendship Bridge and the Termez air base) while
#    Pakistan is closed. Which route and which entry point take over, and at what cost
#    compared with closing all of Uzbekistan?
# 4. List every pair of countries whose joint closure cuts Afghanistan off. What do the pairs
#    have in common, and which modelling rule (see the assumptions table) makes them fatal?

# %% tags=["solution"]
# Exercise 1: the route once Pakistan is closed, and what would then cut Afghanistan off
after_pak = logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan"])
print(after_pak.path)
print(with_pak.loc[with_pak["cut_off"], "country"].tolist())

# %% tags=["solution"]
# Exercise 2: solve cost_north(rail) = 2 * cost_pakistan for the rail cost per tonne-km.
north_route = logistics.path_route(graph, logistics.CORRIDORS[north.name][1])
pak_route = logistics.path_route(graph, logistics.CORRIDORS["Pakistan via Chaman"][1])
non_rail = north_route.cost - north_route.km_by_mode["rail"] * settings["mode_costs"]["rail"]
rail_needed = (2 * pak_route.cost - non_rail) / north_route.km_by_mode["rail"]
print(f"rail cost per tonne-km for a ratio of 2: {rail_needed:.2f} (road = 1)")

# %% tags=["solution"]
# Exercise 3: the Friendship Bridge closed while Pakistan is closed
bridge = logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan"], ["termez"])
uzbek = logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan", "Uzbekistan"])
print(bridge.path, round(bridge.cost))
print(uzbek.path, round(uzbek.cost))

# %% tags=["solution"]
# Exercise 4: pairs that cut Afghanistan off
sweep.loc[(sweep["n_closed"] == 2) & ~sweep["reachable"], "scenario"].tolist()

# %% [markdown]
# ## Discussion questions
#
# 1. Weinrod (2008) notes that all Central Asian states gave some help, but names only some of
#    them for each kind. How should a table treat statements about "the Central Asian states"
#    as a group, and what would be lost by leaving them out?
# 2. In the model Kazakhstan is as critical as Pakistan once Pakistan is closed, yet the
#    sources say far less about Kazakhstan. Is that a finding about the war or about the
#    model's rules (great-circle flights, a single origin, no Turkmen route)? How would you
#    find out?
# 3. The routes were not all open at the same time: the Manas base closed in 2014, the
#    Hairatan railway opened in 2010 or 2011, Russian transit ended in 2015. What would a
#    model that respects dates show that this one cannot?
# 4. Pakistan's closure cost far more in reality than the distance model suggests. What does
#    that tell us about where the leverage of transit states lies?
#
# ## Summary
#
# The Central Asian states joined NATO's dialogue in 1992 and its partnership in the
# mid-1990s (Tajikistan in 2002), but what made them matter after 2001 was basing,
# overflight and transit. A network of sourced routes, priced under assumptions stated in one
# table, shows why: under the default assumptions the Pakistan route was the cheapest, every
# surface alternative crossed Kazakhstan, and with Pakistan closed Kazakhstan became a single
# point of failure. All costs are relative, and the reported cost of the real closure was
# much higher than distance alone explains.
#
# **What next:** [Global Partners](02_global_partners_constraints),
# [China](03_china_engagement); back to the [overview](00_overview).
#
# ## References

# %%
used = sorted(set(cooperation["source_id"]) | set(nodes["source_id"]) | set(links["source_id"])
              | set(assumptions["source_id"]) | {"okabe2008"})
for line in sources.reference_list(used):
    print(line)
