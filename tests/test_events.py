"""Placing the sourced timeline on a time axis (natoasia.events)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from natoasia import data, events
from natoasia.params import THEMES


def test_dates_sit_in_the_middle_of_what_their_precision_allows():
    assert events.decimal_year("2013", "year") == 2013.5
    assert events.decimal_year("2013-02", "month") == pytest.approx(2013 + 1.5 / 12)
    assert events.decimal_year("2013-01-01", "day") == pytest.approx(2013 + 0.5 / 365)
    assert 2013.99 < events.decimal_year("2013-12-31", "day") < 2014  # not into the next year
    assert events.decimal_year("2012-12-31", "day") < 2013  # a leap year has 366 days
    with pytest.raises(ValueError, match="not one of year, month, day"):
        events.decimal_year("2013", "decade")


def test_no_event_is_placed_after_the_document_that_reports_it():
    """Abe's letter (2013, year only) is reported by a February 2013 document: mid-2013 put it
    after its own report."""
    timeline = events.select(data.load("events"), list(THEMES), 1949, 2024)
    letter = timeline.set_index("event_id").loc["E037"]
    assert letter["date"] == "2013" and letter["decimal_year"] == pytest.approx(2013 + 1.5 / 12)
    published = data.load("sources").set_index("source_id")
    for row in timeline.itertuples():
        source = published.loc[row.source_id]
        assert row.decimal_year <= events.decimal_year(source["published"],
                                                       source["date_precision"]), row.event_id
    # elsewhere the middle of the stated date is kept
    summit = timeline.set_index("event_id").loc["E048"]  # 2021, reported in a 2021 document
    assert summit["decimal_year"] == 2021.5


def test_rows_from_sources_without_a_date_keep_their_own_place():
    rows = pd.DataFrame({"date": ["1999"], "date_precision": ["year"],
                         "source_id": ["not_in_the_catalogue"]})
    assert events.placed_years(rows) == [1999.5]


def test_a_conflict_needs_both_sides_in_the_selection():
    """1999 alone holds the bombing row of group C1 but not the 2002 meeting it conflicts with."""
    timeline = data.load("events")
    everything = events.conflicts(events.select(timeline, list(THEMES), 1949, 2024))
    assert set(everything["conflict_group"]) == {"C1", "C2", "C3"}
    assert (everything.groupby("conflict_group").size() >= 2).all()
    assert events.conflicts(events.select(timeline, list(THEMES), 1999, 1999)).empty
    both = events.conflicts(events.select(timeline, list(THEMES), 1999, 2002))
    assert both["event_key"].tolist() == ["belgrade_embassy_bombing_1999",
                                          "china_ambassador_meets_robertson_2002"]
    # C2's rows date from 1990, 1992 and 2001: with 2001 alone, nothing to disagree with
    assert "C2" not in set(both["conflict_group"])


def test_the_nato_2030_report_keeps_both_dates_in_one_conflict_group():
    """Galic (2021) dates it only to 2021; the staged NATO-texts compilation (row 8) to
    25 November 2020. Both rows stay, in group C3, and a selection needs both years."""
    timeline = data.load("events")
    report = timeline[timeline["event_key"] == "nato_2030_expert_group_report"].set_index(
        "event_id")
    assert report[["date", "approximate", "source_id", "locator", "conflict_group"]].to_dict(
        "index") == {
        "E047": {"date": "2021", "approximate": True, "source_id": "galic2021",
                 "locator": "galic2021:¶1", "conflict_group": "C3"},
        "E051": {"date": "2020-11-25", "approximate": False,
                 "source_id": "nato_china_texts_compiled",
                 "locator": "file:nato_texts/china_in_nato_texts.csv;row:8",
                 "conflict_group": "C3"}}
    assert set(timeline.loc[timeline["conflict_group"] == "C3", "event_id"]) == {"E047", "E051"}
    both = events.conflicts(events.select(timeline, ["china"], 2020, 2021))
    assert both["date"].tolist() == ["2020-11-25", "2021"]  # sorted by date within C3
    assert events.conflicts(events.select(timeline, ["china"], 2021, 2024)).empty
    placed = events.select(timeline, ["china"], 2020, 2021).set_index("event_id")["decimal_year"]
    assert placed["E051"] < 2021 < placed["E047"]  # drawn apart, not at one point


def test_coverage_counts_rows_per_document_not_distinct_events():
    rows = pd.DataFrame({
        "event_key": ["summit", "summit", "visit"], "year": [2010, 2010, 2012],
        "theme": ["china", "china", "general"], "source_id": ["a", "b", "a"]})
    table = events.coverage(rows, ["a", "b", "c"], ["china", "general", "central_asia"])
    assert list(table.columns) == ["rows", "first_year", "last_year", "china", "general",
                                   "central_asia"]
    assert table["rows"].tolist() == [2, 1, 0]  # the summit counts once for each document
    assert table.loc["a", ["first_year", "last_year"]].tolist() == [2010, 2012]
    assert table.loc["c"].isna()[["first_year", "last_year"]].all()  # no row, no span
    assert table["central_asia"].tolist() == [0, 0, 0]


def test_period_phrases_and_year_spans_read_inside_a_sentence():
    """00 once wrote 'densest in After ISAF (2015–2024)' and 'between 2008 and 2008'."""
    assert events.period_phrase("After ISAF (2015–2024)") == "the years after ISAF (2015–2024)"
    assert events.period_phrase("Cold War (1949–1991)") == "the Cold War (1949–1991)"
    assert [events.period_phrase(label) for label, *_ in events.PERIODS][1] == (
        "the years after the Cold War (1992–2000)")
    assert events.year_span(2008, 2008) == "in 2008"
    assert events.year_span(2001, 2014) == "between 2001 and 2014"


# --- periods: period_of and per_period ----------------------------------------------------

COLD_WAR, AFTER_COLD_WAR = "Cold War (1949–1991)", "After the Cold War (1992–2000)"
AFGHANISTAN, AFTER_ISAF = "Afghanistan years (2001–2014)", "After ISAF (2015–2024)"


@pytest.mark.parametrize(("year", "label"), [
    (1949, COLD_WAR), (1991, COLD_WAR), (1992, AFTER_COLD_WAR), (2000, AFTER_COLD_WAR),
    (2001, AFGHANISTAN), (2014, AFGHANISTAN), (2015, AFTER_ISAF), (2024, AFTER_ISAF)])
def test_a_period_holds_its_first_and_its_last_year(year, label):
    assert events.period_of(year) == label
    assert events.period_of(np.int64(year)) == label  # as a typed column hands it over


def test_the_periods_cover_1949_to_2024_once_each_and_name_their_years():
    labels = [events.period_of(year) for year in range(1949, 2025)]
    assert [labels.count(label) for label, *_ in events.PERIODS] == [43, 9, 14, 10]
    assert len(labels) == 76 and labels == sorted(labels, key=[p[0] for p in events.PERIODS].index)
    for label, first, last in events.PERIODS:
        assert label.endswith(f"({first}–{last})")


@pytest.mark.parametrize("year", [1948, 2025, 0])
def test_a_year_outside_every_period_is_an_error(year):
    with pytest.raises(ValueError, match=rf"^year {year} is outside the periods 1949–2024$"):
        events.period_of(year)


def _rows(*rows: tuple[str, int, str]) -> pd.DataFrame:
    """Events as data.load types them: (event_key, year, theme) per row."""
    keys, years, themes = zip(*rows, strict=True) if rows else ((), (), ())
    return pd.DataFrame({"event_key": pd.array(keys, dtype="string"),
                         "year": pd.array(years, dtype="Int64"),
                         "theme": pd.array(themes, dtype="string")})


def test_per_period_counts_distinct_events_at_the_period_boundaries():
    table = events.per_period(_rows(
        ("founding", 1949, "general"), ("cold_war_ends", 1991, "general"),
        ("first_after", 1992, "china"), ("kosovo", 2000, "china"),
        ("kosovo", 2000, "china"),  # a second source for the same event: counted once
        ("attacks", 2001, "general"), ("isaf_ends", 2014, "central_asia"),
        ("resolute_support", 2015, "china"), ("latest", 2024, "china"),
        ("partnership", 2010, "global_partners")),  # a theme not chosen: left out
        ["china", "general", "central_asia"])
    assert table.index.tolist() == [COLD_WAR, AFTER_COLD_WAR, AFGHANISTAN, AFTER_ISAF]
    assert table.columns.tolist() == ["china", "general", "central_asia"]  # as chosen
    assert (table.index.name, table.columns.name) == ("period", "theme")
    assert table.to_numpy().tolist() == [[0, 2, 0], [2, 0, 0], [0, 1, 1], [2, 0, 0]]
    assert (table.dtypes == "int64").all()


def test_per_period_of_no_events_is_every_period_at_zero():
    for empty in (_rows(), data.load("events").iloc[0:0]):
        table = events.per_period(empty, ["general", "china"])
        assert table.index.tolist() == [COLD_WAR, AFTER_COLD_WAR, AFGHANISTAN, AFTER_ISAF]
        assert table.columns.tolist() == ["general", "china"]
        assert table.to_numpy().tolist() == [[0, 0]] * 4 and (table.dtypes == "int64").all()
    assert events.per_period(_rows(("a", 2001, "china")), []).shape == (4, 0)  # no theme


def test_per_period_of_the_committed_timeline():
    timeline = data.load("events")
    themes = ["central_asia", "global_partners", "china", "general"]
    table = events.per_period(timeline, themes)
    assert table.to_numpy().tolist() == [[0, 1, 0, 3], [3, 2, 1, 1], [4, 16, 7, 6],
                                         [0, 1, 2, 1]]
    for label, first, last in events.PERIODS:  # the same counts, by another route
        for theme in themes:
            chosen = timeline[(timeline["theme"] == theme)
                              & timeline["year"].between(first, last)]
            assert table.loc[label, theme] == chosen["event_key"].nunique(), (label, theme)
    assert table.to_numpy().sum() == timeline["event_key"].nunique() == 48


def test_per_period_refuses_a_year_outside_the_periods_rather_than_dropping_it():
    for year in (1948, 2025):
        with pytest.raises(ValueError, match=rf"^year {year} is outside the periods 1949–2024$"):
            events.per_period(_rows(("a", 2000, "china"), ("b", year, "china")), ["china"])
