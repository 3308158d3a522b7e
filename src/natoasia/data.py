"""The data package in ``data/``: tables loaded with the types their schema declares.

``datapackage.json`` (Frictionless) is the single description of every table. Loading a
table validates it against that description first, so a malformed file fails with the
file, row and column named, never with a confusing error three cells later. That includes
the table's own foreign keys (each value must be a key of the table it references) and its
corpus locators (:func:`natoasia.sources.table_locator_problems`): a notebook never goes on
with a row that cites a source or a paragraph the package does not have.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

from natoasia import tablecheck

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DESCRIPTOR = "datapackage.json"

# Frictionless field type -> pandas dtype; dates stay strings because precision varies.
PANDAS_DTYPES = {
    "string": "string",
    "integer": "Int64",
    "number": "float64",
    "boolean": "boolean",
    "year": "Int64",
    "date": "string",
}


class DataError(ValueError):
    """A table that does not match its schema; the message names file, row and column."""


def data_dir(path: str | Path | None = None) -> Path:
    return Path(path) if path is not None else DATA_DIR


@lru_cache(maxsize=8)
def _descriptor(folder: Path) -> dict:
    path = folder / DESCRIPTOR
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: missing; the data folder needs a {DESCRIPTOR}") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno})") from None


def descriptor(folder: str | Path | None = None) -> dict:
    """The package descriptor as a dict (read once per folder)."""
    return _descriptor(data_dir(folder).resolve())


def resource_names(folder: str | Path | None = None) -> list[str]:
    return [r["name"] for r in descriptor(folder)["resources"]]


def resource(name: str, folder: str | Path | None = None) -> dict:
    for res in descriptor(folder)["resources"]:
        if res["name"] == name:
            return res
    raise DataError(
        f"no table named {name!r} in {DESCRIPTOR}; tables: {', '.join(resource_names(folder))}"
    )


def _first_error(report, path: Path, res: dict | None = None) -> str:
    """One readable line for the first problem frictionless found: where, and what is wrong
    in words (the bad value itself for a wrong type, "duplicate key" for a repeated key)."""
    for task in report.tasks:
        for err in task.errors:
            row = getattr(err, "row_number", None)
            field = getattr(err, "field_name", None)
            where = ", ".join(
                part
                for part in (f"row {row}" if row else "", f"column {field!r}" if field else "")
                if part
            )
            what = err.note or err.message
            if err.type == "type-error":
                types = {f["name"]: f.get("type", "string")
                         for f in (res or {}).get("schema", {}).get("fields", [])}
                what = f"{err.cell!r} is not a valid {types.get(field, 'value')}"
            elif err.type in ("primary-key", "unique-error"):
                what = f"duplicate key: {what}"
            elif err.type == "constraint-error" and '"required"' in what:
                what = "a value is required"
            return f"{path}: {where + ': ' if where else ''}{what}"
    return f"{path}: invalid ({report.stats})"


def _check_shape(text: str, res: dict, path: Path) -> None:
    """The header names the schema's columns in order, and the file is not cut short: said
    plainly, where frictionless would name a neighbouring column or a required value."""
    rows = list(csv.reader(io.StringIO(text)))
    expected = [field["name"] for field in res["schema"]["fields"]]
    header = rows[0] if rows else []
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        problem = "; ".join(filter(None, [
            f"missing column {', '.join(map(repr, missing))}" if missing else "",
            f"unexpected column {', '.join(map(repr, extra))}" if extra else "",
            "columns out of order" if not (missing or extra) else ""]))
        raise DataError(f"{path}: header: {problem}; expected columns: {', '.join(expected)}")
    if len(rows) > 1 and not text.endswith("\n") and len(rows[-1]) < len(expected):
        raise DataError(f"{path}: row {len(rows)} has {len(rows[-1])} of {len(expected)} "
                        "columns and no line end: the file looks cut short")  # header: row 1


def _read_table(path: Path, name: str) -> bytes:
    if not path.is_file():
        raise DataError(f"{path}: missing; {DESCRIPTOR} describes table {name!r} there")
    return path.read_bytes()


def _check_table(raw: bytes, res: dict, folder: Path, path: Path) -> None:
    """Check a table's bytes against its resource entry (foreign keys aside).

    A table :mod:`natoasia.tablecheck` proves valid is done; any other goes to frictionless,
    which names the file, row and column of the first problem.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(f"{path}: row {line}: not UTF-8 (byte offset {exc.start}); "
                        "tables must be UTF-8 encoded") from None
    if tablecheck.conforms(text, res):
        return
    _check_shape(text, res, path)
    from frictionless import Resource, system

    alone = dict(res, schema={k: v for k, v in res["schema"].items() if k != "foreignKeys"})
    with system.use_context(trusted=True):  # foreign keys: see validate_package
        report = Resource(alone, basepath=str(folder)).validate()
    if not report.valid:
        raise DataError(_first_error(report, path, res))


def _frame(raw: bytes, res: dict) -> pd.DataFrame:
    """A table's bytes as a DataFrame typed by its schema (no checks)."""
    fields = res["schema"]["fields"]
    dtypes = {f["name"]: PANDAS_DTYPES.get(f.get("type", "string"), "string") for f in fields}
    booleans = [n for n, t in dtypes.items() if t == "boolean"]
    frame = pd.read_csv(
        io.BytesIO(raw),
        dtype={n: "string" if t == "boolean" else t for n, t in dtypes.items()},
        keep_default_na=False,
        na_values=res["schema"].get("missingValues", [""]),
        encoding="utf-8",
    )
    for column in booleans:
        frame[column] = frame[column].map({"true": True, "false": False}).astype("boolean")
    return frame[[f["name"] for f in fields]]


def _names(fields: str | list[str]) -> tuple[str, ...]:
    return (fields,) if isinstance(fields, str) else tuple(fields)


def _missing(res: dict) -> frozenset:
    return frozenset(res["schema"].get("missingValues", [""]))


@lru_cache(maxsize=32)
def _referenced(raw: bytes, path: Path, fields: tuple[str, ...], missing: frozenset
                ) -> frozenset:
    """The keys a foreign key may take: the text of ``fields`` in each row of the referenced
    table, parsed once per content (the bytes are part of the cache key, so another folder's
    table or an edited one is parsed afresh, and an unchanged one once per process)."""
    try:
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    except UnicodeDecodeError:
        raise DataError(f"{path}: not UTF-8; tables must be UTF-8 encoded") from None
    header = rows[0] if rows else []
    absent = [f for f in fields if f not in header]
    if absent:
        raise DataError(f"{path}: header: missing column {', '.join(map(repr, absent))}, "
                        "which a foreign key references")
    at = [header.index(f) for f in fields]
    keys = (tuple(None if cell in missing else cell
                  for cell in (row[i] if i < len(row) else "" for i in at)) for row in rows[1:])
    return frozenset(key for key in keys if set(key) != {None})  # all missing: no key


def _accepted(keys: frozenset, shown: int = 20) -> str:
    values = sorted((k[0] if len(k) == 1 else k for k in keys), key=str)
    listed = ", ".join(map(repr, values[:shown]))  # quoted: 'Korea, South' is one value
    return listed if len(values) <= shown else f"{listed}, … ({len(values)} in all)"


def _check_foreign_keys(frame: pd.DataFrame, res: dict, folder: Path, path: Path) -> None:
    """Every value of the table's foreign keys is a key of the table it references, compared
    as text (every key of this package is a string field); rows whose key cells are all
    missing are exempt, as in frictionless. Only the referenced tables are read."""
    for fk in res["schema"].get("foreignKeys", []):
        fields, reference = _names(fk["fields"]), fk["reference"]
        target = reference.get("resource") or res["name"]  # "": the table itself
        target_fields = _names(reference["fields"])
        target_res = res if target == res["name"] else resource(target, folder)
        target_path = folder / target_res["path"]
        accepted = _referenced(_read_table(target_path, target), target_path, target_fields,
                               _missing(target_res))
        keys = zip(*(frame[f].astype("string").to_numpy(dtype=object, na_value=None)
                     for f in fields), strict=True)
        for row, key in enumerate(keys, start=2):  # the header is row 1
            if key not in accepted and set(key) != {None}:
                value = repr(key[0]) if len(key) == 1 else repr(key)
                raise DataError(
                    f"{path}: row {row}, column {', '.join(map(repr, fields))}: {value} is "
                    f"not in column {', '.join(map(repr, target_fields))} of "
                    f"{target_path.name}; accepted: {_accepted(accepted)}")


def validate_package(folder: str | Path | None = None) -> None:
    """Check the whole package, foreign keys between tables included."""
    from frictionless import Package, system

    folder = data_dir(folder).resolve()
    with system.use_context(trusted=True):
        report = Package(str(folder / DESCRIPTOR)).validate()
    if not report.valid:
        for task in report.tasks:
            if not task.valid:
                raise DataError(_first_error(report, folder / task.place))
        raise DataError(_first_error(report, folder / DESCRIPTOR))


def load(name: str, folder: str | Path | None = None, validate: bool = True) -> pd.DataFrame:
    """A table as a DataFrame typed by its schema, after checking it against that schema, its
    own foreign keys and its corpus locators (``validate=False``: no checks at all).

    The first problem raises :class:`DataError` naming file, row, column and value."""
    folder = data_dir(folder).resolve()
    res = resource(name, folder)
    path = folder / res["path"]
    raw = _read_table(path, name)  # read once: the bytes checked are the bytes parsed
    if validate:
        _check_table(raw, res, folder, path)
    frame = _frame(raw, res)
    if validate:
        from natoasia.sources import table_locator_problems

        _check_foreign_keys(frame, res, folder, path)
        problems = table_locator_problems(raw.decode("utf-8-sig"), path, folder)
        if problems:
            raise DataError(problems[0])
    return frame


def blank_missing(table: pd.DataFrame) -> pd.DataFrame:
    """A table as a reader sees it: missing values shown blank rather than NaN or <NA>
    (for display only: every column becomes text-like)."""
    shown = table.astype(object)
    return shown.where(table.notna(), "")
