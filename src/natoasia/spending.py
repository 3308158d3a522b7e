"""Military expenditure: the shipped SIPRI subset, its missing-data codes, and spending ranks.

The subset (``data/milex_sipri_subset.csv``) holds NATO members and the partners the seed
documents name, 2000–2023, in two measures: constant (2022) US$ m and share of GDP. It is
cut from the staged SIPRI files in ``../shared/sources/sipri_milex/`` by :func:`build_subset`
(values copied as text, never recomputed). SIPRI marks an empty cell with a code: ``...``
(data unavailable) or ``xxx`` (the country did not exist or was not independent). The staged
long CSV keeps a code only when all five measures of a country-year are empty, so the codes
for each measure are read here from the workbook itself (:func:`read_workbook_marks`), with
the standard library only. So are SIPRI's colour flags, which the long CSV drops: a figure
printed in blue is a SIPRI estimate, one in red highly uncertain. The subset carries them
as ``estimate`` and ``uncertain``, and the notebook marks those figures wherever it shows them.

Ranks answer one question: where would a partner stand among the NATO Allies of a given
year? Allies are the members a cited source dates as in the Alliance by that year (see
``country_crosswalk.csv``); Allies without a figure for the year are left out and counted.
Spending is an input, not a measure of military quality: the notebook says so where it uses
these ranks.
"""

from __future__ import annotations

import csv
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import matplotlib as mpl
import matplotlib.pyplot as plt
import pandas as pd

from natoasia import data, plotting
from natoasia.partners import in_sentence
from natoasia.prose import count_noun, join_words

# Years cut from the staged SIPRI files when the subset is built; everything downstream
# (parameter checks, ranks over time) reads the span from the shipped subset instead.
FIRST_YEAR, LAST_YEAR = 2000, 2023
# Size of the staged SIPRI long table the subset is cut from (checked by tests/test_spending.py
# when ../shared/sources is present): country-years and measures.
SOURCE_ROWS, SOURCE_MEASURES = 13050, 5
SUBSET = "milex_sipri_subset"
CROSSWALK = "country_crosswalk"

# metric -> (column in the subset, column holding SIPRI's code, workbook sheet)
METRICS = {
    "constant_usd": ("milex_const2022_usd_m", "code_const2022_usd", "Constant (2022) US$"),
    "share_gdp": ("milex_share_gdp", "code_share_gdp", "Share of GDP"),
}
MISSING_CODES = {
    "...": "data unavailable",
    "xxx": "country did not exist or was not independent",
}
# SIPRI's colour flags: the font colour of a figure in the workbook, as the legend above each
# sheet's table explains it (read_workbook_marks refuses a sheet whose legend says otherwise).
FLAG_COLOURS = {"0000FF": "estimate", "FF0000": "uncertain"}
FLAG_LEGEND = {"estimate": "Figures in blue are SIPRI estimates",
               "uncertain": "Figures in red indicate highly uncertain data"}
FLAGS = {"estimate": "SIPRI estimate", "uncertain": "highly uncertain (SIPRI)"}
FLAG_PHRASES = {"estimate": "its own estimates", "uncertain": "highly uncertain"}
# Column of the subset holding each metric's flag.
FLAG_COLUMNS = {"constant_usd": "flag_const2022_usd", "share_gdp": "flag_share_gdp"}
# Staged long-CSV columns copied into the subset, by metric.
LONG_COLUMNS = {"constant_usd": "milex_const2022_usd_m", "share_gdp": "milex_share_gdp"}
SUBSET_COLUMNS = ["country", "iso3", "year", "milex_const2022_usd_m", "code_const2022_usd",
                  "flag_const2022_usd", "milex_share_gdp", "code_share_gdp", "flag_share_gdp",
                  "all_measures_code"]
# Excel's legacy colour palette, the entries a font can name by index (ECMA-376, 18.8.27).
_INDEXED_COLOURS = ["000000", "FFFFFF", "FF0000", "00FF00", "0000FF", "FFFF00", "FF00FF",
                    "00FFFF"] * 2
# Membership bases that date an Ally's entry from a cited source (see the crosswalk).
DATED_BASES = ("atop_signature", "sipri_footnote")

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


# --- building the subset from the staged SIPRI files ---------------------------------------

def _column_index(ref: str) -> int:
    """Spreadsheet column letters of a cell reference ('BY12') as a 0-based index."""
    letters = re.match(r"[A-Z]+", ref).group()
    index = 0
    for char in letters:
        index = index * 26 + (ord(char) - 64)
    return index - 1


def _font_colours(book: zipfile.ZipFile) -> list[str | None]:
    """Each cell style's font colour as RRGGBB (None: the default colour), by style index."""
    if "xl/styles.xml" not in book.namelist():  # no styles: every cell in the default font
        return [None]
    styles = ElementTree.fromstring(book.read("xl/styles.xml"))
    palette = [c.get("rgb")[-6:] for c in styles.iter(f"{_NS}rgbColor")] or _INDEXED_COLOURS
    colours = []
    for font in styles.find(f"{_NS}fonts"):
        colour = font.find(f"{_NS}color")
        if colour is None or colour.get("auto") == "1":
            colours.append(None)
        elif colour.get("rgb") is not None:
            colours.append(colour.get("rgb")[-6:].upper())
        elif colour.get("indexed") is not None:
            index = int(colour.get("indexed"))
            colours.append(palette[index] if index < len(palette) else f"indexed {index}")
        else:  # a theme colour: its RGB lives in the theme, which SIPRI's workbook does not use
            colours.append(f"theme {colour.get('theme')}")
    return [colours[int(xf.get("fontId", 0))] for xf in styles.find(f"{_NS}cellXfs")]


def read_workbook_sheet(xlsx: str | Path, sheet: str,
                        colours: bool = False) -> list[list]:
    """Rows of one worksheet as lists of cell values (str, float or None), stdlib only.

    With ``colours``, each cell is a (value, font colour) pair instead, the colour as RRGGBB
    or None for the default.
    """
    with zipfile.ZipFile(xlsx) as book:
        strings = [
            "".join(t.text or "" for t in item.iter(f"{_NS}t"))
            for item in ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
        ]
        workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
        rel_id = next((s.get(_REL) for s in workbook.iter(f"{_NS}sheet")
                       if s.get("name") == sheet), None)
        if rel_id is None:
            raise KeyError(f"{xlsx}: no worksheet named {sheet!r}")
        rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels if r.get("Id") == rel_id)
        root = ElementTree.fromstring(book.read(f"xl/{target.lstrip('/')}"))
        font_colours = _font_colours(book) if colours else []
    rows = []
    for row in root.iter(f"{_NS}row"):
        cells: dict[int, object] = {}
        for cell in row.findall(f"{_NS}c"):
            kind, value = cell.get("t"), cell.find(f"{_NS}v")
            if kind == "s":
                content = strings[int(value.text)]
            elif kind == "inlineStr":
                content = "".join(t.text or "" for t in cell.iter(f"{_NS}t"))
            elif value is None:
                content = None
            elif kind in ("str", "e"):
                content = value.text
            else:
                content = float(value.text)
            if colours:
                content = (content, font_colours[int(cell.get("s", 0))])
            cells[_column_index(cell.get("r"))] = content
        width = max(cells, default=-1) + 1
        empty = (None, None) if colours else None
        rows.append([cells.get(i, empty) for i in range(width)])
    return rows


def read_workbook_marks(xlsx: str | Path, sheet: str) -> tuple[dict, dict]:
    """SIPRI's marks in one data sheet of the workbook, by (country, year): its text codes
    for empty cells ('...', 'xxx'), and its colour flags on figures ('estimate' for blue,
    'uncertain' for red; see :data:`FLAG_COLOURS`).

    The flags are read only while the sheet's own legend still gives those colours those
    meanings; any other colour on a figure is an error, not a figure without a flag.
    """
    rows = read_workbook_sheet(xlsx, sheet, colours=True)
    header = next(i for i, r in enumerate(rows) if r and r[0][0] == "Country")
    legend = " ".join(str(v) for r in rows[:header] for v, _ in r if isinstance(v, str))
    for flag, wording in FLAG_LEGEND.items():
        if wording not in legend:
            raise ValueError(f"{xlsx}, sheet {sheet!r}: the legend no longer says "
                             f"{wording!r}, so the {flag!r} flag cannot be read from colours")
    years = {i: int(v) for i, (v, _) in enumerate(rows[header]) if isinstance(v, float)}
    codes, flags = {}, {}
    for row in rows[header + 1:]:
        if not row or not isinstance(row[0][0], str):
            continue
        for i, year in years.items():
            value, colour = row[i] if i < len(row) else (None, None)
            if isinstance(value, str) and value.strip() in MISSING_CODES:
                codes[(row[0][0], year)] = value.strip()
            elif isinstance(value, float) and colour not in (None, "000000"):
                if colour not in FLAG_COLOURS:
                    raise ValueError(f"{xlsx}, sheet {sheet!r}: {row[0][0]} {year} is printed "
                                     f"in colour {colour}; known flags: "
                                     + ", ".join(f"{c} {f}" for c, f in FLAG_COLOURS.items()))
                flags[(row[0][0], year)] = FLAG_COLOURS[colour]
    return codes, flags


def build_subset(long_csv: str | Path, xlsx: str | Path, countries: dict[str, str],
                 first: int = FIRST_YEAR, last: int = LAST_YEAR) -> list[dict[str, str]]:
    """Rows of the shipped subset: SIPRI names -> ISO3 in ``countries``, years first..last.

    Values are copied as SIPRI's text (no float round trip). A measure's code column holds
    the workbook's code where the value is empty, and its flag column SIPRI's colour flag on
    the figure; ``all_measures_code`` is the staged long CSV's ``missing_code`` (set only
    when all five SIPRI measures are empty).
    """
    marks = {m: read_workbook_marks(xlsx, spec[2]) for m, spec in METRICS.items()}
    out = []
    with Path(long_csv).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            year = int(row["year"])
            if row["country"] not in countries or not first <= year <= last:
                continue
            record = {"country": row["country"], "iso3": countries[row["country"]],
                      "year": str(year)}
            for metric, (column, code_column, _sheet) in METRICS.items():
                value = row[LONG_COLUMNS[metric]]
                codes, flags = marks[metric]
                code = codes.get((row["country"], year), "")
                flag = flags.get((row["country"], year), "")
                if value and code:
                    raise ValueError(f"{row['country']} {year}: {metric} has a value and code "
                                     f"{code!r}")
                if not value and not code:
                    raise ValueError(f"{row['country']} {year}: {metric} is empty without a "
                                     "SIPRI code")
                record[column], record[code_column] = value, code
                record[FLAG_COLUMNS[metric]] = flag
            record["all_measures_code"] = row["missing_code"]
            out.append(record)
    missing = sorted(set(countries) - {r["country"] for r in out})
    if missing:
        raise KeyError(f"{long_csv}: no rows for SIPRI name(s) {', '.join(missing)}")
    return sorted(out, key=lambda r: (r["country"], int(r["year"])))


def write_subset(rows: list[dict[str, str]], path: str | Path) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, SUBSET_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


# --- loading and ranking -------------------------------------------------------------------

def load_subset(folder=None) -> pd.DataFrame:
    return data.load(SUBSET, folder)


def load_crosswalk(folder=None) -> pd.DataFrame:
    return data.load(CROSSWALK, folder)


def partner_codes(folder=None) -> list[str]:
    """ISO3 codes of the partners the seed documents name (crosswalk rows with role partner)."""
    crosswalk = load_crosswalk(folder)
    return sorted(crosswalk.loc[crosswalk["role"] == "partner", "iso3"].tolist())


def year_range(folder=None, milex: pd.DataFrame | None = None) -> tuple[int, int]:
    """First and last year of the shipped SIPRI subset (read from the data, not assumed)."""
    years = (load_subset(folder) if milex is None else milex)["year"]
    return int(years.min()), int(years.max())


def metric_columns(metric: str) -> tuple[str, str]:
    if metric not in METRICS:
        raise KeyError(f"unknown metric {metric!r}; known: {', '.join(METRICS)}")
    return METRICS[metric][0], METRICS[metric][1]


def _member_since(crosswalk: pd.DataFrame, include_flagged: bool) -> list[tuple[str, float]]:
    """(ISO3, first year counted as an Ally) for the members :func:`allies_in_year` counts.

    Members no cited source dates count from the start (``-inf``) when ``include_flagged``.
    """
    members = crosswalk.loc[crosswalk["role"] == "nato_member",  # only the columns used
                            ["iso3", "nato_entry_year", "nato_entry_basis"]]
    since = []
    for iso3, year, basis in members.itertuples(index=False):
        if basis in DATED_BASES and pd.notna(year):
            since.append((iso3, year))
        elif include_flagged and basis == "not_in_cited_source":
            since.append((iso3, float("-inf")))
    return since


def allies_in_year(crosswalk: pd.DataFrame, year: int, include_flagged: bool = False) -> list[str]:
    """ISO3 codes of the Allies a cited source dates as members by ``year`` (sorted).

    ``include_flagged`` also counts, in every year, the members no cited source dates
    (basis ``not_in_cited_source``): a sensitivity check, not a claim about when they joined.
    """
    return sorted(iso3 for iso3, since in _member_since(crosswalk, include_flagged)
                  if since <= year)


def values_in_year(milex: pd.DataFrame, year: int, metric: str) -> pd.DataFrame:
    """iso3, value, SIPRI code and SIPRI flag of every country in one year, for one metric."""
    column, code = metric_columns(metric)
    flag = FLAG_COLUMNS[metric]
    rows = milex.loc[milex["year"] == year, ["iso3", column, code, flag]]
    return pd.DataFrame({"iso3": rows["iso3"].to_numpy(), "value": rows[column].to_numpy(),
                         "code": rows[code].fillna("").to_numpy(),
                         "flag": rows[flag].fillna("").to_numpy()})


def _values_by_year(milex: pd.DataFrame, metric: str) -> dict[int, dict[str, tuple]]:
    """Each year's (value, SIPRI code, SIPRI flag) per ISO3 code for one metric, in one pass."""
    column, code = metric_columns(metric)
    by_year: dict[int, dict[str, tuple]] = {}
    for year, iso3, value, mark, flag in zip(milex["year"], milex["iso3"], milex[column],
                                             milex[code].fillna(""),
                                             milex[FLAG_COLUMNS[metric]].fillna(""), strict=True):
        by_year.setdefault(int(year), {})[iso3] = (value, mark, flag)
    return by_year


def _rank_rows(values: dict[str, tuple], allies: list[str], partners: list[str], year: int,
               metric: str) -> list[dict]:
    """One year's rows of :func:`rank_among_allies`, before the columns are typed."""
    ally_values = [values[iso3][0] for iso3 in allies if iso3 in values]
    known = [v for v in ally_values if pd.notna(v)]
    rows = []
    for iso3 in partners:
        value, code, flag = values.get(iso3, (pd.NA, "", ""))
        has = pd.notna(value)
        above = sum(v > value for v in known) if has else pd.NA
        below = sum(v < value for v in known) if has else pd.NA
        rows.append({
            "iso3": iso3, "year": year, "metric": metric, "value": value, "code": code,
            "flag": flag, "rank": above + 1 if has else pd.NA,
            "allies_with_data": len(known), "allies_no_data": len(ally_values) - len(known),
            "allies_above": above, "allies_below": below,
            "share_below": below / len(known) if has and len(known) else pd.NA,
        })
    return rows


def _rank_frame(rows: list[dict]) -> pd.DataFrame:
    """Rank rows as a typed table (built once for all the years asked for)."""
    out = pd.DataFrame(rows)
    for column in ("rank", "allies_above", "allies_below"):
        out[column] = out[column].astype("Int64")
    out["share_below"] = out["share_below"].astype("Float64")
    out["outspends_most_allies"] = (out["allies_below"] > out["allies_with_data"] / 2)
    return out


def _ranks(milex: pd.DataFrame, crosswalk: pd.DataFrame, partners: list[str], years: range,
           metric: str, include_flagged: bool) -> pd.DataFrame:
    """Rank rows for each of ``years``, with the data and the membership read once."""
    by_year = _values_by_year(milex, metric)
    since = _member_since(crosswalk, include_flagged)
    return _rank_frame([
        row for year in years
        for row in _rank_rows(by_year.get(year, {}),
                              sorted(iso3 for iso3, first in since if first <= year),
                              partners, year, metric)])


def rank_among_allies(milex: pd.DataFrame, crosswalk: pd.DataFrame, partners: list[str],
                      year: int, metric: str, include_flagged: bool = False) -> pd.DataFrame:
    """Where each partner would stand among the Allies of ``year`` (each partner on its own).

    ``rank`` is 1 + the number of Allies with a strictly higher value (ties share a rank);
    ``allies_below`` counts Allies with a strictly lower value; Allies with no figure
    (a SIPRI code) are left out of ``allies_with_data`` and counted in ``allies_no_data``.
    """
    return _ranks(milex, crosswalk, partners, range(year, year + 1), metric, include_flagged)


def ranks_over_time(milex: pd.DataFrame, crosswalk: pd.DataFrame, partners: list[str],
                    metric: str, first: int | None = None, last: int | None = None,
                    include_flagged: bool = False) -> pd.DataFrame:
    """:func:`rank_among_allies` for every year, stacked (sorted by partner, then year).

    ``first`` and ``last`` default to the span of years in ``milex``.
    """
    low, high = year_range(milex=milex)
    first, last = low if first is None else first, high if last is None else last
    out = _ranks(milex, crosswalk, partners, range(first, last + 1), metric, include_flagged)
    order = {p: i for i, p in enumerate(partners)}
    return out.sort_values(["iso3", "year"], key=lambda s: s.map(order) if s.name == "iso3"
                           else s).reset_index(drop=True)


def year_comparison(milex: pd.DataFrame, crosswalk: pd.DataFrame, partners: list[str],
                    year: int, metric: str) -> pd.DataFrame:
    """Allies of ``year`` and the chosen partners with their values, highest first.

    Countries with no figure are kept at the bottom with their SIPRI code; ``flag`` is
    SIPRI's flag on a figure ('estimate', 'uncertain' or '').
    """
    allies = allies_in_year(crosswalk, year)
    names = crosswalk.set_index("iso3")["name"]
    table = values_in_year(milex, year, metric)
    table = table[table["iso3"].isin(allies + list(partners))].copy()
    table["group"] = table["iso3"].map(lambda c: "partner" if c in partners else "ally")
    table["name"] = table["iso3"].map(names)
    table = table.sort_values(["value", "iso3"], ascending=[False, True], na_position="last")
    return table[["iso3", "name", "group", "value", "code", "flag"]].reset_index(drop=True)


def allies_ahead(milex: pd.DataFrame, crosswalk: pd.DataFrame, partners: list[str],
                 metric: str, first: int | None = None, last: int | None = None,
                 include_flagged: bool = False) -> pd.DataFrame:
    """Per partner, every Ally that outspent it in at least one year, and in which years.

    Over the years from ``first`` to ``last`` (default: the span of ``milex``) in which the
    partner has a figure (``partner_years``), ``years_ahead`` counts those in which the
    country was an Ally of the year (as in :func:`rank_among_allies`) with a strictly higher
    figure, ``which`` lists them as spans, and ``every_year`` says whether it was ahead in
    all of them. Sorted by partner (in the order given), most years ahead first, then ISO3.
    """
    low, high = year_range(milex=milex)
    first, last = low if first is None else first, high if last is None else last
    by_year = _values_by_year(milex, metric)
    since = _member_since(crosswalk, include_flagged)
    records = []
    for order, partner in enumerate(partners):
        years, ahead = 0, {}
        for year in range(first, last + 1):
            values = by_year.get(year, {})
            mine = values.get(partner, (pd.NA,))[0]
            if pd.isna(mine):
                continue
            years += 1
            for iso3, entry in since:
                value = values.get(iso3, (pd.NA,))[0]
                if entry <= year and pd.notna(value) and value > mine:
                    ahead.setdefault(iso3, []).append(year)
        records += [{"order": order, "iso3": partner, "ally": iso3, "years_ahead": len(ahead_in),
                     "partner_years": years, "every_year": len(ahead_in) == years,
                     "which": year_spans(ahead_in)} for iso3, ahead_in in ahead.items()]
    columns = ["iso3", "ally", "years_ahead", "partner_years", "every_year", "which"]
    if not records:
        return pd.DataFrame(columns=columns)
    out = pd.DataFrame(records).sort_values(["order", "years_ahead", "ally"],
                                            ascending=[True, False, True])
    return out[columns].reset_index(drop=True)


def claim_summary(milex: pd.DataFrame, crosswalk: pd.DataFrame, partners: list[str],
                  first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Per partner and metric, over all years: how often and by how much it outspends the
    Allies of the year (years with a figure, how many of those SIPRI flags as estimates or
    uncertain, years above half the Allies, lowest and highest share of Allies outspent).
    The years default to the span of ``milex``."""
    records = []
    for metric in METRICS:
        ranks = ranks_over_time(milex, crosswalk, partners, metric, first, last)
        for iso3 in partners:
            mine = ranks[(ranks["iso3"] == iso3) & ranks["value"].notna()]
            share = mine["share_below"].astype(float)
            records.append({
                "iso3": iso3, "metric": metric, "years_with_data": len(mine),
                "years_flagged": int((mine["flag"] != "").sum()),
                "years_outspending_most": int(mine["outspends_most_allies"].sum()),
                "min_share_below": float(share.min()) if len(mine) else float("nan"),
                "max_share_below": float(share.max()) if len(mine) else float("nan"),
                "best_rank": int(mine["rank"].min()) if len(mine) else pd.NA,
                "worst_rank": int(mine["rank"].max()) if len(mine) else pd.NA,
            })
    return pd.DataFrame(records)


def subset_share(milex: pd.DataFrame) -> dict[str, float]:
    """Share of the staged SIPRI table the shipped subset reproduces (rows; data cells)."""
    return {"rows": len(milex) / SOURCE_ROWS,
            "cells": len(milex) * len(METRICS) / (SOURCE_ROWS * SOURCE_MEASURES)}


def missing_codes(milex: pd.DataFrame, iso3: list[str] | None = None) -> pd.DataFrame:
    """Country-years without a figure, per measure and SIPRI code: how many years, and which
    (as spans: a gap need not be one run of years), sorted."""
    rows = milex if iso3 is None else milex[milex["iso3"].isin(iso3)]
    records = []
    for metric, (column, code, _sheet) in METRICS.items():
        empty = rows[rows[column].isna()]
        for (country, symbol), group in empty.groupby(["iso3", code]):
            records.append({"iso3": country, "metric": metric, "code": symbol,
                            "meaning": MISSING_CODES.get(symbol, ""), "years": len(group),
                            "which": year_spans(sorted(int(y) for y in group["year"]))})
    columns = ["iso3", "metric", "code", "meaning", "years", "which"]
    return pd.DataFrame(records, columns=columns).sort_values(["iso3", "metric"]).reset_index(
        drop=True)


def flagged_values(milex: pd.DataFrame, metric: str | None = None) -> pd.DataFrame:
    """Figures SIPRI flags, per country, measure (all, or ``metric``) and flag: how many
    years, and which (as spans)."""
    records = []
    for name, flag_column in FLAG_COLUMNS.items():
        if metric is not None and name != metric:
            continue
        for (country, flag), group in milex.dropna(subset=[flag_column]).groupby(
                ["iso3", flag_column]):
            years = sorted(int(y) for y in group["year"])
            records.append({"iso3": country, "metric": name, "flag": flag,
                            "meaning": FLAGS[flag], "years": len(years),
                            "which": year_spans(years)})
    columns = ["iso3", "metric", "flag", "meaning", "years", "which"]
    return pd.DataFrame(records, columns=columns).sort_values(["iso3", "metric"]).reset_index(
        drop=True)


def year_spans(years: list[int]) -> str:
    """Sorted years as runs: [2000, 2001, 2002, 2011] -> '2000–2002, 2011'."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


# --- prose: sentences built from the ranks, true under any parameters --------------------

METRIC_LABELS = {"constant_usd": "constant 2022 US$", "share_gdp": "share of GDP"}
METRIC_PHRASES = {"constant_usd": "in constant 2022 US$", "share_gdp": "as a share of GDP"}


def _name(iso3: str, names: dict[str, str]) -> str:
    return in_sentence(names.get(iso3, iso3))


def describe_year_ranks(ranks: pd.DataFrame, names: dict[str, str]) -> str:
    """One year's :func:`rank_among_allies` table in words: which partners rank above more
    than half of the Allies with data, which do not, and which have no figure."""
    if ranks.empty:
        return ""
    year, metric = int(ranks["year"].iloc[0]), ranks["metric"].iloc[0]
    n = int(ranks["allies_with_data"].iloc[0])
    has = ranks["value"].notna().to_numpy()
    most = (ranks["allies_below"].fillna(0) > n / 2).to_numpy()
    above = [_name(i, names) for i in ranks.loc[has & most, "iso3"]]
    below = [_name(i, names) for i in ranks.loc[has & ~most, "iso3"]]
    missing = [_name(i, names) for i in ranks.loc[~has, "iso3"]]
    half = f"more than half of the {count_noun(n, 'Ally', 'Allies')} with data"
    clauses = []
    if above:
        clauses.append(f"{join_words(above)} ranked above {half}")
    if below:
        clauses.append(f"{join_words(below)} did not" if above else
                       f"{join_words(below)} did not rank above {half}")
    text = ""
    if clauses:
        text = f"In {year}, {METRIC_PHRASES[metric]}, {'; '.join(clauses)}."
    if missing:
        verb = "has" if len(missing) == 1 else "have"
        text += (f" {join_words(missing)} {verb} no SIPRI figure for {year} "
                 f"{METRIC_PHRASES[metric]}.")
    return text.strip()


def describe_flagged(flagged: pd.DataFrame, names: dict[str, str]) -> str:
    """A :func:`flagged_values` table in words, one clause per flag: whose figures, for
    which years, SIPRI gives as estimates or as highly uncertain."""
    if flagged.empty:
        return "SIPRI flags none of these figures as estimates or as highly uncertain."
    clauses = []
    for flag, rows in flagged.groupby("flag", sort=False):
        pairs = rows[["iso3", "which"]].drop_duplicates().itertuples(index=False)
        whose = [f"{_name(iso3, names)}'s {'' if i else 'figures '}for {which}"
                 for i, (iso3, which) in enumerate(pairs)]
        clauses.append(f"{join_words(whose)} as {FLAG_PHRASES[flag]}")
    return f"SIPRI gives {'; '.join(clauses)}."


def describe_rank_series(ranks: pd.DataFrame, names: dict[str, str]) -> str:
    """:func:`ranks_over_time` in words: who is above the 50% line (more than half of the
    year's Allies outspent) in every year with a figure, in some years only, or never."""
    every, never, some, none = [], [], [], []
    for iso3, mine in ranks.groupby("iso3", sort=False):
        known = mine[mine["value"].notna()]
        years = int((known["allies_below"] > known["allies_with_data"] / 2).sum())
        name = _name(iso3, names)
        if known.empty:
            none.append(name)
        elif years == len(known):
            every.append(name)
        elif years == 0:
            never.append(name)
        else:
            some.append((name, years, len(known)))
    line = iter(["the dashed 50% line"] + ["it"] * 3)
    parts = []
    if every:
        verb = "is" if len(every) == 1 else "are"
        parts.append(f"{join_words(every)} {verb} above {next(line)} in every year with a figure")
    if len(some) == 1:
        name, k, total = some[0]
        parts.append(f"{name} is above {next(line)} in {k} of its {total} years with a figure")
    elif some:
        counts = [f"{name} ({k} of {total}{' years with a figure' if i == 0 else ''})"
                  for i, (name, k, total) in enumerate(some)]
        parts.append(f"{join_words(counts)} are above {next(line)} in some years only")
    if never:
        verb = "never rises" if len(never) == 1 else "never rise"
        parts.append(f"{join_words(never)} {verb} above {next(line)}")
    if none:
        verb = "has" if len(none) == 1 else "have"
        parts.append(f"{join_words(none)} {verb} no figure in any year")
    if not parts:
        return ""
    first, last = int(ranks["year"].min()), int(ranks["year"].max())
    return f"From {first} to {last}, {'; '.join(parts)}."


# --- tables as shown -----------------------------------------------------------------------

SHOWN_UNITS = {"constant_usd": "US$ bn, constant 2022", "share_gdp": "% of GDP"}


def shown_ranks(ranks: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """A :func:`rank_among_allies` table as a reader needs it: partners by name, the value in
    the unit of the figures (one decimal) and the share of Allies below as a whole per cent."""
    metric = ranks["metric"].iloc[0] if len(ranks) else "constant_usd"
    value = f"value ({SHOWN_UNITS[metric]})"
    table = ranks.assign(
        partner=[names.get(i, i) for i in ranks["iso3"]],
        **{value: [round(display_value(v, metric), 1) if pd.notna(v) else None
                   for v in ranks["value"]],
           "% of Allies below": [round(100 * v) if pd.notna(v) else None
                                 for v in ranks["share_below"]]})
    rest = [c for c in ranks.columns if c not in ("iso3", "year", "metric", "value",
                                                  "share_below", "allies_above")]
    at = rest.index("allies_below") + 1
    return table.set_index("partner")[[value, *rest[:at], "% of Allies below", *rest[at:]]]


# --- figures --------------------------------------------------------------------------------

def display_value(value: float, metric: str) -> float:
    """Values as plotted: US$ bn for constant_usd, per cent for share_gdp."""
    return value / 1000 if metric == "constant_usd" else value * 100


# How a figure SIPRI flags is drawn: hollow dots, or hatched bars, named in the legend.
FLAG_STYLES = {"estimate": {"marker": "o", "hatch": "////"},
               "uncertain": {"marker": "D", "hatch": "xxxx"}}


def plot_year(comparison: pd.DataFrame, year: int, metric: str, source: str) -> plt.Figure:
    """Every Ally with a figure, partners highlighted, highest at the top: bars for shares of
    GDP, dots for constant US$, whose log scale has no zero for a bar to start from.

    On that log scale a zero (Iceland: no armed forces) cannot be drawn; such countries are
    named in the source line instead. Figures SIPRI flags as estimates or highly uncertain
    are drawn hollow (hatched bars), and the source line names them.
    """
    shown = comparison.dropna(subset=["value"])
    zero = shown[shown["value"] <= 0]["name"].tolist() if metric == "constant_usd" else []
    shown = shown[~shown["name"].isin(zero)]
    if zero:
        source = f"{source} Not drawn (zero spending): {', '.join(zero)}."
    absent = comparison[(comparison["group"] == "partner") & comparison["value"].isna()]["name"]
    if len(absent):  # say why a chosen partner has no bar
        source = f"{source} No SIPRI figure for {year}: {', '.join(absent)}."
    log_scale = metric == "constant_usd"
    flags = shown["flag"].tolist()
    for flag in FLAG_STYLES:
        named = shown.loc[shown["flag"] == flag, "name"].tolist()
        if named:
            label = FLAGS[flag][0].upper() + FLAGS[flag][1:]  # a sentence of its own
            source = (f"{source} {label}, drawn {'hollow' if log_scale else 'hatched'}: "
                      f"{', '.join(named)}.")
    fig, ax = plt.subplots(figsize=(9, 0.22 * len(shown) + 1.6))
    colours = [plotting.OKABE_ITO["vermillion"] if g == "partner" else plotting.OKABE_ITO["blue"]
               for g in shown["group"]]
    values = [display_value(v, metric) for v in shown["value"]]
    rows = range(len(shown))
    if log_scale:  # a bar's length would depend on where the log axis starts
        for flag in ["", *FLAG_STYLES]:
            mine = [i for i in rows if flags[i] == flag]
            if mine:
                ax.scatter([values[i] for i in mine], mine, s=28, zorder=3,
                           marker=FLAG_STYLES.get(flag, {"marker": "o"})["marker"],
                           facecolors=[colours[i] for i in mine] if flag == "" else "white",
                           edgecolors=[colours[i] for i in mine], linewidths=1.2)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.6)
    else:
        bars = ax.barh(rows, values, color=colours)
        for bar, flag, colour in zip(bars, flags, colours, strict=True):
            if flag:
                bar.set(facecolor="white", edgecolor=colour, hatch=FLAG_STYLES[flag]["hatch"])
    ax.set_yticks(rows, shown["name"].tolist(), fontsize=8)
    ax.invert_yaxis()
    if log_scale:
        ax.set_xscale("log")
        ticks = [t for t in (0.01, 0.1, 1, 10, 100, 1000)
                 if min(values) / 10 < t < max(values) * 10]
        ax.set_xticks(ticks, [f"{t:,g}" for t in ticks])
        ax.minorticks_off()
        ax.set_xlabel("Military expenditure (US$ bn, constant 2022 prices; log scale)")
    else:
        ax.set_xlabel("Military expenditure (% of GDP)")
    ax.set_ylabel("Country (Allies of the year and chosen partners)")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=colour)
               if log_scale else plt.Rectangle((0, 0), 1, 1, color=colour)
               for colour in (plotting.OKABE_ITO["vermillion"], plotting.OKABE_ITO["blue"])]
    labels = ["Partner", "NATO Ally"]
    for flag, style in FLAG_STYLES.items():
        if flag in flags:
            handles.append(plt.Line2D([], [], marker=style["marker"], linestyle="",
                                      markerfacecolor="white", markeredgecolor="#555555")
                           if log_scale else plt.Rectangle((0, 0), 1, 1, facecolor="white",
                                                           edgecolor="#555555",
                                                           hatch=style["hatch"]))
            labels.append(FLAGS[flag])
    ax.legend(handles, labels, loc="lower right", frameon=False)
    label = METRIC_LABELS[metric]
    plotting.finish(fig, f"Military expenditure in {year}, {label}: partners among NATO Allies",
                    source)
    return fig


def plot_ranks(ranks: pd.DataFrame, names: dict[str, str], metric: str,
               source: str) -> plt.Figure:
    """Share of the year's Allies each partner outspends, 2000–2023, with the 50% line.

    Partners often tie (Japan and the Republic of Korea for years on end), so each line is
    drawn narrower than the one before and a line on top leaves the one beneath visible.
    A year whose figure SIPRI flags (estimate or highly uncertain) has a hollow marker.
    """
    fig, ax = plt.subplots(figsize=(9, 4.6))
    markers = plotting.MARKERS
    series = list(ranks.groupby("iso3", sort=False))
    for i, (iso3, rows) in enumerate(series):
        breadth = (len(series) - 1 - i) / max(len(series) - 1, 1)  # 1 for the first, 0 last
        flagged = (rows["flag"] != "").tolist()
        line, = ax.plot(rows["year"], rows["share_below"].astype(float) * 100,
                        marker=markers[i % len(markers)], markersize=4 + 4 * breadth,
                        markevery=[not f for f in flagged], linewidth=1.4 + 2.6 * breadth,
                        color=plotting.PALETTE[i % len(plotting.PALETTE)],
                        label=names.get(iso3, iso3))
        if any(flagged):
            ax.plot(rows["year"], rows["share_below"].astype(float) * 100, linestyle="",
                    marker=line.get_marker(), markersize=line.get_markersize(),
                    markevery=flagged, markerfacecolor="white",
                    markeredgecolor=line.get_color(), markeredgewidth=1.2)
    if len(series) > 1:
        source = f"{source} Lines narrow from first to last, so tied partners stay visible."
    if (ranks["flag"] != "").any():
        source = (f"{source} Hollow markers: years whose figure SIPRI gives as an estimate "
                  "or as highly uncertain.")
    ax.axhline(50, color="#555555", linewidth=1, linestyle="--")
    ax.text(0.01, 51.5, "outspends half the Allies", fontsize=8, color="#555555",
            transform=ax.get_yaxis_transform())  # at the left edge, whatever years have data
    ax.set_ylim(-3, 103)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))  # years, not 2012.5
    ax.set_xlabel("Year")
    ax.set_ylabel("Allies with lower spending (% of Allies with data)")
    ax.legend(frameon=False, ncol=min(4, ranks["iso3"].nunique()), loc="lower center",
              bbox_to_anchor=(0.5, -0.32))
    ax.grid(color="#eeeeee", linewidth=0.6)
    label = METRIC_LABELS[metric]
    plotting.finish(fig, f"How many NATO Allies each partner outspends, {label}", source)
    return fig
