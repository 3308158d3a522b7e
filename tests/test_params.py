"""Parameter checks: each bad value gives one message naming the parameter and what is accepted."""

import pytest

from natoasia import params
from natoasia.params import ParameterError


def test_choice_accepts_a_known_value():
    assert params.choice("metric", "share_gdp", ["constant_usd", "share_gdp"]) == "share_gdp"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("gdp", "unknown value 'gdp'; accepted: constant_usd, share_gdp"),
     (3, "got int 3")],
)
def test_choice_rejects(value, fragment):
    with pytest.raises(ParameterError, match="parameter 'metric'") as info:
        params.choice("metric", value, ["share_gdp", "constant_usd"])
    assert fragment in str(info.value)


def test_choices_refuses_a_bare_string_instead_of_splitting_it():
    with pytest.raises(ParameterError, match="expected a list") as info:
        params.choices("themes", "china", params.THEMES)
    assert "got str 'china'" in str(info.value)


def test_choices_names_every_unknown_value_and_the_accepted_ones():
    with pytest.raises(ParameterError) as info:
        params.choices("themes", ["china", "arctic", "space"], params.THEMES)
    message = str(info.value)
    assert "'arctic', 'space'" in message
    assert "accepted: central_asia, china, general, global_partners" in message


def test_choices_rejects_empty_and_repeated_lists():
    with pytest.raises(ParameterError, match="empty"):
        params.choices("themes", [], params.THEMES)
    assert params.choices("themes", [], params.THEMES, allow_empty=True) == []
    with pytest.raises(ParameterError, match="repeated"):
        params.choices("themes", ["china", "china"], params.THEMES)


@pytest.mark.parametrize("value", [1800, 2031])
def test_integer_range_is_named(value):
    with pytest.raises(ParameterError, match=f"'start_year': {value} is outside the accepted "
                                             "range 1949 to 2024"):
        params.integer("start_year", value, 1949, 2024)


@pytest.mark.parametrize("value", [2000.0, "2000", True, None])
def test_integer_refuses_other_types(value):
    with pytest.raises(ParameterError, match="expected a whole number from 1949 to 2024"):
        params.integer("start_year", value, 1949, 2024)


def test_number_bounds_and_types():
    assert params.number("cost", 2, 0) == 2.0
    with pytest.raises(ParameterError, match="-1 is outside the accepted range 0 to inf"):
        params.number("cost", -1, 0)
    with pytest.raises(ParameterError, match="expected a number, got str"):
        params.number("cost", "cheap", 0)
    # `natoasia run -p mode_costs '{sea: 1e-3}'`: YAML reads 1e-3 as text, the sweep as a number
    assert params.number("cost", "1e-3", 0) == 0.001
    with pytest.raises(ParameterError, match="expected a number, got str 'nan'"):
        params.number("cost", "nan", 0)  # only digits spell a number
    with pytest.raises(ParameterError, match="expected a number, got str '1x'"):
        params.number("cost", "1x", 0)  # the whole text must be the number
    with pytest.raises(ParameterError, match="1.5 is outside the accepted range 0 to 1"):
        params.number("share", 1.5, 0, 1)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_number_must_be_finite(value):
    with pytest.raises(ParameterError, match=f"'cost': expected a finite number, got {value}"):
        params.number("cost", value, 0)
    with pytest.raises(ParameterError, match=r"mode_costs\['air'\]': expected a finite"):
        params.number_map("mode_costs", {"air": value}, ["air", "rail"], 0)


def test_number_map_checks_keys_and_values():
    assert params.number_map("mode_costs", {"rail": 1}, ["rail", "road"], 0) == {"rail": 1.0}
    with pytest.raises(ParameterError, match="unknown value 'sea'; accepted: rail, road"):
        params.number_map("mode_costs", {"sea": 1}, ["rail", "road"], 0)
    with pytest.raises(ParameterError, match=r"mode_costs\['road'\]': -2 is outside"):
        params.number_map("mode_costs", {"road": -2}, ["rail", "road"], 0)
    with pytest.raises(ParameterError, match="expected a mapping"):
        params.number_map("mode_costs", [1, 2], ["rail", "road"], 0)


def test_year_span_order():
    assert params.year_span("a", 2000, "b", 2000, 1949, 2024) == (2000, 2000)
    with pytest.raises(ParameterError, match="'a' must not be after 'b'"):
        params.year_span("a", 2010, "b", 2000, 1949, 2024)


def test_validate_overview_returns_clean_values():
    assert params.validate_overview(["china"], 1990, 2024) == {
        "themes": ["china"], "start_year": 1990, "end_year": 2024, "corpus": None}


def test_validate_overview_refuses_a_selection_with_no_event():
    """Themes and years that are each valid but select nothing crashed the notebook later."""
    with pytest.raises(ParameterError, match="no event of central_asia falls in 2015–2024; the "
                                             "nearest year with an event is 2008$"):
        params.validate_overview(["central_asia"], 2015, 2024)
    with pytest.raises(ParameterError, match="no event of china or general falls in 2010; "
                                             "the nearest years with events are 2009 and 2012$"):
        params.validate_overview(["china", "general"], 2010, 2010)  # not "in 2010–2010"
    with pytest.raises(ParameterError, match="no event of central_asia, china or general falls "
                                             "in 1961; the nearest years with events are 1949 "
                                             "and 1990$"):
        params.validate_overview(["central_asia", "china", "general"], 1961, 1961)
    # one empty theme among others is fine: the notebook shows it as an empty lane
    assert params.validate_overview(["central_asia", "china"], 2015, 2024)["themes"] == [
        "central_asia", "china"]


def test_validate_overview_opens_a_corpus_folder_or_names_what_is_wrong(tmp_path):
    (tmp_path / "a.txt").write_text("A paragraph about NATO and Japan.\n", encoding="utf-8")
    (tmp_path / "documents.csv").write_text(
        "file,doc_id,author,title,published,date_precision\na.txt,a,X,T,2020,year\n",
        encoding="utf-8")
    corpus = params.validate_overview(["china"], 1990, 2024, str(tmp_path))["corpus"]
    assert corpus.doc_ids == ["a"]
    (tmp_path / "b.txt").write_text("Unlisted.\n", encoding="utf-8")
    with pytest.raises(ParameterError, match=r"parameter 'corpus_dir': .*b\.txt: text file "
                                             "not listed in documents.csv"):
        params.validate_overview(["china"], 1990, 2024, str(tmp_path))


def test_list_shows_what_the_validators_accept(capsys):
    """`natoasia list` once showed comments only: 02's ten partner codes appeared only in an
    error. Every value it now lists passes its validator's choice check."""
    from natoasia import cli

    assert cli.main(["list"]) == 0
    shown = capsys.readouterr().out
    assert "Accepted: AFG, AUS, IRQ, JPN, KOR, MNG, MYS, NZL, PAK, SGP." in shown
    partners = params.accepted_values("02_global_partners_constraints")["partners"]
    assert params.validate_global_partners(partners, 2020, "constant_usd")["partners"] == partners
    terms = params.accepted_values("03_china_engagement")["framing_terms"]
    assert params.choices("framing_terms", terms, params.framing_lexicon_terms()) == terms
    with pytest.raises(ParameterError, match="unknown value 'moscow'"):  # a scenario country
        params.choice("origin", "moscow",
                      params.accepted_values("01_central_asia_logistics")["origin"])
