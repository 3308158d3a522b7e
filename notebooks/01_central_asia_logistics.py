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
# routes through Russia, the Caucasus and Central Asia, whose five republics it had drawn
# into its partnership programmes since the early 1990s. This notebook puts the two
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
# Where the cargo starts: a node_id of logistics_nodes outside Afghanistan and outside the
# countries the scenarios below close (Kazakhstan, Pakistan, Russia, Uzbekistan), with a
# route that avoids Pakistan (not aden) and is not a point of entry (not nizhny_panj).
origin = "western_europe"
# Where it must arrive: "Afghanistan" (any point of entry) or a node_id in Afghanistan or
# outside those four countries, reachable also once Pakistan is closed (not kandahar).
destination = "Afghanistan"
# Countries closed to transit, for example ["Pakistan"]. Afghanistan must stay reachable with
# Pakistan closed too, since the notebook compares every closure with Pakistan's: closing
# Kazakhstan is refused for that reason (`natoasia sweep logistics` has no such limit).
closed_countries = []
# Nodes closed, for example ["termez"] (the Friendship Bridge).
closed_nodes = []
# Cost per tonne-km of each mode in relative units, road haulage being 1 (assumptions A01-A05).
mode_costs = {"sea": 0.1, "ferry": 0.3, "rail": 0.5, "road": 1.0, "air": 5.0}
# Travelled distance as a multiple of the great-circle distance, at least 1 (A06-A10).
circuity = {"sea": 1.1, "ferry": 1.1, "rail": 1.25, "road": 1.3, "air": 1.05}
# How far a modelled length may stray from a reported one, as a share of the reported length
# (0 to 1), and still read "about right" in section 4 (A18).
length_tolerance = 0.05

# %%
from natoasia.params import validate_central_asia_logistics

settings = validate_central_asia_logistics(
    origin=origin, destination=destination, closed_countries=closed_countries,
    closed_nodes=closed_nodes, mode_costs=mode_costs, circuity=circuity,
    length_tolerance=length_tolerance)

# %%
import itertools
import re
from functools import partial

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from myst_nb import glue

from natoasia import data, geo, logistics, plotting, sources
from natoasia.prose import Plain, count_noun, join_words, number_word, ratio

plotting.use_house_style()
pd.set_option("display.max_colwidth", None)  # notes in full: the site wraps them
pd.set_option("display.precision", 2)

join_names = partial(join_words, empty="none")  # in this notebook an empty list reads "none"


cooperation = data.load("central_asia_cooperation")
network = logistics.load_network()
facts = data.load("logistics_facts")
assumptions = data.load("logistics_assumptions")
graph = logistics.build_graph(network, settings["mode_costs"], settings["circuity"])
ORIGIN, DEST = settings["origin"], settings["destination"]
DEST_NAME = (DEST if DEST == logistics.AFGHANISTAN  # the destination, as the prose names it
             else network.nodes.set_index("node_id").loc[DEST, "label"])

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
# The prose below names states per kind of cooperation; these checks keep it true to the data.
def having(kind):
    return sorted(labels.index[labels[kind] != ""])


assert having("Basing") == ["Kyrgyzstan", "Tajikistan", "Uzbekistan"]
assert set(having("Transit")) - {"Pakistan", "Russia"} == {
    "Kazakhstan", "Kyrgyzstan", "Tajikistan", "Uzbekistan"}
turkmen = labels.loc["Turkmenistan"]
assert (turkmen[turkmen != ""].drop("Partnership for Peace").str.endswith("†")).all()

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
# Of the filled cells, {glue:text}`nb01_coop_collective` rest only on such collective
# statements (marked †) and say less about any one state than they seem to.

# %% [markdown]
# ## 2. The supply routes as a network
#
# Each **node** is a sea port, a border crossing, an air base or a hub; each **link** is one
# leg in the direction cargo moved, with a mode (sea, rail, road, air or ferry) and a route
# family. Every node and link cites its source: a row of the compiled route facts
# (`locator`), with stronger rows that back it (`backing`) wherever that row comes from a weak
# source; the sea-lane waypoints cite Natural Earth, since they are geography.
#
# Three names recur in the tables. The **GLOC**s (ground lines of communication) are the
# road routes from Karachi across Pakistan into Afghanistan; the **NDN** (Northern
# Distribution Network) is the set of northern routes by rail and road through Russia or the
# Caucasus and Central Asia; its **KKT** branch ran through Kazakhstan, Kyrgyzstan and
# Tajikistan (links L18 and L19), avoiding Uzbekistan.
#
# Node positions are the coordinates of Natural Earth populated places. Several nodes (border
# crossings, air bases, the Caspian port of Aktau) are not in Natural Earth; no staged source
# gives their coordinates, so each stands at the nearest Natural Earth place and its
# `position_basis` says so. Link lengths are great-circle distances on a sphere of radius
# 6,371.0088 km (the haversine formula), later multiplied by a circuity factor per mode.

# %% tags=["landing"]
nodes, links = network.nodes, network.links
glue("nb01_n_nodes", len(nodes), display=False)
glue("nb01_n_links", len(links), display=False)
stand_ins = nodes[nodes["position_basis"] == "nearest_natural_earth_place"]
glue("nb01_n_stand_ins", len(stand_ins), display=False)
baseline = logistics.cheapest_route(graph, ORIGIN, DEST, settings["closed_countries"],
                                    settings["closed_nodes"])
assert baseline is not None  # the validation cell has already checked reachability
# "Every surface route except Pakistan's crosses Kazakhstan": from the two other ports of
# arrival no route is left once Kazakhstan closes (flights leave only from the origin).
assert all(logistics.cheapest_route(graph, port, logistics.AFGHANISTAN, ["Kazakhstan"]) is None
           for port in ("riga", "poti"))

fig = geo.plot_network(
    nodes, links,
    title="Supply routes into Afghanistan by route family, with the cheapest route shaded",
    source=f"logistics_nodes.csv and logistics_links.csv ({len(nodes)} nodes, {len(links)} "
           "links) from the supply-route facts compiled for the project; boundaries and places: "
           f"{sources.cite('natural_earth_v4')}. Links drawn as great circles; "
           "positions of crossings and air bases approximate (see position_basis). Shaded "
           "darker: the five Central Asian states, Afghanistan and Pakistan.",
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
label = dict(zip(nodes["node_id"], nodes["label"], strict=True))
zero = links[links["great_circle_km"] == 0]
glue("nb01_zero_legs", join_names(f"{label[a]}–{label[b]}" for a, b in zip(
    zero["from_node"], zero["to_node"], strict=True)), display=False)
glue("nb01_n_zero_legs", count_noun(len(zero), "leg"), display=False)
# the prose names the two zero-length legs and the Atyrau stand-in for Aktau
assert sorted(zero["link_id"]) == ["L17", "L20"]
assert stand_ins.set_index("node_id").loc["aktau", "ne_place"] == "Atyrau"
stand_ins[["node_id", "name", "country", "ne_place", "position_note"]].set_index("node_id")

# %% [markdown]
# A stand-in moves a node, and with it every leg that touches the node. No staged source
# measures most of these offsets; for the Friendship Bridge at Termez one report gives about
# 40 miles (some 64 km) to Mazar-e Sharif (`row:AFGLOG-143`). Two effects are large enough to
# matter. Where both ends of a leg stand at the same place, the leg has zero length: that is
# the case for {glue:text}`nb01_n_zero_legs`, {glue:text}`nb01_zero_legs`. Routes that enter
# Afghanistan at Termez are therefore measured to Mazar-e Sharif, beyond the border, while
# routes to the Nizhny Panj bridge stop at Dushanbe, short of it. And Aktau stands at Atyrau,
# which, as its position note says, lengthens the Caspian and Kazakh legs by a few hundred km.

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
shown = logistics.assumptions_table(assumptions, settings["mode_costs"], settings["circuity"],
                                    settings["length_tolerance"])
shown[["assumption_id", "parameter", "key", "default_value", "value_used", "unit",
       "statement"]].set_index("assumption_id").pipe(data.blank_missing)  # blank: fixed

# %% [markdown]
# The table lists all {glue:text}`nb01_n_assumptions` assumptions: eleven numbers that are
# parameters of this notebook (ten costs and distances, and the tolerance of the length check
# in section 4) and seven modelling rules (sea lanes, open straits, great-circle flights,
# stand-in positions, the border as the end point, no fees or capacity limits, a single
# origin). The rationale for each, and what it is set against, is in the data file.

# %%
glue("nb01_n_assumptions", len(assumptions), display=False)
assert set(assumptions.loc[assumptions["parameter"] == "mode_costs", "key"]) == set(
    logistics.MODES)
numbers = assumptions["default_value"].notna()  # the notebook's numeric parameters
assert (numbers.sum(), (~numbers).sum()) == (11, 7)  # as the paragraph above says

# %% [markdown]
# ## 4. How long and how costly is each route?
#
# A *corridor* here is one named route from the origin to a point of entry into
# Afghanistan, fixed node by node. The table gives each corridor's modelled length, its cost
# in relative units, the cost as a multiple of the cheapest corridor (`cost_index`) and the
# countries it needs. Corridors start at the default origin.

# %%
closures = bool(settings["closed_countries"] or settings["closed_nodes"])
corridors = logistics.corridor_table(graph, closed_countries=settings["closed_countries"],
                                     closed_nodes=settings["closed_nodes"])
cheapest = corridors.iloc[0]
glue("nb01_cheapest_corridor", Plain(cheapest["corridor"]), display=False)
still_open = corridors[corridors["open"]]
if not closures:
    open_text = "Nothing is closed in this run, so every corridor is open."
elif still_open.empty:
    open_text = "With the closures of this run, none of the named corridors is open."
elif still_open.index[0] == 0:
    open_text = "The closures of this run leave that corridor open."
else:
    first = still_open.iloc[0]
    open_text = (f"With the closures of this run, the cheapest corridor still open is "
                 f"{first['corridor']}, at {first['cost_index']:.2f} times the cost of the "
                 f"cheapest corridor overall.")
glue("nb01_open_corridor", Plain(open_text), display=False)

by_name = corridors.set_index("corridor")
north = by_name.loc["Northern: Riga–Russia–Kazakhstan–Uzbekistan"]
pak = by_name.loc["Pakistan via Chaman"]
air = by_name.loc["Air to Bagram"]
north_vs_pak, air_vs_pak = north["cost"] / pak["cost"], air["cost"] / pak["cost"]
glue("nb01_north_vs_pak", ratio(north_vs_pak), display=False)  # never "0.0" times
glue("nb01_air_vs_pak", ratio(air_vs_pak), display=False)
costs = settings["mode_costs"]
sea_share = pak["km_sea"] / pak["length_km"]
sea_pct = 100 * costs["sea"] / costs["rail"]
sea_pct = round(sea_pct) if sea_pct >= 1 else float(f"{sea_pct:.2g}")  # 0.1 %, not 0 %
if north["length_km"] < pak["length_km"] and north_vs_pak > 1 and costs["rail"] > 0:
    why = (f"although it is only {100 * north['length_km'] / pak['length_km']:.0f} % as long: "
           f"{100 * sea_share:.0f} % of the Pakistan route's length is at sea, and a tonne-km "
           f"by sea costs {sea_pct:g} % of one by rail under these "
           "assumptions")
elif north_vs_pak > 1:
    why = f"and it is also {north['length_km'] / pak['length_km']:.1f} times as long"
else:
    why = ("so under these assumptions the shorter northern route is the cheaper of the two, "
           "the reverse of what the sources that compare them report (see the section on "
           "where the sources disagree)")
glue("nb01_north_why", Plain(why), display=False)
assert (corridors["cost_index"] >= 1).all() and corridors["cost_index"].min() == 1
corridors[["corridor", "entry", "length_km", "cost", "cost_index", "countries", "open"]].round(
    {"length_km": 0, "cost": 0, "cost_index": 2}).set_index("corridor")

# %% [markdown]
# Under the assumptions of this run, the cheapest corridor is
# {glue:text}`nb01_cheapest_corridor`. The `open` column is `False` for corridors that cross a
# country or a node closed in the parameters; the `cost_index` compares every corridor, open
# or not, with the cheapest of all. {glue:text}`nb01_open_corridor`
# The northern rail route costs {glue:text}`nb01_north_vs_pak` times the Pakistan route via
# Chaman, {glue:text}`nb01_north_why`; airlift to Bagram costs about
# {glue:text}`nb01_air_vs_pak` times as much as the Pakistan route.
#
# Are the modelled lengths reasonable? The sources report a few lengths, and they do not
# agree with each other. The comparison below sets them beside the model (ground legs only,
# with the default circuity unless you changed it). Where a report names its leg, the
# `verdict` says whether the model is high, low or about right, that is within the tolerance
# of assumption A18 (the parameter `length_tolerance`).

# %%
def leg_km(path):
    return logistics.path_route(graph, path).length_km


length_check = pd.DataFrame([
    {"leg": "Riga to the Afghan border at Termez (rail)", "fact_id": "AFGLOG-048",
     "modelled_km": leg_km(["riga", "moscow", "samara", "termez"]), "leg_stated": True},
    {"leg": "Karachi to the Afghan border at Torkham (road)", "fact_id": "AFGLOG-002",
     "modelled_km": leg_km(["karachi", "torkham"]), "leg_stated": True},
    {"leg": "Karachi to the Afghan border at Chaman (road)", "fact_id": "AFGLOG-026",
     "modelled_km": leg_km(["karachi", "chaman"]), "leg_stated": False},
    {"leg": "Karachi to Kabul via Torkham (road)", "fact_id": "AFGLOG-001",
     "modelled_km": leg_km(["karachi", "torkham", "kabul"]), "leg_stated": False},
]).merge(facts[["fact_id", "value", "unit", "source_publisher", "source_strength"]], on="fact_id")
length_check["reported_km"] = [logistics.reported_km(facts, f) for f in length_check["fact_id"]]
length_check["verdict"] = [
    logistics.length_verdict(km, reported, settings["length_tolerance"]) if stated else ""
    for km, reported, stated in length_check[["modelled_km", "reported_km", "leg_stated"]]
    .itertuples(index=False)]
by_fact = length_check.set_index("fact_id")
for key, fact_id in (("riga", "AFGLOG-048"), ("karachi_torkham", "AFGLOG-002")):
    row = by_fact.loc[fact_id]
    glue(f"nb01_{key}_km", Plain(f"{row['modelled_km']:,.0f}"), display=False)
    reported = f"{float(row['value']):,.0f} {row['unit']}"
    if row["unit"] != "km":
        reported += f" (about {row['reported_km']:,.0f} km)"
    glue(f"nb01_{key}_reported", Plain(reported), display=False)
rail_verdict, road_verdict = by_fact.loc[["AFGLOG-048", "AFGLOG-002"], "verdict"]
glue("nb01_circuity_verdict", Plain(
    f"against these two reports the rail factor looks {rail_verdict} and the road factor "
    f"{road_verdict}" if rail_verdict != road_verdict else
    f"against these two reports both factors look {rail_verdict}"), display=False)
length_check.round({"modelled_km": 0, "reported_km": 0}).set_index("leg")[[
    "modelled_km", "value", "unit", "reported_km", "verdict", "source_publisher",
    "source_strength", "fact_id"]]

# %% [markdown]
# The model puts the Riga–Termez rail leg at {glue:text}`nb01_riga_km` km against a wire
# report's round {glue:text}`nb01_riga_reported`, and Karachi to the border at Torkham at
# {glue:text}`nb01_karachi_torkham_km` km against a contributor post's
# {glue:text}`nb01_karachi_torkham_reported` to the border; the other two reported lengths
# do not say which leg they measure. The circuity factors are not calibrated: {glue:text}`nb01_circuity_verdict`. But
# the reports are round numbers of uncertain scope, one of them from a weak source, so the
# factors are not tuned to them.

# %% [markdown]
# ## 5. The cheapest route under your parameters
#
# Dijkstra's algorithm finds the cheapest path through the network given the closures in the
# parameters. The table breaks the route into legs, with each leg's share of the cost.

# %%
legs = logistics.route_table(graph, baseline)
decimals = logistics.cost_decimals(baseline.cost)  # 0 unless the mode costs are tiny
glue("nb01_route_cost", Plain(f"{baseline.cost:,.{decimals}f}"), display=False)
glue("nb01_route_km", Plain(f"{baseline.length_km:,.0f}"), display=False)
glue("nb01_route_path", Plain(baseline.path), display=False)
unrestricted = logistics.cheapest_route(graph, ORIGIN, DEST)
if not closures:
    compare = "Nothing is closed in this run, so this is the route shaded on the map."
elif abs(baseline.cost - unrestricted.cost) < 1e-9 * max(1.0, unrestricted.cost):
    compare = ("The closures of this run leave the cheapest route and its cost unchanged: "
               "it needs none of what they close.")
else:
    compare = (f"That is {100 * (baseline.cost / unrestricted.cost - 1):.0f} % more than the "
               f"cheapest route with nothing closed ({unrestricted.path}); the map shades the "
               "route of this run.")
glue("nb01_route_compare", Plain(compare), display=False)
assert abs(legs["cost"].sum() - baseline.cost) < 1e-9 * max(1.0, baseline.cost) and abs(
    legs["cost_share_pct"].sum() - 100) < 1e-6
legs.round({"great_circle_km": 0, "length_km": 0, "cost": decimals, "cost_share_pct": 1})

# %% [markdown]
# With the parameters of this run the route is {glue:text}`nb01_route_path`: about
# {glue:text}`nb01_route_km` km for {glue:text}`nb01_route_cost` relative cost units.
# {glue:text}`nb01_route_compare`

# %% [markdown]
# ## 6. What happens when a country closes?
#
# Each scenario closes one or two countries: their nodes disappear and so does every link
# that crosses them, including flights over them. The table gives the cheapest route left,
# its cost relative to the baseline with no country closed (`cost_index`, 1 = no change) and
# the route families it uses; an empty row means Afghanistan can no longer be reached at all.
# The scenarios include the one that happened: Pakistan closed its routes from November 2011
# to July 2012 (`row:AFGLOG-008`, `row:AFGLOG-010`). These scenarios, the criticality chart
# of section 7 and the sweep of section 8 start from the open network whatever
# `closed_countries` says (the row "your parameters" adds this run's own closure when it has
# one), while nodes closed in `closed_nodes` stay closed throughout, the baseline included.

# %%
SCENARIOS = dict(logistics.SCENARIOS)
if settings["closed_countries"]:
    SCENARIOS["your parameters"] = settings["closed_countries"]
scenarios = logistics.scenario_table(graph, ORIGIN, SCENARIOS, DEST, settings["closed_nodes"])
by_scenario = scenarios.set_index("scenario")
pak_closed = by_scenario.loc["Pakistan closed"]
if pak_closed["cost_increase_pct"] == 0:
    pak_text = "Closing Pakistan alone leaves the cost of the cheapest route unchanged"
elif pak_closed["cost_increase_pct"] < 0.5:
    pak_text = "Closing Pakistan alone leaves the cost of the cheapest route almost unchanged"
else:
    pak_text = (f"Closing Pakistan alone raises the cost of the cheapest route by "
                f"{pak_closed['cost_increase_pct']:,.0f} %")
families = pak_closed["families"].split(";")
pak_text += (f", and the route then uses the {'family' if len(families) == 1 else 'families'} "
             f"{join_names(families)}.")
glue("nb01_pak_closed_text", Plain(pak_text), display=False)

single = {name.removesuffix(" closed"): row for name, row in by_scenario.iterrows()
          if name.endswith(" closed") and "+" not in name}
matter = [c for c, row in single.items() if not row["reachable"] or row["cost_index"] > 1 + 1e-9]
idle = [c for c in single if c not in matter]
if not matter:
    single_text = ("None of the single closures in the table raises the cost: the cheapest "
                   "route needs none of these countries.")
else:
    raising = [c for c in matter if single[c]["reachable"]]
    cutting = [c for c in matter if not single[c]["reachable"]]
    only = "only " if len(raising) == 1 else ""
    parts = ([f"{only}closing {join_names(raising, 'or')} raises the cost"] if raising else []) + (
        [f"closing {join_names(cutting, 'or')} leaves no route at all"] if cutting else [])
    single_text = "Among the single closures in the table, " + " and ".join(parts)
    # does each idle country weigh once Pakistan is closed too (its pair row)?
    pair = {c: by_scenario.loc[f"Pakistan + {c} closed"] for c in idle
            if f"Pakistan + {c} closed" in by_scenario.index}
    weighs = [c for c, row in pair.items() if not row["reachable"]
              or row["cost"] > pak_closed["cost"] * (1 + 1e-9)]
    if matter == ["Pakistan"] and idle and weighs == idle:
        single_text += (f": the cheapest route does not need {join_names(idle, 'or')}, "
                        "whose weight shows only once Pakistan is closed as well (the pair "
                        "rows).")
    else:
        single_text += "."
glue("nb01_single_text", Plain(single_text), display=False)
scenarios[["scenario", "reachable", "cost", "cost_index", "length_km", "families", "path"]].round(
    {"cost": 0, "cost_index": 2, "length_km": 0}).set_index("scenario").astype(
    {"cost": "Int64", "length_km": "Int64"}).pipe(data.blank_missing)  # blank: no route

# %%
# How far the two round numbers the Pakistan route's lead rests on (sea and rail, A01 and
# A03) may move, each between half and double its value with the others held, before the
# cheapest route stops (or starts) needing Pakistan.
assumption_of = assumptions.set_index(["parameter", "key"])["assumption_id"]
costs = settings["mode_costs"]
needs_pakistan = logistics.needs_country(network, "Pakistan", costs, settings["circuity"],
                                         ORIGIN, DEST, settings["closed_nodes"])
turns = []
for mode in ("sea", "rail"):
    value = logistics.break_even_within_factor_two(network, "Pakistan", mode, costs,
                                                   settings["circuity"], ORIGIN, DEST,
                                                   settings["closed_nodes"])
    if value is not None:
        turns.append(f"{mode} {'below' if value < costs[mode] else 'above'} {value:.2f} of "
                     f"road's cost per tonne-km ({costs[mode]:g} assumed, "
                     f"{assumption_of['mode_costs', mode]})")
if needs_pakistan and turns:
    sensitivity = ("That rise, and the Pakistan route's place as the cheapest, rest on assumed "
                   "costs per tonne-km. Holding the other assumptions, the cheapest route no "
                   "longer needs Pakistan, and closing it costs nothing, with "
                   f"{join_words(turns, 'or')}; so the model's agreement with the sources "
                   "that rank Pakistan's route the cheaper (see *Where the sources disagree*) "
                   "rests on these two numbers.")
elif needs_pakistan:
    sensitivity = ("Halving or doubling the assumed cost of sea or rail, one at a time, leaves "
                   "the cheapest route needing Pakistan.")
elif turns:
    sensitivity = ("Under these assumptions the cheapest route does not need Pakistan; holding "
                   f"the others, it would with {join_words(turns, 'or')}.")
else:
    sensitivity = ("Under these assumptions the cheapest route does not need Pakistan, and "
                   "halving or doubling the assumed cost of sea or rail, one at a time, leaves "
                   "it so.")
glue("nb01_pak_sensitivity", Plain(sensitivity), display=False)

# %% [markdown]
# {glue:text}`nb01_pak_closed_text` {glue:text}`nb01_single_text`
# {glue:text}`nb01_pak_sensitivity`

# %% [markdown]
# ## 7. Which states did NATO depend on most?
#
# A country's **criticality** is the increase in the cost of the cheapest route when that
# country closes; a closure that leaves no route at all is marked *cut off*. The chart shows it
# twice: for each country closed on its own, and for each country closed while Pakistan is
# also closed, as in 2011–12.

# %%
alone = logistics.criticality(graph, ORIGIN, DEST, closed_nodes=settings["closed_nodes"])
with_pak = logistics.criticality(graph, ORIGIN, DEST, given=["Pakistan"],
                                 closed_nodes=settings["closed_nodes"])


def effects(table):
    """(countries whose closure cuts every route, [(country, % rise)] for those raising it)."""
    cut = table.loc[table["cut_off"], "country"].tolist()
    rising = table[~table["cut_off"] & (table["increase_pct"] > 1e-9)]
    return cut, list(zip(rising["country"], rising["increase_pct"], strict=True))


def with_rise(pairs):
    return [f"{country} (+{rise:,.0f} %)" if rise >= 0.5 else f"{country} (under 1 %)"
            for country, rise in pairs]


cut_alone, raise_alone = effects(alone)
cut_with_pak, raise_with_pak = effects(with_pak)
glue("nb01_cut_with_pak", join_names(cut_with_pak, "or"), display=False)

parts = []
if raise_alone:
    parts.append(f"{'only ' if len(raise_alone) <= 2 else ''}closing "
                 f"{join_names(with_rise(raise_alone), 'or')} raises the cost")
if cut_alone:
    parts.append(f"closing {join_names(cut_alone, 'or')} leaves no route at all")
alone_text = ("Closed one at a time, " + " and ".join(parts) + "." if parts else
              "Closed one at a time, no country changes the cost.")
parts = []
if cut_with_pak:
    parts.append(f"closing {join_names(cut_with_pak, 'or')} as well leaves no route at all")
if raise_with_pak:
    parts.append(f"closing {'any one of ' if len(raise_with_pak) > 1 else ''}"
                 f"{join_names(with_rise(raise_with_pak), 'or')} raises the cost")
with_pak_text = ("With Pakistan closed, " + ", while ".join(parts) + "." if parts else
                 "With Pakistan closed, no further closure changes the cost.")
glue("nb01_alone_text", Plain(alone_text), display=False)
glue("nb01_with_pak_text", Plain(with_pak_text), display=False)

# Discussion question 2 rests on these results; its premise is worded from them.
fact_text = facts.astype(str).agg(" ".join, axis=1)


def fact_rows(country):
    return int(fact_text.str.contains(country, regex=False).sum())


pak_alone = (f"raises the cost by {pak_closed['cost_increase_pct']:,.0f} %"
             if pak_closed["cost_increase_pct"] >= 0.5 else "leaves the cost unchanged"
             if pak_closed["cost_increase_pct"] == 0 else "leaves the cost almost unchanged")
overflown_all = logistics.overflown_by_every_flight(graph, ORIGIN)
if cut_with_pak:
    one = len(cut_with_pak) == 1
    quiet = [c for c in cut_with_pak if c not in dict(raise_alone) and c not in cut_alone]
    premise = f"Closed on its own, Pakistan {pak_alone}"
    if quiet:
        premise += f" and {join_names(quiet)} {'changes' if len(quiet) == 1 else 'change'} nothing"
    premise += (f"; but once Pakistan is closed, closing {join_names(cut_with_pak, 'or')} as "
                "well leaves no route at all")
    already = [c for c in cut_with_pak if c in cut_alone]
    if already:
        premise += (f" ({join_names(already)} would cut every route even with Pakistan "
                    "open)")
    premise += (f". In that pairwise sense {join_names(cut_with_pak)} then "
                f"{'matters' if one else 'matter'} more than Pakistan ever did on its own. ")
    counts = [(c, fact_rows(c)) for c in cut_with_pak]
    fewer = [f"{c} in {k}" for c, k in counts if k < fact_rows("Pakistan")]
    if fewer:
        premise += (f"Yet the sources say less about {'it' if one else 'them'}: the "
                    f"{len(facts)} rows of route facts shipped here (logistics_facts.csv) "
                    f"name {join_names(fewer)}, Pakistan in {fact_rows('Pakistan')}.")
    else:
        premise += "The compiled route facts name Pakistan no more often."
    rules_cut = [c for c in overflown_all if c in cut_with_pak]
else:
    top = with_rise(raise_with_pak[:1])
    rise = (f"the largest rise comes from closing {top[0]}" if top
            else "no further closure raises the cost")
    premise = (f"Closed on its own, Pakistan {pak_alone}; once it is closed, no further single "
               f"closure cuts {DEST_NAME} off in this run, and {rise}.")
    rules_cut = []
glue("nb01_q2_premise", Plain(premise), display=False)
glue("nb01_q2_rules", Plain("great-circle flights that all cross " + join_names(rules_cut)
                            if rules_cut else "great-circle flights"), display=False)

# Latvia: Riga is the model's only Baltic port (asserted), so Latvia's weight is the port's.
ports = nodes.loc[nodes["kind"] == "sea_port", ["node_id", "country"]]
assert ports.loc[ports["country"] == "Latvia", "node_id"].tolist() == ["riga"]
rise = dict(raise_with_pak)
artefact = (" That is an artefact of the model, not a finding: the real northern network also "
            "shipped through ports in Lithuania and Estonia (row:AFGLOG-066), which a closure "
            "of Latvia alone would have left open, whereas a rail line from any Baltic port to "
            "Central Asia must still cross Russia.")
if "Latvia" in rise and abs(rise["Latvia"] - rise.get("Russia", float("nan"))) < 1e-6:
    latvia_text = (f"With Pakistan closed, Latvia weighs exactly as much as Russia "
                   f"(+{rise['Latvia']:,.0f} %) only because of how the network is drawn: Riga "
                   "is the model's one Baltic port, so every rail route from the Baltic starts "
                   "in Latvia, and closing Latvia cuts the same surface routes as closing "
                   "Russia." + artefact)
elif "Latvia" in rise:
    latvia_text = (f"With Pakistan closed, Latvia's weight (+{rise['Latvia']:,.0f} %) comes "
                   "from how the network is drawn: Riga is the model's one Baltic port, so "
                   "every rail route from the Baltic starts in Latvia." + artefact)
elif "Latvia" not in set(with_pak["country"]):
    latvia_text = ("Latvia is not in the chart: in this run it holds an end of the route, so "
                   "it is never closed.")
else:
    latvia_text = ("Latvia, home of the model's one Baltic port at Riga, does not raise the "
                   "cost in this run, so the chart shows none of the weight that the single "
                   "port can lend it under other parameters.")
glue("nb01_latvia_text", Plain(latvia_text), display=False)

no_effect = sorted(set(alone.loc[(alone["increase_pct"] < 1e-9) & ~alone["cut_off"], "country"])
                   & set(with_pak.loc[(with_pak["increase_pct"] < 1e-9) & ~with_pak["cut_off"],
                                      "country"]))
glue("nb01_no_effect_text", Plain(
    f"Closing any one of {join_names(no_effect, 'or')} changes nothing in either case: none of "
    "them lies on the cheapest route, only under flights or on costlier routes."
    if no_effect else "Every other country's closure changes the cost in at least one case."),
    display=False)

fig = logistics.plot_criticality(
    alone, with_pak,
    given_label="closed while Pakistan is also closed (against the route left without Pakistan)",
    title=f"How much each country's closure raises the cost of supplying {DEST_NAME}",
    source="Route model on logistics_nodes.csv and logistics_links.csv (supply-route facts "
           "compiled for the project) with the assumptions of logistics_assumptions.csv; relative "
           "costs. Countries whose closure changes nothing in either case are omitted.",
)
plt.show()

# %% [markdown]
# {glue:text}`nb01_alone_text` {glue:text}`nb01_with_pak_text`
# {glue:text}`nb01_no_effect_text`
#
# Read the chart with the network in mind. {glue:text}`nb01_latvia_text`
#
# Another way to ask the question: with the closures of this run, how many routes are there
# that share no country at all, apart from the origin's and the destination's? The model
# finds them greedily: the cheapest route, then the cheapest route avoiding every country the
# first one used, and so on.

# %%
disjoint = logistics.country_disjoint_routes(graph, ORIGIN, DEST, settings["closed_countries"],
                                             settings["closed_nodes"])
n_cut, cut_sets = logistics.minimal_cuts(graph, ORIGIN, DEST, settings["closed_countries"],
                                         settings["closed_nodes"], max_size=3)
glue("nb01_n_disjoint", len(disjoint), display=False)
n = len(disjoint)
transit = [c for c in disjoint[0].countries
           if c in logistics.closable_countries(graph, ORIGIN, DEST)]
if not transit:  # by sea from Western Europe to Lisbon, Istanbul or Aden, say
    text = ("The cheapest route crosses none of the countries a run can close, apart from "
            "those of its two ends, so no closure of a country can take it away.")
elif n == 1:
    text = ("There is only one such route: every other route left shares at least one transit "
            "country with it.")
else:
    every = "both routes" if n == 2 else f"all {count_noun(n, 'route')}"
    text = (f"There are {count_noun(n, 'such route')}, so no single closure can cut "
            f"{DEST_NAME} off: closures that do must take out {every}, and since the routes "
            f"share no transit country, that needs at least {count_noun(n, 'country', 'countries')}.")
SET_NOUN = {1: ("country", "countries"), 2: ("pair", "pairs"), 3: ("set of three", "sets of three")}
further = "further " if settings["closed_countries"] else ""
if n_cut is None:
    text += f" No set of up to three {further}closures leaves {DEST_NAME} without a route."
else:
    enough = (f"one {further}closure is" if n_cut == 1 else
              f"{count_noun(n_cut, further + 'closure')} are")
    which = (count_noun(len(cut_sets), *SET_NOUN[n_cut]) if len(cut_sets) > 1
             else f"only one {SET_NOUN[n_cut][0]}")
    text += (f" {enough.capitalize()} enough to cut {DEST_NAME} off, and {which} "
             f"{'does' if len(cut_sets) == 1 else 'do'} it: "
             f"{join_names(' with '.join(c) for c in cut_sets)}.")
    overflown = [c for c in logistics.overflown_by_every_flight(graph, ORIGIN)
                 if any(c in cut for cut in cut_sets)]
    if not logistics.flights_from(graph, ORIGIN):
        text += f" Airlift is no way round either: in the network no flight leaves {label[ORIGIN]}."
    elif overflown and all(set(cut) & set(overflown) for cut in cut_sets):
        text += (" Airlift offers no way round: along its great circle (assumption A13) every "
                 f"flight from {label[ORIGIN]} crosses {join_names(overflown)}.")
    elif n_cut:
        text += (" Airlift offers no way round either: under the great-circle rule (assumption "
                 "A13) every air route needs at least one of the countries then closed.")
glue("nb01_disjoint_text", Plain(text), display=False)
decimals = logistics.cost_decimals(disjoint[0].cost)  # whole units unless costs are tiny
pd.DataFrame([{"route": i + 1, "path": r.path, "countries": ";".join(r.countries),
               "cost": round(r.cost, decimals) if decimals else round(r.cost)}
              for i, r in enumerate(disjoint)]).set_index("route")

# %% [markdown]
# {glue:text}`nb01_disjoint_text`

# %% [markdown]
# ## 8. Every single and pairwise closure
#
# The sweep closes each country on the network, and then each pair of countries, and records
# the cheapest route left. It is the full table behind sections 6 and 7; the command
# `natoasia sweep logistics --out FILE.csv` writes the same table for any assumptions.

# %%
sweep = logistics.closure_sweep(graph, ORIGIN, DEST, closed_nodes=settings["closed_nodes"])
pool = logistics.closable_countries(graph, ORIGIN, DEST)
n_pool = len(pool)
assert len(sweep) == 1 + n_pool + n_pool * (n_pool - 1) // 2
assert (sweep["cost_index"].dropna() >= 1 - 1e-9).all()  # closing never makes a route cheaper
cut = sweep[~sweep["reachable"]]
worst = logistics.costliest_closures(sweep)
glue("nb01_sweep_n", len(sweep) - 1, display=False)
glue("nb01_sweep_countries", n_pool, display=False)
costliest = ("the costliest closure" if len(worst) == 1 else
             f"the {number_word(len(worst))} costliest closures")
if cut.empty:
    sweep_text = (f"none leaves {DEST_NAME} without a route; the table lists {costliest}."
                  if len(worst) else
                  f"none leaves {DEST_NAME} without a route or raises the cost.")
else:
    named = f" ({join_names(cut['scenario'])})" if len(cut) <= 3 else ""
    then = (f", then {costliest}, which still {'leaves' if len(worst) == 1 else 'leave'} a "
            "route" if len(worst) else "; no other closure raises the cost")
    sweep_text = (f"{count_noun(len(cut), 'closure')} {'leaves' if len(cut) == 1 else 'leave'} "
                  f"no route at all{named}; the table lists "
                  f"{'it' if len(cut) == 1 else 'them'} first{then}.")
glue("nb01_sweep_text", Plain(sweep_text), display=False)
pd.concat([cut, worst])[["scenario", "reachable", "cost_index", "families"]].round(
    {"cost_index": 2}).set_index("scenario").pipe(data.blank_missing)  # blank: no route

# %% [markdown]
# Of the {glue:text}`nb01_sweep_n` closures of one or two of the
# {glue:text}`nb01_sweep_countries` countries on the network, {glue:text}`nb01_sweep_text`
# A closure counts among the costliest only if it costs more than every smaller closure
# within it (a single country, more than nothing closed): many pairs cost exactly what
# closing one of their countries costs, because the second closure touches no route still
# in use.

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
    assert (n_cut, cut_sets) == (2, [("Kazakhstan", "Pakistan")])
    assert [c for c, _ in raise_alone] == ["Pakistan"] and not cut_alone
    # Latvia and Russia weigh the same once Pakistan is closed (one Baltic port), and both
    # closures then send the cargo by the Caucasus and the Caspian
    assert [c for c, _ in raise_with_pak] == ["Latvia", "Russia", "Uzbekistan"]
    assert abs(rise["Latvia"] - rise["Russia"]) < 1e-9 and round(rise["Latvia"]) == 36
    assert by_scenario.loc["Pakistan + Russia closed", "families"] == (
        "sea_approach;caucasus_caspian")
    assert logistics.overflown_by_every_flight(graph, ORIGIN) == [
        "Germany", "Kazakhstan", "Netherlands", "Poland", "Russia"]

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
glue("nb01_fact_conflicts", number_word(conflicts["conflict_group"].nunique()), display=False)
# The Pentagon's monthly cost before and during Pakistan's closure (row:AFGLOG-147), read
# from the table rather than typed, against the model's rise for closing Pakistan.
before, during = (int(v) for v in re.findall(r"\d+", facts.set_index("fact_id").loc[
    "AFGLOG-147", "value"])[:2])
closure_text = logistics.closure_vs_reported(pak_closed["cost_increase_pct"], before, during)
glue("nb01_closure_vs_reported", Plain(closure_text), display=False)
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
#   ratios. The air ratio is no independent check: A05's rationale sets air at five times
#   road with the reported ratio in view (airlift then comes out at roughly ten to fifteen
#   times the Pakistan route); and the northern ratio turns on A01 and A03 (section 6). The
#   model moves only distance; the reports include transit fees, tariffs, handling at each
#   border and security, which the model leaves out (assumption A16).
# - *The cost of Pakistan's closure.* Reported figures range from about $38 million to about
#   $100 million a month extra, and $17 million against $104 million a month before and during
#   the closure (`row:AFGLOG-146` to `row:AFGLOG-149`).
#   {glue:text}`nb01_closure_vs_reported`
# - *Length of the Pakistan route*: 2,000 km, 1,200 miles and 1,089 km in three sources
#   (section 4); the figures probably measure different legs.
#
# The model does not settle any of these disagreements. What it does is show how far distance
# alone explains the differences between routes, and so how much of the reported gap must
# come from fees, handling, security and capacity.

# %% [markdown]
# ## Exercises
#
# 1. Sections 6 and 7 found the route that takes over once Pakistan is closed, and the one
#    country whose closure would then cut Afghanistan off. Rerun the notebook with
#    `closed_countries=["Pakistan"]` and read sections 5 to 8 of your run. Why does every
#    route left depend on that one country? Use the map and `logistics.links_cut`, which
#    lists the links a closure removes, to say which rail, road, ferry and air links it
#    carries. The run (written outside the repository; `--student` leaves the worked
#    solutions out, see the README):
#
#    ```bash
#    .venv/bin/natoasia run 01 --student -p closed_countries '[Pakistan]'
#    ```
# 2. The analyst in `row:AFGLOG-145` put the northern route at about twice the cost of the
#    Pakistan route. Keeping the other assumptions, what rail cost per tonne-km would make
#    the model's northern corridor cost exactly twice the Pakistan corridor via Chaman? Is
#    that a plausible price for rail, or does the gap point to something else?
# 3. *One bridge or a whole country?* With Pakistan closed, close only the node `termez` (the
#    Friendship Bridge to Hairatan and the German air base at Termez); then close all of
#    Uzbekistan instead. Reason it out before you compute. Closing Uzbekistan removes every
#    link that closing `termez` removes, and more (`logistics.links_cut` lists them), so it
#    can never leave a cheaper route. Predict: could the two closures cost exactly the same,
#    and what would then have to be true of the route left after losing Termez? Then check:
#    which route and entry point take over in each case, at what cost, and which links does
#    the country's closure remove beyond the bridge's? What does the answer say about where
#    Uzbekistan's value to the network lies?
# 4. *Beyond the single point of failure.* With Pakistan closed, suppose Kazakhstan stays
#    open. Which pairs of further closures would still cut Afghanistan off? For each pair,
#    which routes does each country close, and why can airlift not get round it? The rule
#    for flights is assumption A13; `logistics.overflown_by_every_flight` and the air links
#    in `links` help.

# %% tags=["solution"]
# Exercise 1: the route once Pakistan is closed, the country it then hangs on, and the links
# that country carries
after_pak = logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan"], settings["closed_nodes"])
print(after_pak.path if after_pak else "no route is left once Pakistan is closed")
for country in with_pak.loc[with_pak["cut_off"], "country"]:
    removed = logistics.links_cut(graph, [country], settings["closed_nodes"])
    by_mode = removed["mode"].value_counts().sort_index()
    under = country in logistics.overflown_by_every_flight(graph, ORIGIN)
    print(f"closing {country} as well removes {len(removed)} links ("
          + ", ".join(f"{n} {mode}" for mode, n in by_mode.items()) + ") and leaves no route"
          + (f"; every flight from {ORIGIN} crosses it" if under else ""))
    display(removed[["link_id", "from", "to", "mode", "family"]].set_index("link_id"))

# %% tags=["solution"]
# Exercise 2: solve cost_north(rail) = 2 * cost_pakistan for the rail cost per tonne-km.
north_route = logistics.path_route(graph, logistics.CORRIDORS[north.name][1])
pak_route = logistics.path_route(graph, logistics.CORRIDORS["Pakistan via Chaman"][1])
non_rail = north_route.cost - north_route.km_by_mode["rail"] * settings["mode_costs"]["rail"]
rail_needed = (2 * pak_route.cost - non_rail) / north_route.km_by_mode["rail"]
print(f"rail cost per tonne-km for a ratio of 2: {rail_needed:.2f} (road = 1)")

# %% tags=["solution"]
# Exercise 3: one bridge or a whole country, with Pakistan closed
bridge = logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan"], ["termez"])
uzbek = logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan", "Uzbekistan"])
for closed, route in (("termez closed:    ", bridge), ("Uzbekistan closed:", uzbek)):
    print(closed, f"{route.path}, cost {route.cost:.0f}" if route else "no route left")
# Closing the country removes every link that closing the bridge removes, plus these:
by_bridge = logistics.links_cut(graph, closed_nodes=["termez"])
by_country = logistics.links_cut(graph, ["Uzbekistan"])
extra = by_country[~by_country["link_id"].isin(by_bridge["link_id"])]
display(extra[["link_id", "from", "to", "mode"]].set_index("link_id"))
# A bigger closure can never leave a cheaper route, so Uzbekistan's cost is at least the
# bridge's. If the route left after losing Termez needs no Uzbek territory, closing the rest
# of Uzbekistan cannot take it away either, and the two costs are equal. That is the lesson:
# in the network every surface route through Uzbekistan enters Afghanistan at Termez, and
# what the country's closure adds are flights, which at the default costs are far dearer
# than the route that takes over.
if bridge and uzbek:
    print(f"same cost: {abs(bridge.cost - uzbek.cost) < 1e-9}; route left after losing Termez "
          f"crosses Uzbekistan: {'Uzbekistan' in bridge.countries}; modes of the extra links: "
          f"{', '.join(sorted(set(extra['mode'])))}")

# %% tags=["solution"]
# Exercise 4: with Pakistan closed and Kazakhstan open, the pairs that still cut Afghanistan
# off; then where the flights go and what every flight crosses (A13)
others = [c for c in pool if c not in ("Pakistan", "Kazakhstan")]
pairs = [pair for pair in itertools.combinations(others, 2)
         if logistics.cheapest_route(graph, ORIGIN, DEST, ["Pakistan", *pair],
                                     settings["closed_nodes"]) is None]
overflown = logistics.overflown_by_every_flight(graph, ORIGIN)
print("every flight crosses:", ", ".join(overflown))
for pair in pairs:  # why airlift is no way round (the pair cuts every route, flights included)
    under = [c for c in pair if c in overflown]
    print(f"{' and '.join(pair)}: " + (f"{', '.join(under)} lies under every flight" if under
          else "no flight avoids both (each needs one of them, A13)"))
links.loc[links["mode"] == "air", ["link_id", "from_node", "to_node", "via_countries"]].set_index(
    "link_id")

# %% [markdown]
# ## Discussion questions
#
# 1. Weinrod (2008) notes that all Central Asian states gave some help, but names only some of
#    them for each kind. How should a table treat statements about "the Central Asian states"
#    as a group, and what would be lost by leaving them out?
# 2. {glue:text}`nb01_q2_premise` Is that a finding about the war or about the model's rules
#    ({glue:text}`nb01_q2_rules`, a single origin, no route through Turkmenistan)? How would
#    you find out?
# 3. The routes were not all open at the same time: the Manas base closed in 2014, the
#    Hairatan railway opened in 2010 or 2011, Russian transit ended in 2015. What would a
#    model that respects dates show that this one cannot?
# 4. Set the model's rise for closing Pakistan against the reported cost of the real closure
#    (see *Where the sources disagree*). What does the gap tell us about where the leverage
#    of transit states lies?
#
# ## Summary
#
# The Central Asian states joined NATO's dialogue in 1992 and its partnership in the
# mid-1990s (Tajikistan in 2002), but what made them matter after 2001 was basing,
# overflight and transit. A network of sourced routes, priced under assumptions stated in one
# table, shows why. At the default parameters the Pakistan route is the cheapest, by a margin
# that modestly different costs for sea or rail would erase (section 6); every
# surface alternative crosses Kazakhstan, and so does every flight from Western Europe, so
# once Pakistan is closed Kazakhstan is a single point of failure. Some of what the model
# shows is the model's own doing: with Pakistan closed, Latvia weighs as much as Russia only
# because Riga is its one Baltic port. Exercise 3 asks whether the bridge at Termez or the
# whole of Uzbekistan matters more, and why the model answers as it does. All costs are
# relative, and the reported cost of the real closure was much higher than distance alone
# explains. This summary describes the default run; rerun with other parameters and the
# sentences that comment on each table and chart change with the results.
#
# **What next:** [Global Partners](02_global_partners_constraints.ipynb),
# [China](03_china_engagement.ipynb); back to the [overview](00_overview.ipynb).
#
# ## References

# %%
used = sorted(set(cooperation["source_id"]) | set(nodes["source_id"]) | set(links["source_id"])
              | set(assumptions["source_id"]) | {"okabe2008"})
sources.References(used)  # a list with links on the site
