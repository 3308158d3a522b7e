"""Parameters of 01_central_asia_logistics: validation, and papermill reruns good and bad."""

from __future__ import annotations

import jupytext
import pytest

from conftest import NOTEBOOKS, assert_stops_in_validation, errors_in, glued, run_notebook
from natoasia import logistics, params
from natoasia.params import ParameterError

SOURCE = NOTEBOOKS / "01_central_asia_logistics.py"
GOOD = {"origin": "western_europe", "destination": "Afghanistan", "closed_countries": [],
        "closed_nodes": [], "mode_costs": {}, "circuity": {}, "length_tolerance": 0.05}
COUNTRIES = ("accepted: Afghanistan, Azerbaijan, Belarus, Belgium, Georgia, Germany, Kazakhstan, "
             "Kyrgyzstan, Latvia, Netherlands, Pakistan, Poland, Russia, Tajikistan, "
             "Turkmenistan, Ukraine, Uzbekistan")
NODES = ("accepted: aden, aktau, baku, bishkek, chaman, dushanbe, gibraltar, istanbul, kabul, "
         "kandahar, karachi, lisbon, mazar, moscow, navoi, nizhny_panj, port_said, poti, riga, "
         "samara, termez, torkham, western_europe")


def _parameter_cell() -> dict:
    nb = jupytext.read(SOURCE)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    scope: dict = {}
    exec(cell.source, scope)  # noqa: S102 - the notebook's own parameter cell
    return {k: v for k, v in scope.items() if not k.startswith("__")}


def test_notebook_defaults_are_valid_and_equal_the_documented_assumptions():
    defaults = _parameter_cell()
    settings = params.validate_central_asia_logistics(**defaults)
    assert settings == {**GOOD, "mode_costs": logistics.DEFAULT_MODE_COSTS,
                        "circuity": logistics.DEFAULT_CIRCUITY,
                        "length_tolerance": logistics.DEFAULT_LENGTH_TOLERANCE}
    assert defaults["length_tolerance"] == logistics.DEFAULT_LENGTH_TOLERANCE
    assert defaults["mode_costs"] == logistics.DEFAULT_MODE_COSTS
    assert defaults["circuity"] == logistics.DEFAULT_CIRCUITY


def test_papermill_reads_every_parameter_without_a_warning(caplog):
    # papermill's parser gives up on a line holding more than one "=" (a trailing comment such
    # as "# >= 1" did): explanations go on their own lines above each assignment
    from papermill.translators import PythonTranslator

    nb = jupytext.read(SOURCE)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    code = [line for line in cell.source.splitlines() if line and not line.startswith("#")]
    assert all("#" not in line for line in code), "a trailing comment in the parameters cell"
    with caplog.at_level("WARNING"):
        found = PythonTranslator.inspect(cell)
    assert not caplog.records
    assert [p.name for p in found] == list(GOOD)
    assert found[-2].default == str(logistics.DEFAULT_CIRCUITY).replace("'", '"')
    assert found[-1].default == str(logistics.DEFAULT_LENGTH_TOLERANCE)


def test_partial_mappings_keep_the_other_defaults():
    settings = params.validate_central_asia_logistics(**{**GOOD, "mode_costs": {"air": 10},
                                                         "circuity": {"road": 1.5}})
    assert settings["mode_costs"] == {**logistics.DEFAULT_MODE_COSTS, "air": 10.0}
    assert settings["circuity"] == {**logistics.DEFAULT_CIRCUITY, "road": 1.5}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"closed_countries": ["Narnia"]},
         f"parameter 'closed_countries': unknown value(s) 'Narnia'; {COUNTRIES}"),
        ({"closed_countries": "Pakistan"},
         "parameter 'closed_countries': expected a list of values from Afghanistan"),
        ({"closed_nodes": ["khyber"]}, f"parameter 'closed_nodes': unknown value(s) 'khyber'; "
                                       f"{NODES}"),
        ({"origin": "london"}, "parameter 'origin': unknown value 'london'; accepted: aden, "
                               "baku, bishkek"),
        ({"origin": "karachi"}, "parameter 'origin': unknown value 'karachi'; accepted: aden"),
        ({"origin": "kabul"}, "parameter 'origin': unknown value 'kabul'; accepted: aden"),
        ({"mode_costs": {"rail": 0}}, "parameter 'mode_costs': 'rail' costs 0; costs must be "
                                      "greater than 0"),
        ({"destination": "kunduz"}, "parameter 'destination': unknown value 'kunduz'; accepted: "
                                    "Afghanistan, aden"),
        ({"mode_costs": {"air": -1}},
         "parameter 'mode_costs['air']': -1 is outside the accepted range 0.0 to inf"),
        ({"mode_costs": {"boat": 1}},
         "parameter 'mode_costs (key)': unknown value 'boat'; accepted: air, ferry, rail, road, "
         "sea"),
        ({"mode_costs": {"air": "cheap"}},
         "parameter 'mode_costs['air']': expected a number, got str"),
        ({"circuity": {"road": 0.9}},
         "parameter 'circuity['road']': 0.9 is outside the accepted range 1.0 to inf"),
        ({"circuity": [1.2]}, "parameter 'circuity': expected a mapping with keys from air"),
        ({"closed_countries": ["Pakistan", "Kazakhstan"]},
         "parameter 'closed_countries': 'Afghanistan' cannot be reached from 'western_europe' "
         "with closed_countries ['Pakistan', 'Kazakhstan'] and closed_nodes []; no point of "
         "entry into Afghanistan can be reached; close fewer countries or nodes"),
        ({"destination": "western_europe"},
         "parameters 'origin' and 'destination': both are 'western_europe'; the route needs two "
         "different ends"),
        ({"origin": "nizhny_panj"},  # no destination at all: refused whatever the destination
         "parameter 'origin': 'nizhny_panj' is a point of entry into Afghanistan, with no route "
         "of any length to another node; accepted: baku, bishkek, dushanbe, gibraltar"),
        ({"origin": "dushanbe"},  # a leg of 0 km to the Nizhny Panj bridge: nothing to cost
         "parameter 'origin': 'dushanbe' is itself a point of entry into Afghanistan or joined "
         "to one by a leg of no length, so there is no route to cost; choose a node farther "
         "out: baku, bishkek, gibraltar, istanbul, lisbon, poti, riga, western_europe$"),
        # Aden and Port Said once stood in that list, and were then refused in their turn
        ({"origin": "aden"},  # by sea to Karachi only: nothing left once Pakistan closes
         "parameter 'origin': every route from 'aden' runs through Pakistan, which the "
         "notebook's closure scenarios close, so nothing can be compared; accepted: baku, "
         "bishkek, dushanbe, gibraltar, istanbul, lisbon, port_said, poti, riga, "
         "western_europe (`natoasia sweep logistics` takes 'aden')"),
        ({"origin": "dushanbe", "destination": "nizhny_panj"},  # not "a point of entry into
         "parameter 'origin': 'dushanbe' is joined to 'nizhny_panj' by a leg of no length"),
        ({"origin": "dushanbe", "destination": "mazar"},  # not Afghanistan, reached at no cost
         "'mazar' cannot be reached from 'dushanbe' with closed_countries [] and closed_nodes "
         "[]; reachable: kabul$"),
        ({"origin": "dushanbe", "destination": "poti", "closed_nodes": ["gibraltar"]},
         # a node outside Afghanistan: not "no point of entry into Afghanistan can be reached"
         "parameter 'destination': 'poti' cannot be reached from 'dushanbe' with "
         "closed_countries [] and closed_nodes ['gibraltar']; reachable: kabul$"),
        ({"closed_countries": ["Kazakhstan"]},  # with Pakistan also closed, nothing is left
         "parameter 'closed_countries': 'Afghanistan' cannot be reached from 'western_europe' "
         "with closed_countries ['Kazakhstan'] and closed_nodes [] once Pakistan is also "
         "closed, which the notebook's closure scenarios compare against; no point of entry "
         "into Afghanistan can be reached; close fewer countries or nodes, or write the table "
         "of every closure with `natoasia sweep logistics`"),
        ({"destination": "kandahar"},  # reached only through Pakistan
         "parameter 'destination': 'kandahar' cannot be reached from 'western_europe' with "
         "closed_countries [] and closed_nodes [] once Pakistan is also closed"),
        ({"closed_countries": ["Belgium"]},
         "parameter 'origin': 'western_europe' lies in Belgium, which is in 'closed_countries'"),
        ({"closed_nodes": ["kabul"], "destination": "kabul"},
         "parameter 'destination': 'kabul' is also in 'closed_nodes'"),
        ({"closed_countries": ["Afghanistan"]},
         "parameter 'closed_countries': 'Afghanistan' is the destination"),
        ({"length_tolerance": 1.5},
         "parameter 'length_tolerance': 1.5 is outside the accepted range 0.0 to 1.0"),
        ({"length_tolerance": "5%"},
         "parameter 'length_tolerance': expected a number, got str '5%'"),
    ],
    ids=["unknown-country", "string-not-list", "unknown-node", "unknown-origin",
         "origin-in-a-scenario-country", "origin-in-afghanistan", "zero-cost",
         "unknown-destination", "negative-cost", "unknown-mode", "cost-not-number",
         "circuity-below-1", "circuity-not-mapping", "unreachable", "same-ends",
         "origin-is-an-entry-point", "origin-a-zero-leg-from-entry", "origin-only-via-pakistan",
         "zero-leg-to-a-node", "reachable-lists-no-refused-end", "node-outside-afghanistan-cut",
         "cut-off-once-pakistan-closes", "lost-without-pakistan",
         "origin-closed",
         "destination-closed-node", "destination-country-closed", "tolerance-above-1",
         "tolerance-not-number"],
)
def test_validation_names_the_parameter_and_the_accepted_values(kwargs, message):
    with pytest.raises(ParameterError) as info:
        params.validate_central_asia_logistics(**{**GOOD, **kwargs})
    if message.endswith("$"):
        assert str(info.value).endswith(message[:-1])
    else:
        assert message in str(info.value)


def test_every_listed_end_has_a_valid_run_and_aden_still_sweeps():
    """`natoasia list` offered origin 'aden' and destination 'kandahar', which the notebook
    refuses whatever the other parameters (both need Pakistan, closed in its scenarios)."""
    accepted = params.accepted_values("01_central_asia_logistics")
    assert "aden" not in accepted["origin"] and "kandahar" not in accepted["destination"]
    assert "nizhny_panj" not in accepted["origin"]  # a point of entry, legs of 0 km onwards
    for origin in accepted["origin"]:
        assert any(_valid(origin, d) for d in accepted["destination"]), origin
    for destination in accepted["destination"]:
        assert any(_valid(o, destination) for o in accepted["origin"]), destination
    swept = params.validate_central_asia_logistics(**{**GOOD, "origin": "aden"}, scenarios=False)
    assert swept["origin"] == "aden"


def _valid(origin, destination) -> bool:
    try:
        params.validate_central_asia_logistics(
            **{**GOOD, "origin": origin, "destination": destination})
    except ParameterError:
        return False
    return True


def test_an_unreachable_node_destination_lists_what_can_be_reached():
    with pytest.raises(ParameterError) as info:
        params.validate_central_asia_logistics(
            **{**GOOD, "destination": "kandahar", "closed_countries": ["Pakistan"]})
    message = str(info.value)
    assert "'kandahar' cannot be reached" in message
    reachable = message.split("reachable: ")[1].split(", ")
    assert "kabul" in reachable and "Afghanistan" in reachable and "kandahar" not in reachable
    assert "karachi" not in reachable  # in a closed country




@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"closed_countries": ["Atlantis"]},
         f"parameter 'closed_countries': unknown value(s) 'Atlantis'; {COUNTRIES}"),
        ({"mode_costs": {"rail": -0.5}},
         "parameter 'mode_costs['rail']': -0.5 is outside the accepted range 0.0 to inf"),
        ({"closed_countries": ["Pakistan", "Kazakhstan"]},
         "parameter 'closed_countries': 'Afghanistan' cannot be reached from 'western_europe'"),
    ],
    ids=["unknown-country", "negative-cost", "unreachable"],
)
def test_notebook_stops_in_the_validation_cell(tmp_path, parameters, message):
    assert_stops_in_validation(SOURCE, tmp_path, parameters, message,
                               "validate_central_asia_logistics")


def test_notebook_reruns_with_pakistan_closed_and_dearer_rail(tmp_path):
    executed = run_notebook(SOURCE, tmp_path, closed_countries=["Pakistan"],
                            mode_costs={"rail": 0.8})
    assert not errors_in(executed)
    values = glued(executed)
    # with rail at 0.8 the northern corridor costs more than the Caucasus route:
    # independent check from the link lengths and the assumptions
    graph = logistics.build_graph(logistics.load_network(), {"rail": 0.8})
    expected = logistics.cheapest_route(graph, "western_europe", "Afghanistan", ["Pakistan"])
    assert values["nb01_route_path"] == expected.path
    assert values["nb01_route_cost"] == f"{expected.cost:,.0f}"
    assert "pakistan" not in expected.families
    # the prose follows the run: one country-disjoint route is left, in the singular, and the
    # one further closure that cuts Afghanistan off is named (checked by brute force here)
    origin, others = "western_europe", logistics.closable_countries(graph, "western_europe")
    cutters = [c for c in others if c != "Pakistan" and logistics.cheapest_route(
        graph, origin, "Afghanistan", ["Pakistan", c]) is None]
    assert cutters == ["Kazakhstan"]
    text = values["nb01_disjoint_text"]
    assert text.startswith("There is only one such route:") and "1 such routes" not in text
    assert "One further closure is enough to cut Afghanistan off, and only one country does " \
           "it: Kazakhstan." in text
    # dearer rail makes the Caucasus route the fallback, so Latvia's port no longer weighs
    assert "Riga" in values["nb01_latvia_text"] and "does not raise the cost" in values[
        "nb01_latvia_text"]
    without_latvia = logistics.cheapest_route(graph, origin, "Afghanistan", ["Pakistan", "Latvia"])
    assert without_latvia.cost == expected.cost and "Latvia" not in expected.countries


def test_the_prose_names_a_destination_outside_afghanistan(tmp_path):
    executed = run_notebook(SOURCE, tmp_path, destination="dushanbe")
    assert not errors_in(executed)
    label = logistics.load_network().nodes.set_index("node_id").loc["dushanbe", "label"]
    texts = " ".join(str(v) for v in glued(executed).values())
    assert f"cut {label} off" in texts
    assert "Afghanistan off" not in texts and "leaves Afghanistan" not in texts
    assert "closing no country" not in texts


def test_a_route_through_no_closable_country_reads_true(tmp_path):
    """`natoasia run 01 -p destination istanbul`, a route by sea only, read "There is only one
    such route: every other route left shares at least one transit country with it" (it has
    none) and set the model's "rise of 0 %" for closing Pakistan against the Pentagon's figures
    as if fees explained the gap."""
    executed = run_notebook(SOURCE, tmp_path, destination="istanbul")
    assert not errors_in(executed)
    values = glued(executed)
    assert values["nb01_disjoint_text"].startswith(
        "The cheapest route crosses none of the countries a run can close, apart from those of "
        "its two ends, so no closure of a country can take it away. No set of up to three "
        "closures leaves Istanbul without a route.")
    assert values["nb01_closure_vs_reported"].startswith(
        "In this run closing Pakistan does not raise the model's cost at all")
