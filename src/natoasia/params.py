"""Validate papermill parameters before a notebook does any work.

Each check raises :class:`ParameterError` with one message that names the parameter, what
was given and what is accepted, so a rerun with a typo stops in the validation cell and not
in a traceback twenty cells later. Notebook-level validators combine these checks.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from numbers import Real

from natoasia.prose import join_words


class ParameterError(ValueError):
    """A notebook parameter outside what the notebook accepts."""


def _accepted(values: Iterable) -> str:
    return ", ".join(str(v) for v in sorted(values, key=str))


def choice(name: str, value, allowed: Iterable[str]) -> str:
    """One value out of a closed set."""
    allowed = list(allowed)
    if not isinstance(value, str):
        raise ParameterError(
            f"parameter '{name}': expected one of {_accepted(allowed)}, "
            f"got {type(value).__name__} {value!r}"
        )
    if value not in allowed:
        raise ParameterError(
            f"parameter '{name}': unknown value {value!r}; accepted: {_accepted(allowed)}"
        )
    return value


def choices(name: str, value, allowed: Iterable[str], allow_empty: bool = False) -> list[str]:
    """A list of distinct values out of a closed set (a bare string is refused, not split)."""
    allowed = list(allowed)
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ParameterError(
            f"parameter '{name}': expected a list of values from {_accepted(allowed)}, "
            f"got {type(value).__name__} {value!r}"
        )
    if not value and not allow_empty:
        raise ParameterError(
            f"parameter '{name}': the list is empty; give at least one of {_accepted(allowed)}"
        )
    unknown = [v for v in value if not isinstance(v, str) or v not in allowed]
    if unknown:
        raise ParameterError(
            f"parameter '{name}': unknown value(s) {', '.join(map(repr, unknown))}; "
            f"accepted: {_accepted(allowed)}"
        )
    if len(set(value)) != len(value):
        raise ParameterError(f"parameter '{name}': repeated value(s) in {list(value)!r}")
    return list(value)


def integer(name: str, value, low: int, high: int) -> int:
    """A whole number in ``[low, high]`` (booleans and floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(
            f"parameter '{name}': expected a whole number from {low} to {high}, "
            f"got {type(value).__name__} {value!r}"
        )
    if not low <= value <= high:
        raise ParameterError(
            f"parameter '{name}': {value} is outside the accepted range {low} to {high}"
        )
    return value


# A number written as text: YAML 1.1 (`natoasia run -p`) reads 1e-3 as a string, not a float.
_NUMBER_TEXT = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def number(name: str, value, low: float | None = None, high: float | None = None) -> float:
    """A finite real number, optionally bounded (bounds inclusive); text such as '1e-3' that
    spells a number counts as one."""
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value.strip()):
        value = float(value)
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ParameterError(
            f"parameter '{name}': expected a number, got {type(value).__name__} {value!r}"
        )
    if not math.isfinite(value):  # NaN passes every comparison, and inf makes no cost
        raise ParameterError(f"parameter '{name}': expected a finite number, got {value}")
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{'-inf' if low is None else low} to {'inf' if high is None else high}"
        raise ParameterError(f"parameter '{name}': {value} is outside the accepted range {span}")
    return float(value)


def number_map(
    name: str, value, keys: Iterable[str], low: float | None = None, high: float | None = None
) -> dict[str, float]:
    """A mapping from known keys to bounded numbers (missing keys are allowed)."""
    keys = list(keys)
    if not isinstance(value, Mapping):
        raise ParameterError(
            f"parameter '{name}': expected a mapping with keys from {_accepted(keys)}, "
            f"got {type(value).__name__} {value!r}"
        )
    out = {}
    for key, item in value.items():
        choice(f"{name} (key)", key, keys)
        out[key] = number(f"{name}[{key!r}]", item, low, high)
    return out


def year_span(start_name: str, start, end_name: str, end, low: int, high: int) -> tuple[int, int]:
    """Two years inside the data's range, the first not after the second."""
    start = integer(start_name, start, low, high)
    end = integer(end_name, end, low, high)
    if start > end:
        raise ParameterError(
            f"parameters '{start_name}' ({start}) and '{end_name}' ({end}): "
            f"'{start_name}' must not be after '{end_name}'"
        )
    return start, end


THEMES = ("central_asia", "global_partners", "china", "general")
FIRST_YEAR, LAST_YEAR = 1949, 2024


def corpus_folder(name: str, value):
    """``None`` (use the committed features) or a corpus folder that reads cleanly."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise ParameterError(f"parameter '{name}': expected None or the path of a corpus "
                             f"folder, got {type(value).__name__} {value!r}")
    from natoasia.corpus import Corpus, CorpusError

    try:
        return Corpus.open(value)
    except CorpusError as exc:
        raise ParameterError(f"parameter '{name}': {exc}") from None


def validate_overview(themes, start_year, end_year, corpus_dir=None) -> dict:
    """Parameters of ``00_overview``: theme lanes, years, and optionally your own corpus."""
    themes = choices("themes", themes, THEMES)
    start_year, end_year = year_span(
        "start_year", start_year, "end_year", end_year, FIRST_YEAR, LAST_YEAR
    )
    from natoasia import data

    timeline = data.load("events")
    chosen = timeline[timeline["theme"].isin(themes)]
    if not chosen["year"].between(start_year, end_year).any():
        years = chosen["year"]
        before, after = years[years < start_year], years[years > end_year]
        nearest = [str(y) for y in (before.max() if len(before) else None,
                                    after.min() if len(after) else None) if y is not None]
        span = str(start_year) if start_year == end_year else f"{start_year}–{end_year}"
        raise ParameterError(
            f"parameters 'themes', 'start_year' and 'end_year': no event of "
            f"{join_words(themes, 'or')} falls in {span}; the nearest "
            + ("years with events are " + " and ".join(nearest) if len(nearest) == 2
               else f"year with an event is {nearest[0]}"))
    return {"themes": themes, "start_year": start_year, "end_year": end_year,
            "corpus": corpus_folder("corpus_dir", corpus_dir)}


# --- 02_global_partners_constraints ------------------------------------------------------
# The accepted values are read from the data package, so validation cannot drift from the
# data: partners are the rows of country_crosswalk.csv with role = partner, the years span
# the shipped SIPRI subset (milex_sipri_subset.csv), and the measures are the ones
# natoasia.spending ranks by.


def validate_global_partners(partners, year, metric, folder=None) -> dict:
    """Parameters of ``02_global_partners_constraints``: partners, year, spending measure."""
    from natoasia import spending

    partners = choices("partners", partners, spending.partner_codes(folder))
    first_year, last_year = spending.year_range(folder)
    year = integer("year", year, first_year, last_year)
    metric = choice("metric", metric, spending.METRICS)
    return {"partners": partners, "year": year, "metric": metric}


# --- 01_central_asia_logistics -----------------------------------------------------------
# Nodes, countries and modes come from the shipped route network (data/logistics_*.csv).
PAKISTAN = "Pakistan"  # closed in every comparison of 01's scenarios (sections 6 to 8)


def _route_ends(network, base, usable: bool = False,
                scenarios: bool = False) -> tuple[list[str], list[str]]:
    """Accepted origins and destinations of 01. Ends lie outside Afghanistan (a zero-cost
    baseline) and outside the countries the notebook's fixed scenarios close (a scenario
    closing its own origin has no meaning); a destination may also be Afghanistan or in it.

    With ``usable``, only the ends some valid request can use: an origin must reach some
    destination by a route of some length (not Nizhny Panj, a point of entry with legs into
    Afghanistan only), and a destination be reached so from some origin; with ``scenarios``
    as well (the notebook, which compares every result with Pakistan closed), with Pakistan
    closed: Aden (by sea to Karachi only) and Kandahar (reached only through Chaman) never
    can, whatever the other parameters."""
    from natoasia import logistics

    country = network.node_country
    barred = {logistics.AFGHANISTAN, *logistics.SCENARIO_COUNTRIES}
    origins = [n for n in network.node_ids if country.get(n) not in barred]
    destinations = [d for d in logistics.destinations(base)
                    if d == logistics.AFGHANISTAN or country.get(d) not in barred
                    or country.get(d) == logistics.AFGHANISTAN]
    if usable:
        def open_(o, d):
            found = o != d and logistics.cheapest_route(base, o, d, closed)
            return bool(found) and found.cost > 0

        closed = [PAKISTAN] if scenarios else []
        origins = [o for o in origins if any(open_(o, d) for d in destinations)]
        destinations = [d for d in destinations if any(open_(o, d) for o in origins)]
    return origins, destinations


def validate_central_asia_logistics(origin, destination, closed_countries, closed_nodes,
                                    mode_costs, circuity, folder=None, scenarios: bool = True,
                                    length_tolerance=None) -> dict:
    """Parameters of ``01_central_asia_logistics``: route request, closures and assumptions.

    ``mode_costs`` (relative cost per tonne-km, >= 0) and ``circuity`` (>= 1) may name some
    modes only; the others keep their defaults. ``length_tolerance`` (0 to 1; ``None``: the
    default of assumption A18) is how far a modelled length may stray from a reported one and
    still read "about right". The destination must be reachable from the origin under the
    closures; otherwise the message lists the destinations that are. With ``scenarios`` (the
    notebook) it must stay reachable once Pakistan is closed as well, since the notebook
    compares every closure with Pakistan's; the sweep command does not need that.
    """
    from natoasia import logistics

    network = logistics.load_network(folder)
    base = logistics.build_graph(network)
    country = network.node_country
    ends, allowed = _route_ends(network, base)
    origin = choice("origin", origin, ends)
    destination = choice("destination", destination, allowed)
    ends = _route_ends(network, base, usable=True, scenarios=scenarios)[0]
    if origin not in ends and origin in _route_ends(network, base, usable=True)[0]:
        raise ParameterError(
            f"parameter 'origin': every route from {origin!r} runs through Pakistan, which the "
            f"notebook's closure scenarios close, so nothing can be compared; accepted: "
            f"{_accepted(ends)} (`natoasia sweep logistics` takes {origin!r})")
    if origin not in ends:
        raise ParameterError(
            f"parameter 'origin': {origin!r} is a point of entry into Afghanistan, with no "
            f"route of any length to another node; accepted: {_accepted(ends)}")
    nodes = network.node_ids
    closed_countries = choices("closed_countries", closed_countries,
                               logistics.countries_on_network(base), allow_empty=True)
    closed_nodes = choices("closed_nodes", closed_nodes, nodes, allow_empty=True)
    costs = number_map("mode_costs", mode_costs, logistics.MODES, low=0.0)
    free = [mode for mode, cost in costs.items() if cost == 0]
    if free:
        raise ParameterError(f"parameter 'mode_costs': {', '.join(map(repr, free))} costs 0; "
                             "costs must be greater than 0 (relative cost per tonne-km)")
    factors = number_map("circuity", circuity, logistics.MODES, low=1.0)
    tolerance = number("length_tolerance", logistics.DEFAULT_LENGTH_TOLERANCE
                       if length_tolerance is None else length_tolerance, low=0.0, high=1.0)
    costs, factors = logistics.resolve_costs(costs, factors)
    for name, end in (("origin", origin), ("destination", destination)):
        if end in closed_nodes:
            raise ParameterError(f"parameter '{name}': {end!r} is also in 'closed_nodes'")
        closable = base.has_node(end) and base.nodes[end]["closable"]
        if closable and country.get(end) in closed_countries:
            raise ParameterError(
                f"parameter '{name}': {end!r} lies in {country[end]}, which is in "
                f"'closed_countries'")
    if destination == logistics.AFGHANISTAN and logistics.AFGHANISTAN in closed_countries:
        raise ParameterError("parameter 'closed_countries': 'Afghanistan' is the destination "
                             "and cannot be closed")
    if origin == destination:
        raise ParameterError(f"parameters 'origin' and 'destination': both are {origin!r}; "
                             "the route needs two different ends")
    graph = logistics.build_graph(network, costs, factors)
    # The notebook compares every result with the route left once Pakistan is closed (its
    # scenarios, sections 6 to 8), so the destination must stay reachable without Pakistan.
    scenario_closures = sorted({*closed_countries, PAKISTAN})

    def valid(start, end) -> bool:
        """A request these closures leave open, by a route of some length (what a refusal
        may suggest instead: never a value that is refused in its turn)."""
        if start == end or end in closed_nodes or start in closed_nodes or (
                end != logistics.AFGHANISTAN and graph.nodes[end]["closable"]
                and country[end] in closed_countries):
            return False
        for closures in [closed_countries] + ([scenario_closures] if scenarios else []):
            found = logistics.cheapest_route(graph, start, end, closures, closed_nodes)
            if found is None or found.cost == 0:
                return False
        return True

    route = logistics.cheapest_route(graph, origin, destination, closed_countries, closed_nodes)
    if route is not None and route.cost == 0:
        farther = [n for n in ends if valid(n, destination)]
        where = (f"itself a point of entry into {destination} or joined to one"
                 if destination == logistics.AFGHANISTAN else f"joined to {destination!r}")
        raise ParameterError(
            f"parameter 'origin': {origin!r} is {where} by a leg of no length, so there is no "
            f"route to cost; choose a node farther out: {_accepted(farther) or 'none'}")
    checks = [(closed_countries, "")]
    if scenarios:
        checks.append((scenario_closures, " once Pakistan is also closed, which the "
                                          "notebook's closure scenarios compare against"))
    for closures, why in checks:
        found = route if closures is closed_countries else logistics.cheapest_route(
            graph, origin, destination, closures, closed_nodes)
        if found is not None:
            continue
        reachable = [d for d in allowed if valid(origin, d)]
        in_afghanistan = (destination == logistics.AFGHANISTAN
                          or country.get(destination) == logistics.AFGHANISTAN)
        afghanistan_cut = logistics.cheapest_route(
            graph, origin, logistics.AFGHANISTAN, closures, closed_nodes) is None
        if not (in_afghanistan and afghanistan_cut and (closed_countries or closed_nodes)):
            # Afghanistan can be reached, just not this node (or the node is not in it: then
            # "no point of entry into Afghanistan" would not be the reason)
            culprit = "'destination'"
            advice = f"reachable: {_accepted(reachable) or 'none'}"
        else:  # the closures cut Afghanistan off altogether: name them, not the destination
            culprit = " and ".join(f"'{name}'" for name, value in (
                ("closed_countries", closed_countries), ("closed_nodes", closed_nodes)) if value)
            advice = ("no point of entry into Afghanistan can be reached; close fewer countries "
                      "or nodes" + (", or write the table of every closure with `natoasia "
                                    "sweep logistics`" if why else ""))
        raise ParameterError(
            f"parameter{'s' if ' and ' in culprit else ''} {culprit}: {destination!r} cannot "
            f"be reached from {origin!r} with closed_countries {closed_countries} and "
            f"closed_nodes {closed_nodes}{why}; {advice}")
    return {"origin": origin, "destination": destination, "closed_countries": closed_countries,
            "closed_nodes": closed_nodes, "mode_costs": costs, "circuity": factors,
            "length_tolerance": tolerance}


# --- 03_china_engagement -------------------------------------------------------------------
# Accepted values come from the data package: the documents are the rows of sources.csv with
# kind = seed_document, in publication order; the framing terms are the rows of
# lexicon_framing.csv; the windows are the two of the committed co-occurrence features.
CHINA_WINDOWS = ("paragraph", "sentence")


def china_documents(folder=None) -> tuple[str, ...]:
    """The seed documents (``sources.csv``, kind = seed_document), oldest first (then by id)."""
    from natoasia.data import load

    sources = load("sources", folder)
    seed = sources[sources["kind"] == "seed_document"]
    return tuple(seed.sort_values(["published", "source_id"])["source_id"])


def framing_lexicon_terms(folder=None) -> list[str]:
    """The terms of ``lexicon_framing.csv`` (its ``term`` column), in file order."""
    from natoasia.data import load

    return load("lexicon_framing", folder)["term"].tolist()


def validate_china_engagement(documents, framing_terms, window, folder=None) -> dict:
    """Parameters of ``03_china_engagement``: documents compared, framing terms, window."""
    documents = choices("documents", documents, china_documents(folder))
    framing_terms = choices("framing_terms", framing_terms, framing_lexicon_terms(folder))
    window = choice("window", window, CHINA_WINDOWS)
    return {"documents": documents, "framing_terms": framing_terms, "window": window}


# --- what `natoasia list` shows ------------------------------------------------------------

def accepted_values(notebook: str, folder=None) -> dict[str, list[str]]:
    """The values each list- or choice-valued parameter of ``notebook`` accepts, read as the
    validators read them (parameters with a range or a mapping say theirs in the comment)."""
    from natoasia import logistics, spending

    if notebook.startswith("00"):
        return {"themes": list(THEMES)}
    if notebook.startswith("01"):
        network = logistics.load_network(folder)
        base = logistics.build_graph(network)
        origins, destinations = _route_ends(network, base, usable=True, scenarios=True)
        return {"origin": origins, "destination": destinations,
                "closed_countries": logistics.countries_on_network(base),
                "closed_nodes": list(network.node_ids)}
    if notebook.startswith("02"):
        return {"partners": spending.partner_codes(folder), "metric": list(spending.METRICS)}
    if notebook.startswith("03"):
        return {"documents": list(china_documents(folder)),
                "framing_terms": framing_lexicon_terms(folder), "window": list(CHINA_WINDOWS)}
    return {}
