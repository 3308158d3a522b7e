"""SIPRI subset, missing-data codes, crosswalk and spending ranks (checked independently)."""

from __future__ import annotations

import csv
import json
import re
import zipfile

import matplotlib as mpl
import nbformat
import numpy as np
import pandas as pd
import pytest

from conftest import DATA, NOTEBOOKS, glued, shared_sources
from natoasia import partners as gp
from natoasia import spending
from natoasia.prose import count_noun, join_words

NOTEBOOK = NOTEBOOKS / "02_global_partners_constraints"
PARTNERS = ["AFG", "AUS", "IRQ", "JPN", "KOR", "MNG", "MYS", "NZL", "PAK", "SGP"]
COLUMN = {"constant_usd": "milex_const2022_usd_m", "share_gdp": "milex_share_gdp"}


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _independent_ranks(year: int, metric: str, partners: list[str]) -> dict[str, dict]:
    """Plain-Python ranks from the CSV files: no pandas, no natoasia code."""
    allies = {r["iso3"] for r in _csv("country_crosswalk")
              if r["role"] == "nato_member" and r["nato_entry_year"]
              and int(r["nato_entry_year"]) <= year}
    values = {r["iso3"]: float(r[COLUMN[metric]]) for r in _csv("milex_sipri_subset")
              if int(r["year"]) == year and r[COLUMN[metric]] != ""}
    ally_values = sorted((values[a] for a in allies if a in values), reverse=True)
    out = {}
    for iso3 in partners:
        if iso3 not in values:
            out[iso3] = None
            continue
        value = values[iso3]
        out[iso3] = {"rank": 1 + sum(v > value for v in ally_values),
                     "below": sum(v < value for v in ally_values), "n": len(ally_values)}
    return out


@pytest.fixture(scope="module")
def frames():
    return spending.load_subset(), spending.load_crosswalk()


@pytest.fixture(scope="module")
def sipri_sources():
    return shared_sources("sipri_milex", "sipri_milex_1949_2023_long.csv").parent


# --- ranks agree with an independent computation ------------------------------------------

@pytest.mark.parametrize("metric", ["constant_usd", "share_gdp"])
@pytest.mark.parametrize("year", [2000, 2003, 2008, 2013, 2016, 2020, 2023])
def test_ranks_agree_with_plain_python_sorting(frames, year, metric):
    milex, crosswalk = frames
    ranks = spending.rank_among_allies(milex, crosswalk, PARTNERS, year, metric).set_index("iso3")
    for iso3, expected in _independent_ranks(year, metric, PARTNERS).items():
        row = ranks.loc[iso3]
        if expected is None:
            assert row["rank"] is None or str(row["rank"]) == "<NA>"
            assert row["code"] == "..."
            continue
        assert int(row["rank"]) == expected["rank"], (iso3, year, metric)
        assert int(row["allies_below"]) == expected["below"]
        assert int(row["allies_with_data"]) == expected["n"]


def test_ranks_quoted_in_the_notebook_agree_with_an_independent_computation():
    source = NOTEBOOK.with_suffix(".py").read_text(encoding="utf-8")
    year = int(re.search(r"^year = (\d{4})", source, re.M).group(1))
    metric = re.search(r'^metric = "(\w+)"', source, re.M).group(1)
    values = glued(nbformat.read(NOTEBOOK.with_suffix(".ipynb"), as_version=4))
    expected = _independent_ranks(year, metric, ["JPN", "KOR", "AUS", "NZL"])
    assert int(values["nb02_year"]) == year
    assert int(values["nb02_n_allies"]) == expected["JPN"]["n"]
    for iso3 in ("JPN", "KOR", "AUS", "NZL"):
        assert int(values[f"nb02_{iso3.lower()}_below"]) == expected[iso3]["below"], iso3


def test_period_summary_in_the_notebook_agrees_with_an_independent_computation():
    values = glued(nbformat.read(NOTEBOOK.with_suffix(".ipynb"), as_version=4))
    shares = {(iso3, metric): [] for iso3 in ("JPN", "KOR", "AUS", "NZL")
              for metric in COLUMN}
    for year in range(2000, 2024):
        for metric in COLUMN:
            for iso3, r in _independent_ranks(year, metric, ["JPN", "KOR", "AUS", "NZL"]).items():
                shares[(iso3, metric)].append(r["below"] / r["n"])
    three_min = min(min(shares[(c, "constant_usd")]) for c in ("JPN", "KOR", "AUS"))
    assert int(values["nb02_three_min_usd"]) == round(100 * three_min)
    assert int(values["nb02_jpn_max_gdp"]) == round(100 * max(shares[("JPN", "share_gdp")]))
    assert int(values["nb02_nzl_max_usd"]) == round(100 * max(shares[("NZL", "constant_usd")]))
    assert all(s > 0.5 for c in ("JPN", "KOR", "AUS") for s in shares[(c, "constant_usd")])
    assert all(s < 0.5 for s in shares[("JPN", "share_gdp")])


@pytest.mark.parametrize(("metric", "unit", "scale"), [("constant_usd", "US$ bn, constant 2022",
                                                         0.001),
                                                        ("share_gdp", "% of GDP", 100)])
def test_rank_table_is_shown_in_the_units_of_the_figures(frames, metric, unit, scale):
    ranks = spending.rank_among_allies(*frames, ["AUS", "MNG", "NZL"], 2020, metric)
    shown = spending.shown_ranks(ranks, {"AUS": "Australia", "NZL": "New Zealand"})
    assert shown.index.tolist() == ["Australia", "MNG", "New Zealand"]
    assert shown.columns[0] == f"value ({unit})"
    for iso3, name in [("AUS", "Australia"), ("NZL", "New Zealand")]:
        row = ranks.set_index("iso3").loc[iso3]
        assert shown.loc[name, f"value ({unit})"] == round(row["value"] * scale, 1)
        assert shown.loc[name, "% of Allies below"] == round(100 * row["share_below"])
        assert shown.loc[name, "rank"] == row["rank"]
    assert "share_below" not in shown.columns and "iso3" not in shown.columns


def test_ties_share_a_rank_and_missing_allies_are_counted(frames):
    milex, crosswalk = frames
    ranks = spending.rank_among_allies(milex, crosswalk, ["JPN"], 2020, "share_gdp")
    assert int(ranks["allies_no_data"].iloc[0]) == 1  # Iceland: no share of GDP ('...')
    assert int(ranks["allies_with_data"].iloc[0]) == 28
    usd = spending.rank_among_allies(milex, crosswalk, ["JPN"], 2020, "constant_usd")
    assert int(usd["allies_no_data"].iloc[0]) == 0 and int(usd["allies_with_data"].iloc[0]) == 29
    # A tie: give Japan exactly Italy's 2020 figure. Neither counts as above the other.
    tied = milex.copy()
    italy = tied.loc[(tied["iso3"] == "ITA") & (tied["year"] == 2020), "milex_share_gdp"].iloc[0]
    tied.loc[(tied["iso3"] == "JPN") & (tied["year"] == 2020), "milex_share_gdp"] = italy
    row = spending.rank_among_allies(tied, crosswalk, ["JPN"], 2020, "share_gdp").iloc[0]
    allies = tied[tied["iso3"].isin(spending.allies_in_year(crosswalk, 2020))
                  & (tied["year"] == 2020)]["milex_share_gdp"].dropna()
    assert int(row["allies_above"]) == int((allies > italy).sum())
    assert int(row["allies_below"]) == int((allies < italy).sum())
    assert int(row["rank"]) == int(row["allies_above"]) + 1
    assert int(row["allies_above"]) + int(row["allies_below"]) == len(allies) - 1  # Italy, tied


def test_outspending_most_allies_means_more_than_half_not_half(frames):
    """Iraq's 2008 figure sits exactly above half of that year's Allies with data: that is
    not 'most', so it does not count."""
    milex, crosswalk = frames
    row = spending.rank_among_allies(milex, crosswalk, ["IRQ"], 2008, "constant_usd").iloc[0]
    assert int(row["allies_below"]) * 2 == int(row["allies_with_data"])
    assert not bool(row["outspends_most_allies"])


def test_allies_follow_the_dating_in_the_crosswalk(frames):
    _, crosswalk = frames
    assert len(spending.allies_in_year(crosswalk, 2002)) == 19
    assert len(spending.allies_in_year(crosswalk, 2003)) == 26  # ATOP: signature in 2003
    assert "MNE" not in spending.allies_in_year(crosswalk, 2015)
    assert "MNE" in spending.allies_in_year(crosswalk, 2016)
    assert "FIN" not in spending.allies_in_year(crosswalk, 2022)
    assert len(spending.allies_in_year(crosswalk, 2023)) == 30
    flagged = set(spending.allies_in_year(crosswalk, 2000, include_flagged=True)) - set(
        spending.allies_in_year(crosswalk, 2000))
    assert flagged == {"MKD", "SWE"}


def test_year_comparison_is_sorted_and_marks_partners(frames):
    milex, crosswalk = frames
    table = spending.year_comparison(milex, crosswalk, ["JPN", "NZL"], 2020, "constant_usd")
    values = table["value"].dropna().tolist()
    assert values == sorted(values, reverse=True)
    assert table.iloc[0]["iso3"] == "USA"
    assert set(table.loc[table["group"] == "partner", "iso3"]) == {"JPN", "NZL"}
    assert len(table) == 31


@pytest.mark.parametrize("metric", ["constant_usd", "share_gdp"])
def test_allies_ahead_agree_with_plain_python_counting(frames, metric):
    """Who outspent each partner in which years, counted from the CSV files directly."""
    milex, crosswalk = frames
    partners = ["KOR", "AUS", "JPN", "AFG"]  # AFG: years without a figure
    entry = {r["iso3"]: int(r["nato_entry_year"]) for r in _csv("country_crosswalk")
             if r["role"] == "nato_member" and r["nato_entry_year"]}
    values = {(r["iso3"], int(r["year"])): float(r[COLUMN[metric]])
              for r in _csv("milex_sipri_subset") if r[COLUMN[metric]] != ""}
    ahead = spending.allies_ahead(milex, crosswalk, partners, metric)
    assert list(dict.fromkeys(ahead["iso3"])) == partners
    for partner in partners:
        years = [y for y in range(2000, 2024) if (partner, y) in values]
        expected = {}
        for year in years:
            for ally, since in entry.items():
                if since <= year and values.get((ally, year), float("-inf")) > values[
                        (partner, year)]:
                    expected.setdefault(ally, []).append(year)
        mine = ahead[ahead["iso3"] == partner].set_index("ally")
        assert set(mine.index) == set(expected), partner
        for ally, ahead_in in expected.items():
            row = mine.loc[ally]
            assert row["years_ahead"] == len(ahead_in) and row["partner_years"] == len(years)
            assert row["which"] == spending.year_spans(ahead_in)
            assert bool(row["every_year"]) == (ahead_in == years)
        assert mine["years_ahead"].is_monotonic_decreasing


def test_allies_ahead_of_korea_and_australia_in_every_year(frames):
    """The answer exercise 2 of notebook 02 prints: the same four Allies ahead throughout."""
    ahead = spending.allies_ahead(*frames, ["KOR", "AUS"], "constant_usd")
    for partner in ("KOR", "AUS"):
        mine = ahead[ahead["iso3"] == partner]
        assert set(mine.loc[mine["every_year"], "ally"]) == {"USA", "GBR", "FRA", "DEU"}
        assert "ITA" in set(mine.loc[~mine["every_year"], "ally"])
    assert spending.allies_ahead(*frames, ["XXX"], "constant_usd").empty


def test_partners_and_years_are_read_from_the_data(frames):
    assert spending.partner_codes() == sorted(r["iso3"] for r in _csv("country_crosswalk")
                                              if r["role"] == "partner") == PARTNERS
    years = {int(r["year"]) for r in _csv("milex_sipri_subset")}
    assert spending.year_range() == (min(years), max(years)) == (2000, 2023)
    milex, _ = frames
    assert spending.year_range(milex=milex[milex["year"] <= 2010]) == (2000, 2010)


def test_ranks_over_time_default_to_the_years_in_the_data(frames):
    milex, crosswalk = frames
    short = milex[milex["year"].between(2005, 2009)]
    ranks = spending.ranks_over_time(short, crosswalk, ["JPN", "NZL"], "constant_usd")
    assert ranks["year"].tolist() == [2005, 2006, 2007, 2008, 2009] * 2


@pytest.mark.parametrize("metric", spending.METRICS)
@pytest.mark.parametrize("include_flagged", [False, True])
def test_ranks_over_time_stack_the_yearly_ranks(frames, metric, include_flagged):
    """One table built for all years equals the yearly tables stacked (values and types)."""
    milex, crosswalk = frames
    partners = ["SGP", "AUS", "AFG", "XXX"]  # AFG: years without a figure; XXX: no rows at all
    ranks = spending.ranks_over_time(milex, crosswalk, partners, metric,
                                     include_flagged=include_flagged)
    yearly = [spending.rank_among_allies(milex, crosswalk, partners, year, metric,
                                         include_flagged) for year in range(2000, 2024)]
    stacked = pd.concat(yearly, ignore_index=True)
    stacked = stacked.sort_values(["iso3", "year"], key=lambda s: s.map(partners.index)
                                  if s.name == "iso3" else s).reset_index(drop=True)
    pd.testing.assert_frame_equal(ranks, stacked)


NAMES = {r["iso3"]: r["name"] for r in _csv("country_crosswalk")}


@pytest.mark.parametrize(("partners", "year", "metric"),
                         [(["AUS", "JPN", "KOR", "NZL"], 2020, "share_gdp"),
                          (["SGP", "PAK", "MNG", "MYS"], 2010, "constant_usd"),
                          (["AFG", "IRQ"], 2001, "constant_usd"),
                          (["AFG", "JPN"], 2001, "share_gdp")])
def test_year_sentence_names_who_ranks_above_half_the_allies(frames, partners, year, metric):
    milex, crosswalk = frames
    text = spending.describe_year_ranks(
        spending.rank_among_allies(milex, crosswalk, partners, year, metric), NAMES)
    expected = _independent_ranks(year, metric, partners)
    names = {iso3: gp.in_sentence(NAMES[iso3]) for iso3 in partners}
    above = [names[c] for c in partners
             if expected[c] and expected[c]["below"] > expected[c]["n"] / 2]
    below = [names[c] for c in partners if expected[c] and names[c] not in above]
    missing = [names[c] for c in partners if expected[c] is None]
    phrase = spending.METRIC_PHRASES[metric]
    if above:
        n = next(expected[c]["n"] for c in partners if expected[c])
        assert text.startswith(f"In {year}, {phrase}, {join_words(above)} ranked above "
                               f"more than half of the {count_noun(n, 'Ally', 'Allies')} "
                               "with data")
    if below:
        assert f"{join_words(below)} did not" in text
    if missing:
        assert text.endswith(f"{join_words(missing)} {'has' if len(missing) == 1 else 'have'}"
                             f" no SIPRI figure for {year} {phrase}.")


def test_rank_series_sentence_counts_years_above_the_line(frames):
    milex, crosswalk = frames
    main = spending.ranks_over_time(milex, crosswalk, ["AUS", "JPN", "KOR", "NZL"], "share_gdp")
    assert spending.describe_rank_series(main, NAMES) == (
        "From 2000 to 2023, Australia and the Republic of Korea are above the dashed 50% line "
        "in every year with a figure; Japan and New Zealand never rise above it.")
    others = spending.ranks_over_time(milex, crosswalk, ["SGP", "MNG", "AFG"], "constant_usd")
    years = {c: sum(1 for y in range(2000, 2024)
                    if (r := _independent_ranks(y, "constant_usd", [c])[c])
                    and r["below"] > r["n"] / 2) for c in ("SGP", "MNG", "AFG")}
    with_data = sum(1 for y in range(2000, 2024) if _independent_ranks(y, "constant_usd",
                                                                        ["AFG"])["AFG"])
    text = spending.describe_rank_series(others, NAMES)
    assert 0 < years["SGP"] < 24 and years["MNG"] == 0 and years["AFG"] == 0
    assert text == (f"From 2000 to 2023, Singapore is above the dashed 50% line in "
                    f"{years['SGP']} of its 24 years with a figure; Mongolia and Afghanistan "
                    "never rise above it.")
    assert with_data == 18


def test_unknown_metric_is_named():
    with pytest.raises(KeyError, match="unknown metric 'ppp'; known: constant_usd, share_gdp"):
        spending.metric_columns("ppp")


# --- the subset, its codes and the crosswalk ----------------------------------------------

def test_crosswalk_maps_every_sipri_name_used():
    crosswalk = {r["sipri_name"]: r["iso3"] for r in _csv("country_crosswalk")}
    rows = _csv("milex_sipri_subset")
    used = {r["country"] for r in rows}
    assert used == set(crosswalk), used ^ set(crosswalk)
    assert all(crosswalk[r["country"]] == r["iso3"] for r in rows)
    assert len(set(crosswalk.values())) == len(crosswalk)


def test_every_member_is_dated_by_a_cited_source_or_flagged():
    for row in _csv("country_crosswalk"):
        if row["role"] != "nato_member":
            assert row["nato_entry_basis"] == "not_a_member" and not row["nato_entry_year"]
            continue
        if row["nato_entry_basis"] == "not_in_cited_source":
            assert not row["nato_entry_year"] and "FLAGGED" in row["note"]
        else:
            assert row["nato_entry_year"] and row["role_source_id"] in {"leeds2002",
                                                                         "sipri_milex_2024"}
    flagged = {r["iso3"] for r in _csv("country_crosswalk")
               if r["nato_entry_basis"] == "not_in_cited_source"}
    assert flagged == {"MKD", "SWE"}


def test_codes_and_values_exclude_each_other():
    rows = _csv("milex_sipri_subset")
    assert len(rows) == 42 * 24
    for row in rows:
        for value, code in [("milex_const2022_usd_m", "code_const2022_usd"),
                            ("milex_share_gdp", "code_share_gdp")]:
            assert (row[value] == "") == (row[code] in spending.MISSING_CODES), row
        if row["all_measures_code"]:
            assert row["code_const2022_usd"] == row["code_share_gdp"] == row["all_measures_code"]
    iceland = [r for r in rows if r["iso3"] == "ISL"]
    assert {r["code_share_gdp"] for r in iceland} == {"..."}
    assert {r["milex_const2022_usd_m"] for r in iceland} == {"0.0"}


def test_missing_code_summary(frames):
    milex, _ = frames
    summary = spending.missing_codes(milex)
    row = summary[(summary["iso3"] == "ISL") & (summary["metric"] == "share_gdp")].iloc[0]
    assert (row["years"], row["which"], row["code"]) == (24, "2000–2023", "...")
    assert set(summary["iso3"]) == {"AFG", "IRQ", "ISL", "MNE"}
    afghanistan = summary[(summary["iso3"] == "AFG") & (summary["metric"] == "constant_usd")]
    assert afghanistan["which"].tolist() == ["2000–2003, 2022–2023"]  # two gaps, not one span


def test_shipped_share_is_well_under_ten_per_cent(frames):
    milex, _ = frames
    share = spending.subset_share(milex)
    assert share["cells"] == pytest.approx(2016 / 65250)
    assert share["rows"] < 0.08 and share["cells"] < 0.04
    description = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    text = next(r["description"] for r in description["resources"]
                if r["name"] == "milex_sipri_subset")
    assert "1,008 of the 13,050" in text and "2,016 of its 65,250" in text


def test_subset_rebuilds_exactly_from_the_staged_sipri_files(sipri_sources, tmp_path):
    countries = {r["sipri_name"]: r["iso3"] for r in _csv("country_crosswalk")}
    rows = spending.build_subset(sipri_sources / "sipri_milex_1949_2023_long.csv",
                                 sipri_sources / "SIPRI-Milex-data-1949-2023.xlsx", countries)
    spending.write_subset(rows, tmp_path / "subset.csv")
    assert (tmp_path / "subset.csv").read_bytes() == (DATA / "milex_sipri_subset.csv").read_bytes()
    with (sipri_sources / "sipri_milex_1949_2023_long.csv").open(encoding="utf-8") as fh:
        assert sum(1 for _ in csv.DictReader(fh)) == spending.SOURCE_ROWS  # subset_share's base


def test_finland_entry_year_is_in_the_sipri_footnote(sipri_sources):
    with (sipri_sources / "sipri_milex_footnotes.csv").open(encoding="utf-8") as fh:
        notes = {r["col_a"]: r["col_c"] for r in csv.DictReader(fh)}
    assert "joined the NATO alliance in 2023" in notes["85.0"]
    finland = next(r for r in _csv("country_crosswalk") if r["iso3"] == "FIN")
    assert finland["nato_entry_year"] == "2023" and finland["role_locator"].endswith("footnote:85")


def test_atop_rows_give_the_crosswalk_entry_years(sipri_sources):
    atop = sipri_sources.parent / "atop" / "atop4_01_member_level.csv"
    with atop.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in _csv("country_crosswalk"):
        if row["nato_entry_basis"] != "atop_signature":
            continue
        numbers = [int(n) for n in row["role_locator"].split(";row:")[1].split("+")]
        cited = [rows[n - 1] for n in numbers]
        assert all(r["atopid"] == "3180" for r in cited), row["iso3"]
        cow = {int(r["member"]) for r in cited}
        assert int(row["cow_code"]) in cow or (row["iso3"] == "DEU" and cow == {255, 260})
        assert min(int(r["yrent"]) for r in cited) == int(row["nato_entry_year"]), row["iso3"]
    nato = {int(r["member"]) for r in rows if r["atopid"] == "3180"}
    dated = {int(r["cow_code"]) for r in _csv("country_crosswalk")
             if r["nato_entry_basis"] == "atop_signature"}
    assert nato - {260} == dated  # every ATOP NATO member is in the crosswalk


def test_cow_codes_only_where_a_cited_atop_row_carries_them():
    """No staged source gives the COW codes of partners or of Allies ATOP does not date, and
    nothing reads them: those rows leave the code empty rather than carry one from memory."""
    for row in _csv("country_crosswalk"):
        assert bool(row["cow_code"]) == (row["nato_entry_basis"] == "atop_signature"), row["iso3"]


def test_iso3_codes_come_from_natural_earth(sipri_sources):
    path = sipri_sources.parent / "naturalearth" / "ne_50m_admin_0_countries.geojson"
    features = {f["properties"]["NAME"]: f["properties"]
                for f in json.loads(path.read_text(encoding="utf-8"))["features"]}
    for row in _csv("country_crosswalk"):
        name = row["iso3_locator"].split(";NAME=")[1]
        assert features[name]["ADM0_A3"] == row["iso3"], name


# --- the workbook reader on a workbook built here -----------------------------------------

LEGEND = ("Figures in blue are SIPRI estimates. Figures in red indicate highly uncertain "
          "data.")


def _tiny_workbook(path, legend=LEGEND, mu_colour='rgb="FFFF0000"'):
    """A two-sheet workbook in SIPRI's layout: a legend, a header, countries and a region
    row, with codes (one padded with spaces) and with figures in the default font, blue (an
    estimate) and ``mu_colour`` (red, an uncertain figure, by default)."""
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    strings = ["Country", "Atlantis", "...", "Lemuria", "xxx", "Asia", legend, "Mu", " xxx "]
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)

    def cell(ref, value, shared=False, style=0):
        return (f'<c r="{ref}" t="s"><v>{value}</v></c>' if shared
                else f'<c r="{ref}" s="{style}"><v>{value}</v></c>')

    sheet = (f"<worksheet {ns}><sheetData>"
             f'<row r="1">{cell("A1", 6, True)}</row>'
             f'<row r="2">{cell("A2", 0, True)}{cell("B2", 2000)}{cell("C2", 2001)}</row>'
             f'<row r="3">{cell("A3", 1, True)}{cell("B3", 2, True)}{cell("C3", 1.5, style=1)}'
             "</row>"  # a country right under the header, then a region row
             f'<row r="4">{cell("A4", 5, True)}</row>'
             f'<row r="5">{cell("A5", 3, True)}{cell("B5", 4, True)}{cell("C5", 8, True)}</row>'
             f'<row r="6">{cell("A6", 7, True)}{cell("B6", 2.0, style=2)}{cell("C6", 3.0)}'
             "</row></sheetData></worksheet>")
    fonts = ('<font><color indexed="8"/></font><font><color indexed="12"/></font>'
             f"<font><color {mu_colour}/></font>")
    styles = (f'<styleSheet {ns}><fonts count="3">{fonts}</fonts><cellXfs count="3">'
              '<xf fontId="0"/><xf fontId="1"/><xf fontId="2"/></cellXfs></styleSheet>')
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/workbook.xml", f'<workbook {ns} {rel}><sheets>'
                      '<sheet name="Constant (2022) US$" sheetId="1" r:id="rId5"/>'
                      '<sheet name="Share of GDP" sheetId="2" r:id="rId5"/></sheets></workbook>')
        book.writestr("xl/_rels/workbook.xml.rels",
                      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                      'relationships"><Relationship Id="rId5" Target="worksheets/sheet9.xml" '
                      'Type="worksheet"/></Relationships>')
        book.writestr("xl/sharedStrings.xml", f"<sst {ns}>{sst}</sst>")
        book.writestr("xl/styles.xml", styles)
        book.writestr("xl/worksheets/sheet9.xml", sheet)


def test_workbook_codes_and_flags_are_read_per_cell(tmp_path):
    path = tmp_path / "tiny.xlsx"
    _tiny_workbook(path)
    codes, flags = spending.read_workbook_marks(path, "Share of GDP")
    assert codes == {("Atlantis", 2000): "...", ("Lemuria", 2000): "xxx",
                     ("Lemuria", 2001): "xxx"}
    # blue by palette index, red by RGB; Mu's 2001 figure in the default font has no flag
    assert flags == {("Atlantis", 2001): "estimate", ("Mu", 2000): "uncertain"}
    with pytest.raises(KeyError, match="no worksheet named 'Per capita'"):
        spending.read_workbook_sheet(path, "Per capita")


def test_workbook_flags_need_the_legend_that_defines_them(tmp_path):
    path = tmp_path / "tiny.xlsx"
    _tiny_workbook(path, legend="Figures in blue are SIPRI estimates.")
    with pytest.raises(ValueError, match="legend no longer says 'Figures in red indicate "
                                         "highly uncertain data', so the 'uncertain' flag"):
        spending.read_workbook_marks(path, "Share of GDP")


def test_a_figure_in_an_unknown_colour_is_an_error(tmp_path):
    path = tmp_path / "tiny.xlsx"
    _tiny_workbook(path, mu_colour='indexed="14"')  # magenta in the legacy palette
    with pytest.raises(ValueError, match="Mu 2000 is printed in colour FF00FF; known flags: "
                                         "0000FF estimate, FF0000 uncertain"):
        spending.read_workbook_marks(path, "Share of GDP")


def _tiny_sources(folder, rows: str):
    """The tiny workbook and a long CSV holding ``rows``: what build_subset reads."""
    _tiny_workbook(folder / "tiny.xlsx")
    (folder / "long.csv").write_text(
        "country,year,milex_const2022_usd_m,milex_share_gdp,missing_code\n" + rows,
        encoding="utf-8")
    return folder / "long.csv", folder / "tiny.xlsx"


def test_flags_reach_the_subset_rows(tmp_path):
    long_csv, path = _tiny_sources(tmp_path, "Mu,2000,2.0,2.0,\nMu,2001,3.0,3.0,\n")
    rows = spending.build_subset(long_csv, path, {"Mu": "MUU"}, 2000, 2001)
    assert [(r["year"], r["flag_const2022_usd"], r["flag_share_gdp"]) for r in rows] == [
        ("2000", "uncertain", "uncertain"), ("2001", "", "")]


def test_build_subset_refuses_a_value_that_also_has_a_code(tmp_path):
    long_csv, path = _tiny_sources(tmp_path, "Atlantis,2000,5.0,0.02,\n")
    with pytest.raises(ValueError, match="Atlantis 2000: constant_usd has a value and code '...'"):
        spending.build_subset(long_csv, path, {"Atlantis": "ATL"}, 2000, 2000)


def test_year_chart_says_which_partners_have_no_figure(frames):
    """Afghanistan has no SIPRI figure for 2000: its missing bar is explained under the chart."""
    import matplotlib.pyplot as plt

    comparison = spending.year_comparison(*frames, ["AFG", "AUS"], 2000, "constant_usd")
    fig = spending.plot_year(comparison, 2000, "constant_usd", "the subset.")
    note = next(t.get_text() for t in fig.texts if t.get_text().startswith("Source:"))
    assert "No SIPRI figure for 2000: Afghanistan." in note
    assert "Australia" in [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)


@pytest.mark.parametrize("metric", ["constant_usd", "share_gdp"])
def test_year_chart_draws_flagged_figures_hollow_and_names_them(frames, metric):
    """Türkiye's 2020 figures are SIPRI estimates: hollow (a white dot or a hatched bar),
    named in the legend and under the chart; Japan's, unflagged, are filled."""
    import matplotlib.pyplot as plt

    milex, crosswalk = frames
    turkey = milex[(milex["iso3"] == "TUR") & (milex["year"] == 2020)]
    assert (turkey[list(spending.FLAG_COLUMNS.values())] == "estimate").all(axis=None)
    comparison = spending.year_comparison(milex, crosswalk, ["JPN"], 2020, metric)
    fig = spending.plot_year(comparison, 2020, metric, "the subset.")
    ax = fig.axes[0]
    rows = {t.get_text(): i for i, t in enumerate(ax.get_yticklabels())}
    white = mpl.colors.to_rgba("white")

    def face(name):
        if metric == "share_gdp":
            return ax.patches[rows[name]].get_facecolor()
        for points in ax.collections:
            for (_, y), colour in zip(points.get_offsets(), points.get_facecolors(),
                                      strict=False):  # one face colour for hollow points
                if y == rows[name]:
                    return tuple(colour)
        raise AssertionError(f"{name} not drawn")

    assert face("Türkiye") == white and face("Japan") != white
    assert "SIPRI estimate" in [t.get_text() for t in ax.get_legend().get_texts()]
    note = next(t.get_text() for t in fig.texts if t.get_text().startswith("Source:"))
    drawn = "hollow" if metric == "constant_usd" else "hatched"
    assert f"SIPRI estimate, drawn {drawn}: " in note and "Türkiye" in note
    iraq = spending.year_comparison(milex, crosswalk, ["IRQ"], 2010, metric)
    plt.close(fig)
    fig = spending.plot_year(iraq, 2010, metric, "the subset.")
    note = next(t.get_text() for t in fig.texts if t.get_text().startswith("Source:"))
    assert f"Highly uncertain (SIPRI), drawn {drawn}: Iraq." in note.replace("\n", " ")
    plt.close(fig)


def test_rank_chart_draws_flagged_years_hollow(frames):
    """The Republic of Korea's figures for 2000-2004 are SIPRI estimates: those five years get
    hollow markers over the line, the other years filled ones, and the caption says so."""
    import matplotlib.pyplot as plt

    milex, crosswalk = frames
    ranks = spending.ranks_over_time(milex, crosswalk, ["KOR"], "constant_usd")
    fig = spending.plot_ranks(ranks, {"KOR": "Republic of Korea"}, "constant_usd", "the subset.")
    line, hollow = fig.axes[0].get_lines()[:2]
    years = ranks["year"].to_numpy()
    flagged = years[np.asarray(hollow.get_markevery())]
    assert list(flagged) == [2000, 2001, 2002, 2003, 2004]
    assert hollow.get_markerfacecolor() == "white" and hollow.get_linestyle() == "None"
    assert list(years[np.asarray(line.get_markevery())]) == list(range(2005, 2024))
    note = next(t.get_text() for t in fig.texts if t.get_text().startswith("Source:"))
    assert "Hollow markers" in note
    plt.close(fig)


def test_flag_table_and_sentence(frames):
    milex, _ = frames
    flags = spending.flagged_values(milex, "constant_usd")
    assert set(flags["metric"]) == {"constant_usd"}
    korea = flags[flags["iso3"] == "KOR"].iloc[0]
    assert (korea["flag"], korea["years"], korea["which"]) == ("estimate", 5, "2000–2004")
    assert len(spending.flagged_values(milex)) == 2 * len(flags)  # both measures flagged alike
    names = {"KOR": "Republic of Korea", "NZL": "New Zealand", "IRQ": "Iraq"}
    chosen = flags[flags["iso3"].isin(["IRQ", "KOR", "NZL"])]
    assert spending.describe_flagged(chosen, names) == (
        "SIPRI gives Iraq's figures for 2004–2023 as highly uncertain; the Republic of "
        "Korea's figures for 2000–2004 and New Zealand's for 2000–2002 as its own estimates.")
    assert spending.describe_flagged(flags[flags["iso3"] == "JPN"], names).startswith(
        "SIPRI flags none")
    assert spending.year_spans([2000, 2001, 2002, 2011]) == "2000–2002, 2011"


def test_flags_sit_only_on_figures_and_are_counted_in_the_claim_summary(frames):
    milex, crosswalk = frames
    for metric, flag in spending.FLAG_COLUMNS.items():
        column = spending.METRICS[metric][0]
        assert milex.loc[milex[flag].notna(), column].notna().all()
    summary = spending.claim_summary(milex, crosswalk, ["KOR", "JPN"]).set_index(
        ["metric", "iso3"])["years_flagged"]
    assert summary["constant_usd", "KOR"] == 5 and summary["share_gdp", "JPN"] == 0


@pytest.mark.parametrize("metric, bars", [("constant_usd", False), ("share_gdp", True)])
def test_year_chart_draws_dots_on_the_log_scale_and_bars_otherwise(frames, metric, bars):
    """On a log axis a bar's length depends on where the axis starts, so US$ get dots."""
    import matplotlib.pyplot as plt

    comparison = spending.year_comparison(*frames, ["AUS"], 2000, metric)
    fig = spending.plot_year(comparison, 2000, metric, "the subset.")
    ax = fig.axes[0]
    drawn = len(ax.get_yticklabels())
    assert drawn > 1
    assert (len(ax.patches) == drawn) is bars
    assert sum(len(c.get_offsets()) for c in ax.collections) == (0 if bars else drawn)
    plt.close(fig)


def test_rank_lines_narrow_so_tied_partners_stay_visible(frames):
    """Japan and Korea tie from 2010: the later, narrower line leaves the earlier one showing."""
    import matplotlib.pyplot as plt

    ranks = spending.ranks_over_time(*frames, ["JPN", "KOR"], "constant_usd")
    fig = spending.plot_ranks(ranks, {"JPN": "Japan", "KOR": "Korea"}, "constant_usd", "S.")
    japan, korea = fig.axes[0].get_lines()[:2]
    assert (japan.get_label(), korea.get_label()) == ("Japan", "Korea")
    assert japan.get_linewidth() > korea.get_linewidth()
    assert japan.get_markersize() > korea.get_markersize()
    tied = ranks.pivot(index="year", columns="iso3", values="share_below")
    assert (tied["JPN"] == tied["KOR"]).any()  # the case the widths are for
    plt.close(fig)
