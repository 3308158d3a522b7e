"""Counts, lists and dates in words (natoasia.prose), with the wording each notebook relies on."""

from __future__ import annotations

import pytest

from natoasia.prose import (
    Plain,
    count_noun,
    date_words,
    join_words,
    leaders,
    number_word,
    part_of,
    ratio,
    times,
)

# --------------------------------------------------------------------------- Plain


def test_plain_is_a_str_whose_repr_has_no_quotes():
    text = Plain("three routes")
    assert isinstance(text, str) and text == "three routes"
    assert repr(text) == "three routes" and repr("three routes") == "'three routes'"
    # building on it gives an ordinary str back, so sentences keep their usual repr
    assert type(f"{text}.") is str and type(text + ".") is str


@pytest.mark.parametrize("text", ["4,943", "12,606", "1.50", "1_000", "1e3", "(1, 2)", "12",
                                  "-5", "None", "True", "three routes", "1, 2 and 11", "",
                                  "'quoted'", "4,943 km"])
def test_plain_reads_back_as_the_same_text_on_the_site(text):
    """myst-nb's {glue:text} literal_evals the stored repr: "4,943" once rendered as (4, 943)."""
    from myst_nb.core.variables import format_plain_text

    assert format_plain_text(repr(Plain(text)), "") == text
    if text in ("three routes", "12", "4,943 km"):  # the usual case keeps no quotation marks
        assert repr(Plain(text)) == text


# --------------------------------------------------------------------------- lists


@pytest.mark.parametrize(
    ("items", "conjunction", "expected"),
    [([], "and", ""), (["Japan"], "and", "Japan"), (["A", "B"], "and", "A and B"),
     (["A", "B"], "or", "A or B"), (["A", "B", "C"], "and", "A, B and C"),
     (["A", "B", "C"], "or", "A, B or C"),
     (["minister", "head of government"], "or a", "minister or a head of government")],
)
def test_join_words(items, conjunction, expected):
    text = join_words(items, conjunction)
    assert text == expected and repr(text) == expected  # glued without quotation marks


def test_join_words_empty_text_and_any_iterable():
    assert join_words([], empty="none") == "none"  # notebook 01's wording
    assert join_words([], "or", empty="none") == "none"
    assert join_words(["A"], empty="none") == "A"  # empty only applies to no items
    assert join_words(n for n in (1, 2, 11)) == "1, 2 and 11"  # generators, items via str
    assert join_words(iter(())) == ""


# --------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "no"), (1, "one"), (2, "two"), (7, "seven"), (10, "ten"), (11, "11"), (12, "12"),
     (999, "999"), (1000, "1,000"), (1234, "1,234"), (-3, "-3"), (-1200, "-1,200")],
)
def test_number_word(n, expected):
    assert number_word(n) == expected


def test_number_word_options():
    assert number_word(0, zero="none") == "none" and number_word(0, zero="zero") == "zero"
    assert number_word(1000, grouped=False) == "1000"  # notebook 03's numbers
    assert number_word(10, grouped=False) == "ten"
    assert number_word(3.0) == "three"  # whole floats and numpy integers are counts too


# --------------------------------------------------------------------------- counts


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "no routes"), (1, "one route"), (2, "two routes"), (11, "11 routes"),
     (1000, "1,000 routes")],
)
def test_count_noun(n, expected):
    text = count_noun(n, "route")
    assert text == expected and repr(text) == expected


def test_count_noun_irregular_plurals_and_phrases():
    assert count_noun(1, "country", "countries") == "one country"
    assert count_noun(3, "country", "countries") == "three countries"
    assert count_noun(0, "Ally", "Allies") == "no Allies"
    assert count_noun(2, "such route") == "two such routes"
    assert count_noun(1, "costliest closure") == "one costliest closure"


def test_count_noun_options():
    assert count_noun(1200, "row", words=False) == "1,200 rows"
    assert count_noun(3, "row", words=False) == "3 rows"
    assert count_noun(0, "row", words=False) == "0 rows"
    # notebook 03: a singular noun after zero, numbers ungrouped
    china = {"grouped": False, "plural_for_zero": False}
    assert [count_noun(n, "contact", **china) for n in (0, 1, 2, 11, 1000)] == [
        "no contact", "one contact", "two contacts", "11 contacts", "1000 contacts"]
    assert count_noun(0, "contact", zero="none", **china) == "none contact"


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (33, 48, "33 of the 48 events"), (4, 7, "four of the seven events"),
    (26, 26, "all 26 events"), (3, 3, "all three events"), (2, 2, "both events"),
    (1, 1, "the only event"), (0, 1, "none of the events"), (0, 3, "none of the three events"),
    (1, 2, "one of the two events"), (1200, 1500, "1,200 of the 1,500 events")])
def test_part_of_reads_right_for_any_split(part, whole, expected):
    """00's period sentence read "hold 1 of the 1 distinct events" and "0 of the 3"."""
    assert part_of(part, whole, "event") == expected
    assert part_of(1, 1, "country", "countries") == "the only country"
    assert part_of(0, 4, "country", "countries") == "none of the four countries"


@pytest.mark.parametrize(("part", "whole"), [(2, 1), (-1, 3), (0, 0)])
def test_part_of_refuses_what_is_not_a_part(part, whole):
    with pytest.raises(ValueError, match="part_of"):
        part_of(part, whole, "event")


@pytest.mark.parametrize(("n", "expected"), [(0, "never"), (1, "once"), (2, "twice"),
                                             (3, "three times"), (12, "12 times")])
def test_times(n, expected):
    assert times(n) == expected
    assert times(8, words=False) == "8 times" and times(1, words=False) == "once"


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("date", "day", "expected"),
    [("2007", False, "2007"), ("2010-11", False, "November 2010"),
     ("2012-06-04", False, "June 2012"), ("2002", True, "2002"),
     ("2005-04", True, "April 2005"), ("2013-05-31", True, "31 May 2013"),
     ("2010-01-03", True, "3 January 2010"), ("2010-12", True, "December 2010")],
)
def test_date_words(date, day, expected):
    assert date_words(date, day=day) == expected


@pytest.mark.parametrize("date", ["2010-13", "2010-00", "2010-00-15"])
def test_date_words_refuses_a_month_that_does_not_exist(date):
    with pytest.raises(ValueError, match=f"date '{date}': month"):
        date_words(date)


@pytest.mark.parametrize("counts, expected", [
    ({"China": 9, "Japan": 5, "Afghanistan": 2, "Korea": 1}, "China, Japan and Afghanistan"),
    ({"China": 2, "Japan": 1, "Afghanistan": 1}, "China, Afghanistan and Japan"),
    ({"Mongolia": 1, "Malaysia": 1}, "Malaysia and Mongolia"),  # ties by name, not by code
    ({"China": 4, "Japan": 3, "Afghanistan": 1, "Australia": 1, "Korea": 1},
     "China and Japan, then Afghanistan, Australia and Korea, with one mention each"),
    ({"A": 1, "B": 1, "C": 1, "D": 1}, "A, B, C and D, with one mention each"),
    ({"China": 3, "Japan": 0}, "China"),
    ({"China": 0}, ""),
])
def test_leaders_never_break_a_tie_at_the_cut(counts, expected):
    """An own corpus gave 'China, Japan and Afghanistan' where Afghanistan tied with five
    other countries at one mention."""
    assert leaders(counts) == expected


@pytest.mark.parametrize(("x", "expected"), [(15.2, "15"), (1234.5, "1,234"), (1.34, "1.3"),
                                             (0.1, "0.1"), (0.0072, "0.0072"), (0.04, "0.04")])
def test_ratio_keeps_small_ratios_visible(x, expected):
    """01's northern route once cost "0.0 times the Pakistan route" under tiny rail costs."""
    assert ratio(x) == expected
