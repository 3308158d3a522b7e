"""Parameters of 02_global_partners_constraints: validation and papermill reruns."""

from __future__ import annotations

import shutil

import jupytext
import pytest

from conftest import DATA, NOTEBOOKS, assert_stops_in_validation, errors_in, glued, run_notebook
from natoasia import params
from natoasia.params import ParameterError

SOURCE = NOTEBOOKS / "02_global_partners_constraints.py"
ACCEPTED = "accepted: AFG, AUS, IRQ, JPN, KOR, MNG, MYS, NZL, PAK, SGP"


def test_defaults_in_the_notebook_are_valid():
    nb = jupytext.read(SOURCE)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    scope: dict = {}
    exec(cell.source, scope)  # noqa: S102 - the notebook's own parameter cell
    assert params.validate_global_partners(scope["partners"], scope["year"],
                                           scope["metric"]) == {
        "partners": ["AUS", "JPN", "KOR", "NZL"], "year": 2020, "metric": "constant_usd"}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"partners": ["JPN", "CHN"]}, f"parameter 'partners': unknown value(s) 'CHN'; {ACCEPTED}"),
        ({"partners": "JPN"}, "parameter 'partners': expected a list of values from AFG"),
        ({"partners": []}, "parameter 'partners': the list is empty"),
        ({"partners": ["JPN", "JPN"]}, "parameter 'partners': repeated value(s)"),
        ({"year": 1999}, "parameter 'year': 1999 is outside the accepted range 2000 to 2023"),
        ({"year": 2024}, "parameter 'year': 2024 is outside the accepted range 2000 to 2023"),
        ({"year": "2020"}, "parameter 'year': expected a whole number from 2000 to 2023, got str"),
        ({"year": True}, "parameter 'year': expected a whole number from 2000 to 2023, got bool"),
        ({"metric": "ppp"}, "parameter 'metric': unknown value 'ppp'; accepted: constant_usd, "
                            "share_gdp"),
    ],
    ids=["unknown-partner", "string-partner", "empty", "repeated", "year-1999", "year-2024",
         "year-string", "year-bool", "metric"],
)
def test_validation_names_the_parameter_and_the_accepted_values(kwargs, message):
    arguments = {"partners": ["JPN"], "year": 2020, "metric": "constant_usd", **kwargs}
    with pytest.raises(ParameterError) as info:
        params.validate_global_partners(**arguments)
    assert message in str(info.value)


def test_accepted_values_come_from_the_data_not_from_a_copy(tmp_path):
    """Drop a partner from the crosswalk and a year from the SIPRI subset in a copy of data/:
    the validator follows the copy, with the same messages. (The partner's SIPRI rows go
    too: they reference its crosswalk row, and loading checks that foreign key.)"""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    crosswalk = (folder / "country_crosswalk.csv").read_text(encoding="utf-8").splitlines(True)
    (folder / "country_crosswalk.csv").write_text(
        "".join(line for line in crosswalk if not line.startswith("Singapore,")),
        encoding="utf-8")
    subset = (folder / "milex_sipri_subset.csv").read_text(encoding="utf-8").splitlines(True)
    (folder / "milex_sipri_subset.csv").write_text(
        "".join(line for line in subset
                if ",2023," not in line and not line.startswith("Singapore,")),
        encoding="utf-8")
    assert params.validate_global_partners(["JPN"], 2022, "share_gdp", folder=folder)
    with pytest.raises(ParameterError) as info:
        params.validate_global_partners(["SGP"], 2020, "share_gdp", folder=folder)
    assert str(info.value) == ("parameter 'partners': unknown value(s) 'SGP'; accepted: AFG, "
                               "AUS, IRQ, JPN, KOR, MNG, MYS, NZL, PAK")
    assert params.validate_global_partners(["SGP"], 2023, "share_gdp")  # the real data do
    with pytest.raises(ParameterError) as info:
        params.validate_global_partners(["JPN"], 2023, "share_gdp", folder=folder)
    assert str(info.value) == "parameter 'year': 2023 is outside the accepted range 2000 to 2022"





@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"partners": ["JPN", "TWN"]}, f"parameter 'partners': unknown value(s) 'TWN'; {ACCEPTED}"),
        ({"year": 1995}, "parameter 'year': 1995 is outside the accepted range 2000 to 2023"),
        ({"metric": "per_capita"}, "parameter 'metric': unknown value 'per_capita'; accepted: "
                                   "constant_usd, share_gdp"),
        ({"partners": "KOR"}, "parameter 'partners': expected a list of values"),
    ],
    ids=["unknown-partner", "year-out-of-range", "unknown-metric", "string-not-list"],
)
def test_notebook_stops_in_the_validation_cell(tmp_path, parameters, message):
    assert_stops_in_validation(SOURCE, tmp_path, parameters, message,
                               "validate_global_partners")


def test_notebook_reruns_with_other_partners_year_and_metric(tmp_path):
    executed = run_notebook(SOURCE, tmp_path, partners=["SGP", "PAK", "AFG"], year=2022,
                            metric="share_gdp")
    assert not errors_in(executed)
    values = glued(executed)
    assert values["nb02_year"] == "2022" and values["nb02_metric"] == "share of GDP"
    # Sentences about the chosen partners are built for them: no Australia, no Japan.
    assert values["nb02_troop_peaks"] == (
        "The highest figure reported is 38 for Singapore (November 2010, inferred). Inferred "
        "dates are estimates by the compiler of the press snapshots: the report itself prints "
        "no date. No troop figure is reported for Pakistan or Afghanistan.")
    assert values["nb02_year_ranks"].startswith("In 2022, as a share of GDP, ")
    assert "Japan" not in values["nb02_year_ranks"] + values["nb02_rank_series"]


def test_notebook_reruns_for_a_partner_with_no_milestone(tmp_path):
    """`natoasia run 02 -p partners '[MYS]'` showed an empty first-evidence table (no rows, no
    columns) and said "Every milestone of the chosen partners has a date" of no milestone."""
    executed = run_notebook(SOURCE, tmp_path, partners=["MYS"])
    assert not errors_in(executed)
    streams = [o["text"] for c in executed.cells for o in c.get("outputs", [])
               if o.output_type == "stream"]
    assert "The record holds no milestone for Malaysia: no table.\n" in streams
    tables = [o["data"]["text/plain"] for c in executed.cells for o in c.get("outputs", [])
              if "text/plain" in o.get("data", {})]
    assert not any(t.startswith("Empty DataFrame\nColumns: []") for t in tables)
    values = glued(executed)
    assert values["nb02_timeline"] == ("The timeline has no dated milestone for the chosen "
                                       "partners. Malaysia has no milestone in the record.")
    assert values["nb02_undated"].startswith("With no milestone in the record")
