"""The data package in ``data/``: tables loaded with the types their schema declares.

``datapackage.json`` (Frictionless) is the single description of every table. Loading a
table validates it against that description first, so a malformed file fails with the
file, row and column named, never with a confusing error three cells later.
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
    """A table as a DataFrame typed by its schema, after checking it against that schema."""
    folder = data_dir(folder).resolve()
    res = resource(name, folder)
    path = folder / res["path"]
    raw = _read_table(path, name)  # read once: the bytes checked are the bytes parsed
    if validate:
        _check_table(raw, res, folder, path)
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


def blank_missing(table: pd.DataFrame) -> pd.DataFrame:
    """A table as a reader sees it: missing values shown blank rather than NaN or <NA>
    (for display only: every column becomes text-like)."""
    shown = table.astype(object)
    return shown.where(table.notna(), "")
