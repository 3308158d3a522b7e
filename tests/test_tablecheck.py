"""The fast table check: it proves the shipped tables valid, and never accepts what frictionless
rejects (so every malformed file still gets frictionless's report, file, row and column)."""

import csv
import io
import random
import subprocess
import sys

import pytest
from frictionless import Resource, system

from conftest import DATA
from natoasia import data, tablecheck

SCHEMA = {
    "missingValues": [""],
    "primaryKey": ["thing_id"],
    "fields": [
        {"name": "thing_id", "type": "string",
         "constraints": {"required": True, "pattern": "t[0-9]+", "maxLength": 4}},
        {"name": "year", "type": "integer", "constraints": {"minimum": 1949, "maximum": 2024}},
        {"name": "share", "type": "number", "constraints": {"minimum": 0, "maximum": 0.5}},
        {"name": "kind", "type": "string", "constraints": {"enum": ["a", "b"], "unique": True}},
        {"name": "flag", "type": "boolean", "trueValues": ["true"], "falseValues": ["false"],
         "constraints": {"required": True}},
        {"name": "day", "type": "date", "format": "%Y-%m-%d"},
    ],
}
RESOURCE = {"name": "things", "path": "things.csv", "format": "csv", "encoding": "utf-8",
            "schema": SCHEMA}
GOOD = "thing_id,year,share,kind,flag,day\nt1,1999,0.5,a,true,2001-09-11\nt2,,0,b,false,\n"


def frictionless_valid(text: str, res: dict, folder) -> bool:
    (folder / res["path"]).write_text(text, encoding="utf-8", newline="")
    alone = dict(res, schema={k: v for k, v in res["schema"].items() if k != "foreignKeys"})
    with system.use_context(trusted=True):
        return Resource(alone, basepath=str(folder)).validate().valid


def test_a_good_table_is_proven_valid(tmp_path):
    assert tablecheck.conforms(GOOD, RESOURCE)
    assert frictionless_valid(GOOD, RESOURCE, tmp_path)


BROKEN = {
    "integer-type": GOOD.replace("1999", "19x9"),
    "integer-range": GOOD.replace("1999", "1948"),
    "number-type": GOOD.replace("0.5", "half"),
    "number-range": GOOD.replace("0.5", "0.5000001"),
    "number-nan": GOOD.replace("0.5", "NaN"),
    "pattern": GOOD.replace("t2", "x2"),
    "pattern-anchored": GOOD.replace("t2", "t2x"),
    "max-length": GOOD.replace("t2", "t2222"),
    "enum": GOOD.replace(",b,", ",c,"),
    "unique": GOOD.replace(",b,", ",a,"),
    "primary-key": GOOD.replace("t2", "t1"),
    "required": GOOD.replace("t1,", ","),
    "boolean-not-declared": GOOD.replace("true", "True"),
    "date": GOOD.replace("2001-09-11", "2001-02-30"),
    "renamed-column": GOOD.replace(",kind,", ",kinds,"),
    "missing-cell": GOOD.replace(",false,", ",false"),
    "extra-cell": GOOD.replace("false,", "false,,"),
    "blank-row": GOOD + ",,,,,\n",
    "blank-line": GOOD.replace("\nt2", "\n\nt2"),
}
# Valid to frictionless, but read here only in their plain form: frictionless decides.
UNUSUAL = {
    "byte-order-mark": "\ufeff" + GOOD,
    "semicolons": GOOD.replace(",", ";"),
    "label-with-spaces": GOOD.replace("thing_id,", " thing_id,"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_a_malformed_table_is_never_accepted(case, tmp_path):
    assert not tablecheck.conforms(BROKEN[case], RESOURCE)
    assert not frictionless_valid(BROKEN[case], RESOURCE, tmp_path)  # the case is real


@pytest.mark.parametrize("case", UNUSUAL)
def test_an_unusual_table_is_left_to_frictionless(case, tmp_path):
    assert not tablecheck.conforms(UNUSUAL[case], RESOURCE)
    assert frictionless_valid(UNUSUAL[case], RESOURCE, tmp_path)


@pytest.mark.parametrize(("change", "value"), [
    ("dialect", {"delimiter": ";"}),
    ("encoding", None),
    ("encoding", "latin-1"),
    ("format", "tsv"),
    ("bytes", 99),
])
def test_descriptor_features_not_mirrored_are_left_to_frictionless(change, value):
    res = dict(RESOURCE)
    if value is None:
        del res[change]
    else:
        res[change] = value
    assert not tablecheck.conforms(GOOD, res)


@pytest.mark.parametrize("field", [
    {"name": "year", "type": "year"},
    {"name": "year", "type": "integer", "bareNumber": False},
    {"name": "year", "type": "integer", "constraints": {"enum": [1999]}},
    {"name": "year", "type": "integer", "constraints": {"minimum": "1949"}},
    {"name": "year"},
], ids=["year-type", "bare-number", "integer-enum", "text-bound", "no-type"])
def test_field_features_not_mirrored_are_left_to_frictionless(field):
    fields = [field if f["name"] == "year" else f for f in SCHEMA["fields"]]
    res = dict(RESOURCE, schema=dict(SCHEMA, fields=fields))
    assert not tablecheck.conforms(GOOD, res)


@pytest.mark.parametrize("name", data.resource_names())
def test_every_shipped_table_is_proven_valid(name):
    res = data.resource(name)
    assert tablecheck.conforms((DATA / res["path"]).read_text(encoding="utf-8"), res)


def test_loading_every_table_does_not_need_frictionless():
    code = ("import sys; from natoasia import data\n"
            "for name in data.resource_names(): data.load(name)\n"
            "assert 'frictionless' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


HOSTILE = ["", " 7 ", "+5", "1_000", "1.0", "1e3", "NaN", "Infinity", "１２", "abc", "True",
           "1", "2020-1-5", "2020-02-30", '"', "a,b", "a\nb", "x" * 300, "é", "0.1", "2025"]


def mutations(rows: list[list[str]], rng: random.Random, count: int):
    """Edited copies of a table: hostile cells, copied cells, duplicated or ragged rows."""
    for _ in range(count):
        table = [row[:] for row in rows]
        i, j = rng.randrange(1, len(table)), rng.randrange(len(table[0]))
        kind = rng.randrange(5)
        if kind <= 1:
            table[i][j] = rng.choice(HOSTILE)
        elif kind == 2:
            table[i][j] = table[rng.randrange(1, len(table))][j]
        elif kind == 3:
            table.insert(i, table[i][:])
        else:
            del table[i][j]
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        yield out.getvalue()


@pytest.mark.parametrize("name", data.resource_names())
def test_no_edit_frictionless_rejects_is_accepted(name, tmp_path):
    res = data.resource(name)
    text = (DATA / res["path"]).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    rng = random.Random(name)
    for edited in mutations(rows, rng, 6):
        if tablecheck.conforms(edited, res):
            assert frictionless_valid(edited, res, tmp_path), edited[:300]
