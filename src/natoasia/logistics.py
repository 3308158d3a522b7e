"""The supply-route network into Afghanistan as a networkx graph, and what closures do to it.

Model
-----
Nodes are ports, border crossings, air bases and hubs (``data/logistics_nodes.csv``); links
are directed legs in the supply direction with a mode and a route family
(``data/logistics_links.csv``). A link's length is its great-circle length (``natoasia.geo``)
times a per-mode **circuity factor**; its cost is that length times a per-mode **cost per
km**. Both are assumptions (``data/logistics_assumptions.csv``), not sourced numbers: costs
are in *relative cost units* where 1 unit = moving one tonne one kilometre by road, so only
ratios between routes mean anything.

A country closure removes every node in that country and every link that runs through it
(a link needs the countries of its two end nodes plus its ``via_countries``: countries it
crosses on the ground as the sources describe, or overflies along its great circle). Sea-lane
waypoints are never closed (international straits are assumed open). The destination
``"Afghanistan"`` means "any point of entry": a node inside Afghanistan or a border crossing
that leads into it; routes end where they first enter the country.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx
import pandas as pd

MODES = ("sea", "ferry", "rail", "road", "air")
COST_UNIT = "relative cost units per tonne-km (road = 1)"
AFGHANISTAN = "Afghanistan"  # destination meaning "any point of entry into Afghanistan"
_SINK = "__entry_into_afghanistan__"
UNCLOSABLE_KINDS = ("sea_waypoint",)
DEFAULT_ORIGIN = "western_europe"

# Defaults of the two assumption families; data/logistics_assumptions.csv documents each one
# (value, unit, rationale) and a test keeps the two in step.
DEFAULT_MODE_COSTS = {"sea": 0.1, "ferry": 0.3, "rail": 0.5, "road": 1.0, "air": 5.0}
DEFAULT_CIRCUITY = {"sea": 1.1, "ferry": 1.1, "rail": 1.25, "road": 1.3, "air": 1.05}
# How far a modelled length may stray from a reported one and still read "about right"
# (a share of the reported length; assumption A18).
DEFAULT_LENGTH_TOLERANCE = 0.05
KM_PER_UNIT = {"km": 1.0, "miles": 1.609344}  # the international mile, exact by definition


# Where each node's map label sits, in points from the node (several nodes share a place).
LABEL_OFFSETS = {
    "termez": (-36, 3), "mazar": (-52, -9), "kabul": (-10, 5), "torkham": (5, 2),
    "kandahar": (-46, 2), "chaman": (5, -3), "nizhny_panj": (4, -9), "dushanbe": (4, 3),
    "navoi": (-30, 3), "bishkek": (-30, 6), "baku": (5, -7), "aktau": (5, 3),
    "samara": (5, 3), "moscow": (5, 3), "riga": (5, 3), "poti": (-6, 6),
    "karachi": (5, -3), "western_europe": (5, 3),
}


# The named closures notebook 01 compares (name -> closed countries); origins and
# destinations must lie outside these countries for every scenario to make sense.
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
SCENARIO_COUNTRIES = sorted({c for closed in SCENARIOS.values() for c in closed})


class RouteError(ValueError):
    """A route request the network cannot answer (unknown node, closed origin, ...)."""


@dataclass(frozen=True)
class Network:
    """The two tables of the route network."""

    nodes: pd.DataFrame
    links: pd.DataFrame

    @property
    def node_ids(self) -> list[str]:
        return sorted(self.nodes["node_id"])

    @property
    def node_country(self) -> dict[str, str]:
        return dict(zip(self.nodes["node_id"], self.nodes["country"], strict=True))


@dataclass(frozen=True)
class Route:
    """One cheapest route: its nodes, links, cost, length and what it depends on."""

    nodes: tuple[str, ...]
    links: tuple[str, ...]
    cost: float
    length_km: float
    countries: tuple[str, ...]  # every country the route needs, in order of first use
    families: tuple[str, ...]
    km_by_mode: dict[str, float] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return " → ".join(self.nodes)


def load_network(folder=None) -> Network:
    """The shipped network from the data package (validated against its schema)."""
    from natoasia import data

    return Network(data.load("logistics_nodes", folder), data.load("logistics_links", folder))


def _split(value) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return []
    return [v for v in str(value).split(";") if v]


def resolve_costs(mode_costs: Mapping[str, float] | None = None,
                  circuity: Mapping[str, float] | None = None) -> tuple[dict, dict]:
    """Defaults overlaid with the given values; unknown modes and bad numbers refused."""
    costs, factors = dict(DEFAULT_MODE_COSTS), dict(DEFAULT_CIRCUITY)
    for name, given, target, low in (("mode_costs", mode_costs, costs, 0.0),
                                     ("circuity", circuity, factors, 1.0)):
        for mode, value in (given or {}).items():
            if mode not in MODES:
                raise RouteError(f"{name}: unknown mode {mode!r}; modes: {', '.join(MODES)}")
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < low:
                raise RouteError(f"{name}[{mode!r}] = {value!r}: expected a number >= {low}")
            target[mode] = float(value)
    return costs, factors


def build_graph(network: Network, mode_costs: Mapping[str, float] | None = None,
                circuity: Mapping[str, float] | None = None) -> nx.DiGraph:
    """The directed graph with per-link ``length_km`` and ``cost`` under the given assumptions.

    Each edge also carries ``mode``, ``family``, ``link_id``, ``great_circle_km`` and
    ``countries`` (a frozenset of the countries whose closure cuts it). Node attributes are
    ``country``, ``kind`` and ``closable``. A zero-cost edge from every point of entry into
    Afghanistan leads to an internal sink used for ``destination="Afghanistan"``.
    """
    costs, factors = resolve_costs(mode_costs, circuity)
    graph = nx.DiGraph(mode_costs=costs, circuity=factors)
    closable = {}
    for row in network.nodes.itertuples():
        closable[row.node_id] = row.kind not in UNCLOSABLE_KINDS
        entry = row.country == AFGHANISTAN or (
            not pd.isna(row.leads_into) and row.leads_into == AFGHANISTAN)
        graph.add_node(row.node_id, country=row.country, kind=row.kind,
                       closable=closable[row.node_id], entry=entry)
    graph.add_node(_SINK, country=None, kind="sink", closable=False, entry=False)
    for node, attrs in list(graph.nodes(data=True)):
        if attrs.get("entry"):
            graph.add_edge(node, _SINK, length_km=0.0, cost=0.0, mode="none", family="none",
                           link_id="", great_circle_km=0.0, countries=frozenset())
    for row in network.links.itertuples():
        for end in (row.from_node, row.to_node):
            if end not in graph:
                raise RouteError(f"link {row.link_id}: unknown node {end!r}")
        needs = set(_split(row.via_countries))
        for end in (row.from_node, row.to_node):
            if closable[end]:
                needs.add(graph.nodes[end]["country"])
        length = float(row.great_circle_km) * factors[row.mode]
        graph.add_edge(row.from_node, row.to_node, length_km=length,
                       cost=length * costs[row.mode], mode=row.mode, family=row.family,
                       link_id=row.link_id, great_circle_km=float(row.great_circle_km),
                       countries=frozenset(needs))
    return graph


def countries_on_network(graph: nx.DiGraph) -> list[str]:
    """Every country a closure can affect: of closable nodes and of links' routes."""
    found = {a["country"] for _, a in graph.nodes(data=True) if a.get("closable")}
    for _, _, attrs in graph.edges(data=True):
        found |= attrs["countries"]
    return sorted(c for c in found if c)


def destinations(graph: nx.DiGraph) -> list[str]:
    """Accepted destinations: ``"Afghanistan"`` or any node."""
    return [AFGHANISTAN, *sorted(n for n in graph if n != _SINK)]


def _edge_index(graph: nx.DiGraph) -> dict[str, dict]:
    """Which edges each country and each node closure cuts (built once per graph)."""
    index = graph.graph.get("_edge_index")
    if index is None:
        by_country: dict[str, set] = {}
        by_node: dict[str, set] = {}
        for u, v, attrs in graph.edges(data=True):
            for country in attrs["countries"]:
                by_country.setdefault(country, set()).add((u, v))
            for end in (u, v):
                by_node.setdefault(end, set()).add((u, v))
                if graph.nodes[end]["closable"]:
                    by_country.setdefault(graph.nodes[end]["country"], set()).add((u, v))
        index = {"country": by_country, "node": by_node}
        graph.graph["_edge_index"] = index
    return index


def _blocked_edges(graph: nx.DiGraph, closed_countries: Iterable[str],
                   closed_nodes: Iterable[str]) -> set:
    """The (u, v) edges that closing these countries and nodes cuts."""
    index = _edge_index(graph)
    blocked: set = set()
    for country in closed_countries:
        blocked |= index["country"].get(country, set())
    for node in closed_nodes:
        blocked |= index["node"].get(node, set())
    return blocked


def _cost_function(graph: nx.DiGraph, closed_countries: Iterable[str],
                   closed_nodes: Iterable[str], weight: str):
    """Edge weight for Dijkstra, or a function hiding the edges the closures cut."""
    blocked = _blocked_edges(graph, closed_countries, closed_nodes)
    if not blocked:
        return weight
    return lambda u, v, attrs: None if (u, v) in blocked else attrs[weight]


def _check_request(graph, origin, destination, closed_countries, closed_nodes):
    if origin not in graph or origin == _SINK:
        raise RouteError(f"unknown origin {origin!r}; nodes: {', '.join(destinations(graph)[1:])}")
    if destination != AFGHANISTAN and (destination not in graph or destination == _SINK):
        raise RouteError(f"unknown destination {destination!r}; accepted: "
                         f"{', '.join(destinations(graph))}")
    for end, label in ((origin, "origin"), (destination, "destination")):
        if end == AFGHANISTAN:
            continue
        if end in closed_nodes:
            raise RouteError(f"the {label} {end!r} is itself among the closed nodes")
        if graph.nodes[end]["closable"] and graph.nodes[end]["country"] in closed_countries:
            raise RouteError(f"the {label} {end!r} lies in a closed country "
                             f"({graph.nodes[end]['country']})")


def cheapest_route(graph: nx.DiGraph, origin: str, destination: str = AFGHANISTAN,
                   closed_countries: Iterable[str] = (), closed_nodes: Iterable[str] = (),
                   weight: str = "cost") -> Route | None:
    """The cheapest route under the closures, or ``None`` when the destination is cut off.

    Deterministic: the graph is built in file order and networkx's Dijkstra visits
    neighbours in insertion order, so equal-cost ties resolve the same way on every run.
    """
    closed_countries, closed_nodes = set(closed_countries), set(closed_nodes)
    _check_request(graph, origin, destination, closed_countries, closed_nodes)
    target = _SINK if destination == AFGHANISTAN else destination
    cost_of = _cost_function(graph, closed_countries, closed_nodes, weight)
    try:
        cost, path = nx.single_source_dijkstra(graph, origin, target, weight=cost_of)
    except nx.NetworkXNoPath:
        return None
    return _route(graph, [n for n in path if n != _SINK], cost)


def _route(graph: nx.DiGraph, path: list[str], cost: float) -> Route:
    edges = [graph.edges[u, v] for u, v in zip(path, path[1:], strict=False)]
    countries: list[str] = []
    for node, edge in itertools.zip_longest(path, edges):
        attrs = graph.nodes[node]
        if attrs["closable"] and attrs["country"] not in countries:
            countries.append(attrs["country"])
        if edge is not None:
            for c in sorted(edge["countries"]):
                if c not in countries:
                    countries.append(c)
    km_by_mode: dict[str, float] = {}
    for e in edges:
        km_by_mode[e["mode"]] = km_by_mode.get(e["mode"], 0.0) + e["length_km"]
    families = tuple(dict.fromkeys(e["family"] for e in edges))
    return Route(nodes=tuple(path), links=tuple(e["link_id"] for e in edges), cost=float(cost),
                 length_km=float(sum(e["length_km"] for e in edges)),
                 countries=tuple(countries), families=families, km_by_mode=km_by_mode)


def route_table(graph: nx.DiGraph, route: Route) -> pd.DataFrame:
    """One row per leg of a route: from, to, mode, family, km, cost and share of the cost."""
    rows = []
    for u, v in zip(route.nodes, route.nodes[1:], strict=False):
        e = graph.edges[u, v]
        rows.append({"link_id": e["link_id"], "from": u, "to": v, "mode": e["mode"],
                     "family": e["family"], "great_circle_km": e["great_circle_km"],
                     "length_km": e["length_km"], "cost": e["cost"]})
    table = pd.DataFrame(rows, columns=["link_id", "from", "to", "mode", "family",
                                        "great_circle_km", "length_km", "cost"])
    table["cost_share_pct"] = 100 * table["cost"] / route.cost if route.cost else 0.0
    return table


def country_disjoint_routes(graph: nx.DiGraph, origin: str, destination: str = AFGHANISTAN,
                            closed_countries: Iterable[str] = (),
                            closed_nodes: Iterable[str] = ()) -> list[Route]:
    """Routes that share no transit country, found greedily, cheapest first.

    The first route is the cheapest; each next one is the cheapest route that avoids every
    country used by the routes before it (the origin's and destination's own countries are
    shared by all routes and do not count). The greedy set is a lower bound on how many
    country-disjoint routes exist: finding the largest such set is a hard combinatorial
    problem in general, and on the shipped network greedy and exhaustive search agree
    (a test checks it).
    """
    closed = set(closed_countries)
    shared = _end_countries(graph, origin, destination)
    found: list[Route] = []
    while True:
        route = cheapest_route(graph, origin, destination, closed, closed_nodes)
        if route is None:
            return found
        found.append(route)
        transit = set(route.countries) - shared
        if not transit:  # a route through no third country cannot be avoided by closures
            return found
        closed |= transit


def _end_countries(graph: nx.DiGraph, origin: str, destination: str) -> set[str]:
    ends = {graph.nodes[origin]["country"], AFGHANISTAN}
    if destination != AFGHANISTAN:
        ends.add(graph.nodes[destination]["country"])
    return ends


def closable_countries(graph: nx.DiGraph, origin: str,
                       destination: str = AFGHANISTAN) -> list[str]:
    """Countries a sweep closes: all on the network except the origin's and destination's."""
    return [c for c in countries_on_network(graph)
            if c not in _end_countries(graph, origin, destination)]


def _scenario_row(graph, origin, destination, closed: tuple[str, ...], baseline: Route | None,
                  closed_nodes=()) -> dict:
    route = cheapest_route(graph, origin, destination, closed, closed_nodes)
    row = {"scenario": " + ".join(closed) if closed else "baseline (nothing closed)",
           "closed": ";".join(closed), "n_closed": len(closed),
           "reachable": route is not None}
    if route is None:
        row.update(cost=float("nan"), cost_index=float("nan"), cost_increase_pct=float("nan"),
                   length_km=float("nan"), families="", countries="", path="")
        return row
    base = baseline.cost if baseline is not None else float("nan")
    row.update(cost=route.cost, cost_index=route.cost / base if base else float("nan"),
               cost_increase_pct=100 * (route.cost / base - 1) if base else float("nan"),
               length_km=route.length_km, families=";".join(route.families),
               countries=";".join(route.countries), path=route.path)
    return row


SWEEP_COLUMNS = ["scenario", "closed", "n_closed", "reachable", "cost", "cost_index",
                 "cost_increase_pct", "length_km", "families", "countries", "path"]


def closure_sweep(graph: nx.DiGraph, origin: str, destination: str = AFGHANISTAN,
                  countries: Iterable[str] | None = None, max_closed: int = 2,
                  closed_nodes: Iterable[str] = ()) -> pd.DataFrame:
    """The baseline and every closure of 1..``max_closed`` countries, as a tidy table.

    One row per scenario: which countries are closed, whether the destination can still be
    reached, the cheapest route's cost (relative units), its ratio to the baseline
    (``cost_index``) and percentage increase, its length in km, route families, the
    countries it needs and its path. Rows come in a fixed order: baseline, then single
    closures, then pairs, each in alphabetical order.
    """
    pool = sorted(countries) if countries is not None else closable_countries(
        graph, origin, destination)
    closed_nodes = tuple(closed_nodes)
    baseline = cheapest_route(graph, origin, destination, (), closed_nodes)
    rows = [_scenario_row(graph, origin, destination, (), baseline, closed_nodes)]
    for k in range(1, max_closed + 1):
        for combo in itertools.combinations(pool, k):
            rows.append(_scenario_row(graph, origin, destination, combo, baseline, closed_nodes))
    return pd.DataFrame(rows, columns=SWEEP_COLUMNS)


def costliest_closures(sweep: pd.DataFrame, n: int = 5) -> pd.DataFrame:
    """The ``n`` costliest closures in a :func:`closure_sweep` that still leave a route.

    A closure is a candidate only when it costs more than every smaller closure within it
    (the baseline included): a pair that costs what one of its countries costs closed alone
    adds nothing, and ties of that kind would otherwise fill the list in alphabetical order.
    Ties among the rest are broken by name.
    """
    reachable = sweep[sweep["reachable"]]
    index = dict(zip(reachable["closed"], reachable["cost_index"], strict=True))

    def adds_to_its_parts(closed: str) -> bool:
        parts = closed.split(";") if closed else []
        smaller = [";".join(c) for k in range(len(parts))
                   for c in itertools.combinations(parts, k)]
        return bool(parts) and all(index[closed] > index[s] + 1e-9 for s in smaller)

    listed = reachable[reachable["closed"].map(adds_to_its_parts)]
    return listed.sort_values(["cost_index", "scenario"], ascending=[False, True]).head(n)


def scenario_table(graph: nx.DiGraph, origin: str, scenarios: Mapping[str, Iterable[str]],
                   destination: str = AFGHANISTAN,
                   closed_nodes: Iterable[str] = ()) -> pd.DataFrame:
    """Named closure scenarios (name -> closed countries) in the given order.

    ``closed_nodes`` stay closed in every scenario, the baseline included.
    """
    closed_nodes = tuple(closed_nodes)
    baseline = cheapest_route(graph, origin, destination, (), closed_nodes)
    rows = []
    for name, closed in scenarios.items():
        row = _scenario_row(graph, origin, destination, tuple(closed), baseline, closed_nodes)
        row["scenario"] = name
        rows.append(row)
    return pd.DataFrame(rows, columns=SWEEP_COLUMNS)


def minimal_cuts(graph: nx.DiGraph, origin: str, destination: str = AFGHANISTAN,
                 closed_countries: Iterable[str] = (), closed_nodes: Iterable[str] = (),
                 max_size: int = 3) -> tuple[int | None, list[tuple[str, ...]]]:
    """The fewest further country closures that cut the destination off, and every such set.

    On top of ``closed_countries`` and ``closed_nodes``, tries every set of 1, 2, ...
    ``max_size`` of the other closable countries and stops at the first size at which some
    set leaves no route; returns that size and the sets of that size (each sorted, in
    alphabetical order). Returns ``(0, [()])`` when the closures already cut it off and
    ``(None, [])`` when no set of up to ``max_size`` countries does.
    """
    given, closed_nodes = tuple(sorted(set(closed_countries))), tuple(closed_nodes)
    if cheapest_route(graph, origin, destination, given, closed_nodes) is None:
        return 0, [()]
    pool = [c for c in closable_countries(graph, origin, destination) if c not in given]
    for size in range(1, max_size + 1):
        cuts = [combo for combo in itertools.combinations(pool, size)
                if cheapest_route(graph, origin, destination, (*given, *combo),
                                  closed_nodes) is None]
        if cuts:
            return size, cuts
    return None, []


def flights_from(graph: nx.DiGraph, origin: str) -> list[str]:
    """The link ids of the air links leaving ``origin`` (none from, say, a sea port)."""
    return [attrs["link_id"] for _, _, attrs in graph.out_edges(origin, data=True)
            if attrs["mode"] == "air"]


def overflown_by_every_flight(graph: nx.DiGraph, origin: str) -> list[str]:
    """Countries that every air link leaving ``origin`` needs (crosses or lands in), sorted.

    The origin's own country and Afghanistan (never closed as a transit country) are left
    out, and the list is empty when no air link leaves the origin. Under the great-circle
    rule (assumption A13) closing any one of these countries grounds all airlift from the
    origin.
    """
    needs = [set(attrs["countries"]) | ({graph.nodes[v]["country"]}
                                         if graph.nodes[v]["closable"] else set())
             for _, v, attrs in graph.out_edges(origin, data=True) if attrs["mode"] == "air"]
    common = set.intersection(*needs) if needs else set()
    return sorted(common - {graph.nodes[origin]["country"], AFGHANISTAN})


def links_cut(graph: nx.DiGraph, closed_countries: Iterable[str] = (),
              closed_nodes: Iterable[str] = ()) -> pd.DataFrame:
    """The links a set of closures removes: link_id, from, to, mode, family, length and cost.

    Sorted by link_id. The zero-cost links to the internal Afghanistan sink never appear.
    """
    cut = _blocked_edges(graph, closed_countries, closed_nodes)
    rows = [{"link_id": graph.edges[u, v]["link_id"], "from": u, "to": v,
             "mode": graph.edges[u, v]["mode"], "family": graph.edges[u, v]["family"],
             "length_km": graph.edges[u, v]["length_km"], "cost": graph.edges[u, v]["cost"]}
            for u, v in cut if v != _SINK]
    table = pd.DataFrame(rows, columns=["link_id", "from", "to", "mode", "family",
                                        "length_km", "cost"])
    return table.sort_values("link_id").reset_index(drop=True)


def criticality(graph: nx.DiGraph, origin: str, destination: str = AFGHANISTAN,
                countries: Iterable[str] | None = None,
                given: Iterable[str] = (), closed_nodes: Iterable[str] = ()) -> pd.DataFrame:
    """How much each country's closure costs, on top of the ``given`` closures.

    Columns: country, cost with it closed, increase in per cent over the cost with only the
    ``given`` closures, and ``cut_off`` (True when its closure leaves no route at all). Sorted
    by cut_off first, then by increase, largest first, then by name. ``closed_nodes`` stay
    closed throughout, the reference included.
    """
    given = tuple(sorted(given))
    closed_nodes = tuple(closed_nodes)
    pool = sorted(countries) if countries is not None else closable_countries(
        graph, origin, destination)
    pool = [c for c in pool if c not in given]
    reference = cheapest_route(graph, origin, destination, given, closed_nodes)
    rows = []
    for country in pool:
        route = cheapest_route(graph, origin, destination, (*given, country), closed_nodes)
        if reference is None or route is None:
            rows.append({"country": country, "cost": float("nan"),
                         "increase_pct": float("nan"), "cut_off": True})
        else:
            rows.append({"country": country, "cost": route.cost,
                         "increase_pct": 100 * (route.cost / reference.cost - 1),
                         "cut_off": False})
    table = pd.DataFrame(rows, columns=["country", "cost", "increase_pct", "cut_off"])
    order = table.assign(_inc=table["increase_pct"].fillna(float("inf")).round(9))
    order = order.sort_values(["cut_off", "_inc", "country"], ascending=[False, False, True])
    return order.drop(columns="_inc").reset_index(drop=True)


def needs_country(network: Network, country: str, mode_costs: Mapping[str, float] | None = None,
                  circuity: Mapping[str, float] | None = None, origin: str = DEFAULT_ORIGIN,
                  destination: str = AFGHANISTAN, closed_nodes: Iterable[str] = ()) -> bool:
    """Whether closing ``country`` raises the cost of the cheapest route (or cuts it off)."""
    graph = build_graph(network, mode_costs, circuity)
    route = cheapest_route(graph, origin, destination, (), closed_nodes)
    if route is None:
        return False
    without = cheapest_route(graph, origin, destination, [country], closed_nodes)
    return without is None or without.cost > route.cost * (1 + 1e-9)


def break_even(network: Network, country: str, mode: str, low: float, high: float,
               mode_costs: Mapping[str, float] | None = None,
               circuity: Mapping[str, float] | None = None, origin: str = DEFAULT_ORIGIN,
               destination: str = AFGHANISTAN, closed_nodes: Iterable[str] = (),
               tolerance: float = 1e-4) -> float | None:
    """The cost per tonne-km of ``mode``, between ``low`` and ``high``, at which the cheapest
    route starts or stops needing ``country`` (:func:`needs_country`), the other assumptions
    held where they are; ``None`` when the answer is the same at both ends.

    Found by bisection to within ``tolerance``: a sensitivity check on one assumed number,
    saying how far it may move before a conclusion that rests on it changes.
    """
    costs, factors = resolve_costs(mode_costs, circuity)

    def needs(value: float) -> bool:
        return needs_country(network, country, {**costs, mode: value}, factors, origin,
                             destination, closed_nodes)

    at_low = needs(low)
    if needs(high) == at_low:
        return None
    while high - low > tolerance:
        middle = (low + high) / 2
        if needs(middle) == at_low:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def break_even_within_factor_two(network: Network, country: str, mode: str,
                                 mode_costs: Mapping[str, float] | None = None,
                                 circuity: Mapping[str, float] | None = None,
                                 origin: str = DEFAULT_ORIGIN, destination: str = AFGHANISTAN,
                                 closed_nodes: Iterable[str] = ()) -> float | None:
    """:func:`break_even` for ``mode`` between half its assumed cost and that cost, else
    between that cost and double it; ``None`` when neither halving nor doubling the
    assumption changes whether the cheapest route needs ``country`` (or when it is 0)."""
    assumed = resolve_costs(mode_costs, circuity)[0][mode]
    if assumed <= 0:
        return None
    for low, high in ((assumed / 2, assumed), (assumed, 2 * assumed)):
        value = break_even(network, country, mode, low, high, mode_costs, circuity, origin,
                           destination, closed_nodes)
        if value is not None:
            return value
    return None

CORRIDORS = {
    # name: (route family, node path from the default origin to a point of entry)
    "Pakistan via Chaman": ("pakistan", ("western_europe", "lisbon", "gibraltar", "port_said",
                                         "aden", "karachi", "chaman")),
    "Pakistan via Torkham": ("pakistan", ("western_europe", "lisbon", "gibraltar", "port_said",
                                          "aden", "karachi", "torkham")),
    "Northern: Riga–Russia–Kazakhstan–Uzbekistan": ("northern", ("western_europe", "riga",
                                                                 "moscow", "samara", "termez")),
    "KKT: Riga–Russia–Kazakhstan–Kyrgyzstan–Tajikistan": (
        "kyrgyz_tajik", ("western_europe", "riga", "moscow", "samara", "bishkek", "dushanbe",
                         "nizhny_panj")),
    "Caucasus–Caspian to Termez": ("caucasus_caspian", (
        "western_europe", "lisbon", "gibraltar", "istanbul", "poti", "baku", "aktau", "termez")),
    "Caucasus–Caspian then Kyrgyzstan–Tajikistan": ("caucasus_caspian", (
        "western_europe", "lisbon", "gibraltar", "istanbul", "poti", "baku", "aktau", "bishkek",
        "dushanbe", "nizhny_panj")),
    "Air to Bagram": ("air", ("western_europe", "kabul")),
    "Air via Manas": ("air", ("western_europe", "bishkek", "kabul")),
    "Air to Navoi, rail to Termez": ("air", ("western_europe", "navoi", "termez")),
    "Air to Termez": ("air", ("western_europe", "termez")),
    "Air via Dushanbe": ("air", ("western_europe", "dushanbe", "kabul")),
}


def path_route(graph: nx.DiGraph, path: Iterable[str]) -> Route:
    """The :class:`Route` along a given node path (every step must be a link)."""
    path = list(path)
    for u, v in zip(path, path[1:], strict=False):
        if not graph.has_edge(u, v):
            raise RouteError(f"no link from {u!r} to {v!r}")
    cost = sum(graph.edges[u, v]["cost"] for u, v in zip(path, path[1:], strict=False))
    return _route(graph, path, cost)


def corridor_table(graph: nx.DiGraph, corridors: Mapping[str, tuple] | None = None,
                   closed_countries: Iterable[str] = (),
                   closed_nodes: Iterable[str] = ()) -> pd.DataFrame:
    """Each named corridor's length, cost, cost relative to the cheapest one, and countries.

    ``open`` is False when a closed country or a closed node lies on the corridor. The
    ``cost_index`` compares every corridor, open or not, with the cheapest of all. Sorted by
    cost.
    """
    corridors = CORRIDORS if corridors is None else corridors
    closed, shut_nodes = set(closed_countries), set(closed_nodes)
    rows = []
    for name, (family, path) in corridors.items():
        route = path_route(graph, path)
        rows.append({"corridor": name, "family": family, "entry": path[-1],
                     "length_km": route.length_km, "cost": route.cost,
                     "countries": ";".join(route.countries),
                     "open": not (set(route.countries) & closed or set(path) & shut_nodes),
                     **{f"km_{m}": route.km_by_mode.get(m, 0.0) for m in MODES}})
    table = pd.DataFrame(rows)
    table.insert(table.columns.get_loc("cost") + 1, "cost_index",
                 table["cost"] / table["cost"].min())
    return table.sort_values(["cost", "corridor"]).reset_index(drop=True)


def reported_km(facts: pd.DataFrame, fact_id: str) -> float:
    """A length the route facts report (``logistics_facts.csv``: value and unit), in km."""
    row = facts.set_index("fact_id").loc[fact_id]
    if row["unit"] not in KM_PER_UNIT:
        raise ValueError(f"{fact_id}: unit {row['unit']!r} is not a length; "
                         f"accepted: {', '.join(KM_PER_UNIT)}")
    return float(row["value"]) * KM_PER_UNIT[row["unit"]]


def length_verdict(modelled_km: float, reported_km: float,
                   tolerance: float = DEFAULT_LENGTH_TOLERANCE) -> str:
    """How a modelled leg compares with a reported length, for the notebook's check of the
    circuity factors: 'high' or 'low' beyond ``tolerance`` (a share of the reported length),
    else 'about right'."""
    if modelled_km > reported_km * (1 + tolerance):
        return "high"
    if modelled_km < reported_km * (1 - tolerance):
        return "low"
    return "about right"


def cost_decimals(cost: float, digits: int = 3) -> int:
    """Decimal places that show ``cost`` (relative cost units) to at least ``digits``
    significant digits: none for the usual costs of 100 units or more, more when a run's mode
    costs are tiny (``mode_costs`` all 1e-9 once made a route "cost 0 units")."""
    if not cost > 0:
        return 0
    return max(0, digits - 1 - math.floor(math.log10(cost)))


def closure_vs_reported(model_rise: float, before: float, during: float) -> str:
    """The model's rise in cost for closing Pakistan (per cent) set against the Pentagon's
    monthly cost before and during the 2011-2012 closure (US$ million), as one sentence.

    A rise of 0 means the run's cheapest route does not need Pakistan (another origin or
    destination): then there is nothing to compare, and the sentence says so rather than
    blaming the gap on what a distance-only model leaves out.
    """
    reported = 100 * (during / before - 1)
    figures = (f"the Pentagon's monthly figures, from ${before:g} million to ${during:g} "
               f"million (about {reported:.0f} %)")
    if model_rise == 0:
        return ("In this run closing Pakistan does not raise the model's cost at all: the "
                "cheapest route does not need Pakistan, so the model has nothing to set against "
                f"the rise in {figures}.")
    rise = f"{model_rise:,.0f}" if model_rise >= 0.5 else f"{model_rise:.1g}"  # not "0 %"
    if model_rise < reported:
        return (f"The model's rise of {rise} % is {'far ' if model_rise < reported / 2 else ''}"
                f"smaller than the rise in {figures}: the reported costs include transit "
                "fees, handling, security and limits on what each route could carry, none of "
                "which a distance-only model sees (assumption A16).")
    return (f"The model's rise of {rise} % is larger than the rise in {figures}: under the "
            "assumptions of this run distance alone costs more than was reported, so it is the "
            "assumptions that need a second look.")


def assumptions_table(assumptions: pd.DataFrame, mode_costs: Mapping[str, float],
                      circuity: Mapping[str, float],
                      length_tolerance: float = DEFAULT_LENGTH_TOLERANCE) -> pd.DataFrame:
    """The documented assumptions with the values this run uses beside the defaults."""
    current = {("mode_costs", m): v for m, v in mode_costs.items()}
    current |= {("circuity", m): v for m, v in circuity.items()}
    current[("length_tolerance", "length_check")] = length_tolerance
    table = assumptions.copy()
    used = [current.get((p, k), d) for p, k, d in zip(
        table["parameter"], table["key"], table["default_value"], strict=True)]
    # pandas shows a float in a mixed column to six decimals: a cost of 1e-9 read "0.0"
    table["value_used"] = [f"{v:.3g}" if isinstance(v, float) and math.isfinite(v)
                           and round(v, 6) != v else v for v in used]  # NaN: a fixed rule
    return table


# --------------------------------------------------------------------------- cooperation
# The cooperation table (data/central_asia_cooperation.csv) read as a states x kinds matrix.

STATES = ("Kazakhstan", "Kyrgyzstan", "Tajikistan", "Turkmenistan", "Uzbekistan",
          "Afghanistan", "Pakistan", "Russia")
COOPERATION_KINDS = {
    "nacc_eapc": "NACC/EAPC",
    "pfp_entry": "Partnership for Peace",
    "political_dialogue": "Political dialogue",
    "liaison_consultation": "Liaison, consultation",
    "overflight": "Overflight",
    "basing": "Basing",
    "transit": "Transit",
    "counter_narcotics": "Counter-narcotics",
    "reconstruction_aid": "Reconstruction aid (Afg.)",
    "units_for_nato_operations": "Units for NATO ops",
    "training_centre": "Training centre",
    "civil_emergency_exercise": "Civil emergency exercise",
    "science": "Science (SPS)",
    "military_cooperation": "Mil-to-mil (Tripartite)",
}
CONFLICT_MARK, COLLECTIVE_MARK = "*", "†"


def cooperation_matrix(coop: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """States x kinds: the earliest first year in place, and the text label of each cell.

    A cell's year is the earliest ``first_year`` among its rows with status ``in_place``.
    Its label is that year, or "yes" when no source gives one, or "planned"/"offered" when
    nothing is in place; ``*`` marks cells whose sources disagree on a date and ``†`` cells
    known only from statements about the Central Asian states as a group.
    """
    kinds = list(COOPERATION_KINDS)
    years = pd.DataFrame(float("nan"), index=list(STATES), columns=kinds)
    labels = pd.DataFrame("", index=list(STATES), columns=kinds)
    for (state, kind), rows in coop.groupby(["country", "kind"], sort=True):
        active = rows[rows["status"] == "in_place"]
        dated = active["first_year"].dropna()
        if len(dated):
            years.loc[state, kind] = float(dated.min())
            text = str(int(dated.min()))
        elif len(active):
            text = "yes"
        else:
            text = "/".join(sorted(set(rows["status"])))
        if rows["conflict_group"].notna().any():
            text += CONFLICT_MARK
        if (rows["attribution"] == "collective").all():
            text += COLLECTIVE_MARK
        labels.loc[state, kind] = text
    rename = dict(COOPERATION_KINDS)
    return years.rename(columns=rename), labels.rename(columns=rename)


# --------------------------------------------------------------------------- charts


def plot_criticality(alone: pd.DataFrame, given: pd.DataFrame, given_label: str, title: str,
                     source: str, unit_note: str = "relative costs"):
    """Bars of each country's closure cost, on its own and on top of another closure.

    ``alone`` and ``given`` are :func:`criticality` tables. Countries whose closure changes
    nothing in either case are left out (the caller says which in prose); a closure that
    cuts every route is drawn as a hatched bar reaching past the axis with "cut off", and a
    country missing from one table (one of its given closures) is marked "already closed".
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Patch

    from natoasia.plotting import OKABE_ITO, finish

    merged = alone.merge(given, on="country", how="outer", suffixes=("_alone", "_given"))
    for suffix in ("alone", "given"):
        merged[f"cut_off_{suffix}"] = merged[f"cut_off_{suffix}"].eq(True)
        merged[f"applies_{suffix}"] = merged[f"cut_off_{suffix}"] | merged[
            f"increase_pct_{suffix}"].notna()
    effect = merged[["increase_pct_alone", "increase_pct_given"]].fillna(0).max(axis=1)
    merged = merged[(effect > 1e-9) | merged["cut_off_alone"] | merged["cut_off_given"]].copy()
    finite = pd.concat([merged["increase_pct_alone"], merged["increase_pct_given"]]).dropna()
    top = max(10.0, float(finite.max()) if len(finite) else 10.0) * 1.3
    merged["rank"] = effect.loc[merged.index].where(
        ~(merged["cut_off_alone"] | merged["cut_off_given"]), float("inf"))
    merged = merged.sort_values(["rank", "country"], ascending=[True, False])
    y = np.arange(len(merged))
    fig, ax = plt.subplots(figsize=(9, 1.6 + 0.6 * max(len(merged), 1)))
    series = (("alone", OKABE_ITO["blue"], +0.2, "closed on its own"),
              ("given", OKABE_ITO["vermillion"], -0.2, given_label))
    for suffix, colour, dy, _label in series:
        rows = zip(merged[f"applies_{suffix}"], merged[f"cut_off_{suffix}"],
                   merged[f"increase_pct_{suffix}"], strict=True)
        for yi, (applies, cut, value) in enumerate(rows):
            if not applies:  # the country is one of this case's given closures
                ax.text(top * 0.01, yi + dy, "already closed in this case", va="center",
                        fontsize=8, color=colour, style="italic")
            elif cut:
                ax.barh(yi + dy, top, height=0.38, color="white", edgecolor=colour,
                        hatch="///", linewidth=1)
                ax.text(top * 0.98, yi + dy, "cut off: no route left", ha="right",
                        va="center", fontsize=8, color=colour,
                        bbox={"fc": "white", "ec": "none", "pad": 1})
            elif value < 1e-9:
                ax.text(top * 0.01, yi + dy, "no change", va="center", fontsize=8,
                        color=colour)
            else:
                ax.barh(yi + dy, value, height=0.38, color=colour)
                ax.text(value + top * 0.01, yi + dy, f"+{value:.0f} %", va="center", fontsize=8)
    ax.set_yticks(y, merged["country"])
    ax.set_xlim(0, top)
    ax.set_xlabel(f"Increase in the cost of the cheapest route, per cent ({unit_note})")
    ax.set_ylabel("Country closed")
    ax.legend(handles=[Patch(color=c, label=lbl) for _, c, _, lbl in series],
              loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8,
              frameon=False)
    finish(fig, title, source)
    return fig

