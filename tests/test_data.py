"""The data package: typed loading, and malformed files named by file, row and column."""

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from natoasia import data
from natoasia.data import DataError

SCHEMA = {
    "missingValues": [""],
    "primaryKey": ["thing_id"],
    "fields": [
        {"name": "thing_id", "type": "string", "constraints": {"required": True, "unique": True}},
        {"name": "year", "type": "integer", "constraints": {"minimum": 1949, "maximum": 2024}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"]}},
        {"name": "flag", "type": "boolean", "trueValues": ["true"], "falseValues": ["false"]},
        {"name": "source_id", "type": "string"},
    ],
    "foreignKeys": [{"fields": "source_id",
                     "reference": {"resource": "refs", "fields": "source_id"}}],
}
GOOD = "thing_id,year,kind,flag,source_id\nt1,1999,a,true,s1\nt2,,b,false,s1\n"


@pytest.fixture(params=[{}, {"encoding": "utf-8"}], ids=["detected", "declared-utf-8"])
def package(tmp_path, request):
    """A two-table package written from scratch, to break one piece at a time.

    With its encoding declared, a table is first read by natoasia.tablecheck; without, only
    by frictionless. The errors must read the same either way.
    """
    (tmp_path / "things.csv").write_text(GOOD, encoding="utf-8")
    (tmp_path / "refs.csv").write_text("source_id\ns1\n", encoding="utf-8")
    descriptor = {"name": "test", "resources": [
        {"name": "things", "path": "things.csv", "format": "csv", "schema": SCHEMA,
         **request.param},
        {"name": "refs", "path": "refs.csv", "format": "csv", "schema": {
            "fields": [{"name": "source_id", "type": "string"}], "primaryKey": ["source_id"]}},
    ]}
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    data._descriptor.cache_clear()
    yield tmp_path
    data._descriptor.cache_clear()


def test_load_types_columns_from_the_schema(package):
    frame = data.load("things", package)
    assert list(frame.columns) == ["thing_id", "year", "kind", "flag", "source_id"]
    assert str(frame["year"].dtype) == "Int64" and pd.isna(frame["year"].iloc[1])
    assert frame["flag"].tolist() == [True, False]
    assert str(frame["thing_id"].dtype) == "string"


@pytest.mark.parametrize(
    ("csv_text", "expected"),
    [
        (GOOD.replace("1999", "nineteen"), "things.csv: row 2, column 'year'"),
        (GOOD.replace("1999", "1800"), "things.csv: row 2, column 'year'"),
        (GOOD.replace(",b,", ",c,"), "things.csv: row 3, column 'kind'"),
        (GOOD.replace("t2", "t1"), "things.csv: row 3"),
        (GOOD.replace(",flag", ",flags"), "things.csv"),
        ("thing_id,year,kind,flag,source_id\nt1,1999,a\n", "things.csv: row 2"),
    ],
    ids=["wrong-type", "out-of-range", "not-in-enum", "duplicate-key", "renamed-column",
         "truncated-row"],
)
def test_malformed_table_names_file_row_and_column(package, csv_text, expected):
    (package / "things.csv").write_text(csv_text, encoding="utf-8")
    with pytest.raises(DataError) as info:
        data.load("things", package)
    assert expected in str(info.value)


def test_wrong_encoding_is_named(package):
    (package / "things.csv").write_bytes(GOOD.replace("t2", "té").encode("latin-1"))
    with pytest.raises(DataError, match="things.csv"):
        data.load("things", package)


def test_dangling_foreign_key_fails_package_validation(package):
    (package / "things.csv").write_text(GOOD.replace("t2,,b,false,s1", "t2,,b,false,s9"),
                                        encoding="utf-8")
    with pytest.raises(DataError, match="things.csv.*row 3"):
        data.validate_package(package)


def test_dangling_foreign_key_fails_loading_the_table_that_holds_it(package):
    """What the notebooks call: a row citing a source the package lacks stops the load."""
    (package / "things.csv").write_text(GOOD.replace("t2,,b,false,s1", "t2,,b,false,s9"),
                                        encoding="utf-8")
    with pytest.raises(DataError) as info:
        data.load("things", package)
    assert str(info.value) == (f"{package.resolve() / 'things.csv'}: row 3, column "
                               "'source_id': 's9' is not in column 'source_id' of refs.csv; "
                               "accepted: 's1'")
    assert data.load("refs", package)["source_id"].tolist() == ["s1"]  # its own keys only
    assert data.load("things", package, validate=False)["source_id"].tolist() == ["s1", "s9"]


def test_a_missing_foreign_key_value_is_no_reference(package):
    (package / "things.csv").write_text(GOOD.replace("t2,,b,false,s1", "t2,,b,false,"),
                                        encoding="utf-8")
    assert data.load("things", package)["source_id"].isna().tolist() == [False, True]


def test_an_edited_referenced_table_is_read_again(package):
    """The referenced keys are parsed once per content: a second load of an unchanged folder
    parses nothing again, and an edit (or another folder) is never judged by stale keys."""
    data._referenced.cache_clear()
    data.load("things", package)
    data.load("things", package)
    assert data._referenced.cache_info().misses == 1
    (package / "refs.csv").write_text("source_id\ns2\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"things\.csv: row 2, column 'source_id': 's1' is "
                                        r"not in column 'source_id' of refs\.csv; accepted: "
                                        r"'s2'$"):
        data.load("things", package)


def test_a_long_list_of_accepted_keys_is_cut_short(package):
    keys = "".join(f"s{n:02d}\n" for n in range(1, 31))
    (package / "refs.csv").write_text(f"source_id\n{keys}", encoding="utf-8")  # no s1
    with pytest.raises(DataError, match=r"row 2, column 'source_id': 's1' is not in column "
                                        r"'source_id' of refs\.csv; accepted: 's01', 's02', "
                                        r"'s03', .*, 's20', … \(30 in all\)$"):
        data.load("things", package)


def test_missing_file_and_unknown_table_are_named(package):
    (package / "refs.csv").unlink()
    with pytest.raises(DataError, match="refs.csv: missing"):
        data.load("refs", package)
    with pytest.raises(DataError, match="no table named 'nope'.*tables: things, refs"):
        data.load("nope", package)


def test_broken_descriptor_is_named(tmp_path):
    (tmp_path / "datapackage.json").write_text("{not json", encoding="utf-8")
    data._descriptor.cache_clear()
    with pytest.raises(DataError, match="datapackage.json: not valid JSON"):
        data.resource_names(tmp_path)


def test_loading_leaves_the_files_unchanged(package):
    before = (package / "things.csv").read_bytes()
    data.load("things", package)
    assert (package / "things.csv").read_bytes() == before


def test_shipped_package_is_valid_with_the_standard_tool(tmp_path):
    shutil.copytree(data.DATA_DIR, tmp_path / "data")
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "datapackage.json"],
        cwd=tmp_path / "data", capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-3000:]


def test_every_shipped_table_loads_with_declared_columns():
    data.validate_package()
    for name in data.resource_names():
        frame = data.load(name, validate=False)
        declared = [f["name"] for f in data.resource(name)["schema"]["fields"]]
        assert list(frame.columns) == declared and len(frame) > 0, name


def test_every_resource_states_licence_and_description():
    for res in data.descriptor()["resources"]:
        assert res.get("licenses"), f"{res['name']}: no licence"
        assert res.get("description"), f"{res['name']}: no description"
        for field in res["schema"]["fields"]:
            assert field.get("description"), f"{res['name']}.{field['name']}: no description"


def test_blank_missing_shows_gaps_blank_without_changing_values():
    """01's and 02's tables showed NaN and <NA> to readers (and fillna('') warned)."""
    import warnings

    table = pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "x": [1.5, float("nan")],
                          "s": ["a", None]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no FutureWarning about downcasting
        shown = data.blank_missing(table)
    assert shown.to_dict("list") == {"n": [1, ""], "x": [1.5, ""], "s": ["a", ""]}
