"""Prove a CSV table valid against its schema without frictionless, when that is easy.

Frictionless stays the reference validator, but importing it (with the jsonschema format
checkers it pulls in) costs about 2.5 s in every process, far more than checking our small
tables. :func:`conforms` reads a table the way frictionless 5 does (the same ``csv`` module
and dialect sniffing, the same missing values, type casts and constraint checks, unique
values and primary keys) for the part of Table Schema our data package uses, and answers
only "certainly valid" (``True``) or "not proven" (``False``). A schema it does not
handle, and any table with a problem, go to frictionless, which writes the error report:
this module makes loading faster, never changes what fails or how the error reads.
Descriptor-level checks (licences, foreign keys) are left to ``natoasia.data``: ``load``
checks a table's own foreign keys, ``validate_package`` the whole package.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from decimal import Decimal

# Mirrors frictionless 5: settings.py and the fields/ and formats/csv/ modules.
DEFAULT_MISSING_VALUES = [""]
DEFAULT_TRUE_VALUES = ["true", "True", "TRUE", "1"]
DEFAULT_FALSE_VALUES = ["false", "False", "FALSE", "0"]
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
SNIFFED_DELIMITERS = ",\t;|"
SAMPLE_LINES = 100
NAME_PATTERN = re.compile(r"^([-a-z0-9._/])+$")

RESOURCE_KEYS = {"name", "path", "title", "description", "format", "mediatype", "encoding",
                 "licenses", "sources", "schema"}
SCHEMA_KEYS = {"fields", "primaryKey", "missingValues", "foreignKeys"}
FIELD_KEYS = {"name", "type", "title", "description", "format", "constraints",
              "trueValues", "falseValues"}
# Constraints handled here, per field type ("unique" is a table-level check in frictionless).
CONSTRAINTS = {
    "string": {"required", "unique", "minLength", "maxLength", "pattern", "enum"},
    "integer": {"required", "unique", "minimum", "maximum"},
    "number": {"required", "unique", "minimum", "maximum"},
    "boolean": {"required"},
    "date": {"required"},
}

INVALID = object()  # what a cast returns for a cell its type cannot read


class Unsupported(Exception):
    """The descriptor uses something this module does not mirror: leave it to frictionless."""


def _integer(cell: str):
    try:
        return int(cell.strip())
    except ValueError:
        return INVALID


def _number(cell: str):
    try:
        value = Decimal(cell.strip())
    except ArithmeticError:
        return INVALID
    return INVALID if value.is_nan() else value  # NaN: let frictionless judge it


def _date_reader(fmt: str):
    def read(cell: str):
        try:
            return datetime.strptime(cell, fmt).date()
        except ValueError:
            return INVALID

    return read


def _boolean_reader(field: dict):
    mapping = {}
    for values, meaning in ((field.get("trueValues", DEFAULT_TRUE_VALUES), True),
                            (field.get("falseValues", DEFAULT_FALSE_VALUES), False)):
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise Unsupported("boolean values")
        mapping.update(dict.fromkeys(values, meaning))
    return lambda cell: mapping.get(cell, INVALID)


def _reader(field: dict):
    """The cast frictionless applies to a non-missing cell of this field."""
    kind, fmt = field["type"], field.get("format", "default")
    if kind == "date" and isinstance(fmt, str) and fmt != "any" and not fmt.startswith("fmt:"):
        return _date_reader(DEFAULT_DATE_FORMAT if fmt == "default" else fmt)
    if fmt != "default":
        raise Unsupported(f"format {fmt!r}")
    if kind == "string":
        return lambda cell: cell
    if kind == "integer":
        return _integer
    if kind == "number":
        return _number
    if kind == "boolean":
        return _boolean_reader(field)
    raise Unsupported(f"type {kind!r}")


def _bound(kind: str, value):
    """A minimum or maximum as frictionless casts it (numbers only; never a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Unsupported("bound")
    if kind == "number" and isinstance(value, float):
        return Decimal(str(value))
    if isinstance(value, float):
        if not value.is_integer():
            raise Unsupported("bound")
        return int(value)
    return value


def _value_check(field: dict):
    """A predicate for the field's constraints on a cast, non-missing value."""
    kind = field["type"]
    constraints = field.get("constraints", {})
    if not isinstance(constraints, dict) or set(constraints) - CONSTRAINTS[kind]:
        raise Unsupported("constraints")
    tests = []
    for name, limit in constraints.items():
        if name in ("required", "unique"):
            if not isinstance(limit, bool):
                raise Unsupported(name)
        elif name in ("minLength", "maxLength"):
            if isinstance(limit, bool) or not isinstance(limit, int):
                raise Unsupported(name)
            tests.append((lambda v, n=limit: len(v) >= n) if name == "minLength"
                         else (lambda v, n=limit: len(v) <= n))
        elif name == "pattern":
            if not isinstance(limit, str):
                raise Unsupported(name)
            try:
                pattern = re.compile(f"^{limit}$")  # frictionless anchors it this way
            except re.error:
                raise Unsupported(name) from None
            tests.append(lambda v, p=pattern: p.match(v) is not None)
        elif name == "enum":
            if not isinstance(limit, list) or not all(isinstance(v, str) for v in limit):
                raise Unsupported(name)
            tests.append(lambda v, allowed=frozenset(limit): v in allowed)
        else:  # minimum, maximum
            bound = _bound(kind, limit)
            tests.append((lambda v, b=bound: v >= b) if name == "minimum"
                         else (lambda v, b=bound: v <= b))
    return lambda value: all(test(value) for test in tests)


class _Field:
    """One field's cast, constraint checks and flags, built once per table."""

    def __init__(self, field: dict):
        if not isinstance(field, dict) or set(field) - FIELD_KEYS:
            raise Unsupported("field keys")
        kind = field.get("type")
        if not isinstance(kind, str) or kind not in CONSTRAINTS:  # absent: "any" to frictionless
            raise Unsupported(f"type {kind!r}")
        name = field.get("name")
        if not isinstance(name, str) or not name or name != name.strip():
            raise Unsupported("field name")
        self.name = name
        self.read = _reader(field)
        self.accepts = _value_check(field)
        constraints = field.get("constraints", {})
        self.required = constraints.get("required", False)
        self.unique = constraints.get("unique", False)
        self.cache: dict = {}  # raw cell -> cast value, or INVALID

    def value(self, cell: str):
        """The cast value of a non-missing cell, or INVALID (type or constraint error)."""
        if cell not in self.cache:
            value = self.read(cell)
            self.cache[cell] = value if value is INVALID or self.accepts(value) else INVALID
        return self.cache[cell]


def _plan(resource: dict) -> tuple[list[_Field], frozenset, list[int]]:
    """Fields, missing values and primary-key positions, or Unsupported."""
    if not isinstance(resource, dict) or set(resource) - RESOURCE_KEYS:
        raise Unsupported("resource keys")
    path, name = resource.get("path"), resource.get("name")
    if (not isinstance(path, str) or not path.endswith(".csv")
            or resource.get("format", "csv") != "csv"
            or str(resource.get("encoding", "")).lower() not in ("utf-8", "utf8")
            or not isinstance(name, str) or not NAME_PATTERN.match(name)):
        raise Unsupported("resource")
    schema = resource.get("schema")
    if not isinstance(schema, dict) or set(schema) - SCHEMA_KEYS:
        raise Unsupported("schema keys")
    fields = [_Field(f) for f in schema.get("fields", [])]
    names = [f.name for f in fields]
    if not fields or len(set(names)) != len(names):
        raise Unsupported("field names")
    missing = schema.get("missingValues", DEFAULT_MISSING_VALUES)
    if not isinstance(missing, list) or not all(isinstance(v, str) for v in missing):
        raise Unsupported("missing values")
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    if (not isinstance(key, list) or not all(isinstance(k, str) for k in key)
            or not set(key) <= set(names)):
        raise Unsupported("primary key")
    return fields, frozenset(missing), [names.index(k) for k in key]


def _rows(text: str) -> list[list[str]] | None:
    """The cells of every line, split as frictionless splits them; None unless the sniffed
    dialect is plain comma-separated CSV (the only one read here)."""
    lines = list(io.StringIO(text, newline=""))  # frictionless: TextIOWrapper, newline=""
    try:
        sniffed = csv.Sniffer().sniff("".join(lines[:SAMPLE_LINES]), SNIFFED_DELIMITERS)
    except csv.Error:
        sniffed = csv.excel
    if (sniffed.delimiter != "," or sniffed.skipinitialspace
            or sniffed.escapechar is not None):
        return None
    return list(csv.reader(lines, delimiter=",", quotechar='"', doublequote=True,
                           skipinitialspace=False, strict=False))


def conforms(text: str, resource: dict) -> bool:
    """True only if frictionless would find no error in this table (foreign keys aside).

    ``text`` is the file's content decoded as UTF-8 (without a byte-order mark);
    ``resource`` its entry in ``datapackage.json``.
    """
    if text.startswith("\ufeff"):
        return False
    try:
        fields, missing, key = _plan(resource)
        rows = _rows(text)
    except (Unsupported, csv.Error):
        return False
    if not rows or rows[0] != [f.name for f in fields]:
        return False
    width = len(fields)
    seen = {i: set() for i, f in enumerate(fields) if f.unique}
    keys = set()
    for cells in rows[1:]:
        if len(cells) != width:  # missing or extra cells, or a blank line
            return False
        values = []
        for field, cell in zip(fields, cells, strict=True):
            if cell in missing:
                if field.required:
                    return False
                values.append(None)
                continue
            value = field.value(cell)
            if value is INVALID:
                return False
            values.append(value)
        if all(v is None for v in values):  # a blank row
            return False
        for i, found in seen.items():
            if values[i] is not None:
                if values[i] in found:
                    return False
                found.add(values[i])
        if key:
            cells_of_key = tuple(values[i] for i in key)
            if set(cells_of_key) == {None} or cells_of_key in keys:
                return False
            keys.add(cells_of_key)
    return True
