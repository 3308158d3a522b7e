"""The route model (natoasia.logistics) on small graphs with known answers, and the shipped
network's data: sources, positions, lengths and the assumptions table."""

from __future__ import annotations

import itertools
import math
import re

import networkx as nx
import pandas as pd
import pytest

from conftest import REPO, shared_sources
from natoasia import data, geo, logistics
from natoasia.logistics import AFGHANISTAN, Network, RouteError

FLAT = {m: 1.0 for m in logistics.MODES}  # circuity 1: lengths equal great-circle km
COSTS = {"sea": 0.1, "ferry": 0.3, "rail": 0.5, "road": 1.0, "air": 5.0}


def toy_network() -> Network:
    """o -> p -> x by road (200); o -> q -> x by rail via V (500 km at 0.5 = 250);
    o -> w (sea waypoint) -> r by sea (2000 km at 0.1 = 200) then r -> x by road (60);
    o -> x by air over V (100 km at 5 = 500). x is in Afghanistan."""
    nodes = pd.DataFrame([
        ("o", "Home", "origin", pd.NA), ("p", "P", "sea_port", pd.NA),
        ("q", "Q", "rail_hub", pd.NA), ("w", "Strait", "sea_waypoint", pd.NA),
        ("r", "R", "sea_port", pd.NA), ("x", AFGHANISTAN, "hub", pd.NA),
    ], columns=["node_id", "country", "kind", "leads_into"])
    links = pd.DataFrame([
        ("L1", "o", "p", "road", "a", 100.0, pd.NA),
        ("L2", "p", "x", "road", "a", 100.0, pd.NA),
        ("L3", "o", "q", "rail", "b", 300.0, pd.NA),
        ("L4", "q", "x", "rail", "b", 200.0, "V"),
        ("L5", "o", "w", "sea", "c", 1000.0, pd.NA),
        ("L6", "w", "r", "sea", "c", 1000.0, pd.NA),
        ("L7", "r", "x", "road", "c", 60.0, pd.NA),
        ("L8", "o", "x", "air", "air", 100.0, "V"),
    ], columns=["link_id", "from_node", "to_node", "mode", "family", "great_circle_km",
                "via_countries"])
    return Network(nodes, links)


@pytest.fixture
def toy():
    return logistics.build_graph(toy_network(), COSTS, FLAT)


@pytest.fixture(scope="module")
def shipped():
    return logistics.build_graph(logistics.load_network())


# --------------------------------------------------------------------------- toy graph


@pytest.mark.parametrize(
    ("closed", "path", "cost"),
    [
        ((), ("o", "p", "x"), 200.0),
        (("P",), ("o", "q", "x"), 250.0),
        (("P", "V"), ("o", "w", "r", "x"), 260.0),
        (("P", "Q"), ("o", "w", "r", "x"), 260.0),
        (("P", "R"), ("o", "q", "x"), 250.0),
        (("P", "R", "V"), None, None),
        (("P", "Q", "R"), ("o", "x"), 500.0),
    ],
)
def test_cheapest_route_under_country_closures(toy, closed, path, cost):
    route = logistics.cheapest_route(toy, "o", AFGHANISTAN, closed)
    if path is None:
        assert route is None
    else:
        assert route.nodes == path and route.cost == pytest.approx(cost)


def test_closing_a_node_and_a_specific_destination(toy):
    assert logistics.cheapest_route(toy, "o", AFGHANISTAN, (), ["p"]).nodes == ("o", "q", "x")
    route = logistics.cheapest_route(toy, "o", "r")
    assert route.nodes == ("o", "w", "r") and route.cost == pytest.approx(200.0)


def test_mode_costs_and_circuity_change_the_answer():
    network = toy_network()
    dear_road = logistics.build_graph(network, {**COSTS, "road": 3.0}, FLAT)
    assert logistics.cheapest_route(dear_road, "o").nodes == ("o", "q", "x")
    winding = logistics.build_graph(network, COSTS, {**FLAT, "road": 2.0})
    route = logistics.cheapest_route(winding, "o")
    assert route.nodes == ("o", "q", "x")
    assert winding.edges["o", "p"]["length_km"] == pytest.approx(200.0)
    assert winding.edges["o", "p"]["cost"] == pytest.approx(200.0)


def test_route_summary_countries_modes_and_legs(toy):
    route = logistics.cheapest_route(toy, "o", AFGHANISTAN, ["P", "V"])
    assert route.countries == ("Home", "R", AFGHANISTAN)  # the waypoint's country never counts
    assert route.km_by_mode == {"sea": pytest.approx(2000.0), "road": pytest.approx(60.0)}
    assert route.length_km == pytest.approx(2060.0) and route.links == ("L5", "L6", "L7")
    legs = logistics.route_table(toy, route)
    assert legs["cost"].tolist() == pytest.approx([100.0, 100.0, 60.0])
    assert legs["cost_share_pct"].sum() == pytest.approx(100.0)


def test_sea_waypoints_are_never_closable(toy):
    assert logistics.countries_on_network(toy) == [AFGHANISTAN, "Home", "P", "Q", "R", "V"]
    assert logistics.closable_countries(toy, "o") == ["P", "Q", "R", "V"]
    route = logistics.cheapest_route(toy, "o", AFGHANISTAN, ["P", "Q", "Strait"])
    assert route.nodes == ("o", "w", "r", "x")


def test_a_border_crossing_leading_into_afghanistan_is_a_point_of_entry():
    nodes = pd.DataFrame([("o", "Home", "origin", pd.NA),
                          ("c", "P", "border_crossing", AFGHANISTAN),
                          ("d", "P", "border_crossing", "Iran")],
                         columns=["node_id", "country", "kind", "leads_into"])
    links = pd.DataFrame([("L1", "o", "c", "road", "a", 10.0, pd.NA),
                          ("L2", "o", "d", "road", "a", 1.0, pd.NA)],
                         columns=["link_id", "from_node", "to_node", "mode", "family",
                                  "great_circle_km", "via_countries"])
    graph = logistics.build_graph(Network(nodes, links), COSTS, FLAT)
    assert logistics.cheapest_route(graph, "o").nodes == ("o", "c")


def test_criticality_alone_and_given_a_closure(toy):
    alone = logistics.criticality(toy, "o").set_index("country")
    assert alone.loc["P", "increase_pct"] == pytest.approx(25.0)
    assert alone.loc[["Q", "R", "V"], "increase_pct"].tolist() == [0.0, 0.0, 0.0]
    given = logistics.criticality(toy, "o", given=["P"])
    assert given["country"].tolist() == ["Q", "V", "R"]  # ties by name, largest first
    assert given["increase_pct"].tolist() == pytest.approx([4.0, 4.0, 0.0])
    cut = logistics.criticality(toy, "o", given=["P", "R"])
    assert cut["country"].tolist() == ["V", "Q"]  # a closure that cuts off comes first
    assert cut["cut_off"].tolist() == [True, False]


def test_criticality_chart_marks_the_given_closure_as_already_closed(toy):
    """P is the given closure: its slot in that case says so instead of staying empty."""
    import matplotlib.pyplot as plt

    alone = logistics.criticality(toy, "o")
    given = logistics.criticality(toy, "o", given=["P"])
    fig = logistics.plot_criticality(alone, given, "with P closed", "Toy", "toy network")
    ax = fig.axes[0]
    rows = {t.get_text(): i for i, t in enumerate(ax.get_yticklabels())}
    marked = [t for t in ax.texts if t.get_text() == "already closed in this case"]
    assert [t.get_position()[1] for t in marked] == [pytest.approx(rows["P"] - 0.2)]
    plt.close(fig)


@pytest.mark.parametrize("modelled, verdict",
                         [(4300, "high"), (3700, "low"), (4100, "about right")])
def test_length_verdict_follows_the_numbers(modelled, verdict):
    """01's check of the circuity factors once said 'looks high' whatever the factors gave."""
    assert logistics.length_verdict(modelled, 4000) == verdict


def test_country_disjoint_routes_are_disjoint_and_cheapest_first(toy):
    routes = logistics.country_disjoint_routes(toy, "o")
    assert [r.nodes for r in routes] == [("o", "p", "x"), ("o", "q", "x"), ("o", "w", "r", "x")]
    transit = [set(r.countries) - {"Home", AFGHANISTAN} for r in routes]
    assert all(not (a & b) for a, b in itertools.combinations(transit, 2))


def test_closure_sweep_rows_order_and_values(toy):
    sweep = logistics.closure_sweep(toy, "o")
    assert len(sweep) == 1 + 4 + 6 and list(sweep.columns) == logistics.SWEEP_COLUMNS
    assert sweep["scenario"].tolist()[:6] == ["baseline (nothing closed)", "P", "Q", "R", "V",
                                              "P + Q"]
    by = sweep.set_index("scenario")
    assert by.loc["P + V", "cost_index"] == pytest.approx(1.3)
    assert by.loc["P + V", "families"] == "c"
    assert not (sweep["reachable"] == False).any()  # noqa: E712 - no pair cuts the toy graph
    three = logistics.closure_sweep(toy, "o", max_closed=3).set_index("scenario")
    assert not three.loc["P + R + V", "reachable"] and len(three) == 1 + 4 + 6 + 4


def test_costliest_closures_leave_out_closures_that_add_nothing_to_their_parts(toy):
    sweep = logistics.closure_sweep(toy, "o")
    # P alone costs 1.25; P + R costs the same (R adds nothing), Q, R and V alone cost 1.0
    assert logistics.costliest_closures(sweep)["scenario"].tolist() == ["P + Q", "P + V", "P"]
    assert logistics.costliest_closures(sweep, n=1)["scenario"].tolist() == ["P + Q"]
    three = logistics.closure_sweep(toy, "o", max_closed=3)
    assert "P + Q + V" not in set(logistics.costliest_closures(three, n=20)["scenario"])


def test_scenario_table_keeps_names_and_order(toy):
    table = logistics.scenario_table(toy, "o", {"all open": [], "no P": ["P"]})
    assert table["scenario"].tolist() == ["all open", "no P"]
    assert table["cost_increase_pct"].tolist() == pytest.approx([0.0, 25.0])


def test_fixed_node_closures_apply_to_scenarios_criticality_and_corridors(toy):
    # with p closed the baseline is o-q-x (250); closing P then changes nothing
    table = logistics.scenario_table(toy, "o", {"open": [], "no P": ["P"]}, closed_nodes=["p"])
    assert table["cost"].tolist() == pytest.approx([250.0, 250.0])
    assert table["cost_increase_pct"].tolist() == pytest.approx([0.0, 0.0])
    # with q closed: reference o-p-x (200); closing P leaves the sea route (260), +30 %
    crit = logistics.criticality(toy, "o", closed_nodes=["q"]).set_index("country")
    assert crit.loc["P", "increase_pct"] == pytest.approx(30.0)
    assert crit.loc["V", "increase_pct"] == pytest.approx(0.0)
    assert bool(logistics.criticality(toy, "o", given=["P"], closed_nodes=["q", "r"])
                .set_index("country").loc["V", "cut_off"])
    corridors = {"road": ("a", ("o", "p", "x")), "air": ("air", ("o", "x"))}
    # sorted by cost: the road corridor (closed at p) first, then the flight (open)
    table = logistics.corridor_table(toy, corridors, closed_nodes=["p"])
    assert table["corridor"].tolist() == ["road", "air"]
    assert table["open"].tolist() == [False, True]


def test_minimal_cuts_find_the_smallest_sets(toy):
    # every route must lose a country: P (road), R (sea), and V for both the rail line via V
    # and the flight over V; {P, R, V} is the only set of three, and no pair does it
    assert logistics.minimal_cuts(toy, "o") == (3, [("P", "R", "V")])
    assert logistics.minimal_cuts(toy, "o", max_size=2) == (None, [])
    assert logistics.minimal_cuts(toy, "o", AFGHANISTAN, ["P"]) == (2, [("R", "V")])
    assert logistics.minimal_cuts(toy, "o", AFGHANISTAN, ["P", "R"]) == (1, [("V",)])
    assert logistics.minimal_cuts(toy, "o", AFGHANISTAN, ["P", "R", "V"]) == (0, [()])
    # with q and p closed, only the sea route and the flight remain: R and V each cut one
    assert logistics.minimal_cuts(toy, "o", AFGHANISTAN, (), ["p", "q"]) == (2, [("R", "V")])


def test_flights_and_the_links_a_closure_removes(toy):
    assert logistics.overflown_by_every_flight(toy, "o") == ["V"]
    assert logistics.overflown_by_every_flight(toy, "q") == []  # no flight leaves q
    assert logistics.flights_from(toy, "q") == []
    assert logistics.flights_from(toy, "o") == ["L8"]  # the toy's one flight, over V
    assert logistics.links_cut(toy, ["V"])["link_id"].tolist() == ["L4", "L8"]
    cut = logistics.links_cut(toy, ["Q"], ["r"])
    assert cut["link_id"].tolist() == ["L3", "L4", "L6", "L7"]
    assert cut.set_index("link_id").loc["L4", "cost"] == pytest.approx(100.0)  # 200 km rail
    assert logistics.links_cut(toy).empty


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"origin": "nowhere"}, "unknown origin 'nowhere'"),
        ({"destination": "nowhere"}, "unknown destination 'nowhere'"),
        ({"closed_countries": ["Home"]}, "the origin 'o' lies in a closed country (Home)"),
        ({"closed_nodes": ["o"]}, "the origin 'o' is itself among the closed nodes"),
        ({"destination": "r", "closed_countries": ["R"]}, "the destination 'r' lies in a closed"),
    ],
)
def test_bad_route_requests_are_named(toy, kwargs, message):
    request = {"origin": "o", "destination": AFGHANISTAN, **kwargs}
    with pytest.raises(RouteError) as info:
        logistics.cheapest_route(toy, **request)
    assert message in str(info.value)


def test_bad_costs_are_refused():
    with pytest.raises(RouteError, match="mode_costs: unknown mode 'boat'"):
        logistics.resolve_costs({"boat": 1.0})
    with pytest.raises(RouteError, match=r"circuity\['air'\] = 0.5: expected a number >= 1.0"):
        logistics.resolve_costs(None, {"air": 0.5})
    with pytest.raises(RouteError, match=r"mode_costs\['sea'\] = -1"):
        logistics.resolve_costs({"sea": -1})


def test_path_route_and_corridor_table(toy):
    corridors = {"road": ("a", ("o", "p", "x")), "air": ("air", ("o", "x"))}
    table = logistics.corridor_table(toy, corridors, closed_countries=["V"])
    assert table["corridor"].tolist() == ["road", "air"]
    assert table["cost_index"].tolist() == pytest.approx([1.0, 2.5])
    assert table["open"].tolist() == [True, False]
    with pytest.raises(RouteError, match="no link from 'p' to 'q'"):
        logistics.path_route(toy, ["o", "p", "q"])


def test_cooperation_matrix_years_and_marks():
    coop = pd.DataFrame({
        "country": ["Kazakhstan", "Kazakhstan", "Kazakhstan", "Russia", "Uzbekistan"],
        "kind": ["pfp_entry", "pfp_entry", "training_centre", "transit", "science"],
        "first_year": pd.array([1995, 1994, pd.NA, pd.NA, pd.NA], dtype="Int64"),
        "status": ["in_place", "in_place", "planned", "in_place", "in_place"],
        "attribution": ["named", "named", "named", "named", "collective"],
        "conflict_group": ["kaz", "kaz", pd.NA, pd.NA, pd.NA],
    })
    years, labels = logistics.cooperation_matrix(coop)
    assert years.loc["Kazakhstan", "Partnership for Peace"] == 1994
    assert labels.loc["Kazakhstan", "Partnership for Peace"] == "1994*"
    assert labels.loc["Kazakhstan", "Training centre"] == "planned"
    assert labels.loc["Russia", "Transit"] == "yes" and math.isnan(years.loc["Russia", "Transit"])
    assert labels.loc["Uzbekistan", "Science (SPS)"] == "yes†"
    assert labels.loc["Tajikistan"].eq("").all() and list(years.index) == list(logistics.STATES)


# --------------------------------------------------------------------------- shipped network


def test_shipped_baseline_equals_a_hand_computation(shipped):
    links = data.load("logistics_links").set_index("link_id")
    km = links["great_circle_km"]
    sea = km[["L01", "L02", "L03", "L04", "L05"]].sum() * 1.1 * 0.1
    road = km["L10"] * 1.3 * 1.0
    route = logistics.cheapest_route(shipped, logistics.DEFAULT_ORIGIN)
    assert route.links == ("L01", "L02", "L03", "L04", "L05", "L10")
    assert route.cost == pytest.approx(sea + road)
    north = logistics.cheapest_route(shipped, logistics.DEFAULT_ORIGIN, AFGHANISTAN, ["Pakistan"])
    expected = km["L08"] * 1.1 * 0.1 + km[["L13", "L14", "L15"]].sum() * 1.25 * 0.5
    assert north.links == ("L08", "L13", "L14", "L15") and north.cost == pytest.approx(expected)


def test_greedy_disjoint_routes_match_an_exhaustive_search(shipped):
    origin = logistics.DEFAULT_ORIGIN
    shared = {"Belgium", AFGHANISTAN}
    transit_sets = set()
    for path in nx.all_simple_paths(shipped, origin, logistics._SINK):
        route = logistics._route(shipped, [n for n in path if n != logistics._SINK], 0.0)
        transit_sets.add(frozenset(set(route.countries) - shared))
    best = 0
    sets = sorted(transit_sets, key=sorted)
    for k in range(1, 5):
        if any(all(not (a & b) for a, b in itertools.combinations(combo, 2))
               for combo in itertools.combinations(sets, k)):
            best = k
    assert len(logistics.country_disjoint_routes(shipped, origin)) == best == 2


def test_shipped_sweep_size_and_monotonicity(shipped):
    sweep = logistics.closure_sweep(shipped, logistics.DEFAULT_ORIGIN)
    n = len(logistics.closable_countries(shipped, logistics.DEFAULT_ORIGIN))
    assert n == 15 and len(sweep) == 1 + n + n * (n - 1) // 2
    assert (sweep["cost_index"].dropna() >= 1 - 1e-12).all()
    assert sweep.loc[~sweep["reachable"], "scenario"].tolist() == ["Kazakhstan + Pakistan"]


def test_shipped_minimal_cuts_agree_with_the_sweep(shipped):
    origin = logistics.DEFAULT_ORIGIN
    sweep = logistics.closure_sweep(shipped, origin)
    fatal = [tuple(s.split(";")) for s in sweep.loc[~sweep["reachable"], "closed"]]
    assert logistics.minimal_cuts(shipped, origin) == (2, fatal) == (2, [("Kazakhstan",
                                                                          "Pakistan")])
    assert logistics.minimal_cuts(shipped, origin, AFGHANISTAN, ["Pakistan"]) == (
        1, [("Kazakhstan",)])
    # with Uzbekistan closed the route through Kyrgyzstan and Tajikistan carries the north
    assert logistics.minimal_cuts(shipped, origin, AFGHANISTAN, ["Uzbekistan"]) == (
        2, [("Kazakhstan", "Pakistan"), ("Kyrgyzstan", "Pakistan"), ("Pakistan", "Tajikistan")])


def test_every_flight_from_the_origin_crosses_kazakhstan_and_russia(shipped):
    # independently from the links file: countries under each flight plus where it lands
    nodes = data.load("logistics_nodes").set_index("node_id")
    links = data.load("logistics_links")
    flights = links[(links["mode"] == "air") & (links["from_node"] == "western_europe")]
    needs = [set(str(v).split(";")) | {nodes.loc[to, "country"]}
             for v, to in zip(flights["via_countries"], flights["to_node"], strict=True)]
    expected = set.intersection(*needs) - {"Belgium", AFGHANISTAN}
    assert logistics.overflown_by_every_flight(shipped, "western_europe") == sorted(expected)
    assert {"Kazakhstan", "Russia"} <= expected


def test_with_pakistan_closed_latvia_costs_as_much_as_russia(shipped):
    # one Baltic port: closing Latvia or Russia both leave the Caucasus route to Termez
    caucasus = logistics.path_route(shipped, logistics.CORRIDORS["Caucasus–Caspian to Termez"][1])
    crit = logistics.criticality(shipped, logistics.DEFAULT_ORIGIN, given=["Pakistan"])
    cost = crit.set_index("country")["cost"]
    assert cost["Latvia"] == pytest.approx(caucasus.cost) and cost["Russia"] == pytest.approx(
        caucasus.cost)
    ports = data.load("logistics_nodes").query("kind == 'sea_port'")
    assert ports.loc[ports["country"] == "Latvia", "node_id"].tolist() == ["riga"]


def test_closing_termez_costs_as_much_as_closing_uzbekistan(shipped):
    origin = logistics.DEFAULT_ORIGIN
    bridge = logistics.cheapest_route(shipped, origin, AFGHANISTAN, ["Pakistan"], ["termez"])
    country = logistics.cheapest_route(shipped, origin, AFGHANISTAN, ["Pakistan", "Uzbekistan"])
    kkt = logistics.path_route(shipped, logistics.CORRIDORS[
        "KKT: Riga–Russia–Kazakhstan–Kyrgyzstan–Tajikistan"][1])
    assert bridge.nodes == country.nodes == kkt.nodes and "Uzbekistan" not in bridge.countries
    assert bridge.cost == pytest.approx(country.cost) == pytest.approx(kkt.cost)
    # what the country's closure removes beyond the bridge's: flights only
    by_bridge = set(logistics.links_cut(shipped, closed_nodes=["termez"])["link_id"])
    by_country = logistics.links_cut(shipped, ["Uzbekistan"]).set_index("link_id")
    assert by_bridge < set(by_country.index)
    assert by_country.drop(index=sorted(by_bridge))["mode"].unique().tolist() == ["air"]
    # every link into Termez or onward from an Uzbek node runs through Termez
    links = data.load("logistics_links")
    uzbek = set(data.load("logistics_nodes").query("country == 'Uzbekistan'")["node_id"])
    surface = links[(links["mode"] != "air") & (links["from_node"].isin(uzbek)
                                                | links["to_node"].isin(uzbek))]
    assert ((surface["from_node"] == "termez") | (surface["to_node"] == "termez")).all()


def test_defaults_equal_the_assumptions_table():
    table = data.load("logistics_assumptions")
    for parameter, defaults in (("mode_costs", logistics.DEFAULT_MODE_COSTS),
                                ("circuity", logistics.DEFAULT_CIRCUITY)):
        rows = table[table["parameter"] == parameter]
        assert dict(zip(rows["key"], rows["default_value"], strict=True)) == defaults
    tolerance = table.loc[table["parameter"] == "length_tolerance", "default_value"]
    assert tolerance.tolist() == [logistics.DEFAULT_LENGTH_TOLERANCE]


def test_reported_lengths_are_read_in_km():
    facts = data.load("logistics_facts")
    assert logistics.reported_km(facts, "AFGLOG-048") == 4000.0  # reported in km
    assert logistics.reported_km(facts, "AFGLOG-002") == pytest.approx(1931.2128)  # 1,200 miles
    with pytest.raises(ValueError, match=r"AFGLOG-071: unit 'flights/year' is not a length; "
                                         r"accepted: km, miles"):
        logistics.reported_km(facts, "AFGLOG-071")


def _facts_cited(frame: pd.DataFrame) -> set[str]:
    found = set()
    for column in ("locator", "backing"):
        for value in frame.get(column, pd.Series(dtype="string")).dropna():
            found |= set(re.findall(r"AFGLOG-\d{3}", value))
    return found


def test_every_cited_fact_is_shipped_and_weak_rows_are_backed():
    facts = data.load("logistics_facts").set_index("fact_id")
    strength = facts["source_strength"].to_dict()
    for name in ("logistics_nodes", "logistics_links", "central_asia_cooperation",
                 "logistics_assumptions"):
        table = data.load(name)
        assert _facts_cited(table) <= set(facts.index), name
        if "backing" not in table:
            continue
        for row in table.itertuples():
            match = re.fullmatch(r"row:(AFGLOG-\d{3})", row.locator)
            if match and strength[match[1]] == "weak":
                backing = re.findall(r"AFGLOG-\d{3}", "" if pd.isna(row.backing) else row.backing)
                assert any(strength[b] != "weak" for b in backing), (name, row.locator)


def test_node_positions_are_natural_earth_places_and_lengths_haversine():
    nodes = data.load("logistics_nodes").set_index("node_id")
    for node in nodes.itertuples():
        assert (node.latitude, node.longitude) == geo.place(node.ne_place, node.ne_country)
        own_place = node.position_basis == "natural_earth_place"
        assert own_place == pd.isna(node.position_note)
    links = data.load("logistics_links")
    for link in links.itertuples():
        a, b = nodes.loc[link.from_node], nodes.loc[link.to_node]
        km = geo.haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)
        assert link.great_circle_km == pytest.approx(round(km, 1), abs=0.051), link.link_id


def test_air_links_overfly_the_countries_under_their_great_circle():
    nodes = data.load("logistics_nodes").set_index("node_id")
    names = geo.countries().set_index("adm0_a3")["name"]
    links = data.load("logistics_links")
    air = links[links["via_basis"] == "great_circle_natural_earth"]
    assert set(air["mode"]) == {"air"} and len(air) == (links["mode"] == "air").sum()
    for link in air.itertuples():
        a, b = nodes.loc[link.from_node], nodes.loc[link.to_node]
        skip = {a.country, b.country, names[a.ne_country], names[b.ne_country]}
        crossed = geo.countries_crossed(a.latitude, a.longitude, b.latitude, b.longitude)
        expected = [c for c in crossed if c not in skip]
        listed = [] if pd.isna(link.via_countries) else link.via_countries.split(";")
        assert listed == expected, link.link_id


def test_corridors_are_paths_of_the_shipped_network(shipped):
    table = logistics.corridor_table(shipped)
    assert len(table) == len(logistics.CORRIDORS) and table["cost_index"].iloc[0] == 1.0
    families = set(data.load("logistics_links")["family"]) - {"sea_approach"}
    assert {family for family, _ in logistics.CORRIDORS.values()} == families


def test_cooperation_rows_match_their_staged_sources():
    staged = shared_sources()
    milestones = pd.read_csv(staged / "nato_partnerships" / "nato_asia_partnership_milestones.csv",
                             dtype=str)
    coop = data.load("central_asia_cooperation")
    rows = coop[coop["source_id"] == "nato_partnership_milestones"]
    for row in rows.itertuples():
        n = int(re.search(r";row:(\d+)", row.locator)[1])
        record = milestones.iloc[n - 1]
        assert record["partner"] == row.country
        if ";column:note" not in row.locator:
            assert record["date"] == row.date
        else:  # the unverified 1994 date lives in the note of the Kazakhstan row
            assert "27 May 1994" in record["note"] and row.date == "1994-05-27"
    facts = pd.read_csv(staged / "logistics" / "afghanistan_supply_routes_facts.csv", dtype=str,
                        keep_default_na=False).set_index("fact_id")
    # "copied unchanged": every column shared with the staged file, read as raw text; the
    # staged source_title is the only staged column left out (the description says so)
    shipped = pd.read_csv(REPO / "data" / "logistics_facts.csv", dtype=str,
                          keep_default_na=False).set_index("fact_id")
    assert set(facts.columns) - set(shipped.columns) == {"source_title"}
    shared = [column for column in shipped.columns if column in facts.columns]
    assert {"topic", "subject", "attribute", "value", "unit", "date_or_period", "note",
            "source_publisher", "source_date", "source_url"} <= set(shared)
    for column in shared:
        changed = [fid for fid in shipped.index if shipped.at[fid, column] != facts.at[fid, column]]
        assert not changed, f"logistics_facts.{column} differs from the staged file: {changed}"


def test_weinrod_locators_point_at_paragraphs_that_state_the_year(seed_corpus):
    coop = data.load("central_asia_cooperation")
    rows = coop[(coop["source_id"] == "weinrod2008") & coop["first_year"].notna()]
    assert len(rows) >= 10
    for row in rows.itertuples():
        text = seed_corpus.paragraph(row.locator).text
        assert str(row.first_year) in text, row.coop_id


def test_cli_sweep_writes_the_closure_table(tmp_path, capsys):
    from natoasia import cli

    out = tmp_path / "sweep.csv"
    assert cli.main(["sweep", "logistics", "--mode-cost", "air=10", "--circuity", "road=1.4",
                     "--out", str(out)]) == 0
    written = pd.read_csv(out, keep_default_na=False)
    graph = logistics.build_graph(logistics.load_network(), {"air": 10.0}, {"road": 1.4})
    expected = logistics.closure_sweep(graph, logistics.DEFAULT_ORIGIN)
    assert written["scenario"].tolist() == expected["scenario"].tolist()
    reachable = expected["reachable"]
    assert written.loc[reachable, "cost"].astype(float).tolist() == pytest.approx(
        expected.loc[reachable, "cost"].tolist(), abs=1e-4)
    assert "wrote" in capsys.readouterr().out
    assert cli.main(["sweep", "logistics", "--mode-cost", "air", "--out", str(out)]) == 2
    assert "expected MODE=NUMBER" in capsys.readouterr().err
    assert cli.main(["sweep", "logistics", "--origin", "london", "--out", str(out)]) == 2
    assert "parameter 'origin': unknown value 'london'" in capsys.readouterr().err
    # Kandahar is reached only through Pakistan: the notebook refuses it (its scenarios close
    # Pakistan), but the sweep has no such scenarios and writes its table.
    assert cli.main(["sweep", "logistics", "--destination", "kandahar", "--out", str(out)]) == 0
    kandahar = pd.read_csv(out, keep_default_na=False).set_index("scenario")
    assert kandahar.loc["Pakistan", "reachable"] in (False, "False")


def test_break_even_finds_where_the_cheapest_route_stops_needing_a_country():
    """Toy: P's road route costs 200, the rail route 500 km x rail; so closing P costs
    nothing once rail falls to 0.4, and the sea route (200 + 60 x road) never undercuts
    P's 200 x road before the rail route does as road rises (250 = 200 x 1.25)."""
    network = toy_network()
    assert logistics.needs_country(network, "P", COSTS, FLAT, "o")
    assert not logistics.needs_country(network, "P", {**COSTS, "rail": 0.3}, FLAT, "o")
    rail = logistics.break_even(network, "P", "rail", 0.25, 1.0, COSTS, FLAT, "o")
    assert rail == pytest.approx(0.4, abs=1e-4)
    road = logistics.break_even(network, "P", "road", 0.5, 2.0, COSTS, FLAT, "o")
    assert road == pytest.approx(1.25, abs=1e-4)
    assert logistics.break_even(network, "P", "air", 2.5, 10.0, COSTS, FLAT, "o") is None


def test_break_even_of_the_shipped_model_at_the_defaults():
    """Notebook 01, section 6: the Pakistan route is the cheapest only within a narrow band
    of the two round numbers A01 (sea) and A03 (rail)."""
    network = logistics.load_network()
    costs = logistics.DEFAULT_MODE_COSTS
    assert logistics.needs_country(network, "Pakistan")
    rail = logistics.break_even(network, "Pakistan", "rail", costs["rail"] / 2, costs["rail"])
    sea = logistics.break_even(network, "Pakistan", "sea", costs["sea"], 2 * costs["sea"])
    assert 0.36 < rail < 0.37 and 0.16 < sea < 0.17


def test_break_even_within_factor_two_looks_below_the_assumption_first():
    network = toy_network()
    # rail assumed 0.5: the switch at 0.4 lies between half (0.25) and 0.5
    assert logistics.break_even_within_factor_two(network, "P", "rail", COSTS, FLAT,
                                                  "o") == pytest.approx(0.4, abs=1e-4)
    # road assumed 1: no switch in [0.5, 1], the one at 1.25 lies in [1, 2]
    assert logistics.break_even_within_factor_two(network, "P", "road", COSTS, FLAT,
                                                  "o") == pytest.approx(1.25, abs=1e-4)
    assert logistics.break_even_within_factor_two(network, "P", "air", COSTS, FLAT, "o") is None
    free_rail = {**COSTS, "rail": 0}
    assert logistics.break_even_within_factor_two(network, "P", "rail", free_rail, FLAT,
                                                  "o") is None


@pytest.mark.parametrize(("rise", "start"), [
    (95.0, "The model's rise of 95 % is far smaller than the rise in the Pentagon's monthly "
           "figures, from $17 million to $104 million (about 512 %): the reported costs"),
    (0.3, "The model's rise of 0.3 % is far smaller"),  # not "0 %"
    (600.0, "The model's rise of 600 % is larger than the rise"),
    (0.0, "In this run closing Pakistan does not raise the model's cost at all: the cheapest "
          "route does not need Pakistan, so the model has nothing to set against the rise in "
          "the Pentagon's monthly figures, from $17 million to $104 million (about 512 %)."),
])
def test_closure_vs_reported_says_when_there_is_nothing_to_compare(rise, start):
    """`natoasia run 01 -p origin baku` (or any run whose route avoids Pakistan) read "The
    model's rise of 0 % is far smaller than ...: the reported costs include transit fees",
    blaming a gap that the route's not crossing Pakistan explains."""
    text = logistics.closure_vs_reported(rise, 17, 104)
    assert text.startswith(start)
    assert ("A16" in text) == (0 < rise < 512)


@pytest.mark.parametrize(("cost", "decimals"), [(2632.4, 0), (100.0, 0), (99.0, 1), (5.35, 2),
                                                (5.354895e-06, 8), (0.0, 0)])
def test_cost_decimals_never_shows_a_route_costing_0(cost, decimals):
    """`natoasia run 01 -p mode_costs '{sea: 1e-9, ferry: 1e-9, rail: 1e-9, road: 1e-9,
    air: 1e-9}'` said the route cost "0 relative cost units"."""
    assert logistics.cost_decimals(cost) == decimals
    if cost:
        assert float(f"{cost:.{decimals}f}") > 0


def test_assumptions_table_shows_a_tiny_cost_as_it_is():
    """`natoasia run 01 -p mode_costs '{air: 1e-9}'` listed the cost used as "0.0"."""
    table = logistics.assumptions_table(data.load("logistics_assumptions"),
                                        {**logistics.DEFAULT_MODE_COSTS, "air": 1e-9},
                                        logistics.DEFAULT_CIRCUITY)
    costs = table[table["parameter"] == "mode_costs"]
    used = dict(zip(costs["key"], costs["value_used"], strict=True))
    assert used["air"] == "1e-09" and used["sea"] == 0.1 and used["road"] == 1.0
    rules = table.loc[table["parameter"] == "routing", "value_used"]
    assert rules.isna().all()  # not "nan" text: the notebook blanks them
