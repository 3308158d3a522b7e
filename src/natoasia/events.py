"""The sourced timeline (``data/events.csv``): selection, placement on a time axis, summaries.

Dates come at three precisions; an event known only to the year is placed at mid-year and
one known to the month at mid-month, so a timeline never pretends to more than the source
says, and never after the reporting document was published (a 2013 event reported in
February 2013 sits at February). Conflicting rows (a shared ``conflict_group``) are kept,
never merged.
"""

from __future__ import annotations

import datetime

import pandas as pd

# The collection's periodisation: (label, first year, last year), covering 1949-2024 once.
# It is an analytic choice made here, not a fact any one source states: the boundaries are
# where the sources place turning points, and another reading would draw some of them
# differently. Notebook 00 (section 3) gives each boundary its sources in prose:
# - 1991/1992, end of the Cold War: no seed document dates it. Weinrod (2008) calls NATO's
#   1992 contacts "post-Cold War" and ties them to the Soviet breakup (weinrod2008:¶9, ¶10);
#   the staged ATOP alliance-level file ends the Warsaw Pact (atopid 3285) on 1 July 1991
#   (file:atop/atop4_01_alliance_level.csv;row:275). Chan (2013) puts the turn "after 1989"
#   (chan2013:¶2), so 1989 would be a defensible boundary too.
# - 2000/2001: the September 2001 attacks and NATO's deployment to Afghanistan that followed
#   (jamestown2013:¶6; weinrod2008:¶14).
# - 2014/2015: the end of ISAF, whose period the staged route facts give as ending in 2014
#   (row:AFGLOG-111) and whose UN mandate's provisions expired on 31 December 2014
#   (row:AFGLOG-078).
PERIODS = [
    ("Cold War (1949–1991)", 1949, 1991),
    ("After the Cold War (1992–2000)", 1992, 2000),
    ("Afghanistan years (2001–2014)", 2001, 2014),
    ("After ISAF (2015–2024)", 2015, 2024),
]


def decimal_year(date: str, precision: str) -> float:
    """A date string at its precision as a fractional year (mid-point of what is known)."""
    parts = [int(p) for p in str(date).split("-")]
    if precision == "year":
        return parts[0] + 0.5
    if precision == "month":
        return parts[0] + (parts[1] - 0.5) / 12
    if precision == "day":  # the middle of the day, within its own year (31 December < next)
        day = datetime.date(*parts[:3])
        length = (datetime.date(parts[0] + 1, 1, 1) - datetime.date(parts[0], 1, 1)).days
        return parts[0] + (day.timetuple().tm_yday - 0.5) / length
    raise ValueError(f"date precision {precision!r} is not one of year, month, day")


def placed_years(events: pd.DataFrame) -> list[float]:
    """Each row's place on a time axis: the middle of what its date allows, but not later than
    the middle of the reporting document's publication date (``data/sources.csv``)."""
    from natoasia import data

    catalogue = data.load("sources").set_index("source_id")
    latest = {sid: decimal_year(row["published"], row["date_precision"])
              for sid, row in catalogue.iterrows()
              if pd.notna(row["published"]) and row["date_precision"] in ("year", "month", "day")}
    return [min(decimal_year(d, p), latest.get(s, float("inf"))) for d, p, s in
            zip(events["date"], events["date_precision"], events["source_id"], strict=True)]


def select(events: pd.DataFrame, themes: list[str], start_year: int, end_year: int) -> pd.DataFrame:
    """Events of the chosen themes within the years, with a ``decimal_year`` column, in order."""
    chosen = events[events["theme"].isin(themes) & events["year"].between(start_year, end_year)]
    chosen = chosen.assign(decimal_year=placed_years(chosen))
    return chosen.sort_values(["decimal_year", "event_id"]).reset_index(drop=True)


def period_phrase(label: str) -> str:
    """A period's label as it reads inside a sentence: 'the Cold War (1949–1991)', 'the years
    after ISAF (2015–2024)'."""
    return f"the years {label[0].lower()}{label[1:]}" if label.startswith("After ") else (
        f"the {label}")


def year_span(first: int, last: int) -> str:
    """'in 2008' or 'between 2001 and 2014', for a sentence about a span of years."""
    return f"in {first}" if first == last else f"between {first} and {last}"


def period_of(year: int) -> str:
    """The label of the period (:data:`PERIODS`) a year falls in."""
    for label, first, last in PERIODS:
        if first <= year <= last:
            return label
    raise ValueError(f"year {year} is outside the periods {PERIODS[0][1]}–{PERIODS[-1][2]}")


def per_period(events: pd.DataFrame, themes: list[str]) -> pd.DataFrame:
    """Counts of distinct events (by ``event_key``) per period and theme; rows follow PERIODS."""
    keyed = events.drop_duplicates("event_key").assign(period=events["year"].map(period_of))
    table = pd.crosstab(keyed["period"], keyed["theme"])
    table = table.reindex(index=[p[0] for p in PERIODS], columns=themes, fill_value=0)
    table.index.name, table.columns.name = "period", "theme"
    return table.fillna(0).astype(int)


def coverage(events: pd.DataFrame, documents: list[str], themes: list[str]) -> pd.DataFrame:
    """Per document: rows it supports, the span of years it dates, and rows per chosen theme
    (a theme with no row is a column of zeros; a document with no row has no span)."""
    by_theme = pd.crosstab(events["source_id"], events["theme"]).reindex(
        index=documents, columns=themes, fill_value=0)
    span = events.groupby("source_id")["year"].agg(first_year="min", last_year="max")
    table = span.reindex(documents).astype("Int64").join(by_theme)
    table.insert(0, "rows", by_theme.sum(axis=1))  # rows, not distinct events (event_key)
    table.columns.name = None
    return table


def conflicts(events: pd.DataFrame) -> pd.DataFrame:
    """Rows in a conflict group, side by side: what each source dates, and where.

    Only groups with at least two of the given rows count: a row whose counterpart a
    selection leaves out has nothing to disagree with there."""
    grouped = events[events["conflict_group"].notna()]
    rows = grouped[grouped.groupby("conflict_group")["conflict_group"].transform("size") > 1]
    return rows[["conflict_group", "event_key", "date", "date_precision", "source_id",
                 "locator", "note"]].sort_values(["conflict_group", "date", "source_id"])
